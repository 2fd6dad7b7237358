"""The course as nbgrader configures it (``grader/nbgrader_config.py``), and how a batch is to be graded.

Both are read once per batch: :class:`Course` holds nbgrader's folders and gradebook, :class:`Settings` the
grader's limits, isolation and parallelism. The command line makes a Settings from its options.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from grader.sandbox import Limits


@dataclass(frozen=True)
class Settings:
    """How a batch is graded. ``isolation``: "namespaces" (the default) or "limited" (an explicit choice);
    ``workers`` sandboxes side by side, or the Dask cluster whose scheduler is ``scheduler``."""

    limits: Limits = field(default_factory=Limits)
    isolation: str = "namespaces"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    scheduler: str | None = None


@dataclass(frozen=True)
class Course:
    """nbgrader's folders and gradebook for this course."""

    root: Path
    submitted_directory: str
    autograded_directory: str
    feedback_directory: str
    db_url: str
    course_id: str
    config: object = field(repr=False, compare=False)  # nbgrader's whole configuration (its plugins read it)

    @classmethod
    def from_config(cls) -> Course:
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        from grader.lessons import GRADER

        config = PyFileConfigLoader("nbgrader_config.py", path=str(GRADER)).load_config()
        coursedir = CourseDirectory(config=config)
        return cls(
            Path(coursedir.root),
            coursedir.submitted_directory,
            coursedir.autograded_directory,
            coursedir.feedback_directory,
            coursedir.db_url,
            coursedir.course_id,
            config,
        )

    def folder(self, step: str, student: str = "", lesson_id: str = "") -> Path:
        return self.root / getattr(self, f"{step}_directory") / student / lesson_id

    @property
    def database(self) -> Path:
        return Path(self.db_url.removeprefix("sqlite:///"))

    @property
    def journal(self) -> Path:
        return self.database.parent / "journal"

    def students(self, lesson_id: str) -> list[str]:
        """Students with something in ``submitted/<student>/<lesson>`` (a link counts: it is reported, not followed)."""
        base = self.folder("submitted")
        if not base.is_dir():
            return []
        return sorted(
            entry.name
            for entry in os.scandir(base)
            if entry.is_symlink() or os.path.lexists(os.path.join(entry.path, lesson_id))
        )
