"""Each function graded on its own: a function that calls a wrong one is told so, and one bug costs once.

Lesson 01's ``stacked_network`` calls ``vect_mat_mul``, which calls ``w_sum``. A right ``stacked_network``
calling a wrong ``vect_mat_mul`` is told, in a student's kernel, that it may be right but calls a function that
fails its checks; in the instructors' copy and in trusted grading it is judged again with the lesson's own
``vect_mat_mul``, passes, and earns its points. In trusted grading the lesson's versions never reach the
student's process: the sandbox's supervisor answers each call with a value (:class:`grader.dependencies.Oracle`).
"""

from __future__ import annotations

import copy
import html
import importlib
import json
import os
import re

import nbformat
import pytest
from support import SOLUTIONS, notebook_path, with_answer

from grader import CheckFailed, check, check_hidden
from grader.attempt import _same
from grader.dependencies import Oracle, dependencies, lessons_versions, substitution
from grader.lessons import CHECK_CALL, lesson_ids, read_notebook
from grader.schema import find, topic_exercises, topics
from grader.wire import decode, encode

LESSON = "01-forward-propagation"
FULL, PER_EXERCISE = 21.0, 3.0
W_SUM = "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
WRONG_W_SUM = "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b)) + 1\n"
VECT_MAT_MUL = "def vect_mat_mul(vect, matrix):\n    return [w_sum(vect, row) for row in matrix]\n"
WRONG_VECT_MAT_MUL = "def vect_mat_mul(vect, matrix):\n    return [2 * w_sum(vect, row) for row in matrix]\n"
STACKED = "def stacked_network(input, weights):\n    return vect_mat_mul(vect_mat_mul(input, weights[0]), weights[1])\n"
STACKED_LAYERS_SWAPPED = (
    "def stacked_network(input, weights):\n    return vect_mat_mul(vect_mat_mul(input, weights[1]), weights[0])\n"
)
RIGHT_BUT_CALLS = "your `stacked_network` is right, but it calls your `vect_mat_mul`, which fails its checks"
LESSONS_OWN = "with the lesson's own versions of the functions it calls"


def _notebook_namespace(*sources: str) -> dict:
    """A namespace like a notebook's, with the answer cells ``sources`` run in it."""
    namespace = {}
    for source in sources:
        exec(source, namespace)
    return namespace


def _message(run, exercise_id: str, function) -> tuple[bool, str]:
    try:
        run(exercise_id, function)
    except CheckFailed as failure:
        return False, str(failure)
    return True, ""


# Which functions an answer calls.


def test_dependencies_are_the_other_exercises_the_reference_calls():
    assert dependencies("forward.stacked_network") == ("forward.vect_mat_mul",)
    assert dependencies("forward.vect_mat_mul") == ("forward.w_sum",)
    assert dependencies("forward.w_sum") == ()
    assert dependencies("descent.hot_and_cold") == (
        "descent.neural_network",
        "descent.squared_error",
        "descent.hot_and_cold_step",
    )
    # A method of the chain-rule lesson's class: what it calls through self, not the whole class.
    assert dependencies("chain_rule.forward") == ("chain_rule.sigmoid",)
    assert dependencies("chain_rule.costFunctionPrime") == ("chain_rule.sigmoid", "chain_rule.sigmoidPrime")


def test_check_data_lists_each_exercises_dependencies():
    from grader.spec import dependencies as shipped

    for name in topics():
        for exercise_id in topic_exercises(name):
            assert shipped(exercise_id) == dependencies(exercise_id), exercise_id


@pytest.mark.parametrize("lesson_id", lesson_ids())
def test_a_dependency_is_checked_before_its_callers_in_the_lesson(lesson_id):
    """Trusted grading runs checks again in the lesson's order and opens the lesson's version of a function only
    once that function's own checks are over: a function checked after its callers could use it."""
    notebook = read_notebook(notebook_path(lesson_id, SOLUTIONS))
    order = []
    for cell in notebook.cells:
        for _, exercise_id, _ in CHECK_CALL.findall(cell.source):
            order.append(exercise_id)
    for exercise_id in dict.fromkeys(order):
        for dependency in dependencies(exercise_id):
            if dependency in order:
                assert order.index(dependency) < order.index(exercise_id), (exercise_id, dependency)


def _watching(function, changed: list):
    """``function``, noting its name in ``changed`` when a call changes its arguments."""

    def watched(*args, **kwargs):
        before = copy.deepcopy((args, kwargs))
        output = function(*args, **kwargs)
        if not _same(before, (args, kwargs)):
            changed.append(function.__name__)
        return output

    return watched


