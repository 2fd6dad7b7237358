"""A submission as hostile data: what is read from ``submitted/<student>/<lesson>/``, and how.

Only regular files are read: a link (to a solution, to ``/dev/zero``), a device, a pipe or a folder that
is a link is never followed, and each file is opened without following links and checked before a byte is
read. Sizes are bounded before reading. Every problem is one line on that submission; none stops a batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from grader.autograde.lesson import GradedLesson

MAX_NOTEBOOK_BYTES = 20 * 1024**2
MAX_SIDE_FILES, MAX_SIDE_BYTES = 200, 20 * 1024**2
MAX_TIMESTAMP_BYTES = 100
# nbgrader's exchange names returned feedback by this file's key (128 hexadecimal digits when nbgrader wrote it).
SECRET, MAX_SECRET_BYTES = "submission_secret.txt", 1000
SKIPPED = {".ipynb_checkpoints", "__pycache__"}


@dataclass
class Upload:
    """The regular files of one submission folder (relative path -> content) and what was wrong with the rest."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    digest: str = ""


def _open_regular(path: Path, parent_fd: int | None = None) -> tuple[int, os.stat_result] | None:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path.name if parent_fd is not None else path, flags, dir_fd=parent_fd)
    except OSError:
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return None
    return fd, info


def _read(fd: int, limit: int) -> bytes:
    with os.fdopen(fd, "rb") as stream:
        return stream.read(limit)


