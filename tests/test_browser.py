"""The student's experience in a real browser: lesson 02 opened in JupyterLab and used with mouse and keyboard.

Notebooks that run headless can still be broken for a person: a widget that renders nothing, a slider
that does not redraw its picture, a missing nbgrader button. These tests start JupyterLab from the students'
copy of the course (built by ``python -m grader release`` and installed by its own ``make setup``) the way its
``make lab-headless`` does, on a free localhost port serving a copy of its lessons, and drive it with
Playwright in headless Chromium. Chromium comes from Debian's ``chromium`` package, which ``make test``
installs when it is missing (as root); without it the tests are skipped, saying why.

They run with the rest of ``make test``, and so in CI: about a minute once Chromium is there. To leave
them out: ``PYTEST_ARGS='-m "not browser"' make test``.

Each test saves screenshots in a temporary folder. To refresh the ones in ``docs/``:

    NN_SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_browser.py
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from browser.fixtures import BROWSER
from browser.lab import Notebook
from playwright.sync_api import Locator, expect
from support import grade_id

from grader.lessons import SOLUTIONS, answer_cells, notebook_path

pytestmark = BROWSER

LESSON_ID = "02-gradient-descent"
LESSON = f"{LESSON_ID}/{LESSON_ID}.ipynb"
EXPLORER = "ErrorBowlExplorer(gradient_descent_step"
PREDICTIONS = [
    "oscillating_alpha",
    "beyond_oscillation",
    "negative_alpha",
    "diverging_input",
    "starting_weight_decides",
]


@pytest.fixture
def lesson(open_lesson) -> Notebook:
    """Lesson 02 as the course ships it, open in a new browser window with a new kernel."""
    return open_lesson(LESSON)


def visible_checks(path: Path) -> list:
    return [cell for cell in nbformat.read(path, as_version=4).cells if (grade_id(cell) or "").endswith("-visible")]


def slider(explorer: Locator, name: str) -> Locator:
    label = explorer.page.locator(".widget-label", has_text=re.compile(f"^{name}$"))
    return explorer.locator(".widget-slider").filter(has=label)


def expect_new_picture(plot: Locator, old_source: str | None) -> str:
    """Wait until the plot shows a new image that has loaded; return its source."""
    expect(plot).not_to_have_attribute("src", old_source or "")
    plot.page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=plot.element_handle())
    return plot.get_attribute("src")


def answered_copy(lab) -> str:
    """The shipped lesson with the solution's answers in its answer cells, next to it; its path for open_lesson."""
    shipped = lab.root.parent / "shipped"
    notebook = nbformat.read(shipped / LESSON, as_version=4)
    solution = nbformat.read(notebook_path(LESSON_ID, SOLUTIONS), as_version=4)
    answers = {grade_id(cell): cell.source for cell in answer_cells(solution)}
    for cell in answer_cells(notebook):
        cell.source = answers[grade_id(cell)]
    path = f"{LESSON_ID}/answered.ipynb"
    nbformat.write(notebook, shipped / path)
    return path


def type_into(explorer: Locator, name: str, value: str) -> None:
    readout = slider(explorer, name).locator(".widget-readout")
    readout.fill(value)
    readout.press("Enter")


def test_the_explorer_says_in_one_line_that_gradient_descent_step_is_not_written(lesson):
    lesson.run(lesson.cell("from grader import check"))
    lesson.run(lesson.cell("def gradient_descent_step("))
    explorer_cell = lesson.cell(EXPLORER)
    lesson.run(explorer_cell)
    explorer = explorer_cell.locator(".error-bowl-explorer")
    expect(explorer.locator(".error-bowl-problem")).to_have_text(
        "⚠ gradient_descent_step is not written yet: write it, run its cell, then run this cell again."
    )
    expect(explorer.locator("img.error-bowl-plot")).to_be_hidden()
    expect(lesson.output(explorer_cell)).not_to_contain_text("Traceback")


def test_the_predictions_check_themselves_before_the_explorer(lesson):
    lesson.run(lesson.cell("from grader import check"))
    answer = lesson.cell("# A number: the input above which the run diverges")
    check = lesson.cell('check("descent.diverging_input"')
    lesson.run(answer)
    lesson.page.keyboard.press("Shift+Enter")  # the check below it
    expect(lesson.output(check)).to_contain_text("your prediction is not written yet")

    # The square root of 10, where the factor turns negative, is a likely wrong prediction: the check names it.
    lesson.replace_line(answer, "diverging_input = ...", "diverging_input = 3.16")
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.keyboard.press("Shift+Enter")
    expect(lesson.output(check)).to_contain_text("your prediction 3.16 is not right")
    expect(lesson.output(check)).to_contain_text("This looks like: the start of overshooting.")

    lesson.replace_line(answer, "diverging_input = 3.16", "diverging_input = 4.5")
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.keyboard.press("Shift+Enter")
    expect(lesson.output(check)).to_have_text(
        re.compile(r"^✓ descent\.diverging_input: 1 of 1 visible checks passed\. Your prediction 4\.5 is right")
    )


