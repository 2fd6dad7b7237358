"""Find Chromium, installing Debian's package when it is missing and this machine allows it.

CI starts from a fresh machine, so the browser tests install their browser themselves, the way the
Makefile installs the Python packages. Playwright's own browser downloads are never used: the system
Chromium is driven through ``executable_path``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

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
# Test workers (pytest -n) may all arrive here at once: one installs, the others wait for it.
LOCK = Path(tempfile.gettempdir()) / "nn-from-scratch-chromium.lock"


def find_or_install() -> tuple[str | None, str]:
    """(path to Chromium, "") or, when it is missing and cannot be installed, (None, the reason)."""
    found = shutil.which("chromium")
    if found:
        return found, ""
    if not shutil.which("apt-get"):
        return (
            None,
            "Chromium is not installed and this system has no apt-get to install it (Debian's chromium package)",
        )
    if os.geteuid() != 0:
        return None, "Chromium is not installed and installing it needs root: run `apt-get install chromium` as root"
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        reason = "" if shutil.which("chromium") else _install()  # another worker may have installed it meanwhile
    found = shutil.which("chromium")
    return (found, "") if found else (None, reason)


def _install() -> str:
    """Install Debian's chromium quietly; return why it failed, or ""."""
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    wait_for_other_installers = ["-o", "DPkg::Lock::Timeout=600"]
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        result = subprocess.run(command + wait_for_other_installers, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            last_line = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()[-1]
            return f"Chromium is not installed and `{' '.join(command)}` failed: {last_line}"
    return (
        "" if shutil.which("chromium") else "apt-get installed the chromium package but there is no `chromium` command"
    )
