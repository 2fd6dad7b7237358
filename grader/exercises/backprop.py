"""Lesson 06 · backpropagation on real data: a hidden layer of sigmoid units, trained on graduate admissions.

Visible cases are the lesson's own examples: the 4×3×2 forward pass drawn with seed 42, the worked example with
one hidden unit, the backpropagation exercise (whose weight changes the original course prints), and short
training runs on the admissions data; ``tests/test_lesson06_backprop.py`` pins them to the printed numbers.
Hidden cases use other sizes (several output units, tables of records, a single hidden unit), seeds and values.
The warm-up ``sigmoid`` is lesson 04's exercise, asked again. The references are the solution notebook's answers
(:mod:`grader.references.backprop`). Before the hidden-layer explorer the lesson asks for a prediction: whether a
wider hidden layer gets more test applicants right, with the likely wrong prediction (a trap).

Shapes: ``x`` is one record (n_inputs,) or a table of records (n_records, n_inputs); ``weights_input_hidden`` is
(n_inputs, n_hidden), one row per input and one column per hidden unit; ``weights_hidden_output`` is (n_hidden,)
for one output unit, (n_hidden, n_outputs) for several.
"""

import numpy as np

from grader import kit
from grader.catalogue import (
    DERIVATIVE_OF_ACTIVATION_FORGOTTEN,
    LEARNRATE_FORGOTTEN,
    LOSS_BEFORE_UPDATE,
    NOT_AVERAGED,
    OTHER_GENERATOR,
    OUTER_WRONG_WAY,
    PRED_MINUS_TRUE,
    PRIME_OF_OUTPUT,
    SHORTCUT_ON_INPUT,
    STEP_WRONG_WAY,
    TRANSPOSED,
    UPDATED_INSIDE_THE_LOOP,
    Mistake,
)
from grader.exercises import real_data
from grader.references import backprop as answers
from grader.schema import Case, Exercise, prediction
from helpers.admissions import admissions_arrays

# Data: the forward-pass quiz, a 4×3×2 network whose input and weights are drawn after np.random.seed(42).
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
# The admissions data as the lesson loads it (prepared as lesson 04 teaches): training and test records.
X, Y, X_TEST, Y_TEST = admissions_arrays()
# The admissions network: 2 hidden units, learnrate 0.005, seed 21.
N_HIDDEN, LEARNRATE, SEED = 2, 0.005, 21


def initial_weights(n_features, n_hidden, seed):
    """The starting weights ``train`` draws after np.random.seed(seed): weights_input_hidden, then
    weights_hidden_output. A RandomState of its own draws the same without resetting the global state."""
    random = np.random.RandomState(seed)
    weights_input_hidden = random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
    weights_hidden_output = random.normal(scale=1 / n_features**0.5, size=n_hidden)
    return weights_input_hidden, weights_hidden_output


def mean_square_error(features, targets, weights_input_hidden, weights_hidden_output):
    """The loss ``train`` records: the mean square error over all records."""
    return np.mean((answers.forward_pass(features, weights_input_hidden, weights_hidden_output)[1] - targets) ** 2)


def last_record_loss(features, targets, weights_input_hidden, weights_hidden_output):
    """The loss the original course prints: the last record's output, compared with every target."""
    return np.mean((answers.forward_pass(features[-1], weights_input_hidden, weights_hidden_output)[1] - targets) ** 2)


ADMISSIONS_START = initial_weights(X.shape[1], N_HIDDEN, SEED)


def _terms(example):
    """(target, output, hidden outputs) of the worked example or the backpropagation exercise."""
    x, target, weights_input_hidden, weights_hidden_output, _ = example
    hidden_output, output = answers.forward_pass(x, weights_input_hidden, weights_hidden_output)
    return target, output, hidden_output


_WORKED_TARGET, _WORKED_OUTPUT, _WORKED_HIDDEN = _terms(WORKED)
_EXERCISE_TARGET, _EXERCISE_OUTPUT, _EXERCISE_HIDDEN = _terms(EXERCISE)


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def _network(rng, n_inputs, n_hidden, n_outputs=None):
    output_shape = (n_hidden,) if n_outputs is None else (n_hidden, n_outputs)
    return kit.normal(rng, n_inputs, n_hidden, scale=0.5), kit.normal(rng, *output_shape, scale=0.5)


def _data(rng, n_records, n_inputs):
    return kit.normal(rng, n_records, n_inputs), rng.integers(0, 2, n_records).astype(float)


def _record(rng, n_inputs, n_hidden, learnrate):
    return (kit.normal(rng, n_inputs), kit.number(rng, 0, 1, digits=2), *_network(rng, n_inputs, n_hidden), learnrate)


