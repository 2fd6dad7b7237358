"""Lesson 03, learning multiple weights: the seed's numbers, plausible wrong answers, and correct variants."""

import contextlib
import copy
import io
import re

import numpy as np
import pytest
from support import assert_named_mistake, assert_passes

from grader import CheckFailed, check
from grader.compare import close
from grader.exercises import multiple_weights as mw
from grader.schema import find

# The book's "watch several steps of learning" listing (lesson 5), as printed there.
SEVERAL_STEPS = """
def neural_network(input, weights):
    out = 0
    for i in range(len(input)):
        out += (input[i] * weights[i])
    return out

def ele_mul(scalar, vector):
    out = [0,0,0]
    for i in range(len(out)):
        out[i] = vector[i] * scalar
    return out

toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]

win_or_lose_binary = [1, 1, 0, 1]
true = win_or_lose_binary[0]

alpha = ALPHA
weights = [0.1, 0.2, -.1]
input = [toes[0],wlrec[0],nfans[0]]

for iter in range(3):

    pred = neural_network(input,weights)

    error = (pred - true) ** 2
    delta = pred - true

    weight_deltas=ele_mul(delta,input)
    FREEZE

    print("Iteration:" + str(iter+1))
    print("Pred:" + str(pred))
    print("Error:" + str(error))
    print("Delta:" + str(delta))
    print("Weights:" + str(weights))
    print("Weight_Deltas:")
    print(str(weight_deltas))
    print()

    for i in range(len(weights)):
        weights[i] -= alpha*weight_deltas[i]
"""

# The book's multiple-outputs listing (its pieces joined), which multiplies the input by the weights.
MULTIPLE_OUTPUTS = """
def ele_mul(number,vector):
    output = [0,0,0]
    assert(len(output) == len(vector))
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output

weights = [0.3, 0.2, 0.9]
def neural_network(input, weights):
    pred = ele_mul(input, weights)
    return pred

def scalar_ele_mul(number,vector):
    output = [0,0,0]
    assert(len(output) == len(vector))
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output

wlrec = [0.65, 1.0, 1.0, 0.9]
hurt = [0.1, 0.0, 0.0, 0.1]
win = [1, 1, 0, 1]
sad = [0.1, 0.0, 0.1, 0.2]

input = wlrec[0]
true = [hurt[0], win[0], sad[0]]
pred = neural_network(input,weights)

error = [0, 0, 0]
delta = [0, 0, 0]

for i in range(len(true)):
    error[i] = (pred[i] - true[i]) ** 2
    delta[i] = pred[i] - true[i]

weight_deltas = scalar_ele_mul(input,weights)
alpha = 0.1

for i in range(len(weights)):
    weights[i] -= (weight_deltas[i] * alpha)

print("Weights:" + str(weights))
print("Weight Deltas:" + str(weight_deltas))
"""

# The book's multiple-inputs-and-outputs listing (its pieces joined). Its outer_prod refers to `a`, `b`
# and `zeros_matrix`, which the book never defines; ZEROS_MATRIX supplies them.
ZEROS_MATRIX = """
def zeros_matrix(rows, columns):
    return [[0] * columns for _ in range(rows)]
"""
MULTIPLE_INPUTS_AND_OUTPUTS = """
def w_sum(a,b):
    assert(len(a) == len(b))
    output = 0
    for i in range(len(a)):
        output += (a[i] * b[i])
    return output

            # toes %win # fans
weights = [ [0.1, 0.1, -0.3], # hurt?
            [0.1, 0.2, 0.0], # win?
            [0.0, 1.3, 0.1] ] # sad?

def vect_mat_mul(vect,matrix):
    assert(len(vect) == len(matrix))
    output = [0,0,0]
    for i in range(len(vect)):
        output[i] = w_sum(vect,matrix[i])
    return output

def neural_network(input, weights):
    pred = vect_mat_mul(input,weights)
    return pred

toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]

hurt = [0.1, 0.0, 0.0, 0.1]
win = [1, 1, 0, 1]
sad = [0.1, 0.0, 0.1, 0.2]

alpha = 0.01

def outer_prod(vec_a, vec_b):
    out = zeros_matrix(len(a),len(b))
    for i in range(len(a)):
        for j in range(len(b)):
            out[i][j] = vec_a[i]*vec_b[j]
    return out

input = [toes[0],wlrec[0],nfans[0]]
true = [hurt[0], win[0], sad[0]]

pred = neural_network(input,weights)

error = [0, 0, 0]
delta = [0, 0, 0]

for i in range(len(true)):

    error[i] = (pred[i] - true[i]) ** 2
    delta[i] = pred[i] - true[i]

a, b = input, delta
weight_deltas = outer_prod(input,delta)

for i in range(len(weights)):
    for j in range(len(weights[0])):
        weights[i][j] -= alpha * \\
            weight_deltas[i][j]
print(weights)
"""


