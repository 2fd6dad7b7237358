"""Lesson 06, backpropagation on real data: the seed's numbers, plausible wrong answers, and correct variants."""

import contextlib
import io
import math
import sys
import types

import numpy as np
import pytest
from support import assert_named_mistake, assert_passes

from grader import CheckFailed, check
from grader.exercises import backprop
from grader.lessons import notebook_path, read_notebook
from grader.references.real_data import prepare_admissions
from grader.schema import find, topic_exercises
from helpers.admissions import load_admissions

# The original course's listings (indentation restored where its page breaks lost it) and what they print.
FORWARD_PASS = """
import numpy as np
def sigmoid(x):
    return 1/(1+np.exp(-x))
N_input = 4
N_hidden = 3
N_output = 2
np.random.seed(42)
X = np.random.randn(4)
weights_input_to_hidden = np.random.normal(0, scale=0.1, size=(N_input, N_hidden))
weights_hidden_to_output = np.random.normal(0, scale=0.1, size=(N_hidden, N_output))
hidden_layer_in = np.dot(X, weights_input_to_hidden)
hidden_layer_out = sigmoid(hidden_layer_in)
print('Hidden-layer Output:')
print(hidden_layer_out)
output_layer_in = np.dot(hidden_layer_out, weights_hidden_to_output)
output_layer_out = sigmoid(output_layer_in)
print('Output-layer Output:')
print(output_layer_out)
"""
HIDDEN_OUT = [0.41492192, 0.42604313, 0.5002434]
OUTPUT_OUT = [0.49815196, 0.48539772]

BACKPROP_EXERCISE = """
import numpy as np
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
x = np.array([0.5, 0.1, -0.2])
target = 0.6
learnrate = 0.5
weights_input_hidden = np.array([[0.5, -0.6],
                                 [0.1, -0.2],
                                 [0.1, 0.7]])
weights_hidden_output = np.array([0.1, -0.3])
hidden_layer_input = np.dot(x, weights_input_hidden)
hidden_layer_output = sigmoid(hidden_layer_input)
output_layer_in = np.dot(hidden_layer_output, weights_hidden_output)
output = sigmoid(output_layer_in)
error = target - output
output_error_term = error * output * (1 - output)
hidden_error_term = np.dot(output_error_term, weights_hidden_output) * \\
    hidden_layer_output * (1 - hidden_layer_output)
delta_w_h_o = learnrate * output_error_term * hidden_layer_output
delta_w_i_h = learnrate * hidden_error_term * x[:, None]
print('Change in weights for hidden layer to output layer:')
print(delta_w_h_o)
print('Change in weights for input layer to hidden layer:')
print(delta_w_i_h)
"""
DELTA_W_H_O = [0.00804047, 0.00555918]
DELTA_W_I_H = [[1.77005547e-04, -5.11178506e-04], [3.54011093e-05, -1.02235701e-04], [-7.08022187e-05, 2.04471402e-04]]

# The worked example's values as the text rounds them.
WORKED = {
    "h": -0.02,
    "a": 0.495,
    "y_hat": 0.512,
    "delta_o": 0.122,
    "delta_h": 0.003,
    "delta_W": 0.0302,
    "delta_w": (0.00015, 0.00045),
}

