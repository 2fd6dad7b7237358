"""How a check calls what a student wrote, when that is more than ``function(*case)``.

An exercise names its adapter (``call=cost_of``); a check runs ``adapter(student_object, *case)``. The same
adapter runs the reference and the wrong implementations when the instructor builds the checks, the student's
answer in a notebook, and the student's answer inside the grading sandbox, so all three are called alike.

* The chain-rule lesson grades the methods of a student's ``Neural_Network`` class (``forward_of``,
  ``cost_of``, ``gradient_of``). Functions that take a network or a cost are checked on stand-ins that are not
  the lesson's answers: a linear two-layer network (``LinearNetwork``) and a few named costs (``TEST_COSTS``).
  A case names a cost rather than carries it, so that it stays plain data.
* The embeddings lesson's training steps update their weights in place: ``run_step_on_copies``.
* The admissions lesson prepares a pandas DataFrame: ``call_prepare`` builds one from plain columns.

Nothing here is an answer to an exercise: this module ships to students with the checks.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np


def call_directly(function: Callable, *args):
    return function(*args)


def value_of(value):
    """How a check "calls" a prediction: it is the value the student assigned (``...`` until written)."""
    if value is Ellipsis:
        raise NotImplementedError("replace ... with your prediction")
    return value


def resolve_call(name: str | None) -> Callable:
    """The adapter called ``name`` in this module (None: call the function directly)."""
    if name is None:
        return call_directly
    adapter = getattr(sys.modules[__name__], name, None)
    if not callable(adapter) or getattr(adapter, "__module__", None) != __name__ or name.startswith("_"):
        raise LookupError(f"no call adapter {name!r} in {__name__}")
    return adapter


def adapter_name(adapter: Callable) -> str | None:
    """The name a check spec stores for ``adapter`` (which must be one of this module's)."""
    if adapter is call_directly:
        return None
    if getattr(adapter, "__module__", None) != __name__ or resolve_call(adapter.__name__) is not adapter:
        raise LookupError(f"{adapter!r} is not a call adapter of {__name__}")
    return adapter.__name__


# The chain-rule lesson: a network written as a class.

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
    "½‖y − X W1 W2‖² of a linear network on the sleep/study data": lambda weights: LinearNetwork(*weights).costFunction(
        SLEEP_STUDY_X, SLEEP_STUDY_Y
    ),
    "½‖y − tanh(X W1) W2‖² of a tanh network with 3 inputs and 3 outputs": _tanh_network_cost(_OTHER_X, _OTHER_Y),
    "a sum of squares": lambda weights: float(sum(np.sum(w**2) for w in weights)),
    "a cubic of two arrays": lambda weights: float(
        np.sum(weights[0] ** 3) - np.sum(weights[0][0]) * np.sum(weights[1])
    ),
}


class ParametersNotRestored(AssertionError):
    """A numerical gradient left the weights it nudged off in their last digits: put back by arithmetic."""


def numerical_gradient_of(function: Callable, cost_name: str, weights, epsilon: float):
    """``function(cost, weights, epsilon)`` for the cost called ``cost_name``, on float copies of ``weights``.

    The lesson asks for every nudged entry to be put back exactly (saved and assigned back). An entry put back
    by arithmetic, w + ε − 2ε + ε, may differ from w in its last digits: that raises
    :class:`ParametersNotRestored`. Weights left further off (not put back at all) show in the gradients.
    """
    given = [np.array(w, dtype=float) for w in weights]
    as_given = [w.copy() for w in given]
    gradients = function(TEST_COSTS[cost_name], given, epsilon)
    same_shapes = len(given) == len(as_given) and all(
        isinstance(w, np.ndarray) and w.shape == before.shape for w, before in zip(given, as_given)
    )
    if (
        same_shapes
        and any(not np.array_equal(w, before) for w, before in zip(given, as_given))
        and all(np.allclose(w, before, rtol=1e-9, atol=1e-12) for w, before in zip(given, as_given))
    ):
        raise ParametersNotRestored(
            "numerical_gradient left weights that differ from what they were in their last digits: "
            "w + ε − ε is not always w. Save each entry before nudging it and assign the saved value back."
        )
    return gradients


# The embeddings lesson: training steps that change their weights in place.


def run_step_on_copies(step: Callable, *args):
    """``(what step returned, weights_0_1 after, weights_1_2 after)`` for a step that updates weights in place.

    The step's last three arguments are ``weights_0_1, weights_1_2, alpha``; it runs on copies of both
    matrices, so the caller's arrays stay as they were.
    """
    *inputs, weights_0_1, weights_1_2, alpha = args
    weights_0_1, weights_1_2 = np.array(weights_0_1, dtype=float), np.array(weights_1_2, dtype=float)
    returned = step(*inputs, weights_0_1, weights_1_2, alpha)
    return returned, weights_0_1, weights_1_2


# The admissions lesson: preparing a pandas table.


class InputChanged(AssertionError):
    """A student's function changed an argument the call built for it (a DataFrame, say), which the lesson forbids."""


class NonNumericColumns(TypeError):
    """A prepared table holds columns that are not numbers (True/False dummies, text)."""


class IntegerColumnAssignment(TypeError):
    """pandas refused to write floats into an integer column through ``.loc[:, column] = ...``."""


def call_prepare(prepare, columns: dict, *seed):
    """How lesson 4's checks call a student's ``prepare_admissions``: on a fresh DataFrame built from ``columns``.

    Returns the four prepared tables as NumPy arrays; raises :class:`NonNumericColumns` when one holds booleans
    or text, and :class:`IntegerColumnAssignment` (with a one-line fix) for pandas' refusal to store floats in
    the integer column ``gre`` via ``.loc``.
    """
    import pandas as pd

    admissions = pd.DataFrame(columns)
    as_given = admissions.copy(deep=True)
    try:
        prepared = prepare(admissions, *seed)
    except TypeError as error:
        if "for dtype 'int64'" in str(error):
            raise IntegerColumnAssignment(
                "pandas cannot write floats into the integer column gre with .loc[:, field] = ...; "
                "replace the whole column instead: data[field] = ..."
            ) from None
        raise
    if not admissions.equals(as_given):
        raise InputChanged(
            "prepare_admissions changed the DataFrame it was given; build the prepared table as a new one "
            "(pd.concat, data.drop and data[field] = ... on a copy all leave the argument as it was)"
        )
    if not isinstance(prepared, tuple) or len(prepared) != 4:
        return prepared
    names = ("features", "targets", "features_test", "targets_test")
    return tuple(_as_numbers(table, name) for table, name in zip(prepared, names))


def _as_numbers(table, name: str):
    import pandas as pd

    if isinstance(table, pd.DataFrame):
        bad = [
            str(column)
            for column, dtype in table.dtypes.items()
            if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype)
        ]
        if bad:
            raise NonNumericColumns(
                f"{name} has columns that are not numbers: {', '.join(bad)} ({table[bad[0]].dtype})"
            )
        return table.to_numpy()
    if isinstance(table, pd.Series):
        table = table.to_numpy()
    if isinstance(table, np.ndarray) and table.dtype.kind not in "iuf":
        raise NonNumericColumns(f"{name} holds {table.dtype} values, not numbers")
    return table
