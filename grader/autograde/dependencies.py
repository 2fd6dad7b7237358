"""Each function graded on its own: a check that failed while a function it calls fails its own checks is run
again, with the lesson's own versions of the functions it calls, so that one bug costs its points once.

The checks to run again run in a second sandbox run of the notebook, only for submissions that need one: its
plan holds the lesson's code cells with the student's answers and, where each such check stands, a step that
keeps the student's function; once the cells have run, the sandbox's supervisor hands over each check's
cases and answers the function's calls of the lesson's versions with their values
(:class:`grader.dependencies.Oracle`). A check that passes that way earns its points, and its message says the
function is right but calls one that fails its checks; one that still fails names what the function itself
got wrong.
"""

from __future__ import annotations

from pathlib import Path

from grader.autograde.lesson import GradedLesson
from grader.autograde.plan import Plan
from grader.autograde.uploads import Submission
from grader.autograde.verdicts import attempts
from grader.checks import (
    DID_NOT_RUN,
    Verdict,
    first_fix,
    judge_hidden,
    judge_safely,
    judge_visible,
    with_lessons_versions,
)
from grader.dependencies import dependencies, substitution
from grader.sandbox import CELLS_DONE, Sandbox
from grader.schema import find
from grader.wire import encode


def _to_run_again(
    lesson: GradedLesson, submission: Submission, verdicts: dict[int, list[Verdict]]
) -> dict[tuple[int, int], list[str]]:
    """(cell index, check number) of each failed check whose function calls functions failing their checks
    -> the names of those functions."""
    stubs = {cell.grade_id: cell.source for cell in lesson.cells if cell.role == "answer"}
    unwritten = {
        function
        for grade_id, function in lesson.answer_functions().items()
        if submission.answers.get(grade_id, stubs[grade_id]) == stubs[grade_id]
    }
    failed = {
        check.spec.id
        for index, cell_verdicts in verdicts.items()
        for check, verdict in zip(lesson.cells[index].checks, cell_verdicts)
        if not verdict.passed
    }
    chosen = {}
    for index, cell_verdicts in verdicts.items():
        for number, (check, verdict) in enumerate(zip(lesson.cells[index].checks, cell_verdicts)):
            spec = check.spec
            # A function not written yet, or a notebook that stopped before the check, would fail again.
            if verdict.passed or DID_NOT_RUN in verdict.mistakes or spec.function in unwritten:
                continue
            failing = [find(d).function for d in dependencies(spec.id) if d in failed]
            if failing:
                chosen[(index, number)] = failing
    return chosen


def judged_on_their_own(
    lesson: GradedLesson,
    plan: Plan,
    verdicts: dict[int, list[Verdict]],
    sandbox: Sandbox,
    workdir: Path,
    submission: Submission,
) -> dict[int, list[Verdict]]:
    """``verdicts``, with every check that failed while a function it calls fails its own checks judged again
    with the lesson's versions of the functions it calls."""
    chosen = _to_run_again(lesson, submission, verdicts)
    if not chosen:
        return verdicts
    steps, substitutions, runs = [], [], []
    hidden_number = 0
    for index, step in enumerate(plan.steps):
        if step["kind"] == "code":
            steps.append(step)
            continue
        if step["kind"] == "hidden":
            located, hidden_number = plan.hidden_probes[hidden_number], hidden_number + 1
        else:
            located = plan.probes[index]
        if located not in chosen:
            continue
        cell_index, number = located
        spec = lesson.cells[cell_index].checks[number].spec
        depends = dependencies(spec.id)
        steps.append(
            {
                "kind": "substituted",
                "function": spec.function,
                "call": spec.call,
                "depends": [find(d).function for d in depends],
            }
        )
        substitutions.append(substitution(depends, [encode(case.args) for case in spec.cases]))
        runs.append(located)
    status = sandbox.run({"steps": steps}, [], workdir / "dependencies", submission.side_files, substitutions)
    results, cells_done = {}, False
    for record in status.records:
        # Before its cells have run, the student's process could write anything: results count only after.
        cells_done = cells_done or record.get("step") == CELLS_DONE
        if cells_done and isinstance(record.get("substituted"), int):
            results.setdefault(record["substituted"], record)
    judged = {index: list(cell_verdicts) for index, cell_verdicts in verdicts.items()}
    for run, (cell_index, number) in enumerate(runs):
        check = lesson.cells[cell_index].checks[number]
        tried = attempts(results.get(run))
        failing = chosen[(cell_index, number)]
        if tried is None or len(tried) != len(check.spec.cases):
            judged[cell_index][number] = first_fix(check.spec, failing)
            continue
        again = judge_safely(judge_hidden if check.hidden else judge_visible, check.spec, tried)
        judged[cell_index][number] = with_lessons_versions(check.spec, again, failing)
    return judged
