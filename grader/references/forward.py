"""The reference implementations of 01-forward-propagation: its solution notebook's answers.

Generated from solutions/01-forward-propagation/01-forward-propagation.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


def neural_network(input, weight):
    """Predict from a single number `input` with a single number `weight`."""
    prediction = input * weight
    return prediction


def w_sum(a, b):
    """The dot product of two lists of numbers of the same length."""
    assert len(a) == len(b), "w_sum needs two lists of the same length"
    output = 0
    for i in range(len(a)):
        output += a[i] * b[i]
    return output


def ele_mul(number, vector):
    """Multiply every entry of the list `vector` by `number`; return the results as a new list."""
    output = []
    for value in vector:
        output.append(number * value)
    return output


def vect_mat_mul(vect, matrix):
    """One weighted sum of `vect` per row of `matrix`, returned as a list."""
    output = []
    for row in matrix:
        output.append(w_sum(vect, row))
    return output


def stacked_network(input, weights):
    """Feed `input` through `weights[0]` to a hidden layer, then through `weights[1]` to the predictions."""
    hidden = vect_mat_mul(input, weights[0])
    prediction = vect_mat_mul(hidden, weights[1])
    return prediction


def np_neural_network(input, weights):
    """Weighted sum of the 1-D arrays `input` and `weights`."""
    return input.dot(weights)


def np_stacked_network(input, weights):
    """Two layers: `input` (n_in,) . weights[0] (n_in, n_hidden) . weights[1] (n_hidden, n_out)."""
    hidden = input.dot(weights[0])
    prediction = hidden.dot(weights[1])
    return prediction
