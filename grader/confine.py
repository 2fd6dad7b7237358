"""The kernel's means of confining a process, as the sandbox uses them: namespaces, a root of allowed folders,
dropped privileges, Landlock, limits and cgroups. Linux only; every call raises OSError with what failed.

Nothing here decides *what* a student's process may see or use (see :mod:`grader.view` and
:mod:`grader.sandbox`); these are the mechanisms.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
import struct
import time
from pathlib import Path

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x20000, 0x4000000, 0x8000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE = 4096, 8192, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 1, 24, 38, 47
PR_SET_CHILD_SUBREAPER, PR_CAP_AMBIENT_CLEAR_ALL = 36, 4
SYSCALLS = {"x86_64": {"pivot_root": 155, "capset": 126}, "aarch64": {"pivot_root": 41, "capset": 91}}
LANDLOCK_CREATE_RULESET, LANDLOCK_ADD_RULE, LANDLOCK_RESTRICT_SELF = 444, 445, 446  # the same on every architecture

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> int:
    if result < 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")
    return result


def _syscall(name: str, *arguments) -> int:
    number = SYSCALLS.get(platform.machine(), {}).get(name)
    if number is None:
        raise OSError(0, f"{name}: no system call number known for {platform.machine()}")
    return _check(_libc.syscall(number, *arguments), name)


def _bytes(text: str | None):
    return None if text is None else text.encode()


def mount(source: str | None, target: str, kind: str | None = None, flags: int = 0, options: str | None = None) -> None:
    _check(
        _libc.mount(_bytes(source), _bytes(target), _bytes(kind), ctypes.c_ulong(flags), _bytes(options)),
        f"mount {target}",
    )


def unshare(flags: int) -> None:
    _check(_libc.unshare(flags), "unshare")


def enter_user_namespace(other_flags: int = 0) -> None:
    """Enter a new user namespace (with the other namespaces of ``other_flags``) as its root, which stands for
    this process's own user and group outside it."""
    uid, gid = os.getuid(), os.getgid()  # read before: inside, until mapped, they read as the overflow user
    unshare(CLONE_NEWUSER | other_flags)
    for name, text in (("uid_map", f"0 {uid} 1"), ("setgroups", "deny"), ("gid_map", f"0 {gid} 1")):
        fd = os.open(f"/proc/self/{name}", os.O_WRONLY)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)


def bind(source: str, target: str, writable: bool = False, device: bool = False) -> None:
    """Make ``source`` appear at ``target`` (which exists), read-only unless ``writable``; never set-uid, and no
    device node can be opened through it unless it is itself the ``device`` shown."""
    mount(source, target, None, MS_BIND | MS_REC)
    flags = MS_BIND | MS_REMOUNT | MS_NOSUID | (0 if writable else MS_RDONLY) | (0 if device else MS_NODEV)
    mount(None, target, None, flags | _kept_flags(target))


def _kept_flags(path: str) -> int:
    """The flags a remount must keep: inside a user namespace the kernel locks those the mount already has."""
    existing = os.statvfs(path).f_flag
    kept = existing & (MS_NOSUID | MS_NODEV | MS_NOEXEC | 1024 | 2048)  # ..., noatime, nodiratime
    return kept | (1 << 21 if existing & 4096 else 0) | (MS_RDONLY if existing & os.ST_RDONLY else 0)  # relatime


def tmpfs(target: str, size: int, mode: int = 0o755, read_only: bool = False) -> None:
    flags = MS_NOSUID | MS_NODEV | (MS_RDONLY if read_only else 0)
    mount("tmpfs", target, "tmpfs", flags, f"size={max(size, 4096)},mode={mode:o}")


def make_read_only(target: str) -> None:
    mount(None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


OLD_ROOT = ".old-root"


def enter_root(root: str) -> None:
    """Make ``root`` (holding an empty folder ``OLD_ROOT``) this mount namespace's root, and let go of the old one."""
    _syscall("pivot_root", _bytes(root), _bytes(os.path.join(root, OLD_ROOT)))
    os.chdir("/")
    _check(_libc.umount2(f"/{OLD_ROOT}".encode(), MNT_DETACH), "umount the old root")


def private_mounts() -> None:
    """Mounts made from now on stay in this mount namespace."""
    mount(None, "/", None, MS_REC | MS_PRIVATE)


def drop_capabilities() -> None:
    """Give up every capability for good: the bounding set, the ambient set, then the process's own sets."""
    last = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for capability in range(last + 1):
        _libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = ctypes.create_string_buffer(struct.pack("Ii", 0x20080522, 0))  # _LINUX_CAPABILITY_VERSION_3, this process
    data = ctypes.create_string_buffer(bytes(24))  # effective, permitted, inheritable: 0, for both 32-bit halves
    _syscall("capset", header, data)


def no_new_privileges() -> None:
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")


def die_with_parent() -> None:
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def become_subreaper() -> None:
    """Orphans of this process's descendants come back to it (so that it can end them) instead of to PID 1."""
    _check(_libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "subreaper")


def limit(resource_id: int, value: int) -> None:
    resource.setrlimit(resource_id, (value, value))


def tasks_of(uid: int) -> int:
    """How many processes and threads ``uid`` runs now (RLIMIT_NPROC counts them all)."""
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry.name}/task"))
            except OSError:
                pass
    return count


