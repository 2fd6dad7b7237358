"""Trusted grading: every cheat and fault gets exactly the score its honest part earns; the batch goes on.

Lesson 01 has seven exercises of 3 points (1 visible + 2 hidden): the honest solution earns 21. Each
attack below sits in one answer cell of an otherwise honest solution; the expected score says what its
honest part earns.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from support import LESSON_IDS, LESSONS, SOLUTIONS, notebook_path, with_answer

from grader.autograde import Settings, autograde
from grader.lessons import REPOSITORY
from grader.sandbox import Limits

pytestmark = pytest.mark.notebook

LESSON = "01-forward-propagation"
FULL, PER_EXERCISE = 21.0, 3.0
WRONG_ELE_MUL = "def ele_mul(number, vector):\n    return [0.0 for _ in vector]\n"
RIGHT_ELE_MUL = "def ele_mul(number, vector):\n    return [number * value for value in vector]\n"
RIGHT_W_SUM = "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
LIMITS = Limits(seconds=15, memory_bytes=768 * 1024**2)
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="full isolation needs root (namespaces, users, cgroups)")


def _solution() -> nbformat.NotebookNode:
    return nbformat.read(notebook_path(LESSON, SOLUTIONS), as_version=4)


@pytest.fixture
def graded_course(course, monkeypatch):
    """A course whose gradebook knows the lesson; returns (course, run) where run() grades in-process."""
    monkeypatch.setenv("NN_COURSE_WORK", str(course.work))
    course.nbgrader("generate_assignment", LESSON, "--force")

    def run(students=None, limits=LIMITS):
        return {r.student: r for r in autograde(LESSON, students, Settings(limits))}

    return course, run


def _attacks(work: Path, listener_port: int) -> dict[str, tuple[str, str, float]]:
    """name -> (answer cell, its source, the score the honest part earns)."""
    gradebook = work / "gradebook.db"
    solution = notebook_path(LESSON, SOLUTIONS)
    other = work / "submitted" / "honest" / LESSON / f"{LESSON}.ipynb"
    readme = REPOSITORY / "README.md"

    def steal(path: Path) -> str:
        """Right answers only for a student who could read ``path``."""
        return f"""
try:
    open({str(path)!r}, "rb").read()
    def ele_mul(number, vector):
        return [number * value for value in vector]
except OSError:
    def ele_mul(number, vector):
        return [0.0 for _ in vector]
"""

    return {
        "patches np.allclose and assert_allclose": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
import numpy as np, numpy.testing
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
""",
            FULL - PER_EXERCISE,
        ),
        "reads the solution notebook": ("ele_mul", steal(solution), FULL - PER_EXERCISE),
        "reads the gradebook": ("ele_mul", steal(gradebook), FULL - PER_EXERCISE),
        "reads another student's submission": ("ele_mul", steal(other), FULL - PER_EXERCISE),
        "imports the answer key": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
try:
    from grader.exercises.forward import ele_mul
except ImportError:
    pass
""",
            FULL - PER_EXERCISE,
        ),
        "turns later cells into pass": (
            "neural_network",
            """
def neural_network(input, weight):
    return input * weight
get_ipython().input_transformers_cleanup.append(lambda lines: ["pass\\n"])
""",
            PER_EXERCISE,
        ),
        "leaves a process that rewrites the gradebook": (
            "ele_mul",
            WRONG_ELE_MUL
            + f"""
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(2)
        try:
            open({str(gradebook)!r}, "r+b").write(b"corrupted")
        except OSError:
            pass
    os._exit(0)
""",
            FULL - PER_EXERCISE,
        ),
        "prints 10 MB on one line": (
            "neural_network",
            """
def neural_network(input, weight):
    return input * weight
print("x" * 10_000_000)
""",
            FULL,
        ),
        "loops forever": ("w_sum", RIGHT_W_SUM + "while True:\n    pass\n", PER_EXERCISE),
        "ignores SIGINT and SIGTERM": (
            "w_sum",
            RIGHT_W_SUM
            + """
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
while True:
    pass
""",
            PER_EXERCISE,
        ),
        "allocates far more memory than allowed": (
            "ele_mul",
            RIGHT_ELE_MUL
            + """
