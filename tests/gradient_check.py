"""The tests' own gradient checker: a trusted reference the lessons' backpropagation is tested against.

It answers the chain-rule lesson's exercises, so it lives with the tests and never ships to students.

``numerical_gradient(cost, weights)`` nudges every weight a little up and a little down and watches the
cost (central differences). ``relative_error(analytic, numeric)`` is ‖a − n‖ / ‖a + n‖.
``check_gradient(cost, weights, analytic)`` does both for every weight array and reports the relative
error of each, so a wrong gradient shows which array it is in::

    report = check_gradient(lambda w: net_cost(X, y, *w), [W1, W2], [dJdW1, dJdW2], names=["W1", "W2"])
    print(report)           # one line per array, ✓ or ✗
    assert report.passed
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

EPSILON = 1e-4
# Below this, analytic and numerical gradients agree as far as central differences can tell.
THRESHOLD = 1e-7


def numerical_gradient(
    cost: Callable[[list[np.ndarray]], float], weights: Sequence[np.ndarray], epsilon: float = EPSILON
) -> list[np.ndarray]:
    """The gradient of ``cost`` at ``weights``, one array per weight array, by central differences.

    ``weights`` is a list of float arrays and ``cost(weights)`` returns a number. Each entry in turn is
    set to w + ε and to w − ε, and its derivative estimated as (cost(w + ε) − cost(w − ε)) / 2ε. Entries
    are changed in place and restored exactly, so the arrays are as they were on return, even if ``cost``
    raises.
    """
    weights = list(weights)
    for index, array in enumerate(weights):
        if not isinstance(array, np.ndarray) or not np.issubdtype(array.dtype, np.floating):
            kind = f"an array of {array.dtype}" if isinstance(array, np.ndarray) else type(array).__name__
            raise TypeError(f"weights[{index}] must be a NumPy array of floats, got {kind}")
    gradients = []
    for array in weights:
        gradient = np.zeros_like(array)
        for position in np.ndindex(array.shape):
            original = array[position]
            try:
                array[position] = original + epsilon
                cost_up = _number(cost(weights))
                array[position] = original - epsilon
                cost_down = _number(cost(weights))
            finally:
                array[position] = original
            gradient[position] = (cost_up - cost_down) / (2 * epsilon)
        gradients.append(gradient)
    return gradients


def _number(value) -> float:
    array = np.asarray(value, dtype=float)
    if array.size != 1:
        raise ValueError(f"the cost must be a single number, got an array of shape {array.shape}")
    return float(array.reshape(()))


def relative_error(analytic, numeric) -> float:
    """‖a − n‖ / ‖a + n‖ over all entries: 0 when they agree, about 1 or more when they have nothing in common.

    Both zero gives 0; opposite gradients (a = −n ≠ 0) give infinity.
    """
    analytic, numeric = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
    if analytic.shape != numeric.shape:
        raise ValueError(f"cannot compare a gradient of shape {analytic.shape} with one of shape {numeric.shape}")
    difference, total = np.linalg.norm(analytic - numeric), np.linalg.norm(analytic + numeric)
    if total == 0:
        return 0.0 if difference == 0 else float("inf")
    return float(difference / total)


@dataclass(frozen=True)
class GradientCheck:
    """The relative error of each weight array's gradient, and of all of them together."""

    names: tuple[str, ...]
    errors: tuple[float, ...]
    overall: float
    threshold: float

    @property
    def passed(self) -> bool:
        return all(error < self.threshold for error in self.errors)

    def __str__(self) -> str:
        width = max(len(name) for name in self.names)
        lines = [f"gradient check (relative error ‖a − n‖ / ‖a + n‖, passes below {self.threshold:g}):"]
        for name, error in zip(self.names, self.errors):
            lines.append(f"  {name:<{width}}  {error:.2e}  {'✓' if error < self.threshold else '✗'}")
        lines.append(f"  {'all':<{width}}  {self.overall:.2e}")
        return "\n".join(lines)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def check_gradient(
    cost: Callable[[list[np.ndarray]], float],
    weights: Sequence[np.ndarray],
    analytic: Sequence[np.ndarray],
    *,
    names: Sequence[str] | None = None,
    epsilon: float = EPSILON,
    threshold: float = THRESHOLD,
) -> GradientCheck:
    """Compare ``analytic`` (one gradient array per weight array) with the numerical gradient of ``cost``."""
    if len(analytic) != len(weights):
        raise ValueError(f"{len(weights)} weight arrays but {len(analytic)} gradient arrays")
    names = tuple(names) if names is not None else tuple(f"weights[{i}]" for i in range(len(weights)))
    if len(names) != len(weights):
        raise ValueError(f"{len(weights)} weight arrays but {len(names)} names")
    numeric = numerical_gradient(cost, weights, epsilon)
    analytic = [np.asarray(gradient, dtype=float) for gradient in analytic]
    for name, gradient, weight in zip(names, analytic, weights):
        if gradient.shape != weight.shape:
            raise ValueError(f"the gradient for {name} has shape {gradient.shape}, its weights {weight.shape}")
    errors = tuple(relative_error(a, n) for a, n in zip(analytic, numeric))
    overall = relative_error(
        np.concatenate([a.ravel() for a in analytic]), np.concatenate([n.ravel() for n in numeric])
    )
    return GradientCheck(names, errors, overall, threshold)
