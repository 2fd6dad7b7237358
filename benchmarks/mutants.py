"""How good are the checks: mutation testing of every exercise, with the figures the README quotes.

    python benchmarks/mutants.py [--write]

Runs ``python -m grader mutants`` over every exercise (see grader/mutants.py for what a mutant is and how it
is counted), prints the per-exercise table, the per-lesson totals and the time it took, and with ``--write``
stores the figures of every exercise in benchmarks/mutants.json. The course's goals: caught ≥ 99% of the
non-equivalent mutants, and names that contradict the mutation ≤ 2% of the caught ones.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from grader.mutants import exercise_ids, measure_all, table, totals  # noqa: E402

FIGURES = REPOSITORY / "benchmarks" / "mutants.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"store the figures in {FIGURES.relative_to(REPOSITORY)}")
    parser.add_argument("--workers", type=int, help="processes side by side (default: one per core)")
    args = parser.parse_args()
    started = time.monotonic()
    results = measure_all(exercise_ids([]), args.workers)
    seconds = time.monotonic() - started
    print(table(results))
    print(f"\n{len(results)} exercises in {seconds:.0f} s")
    if args.write:
        figures = {
            "command": "python -m grader mutants --json",
            "exercises": {result.id: result.to_data() for result in results},
            "totals": {key: result.to_data() for key, result in totals(results).items()},
        }
        FIGURES.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"figures: {FIGURES.relative_to(REPOSITORY)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