def _run(listing):
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(listing, {})
    return output.getvalue()


def _printed(text, label):
    return [eval(value) for value in re.findall(rf"^{label}:(.*)$", text, re.MULTILINE)]


def test_three_steps_print_the_lessons_predictions_deltas_and_weights():
    printed = _run(SEVERAL_STEPS.replace("ALPHA", "0.01").replace("FREEZE", ""))
    np.testing.assert_allclose(_printed(printed, "Pred"), [0.86, 0.9637575, 0.9906177228125], rtol=1e-12)
    np.testing.assert_allclose(_printed(printed, "Delta")[0], -0.14, rtol=1e-12)
    weights = _printed(printed, "Weights")
    np.testing.assert_allclose(weights[1], [0.1119, 0.20091, -0.09832], rtol=1e-12)
    first_weight_deltas = eval(printed.split("Weight_Deltas:\n")[1].splitlines()[0])
    np.testing.assert_allclose(first_weight_deltas, [-1.19, -0.091, -0.168], rtol=1e-12)

    pred, delta, weight_deltas = mw.answers.multi_input_deltas(mw.GAME, mw.WEIGHTS, mw.WON)
    np.testing.assert_allclose([pred, delta, *weight_deltas], [0.86, -0.14, -1.19, -0.091, -0.168], rtol=1e-12)
    np.testing.assert_allclose(mw.answers.multi_input_step(mw.GAME, mw.WEIGHTS, mw.WON, 0.01), weights[1], rtol=1e-12)
    predictions, final = mw.answers.train_multi_input(mw.GAME, mw.WEIGHTS, mw.WON, 0.01, 3)
    np.testing.assert_allclose(predictions, _printed(printed, "Pred"), rtol=1e-12)
    np.testing.assert_allclose(
        mw.answers.train_multi_input(mw.GAME, mw.WEIGHTS, mw.WON, 0.01, 2)[1], weights[2], rtol=1e-12
    )


def test_freezing_the_first_weight_matches_the_books_listing():
    printed = _run(SEVERAL_STEPS.replace("ALPHA", "0.3").replace("FREEZE", "weight_deltas[0] = 0"))
    np.testing.assert_allclose(_printed(printed, "Pred"), [0.86, 0.938225, 0.97274178125], rtol=1e-12)
    weights = _printed(printed, "Weights")
    step = mw.WEIGHTS
    for printed_weights in weights[1:]:
        step = mw.answers.frozen_step(mw.GAME, step, mw.WON, 0.3, 0)
        np.testing.assert_allclose(step, printed_weights, rtol=1e-12)
    visible = [case.expected for case in find("multiple_weights.frozen_step").visible]
    np.testing.assert_allclose(visible, weights[1:], rtol=1e-12)


def test_the_books_multiple_outputs_listing_is_caught_as_weight_deltas_from_the_weights():
    printed = _run(MULTIPLE_OUTPUTS)
    book_weights = _printed(printed, "Weights")[0]
    np.testing.assert_allclose(book_weights, [0.2805, 0.187, 0.8415], rtol=1e-12)
    correct = mw.answers.multi_output_step(0.65, [0.3, 0.2, 0.9], [0.1, 1, 0.1], 0.1)
    np.testing.assert_allclose(correct, [0.293825, 0.25655, 0.868475], rtol=1e-12)
    with pytest.raises(CheckFailed, match="This looks like: weight_deltas computed from the weights."):
        check("multiple_weights.multi_output_step", lambda input, weights, true, alpha: book_weights)


def test_the_books_multiple_inputs_and_outputs_listing_is_caught_as_the_outer_product_the_wrong_way_round():
    book_weights = eval(_run(ZEROS_MATRIX + MULTIPLE_INPUTS_AND_OUTPUTS))
    declared = mw.multi_io_step_outer_prod_wrong_way_round(mw.GAME, mw.IO_WEIGHTS, mw.GAME_OUTCOMES, 0.01)
    np.testing.assert_allclose(book_weights, declared, rtol=1e-12)
    assert not np.allclose(book_weights, mw.NEW_IO_WEIGHTS)
    with pytest.raises(CheckFailed, match="This looks like: outer product the wrong way round."):
        check("multiple_weights.multi_io_step", lambda input, weights, true, alpha: book_weights)


