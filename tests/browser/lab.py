"""A JupyterLab server started as ``make lab-headless`` starts it, and a notebook open in it.

The server runs on a free localhost port with its own token, on a copy of ``lessons/`` (the
repository's notebooks are never touched), with Jupyter's per-user folders in a temporary folder
so that neither the user's Jupyter settings nor earlier runs change what it shows.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import Locator, Page, expect

# A loaded, shared machine can take a while to start a kernel or run nbgrader: wait, don't fail.
SECONDS = 120
expect.set_options(timeout=SECONDS * 1000)
# No pop-up asking whether to fetch Jupyter's news, and no update checks: pictures show the lesson only.
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLab:
    """``jupyter lab`` serving ``root``; use as a context manager: leaving it stops the server and all it started."""

    def __init__(self, root: Path, home: Path, bin_dir: Path = Path(sys.executable).parent):
        self.root, self.home, self.bin_dir = root, home, bin_dir
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / "jupyterlab.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> JupyterLab:
        for name, settings in USER_SETTINGS.items():
            path = self.home / "config" / "lab" / "user-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings))
        environment = {
            **os.environ,
            "PATH": f"{self.bin_dir}{os.pathsep}{os.environ['PATH']}",  # as the Makefile sets it
            "JUPYTER_CONFIG_DIR": str(self.home / "config"),
            "JUPYTER_DATA_DIR": str(self.home / "data"),
            "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"),
            "IPYTHONDIR": str(self.home / "ipython"),
        }
        command = [
            str(self.bin_dir / "jupyter"),
            "lab",
            *(["--allow-root"] if os.geteuid() == 0 else []),
            f"--ServerApp.root_dir={self.root}",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
        ]
        with self.log.open("w") as log:
            # Its own session: Ctrl+C in the terminal stops pytest, whose teardown stops the server cleanly,
            # rather than reaching the server too (which would then stop to ask for confirmation).
            self.process = subprocess.Popen(
                command, cwd=self.home, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exception) -> None:
        self.stop()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return
            except OSError:  # not listening yet
                time.sleep(0.5)
        raise TimeoutError(f"JupyterLab did not answer within {SECONDS} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def api(self, method: str, path: str):
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """End every notebook session, so that the next test starts with a fresh kernel."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def stop(self) -> None:
        """Stop the server, then end whatever it started that outlived it (kernels run in their own sessions)."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            family = [psutil.Process(self.process.pid), *psutil.Process(self.process.pid).children(recursive=True)]
        except psutil.NoSuchProcess:
            family = []
        self.process.terminate()  # on SIGTERM Jupyter shuts its kernels down
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            pass
        for process in family:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(family, timeout=10)
        self.process.wait()

    def page_url(self, path: str) -> str:
        """The address that opens ``path`` in a new workspace: a first visit's layout, whatever earlier pages did."""
        return f"{self.url}/lab/workspaces/{secrets.token_hex(4)}/tree/{path}?token={self.token}"


class Notebook:
    """A notebook open in JupyterLab, driven the way a student drives it: menus, clicks and keys."""

    def __init__(self, page: Page):
        self.page = page
        self.panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")

    def wait_until_ready(self) -> None:
        """Wait until the notebook is shown and its kernel has started (the status bar says so)."""
        expect(self.panel.locator(".jp-Notebook .jp-Cell").first).to_be_visible()
        expect(self.page.locator(".jp-StatusBar-Widget").get_by_text(re.compile(r"\| Idle$"))).to_be_visible()

    def hide_file_browser(self) -> None:
        """Click the file browser's tab in the left side bar, which closes it: the notebook gets the width."""
        self.page.locator(".jp-SideBar.jp-mod-left li[data-id='filebrowser']").click()
        expect(self.page.locator("#jp-left-stack")).to_be_hidden()

    def cell(self, text: str) -> Locator:
        """The code cell whose source contains ``text``."""
        return self.panel.locator(".jp-CodeCell").filter(has=self.page.locator(".jp-InputArea-editor", has_text=text))

    def output(self, cell: Locator) -> Locator:
        return cell.locator(".jp-OutputArea-output")

    def menu(self, *path: str) -> None:
        """Click through the menu bar, e.g. menu("Run", "Run All Cells")."""
        self.page.locator("#jp-MainMenu").get_by_role("menuitem", name=path[0], exact=True).click()
        for name in path[1:]:
            self.page.locator(".lm-Menu:visible").last.get_by_role("menuitem").filter(has_text=name).first.click()

    def run(self, cell: Locator) -> None:
        """Select ``cell`` and press Shift+Enter: it runs, and the next cell is selected."""
        cell.locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Shift+Enter")

    def screenshot(self, path: Path, bottom: Locator) -> None:
        """Scroll until ``bottom`` is the last thing in view, and save a picture of the window."""
        bottom.evaluate("element => element.scrollIntoView({block: 'end'})")
        self.page.mouse.move(0, self.page.viewport_size["height"] - 1)  # no hover highlights in the picture
        self.page.screenshot(path=path)

    def replace_line(self, cell: Locator, line: str, new_line: str) -> None:
        """In ``cell``'s editor, replace the line containing ``line`` by typing ``new_line`` over it."""
        cell.locator(".cm-line").filter(has_text=line).click(click_count=3)  # a triple click selects the line
        self.page.keyboard.type(new_line)
