"""How long each solution notebook takes to run top to bottom, as a student's "Run All" runs it.

    python benchmarks/lessons.py [LESSON ...]

Each notebook runs in a fresh kernel in its own folder (every cell, demonstrations included); the script
prints the seconds of each and of the whole course, and the slowest cells. The course's goal: every lesson
within 30 s and the whole course within 3 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from grader.lessons import SOLUTIONS, lesson_ids, notebook_path  # noqa: E402


def run(path: Path) -> tuple[float, list[tuple[float, str]]]:
    """Seconds for the whole notebook, and (seconds, first line) of its cells, slowest first."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    folder = {"metadata": {"path": str(path.parent)}}
    client = NotebookClient(notebook, timeout=None, kernel_name="python3", resources=folder)
    started = time.perf_counter()
    cells = []
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            began = time.perf_counter()
            client.execute_cell(cell, index)
            if cell.cell_type == "code" and cell.source.strip():
                cells.append((time.perf_counter() - began, cell.source.strip().splitlines()[0][:60]))
    return time.perf_counter() - started, sorted(cells, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*", help="lesson ids (default: all)")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    total = 0.0
    for lesson_id in args.lessons or lesson_ids():
        seconds, cells = run(notebook_path(lesson_id, SOLUTIONS))
        total += seconds
        slowest = ", ".join(f"{s:.1f} s {line!r}" for s, line in cells[:2])
        print(f"{lesson_id:40s} {seconds:6.1f} s   slowest: {slowest}", flush=True)
    print(f"{'the whole course':40s} {total:6.1f} s")


if __name__ == "__main__":
    main()
