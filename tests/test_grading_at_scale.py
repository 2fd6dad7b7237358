"""Grading many submissions: parallel sandboxes and a Dask cluster give the same scores; reports for instructors."""

import os
import subprocess
import sys

import pytest

from grader.autograde import Result, Settings, autograde
from grader.lessons import REPOSITORY
from grader.report import mistake_counts, summary, write_report
from grader.sandbox import Limits

pytestmark = pytest.mark.notebook

LESSON = "01-forward-propagation"
SAMPLES = REPOSITORY / "grader" / "samples" / LESSON
# ben's stacked_network is right but calls his wrong vect_mat_mul: graded on its own, it keeps its points.
EXPECTED = {"ada-correct": 21.0, "ben-partly-wrong": 13.0, "cy-broken-file": 0.0, "dee-not-started": 0.0}


@pytest.fixture
def sample_course(course, monkeypatch):
    monkeypatch.setenv("NN_COURSE_WORK", str(course.work))
    course.nbgrader("generate_assignment", LESSON, "--force")
    for student in EXPECTED:
        course.submit(student, LESSON, SAMPLES / student / LESSON / f"{LESSON}.ipynb")
    return course


def _scores(results):
    return {r.student: r.score for r in results}


def test_sample_submissions_grade_as_their_names_say(sample_course):
    results = {r.student: r for r in autograde(LESSON, settings=Settings(workers=1))}
    assert _scores(results.values()) == EXPECTED
    assert results["ben-partly-wrong"].mistakes == {
        "forward.ele_mul": ["size hard-coded"],
        "forward.vect_mat_mul": ["transposed weights"],
        "forward.np_stacked_network": ["transposed weights"],
    }
    assert results["cy-broken-file"].problems[0].startswith("the notebook is not valid JSON")


def test_parallel_sandboxes_give_the_same_scores_as_one(sample_course):
    for number in range(6):
        sample_course.submit(f"extra-{number}", LESSON, SAMPLES / "ben-partly-wrong" / LESSON / f"{LESSON}.ipynb")
    parallel = autograde(LESSON, settings=Settings(workers=2))
    for path in (sample_course.work / "journal" / LESSON).glob("*.json"):
        path.unlink()
    serial = autograde(LESSON, settings=Settings(workers=1))
    assert [(r.student, r.scores, r.mistakes) for r in parallel] == [(r.student, r.scores, r.mistakes) for r in serial]


def test_a_dask_cluster_gives_the_same_scores_as_this_machine(sample_course):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = autograde(LESSON, settings=Settings(Limits(seconds=120), scheduler=cluster.scheduler_address))
    assert _scores(on_cluster) == EXPECTED
    for path in (sample_course.work / "journal" / LESSON).glob("*.json"):
        path.unlink()
    assert [(r.scores, r.mistakes) for r in autograde(LESSON)] == [(r.scores, r.mistakes) for r in on_cluster]


def test_the_instructor_demo_grades_the_samples_and_writes_the_report(tmp_path):
    environment = {**os.environ, "NN_COURSE_WORK": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "grader", "demo"],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    for student, score in EXPECTED.items():
        assert f"{student:<24} {score:6.1f} / 21.0" in run.stdout
    assert "4 graded in" in run.stdout and "1 full marks, 1 with problems." in run.stdout
    reports = tmp_path / "demo" / "reports" / LESSON
    assert (reports / "report.png").stat().st_size > 10_000
    assert "forward.vect_mat_mul,transposed weights,1,0.25" in (reports / "mistakes.csv").read_text()
    assert (tmp_path / "demo" / "feedback" / "ben-partly-wrong" / LESSON / f"{LESSON}.html").is_file()


def _result(student, score, mistakes, problems=()):
    return Result(student, "", {"cell": score}, 3.0, list(problems), mistakes, 0.5, "full")


def test_the_report_counts_each_named_mistake_once_per_student_most_common_first(tmp_path):
    results = [
        _result("a", 3.0, {}),
        _result("b", 0.0, {"lesson.f": ["sign flipped", "alpha forgotten"]}),
        _result("c", 1.0, {"lesson.f": ["sign flipped"], "lesson.g": []}),
        _result("d", 0.0, {"lesson.f": ["not written yet"]}, ["no notebook"]),
    ]
    assert mistake_counts(results) == [
        ("lesson.f", "sign flipped", 2),
        ("lesson.f", "alpha forgotten", 1),
        ("lesson.g", "(no mistake recognised)", 1),
        ("lesson.f", "not written yet", 1),
    ]
    paths = write_report(results, tmp_path, "lesson")
    assert paths["scores"].read_text().splitlines()[4] == "d,0.0,3.0,0.5,no notebook"
    assert "lesson.f,sign flipped,2,0.5" in paths["mistakes"].read_text()
    table = summary(results, 2.0)
    assert table.splitlines()[-1] == "4 graded in 2.0 s, 2.00 submissions/s: 1 full marks, 1 with problems."
