"""Lesson 02, gradient descent: the seed's numbers, plausible wrong answers, and correct variants."""

import contextlib
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from support import assert_named_mistake, assert_no_named_mistake, assert_passes, visible_failure

from grader import CheckFailed, check, check_hidden
from grader.exercises import descent
from grader.lessons import notebook_path, read_notebook
from grader.schema import topic_exercises

# The book's listings for lesson 4 that print, as printed there (Python 2's print rounds to 12 digits).
HOT_AND_COLD = """
weight = 0.5
input = 0.5
goal_prediction = 0.8
step_amount = {step_amount}
for iteration in range({iterations}):
    prediction = input * weight
    error = (prediction - goal_prediction) ** 2
    print("Error:" + str(error) + " Prediction:" + str(prediction))
    up_prediction = input * (weight + step_amount)
    up_error = (goal_prediction - up_prediction) ** 2
    down_prediction = input * (weight - step_amount)
    down_error = (goal_prediction - down_prediction) ** 2
    if(down_error < up_error):
        weight = weight - step_amount
    if(down_error > up_error):
        weight = weight + step_amount
"""

DIRECTION_AND_AMOUNT = """
weight = 0.5
goal_pred = 0.8
input = 0.5
for iteration in range(20):
    pred = input * weight
    error = (pred - goal_pred) ** 2
    direction_and_amount = (pred - goal_pred) * input
    weight = weight - direction_and_amount
    print("Error:" + str(error) + " Prediction:" + str(pred))
"""

REDUCING_ERROR = """
weight, goal_pred, input = (0.0, 0.8, {input})
for iteration in range(4):
    print("----\\nWeight:" + str(weight))
    pred = input * weight
    error = (pred - goal_pred) ** 2
    delta = pred - goal_pred
    weight_delta = delta * input
    weight = weight - weight_delta
    print("Error:" + str(error) + " Prediction:" + str(pred))
    print("Delta:" + str(delta) + " Weight Delta:" + str(weight_delta))
"""

BREAKING = """
weight = 0.5
goal_pred = 0.8
input = 2
for iteration in range(20):
    pred = input * weight
    error = (pred - goal_pred) ** 2
    delta = pred - goal_pred
    weight_delta = input * delta
    weight = weight - weight_delta
    print("Error:" + str(error) + " Prediction:" + str(pred))
"""

ALPHA = """
weight = 0.5
goal_pred = 0.8
input = 2
alpha = 0.1
for iteration in range(20):
    pred = input * weight
    error = (pred - goal_pred) ** 2
    derivative = input * (pred - goal_pred)
    weight = weight - (alpha * derivative)
    print("Error:" + str(error) + " Prediction:" + str(pred))
"""

ONE_ITERATION = """
weight = 0.1
alpha = 0.01
def neural_network(input, weight):
    prediction = input * weight
    return prediction
number_of_toes = [8.5]
win_or_lose_binary = [1] # (won!!!)
input = number_of_toes[0]
goal_pred = win_or_lose_binary[0]
pred = neural_network(input,weight)
error = (pred - goal_pred) ** 2
delta = pred - goal_pred
weight_delta = input * delta
weight -= weight_delta * alpha
print("Weight:" + str(weight))
"""

BOOK_DIGITS = 1e-11  # the book prints 12 significant digits


