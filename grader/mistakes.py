"""Name the mistake behind a wrong answer.

Two kinds of recognition, tried in this order:

* An exercise declares its likely mistakes, each with a *fingerprint* per case: what a wrong implementation
  returned (or raised) on that case's inputs. When the student's output equals a fingerprint (or both raised
  the same type of exception), that mistake is named. Fingerprints are plain data, so a student's kernel can
  name mistakes without holding any wrong implementation.
* Some mistakes show in the output alone, whatever the exercise: ``None`` returned, a list where an array was
  expected, every sign flipped, a transposed matrix, a sum left out, an extra axis, everything off by one
  constant factor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from grader.attempt import Attempt, Raised
from grader.compare import as_array, close, difference


@dataclass(frozen=True)
class Mistake:
    """A mistake learners make: its name, a hint that says how to fix it, and (for the instructor) a wrong
    implementation that makes it. Only name and hint reach a student's machine."""

    name: str
    hint: str
    implementation: Callable | None = None

    def via(self, implementation: Callable) -> Mistake:
        """This mistake, recognised by comparing with ``implementation`` (a wrong version of the exercise)."""
        return replace(self, implementation=implementation)

    def hinted(self, hint: str) -> Mistake:
        """This mistake with the hint a lesson gives for it (the name stays the catalogue's)."""
        return replace(self, hint=hint)

    def explain(self) -> str:
        return f"This looks like: {self.name}. {self.hint}"


# Mistakes recognised from the output alone (and some that exercises also declare).
NO_RETURN = Mistake("nothing returned", "Your function returns None: did you forget `return`?")
LIST_NOT_ARRAY = Mistake(
    "a list instead of a NumPy array",
    "The numbers are right, but this exercise returns a NumPy array: use NumPy operations or wrap the result in "
    "np.array(...).",
)
ARRAY_NOT_LIST = Mistake(
    "a NumPy array instead of a list",
    "The numbers are right, but this exercise is about plain Python lists: build and return a list.",
)
SIGN_FLIPPED = Mistake("sign flipped", "Every value has the opposite sign: check the order of a subtraction.")
TRANSPOSED = Mistake(
    "transposed weights",
    "Rows and columns are swapped: check which axis of the weight matrix belongs to inputs and which to outputs.",
)
SUM_MISSING = Mistake(
    "sum missing",
    "You computed the products but did not add them up: a weighted sum multiplies *and* sums.",
)
EXTRA_AXIS = Mistake(
    "an extra axis",
    "The values are right but the array has an extra dimension of size 1: check reshape/np.newaxis or use a 1-D array.",
)
INPUT_CHANGED = Mistake(
    "an input was changed",
    "Your function modified a list or array it was given; build a new one for the result instead.",
)


SCALED = Mistake(
    "every value off by one constant factor",
    "The shape of your answer is right but it is scaled: look for a missing or extra multiplier.",
)


def scaled_by(factor: float) -> Mistake:
    return replace(SCALED, name=f"every value off by a factor of {factor:.4g}")


def matches(fingerprint: Attempt, output: Any, raised: Raised | None, expected: Any, rtol: float, atol: float) -> bool:
    """Whether the student's answer is what a wrong implementation did (its ``fingerprint``) on the same case."""
    if raised is not None or fingerprint.raised is not None:
        return raised is not None and fingerprint.raised is not None and raised.is_named(fingerprint.raised.name)
    return close(output, fingerprint.output, rtol, atol) and not close(fingerprint.output, expected, rtol, atol)


def _generic(output: Any, expected: Any, kind, rtol: float, atol: float, reveal: bool) -> Mistake | None:
    if output is None:
        return NO_RETURN
    if isinstance(kind, tuple):  # several returned values: the first wrong one tells
        if not isinstance(output, (tuple, list)) or len(output) != len(kind):
            return None
        wrong = [(o, e, k) for o, e, k in zip(output, expected, kind) if difference(o, e, k, rtol, atol)]
        return _generic(*wrong[0], rtol, atol, reveal) if wrong else None
    if kind == "array" and isinstance(output, (list, tuple)) and close(output, expected, rtol, atol):
        return LIST_NOT_ARRAY
    if kind == "list" and isinstance(output, np.ndarray) and close(output, expected, rtol, atol):
        return ARRAY_NOT_LIST
    out, exp = as_array(output), as_array(expected)
    if out is None or exp is None:
        return None
    squeezed = out.squeeze(), exp.squeeze()
    if (
        out.shape != exp.shape
        and squeezed[0].shape == squeezed[1].shape
        and np.allclose(*squeezed, rtol=rtol, atol=atol)
    ):
        return EXTRA_AXIS
    if out.shape == exp.shape and np.any(np.abs(exp) > atol) and np.allclose(out, -exp, rtol=rtol, atol=atol):
        return SIGN_FLIPPED
    if out.ndim == 2 and out.shape == exp.shape[::-1] and np.allclose(out.T, exp, rtol=rtol, atol=atol):
        return TRANSPOSED
    if out.size > exp.size and _sums_to(out, exp, rtol, atol):
        return SUM_MISSING
    if out.shape == exp.shape:
        factor = _constant_ratio(out, exp, rtol, atol)
        if factor is not None:
            return scaled_by(factor) if reveal else SCALED
    return None


def _sums_to(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    candidates = [out.sum()] + [out.sum(axis=axis) for axis in range(out.ndim)]
    return any(np.shape(total) == exp.shape and np.allclose(total, exp, rtol=rtol, atol=atol) for total in candidates)


def _constant_ratio(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> float | None:
    nonzero = np.abs(exp) > atol
    if not nonzero.any() or np.any(np.abs(out[~nonzero]) > atol):
        return None
    ratios = out[nonzero] / exp[nonzero]
    factor = float(ratios.flat[0])
    if np.isfinite(factor) and not np.isclose(factor, 1.0) and factor != 0 and np.allclose(ratios, factor, rtol=1e-6):
        return factor
    return None


def diagnose(
    mistakes: tuple[Mistake, ...],
    fingerprints: tuple[Attempt, ...],
    output: Any,
    raised: Raised | None,
    expected: Any,
    kind,
    rtol: float,
    atol: float,
    reveal: bool = True,
) -> Mistake | None:
    """The mistake that explains ``output`` (or ``raised``, the exception the student's code raised), if one does.

    ``fingerprints[i]`` is what the wrong implementation of ``mistakes[i]`` did on the same case. With
    ``reveal=False`` (hidden checks) no name carries a number derived from the expected value.
    """
    for mistake, fingerprint in zip(mistakes, fingerprints):
        if matches(fingerprint, output, raised, expected, rtol, atol):
            return mistake
    if raised is not None:
        return None
    return _generic(output, expected, kind, rtol, atol, reveal)