def read_folder(folder: Path, notebook_name: str) -> Upload:
    """Every regular file under ``folder`` (links and special files skipped with a reason), within bounds."""
    upload = Upload()
    if folder.is_symlink() or folder.parent.is_symlink() or not folder.is_dir():  # <student>/<lesson>: neither a link
        upload.problems.append("the submission folder is not a folder (a link?); nothing was read")
        return upload
    total, pending = 0, [Path()]
    while pending:
        relative = pending.pop()
        try:
            entries = sorted(os.scandir(folder / relative), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = relative / entry.name
            shown = printable_name(str(name))
            if entry.name in SKIPPED:
                continue
            if entry.is_symlink():
                upload.problems.append(f"{shown} is a link; it was not followed")
            elif entry.is_dir(follow_symlinks=False):
                pending.append(name)
            elif not entry.is_file(follow_symlinks=False):
                upload.problems.append(f"{shown} is not a regular file; it was not read")
            else:
                limit = MAX_NOTEBOOK_BYTES if entry.name.endswith(".ipynb") else MAX_SIDE_BYTES - total
                opened = _open_regular(folder / name)
                if opened is None:
                    upload.problems.append(f"{shown} could not be opened as a regular file")
                    continue
                fd, info = opened
                if entry.name.endswith(".ipynb") and info.st_size > limit:
                    os.close(fd)
                    upload.problems.append(
                        f"the notebook is too large ({info.st_size // 1024**2} MB; the limit is "
                        f"{MAX_NOTEBOOK_BYTES // 1024**2} MB)"
                    )
                    continue
                if info.st_size > limit or len(upload.files) >= MAX_SIDE_FILES:
                    os.close(fd)
                    upload.problems.append(
                        f"{shown} was not read: the side files may hold {MAX_SIDE_FILES} files and "
                        f"{MAX_SIDE_BYTES // 1024**2} MB in all"
                    )
                    continue
                upload.files[str(name)] = _read(fd, limit + 1)[:limit]
                if not entry.name.endswith(".ipynb"):
                    total += len(upload.files[str(name)])
    digest = hashlib.sha256()
    for name, content in sorted(upload.files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    upload.digest = digest.hexdigest()
    return upload


def printable_name(name: str) -> str:
    """A file name as a report may show it: control characters escaped, cut short."""
    escaped = name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name
    return escaped if len(escaped) <= 80 else escaped[:77] + "..."


@dataclass
class Submission:
    """What grading takes from an upload: the student's answer cells, the side files, and one-line problems."""

    answers: dict[str, str]
    problems: list[str]
    side_files: dict[str, bytes] = field(default_factory=dict)
    timestamp: datetime | None = None
    digest: str = ""
    notebook: str | None = None  # the submitted notebook's name, when there was one to grade
    secret: str | None = None  # the key nbgrader's exchange returns feedback under (submission_secret.txt)


def _code_cells(notebook) -> list[tuple[str | None, str]]:
    """(nbgrader grade id or None, source) of every code cell of a notebook read as plain JSON, whatever its shape."""
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    found = []
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(part for part in source if isinstance(part, str))
        if not isinstance(source, str):
            continue
        metadata = cell.get("metadata")
        nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
        found.append((grade_id if isinstance(grade_id, str) else None, source))
    return found


def _notebook(upload: Upload, name: str, problems: list[str]) -> tuple[str | None, object]:
    """The notebook's name and JSON, or (None, None) with the reason in ``problems``."""
    notebooks = sorted(n for n in upload.files if n.endswith(".ipynb") and "/" not in n)
    if name not in upload.files:
        if len(notebooks) != 1:
            if not any(p.startswith("the notebook") for p in problems):
                problems.append(f"no notebook named {name} was submitted")
            return None, None
        problems.append(f"the notebook was renamed to {printable_name(notebooks[0])}; graded anyway")
        name = notebooks[0]
    content = upload.files[name]
    if not content:
        problems.append("the notebook file is empty")
        return None, None
    try:
        notebook = json.loads(content.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError) as error:
        where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        problems.append(f"the notebook is not valid JSON{where}")
        return None, None
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4 or not isinstance(notebook.get("cells"), list):
        problems.append("the file is not a notebook of the version Jupyter writes (nbformat 4)")
        return None, None
    return name, notebook


def _timestamp(upload: Upload, problems: list[str]) -> datetime | None:
    raw = upload.files.get("timestamp.txt")
    if raw is None:
        return None
    from nbgrader.utils import parse_utc

    try:
        return parse_utc(raw[:MAX_TIMESTAMP_BYTES].decode("ascii").strip())
    except Exception:  # noqa: BLE001 - any text may be in it; nbgrader's parser raises several kinds
        problems.append("timestamp.txt does not hold a date; the submission was graded without one")
        return None


def _secret(upload: Upload, problems: list[str]) -> str | None:
    """The exchange's key for returning feedback, when it has the shape nbgrader's ``submit`` writes."""
    raw = upload.files.get(SECRET)
    if raw is None:
        return None
    secret = raw[:MAX_SECRET_BYTES].strip()
    if not re.fullmatch(rb"[0-9a-f]{16,256}", secret):
        problems.append(f"{SECRET} is not one nbgrader wrote; feedback for it cannot go through the exchange")
        return None
    return secret.decode("ascii")


def read_submission(lesson: GradedLesson, folder: Path) -> Submission:
    """The student's answers, from whatever is in ``folder``; problems are one-line reasons."""
    upload = read_folder(folder, lesson.notebook_name)
    problems = list(upload.problems)
    timestamp, secret = _timestamp(upload, problems), _secret(upload, problems)
    side_files = {
        n: c for n, c in upload.files.items() if not n.endswith(".ipynb") and n not in ("timestamp.txt", SECRET)
    }
    name, notebook = _notebook(upload, lesson.notebook_name, problems)
    if notebook is None:
        return Submission({}, problems, side_files, timestamp, upload.digest, secret=secret)
    cells = _code_cells(notebook)
    answers, seen = {}, set()
    for grade_id, source in cells:
        if grade_id in seen:
            problems.append(f"cell {printable_name(grade_id)} appears more than once; the first one was graded")
        elif grade_id is not None:
            answers[grade_id] = source
            seen.add(grade_id)
    for grade_id, function in lesson.answer_functions().items():
        if grade_id in answers:
            continue
        defining = [
            source for _, source in cells if re.search(rf"^(?:def|class) {re.escape(function)}\b", source, re.M)
        ]
        if defining:
            answers[grade_id] = defining[0]
            problems.append(f"the answer cell for {function} lost its nbgrader id; matched by the function it defines")
        else:
            problems.append(f"the answer cell for {function} is missing")
    wanted = {c.grade_id for c in lesson.cells if c.role == "answer"}
    answers = {k: v for k, v in answers.items() if k in wanted}
    return Submission(answers, problems, side_files, timestamp, upload.digest, name, secret)
