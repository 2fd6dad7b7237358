"""Course maintenance from the command line.

    python -m grader generate [LESSON ...]   regenerate lessons/ from solutions/
    python -m grader generate --check        fail if lessons/ differs from a fresh generation
    python -m grader list                    lessons and their graded exercises
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader", description="Maintain the course's lessons.")
    commands = parser.add_subparsers(dest="command", required=True)
    generate_parser = commands.add_parser("generate", help="regenerate student notebooks from solutions")
    generate_parser.add_argument("lessons", nargs="*", help="lesson ids, e.g. 01-forward-propagation (default: all)")
    generate_parser.add_argument("--check", action="store_true", help="only report lessons that are out of date")
    generate_parser.set_defaults(run=_generate)
    commands.add_parser("list", help="list lessons and exercises").set_defaults(run=_list)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (LessonError, UnknownExercise) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