TRAINING = """
import numpy as np
from data_prep import features, targets, features_test, targets_test
np.random.seed(21)
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
n_hidden = 2
epochs = 900
learnrate = 0.005
n_records, n_features = features.shape
last_loss = None
weights_input_hidden = np.random.normal(scale=1 / n_features ** .5,
                                        size=(n_features, n_hidden))
weights_hidden_output = np.random.normal(scale=1 / n_features ** .5,
                                         size=n_hidden)
for e in range(epochs):
    del_w_input_hidden = np.zeros(weights_input_hidden.shape)
    del_w_hidden_output = np.zeros(weights_hidden_output.shape)
    for x, y in zip(features.values, targets):
        hidden_input = np.dot(x, weights_input_hidden)
        hidden_output = sigmoid(hidden_input)
        output = sigmoid(np.dot(hidden_output,
                                weights_hidden_output))
        error = y - output
        output_error_term = error * output * (1 - output)
        hidden_error = np.dot(output_error_term, weights_hidden_output)
        hidden_error_term = hidden_error * hidden_output * (1 - hidden_output)
        del_w_hidden_output += output_error_term * hidden_output
        del_w_input_hidden += hidden_error_term * x[:, None]
    weights_input_hidden += learnrate * del_w_input_hidden / n_records
    weights_hidden_output += learnrate * del_w_hidden_output / n_records
    if e % (epochs / 10) == 0:
        hidden_output = sigmoid(np.dot(x, weights_input_hidden))
        out = sigmoid(np.dot(hidden_output,
                             weights_hidden_output))
        loss = np.mean((out - targets) ** 2)
        if last_loss and last_loss < loss:
            print("Train loss: ", loss, "  WARNING - Loss Increasing")
        else:
            print("Train loss: ", loss)
        last_loss = loss
hidden = sigmoid(np.dot(features_test, weights_input_hidden))
out = sigmoid(np.dot(hidden, weights_hidden_output))
predictions = out > 0.5
accuracy = np.mean(predictions == targets_test)
print("Prediction accuracy: {:.3f}".format(accuracy))
"""
PRINTED_LOSSES = [
    0.251357252426,
    0.249965407188,
    0.248620052189,
    0.247319932172,
    0.246063804656,
    0.244850441793,
    0.243678632019,
    0.242547181518,
    0.241454915502,
    0.240400679325,
]
# The mean square error over all training records at the same epochs (0, 90, ..., 810), from our own runs.
CORRECT_LOSSES = [
    0.2685601544,
    0.2668102827,
    0.2651069636,
    0.2634493433,
    0.2618365501,
    0.2602676977,
    0.2587418879,
    0.2572582138,
    0.2558157621,
    0.2544136154,
]


def _run(listing):
    output = io.StringIO()
    namespace = {}
    with contextlib.redirect_stdout(output):
        exec(listing, namespace)
    return namespace, output.getvalue()


def _numbers(line):
    return [float(v) for v in line.replace("[", " ").replace("]", " ").split()]


def test_the_forward_pass_listing_prints_the_seeds_values():
    _, printed = _run(FORWARD_PASS)
    lines = printed.splitlines()
    np.testing.assert_allclose(_numbers(lines[1]), HIDDEN_OUT, atol=5e-9)
    np.testing.assert_allclose(_numbers(lines[3]), OUTPUT_OUT, atol=5e-9)


def test_the_backpropagation_exercise_prints_the_seeds_weight_changes():
    _, printed = _run(BACKPROP_EXERCISE)
    lines = printed.splitlines()
    np.testing.assert_allclose(_numbers(lines[1]), DELTA_W_H_O, atol=5e-9)
    np.testing.assert_allclose(np.array(_numbers(" ".join(lines[3:6]))).reshape(3, 2), DELTA_W_I_H, rtol=5e-9)


def _visible_expected(exercise_id):
    """What each visible case of the exercise expects (the reference's value where the book prints none)."""
    exercise = find(exercise_id)
    return [exercise.expected(case) for case in exercise.visible]


def test_visible_cases_carry_the_seeds_printed_values():
    hidden, output = _visible_expected("backprop.forward_pass")[0]
    np.testing.assert_allclose(hidden, HIDDEN_OUT, atol=5e-9)
    np.testing.assert_allclose(output, OUTPUT_OUT, atol=5e-9)
    exercise, worked = _visible_expected("backprop.backprop_step")
    np.testing.assert_allclose(exercise[0], DELTA_W_I_H, rtol=5e-9)
    np.testing.assert_allclose(exercise[1], DELTA_W_H_O, atol=5e-9)
    one_record = _visible_expected("backprop.train_epoch")[0]
    np.testing.assert_allclose(one_record[0], backprop.EXERCISE[2] + np.array(DELTA_W_I_H), atol=5e-12)
    np.testing.assert_allclose(one_record[1], backprop.EXERCISE[3] + np.array(DELTA_W_H_O), atol=5e-9)


def test_the_worked_example_rounds_to_the_texts_values_except_the_last_step():
    x, target, w, W, learnrate = backprop.WORKED
    a, y_hat = backprop.answers.forward_pass(x, w, W)
    delta_o = backprop.answers.output_delta(target, y_hat)
    delta_h = backprop.answers.hidden_delta(delta_o, W, a)[0]
    delta_w_i_h, delta_w_h_o = backprop.answers.backprop_step(*backprop.WORKED)
    assert round(float(np.dot(x, w)[0]), 2) == WORKED["h"]
    assert (round(a[0], 3), round(y_hat, 3)) == (WORKED["a"], WORKED["y_hat"])
    assert (round(delta_o, 3), round(delta_h, 3)) == (WORKED["delta_o"], WORKED["delta_h"])
    assert round(delta_w_h_o[0], 4) == WORKED["delta_W"]
    # The text multiplies the rounded δh = 0.003; unrounded (0.0030455) the steps are (0.000152, 0.000457).
    np.testing.assert_allclose(learnrate * WORKED["delta_h"] * x, WORKED["delta_w"], rtol=1e-12)
    np.testing.assert_allclose(delta_w_i_h[:, 0], [0.000152, 0.000457], atol=1e-6)
    assert _visible_expected("backprop.output_delta")[0] == pytest.approx(delta_o, rel=1e-12)


