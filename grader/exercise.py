"""What an exercise is, and how an exercise id such as ``forward.w_sum`` finds it.

Each lesson has a module in :mod:`grader.exercises` whose ``EXERCISES`` list declares,
for every graded function: its reference implementation, the visible cases (the seed's
own examples with their printed values), a generator of hidden cases, and the mistakes
learners are likely to make.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.compare import Kind
from grader.mistakes import Mistake


class UnknownExercise(LookupError):
    """An exercise id that no lesson declares."""


@dataclass(frozen=True)
class Case:
    """One call of the student's function.

    ``expected`` is given for visible cases (the value the lesson text prints); for hidden
    cases it is left out and computed from the reference implementation.
    ``label`` says what the case exercises without giving away its values.
    """

    args: tuple
    expected: Any = None
    label: str = ""


def call_directly(function: Callable, *args: Any) -> Any:
    return function(*args)


@dataclass(frozen=True)
class Exercise:
    """A graded function (or class) of a lesson.

    ``function``: the name the student defines. ``returns``: a kind from :mod:`grader.compare`.
    ``call(target, *args)``: how a case runs the student's object, the reference and every wrong
    implementation alike; the default calls ``target(*args)``. An exercise on a class passes the class and
    says here which method to call, e.g. ``call=lambda cls, X, y: cls().cost(X, y)``.
    """

    id: str
    function: str
    reference: Callable
    returns: Kind
    visible: list[Case]
    hidden: Callable[[np.random.Generator], list[Case]]
    mistakes: list[Mistake] = field(default_factory=list)
    rtol: float = 1e-7
    atol: float = 1e-9
    call: Callable = call_directly

    def expected(self, case: Case) -> Any:
        """What the reference implementation returns for ``case``."""
        return self.call(self.reference, *copy.deepcopy(case.args))

    def hidden_cases(self) -> list[Case]:
        """The hidden cases, the same on every run (seeded by the exercise id)."""
        rng = np.random.default_rng(zlib.crc32(self.id.encode()))
        return self.hidden(rng)


def lesson_names() -> list[str]:
    import grader.exercises

    return sorted(m.name for m in pkgutil.iter_modules(grader.exercises.__path__))


def lesson_exercises(lesson: str) -> dict[str, Exercise]:
    if lesson not in lesson_names():
        raise UnknownExercise(f"no lesson {lesson!r} (known lessons: {', '.join(lesson_names())})")
    module = importlib.import_module(f"grader.exercises.{lesson}")
    return {exercise.id: exercise for exercise in module.EXERCISES}


def find(exercise_id: str) -> Exercise:
    """Return the exercise called ``exercise_id``; raise :class:`UnknownExercise` with a one-line reason."""
    lesson, dot, _ = str(exercise_id).partition(".")
    if not dot:
        raise UnknownExercise(
            f"unknown exercise {exercise_id!r}: ids look like 'lesson.function', e.g. 'forward.w_sum'"
        )
    exercises = lesson_exercises(lesson)
    if exercise_id not in exercises:
        raise UnknownExercise(f"unknown exercise {exercise_id!r} (lesson {lesson!r} has: {', '.join(exercises)})")
    return exercises[exercise_id]
