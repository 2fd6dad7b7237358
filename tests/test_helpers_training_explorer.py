"""The training explorers: they train with the functions they are given, draw what those return, and say in one
line, inside the widget, when a function is not written yet or fails."""

import matplotlib
import numpy as np
import pytest

from grader.exercises import backprop, deep, real_data
from helpers.admissions import admissions_arrays
from helpers.training_explorer import (
    HiddenLayerExplorer,
    LearningRateExplorer,
    StreetlightExplorer,
    StudentCodeProblem,
    call_student,
)

matplotlib.use("Agg")

PNG = b"\x89PNG\r\n\x1a\n"
ADMISSIONS = admissions_arrays()


def not_written(name):
    """A function as the students' notebook gives it: its stub raises until it is written."""

    def stub(*args, **kwargs):
        raise NotImplementedError(f"{name}: replace this line with your code")

    return stub


class Repairable:
    """A student's function that fails until it is fixed, as when its cell is rewritten and run again."""

    def __init__(self, broken, fixed):
        self.current = broken
        self.fixed = fixed

    def __call__(self, *args, **kwargs):
        return self.current(*args, **kwargs)

    def fix(self):
        self.current = self.fixed


def assert_one_line_problem(explorer, *parts):
    assert explorer.problem.count("\n") == 0 and "Traceback" not in explorer.problem
    for part in parts:
        assert part in explorer.problem
    assert part in explorer.message.value
    assert explorer.readout.value == "" and explorer.plot.layout.display == "none"


def assert_drawn(explorer):
    assert explorer.problem == "" and explorer.message.value == ""
    assert bytes(explorer.plot.value).startswith(PNG) and explorer.plot.layout.display is None


def test_call_student_names_the_function_still_to_write_and_the_error_of_one_that_fails():
    with pytest.raises(StudentCodeProblem, match=r"^train_epoch is not written yet"):
        call_student("train", not_written("train_epoch"))
    with pytest.raises(StudentCodeProblem, match=r"^train raised ZeroDivisionError: division by zero \(fix it"):
        call_student("train", lambda: 1 / 0)
    assert call_student("train", lambda x, y=0: x + y, 1, y=2) == 3


def test_call_student_names_the_notebook_function_an_error_came_from():
    notebook = {}
    exec(
        "import numpy as np\ndef forward(x):\n    return np.dot(x, np.ones(5))\ndef train(x):\n    return forward(x)",
        notebook,
    )
    with pytest.raises(StudentCodeProblem, match=r"^forward \(called by train\) raised ValueError: shapes \(3,\)"):
        call_student("train", notebook["train"], np.zeros(3))


def test_the_learning_rate_explorer_draws_the_students_run_and_its_accuracy():
    explorer = LearningRateExplorer(real_data.answers.train, *ADMISSIONS, learnrate=0.5, epochs=1000)
    assert_drawn(explorer)
    weights, train_losses, test_losses = real_data.answers.train(*ADMISSIONS, 1000, 0.5)
    np.testing.assert_array_equal(explorer.result["weights"], weights)
    np.testing.assert_array_equal(explorer.result["train"], train_losses)
    assert 'data-accuracy="0.7500"' in explorer.readout.value  # the lesson's 0.75 after 1000 epochs
    assert explorer.progress_bar.max == 1000 and explorer.progress_bar.value == 1000

    picture = bytes(explorer.plot.value)
    explorer.controls["learnrate"].value = 0.05
    assert explorer.result["learnrate"] == 0.05 and bytes(explorer.plot.value) != picture
    explorer.controls["epochs"].value = 20
    assert len(explorer.result["train"]) == 20 and "After 20 epochs at learning rate 0.05" in explorer.readout.value


def test_an_unwritten_function_is_named_in_one_line_and_the_explorer_recovers_once_it_is_written():
    train = Repairable(not_written("train_epoch"), real_data.answers.train)
    explorer = LearningRateExplorer(train, *ADMISSIONS, epochs=50)
    assert_one_line_problem(explorer, "train_epoch is not written yet")
    train.fix()
    explorer.controls["epochs"].value = 60
    assert_drawn(explorer)
    assert "After 60 epochs" in explorer.readout.value


@pytest.mark.parametrize(
    "train, problem",
    [
        (lambda *args, **kwargs: np.zeros(2)[3], "train raised IndexError: index 3 is out of bounds"),
        (lambda *args, **kwargs: (np.zeros(6), [0.2] * 50), "train should return three things"),
        (lambda *args, **kwargs: (np.zeros(5), [0.2] * 50, [0.2] * 50), "has shape (5,), expected (6,)"),
        (lambda *args, **kwargs: (np.zeros(6), [0.2] * 49, [0.2] * 50), "train_losses holds 49 values"),
    ],
)
def test_a_failing_or_wrong_train_is_reported_in_one_line(train, problem):
    assert_one_line_problem(LearningRateExplorer(train, *ADMISSIONS, epochs=50), problem)


def test_the_streetlight_explorer_solves_the_books_run_and_gets_stuck_with_one_hidden_unit():
    explorer = StreetlightExplorer(deep.answers.train, deep.answers.forward, deep.DEEP_LIGHTS, deep.DEEP_WALK_VS_STOP)
    assert_drawn(explorer)
    assert explorer.verdict(explorer.result) == "solved" and 'data-verdict="solved"' in explorer.readout.value
    np.testing.assert_allclose(explorer.result["errors"][9::10], deep.BOOK_ERRORS, rtol=1e-10)
    picture = bytes(explorer.plot.value)
    explorer.controls["hidden_size"].value = 1
    assert 'data-verdict="stuck"' in explorer.readout.value and bytes(explorer.plot.value) != picture
    assert explorer.result["weights_0_1"].shape == (3, 1)


def test_the_streetlight_explorer_names_an_unwritten_forward():
    explorer = StreetlightExplorer(deep.answers.train, not_written("forward"), deep.DEEP_LIGHTS, deep.DEEP_WALK_VS_STOP)
    assert_one_line_problem(explorer, "forward is not written yet")


def test_the_hidden_layer_explorer_reproduces_the_lessons_run():
    explorer = HiddenLayerExplorer(
        backprop.answers.train, backprop.answers.forward_pass, *ADMISSIONS, n_hidden=2, learnrate=0.005, epochs=900
    )
    assert_drawn(explorer)
    assert 'data-accuracy="0.7250"' in explorer.readout.value  # the lesson's 0.725
    assert f"{explorer.result['train'][-1]:.3f}" == "0.253"
    explorer.controls["n_hidden"].value = 4
    assert explorer.result["weights_input_hidden"].shape == (6, 4)


def test_the_hidden_layer_explorer_names_a_failing_forward_pass():
    def forward_pass(x, weights_input_hidden, weights_hidden_output):
        return np.dot(weights_input_hidden, x)  # the matrix the wrong way round

    explorer = HiddenLayerExplorer(backprop.answers.train, forward_pass, *ADMISSIONS, epochs=100)
    assert_one_line_problem(explorer, "forward_pass raised ValueError")
