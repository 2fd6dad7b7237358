"""Lesson 03 · learning multiple weights at a time: one delta per output, one weight_delta per weight.

Visible cases are the lesson's own examples (the book's first game of the season, and the four games for the
whole data set) with the values its listings print; hidden cases use other sizes (one input, one output, more
outputs than inputs), negative inputs, an input of 0, a perfect prediction and zero iterations or epochs.
Weight matrices as lists have one row per output (lesson 01's layout); as NumPy arrays they have one row per
input. The warm-ups ``w_sum`` and ``vect_mat_mul`` are lesson 01's exercises asked again. The references are
the solution notebook's answers (:mod:`grader.references.multiple_weights`).
"""

import copy

import numpy as np

from grader import kit
from grader.catalogue import (
    ALPHA_FORGOTTEN,
    HARD_CODED_SIZE,
    OUTER_WRONG_WAY,
    STEP_WRONG_WAY,
    TRUE_MINUS_PRED,
    Mistake,
)
from grader.exercises import forward
from grader.references import multiple_weights as answers
from grader.schema import Case, Exercise

# Data: the book's first game of the season (average toes, win/loss record, fans in millions), what happened,
# and the weights of its listings.
GAME = [8.5, 0.65, 1.2]
WON = 1
WEIGHTS = [0.1, 0.2, -0.1]
# The four games and three outcomes used for the whole-data-set example.
TOES, WLREC, NFANS = [8.5, 9.5, 9.9, 9.0], [0.65, 0.8, 0.8, 0.9], [1.2, 1.3, 0.5, 1.0]
HURT, WIN, SAD = [0.1, 0.0, 0.0, 0.1], [1, 1, 0, 1], [0.1, 0.0, 0.1, 0.2]
GAME_OUTCOMES = [HURT[0], WIN[0], SAD[0]]
IO_WEIGHTS = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]  # rows: hurt?, win?, sad?; columns: inputs
NEW_IO_WEIGHTS = [[0.061325, 0.0970425, -0.30546], [0.1017, 0.20013, 0.00024], [-0.073525, 1.2943775, 0.08962]]
# Predicting hurt?, win? and sad? from the win/loss record alone (its first value is 0.65 here too).
OUTPUT_WEIGHTS = [0.3, 0.2, 0.9]


# Cases: what the hidden checks call, drawn from each exercise's own generator (rounded values, so that a
# failure is about the code, not about rounding).


def _example(rng, n):
    """An input of ``n`` numbers, its weights and a target: the arguments of multi_input_deltas."""
    return kit.numbers(rng, n), kit.numbers(rng, n, -1, 1), kit.number(rng, -1, 1, digits=2)


def _step(rng, n):
    """An example and an alpha: the arguments of multi_input_step."""
    return (*_example(rng, n), kit.number(rng, 0.01, 0.1))


def ele_mul_cases(rng):
    return [
        Case((0.5, kit.numbers(rng, 5)), label="five inputs"),
        Case((-1.5, kit.numbers(rng, 1)), label="one input"),
        Case((2, []), label="no inputs"),
    ]


def multi_input_deltas_cases(rng):
    return [
        Case(_example(rng, 4), label="four inputs"),
        Case(_example(rng, 1), label="one input"),
        Case(_example(rng, 6), label="six inputs"),
        Case(([1.0, 2.0], [0.25, 0.5], 1.25), label="a perfect prediction"),
    ]


def multi_input_step_cases(rng):
    return [
        Case(_step(rng, 4), label="four inputs"),
        Case(_step(rng, 1), label="one input"),
        Case(_step(rng, 5), label="five inputs"),
        Case(([0.0, 1.5, -2.0], [0.3, -0.2, 0.1], 0.5, 0.1), label="an input of zero"),
    ]


