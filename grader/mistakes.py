"""Name the mistake behind a wrong answer.

Two kinds of recognition, tried in this order:

* An exercise declares its likely mistakes, each with a *fingerprint* per case: what a wrong implementation
  returned (or raised) on that case's inputs. A mistake is named when the student's code did what its
  fingerprints say on every failing case, and the cases tell it apart from the right answer and from the other
  mistakes. Fingerprints are plain data, so a student's kernel can name mistakes without holding any wrong
  implementation.
* Some mistakes show in the output alone, whatever the exercise: ``None`` returned, a list where an array was
  expected, values returned in another order, a transposed matrix, an axis added, missing or moved, a sum left
  out, nan or inf from an overflow, every value off by one constant factor (or its sign). Each claims something
  precise and is named only when that holds on every failing case and no passing case contradicts it.

Nothing is named on weaker evidence: a wrong name sends a student to fix code that is fine.
"""

from __future__ import annotations

import itertools
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
    "Your function changed a list, array or DataFrame it was given; leave its arguments as they were and build the "
    "result in a new one (copy first if you must change it).",
)


SCALED = Mistake(
    "every value off by one constant factor",
    "The shape of your answer is right but every value is scaled by the same number: look for a missing or extra "
    "multiplier.",
)
MISSING_AXIS = Mistake(
    "an axis missing",
    "The values are right but the array lacks a dimension of size 1: keep it (keepdims=True in a sum or max, "
    "or x[:, None] for a column) so the result has the shape the exercise asks for.",
)
AXES_MOVED = Mistake(
    "axes in the wrong order",
    "The values are right but the dimensions are in another order: check which axis each dimension belongs to "
    "(np.transpose, or the order of the operands of a product).",
)
RESULT_TRANSPOSED = Mistake(
    "rows and columns swapped",
    "Your result is the expected one transposed: check the order of the operands of a product (a.dot(b) is not "
    "b.dot(a)) and which axis of each matrix belongs to what.",
)
OVERFLOW = Mistake(
    "overflow on large inputs",
    "Your answer is right except where it is nan or inf: on large inputs an intermediate value overflowed "
    "(np.exp(1000) is inf, and inf / inf is nan) or rounded to 0 before a division. Rearrange the formula so that "
    "no exponent grows large.",
)
TUPLE_ORDER = Mistake(
    "returned values in the wrong order",
    "Every value you return is right, but in another place: return them in the order the exercise's docstring "
    "lists them.",
)


def scaled_by(factor: float) -> Mistake:
    return replace(SCALED, name=f"every value off by a factor of {factor:.4g}")


# How a declared mistake's fingerprint relates to what the student's code did on one case.
CONTRADICTS, AGREES, SAME_EXCEPTION_TYPE = "contradicts", "agrees", "same exception type"


def agreement(fingerprint: Attempt, tried: Attempt, rtol: float, atol: float) -> str:
    """Whether the student's attempt on a case is what a wrong implementation did there (its ``fingerprint``).

    Two exceptions agree when their type and message are the same (a shape error from the same operation on the
    same inputs); the same type alone (any shape ``ValueError``) proves nothing, and contradicts nothing either.
    """
    if fingerprint.raised is None and tried.raised is None:
        return AGREES if close(tried.output, fingerprint.output, rtol, atol) else CONTRADICTS
    if fingerprint.raised is None or tried.raised is None or not tried.raised.is_named(fingerprint.raised.name):
        return CONTRADICTS
    return AGREES if tried.raised.message == fingerprint.raised.message else SAME_EXCEPTION_TYPE


def _right(fingerprint: Attempt, expected: Any, rtol: float, atol: float) -> bool:
    return fingerprint.raised is None and close(fingerprint.output, expected, rtol, atol)


def _declared(
    mistakes: tuple[Mistake, ...],
    fingerprints: list[tuple[Attempt, ...]],
    expected: list[Any],
    attempts: list[Attempt],
    failing: list[int],
    kind,
    rtol: float,
    atol: float,
) -> tuple[Mistake | None, bool]:
    """(the declared mistake the evidence proves, whether some declared mistake explains part of it).

    A mistake is proven when its wrong implementation did what the student's code did on every failing case
    (none contradicts), and where it is wrong: a case on which only the type of an exception agrees proves
    nothing. Where the student's code is right, the wrong implementation may be wrong in more ways. When
    mistakes of different names are consistent with the evidence, the one that the other cases (an exception's
    message, the cases the student's code gets right) also agree with is named, if there is one; otherwise the
    cases do not tell them apart and none is named. A wrong True or False is the only wrong answer there is, so
    for those the wrong implementation must also be right wherever the student's code is.
    """
    passing = [n for n in range(len(attempts)) if n not in failing]
    consistent, partial = {}, False
    for number, mistake in enumerate(mistakes):
        outcomes = [
            (
                agreement(fingerprints[n][number], attempts[n], rtol, atol),
                _right(fingerprints[n][number], expected[n], rtol, atol),
            )
            for n in failing
        ]
        proving = sum(outcome == AGREES and not right for outcome, right in outcomes)
        partial = partial or proving > 0
        if proving and all(outcome != CONTRADICTS for outcome, _ in outcomes):
            weak = sum(outcome == SAME_EXCEPTION_TYPE for outcome, _ in outcomes)
            wrong_where_right = sum(not _right(fingerprints[n][number], expected[n], rtol, atol) for n in passing)
            if kind == "bool" and wrong_where_right:
                continue
            consistent.setdefault(mistake.name, ((weak, wrong_where_right), mistake))
    if not consistent:
        return None, partial
    fewest = min(against for against, _ in consistent.values())
    best = [mistake for against, mistake in consistent.values() if against == fewest]
    return (best[0] if len(best) == 1 else None), True


