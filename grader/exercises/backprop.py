"""Lesson 06, backpropagation on real data: a hidden layer of sigmoid units, trained on graduate admissions.

Visible cases are the lesson's own examples: the 4×3×2 forward pass drawn with seed 42, the worked example
with one hidden unit, the backpropagation exercise (whose weight changes the original course prints), and
short training runs on the admissions data. Their expected values are computed by the reference
implementations below; ``tests/test_lesson06_backprop.py`` pins them to the printed numbers. Hidden cases
use other sizes, seeds and values.

Shapes: ``x`` is one record (n_inputs,) or a table of records (n_records, n_inputs);
``weights_input_hidden`` is (n_inputs, n_hidden), one row per input and one column per hidden unit;
``weights_hidden_output`` is (n_hidden,) for one output unit, (n_hidden, n_outputs) for several.
"""

import numpy as np

from grader.schema import Case, Exercise
from grader.exercises.real_data import (
    DERIVATIVE_FORGOTTEN,
    LEARNRATE_FORGOTTEN,
    LOSS_BEFORE_UPDATE,
    NOT_AVERAGED,
    OTHER_GENERATOR,
    PRED_MINUS_TRUE,
    PRIME_OF_OUTPUT,
    SHORTCUT_ON_INPUT,
    UPDATED_INSIDE_THE_LOOP,
    X,
    X_TEST,
    Y,
    Y_TEST,
    sigmoid,
)
from grader.catalogue import TRANSPOSED, Mistake
from grader.references.backprop import backprop_step, forward_pass, hidden_delta, output_delta, train, train_epoch

# The forward-pass quiz: a 4×3×2 network whose input and weights are drawn after np.random.seed(42).
_QUIZ_RANDOM = np.random.RandomState(42)
QUIZ_X = _QUIZ_RANDOM.randn(4)
QUIZ_W_INPUT_HIDDEN = _QUIZ_RANDOM.normal(0, scale=0.1, size=(4, 3))
QUIZ_W_HIDDEN_OUTPUT = _QUIZ_RANDOM.normal(0, scale=0.1, size=(3, 2))
# The worked example: two inputs, one hidden unit, one output unit, target 1, learnrate 0.5.
WORKED = (np.array([0.1, 0.3]), 1.0, np.array([[0.4], [-0.2]]), np.array([0.1]), 0.5)
# The backpropagation exercise: three inputs, two hidden units, target 0.6, learnrate 0.5.
EXERCISE = (
    np.array([0.5, 0.1, -0.2]),
    0.6,
    np.array([[0.5, -0.6], [0.1, -0.2], [0.1, 0.7]]),
    np.array([0.1, -0.3]),
    0.5,
)
# The admissions network: 2 hidden units, learnrate 0.005, seed 21.
N_HIDDEN, LEARNRATE, SEED = 2, 0.005, 21

ACTIVATION_FORGOTTEN = Mistake(
    "activation forgotten",
    "Every unit, hidden or output, passes its weighted sum through the sigmoid: layer_out = sigmoid(layer_in).",
)
NOT_A_COLUMN = Mistake(
    "`x` instead of `x[:, None]`",
    "δʰ * x multiplies position by position. The weight changes of the first layer need one value per (input, "
    "hidden unit) pair, shaped like weights_input_hidden: make x a column, x[:, None] * hidden_error_term.",
)
OUTER_TRANSPOSED = Mistake(
    "outer product the wrong way round",
    "delta_w_i_h has the shape of weights_input_hidden, (n_inputs, n_hidden): one row per input. "
    "Use x[:, None] * hidden_error_term, not hidden_error_term[:, None] * x.",
)
WEIGHTS_FORGOTTEN = Mistake(
    "output weights forgotten",
    "A hidden unit is blamed for the output's error in proportion to the weight that carries its value to "
    "the output: δʰ = (W · δᵒ) · f′(hʰ).",
)
STEPS_NOT_WEIGHTS = Mistake(
    "the steps returned instead of the new weights",
    "train_epoch returns the weights after the epoch: each weight matrix plus learnrate times its mean step.",
)
LAST_RECORD_LOSS = Mistake(
    "loss from the last record only",
    "The original course's loss printout predicts with the last record x of its loop for every applicant. "
    "Measure the loss on the outputs for all records: np.mean((output - targets) ** 2).",
)
DRAW_ORDER = Mistake(
    "starting weights drawn in another order",
    "After np.random.seed(seed), draw weights_input_hidden first, then weights_hidden_output, both with "
    "np.random.normal(scale=1 / n_features**0.5, size=...).",
)


