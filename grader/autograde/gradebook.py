"""nbgrader's gradebook, written the way ``nbgrader autograde`` writes it, opened once for a batch.

For each submission, as nbgrader's ``SaveAutoGrades`` and ``AssignLatePenalties`` do: every grade cell gets
its automatic score and needs manual grading only when a grader already gave it a manual score; every answer
cell's automatic comment is "No response." when the student left it as released; the submission's timestamp
comes from ``timestamp.txt`` and the late penalty from the course's late-submission plugin. A missing notebook
scores 0 and needs no manual grade, as in nbgrader. A lesson the gradebook does not know yet is recorded first,
as ``nbgrader generate_assignment`` records it.
"""

from __future__ import annotations

import tempfile
import warnings
from datetime import datetime
from pathlib import Path

from grader.autograde.course import Course
from grader.autograde.journal import Result
from grader.lessons import generate_assignment

NO_RESPONSE = "No response."


class Gradebook:
    """Grades are committed in groups (the journal holds them all, so a killed batch loses none)."""

    def __init__(self, course: Course, lesson_id: str):
        from nbgrader.api import Gradebook as NbgraderGradebook
        from nbgrader.api import MissingEntry
        from nbgrader.preprocessors import AssignLatePenalties

        self.lesson_id = lesson_id
        self.gradebook = NbgraderGradebook(course.db_url, course.course_id)
        try:
            self.gradebook.find_assignment(lesson_id)
        except MissingEntry:
            self.close()
            register(course, lesson_id)
            self.gradebook = NbgraderGradebook(course.db_url, course.course_id)
        penalties = AssignLatePenalties(config=course.config)
        penalties.init_plugin()
        self.late_penalty = penalties.plugin_inst.late_submission_penalty
        self.students = {student.id for student in self.gradebook.students}
        self.uncommitted = 0

    def record(self, result: Result) -> None:
        """Set one submission's grades; they reach the database at the next ``commit``."""
        database = self.gradebook.db
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbgrader's own session handling warns on every new submission
            if result.student not in self.students:
                self.gradebook.add_student(result.student)
                self.students.add(result.student)
            extra = {"timestamp": datetime.fromisoformat(result.timestamp)} if result.timestamp else {}
            submission = self.gradebook.update_or_create_submission(self.lesson_id, result.student, **extra)
            with database.no_autoflush:  # one flush at the end, not one per attribute loaded
                for notebook in submission.notebooks:
                    grades = self._rows("Grade", notebook)
                    for grade in grades:
                        grade.auto_score = result.scores.get(grade.name, 0.0)
                        grade.needs_manual_grade = grade.manual_score is not None
                    if result.unanswered is not None:
                        for comment in self._rows("Comment", notebook):
                            comment.auto_comment = NO_RESPONSE if comment.name in result.unanswered else None
                    notebook.late_submission_penalty = None
                    if submission.total_seconds_late > 0:
                        score = sum(_score(grade) for grade in grades)  # the notebook's own is stale until the flush
                        penalty = self.late_penalty(result.student, score, submission.total_seconds_late)
                        if penalty is not None:
                            notebook.late_submission_penalty = min(max(penalty, 0), score)
        self.uncommitted += 1
        if self.uncommitted >= 25:
            self.commit()

    def _rows(self, table: str, notebook) -> list:
        """A notebook's grades or comments with their cells, in one query (not one per row)."""
        import nbgrader.api
        from sqlalchemy.orm import joinedload

        rows = getattr(nbgrader.api, table)
        return (
            self.gradebook.db.query(rows).options(joinedload(rows.cell)).filter(rows.notebook_id == notebook.id).all()
        )

    def commit(self) -> None:
        self.gradebook.db.commit()
        self.uncommitted = 0

    def close(self) -> None:
        self.gradebook.close()


def _score(grade) -> float:
    """A grade's score as nbgrader's gradebook computes it: the manual score if any, else the automatic one,
    plus extra credit."""
    score = grade.manual_score if grade.manual_score is not None else grade.auto_score
    return (score or 0.0) + (grade.extra_credit or 0.0)


def register(course: Course, lesson_id: str) -> None:
    """Record the lesson's notebook and graded cells in the gradebook, as ``nbgrader generate_assignment`` does.

    Its student version goes to a temporary folder: ``lessons/`` (where people may be working) is never touched.
    """
    with tempfile.TemporaryDirectory(prefix="nn-course-register-") as release:
        generate_assignment(lesson_id, Path(release), course.db_url)
