"""A lesson as the grader sees it: its cells in order, which of them are answers, tests, code or text, and
the checks each test cell makes, built from the exercise definitions (visible and hidden)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from grader.lessons import CHECK_CALL, LESSONS, SOLUTIONS, notebook_path, read_notebook
from grader.schema import find
from grader.spec import CheckSpec
from grader.specs import hidden_spec, visible

SKIP_TAG = "skip-when-grading"


@dataclass
class Check:
    kind: str  # "check" (visible) or "check_hidden"
    spec: CheckSpec

    @property
    def hidden(self) -> bool:
        return self.kind == "check_hidden"


@dataclass
class LessonCell:
    grade_id: str
    cell_type: str
    role: str  # "answer", "test", "code" or "text"
    source: str
    metadata: dict
    points: float = 0.0
    checks: list[Check] = field(default_factory=list)
    skip: bool = False


@dataclass
class GradedLesson:
    lesson_id: str
    cells: list[LessonCell]
    metadata: dict

    @property
    def notebook_name(self) -> str:
        return f"{self.lesson_id}.ipynb"

    @property
    def max_score(self) -> float:
        return sum(cell.points for cell in self.cells if cell.role == "test")

    def answer_functions(self) -> dict[str, str]:
        """grade id of each answer cell -> the function it defines (from the lesson's own cell)."""
        found = {}
        for cell in self.cells:
            if cell.role == "answer" and (match := re.search(r"^(?:def|class) (\w+)", cell.source, re.M)):
                found[cell.grade_id] = match.group(1)
        return found


def load_lesson(lesson_id: str) -> GradedLesson:
    """The solution notebook's cells, with the student notebook's text for answers (their stubs) and code."""
    solution = read_notebook(notebook_path(lesson_id, SOLUTIONS))
    release = {c.metadata["nbgrader"]["grade_id"]: c for c in read_notebook(notebook_path(lesson_id, LESSONS)).cells}
    cells = []
    for cell in solution.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta["grade_id"]
        if cell.cell_type != "code":
            role = "text"
        elif meta.get("solution"):
            role = "answer"
        elif meta.get("grade"):
            role = "test"
        else:
            role = "code"
        shown = release[grade_id] if grade_id in release else cell
        checks = []
        if role == "test":
            for kind, exercise_id, _ in CHECK_CALL.findall(cell.source):
                spec = visible(find(exercise_id)) if kind == "check" else hidden_spec(exercise_id)
                checks.append(Check(kind, spec))
        cells.append(
            LessonCell(
                grade_id,
                cell.cell_type,
                role,
                cell.source if role == "test" else shown.source,
                dict(cell.metadata),
                float(meta.get("points", 0)),
                checks,
                SKIP_TAG in cell.metadata.get("tags", []),
            )
        )
    return GradedLesson(lesson_id, cells, dict(solution.metadata))
