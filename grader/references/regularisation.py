"""The reference implementations of 09-regularisation-and-batching: its solution notebook's answers.

Generated from solutions/09-regularisation-and-batching/09-regularisation-and-batching.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def relu(x):
    """x where x > 0, else 0, elementwise (lesson 5)."""
    return np.maximum(x, 0)


def relu2deriv(output):
    """The slope of relu at each entry, from relu's output: 1 where output > 0, else 0 (lesson 5)."""
    return output > 0


def forward(layer_0, weights_0_1, weights_1_2):
    """The hidden layer (after relu) and the outputs of a batch of images, one row per image."""
    layer_1 = relu(layer_0.dot(weights_0_1))
    layer_2 = layer_1.dot(weights_1_2)
    return layer_1, layer_2


def backward(layer_1, layer_2, labels, weights_1_2):
    """The deltas of the output and hidden layers: the way each should move, averaged over the batch."""
    layer_2_delta = (labels - layer_2) / len(labels)
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
    return layer_2_delta, layer_1_delta


def update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    """The weights after one step of gradient descent, as new arrays."""
    weights_0_1 = weights_0_1 + alpha * layer_0.T.dot(layer_1_delta)
    weights_1_2 = weights_1_2 + alpha * layer_1.T.dot(layer_2_delta)
    return weights_0_1, weights_1_2


def should_stop(accuracies, patience):
    """True when the best of `accuracies` is `patience` or more checkpoints old."""
    checkpoints_since_best = len(accuracies) - 1 - int(np.argmax(accuracies))
    return checkpoints_since_best >= patience


def apply_dropout(layer, dropout_mask):
    """The layer with the masked units switched off and the others doubled."""
    return layer * dropout_mask * 2


def dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """Predict with half the hidden units switched off, then learn from that prediction."""
    layer_1 = relu(layer_0.dot(weights_0_1))
    dropped = apply_dropout(layer_1, dropout_mask)
    layer_2 = dropped.dot(weights_1_2)
    layer_2_delta, layer_1_delta = backward(layer_1, layer_2, labels, weights_1_2)
    layer_1_delta = apply_dropout(layer_1_delta, dropout_mask)
    weights_0_1, weights_1_2 = update(weights_0_1, weights_1_2, layer_0, dropped, layer_1_delta, layer_2_delta, alpha)
    return layer_2, weights_0_1, weights_1_2
