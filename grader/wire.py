"""Plain data across the boundary between a student's process and the grader.

Only numbers (NumPy's numeric scalars keep their type), strings, None, lists, tuples, dicts with string keys
and numeric NumPy arrays cross it; anything else becomes a description of its type. Decoding builds nothing
but those types, checks sizes and depth, and so cannot run code or exhaust memory: what a student's process
wrote is data, never trusted.
"""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np

MAX_DEPTH = 20
MAX_ELEMENTS = 5_000_000
_NUMERIC_KINDS = "biuf"


class WireError(ValueError):
    """Data that does not follow the format (or exceeds its limits)."""


def encode(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON-ready plain data."""
    if depth > MAX_DEPTH:
        return {"t": "other", "type": "too deeply nested"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.generic) and value.dtype.kind in _NUMERIC_KINDS:
        # np.float64(0.5) stays a np.float64: messages show values as the student's kernel would.
        data = np.asarray(value, dtype=value.dtype.newbyteorder("<"))
        return {"t": "scalar", "dtype": data.dtype.str, "data": base64.b64encode(data.tobytes()).decode()}
    if isinstance(value, int):
        return {"t": "int", "v": str(int(value))}
    if isinstance(value, float):
        return float(value)  # a JSON number: Python writes and reads it back exactly (nan and inf included)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _NUMERIC_KINDS:
            return {"t": "other", "type": f"numpy.ndarray of {value.dtype}"}
        data = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<"))
        return {
            "t": "array",
            "dtype": data.dtype.str,
            "shape": list(data.shape),
            "data": base64.b64encode(data.tobytes()).decode(),
        }
    if isinstance(value, (list, tuple)):
        return {"t": type(value).__name__, "items": [encode(item, depth + 1) for item in value]}
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"t": "dict", "items": {key: encode(item, depth + 1) for key, item in value.items()}}
    return {"t": "other", "type": type(value).__name__}


class Opaque:
    """Stands for a value of a type that does not cross the wire (a function, a generator, ...)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __repr__(self) -> str:
        return f"<{self.type_name}>"


def decode(data: Any, depth: int = 0, budget: list[int] | None = None) -> Any:
    """The value ``encode`` described; WireError when ``data`` is malformed or too large."""
    budget = [MAX_ELEMENTS] if budget is None else budget
    if depth > MAX_DEPTH + 1:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, str, float)):
        return data
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise WireError(f"unexpected {type(data).__name__}")
    kind = data["t"]
    if kind == "int":
        text = str(data.get("v", ""))
        if len(text) > 400:
            raise WireError("integer too long")
        return int(text)
    if kind == "array":
        return _decode_array(data, budget)
    if kind == "scalar":
        return _decode_array({**data, "shape": []}, budget)[()]
    if kind in ("list", "tuple"):
        items = data.get("items")
        if not isinstance(items, list):
            raise WireError("items missing")
        _spend(budget, len(items))
        decoded = [decode(item, depth + 1, budget) for item in items]
        return decoded if kind == "list" else tuple(decoded)
    if kind == "dict":
        items = data.get("items")
        if not isinstance(items, dict):
            raise WireError("items missing")
        _spend(budget, len(items))
        return {str(key): decode(item, depth + 1, budget) for key, item in items.items()}
    if kind == "other":
        return Opaque(str(data.get("type", "object"))[:80])
    raise WireError(f"unknown kind {kind!r}")


def _spend(budget: list[int], count: int) -> None:
    budget[0] -= count
    if budget[0] < 0:
        raise WireError("too many elements")


def _decode_array(data: dict, budget: list[int]) -> np.ndarray:
    try:
        dtype = np.dtype(str(data["dtype"]))
        shape = tuple(int(n) for n in data["shape"])
        raw = base64.b64decode(str(data["data"]), validate=True)
    except (KeyError, TypeError, ValueError) as error:
        raise WireError(f"bad array: {error}") from None
    if dtype.kind not in _NUMERIC_KINDS or any(n < 0 for n in shape) or len(shape) > 32:
        raise WireError("bad array")
    count = math.prod(shape)
    _spend(budget, count)
    if count * dtype.itemsize != len(raw):
        raise WireError("array data does not match its shape")
    return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
