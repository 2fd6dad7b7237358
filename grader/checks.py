"""The two calls a lesson's test cells make: ``check`` (visible) and ``check_hidden``.

``check("forward.w_sum", w_sum)`` calls the student's ``w_sum`` on the lesson's own examples and compares
with the values the lesson text prints. It judges from the check data shipped with the lessons
(:mod:`grader.spec`), so it needs no reference or wrong implementation. ``check_hidden`` calls the function
on other inputs: in the instructors' copy of the course, which holds the exercise definitions, it judges at
once; in a student's copy it says that hidden checks run when the notebook is graded. Hidden-check messages
name the failed case and the mistake it looks like, never the inputs or the expected values.

Each function is judged on its own: when a check fails and the function calls another graded function (by its
name in the notebook) that fails its own checks, the message says so and names no mistake of the caller from
what the other function produced. In the instructors' copy, the check runs again with the lesson's own
versions of the functions it calls, as trusted grading does (:mod:`grader.dependencies`).

A failure raises :class:`CheckFailed`, which nbgrader counts as a failed test and which Jupyter shows as its
message alone, without a traceback into this library.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import re
import types
from collections.abc import Callable
from dataclasses import dataclass

from grader.adapters import resolve_call
from grader.attempt import Attempt, attempt
from grader.compare import difference, show
from grader.mistakes import Mistake, explain
from grader.spec import CaseSpec, CheckSpec, UnknownExercise, dependencies, visible_spec

RED, GREEN, RESET = "\033[31m", "\033[32m", "\033[0m"
NOT_WRITTEN, DID_NOT_RUN, NOT_JUDGED = "not written yet", "did not run", "a value the checks cannot compare"


class CheckFailed(AssertionError):
    """A check did not pass; the message says what was expected, what came out, and why."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback through the check library.
        return [f"{RED}{type(self).__name__}{RESET}: {self}"]


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check cell: passed or not, the message a student sees, the mistakes recognised."""

    passed: bool
    message: str
    mistakes: tuple[str, ...] = ()


def _problem(spec: CheckSpec, case: CaseSpec, attempt: Attempt, reveal: bool = True) -> str | None:
    """None when the attempt is right, else what is wrong with it."""
    if attempt.raised is not None:
        return "it raised an exception"
    problem = difference(attempt.output, case.expected, spec.returns, spec.rtol, spec.atol, reveal)
    if problem is None and attempt.changed_input:
        return "it changed one of its inputs"
    return problem


def _mistake(spec: CheckSpec, attempts: list[Attempt], reveal: bool) -> Mistake | None:
    """The one mistake all the attempts prove, if one does."""
    return explain(
        spec.mistakes,
        [case.fingerprints for case in spec.cases],
        [case.expected for case in spec.cases],
        attempts,
        spec.returns,
        spec.rtol,
        spec.atol,
        reveal,
        [case.args for case in spec.cases],
    )


def _exception_name(raised) -> str:
    """A hidden check names a builtin exception only: a student could name a class after a hidden input."""
    known = getattr(builtins, raised.name, None)
    return raised.name if isinstance(known, type) and issubclass(known, BaseException) else "an exception"


def _call_text(spec: CheckSpec, args: tuple) -> str:
    return f"{spec.function}({', '.join(show(arg, 120) for arg in args)})"


def _unwritten(spec: CheckSpec, attempts: list[Attempt]) -> str:
    """The function still left to write: the one whose stub raised (it may be a helper the exercise calls)."""
    for tried in attempts:
        if tried.not_written and (match := re.match(r"(\w+): replace this line", tried.raised.message)):
            return match.group(1)
    return spec.function


def judge_prediction(spec: CheckSpec, attempts: list[Attempt]) -> Verdict:
    """Judge a prediction: right or wrong, with the tolerance and a hint, never on which side the answer lies."""
    sealed, name = spec.sealed, spec.function
    tried = attempts[0] if len(attempts) == 1 else None
    if tried is None or tried.not_written:
        return Verdict(
            False,
            f"{spec.id}: your prediction is not written yet. Replace `...` in `{name} = ...` with your "
            "prediction, run that cell, then run this check again.",
            (NOT_WRITTEN,),
        )
    if tried.raised is not None:
        return Verdict(False, f"{spec.id}: no prediction to check: {tried.raised.describe(with_message=True)}.")
    value = tried.output
    if not sealed.admits(value):
        wanted = "a number" if sealed.tolerance is not None else f"one of {', '.join(map(repr, sealed.choices))}"
        return Verdict(False, f"{spec.id}: a prediction here is {wanted}; {name} is {show(value, 80)}.")
    tolerance = "" if sealed.tolerance is None else f"±{sealed.tolerance:g}"
    if sealed.matches(spec.id, value, sealed.digest):
        within = f" (within {tolerance})" if tolerance else ""
        right = f"Your prediction {show(value)} is right{within}."
        return Verdict(True, f"{GREEN}✓{RESET} {spec.id}: 1 of 1 visible checks passed. {right}")
    counts = f" (predictions within {tolerance} of the answer count)" if tolerance else ""
    lines = [f"{spec.id}: your prediction {show(value)} is not right{counts}."]
    trap = next((mistake for digest, mistake in sealed.traps if sealed.matches(spec.id, value, digest)), None)
    lines.append(f"  {trap.explain()}" if trap is not None else f"  Hint: {sealed.hint}")
    return Verdict(False, "\n".join(lines), () if trap is None else (trap.name,))


def judge_visible(spec: CheckSpec, attempts: list[Attempt]) -> Verdict:
    """Judge the attempts made on the visible cases of ``spec`` (one per case, in order)."""
    if spec.sealed is not None:
        return judge_prediction(spec, attempts)
    total = len(spec.cases)
    if any(a.not_written for a in attempts) or len(attempts) != total:
        return Verdict(
            False,
            f"{spec.id}: {_unwritten(spec, attempts)} is not written yet. Replace "
            "`raise NotImplementedError(...)` in its cell with your code, run that cell, then run this check again.",
            (NOT_WRITTEN,),
        )
    failures = []
    for case, tried in zip(spec.cases, attempts):
        problem = _problem(spec, case, tried)
        if problem is not None:
            failures.append((case, tried, problem))
    if not failures:
        return Verdict(True, f"{GREEN}✓{RESET} {spec.id}: {total} of {total} visible checks passed.")
    case, first, problem = failures[0]
    mistake = _mistake(spec, attempts, reveal=True)
    lines = [f"{spec.id}: {len(failures)} of {total} visible checks failed. The first one:"]
    lines.append(f"  called:   {_call_text(spec, case.args)}")
    lines.append(f"  expected: {show(case.expected)}")
    if first.raised is not None:
        lines.append(f"  raised:   {first.raised.describe(with_message=True)}")
    else:
        lines.append(f"  got:      {show(first.output)}")
        if problem:
            lines.append(f"  problem:  {problem}")
    if mistake is not None:
        lines.append(f"  {mistake.explain()}")
    return Verdict(False, "\n".join(lines), () if mistake is None else (mistake.name,))


def judge_hidden(spec: CheckSpec, attempts: list[Attempt]) -> Verdict:
    """Judge the attempts made on the hidden cases of ``spec``; the message names cases and mistakes, never values."""
    total = len(spec.cases)
    if any(a.not_written for a in attempts) or len(attempts) != total:
        return Verdict(
            False,
            f"{spec.id}: {_unwritten(spec, attempts)} is not written yet, so its hidden checks cannot run.",
            (NOT_WRITTEN,),
        )
    failures = []
    for number, (case, tried) in enumerate(zip(spec.cases, attempts), 1):
        problem = _problem(spec, case, tried, reveal=False)
        if problem is None:
            continue
        what = f"raised {_exception_name(tried.raised)}" if tried.raised is not None else problem
        failures.append(f"  hidden check {number} ({case.label}): {what}")
    if not failures:
        return Verdict(True, f"{GREEN}✓{RESET} {spec.id}: {total} of {total} hidden checks passed.")
    lines = [f"{spec.id}: {len(failures)} of {total} hidden checks failed (their inputs are not shown):", *failures]
    mistake = _mistake(spec, attempts, reveal=False)
    if mistake is not None:
        lines.append(f"  {mistake.explain()}")
    return Verdict(False, "\n".join(lines), () if mistake is None else (mistake.name,))


def judge_safely(
    judge: Callable[[CheckSpec, list[Attempt]], Verdict], spec: CheckSpec, attempts: list[Attempt]
) -> Verdict:
    """``judge(spec, attempts)``, or a failed verdict saying why the returned values could not be judged."""
    try:
        return judge(spec, attempts)
    except Exception as error:  # noqa: BLE001 - a returned value may defeat any comparison (a huge int, a cycle...)
        return Verdict(
            False,
            f"{spec.id}: the checks cannot compare what your function returned ({type(error).__name__}). "
            "Return plain numbers, lists or NumPy arrays of numbers.",
            (NOT_JUDGED,),
        )


def attempts_on(spec: CheckSpec, function: Callable) -> list[Attempt]:
    """Call ``function`` (the student's) on every case of ``spec``, each on its own copy of the inputs."""
    call = resolve_call(spec.call)
    return [attempt(call, function, case.args) for case in spec.cases]


def _report(verdict: Verdict) -> None:
    if not verdict.passed:
        raise CheckFailed(verdict.message)
    print(verdict.message)


def _spec(exercise_id: str) -> CheckSpec:
    try:
        return visible_spec(exercise_id)
    except UnknownExercise as error:
        raise CheckFailed(str(error)) from None


def _hidden_spec(exercise_id: str) -> CheckSpec | None:
    """The hidden checks, where the exercise definitions are (the instructors' copy); None in a student's copy."""
    try:
        from grader.specs import hidden_spec
    except ModuleNotFoundError as error:
        if error.name == "grader.specs":
            return None
        raise
    return hidden_spec(exercise_id)


def _code_of(function) -> list[types.CodeType]:
    """The code of ``function`` (of its methods, for a class), nested functions included."""
    members = vars(function).values() if isinstance(function, type) else [function]
    pending = [code for code in (getattr(m, "__code__", None) for m in members) if isinstance(code, types.CodeType)]
    found = []
    while pending:
        code = pending.pop()
        found.append(code)
        pending += [const for const in code.co_consts if isinstance(const, types.CodeType)]
    return found


def _namespace_of(function) -> dict | None:
    """The global namespace the names ``function`` reads are looked up in: the notebook's."""
    members = vars(function).values() if isinstance(function, type) else [function]
    return next((m.__globals__ for m in members if isinstance(getattr(m, "__globals__", None), dict)), None)


def _passes(exercise_id: str, function: Callable) -> bool:
    """Whether ``function`` passes the checks of ``exercise_id`` here, hidden ones too where they are at hand.
    What it prints meanwhile is not shown: it belongs to another check."""
    judged = [(judge_visible, visible_spec(exercise_id)), (judge_hidden, _hidden_spec(exercise_id))]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return all(judge_safely(j, spec, attempts_on(spec, function)).passed for j, spec in judged if spec)


def failing_dependencies(spec: CheckSpec, function: Callable) -> list[str]:
    """The graded functions ``function`` calls, by their names in its namespace, that fail their own checks."""
    namespace = _namespace_of(function)
    if namespace is None:
        return []
    read = {name for code in _code_of(function) for name in code.co_names}
    failing = []
    for dependency_id in dependencies(spec.id):
        name = visible_spec(dependency_id).function
        if name in read and callable(namespace.get(name)) and not _passes(dependency_id, namespace[name]):
            failing.append(name)
    return failing


def _yours(names: list[str]) -> str:
    which = "which fails its checks" if len(names) == 1 else "which fail their checks"
    return f"your {' and '.join(f'`{name}`' for name in names)}, {which}"


def first_fix(spec: CheckSpec, failing: list[str]) -> Verdict:
    """A failed check of a function that calls functions (``failing``) failing their own checks: what it
    returned says nothing sure about the function itself, so no mistake is named."""
    that = "that" if len(failing) == 1 else "those"
    return Verdict(
        False, f"{spec.id}: your `{spec.function}` may be right, but it calls {_yours(failing)}: fix {that} first."
    )


def with_lessons_versions(spec: CheckSpec, again: Verdict, failing: list[str]) -> Verdict:
    """The verdict of a check run again with the lesson's own versions of the functions the student's function
    calls, some of which (``failing``, the student's) fail their own checks."""
    if again.passed:
        return Verdict(
            True,
            f"{again.message.rstrip('.')} with the lesson's own versions of the functions it calls: "
            f"your `{spec.function}` is right, but it calls {_yours(failing)}.",
        )
    return Verdict(
        False,
        f"{again.message}\n  These checks ran with the lesson's own versions of the functions it calls, "
        f"since it calls {_yours(failing)}.",
        again.mistakes,
    )


def _on_its_own(spec: CheckSpec, function: Callable, verdict: Verdict, judge) -> Verdict:
    """``verdict``, unless it failed while functions ``function`` calls fail their own checks: then the check
    run with the lesson's versions of those where they are at hand (the instructors' copy), else a message
    that names no mistake."""
    if verdict.passed or NOT_WRITTEN in verdict.mistakes:
        return verdict
    failing = failing_dependencies(spec, function)
    if not failing:
        return verdict
    try:
        from grader.dependencies import lessons_versions
    except ModuleNotFoundError as error:
        if error.name == "grader.dependencies":
            return first_fix(spec, failing)
        raise
    namespace, versions = _namespace_of(function), lessons_versions(dependencies(spec.id))
    saved = {name: namespace[name] for name in versions if name in namespace}
    namespace.update(versions)
    try:
        again = judge_safely(judge, spec, attempts_on(spec, function))
    finally:
        for name in versions:
            if name in saved:
                namespace[name] = saved[name]
            else:
                namespace.pop(name, None)
    return with_lessons_versions(spec, again, failing)


def check(exercise_id: str, function: Callable) -> None:
    """Run the visible checks of ``exercise_id`` on ``function``; raise CheckFailed with a teaching message."""
    spec = _spec(exercise_id)
    verdict = judge_safely(judge_visible, spec, attempts_on(spec, function))
    _report(_on_its_own(spec, function, verdict, judge_visible))


def check_hidden(exercise_id: str, function: Callable) -> None:
    """Run the hidden checks of ``exercise_id``; failures name the case and the mistake, not the values."""
    _spec(exercise_id)  # an unknown id fails here, in every copy of the course
    spec = _hidden_spec(exercise_id)
    if spec is None:
        print(f"Hidden checks of {exercise_id} run when your notebook is graded.")
        return
    verdict = judge_safely(judge_hidden, spec, attempts_on(spec, function))
    _report(_on_its_own(spec, function, verdict, judge_hidden))