def test_the_seeds_training_listing_prints_its_losses_and_accuracy(monkeypatch):
    module = types.ModuleType("data_prep")
    module.features, module.targets, module.features_test, module.targets_test = prepare_admissions(load_admissions())
    monkeypatch.setitem(sys.modules, "data_prep", module)
    _, printed = _run(TRAINING)
    lines = printed.splitlines()
    losses = [float(line.split()[2]) for line in lines[:10]]
    np.testing.assert_allclose(losses, PRINTED_LOSSES, rtol=0, atol=5e-13)
    assert lines[10] == "Prediction accuracy: 0.725"


def test_the_reference_reproduces_the_seeds_run_and_measures_the_loss_over_all_records():
    start = backprop.initial_weights(backprop.X.shape[1], 2, 21)
    weights, printed, correct = start, [], []
    for epoch in range(900):
        weights = backprop.answers.train_epoch(backprop.X, backprop.Y, *weights, 0.005)
        if epoch % 90 == 0:
            printed.append(backprop.last_record_loss(backprop.X, backprop.Y, *weights))
            correct.append(backprop.mean_square_error(backprop.X, backprop.Y, *weights))
    np.testing.assert_allclose(printed, PRINTED_LOSSES, rtol=0, atol=5e-12)
    np.testing.assert_allclose(correct, CORRECT_LOSSES, rtol=0, atol=5e-11)

    w_ih, w_ho, train_losses, test_losses = backprop.answers.train(
        backprop.X, backprop.Y, backprop.X_TEST, backprop.Y_TEST, 2, 900, 0.005
    )
    np.testing.assert_allclose(w_ih, weights[0], rtol=1e-12)
    np.testing.assert_allclose(w_ho, weights[1], rtol=1e-12)
    np.testing.assert_allclose(train_losses[::90], CORRECT_LOSSES, rtol=0, atol=5e-11)
    assert test_losses.shape == (900,)
    accuracy = np.mean((backprop.answers.forward_pass(backprop.X_TEST, w_ih, w_ho)[1] > 0.5) == backprop.Y_TEST)
    assert accuracy == 0.725


# Plausible wrong answers, written the way a learner would write them.


def _slope(values):
    return values * (1 - values)


def _step(
    *,
    error=lambda t, out: t - out,
    output_slope=_slope,
    hidden_slope=_slope,
    outer=lambda x, d: d * x[:, None],
    rate=True,
    slopes_at_inputs=False,
):
    def step(x, target, weights_input_hidden, weights_hidden_output, learnrate):
        hidden_input = np.dot(x, weights_input_hidden)
        hidden_output = backprop.answers.sigmoid(hidden_input)
        output_in = np.dot(hidden_output, weights_hidden_output)
        output = backprop.answers.sigmoid(output_in)
        output_at, hidden_at = (output_in, hidden_input) if slopes_at_inputs else (output, hidden_output)
        output_error_term = error(target, output) * output_slope(output_at)
        hidden_error_term = np.dot(output_error_term, weights_hidden_output) * hidden_slope(hidden_at)
        eta = learnrate if rate else 1
        return eta * outer(x, hidden_error_term), eta * output_error_term * hidden_output

    return step


