"""Test tools: executing notebooks, and a throw-away nbgrader course to autograde in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import nbformat
from nbclient import NotebookClient

from grader.lessons import GRADER, LESSONS, SOLUTIONS, lesson_ids, nbgrader_environment, notebook_path

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

LESSON_IDS = lesson_ids()
__all__ = ["LESSONS", "LESSON_IDS", "SOLUTIONS", "notebook_path"]  # re-exported for the tests


# A shared machine may be slow; a test waits for a cell rather than fail for a reason that is not the cell's.
CELL_SECONDS = 1800


def execute(path: Path, allow_errors: bool = False, timeout: int = CELL_SECONDS) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel, in its own folder, as a student would."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


LOADERS = {"load_mnist(": "load_mnist", "load_imdb_reviews(": "load_imdb_reviews"}


def skip_without_data(*sources: str) -> None:
    """Skip the calling test, with the loader's own reason, when code in ``sources`` needs a data set that is
    neither in Keras's cache nor downloadable here."""
    import pytest

    from helpers import datasets

    for call, name in LOADERS.items():
        if any(call in source for source in sources):
            try:
                getattr(datasets, name)()
            except datasets.DataUnavailable as error:
                pytest.skip(str(error))


def skip_without_lesson_data(lesson_id: str) -> None:
    """Skip the calling test when the lesson's notebook loads a data set this machine cannot have."""
    skip_without_data(notebook_path(lesson_id, SOLUTIONS).read_text())


def errors(notebook: nbformat.NotebookNode) -> list[tuple[nbformat.NotebookNode, dict]]:
    """(cell, error output) for every cell that raised."""
    return [
        (cell, out)
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]


def grade_id(cell: nbformat.NotebookNode) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def with_answer(notebook: nbformat.NotebookNode, answer_id: str, source: str) -> nbformat.NotebookNode:
    """A copy of ``notebook`` whose answer cell ``answer_id`` holds ``source``."""
    changed = nbformat.from_dict(notebook)
    cells = [cell for cell in changed.cells if grade_id(cell) == answer_id]
    assert len(cells) == 1, f"no answer cell {answer_id!r}"
    cells[0].source = source
    return changed


class Course:
    """An nbgrader course in a temporary folder, whose assignments come from ``solutions/``."""

    def __init__(self, work: Path):
        self.work = work
        self.environment = {**nbgrader_environment(), "NN_COURSE_WORK": str(work)}

    def nbgrader(self, *args: str) -> subprocess.CompletedProcess:
        command = [
            sys.executable,
            "-m",
            "nbgrader",
            *args,
            f"--CourseDirectory.release_directory={self.work / 'release'}",
        ]
        result = subprocess.run(command, cwd=GRADER, env=self.environment, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, result.stderr[-3000:]
        return result

    def submit(self, student: str, lesson_id: str, notebook: nbformat.NotebookNode | Path) -> None:
        folder = self.work / "submitted" / student / lesson_id
        folder.mkdir(parents=True, exist_ok=True)
        if isinstance(notebook, Path):
            shutil.copy(notebook, folder / notebook.name)
        else:
            nbformat.write(notebook, folder / f"{lesson_id}.ipynb")

    def autograde(self, lesson_id: str) -> dict[str, tuple[float, float]]:
        """Autograde every submission of the lesson; return {student: (score, max_score)}."""
        from nbgrader.api import Gradebook

        self.nbgrader("generate_assignment", lesson_id, "--force")  # records the lesson's tests in the gradebook
        self.nbgrader("autograde", lesson_id)
        with Gradebook(f"sqlite:///{self.work / 'gradebook.db'}") as gradebook:
            return {
                submission.student_id: (submission.score, submission.max_score)
                for submission in gradebook.assignment_submissions(lesson_id)
            }

    def cell_scores(self, lesson_id: str, student: str) -> dict[str, float]:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.work / 'gradebook.db'}") as gradebook:
            notebook = gradebook.find_submission_notebook(lesson_id, lesson_id, student)
            return {grade.name: grade.score for grade in notebook.grades}

    def feedback(self, lesson_id: str, student: str) -> str:
        self.nbgrader("generate_feedback", lesson_id, "--student", student, "--force")
        return (self.work / "feedback" / student / lesson_id / f"{lesson_id}.html").read_text()


def failure_messages(exercise_id: str, answer) -> list[str]:
    """The messages of the visible and hidden checks of ``exercise_id`` that ``answer`` fails."""
    import numpy as np

    from grader import CheckFailed, check, check_hidden

    messages = []
    with np.errstate(all="ignore"):  # wrong answers overflow or divide by zero; that is their business
        for run in (check, check_hidden):
            try:
                run(exercise_id, answer)
            except CheckFailed as failure:
                messages.append(str(failure))
    return messages


def visible_failure(exercise_id: str, answer) -> str:
    """The message of the visible check of ``exercise_id`` that ``answer`` must fail (a prediction, for instance)."""
    import pytest

    from grader import CheckFailed, check

    with pytest.raises(CheckFailed) as failed:
        check(exercise_id, answer)
    return str(failed.value)


def assert_named_mistake(exercise_id: str, mistake: str, answer, in_every_failure: bool = False) -> None:
    """``answer`` fails the checks, and the failure names ``mistake`` (in every failing check, if asked)."""
    messages = failure_messages(exercise_id, answer)
    assert messages, f"{mistake} passed every check"
    named = [f"This looks like: {mistake}." in message for message in messages]
    assert (all if in_every_failure else any)(named), messages


def assert_no_named_mistake(exercise_id: str, answer) -> None:
    """``answer`` fails the checks, and no failure names a mistake: nothing the checks see proves one."""
    messages = failure_messages(exercise_id, answer)
    assert messages, "the answer passed every check"
    assert not any("This looks like:" in message for message in messages), messages


def assert_passes(exercise_id: str, answer) -> None:
    """``answer`` passes the visible and the hidden checks."""
    from grader import check, check_hidden

    check(exercise_id, answer)
    check_hidden(exercise_id, answer)
