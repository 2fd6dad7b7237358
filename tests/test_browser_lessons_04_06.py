"""The training explorers of lessons 04, 05 and 06 in a real browser: JupyterLab from the students' copy.

Each explorer trains the network with the student's own functions. These tests open a lesson as it ships and
run the cells the explorer needs: with the exercises still unwritten, the explorer says so in one line inside
itself. Then they open the lesson with the solution's answers typed in (as a student who has done the
exercises), run it all, and use the explorer: it draws, a control typed into redraws, a function the student
breaks and runs again is named in the explorer's one-line message, and mending it brings the picture back.

    NN_SCREENSHOTS=docs .venv/bin/python -m pytest tests/test_browser_lessons_04_06.py
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from browser.fixtures import BROWSER
from browser.lab import Notebook
from playwright.sync_api import Locator, expect
from support import SOLUTIONS, grade_id

from grader.lessons import answer_cells, notebook_path

pytestmark = BROWSER

# Run All trains every network of a lesson before its explorer's turn comes.
RUN_ALL_MS = 300_000


@dataclass(frozen=True)
class Explorer:
    lesson_id: str
    call: str  # how the explorer's cell calls it
    needs: tuple[str, ...]  # text of the cells to run before the explorer, in order
    control: str  # the label of a slider whose readout takes typed values
    value: str  # a value to type into it
    other_value: str  # another value, for the run that meets a broken function
    redrawn: str  # what the readout says after it
    broken: tuple[str, str, str]  # (cell, a line's text, the text that breaks it): a student's mistake
    named: str  # the explorer's message for that mistake
    screenshot: str

    @property
    def path(self) -> str:
        return f"{self.lesson_id}/{self.lesson_id}.ipynb"


EXPLORERS = [
    Explorer(
        "04-gradient-descent-on-real-data",
        "LearningRateExplorer(",
        ("from grader import check", "def train(", "X, y, X_test, y_test = admissions_arrays()"),
        "epochs",
        "100",
        "150",
        "After 100 epochs at learning rate 0.5",
        ("def error_term(", "output = sigmoid(np.dot(x, weights))", "output = sigmoid(np.dot(x, weights[:-1]))"),
        "error_term (called by train) raised ValueError: shapes (6,) and (5,) not aligned",
        "lesson-04-learning-rate-explorer.png",
    ),
    Explorer(
        "05-first-deep-network",
        "StreetlightExplorer(",
        ("from grader import check", "def train(", "def forward(", "lamps = [", "deep_lights = np.array("),
        "hidden units",
        "1",
        "2",
        "stuck",
        (
            "def forward(",
            "layer_1 = relu(np.dot(layer_0, weights_0_1))",
            "layer_1 = relu(np.dot(weights_0_1, layer_0))",
        ),
        "forward (called by train) raised ValueError: shapes (3,2) and (1,3) not aligned",
        "lesson-05-streetlight-explorer.png",
    ),
    Explorer(
        "06-backpropagation-on-real-data",
        "HiddenLayerExplorer(",
        (
            "from grader import check",
            "def forward_pass(",
            "def train(",
            "features, targets, features_test, targets_test = admissions_arrays()",
        ),
        "hidden units",
        "4",
        "2",
        "After 900 epochs with 4 hidden units",
        (
            "def forward_pass(",
            "hidden_layer_in = np.dot(x, weights_input_hidden)",
            "hidden_layer_in = np.dot(weights_input_hidden, x)",
        ),
        "forward_pass (called by train) raised ValueError: shapes (6,2) and (360,6) not aligned",
        "lesson-06-hidden-layer-explorer.png",
    ),
]


def answered_copy(lab, explorer: Explorer) -> str:
    """The shipped lesson with the solution's answers in its answer cells, next to it; its path for open_lesson."""
    shipped = lab.root.parent / "shipped"
    notebook = nbformat.read(shipped / explorer.path, as_version=4)
    solution = nbformat.read(notebook_path(explorer.lesson_id, SOLUTIONS), as_version=4)
    answers = {grade_id(cell): cell.source for cell in answer_cells(solution)}
    for cell in answer_cells(notebook):
        cell.source = answers[grade_id(cell)]
    path = f"{explorer.lesson_id}/answered.ipynb"
    nbformat.write(notebook, shipped / path)
    return path