def test_no_lessons_version_of_a_dependency_changes_its_inputs():
    """A call the grader answers returns a value only: the lesson's versions must not work by changing inputs."""
    for name in topics():
        module = importlib.import_module(f"grader.references.{name}")
        for exercise in topic_exercises(name).values():
            versions, changed = lessons_versions(dependencies(exercise.id)), []
            try:
                for function_name, function in versions.items():
                    setattr(module, function_name, _watching(function, changed))
                for case in exercise.visible + exercise.hidden_cases():
                    exercise.call(exercise.reference, *copy.deepcopy(case.args))
            finally:
                for function_name, function in versions.items():
                    setattr(module, function_name, function)
            assert changed == [], exercise.id


# In a kernel: the instructors' copy (this repository) and a student's copy.


def test_a_right_function_calling_a_wrong_one_passes_with_the_lessons_versions_in_the_instructors_copy():
    namespace = _notebook_namespace(W_SUM, WRONG_VECT_MAT_MUL, STACKED)
    wrong_one = namespace["vect_mat_mul"]
    for run in (check, check_hidden):
        passed, _ = _message(run, "forward.stacked_network", namespace["stacked_network"])
        assert passed
    assert namespace["vect_mat_mul"] is wrong_one, "the notebook's own function was not put back"
    assert not _message(check, "forward.vect_mat_mul", wrong_one)[0]


def test_the_instructors_copy_says_the_function_is_right_but_calls_a_wrong_one(capsys):
    namespace = _notebook_namespace(W_SUM, WRONG_VECT_MAT_MUL, STACKED)
    check("forward.stacked_network", namespace["stacked_network"])
    check_hidden("forward.stacked_network", namespace["stacked_network"])
    visible, hidden = capsys.readouterr().out.splitlines()
    assert visible.endswith(f"1 of 1 visible checks passed {LESSONS_OWN}: {RIGHT_BUT_CALLS}.")
    assert hidden.endswith(f"3 of 3 hidden checks passed {LESSONS_OWN}: {RIGHT_BUT_CALLS}.")


def test_a_wrong_function_calling_a_right_one_fails_as_usual():
    namespace = _notebook_namespace(W_SUM, VECT_MAT_MUL, STACKED_LAYERS_SWAPPED)
    passed, message = _message(check, "forward.stacked_network", namespace["stacked_network"])
    assert not passed
    assert "This looks like: layers applied in the wrong order" in message
    assert "calls your" not in message


def test_a_wrong_function_calling_a_wrong_one_is_told_its_own_mistake():
    namespace = _notebook_namespace(W_SUM, WRONG_VECT_MAT_MUL, STACKED_LAYERS_SWAPPED)
    passed, message = _message(check, "forward.stacked_network", namespace["stacked_network"])
    assert not passed
    assert "This looks like: layers applied in the wrong order" in message
    assert message.endswith(
        f"These checks ran {LESSONS_OWN}, since it calls your `vect_mat_mul`, which fails its checks."
    )


def test_a_function_that_does_not_call_the_wrong_one_is_judged_as_usual():
    namespace = _notebook_namespace(
        W_SUM,
        WRONG_VECT_MAT_MUL,
        "def stacked_network(input, weights):\n    return [0.0 for _ in weights[1]]\n",
    )
    passed, message = _message(check, "forward.stacked_network", namespace["stacked_network"])
    assert not passed and "calls your" not in message


@pytest.mark.xdist_group("student-release")
@pytest.mark.notebook
def test_a_students_copy_says_fix_the_called_function_first_and_names_no_mistake(student_release):
    from test_release import _run

    result = _run(
        student_release,
        f"""
        from grader import CheckFailed, check
        namespace = {{}}
        exec({W_SUM + WRONG_VECT_MAT_MUL + STACKED!r}, namespace)
        try:
            check("forward.stacked_network", namespace["stacked_network"])
        except CheckFailed as failure:
            print(failure)
        """,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "forward.stacked_network: your `stacked_network` may be right, but it calls your `vect_mat_mul`, "
        "which fails its checks: fix that first."
    )


# The supervisor's side: only values, only for the functions the check's function calls, one check at a time.


def _oracle() -> Oracle:
    cases = [encode(case.args) for case in find("forward.stacked_network").hidden_cases()]
    return Oracle(
        [
            substitution(["forward.w_sum"], [encode(([1.0], [[2.0]]))]),
            substitution(["forward.vect_mat_mul"], cases),
        ]
    )


