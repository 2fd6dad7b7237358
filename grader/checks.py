"""The two calls a lesson's test cells make: ``check`` (visible) and ``check_hidden``.

``check("forward.w_sum", w_sum)`` calls the student's ``w_sum`` on the lesson's own examples
and compares with the values the lesson text prints. ``check_hidden`` calls it on fresh
inputs and compares with the reference implementation; its messages name the failed case
and the mistake it looks like, never the inputs or the expected values.

A failure raises :class:`CheckFailed`, which nbgrader counts as a failed test and which
Jupyter shows as its message alone, without a traceback into this library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from grader.attempt import Attempt, attempt
from grader.compare import difference, show
from grader.exercise import Case, Exercise, UnknownExercise, find
from grader.mistakes import INPUT_CHANGED, Mistake, diagnose

RED, GREEN, RESET = "\033[31m", "\033[32m", "\033[0m"
NOT_WRITTEN, DID_NOT_RUN = "not written yet", "did not run"


class CheckFailed(AssertionError):
    """A check did not pass; the message says what was expected, what came out, and why."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback through the check library.
        return [f"{RED}{type(self).__name__}{RESET}: {self}"]


def _lookup(exercise_id: str) -> Exercise:
    try:
        return find(exercise_id)
    except UnknownExercise as error:
        raise CheckFailed(str(error)) from None


def _verdict(exercise: Exercise, case: Case, expected: Any, attempt: Attempt) -> tuple[str, Mistake | None] | None:
    """None when the attempt is right, else (what is wrong, the mistake it looks like)."""
    if attempt.raised is None and attempt.changed_input:
        return "it changed one of its inputs", INPUT_CHANGED
    problem = None
    if attempt.raised is None:
        problem = difference(attempt.output, expected, exercise.returns, exercise.rtol, exercise.atol)
        if problem is None:
            return None
    mistake = diagnose(
        exercise.mistakes, case.args, attempt.output, attempt.raised, expected,
        exercise.returns, exercise.rtol, exercise.atol, exercise.call,
    )  # fmt: skip
    return problem, mistake


def _call_text(exercise: Exercise, args: tuple) -> str:
    return f"{exercise.function}({', '.join(show(arg, 120) for arg in args)})"


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check cell: passed or not, the message a student sees, the mistakes recognised."""

    passed: bool
    message: str
    mistakes: tuple[str, ...] = ()


def _unwritten(exercise: Exercise, attempts: list[Attempt]) -> str:
    """The function still left to write: the one whose stub raised (it may be a helper the exercise calls)."""
    for tried in attempts:
        if tried.not_written and (match := re.match(r"(\w+): replace this line", tried.raised.message)):
            return match.group(1)
    return exercise.function


def judge_visible(exercise: Exercise, attempts: list[Attempt]) -> Verdict:
    """Judge the attempts made on ``exercise.visible`` (one per case, in order)."""
    total = len(exercise.visible)
    if any(a.not_written for a in attempts) or len(attempts) != total:
        return Verdict(False, f"{exercise.id}: {_unwritten(exercise, attempts)} is not written yet. Replace "
                       "`raise NotImplementedError(...)` in its cell with your code, run that cell, then run this check again.",
                       (NOT_WRITTEN,))  # fmt: skip
    failures = []
    for case, tried in zip(exercise.visible, attempts):
        verdict = _verdict(exercise, case, case.expected, tried)
        if verdict is not None:
            failures.append((case, tried, verdict))
    if not failures:
        return Verdict(True, f"{GREEN}✓{RESET} {exercise.id}: {total} of {total} visible checks passed.")
    case, first, (problem, mistake) = failures[0]
    lines = [f"{exercise.id}: {len(failures)} of {total} visible checks failed. The first one:"]
    lines.append(f"  called:   {_call_text(exercise, case.args)}")
    lines.append(f"  expected: {show(case.expected)}")
    if first.raised is not None:
        lines.append(f"  raised:   {first.raised.describe(with_message=True)}")
    else:
        lines.append(f"  got:      {show(first.output)}")
        if problem:
            lines.append(f"  problem:  {problem}")
    if mistake is not None:
        lines.append(f"  {mistake.explain()}")
    names = tuple(dict.fromkeys(m.name for _, _, (_, m) in failures if m is not None))
    return Verdict(False, "\n".join(lines), names)


def judge_hidden(exercise: Exercise, cases: list[Case], attempts: list[Attempt]) -> Verdict:
    """Judge the attempts made on the hidden ``cases``; the message names cases and mistakes, never values."""
    if any(a.not_written for a in attempts) or len(attempts) != len(cases):
        return Verdict(False, f"{exercise.id}: {_unwritten(exercise, attempts)} is not written yet, so its hidden checks cannot run.",
                       (NOT_WRITTEN,))  # fmt: skip
    failures, explanations, names = [], {}, {}
    for number, (case, tried) in enumerate(zip(cases, attempts), 1):
        verdict = _verdict(exercise, case, exercise.expected(case), tried)
        if verdict is None:
            continue
        problem, mistake = verdict
        what = f"raised {tried.raised.describe(with_message=False)}" if tried.raised is not None else problem
        failures.append(f"  hidden check {number} ({case.label}): {what}")
        if mistake is not None:
            explanations.setdefault(mistake.explain(), []).append(number)
            names[mistake.name] = None
    if not failures:
        return Verdict(True, f"{GREEN}✓{RESET} {exercise.id}: {len(cases)} of {len(cases)} hidden checks passed.")
    lines = [f"{exercise.id}: {len(failures)} of {len(cases)} hidden checks failed (their inputs are not shown):", *failures]
    for explanation, numbers in explanations.items():
        which = ", ".join(map(str, numbers))
        lines.append(f"  {explanation} (check{'s' * (len(numbers) > 1)} {which})")
    return Verdict(False, "\n".join(lines), tuple(names))


def _report(verdict: Verdict) -> None:
    if not verdict.passed:
        raise CheckFailed(verdict.message)
    print(verdict.message)


def check(exercise_id: str, function: Callable) -> None:
    """Run the visible checks of ``exercise_id`` on ``function``; raise CheckFailed with a teaching message."""
    exercise = _lookup(exercise_id)
    _report(judge_visible(exercise, [attempt(exercise.call, function, case.args) for case in exercise.visible]))


def check_hidden(exercise_id: str, function: Callable) -> None:
    """Run the hidden checks of ``exercise_id``; failures name the case and the mistake, not the values."""
    exercise = _lookup(exercise_id)
    cases = exercise.hidden_cases()
    _report(judge_hidden(exercise, cases, [attempt(exercise.call, function, case.args) for case in cases]))
