"""Pictures, widgets and data for the lessons. Submodules load on first use (Matplotlib is slow to import)."""

__all__ = ["draw_network"]


def __getattr__(name):
    if name == "draw_network":
        from helpers.network_diagram import draw_network

        return draw_network
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")