def explain(
    mistakes: tuple[Mistake, ...],
    fingerprints: list[tuple[Attempt, ...]],
    expected: list[Any],
    attempts: list[Attempt],
    kind,
    rtol: float,
    atol: float,
    reveal: bool = True,
    inputs: list[tuple] | None = None,
) -> Mistake | None:
    """The one mistake that all the evidence proves, or None: ``attempts[i]`` is what the student's code did on
    case ``i``, ``expected[i]`` its right answer, ``fingerprints[i][j]`` what the wrong implementation of
    ``mistakes[j]`` did there, and ``inputs[i]`` the case's arguments (without them, no overflow is proven).

    Declared mistakes come first. A mistake recognised from the output alone must hold on every failing case and
    (where it claims something of every value) contradict no passing one; it is not named when a declared
    mistake explains part of the evidence. With ``reveal=False`` (hidden checks) no name carries a number derived
    from the expected values.
    """
    if any(tried.changed_input if tried.raised is None else tried.raised.name == "InputChanged" for tried in attempts):
        return INPUT_CHANGED
    failing = [
        number
        for number, (tried, exp) in enumerate(zip(attempts, expected))
        if tried.raised is not None or difference(tried.output, exp, kind, rtol, atol) is not None
    ]
    proven, partial = _declared(mistakes, fingerprints, expected, attempts, failing, kind, rtol, atol)
    if proven is not None or partial:
        return proven
    if any(attempts[number].raised is None and attempts[number].output is None for number in failing):
        return NO_RETURN
    if not failing or any(attempts[number].raised is not None for number in failing):
        return None
    outputs = [tried.output for tried in attempts]
    large = [inputs is not None and _largest_magnitude(inputs[n]) >= LARGE for n in range(len(attempts))]
    return _from_outputs(outputs, expected, failing, kind, rtol, atol, reveal, large)


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
    """:func:`explain` on the evidence of one case alone."""
    return explain(mistakes, [fingerprints], [expected], [Attempt(output, raised)], kind, rtol, atol, reveal)


def _from_outputs(outputs, expected, failing, kind, rtol, atol, reveal, large) -> Mistake | None:
    """The mistake the outputs alone prove: ``failing`` are the numbers of the cases whose output is wrong."""
    if not isinstance(kind, tuple):
        return _from_values(outputs, expected, failing, kind, rtol, atol, reveal, large)
    if any(not isinstance(outputs[n], (tuple, list)) or len(outputs[n]) != len(kind) for n in failing):
        return None
    if _in_another_order(outputs, expected, failing, rtol, atol):
        return TUPLE_ORDER
    wrong_positions = {
        position
        for n in failing
        for position, item_kind in enumerate(kind)
        if difference(outputs[n][position], expected[n][position], item_kind, rtol, atol) is not None
    }
    names = set()
    for position in sorted(wrong_positions):
        items = [output[position] if isinstance(output, (tuple, list)) else None for output in outputs]
        wanted = [exp[position] for exp in expected]
        item_kind = kind[position]
        item_failing = [n for n in failing if difference(items[n], wanted[n], item_kind, rtol, atol) is not None]
        found = _from_values(items, wanted, item_failing, item_kind, rtol, atol, reveal, large)
        if found is None:
            return None
        names.add(found)
    return names.pop() if len(names) == 1 else None


def _in_another_order(outputs, expected, failing, rtol, atol) -> bool:
    """Whether one reordering of the returned values gives the expected ones on every case (failing cases
    differ from the expected order, so the reordering is not the identity)."""
    size = len(expected[failing[0]])
    usable = [n for n, output in enumerate(outputs) if isinstance(output, (tuple, list)) and len(output) == size]
    if set(failing) - set(usable):
        return False
    for order in itertools.permutations(range(size)):
        if order == tuple(range(size)):
            continue
        if all(close(outputs[n][i], expected[n][order[i]], rtol, atol) for n in usable for i in range(size)):
            return True
    return False


