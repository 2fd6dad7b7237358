"""Lesson 03, learning multiple weights at a time: one delta per output, one weight_delta per weight.

Visible cases are the lesson's own examples (the book's first game of the season) with the values
its listings print; hidden cases use other sizes and values, checked against the reference
implementations below. Weight matrices as lists have one row per output (lesson 01's layout);
as NumPy arrays they have one row per input.
"""

import copy

import numpy as np

from grader.schema import Case, Exercise
from grader.catalogue import HARD_CODED_SIZE, Mistake
from grader.references.multiple_weights import ele_mul, frozen_step, multi_input_deltas, multi_input_step, multi_io_step, multi_output_step, np_multi_io_step, outer_prod, train, train_multi_input, vect_mat_mul, w_sum

# The first game of the season: average toes, win/loss record, fans (millions); and what happened.
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

WRONG_SIGN = Mistake(
    "true − pred instead of pred − true",
    "delta = pred - true is positive when the prediction is too high, and `weights -= alpha * weight_deltas` "
    "then lowers it. With true - pred every weight moves the wrong way and the error grows.",
)
NO_ALPHA = Mistake(
    "alpha forgotten",
    "Multiply each weight_delta by alpha before subtracting it from its weight.",
)
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
OUTER_WRONG_WAY = Mistake(
    "outer product the wrong way round",
    "weight_deltas must have the weights' layout. Here a row belongs to an output, so row i is delta[i] "
    "times the input vector: outer_prod(delta, input), not outer_prod(input, delta).",
)
WEIGHTS_NOT_DELTAS = Mistake(
    "weight_deltas computed from the weights",
    "weight_deltas are input * delta (one per output): multiply the input by the deltas, not by the weights.",
)
NOT_A_COLUMN = Mistake(
    "`input` instead of `input[:, None]`",
    "input * delta multiplies position by position. To get one weight_delta per (input, output) pair, "
    "make the input a column: input[:, None] * delta, or np.outer(input, delta).",
)


# Wrong implementations, one per named mistake.


def _subtract_each(weights, weight_deltas, alpha):
    return [weight - alpha * weight_delta for weight, weight_delta in zip(weights, weight_deltas)]


def _deltas_wrong_sign(input, weights, true):
    pred = w_sum(input, weights)
    delta = true - pred
    return pred, delta, ele_mul(delta, input)


def _deltas_without_input(input, weights, true):
    pred = w_sum(input, weights)
    return pred, pred - true, [pred - true] * len(input)


def _step_with(deltas, alpha_used):
    def step(input, weights, true, alpha):
        _, _, weight_deltas = deltas(input, weights, true)
        return _subtract_each(weights, weight_deltas, alpha if alpha_used else 1)

    return step


def _one_weight_at_a_time(input, weights, true, alpha):
    weights = list(weights)
    for i in range(len(weights)):
        delta = w_sum(input, weights) - true
        weights[i] -= alpha * input[i] * delta
    return weights


def _training_with(step):
    def training(input, weights, true, alpha, iterations):
        predictions = []
        for _ in range(iterations):
            predictions.append(w_sum(input, weights))
            weights = step(input, weights, true, alpha)
        return predictions, list(weights)

    return training


def _predictions_after_update(input, weights, true, alpha, iterations):
    predictions = []
    for _ in range(iterations):
        weights = multi_input_step(input, weights, true, alpha)
        predictions.append(w_sum(input, weights))
    return predictions, weights


def _frozen_weight_zeroed(input, weights, true, alpha, frozen):
    new_weights = multi_input_step(input, weights, true, alpha)
    new_weights[frozen] = 0
    return new_weights


def _delta_zeroed(input, weights, true, alpha, frozen):
    return list(weights)


def _multi_output_with(delta_sign=1, alpha_used=True, from_weights=False):
    def step(input, weights, true, alpha):
        delta = [delta_sign * (p - t) for p, t in zip(ele_mul(input, weights), true)]
        weight_deltas = ele_mul(input, weights if from_weights else delta)
        return _subtract_each(weights, weight_deltas, alpha if alpha_used else 1)

    return step


def _multi_output_without_input(input, weights, true, alpha):
    delta = [p - t for p, t in zip(ele_mul(input, weights), true)]
    return _subtract_each(weights, delta, alpha)


