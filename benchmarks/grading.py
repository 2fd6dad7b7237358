"""Grading cost per submission: plain ``nbgrader autograde`` against the course's trusted autograde.

    python benchmarks/grading.py [--lesson 01-forward-propagation] [--submissions 100] [--growth 10,100,1000]

All graders grade the same batch (solutions, untouched lessons and a wrong answer, in turn) in temporary
courses, one after the other in the same run: plain nbgrader, then the trusted autograde with 1 worker
and with one worker per core. The script prints seconds per submission, submissions per second, the
ratios, the peak memory of the largest grading process, and whether every grader gave every submission
the same score. ``--growth`` then times the trusted autograde (one worker per core) on batches of those
sizes.
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
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", lesson, "--force", release],
        cwd=GRADER,
        env=environment,
        check=True,
        capture_output=True,
    )
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


def _trusted(tmp: Path, name: str, lesson: str, count: int, workers: int) -> tuple[float, float, dict]:
    work = Path(tmp) / name
    environment = _prepare(work, lesson, count)
    command = [sys.executable, "-m", "grader", "autograde", lesson, "--workers", str(workers)]
    seconds, megabytes = _timed(command, environment, REPOSITORY)
    return seconds, megabytes, _scores(work, lesson)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lesson", default="01-forward-propagation")
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--growth", default="", help="comma-separated batch sizes, e.g. 10,100,1000")
    args = parser.parse_args()
    cores, n = os.cpu_count() or 1, args.submissions
    print(f"lesson {args.lesson}, {n} submissions, {cores} cores")
    with tempfile.TemporaryDirectory(prefix="grading-benchmark-") as tmp:
        plain_work = Path(tmp) / "plain"
        plain_env = _prepare(plain_work, args.lesson, n)
        plain, plain_mb = _timed([sys.executable, "-m", "nbgrader", "autograde", args.lesson], plain_env, GRADER)
        reference = _scores(plain_work, args.lesson)
        print(f"plain nbgrader autograde   : {plain:8.2f} s  {n / plain:6.2f} submissions/s  peak {plain_mb:5.0f} MB")
        for workers in sorted({1, cores}):
            seconds, megabytes, scores = _trusted(tmp, f"trusted-{workers}", args.lesson, n, workers)
            print(
                f"trusted, {workers} worker(s)       : {seconds:8.2f} s  {n / seconds:6.2f} submissions/s  "
                f"peak {megabytes:5.0f} MB  {plain / seconds:5.1f}x plain  same scores: {scores == reference}"
            )
        for size in [int(x) for x in args.growth.split(",") if x]:
            seconds, _, _ = _trusted(tmp, f"growth-{size}", args.lesson, size, cores)
            print(
                f"trusted, {cores} workers, {size:5d} submissions: {seconds:8.2f} s  ({seconds / size:.3f} s per "
                "submission)"
            )


if __name__ == "__main__":
    main()