def test_one_step_of_the_many_input_many_output_network():
    delta = [p - t for p, t in zip(mw.answers.vect_mat_mul(mw.GAME, mw.IO_WEIGHTS), mw.GAME_OUTCOMES)]
    np.testing.assert_allclose(delta, [0.455, -0.02, 0.865], rtol=1e-12)
    np.testing.assert_allclose(
        mw.answers.multi_io_step(mw.GAME, mw.IO_WEIGHTS, mw.GAME_OUTCOMES, 0.01), mw.NEW_IO_WEIGHTS, rtol=1e-12
    )
    np_step = mw.answers.np_multi_io_step(
        np.array(mw.GAME), np.array(mw.IO_WEIGHTS).T, np.array(mw.GAME_OUTCOMES), 0.01
    )
    np.testing.assert_allclose(np_step.T, mw.NEW_IO_WEIGHTS, rtol=1e-12)


def test_training_the_whole_data_set_lowers_the_error():
    inputs = np.array([mw.TOES, mw.WLREC, mw.NFANS]).T
    targets = np.array([mw.HURT, mw.WIN, mw.SAD]).T
    _, errors = mw.answers.train(inputs, targets, np.array(mw.IO_WEIGHTS).T, 0.01, 50)
    assert len(errors) == 50 and np.all(np.diff(errors) < 0)


def _differs_somewhere(exercise, implementation):
    """True when ``implementation`` gives another answer than the reference (or raises) on some case."""
    for case in exercise.visible + exercise.hidden_cases():
        try:
            wrong = exercise.call(implementation, *copy.deepcopy(case.args))
        except Exception:
            return True
        if not close(wrong, exercise.expected(case), exercise.rtol, exercise.atol):
            return True
    return False


# Wrong answers a learner might write, each with the mistake the checks must name.


def _deltas_true_minus_pred(input, weights, true):
    pred = sum(x * w for x, w in zip(input, weights))
    delta = true - pred
    return pred, delta, [x * delta for x in input]


def _step_adding(input, weights, true, alpha):
    pred = sum(x * w for x, w in zip(input, weights))
    delta = pred - true
    return [w + alpha * x * delta for x, w in zip(input, weights)]


def _step_in_place(input, weights, true, alpha):
    pred, delta, weight_deltas = mw.answers.multi_input_deltas(input, weights, true)
    for i in range(len(weights)):
        weights[i] -= alpha * weight_deltas[i]
    return weights


def _step_one_weight_at_a_time(input, weights, true, alpha):
    new = list(weights)
    for i in range(len(new)):
        pred = mw.answers.w_sum(input, new)
        new[i] = new[i] - alpha * input[i] * (pred - true)
    return new


def _train_one_weight_at_a_time(input, weights, true, alpha, iterations):
    predictions = []
    for _ in range(iterations):
        predictions.append(mw.answers.w_sum(input, weights))
        weights = _step_one_weight_at_a_time(input, weights, true, alpha)
    return predictions, list(weights)


def _train_recording_after(input, weights, true, alpha, iterations):
    predictions = []
    for _ in range(iterations):
        weights = mw.answers.multi_input_step(input, weights, true, alpha)
        predictions.append(mw.answers.w_sum(input, weights))
    return predictions, weights


def _multi_output_from_weights(input, weights, true, alpha):
    weight_deltas = [input * w for w in weights]
    return [w - alpha * wd for w, wd in zip(weights, weight_deltas)]


def _multi_io_seed_style(input, weights, true, alpha):
    pred = mw.answers.vect_mat_mul(input, weights)
    delta = [p - t for p, t in zip(pred, true)]
    weight_deltas = mw.answers.outer_prod(input, delta)
    return [[weights[i][j] - alpha * weight_deltas[i][j] for j in range(len(weights[0]))] for i in range(len(weights))]


def _multi_io_adding(input, weights, true, alpha):
    delta = [t - p for p, t in zip(mw.answers.vect_mat_mul(input, weights), true)]
    return [[w - alpha * d * x for w, x in zip(row, input)] for row, d in zip(weights, delta)]