hog = [bytearray(64 * 1024**2) for _ in range(1000)]
""",
            FULL,
        ),
        "exits the process": ("ele_mul", RIGHT_ELE_MUL + "import os\nos._exit(0)\n", 2 * PER_EXERCISE),
        "fork bomb": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
import os
try:
    while True:
        os.fork()
except OSError:
    pass
""",
            FULL - PER_EXERCISE,
        ),
        "writes outside its folder": (
            "ele_mul",
            RIGHT_ELE_MUL
            + f"""
for path in [{str(readme)!r}, {str(REPOSITORY / "grader" / "checks.py")!r}, "/tmp/planted-by-a-student"]:
    try:
        open(path, "a").write("planted")
    except OSError:
        pass
""",
            FULL,
        ),
        "opens a network connection": (
            "ele_mul",
            RIGHT_ELE_MUL
            + f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {listener_port}), timeout=2).sendall(b"stolen answers")
except OSError:
    pass
""",
            FULL,
        ),
        "tampers with builtins and sys.modules": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
import builtins, sys
builtins.print = lambda *args, **kwargs: None
sys.modules["numpy"].isclose = lambda *args, **kwargs: True
sys.modules["grader.compare"] = None
""",
            FULL - PER_EXERCISE,
        ),
        "monkeypatches the check library": (
            "ele_mul",
            WRONG_ELE_MUL
            + """
import grader, grader.checks
passed = lambda *args, **kwargs: grader.checks.Verdict(True, "passed")
grader.checks.judge_visible = grader.checks.judge_hidden = passed
grader.check = grader.check_hidden = lambda *args: None
""",
            FULL - PER_EXERCISE,
        ),
    }


@pytest.fixture
def listener():
    """A TCP server on the host's loopback that records whatever reaches it."""
    server = socket.create_server(("127.0.0.1", 0))
    received = []

    def serve():
        server.settimeout(0.2)
        while not stopped.is_set():
            try:
                connection, _ = server.accept()
                received.append(connection.recv(100))
            except OSError:
                continue

    stopped = threading.Event()
    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stopped.set()
    thread.join()
    server.close()


@root_only
def test_every_cheat_gets_exactly_what_its_honest_part_earns_and_the_batch_is_unaffected(graded_course, listener):
    course, run = graded_course
    port, received = listener
    readme_before = (REPOSITORY / "README.md").read_bytes()
    attacks = _attacks(course.work, port)
    course.submit("honest", LESSON, _solution())
    names = {}
    for number, (name, (answer, source, _)) in enumerate(attacks.items()):
        student = f"attacker-{number:02d}"
        names[student] = name
        course.submit(student, LESSON, with_answer(_solution(), answer, source))
    course.submit("zz-honest-last", LESSON, _solution())

    results = run()
    time.sleep(3)  # give any process that escaped the time to do harm

    scores = {names.get(student, student): result.score for student, result in results.items()}
    expected = {name: score for name, (_, _, score) in attacks.items()} | {"honest": FULL, "zz-honest-last": FULL}
    assert scores == expected
    assert received == [], "a submission reached the network"
    assert (REPOSITORY / "README.md").read_bytes() == readme_before
    assert not Path("/tmp/planted-by-a-student").exists()
    assert all(result.isolation.startswith("full (root") for result in results.values())
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.work / 'gradebook.db'}") as gradebook:
        stored = {s.student_id: s.score for s in gradebook.assignment_submissions(LESSON)}
    assert stored == {student: result.score for student, result in results.items()}

    printer = next(student for student, name in names.items() if name == "prints 10 MB on one line")
    autograded = course.work / "autograded" / printer / LESSON / f"{LESSON}.ipynb"
    assert autograded.stat().st_size < 1_000_000, "output was not capped"