def test_the_error_bowl_explorer_runs_the_students_step_and_follows_its_sliders(lab, open_lesson, screenshots):
    lesson = open_lesson(answered_copy(lab))
    lesson.menu("Run", "Run All Cells")
    explorer_cell = lesson.cell(EXPLORER)
    explorer = explorer_cell.locator(".error-bowl-explorer")
    expect(explorer).to_be_visible()
    for name in PREDICTIONS:  # committed to before the explorer, each checked at once
        expect(lesson.output(lesson.cell(f'check("descent.{name}"'))).to_contain_text("is right")
    for name in ("alpha", "weight", "input"):
        expect(slider(explorer, name)).to_be_visible()
    plot, verdict = explorer.locator("img.error-bowl-plot"), explorer.locator(".error-bowl-readout [data-verdict]")
    expect(verdict).to_have_attribute("data-verdict", "converges")  # the lesson's alpha 0.1 with input 2
    expect(verdict).to_contain_text("steps of your gradient_descent_step")
    picture = expect_new_picture(plot, None)

    # Type alpha 0.6 into the slider's readout: 1 − alpha·input² = −1.4, the weight zigzags outwards.
    type_into(explorer, "alpha", "0.6")
    expect(verdict).to_have_attribute("data-verdict", "diverges")
    expect(verdict).to_contain_text("the run diverges")
    picture = expect_new_picture(plot, picture)
    lesson.screenshot(screenshots / "lesson-02-error-bowl.png", bottom=explorer_cell)

    # Question 4: alpha 0.1 converges with input 4.4 and diverges with input 4.5, beyond √20.
    type_into(explorer, "alpha", "0.1")
    type_into(explorer, "input", "4.4")
    expect(verdict).to_have_attribute("data-verdict", "converges")
    type_into(explorer, "input", "4.5")
    expect(verdict).to_have_attribute("data-verdict", "diverges")
    type_into(explorer, "input", "2")

    # Drag the handle to about alpha 0.2 on its track from −0.5 to 2: any alpha between 0 and 0.5 converges.
    alpha = slider(explorer, "alpha")
    type_into(explorer, "alpha", "0.6")
    expect(verdict).to_have_attribute("data-verdict", "diverges")
    picture = expect_new_picture(plot, picture)
    handle, track = alpha.get_by_role("slider"), alpha.locator(".noUi-base")
    handle.hover()
    box = track.bounding_box()
    lesson.page.mouse.down()
    lesson.page.mouse.move(box["x"] + box["width"] * (0.2 - -0.5) / (2 - -0.5), box["y"] + box["height"] / 2, steps=10)
    lesson.page.mouse.up()
    expect(verdict).to_have_attribute("data-verdict", "converges")
    assert 0 < float(handle.get_attribute("aria-valuenow")) < 0.5
    picture = expect_new_picture(plot, picture)

    # The student breaks a function the step calls and runs its cell: the next move says so in one line.
    delta_cell = lesson.cell("def compute_delta(")
    lesson.replace_line(delta_cell, "return prediction - goal_pred", "    return prediction - goal")
    lesson.page.keyboard.press("Shift+Enter")
    type_into(explorer, "weight", "1")
    problem = explorer.locator(".error-bowl-problem")
    expect(problem).to_have_text(re.compile(r"^⚠ gradient_descent_step raised NameError: name 'goal' is not defined"))
    expect(plot).to_be_hidden()
    expect(lesson.output(explorer_cell)).not_to_contain_text("Traceback")

    # Mended and run again: the picture is back and the message gone.
    lesson.replace_line(delta_cell, "return prediction - goal", "    return prediction - goal_pred")
    lesson.page.keyboard.press("Shift+Enter")
    type_into(explorer, "weight", "0.5")
    expect(problem).to_have_text("")
    expect(verdict).to_have_attribute("data-verdict", "converges")
    expect(plot).to_be_visible()


def test_a_check_passes_a_right_answer_and_names_a_wrong_one(lesson, screenshots):
    lesson.run(lesson.cell("from grader import check"))
    answer, check = lesson.cell("def compute_delta("), lesson.cell('check("descent.compute_delta"')

    # A plausible mistake: the goal minus the prediction. Shift+Enter twice runs the answer, then its check.
    lesson.replace_line(answer, "raise NotImplementedError", "    return goal_pred - prediction")
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.keyboard.press("Shift+Enter")
    failed = re.compile(r"CheckFailed: descent\.compute_delta: \d+ of \d+ visible checks failed")
    expect(lesson.output(check)).to_contain_text(failed)
    expect(lesson.output(check)).to_contain_text("This looks like: true − pred instead of pred − true")
    lesson.screenshot(
        screenshots / "check-names-the-mistake.png", bottom=lesson.cell("# Hidden checks of compute_delta")
    )

    lesson.replace_line(answer, "return goal_pred - prediction", "    return prediction - goal_pred")
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.keyboard.press("Shift+Enter")
    passed = re.compile(r"^✓ descent\.compute_delta: (\d+) of \1 visible checks passed\.\s*$")
    expect(lesson.output(check)).to_have_text(passed)


def test_validate_button_runs_the_notebook_and_reports_unfinished_exercises(lab, lesson, screenshots):
    validate = lesson.panel.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate")
    expect(validate).to_be_visible()
    validate.click()
    results = lesson.page.locator(".jp-Dialog")
    expect(results.locator(".jp-Dialog-header")).to_have_text("Validation Results")
    # Nothing is written yet: every exercise's visible check fails, each saying so.
    failures = results.locator(".validation-failed").get_by_text("The following cell failed:")
    expect(failures).to_have_count(len(visible_checks(lab.root / LESSON)))
    expect(results).to_contain_text('check("descent.squared_error", squared_error)')
    expect(results).to_contain_text("squared_error is not written yet")
    expect(results).to_contain_text("neural_network is not written yet")
    lesson.page.screenshot(path=screenshots / "validate.png")
