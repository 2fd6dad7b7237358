"""Whole notebooks: solutions run clean, student versions stop only at their TODOs, and real nbgrader grades them."""

import html
import re

import pytest
from support import (
    LESSON_IDS,
    LESSONS,
    SOLUTIONS,
    errors,
    execute,
    grade_id,
    notebook_path,
    skip_without_lesson_data,
    with_answer,
)

from grader.compare import show
from grader.schema import find

pytestmark = pytest.mark.notebook


def _text(outputs) -> str:
    return "".join(out.get("text", "") for out in outputs if out.output_type == "stream")


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_solution_notebook_runs_without_errors_and_passes_every_visible_check(lesson_id):
    skip_without_lesson_data(lesson_id)
    notebook = execute(notebook_path(lesson_id, SOLUTIONS))
    assert errors(notebook) == []
    printed = "".join(_text(cell.outputs) for cell in notebook.cells if cell.cell_type == "code")
    assert "hidden checks passed" in printed
    assert printed.count("visible checks passed.") == sum(1 for c in notebook.cells if grade_id(c).endswith("-visible"))


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_student_notebook_runs_to_the_end_stopping_only_at_its_todos(lesson_id):
    skip_without_lesson_data(lesson_id)
    notebook = execute(notebook_path(lesson_id, LESSONS), allow_errors=True)
    for cell, error in errors(notebook):
        assert error["ename"] in ("CheckFailed", "NotImplementedError"), (cell.source, error["evalue"])
        if error["ename"] == "CheckFailed":
            assert "is not written yet" in error["evalue"]
            assert len(error["traceback"]) == 1, "a check failure shows its message, not a traceback"
    visible = [cell for cell in notebook.cells if (grade_id(cell) or "").endswith("-visible")]
    for cell in visible:
        exercise_id = re.search(r'check\("([\w.]+)"', cell.source).group(1)
        failures = [out for out in cell.outputs if out.output_type == "error"]
        assert failures and failures[0]["evalue"].startswith(f"{exercise_id}: "), cell.source
        assert "is not written yet" in failures[0]["evalue"], cell.source


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_real_nbgrader_gives_full_marks_to_the_solution_and_zero_to_the_untouched_lesson(course, lesson_id):
    skip_without_lesson_data(lesson_id)
    course.submit("solver", lesson_id, notebook_path(lesson_id, SOLUTIONS))
    course.submit("starter", lesson_id, notebook_path(lesson_id, LESSONS))
    scores = course.autograde(lesson_id)
    full = scores["solver"][1]
    assert full > 0
    assert scores == {"solver": (full, full), "starter": (0.0, full)}


WRONG_ELE_MUL = """
def ele_mul(number, vector):
    output = [0, 0, 0]
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output
"""


def test_a_wrong_answer_loses_its_hidden_points_and_the_feedback_names_the_mistake_without_leaking(course):
    from nbformat import read

    lesson_id = "01-forward-propagation"
    solution = read(notebook_path(lesson_id, SOLUTIONS), as_version=4)
    course.submit("copier", lesson_id, with_answer(solution, "ele_mul", WRONG_ELE_MUL))
    scores = course.autograde(lesson_id)
    assert scores["copier"] == (scores["copier"][1] - 2, scores["copier"][1])
    cells = course.cell_scores(lesson_id, "copier")
    assert cells["ele_mul-visible"] == 1 and cells["ele_mul-hidden"] == 0

    feedback = html.unescape(re.sub(r"<[^>]+>", "", course.feedback(lesson_id, "copier")))
    assert "This looks like: size hard-coded." in feedback
    exercise = find("forward.ele_mul")
    for case in exercise.hidden_cases():
        if not case.args[1]:
            continue  # "[]" appears in any feedback
        assert show(case.args[1]) not in feedback
        assert show(exercise.reference(*case.args)) not in feedback
    assert "_rng" not in feedback and "Case(" not in feedback