def _loop_epoch(step=backprop.answers.backprop_step, average=True, update_inside=False):
    def epoch(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
        n_records = features.shape[0] if average else 1
        del_w_input_hidden = np.zeros(weights_input_hidden.shape)
        del_w_hidden_output = np.zeros(weights_hidden_output.shape)
        for x, y in zip(features, targets):
            delta_i_h, delta_h_o = step(x, y, weights_input_hidden, weights_hidden_output, learnrate)
            if update_inside:
                weights_input_hidden = weights_input_hidden + delta_i_h / n_records
                weights_hidden_output = weights_hidden_output + delta_h_o / n_records
            del_w_input_hidden += delta_i_h
            del_w_hidden_output += delta_h_o
        if update_inside:
            return weights_input_hidden, weights_hidden_output
        return (
            weights_input_hidden + del_w_input_hidden / n_records,
            weights_hidden_output + del_w_hidden_output / n_records,
        )

    return epoch


def _in_place_epoch(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    new_input_hidden, new_hidden_output = backprop.answers.train_epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate
    )
    weights_input_hidden += new_input_hidden - weights_input_hidden
    weights_hidden_output += new_hidden_output - weights_hidden_output
    return weights_input_hidden, weights_hidden_output


def _train(*, seed_loss=False, output_first=False, generator=False, before=False):
    def train(features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21, progress=iter):
        n_features = features.shape[1]
        if generator:
            random = np.random.default_rng(seed)
            w_ih = random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
            w_ho = random.normal(scale=1 / n_features**0.5, size=n_hidden)
        else:
            np.random.seed(seed)
            if output_first:
                w_ho = np.random.normal(scale=1 / n_features**0.5, size=n_hidden)
            w_ih = np.random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
            if not output_first:
                w_ho = np.random.normal(scale=1 / n_features**0.5, size=n_hidden)
        train_losses, test_losses = [], []
        for _ in progress(range(epochs)):
            if not before:
                w_ih, w_ho = backprop.answers.train_epoch(features, targets, w_ih, w_ho, learnrate)
            if seed_loss:
                out = backprop.answers.sigmoid(np.dot(backprop.answers.sigmoid(np.dot(features[-1], w_ih)), w_ho))
            else:
                out = backprop.answers.forward_pass(features, w_ih, w_ho)[1]
            train_losses.append(np.mean((out - targets) ** 2))
            test_losses.append(
                np.mean((backprop.answers.forward_pass(features_test, w_ih, w_ho)[1] - targets_test) ** 2)
            )
            if before:
                w_ih, w_ho = backprop.answers.train_epoch(features, targets, w_ih, w_ho, learnrate)
        return w_ih, w_ho, np.array(train_losses), np.array(test_losses)

    return train


WRONG_ANSWERS = [
    (
        "backprop.forward_pass",
        "returned values in the wrong order",
        lambda *args: backprop.answers.forward_pass(*args)[::-1],
    ),
    (
        "backprop.backprop_step",
        "returned values in the wrong order",
        lambda *args: backprop.answers.backprop_step(*args)[::-1],
    ),
    ("backprop.sigmoid", "exp(x) instead of exp(−x)", lambda x: 1 / (1 + np.exp(x))),
    ("backprop.sigmoid", "math.exp on an array", lambda x: 1 / (1 + math.exp(-x))),
    (
        "backprop.forward_pass",
        "transposed weights",
        lambda x, w1, w2: (a := backprop.answers.sigmoid(np.dot(w1, x)), backprop.answers.sigmoid(np.dot(w2, a))),
    ),
    (
        "backprop.forward_pass",
        "activation forgotten",
        lambda x, w1, w2: (a := np.dot(x, w1), backprop.answers.sigmoid(np.dot(a, w2))),
    ),
    (
        "backprop.forward_pass",
        "activation forgotten",
        lambda x, w1, w2: (a := backprop.answers.sigmoid(np.dot(x, w1)), np.dot(a, w2)),
    ),
    ("backprop.output_delta", "pred − true instead of true − pred", lambda t, out: (out - t) * out * (1 - out)),
    ("backprop.output_delta", "derivative f′ forgotten", lambda t, out: t - out),
    (
        "backprop.output_delta",
        "f′ computed on the output instead of the input",
        lambda t, out: (t - out) * backprop.answers.sigmoid(out) * (1 - backprop.answers.sigmoid(out)),
    ),
    ("backprop.hidden_delta", "transposed weights", lambda d, w, a: np.dot(d, w) * a * (1 - a)),
    ("backprop.hidden_delta", "derivative f′ forgotten", lambda d, w, a: np.dot(w, d)),
    (
        "backprop.hidden_delta",
        "f′ computed on the output instead of the input",
        lambda d, w, a: np.dot(w, d) * backprop.answers.sigmoid(a) * (1 - backprop.answers.sigmoid(a)),
    ),
    ("backprop.hidden_delta", "output weights forgotten", lambda d, w, a: d * a * (1 - a)),
    ("backprop.backprop_step", "`x` instead of `x[:, None]`", _step(outer=lambda x, d: d * x)),
    ("backprop.backprop_step", "`x` instead of `x[:, None]`", _step(outer=lambda x, d: d * x.T)),
    ("backprop.backprop_step", "outer product the wrong way round", _step(outer=lambda x, d: d[:, None] * x)),
    ("backprop.backprop_step", "learning rate forgotten", _step(rate=False)),
    ("backprop.backprop_step", "pred − true instead of true − pred", _step(error=lambda t, out: out - t)),
    ("backprop.backprop_step", "derivative f′ forgotten", _step(output_slope=lambda out: 1)),
    ("backprop.backprop_step", "derivative f′ forgotten", _step(hidden_slope=lambda a: 1)),
    (
        "backprop.backprop_step",
        "f′ computed on the output instead of the input",
        _step(
            output_slope=lambda out: backprop.answers.sigmoid(out) * (1 - backprop.answers.sigmoid(out)),
            hidden_slope=lambda a: backprop.answers.sigmoid(a) * (1 - backprop.answers.sigmoid(a)),
        ),
    ),
    ("backprop.backprop_step", "f′ computed with the output's formula on the input", _step(slopes_at_inputs=True)),
    ("backprop.train_epoch", "weights updated inside the record loop", _loop_epoch(update_inside=True)),
    ("backprop.train_epoch", "dividing by n_records forgotten", _loop_epoch(average=False)),
    ("backprop.train_epoch", "`x` instead of `x[:, None]`", _loop_epoch(step=_step(outer=lambda x, d: d * x))),
    ("backprop.train_epoch", "learning rate forgotten", _loop_epoch(step=_step(rate=False))),
    (
        "backprop.train_epoch",  # new weights only: ŷ − y and a subtracted step cannot be told apart
        "weights stepped the wrong way",
        _loop_epoch(step=_step(error=lambda t, out: out - t)),
    ),
    ("backprop.train_epoch", "derivative f′ forgotten", _loop_epoch(step=_step(output_slope=lambda out: 1))),
    (
        "backprop.train_epoch",
        "f′ computed on the output instead of the input",
        _loop_epoch(
            step=_step(
                output_slope=lambda out: backprop.answers.sigmoid(out) * (1 - backprop.answers.sigmoid(out)),
                hidden_slope=lambda a: backprop.answers.sigmoid(a) * (1 - backprop.answers.sigmoid(a)),
            )
        ),
    ),
    (
        "backprop.train_epoch",
        "f′ computed with the output's formula on the input",
        _loop_epoch(step=_step(slopes_at_inputs=True)),
    ),
    (
        "backprop.train_epoch",
        "the steps returned instead of the new weights",
        lambda f, t, w1, w2, lr: tuple(
            new - old for new, old in zip(backprop.answers.train_epoch(f, t, w1, w2, lr), (w1, w2))
        ),
    ),
    ("backprop.train_epoch", "an input was changed", _in_place_epoch),
    ("backprop.train", "loss from the last record only", _train(seed_loss=True)),
    ("backprop.train", "starting weights drawn in another order", _train(output_first=True)),
    ("backprop.train", "weights drawn with another random generator", _train(generator=True)),
    ("backprop.train", "loss measured before the epoch's update", _train(before=True)),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def _einsum_epoch(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    hidden = backprop.answers.sigmoid(features @ weights_input_hidden)
    output = backprop.answers.sigmoid(hidden @ weights_hidden_output)
    delta_o = (targets - output) * output * (1 - output)
    delta_h = np.einsum("r,h,rh->rh", delta_o, weights_hidden_output, hidden * (1 - hidden))
    n = len(features)
    return (
        weights_input_hidden + learnrate * np.einsum("ri,rh->ih", features, delta_h) / n,
        weights_hidden_output + learnrate * np.einsum("r,rh->h", delta_o, hidden) / n,
    )


CORRECT_VARIANTS = [
    ("backprop.sigmoid", lambda x: 0.5 * (1 + np.tanh(x / 2))),
    (
        "backprop.forward_pass",
        lambda x, w1, w2: (a := backprop.answers.sigmoid(x @ w1), backprop.answers.sigmoid(a @ w2)),
    ),
    (
        "backprop.forward_pass",
        lambda x, w1, w2: (a := 1 / (1 + np.exp(-np.dot(x, w1))), 1 / (1 + np.exp(-np.dot(a, w2)))),
    ),
    ("backprop.output_delta", lambda t, out: -(out - t) * out * (1 - out)),
    ("backprop.hidden_delta", lambda d, w, a: np.inner(w, d) * a * (1 - a)),
    ("backprop.hidden_delta", lambda d, w, a: w.dot(d) * (a - a**2)),
    ("backprop.backprop_step", _step(outer=lambda x, d: np.outer(x, d))),
    ("backprop.backprop_step", _step(outer=lambda x, d: x.reshape(-1, 1) * d)),
    ("backprop.backprop_step", _step()),
    ("backprop.train_epoch", _loop_epoch()),
    ("backprop.train_epoch", _einsum_epoch),
    ("backprop.train", _train()),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)


def test_the_explorer_follows_the_exercises_it_uses_and_starts_with_the_lessons_run():
    notebook = read_notebook(notebook_path("06-backpropagation-on-real-data"))
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    (explorer,) = [cell for cell in notebook.cells if "HiddenLayerExplorer(" in cell.source]
    meta = explorer.metadata["nbgrader"]
    assert meta["locked"] and not meta["grade"] and "skip-when-grading" in explorer.metadata["tags"]
    assert ids.index(meta["grade_id"]) > max(ids.index("train-hidden"), ids.index("forward_pass-hidden"))
    assert "n_hidden=2, learnrate=0.005, epochs=900" in explorer.source  # the run the text above it describes


# Prediction: committed to before the hidden-layer explorer shows it.


def test_the_prediction_comes_before_the_explorer_with_a_visible_check_and_no_hidden_one():
    notebook = read_notebook(notebook_path("06-backpropagation-on-real-data"))
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    assert [e.id for e in topic_exercises("backprop").values() if e.predict] == ["backprop.wider_layer_more_accurate"]
    (explorer,) = [cell for cell in notebook.cells if "HiddenLayerExplorer(" in cell.source]
    assert ids.index("wider_layer_more_accurate") < ids.index(explorer.metadata["nbgrader"]["grade_id"])
    visible = notebook.cells[ids.index("wider_layer_more_accurate-visible")]
    assert visible.metadata["nbgrader"]["points"] == 1 and "wider_layer_more_accurate-hidden" not in ids


def test_the_right_prediction_passes(capsys):
    assert_passes("backprop.wider_layer_more_accurate", "no")
    assert "is right" in capsys.readouterr().out


def test_the_explorer_shows_the_predicted_answer():
    """As the text after the explorer says, at learning rate 0.5 and 3000 epochs: training losses between 0.1962 and
    0.1967 (lesson 4's single unit: 0.1965 after 1000 epochs) and test accuracies of 0.75, 0.725 and 0.75 for 2, 4
    and 8 hidden units, none above lesson 4's 0.75."""
    from grader.exercises import real_data

    single_unit_losses = real_data.answers.train(
        real_data.X, real_data.Y, real_data.X_TEST, real_data.Y_TEST, 1000, 0.5
    )[1]
    assert round(single_unit_losses[-1], 4) == 0.1965
    data = (backprop.X, backprop.Y, backprop.X_TEST, backprop.Y_TEST)
    for n_hidden, accuracy in [(2, 0.75), (4, 0.725), (8, 0.75)]:
        weights_input_hidden, weights_hidden_output, train_losses, _ = backprop.answers.train(
            *data, n_hidden, 3000, 0.5
        )
        output = backprop.answers.forward_pass(backprop.X_TEST, weights_input_hidden, weights_hidden_output)[1]
        assert np.mean((output > 0.5) == backprop.Y_TEST) == accuracy
        assert 0.1962 <= train_losses[-1] <= 0.1967


@pytest.mark.parametrize(
    "value, words",
    [
        ("yes", "This looks like: wider is more accurate."),
        ("maybe", "a prediction here is one of 'yes', 'no'"),
        (False, "a prediction here is one of 'yes', 'no'"),
    ],
)
def test_wrong_predictions_fail_with_their_message(value, words):
    with pytest.raises(CheckFailed) as failed:
        check("backprop.wider_layer_more_accurate", value)
    assert words in str(failed.value) and "expected" not in str(failed.value).lower()


def test_the_students_notebook_holds_a_stub_and_the_check_data_no_answer():
    from answers import shipped_predictions

    from grader.lessons import LESSONS, REPOSITORY

    lesson = read_notebook(notebook_path("06-backpropagation-on-real-data", LESSONS))
    (stub,) = [c.source for c in lesson.cells if c.metadata["nbgrader"]["grade_id"] == "wider_layer_more_accurate"]
    assert stub.splitlines()[-1] == "wider_layer_more_accurate = ..."
    assert shipped_predictions(REPOSITORY) == []  # the lessons and check data as the release copies them