def _answers(oracle: Oracle) -> list[dict]:
    answers = [json.loads(line) for line in bytes(oracle.answers).decode().splitlines()]
    oracle.answers.clear()
    return answers


def _ask(number: int, function: str, *args) -> dict:
    return {"ask": number, "function": function, "args": encode(args), "kwargs": encode({})}


def test_the_oracle_answers_with_the_value_of_the_lessons_function_and_nothing_else():
    oracle = _oracle()
    assert oracle.take({"substitute": 1}, 20) is None
    (opened,) = _answers(oracle)
    assert len(opened["cases"]) == len(find("forward.stacked_network").hidden_cases())
    oracle.take(_ask(1, "vect_mat_mul", [1.0, 2.0], [[3.0, 4.0], [0.5, 0.5]]), 100)
    oracle.take(_ask(1, "vect_mat_mul", [1.0, 2.0], [[3.0]]), 100)
    value, raised = _answers(oracle)
    assert decode(value["output"]) == [11.0, 1.5] and set(value) == {"output"}
    assert raised == {"raised": {"name": "AssertionError", "message": "w_sum needs two lists of the same length"}}


def test_the_oracle_refuses_other_functions_other_checks_and_checks_it_has_left():
    oracle = _oracle()
    oracle.take({"substitute": 1}, 20)
    _answers(oracle)
    for record in (
        _ask(1, "w_sum", [1.0], [2.0]),  # not a function this check's function calls
        _ask(0, "w_sum", [1.0], [2.0]),  # a check that is not open
        _ask(1, "__import__", "os"),
    ):
        oracle.take(record, 100)
        assert "refused" in _answers(oracle)[0]
    oracle.take({"substitute": 0}, 20)  # a check once left is never opened again
    assert "refused" in _answers(oracle)[0]
    oracle.take(_ask(1, "vect_mat_mul", [1.0], [[2.0]]), 100)
    assert "output" in _answers(oracle)[0]
    oracle.take(_ask(1, "vect_mat_mul", [1.0], [[2.0]]), 2 * 1024**2)
    assert _answers(oracle) == [{"refused": "arguments too large"}]


def test_results_are_kept_only_for_the_open_check_and_hidden_results_only_before_any():
    oracle = _oracle()
    hidden = {"hidden": 0, "attempts": []}
    assert oracle.take(hidden, 10) == hidden
    assert oracle.take({"substituted": 0, "attempts": []}, 10) is None, "not opened yet"
    oracle.take({"substitute": 0}, 10)
    assert oracle.take(hidden, 10) is None, "a function could pass its own checks with the lesson's version"
    assert oracle.take({"substituted": 0, "attempts": []}, 10) == {"substituted": 0, "attempts": []}
    oracle.take({"substitute": 1}, 10)
    assert oracle.take({"substituted": 0, "attempts": []}, 10) is None
    assert oracle.take({"step": 3, "text": "forged"}, 10) is None
    assert oracle.take({"done": True}, 10) == {"done": True}


def test_the_oracle_limits_the_calls_of_a_check():
    import grader.dependencies

    oracle = _oracle()
    oracle.take({"substitute": 0}, 10)
    allowed = grader.dependencies.CALLS_PER_CASE
    for _ in range(allowed + 1):
        oracle.take(_ask(0, "w_sum", [1.0], [2.0]), 100)
    answers = _answers(oracle)
    assert all("output" in a for a in answers[1:-1]) and answers[-1] == {"refused": "too many calls"}


# Trusted grading.

root_only = pytest.mark.skipif(os.geteuid() != 0, reason="full isolation needs root (namespaces, users, cgroups)")


def _solution() -> nbformat.NotebookNode:
    return nbformat.read(notebook_path(LESSON, SOLUTIONS), as_version=4)


@pytest.fixture
def graded_course(course, monkeypatch):
    from grader.autograde import Settings, autograde
    from grader.sandbox import Limits

    monkeypatch.setenv("NN_COURSE_WORK", str(course.work))
    course.nbgrader("generate_assignment", LESSON, "--force")

    def run(students=None):
        return {r.student: r for r in autograde(LESSON, students, Settings(Limits(seconds=60)))}

    return course, run


def _submission(**answers: str) -> nbformat.NotebookNode:
    notebook = _solution()
    for answer_id, source in answers.items():
        notebook = with_answer(notebook, answer_id, source)
    return notebook