def mean_square_error(features, targets, weights_input_hidden, weights_hidden_output):
    return np.mean((forward_pass(features, weights_input_hidden, weights_hidden_output)[1] - targets) ** 2)


def initial_weights(n_features, n_hidden, seed):
    # A RandomState of its own draws what np.random.seed(seed) would, without resetting the global state.
    random = np.random.RandomState(seed)
    weights_input_hidden = random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
    weights_hidden_output = random.normal(scale=1 / n_features**0.5, size=n_hidden)
    return weights_input_hidden, weights_hidden_output


def last_record_loss(features, targets, weights_input_hidden, weights_hidden_output):
    """The loss the original course prints: the last record's output, compared with every target."""
    return np.mean((forward_pass(features[-1], weights_input_hidden, weights_hidden_output)[1] - targets) ** 2)


# Wrong implementations, each the fingerprint of a named mistake.


def _backprop_step_with(*, error=lambda target, output: target - output, output_slope=True, hidden_slope=True,
                        slope_of_output=False, shortcut_on_input=False, column=True, outer_transposed=False,
                        learnrate_used=True):  # fmt: skip
    def wrong(x, target, weights_input_hidden, weights_hidden_output, learnrate):
        hidden_input = np.dot(x, weights_input_hidden)
        hidden_output = sigmoid(hidden_input)
        output_input = np.dot(hidden_output, weights_hidden_output)
        output = sigmoid(output_input)
        slope = (lambda a: sigmoid(a) * (1 - sigmoid(a))) if slope_of_output else (lambda a: a * (1 - a))
        output_slope_at, hidden_slope_at = (output_input, hidden_input) if shortcut_on_input else (output, hidden_output)
        output_term = error(target, output) * (slope(output_slope_at) if output_slope else 1)
        hidden_term = np.dot(weights_hidden_output, output_term) * (slope(hidden_slope_at) if hidden_slope else 1)
        rate = learnrate if learnrate_used else 1
        if outer_transposed:
            delta_w_i_h = rate * hidden_term[:, None] * x
        else:
            delta_w_i_h = rate * hidden_term * (x[:, None] if column else x)
        return delta_w_i_h, rate * output_term * hidden_output

    return wrong


_WRONG_STEPS = {
    PRED_MINUS_TRUE: _backprop_step_with(error=lambda target, output: output - target),
    DERIVATIVE_FORGOTTEN: _backprop_step_with(output_slope=False),
    PRIME_OF_OUTPUT: _backprop_step_with(slope_of_output=True),
    SHORTCUT_ON_INPUT: _backprop_step_with(shortcut_on_input=True),
}


