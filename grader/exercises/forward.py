"""Lesson 01 · forward propagation: how a network turns inputs into predictions.

Visible cases are the lesson's own examples with the values the book prints; hidden cases use other sizes
(one input, more outputs than inputs), negative numbers and empty lists. The references are the solution
notebook's answers (:mod:`grader.references.forward`).
"""

import numpy as np

from grader import kit
from grader.catalogue import (
    ADDED,
    ELEMENTWISE_NOT_DOT,
    HARD_CODED_SIZE,
    LAYER_SKIPPED,
    TRANSPOSED,
    WRONG_ORDER,
    Mistake,
)
from grader.references import forward as answers
from grader.schema import Case, Exercise

# Data: the book's first game of the season (average toes, win/loss record, fans in millions) and its weights.
GAME = [8.5, 0.65, 1.2]
IH_WEIGHTS = [[0.1, 0.2, -0.1], [-0.1, 0.1, 0.9], [0.1, 0.4, 0.1]]  # one row per hidden unit
HP_WEIGHTS = [[0.3, 1.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]  # one row per prediction
IO_WEIGHTS = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]  # hurt?, win?, sad?


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def neural_network_cases(rng):
    return [
        Case((3.0, -0.5), label="a negative weight"),
        Case((0.0, 1.7), label="a zero input"),
        Case((7, 0.25), label="an integer input"),
        Case((kit.number(rng, -10, 10), kit.number(rng, -1, 1)), label="random input and weight"),
    ]


def w_sum_cases(rng):
    return [
        Case((kit.numbers(rng, 5), kit.numbers(rng, 5)), label="five inputs"),
        Case((kit.numbers(rng, 1), kit.numbers(rng, 1)), label="one input"),
        Case((kit.numbers(rng, 8), kit.numbers(rng, 8)), label="eight inputs"),
        Case(([], []), label="empty vectors"),
        Case(([2, -3, 4], [1, 2, 3]), label="integers"),
    ]


def ele_mul_cases(rng):
    return [
        Case((2.5, kit.numbers(rng, 5)), label="five outputs"),
        Case((-1.5, kit.numbers(rng, 1)), label="one output"),
        Case((0.3, kit.numbers(rng, 3)), label="three outputs"),
        Case((4, []), label="no outputs"),
    ]


def vect_mat_mul_cases(rng):
    return [
        Case((kit.numbers(rng, 4), kit.number_rows(rng, 2, 4)), label="4 inputs, 2 outputs"),
        Case((kit.numbers(rng, 2), kit.number_rows(rng, 5, 2)), label="2 inputs, 5 outputs"),
        Case((kit.numbers(rng, 3), kit.number_rows(rng, 3, 3)), label="3 inputs, 3 outputs"),
        Case((kit.numbers(rng, 1), kit.number_rows(rng, 1, 1)), label="1 input, 1 output"),
    ]


def stacked_network_cases(rng):
    def network(n_in, n_hidden, n_out):
        return kit.numbers(rng, n_in), [kit.number_rows(rng, n_hidden, n_in), kit.number_rows(rng, n_out, n_hidden)]

    return [
        Case(network(4, 2, 3), label="4 inputs, 2 hidden, 3 outputs"),
        Case(network(2, 5, 1), label="2 inputs, 5 hidden, 1 output"),
        Case(network(3, 3, 3), label="3 inputs, 3 hidden, 3 outputs"),
    ]


def np_neural_network_cases(rng):
    def inputs_and_weights(n):
        return kit.uniform(rng, n, low=-2, high=2, digits=2), kit.uniform(rng, n, low=-2, high=2, digits=2)

    return [
        Case(inputs_and_weights(5), label="five inputs"),
        Case(inputs_and_weights(2), label="two inputs"),
        Case(inputs_and_weights(1), label="one input"),
    ]


