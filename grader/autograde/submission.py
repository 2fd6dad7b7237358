"""One submission through the pipeline: read its upload, plan, run the plan in the sandbox, judge what it
reported, write nbgrader's autograded notebook, and return the result for the journal and the gradebook."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from grader.autograde.journal import Result, write_atomically
from grader.autograde.lesson import GradedLesson
from grader.autograde.notebook import autograded_notebook
from grader.autograde.plan import make_plan
from grader.autograde.text import printable
from grader.autograde.uploads import read_submission
from grader.autograde.verdicts import environment_problems, judge, scores, stopped
from grader.sandbox import RunStatus, Sandbox


def grade_submission(lesson: GradedLesson, student: str, folder: Path, sandbox: Sandbox, workdir: Path,
                     autograded: Path) -> Result:  # fmt: skip
    submission = read_submission(lesson, folder)
    plan = make_plan(lesson, submission)
    if submission.answers or not submission.problems:
        status = sandbox.run(plan.public, plan.hidden, workdir, submission.side_files)
    else:
        status = RunStatus(exit="there was nothing to run", isolation="none")
    verdicts = judge(lesson, plan, status, sandbox.limits)
    problems = list(submission.problems)
    if not status.finished and submission.answers:
        problems.append(stopped(status, sandbox.limits))
    problems += environment_problems(lesson, plan, status)
    points, mistakes = scores(lesson, verdicts)
    notebook = autograded_notebook(lesson, submission, plan, status, verdicts)
    if autograded.exists():
        shutil.rmtree(autograded)
    write_atomically(autograded / lesson.notebook_name, nbformat.writes(notebook))
    timestamp = submission.timestamp.isoformat() if submission.timestamp else None
    return Result(student, submission.digest, points, lesson.max_score, [printable(p, 300) for p in problems],
                  mistakes, status.seconds, status.isolation, timestamp)  # fmt: skip
