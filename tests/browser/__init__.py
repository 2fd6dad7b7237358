"""Tools for the browser tests (tests/test_browser.py): Chromium, a JupyterLab server, a notebook page."""
