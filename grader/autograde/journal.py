"""The journal: each finished submission's result, written before its grades reach the gradebook.

A batch that is killed resumes from it without regrading a submission whose files are unchanged (the
digest of what was read says so), and the same submission always gets the same score.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Result:
    """One submission's outcome, as kept in the journal and shown in the batch report."""

    student: str
    digest: str
    scores: dict[str, float]
    max_score: float
    problems: list[str]
    mistakes: dict[str, list[str]]  # exercise id -> mistakes named (empty: failed, no mistake recognised)
    seconds: float
    isolation: str
    timestamp: str | None = None  # when the student submitted (nbgrader's timestamp.txt), ISO 8601
    unanswered: list[str] | None = None  # answer cells left as released; None: no notebook was graded

    @property
    def score(self) -> float:
        return sum(self.scores.values())


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, path)


def record(journal: Path, result: Result) -> None:
    write_atomically(journal / f"{result.student}.json", json.dumps(asdict(result)))


def recorded(journal: Path, student: str, digest: str) -> Result | None:
    """The journal's result for ``student``, if it was for these very files."""
    try:
        entry = Result(**json.loads((journal / f"{student}.json").read_text()))
    except (OSError, ValueError, TypeError):
        return None
    return entry if entry.digest == digest else None