def _outer_wrong_way_update(input, weights, true, alpha):
    """weight_deltas as outer_prod(input, delta), applied as if they had the weights' layout."""
    delta = [p - t for p, t in zip(vect_mat_mul(input, weights), true)]
    weight_deltas = outer_prod(input, delta)
    weights = copy.deepcopy(weights)
    for i in range(len(weights)):
        for j in range(len(weights[0])):
            weights[i][j] -= alpha * weight_deltas[i][j]
    return weights


def _multi_io_with(delta_sign=1, alpha_used=True, input_used=True):
    def step(input, weights, true, alpha):
        delta = [delta_sign * (p - t) for p, t in zip(vect_mat_mul(input, weights), true)]
        factors = input if input_used else [1] * len(input)
        rate = alpha if alpha_used else 1
        return [[w - rate * d * x for w, x in zip(row, factors)] for row, d in zip(weights, delta)]

    return step


def _multi_io_one_weight_at_a_time(input, weights, true, alpha):
    weights = copy.deepcopy(weights)
    for i, row in enumerate(weights):
        for j in range(len(row)):
            delta = w_sum(input, row) - true[i]
            row[j] -= alpha * input[j] * delta
    return weights


def _np_step_not_a_column(input, weights, true, alpha):
    return weights - alpha * (input * (input.dot(weights) - true))


def _np_step_outer_wrong_way(input, weights, true, alpha):
    return weights - alpha * np.outer(input.dot(weights) - true, input)


def _np_step_with(delta_sign=1, alpha_used=True):
    def step(input, weights, true, alpha):
        delta = delta_sign * (input.dot(weights) - true)
        return weights - (alpha if alpha_used else 1) * np.outer(input, delta)

    return step


def _train_with(step):
    def training(inputs, targets, weights, alpha, epochs):
        errors = []
        for _ in range(epochs):
            total = 0.0
            for input, true in zip(inputs, targets):
                total += float(np.sum((input.dot(weights) - true) ** 2))
                weights = step(input, weights, true, alpha)
            errors.append(total)
        return weights, errors

    return training


def _train_one_batch_update(inputs, targets, weights, alpha, epochs):
    """Every example's weight_deltas from the same weights, applied once per epoch."""
    errors = []
    for _ in range(epochs):
        deltas = inputs.dot(weights) - targets
        errors.append(float(np.sum(deltas**2)))
        weights = weights - alpha * inputs.T.dot(deltas)
    return weights, errors


def _train_error_after_update(inputs, targets, weights, alpha, epochs):
    errors = []
    for _ in range(epochs):
        total = 0.0
        for input, true in zip(inputs, targets):
            weights = np_multi_io_step(input, weights, true, alpha)
            total += float(np.sum((input.dot(weights) - true) ** 2))
        errors.append(total)
    return weights, errors


# Hidden inputs: rounded values, so a failure is about the code, not about rounding.


def _vector(rng, n, low=-2.0, high=2.0):
    return [round(float(v), 2) for v in rng.uniform(low, high, n)]


def _matrix(rng, rows, columns):
    return [_vector(rng, columns, -1, 1) for _ in range(rows)]


def _array(rng, *shape, low=-1.0, high=1.0):
    return np.round(rng.uniform(low, high, shape), 2)


def _alpha(rng):
    return round(float(rng.uniform(0.01, 0.1)), 3)


def _multi_input_case(rng, n, label):
    return Case((_vector(rng, n), _vector(rng, n, -1, 1), round(float(rng.uniform(-1, 1)), 2)), label=label)


def _step_case(rng, n, label):
    input, weights, true = _multi_input_case(rng, n, label).args
    return Case((input, weights, true, _alpha(rng)), label=label)