def _multi_io_recomputing(input, weights, true, alpha):
    new = copy.deepcopy(weights)
    for i in range(len(new)):
        for j in range(len(input)):
            delta = mw.answers.w_sum(input, new[i]) - true[i]
            new[i][j] -= alpha * delta * input[j]
    return new


def _np_step_in_place(input, weights, true, alpha):
    weights -= alpha * np.outer(input, input.dot(weights) - true)
    return weights


def _train_batch(inputs, targets, weights, alpha, epochs):
    errors = []
    for _ in range(epochs):
        errors.append(float(np.sum((inputs.dot(weights) - targets) ** 2)))
        weights = weights - alpha * inputs.T.dot(inputs.dot(weights) - targets)
    return weights, errors


def _train_error_after(inputs, targets, weights, alpha, epochs):
    errors = []
    for _ in range(epochs):
        total = 0
        for x, t in zip(inputs, targets):
            weights = mw.answers.np_multi_io_step(x, weights, t, alpha)
            total += np.sum((x.dot(weights) - t) ** 2)
        errors.append(total)
    return weights, errors


def _vect_mat_mul_three_outputs(vect, matrix):
    output = [0, 0, 0]
    for i in range(len(vect)):
        output[i] = mw.answers.w_sum(vect, matrix[i])
    return output


