"""Course maintenance from the command line.

    python -m grader generate [LESSON ...]   regenerate lessons/ from solutions/
    python -m grader generate --check        fail if lessons/ differs from a fresh generation
    python -m grader list                    lessons and their graded exercises
    python -m grader autograde LESSON        grade submissions in a sandbox (see grader/autograde.py)
"""

from __future__ import annotations

import argparse
import sys

from grader.exercise import UnknownExercise, lesson_exercises, lesson_names
from grader.lessons import LessonError, generate, lesson_ids


def _generate(args: argparse.Namespace) -> int:
    changed = generate(args.lessons, check_only=args.check)
    for lesson_id, files in changed.items():
        if not files:
            print(f"{lesson_id}: up to date")
        elif args.check:
            print(f"{lesson_id}: lessons/ differs from the solution in {', '.join(files)}; run `make lessons`")
        else:
            print(f"{lesson_id}: regenerated")
    return 1 if args.check and any(changed.values()) else 0


def _list(args: argparse.Namespace) -> int:
    print("lessons:", ", ".join(lesson_ids()))
    for name in lesson_names():
        print(f"{name}: {', '.join(lesson_exercises(name))}")
    return 0


def _autograde(args: argparse.Namespace) -> int:
    from grader.autograde import autograde
    from grader.sandbox import Limits

    limits = Limits(seconds=args.seconds, memory_bytes=args.memory_mb * 1024**2)

    def show(result):
        problems = f"  ({'; '.join(result.problems)})" if result.problems else ""
        print(f"{result.student:<20} {result.score:6.1f} / {result.max_score:<6.1f} {result.seconds:6.2f} s{problems}", flush=True)

    results = autograde(args.lesson, args.student or None, limits, on_result=show)
    print(f"{len(results)} submission(s) of {args.lesson} graded.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader", description="Maintain the course's lessons.")
    commands = parser.add_subparsers(dest="command", required=True)
    generate_parser = commands.add_parser("generate", help="regenerate student notebooks from solutions")
    generate_parser.add_argument("lessons", nargs="*", help="lesson ids, e.g. 01-forward-propagation (default: all)")
    generate_parser.add_argument("--check", action="store_true", help="only report lessons that are out of date")
    generate_parser.set_defaults(run=_generate)
    commands.add_parser("list", help="list lessons and exercises").set_defaults(run=_list)
    grade_parser = commands.add_parser("autograde", help="grade submissions in a sandbox, into nbgrader's gradebook")
    grade_parser.add_argument("lesson", help="lesson id, e.g. 01-forward-propagation")
    grade_parser.add_argument("--student", action="append", help="grade only this student (repeatable)")
    grade_parser.add_argument("--seconds", type=float, default=120.0, help="time limit per notebook (default 120)")
    grade_parser.add_argument("--memory-mb", type=int, default=2048, help="memory limit per notebook (default 2048)")
    grade_parser.set_defaults(run=_autograde)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (LessonError, UnknownExercise) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
