"""Find Chromium for the browser tests: Debian's package, driven through Playwright's ``executable_path``.

``make test`` installs it first when it is missing and the machine allows it (root, apt-get); Playwright's own
browser downloads are never used. Without it the browser tests are skipped, saying why.
"""

from __future__ import annotations

import shutil

# Headless, and quiet: without the background-networking flags Chromium keeps calling Google's services.
ARGUMENTS = [
    "--headless",
    "--no-sandbox",  # the sandbox cannot start as root, which CI machines and containers often are
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find() -> tuple[str | None, str]:
    """(path to Chromium, "") or, when it is missing, (None, the reason)."""
    found = shutil.which("chromium")
    if found:
        return found, ""
    return (
        None,
        "Chromium is not installed: `make test` installs Debian's chromium package as root "
        "(or run `apt-get install chromium`)",
    )
