"""The trusted grader writes nbgrader's gradebook exactly as ``nbgrader autograde`` writes it.

The same submissions (lesson 01's samples, and one of them handed in late) are graded twice, in two
courses: by plain ``nbgrader autograde`` and by ``python -m grader autograde``. Every row nbgrader's
Formgrader and ``nbgrader export`` read is then compared field by field: scores, manual-grade flags,
comments, timestamps and late penalties. Only the broken sample is left out: plain nbgrader cannot read it
at all (the trusted grader scores it 0 with a reason, which other tests check).
"""

import shutil
from datetime import datetime

import pytest

from grader.autograde import Settings, autograde
from grader.autograde.course import Course as CourseSettings
from grader.lessons import GRADER
from grader.sandbox import Limits

pytestmark = pytest.mark.notebook

LESSON = "01-forward-propagation"
SAMPLES = GRADER / "samples" / LESSON
STUDENTS = ["ada-correct", "ben-partly-wrong", "dee-not-started"]
DUE = datetime(2026, 3, 1, 12, 0, 0)
# ada-correct's work handed in three days after the lesson was due.
LATE = ("eve-late", "ada-correct", "2026-03-04 09:30:00.000000 UTC")
# A course that gives late work no marks, configured as an instructor would (nbgrader's own plugin).
PENALTY = "zero"


def _submit(course) -> None:
    for student in STUDENTS:
        shutil.copytree(SAMPLES / student, course.work / "submitted" / student)
    late, sample, timestamp = LATE
    shutil.copytree(SAMPLES / sample, course.work / "submitted" / late)
    (course.work / "submitted" / late / LESSON / "timestamp.txt").write_text(timestamp)


def _due(course) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course.work / 'gradebook.db'}") as gradebook:
        gradebook.update_or_create_assignment(LESSON, duedate=DUE)


def _with_late_penalty(from_config):
    """``Course.from_config`` as it reads after an instructor sets the late-submission penalty."""

    def read(cls):
        course = from_config.__func__(cls)
        course.config.LateSubmissionPlugin.penalty_method = PENALTY
        return course

    return read


def _rows(course) -> dict:
    """Everything the gradebook holds about the lesson's submissions, keyed by what identifies each row."""
    from nbgrader.api import Gradebook

    rows = {}
    with Gradebook(f"sqlite:///{course.work / 'gradebook.db'}") as gradebook:
        for submission in gradebook.assignment_submissions(LESSON):
            student = submission.student_id
            rows[student] = {"timestamp": submission.timestamp, "needs_manual_grade": submission.needs_manual_grade}
            for notebook in submission.notebooks:
                rows[student, notebook.name] = {
                    "late_submission_penalty": notebook.late_submission_penalty,
                    "score": notebook.score,
                    "max_score": notebook.max_score,
                    "needs_manual_grade": notebook.needs_manual_grade,
                }
                for grade in notebook.grades:
                    rows[student, notebook.name, "grade", grade.name] = {
                        field: getattr(grade, field)
                        for field in ("auto_score", "manual_score", "extra_credit", "needs_manual_grade", "max_score")
                    }
                for comment in notebook.comments:
                    rows[student, notebook.name, "comment", comment.name] = {
                        "auto_comment": comment.auto_comment,
                        "manual_comment": comment.manual_comment,
                    }
    return rows


@pytest.fixture(scope="module")
def gradebooks(tmp_path_factory) -> tuple[dict, dict]:
    """(plain nbgrader's gradebook rows, the trusted grader's), for the same submissions."""
    from support import Course

    plain, trusted = (Course(tmp_path_factory.mktemp(name)) for name in ("plain", "trusted"))
    for course in (plain, trusted):
        _submit(course)
        course.nbgrader("generate_assignment", LESSON, "--force")
        _due(course)
    plain.nbgrader("autograde", LESSON, f"--LateSubmissionPlugin.penalty_method={PENALTY}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NN_COURSE_WORK", str(trusted.work))
        patch.setattr(CourseSettings, "from_config", classmethod(_with_late_penalty(CourseSettings.from_config)))
        results = autograde(LESSON, settings=Settings(Limits(seconds=120)))
    assert sorted(result.student for result in results) == sorted([*STUDENTS, LATE[0]])
    return _rows(plain), _rows(trusted)


def test_both_gradebooks_hold_the_same_rows(gradebooks):
    plain, trusted = gradebooks
    assert sorted(map(str, trusted)) == sorted(map(str, plain))
    assert len([key for key in plain if "grade" in key]) == 4 * 14


def test_every_field_is_what_nbgrader_autograde_writes(gradebooks):
    plain, trusted = gradebooks
    differences = {key: (plain[key], trusted[key]) for key in plain if plain[key] != trusted.get(key)}
    assert differences == {}


def test_nothing_needs_a_person_and_the_late_work_loses_its_penalty(gradebooks):
    _, trusted = gradebooks
    assert not any(row.get("needs_manual_grade") for row in trusted.values())
    late = trusted[LATE[0], LESSON]
    assert late["score"] == 21 and late["late_submission_penalty"] == 21
    assert trusted[LATE[0]]["timestamp"] == datetime(2026, 3, 4, 9, 30)
    on_time = trusted[LATE[1], LESSON]
    assert on_time["score"] == on_time["max_score"] == 21 and on_time["late_submission_penalty"] is None
    assert trusted["dee-not-started", LESSON]["score"] == 0
    comments = [row for key, row in trusted.items() if key[0] == "dee-not-started" and "comment" in key]
    unanswered = [row["auto_comment"] for row in comments]
    assert unanswered and set(unanswered) == {"No response."}