WRONG_ANSWERS = [
    (
        "multiple_weights.multi_input_deltas",
        "returned values in the wrong order",
        lambda *args: tuple(mw.answers.multi_input_deltas(*args))[::-1],
    ),
    (
        "multiple_weights.np_multi_io_step",
        "outer product the wrong way round",
        lambda input, weights, true, alpha: weights - alpha * np.outer(input.dot(weights) - true, input),
    ),
    (
        "multiple_weights.w_sum",
        "elementwise product where a dot product was meant",
        lambda a, b: [x * y for x, y in zip(a, b)],
    ),
    ("multiple_weights.w_sum", "sums multiplied instead of products summed", lambda a, b: sum(a) * sum(b)),
    ("multiple_weights.ele_mul", "size hard-coded", lambda number, vector: [number * vector[i] for i in range(3)]),
    (
        "multiple_weights.ele_mul",
        "a NumPy array instead of a list",
        lambda number, vector: number * np.array(vector, dtype=float),
    ),
    ("multiple_weights.multi_input_deltas", "true − pred instead of pred − true", _deltas_true_minus_pred),
    (
        "multiple_weights.multi_input_deltas",
        "input factor forgotten",
        lambda input, weights, true: (
            mw.answers.w_sum(input, weights),
            mw.answers.w_sum(input, weights) - true,
            [mw.answers.w_sum(input, weights) - true] * len(input),
        ),
    ),
    # A step returns only the new weights: true − pred and an added step cannot be told apart.
    ("multiple_weights.multi_input_step", "weights stepped the wrong way", _step_adding),
    (
        "multiple_weights.multi_input_step",
        "alpha forgotten",
        lambda input, weights, true, alpha: [
            w - wd for w, wd in zip(weights, mw.answers.multi_input_deltas(input, weights, true)[2])
        ],
    ),
    (
        "multiple_weights.multi_input_step",
        "input factor forgotten",
        lambda input, weights, true, alpha: [w - alpha * (mw.answers.w_sum(input, weights) - true) for w in weights],
    ),
    (
        "multiple_weights.multi_input_step",
        "weights updated before every weight_delta was computed",
        _step_one_weight_at_a_time,
    ),
    ("multiple_weights.multi_input_step", "an input was changed", _step_in_place),
    ("multiple_weights.train_multi_input", "predictions recorded after the update", _train_recording_after),
    (
        "multiple_weights.train_multi_input",
        "weights updated before every weight_delta was computed",
        _train_one_weight_at_a_time,
    ),
    (
        "multiple_weights.train_multi_input",
        "alpha forgotten",
        lambda input, weights, true, alpha, n: mw.answers.train_multi_input(input, weights, true, 1, n),
    ),
    (
        "multiple_weights.frozen_step",
        "frozen weight set to zero",
        lambda input, weights, true, alpha, frozen: [
            0 if i == frozen else w for i, w in enumerate(mw.answers.multi_input_step(input, weights, true, alpha))
        ],
    ),
    ("multiple_weights.frozen_step", "every weight frozen", lambda input, weights, true, alpha, frozen: list(weights)),
    (
        "multiple_weights.frozen_step",
        "alpha forgotten",
        lambda input, weights, true, alpha, frozen: [
            w if i == frozen else w - x * (mw.answers.w_sum(input, weights) - true)
            for i, (w, x) in enumerate(zip(weights, input))
        ],
    ),
    ("multiple_weights.multi_output_step", "weight_deltas computed from the weights", _multi_output_from_weights),
    (
        "multiple_weights.multi_output_step",
        "weights stepped the wrong way",
        lambda input, weights, true, alpha: [w + alpha * input * (input * w - t) for w, t in zip(weights, true)],
    ),
    (
        "multiple_weights.multi_output_step",
        "alpha forgotten",
        lambda input, weights, true, alpha: [w - input * (input * w - t) for w, t in zip(weights, true)],
    ),
    (
        "multiple_weights.multi_output_step",
        "input factor forgotten",
        lambda input, weights, true, alpha: [w - alpha * (input * w - t) for w, t in zip(weights, true)],
    ),
    ("multiple_weights.outer_prod", "outer product the wrong way round", lambda a, b: [[x * y for x in a] for y in b]),
    (
        "multiple_weights.outer_prod",
        "elementwise product instead of outer product",
        lambda a, b: [x * y for x, y in zip(a, b)],
    ),
    (
        "multiple_weights.vect_mat_mul",
        "transposed weights",
        lambda vect, matrix: [sum(vect[i] * matrix[i][j] for i in range(len(vect))) for j in range(len(matrix[0]))],
    ),
    ("multiple_weights.vect_mat_mul", "a square matrix assumed", _vect_mat_mul_three_outputs),
    ("multiple_weights.multi_io_step", "outer product the wrong way round", _multi_io_seed_style),
    ("multiple_weights.multi_io_step", "weights stepped the wrong way", _multi_io_adding),
    (
        "multiple_weights.multi_io_step",
        "alpha forgotten",
        lambda input, weights, true, alpha: mw.answers.multi_io_step(input, weights, true, 1),
    ),
    (
        "multiple_weights.multi_io_step",
        "input factor forgotten",
        lambda input, weights, true, alpha: [
            [w - alpha * (mw.answers.w_sum(input, row) - t) for w in row] for row, t in zip(weights, true)
        ],
    ),
    ("multiple_weights.multi_io_step", "weights updated before every weight_delta was computed", _multi_io_recomputing),
    (
        "multiple_weights.np_multi_io_step",
        "`input` instead of `input[:, None]`",
        lambda input, weights, true, alpha: weights - alpha * input * (input @ weights - true),
    ),
    (
        "multiple_weights.np_multi_io_step",
        "outer product the wrong way round",
        lambda input, weights, true, alpha: weights - alpha * np.outer(input @ weights - true, input),
    ),
    (
        "multiple_weights.np_multi_io_step",
        "weights stepped the wrong way",
        lambda input, weights, true, alpha: weights + alpha * np.outer(input, input @ weights - true),
    ),
    (
        "multiple_weights.np_multi_io_step",
        "alpha forgotten",
        lambda input, weights, true, alpha: weights - np.outer(input, input @ weights - true),
    ),
    ("multiple_weights.np_multi_io_step", "an input was changed", _np_step_in_place),
    ("multiple_weights.train", "one update per epoch instead of one per example", _train_batch),
    ("multiple_weights.train", "error measured after the update", _train_error_after),
    (
        "multiple_weights.train",
        "alpha forgotten",
        lambda inputs, targets, weights, alpha, epochs: mw.answers.train(inputs, targets, weights, 1, epochs),
    ),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def _deltas_with_loop(input, weights, true):
    pred = 0
    for i in range(len(input)):
        pred += input[i] * weights[i]
    delta = pred - true
    weight_deltas = []
    for x in input:
        weight_deltas.append(x * delta)
    return pred, delta, weight_deltas


def _step_indexing(input, weights, true, alpha):
    pred, delta, weight_deltas = mw.answers.multi_input_deltas(input, weights, true)
    new_weights = list(weights)
    for i in range(len(new_weights)):
        new_weights[i] -= alpha * weight_deltas[i]
    return new_weights


def _train_with_copy(input, weights, true, alpha, iterations):
    weights = list(weights)
    predictions = []
    for _ in range(iterations):
        pred, delta, weight_deltas = mw.answers.multi_input_deltas(input, weights, true)
        predictions.append(pred)
        for i in range(len(weights)):
            weights[i] -= alpha * weight_deltas[i]
    return predictions, weights


def _frozen_copy(input, weights, true, alpha, frozen):
    new = mw.answers.multi_input_step(input, weights, true, alpha)
    new[frozen] = weights[frozen]
    return new


def _outer_loops(vec_a, vec_b):
    out = [[0] * len(vec_b) for _ in vec_a]
    for i in range(len(vec_a)):
        for j in range(len(vec_b)):
            out[i][j] = vec_a[i] * vec_b[j]
    return out


def _multi_io_loops(input, weights, true, alpha):
    pred = mw.answers.vect_mat_mul(input, weights)
    delta = [pred[i] - true[i] for i in range(len(true))]
    weight_deltas = mw.answers.outer_prod(delta, input)
    new = copy.deepcopy(weights)
    for i in range(len(new)):
        for j in range(len(new[0])):
            new[i][j] -= alpha * weight_deltas[i][j]
    return new


def _train_indexing(inputs, targets, weights, alpha, epochs):
    errors = []
    for _ in range(epochs):
        error = 0
        for i in range(len(inputs)):
            pred = inputs[i] @ weights
            error += ((pred - targets[i]) ** 2).sum()
            weights = mw.answers.np_multi_io_step(inputs[i], weights, targets[i], alpha)
        errors.append(error)
    return weights, errors


CORRECT_VARIANTS = [
    ("multiple_weights.w_sum", lambda a, b: sum(x * y for x, y in zip(a, b))),
    ("multiple_weights.ele_mul", lambda number, vector: list(map(lambda v: v * number, vector))),
    ("multiple_weights.multi_input_deltas", _deltas_with_loop),
    (
        "multiple_weights.multi_input_deltas",
        lambda input, weights, true: (
            float(np.dot(input, weights)),
            float(np.dot(input, weights)) - true,
            list((np.dot(input, weights) - true) * np.array(input)),
        ),
    ),
    ("multiple_weights.multi_input_step", _step_indexing),
    (
        "multiple_weights.multi_input_step",
        lambda input, weights, true, alpha: list(
            np.array(weights) - alpha * (np.dot(input, weights) - true) * np.array(input)
        ),
    ),
    ("multiple_weights.train_multi_input", _train_with_copy),
    ("multiple_weights.frozen_step", _frozen_copy),
    (
        "multiple_weights.multi_output_step",
        lambda input, weights, true, alpha: [w - alpha * input * (input * w - t) for w, t in zip(weights, true)],
    ),
    ("multiple_weights.outer_prod", _outer_loops),
    ("multiple_weights.outer_prod", lambda a, b: np.outer(a, b).tolist()),
    ("multiple_weights.vect_mat_mul", lambda vect, matrix: [sum(v * w for v, w in zip(vect, row)) for row in matrix]),
    ("multiple_weights.multi_io_step", _multi_io_loops),
    (
        "multiple_weights.multi_io_step",
        lambda input, weights, true, alpha: (
            np.array(weights) - alpha * np.outer(np.array(weights) @ np.array(input) - np.array(true), input)
        ).tolist(),
    ),
    (
        "multiple_weights.np_multi_io_step",
        lambda input, weights, true, alpha: weights - alpha * np.outer(input, input @ weights - true),
    ),
    (
        "multiple_weights.np_multi_io_step",
        lambda input, weights, true, alpha: weights - alpha * np.einsum("i,j->ij", input, input.dot(weights) - true),
    ),
    (
        "multiple_weights.np_multi_io_step",
        lambda input, weights, true, alpha: weights - alpha * input.reshape(-1, 1) * (input @ weights - true),
    ),
    ("multiple_weights.train", _train_indexing),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)


def test_the_outer_product_hint_gives_the_fix_in_each_layout():
    """The NumPy step's weights have one row per input, the list step's one row per output: each hint says so."""

    def numpy_step(input, weights, true, alpha):
        return weights - alpha * np.outer(input.dot(weights) - true, input)

    with pytest.raises(CheckFailed) as numpy_failure:
        check("multiple_weights.np_multi_io_step", numpy_step)
    assert "np.outer(input, delta)" in str(numpy_failure.value)
    assert "outer_prod(delta, input)" not in str(numpy_failure.value)
    with pytest.raises(CheckFailed) as list_failure:
        check("multiple_weights.multi_io_step", _multi_io_seed_style)
    assert "outer_prod(delta, input)" in str(list_failure.value)
