"""Lesson 01, forward propagation: how a network turns inputs into predictions.

Visible cases are the lesson's own examples with the values the book prints; hidden cases
use other sizes and values, checked against the reference implementations below.
"""

import numpy as np

from grader.schema import Case, Exercise
from grader.catalogue import (
    ELEMENTWISE_NOT_DOT,
    HARD_CODED_SIZE,
    LAYER_SKIPPED,
    TRANSPOSED,
    WRONG_ORDER,
    Mistake,
)
from grader.references.forward import ele_mul, neural_network, np_neural_network, np_stacked_network, stacked_network, vect_mat_mul, w_sum

# The book's first game of the season: average toes, win/loss record, fans (millions).
GAME = [8.5, 0.65, 1.2]
IH_WEIGHTS = [[0.1, 0.2, -0.1], [-0.1, 0.1, 0.9], [0.1, 0.4, 0.1]]  # one row per hidden unit
HP_WEIGHTS = [[0.3, 1.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]  # one row per prediction
IO_WEIGHTS = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]  # hurt?, win?, sad?

ADDED = Mistake("added instead of multiplied", "A weight scales its input: multiply them.")


def _book_ele_mul(number, vector):
    output = [0, 0, 0]
    assert len(output) == len(vector)
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output


def _three_slots(number, vector):
    output = [0, 0, 0]
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output


def _book_vect_mat_mul(vect, matrix):
    assert len(vect) == len(matrix)
    output = [0, 0, 0]
    for i in range(len(vect)):
        output[i] = w_sum(vect, matrix[i])
    return output


def _column_sums(vect, matrix):
    return [sum(vect[i] * matrix[i][j] for i in range(len(vect))) for j in range(len(matrix[0]))]


def _vector(rng, n):
    return [round(float(v), 2) for v in rng.uniform(-2, 2, n)]


def _matrix(rng, rows, columns):
    return [_vector(rng, columns) for _ in range(rows)]


def _array(rng, *shape):
    return np.round(rng.uniform(-2, 2, shape), 2)


