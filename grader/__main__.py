"""Course maintenance from the command line.

python -m grader generate [LESSON ...]   regenerate lessons/, answer keys and check data from solutions/
python -m grader generate --check        fail if any of them differs from a fresh generation
python -m grader generate --force        also replace notebooks in lessons/ that hold work (answers, outputs)
python -m grader list                    lessons and their graded exercises
python -m grader release DIR [--force]   write the students' copy of the course (no answers) into DIR
python -m grader autograde LESSON        grade submissions in a sandbox (see grader/autograde.py)
python -m grader demo                    grade the bundled sample submissions and show the report
python -m grader mutants [LESSON|ID ...] how many changed answers the checks catch and name (see grader/mutants.py)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from grader.generate import generate
from grader.lessons import LessonError, lesson_ids
from grader.sandbox import IsolationUnavailable, Limits
from grader.schema import topic_exercises, topics
from grader.spec import UnknownExercise


def _generate(args: argparse.Namespace) -> int:
    changed = generate(args.lessons, check_only=args.check, force=args.force)
    for lesson_id, files in changed.items():
        if not files:
            print(f"{lesson_id}: up to date")
        elif args.check:
            print(f"{lesson_id}: out of date: {', '.join(files)}; run `make lessons`")
        else:
            print(f"{lesson_id}: regenerated")
    return 1 if args.check and any(changed.values()) else 0


def _list(args: argparse.Namespace) -> int:
    print("lessons:", ", ".join(lesson_ids()))
    for name in topics():
        print(f"{name}: {', '.join(topic_exercises(name))}")
    return 0


def _release(args: argparse.Namespace) -> int:
    from grader.release import build

    files = build(Path(args.folder), force=args.force)
    lessons = sum(1 for path in files if path.suffix == ".ipynb")
    print(
        f"{args.folder}: the students' copy, {lessons} lessons in {len(files)} files; "
        f"install it with `make lab` there, or `pip install {args.folder}`"
    )
    return 0


def _autograde(args: argparse.Namespace) -> int:
    import time

    from tqdm.auto import tqdm

    from grader.autograde import Course, Settings, autograde, batch
    from grader.report import summary, write_report
    from grader.sandbox import Limits

    course = Course.from_config()
    students = args.student or course.students(args.lesson)
    limits = Limits(seconds=args.seconds, memory_bytes=args.memory_mb * 1024**2)
    settings = Settings(limits, "limited" if args.limited_isolation else "namespaces", args.workers, args.scheduler)
    batch.check_isolation(settings.isolation)  # a grader that cannot isolate says so first, whatever there is
    if not students:
        where = f"{course.folder('submitted')}/<student>/{args.lesson}/"
        print(f"{args.lesson}: nothing to grade, no submissions in {where}")
        return 0
    started = time.monotonic()
    with tqdm(total=len(students), unit="submission", desc=args.lesson, disable=None) as bar:
        results = autograde(args.lesson, students, settings, on_result=lambda _: bar.update())
    print(summary(results, time.monotonic() - started))
    paths = write_report(results, course.journal.parent / "reports" / args.lesson, args.lesson)
    print("report: " + ", ".join(str(path) for path in paths.values()))
    return 0


def _demo(args: argparse.Namespace) -> int:
    """Grade the bundled sample submissions in a fresh course folder and show the report."""
    import shutil
    import subprocess

    from grader.lessons import GRADER, nbgrader_environment

    work = Path(os.environ.get("NN_COURSE_WORK") or GRADER / "work") / "demo"
    shutil.rmtree(work, ignore_errors=True)
    os.environ["NN_COURSE_WORK"] = str(work)
    samples = GRADER / "samples" / args.lesson
    if not samples.is_dir():
        raise LessonError(f"no sample submissions for {args.lesson!r} in grader/samples/")
    shutil.copytree(samples, work / "submitted")
    args.student, args.scheduler = None, None
    _autograde(args)
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", args.lesson, "--force"],
        cwd=GRADER,
        env=nbgrader_environment(),
        check=True,
        capture_output=True,
    )
    print(f"feedback for each student: {work / 'feedback'}/<student>/{args.lesson}/{args.lesson}.html")
    return 0


def _mutants(args: argparse.Namespace) -> int:
    from grader.mutants import main as mutants

    return mutants(args.exercises, args.json, args.workers, args.draws, args.every, args.details)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader", description="Maintain the course's lessons.")
    commands = parser.add_subparsers(dest="command", required=True)
    generate_parser = commands.add_parser("generate", help="regenerate student notebooks from solutions")
    generate_parser.add_argument("lessons", nargs="*", help="lesson ids, e.g. 01-forward-propagation (default: all)")
    generate_parser.add_argument("--check", action="store_true", help="only report lessons that are out of date")
    generate_parser.add_argument(
        "--force", action="store_true", help="replace student notebooks in lessons/ even when they hold work"
    )
    generate_parser.set_defaults(run=_generate)
    commands.add_parser("list", help="list lessons and exercises").set_defaults(run=_list)
    release_parser = commands.add_parser("release", help="write the students' copy of the course (no answers)")
    release_parser.add_argument("folder", help="an empty folder (or a missing one) to write it into")
    release_parser.add_argument("--force", action="store_true", help="replace the folder's contents")
    release_parser.set_defaults(run=_release)
    grade_parser = commands.add_parser("autograde", help="grade submissions in a sandbox, into nbgrader's gradebook")
    grade_parser.add_argument("lesson", help="lesson id, e.g. 01-forward-propagation")
    grade_parser.add_argument("--student", action="append", help="grade only this student (repeatable)")
    grade_parser.add_argument(
        "--seconds", type=float, default=Limits.seconds, help=f"time limit per notebook (default {Limits.seconds:g})"
    )
    grade_parser.add_argument(
        "--memory-mb",
        type=int,
        default=Limits.memory_bytes // 1024**2,
        help=f"memory limit per notebook (default {Limits.memory_bytes // 1024**2})",
    )
    grade_parser.add_argument(
        "--limited-isolation",
        action="store_true",
        help="where namespaces cannot be had: confine submissions with Landlock and limits only",
    )
    grade_parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="sandboxes side by side (default: one per core)"
    )
    grade_parser.add_argument(
        "--scheduler", help="grade on this Dask cluster (e.g. tcp://10.0.0.5:8786) instead of locally"
    )
    grade_parser.set_defaults(run=_autograde)
    demo_parser = commands.add_parser("demo", help="grade the bundled sample submissions and show the report")
    demo_parser.add_argument("lesson", nargs="?", default="01-forward-propagation")
    demo_parser.add_argument("--limited-isolation", action="store_true", help="as for autograde")
    demo_parser.set_defaults(
        run=_demo, seconds=Limits.seconds, memory_mb=Limits.memory_bytes // 1024**2, workers=os.cpu_count() or 1
    )
    mutants_parser = commands.add_parser("mutants", help="mutation testing: do the checks catch changed answers?")
    mutants_parser.add_argument("exercises", nargs="*", help="topics or exercise ids, e.g. forward forward.w_sum")
    mutants_parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    mutants_parser.add_argument("--details", action="store_true", help="list missed and contradicted mutants")
    mutants_parser.add_argument("--workers", type=int, help="processes side by side (default: one per core)")
    mutants_parser.add_argument("--draws", type=int, default=3, help="further hidden draws that tell equivalence")
    mutants_parser.add_argument("--every", type=int, default=1, help="run only every N-th mutant of each exercise")
    mutants_parser.set_defaults(run=_mutants)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (LessonError, UnknownExercise, IsolationUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
