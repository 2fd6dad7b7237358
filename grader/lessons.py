"""The lessons of the course, and the student notebooks generated from their solutions.

A lesson ``01-forward-propagation`` is one nbgrader assignment: its solution notebook is
``solutions/01-forward-propagation/01-forward-propagation.ipynb`` (the only file anyone
edits) and nbgrader's ``generate_assignment`` turns it into
``lessons/01-forward-propagation/01-forward-propagation.ipynb``.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

REPOSITORY = Path(__file__).resolve().parent.parent
SOLUTIONS = REPOSITORY / "solutions"
LESSONS = REPOSITORY / "lessons"
GRADER = REPOSITORY / "grader"
LESSON_ID = re.compile(r"^\d\d-[a-z0-9-]+$")


class LessonError(Exception):
    """A one-line reason why a lesson cannot be used."""


def lesson_ids() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and LESSON_ID.match(p.name))


def notebook_path(lesson_id: str, folder: Path | None = None) -> Path:
    """The lesson's notebook in ``folder`` (default: its solution notebook)."""
    return (folder or SOLUTIONS) / lesson_id / f"{lesson_id}.ipynb"


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``, or a LessonError naming the file and what is wrong with it."""
    shown = os.path.relpath(path, REPOSITORY) if path.is_relative_to(REPOSITORY) else str(path)
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


def _check_known(lessons: list[str]) -> list[str]:
    known = lesson_ids()
    for lesson_id in lessons:
        if lesson_id not in known:
            raise LessonError(f"no lesson {lesson_id!r} in solutions/ (lessons: {', '.join(known)})")
    return lessons or known


def nbgrader_environment() -> dict[str, str]:
    """The environment for running nbgrader: it calls ``alembic`` from PATH, which must be this Python's."""
    bin_dir = os.path.dirname(sys.executable)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def _nbgrader_generate(lesson_id: str, release: Path, workdir: Path) -> None:
    command = [
        sys.executable, "-m", "nbgrader", "generate_assignment", lesson_id, "--force",
        f"--CourseDirectory.release_directory={release}",
        f"--CourseDirectory.db_url=sqlite:///{workdir / 'gradebook.db'}",
    ]  # fmt: skip
    result = subprocess.run(command, cwd=GRADER, capture_output=True, text=True, env=nbgrader_environment())
    if result.returncode != 0:
        errors = re.findall(r"^\s*(\w+(?:Error|Exception)\b.*)$", result.stderr, re.MULTILINE)
        reason = errors[-1] if errors else (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise LessonError(f"nbgrader could not generate {lesson_id}: {reason}")


def _differences(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ between two folders (or exist in only one)."""
    if not left.is_dir() or not right.is_dir():
        return ["(whole folder)"]
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__", ".ipynb_checkpoints"])
    different = comparison.left_only + comparison.right_only + comparison.diff_files
    different += [f for f in comparison.common_files if not filecmp.cmp(left / f, right / f, shallow=False)]
    for name, sub in comparison.subdirs.items():
        different += [f"{name}/{path}" for path in _differences(left / name, right / name)]
    return sorted(set(different))


def generate(lessons: list[str] | None = None, check_only: bool = False) -> dict[str, list[str]]:
    """Regenerate ``lessons/`` from ``solutions/`` with nbgrader (all lessons when none are named).

    Every solution notebook is read before anything is written, so a broken one leaves
    ``lessons/`` untouched. Returns, per lesson, the files that differed from the fresh
    generation; with ``check_only`` nothing is written.
    """
    lessons = _check_known(list(lessons or []))
    for lesson_id in lessons:
        read_notebook(notebook_path(lesson_id))
    changed = {}
    with tempfile.TemporaryDirectory(prefix="nn-course-generate-") as tmp:
        release = Path(tmp) / "release"
        for lesson_id in lessons:
            _nbgrader_generate(lesson_id, release, Path(tmp))
        for lesson_id in lessons:
            changed[lesson_id] = _differences(release / lesson_id, LESSONS / lesson_id)
        if not check_only:
            for lesson_id in lessons:
                if changed[lesson_id]:
                    shutil.rmtree(LESSONS / lesson_id, ignore_errors=True)
                    shutil.copytree(release / lesson_id, LESSONS / lesson_id)
    return changed
