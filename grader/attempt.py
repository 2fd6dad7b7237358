"""What one call of a student's function did: its output, or the exception it raised.

An Attempt is plain data, so it can be made in one process (the student's) and judged in another.
"""

from __future__ import annotations

import copy
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

_LIBRARY = os.path.dirname(os.path.abspath(__file__)) + os.sep


@dataclass(frozen=True)
class Raised:
    """An exception a student's function raised: its type's name and ancestry, message, and the student's line."""

    name: str
    ancestry: tuple[str, ...] = ()
    message: str = ""
    where: str = ""

    def is_named(self, type_name: str) -> bool:
        """Whether the exception is of the type called ``type_name`` or of a type derived from it."""
        return type_name in (self.name, *self.ancestry)

    def describe(self, with_message: bool) -> str:
        text = f"{self.name}: {self.message}" if with_message and self.message else self.name
        return f"{text} ({self.where})" if self.where else text


@dataclass(frozen=True)
class Attempt:
    output: Any = None
    raised: Raised | None = None
    changed_input: bool = False

    @property
    def not_written(self) -> bool:
        return self.raised is not None and self.raised.is_named("NotImplementedError")


def attempt(call: Callable, function: Callable, args: tuple) -> Attempt:
    """Run ``call(function, *args)`` on a private copy of ``args`` and record what happened."""
    own_args = copy.deepcopy(args)
    try:
        output = call(function, *own_args)
    except Exception as error:  # noqa: BLE001 - a student's function may raise anything
        return Attempt(raised=raised_by(error))
    changed = any(not _same(before, after) for before, after in zip(args, own_args))
    return Attempt(output=output, changed_input=changed)


def raised_by(error: BaseException) -> Raised:
    ancestry = tuple(t.__name__ for t in type(error).__mro__[1:] if t not in (object, BaseException))
    return Raised(type(error).__name__, ancestry, _message(error), _student_line(error))


def _message(error: BaseException) -> str:
    try:
        return str(error)[:500]
    except Exception:  # noqa: BLE001 - an exception's own __str__ may raise
        return "(its message cannot be shown)"


def _same(before: Any, after: Any) -> bool:
    """Whether a call left an argument as it was (given a copy taken before the call)."""
    if isinstance(before, (list, tuple)):
        return isinstance(after, (list, tuple)) and len(before) == len(after) and all(map(_same, before, after))
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and before.keys() == after.keys()
            and all(_same(before[k], after[k]) for k in before)
        )
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and np.array_equal(before, after, equal_nan=True)
    try:
        return bool(np.all(before == after))  # also DataFrames and other array-likes
    except Exception:  # noqa: BLE001 - when equality itself fails, give the student the benefit of the doubt
        return True


def _student_line(error: BaseException) -> str:
    """'line 4: output += a[i] * b[i]' for the innermost frame outside this library."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.startswith(_LIBRARY)]
    if not frames:
        return ""
    frame = frames[-1]
    return f"line {frame.lineno}: {frame.line.strip()}" if frame.line else f"line {frame.lineno}"
