"""The explorers of lessons 09, 10 and 12 in a real browser, driving the student's own functions.

Each test opens a copy of the lesson as it ships, with the solution notebook's answers in its exercise cells
(the student's functions, written), and shorter training where the lesson trains for long: the explorer must
render once those functions are defined, draw again when a control moves, and say in one line inside itself
what is wrong when a function is not written yet. Fixtures, set-up and screenshots are those of
``tests/test_browser.py``; MNIST and the IMDB reviews come from KERAS_HOME, set up by ``tests/conftest.py``
(without them the tests are skipped, saying why).

    NN_SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_browser_lessons_09_12.py
"""

from __future__ import annotations

import nbformat
import pytest
from browser.fixtures import BROWSER
from browser.lab import Notebook
from playwright.sync_api import Locator, expect
from support import SOLUTIONS, grade_id, skip_without_lesson_data

pytestmark = BROWSER


def answered(lab, lesson_id: str, shorter: dict[str, str]) -> str:
    """A copy of the shipped lesson, next to it, with every exercise answered as the solution notebook answers
    it and ``shorter``'s replacements made in the other cells; returns its path for ``open_lesson``."""
    shipped = lab.root.parent / "shipped" / lesson_id / f"{lesson_id}.ipynb"
    notebook = nbformat.read(shipped, as_version=4)
    solution = nbformat.read(SOLUTIONS / lesson_id / f"{lesson_id}.ipynb", as_version=4)
    answers = {grade_id(cell): cell.source for cell in solution.cells if cell.metadata["nbgrader"].get("solution")}
    for cell in notebook.cells:
        if grade_id(cell) in answers:
            cell.source = answers[grade_id(cell)]
        for old, new in shorter.items():
            cell.source = cell.source.replace(old, new)
    name = f"{lesson_id}/{lesson_id}-answered.ipynb"
    nbformat.write(notebook, lab.root.parent / "shipped" / name)
    return name


def run_all(lesson: Notebook, explorer_class: str, widget_cell: Locator) -> Locator:
    """Run every cell; return the explorer once its first picture has loaded."""
    lesson.menu("Run", "Run All Cells")
    explorer = widget_cell.locator(f".{explorer_class}")
    picture(explorer)
    return explorer


def picture(explorer: Locator, old_source: str | None = None) -> str:
    """Wait until the explorer shows a picture other than ``old_source``, loaded; return its source."""
    plot = explorer.locator("img.training-explorer-plot")
    expect(plot).to_be_visible()
    expect(plot).not_to_have_attribute("src", old_source or "")
    plot.page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=plot.element_handle())
    return plot.get_attribute("src")


def redefine_and_rerun(lesson: Notebook, widget_cell: Locator, code: str) -> None:
    """Add a cell above the explorer's with ``code``, run it, then run the explorer's cell again."""
    lesson.page.evaluate("document.activeElement?.blur()")  # keys go to the notebook, not to a widget's text box
    widget_cell.locator(".jp-InputPrompt").click()
    lesson.page.keyboard.press("Escape")
    lesson.page.keyboard.press("a")  # a new cell above, in command mode
    lesson.page.keyboard.press("Enter")
    lesson.page.keyboard.type(code)
    lesson.page.keyboard.press("Shift+Enter")
    lesson.run(widget_cell)


def expect_problem(explorer: Locator, text: str) -> None:
    problem = explorer.locator(".training-explorer-problem")
    expect(problem).to_contain_text(text)
    assert "\n" not in problem.inner_text().strip() and "Traceback" not in problem.inner_text()
    expect(explorer.locator("img.training-explorer-plot")).to_be_hidden()


