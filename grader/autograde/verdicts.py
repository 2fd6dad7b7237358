"""The verdicts of a submission's check cells, computed here from the plain data its sandbox reported.

Each probe's record is decoded as untrusted data (bounded by :mod:`grader.wire`) into attempts, and judged
against the check's spec with the check library's own judges, so a submission gets here exactly the messages
a student's kernel gives. A probe that did not run says why; a value no judge can compare fails its check
with that reason, never the submission's other checks.
"""

from __future__ import annotations

from grader.attempt import Attempt, Raised
from grader.autograde.lesson import GradedLesson
from grader.autograde.plan import Plan
from grader.checks import DID_NOT_RUN, Verdict, judge_hidden, judge_safely, judge_visible
from grader.sandbox import Limits, RunStatus
from grader.wire import WireError, decode


def _text(value, limit: int) -> str:
    return str(value)[:limit]


def attempts(record: dict | None) -> list[Attempt] | None:
    """The attempts a probe's record holds, each decoded on its own (an unreadable one raises UnreadableOutput)."""
    if record is None or not isinstance(record.get("attempts"), list):
        return None
    found = []
    for item in record["attempts"]:
        try:
            raised = item.get("raised")
            found.append(
                Attempt(
                    output=decode(item.get("output")),
                    raised=None
                    if raised is None
                    else Raised(
                        _text(raised.get("name"), 100),
                        tuple(_text(n, 100) for n in list(raised.get("ancestry", []))[:20]),
                        _text(raised.get("message", ""), 500),
                        _text(raised.get("where", ""), 300),
                    ),
                    changed_input=item.get("changed_input") is True,
                )
            )
        except (WireError, AttributeError, TypeError, ValueError, RecursionError):
            found.append(Attempt(raised=Raised("UnreadableOutput", (), "", "")))
    return found


def stopped(status: RunStatus, limits: Limits) -> str:
    """Why the notebook did not run to its end, in one line."""
    if status.ignored:
        return "the notebook said its cells had run before they had: what its cells did after that was ignored"
    if status.timed_out:
        return f"the notebook did not finish within the time limit of {limits.seconds:g} s"
    if status.memory_exceeded:
        return f"the notebook used more than the memory limit of {limits.memory_bytes // 1024**2} MB"
    return f"the notebook stopped early: {status.exit or 'no reason was given'}"


def _first(records: list[dict], key: str) -> dict:
    """The first record of each step (or hidden probe): a later one, written by the student's code, is ignored."""
    found = {}
    for record in records:
        if isinstance(record.get(key), int):
            found.setdefault(record[key], record)
    return found


def judge(
    lesson: GradedLesson, plan: Plan, status: RunStatus, limits: Limits, reason: str | None = None
) -> dict[int, list[Verdict]]:
    """The verdicts of every test cell (by lesson cell index), in the order of its checks.

    The first check that did not run gives the ``reason`` (by default, why the notebook stopped); the others
    refer to it, so that one cause reads once in the feedback.
    """
    reason = reason or stopped(status, limits)
    first_not_run = None
    by_step, by_hidden = _first(status.records, "step"), _first(status.records, "hidden")
    located = [(by_step.get(step), cell_and_check) for step, cell_and_check in plan.probes.items()]
    located += [(by_hidden.get(number), cell_and_check) for number, cell_and_check in enumerate(plan.hidden_probes)]
    verdicts: dict[int, dict[int, Verdict]] = {i: {} for i, c in enumerate(lesson.cells) if c.role == "test"}
    for record, (cell_index, number) in located:
        check = lesson.cells[cell_index].checks[number]
        tried = attempts(record)
        if tried is None or len(tried) != len(check.spec.cases):
            if first_not_run is None:
                first_not_run = check.spec.id
                message = f"{check.spec.id}: this check did not run: {reason}."
            else:
                message = f"{check.spec.id}: this check did not run either, for the reason given at {first_not_run}."
            verdict = Verdict(False, message, (DID_NOT_RUN,))
        else:
            verdict = judge_safely(judge_hidden if check.hidden else judge_visible, check.spec, tried)
        verdicts[cell_index][number] = verdict
    return {index: [found[n] for n in sorted(found)] for index, found in verdicts.items()}


def scores(lesson: GradedLesson, verdicts: dict[int, list[Verdict]]) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Points per test cell (all or nothing), and the mistakes named per failed exercise."""
    points, mistakes = {}, {}
    for index, cell_verdicts in verdicts.items():
        cell = lesson.cells[index]
        points[cell.grade_id] = cell.points if cell_verdicts and all(v.passed for v in cell_verdicts) else 0.0
        for check, verdict in zip(cell.checks, cell_verdicts):
            if not verdict.passed:
                named = mistakes.setdefault(check.spec.id, [])
                named.extend(name for name in verdict.mistakes if name not in named)
    return points, mistakes


def environment_problems(lesson: GradedLesson, plan: Plan, status: RunStatus) -> list[str]:
    """Imports that failed in the lesson's own cells: the grading environment lacks something."""
    problems = []
    for step, record in _first(status.records, "step").items():
        error = record.get("error")
        if not (0 <= step < len(plan.steps) and plan.steps[step]["kind"] == "code" and isinstance(error, dict)):
            continue
        cell = lesson.cells[plan.steps[step]["cell"]]
        if cell.role == "code" and error.get("name") in ("ImportError", "ModuleNotFoundError"):
            problems.append(
                f"the grader could not run the lesson's cell {cell.grade_id} ({error['name']}: "
                f"{_text(error.get('message'), 200)})"
            )
    return problems
