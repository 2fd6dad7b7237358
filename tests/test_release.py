"""The students' copy of the course: what it holds, that it works on its own, and that it answers nothing.

The release is built by `python -m grader release` and installed with its own `make setup` into a fresh
virtual environment (the `student_release` fixture); everything it runs here runs with that environment's
Python, outside this repository.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import nbformat
import numpy as np
import pytest
from answers import secrets, shipped_bodies, shipped_predictions
from conftest import outside_the_repository

from grader.attempt import attempt
from grader.checks import judge_visible
from grader.lessons import LESSONS, SOLUTIONS, answer_cells, lesson_ids, notebook_path, topic
from grader.release import DATA_FILES, RUNTIME
from grader.schema import topic_exercises, topics
from grader.specs import visible

pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("student-release")]


def _files(folder: Path) -> set[str]:
    skipped = {".venv", "build", "__pycache__"}
    return {
        str(p.relative_to(folder))
        for p in folder.rglob("*")
        if p.is_file() and not skipped & set(p.relative_to(folder).parts) and ".egg-info" not in str(p)
    }


def _run(release: Path, script: str, *arguments: str) -> subprocess.CompletedProcess:
    """Run ``script`` with the release's Python, in a folder outside this repository."""
    return subprocess.run(
        [str(release / ".venv" / "bin" / "python"), "-c", textwrap.dedent(script), *arguments],
        cwd=release.parent,
        env=outside_the_repository(),
        capture_output=True,
        text=True,
        timeout=1800,
    )


def test_the_release_holds_the_allow_listed_files_and_nothing_else(student_release):
    expected = {"README.md", "Makefile", "pyproject.toml", "LICENSE"}
    expected |= {f"grader/{name}" for name in RUNTIME}
    expected |= {f"grader/checkdata/{name}.json" for name in topics()}
    expected |= {f"helpers/{p.name}" for p in (LESSONS.parent / "helpers").glob("*.py")}
    expected |= {f"helpers/data/{name}" for name in DATA_FILES}
    expected |= {str(p.relative_to(LESSONS.parent)) for p in LESSONS.glob("*/*") if p.is_file()}
    expected |= {
        "jupyter-config/labconfig/page_config.d/nn-from-scratch-lessons.json",
        "jupyter-config/jupyter_server_config.d/nn-from-scratch-lessons.json",
    }
    assert _files(student_release) == expected
    for absent in (
        "solutions",
        ".git",
        "grader/exercises",
        "grader/references",
        "grader/samples",
        "grader/autograde.py",
        "grader/sandbox.py",
        "grader/runner.py",
        "grader/specs.py",
        "grader/schema.py",
        "tests",
    ):
        assert not (student_release / absent).exists(), absent


def test_no_file_holds_an_answer_a_wrong_implementation_or_a_hidden_case_generator(student_release):
    known = secrets()
    assert len(known) > 300, "the scan found fewer answers than the course has"
    found = [
        f"{file}: {name} is {known[body]}" for file, name, body in shipped_bodies(student_release) if body in known
    ]
    assert found == []


def test_no_file_holds_a_prediction_in_plain_form(student_release):
    predictions = [e for name in topics() for e in topic_exercises(name).values() if e.predict is not None]
    assert predictions, "the course has predictions to scan for"
    assert shipped_predictions(student_release) == []


