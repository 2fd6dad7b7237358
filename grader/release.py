"""The students' copy of the course: the lessons and their instant checks, and nothing that answers them.

``python -m grader release DIR`` writes, from an allow-list:

* ``lessons/``: the student notebooks, as generated from the solutions;
* ``grader/``: the check runtime (compare, name mistakes, judge) and the visible checks as data;
* ``helpers/``: the pictures, widgets and data loaders the lessons use, with the data files they read;
* ``README.md``, ``pyproject.toml`` and ``Makefile`` for students (from ``grader/student/``), and the licence;
* ``jupyter-config/``: Jupyter settings the package installs into its environment, which turn off nbgrader's
  instructor tools (Formgrader, Create Assignment, the course list) in the students' JupyterLab.

No exercise definition, reference or wrong implementation, hidden case, solution, sample submission, git
history or autograder is among them. The release installs on its own (``pip install DIR``, or into a
JupyterHub image) and needs nothing from this repository.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from grader.generate import generate
from grader.lessons import DATA, GRADER, LESSONS, REPOSITORY, LessonError

# The modules a student's kernel imports to run the visible checks.
RUNTIME = [
    "__init__.py",
    "adapters.py",
    "attempt.py",
    "checks.py",
    "compare.py",
    "mistakes.py",
    "progress.py",
    "spec.py",
    "wire.py",
]
DATA_FILES = ["binary.csv", "admissions-prepared.csv", "README.md"]
STUDENT = GRADER / "student"


def _version() -> str:
    return tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]["version"]


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def build(target: Path, force: bool = False, verify: bool = True) -> list[Path]:
    """Write the student release into ``target``; return the files written (relative to ``target``).

    ``target`` must be empty or missing, unless ``force`` (then it is replaced). The generated files must be
    in step with the solutions (``make lessons``), so that the release holds exactly what the tests checked;
    ``verify=False`` skips that check (for the test suite, which checks it on its own).
    """
    target = Path(target).resolve()
    if REPOSITORY.is_relative_to(target) or target in (LESSONS, GRADER, DATA):
        raise LessonError(f"{target}: the release cannot replace the course itself; choose another folder")
    if target.exists() and any(target.iterdir()):
        if not force:
            raise LessonError(f"{target} is not empty: choose an empty folder, or pass --force to replace it")
        shutil.rmtree(target)
    stale = {lesson: files for lesson, files in generate(check_only=True).items() if files} if verify else {}
    if stale:
        raise LessonError(f"generated files are out of date ({', '.join(stale)}): run `make lessons` first")
    files: dict[Path, Path] = {}
    for notebook in sorted(LESSONS.glob("*/*")):
        if notebook.is_file() and ".ipynb_checkpoints" not in notebook.parts:
            files[Path("lessons") / notebook.relative_to(LESSONS)] = notebook
    for name in RUNTIME:
        files[Path("grader") / name] = GRADER / name
    for data in sorted((GRADER / "checkdata").glob("*.json")):
        files[Path("grader/checkdata") / data.name] = data
    for module in sorted((REPOSITORY / "helpers").glob("*.py")):
        files[Path("helpers") / module.name] = module
    for name in DATA_FILES:
        files[Path("helpers/data") / name] = DATA / name
    for name in ("README.md", "Makefile"):
        files[Path(name)] = STUDENT / name
    files[Path("LICENSE")] = REPOSITORY / "LICENSE"
    for setting in sorted((STUDENT / "jupyter-config").rglob("*.json")):
        files[setting.relative_to(STUDENT)] = setting
    for relative, source in files.items():
        _copy(source, target / relative)
    pyproject = (STUDENT / "pyproject.toml").read_text().replace("@VERSION@", _version())
    (target / "pyproject.toml").write_text(pyproject)
    return sorted([*files, Path("pyproject.toml")])
