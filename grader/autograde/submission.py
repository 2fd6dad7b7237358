"""One submission through the pipeline: read its upload, plan, run the plan in the sandbox, judge what it
reported, write nbgrader's autograded notebook, and return the result for the journal and the gradebook."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from grader.autograde.dependencies import judged_on_their_own
from grader.autograde.journal import Result, write_atomically
from grader.autograde.lesson import GradedLesson
from grader.autograde.notebook import autograded_notebook
from grader.autograde.plan import Plan, make_plan
from grader.autograde.text import printable
from grader.autograde.uploads import SECRET, Submission, read_submission
from grader.autograde.verdicts import environment_problems, judge, scores, stopped
from grader.sandbox import CELLS_DONE, RunStatus, Sandbox


def _hidden_checks_before_the_stop(
    plan: Plan, status: RunStatus, sandbox: Sandbox, workdir: Path, side_files: dict[str, bytes]
) -> None:
    """When the notebook stopped before its last cell, hidden checks never got their inputs (they come only once
    every cell has run). Run the cells before the one that stopped it once more, with the hidden checks among
    them, so that a later cell that loops, crashes or exits costs only its own points."""
    if any(record.get("step") == CELLS_DONE for record in status.records):
        return
    stop = plan.first_unfinished(status.records)
    earlier = plan.before(stop) if stop is not None else None
    if earlier is None or not earlier.hidden_probes:
        return
    again = sandbox.run(earlier.public, earlier.hidden, workdir / "again", side_files)
    status.records += [record for record in again.records if "hidden" in record]


def grade_submission(
    lesson: GradedLesson, student: str, folder: Path, sandbox: Sandbox, workdir: Path, autograded: Path
) -> Result:
    submission = read_submission(lesson, folder)
    plan = make_plan(lesson, submission)
    reason = None
    if submission.answers or not submission.problems:
        status = sandbox.run(plan.public, plan.hidden, workdir / "run", submission.side_files)
        _hidden_checks_before_the_stop(plan, status, sandbox, workdir, submission.side_files)
    else:
        status = RunStatus(exit="there was nothing to run", isolation="none")
        reason = "; ".join(submission.problems)
    verdicts = judge(lesson, plan, status, sandbox.limits, reason)
    if status.records:
        verdicts = judged_on_their_own(lesson, plan, verdicts, sandbox, workdir, submission)
    problems = list(submission.problems)
    if (not status.finished or status.ignored) and submission.answers:
        problems.append(stopped(status, sandbox.limits))
    problems += environment_problems(lesson, plan, status)
    points, mistakes = scores(lesson, verdicts)
    notebook = autograded_notebook(lesson, submission, plan, status, verdicts)
    if autograded.exists():
        shutil.rmtree(autograded)
    write_atomically(
        autograded / lesson.notebook_name, json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    )
    # nbgrader's feedback steps carry these on (the exchange files feedback under both): written anew from what
    # was read and checked, never copied from the upload.
    if submission.timestamp:
        write_atomically(autograded / "timestamp.txt", submission.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    if submission.secret:
        write_atomically(autograded / SECRET, submission.secret)
    timestamp = submission.timestamp.isoformat() if submission.timestamp else None
    return Result(
        student,
        submission.digest,
        points,
        lesson.max_score,
        [printable(p, 300) for p in problems],
        mistakes,
        status.seconds,
        status.isolation,
        timestamp,
        _unanswered(lesson, submission),
    )


def _unanswered(lesson: GradedLesson, submission: Submission) -> list[str] | None:
    """The answer cells left as released (nbgrader comments "No response." on them); None without a notebook."""
    if submission.notebook is None:
        return None
    answers = submission.answers
    return [c.grade_id for c in lesson.cells if c.role == "answer" and answers.get(c.grade_id, c.source) == c.source]
