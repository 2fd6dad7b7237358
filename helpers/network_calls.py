"""How checks call a network written as a class, and the stand-ins they run students' functions on.

The chain-rule lesson grades the methods of a student's ``Neural_Network`` class: a check builds the class,
gives it the case's weights and calls one method (``forward_of``, ``cost_of``, ``gradient_of``). Functions
that take a network or a cost are checked on stand-ins that are not the lesson's answers: a linear
two-layer network (``LinearNetwork``) and a few named costs (``TEST_COSTS``). A check's cases name a cost
rather than carry it, so that they stay plain data.

These run wherever the student's code runs (a notebook, or the grading sandbox), so they live here, apart
from the answer keys.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

# The sleep/study data: hours of sleep and of study the night before, and the test scores, scaled as in the lesson.
_HOURS = np.array(([3, 5], [5, 1], [10, 2]), dtype=float)
SLEEP_STUDY_X = _HOURS / np.amax(_HOURS, axis=0)
SLEEP_STUDY_Y = np.array(([75], [82], [93]), dtype=float) / 100  # the best possible score is 100


def network_with(cls, W1, W2):
    """An instance of ``cls`` holding float copies of ``W1`` and ``W2``.

    Creating it may draw random weights (the lesson's ``__init__`` does); the caller's random state is put
    back, so that a check changes nothing a later cell draws.
    """
    state = np.random.get_state()
    try:
        network = cls()
    finally:
        np.random.set_state(state)
    network.W1, network.W2 = np.array(W1, dtype=float), np.array(W2, dtype=float)
    return network


def forward_of(cls, W1, W2, X):
    return network_with(cls, W1, W2).forward(X)


def cost_of(cls, W1, W2, X, y):
    return network_with(cls, W1, W2).costFunction(X, y)


def gradient_of(cls, W1, W2, X, y):
    return network_with(cls, W1, W2).costFunctionPrime(X, y)


class LinearNetwork:
    """Two layers of weights and no activation function: ŷ = X W1 W2, with the cost ½ Σ (y − ŷ)²."""

    def __init__(self, W1, W2):
        self.W1, self.W2 = W1, W2

    def forward(self, X):
        self.a2 = X @ self.W1
        return self.a2 @ self.W2

    def costFunction(self, X, y):
        return 0.5 * float(np.sum((y - self.forward(X)) ** 2))

    def costFunctionPrime(self, X, y):
        delta3 = self.forward(X) - y
        return X.T @ (delta3 @ self.W2.T), self.a2.T @ delta3


def step_on_linear_network(step: Callable, W1, W2, X, y, scalar):
    """``(what step returned, N.W1 after, N.W2 after)`` for ``step(N, X, y, scalar)`` on a LinearNetwork N."""
    network = LinearNetwork(np.array(W1, dtype=float), np.array(W2, dtype=float))
    returned = step(network, X, y, scalar)
    return returned, network.W1, network.W2


def _tanh_network_cost(X, y):
    return lambda weights: 0.5 * float(np.sum((y - np.tanh(X @ weights[0]) @ weights[1]) ** 2))


_OTHER_X, _OTHER_Y = np.random.default_rng(7).uniform(0, 1, (2, 5, 3))
TEST_COSTS = {
    "½‖y − X W1 W2‖² of a linear network on the sleep/study data":
        lambda weights: LinearNetwork(*weights).costFunction(SLEEP_STUDY_X, SLEEP_STUDY_Y),
    "½‖y − tanh(X W1) W2‖² of a tanh network with 3 inputs and 3 outputs": _tanh_network_cost(_OTHER_X, _OTHER_Y),
    "a sum of squares": lambda weights: float(sum(np.sum(w**2) for w in weights)),
    "a cubic of two arrays": lambda weights: float(np.sum(weights[0] ** 3) - np.sum(weights[0][0]) * np.sum(weights[1])),
}  # fmt: skip


def numerical_gradient_of(function: Callable, cost_name: str, weights, epsilon: float):
    """``function(cost, weights, epsilon)`` for the cost called ``cost_name``, on float copies of ``weights``.

    Copies, because an entry put back as w + ε − 2ε + ε may differ from w in its last bit, harmlessly.
    """
    return function(TEST_COSTS[cost_name], [np.array(w, dtype=float) for w in weights], epsilon)
