"""Lesson 01, forward propagation: the seed's numbers, plausible wrong answers, and correct variants."""

import contextlib
import functools
import io

import numpy as np
import pytest
from support import assert_named_mistake, assert_no_named_mistake, assert_passes

from grader.exercises import forward

# The book's listings for lesson 3, as printed there, and the values they print.
BOOK_LISTINGS = {
    "single weight": (
        """
weight = 0.1
def neural_network(input, weight):
    prediction = input * weight
    return prediction
number_of_toes = [8.5, 9.5, 10, 9]
input = number_of_toes[0]
pred = neural_network(input,weight)
print(pred)
""",
        0.85,
    ),
    "multiple inputs": (
        """
def w_sum(a,b):
    assert(len(a) == len(b))
    output = 0
    for i in range(len(a)):
        output += (a[i] * b[i])
    return output
weights = [0.1, 0.2, 0]
def neural_network(input, weights):
    pred = w_sum(input,weights)
    return pred
toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]
input = [toes[0],wlrec[0],nfans[0]]
pred = neural_network(input,weights)
print(pred)
""",
        0.98,
    ),
    "multiple outputs": (
        """
def ele_mul(number, vector):
    output = [0, 0, 0]
    assert(len(output) == len(vector))
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output
weights = [0.3, 0.2, 0.9]
def neural_network(input, weights):
    pred = ele_mul(input, weights)
    return pred
wlrec = [0.65, 0.8, 0.8, 0.9]
input = wlrec[0]
pred = neural_network(input,weights)
print(pred)
""",
        [0.195, 0.13, 0.585],
    ),
    "multiple inputs and outputs": (
        """
def w_sum(a,b):
    assert(len(a) == len(b))
    output = 0
    for i in range(len(a)):
        output += (a[i] * b[i])
    return output
def vect_mat_mul(vect,matrix):
    assert(len(vect) == len(matrix))
    output = [0,0,0]
    for i in range(len(vect)):
        output[i]=w_sum(vect,matrix[i])
    return output
weights = [ [0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1] ]
def neural_network(input, weights):
    pred = vect_mat_mul(input,weights)
    return pred
toes = [8.5, 9.5, 9.9, 9.0]
wlrec = [0.65, 0.8, 0.8, 0.9]
nfans = [1.2, 1.3, 0.5, 1.0]
input = [toes[0],wlrec[0],nfans[0]]
pred = neural_network(input,weights)
print(pred)
""",
        [0.555, 0.98, 0.965],
    ),
    "numpy predicting on predictions": (
        """
import numpy as np
ih_wgt = np.array([[0.1, 0.2, -0.1], [-0.1, 0.1, 0.9], [0.1, 0.4, 0.1]]).T
hp_wgt = np.array([[0.3, 1.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]).T
weights = [ih_wgt, hp_wgt]
def neural_network(input, weights):
    hid = input.dot(weights[0])
    pred = hid.dot(weights[1])
    return pred
toes = np.array([8.5, 9.5, 9.9, 9.0])
wlrec = np.array([0.65, 0.8, 0.8, 0.9])
nfans = np.array([1.2, 1.3, 0.5, 1.0])
input = np.array([toes[0], wlrec[0], nfans[0]])
pred = neural_network(input, weights)
print(list(pred))
""",
        [0.2135, 0.145, 0.5065],
    ),
}


@pytest.mark.parametrize("listing, printed", BOOK_LISTINGS.values(), ids=BOOK_LISTINGS)
def test_the_books_listings_print_the_values_the_lesson_checks(listing, printed):
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(listing, {})
    value = eval(output.getvalue().replace("np.float64", ""))
    np.testing.assert_allclose(value, printed, rtol=1e-12)


def test_the_dot_product_examples():
    a, b, c, d, e = [0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 1, 0], [0.5, 0, 0.5, 0], [0, 1, -1, 0]
    scores = [forward.answers.w_sum(*pair) for pair in [(a, b), (b, c), (b, d), (c, c), (d, d), (c, e)]]
    assert scores == [0, 1, 1, 2, 0.5, 0]


def _no_return(a, b):
    total = sum(x * y for x, y in zip(a, b))  # noqa: F841


def _in_place(number, vector):
    for i in range(len(vector)):
        vector[i] *= number
    return vector


def _products_per_row(vect, matrix):
    return [[v * w for v, w in zip(vect, row)] for row in matrix]


