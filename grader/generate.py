"""Everything generated from the solution notebooks and the exercise definitions, made anew or checked.

For each lesson (``python -m grader generate [LESSON ...]``):

* ``lessons/<lesson>/``: the student notebook, written by nbgrader's ``generate_assignment`` (each solution
  becomes a stub that raises ``NotImplementedError`` naming the function, hidden checks are removed);
* ``grader/references/<topic>.py``: the answers of the solution notebook (:mod:`grader.extract`);
* ``grader/checkdata/<topic>.json``: the visible checks as data (:mod:`grader.specs`), for students' kernels;
* files in ``data/`` that an exercise module derives from the answers (``GENERATED_DATA``), such as the
  prepared admissions table lessons 04 and 06 load.

Every solution notebook is read before anything is written, so a broken one leaves everything untouched.
With ``check_only`` nothing is written: the result says which files differ from a fresh generation. A student
notebook in ``lessons/`` that holds work (outputs, or an answer that is not the stub) is never replaced unless
``force`` is given: people study in the repository too.
"""

from __future__ import annotations

import concurrent.futures
import filecmp
import importlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from grader.extract import reference_module
from grader.lessons import (
    DATA,
    GRADER,
    LESSONS,
    LessonError,
    check_known,
    generate_assignment,
    notebook_path,
    read_notebook,
    relative,
    topic,
)

REFERENCES = GRADER / "references"
CHECKDATA = GRADER / "checkdata"


def _differences(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ between two folders (or exist in only one)."""
    if not left.is_dir() or not right.is_dir():
        return ["(whole folder)"]
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__", ".ipynb_checkpoints"])
    different = comparison.left_only + comparison.right_only + comparison.diff_files
    different += [f for f in comparison.common_files if not filecmp.cmp(left / f, right / f, shallow=False)]
    for name in comparison.subdirs:
        different += [f"{name}/{path}" for path in _differences(left / name, right / name)]
    return sorted(set(different))


def _holds_work(path: Path, fresh: Path) -> bool:
    """Whether the notebook at ``path`` has outputs, or an answer cell that differs from the fresh stub's."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        stubs = {
            cell["metadata"]["nbgrader"]["grade_id"]: cell["source"]
            for cell in json.loads(fresh.read_text(encoding="utf-8"))["cells"]
            if cell.get("metadata", {}).get("nbgrader", {}).get("solution")
        }
    except (OSError, ValueError, KeyError, TypeError):
        return True  # unreadable: it is not ours to throw away
    for cell in cells:
        if not isinstance(cell, dict):
            return True
        if cell.get("outputs") or cell.get("execution_count"):
            return True
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in stubs and "".join(cell.get("source", "")) != "".join(stubs[grade_id]):
            return True
    return False


def _work_in(lesson_id: str, release: Path) -> list[str]:
    """Notebooks of ``lessons/<lesson_id>/`` that hold work a fresh generation would throw away."""
    return [
        relative(path)
        for path in sorted((LESSONS / lesson_id).glob("*.ipynb"))
        if _holds_work(path, release / lesson_id / path.name)
    ]


def _fresh(topic_name: str) -> None:
    """Forget the topic's modules and built specs, so that what is imported next is read from disk."""
    importlib.invalidate_caches()
    for name in (f"grader.exercises.{topic_name}", f"grader.references.{topic_name}"):
        sys.modules.pop(name, None)
    from grader import spec, specs

    spec.visible_spec.cache_clear()
    spec._topic_data.cache_clear()
    specs.hidden_spec.cache_clear()


def _derived_files(topic_name: str) -> dict[Path, str]:
    """What the topic's checks and data products should hold, from the exercise definitions as they are now."""
    from grader.specs import checkdata

    _fresh(topic_name)
    module = importlib.import_module(f"grader.exercises.{topic_name}")
    files = {CHECKDATA / f"{topic_name}.json": json.dumps(checkdata(topic_name), ensure_ascii=False) + "\n"}
    for name, make in getattr(module, "GENERATED_DATA", {}).items():
        files[DATA / name] = make()
    return files


def _update(files: dict[Path, str], check_only: bool) -> list[str]:
    """Write the files whose text differs from ``files``; return them (relative to the repository)."""
    changed = [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]
    if not check_only:
        for path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[path], encoding="utf-8")
    return [relative(path) for path in changed]


def generate(lessons: list[str] | None = None, check_only: bool = False, force: bool = False) -> dict[str, list[str]]:
    """Regenerate what derives from each lesson (all lessons when none are named); return, per lesson, the
    files that differed from a fresh generation. Raises LessonError, before writing anything, when a notebook
    in ``lessons/`` holds work and ``force`` is not given."""
    lessons = check_known(list(lessons or []))
    topics = {}
    for lesson_id in lessons:
        read_notebook(notebook_path(lesson_id))
        topics[lesson_id] = topic(lesson_id)
    references = {lesson_id: reference_module(lesson_id) for lesson_id in lessons}
    changed = {}
    with tempfile.TemporaryDirectory(prefix="nn-course-generate-") as tmp:
        release = Path(tmp) / "release"
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            # One gradebook each: they run side by side.
            databases = {lesson_id: f"sqlite:///{Path(tmp) / lesson_id}.db" for lesson_id in lessons}
            list(pool.map(lambda lesson_id: generate_assignment(lesson_id, release, databases[lesson_id]), lessons))
        work = [path for lesson_id in lessons for path in _work_in(lesson_id, release)]
        if work and not check_only and not force:
            raise LessonError(
                f"{', '.join(work)} {'holds' if len(work) == 1 else 'hold'} work (answers or outputs) that "
                "regenerating would replace: move it elsewhere (`make lab` works on a copy in my-lessons/), "
                "or pass --force to replace it"
            )
        for lesson_id in lessons:
            differing = [
                f"lessons/{lesson_id}/{path}" for path in _differences(release / lesson_id, LESSONS / lesson_id)
            ]
            if differing and not check_only:
                shutil.rmtree(LESSONS / lesson_id, ignore_errors=True)
                shutil.copytree(release / lesson_id, LESSONS / lesson_id)
            reference = {REFERENCES / f"{topics[lesson_id]}.py": references[lesson_id]}
            differing += _update(reference, check_only)
            differing += _update(_derived_files(topics[lesson_id]), check_only)
            changed[lesson_id] = differing
    return changed