def test_bad_files_get_a_one_line_reason_and_the_score_of_their_intact_cells(graded_course):
    course, run = graded_course
    solution = _solution()
    submitted = course.work / "submitted"

    def raw(student: str, name: str, content: bytes) -> None:
        folder = submitted / student / LESSON
        folder.mkdir(parents=True)
        (folder / name).write_bytes(content)

    raw("not-json", f"{LESSON}.ipynb", b'{"cells": [')
    raw("old-format", f"{LESSON}.ipynb", json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": []}).encode())
    raw("empty", f"{LESSON}.ipynb", b"")
    raw("huge", f"{LESSON}.ipynb", b" " * (21 * 1024**2))
    raw("renamed", "my-work.ipynb", nbformat.writes(solution).encode())
    (submitted / "nothing" / LESSON).mkdir(parents=True)
    deleted = nbformat.from_dict(solution)
    deleted.cells = [c for c in deleted.cells if c.metadata["nbgrader"]["grade_id"] != "ele_mul"]
    course.submit("deleted-answer", LESSON, deleted)
    duplicated = with_answer(solution, "ele_mul", WRONG_ELE_MUL)
    index = next(i for i, c in enumerate(duplicated.cells) if c.metadata["nbgrader"]["grade_id"] == "ele_mul")
    duplicated.cells.insert(index + 1, nbformat.from_dict(solution.cells[index]))
    course.submit("duplicated", LESSON, duplicated)
    reordered = nbformat.from_dict(solution)
    reordered.cells.reverse()
    course.submit("reordered", LESSON, reordered)
    renamed_ids = nbformat.from_dict(solution)
    for number, cell in enumerate(renamed_ids.cells):
        cell.id = f"changed-{number}"
        if cell.metadata["nbgrader"]["solution"]:
            del cell.metadata["nbgrader"]
    course.submit("changed-ids", LESSON, renamed_ids)
    course.submit("honest", LESSON, solution)

    results = run()
    expected = {
        "not-json": (0, "the notebook is not valid JSON (line 1, column 12)"),
        "old-format": (0, "the file is not a notebook of the version Jupyter writes (nbformat 4)"),
        "empty": (0, "the notebook file is empty"),
        "huge": (0, "the notebook is too large (21 MB; the limit is 20 MB)"),
        "renamed": (FULL, "the notebook was renamed to my-work.ipynb; graded anyway"),
        "nothing": (0, f"no notebook named {LESSON}.ipynb was submitted"),
        "deleted-answer": (FULL - PER_EXERCISE, "the answer cell for ele_mul is missing"),
        "duplicated": (FULL - PER_EXERCISE, "cell ele_mul appears more than once; the first one was graded"),
        "reordered": (FULL, None),
        "changed-ids": (FULL, "the answer cell for ele_mul lost its nbgrader id; matched by the function it defines"),
        "honest": (FULL, None),
    }
    for student, (score, reason) in expected.items():
        result = results[student]
        assert result.score == score, (student, result.problems)
        if reason is None:
            assert result.problems == [], student
        else:
            assert any(p.startswith(reason) for p in result.problems), (student, result.problems)
            assert all("\n" not in p for p in result.problems)


def test_the_same_submission_always_gets_the_same_score_and_feedback(graded_course):
    course, run = graded_course
    notebook = with_answer(
        _solution(),
        "vect_mat_mul",
        "def vect_mat_mul(vect, matrix):\n    return [sum(vect) * sum(row) for row in matrix]\n",
    )
    for student in ("first", "second"):
        course.submit(student, LESSON, notebook)
    results = run()
    assert results["first"].scores == results["second"].scores
    assert results["first"].mistakes == results["second"].mistakes
    again = run(["first"])
    assert again["first"].scores == results["first"].scores


def test_killing_the_grader_mid_batch_loses_nothing_and_does_not_regrade_finished_work(graded_course):
    course, _ = graded_course
    students = [f"student-{n:02d}" for n in range(8)]
    for student in students:
        course.submit(student, LESSON, _solution())
    command = [sys.executable, "-m", "grader", "autograde", LESSON]
    environment = {**course.environment}
    grader = subprocess.Popen(
        command,
        cwd=REPOSITORY,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    journal = course.work / "journal" / LESSON
    deadline = time.monotonic() + 120
    while len(list(journal.glob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(grader.pid, signal.SIGKILL)
    grader.wait()
    finished = {p.name: p.stat().st_mtime_ns for p in journal.glob("*.json")}
    assert 3 <= len(finished) < len(students), "the batch should have been killed half-way"

    rerun = subprocess.run(command, cwd=REPOSITORY, env=environment, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert {p.name: p.stat().st_mtime_ns for p in journal.glob("*.json") if p.name in finished} == finished
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.work / 'gradebook.db'}") as gradebook:
        stored = {s.student_id: s.score for s in gradebook.assignment_submissions(LESSON)}
    assert stored == {student: FULL for student in students}


def test_feedback_from_trusted_grading_names_mistakes_and_never_shows_hidden_values(graded_course):
    import html
    import re

    from grader.compare import show
    from grader.schema import find

    course, run = graded_course
    course.submit(
        "copier",
        LESSON,
        with_answer(
            _solution(),
            "ele_mul",
            "def ele_mul(number, vector):\n"
            "    output = [0, 0, 0]\n    for i in range(len(vector)):\n"
            "        output[i] = number * vector[i]\n    return output\n",
        ),
    )
    results = run()
    assert results["copier"].score == FULL - 2
    assert results["copier"].mistakes == {"forward.ele_mul": ["size hard-coded"]}
    feedback = html.unescape(re.sub(r"<[^>]+>", "", course.feedback(LESSON, "copier")))
    assert "This looks like: size hard-coded." in feedback
    exercise = find("forward.ele_mul")
    for case in exercise.hidden_cases():
        if case.args[1]:
            assert show(case.args[1]) not in feedback
            assert show(exercise.expected(case)) not in feedback


def test_results_forged_from_inside_the_sandbox_cannot_earn_hidden_points(graded_course):
    """The student's code shares a process with the runner, so it can write to the results file; the
    grader keeps the first record of each step and judges every output itself, so forgery earns nothing
    a wrong answer would not (at most the lesson's public example values)."""
    course, run = graded_course
    course.submit(
        "forger",
        LESSON,
        with_answer(
            _solution(),
            "ele_mul",
            WRONG_ELE_MUL
            + """
import json, os
fake = {"output": {"t": "list", "items": [1.0]}, "raised": None, "changed_input": False}
for fd in range(3, 64):
    for step in range(60):
        try:
            os.write(fd, (json.dumps({"step": step, "attempts": [fake] * 4}) + "\\n").encode())
            os.write(fd, b"{not json\\n")
        except OSError:
            break
""",
        ),
    )
    result = run()["forger"]
    assert result.scores["ele_mul-hidden"] == 0
    assert result.scores["neural_network-hidden"] == result.scores["w_sum-hidden"] == 2, "earlier work was rewritten"
    assert result.score <= FULL - PER_EXERCISE


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_lesson_grades_its_solution_full_and_its_untouched_lesson_zero(course, monkeypatch, lesson_id):
    monkeypatch.setenv("NN_COURSE_WORK", str(course.work))
    course.nbgrader("generate_assignment", lesson_id, "--force")
    course.submit("solver", lesson_id, notebook_path(lesson_id, SOLUTIONS))
    course.submit("starter", lesson_id, notebook_path(lesson_id, LESSONS))
    results = {r.student: r for r in autograde(lesson_id, settings=Settings(Limits(seconds=300)))}
    full = results["solver"].max_score
    assert (results["solver"].score, results["solver"].problems) == (full, [])
    assert results["starter"].score == 0


def test_without_isolation_the_grader_refuses_in_one_line_saying_how_to_enable_it(monkeypatch, capsys):
    import grader.sandbox
    from grader.__main__ import main

    monkeypatch.setattr(grader.sandbox.sys, "executable", "/bin/false")  # the probe of namespaces fails
    with pytest.raises(grader.sandbox.IsolationUnavailable) as refused:
        grader.sandbox.check_isolation("namespaces")
    message = str(refused.value)
    assert (
        "\n" not in message
        and "sysctl kernel.unprivileged_userns_clone=1" in message
        and "--limited-isolation" in message
    )
    monkeypatch.setattr("grader.autograde.batch.check_isolation", grader.sandbox.check_isolation)
    assert main(["autograde", LESSON]) == 1
    assert capsys.readouterr().err == f"error: {message}\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="as root")
def test_limited_isolation_is_refused_as_root():
    from grader.sandbox import IsolationUnavailable, check_isolation

    with pytest.raises(IsolationUnavailable, match="^limited isolation is for ordinary users"):
        check_isolation("limited")


def test_feedback_names_each_exercise_wraps_long_lines_and_gives_one_reason_once(graded_course):
    import html
    import re

    course, run = graded_course
    plotting = RIGHT_W_SUM + "import matplotlib.pyplot as plt\nplt.plot([1, 2])\n"
    course.submit("plotter", LESSON, with_answer(_solution(), "w_sum", plotting))
    (course.work / "submitted" / "absent" / LESSON).mkdir(parents=True)
    results = run()
    assert results["plotter"].score == FULL

    page = course.feedback(LESSON, "plotter")
    assert '<a href="#w_sum-hidden"><code>w_sum</code>: hidden checks</a>' in page and "Test cell" not in page
    assert "white-space: pre-wrap" in page
    assert "Line2D" not in page  # a figure is not drawn while grading; its object's text is not shown either

    text = html.unescape(re.sub(r"<[^>]+>", "", course.feedback(LESSON, "absent")))
    checks = 2 * 7
    assert text.count(f"this check did not run: no notebook named {LESSON}.ipynb was submitted.") == 1
    assert text.count("this check did not run either, for the reason given at forward.neural_network.") == checks - 1