def _batch(rng, n_records, n_inputs, n_hidden, learnrate):
    return (*_data(rng, n_records, n_inputs), *_network(rng, n_inputs, n_hidden), learnrate)


def _blame(rng, n_hidden, n_outputs=None):
    """hidden_delta's arguments: the output error term(s), the weights to the output(s), the hidden outputs."""
    if n_outputs is None:
        term, weights = round(float(rng.normal(scale=0.2)), 4), kit.normal(rng, n_hidden, scale=0.5)
    else:
        term, weights = kit.normal(rng, n_outputs, scale=0.2), kit.normal(rng, n_hidden, n_outputs, scale=0.5)
    return term, weights, kit.uniform(rng, n_hidden, low=0.05, high=0.95)


def forward_pass_cases(rng):
    return [
        Case((kit.normal(rng, 3), *_network(rng, 3, 3, 3)), label="3 inputs, 3 hidden units, 3 outputs"),
        Case((kit.normal(rng, 7, 6), *_network(rng, 6, 2)), label="a table of 7 records, one output unit"),
        Case((kit.normal(rng, 5, 4), *_network(rng, 4, 3, 2)), label="a table of 5 records"),
        Case((kit.normal(rng, 2), *_network(rng, 2, 1, 1)), label="one hidden unit"),
    ]


def output_delta_cases(rng):
    return [
        Case((1.0, kit.number(rng, 0.05, 0.95, digits=4)), label="target 1"),
        Case((0.0, kit.number(rng, 0.05, 0.95, digits=4)), label="target 0"),
        Case(
            (kit.number(rng, 0, 1, digits=2), kit.number(rng, 0.05, 0.95, digits=4)), label="a target between 0 and 1"
        ),
    ]


def hidden_delta_cases(rng):
    return [
        Case(_blame(rng, 4), label="4 hidden units, one output"),
        Case(_blame(rng, 1), label="one hidden unit"),
        Case(_blame(rng, 3, 3), label="3 hidden units, 3 outputs"),
        Case(_blame(rng, 5, 2), label="5 hidden units, 2 outputs"),
    ]


def backprop_step_cases(rng):
    return [
        Case(_record(rng, 4, 3, 0.5), label="4 inputs, 3 hidden units"),
        Case(_record(rng, 3, 3, 0.1), label="3 inputs, 3 hidden units"),
        Case(_record(rng, 6, 2, 1.0), label="6 inputs, 2 hidden units"),
        Case(_record(rng, 1, 4, 0.3), label="one input"),
    ]


def train_epoch_cases(rng):
    return [
        Case(_batch(rng, 10, 3, 2, 0.5), label="10 records, 3 inputs, 2 hidden units"),
        Case(_batch(rng, 30, 4, 4, 0.1), label="30 records, 4 inputs, 4 hidden units"),
        Case(_batch(rng, 3, 6, 1, 1.0), label="3 records, one hidden unit"),
    ]