def test_answer_keys_cannot_be_imported_and_hidden_checks_only_announce_grading(student_release):
    result = _run(
        student_release,
        """
        import importlib, grader
        for name in ("grader.exercises", "grader.references", "grader.specs", "grader.schema", "grader.autograde"):
            try:
                importlib.import_module(name)
                print("imported", name)
            except ModuleNotFoundError:
                pass
        from grader import check_hidden
        check_hidden("forward.w_sum", lambda a, b: 0)
        print(grader.__file__)
    """,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Hidden checks of forward.w_sum run when your notebook is graded."
    assert str(student_release / ".venv") in lines[1] and len(lines) == 2


def _with_solution_answers(release: Path, lesson_id: str, folder: Path) -> Path:
    """The release's student notebook of ``lesson_id`` with the solution notebook's answer cells put back."""
    notebook = nbformat.read(release / "lessons" / lesson_id / f"{lesson_id}.ipynb", as_version=4)
    solution = nbformat.read(notebook_path(lesson_id, SOLUTIONS), as_version=4)
    answers = {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in answer_cells(solution)}
    for cell in answer_cells(notebook):
        cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    path = folder / lesson_id / f"{lesson_id}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)
    return path


# Runs in the release's environment: each lesson without its demonstrations, then a probe that asks whether a
# function the lesson *gives* (not one of its answer cells) passes the visible checks of any exercise.
RUN_FILLED = '''
    import json, sys
    from pathlib import Path
    import nbformat
    from grader.progress import execute, read, without_demonstrations

    PROBE = """
    import json as _json, types as _types
    from grader.checks import attempts_on, judge_visible
    from grader.spec import exercise_ids, visible_spec
    _found = []
    for _topic in TOPICS:
        for _id in exercise_ids(_topic):
            _spec = visible_spec(_id)
            _given = globals().get(_spec.function)
            if isinstance(_given, (_types.FunctionType, type)) and _spec.function not in ANSWERS:
                if judge_visible(_spec, attempts_on(_spec, _given)).passed:
                    _found.append(f"{_spec.function} passes the checks of {_id}")
    print("FOUND " + _json.dumps(_found))
    """
    results = {}
    for path in map(Path, sys.argv[2:]):
        notebook = without_demonstrations(path)
        answers = [c.metadata["nbgrader"]["grade_id"] for c in notebook.cells
                   if c.metadata.get("nbgrader", {}).get("solution")]
        probe = PROBE.replace("TOPICS", repr(json.loads(sys.argv[1]))).replace("ANSWERS", repr(answers))
        notebook.cells.append(nbformat.v4.new_code_cell(probe))
        execute(notebook, path.parent)
        text = "".join(o.get("text", "") for o in notebook.cells[-1].outputs if o.get("output_type") == "stream")
        progress = read(path, notebook)
        results[path.stem] = {
            "passed": progress.passed, "not written": progress.not_written, "failed": progress.failed,
            "broken": progress.broken, "given functions that answer": json.loads(text.split("FOUND ", 1)[1]),
        }
    print(json.dumps(results))
'''


@pytest.fixture(scope="session")
def filled_lessons(student_release, tmp_path_factory) -> dict[str, dict]:
    """Every lesson of the release with the solution's answers, run in the release's own environment without its
    demonstrations: what its checks said, and which functions it gives answer an exercise."""
    folder = tmp_path_factory.mktemp("filled")
    paths = [str(_with_solution_answers(student_release, lesson_id, folder)) for lesson_id in lesson_ids()]
    result = _run(student_release, RUN_FILLED, json.dumps(topics()), *paths)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_every_lesson_passes_every_visible_check_in_the_release_with_the_solution_answers(filled_lessons, lesson_id):
    outcome = filled_lessons[lesson_id]
    assert outcome["passed"] and (outcome["not written"], outcome["failed"], outcome["broken"]) == ([], [], []), outcome


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_no_lesson_gives_a_function_that_answers_an_exercise(filled_lessons, lesson_id):
    """A behaviour scan: however a lesson writes a function it gives, that function must pass no exercise's checks."""
    assert filled_lessons[lesson_id]["given functions that answer"] == []


def test_the_progress_report_lists_what_is_left_to_write(student_release):
    lessons = [student_release / "lessons" / lesson_id for lesson_id in lesson_ids()[:2]]
    result = subprocess.run(
        [str(student_release / ".venv" / "bin" / "python"), "-m", "grader.progress", *map(str, lessons)],
        cwd=student_release,
        env=outside_the_repository(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    for lesson in lessons:
        exercises = list(topic_exercises(topic(lesson.name)))
        left = ", ".join(exercises)
        report = f"{lesson.name}: 0 of {len(exercises)} exercises pass their checks\n  not written yet: {left}\n"
        assert report in result.stdout


# Runs in the release's environment: what a student's kernel says to an answer that does exactly what each
# declared mistake does (the mistake's fingerprint in the check data, replayed).
REPLAY = """
    import json, sys
    from grader.checks import judge_visible
    from grader.spec import exercise_ids, visible_spec

    messages = {}
    for topic in json.loads(sys.argv[1]):
        for exercise_id in exercise_ids(topic):
            spec = visible_spec(exercise_id)
            messages[exercise_id] = [
                judge_visible(spec, [case.fingerprints[number] for case in spec.cases]).message
                for number in range(len(spec.mistakes))
            ]
    print(json.dumps(messages))
"""


def _instructor_messages() -> dict[str, list[str]]:
    """What the instructors' checks say to each declared mistake's wrong implementation itself."""
    messages = {}
    for name in topics():
        for exercise in topic_exercises(name).values():
            spec = visible(exercise)
            messages[exercise.id] = [
                judge_visible(
                    spec, [attempt(exercise.call, mistake.implementation, case.args) for case in exercise.visible]
                ).message
                for mistake in exercise.mistakes
            ]
    return messages


def test_every_declared_mistake_gets_the_same_message_in_the_release_as_from_the_instructors_checks(student_release):
    result = _run(student_release, REPLAY, json.dumps(topics()))
    assert result.returncode == 0, result.stderr[-3000:]
    with np.errstate(all="ignore"):  # wrong implementations overflow or divide by zero; that is their business
        here = _instructor_messages()
    assert sum(map(len, here.values())) > 300
    assert json.loads(result.stdout) == here


def test_the_release_command_refuses_a_folder_in_use_and_names_what_to_do(tmp_path, capsys):
    from grader.__main__ import main

    (tmp_path / "notes.txt").write_text("mine")
    assert main(["release", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path} is not empty: choose an empty folder, or pass --force to replace it\n"
    )
    assert (tmp_path / "notes.txt").read_text() == "mine"
