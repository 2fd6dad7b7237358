"""What every exercise of every lesson must satisfy, whatever its lesson: one test each, over all exercises.

Each lesson's own test file holds what is particular to it: the seed's listings and numbers, plausible wrong
answers (each must fail with its name) and correct variants (each must pass).
"""

import json

import numpy as np
import pytest

from grader import CheckFailed, check, check_hidden
from grader.compare import close
from grader.schema import topic_exercises, topics
from grader.specs import hidden_spec, visible
from grader.wire import encode

EXERCISES = [exercise for topic in topics() for exercise in topic_exercises(topic).values()]


def _inputs(case) -> str:
    return json.dumps(encode(case.args), sort_keys=True)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_reference_passes_its_own_checks(exercise):
    check(exercise.id, exercise.reference)
    check_hidden(exercise.id, exercise.reference)


def _size(value):
    """An array's shape, a list's length with its items' sizes, a table's length; nothing for a number."""
    if isinstance(value, np.ndarray):
        return value.shape
    if isinstance(value, (list, tuple)):
        return (len(value), *sorted({repr(_size(item)) for item in value}))
    if isinstance(value, dict):
        return len(value), *sorted({repr(_size(item)) for item in value.values()})
    return None


def _sizes(case) -> tuple:
    return tuple(_size(arg) for arg in case.args)


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.predict is None], ids=lambda e: e.id)
def test_hidden_cases_ask_what_the_visible_ones_do_not(exercise):
    """No hidden case repeats a visible one, and where inputs have sizes, some hidden case has other sizes."""
    shown = {_inputs(case) for case in exercise.visible}
    hidden = exercise.hidden_cases()
    assert [case.label for case in hidden if _inputs(case) in shown] == [] and len(hidden) >= 2
    shown_sizes = {_sizes(case) for case in exercise.visible}
    if any(size is not None for sizes in shown_sizes for size in sizes):
        assert {_sizes(case) for case in hidden} - shown_sizes


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_declared_mistake_differs_from_the_reference_on_some_case(exercise):
    """A mistake that gives the right answer on every case could never be named (nor would it be a mistake)."""
    with np.errstate(all="ignore"):
        specs = [visible(exercise), hidden_spec(exercise.id)]
    for number, mistake in enumerate(exercise.mistakes):
        outcomes = [(case.fingerprints[number], case.expected) for spec in specs for case in spec.cases]
        differs = [
            f.raised is not None or not close(f.output, expected, exercise.rtol, exercise.atol)
            for f, expected in outcomes
        ]
        assert any(differs), mistake.name


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e.predict is not None], ids=lambda e: e.id)
def test_every_trap_of_a_prediction_fails_and_is_named(exercise):
    """A trap that passed would be a right prediction; one that is not named would never teach its hint."""
    assert exercise.predict.traps or exercise.predict.choices
    for value, mistake in exercise.predict.traps:
        with pytest.raises(CheckFailed, match=f"This looks like: {mistake.name}"):
            check(exercise.id, value)