def _epoch_from_steps(step, *, average=True, update_inside=False):
    """An epoch that loops over the records, adding up ``step``'s weight changes (or applying each at once)."""

    def epoch(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
        n_records = len(features) if average else 1
        sum_i_h, sum_h_o = np.zeros(weights_input_hidden.shape), np.zeros(weights_hidden_output.shape)
        for x, y in zip(features, targets):
            delta_i_h, delta_h_o = step(x, y, weights_input_hidden, weights_hidden_output, learnrate)
            if update_inside:
                weights_input_hidden = weights_input_hidden + delta_i_h / n_records
                weights_hidden_output = weights_hidden_output + delta_h_o / n_records
            else:
                sum_i_h, sum_h_o = sum_i_h + delta_i_h, sum_h_o + delta_h_o
        return weights_input_hidden + sum_i_h / n_records, weights_hidden_output + sum_h_o / n_records

    return epoch


def _steps_only(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    new_input_hidden, new_hidden_output = train_epoch(features, targets, weights_input_hidden, weights_hidden_output, learnrate)
    return new_input_hidden - weights_input_hidden, new_hidden_output - weights_hidden_output


def _train_with(*, init=initial_weights, loss=mean_square_error, measure_first=False):
    def wrong(features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21):
        weights = init(features.shape[1], n_hidden, seed)
        train_losses, test_losses = [], []
        for _ in range(epochs):
            if not measure_first:
                weights = train_epoch(features, targets, *weights, learnrate)
            train_losses.append(loss(features, targets, *weights))
            test_losses.append(mean_square_error(features_test, targets_test, *weights))
            if measure_first:
                weights = train_epoch(features, targets, *weights, learnrate)
        return *weights, np.array(train_losses), np.array(test_losses)

    return wrong


def _drawn_output_first(n_features, n_hidden, seed):
    random = np.random.RandomState(seed)
    weights_hidden_output = random.normal(scale=1 / n_features**0.5, size=n_hidden)
    return random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden)), weights_hidden_output


def _drawn_by_default_rng(n_features, n_hidden, seed):
    random = np.random.default_rng(seed)
    weights_input_hidden = random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
    return weights_input_hidden, random.normal(scale=1 / n_features**0.5, size=n_hidden)


# Cases.


def _visible(reference, args, label):
    return Case(args, reference(*args), label)


def _array(rng, *shape, scale=1.0):
    return np.round(rng.normal(scale=scale, size=shape), 3)


def _network(rng, n_inputs, n_hidden, n_outputs=None):
    output_shape = (n_hidden,) if n_outputs is None else (n_hidden, n_outputs)
    return _array(rng, n_inputs, n_hidden, scale=0.5), _array(rng, *output_shape, scale=0.5)


def _record(rng, n_inputs, n_hidden, learnrate):
    return (_array(rng, n_inputs), round(float(rng.uniform(0, 1)), 2), *_network(rng, n_inputs, n_hidden), learnrate)


def _batch(rng, n_records, n_inputs, n_hidden, learnrate):
    features, targets = _array(rng, n_records, n_inputs), rng.integers(0, 2, n_records).astype(float)
    return (features, targets, *_network(rng, n_inputs, n_hidden), learnrate)


def _data(rng, n_records, n_inputs):
    return _array(rng, n_records, n_inputs), rng.integers(0, 2, n_records).astype(float)


def _worked_terms():
    x, target, weights_input_hidden, weights_hidden_output, _ = WORKED
    hidden_output, output = forward_pass(x, weights_input_hidden, weights_hidden_output)
    return target, output, hidden_output


def _exercise_terms():
    x, target, weights_input_hidden, weights_hidden_output, _ = EXERCISE
    hidden_output, output = forward_pass(x, weights_input_hidden, weights_hidden_output)
    return target, output, hidden_output


ADMISSIONS_START = initial_weights(X.shape[1], N_HIDDEN, SEED)
_WORKED_TARGET, _WORKED_OUTPUT, _WORKED_HIDDEN = _worked_terms()
_EXERCISE_TARGET, _EXERCISE_OUTPUT, _EXERCISE_HIDDEN = _exercise_terms()


def _hidden_error_cases(rng):
    cases = []
    for n_hidden, n_outputs, label in ((4, None, "4 hidden units, one output"), (1, None, "one hidden unit"),
                                       (3, 3, "3 hidden units, 3 outputs"), (5, 2, "5 hidden units, 2 outputs")):  # fmt: skip
        term = round(float(rng.normal(scale=0.2)), 4) if n_outputs is None else _array(rng, n_outputs, scale=0.2)
        weights = _array(rng, n_hidden, scale=0.5) if n_outputs is None else _array(rng, n_hidden, n_outputs, scale=0.5)
        cases.append(Case((term, weights, np.round(rng.uniform(0.05, 0.95, n_hidden), 3)), label=label))
    return cases