EXERCISES = [
    Exercise(
        id="forward.neural_network",
        function="neural_network",
        returns="number",
        visible=[Case((8.5, 0.1), 0.85, "the book's first game")],
        hidden=lambda rng: [
            Case((3.0, -0.5), label="a negative weight"),
            Case((0.0, 1.7), label="a zero input"),
            Case((7, 0.25), label="an integer input"),
            Case((round(float(rng.uniform(-10, 10)), 3), round(float(rng.uniform(-1, 1)), 3)), label="random input and weight"),
        ],
        mistakes=[ADDED.via(lambda input, weight: input + weight)],
    ),
    Exercise(
        id="forward.w_sum",
        function="w_sum",
        returns="number",
        visible=[
            Case((GAME, [0.1, 0.2, 0]), 0.98, "the book's first game"),
            Case(([0, 1, 0, 1], [1, 0, 1, 0]), 0, "w_sum(a, b)"),
            Case(([1, 0, 1, 0], [0, 1, 1, 0]), 1, "w_sum(b, c)"),
            Case(([1, 0, 1, 0], [0.5, 0, 0.5, 0]), 1, "w_sum(b, d)"),
            Case(([0, 1, 1, 0], [0, 1, 1, 0]), 2, "w_sum(c, c)"),
            Case(([0.5, 0, 0.5, 0], [0.5, 0, 0.5, 0]), 0.5, "w_sum(d, d)"),
            Case(([0, 1, 1, 0], [0, 1, -1, 0]), 0, "w_sum(c, e)"),
        ],
        hidden=lambda rng: [
            Case((_vector(rng, 5), _vector(rng, 5)), label="five inputs"),
            Case((_vector(rng, 1), _vector(rng, 1)), label="one input"),
            Case((_vector(rng, 8), _vector(rng, 8)), label="eight inputs"),
            Case(([], []), label="empty vectors"),
            Case(([2, -3, 4], [1, 2, 3]), label="integers"),
        ],
        mistakes=[
            ELEMENTWISE_NOT_DOT.via(lambda a, b: [x * y for x, y in zip(a, b)]),
            Mistake("sums multiplied instead of products summed", "Multiply each input by its own weight, then add.").via(
                lambda a, b: sum(a) * sum(b)
            ),
        ],
    ),
    Exercise(
        id="forward.ele_mul",
        function="ele_mul",
        returns="list",
        visible=[Case((0.65, [0.3, 0.2, 0.9]), [0.195, 0.13, 0.585], "the book's win/loss record")],
        hidden=lambda rng: [
            Case((2.5, _vector(rng, 5)), label="five outputs"),
            Case((-1.5, _vector(rng, 1)), label="one output"),
            Case((0.3, _vector(rng, 3)), label="three outputs"),
            Case((4, []), label="no outputs"),
        ],
        mistakes=[
            HARD_CODED_SIZE.via(_book_ele_mul),
            HARD_CODED_SIZE.via(_three_slots),
            ADDED.via(lambda number, vector: [number + value for value in vector]),
        ],
    ),
    Exercise(
        id="forward.vect_mat_mul",
        function="vect_mat_mul",
        returns="list",
        visible=[Case((GAME, IO_WEIGHTS), [0.555, 0.98, 0.965], "the book's first game")],
        hidden=lambda rng: [
            Case((_vector(rng, 4), _matrix(rng, 2, 4)), label="4 inputs, 2 outputs"),
            Case((_vector(rng, 2), _matrix(rng, 5, 2)), label="2 inputs, 5 outputs"),
            Case((_vector(rng, 3), _matrix(rng, 3, 3)), label="3 inputs, 3 outputs"),
            Case((_vector(rng, 1), _matrix(rng, 1, 1)), label="1 input, 1 output"),
        ],
        mistakes=[
            TRANSPOSED.via(_column_sums),
            Mistake(
                "a square matrix assumed",
                "The matrix has one row per output and one column per input; they need not be equal in number.",
            ).via(_book_vect_mat_mul),
        ],
    ),
    Exercise(
        id="forward.stacked_network",
        function="stacked_network",
        returns="list",
        visible=[Case((GAME, [IH_WEIGHTS, HP_WEIGHTS]), [0.2135, 0.145, 0.5065], "the book's first game")],
        hidden=lambda rng: [
            Case((_vector(rng, 4), [_matrix(rng, 2, 4), _matrix(rng, 3, 2)]), label="4 inputs, 2 hidden, 3 outputs"),
            Case((_vector(rng, 2), [_matrix(rng, 5, 2), _matrix(rng, 1, 5)]), label="2 inputs, 5 hidden, 1 output"),
            Case((_vector(rng, 3), [_matrix(rng, 3, 3), _matrix(rng, 3, 3)]), label="3 inputs, 3 hidden, 3 outputs"),
        ],
        mistakes=[
            WRONG_ORDER.via(lambda input, weights: vect_mat_mul(vect_mat_mul(input, weights[1]), weights[0])),
            LAYER_SKIPPED.via(lambda input, weights: vect_mat_mul(input, weights[1])),
            LAYER_SKIPPED.via(lambda input, weights: vect_mat_mul(input, weights[0])),
        ],
    ),
    Exercise(
        id="forward.np_neural_network",
        function="np_neural_network",
        returns="number",
        visible=[Case((np.array(GAME), np.array([0.1, 0.2, 0])), 0.98, "the book's first game")],
        hidden=lambda rng: [
            Case((_array(rng, 5), _array(rng, 5)), label="five inputs"),
            Case((_array(rng, 2), _array(rng, 2)), label="two inputs"),
            Case((_array(rng, 1), _array(rng, 1)), label="one input"),
        ],
        mistakes=[ELEMENTWISE_NOT_DOT.via(lambda input, weights: input * weights)],
    ),
    Exercise(
        id="forward.np_stacked_network",
        function="np_stacked_network",
        returns="array",
        visible=[
            Case(
                (np.array(GAME), [np.array(IH_WEIGHTS).T, np.array(HP_WEIGHTS).T]),
                np.array([0.2135, 0.145, 0.5065]),
                "the book's first game",
            )
        ],
        hidden=lambda rng: [
            Case((_array(rng, 4), [_array(rng, 4, 2), _array(rng, 2, 3)]), label="4 inputs, 2 hidden, 3 outputs"),
            Case((_array(rng, 2), [_array(rng, 2, 5), _array(rng, 5, 1)]), label="2 inputs, 5 hidden, 1 output"),
            Case((_array(rng, 3), [_array(rng, 3, 3), _array(rng, 3, 3)]), label="3 inputs, 3 hidden, 3 outputs"),
        ],
        mistakes=[
            TRANSPOSED.via(lambda input, weights: weights[1].dot(weights[0].dot(input))),
            WRONG_ORDER.via(lambda input, weights: input.dot(weights[1]).dot(weights[0])),
            LAYER_SKIPPED.via(lambda input, weights: input.dot(weights[1])),
        ],
    ),
]
