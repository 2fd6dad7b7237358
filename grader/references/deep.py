"""The reference implementations of 05-first-deep-network: its solution notebook's answers.

Generated from solutions/05-first-deep-network/05-first-deep-network.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def gradient_step(weights, input, goal_prediction, alpha):
    """One step of gradient descent on one example; return (new weights, error before the step)."""
    prediction = input.dot(weights)
    error = (goal_prediction - prediction) ** 2
    delta = prediction - goal_prediction
    new_weights = weights - alpha * (input * delta)
    return new_weights, error


def stochastic_epoch(weights, streetlights, walk_vs_stop, alpha):
    """One pass of stochastic gradient descent; return (new weights, total error of the pass)."""
    error_for_all_lights = 0
    for row_index in range(len(walk_vs_stop)):
        weights, error = gradient_step(weights, streetlights[row_index], walk_vs_stop[row_index], alpha)
        error_for_all_lights += error
    return weights, error_for_all_lights


def batch_epoch(weights, streetlights, walk_vs_stop, alpha, batch_size):
    """One pass of batch gradient descent; return (new weights, total error of the pass)."""
    error_for_all_lights = 0
    for start in range(0, len(streetlights), batch_size):
        inputs = streetlights[start:start + batch_size]
        goals = walk_vs_stop[start:start + batch_size]
        predictions = inputs.dot(weights)
        error_for_all_lights += np.sum((goals - predictions) ** 2)
        deltas = predictions - goals
        weight_delta = inputs.T.dot(deltas) / len(inputs)
        weights = weights - alpha * weight_delta
    return weights, error_for_all_lights


def relu(x):
    """x where x > 0, else 0, elementwise."""
    return np.maximum(x, 0)


def relu2deriv(output):
    """The slope of relu at each entry, from relu's output: 1 where output > 0, else 0."""
    return output > 0


def forward(layer_0, weights_0_1, weights_1_2):
    """Hidden layer relu(layer_0 . weights_0_1) and prediction layer_1 . weights_1_2; return (layer_1, layer_2)."""
    layer_1 = relu(np.dot(layer_0, weights_0_1))
    layer_2 = np.dot(layer_1, weights_1_2)
    return layer_1, layer_2


def layer_deltas(layer_1, layer_2, goal, weights_1_2):
    """Output delta layer_2 - goal, and hidden delta (layer_2_delta . weights_1_2.T) * relu2deriv(layer_1)."""
    layer_2_delta = layer_2 - goal
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
    return layer_2_delta, layer_1_delta


def update_weights(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    """One gradient descent step on both weight matrices; return (new weights_0_1, new weights_1_2)."""
    new_weights_0_1 = weights_0_1 - alpha * layer_0.T.dot(layer_1_delta)
    new_weights_1_2 = weights_1_2 - alpha * layer_1.T.dot(layer_2_delta)
    return new_weights_0_1, new_weights_1_2


def train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    """Train the three-layer network; return (weights_0_1, weights_1_2, list of total errors per pass)."""
    np.random.seed(seed)
    weights_0_1 = 2 * np.random.random((streetlights.shape[1], hidden_size)) - 1
    weights_1_2 = 2 * np.random.random((hidden_size, walk_vs_stop.shape[1])) - 1
    errors = []
    for iteration in range(iterations):
        layer_2_error = 0
        for i in range(len(streetlights)):
            layer_0, goal = streetlights[i:i + 1], walk_vs_stop[i:i + 1]
            layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2)
            layer_2_error += np.sum((layer_2 - goal) ** 2)
            layer_2_delta, layer_1_delta = layer_deltas(layer_1, layer_2, goal, weights_1_2)
            weights_0_1, weights_1_2 = update_weights(
                weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha
            )
        errors.append(layer_2_error)
    return weights_0_1, weights_1_2, errors


# One of "no seed", "some seeds", "every seed".
one_hidden_unit_solves = "no seed"


# One of "no seed", "some seeds", "every seed".
eight_hidden_units_solve = "some seeds"
