"""Where a student stands: run every lesson notebook and list which exercises pass their visible checks.

    python -m grader.progress [FOLDER_OR_NOTEBOOK ...]      (default: lessons)

Each notebook runs top to bottom in a fresh kernel, in memory (nothing is saved), without the cells tagged
``skip-when-grading`` (long training runs and data downloads), as the grader runs it. The exit status is 1
when a notebook fails for a reason other than an exercise left to do or a failed check (a missing package,
say), so ``make test`` shows whether this copy of the course works.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SKIP_TAG = "skip-when-grading"
CHECK = re.compile(r'^check\("([\w.]+)", \w+\)$', re.MULTILINE)
EXPECTED_ERRORS = {"CheckFailed", "NotImplementedError"}


@dataclass
class Progress:
    """One notebook's checks: passed, not written yet, failed (with the first line of their message)."""

    notebook: Path
    passed: list[str] = field(default_factory=list)
    not_written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        total = len(self.passed) + len(self.not_written) + len(self.failed)
        lines = [f"{self.notebook.stem}: {len(self.passed)} of {total} exercises pass their checks"]
        lines += [f"  ✗ {exercise}: {reason}" for exercise, reason in self.failed]
        if self.not_written:
            lines.append(f"  not written yet: {', '.join(self.not_written)}")
        lines += [f"  ! {problem}" for problem in self.broken]
        return lines


def _error(cell) -> dict | None:
    return next((out for out in cell.get("outputs", []) if out.get("output_type") == "error"), None)


def execute(notebook, folder: Path, timeout: int = 600) -> None:
    """Run ``notebook`` (in memory) in a fresh kernel whose working folder is ``folder``, past any error."""
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()


def without_demonstrations(path: Path):
    """The notebook at ``path`` without its cells tagged ``skip-when-grading``."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if SKIP_TAG not in cell.metadata.get("tags", [])]
    return notebook


def run(path: Path) -> Progress:
    """Run the notebook at ``path`` without its demonstrations, and read its check cells."""
    notebook = without_demonstrations(path)
    execute(notebook, path.parent)
    return read(path, notebook)


def read(path: Path, notebook) -> Progress:
    """What the check cells of ``notebook`` (run, from ``path``) say."""
    progress = Progress(path)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        error = _error(cell)
        match = CHECK.search(cell.source)
        if match:
            exercise = match.group(1)
            if error is None:
                progress.passed.append(exercise)
            elif "is not written yet" in error["evalue"]:
                progress.not_written.append(exercise)
            else:
                progress.failed.append(
                    (exercise, error["evalue"].splitlines()[0] if error["evalue"] else error["ename"])
                )
        elif error is not None and error["ename"] not in EXPECTED_ERRORS:
            progress.broken.append(f"a cell raised {error['ename']}: {error['evalue'][:200]}")
    return progress


def notebooks(arguments: list[str]) -> list[Path]:
    found = []
    for argument in arguments or ["lessons"]:
        path = Path(argument)
        found += sorted(path.glob("*/*.ipynb")) + sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
    return [path for path in found if ".ipynb_checkpoints" not in path.parts]


def main(arguments: list[str]) -> int:
    paths = notebooks(arguments)
    if not paths:
        print(f"no notebooks in {', '.join(arguments or ['lessons'])}", file=sys.stderr)
        return 1
    broken = False
    for path in paths:
        progress = run(path)
        print("\n".join(progress.lines()), flush=True)
        broken |= bool(progress.broken)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
