"""A lesson's whole round trip through a real nbgrader exchange folder, as a course runs it.

The instructor releases lesson 01 from this repository; a student, in the students' copy of the course (its
own environment, nothing of this repository), fetches it, answers it and submits; the instructor collects,
grades with the trusted grader, writes and releases feedback; the student fetches the feedback. Every step is
nbgrader's own command line, except the grading.
"""

import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import outside_the_repository
from support import SOLUTIONS, grade_id, notebook_path

from grader.lessons import GRADER, nbgrader_environment

pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("student-release")]

LESSON = "01-forward-propagation"
COURSE = "nn-from-scratch"
# nbgrader's exchange knows a student by the account that runs `nbgrader submit`: here, this test's own.
STUDENT = pwd.getpwuid(os.getuid()).pw_name


def _run(command: list[str], cwd: Path, environment: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


def _answered(notebook_file: Path) -> None:
    """Put the solution's answers into the fetched notebook, as the student would type them."""
    answers = {
        grade_id(cell): cell.source
        for cell in nbformat.read(notebook_path(LESSON, SOLUTIONS), as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    notebook = nbformat.read(notebook_file, as_version=4)
    for cell in notebook.cells:
        if grade_id(cell) in answers:
            cell.source = answers[grade_id(cell)]
    nbformat.write(notebook, notebook_file)


def test_release_fetch_submit_collect_grade_and_return_feedback(tmp_path, student_release):
    exchange, work, home = tmp_path / "exchange", tmp_path / "course", tmp_path / "student"
    exchange.mkdir(mode=0o777)
    home.mkdir()
    exchange.chmod(0o777)
    instructor = {**nbgrader_environment(), "NN_COURSE_WORK": str(work), "NN_COURSE_EXCHANGE": str(exchange)}
    nbgrader = [sys.executable, "-m", "nbgrader"]
    release_folder = f"--CourseDirectory.release_directory={work / 'release'}"

    # The instructor, in grader/: record the lesson and put it in the exchange.
    _run([*nbgrader, "generate_assignment", LESSON, "--force", release_folder], GRADER, instructor)
    _run([*nbgrader, "release_assignment", LESSON, "--force", release_folder], GRADER, instructor)

    # The student, with the students' copy's own nbgrader, configured for the course's exchange.
    (home / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {COURSE!r}\n"
    )
    student = {**outside_the_repository(), "HOME": str(home)}
    student_nbgrader = [str(student_release / ".venv" / "bin" / "python"), "-m", "nbgrader"]
    _run([*student_nbgrader, "fetch_assignment", LESSON], home, student)
    fetched = home / LESSON / f"{LESSON}.ipynb"
    assert fetched.is_file()
    _answered(fetched)
    _run([*student_nbgrader, "submit", LESSON], home, student)

    # The instructor collects, grades in the sandbox, writes and releases feedback.
    _run([*nbgrader, "collect", LESSON], GRADER, instructor)
    assert (work / "submitted" / STUDENT / LESSON / f"{LESSON}.ipynb").is_file()
    graded = _run([sys.executable, "-m", "grader", "autograde", LESSON], Path.cwd(), instructor)
    assert f"{STUDENT}" in graded.stdout and "21.0 / 21.0" in graded.stdout
    _run([*nbgrader, "generate_feedback", LESSON], GRADER, instructor)
    _run([*nbgrader, "release_feedback", LESSON], GRADER, instructor)
    exported = _run([*nbgrader, "export"], GRADER, instructor)
    assert "grades.csv" in exported.stdout + exported.stderr
    rows = (work / "grades.csv").read_text().splitlines()
    assert len(rows) == 2 and f"{LESSON}," in rows[1] and f",{STUDENT}," in rows[1]

    # The student fetches the feedback: it names the exercises and shows the full score.
    _run([*student_nbgrader, "fetch_feedback", LESSON], home, student)
    pages = list((home / LESSON / "feedback").glob(f"*/{LESSON}.html"))
    assert len(pages) == 1
    page = pages[0].read_text()
    assert f"{LESSON} (Score: 21.0 / 21.0)" in page
    assert "<code>w_sum</code>: hidden checks" in page
    assert json.loads((work / "autograded" / STUDENT / LESSON / f"{LESSON}.ipynb").read_text())["cells"]
    shutil.rmtree(exchange, ignore_errors=True)
    assert os.path.exists(work / "gradebook.db")
