"""nbgrader's autograded notebook for one submission: the lesson's cells with the student's answers, what the
code cells printed (control characters escaped, capped), and each test cell's verdicts as its output."""

from __future__ import annotations

import nbformat

from grader.autograde.lesson import GradedLesson
from grader.autograde.plan import Plan
from grader.autograde.text import printable
from grader.autograde.uploads import Submission
from grader.checks import Verdict
from grader.sandbox import RunStatus

MAX_CELL_TEXT, MAX_NOTEBOOK_TEXT = 10_000, 200_000


def autograded_notebook(lesson: GradedLesson, submission: Submission, plan: Plan, status: RunStatus,
                        verdicts: dict[int, list[Verdict]]) -> nbformat.NotebookNode:  # fmt: skip
    outputs_by_cell = {}
    for record in status.records:
        step = record.get("step")
        if isinstance(step, int) and 0 <= step < len(plan.steps) and plan.steps[step]["kind"] == "code":
            outputs_by_cell.setdefault(plan.steps[step]["cell"], record)
    budget = MAX_NOTEBOOK_TEXT
    cells = []
    for index, cell in enumerate(lesson.cells):
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source)
        else:
            source = submission.answers.get(cell.grade_id, cell.source) if cell.role == "answer" else cell.source
            new = nbformat.v4.new_code_cell(source)
            if cell.role == "test":
                new.outputs = [_verdict_output(v) for v in verdicts.get(index, [])]
            elif cell.skip:
                new.outputs = [nbformat.v4.new_output("stream", name="stdout", text="(not run when grading)\n")]
            elif index in outputs_by_cell:
                new.outputs, budget = _cell_outputs(outputs_by_cell[index], budget)
        new.metadata = cell.metadata
        new.id = cell.grade_id
        cells.append(new)
    return nbformat.v4.new_notebook(cells=cells, metadata=lesson.metadata)


def _cell_outputs(record: dict, budget: int) -> tuple[list, int]:
    outputs = []
    text = printable(record.get("text", ""), max(0, min(MAX_CELL_TEXT, budget)), keep_lines=True) if budget > 0 else ""
    if text:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=text))
    error = record.get("error")
    if isinstance(error, dict):
        name, message = printable(error.get("name", "Error"), 100), printable(error.get("message", ""), 500, keep_lines=True)
        outputs.append(nbformat.v4.new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"]))
    return outputs, budget - len(text)


def _verdict_output(verdict: Verdict) -> nbformat.NotebookNode:
    if verdict.passed:
        return nbformat.v4.new_output("stream", name="stdout", text=verdict.message + "\n")
    message = printable(verdict.message, 5000, keep_lines=True)
    return nbformat.v4.new_output("error", ename="CheckFailed", evalue=message, traceback=[f"CheckFailed: {message}"])
