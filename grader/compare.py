"""Compare what a student's function returned with what was expected: type, then shape, then values."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

# What an exercise returns: "number", "list" (of numbers, possibly nested), "array" (NumPy),
# "shape" (a tuple of ints, compared exactly), "bool" (True or False), or a tuple of these for a
# function returning several values.
Kind = str | tuple


def is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def describe(value: Any) -> str:
    """A short phrase for the type and shape of ``value``, e.g. 'a list of 3 numbers'."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"a bool ({bool(value)})"
    if is_number(value):
        return "a number"
    if isinstance(value, np.ndarray):
        return "a NumPy number (0-d array)" if value.ndim == 0 else f"a NumPy array of shape {value.shape}"
    if isinstance(value, (list, tuple)):
        noun = type(value).__name__
        if all(is_number(item) for item in value):
            return f"a {noun} of {len(value)} number{'s' * (len(value) != 1)}"
        if all(isinstance(item, (list, tuple)) for item in value):
            return f"a {noun} of {len(value)} {noun}s"
        return f"a {noun} of {len(value)} items"
    return f"a {type(value).__name__}"


def _has_kind(value: Any, kind: str) -> bool:
    if kind == "number":
        return is_number(value) or (isinstance(value, np.ndarray) and value.ndim == 0)
    if kind == "list":
        return isinstance(value, list)
    if kind == "shape":
        return isinstance(value, tuple) and all(isinstance(n, (int, np.integer)) for n in value)
    if kind == "bool":
        return isinstance(value, (bool, np.bool_))
    return isinstance(value, np.ndarray)


_WANTED = {
    "number": "a number",
    "list": "a list",
    "array": "a NumPy array",
    "shape": "a shape (a tuple of ints)",
    "bool": "True or False",
}


def as_array(value: Any) -> np.ndarray | None:
    """``value`` as a float array, or None when it is not numeric (None, strings, ragged lists...)."""
    if value is None or isinstance(value, (str, bytes)):
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):  # not numbers, ragged, or an integer too large for a float
        return None
    return array


def close(output: Any, expected: Any, rtol: float, atol: float) -> bool:
    """Same shape and values within tolerance, whatever the container types (tuples compared item by item)."""
    out, exp = as_array(output), as_array(expected)
    if out is None or exp is None:
        both_sequences = isinstance(output, (list, tuple)) and isinstance(expected, (list, tuple))
        return (
            both_sequences
            and len(output) == len(expected)
            and all(close(o, e, rtol, atol) for o, e in zip(output, expected))
        )
    if out.shape != exp.shape:
        return False
    return bool(
        np.all(np.isfinite(out) == np.isfinite(exp)) and np.allclose(out, exp, rtol=rtol, atol=atol, equal_nan=True)
    )


def kind_of(value: Any) -> str:
    """Only the type of ``value`` ('a list', 'a NumPy array'): what a hidden check may say of an answer."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return "a bool"
    if is_number(value):
        return "a number"
    if isinstance(value, np.ndarray):
        return "a NumPy array"
    return f"a {type(value).__name__}" if isinstance(value, (list, tuple, dict, str)) else "another type of value"


def difference(output: Any, expected: Any, kind: Kind, rtol: float, atol: float, reveal: bool = True) -> str | None:
    """None when ``output`` matches; otherwise what is wrong with it first (type, shape or values).

    With ``reveal=False`` (hidden checks) the answer names types only: no shape, length or value of the expected
    value (which would give it away) or of the student's output (which could carry a hidden input out).
    """
    describe_output = describe if reveal else kind_of
    if isinstance(kind, tuple):
        if not isinstance(output, (tuple, list)) or len(output) != len(kind):
            return f"expected {len(kind)} returned values (return a, b, ...), got {describe_output(output)}"
        for index, (item, wanted, item_kind) in enumerate(zip(output, expected, kind)):
            problem = difference(item, wanted, item_kind, rtol, atol, reveal)
            if problem:
                return f"returned value {index + 1} of {len(kind)}: {problem}"
        return None
    if not _has_kind(output, kind):
        return f"expected {_WANTED[kind]}, got {describe_output(output)}"
    if kind == "shape":
        if tuple(output) == tuple(expected):
            return None
        return f"expected {tuple(expected)}, got {tuple(output)}" if reveal else "wrong shape"
    if kind == "bool":
        if bool(output) == bool(expected):
            return None
        return f"expected {bool(expected)}, got {bool(output)}" if reveal else "wrong value"
    out, exp = as_array(output), as_array(expected)
    if out is None:
        return f"expected numbers, got {describe_output(output)}"
    if out.shape != exp.shape:
        return f"expected shape {exp.shape}, got shape {out.shape}" if reveal else "wrong shape"
    if not close(out, exp, rtol, atol):
        where = f": {_where_values_differ(out, exp, rtol, atol)}" if reveal else ""
        return f"wrong values{where} (tolerance: rtol={rtol:g}, atol={atol:g})"
    return None


def _where_values_differ(out: np.ndarray, exp: np.ndarray, rtol: float, atol: float) -> str:
    """Which entries of ``out`` differ from ``exp`` (arrays of one shape), and by how much."""
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(out, exp, rtol=rtol, atol=atol, equal_nan=True) | (np.isfinite(out) != np.isfinite(exp))
        gaps = np.where(wrong, np.abs(out - exp), -np.inf)
    if out.ndim == 0:
        return f"got − expected = {float(out - exp):.4g}" if np.isfinite(out - exp) else f"{float(out):g} returned"
    worst = np.unravel_index(int(np.nanargmax(np.nan_to_num(gaps, nan=np.inf))), out.shape)
    index = worst[0] if len(worst) == 1 else tuple(int(i) for i in worst)
    gap = out[worst] - exp[worst]
    by = f"got − expected = {gap:.4g}" if np.isfinite(gap) else f"{out[worst]:g} instead of {exp[worst]:.4g}"
    return f"{int(wrong.sum())} of {out.size} entries differ, the most at index {index}: {by}"


def show(value: Any, limit: int = 300) -> str:
    """One-line ``repr`` of a value, floats rounded as the lesson text prints them, cut short if long."""
    try:
        text = _text(value)
    except Exception:  # noqa: BLE001 - a returned object's repr may fail (an integer of 5,000 digits, say)
        text = f"<{type(value).__name__} that cannot be shown>"
    return text if len(text) <= limit else text[: limit - 5] + " ..."


def _text(value: Any) -> str:
    if isinstance(value, np.ndarray):
        rows = np.array2string(value, precision=8, separator=", ", threshold=20)
        return "array(" + " ".join(rows.split()) + ")"
    if isinstance(value, float):
        return repr(float(f"{value:.12g}"))  # 0.9800000000000001 reads 0.98
    if isinstance(value, list):
        return "[" + ", ".join(map(_text, value)) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(_text, value)) + ("," if len(value) == 1 else "") + ")"
    return repr(value)