def np_stacked_network_cases(rng):
    def network(n_in, n_hidden, n_out):
        def array(*shape):
            return kit.uniform(rng, *shape, low=-2, high=2, digits=2)

        return array(n_in), [array(n_in, n_hidden), array(n_hidden, n_out)]

    return [
        Case(network(4, 2, 3), label="4 inputs, 2 hidden, 3 outputs"),
        Case(network(2, 5, 1), label="2 inputs, 5 hidden, 1 output"),
        Case(network(3, 3, 3), label="3 inputs, 3 hidden, 3 outputs"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature.

SUMS_MULTIPLIED = Mistake(
    "sums multiplied instead of products summed", "Multiply each input by its own weight, then add."
)
SQUARE_ASSUMED = Mistake(
    "a square matrix assumed",
    "The matrix has one row per output and one column per input; they need not be equal in number.",
)


def neural_network_added(input, weight):
    return input + weight


def w_sum_products_not_added(a, b):
    return [x * y for x, y in zip(a, b)]


def w_sum_sums_multiplied(a, b):
    return sum(a) * sum(b)


def ele_mul_as_in_the_book(number, vector):
    output = [0, 0, 0]
    assert len(output) == len(vector)
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output


def ele_mul_three_slots(number, vector):
    output = [0, 0, 0]
    for i in range(len(vector)):
        output[i] = number * vector[i]
    return output


def ele_mul_added(number, vector):
    return [number + value for value in vector]


def vect_mat_mul_by_columns(vect, matrix):
    return [sum(vect[i] * matrix[i][j] for i in range(len(vect))) for j in range(len(matrix[0]))]


def vect_mat_mul_as_in_the_book(vect, matrix):
    assert len(vect) == len(matrix)
    output = [0, 0, 0]
    for i in range(len(vect)):
        output[i] = answers.w_sum(vect, matrix[i])
    return output


def vect_mat_mul_as_in_the_book_without_its_assert(vect, matrix):
    output = [0, 0, 0]
    for i in range(len(vect)):
        output[i] = answers.w_sum(vect, matrix[i])
    return output


def stacked_network_layers_swapped(input, weights):
    return answers.vect_mat_mul(answers.vect_mat_mul(input, weights[1]), weights[0])


def stacked_network_first_layer_skipped(input, weights):
    return answers.vect_mat_mul(input, weights[1])


def stacked_network_second_layer_skipped(input, weights):
    return answers.vect_mat_mul(input, weights[0])


def np_neural_network_elementwise(input, weights):
    return input * weights


def np_stacked_network_from_the_left(input, weights):
    return weights[1].dot(weights[0].dot(input))


def np_stacked_network_layers_swapped(input, weights):
    return input.dot(weights[1]).dot(weights[0])


def np_stacked_network_first_layer_skipped(input, weights):
    return input.dot(weights[1])


# Exercises.

EXERCISES = [
    Exercise(
        id="forward.neural_network",
        function="neural_network",
        returns="number",
        visible=[Case((8.5, 0.1), 0.85, "the book's first game")],
        hidden=neural_network_cases,
        mistakes=[ADDED.via(neural_network_added)],
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
        hidden=w_sum_cases,
        mistakes=[ELEMENTWISE_NOT_DOT.via(w_sum_products_not_added), SUMS_MULTIPLIED.via(w_sum_sums_multiplied)],
    ),
    Exercise(
        id="forward.ele_mul",
        function="ele_mul",
        returns="list",
        visible=[Case((0.65, [0.3, 0.2, 0.9]), [0.195, 0.13, 0.585], "the book's win/loss record")],
        hidden=ele_mul_cases,
        mistakes=[
            HARD_CODED_SIZE.via(ele_mul_as_in_the_book),
            HARD_CODED_SIZE.via(ele_mul_three_slots),
            ADDED.via(ele_mul_added),
        ],
    ),
    Exercise(
        id="forward.vect_mat_mul",
        function="vect_mat_mul",
        returns="list",
        visible=[Case((GAME, IO_WEIGHTS), [0.555, 0.98, 0.965], "the book's first game")],
        hidden=vect_mat_mul_cases,
        mistakes=[
            TRANSPOSED.via(vect_mat_mul_by_columns),
            SQUARE_ASSUMED.via(vect_mat_mul_as_in_the_book),
            SQUARE_ASSUMED.via(vect_mat_mul_as_in_the_book_without_its_assert),
        ],
    ),
    Exercise(
        id="forward.stacked_network",
        function="stacked_network",
        returns="list",
        visible=[Case((GAME, [IH_WEIGHTS, HP_WEIGHTS]), [0.2135, 0.145, 0.5065], "the book's first game")],
        hidden=stacked_network_cases,
        mistakes=[
            WRONG_ORDER.via(stacked_network_layers_swapped),
            LAYER_SKIPPED.via(stacked_network_first_layer_skipped),
            LAYER_SKIPPED.via(stacked_network_second_layer_skipped),
        ],
    ),
    Exercise(
        id="forward.np_neural_network",
        function="np_neural_network",
        returns="number",
        visible=[Case((np.array(GAME), np.array([0.1, 0.2, 0])), 0.98, "the book's first game")],
        hidden=np_neural_network_cases,
        mistakes=[ELEMENTWISE_NOT_DOT.via(np_neural_network_elementwise)],
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
        hidden=np_stacked_network_cases,
        mistakes=[
            TRANSPOSED.via(np_stacked_network_from_the_left),
            WRONG_ORDER.via(np_stacked_network_layers_swapped),
            LAYER_SKIPPED.via(np_stacked_network_first_layer_skipped),
        ],
    ),
]
