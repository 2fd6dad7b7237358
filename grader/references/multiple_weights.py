"""The reference implementations of 03-multiple-weights: its solution notebook's answers.

Generated from solutions/03-multiple-weights/03-multiple-weights.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def w_sum(a, b):
    """The weighted sum (dot product) of two lists of numbers of the same length."""
    assert len(a) == len(b)
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output


def ele_mul(number, vector):
    """Multiply every entry of the list `vector` by `number`; return the results as a new list."""
    return [number * value for value in vector]


def multi_input_deltas(input, weights, true):
    """(pred, delta, weight_deltas) of the weighted-sum network `input` . `weights` for the target `true`."""
    pred = w_sum(input, weights)
    delta = pred - true
    weight_deltas = ele_mul(delta, input)
    return pred, delta, weight_deltas


def multi_input_step(input, weights, true, alpha):
    """The weights after one gradient-descent step on one example, as a new list."""
    pred, delta, weight_deltas = multi_input_deltas(input, weights, true)
    return [weight - alpha * weight_delta for weight, weight_delta in zip(weights, weight_deltas)]


def train_multi_input(input, weights, true, alpha, iterations):
    """(predictions at each iteration, final weights) of `iterations` gradient-descent steps on one example."""
    predictions = []
    for _ in range(iterations):
        predictions.append(w_sum(input, weights))
        weights = multi_input_step(input, weights, true, alpha)
    return predictions, list(weights)


def frozen_step(input, weights, true, alpha, frozen):
    """One gradient-descent step in which the weight at index `frozen` does not move; a new list."""
    pred, delta, weight_deltas = multi_input_deltas(input, weights, true)
    weight_deltas[frozen] = 0
    return [weight - alpha * weight_delta for weight, weight_delta in zip(weights, weight_deltas)]


def multi_output_step(input, weights, true, alpha):
    """One gradient-descent step of the one-input, many-output network; the new weights as a list."""
    pred = ele_mul(input, weights)
    delta = [p - t for p, t in zip(pred, true)]
    weight_deltas = ele_mul(input, delta)
    return [weight - alpha * weight_delta for weight, weight_delta in zip(weights, weight_deltas)]


def outer_prod(vec_a, vec_b):
    """The matrix (list of rows) whose entry [i][j] is vec_a[i] * vec_b[j]."""
    return [[a * b for b in vec_b] for a in vec_a]


def vect_mat_mul(vect, matrix):
    """One weighted sum of `vect` per row of `matrix`, returned as a list."""
    return [w_sum(vect, row) for row in matrix]


def multi_io_step(input, weights, true, alpha):
    """One gradient-descent step of the many-input, many-output network (weights: one row per output)."""
    pred = vect_mat_mul(input, weights)
    delta = [p - t for p, t in zip(pred, true)]
    weight_deltas = outer_prod(delta, input)
    return [[w - alpha * wd for w, wd in zip(row, delta_row)] for row, delta_row in zip(weights, weight_deltas)]


def np_multi_io_step(input, weights, true, alpha):
    """One gradient-descent step; weights has one row per input and one column per output."""
    delta = input.dot(weights) - true
    weight_deltas = input[:, None] * delta
    return weights - alpha * weight_deltas


def train(inputs, targets, weights, alpha, epochs):
    """(final weights, total squared error of each epoch) of `epochs` passes of one step per example."""
    errors = []
    for _ in range(epochs):
        total = 0.0
        for input, true in zip(inputs, targets):
            total += float(np.sum((input.dot(weights) - true) ** 2))
            weights = np_multi_io_step(input, weights, true, alpha)
        errors.append(total)
    return weights, errors
