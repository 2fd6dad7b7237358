"""Run one submission's grading plan in an isolated, limited process.

A *zygote* (``python -m grader.sandbox``) imports NumPy, IPython and Matplotlib once and holds no
answer keys. For each submission it forks a supervisor, which, when the grader runs as root on Linux:

* enters new mount, network, PID, IPC and UTS namespaces: no network; a private ``/tmp``; the
  submission's scratch copy at ``/tmp/submission`` (the working directory); the solutions, answer keys,
  gradebook and every submission hidden under empty read-only mounts;
* puts the student's process in a memory and process-count cgroup when the kernel offers one;
* forks the student's process as PID 1 of the new PID namespace, which drops to an unprivileged user of
  its own (one per worker), sets resource limits (file size, open files, no core dumps, no new
  privileges), closes every descriptor but the results file, and runs :mod:`grader.runner`;
* kills it at the wall-clock deadline; when it ends, the kernel ends every process of its namespace,
  and the supervisor also kills whatever that user still runs and removes the cgroup.

Without root (or without namespaces) the same runs with what an ordinary user can enforce: a separate
process group killed at the deadline, address-space and process-count limits, a scratch working
directory. The status says which isolation applied.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x20000, 0x4000000, 0x8000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
SANDBOX_HOME = "/tmp/submission"
FIRST_UID = 61000
BACKSTOP = 256 * 1024**2  # the cgroup's memory limit is this much above the address-space limit


@dataclass(frozen=True)
class Limits:
    """What one submission may use. ``seconds`` is the wall clock for the whole notebook."""

    seconds: float = 120.0
    memory_bytes: int = 2 * 1024**3
    processes: int = 64
    file_bytes: int = 64 * 1024**2
    open_files: int = 256


@dataclass
class RunStatus:
    finished: bool = False
    timed_out: bool = False
    memory_exceeded: bool = False
    exit: str = ""
    seconds: float = 0.0
    isolation: str = ""
    records: list = field(default_factory=list, repr=False)


class Sandbox:
    """The grader's handle on one zygote: ``run(plan, workdir)`` grades one submission at a time."""

    def __init__(self, worker: int = 0, limits: Limits = Limits(), hide: tuple[str, ...] = (), keras_datasets: str | None = None):
        self.limits, self.hide, self.keras_datasets = limits, tuple(hide), keras_datasets
        # A user of its own, unique among the sandboxes alive on this machine (any process, any worker).
        self.uid = FIRST_UID + (os.getpid() * 64 + worker % 64) % 1_000_000_000
        self._zygote: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self._zygote is None or self._zygote.poll() is not None:
            self._zygote = subprocess.Popen(
                [sys.executable, "-m", "grader.sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                env=_sandbox_environment(), start_new_session=True, text=True,
            )  # fmt: skip
        return self._zygote

    def run(self, plan: dict, workdir: Path, scratch_files: Path | None = None) -> RunStatus:
        """Run ``plan`` with ``workdir`` (a trusted, empty folder) for its plan, results and scratch copy."""
        workdir.mkdir(parents=True, exist_ok=True)
        scratch = workdir / "scratch"
        if scratch_files is not None and scratch_files.is_dir():
            shutil.copytree(scratch_files, scratch, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        scratch.mkdir(exist_ok=True)
        (workdir / "plan.json").write_text(json.dumps(plan))
        request = {
            "plan": str(workdir / "plan.json"), "results": str(workdir / "results.jsonl"), "scratch": str(scratch),
            "uid": self.uid, "limits": asdict(self.limits), "hide": list(self.hide),
            "keras_datasets": self.keras_datasets, "expose": _needed_paths(self.keras_datasets),
        }  # fmt: skip
        zygote = self._start()
        try:
            zygote.stdin.write(json.dumps(request) + "\n")
            zygote.stdin.flush()
            ready, _, _ = select.select([zygote.stdout], [], [], self.limits.seconds + 30)
            reply = zygote.stdout.readline() if ready else ""
            status = RunStatus(**json.loads(reply)) if reply else RunStatus(exit="the sandbox did not answer", timed_out=True)
        except (OSError, ValueError, TypeError):
            status = RunStatus(exit="the sandbox failed")
        if not reply:
            self.close()
        status.records = _read_records(workdir / "results.jsonl", self.limits.file_bytes)
        status.finished = bool(status.records) and status.records[-1] == {"done": True}
        return status

    def close(self) -> None:
        if self._zygote is not None:
            try:
                os.killpg(self._zygote.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._zygote.wait()
            self._zygote = None


def _needed_paths(keras_datasets: str | None) -> list[str]:
    """Folders the student's process must read: Python, the environment, the course, the data files."""
    paths = {sys.base_prefix, sys.prefix, sys.exec_prefix, str(Path(__file__).resolve().parents[1])}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    if keras_datasets and os.path.isdir(keras_datasets):
        paths.update(os.path.dirname(os.path.realpath(e.path)) for e in os.scandir(keras_datasets))
    return sorted(os.path.realpath(p) for p in paths)


def _read_records(path: Path, limit: int) -> list:
    """The JSON lines the student's process wrote; malformed lines are dropped (that data is untrusted)."""
    if not path.is_file():
        return []
    with open(path, "rb") as stream:
        raw = stream.read(limit)
    records = []
    for line in raw.splitlines():
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def _sandbox_environment() -> dict:
    keep = {name: os.environ[name] for name in ("PATH", "LANG", "LC_ALL", "KERAS_BACKEND") if name in os.environ}
    return {
        **keep, "HOME": SANDBOX_HOME, "MPLBACKEND": "Agg", "TQDM_DISABLE": "1", "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "KERAS_HOME": f"{SANDBOX_HOME}/.keras", "MPLCONFIGDIR": f"{SANDBOX_HOME}/.matplotlib",
    }  # fmt: skip


# ----------------------------------------------------------------------------------------------
# Inside the zygote (trusted code; the student's code runs only in the innermost child).

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")


def _mount(source: str | None, target: str, kind: str | None, flags: int, options: str | None = None) -> None:
    encode = lambda text: None if text is None else text.encode()  # noqa: E731
    _check(_libc.mount(encode(source), encode(target), encode(kind), ctypes.c_ulong(flags), encode(options)), f"mount {target}")


def _closed_ancestor(path: str) -> str | None:
    """The outermost folder above ``path`` that other users may not enter, if any."""
    current = "/"
    for part in Path(path).parts[1:]:
        if not os.stat(current).st_mode & 0o001:
            return current
        current = os.path.join(current, part)
    return None


def _expose(paths: list[str]) -> None:
    """Make ``paths`` reachable for the unprivileged student user when a parent folder is closed to others.

    Python itself may live in such a folder (``/root/.pyenv``): the closed folder is covered with an empty
    one that others may enter, and only the needed paths are bound back into it.
    """
    closed: dict[str, list[str]] = {}
    for path in paths:
        ancestor = _closed_ancestor(path) if os.path.exists(path) else None
        if ancestor is not None and ancestor != "/":
            closed.setdefault(ancestor, []).append(path)
    for ancestor, inside in closed.items():
        handles = {path: os.open(path, os.O_RDONLY | os.O_DIRECTORY) for path in inside if os.path.isdir(path)}
        _mount("tmpfs", ancestor, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755")
        for path, handle in handles.items():
            os.makedirs(path, exist_ok=True)
            _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
            os.close(handle)


def _isolate(request: dict) -> str:
    """Enter new namespaces and hide what the student must not see; return which isolation applies."""
    if os.geteuid() != 0:
        return "limited: the grader does not run as root"
    try:
        _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
    except OSError as error:
        return f"limited: no namespaces ({error})"
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _expose(request["expose"])
    # Held open so they stay reachable for binding after the new /tmp covers them: the scratch copy, the
    # data sets, and whatever the student's Python needs that lives under /tmp (a course cloned there).
    scratch = os.open(request["scratch"], os.O_RDONLY | os.O_DIRECTORY)
    datasets = request.get("keras_datasets")
    datasets_fd = os.open(datasets, os.O_RDONLY | os.O_DIRECTORY) if datasets and os.path.isdir(datasets) else None
    under_tmp = [p for p in request["expose"] if p.startswith("/tmp/") and os.path.isdir(p)]
    outermost = [p for p in under_tmp if not any(p.startswith(q + "/") for q in under_tmp)]
    kept = {path: os.open(path, os.O_RDONLY | os.O_DIRECTORY) for path in outermost}
    _mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=256m,mode=1777")
    for path, handle in kept.items():
        os.makedirs(path)
        _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
    os.mkdir(SANDBOX_HOME)
    _mount(f"/proc/self/fd/{scratch}", SANDBOX_HOME, None, MS_BIND | MS_REC)
    os.chown(SANDBOX_HOME, request["uid"], request["uid"])
    if datasets_fd is not None:
        target = f"{SANDBOX_HOME}/.keras/datasets"
        os.makedirs(target, exist_ok=True)
        os.chown(os.path.dirname(target), request["uid"], request["uid"])
        _mount(f"/proc/self/fd/{datasets_fd}", target, None, MS_BIND | MS_REC)
        _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY)
    for path in request["hide"]:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=1m,mode=755")
    return "full"


class _Cgroup:
    """A memory and process-count cgroup (v1 or v2) for one run, when the kernel lets the grader make one."""

    def __init__(self, name: str, limits: dict):
        self.directories: list[Path] = []
        unified = Path("/sys/fs/cgroup")
        if (unified / "cgroup.controllers").is_file():
            self._make(unified / name, {"memory.max": limits["memory_bytes"] + BACKSTOP, "pids.max": limits["processes"]})
        else:
            self._make(unified / "memory" / name, {"memory.limit_in_bytes": limits["memory_bytes"] + BACKSTOP})
            self._make(unified / "pids" / name, {"pids.max": limits["processes"]})

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
                    _kill(pid)
                try:
                    directory.rmdir()
                    break
                except OSError:
                    time.sleep(0.02)


def _kill(pid: int, group: bool = False) -> None:
    try:
        (os.killpg if group else os.kill)(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _kill_user(uid: int) -> None:
    """Kill every process the sandbox's user still runs (say, one it detached)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setuid(uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _enter_student_process(request: dict, full: bool, keep_fd: int) -> None:
    """Become the student's process: no privileges, limited resources, nothing open but the results file."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    limits = request["limits"]
    if full:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV)
        os.setgroups([])
        os.setgid(request["uid"])
        os.setuid(request["uid"])
        os.chdir(SANDBOX_HOME)
    else:
        os.setsid()
        os.chdir(request["scratch"])
        _link_datasets(request.get("keras_datasets"), Path(request["scratch"]) / ".keras" / "datasets")
        os.environ.update(HOME=request["scratch"], KERAS_HOME=f"{request['scratch']}/.keras", MPLCONFIGDIR=f"{request['scratch']}/.matplotlib")
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_bytes"],) * 2)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"],) * 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # A large allocation fails with MemoryError in the student's cell; the cgroup, a little above, is the backstop.
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory_bytes"],) * 2)
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"],) * 2)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, keep_fd)
    os.closerange(keep_fd + 1, 65536)


def _link_datasets(source: str | None, target: Path) -> None:
    if source and os.path.isdir(source):
        target.mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(source):
            (target / entry.name).symlink_to(os.path.realpath(entry.path))


def _supervise(request: dict, plan: dict, results_fd: int) -> dict:
    os.setsid()
    isolation = _isolate(request)
    full = isolation == "full"
    cgroup = _Cgroup(f"nn-course-{os.getpid()}", request["limits"]) if full else None
    go_read, go_write = os.pipe()
    started = time.monotonic()
    child = os.fork()
    if child == 0:
        try:
            os.close(go_write)
            os.read(go_read, 1)
            _enter_student_process(request, full, results_fd)
            from grader.runner import run_plan

            run_plan(plan, results_fd)
        except BaseException as error:  # noqa: BLE001 - recorded for the grader's report
            os.write(results_fd, (json.dumps({"crash": f"{type(error).__name__}: {error}"[:500]}) + "\n").encode())
        finally:
            os._exit(0)
    os.close(go_read)
    if cgroup:
        cgroup.add(child)
    os.write(go_write, b"go")
    deadline = started + request["limits"]["seconds"]
    timed_out, code = False, None
    while code is None:
        pid, code = os.waitpid(child, os.WNOHANG)
        if pid == 0:
            code = None
            if time.monotonic() > deadline:
                timed_out = True
                _kill(child, group=not full)
                _, code = os.waitpid(child, 0)
            else:
                time.sleep(0.005)
    seconds = time.monotonic() - started
    if not full:
        _kill(child, group=True)
    out_of_memory = bool(cgroup and cgroup.out_of_memory())
    if cgroup:
        cgroup.remove()
    if os.WIFSIGNALED(code):
        exit_text = f"killed by signal {os.WTERMSIG(code)}"
    else:
        exit_text = f"exited with {os.WEXITSTATUS(code)}"
    return {"timed_out": timed_out, "memory_exceeded": out_of_memory, "exit": exit_text, "seconds": round(seconds, 3), "isolation": isolation}


def _serve(request: dict) -> dict:
    plan = json.loads(Path(request["plan"]).read_text())
    results_fd = os.open(request["results"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    status_read, status_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(status_read)
            status = _supervise(request, plan, results_fd)
            os.write(status_write, json.dumps(status).encode())
        finally:
            os._exit(0)
    os.close(results_fd)
    os.close(status_write)
    os.waitpid(pid, 0)
    if os.geteuid() == 0:
        _kill_user(request["uid"])  # here, not in the supervisor: its PID namespace accepts no new process
    with os.fdopen(status_read, "rb") as stream:
        raw = stream.read()
    return json.loads(raw) if raw else {"exit": "the supervisor failed"}


def main() -> None:
    """The zygote: warm imports, then one forked run per request line on stdin, one status line back."""
    import matplotlib

    matplotlib.use("Agg")
    import grader.runner

    # IPython keeps an (empty) profile folder; one per grader user is enough.
    os.environ["IPYTHONDIR"] = os.path.join(tempfile.gettempdir(), f"nn-course-ipython-{os.getuid()}")
    grader.runner.prepare()
    for line in sys.stdin:
        reply = _serve(json.loads(line))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