WRONG_ANSWERS = [
    # Twice the right weighted sum on every case: a constant factor, shown by more than one value.
    (
        "forward.w_sum",
        "every value off by one constant factor",
        lambda a, b: 2 * sum(x * y for x, y in zip(a, b)),
    ),
    ("forward.neural_network", "added instead of multiplied", lambda input, weight: input + weight),
    ("forward.neural_network", "sign flipped", lambda input, weight: -input * weight),
    ("forward.w_sum", "elementwise product where a dot product was meant", lambda a, b: [x * y for x, y in zip(a, b)]),
    ("forward.w_sum", "sums multiplied instead of products summed", lambda a, b: sum(a) * sum(b)),
    ("forward.w_sum", "nothing returned", _no_return),
    ("forward.ele_mul", "size hard-coded", forward.ele_mul_as_in_the_book),
    ("forward.ele_mul", "an input was changed", _in_place),
    ("forward.ele_mul", "added instead of multiplied", lambda n, v: [n + x for x in v]),
    ("forward.ele_mul", "a NumPy array instead of a list", lambda n, v: n * np.array(v, dtype=float)),
    ("forward.vect_mat_mul", "transposed weights", forward.vect_mat_mul_by_columns),
    ("forward.vect_mat_mul", "a square matrix assumed", forward.vect_mat_mul_as_in_the_book),
    ("forward.vect_mat_mul", "sum missing", _products_per_row),
    (
        "forward.stacked_network",
        "layers applied in the wrong order",
        lambda x, w: forward.answers.vect_mat_mul(forward.answers.vect_mat_mul(x, w[1]), w[0]),
    ),
    ("forward.stacked_network", "a layer skipped", lambda x, w: forward.answers.vect_mat_mul(x, w[1])),
    ("forward.np_neural_network", "elementwise product where a dot product was meant", lambda x, w: x * w),
    ("forward.np_stacked_network", "transposed weights", lambda x, w: w[1].dot(w[0].dot(x))),
    ("forward.np_stacked_network", "a list instead of a NumPy array", lambda x, w: list(x.dot(w[0]).dot(w[1]))),
    ("forward.np_stacked_network", "a layer skipped", lambda x, w: x.dot(w[1])),
    ("forward.np_stacked_network", "an extra axis", lambda x, w: x[None, :].dot(w[0]).dot(w[1])),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def _loop_dot(x, w):
    total = 0.0
    for i in range(len(x)):
        total += x[i] * w[i]
    return total


def _layer_loop(x, weights):
    for layer in weights:
        x = x @ layer
    return x


CORRECT_VARIANTS = [
    ("forward.neural_network", lambda input, weight: weight * input),
    ("forward.w_sum", lambda a, b: sum(x * y for x, y in zip(a, b))),
    ("forward.w_sum", lambda a, b: functools.reduce(lambda total, pair: total + pair[0] * pair[1], zip(a, b), 0)),
    ("forward.w_sum", lambda a, b: float(np.dot(a, b))),
    ("forward.ele_mul", lambda n, v: [x * n for x in v]),
    ("forward.ele_mul", lambda n, v: list(map(lambda x: n * x, v))),
    ("forward.vect_mat_mul", lambda v, m: [forward.answers.w_sum(v, row) for row in m]),
    ("forward.vect_mat_mul", lambda v, m: [float(x) for x in np.array(m) @ np.array(v)]),
    (
        "forward.stacked_network",
        lambda x, w: [
            sum(h * k for h, k in zip([sum(a * b for a, b in zip(x, r)) for r in w[0]], row)) for row in w[1]
        ],
    ),
    ("forward.np_neural_network", lambda x, w: x @ w),
    ("forward.np_neural_network", lambda x, w: np.sum(x * w)),
    ("forward.np_neural_network", _loop_dot),
    ("forward.np_stacked_network", lambda x, w: x @ w[0] @ w[1]),
    ("forward.np_stacked_network", lambda x, w: np.dot(np.dot(x, w[0]), w[1])),
    ("forward.np_stacked_network", lambda x, w: w[1].T @ (w[0].T @ x)),
    ("forward.np_stacked_network", _layer_loop),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)


# Wrong answers whose every check shows a single wrong number, which many mistakes could give: no name is proven.
UNPROVEN_WRONG_ANSWERS = [
    ("forward.neural_network", lambda input, weight: input * 2),  # a typo for input * weight
]


@pytest.mark.parametrize("exercise_id, answer", UNPROVEN_WRONG_ANSWERS, ids=[e for e, _ in UNPROVEN_WRONG_ANSWERS])
def test_wrong_answers_that_no_check_can_tell_apart_fail_without_a_name(exercise_id, answer):
    assert_no_named_mistake(exercise_id, answer)