def train_cases(rng):
    return [
        Case((*_data(rng, 20, 3), *_data(rng, 6, 3), 2, 3, 0.5), label="20 records, 3 inputs, 3 epochs"),
        Case((*_data(rng, 8, 5), *_data(rng, 4, 5), 4, 2, 1.0, 7), label="4 hidden units, seed 7"),
        Case((*_data(rng, 15, 2), *_data(rng, 5, 2), 1, 1, 0.1, 123), label="one hidden unit, one epoch, seed 123"),
        Case((*_data(rng, 10, 1), *_data(rng, 4, 1), 2, 2, 0.5), label="one input, 2 hidden units"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature.

ACTIVATION_FORGOTTEN = Mistake(
    "activation forgotten",
    "Every unit, hidden or output, passes its weighted sum through the sigmoid: layer_out = sigmoid(layer_in).",
)
NOT_A_COLUMN = Mistake(
    "`x` instead of `x[:, None]`",
    "δʰ * x multiplies position by position. The weight changes of the first layer need one value per (input, "
    "hidden unit) pair, shaped like weights_input_hidden: make x a column, x[:, None] * hidden_error_term.",
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
STEPPED_UP_THE_ERROR = STEP_WRONG_WAY.hinted(
    "Every weight moved so that the error grows. This course writes the error as target − output (y − ŷ) and "
    "adds the weight step: with ŷ − y, or with the step subtracted, each epoch climbs the error."
)
OUTER_PRODUCT_WRONG_WAY = OUTER_WRONG_WAY.hinted(
    "delta_w_i_h has the shape of weights_input_hidden, (n_inputs, n_hidden): one row per input. "
    "Use x[:, None] * hidden_error_term, not hidden_error_term[:, None] * x."
)


def forward_pass_transposed(x, weights_input_hidden, weights_hidden_output):
    hidden_layer_out = answers.sigmoid(np.dot(weights_input_hidden, x))
    return hidden_layer_out, answers.sigmoid(np.dot(weights_hidden_output, hidden_layer_out))


def forward_pass_hidden_activation_forgotten(x, weights_input_hidden, weights_hidden_output):
    hidden_layer_out = np.dot(x, weights_input_hidden)
    return hidden_layer_out, answers.sigmoid(np.dot(hidden_layer_out, weights_hidden_output))


def forward_pass_output_activation_forgotten(x, weights_input_hidden, weights_hidden_output):
    hidden_layer_out = answers.sigmoid(np.dot(x, weights_input_hidden))
    return hidden_layer_out, np.dot(hidden_layer_out, weights_hidden_output)


def output_delta_pred_minus_true(target, output):
    return (output - target) * output * (1 - output)


def output_delta_derivative_forgotten(target, output):
    return target - output


def output_delta_prime_of_output(target, output):
    return (target - output) * answers.sigmoid(output) * (1 - answers.sigmoid(output))


def hidden_delta_transposed(output_error_term, weights_hidden_output, hidden_output):
    return np.dot(output_error_term, weights_hidden_output) * hidden_output * (1 - hidden_output)


def hidden_delta_derivative_forgotten(output_error_term, weights_hidden_output, hidden_output):
    return np.dot(weights_hidden_output, output_error_term)


def hidden_delta_prime_of_output(output_error_term, weights_hidden_output, hidden_output):
    hidden_error = np.dot(weights_hidden_output, output_error_term)
    return hidden_error * answers.sigmoid(hidden_output) * (1 - answers.sigmoid(hidden_output))


def hidden_delta_weights_forgotten(output_error_term, weights_hidden_output, hidden_output):
    return output_error_term * hidden_output * (1 - hidden_output)


def _slope_shortcut(values):
    return values * (1 - values)


def _slope_of_sigmoid(values):
    return answers.sigmoid(values) * (1 - answers.sigmoid(values))


def _step(
    x,
    target,
    weights_input_hidden,
    weights_hidden_output,
    learnrate,
    *,
    pred_minus_true=False,
    output_slope=True,
    hidden_slope=True,
    slope_of_output=False,
    shortcut_on_input=False,
    column=True,
    outer_wrong_way=False,
    learnrate_used=True,
):
    """backprop_step with one thing done wrong, as the keyword arguments say."""
    hidden_input = np.dot(x, weights_input_hidden)
    hidden_output = answers.sigmoid(hidden_input)
    output_input = np.dot(hidden_output, weights_hidden_output)
    output = answers.sigmoid(output_input)
    slope = _slope_of_sigmoid if slope_of_output else _slope_shortcut
    output_slope_at, hidden_slope_at = (output_input, hidden_input) if shortcut_on_input else (output, hidden_output)
    error = output - target if pred_minus_true else target - output
    output_term = error * (slope(output_slope_at) if output_slope else 1)
    hidden_term = np.dot(weights_hidden_output, output_term) * (slope(hidden_slope_at) if hidden_slope else 1)
    rate = learnrate if learnrate_used else 1
    if outer_wrong_way:
        delta_w_i_h = rate * hidden_term[:, None] * x
    else:
        delta_w_i_h = rate * hidden_term * (x[:, None] if column else x)
    return delta_w_i_h, rate * output_term * hidden_output


def backprop_step_x_not_a_column(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, column=False)


def backprop_step_outer_wrong_way(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, outer_wrong_way=True)


def backprop_step_learnrate_forgotten(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, learnrate_used=False)


def backprop_step_pred_minus_true(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, pred_minus_true=True)


def backprop_step_output_derivative_forgotten(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, output_slope=False)


def backprop_step_prime_of_output(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, slope_of_output=True)


def backprop_step_shortcut_on_input(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, shortcut_on_input=True)


def backprop_step_hidden_derivative_forgotten(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    return _step(x, target, weights_input_hidden, weights_hidden_output, learnrate, hidden_slope=False)


def _epoch(
    features,
    targets,
    weights_input_hidden,
    weights_hidden_output,
    learnrate,
    step,
    *,
    average=True,
    update_inside=False,
):
    """An epoch that loops over the records, adding up ``step``'s weight changes (or applying each at once)."""
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


def train_epoch_updated_inside_the_loop(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features,
        targets,
        weights_input_hidden,
        weights_hidden_output,
        learnrate,
        answers.backprop_step,
        update_inside=True,
    )


def train_epoch_not_averaged(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate, answers.backprop_step, average=False
    )


def train_epoch_steps_not_weights(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    new_input_hidden, new_hidden_output = answers.train_epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate
    )
    return new_input_hidden - weights_input_hidden, new_hidden_output - weights_hidden_output


def train_epoch_x_not_a_column(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate, backprop_step_x_not_a_column
    )


def train_epoch_learnrate_forgotten(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate, backprop_step_learnrate_forgotten
    )


def train_epoch_pred_minus_true(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate, backprop_step_pred_minus_true
    )


def train_epoch_output_derivative_forgotten(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features,
        targets,
        weights_input_hidden,
        weights_hidden_output,
        learnrate,
        backprop_step_output_derivative_forgotten,
    )


def train_epoch_prime_of_output(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate, backprop_step_prime_of_output
    )


def train_epoch_shortcut_on_input(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    return _epoch(
        features, targets, weights_input_hidden, weights_hidden_output, learnrate, backprop_step_shortcut_on_input
    )


def _initial_weights_output_first(n_features, n_hidden, seed):
    random = np.random.RandomState(seed)
    weights_hidden_output = random.normal(scale=1 / n_features**0.5, size=n_hidden)
    return random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden)), weights_hidden_output


def _initial_weights_by_default_rng(n_features, n_hidden, seed):
    random = np.random.default_rng(seed)
    weights_input_hidden = random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
    return weights_input_hidden, random.normal(scale=1 / n_features**0.5, size=n_hidden)


def _train(
    features,
    targets,
    features_test,
    targets_test,
    n_hidden,
    epochs,
    learnrate,
    seed,
    progress,
    *,
    init=initial_weights,
    loss=mean_square_error,
    measure_first=False,
):
    """train with one thing done wrong: the starting weights (``init``), the loss, or when it is measured."""
    weights = init(features.shape[1], n_hidden, seed)
    train_losses, test_losses = [], []
    for _ in progress(range(epochs)):
        if not measure_first:
            weights = answers.train_epoch(features, targets, *weights, learnrate)
        train_losses.append(loss(features, targets, *weights))
        test_losses.append(mean_square_error(features_test, targets_test, *weights))
        if measure_first:
            weights = answers.train_epoch(features, targets, *weights, learnrate)
    return *weights, np.array(train_losses), np.array(test_losses)


def train_loss_from_the_last_record(
    features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21, progress=iter
):
    return _train(
        features,
        targets,
        features_test,
        targets_test,
        n_hidden,
        epochs,
        learnrate,
        seed,
        progress,
        loss=last_record_loss,
    )


def train_drawn_in_another_order(
    features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21, progress=iter
):
    return _train(
        features,
        targets,
        features_test,
        targets_test,
        n_hidden,
        epochs,
        learnrate,
        seed,
        progress,
        init=_initial_weights_output_first,
    )


def train_drawn_by_another_generator(
    features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21, progress=iter
):
    return _train(
        features,
        targets,
        features_test,
        targets_test,
        n_hidden,
        epochs,
        learnrate,
        seed,
        progress,
        init=_initial_weights_by_default_rng,
    )


def train_loss_before_update(
    features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21, progress=iter
):
    return _train(
        features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed, progress, measure_first=True
    )


# Exercises.


def _earlier(module, exercise_id):
    """An earlier lesson's exercise, asked again in this lesson."""
    return next(e for e in module.EXERCISES if e.id == exercise_id).carried_over("backprop")


EXERCISES = [
    _earlier(real_data, "real_data.sigmoid"),
    Exercise(
        id="backprop.forward_pass",
        function="forward_pass",
        returns=("array", "array"),
        visible=[Case((QUIZ_X, QUIZ_W_INPUT_HIDDEN, QUIZ_W_HIDDEN_OUTPUT), label="the 4×3×2 network of seed 42")],
        hidden=forward_pass_cases,
        mistakes=[
            TRANSPOSED.via(forward_pass_transposed),
            ACTIVATION_FORGOTTEN.via(forward_pass_hidden_activation_forgotten),
            ACTIVATION_FORGOTTEN.via(forward_pass_output_activation_forgotten),
        ],
    ),
    Exercise(
        id="backprop.output_delta",
        function="output_delta",
        returns="number",
        visible=[
            Case((_WORKED_TARGET, _WORKED_OUTPUT), label="the worked example"),
            Case((_EXERCISE_TARGET, _EXERCISE_OUTPUT), label="the backpropagation exercise"),
        ],
        hidden=output_delta_cases,
        mistakes=[
            PRED_MINUS_TRUE.via(output_delta_pred_minus_true),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(output_delta_derivative_forgotten),
            PRIME_OF_OUTPUT.via(output_delta_prime_of_output),
        ],
    ),
    Exercise(
        id="backprop.hidden_delta",
        function="hidden_delta",
        returns="array",
        visible=[
            Case(
                (answers.output_delta(_WORKED_TARGET, _WORKED_OUTPUT), WORKED[3], _WORKED_HIDDEN),
                label="the worked example",
            ),
            Case(
                (answers.output_delta(_EXERCISE_TARGET, _EXERCISE_OUTPUT), EXERCISE[3], _EXERCISE_HIDDEN),
                label="the backpropagation exercise",
            ),
        ],
        hidden=hidden_delta_cases,
        mistakes=[
            TRANSPOSED.via(hidden_delta_transposed),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(hidden_delta_derivative_forgotten),
            PRIME_OF_OUTPUT.via(hidden_delta_prime_of_output),
            WEIGHTS_FORGOTTEN.via(hidden_delta_weights_forgotten),
        ],
    ),
    Exercise(
        id="backprop.backprop_step",
        function="backprop_step",
        returns=("array", "array"),
        visible=[Case(EXERCISE, label="the backpropagation exercise"), Case(WORKED, label="the worked example")],
        hidden=backprop_step_cases,
        mistakes=[
            NOT_A_COLUMN.via(backprop_step_x_not_a_column),
            OUTER_PRODUCT_WRONG_WAY.via(backprop_step_outer_wrong_way),
            LEARNRATE_FORGOTTEN.via(backprop_step_learnrate_forgotten),
            PRED_MINUS_TRUE.via(backprop_step_pred_minus_true),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(backprop_step_output_derivative_forgotten),
            PRIME_OF_OUTPUT.via(backprop_step_prime_of_output),
            SHORTCUT_ON_INPUT.via(backprop_step_shortcut_on_input),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(backprop_step_hidden_derivative_forgotten),
        ],
    ),
    Exercise(
        id="backprop.train_epoch",
        function="train_epoch",
        returns=("array", "array"),
        visible=[
            Case(
                (EXERCISE[0][None, :], np.array([EXERCISE[1]]), *EXERCISE[2:]),
                label="the backpropagation exercise as a data set of one record",
            ),
            Case((X, Y, *ADMISSIONS_START, LEARNRATE), label="the admissions training set, first epoch"),
        ],
        hidden=train_epoch_cases,
        mistakes=[
            UPDATED_INSIDE_THE_LOOP.via(train_epoch_updated_inside_the_loop),
            NOT_AVERAGED.via(train_epoch_not_averaged),
            STEPS_NOT_WEIGHTS.via(train_epoch_steps_not_weights),
            NOT_A_COLUMN.via(train_epoch_x_not_a_column),
            LEARNRATE_FORGOTTEN.via(train_epoch_learnrate_forgotten),
            STEPPED_UP_THE_ERROR.via(train_epoch_pred_minus_true),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(train_epoch_output_derivative_forgotten),
            PRIME_OF_OUTPUT.via(train_epoch_prime_of_output),
            SHORTCUT_ON_INPUT.via(train_epoch_shortcut_on_input),
        ],
    ),
    Exercise(
        id="backprop.train",
        function="train",
        returns=("array", "array", "array", "array"),
        visible=[
            Case(
                (X, Y, X_TEST, Y_TEST, N_HIDDEN, 5, LEARNRATE),
                label="the admissions data, 2 hidden units, 5 epochs, seed 21",
            ),
        ],
        hidden=train_cases,
        mistakes=[
            LAST_RECORD_LOSS.via(train_loss_from_the_last_record),
            DRAW_ORDER.via(train_drawn_in_another_order),
            OTHER_GENERATOR.via(train_drawn_by_another_generator),
            LOSS_BEFORE_UPDATE.via(train_loss_before_update),
        ],
    ),
    # Prediction: what the hidden-layer explorer shows, committed to before it shows it.
    prediction(
        "backprop.wider_layer_more_accurate",
        "wider_layer_more_accurate",
        "A wider layer has more weights to fit with, but admitted and rejected applicants overlap everywhere in "
        "these three columns (lesson 4, section 3): how much better than a single unit can any rule built from "
        "them be?",
        choices=("yes", "no"),
        traps=[
            (
                "yes",
                Mistake(
                    "wider is more accurate",
                    "More hidden units hardly lower the training loss: no rule built from these three columns "
                    "separates the applicants much better than a single unit does, in training or in the test.",
                ),
            )
        ],
    ),
]