EXERCISES = [
    Exercise(
        id="backprop.forward_pass",
        function="forward_pass",
        returns=("array", "array"),
        visible=[_visible(forward_pass, (QUIZ_X, QUIZ_W_INPUT_HIDDEN, QUIZ_W_HIDDEN_OUTPUT), "the 4×3×2 network of seed 42")],
        hidden=lambda rng: [
            Case((_array(rng, 3), *_network(rng, 3, 3, 3)), label="3 inputs, 3 hidden units, 3 outputs"),
            Case((_array(rng, 7, 6), *_network(rng, 6, 2)), label="a table of 7 records, one output unit"),
            Case((_array(rng, 5, 4), *_network(rng, 4, 3, 2)), label="a table of 5 records"),
            Case((_array(rng, 2), *_network(rng, 2, 1, 1)), label="one hidden unit"),
        ],
        mistakes=[
            TRANSPOSED.via(lambda x, w_ih, w_ho: (h := sigmoid(np.dot(w_ih, x)), sigmoid(np.dot(w_ho, h)))),
            ACTIVATION_FORGOTTEN.via(lambda x, w_ih, w_ho: (h := np.dot(x, w_ih), sigmoid(np.dot(h, w_ho)))),
            ACTIVATION_FORGOTTEN.via(lambda x, w_ih, w_ho: (h := sigmoid(np.dot(x, w_ih)), np.dot(h, w_ho))),
        ],
    ),
    Exercise(
        id="backprop.output_delta",
        function="output_delta",
        returns="number",
        visible=[
            _visible(output_delta, (_WORKED_TARGET, _WORKED_OUTPUT), "the worked example"),
            _visible(output_delta, (_EXERCISE_TARGET, _EXERCISE_OUTPUT), "the backpropagation exercise"),
        ],
        hidden=lambda rng: [
            Case((1.0, round(float(rng.uniform(0.05, 0.95)), 4)), label="target 1"),
            Case((0.0, round(float(rng.uniform(0.05, 0.95)), 4)), label="target 0"),
            Case((round(float(rng.uniform(0, 1)), 2), round(float(rng.uniform(0.05, 0.95)), 4)), label="a target between 0 and 1"),
        ],
        mistakes=[
            PRED_MINUS_TRUE.via(lambda target, output: (output - target) * output * (1 - output)),
            DERIVATIVE_FORGOTTEN.via(lambda target, output: target - output),
            PRIME_OF_OUTPUT.via(lambda target, output: (target - output) * sigmoid(output) * (1 - sigmoid(output))),
        ],
    ),
    Exercise(
        id="backprop.hidden_delta",
        function="hidden_delta",
        returns="array",
        visible=[
            _visible(hidden_delta, (output_delta(_WORKED_TARGET, _WORKED_OUTPUT), WORKED[3], _WORKED_HIDDEN),
                     "the worked example"),  # fmt: skip
            _visible(hidden_delta, (output_delta(_EXERCISE_TARGET, _EXERCISE_OUTPUT), EXERCISE[3], _EXERCISE_HIDDEN),
                     "the backpropagation exercise"),  # fmt: skip
        ],
        hidden=_hidden_error_cases,
        mistakes=[
            TRANSPOSED.via(lambda term, w, a: np.dot(term, w) * a * (1 - a)),
            DERIVATIVE_FORGOTTEN.via(lambda term, w, a: np.dot(w, term)),
            PRIME_OF_OUTPUT.via(lambda term, w, a: np.dot(w, term) * sigmoid(a) * (1 - sigmoid(a))),
            WEIGHTS_FORGOTTEN.via(lambda term, w, a: term * a * (1 - a)),
        ],
    ),
    Exercise(
        id="backprop.backprop_step",
        function="backprop_step",
        returns=("array", "array"),
        visible=[_visible(backprop_step, EXERCISE, "the backpropagation exercise"), _visible(backprop_step, WORKED, "the worked example")],
        hidden=lambda rng: [
            Case(_record(rng, 4, 3, 0.5), label="4 inputs, 3 hidden units"),
            Case(_record(rng, 3, 3, 0.1), label="3 inputs, 3 hidden units"),
            Case(_record(rng, 6, 2, 1.0), label="6 inputs, 2 hidden units"),
            Case(_record(rng, 1, 4, 0.3), label="one input"),
        ],
        mistakes=[
            NOT_A_COLUMN.via(_backprop_step_with(column=False)),
            OUTER_TRANSPOSED.via(_backprop_step_with(outer_transposed=True)),
            LEARNRATE_FORGOTTEN.via(_backprop_step_with(learnrate_used=False)),
            *[mistake.via(wrong) for mistake, wrong in _WRONG_STEPS.items()],
            DERIVATIVE_FORGOTTEN.via(_backprop_step_with(hidden_slope=False)),
        ],
    ),
    Exercise(
        id="backprop.train_epoch",
        function="train_epoch",
        returns=("array", "array"),
        visible=[
            _visible(train_epoch, (EXERCISE[0][None, :], np.array([EXERCISE[1]]), *EXERCISE[2:]),
                     "the backpropagation exercise as a data set of one record"),  # fmt: skip
            _visible(train_epoch, (X, Y, *ADMISSIONS_START, LEARNRATE), "the admissions training set, first epoch"),
        ],
        hidden=lambda rng: [
            Case(_batch(rng, 10, 3, 2, 0.5), label="10 records, 3 inputs, 2 hidden units"),
            Case(_batch(rng, 30, 4, 4, 0.1), label="30 records, 4 inputs, 4 hidden units"),
            Case(_batch(rng, 3, 6, 1, 1.0), label="3 records, one hidden unit"),
        ],
        mistakes=[
            UPDATED_INSIDE_THE_LOOP.via(_epoch_from_steps(backprop_step, update_inside=True)),
            NOT_AVERAGED.via(_epoch_from_steps(backprop_step, average=False)),
            STEPS_NOT_WEIGHTS.via(_steps_only),
            NOT_A_COLUMN.via(_epoch_from_steps(_backprop_step_with(column=False))),
            LEARNRATE_FORGOTTEN.via(_epoch_from_steps(_backprop_step_with(learnrate_used=False))),
            *[mistake.via(_epoch_from_steps(wrong)) for mistake, wrong in _WRONG_STEPS.items()],
        ],
    ),
    Exercise(
        id="backprop.train",
        function="train",
        returns=("array", "array", "array", "array"),
        visible=[
            _visible(train, (X, Y, X_TEST, Y_TEST, N_HIDDEN, 5, LEARNRATE), "the admissions data, 2 hidden units, 5 epochs, seed 21"),
        ],
        hidden=lambda rng: [
            Case((*_data(rng, 20, 3), *_data(rng, 6, 3), 2, 3, 0.5), label="20 records, 3 inputs, 3 epochs"),
            Case((*_data(rng, 8, 5), *_data(rng, 4, 5), 4, 2, 1.0, 7), label="4 hidden units, seed 7"),
            Case((*_data(rng, 15, 2), *_data(rng, 5, 2), 1, 1, 0.1, 123), label="one hidden unit, one epoch, seed 123"),
        ],
        mistakes=[
            LAST_RECORD_LOSS.via(_train_with(loss=last_record_loss)),
            DRAW_ORDER.via(_train_with(init=_drawn_output_first)),
            OTHER_GENERATOR.via(_train_with(init=_drawn_by_default_rng)),
            LOSS_BEFORE_UPDATE.via(_train_with(measure_first=True)),
        ],
    ),
]
