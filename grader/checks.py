"""The two calls a lesson's test cells make: ``check`` (visible) and ``check_hidden``.

``check("forward.w_sum", w_sum)`` calls the student's ``w_sum`` on the lesson's own examples
and compares with the values the lesson text prints. ``check_hidden`` calls it on fresh
inputs and compares with the reference implementation; its messages name the failed case
and the mistake it looks like, never the inputs or the expected values.

A failure raises :class:`CheckFailed`, which nbgrader counts as a failed test and which
Jupyter shows as its message alone, without a traceback into this library.
"""

from __future__ import annotations

import copy
import os
import traceback
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from grader.compare import difference, show
from grader.exercise import Case, Exercise, UnknownExercise, find
from grader.mistakes import INPUT_CHANGED, Mistake, diagnose

RED, GREEN, RESET = "\033[31m", "\033[32m", "\033[0m"
_LIBRARY = os.path.dirname(os.path.abspath(__file__)) + os.sep


class CheckFailed(AssertionError):
    """A check did not pass; the message says what was expected, what came out, and why."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback through the check library.
        return [f"{RED}{type(self).__name__}{RESET}: {self}"]


@dataclass
class Attempt:
    """What one call of the student's function did."""

    output: Any = None
    error: BaseException | None = None
    where: str = ""  # the student's line that raised, when one did
    changed_input: bool = False


def _attempt(exercise: Exercise, function: Callable, args: tuple) -> Attempt:
    own_args = copy.deepcopy(args)
    try:
        output = exercise.call(function, *own_args)
    except Exception as error:  # noqa: BLE001 - a student's function may raise anything
        return Attempt(error=error, where=_student_line(error))
    changed = any(not _same(before, after) for before, after in zip(args, own_args))
    return Attempt(output=output, changed_input=changed)


def _same(before: Any, after: Any) -> bool:
    if isinstance(before, (list, tuple)):
        return isinstance(after, (list, tuple)) and len(before) == len(after) and all(map(_same, before, after))
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and np.array_equal(before, after, equal_nan=True)
    return before == after


def _student_line(error: BaseException) -> str:
    """'line 4: output += a[i] * b[i]' for the innermost frame outside this library."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.startswith(_LIBRARY)]
    if not frames:
        return ""
    frame = frames[-1]
    return f"line {frame.lineno}: {frame.line.strip()}" if frame.line else f"line {frame.lineno}"


def _lookup(exercise_id: str) -> Exercise:
    try:
        return find(exercise_id)
    except UnknownExercise as error:
        raise CheckFailed(str(error)) from None


def _verdict(exercise: Exercise, case: Case, expected: Any, attempt: Attempt) -> tuple[str, Mistake | None] | None:
    """None when the attempt is right, else (what is wrong, the mistake it looks like)."""
    error_type = type(attempt.error) if attempt.error is not None else None
    if error_type is None and attempt.changed_input:
        return "it changed one of its inputs", INPUT_CHANGED
    problem = None
    if error_type is None:
        problem = difference(attempt.output, expected, exercise.returns, exercise.rtol, exercise.atol)
        if problem is None:
            return None
    mistake = diagnose(
        exercise.mistakes, case.args, attempt.output, error_type, expected,
        exercise.returns, exercise.rtol, exercise.atol, exercise.call,
    )  # fmt: skip
    return problem, mistake


def _call_text(exercise: Exercise, args: tuple) -> str:
    return f"{exercise.function}({', '.join(show(arg, 120) for arg in args)})"


def _raised(attempt: Attempt, with_message: bool) -> str:
    name = type(attempt.error).__name__
    text = f"{name}: {attempt.error}" if with_message and str(attempt.error) else name
    return f"{text} ({attempt.where})" if attempt.where else text


def check(exercise_id: str, function: Callable) -> None:
    """Run the visible checks of ``exercise_id`` on ``function``; raise CheckFailed with a teaching message."""
    exercise = _lookup(exercise_id)
    failures = []
    for case in exercise.visible:
        attempt = _attempt(exercise, function, case.args)
        if isinstance(attempt.error, NotImplementedError):
            raise CheckFailed(
                f"{exercise.id}: {exercise.function} is not written yet. Replace `raise NotImplementedError(...)` "
                f"in its cell with your code, run that cell, then run this check again."
            )
        verdict = _verdict(exercise, case, case.expected, attempt)
        if verdict is not None:
            failures.append((case, attempt, verdict))
    total = len(exercise.visible)
    if not failures:
        print(f"{GREEN}✓{RESET} {exercise.id}: {total} of {total} visible checks passed.")
        return
    case, attempt, (problem, mistake) = failures[0]
    lines = [f"{exercise.id}: {len(failures)} of {total} visible checks failed. The first one:"]
    lines.append(f"  called:   {_call_text(exercise, case.args)}")
    lines.append(f"  expected: {show(case.expected)}")
    if attempt.error is not None:
        lines.append(f"  raised:   {_raised(attempt, with_message=True)}")
    else:
        lines.append(f"  got:      {show(attempt.output)}")
        if problem:
            lines.append(f"  problem:  {problem}")
    if mistake is not None:
        lines.append(f"  {mistake.explain()}")
    raise CheckFailed("\n".join(lines))


def check_hidden(exercise_id: str, function: Callable) -> None:
    """Run the hidden checks of ``exercise_id``; failures name the case and the mistake, not the values."""
    exercise = _lookup(exercise_id)
    cases = exercise.hidden_cases()
    failures, explanations = [], {}
    for number, case in enumerate(cases, 1):
        attempt = _attempt(exercise, function, case.args)
        if isinstance(attempt.error, NotImplementedError):
            raise CheckFailed(f"{exercise.id}: {exercise.function} is not written yet, so its hidden checks cannot run.")
        expected = exercise.expected(case)
        verdict = _verdict(exercise, case, expected, attempt)
        if verdict is None:
            continue
        problem, mistake = verdict
        what = f"raised {_raised(attempt, with_message=False)}" if attempt.error is not None else problem
        failures.append(f"  hidden check {number} ({case.label}): {what}")
        if mistake is not None:
            explanations.setdefault(mistake.explain(), []).append(number)
    if not failures:
        print(f"{GREEN}✓{RESET} {exercise.id}: {len(cases)} of {len(cases)} hidden checks passed.")
        return
    lines = [f"{exercise.id}: {len(failures)} of {len(cases)} hidden checks failed (their inputs are not shown):", *failures]
    for explanation, numbers in explanations.items():
        which = ", ".join(map(str, numbers))
        lines.append(f"  {explanation} (check{'s' * (len(numbers) > 1)} {which})")
    raise CheckFailed("\n".join(lines))