def test_lesson_09s_explorer_trains_the_students_steps_and_follows_its_controls(lab, open_lesson, screenshots):
    skip_without_lesson_data("09-regularisation-and-batching")
    path = answered(lab, "09-regularisation-and-batching", {"else 100": "else 10", "iterations=21": "iterations=2"})
    lesson = open_lesson(path)
    widget_cell = lesson.cell("RegularisationExplorer(sgd_step")
    explorer = run_all(lesson, "regularisation-explorer", widget_cell)
    readout = explorer.locator(".training-explorer-readout")
    expect(readout.locator("[data-accuracy]")).to_be_visible()
    before, shown = readout.inner_text(), picture(explorer)

    # Dropout off: the student's sgd_step trains instead of dropout_step, and the curves change.
    explorer.get_by_role("button", name="off", exact=True).click()
    shown = picture(explorer, shown)
    expect(readout).not_to_have_text(before)
    lesson.screenshot(screenshots / "lesson-09-regularisation.png", bottom=widget_cell)

    unwritten = 'def apply_dropout(layer, dropout_mask):\nraise NotImplementedError("apply_dropout: replace this line")'
    redefine_and_rerun(lesson, widget_cell, unwritten)
    expect_problem(widget_cell.locator(".regularisation-explorer"), "apply_dropout is not written yet")


def test_lesson_10s_explorer_draws_the_students_activations(lab, open_lesson, screenshots):
    skip_without_lesson_data("10-activation-functions")
    path = answered(
        lab, "10-activation-functions", {"iterations=300,": "iterations=3,", "iterations=11,": "iterations=2,"}
    )
    lesson = open_lesson(path)
    widget_cell = lesson.cell("ActivationExplorer(activations")
    explorer = run_all(lesson, "activation-explorer", widget_cell)
    readout = explorer.locator(".training-explorer-readout")
    expect(readout).to_contain_text("tanh2deriv agrees with the numerical slope")
    shown = picture(explorer)

    explorer.get_by_role("button", name="sigmoid", exact=True).click()
    expect(readout).to_contain_text("sigmoid2deriv agrees with the numerical slope")
    picture(explorer, shown)
    lesson.screenshot(screenshots / "lesson-10-activations.png", bottom=widget_cell)

    redefine_and_rerun(lesson, widget_cell, "def tanh2deriv(output):\nreturn 1 - output")
    expect(widget_cell.locator(".training-explorer-readout")).to_contain_text("tanh2deriv is not the slope of tanh")
    redefine_and_rerun(lesson, widget_cell, 'def tanh(x):\nraise NotImplementedError("tanh: replace this line")')
    expect_problem(widget_cell.locator(".activation-explorer"), "tanh is not written yet")


def test_lesson_12s_explorer_asks_the_students_similar_and_analogy(lab, open_lesson, screenshots):
    skip_without_lesson_data("12-word-embeddings")
    path = answered(lab, "12-word-embeddings", {"n_blanks = 1024, 1_500_000": "n_blanks = 1024, 500_000"})
    lesson = open_lesson(path)
    widget_cell = lesson.cell("WordExplorer(similar, analogy")
    explorer = run_all(lesson, "word-explorer", widget_cell)
    answer = explorer.locator(".training-explorer-readout [data-answer]")
    expect(answer).to_be_visible()
    shown = picture(explorer)

    query = explorer.get_by_role("textbox")
    query.fill("terrible")
    query.press("Enter")
    expect(explorer.locator(".training-explorer-readout")).to_contain_text("from your similar")
    shown = picture(explorer, shown)
    query.fill("brother - he + she")
    query.press("Enter")
    expect(explorer.locator(".training-explorer-readout")).to_contain_text("brother + she − he →")
    picture(explorer, shown)
    lesson.screenshot(screenshots / "lesson-12-words.png", bottom=widget_cell)

    query.fill("kingdomz")
    query.press("Enter")
    expect_problem(explorer, "'kingdomz' is not in the vocabulary")
    redefine_and_rerun(lesson, widget_cell, 'def analogy(*args):\nraise ValueError("a mistake\\nover two lines")')
    expect_problem(widget_cell.locator(".word-explorer"), "analogy raised ValueError: a mistake (fix it")


@pytest.fixture(autouse=True)
def _no_stale_answered_copies(lab):
    yield
    for copy in (lab.root.parent / "shipped").glob("*/*-answered.ipynb"):
        copy.unlink()
