"""nbgrader's autograded notebook for one submission: the lesson's cells with the student's answers, what the
code cells printed (control characters escaped, capped), and each test cell's verdicts as its output.

Cells are built as plain dictionaries of nbformat 4's schema: validating every cell and output on the way
(nbformat's constructors do) would cost more than the rest of writing the notebook.
"""

from __future__ import annotations

from grader.autograde.lesson import GradedLesson
from grader.autograde.plan import Plan
from grader.autograde.text import printable
from grader.autograde.uploads import Submission
from grader.checks import Verdict
from grader.runner import CELL_TEXT_LIMIT
from grader.sandbox import RunStatus

# A cell's text is capped where it is printed (the runner's limit); the whole notebook's here.
MAX_NOTEBOOK_TEXT = 200_000


def _stream(text: str) -> dict:
    return {"output_type": "stream", "name": "stdout", "text": text}


def _error(name: str, message: str) -> dict:
    return {"output_type": "error", "ename": name, "evalue": message, "traceback": [f"{name}: {message}"]}


def autograded_notebook(
    lesson: GradedLesson, submission: Submission, plan: Plan, status: RunStatus, verdicts: dict[int, list[Verdict]]
) -> dict:
    outputs_by_cell = {}
    for record in status.records:
        step = record.get("step")
        if isinstance(step, int) and 0 <= step < len(plan.steps) and plan.steps[step]["kind"] == "code":
            outputs_by_cell.setdefault(plan.steps[step]["cell"], record)
    budget = MAX_NOTEBOOK_TEXT
    cells = []
    for index, cell in enumerate(lesson.cells):
        new = {"cell_type": cell.cell_type, "id": cell.grade_id, "metadata": cell.metadata}
        if cell.cell_type != "code":
            new["source"] = cell.source
        else:
            source = submission.answers.get(cell.grade_id, cell.source) if cell.role == "answer" else cell.source
            new.update(source=source, execution_count=None, outputs=[])
            if cell.role == "test":
                new["outputs"] = [_verdict_output(v) for v in verdicts.get(index, [])]
            elif cell.skip:
                new["outputs"] = [_stream("(not run when grading)\n")]
            elif index in outputs_by_cell:
                new["outputs"], budget = _cell_outputs(outputs_by_cell[index], budget)
        cells.append(new)
    return {"cells": cells, "metadata": lesson.metadata, "nbformat": 4, "nbformat_minor": 5}


def _cell_outputs(record: dict, budget: int) -> tuple[list, int]:
    outputs = []
    kept = max(0, min(CELL_TEXT_LIMIT, budget))
    text = printable(record.get("text", ""), kept, keep_lines=True) if budget > 0 else ""
    if text:
        outputs.append(_stream(text))
    error = record.get("error")
    if isinstance(error, dict):
        outputs.append(
            _error(
                printable(error.get("name", "Error"), 100), printable(error.get("message", ""), 500, keep_lines=True)
            )
        )
    return outputs, budget - len(text)


def _verdict_output(verdict: Verdict) -> dict:
    if verdict.passed:
        return _stream(verdict.message + "\n")
    return _error("CheckFailed", printable(verdict.message, 5000, keep_lines=True))