def _from_values(outputs, expected, failing, kind, rtol, atol, reveal, large) -> Mistake | None:
    """A mistake proven by single returned values (not tuples) on every failing case; ``large[n]``: whether case
    ``n`` has an input of a magnitude that can overflow an intermediate value."""
    if all(outputs[n] is None for n in failing):
        return NO_RETURN
    if kind == "array" and all(
        isinstance(outputs[n], (list, tuple)) and close(outputs[n], expected[n], rtol, atol) for n in failing
    ):
        return LIST_NOT_ARRAY
    if kind == "list" and all(
        isinstance(outputs[n], np.ndarray) and close(outputs[n], expected[n], rtol, atol) for n in failing
    ):
        return ARRAY_NOT_LIST
    if kind in ("shape", "bool"):
        return None
    arrays = [(as_array(output), as_array(exp)) for output, exp in zip(outputs, expected)]
    if any(arrays[n][0] is None or arrays[n][1] is None for n in failing):
        return None
    wrong = [arrays[n] for n in failing]
    for claim, mistake in (
        (_extra_axis, EXTRA_AXIS),
        (_missing_axis, MISSING_AXIS),
        (_transposed, RESULT_TRANSPOSED),
        (_axes_moved, AXES_MOVED),
        (_sums_to, SUM_MISSING),
    ):
        if all(claim(out, exp, rtol, atol) for out, exp in wrong):
            return mistake
    if all(large[n] and _overflowed(*arrays[n], rtol, atol) for n in failing):
        return OVERFLOW
    comparable = [pair for pair in arrays if pair[0] is not None and pair[1] is not None]
    factor = _constant_factor(comparable, wrong, atol)
    if factor is None:
        return None
    if np.isclose(factor, -1.0, rtol=1e-9, atol=0):
        return SIGN_FLIPPED
    return scaled_by(factor) if reveal else SCALED


def _without(array: np.ndarray, axis: int) -> np.ndarray | None:
    return np.squeeze(array, axis) if array.shape[axis] == 1 else None


def _extra_axis(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    """``out`` has exactly one more dimension, of size 1, whose removal gives the expected values."""
    if out.ndim != exp.ndim + 1:
        return False
    removed = (_without(out, axis) for axis in range(out.ndim))
    return any(r is not None and r.shape == exp.shape and close(r, exp, rtol, atol) for r in removed)


def _missing_axis(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    """``out`` lacks exactly one dimension of size 1 of the expected values, which it holds otherwise."""
    return _extra_axis(exp, out, rtol, atol)


def _transposed(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    return out.ndim == 2 and out.shape[::-1] == exp.shape and close(out.T, exp, rtol, atol)


def _axes_moved(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    """``out`` holds the expected values with its dimensions in another order (three dimensions or more), and
    dimensions longer than 1 changed places (a dimension of size 1 moved elsewhere is a reshape, not this)."""
    if out.ndim < 3 or out.ndim != exp.ndim or sorted(out.shape) != sorted(exp.shape):
        return False
    return any(
        [axis for axis in order if out.shape[axis] > 1] != [axis for axis in range(out.ndim) if out.shape[axis] > 1]
        and out.transpose(order).shape == exp.shape
        and close(out.transpose(order), exp, rtol, atol)
        for order in itertools.permutations(range(out.ndim))
    )


def _sums_to(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    """``out`` holds more values than expected, and adding them up (all, or along one axis) gives the expected ones."""
    if out.size <= exp.size:
        return False
    candidates = [out.sum()] + [out.sum(axis=axis) for axis in range(out.ndim)]
    return any(np.shape(total) == exp.shape and close(total, exp, rtol, atol) for total in candidates)


# An input this large can overflow an intermediate value (np.exp(710) is inf); nan or inf from smaller inputs
# comes from something else (a division by a mask's zeros, say).
LARGE = 100.0


def _largest_magnitude(value: Any) -> float:
    """The largest finite magnitude among the numbers in ``value`` (arguments, lists, arrays, dicts), or 0."""
    if isinstance(value, dict):
        return max(map(_largest_magnitude, value.values()), default=0.0)
    array = as_array(value)
    if array is None:
        if isinstance(value, (list, tuple)):
            return max(map(_largest_magnitude, value), default=0.0)
        return 0.0
    finite = np.abs(array[np.isfinite(array)])
    return float(finite.max()) if finite.size else 0.0


def _overflowed(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> bool:
    """``out`` is nan or infinite where the expected values are finite, and right everywhere else."""
    if out.shape != exp.shape:
        return False
    blown = ~np.isfinite(out) & np.isfinite(exp)
    return bool(blown.any()) and close(out[~blown], exp[~blown], rtol, atol)


def _constant_factor(everything, wrong, atol: float) -> float | None:
    """The factor every output is off by, when it is proven: on every case (passing ones too) the output is the
    expected value times one number, shown by two expected values or more that are not zero (one value is off by
    some factor, whatever went wrong)."""
    if any(out.shape != exp.shape for out, exp in wrong):
        return None
    ratios = []
    for out, exp in everything:
        if out.shape != exp.shape:
            continue
        nonzero = np.abs(exp) > atol
        if np.any(np.abs(out[~nonzero]) > atol):
            return None
        ratios.extend((out[nonzero] / exp[nonzero]).ravel())
    if len(ratios) < 2:
        return None
    factor = float(ratios[0])
    if not np.isfinite(factor) or factor == 0 or np.isclose(factor, 1.0) or not np.allclose(ratios, factor, rtol=1e-6):
        return None
    return factor
