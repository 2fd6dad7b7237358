"""Run one submission's grading plan in an isolated, limited process.

A *zygote* (``python -m grader.sandbox``) imports NumPy, IPython and Matplotlib once and holds no answer keys
and no plan. For each submission it forks a *supervisor* (trusted), which forks the *student's process*:

* **namespaces** (the default): new PID, network, IPC, UTS and mount namespaces, entered as root or, for an
  ordinary user, through a user namespace of its own. The student's process builds a root that holds only the
  :mod:`grader.view` allow-list, read-only, and a private ``/tmp`` (also ``/var/tmp`` and ``/dev/shm``) whose
  size is the submission's disk quota, with the submission's side files in ``/tmp/submission``; it switches
  to that root, then gives up every privilege: under root it becomes an unprivileged user of its own (one per
  worker) in a memory and process cgroup; in a user namespace it drops every capability. When it ends, its PID
  namespace ends every process it started.
* **limited** (only when asked for): no namespaces; Landlock lets the process read the same allow-list and
  write only its scratch folder, connect nowhere over TCP and signal no process outside its own; the
  supervisor ends every process it left behind.

In both, the process has resource limits, no new privileges, and nothing open but two pipes to the
supervisor. It receives the plan's code and visible checks at once; the inputs of the hidden checks only once
it says all its cells have run, and from then on the supervisor keeps nothing but hidden-check results. The
supervisor reads everything the process reports (bounded), so nothing the student writes later can change it.

A run may also judge checks with the lesson's own versions of the functions a checked function calls: then the
supervisor, once the cells have run, answers the process's calls of those functions with their values
(:class:`grader.dependencies.Oracle`); it imports the lesson's functions only then, in its own memory.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from grader import confine

SANDBOX_HOME = "/tmp/submission"
FIRST_UID = 61000
BACKSTOP = 256 * 1024**2  # the cgroup's memory limit is this much above the address-space limit
CELLS_DONE = "cells done"
EXIT_RUNNER_FAILED = 3


@dataclass(frozen=True)
class Limits:
    """What one submission may use. ``seconds`` is the wall clock for the whole notebook; ``disk_bytes`` all it
    writes (its private /tmp), ``file_bytes`` any one file, ``output_bytes`` all it reports back."""

    seconds: float = 120.0
    memory_bytes: int = 2 * 1024**3
    processes: int = 64
    file_bytes: int = 64 * 1024**2
    disk_bytes: int = 128 * 1024**2
    open_files: int = 256
    output_bytes: int = 64 * 1024**2


@dataclass
class RunStatus:
    finished: bool = False
    timed_out: bool = False
    memory_exceeded: bool = False
    exit: str = ""
    seconds: float = 0.0
    isolation: str = ""
    ignored: int = 0  # what the notebook reported after it said its cells had run, other than hidden results
    records: list = field(default_factory=list, repr=False)


ISOLATIONS = ("namespaces", "limited")


class IsolationUnavailable(RuntimeError):
    """This machine cannot confine a submission the way asked for; the message says how to enable it."""


def check_isolation(isolation: str) -> None:
    """Raise IsolationUnavailable (one line) unless ``isolation`` works here, for this user."""
    if isolation == "limited":
        if os.geteuid() == 0:
            raise IsolationUnavailable(
                "limited isolation is for ordinary users: as root the grader isolates with namespaces"
            )
        if confine.landlock_abi() < 1:
            raise IsolationUnavailable(
                "this kernel has no Landlock (Linux 5.13 or newer with Landlock enabled is needed)"
            )
        return
    # In a process of its own: a namespace can only be entered by a process with one thread.
    probe = subprocess.run(
        [sys.executable, "-m", "grader.sandbox", "--probe"],
        capture_output=True,
        text=True,
        env=_sandbox_environment(),
        cwd="/",
    )
    if probe.returncode:
        lines = (probe.stdout + probe.stderr).strip().splitlines()
        reason = lines[-1] if lines else f"exit status {probe.returncode}"
        raise IsolationUnavailable(
            f"this machine does not let the grader isolate submissions ({reason}): run it as root, allow unprivileged "
            "user namespaces (sysctl kernel.unprivileged_userns_clone=1, or "
            "kernel.apparmor_restrict_unprivileged_userns=0),"
            " or pass --limited-isolation"
        )


class Sandbox:
    """The grader's handle on one zygote: ``run(plan, hidden, workdir, side_files)`` grades one submission."""

    def __init__(self, worker: int, limits: Limits, view, isolation: str = "namespaces"):
        self.limits, self.view, self.isolation = limits, view, isolation
        # A user of its own, unique among the sandboxes alive on this machine (any process, any worker).
        self.uid = FIRST_UID + (os.getpid() * 64 + worker % 64) % 1_000_000_000
        self._zygote: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        """The zygote, started if it is not running (its imports take a moment)."""
        if self._zygote is None or self._zygote.poll() is not None:
            self._zygote = subprocess.Popen(
                [sys.executable, "-m", "grader.sandbox"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=_sandbox_environment(),
                start_new_session=True,
                text=True,
                cwd="/",
            )
        return self._zygote

    def run(
        self, plan: dict, hidden: list, workdir: Path, side_files: dict[str, bytes], substitutions: list | None = None
    ) -> RunStatus:
        """Run ``plan`` (code and visible probes) and, once its cells have run, the ``hidden`` probes' cases.

        ``workdir`` is a trusted, empty folder for the plan, the results and the side files' copy.
        ``substitutions``: for each of the plan's steps run with the lesson's versions of the functions it calls
        (:func:`grader.dependencies.substitution`), those functions and the step's cases.
        """
        workdir.mkdir(parents=True, exist_ok=True)
        side = workdir / "side"
        for name, content in side_files.items():
            (side / name).parent.mkdir(parents=True, exist_ok=True)
            (side / name).write_bytes(content)
        side.mkdir(exist_ok=True)
        (workdir / "plan.json").write_text(json.dumps(plan))
        (workdir / "hidden.json").write_text(json.dumps(hidden))
        if substitutions:
            (workdir / "substitutions.json").write_text(json.dumps(substitutions))
        request = {
            "workdir": str(workdir),
            "uid": self.uid,
            "limits": asdict(self.limits),
            "isolation": self.isolation,
            "view": {
                "folders": list(self.view.folders),
                "course": self.view.course,
                "keras_datasets": self.view.keras_datasets,
            },
        }
        zygote = self.start()
        reply = ""
        try:
            zygote.stdin.write(json.dumps(request) + "\n")
            zygote.stdin.flush()
            ready, _, _ = select.select([zygote.stdout], [], [], self.limits.seconds + 30)
            reply = zygote.stdout.readline() if ready else ""
            if reply:
                status = RunStatus(**json.loads(reply))
            elif ready:
                status = RunStatus(exit=f"the grader's sandbox ended unexpectedly (status {zygote.wait()})")
            else:
                status = RunStatus(exit="the grader's sandbox did not answer in time", timed_out=True)
        except (OSError, ValueError, TypeError) as error:
            status = RunStatus(exit=f"the sandbox failed ({type(error).__name__}: {error})")
        if not reply:
            self.close()
        status.records = _read_records(workdir / "results.jsonl")
        status.finished = bool(status.records) and status.records[-1] == {"done": True}
        return status

    def close(self) -> None:
        if self._zygote is not None:
            confine.kill(self._zygote.pid, group=True)
            self._zygote.wait()
            self._zygote = None


def _read_records(path: Path) -> list:
    """The records the supervisor kept (it wrote them; each is one JSON line)."""
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _sandbox_environment() -> dict:
    # PYTHONPATH too: the zygote must import the same grader as the grader that starts it.
    keep = {
        name: os.environ[name]
        for name in ("PATH", "LANG", "LC_ALL", "KERAS_BACKEND", "PYTHONPATH")
        if name in os.environ
    }
    return {
        **keep,
        "HOME": SANDBOX_HOME,
        "MPLBACKEND": "Agg",
        "TQDM_DISABLE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "TMPDIR": "/tmp",
        "KERAS_HOME": f"{SANDBOX_HOME}/.keras",
        "MPLCONFIGDIR": f"{SANDBOX_HOME}/.matplotlib",
    }


# ----------------------------------------------------------------------------------------------
# Inside the zygote and the supervisor (trusted code; the student's code runs only in the innermost child).


def _enter_namespaces() -> str:
    """Enter new PID, network, IPC and UTS namespaces (and a user namespace when not root); say which."""
    flags = confine.CLONE_NEWPID | confine.CLONE_NEWNET | confine.CLONE_NEWIPC | confine.CLONE_NEWUTS
    if os.geteuid() == 0:
        confine.unshare(flags)
        return "full (root: namespaces, a user of its own, a cgroup)"
    confine.enter_user_namespace(flags)
    return "full (user namespaces)"


def _mount_root(request: dict, root: Path, own_user: bool) -> None:
    """Build, in ``root`` (an empty folder), the file system the student's process will see."""
    view, limits = request["view"], request["limits"]
    confine.tmpfs(str(root), 1024**2)
    for folder in confine_order(["/usr", *view["folders"]]):
        _show(folder, root)
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        if os.path.islink(f"/{name}"):
            os.symlink(os.readlink(f"/{name}"), root / name)
        elif os.path.isdir(f"/{name}"):
            _show(f"/{name}", root)
    for own, copy in sorted(view["course"].items()):
        (root / own.lstrip("/")).mkdir(parents=True, exist_ok=True)
        confine.bind(copy, str(root / own.lstrip("/")))
    (root / "etc").mkdir(exist_ok=True)
    for name in ETC:
        source = Path("/etc") / name
        if source.is_symlink():
            os.symlink(os.readlink(source), root / "etc" / name)
        elif source.is_dir():
            (root / "etc" / name).mkdir()
            confine.bind(str(source), str(root / "etc" / name))
        elif source.is_file():
            (root / "etc" / name).touch()
            confine.bind(str(source), str(root / "etc" / name))
    (root / "etc" / "passwd").write_text(
        f"root:x:0:0::/root:/bin/false\nstudent:x:{request['uid']}:{request['uid']}::{SANDBOX_HOME}:/bin/false\n"
    )
    (root / "etc" / "group").write_text(f"root:x:0:\nstudent:x:{request['uid']}:\n")
    (root / "dev").mkdir()
    for name in DEVICES:
        (root / "dev" / name).touch()
        confine.bind(f"/dev/{name}", str(root / "dev" / name), writable=True, device=True)
    for name, target in {
        "fd": "/proc/self/fd",
        "stdin": "/proc/self/fd/0",
        "stdout": "/proc/self/fd/1",
        "stderr": "/proc/self/fd/2",
        "shm": "/tmp/.shm",
    }.items():
        os.symlink(target, root / "dev" / name)
    (root / "var").mkdir()
    os.symlink("/tmp", root / "var" / "tmp")
    (root / "tmp").mkdir()
    confine.tmpfs(str(root / "tmp"), limits["disk_bytes"], 0o1777)
    (root / "tmp" / ".shm").mkdir(mode=0o1777)
    os.chmod(root / "tmp" / ".shm", 0o1777)
    home = root / SANDBOX_HOME.lstrip("/")
    _copy_tree(Path(request["workdir"]) / "side", home)
    datasets = home / ".keras" / "datasets"
    if view["keras_datasets"]:
        datasets.mkdir(parents=True, exist_ok=True)
    if own_user:  # the student's process becomes this user; in a user namespace it stays the namespace's root
        for path in [home, *home.rglob("*")]:
            os.lchown(path, request["uid"], request["uid"])
    if view["keras_datasets"]:
        confine.bind(view["keras_datasets"], str(datasets))
    (root / "proc").mkdir()
    confine.mount("proc", str(root / "proc"), "proc", confine.MS_NOSUID | confine.MS_NODEV | confine.MS_NOEXEC)
    (root / confine.OLD_ROOT).mkdir()


def confine_order(folders: list[str]) -> list[str]:
    """Folders to show, outermost first and without those another one already shows."""
    kept: list[str] = []
    for folder in sorted(set(folders), key=lambda f: (f.count("/"), f)):
        if not any(folder == k or folder.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(folder)
    return kept


def _show(folder: str, root: Path) -> None:
    if os.path.isdir(folder):
        target = root / folder.lstrip("/")
        target.mkdir(parents=True, exist_ok=True)
        confine.bind(folder, str(target))


def _copy_tree(source: Path, target: Path) -> None:
    """Copy the side files (regular files the grader wrote) into the student's home."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(exist_ok=True)
        else:
            destination.write_bytes(path.read_bytes())


ETC = ["ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "alternatives", "fonts", "mime.types", "nsswitch.conf"]
DEVICES = ["null", "zero", "full", "random", "urandom"]


def _landlock_rules(request: dict, scratch: str) -> list[tuple[str, int]]:
    """Limited isolation: read the view (not the course's own package folders), write only ``scratch``."""
    view = request["view"]
    hidden = set(view["course"])
    rules = []
    for folder in confine_order(["/usr", "/bin", "/sbin", "/lib", "/lib64", *view["folders"]]):
        inside = [own for own in hidden if own.startswith(folder.rstrip("/") + "/")]
        if not inside:
            rules.append((folder, confine.READ_RIGHTS))
            continue
        rules += _around(folder, inside)  # list it, read everything in it but the course's own packages
    rules += [(copy, confine.READ_RIGHTS) for copy in view["course"].values()]
    rules += [(f"/etc/{name}", confine.READ_RIGHTS) for name in ETC]
    rules += [(f"/dev/{name}", confine.FILE_RIGHTS) for name in DEVICES]
    rules += [("/proc", confine.READ_RIGHTS), (scratch, confine.READ_RIGHTS | confine.WRITE_RIGHTS)]
    if view["keras_datasets"]:
        rules.append((view["keras_datasets"], confine.READ_RIGHTS))
    return rules


def _around(folder: str, excluded: list[str]) -> list[tuple[str, int]]:
    rules = [(folder, 8)]  # READ_DIR: list it
    for entry in os.scandir(folder):
        path = entry.path
        if any(path == own for own in excluded):
            continue
        inner = [own for own in excluded if own.startswith(path + "/")]
        rules += _around(path, inner) if inner else [(path, confine.READ_RIGHTS)]
    return rules


def _enter_student_process(request: dict, isolation: str, keep: tuple[int, int]) -> None:
    """Become the student's process: its own root (or Landlock), no privileges, limits, only ``keep`` open."""
    confine.die_with_parent()
    os.setsid()  # a group of its own: kill(0, ...) must not reach the supervisor (in user namespaces, the same user)
    limits, workdir = request["limits"], Path(request["workdir"])
    own_user = isolation.startswith("full (root")
    # RLIMIT_NPROC counts every process of the real user: without a user of its own, allow this many more.
    processes = limits["processes"] + (0 if own_user else confine.tasks_of(os.getuid()))
    if isolation.startswith("full"):
        confine.unshare(confine.CLONE_NEWNS)
        confine.private_mounts()
        root = workdir / "root"
        root.mkdir(exist_ok=True)
        _mount_root(request, root, own_user)
        confine.make_read_only(str(root))
        confine.enter_root(str(root))
        os.chdir(SANDBOX_HOME)
        if own_user:
            os.setgroups([])
            os.setgid(request["uid"])
            os.setuid(request["uid"])
        else:
            confine.drop_capabilities()
    else:
        scratch = workdir / "scratch"
        _copy_tree(workdir / "side", scratch)
        _link_datasets(request["view"]["keras_datasets"], scratch / ".keras" / "datasets")
        os.chdir(scratch)
        os.environ.update(
            HOME=str(scratch),
            TMPDIR=str(scratch),
            KERAS_HOME=f"{scratch}/.keras",
            MPLCONFIGDIR=f"{scratch}/.matplotlib",
        )
        confine.no_new_privileges()
        confine.landlock(_landlock_rules(request, str(scratch)))
    confine.no_new_privileges()
    confine.limit(resource.RLIMIT_FSIZE, limits["file_bytes"])
    confine.limit(resource.RLIMIT_NOFILE, limits["open_files"])
    confine.limit(resource.RLIMIT_CORE, 0)
    # A large allocation fails with MemoryError in the student's cell; the cgroup, a little above, is the backstop.
    confine.limit(resource.RLIMIT_AS, limits["memory_bytes"])
    confine.limit(resource.RLIMIT_NPROC, processes)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for fd in sorted(keep):
        os.set_inheritable(fd, True)
    os.closerange(3, min(keep))
    os.closerange(min(keep) + 1, max(keep))
    os.closerange(max(keep) + 1, 65536)


def _link_datasets(source: str | None, target: Path) -> None:
    if source and os.path.isdir(source):
        target.mkdir(parents=True, exist_ok=True)
        for entry in os.scandir(source):
            (target / entry.name).symlink_to(os.path.realpath(entry.path))


class _Reader:
    """The supervisor's end of the student's report: JSON lines, read as they come, within a byte budget.

    Before the student's process says its cells have run, every record but hidden probes' results is kept;
    after, only those and the end: whatever a cell would print then cannot reach a report. With an ``oracle``,
    what comes after is the oracle's to answer and keep.
    """

    def __init__(self, budget: int, oracle=None):
        self.budget, self.buffer, self.records, self.cut, self.overflowed, self.ignored = (
            budget,
            b"",
            [],
            False,
            False,
            0,
        )
        self.oracle = oracle

    def feed(self, data: bytes) -> None:
        if self.overflowed:
            return
        self.budget -= len(data)
        if self.budget < 0:
            self.overflowed = True
            return
        self.buffer += data
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):
                continue
            if not isinstance(record, dict):
                continue
            if record.get("step") == CELLS_DONE and not self.cut:
                self.cut = True
                self.records.append({"step": CELLS_DONE})
            elif self.cut and self.oracle is not None and not isinstance(record.get("step"), int):
                if (kept := self.oracle.take(record, len(line))) is not None:
                    self.records.append(kept)
            elif ("hidden" in record) == self.cut or record == {"done": True}:  # hidden results only after the cut
                self.records.append(record)
            elif self.cut and isinstance(record.get("step"), int):
                self.ignored += 1


def _supervise(request: dict, results: Path) -> dict:
    os.setsid()
    workdir, limits = Path(request["workdir"]), request["limits"]
    plan = json.loads((workdir / "plan.json").read_text())
    if request["isolation"] == "limited":
        isolation = "limited (Landlock: reads only the allowed folders, writes only its folder; no namespaces)"
        confine.become_subreaper()
    else:
        isolation = _enter_namespaces()
    cgroup = None
    if isolation.startswith("full (root"):
        cgroup = confine.Cgroup(f"nn-course-{os.getpid()}", limits["memory_bytes"] + BACKSTOP, limits["processes"])
    records_read, records_write = os.pipe()
    hidden_read, hidden_write = os.pipe()
    go_read, go_write = os.pipe()
    started = time.monotonic()
    child = os.fork()
    if child == 0:
        code = 0
        try:
            for fd in (records_read, hidden_write, go_write):
                os.close(fd)
            os.read(go_read, 1)
            os.close(go_read)
            _enter_student_process(request, isolation, (records_write, hidden_read))
            from grader.runner import run_plan

            run_plan(plan, records_write, hidden_read)
        except BaseException as error:  # noqa: BLE001 - reported to the grader
            code = EXIT_RUNNER_FAILED
            try:
                os.write(
                    records_write, (json.dumps({"crash": f"{type(error).__name__}: {error}"[:500]}) + "\n").encode()
                )
            except BaseException:  # noqa: BLE001 - the exit status still says it
                pass
        finally:
            os._exit(code)
    del plan  # the student's process has it; the supervisor never needed more than its hidden half
    for fd in (records_write, hidden_read, go_read):
        os.close(fd)
    if cgroup:
        cgroup.add(child)
    os.write(go_write, b"go")
    os.close(go_write)
    oracle = _oracle(workdir)
    reader = _Reader(limits["output_bytes"], oracle)
    outgoing = bytearray() if oracle is None else oracle.answers  # for the student's process, in order
    sent_hidden = False
    os.set_blocking(hidden_write, False)
    deadline = started + limits["seconds"]
    timed_out, code = False, None
    while code is None:
        if reader.cut and not sent_hidden:
            outgoing[:0], sent_hidden = (workdir / "hidden.json").read_bytes() + b"\n", True
        writing = [hidden_write] if outgoing and hidden_write >= 0 else []
        ready, writable, _ = select.select([records_read], writing, [], 0.02)
        if ready:
            data = os.read(records_read, 1 << 16)
            reader.feed(data)
        if writable:
            try:
                del outgoing[: os.write(hidden_write, outgoing[: 1 << 16])]
            except OSError:
                outgoing.clear()
            if not outgoing and oracle is None:
                os.close(hidden_write)
                hidden_write = -1
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            code = status
        elif time.monotonic() > deadline:
            timed_out = True
            confine.kill(child, group=isolation.startswith("limited"))
            _, code = os.waitpid(child, 0)
    seconds = time.monotonic() - started
    while data := _read_rest(records_read):
        reader.feed(data)
    if isolation.startswith("limited"):
        confine.kill(child, group=True)
        confine.end_descendants(os.getpid())
    out_of_memory = bool(cgroup and cgroup.out_of_memory())
    if cgroup:
        cgroup.remove()
    results.write_text("".join(json.dumps(record) + "\n" for record in reader.records), encoding="utf-8")
    return {
        "timed_out": timed_out,
        "memory_exceeded": out_of_memory,
        "seconds": round(seconds, 3),
        "isolation": isolation,
        "exit": _exit_text(code, reader),
        "ignored": reader.ignored,
    }


def _oracle(workdir: Path):
    """The oracle of a run with substitutions (read now: the student's process is already forked), or None."""
    path = workdir / "substitutions.json"
    if not path.is_file():
        return None
    from grader.dependencies import Oracle

    return Oracle(json.loads(path.read_text()))


def _read_rest(fd: int) -> bytes:
    ready, _, _ = select.select([fd], [], [], 0)
    if not ready:
        return b""
    try:
        return os.read(fd, 1 << 16)
    except OSError:
        return b""


def _exit_text(code: int, reader: _Reader) -> str:
    """Why the student's process ended, in words."""
    if reader.overflowed:
        return "it reported more than the output limit allows"
    if os.WIFSIGNALED(code):
        return f"it was killed by signal {os.WTERMSIG(code)} ({signal.Signals(os.WTERMSIG(code)).name})"
    status = os.WEXITSTATUS(code)
    if status == EXIT_RUNNER_FAILED:
        crash = next((r["crash"] for r in reader.records if "crash" in r), "")
        return f"the grader's runner failed in the sandbox{f' ({crash})' if crash else ''}"
    return f"its process exited with status {status} before the grader's last step"


def _serve(request: dict) -> dict:
    results = Path(request["workdir"]) / "results.jsonl"
    status_read, status_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(status_read)
            status = _supervise(request, results)
            os.write(status_write, json.dumps(status).encode())
        except BaseException as error:  # noqa: BLE001 - reported to the grader
            os.write(
                status_write,
                json.dumps({"exit": f"the supervisor failed ({type(error).__name__}: {error})"[:500]}).encode(),
            )
        finally:
            os._exit(0)
    os.close(status_write)
    _, code = os.waitpid(pid, 0)
    with os.fdopen(status_read, "rb") as stream:
        raw = stream.read()
    if raw:
        return json.loads(raw)
    how = f"killed by signal {os.WTERMSIG(code)}" if os.WIFSIGNALED(code) else f"exited with {os.WEXITSTATUS(code)}"
    return {"exit": f"the grader's supervisor of this run ended without a status ({how})"}


def probe() -> int:
    """Whether this process can enter the namespaces a run needs; prints why not."""
    try:
        _enter_namespaces()
        confine.unshare(confine.CLONE_NEWNS)
        confine.private_mounts()
        confine.tmpfs("/tmp", 4096)  # seen by this process only: its mounts are private
        return 0
    except OSError as error:
        print(error)
        return 1


def main() -> None:
    """The zygote: warm imports, then one forked run per request line on stdin, one status line back."""
    # Matplotlib and IPython settle their folders once, here, in folders of the grader's user.
    sandbox_settings = os.environ["MPLCONFIGDIR"]
    os.environ["MPLCONFIGDIR"] = os.path.join(tempfile.gettempdir(), f"nn-course-matplotlib-{os.getuid()}")
    import matplotlib

    matplotlib.use("Agg")
    import grader.runner

    # IPython keeps an (empty) profile folder; one per grader user is enough.
    os.environ["IPYTHONDIR"] = os.path.join(tempfile.gettempdir(), f"nn-course-ipython-{os.getuid()}")
    grader.runner.prepare()
    os.environ["MPLCONFIGDIR"] = sandbox_settings
    for line in sys.stdin:
        reply = _serve(json.loads(line))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(probe()) if sys.argv[1:] == ["--probe"] else main()
