"""Who runs the grader in a test: root, or an ordinary user (when the tests run as root, one they create).

An instructor grading on a laptop is an ordinary user: the grader must give the same guarantees there, through
user namespaces. When the tests run as root they create that user (``nn-course-grader``) and run the grader
as it with util-linux's ``setpriv``; if this machine's Python lies under a folder others may not enter (say
``/root/.pyenv``), the command runs in a private mount namespace where only that Python is made reachable.
"""

from __future__ import annotations

import os
import pwd
import shlex
import subprocess
from pathlib import Path

USER = "nn-course-grader"


def ordinary_user() -> pwd.struct_passwd:
    """The user the tests run the grader as: this one when not root, else one made for the purpose."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
            check=True,
            capture_output=True,
        )
        return pwd.getpwnam(USER)


def _closed_ancestor(path: Path) -> Path | None:
    """The outermost folder above ``path`` that other users may not enter."""
    for parent in reversed(path.parents):
        if parent != Path("/") and not parent.stat().st_mode & 0o001:
            return parent
    return None


def as_user(command: list[str], user: pwd.struct_passwd, reachable: list[Path]) -> list[str]:
    """``command`` run as ``user`` (unchanged when that is who runs the tests), with the folders ``reachable``
    (Python, the environment, the course) reachable even where a folder above them is closed to others."""
    if os.geteuid() == user.pw_uid:
        return command
    needed = sorted({path.resolve() for path in reachable})
    closed = {path: ancestor for path in needed if (ancestor := _closed_ancestor(path)) is not None}
    steps = ["mount --make-rprivate /"]
    for number, path in enumerate(closed):
        steps += [f"k{number}=$(mktemp -d)", f'mount --bind {shlex.quote(str(path))} "$k{number}"']
    for ancestor in sorted(set(closed.values())):
        steps.append(f"mount -t tmpfs -o mode=755 tmpfs {shlex.quote(str(ancestor))}")
    for number, path in enumerate(closed):
        steps += [f"mkdir -p {shlex.quote(str(path))}", f'mount --move "$k{number}" {shlex.quote(str(path))}']
    steps.append(f'exec setpriv --reuid={user.pw_uid} --regid={user.pw_gid} --clear-groups -- "$@"')
    return ["unshare", "--mount", "sh", "-c", " && ".join(steps), "sh", *command]


def give(folder: Path, user: pwd.struct_passwd) -> None:
    """Make ``folder`` and everything in it belong to ``user``."""
    if os.geteuid() == 0:
        for path in [folder, *folder.rglob("*")]:
            os.lchown(path, user.pw_uid, user.pw_gid)
