"""nbgrader's gradebook, written the way ``nbgrader autograde`` writes it, opened once for a batch."""

from __future__ import annotations

import warnings
from datetime import datetime

from grader.autograde.course import Course
from grader.autograde.journal import Result
from grader.lessons import LessonError


class Gradebook:
    """Grades are committed in groups (the journal holds them all, so a killed batch loses none)."""

    def __init__(self, course: Course, lesson_id: str):
        from nbgrader.api import Gradebook as NbgraderGradebook
        from nbgrader.api import MissingEntry

        self.lesson_id = lesson_id
        self.gradebook = NbgraderGradebook(course.db_url, course.course_id)
        try:
            self.gradebook.find_assignment(lesson_id)
        except MissingEntry:
            self.close()
            raise LessonError(
                f"the gradebook has no lesson {lesson_id!r}: run `nbgrader generate_assignment {lesson_id}` in grader/ first"
            ) from None
        self.students = {student.id for student in self.gradebook.students}
        self.uncommitted = 0

    def record(self, result: Result) -> None:
        """Set one submission's scores; they reach the database at the next ``commit``."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbgrader's own session handling warns on every new submission
            if result.student not in self.students:
                self.gradebook.add_student(result.student)
                self.students.add(result.student)
            extra = {"timestamp": datetime.fromisoformat(result.timestamp)} if result.timestamp else {}
            submission = self.gradebook.update_or_create_submission(self.lesson_id, result.student, **extra)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    grade.auto_score = result.scores.get(grade.name, 0.0)
        self.uncommitted += 1
        if self.uncommitted >= 25:
            self.commit()

    def commit(self) -> None:
        self.gradebook.db.commit()
        self.uncommitted = 0

    def close(self) -> None:
        self.gradebook.close()