def slider(widget: Locator, label: str) -> Locator:
    name = widget.page.locator(".widget-label", has_text=re.compile(f"^{label}$"))
    return widget.locator(".widget-slider").filter(has=name)


def type_into(widget: Locator, label: str, value: str) -> None:
    readout = slider(widget, label).locator(".widget-readout")
    readout.fill(value)
    readout.press("Enter")


def retype_line(lesson: Notebook, cell: Locator, text: str, new_text: str) -> None:
    """In ``cell``'s editor, replace the text of the line containing ``text`` (after its indentation) by ``new_text``.

    End, then Shift+Home, selects a line's text without its indentation or line break, which a triple click
    would take along.
    """
    cell.locator(".cm-line").filter(has_text=text).click()
    lesson.page.keyboard.press("End")
    lesson.page.keyboard.press("Shift+Home")
    lesson.page.keyboard.type(new_text)


def expect_new_picture(plot: Locator, old_source: str | None) -> str:
    """Wait until the plot shows a new image that has loaded; return its source."""
    expect(plot).not_to_have_attribute("src", old_source or "")
    plot.page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=plot.element_handle())
    return plot.get_attribute("src")


def parts(cell: Locator) -> tuple[Locator, Locator, Locator, Locator]:
    """The explorer in ``cell``'s output: the widget, its picture, its readout and its one-line message."""
    widget = cell.locator(".training-explorer")
    return (
        widget,
        widget.locator("img.training-explorer-plot"),
        widget.locator(".training-explorer-readout"),
        widget.locator(".training-explorer-problem"),
    )


@pytest.mark.parametrize("explorer", EXPLORERS, ids=[e.lesson_id[:2] for e in EXPLORERS])
def test_the_explorer_names_the_exercise_still_to_write(open_lesson, explorer):
    lesson: Notebook = open_lesson(explorer.path)
    for text in explorer.needs:
        lesson.run(lesson.cell(text))
    cell = lesson.cell(explorer.call)
    lesson.run(cell)
    widget, plot, readout, problem = parts(cell)
    expect(problem).to_have_text(re.compile(r"^⚠ train is not written yet: write it, run its cell, then run this"))
    expect(plot).to_be_hidden()
    expect(readout).to_have_text("")
    expect(lesson.output(cell)).not_to_contain_text("Traceback")


@pytest.mark.parametrize("explorer", EXPLORERS, ids=[e.lesson_id[:2] for e in EXPLORERS])
def test_the_explorer_trains_the_students_network_follows_its_controls_and_names_a_broken_function(
    lab, open_lesson, screenshots, explorer
):
    lesson: Notebook = open_lesson(answered_copy(lab, explorer))
    lesson.menu("Run", "Run All Cells")
    cell = lesson.cell(explorer.call)
    widget, plot, readout, problem = parts(cell)
    expect(widget).to_be_visible(timeout=RUN_ALL_MS)
    expect(problem).to_have_text("")
    picture = expect_new_picture(plot, None)

    # A value typed into a slider's readout trains the network again and redraws.
    type_into(widget, explorer.control, explorer.value)
    expect(readout).to_contain_text(explorer.redrawn)
    picture = expect_new_picture(plot, picture)
    lesson.screenshot(Path(screenshots) / explorer.screenshot, bottom=cell)

    # The student breaks one of the functions the training calls and runs its cell: the next run names it.
    function_cell, line, broken_line = explorer.broken
    function_cell = lesson.cell(function_cell)
    retype_line(lesson, function_cell, line, broken_line)
    lesson.page.keyboard.press("Shift+Enter")
    type_into(widget, explorer.control, explorer.other_value)
    expect(problem).to_contain_text(explorer.named)
    expect(problem).not_to_contain_text("Traceback")
    expect(plot).to_be_hidden()

    # Mended and run again, the function trains the network: the picture is back and the message gone.
    retype_line(lesson, function_cell, broken_line, line)
    lesson.page.keyboard.press("Shift+Enter")
    type_into(widget, explorer.control, explorer.value)
    expect(problem).to_have_text("")
    expect(readout).to_contain_text(explorer.redrawn)
    expect(plot).to_be_visible()
