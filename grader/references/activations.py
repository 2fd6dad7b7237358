"""The reference implementations of 10-activation-functions: its solution notebook's answers.

Generated from solutions/10-activation-functions/10-activation-functions.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def sigmoid(x):
    """1 / (1 + e^(−x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def sigmoid2deriv(output):
    """The slope of sigmoid, from its output."""
    return output * (1 - output)


def tanh(x):
    """The hyperbolic tangent, elementwise."""
    return np.tanh(x)


def tanh2deriv(output):
    """The slope of tanh, from its output."""
    return 1 - output ** 2


def relu(x):
    """x where x > 0, 0 elsewhere."""
    return (x > 0) * x


def relu2deriv(output):
    """The slope of relu, from its output: 1 where the unit is on, 0 where it is off."""
    return output > 0


# One of "rises", "stays the same", "falls".
relu_off_share_as_weights_grow = "stays the same"


def softmax(x):
    """Each row of x turned into probabilities that add up to 1."""
    exponentials = np.exp(x - x.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def softmax_delta(labels, prediction):
    """The output delta of softmax with cross-entropy, averaged over the batch."""
    return (labels - prediction) / len(labels)


def tanh_softmax_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """Predict a batch with a dropped-out tanh layer and a softmax output, then learn from it."""
    layer_1 = tanh(layer_0.dot(weights_0_1))
    dropped = layer_1 * dropout_mask * 2
    layer_2 = softmax(dropped.dot(weights_1_2))
    layer_2_delta = softmax_delta(labels, layer_2)
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * tanh2deriv(layer_1) * dropout_mask * 2
    weights_1_2 = weights_1_2 + alpha * dropped.T.dot(layer_2_delta)
    weights_0_1 = weights_0_1 + alpha * layer_0.T.dot(layer_1_delta)
    return layer_2, weights_0_1, weights_1_2