def train_multi_input_cases(rng):
    return [
        Case((*_step(rng, 4), 5), label="four inputs, 5 iterations"),
        Case((*_step(rng, 2), 1), label="two inputs, 1 iteration"),
        Case((*_step(rng, 3), 0), label="no iterations"),
        Case((*_step(rng, 1), 3), label="one input, 3 iterations"),
    ]


def frozen_step_cases(rng):
    return [
        Case((*_step(rng, 4), 2), label="four inputs, weight 2 frozen"),
        Case((*_step(rng, 3), 0), label="three inputs, weight 0 frozen"),
        Case((*_step(rng, 1), 0), label="one input, frozen"),
    ]


def multi_output_step_cases(rng):
    def weights_and_targets(n_outputs):
        return kit.numbers(rng, n_outputs, -1, 1), kit.numbers(rng, n_outputs, 0, 1)

    return [
        Case((0.8, *weights_and_targets(2), 0.1), label="two outputs"),
        Case((-1.5, *weights_and_targets(5), 0.05), label="five outputs, a negative input"),
        Case((0.9, *weights_and_targets(1), 0.2), label="one output"),
    ]


def outer_prod_cases(rng):
    return [
        Case((kit.numbers(rng, 4), kit.numbers(rng, 2)), label="4 times 2"),
        Case((kit.numbers(rng, 1), kit.numbers(rng, 3)), label="1 times 3"),
        Case((kit.numbers(rng, 3), kit.numbers(rng, 3)), label="3 times 3"),
    ]


def multi_io_step_cases(rng):
    def network(n_in, n_out, alpha):
        return kit.numbers(rng, n_in), kit.number_rows(rng, n_out, n_in, -1, 1), kit.numbers(rng, n_out, 0, 1), alpha

    return [
        Case(network(4, 2, 0.05), label="4 inputs, 2 outputs"),
        Case(network(2, 3, 0.05), label="2 inputs, 3 outputs"),
        Case(network(3, 3, 0.05), label="3 inputs, 3 outputs"),
        Case(network(1, 1, 0.1), label="1 input, 1 output"),
    ]


def np_multi_io_step_cases(rng):
    def network(n_in, n_out):
        return (
            kit.uniform(rng, n_in, digits=2),
            kit.uniform(rng, n_in, n_out, digits=2),
            kit.uniform(rng, n_out, low=0, digits=2),
            0.05,
        )

    return [
        Case(network(4, 2), label="4 inputs, 2 outputs"),
        Case(network(2, 5), label="2 inputs, 5 outputs"),
        Case(network(3, 3), label="3 inputs, 3 outputs"),
        Case(network(1, 3), label="1 input, 3 outputs"),
    ]