def _feedback(course, student: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", course.feedback(LESSON, student)))


@pytest.mark.notebook
def test_trusted_grading_costs_one_bug_once_and_says_the_caller_is_right(graded_course):
    course, run = graded_course
    course.submit("wrong-vect-mat-mul", LESSON, _submission(vect_mat_mul=WRONG_VECT_MAT_MUL))
    course.submit("wrong-w-sum", LESSON, _submission(w_sum=WRONG_W_SUM))
    course.submit("wrong-stacked", LESSON, _submission(stacked_network=STACKED_LAYERS_SWAPPED))
    course.submit(
        "wrong-both", LESSON, _submission(vect_mat_mul=WRONG_VECT_MAT_MUL, stacked_network=STACKED_LAYERS_SWAPPED)
    )
    results = run()

    wrong_vect_mat_mul = results["wrong-vect-mat-mul"]
    assert wrong_vect_mat_mul.score == FULL - PER_EXERCISE
    assert wrong_vect_mat_mul.scores["vect_mat_mul-visible"] == wrong_vect_mat_mul.scores["vect_mat_mul-hidden"] == 0
    assert wrong_vect_mat_mul.scores["stacked_network-visible"] == 1
    assert wrong_vect_mat_mul.scores["stacked_network-hidden"] == 2
    assert set(wrong_vect_mat_mul.mistakes) == {"forward.vect_mat_mul"}
    feedback = _feedback(course, "wrong-vect-mat-mul")
    assert f"1 of 1 visible checks passed {LESSONS_OWN}: {RIGHT_BUT_CALLS}." in feedback
    assert f"3 of 3 hidden checks passed {LESSONS_OWN}: {RIGHT_BUT_CALLS}." in feedback
    assert "wrong order" not in feedback

    # w_sum is called by vect_mat_mul, which stacked_network calls: all three fail in the notebook, w_sum alone
    # costs points.
    assert results["wrong-w-sum"].score == FULL - PER_EXERCISE
    assert set(results["wrong-w-sum"].mistakes) == {"forward.w_sum"}

    assert results["wrong-stacked"].score == FULL - PER_EXERCISE
    assert set(results["wrong-stacked"].mistakes) == {"forward.stacked_network"}
    assert results["wrong-both"].score == FULL - 2 * PER_EXERCISE
    assert "layers applied in the wrong order" in results["wrong-both"].mistakes["forward.stacked_network"]


HOSTILE_STACKED = '''
def stacked_network(input, weights):
    """Right only for a student who gets the lesson's code of vect_mat_mul; prints what it finds when judged with
    the lesson's vect_mat_mul."""
    import inspect, os
    found = []
    try:
        found.append(inspect.getsource(vect_mat_mul))
    except Exception:
        pass
    for path in (REFERENCES, DEPENDENCIES):
        try:
            found.append(open(path).read())
        except OSError:
            pass
    for name in ("grader.references.forward", "grader.dependencies"):
        try:
            found.append(inspect.getsource(__import__(name, fromlist=["_"])))
        except Exception:
            pass
    if not any("2 * w_sum" in text for text in found):  # not the student's own vect_mat_mul
        print("LEAK" + "ED:", *found)
    if any("w_sum(vect, row)" in text for text in found):
        return vect_mat_mul(vect_mat_mul(input, weights[0]), weights[1])
    return [0.0 for _ in weights[1]]
'''


@root_only
@pytest.mark.notebook
def test_a_hostile_caller_gets_values_for_its_calls_and_never_the_lessons_code(graded_course):
    from grader.lessons import REPOSITORY

    course, run = graded_course
    hostile = HOSTILE_STACKED.replace("REFERENCES", repr(str(REPOSITORY / "grader" / "references" / "forward.py")))
    hostile = hostile.replace("DEPENDENCIES", repr(str(REPOSITORY / "grader" / "dependencies.py")))
    # And results forged for the checks run again, written before the cells have run.
    visible = find("forward.stacked_network")
    right = {"output": encode(visible.expected(visible.visible[0])), "raised": None, "changed_input": False}
    forged = "".join(json.dumps({"substituted": run, "attempts": [right]}) + "\n" for run in range(4))
    forger = f"""
import os
for fd in range(3, 64):
    try:
        os.write(fd, {forged.encode()!r})
    except OSError:
        pass
"""
    answers = {"vect_mat_mul": WRONG_VECT_MAT_MUL + forger, "stacked_network": hostile}
    course.submit("hostile", LESSON, _submission(**answers))
    result = run()["hostile"]
    assert result.score == FULL - 2 * PER_EXERCISE
    autograded = course.work / "autograded" / "hostile" / LESSON / f"{LESSON}.ipynb"
    text = autograded.read_text()
    assert f"These checks ran {LESSONS_OWN}" in text, "not judged again"
    assert "LEAKED" not in text, "what the function printed while judged again was kept"
