"""Lessons as files: solution notebooks are well formed, student notebooks are generated from them and in sync."""

import shutil
import subprocess
import sys

import nbformat
import pytest
from support import LESSON_IDS, LESSONS, SOLUTIONS, grade_id

import grader.generate
import grader.lessons
from grader.__main__ import main
from grader.generate import generate
from grader.lessons import CHECK_CALL, LessonError, lesson_ids, notebook_path, read_notebook
from grader.schema import topic_exercises


def _test_calls(notebook):
    """[(check or check_hidden, exercise id, function name)] in the order the test cells make them."""
    return [
        match.groups()
        for cell in notebook.cells
        if cell.cell_type == "code"
        for match in CHECK_CALL.finditer(cell.source)
    ]


def test_every_lesson_has_a_solution_and_a_student_notebook():
    assert LESSON_IDS, "no lessons found"
    assert sorted(p.name for p in LESSONS.iterdir() if p.is_dir()) == LESSON_IDS
    for lesson_id in LESSON_IDS:
        assert notebook_path(lesson_id).is_file()
        assert notebook_path(lesson_id, LESSONS).is_file()


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_solution_notebooks_are_committed_without_outputs(lesson_id):
    notebook = read_notebook(notebook_path(lesson_id))
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_cell_is_an_nbgrader_cell_with_a_unique_id_and_only_answers_are_unlocked(lesson_id):
    notebook = read_notebook(notebook_path(lesson_id))
    ids = [grade_id(cell) for cell in notebook.cells]
    assert None not in ids and len(set(ids)) == len(ids)
    for cell in notebook.cells:
        meta = cell.metadata["nbgrader"]
        assert meta["locked"] != meta["solution"], f"{meta['grade_id']}: answer cells open, every other cell locked"
        assert cell.get("id") == meta["grade_id"]


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_exercise_of_the_lesson_is_checked_visibly_then_hidden(lesson_id):
    calls = _test_calls(read_notebook(notebook_path(lesson_id)))
    lesson = {exercise_id.split(".")[0] for _, exercise_id, _ in calls}
    assert len(lesson) == 1, f"one lesson module per notebook, found {lesson}"
    exercises = topic_exercises(lesson.pop())
    # A prediction has nothing hidden to ask: its visible check is its whole grade.
    expected = [
        (kind, e.id, e.function)
        for e in exercises.values()
        for kind in ("check", "check_hidden")
        if kind == "check" or e.predict is None
    ]
    assert calls == expected


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_hidden_checks_are_removed_from_the_student_notebook(lesson_id):
    student = read_notebook(notebook_path(lesson_id, LESSONS))
    assert all(kind == "check" for kind, _, _ in _test_calls(student))
    assert "BEGIN SOLUTION" not in str(student) and "BEGIN HIDDEN TESTS" not in str(student)


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_lessons_are_in_sync_with_a_fresh_generation_from_the_solutions(lesson_id):
    assert generate([lesson_id], check_only=True) == {lesson_id: []}


def test_generate_check_on_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "grader", "generate", "--check", LESSON_IDS[0]], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == f"{LESSON_IDS[0]}: up to date\n"


class TestBadInput:
    @pytest.fixture
    def copies(self, tmp_path, monkeypatch):
        """Copies of solutions/ and lessons/ that the test may break."""
        solutions, lessons = tmp_path / "solutions", tmp_path / "lessons"
        shutil.copytree(SOLUTIONS, solutions)
        shutil.copytree(LESSONS, lessons)
        monkeypatch.setattr(grader.lessons, "SOLUTIONS", solutions)
        monkeypatch.setattr(grader.lessons, "LESSONS", lessons)
        monkeypatch.setattr(grader.generate, "LESSONS", lessons)
        monkeypatch.setattr(grader.lessons, "REPOSITORY", tmp_path)
        return solutions, lessons

    def _run(self, capsys, *argv):
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.err

    def test_a_solution_that_is_not_json_is_named_and_nothing_is_overwritten(self, copies, capsys):
        solutions, lessons = copies
        lesson_id = lesson_ids()[0]
        broken = solutions / lesson_id / f"{lesson_id}.ipynb"
        broken.write_text(broken.read_text()[:-200])
        before = {p: p.read_bytes() for p in lessons.rglob("*") if p.is_file()}
        code, err = self._run(capsys, "generate")
        assert code == 1
        assert err == f"error: solutions/{lesson_id}/{lesson_id}.ipynb: not valid JSON (line {err.split('(line ')[1]}"
        assert err.count("\n") == 1
        assert before == {p: p.read_bytes() for p in lessons.rglob("*") if p.is_file()}

    def test_a_solution_that_is_not_a_notebook_is_named(self, copies, capsys):
        solutions, _ = copies
        lesson_id = lesson_ids()[0]
        (solutions / lesson_id / f"{lesson_id}.ipynb").write_text('{"cells": "none"}')
        code, err = self._run(capsys, "generate", lesson_id)
        assert code == 1 and err.startswith(f"error: solutions/{lesson_id}/{lesson_id}.ipynb: ")
        assert err.count("\n") == 1

    def test_a_missing_lesson_is_named(self, copies, capsys):
        code, err = self._run(capsys, "generate", "99-no-such-lesson")
        assert code == 1
        assert err.startswith("error: no lesson '99-no-such-lesson' in solutions/ (lessons: ") and err.count("\n") == 1

    @pytest.mark.parametrize("work", ["an answer", "outputs"])
    def test_a_lesson_holding_work_is_kept_unless_forced(self, copies, capsys, work):
        _, lessons = copies
        lesson_id = lesson_ids()[0]
        path = lessons / lesson_id / f"{lesson_id}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        if work == "an answer":
            answer = next(cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution"))
            answer.source = answer.source.replace("raise NotImplementedError", "return 0  #")
        else:
            cell = next(cell for cell in notebook.cells if cell.cell_type == "code")
            cell.outputs = [nbformat.v4.new_output("stream", text="3.14\n")]
        nbformat.write(notebook, path)
        mine = path.read_bytes()

        code, err = self._run(capsys, "generate", lesson_id)
        assert code == 1 and err.count("\n") == 1
        assert f"lessons/{lesson_id}/{lesson_id}.ipynb holds work (answers or outputs)" in err and "--force" in err
        assert path.read_bytes() == mine

        assert self._run(capsys, "generate", "--force", lesson_id) == (0, "")
        assert path.read_bytes() == (LESSONS / lesson_id / f"{lesson_id}.ipynb").read_bytes()

    def test_a_missing_solution_notebook_is_named(self, copies, capsys):
        solutions, _ = copies
        lesson_id = lesson_ids()[0]
        (solutions / lesson_id / f"{lesson_id}.ipynb").unlink()
        with pytest.raises(LessonError, match=f"^solutions/{lesson_id}/{lesson_id}.ipynb: no such notebook$"):
            generate([lesson_id])


def test_list_names_lessons_and_exercises(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert LESSON_IDS[0] in out and "forward.w_sum" in out
