"""The lessons of the course: where their notebooks are, and what their cells are.

A lesson ``01-forward-propagation`` is one nbgrader assignment. Its solution notebook
``solutions/01-forward-propagation/01-forward-propagation.ipynb`` is the only file anyone edits; everything
else is generated from it (see :mod:`grader.generate`). Its exercises form a *topic*, ``forward``: the first
part of their ids (``forward.w_sum``) and the name of their module in :mod:`grader.exercises`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat

REPOSITORY = Path(__file__).resolve().parent.parent
SOLUTIONS = REPOSITORY / "solutions"
LESSONS = REPOSITORY / "lessons"
GRADER = REPOSITORY / "grader"
DATA = REPOSITORY / "data"
LESSON_ID = re.compile(r"^\d\d-[a-z0-9-]+$")
CHECK_CALL = re.compile(r'^(check|check_hidden)\("([\w.]+)", (\w+)\)$', re.MULTILINE)


class LessonError(Exception):
    """A one-line reason why a lesson cannot be used."""


def lesson_ids() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and LESSON_ID.match(p.name))


def check_known(lessons: list[str]) -> list[str]:
    """``lessons``, or every lesson when none is named; a LessonError names one that does not exist."""
    known = lesson_ids()
    for lesson_id in lessons:
        if lesson_id not in known:
            raise LessonError(f"no lesson {lesson_id!r} in solutions/ (lessons: {', '.join(known)})")
    return list(lessons) or known


def notebook_path(lesson_id: str, folder: Path | None = None) -> Path:
    """The lesson's notebook in ``folder`` (default: its solution notebook)."""
    return (folder or SOLUTIONS) / lesson_id / f"{lesson_id}.ipynb"


def relative(path: Path) -> str:
    """``path`` as a maintainer reads it: relative to the repository when inside it."""
    return os.path.relpath(path, REPOSITORY) if path.is_relative_to(REPOSITORY) else str(path)


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``, or a LessonError naming the file and what is wrong with it."""
    shown = relative(path)
    try:
        text = path.read_text(encoding="utf-8")
        json.loads(text)
    except FileNotFoundError:
        raise LessonError(f"{shown}: no such notebook") from None
    except UnicodeDecodeError:
        raise LessonError(f"{shown}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise LessonError(f"{shown}: not valid JSON (line {error.lineno}, column {error.colno})") from None
    try:
        notebook = nbformat.reads(text, as_version=4)
        nbformat.validate(notebook)
    except nbformat.ValidationError as error:
        raise LessonError(f"{shown}: not a valid notebook ({error.message})") from None
    except Exception as error:  # nbformat raises several types for JSON that is not a notebook
        raise LessonError(f"{shown}: not a valid notebook ({type(error).__name__})") from None
    return notebook


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def answer_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The cells a student writes (nbgrader's solution cells)."""
    return [cell for cell in code_cells(notebook) if cell.metadata.get("nbgrader", {}).get("solution")]


def check_calls(notebook: nbformat.NotebookNode) -> list[tuple[str, str, str]]:
    """``(check or check_hidden, exercise id, function)`` for every check the test cells make, in order."""
    return [match.groups() for cell in code_cells(notebook) for match in CHECK_CALL.finditer(cell.source)]


def topic(lesson_id: str) -> str:
    """The topic of the lesson's exercises (``forward`` for ``01-forward-propagation``)."""
    path = notebook_path(lesson_id)
    found = {exercise_id.partition(".")[0] for _, exercise_id, _ in check_calls(read_notebook(path))}
    if len(found) != 1:
        raise LessonError(
            f"{relative(path)}: its checks must name exercises of one topic, found {sorted(found) or 'none'}"
        )
    return found.pop()


def nbgrader_environment() -> dict[str, str]:
    """The environment for running nbgrader: it calls ``alembic`` from PATH, which must be this Python's."""
    bin_dir = os.path.dirname(sys.executable)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def generate_assignment(lesson_id: str, release: Path, db_url: str) -> None:
    """Run nbgrader's ``generate_assignment`` on a lesson: its student notebook goes to ``release``, its notebook
    and graded cells to the gradebook at ``db_url``. Raises LessonError with nbgrader's own reason."""
    command = [
        *(sys.executable, "-m", "nbgrader", "generate_assignment", lesson_id, "--force"),
        f"--CourseDirectory.release_directory={release}",
        f"--CourseDirectory.db_url={db_url}",
    ]
    result = subprocess.run(command, cwd=GRADER, capture_output=True, text=True, env=nbgrader_environment())
    if result.returncode != 0:
        errors = re.findall(r"^\s*(\w+(?:Error|Exception)\b.*)$", result.stderr, re.MULTILINE)
        reason = errors[-1] if errors else (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise LessonError(f"nbgrader could not generate {lesson_id}: {reason}")