def train_cases(rng):
    def data_set(n_examples, n_in, n_out, epochs):
        return (
            kit.uniform(rng, n_examples, n_in, digits=2),
            kit.uniform(rng, n_examples, n_out, low=0, digits=2),
            kit.uniform(rng, n_in, n_out, digits=2),
            0.1,
            epochs,
        )

    return [
        Case(data_set(5, 3, 2, 3), label="5 examples, 3 epochs"),
        Case(data_set(2, 4, 1, 1), label="2 examples, 1 epoch"),
        Case(data_set(3, 2, 3, 0), label="no epochs"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature.

# The catalogue's entries, with this lesson's advice in its own terms (pred − true, weight_deltas, and weight
# matrices with one row per output).
WRONG_SIGN = TRUE_MINUS_PRED.hinted(
    "delta = pred - true is positive when the prediction is too high, and `weights -= alpha * weight_deltas` "
    "then lowers it. With true - pred every weight moves the wrong way and the error grows."
)
STEPPED_UP_THE_ERROR = STEP_WRONG_WAY.hinted(
    "Every weight moved so that the error grows. delta = pred - true, and `weights -= alpha * weight_deltas`: "
    "with true - pred, or with the weight_deltas added, each step goes the wrong way."
)
NO_ALPHA = ALPHA_FORGOTTEN.hinted("Multiply each weight_delta by alpha before subtracting it from its weight.")
OUTER_TRANSPOSED = OUTER_WRONG_WAY.hinted(
    "weight_deltas must have the weights' layout. Here a row belongs to an output, so row i is delta[i] "
    "times the input vector: outer_prod(delta, input), not outer_prod(input, delta)."
)
OUTER_PROD_ARGUMENTS_SWAPPED = OUTER_WRONG_WAY.hinted(
    "outer_prod(vec_a, vec_b) has one row per entry of vec_a: row i is vec_a[i] times the whole of vec_b, so "
    "out[i][j] = vec_a[i] * vec_b[j]."
)
OUTER_TRANSPOSED_NUMPY = OUTER_WRONG_WAY.hinted(
    "weight_deltas must have the weights' layout. NumPy weights here have shape (n_inputs, n_outputs), one row "
    "per input, so weight_deltas = np.outer(input, delta) (or input[:, None] * delta), not np.outer(delta, input)."
)
# This lesson's own.
NO_INPUT = Mistake(
    "input factor forgotten",
    "A weight's weight_delta is its own input times the delta it feeds (input * delta): a weight whose input "
    "is 0 did not cause the error and must not move.",
)
UPDATED_TOO_EARLY = Mistake(
    "weights updated before every weight_delta was computed",
    "Compute the prediction, the delta and all the weight_deltas from the weights as they were, then update "
    "every weight. Updating one weight and recomputing the prediction for the next mixes two steps.",
)
PREDICTIONS_AFTER_UPDATE = Mistake(
    "predictions recorded after the update",
    "Record each iteration's prediction when you make it, before the weights change.",
)
FROZEN_WEIGHT_ZEROED = Mistake(
    "frozen weight set to zero",
    "Freezing a weight leaves it as it is: set its weight_delta to 0, not the weight.",
)
EVERY_WEIGHT_FROZEN = Mistake(
    "every weight frozen",
    "Only the weight at index `frozen` stays put; the others still learn from the shared delta.",
)
WEIGHTS_NOT_DELTAS = Mistake(
    "weight_deltas computed from the weights",
    "weight_deltas are input * delta (one per output): multiply the input by the deltas, not by the weights.",
)
ELEMENTWISE_NOT_OUTER = Mistake(
    "elementwise product instead of outer product",
    "The outer product multiplies every entry of vec_a by every entry of vec_b: a matrix with "
    "len(vec_a) rows and len(vec_b) columns.",
)
NOT_A_COLUMN = Mistake(
    "`input` instead of `input[:, None]`",
    "input * delta multiplies position by position. To get one weight_delta per (input, output) pair, "
    "make the input a column: input[:, None] * delta, or np.outer(input, delta).",
)
ONE_UPDATE_PER_EPOCH = Mistake(
    "one update per epoch instead of one per example",
    "This lesson's training updates the weights after every example: call np_multi_io_step inside "
    "the loop over examples.",
)
ERROR_AFTER_UPDATE = Mistake(
    "error measured after the update",
    "Add each example's squared error before its weights change, as the prediction that was compared.",
)


def ele_mul_three_slots(number, vector):
    return [number * vector[i] for i in range(3)]


def multi_input_deltas_true_minus_pred(input, weights, true):
    pred = answers.w_sum(input, weights)
    delta = true - pred
    return pred, delta, answers.ele_mul(delta, input)


def multi_input_deltas_input_forgotten(input, weights, true):
    pred = answers.w_sum(input, weights)
    return pred, pred - true, [pred - true] * len(input)


def _subtract_each(weights, weight_deltas, alpha):
    return [weight - alpha * weight_delta for weight, weight_delta in zip(weights, weight_deltas)]


def multi_input_step_true_minus_pred(input, weights, true, alpha):
    _, _, weight_deltas = multi_input_deltas_true_minus_pred(input, weights, true)
    return _subtract_each(weights, weight_deltas, alpha)


def multi_input_step_alpha_forgotten(input, weights, true, alpha):
    _, _, weight_deltas = answers.multi_input_deltas(input, weights, true)
    return _subtract_each(weights, weight_deltas, 1)


def multi_input_step_input_forgotten(input, weights, true, alpha):
    _, _, weight_deltas = multi_input_deltas_input_forgotten(input, weights, true)
    return _subtract_each(weights, weight_deltas, alpha)


def multi_input_step_one_weight_at_a_time(input, weights, true, alpha):
    weights = list(weights)
    for i in range(len(weights)):
        delta = answers.w_sum(input, weights) - true
        weights[i] -= alpha * input[i] * delta
    return weights


def _train_multi_input(step, input, weights, true, alpha, iterations):
    """train_multi_input with another ``step`` (a wrong multi_input_step)."""
    predictions = []
    for _ in range(iterations):
        predictions.append(answers.w_sum(input, weights))
        weights = step(input, weights, true, alpha)
    return predictions, list(weights)


def train_multi_input_true_minus_pred(input, weights, true, alpha, iterations):
    return _train_multi_input(multi_input_step_true_minus_pred, input, weights, true, alpha, iterations)


def train_multi_input_alpha_forgotten(input, weights, true, alpha, iterations):
    return _train_multi_input(multi_input_step_alpha_forgotten, input, weights, true, alpha, iterations)


def train_multi_input_input_forgotten(input, weights, true, alpha, iterations):
    return _train_multi_input(multi_input_step_input_forgotten, input, weights, true, alpha, iterations)


def train_multi_input_one_weight_at_a_time(input, weights, true, alpha, iterations):
    return _train_multi_input(multi_input_step_one_weight_at_a_time, input, weights, true, alpha, iterations)


def train_multi_input_predictions_after_update(input, weights, true, alpha, iterations):
    predictions = []
    for _ in range(iterations):
        weights = answers.multi_input_step(input, weights, true, alpha)
        predictions.append(answers.w_sum(input, weights))
    return predictions, weights


def frozen_step_weight_zeroed(input, weights, true, alpha, frozen):
    new_weights = answers.multi_input_step(input, weights, true, alpha)
    new_weights[frozen] = 0
    return new_weights


def frozen_step_every_weight_frozen(input, weights, true, alpha, frozen):
    return list(weights)


def frozen_step_true_minus_pred(input, weights, true, alpha, frozen):
    return [
        w if i == frozen else w + alpha * x * (answers.w_sum(input, weights) - true)
        for i, (w, x) in enumerate(zip(weights, input))
    ]


def frozen_step_alpha_forgotten(input, weights, true, alpha, frozen):
    return answers.frozen_step(input, weights, true, 1, frozen)


def _multi_output_step(input, weights, true, alpha, delta_sign=1, from_weights=False):
    delta = [delta_sign * (p - t) for p, t in zip(answers.ele_mul(input, weights), true)]
    weight_deltas = answers.ele_mul(input, weights if from_weights else delta)
    return _subtract_each(weights, weight_deltas, alpha)


def multi_output_step_weight_deltas_from_weights(input, weights, true, alpha):
    return _multi_output_step(input, weights, true, alpha, from_weights=True)


def multi_output_step_true_minus_pred(input, weights, true, alpha):
    return _multi_output_step(input, weights, true, alpha, delta_sign=-1)


def multi_output_step_alpha_forgotten(input, weights, true, alpha):
    return _multi_output_step(input, weights, true, 1)


def multi_output_step_input_forgotten(input, weights, true, alpha):
    delta = [p - t for p, t in zip(answers.ele_mul(input, weights), true)]
    return _subtract_each(weights, delta, alpha)


def outer_prod_wrong_way_round(vec_a, vec_b):
    return answers.outer_prod(vec_b, vec_a)


def outer_prod_elementwise(vec_a, vec_b):
    return [a * b for a, b in zip(vec_a, vec_b)]


def multi_io_step_outer_prod_wrong_way_round(input, weights, true, alpha):
    """weight_deltas as outer_prod(input, delta), applied as if they had the weights' layout (the book's listing)."""
    delta = [p - t for p, t in zip(answers.vect_mat_mul(input, weights), true)]
    weight_deltas = answers.outer_prod(input, delta)
    weights = copy.deepcopy(weights)
    for i in range(len(weights)):
        for j in range(len(weights[0])):
            weights[i][j] -= alpha * weight_deltas[i][j]
    return weights


def _multi_io_step(input, weights, true, alpha, delta_sign=1, input_used=True):
    delta = [delta_sign * (p - t) for p, t in zip(answers.vect_mat_mul(input, weights), true)]
    factors = input if input_used else [1] * len(input)
    return [[w - alpha * d * x for w, x in zip(row, factors)] for row, d in zip(weights, delta)]


def multi_io_step_true_minus_pred(input, weights, true, alpha):
    return _multi_io_step(input, weights, true, alpha, delta_sign=-1)


def multi_io_step_alpha_forgotten(input, weights, true, alpha):
    return _multi_io_step(input, weights, true, 1)


def multi_io_step_input_forgotten(input, weights, true, alpha):
    return _multi_io_step(input, weights, true, alpha, input_used=False)


def multi_io_step_one_weight_at_a_time(input, weights, true, alpha):
    weights = copy.deepcopy(weights)
    for i, row in enumerate(weights):
        for j in range(len(row)):
            delta = answers.w_sum(input, row) - true[i]
            row[j] -= alpha * input[j] * delta
    return weights


def np_multi_io_step_not_a_column(input, weights, true, alpha):
    return weights - alpha * (input * (input.dot(weights) - true))


def np_multi_io_step_outer_wrong_way_round(input, weights, true, alpha):
    return weights - alpha * np.outer(input.dot(weights) - true, input)


def np_multi_io_step_true_minus_pred(input, weights, true, alpha):
    delta = true - input.dot(weights)
    return weights - alpha * np.outer(input, delta)


def np_multi_io_step_alpha_forgotten(input, weights, true, alpha):
    return weights - np.outer(input, input.dot(weights) - true)


def _train(step, inputs, targets, weights, alpha, epochs):
    """train with another ``step`` (a wrong np_multi_io_step)."""
    errors = []
    for _ in range(epochs):
        total = 0.0
        for input, true in zip(inputs, targets):
            total += float(np.sum((input.dot(weights) - true) ** 2))
            weights = step(input, weights, true, alpha)
        errors.append(total)
    return weights, errors


def train_one_update_per_epoch(inputs, targets, weights, alpha, epochs):
    """Every example's weight_deltas from the same weights, applied once per epoch."""
    errors = []
    for _ in range(epochs):
        deltas = inputs.dot(weights) - targets
        errors.append(float(np.sum(deltas**2)))
        weights = weights - alpha * inputs.T.dot(deltas)
    return weights, errors


def train_error_after_update(inputs, targets, weights, alpha, epochs):
    errors = []
    for _ in range(epochs):
        total = 0.0
        for input, true in zip(inputs, targets):
            weights = answers.np_multi_io_step(input, weights, true, alpha)
            total += float(np.sum((input.dot(weights) - true) ** 2))
        errors.append(total)
    return weights, errors


def train_true_minus_pred(inputs, targets, weights, alpha, epochs):
    return _train(np_multi_io_step_true_minus_pred, inputs, targets, weights, alpha, epochs)


def train_alpha_forgotten(inputs, targets, weights, alpha, epochs):
    return _train(np_multi_io_step_alpha_forgotten, inputs, targets, weights, alpha, epochs)


# Exercises.


def _earlier(module, exercise_id):
    """An earlier lesson's exercise, asked again in this lesson (its cases and mistakes stay that lesson's)."""
    return next(e for e in module.EXERCISES if e.id == exercise_id).carried_over("multiple_weights")


EXERCISES = [
    _earlier(forward, "forward.w_sum"),
    Exercise(
        id="multiple_weights.ele_mul",
        function="ele_mul",
        returns="list",
        visible=[Case((-0.14, GAME), [-1.19, -0.091, -0.168], "delta -0.14 times the first game's inputs")],
        hidden=ele_mul_cases,
        mistakes=[HARD_CODED_SIZE.via(ele_mul_three_slots)],
    ),
    Exercise(
        id="multiple_weights.multi_input_deltas",
        function="multi_input_deltas",
        returns=("number", "number", "list"),
        visible=[Case((GAME, WEIGHTS, WON), (0.86, -0.14, [-1.19, -0.091, -0.168]), "the first game, a win")],
        hidden=multi_input_deltas_cases,
        mistakes=[WRONG_SIGN.via(multi_input_deltas_true_minus_pred), NO_INPUT.via(multi_input_deltas_input_forgotten)],
    ),
    Exercise(
        id="multiple_weights.multi_input_step",
        function="multi_input_step",
        returns="list",
        visible=[Case((GAME, WEIGHTS, WON, 0.01), [0.1119, 0.20091, -0.09832], "the first game, alpha 0.01")],
        hidden=multi_input_step_cases,
        mistakes=[
            STEPPED_UP_THE_ERROR.via(multi_input_step_true_minus_pred),
            NO_ALPHA.via(multi_input_step_alpha_forgotten),
            NO_INPUT.via(multi_input_step_input_forgotten),
            UPDATED_TOO_EARLY.via(multi_input_step_one_weight_at_a_time),
        ],
    ),
    Exercise(
        id="multiple_weights.train_multi_input",
        function="train_multi_input",
        returns=("list", "list"),
        visible=[
            Case(
                (GAME, WEIGHTS, WON, 0.01, 3),
                ([0.86, 0.9637575, 0.9906177228125], [0.1157781060609375, 0.20120656105171877, -0.09777250267375001]),
                "the first game, 3 iterations",
            )
        ],
        hidden=train_multi_input_cases,
        mistakes=[
            STEPPED_UP_THE_ERROR.via(train_multi_input_true_minus_pred),
            NO_ALPHA.via(train_multi_input_alpha_forgotten),
            NO_INPUT.via(train_multi_input_input_forgotten),
            UPDATED_TOO_EARLY.via(train_multi_input_one_weight_at_a_time),
            PREDICTIONS_AFTER_UPDATE.via(train_multi_input_predictions_after_update),
        ],
    ),
    Exercise(
        id="multiple_weights.frozen_step",
        function="frozen_step",
        returns="list",
        visible=[
            Case((GAME, WEIGHTS, WON, 0.3, 0), [0.1, 0.2273, -0.0496], "the first game, weight 0 frozen"),
            Case((GAME, [0.1, 0.2273, -0.0496], WON, 0.3, 0), [0.1, 0.239346125, -0.027361], "the second iteration"),
        ],
        hidden=frozen_step_cases,
        mistakes=[
            FROZEN_WEIGHT_ZEROED.via(frozen_step_weight_zeroed),
            EVERY_WEIGHT_FROZEN.via(frozen_step_every_weight_frozen),
            STEPPED_UP_THE_ERROR.via(frozen_step_true_minus_pred),
            NO_ALPHA.via(frozen_step_alpha_forgotten),
        ],
    ),
    Exercise(
        id="multiple_weights.multi_output_step",
        function="multi_output_step",
        returns="list",
        visible=[
            Case(
                (WLREC[0], OUTPUT_WEIGHTS, GAME_OUTCOMES, 0.1),
                [0.293825, 0.25655, 0.868475],
                "the first game's win/loss record, alpha 0.1",
            )
        ],
        hidden=multi_output_step_cases,
        mistakes=[
            WEIGHTS_NOT_DELTAS.via(multi_output_step_weight_deltas_from_weights),
            STEPPED_UP_THE_ERROR.via(multi_output_step_true_minus_pred),
            NO_ALPHA.via(multi_output_step_alpha_forgotten),
            NO_INPUT.via(multi_output_step_input_forgotten),
        ],
    ),
    Exercise(
        id="multiple_weights.outer_prod",
        function="outer_prod",
        returns="list",
        visible=[
            Case(
                ([0.455, -0.02, 0.865], GAME),
                [[3.8675, 0.29575, 0.546], [-0.17, -0.013, -0.024], [7.3525, 0.56225, 1.038]],
                "the first game's deltas and inputs",
            ),
            Case(([1, 2], [3, 4, 5]), [[3, 4, 5], [6, 8, 10]], "2 times 3"),
        ],
        hidden=outer_prod_cases,
        mistakes=[
            OUTER_PROD_ARGUMENTS_SWAPPED.via(outer_prod_wrong_way_round),
            ELEMENTWISE_NOT_OUTER.via(outer_prod_elementwise),
        ],
    ),
    _earlier(forward, "forward.vect_mat_mul"),
    Exercise(
        id="multiple_weights.multi_io_step",
        function="multi_io_step",
        returns="list",
        visible=[Case((GAME, IO_WEIGHTS, GAME_OUTCOMES, 0.01), NEW_IO_WEIGHTS, "the first game, alpha 0.01")],
        hidden=multi_io_step_cases,
        mistakes=[
            OUTER_TRANSPOSED.via(multi_io_step_outer_prod_wrong_way_round),
            STEPPED_UP_THE_ERROR.via(multi_io_step_true_minus_pred),
            NO_ALPHA.via(multi_io_step_alpha_forgotten),
            NO_INPUT.via(multi_io_step_input_forgotten),
            UPDATED_TOO_EARLY.via(multi_io_step_one_weight_at_a_time),
        ],
    ),
    Exercise(
        id="multiple_weights.np_multi_io_step",
        function="np_multi_io_step",
        returns="array",
        visible=[
            Case(
                (np.array(GAME), np.array(IO_WEIGHTS).T, np.array(GAME_OUTCOMES), 0.01),
                np.array(NEW_IO_WEIGHTS).T,
                "the first game, alpha 0.01",
            )
        ],
        hidden=np_multi_io_step_cases,
        mistakes=[
            NOT_A_COLUMN.via(np_multi_io_step_not_a_column),
            OUTER_TRANSPOSED_NUMPY.via(np_multi_io_step_outer_wrong_way_round),
            STEPPED_UP_THE_ERROR.via(np_multi_io_step_true_minus_pred),
            NO_ALPHA.via(np_multi_io_step_alpha_forgotten),
        ],
    ),
    Exercise(
        id="multiple_weights.train",
        function="train",
        returns=("array", "list"),
        visible=[
            Case(
                (np.array([TOES, WLREC, NFANS]).T, np.array([HURT, WIN, SAD]).T, np.array(IO_WEIGHTS).T, 0.01, 2),
                (
                    np.array(
                        [
                            [0.03082345706053486, 0.07169233765142743, -0.11289406886381949],
                            [0.09527424688341367, 0.20086310972461607, 1.2904044817465121],
                            [-0.30605916237504616, 0.009582330532957222, 0.08175439789737658],
                        ]
                    ),
                    [3.4627740046644493, 2.323665832024478],
                ),
                "the four games, 2 epochs",
            )
        ],
        hidden=train_cases,
        mistakes=[
            ONE_UPDATE_PER_EPOCH.via(train_one_update_per_epoch),
            ERROR_AFTER_UPDATE.via(train_error_after_update),
            STEPPED_UP_THE_ERROR.via(train_true_minus_pred),
            NO_ALPHA.via(train_alpha_forgotten),
        ],
    ),
]
