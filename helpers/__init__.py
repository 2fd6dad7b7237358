"""Pictures and widgets for the lessons."""

from helpers.network_diagram import draw_network

__all__ = ["draw_network"]