def _run(listing: str) -> dict[str, list[float]]:
    """Run a listing; return every printed 'Name:value' as {name: [values in order]}."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(listing, {})
    printed = {}
    for name, value in re.findall(r"(\w[\w ]*?):\s*(\S+)", output.getvalue()):
        printed.setdefault(name, []).append(float(value))
    return printed


def _ends(values, first=3, last=3):
    return list(values[:first]) + list(values[-last:])


def test_hot_and_cold_prints_what_the_book_prints_and_the_reference_reproduces_it():
    printed = _run(HOT_AND_COLD.format(step_amount=0.001, iterations=1101))
    # The book prints the third value as 2.5000000033e-07, one zero short of what its listing prints.
    book_errors = [0.3025, 0.30195025, 2.50000000033e-07, 1.07995057925e-27]
    book_predictions = [0.25, 0.2505, 0.7995, 0.8]
    np.testing.assert_allclose(_ends(printed["Error"], 2, 2), book_errors, rtol=BOOK_DIGITS)
    np.testing.assert_allclose(_ends(printed["Prediction"], 2, 2), book_predictions, rtol=BOOK_DIGITS)

    weights, errors = descent.answers.hot_and_cold(0.5, 0.5, descent.GOAL, 0.001, 1101)
    assert errors == printed["Error"]
    assert [0.5 * w for w in weights[:-1]] == printed["Prediction"]
    assert 0.5 * weights[1100] == 0.7999999999999672
    assert errors[1100] == pytest.approx(1.08e-27, rel=1e-3)


def test_hot_and_cold_with_a_step_of_10_bounces_for_ever():
    printed = _run(HOT_AND_COLD.format(step_amount=10, iterations=6))
    np.testing.assert_allclose(printed["Error"], [0.3025, 19.8025] * 3, rtol=1e-12)
    np.testing.assert_allclose(printed["Prediction"], [0.25, 5.25] * 3, rtol=1e-12)
    weights, errors = descent.answers.hot_and_cold(0.5, 0.5, descent.GOAL, 10, 6)
    assert errors == printed["Error"] and weights == [0.5, 10.5] * 3 + [0.5]


def test_direction_and_amount_is_gradient_descent_with_alpha_1():
    printed = _run(DIRECTION_AND_AMOUNT)
    book_errors = [0.3025, 0.17015625, 0.095712890625, 1.7092608064e-05, 9.61459203602e-06, 5.40820802026e-06]
    book_predictions = [0.25, 0.3875, 0.490625, 0.79586567925, 0.796899259437, 0.797674444578]
    np.testing.assert_allclose(_ends(printed["Error"]), book_errors, rtol=BOOK_DIGITS)
    np.testing.assert_allclose(_ends(printed["Prediction"]), book_predictions, rtol=BOOK_DIGITS)
    weights, errors = descent.answers.gradient_descent(0.5, 0.5, descent.GOAL, 1, 20)
    assert errors == printed["Error"]
    assert [0.5 * w for w in weights[:-1]] == printed["Prediction"]


def test_four_steps_with_input_1_1_print_the_books_weights_errors_and_deltas():
    printed = _run(REDUCING_ERROR.format(input=1.1))
    np.testing.assert_allclose(printed["Weight"], [0.0, 0.88, 0.6952, 0.734008], rtol=1e-12)
    np.testing.assert_allclose(printed["Error"], [0.64, 0.028224, 0.0012446784, 5.489031744e-05], rtol=BOOK_DIGITS)
    np.testing.assert_allclose(printed["Prediction"], [0.0, 0.968, 0.76472, 0.8074088], rtol=1e-12)
    np.testing.assert_allclose(printed["Delta"], [-0.8, 0.168, -0.03528, 0.0074088], rtol=1e-12)
    np.testing.assert_allclose(printed["Weight Delta"], [-0.88, 0.1848, -0.038808, 0.00814968], rtol=1e-12)

    weights, errors = descent.answers.gradient_descent(1.1, 0.0, descent.GOAL, 1, 4)
    assert weights[:-1] == printed["Weight"] and errors == printed["Error"]
    np.testing.assert_allclose(weights[1:], [0.88, 0.6952, 0.734008, 0.72585832], rtol=1e-12)
    np.testing.assert_allclose(errors, [0.64, 0.028224, 0.0012446784, 5.4890317e-05], rtol=1e-7)
    deltas = [descent.answers.compute_delta(1.1 * w, descent.GOAL) for w in weights[:-1]]
    assert deltas == printed["Delta"]
    assert [descent.answers.compute_weight_delta(1.1, d) for d in deltas] == printed["Weight Delta"]


def test_four_steps_with_input_0_5_match_the_visible_case():
    printed = _run(REDUCING_ERROR.format(input=0.5))
    weights, errors = descent.answers.gradient_descent(0.5, 0.0, descent.GOAL, 1, 4)
    assert weights[:-1] == printed["Weight"] and errors == printed["Error"]
    np.testing.assert_allclose(errors, [0.64, 0.36, 0.2025, 0.11390625], rtol=1e-12)


def test_input_2_diverges_as_the_book_prints():
    printed = _run(BREAKING)
    book_errors = [0.04, 0.36, 3.24, 6.67087267987e14, 6.00378541188e15, 5.40340687069e16]
    book_predictions = [1.0, 0.2, 2.6, -25828031.8, 77484098.6, -232452292.6]
    np.testing.assert_allclose(_ends(printed["Error"]), book_errors, rtol=BOOK_DIGITS)
    np.testing.assert_allclose(_ends(printed["Prediction"]), book_predictions, rtol=BOOK_DIGITS)
    weights, errors = descent.answers.gradient_descent(2, 0.5, descent.GOAL, 1, 20)
    assert errors == printed["Error"]
    assert errors[19] == pytest.approx(5.4e16, rel=0.01)


def test_alpha_0_1_converges_as_the_book_prints():
    printed = _run(ALPHA)
    book_errors = [0.04, 0.0144, 0.005184, 1.14604719983e-09, 4.12576991939e-10, 1.48527717099e-10]
    book_predictions = [1.0, 0.92, 0.872, 0.800033853319, 0.800020311991, 0.800012187195]
    np.testing.assert_allclose(_ends(printed["Error"]), book_errors, rtol=BOOK_DIGITS)
    np.testing.assert_allclose(_ends(printed["Prediction"]), book_predictions, rtol=BOOK_DIGITS)
    weights, errors = descent.answers.gradient_descent(2, 0.5, descent.GOAL, 0.1, 20)
    assert errors == printed["Error"]
    assert errors[19] == pytest.approx(1.485277e-10, rel=1e-6)
    assert 2 * weights[19] == 0.8000121871948003


def test_one_iteration_with_alpha_and_the_first_errors():
    assert _run(ONE_ITERATION)["Weight"] == [pytest.approx(0.11275, rel=1e-12)]
    assert descent.answers.gradient_descent_step(8.5, 0.1, 1, 0.01) == pytest.approx(0.11275, rel=1e-12)
    assert descent.answers.squared_error(0.5 * 0.5, 0.8) == pytest.approx(0.3025, rel=1e-12)
    new_weight = descent.answers.hot_and_cold_step(8.5, 0.1, 1, 0.01)
    assert new_weight == pytest.approx(0.11) and round(descent.answers.squared_error(8.5 * new_weight, 1), 3) == 0.004


def test_training_loops_are_graded_on_short_runs():
    for exercise_id in ("descent.hot_and_cold", "descent.gradient_descent"):
        assert max(case.args[-1] for case in topic_exercises("descent")[exercise_id].hidden_cases()) <= 10


# Plausible wrong answers, written the way a student would.


def _no_return(prediction, goal_pred):
    error = (prediction - goal_pred) ** 2  # noqa: F841


def _towards_larger_error(input, weight, goal_pred, step_amount):
    up_error = (input * (weight + step_amount) - goal_pred) ** 2
    down_error = (input * (weight - step_amount) - goal_pred) ** 2
    if up_error > down_error:
        return weight + step_amount
    if up_error < down_error:
        return weight - step_amount
    return weight


def _from_the_prediction(input, weight, goal_pred, step_amount):
    if input * weight < goal_pred:
        return weight + step_amount
    if input * weight > goal_pred:
        return weight - step_amount
    return weight


def _if_else(input, weight, goal_pred, step_amount):
    if (input * (weight - step_amount) - goal_pred) ** 2 < (input * (weight + step_amount) - goal_pred) ** 2:
        return weight - step_amount
    else:
        return weight + step_amount


def _only_if_better(input, weight, goal_pred, step_amount):
    error = (input * weight - goal_pred) ** 2
    up_error = (input * (weight + step_amount) - goal_pred) ** 2
    down_error = (input * (weight - step_amount) - goal_pred) ** 2
    if error > down_error or error > up_error:
        if down_error < up_error:
            weight -= step_amount
        if up_error < down_error:
            weight += step_amount
    return weight


def _loop(step, *, after=False, start=True, measure=lambda p, g: (p - g) ** 2):
    def train(input, weight, goal_pred, rate, iterations):
        weights = [weight] if start else []
        errors = []
        for _ in range(iterations):
            if not after:
                errors.append(measure(input * weight, goal_pred))
            weight = step(input, weight, goal_pred, rate)
            if after:
                errors.append(measure(input * weight, goal_pred))
            weights.append(weight)
        return weights, errors

    return train


def _true_minus_pred(input, weight, goal_pred, alpha):
    delta = goal_pred - input * weight
    return weight - alpha * input * delta


def _forgot_alpha(input, weight, goal_pred, alpha):
    delta = input * weight - goal_pred
    weight -= delta * input
    return weight


def _forgot_input(input, weight, goal_pred, alpha):
    delta = input * weight - goal_pred
    return weight - alpha * delta


def _with_the_two(input, weight, goal_pred, alpha):
    return weight - alpha * 2 * input * (input * weight - goal_pred)


def _with_the_error(input, weight, goal_pred, alpha):
    error = (input * weight - goal_pred) ** 2
    return weight - alpha * input * error


WRONG_ANSWERS = [
    (
        "descent.hot_and_cold",
        "returned values in the wrong order",
        lambda *args: descent.answers.hot_and_cold(*args)[::-1],
    ),
    (
        "descent.gradient_descent",
        "returned values in the wrong order",
        lambda *args: descent.answers.gradient_descent(*args)[::-1],
    ),
    ("descent.neural_network", "added instead of multiplied", lambda input, weight: input + weight),
    ("descent.squared_error", "error not squared", lambda prediction, goal_pred: prediction - goal_pred),
    ("descent.squared_error", "error not squared", lambda prediction, goal_pred: abs(goal_pred - prediction)),
    ("descent.squared_error", "nothing returned", _no_return),
    ("descent.hot_and_cold_step", "moved towards the larger error", _towards_larger_error),
    ("descent.hot_and_cold_step", "direction guessed from the prediction", _from_the_prediction),
    ("descent.hot_and_cold_step", "moved on a tie", _if_else),
    ("descent.hot_and_cold_step", "stayed because both neighbours were worse", _only_if_better),
    ("descent.hot_and_cold", "error recorded after the step", _loop(descent.answers.hot_and_cold_step, after=True)),
    ("descent.hot_and_cold", "the starting weight missing", _loop(descent.answers.hot_and_cold_step, start=False)),
    ("descent.hot_and_cold", "error not squared", _loop(descent.answers.hot_and_cold_step, measure=lambda p, g: p - g)),
    ("descent.hot_and_cold", "direction guessed from the prediction", _loop(_from_the_prediction)),
    ("descent.hot_and_cold", "stayed because both neighbours were worse", _loop(_only_if_better)),
    (
        "descent.compute_delta",
        "true − pred instead of pred − true",
        lambda prediction, goal_pred: goal_pred - prediction,
    ),
    (
        "descent.compute_delta",
        "the error used instead of delta",
        lambda prediction, goal_pred: (prediction - goal_pred) ** 2,
    ),
    ("descent.compute_weight_delta", "derivative forgotten (the input factor)", lambda input, delta: delta),
    ("descent.compute_weight_delta", "sign flipped", lambda input, delta: -input * delta),
    # A step returns only the new weight: goal − prediction and an added step cannot be told apart.
    ("descent.gradient_descent_step", "weights stepped the wrong way", _true_minus_pred),
    ("descent.gradient_descent_step", "alpha forgotten", _forgot_alpha),
    ("descent.gradient_descent_step", "derivative forgotten (the input factor)", _forgot_input),
    ("descent.gradient_descent_step", "the factor 2 of the derivative kept", _with_the_two),
    ("descent.gradient_descent_step", "the error used instead of delta", _with_the_error),
    ("descent.gradient_descent", "weights stepped the wrong way", _loop(_true_minus_pred)),
    ("descent.gradient_descent", "alpha forgotten", _loop(_forgot_alpha)),
    ("descent.gradient_descent", "derivative forgotten (the input factor)", _loop(_forgot_input)),
    ("descent.gradient_descent", "the factor 2 of the derivative kept", _loop(_with_the_two)),
    (
        "descent.gradient_descent",
        "error not squared",
        _loop(descent.answers.gradient_descent_step, measure=lambda p, g: p - g),
    ),
    (
        "descent.gradient_descent",
        "error recorded after the step",
        _loop(descent.answers.gradient_descent_step, after=True),
    ),
    (
        "descent.gradient_descent",
        "the starting weight missing",
        _loop(descent.answers.gradient_descent_step, start=False),
    ),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def test_guessing_the_direction_passes_the_visible_checks_and_only_hidden_ones_catch_it():
    check("descent.hot_and_cold_step", _from_the_prediction)
    with pytest.raises(
        CheckFailed, match="(?s)a negative input.*This looks like: direction guessed from the prediction"
    ):
        check_hidden("descent.hot_and_cold_step", _from_the_prediction)


def _by_absolute_miss(input, weight, goal_pred, step_amount):
    up_miss = abs(input * (weight + step_amount) - goal_pred)
    down_miss = abs(input * (weight - step_amount) - goal_pred)
    return weight - step_amount if down_miss < up_miss else weight + step_amount if up_miss < down_miss else weight


def _while_loop(input, weight, goal_pred, step_amount, iterations):
    weights, errors = [weight], []
    while len(errors) < iterations:
        errors.append((goal_pred - input * weights[-1]) ** 2)
        weights.append(descent.answers.hot_and_cold_step(input, weights[-1], goal_pred, step_amount))
    return weights, errors


def _seed_style(input, weight, goal_pred, alpha):
    pred = input * weight
    derivative = input * (pred - goal_pred)
    return weight - (alpha * derivative)


def _errors_afterwards(input, weight, goal_pred, alpha, iterations):
    weights = [weight]
    for _ in range(iterations):
        weights.append(weights[-1] - alpha * input * (input * weights[-1] - goal_pred))
    return weights, [(input * w - goal_pred) ** 2 for w in weights[:-1]]


CORRECT_VARIANTS = [
    ("descent.neural_network", lambda input, weight: weight * input),
    ("descent.squared_error", lambda prediction, goal_pred: (goal_pred - prediction) ** 2),
    ("descent.squared_error", lambda prediction, goal_pred: (prediction - goal_pred) * (prediction - goal_pred)),
    ("descent.squared_error", lambda prediction, goal_pred: pow(prediction - goal_pred, 2)),
    ("descent.hot_and_cold_step", _by_absolute_miss),
    ("descent.hot_and_cold_step", lambda i, w, g, s: descent.answers.hot_and_cold_step(i, w, g, s)),
    ("descent.hot_and_cold", _while_loop),
    ("descent.compute_delta", lambda prediction, goal_pred: -(goal_pred - prediction)),
    ("descent.compute_weight_delta", lambda input, delta: delta * input),
    ("descent.gradient_descent_step", _seed_style),
    ("descent.gradient_descent_step", lambda i, w, g, a: w + a * i * (g - i * w)),
    ("descent.gradient_descent", _errors_afterwards),
    ("descent.gradient_descent", _loop(_seed_style)),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)


def _explorer_cells():
    notebook = read_notebook(notebook_path("02-gradient-descent"))
    return [cell for cell in notebook.cells if "ErrorBowlExplorer(" in cell.source]


def test_the_explorer_cell_is_locked_ungraded_skipped_when_grading_and_runs_the_students_step():
    cells = _explorer_cells()
    assert len(cells) == 1
    meta = cells[0].metadata["nbgrader"]
    assert meta["locked"] and not meta["grade"] and not meta["solution"]
    assert "skip-when-grading" in cells[0].metadata["tags"]
    figures = plt.get_fignums()
    namespace = {"gradient_descent_step": descent.answers.gradient_descent_step}
    exec(cells[0].source.rsplit("\n", 1)[0], namespace)  # everything but the displayed expression
    explorer = eval(cells[0].source.rsplit("\n", 1)[1], namespace)
    assert explorer.verdict == "converges" and plt.get_fignums() == figures
    namespace["gradient_descent_step"] = _forgot_alpha  # a wrong step is drawn as it runs
    explorer = eval(cells[0].source.rsplit("\n", 1)[1], namespace)
    assert explorer.verdict == "diverges" and explorer.weights[1] == _forgot_alpha(2, 0.5, 0.8, 0.1)


# Predictions: committed to before the explorer shows them.

PREDICTIONS = {
    "descent.oscillating_alpha": 2 / 1.5**2,
    "descent.beyond_oscillation": "diverges",
    "descent.negative_alpha": "away from the best weight",
    "descent.diverging_input": 20**0.5,
    "descent.starting_weight_decides": "no",
}


def test_the_predictions_are_the_explorers_questions_in_the_lessons_order_before_the_explorer():
    notebook = read_notebook(notebook_path("02-gradient-descent"))
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    names = [exercise_id.split(".")[1] for exercise_id in PREDICTIONS]
    assert [e.id for e in topic_exercises("descent").values() if e.predict] == list(PREDICTIONS)
    positions = [ids.index(name) for name in names]
    assert positions == sorted(positions) and positions[-1] < ids.index("descent-38")  # the explorer's cell
    for name in names:
        visible = notebook.cells[ids.index(f"{name}-visible")]
        assert visible.metadata["nbgrader"]["points"] == 1 and f"{name}-hidden" not in ids


@pytest.mark.parametrize("exercise_id", PREDICTIONS)
def test_the_right_prediction_passes(exercise_id, capsys):
    assert_passes(exercise_id, PREDICTIONS[exercise_id])
    assert "is right" in capsys.readouterr().out


def test_the_explorer_shows_the_predicted_numbers():
    from helpers.error_bowl import run_verdict, student_run

    def ends(input, alpha):
        return run_verdict(input, 0.8, student_run(descent.answers.gradient_descent_step, input, 0.5, 0.8, alpha, 20))

    assert (ends(1.5, 0.88), ends(1.5, 2 / 1.5**2), ends(1.5, 0.9)) == ("converges", "oscillates", "diverges")
    assert (ends(1.5, -0.1), ends(4.4, 0.1), ends(4.5, 0.1)) == ("diverges", "converges", "diverges")


@pytest.mark.parametrize(
    "exercise_id, value",
    [
        ("descent.oscillating_alpha", 0.88),  # the slider's last converging value, within 0.01
        ("descent.oscillating_alpha", 0.889),
        ("descent.diverging_input", 4.47),
        ("descent.diverging_input", 4.5),  # the slider's first diverging value, within 0.05
        ("descent.diverging_input", np.float64(4.43)),
        ("descent.beyond_oscillation", "  Diverges "),  # case and spaces do not matter
    ],
)
def test_predictions_within_the_tolerance_pass(exercise_id, value):
    check(exercise_id, value)


@pytest.mark.parametrize(
    "exercise_id, value, words",
    [
        ("descent.oscillating_alpha", 0.5, "Hint: The run oscillates when the factor"),
        ("descent.oscillating_alpha", 0.87, "within ±0.01 of the answer count"),
        ("descent.oscillating_alpha", 2 / 1.5, "This looks like: the input not squared."),
        ("descent.oscillating_alpha", 1 / 1.5**2, "This looks like: one step to the bottom."),
        ("descent.oscillating_alpha", 2, "This looks like: alpha·input² for alpha."),
        ("descent.beyond_oscillation", "oscillates", "This looks like: still oscillating."),
        ("descent.beyond_oscillation", "converges", "Hint: Beyond that alpha"),
        ("descent.beyond_oscillation", "explodes", "a prediction here is one of 'converges', 'oscillates'"),
        ("descent.negative_alpha", "towards the best weight", "Hint: With a negative alpha"),
        ("descent.diverging_input", 4.4, "within ±0.05 of the answer count"),
        ("descent.diverging_input", 20, "This looks like: input² for the input."),
        ("descent.diverging_input", 3.16, "This looks like: the start of overshooting."),
        ("descent.diverging_input", "4.47", "a prediction here is a number; diverging_input is '4.47'"),
        ("descent.diverging_input", float("nan"), "a prediction here is a number"),
        ("descent.diverging_input", True, "a prediction here is a number"),
        ("descent.starting_weight_decides", "yes", "Hint: The factor 1 − alpha·input² holds no weight"),
    ],
)
def test_wrong_predictions_fail_with_their_message(exercise_id, value, words):
    message = visible_failure(exercise_id, value)
    assert words in message
    assert "expected" not in message.lower()


@pytest.mark.parametrize("exercise_id", PREDICTIONS)
def test_an_unwritten_prediction_is_not_written_yet(exercise_id):
    name = exercise_id.split(".")[1]
    message = visible_failure(exercise_id, ...)
    assert message == (
        f"{exercise_id}: your prediction is not written yet. Replace `...` in `{name} = ...` with your prediction, "
        "run that cell, then run this check again."
    )


def test_a_wrong_prediction_says_nothing_of_the_side_the_answer_lies_on():
    """Two wrong predictions on either side of the answer, as far from it, get the same message."""
    low, high = 20**0.5 - 0.3, 20**0.5 + 0.3
    assert visible_failure("descent.diverging_input", low).replace(f"{low:.12g}", "X") == visible_failure(
        "descent.diverging_input", high
    ).replace(f"{high:.12g}", "X")


def test_the_students_notebook_holds_stubs_and_the_check_data_no_answer():
    from answers import shipped_predictions

    from grader.lessons import LESSONS, REPOSITORY

    lesson = read_notebook(notebook_path("02-gradient-descent", LESSONS))
    stubs = {c.metadata["nbgrader"]["grade_id"]: c.source for c in lesson.cells}
    for exercise_id in PREDICTIONS:
        name = exercise_id.split(".")[1]
        assert stubs[name].splitlines()[-1] == f"{name} = ..."
    assert shipped_predictions(REPOSITORY) == []  # the lessons and check data as the release copies them


# Wrong answers whose checks show single wrong numbers off by a different factor each time: no name is proven
# (an earlier check library called each of them "every value off by a factor of ...").
UNPROVEN_WRONG_ANSWERS = [
    ("descent.squared_error", lambda prediction, goal_pred: (prediction - goal_pred) * 2),  # * 2 for ** 2
    ("descent.neural_network", lambda input, weight: input * 2),
    (
        "descent.gradient_descent_step",  # the weight's change returned instead of the new weight
        lambda input, weight, goal_pred, alpha: alpha * input * (input * weight - goal_pred),
    ),
]


@pytest.mark.parametrize("exercise_id, answer", UNPROVEN_WRONG_ANSWERS, ids=[e for e, _ in UNPROVEN_WRONG_ANSWERS])
def test_wrong_answers_that_no_check_can_tell_apart_fail_without_a_name(exercise_id, answer):
    assert_no_named_mistake(exercise_id, answer)