def kill(pid: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid`` (children first), read from /proc."""
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                children = Path(f"/proc/{parent}/task/{task}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.append(child)
                    pending.append(child)
    return found


def end_descendants(pid: int, seconds: float = 2.0) -> None:
    """Kill every process below ``pid`` until none is left (they may be forking while we look)."""
    deadline = time.monotonic() + seconds
    while (found := descendants(pid)) and time.monotonic() < deadline:
        for child in found:
            kill(child)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            pass


# Landlock: an unprivileged process restricts what it and its children may do with files, TCP and signals.

_FS_RIGHTS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
READ_RIGHTS = 1 | 4 | 8  # execute, read a file, read a directory
FILE_RIGHTS = 1 | 2 | 4 | (1 << 14) | (1 << 15)  # what a rule on a file (not a folder) may grant
WRITE_RIGHTS = 2 | (0b11111111111 << 4) | (1 << 13) | (1 << 14)  # write, remove, make, refer, truncate


def landlock_abi() -> int:
    """The Landlock version the kernel offers (0: none)."""
    result = _libc.syscall(LANDLOCK_CREATE_RULESET, None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    return max(result, 0)


def landlock(rules: list[tuple[str, int]]) -> None:
    """Allow only ``rules`` ((path, rights)) on files; on Landlock 4+ no TCP at all, on 6+ no signal or
    abstract socket outside this process's own domain. Raises OSError when Landlock is missing."""
    abi = landlock_abi()
    if abi < 1:
        raise OSError(0, "Landlock is not available")
    handled = _FS_RIGHTS_BY_ABI[max(key for key in _FS_RIGHTS_BY_ABI if key <= abi)]
    network = 3 if abi >= 4 else 0  # bind and connect TCP
    scoped = 3 if abi >= 6 else 0  # abstract UNIX sockets, signals
    attributes = struct.pack("QQQ", handled, network, scoped)[: 24 if abi >= 6 else 16 if abi >= 4 else 8]
    ruleset = _check(_libc.syscall(LANDLOCK_CREATE_RULESET, attributes, len(attributes), 0), "landlock ruleset")
    try:
        for path, rights in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # a folder this machine does not have
            try:
                allowed = rights & handled & (FILE_RIGHTS if not os.path.isdir(path) else -1)
                rule = struct.pack("=Qi", allowed, fd)
                _check(_libc.syscall(LANDLOCK_ADD_RULE, ruleset, 1, rule, 0), f"landlock rule for {path}")
            finally:
                os.close(fd)
        _check(_libc.syscall(LANDLOCK_RESTRICT_SELF, ruleset, 0), "landlock restrict")
    finally:
        os.close(ruleset)


class Cgroup:
    """A memory and process-count cgroup (v1 or v2) for one run, when the kernel lets the grader make one."""

    def __init__(self, name: str, memory_bytes: int, processes: int):
        self.directories: list[Path] = []
        unified = Path("/sys/fs/cgroup")
        if (unified / "cgroup.controllers").is_file():
            self._make(unified / name, {"memory.max": memory_bytes, "pids.max": processes})
        else:
            self._make(unified / "memory" / name, {"memory.limit_in_bytes": memory_bytes})
            self._make(unified / "pids" / name, {"pids.max": processes})

    def _make(self, directory: Path, settings: dict) -> None:
        try:
            directory.mkdir()
            self.directories.append(directory)
            for setting, value in settings.items():
                (directory / setting).write_text(str(value))
        except OSError:
            pass

    def add(self, pid: int) -> None:
        for directory in self.directories:
            try:
                (directory / "cgroup.procs").write_text(str(pid))
            except OSError:
                pass

    def out_of_memory(self) -> bool:
        for directory in self.directories:
            for name in ("memory.events", "memory.oom_control"):
                try:
                    for line in (directory / name).read_text().splitlines():
                        key, _, value = line.partition(" ")
                        if key == "oom_kill" and int(value) > 0:
                            return True
                except (OSError, ValueError):
                    pass
        return False

    def remove(self) -> None:
        for directory in self.directories:
            for _ in range(50):
                try:
                    pids = [int(p) for p in (directory / "cgroup.procs").read_text().split()]
                except OSError:
                    break
                for pid in pids:
                    kill(pid)
                try:
                    directory.rmdir()
                    break
                except OSError:
                    time.sleep(0.02)