EXERCISES = [
    Exercise(
        id="multiple_weights.ele_mul",
        function="ele_mul",
        returns="list",
        visible=[Case((-0.14, GAME), [-1.19, -0.091, -0.168], "delta -0.14 times the first game's inputs")],
        hidden=lambda rng: [
            Case((0.5, _vector(rng, 5)), label="five inputs"),
            Case((-1.5, _vector(rng, 1)), label="one input"),
            Case((2, []), label="no inputs"),
        ],
        mistakes=[HARD_CODED_SIZE.via(lambda number, vector: [number * vector[i] for i in range(3)])],
    ),
    Exercise(
        id="multiple_weights.multi_input_deltas",
        function="multi_input_deltas",
        returns=("number", "number", "list"),
        visible=[Case((GAME, WEIGHTS, WON), (0.86, -0.14, [-1.19, -0.091, -0.168]), "the first game, a win")],
        hidden=lambda rng: [
            _multi_input_case(rng, 4, "four inputs"),
            _multi_input_case(rng, 1, "one input"),
            _multi_input_case(rng, 6, "six inputs"),
            Case(([1.0, 2.0], [0.25, 0.5], 1.25), label="a perfect prediction"),
        ],
        mistakes=[WRONG_SIGN.via(_deltas_wrong_sign), NO_INPUT.via(_deltas_without_input)],
    ),
    Exercise(
        id="multiple_weights.multi_input_step",
        function="multi_input_step",
        returns="list",
        visible=[Case((GAME, WEIGHTS, WON, 0.01), [0.1119, 0.20091, -0.09832], "the first game, alpha 0.01")],
        hidden=lambda rng: [
            _step_case(rng, 4, "four inputs"),
            _step_case(rng, 1, "one input"),
            _step_case(rng, 5, "five inputs"),
            Case(([0.0, 1.5, -2.0], [0.3, -0.2, 0.1], 0.5, 0.1), label="an input of zero"),
        ],
        mistakes=[
            WRONG_SIGN.via(_step_with(_deltas_wrong_sign, alpha_used=True)),
            NO_ALPHA.via(_step_with(multi_input_deltas, alpha_used=False)),
            NO_INPUT.via(_step_with(_deltas_without_input, alpha_used=True)),
            UPDATED_TOO_EARLY.via(_one_weight_at_a_time),
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
        hidden=lambda rng: [
            Case((*_step_case(rng, 4, "").args, 5), label="four inputs, 5 iterations"),
            Case((*_step_case(rng, 2, "").args, 1), label="two inputs, 1 iteration"),
            Case((*_step_case(rng, 3, "").args, 0), label="no iterations"),
        ],
        mistakes=[
            WRONG_SIGN.via(_training_with(_step_with(_deltas_wrong_sign, alpha_used=True))),
            NO_ALPHA.via(_training_with(_step_with(multi_input_deltas, alpha_used=False))),
            NO_INPUT.via(_training_with(_step_with(_deltas_without_input, alpha_used=True))),
            UPDATED_TOO_EARLY.via(_training_with(_one_weight_at_a_time)),
            Mistake(
                "predictions recorded after the update",
                "Record each iteration's prediction when you make it, before the weights change.",
            ).via(_predictions_after_update),
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
        hidden=lambda rng: [
            Case((*_step_case(rng, 4, "").args, 2), label="four inputs, weight 2 frozen"),
            Case((*_step_case(rng, 3, "").args, 0), label="three inputs, weight 0 frozen"),
            Case((*_step_case(rng, 1, "").args, 0), label="one input, frozen"),
        ],
        mistakes=[
            Mistake(
                "frozen weight set to zero",
                "Freezing a weight leaves it as it is: set its weight_delta to 0, not the weight.",
            ).via(_frozen_weight_zeroed),
            Mistake(
                "every weight frozen",
                "Only the weight at index `frozen` stays put; the others still learn from the shared delta.",
            ).via(_delta_zeroed),
            WRONG_SIGN.via(lambda input, weights, true, alpha, frozen: [
                w if i == frozen else w + alpha * x * (w_sum(input, weights) - true)
                for i, (w, x) in enumerate(zip(weights, input))
            ]),
            NO_ALPHA.via(lambda input, weights, true, alpha, frozen: frozen_step(input, weights, true, 1, frozen)),
        ],  # fmt: skip
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
        hidden=lambda rng: [
            Case((0.8, _vector(rng, 2, -1, 1), _vector(rng, 2, 0, 1), 0.1), label="two outputs"),
            Case((-1.5, _vector(rng, 5, -1, 1), _vector(rng, 5, 0, 1), 0.05), label="five outputs, a negative input"),
            Case((0.9, _vector(rng, 1, -1, 1), _vector(rng, 1, 0, 1), 0.2), label="one output"),
        ],
        mistakes=[
            WEIGHTS_NOT_DELTAS.via(_multi_output_with(from_weights=True)),
            WRONG_SIGN.via(_multi_output_with(delta_sign=-1)),
            NO_ALPHA.via(_multi_output_with(alpha_used=False)),
            NO_INPUT.via(_multi_output_without_input),
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
        hidden=lambda rng: [
            Case((_vector(rng, 4), _vector(rng, 2)), label="4 times 2"),
            Case((_vector(rng, 1), _vector(rng, 3)), label="1 times 3"),
            Case((_vector(rng, 3), _vector(rng, 3)), label="3 times 3"),
        ],
        mistakes=[
            OUTER_WRONG_WAY.via(lambda vec_a, vec_b: outer_prod(vec_b, vec_a)),
            Mistake(
                "elementwise product instead of outer product",
                "The outer product multiplies every entry of vec_a by every entry of vec_b: a matrix with "
                "len(vec_a) rows and len(vec_b) columns.",
            ).via(lambda vec_a, vec_b: [a * b for a, b in zip(vec_a, vec_b)]),
        ],
    ),
    Exercise(
        id="multiple_weights.multi_io_step",
        function="multi_io_step",
        returns="list",
        visible=[
            Case(
                (GAME, IO_WEIGHTS, GAME_OUTCOMES, 0.01),
                NEW_IO_WEIGHTS,
                "the first game, alpha 0.01",
            )
        ],
        hidden=lambda rng: [
            Case((_vector(rng, 4), _matrix(rng, 2, 4), _vector(rng, 2, 0, 1), 0.05), label="4 inputs, 2 outputs"),
            Case((_vector(rng, 2), _matrix(rng, 3, 2), _vector(rng, 3, 0, 1), 0.05), label="2 inputs, 3 outputs"),
            Case((_vector(rng, 3), _matrix(rng, 3, 3), _vector(rng, 3, 0, 1), 0.05), label="3 inputs, 3 outputs"),
            Case((_vector(rng, 1), _matrix(rng, 1, 1), _vector(rng, 1, 0, 1), 0.1), label="1 input, 1 output"),
        ],
        mistakes=[
            OUTER_WRONG_WAY.via(_outer_wrong_way_update),
            WRONG_SIGN.via(_multi_io_with(delta_sign=-1)),
            NO_ALPHA.via(_multi_io_with(alpha_used=False)),
            NO_INPUT.via(_multi_io_with(input_used=False)),
            UPDATED_TOO_EARLY.via(_multi_io_one_weight_at_a_time),
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
        hidden=lambda rng: [
            Case((_array(rng, 4), _array(rng, 4, 2), _array(rng, 2, low=0), 0.05), label="4 inputs, 2 outputs"),
            Case((_array(rng, 2), _array(rng, 2, 5), _array(rng, 5, low=0), 0.05), label="2 inputs, 5 outputs"),
            Case((_array(rng, 3), _array(rng, 3, 3), _array(rng, 3, low=0), 0.05), label="3 inputs, 3 outputs"),
        ],
        mistakes=[
            NOT_A_COLUMN.via(_np_step_not_a_column),
            OUTER_WRONG_WAY.via(_np_step_outer_wrong_way),
            WRONG_SIGN.via(_np_step_with(delta_sign=-1)),
            NO_ALPHA.via(_np_step_with(alpha_used=False)),
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
        hidden=lambda rng: [
            Case((_array(rng, 5, 3), _array(rng, 5, 2, low=0), _array(rng, 3, 2), 0.1, 3), label="5 examples, 3 epochs"),
            Case((_array(rng, 2, 4), _array(rng, 2, 1, low=0), _array(rng, 4, 1), 0.1, 1), label="2 examples, 1 epoch"),
            Case((_array(rng, 3, 2), _array(rng, 3, 3, low=0), _array(rng, 2, 3), 0.1, 0), label="no epochs"),
        ],
        mistakes=[
            Mistake(
                "one update per epoch instead of one per example",
                "This lesson's training updates the weights after every example: call np_multi_io_step inside "
                "the loop over examples.",
            ).via(_train_one_batch_update),
            Mistake(
                "error measured after the update",
                "Add each example's squared error before its weights change, as the prediction that was compared.",
            ).via(_train_error_after_update),
            WRONG_SIGN.via(_train_with(_np_step_with(delta_sign=-1))),
            NO_ALPHA.via(_train_with(_np_step_with(alpha_used=False))),
        ],
    ),
]
