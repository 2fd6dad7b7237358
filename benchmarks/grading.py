"""Grading cost per submission: plain ``nbgrader autograde`` against the course's trusted autograde.

    python benchmarks/grading.py [--lesson 01-forward-propagation] [--submissions 20]

Both grade the same batch (solutions, untouched lessons and a wrong answer, in turn) in a temporary
course, one after the other in the same run; the script prints seconds per submission, the ratio,
the peak memory of the grading processes, and whether both gave every submission the same score.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from grader.lessons import GRADER, LESSONS, REPOSITORY, SOLUTIONS, nbgrader_environment, notebook_path


def _prepare(work: Path, lesson: str, count: int) -> dict:
    environment = {**nbgrader_environment(), "NN_COURSE_WORK": str(work)}
    release = f"--CourseDirectory.release_directory={work / 'release'}"
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", lesson, "--force", release],
                   cwd=GRADER, env=environment, check=True, capture_output=True)  # fmt: skip
    solution = nbformat.read(notebook_path(lesson, SOLUTIONS), as_version=4)
    wrong = nbformat.from_dict(solution)
    answer = next(c for c in wrong.cells if c.metadata["nbgrader"].get("solution"))
    answer.source = answer.source.split("### BEGIN SOLUTION")[0] + "    return None\n"
    kinds = [notebook_path(lesson, SOLUTIONS), notebook_path(lesson, LESSONS), wrong]
    for number in range(count):
        folder = work / "submitted" / f"student-{number:04d}" / lesson
        folder.mkdir(parents=True)
        kind = kinds[number % len(kinds)]
        if isinstance(kind, Path):
            shutil.copy(kind, folder / f"{lesson}.ipynb")
        else:
            nbformat.write(kind, folder / f"{lesson}.ipynb")
    return environment


def _scores(work: Path, lesson: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gradebook:
        return {s.student_id: s.score for s in gradebook.assignment_submissions(lesson)}


def _timed(command: list[str], environment: dict, cwd: Path) -> tuple[float, float]:
    """Wall-clock seconds of ``command``, and the peak memory (MB) of its largest process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=environment, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lesson", default="01-forward-propagation")
    parser.add_argument("--submissions", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as tmp:
        plain_work, trusted_work = Path(tmp) / "plain", Path(tmp) / "trusted"
        plain_env = _prepare(plain_work, args.lesson, args.submissions)
        trusted_env = _prepare(trusted_work, args.lesson, args.submissions)
        plain, plain_mb = _timed([sys.executable, "-m", "nbgrader", "autograde", args.lesson], plain_env, GRADER)
        trusted, trusted_mb = _timed([sys.executable, "-m", "grader", "autograde", args.lesson], trusted_env, REPOSITORY)
        same = _scores(plain_work, args.lesson) == _scores(trusted_work, args.lesson)
    n = args.submissions
    print(f"lesson {args.lesson}, {n} submissions, {os.cpu_count()} cores")
    print(f"plain nbgrader autograde : {plain:7.2f} s  ({plain / n:.3f} s per submission, peak {plain_mb:.0f} MB)")
    print(f"trusted autograde        : {trusted:7.2f} s  ({trusted / n:.3f} s per submission, peak {trusted_mb:.0f} MB)")
    print(f"ratio (plain / trusted)  : {plain / trusted:7.2f}")
    print(f"same scores              : {same}")


if __name__ == "__main__":
    main()
