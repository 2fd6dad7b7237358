"""Build the :class:`grader.spec.CheckSpec` of an exercise from its definition.

Building runs the reference implementation (for the expected values a case does not print) and every
declared wrong implementation on every case, through the exercise's call adapter, and keeps only what they
returned or raised. Visible specs are written to ``grader/checkdata/<topic>.json`` by ``python -m grader
generate``, for students' kernels; hidden specs are built where grading happens, and never written.
"""

from __future__ import annotations

import functools

import numpy as np

from grader.adapters import adapter_name
from grader.attempt import attempt
from grader.dependencies import dependencies
from grader.schema import Case, Exercise, find, topic_exercises
from grader.spec import CaseSpec, CheckSpec, Sealed
from grader.wire import Opaque, decode, encode


def build(exercise: Exercise, cases: list[Case]) -> CheckSpec:
    """The spec of ``exercise`` on ``cases``, each with its expected value and every mistake's fingerprint."""
    built = []
    with np.errstate(all="ignore"):  # wrong implementations overflow or divide by zero; that is their business
        for case in cases:
            expected = exercise.expected(case)
            fingerprints = tuple(
                attempt(exercise.call, mistake.implementation, case.args) for mistake in exercise.mistakes
            )
            built.append(CaseSpec(case.args, expected, case.label, fingerprints))
    return CheckSpec(
        exercise.id,
        exercise.function,
        exercise.returns,
        exercise.rtol,
        exercise.atol,
        adapter_name(exercise.call),
        tuple(exercise.mistakes),
        tuple(built),
        _sealed(exercise, built),
    )


def _sealed(exercise: Exercise, built: list[CaseSpec]) -> Sealed | None:
    """A prediction's answer sealed, when its one case is built (hidden specs have none)."""
    if exercise.predict is None or not built:
        return None
    rule = exercise.predict
    return Sealed.of(exercise.id, built[0].expected, rule.hint, rule.tolerance, rule.choices, rule.traps)


def visible(exercise: Exercise) -> CheckSpec:
    return build(exercise, exercise.visible)


@functools.cache
def hidden_spec(exercise_id: str) -> CheckSpec:
    """The hidden checks of ``exercise_id`` (built once per process: the cases are seeded)."""
    exercise = find(exercise_id)
    return build(exercise, exercise.hidden_cases())


class NotPlainData(ValueError):
    """A visible case holds a value that cannot be written as check data."""


def _plain(value, where: str) -> None:
    """Raise NotPlainData when ``value`` would not come back whole from check data."""
    decoded = decode(encode(value))

    def walk(item) -> None:
        if isinstance(item, Opaque):
            raise NotPlainData(f"{where}: a {item.type_name} cannot be written as check data")
        if isinstance(item, (list, tuple)):
            for inner in item:
                walk(inner)
        elif isinstance(item, dict):
            for inner in item.values():
                walk(inner)

    walk(decoded)


def checkdata(topic: str) -> dict:
    """The visible specs of every exercise of ``topic``, as the JSON written to ``grader/checkdata/``."""
    exercises = {}
    for exercise in topic_exercises(topic).values():
        spec = visible(exercise)
        for number, case in enumerate(spec.cases, 1):
            _plain(case.args, f"{exercise.id}, visible case {number}, inputs")
            _plain(case.expected, f"{exercise.id}, visible case {number}, expected value")
            for mistake, fingerprint in zip(spec.mistakes, case.fingerprints):
                _plain(fingerprint.output, f"{exercise.id}, visible case {number}, {mistake.name!r}")
        exercises[exercise.id] = spec.to_data()
    depends = {exercise_id: list(dependencies(exercise_id)) for exercise_id in exercises}
    return {
        "generated": "by `python -m grader generate` from grader/exercises/ and solutions/; do not edit",
        "exercises": exercises,
        "depends": {exercise_id: found for exercise_id, found in depends.items() if found},
    }
