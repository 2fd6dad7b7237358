"""What an exercise is, and how an exercise id such as ``forward.w_sum`` finds it.

Each lesson's topic (``forward`` for ``01-forward-propagation``) has a module in :mod:`grader.exercises`
whose ``EXERCISES`` list declares, for every graded function: the visible cases (the seed's own examples with
their printed values), a generator of hidden cases (seeded, so every run grades the same), and the mistakes
learners are likely to make, each with a wrong implementation. The reference implementation is the answer in
the lesson's solution notebook, extracted into :mod:`grader.references` (see :mod:`grader.extract`).
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from grader.adapters import call_directly, value_of
from grader.compare import Kind
from grader.mistakes import Mistake
from grader.spec import UnknownExercise

# A case's expected value when the reference implementation gives it (hidden cases, and visible cases whose
# value the lesson text does not print).
COMPUTED = object()


@dataclass(frozen=True)
class Case:
    """One call of the student's function.

    ``expected`` is the value the lesson text prints, for visible cases; left out, it is what the reference
    implementation returns. ``label`` says what the case exercises without giving away its values.
    """

    args: tuple
    expected: Any = COMPUTED
    label: str = ""


@dataclass(frozen=True)
class Prediction:
    """What a predict-then-check exercise accepts: a number within ``tolerance`` of the answer, or one of
    ``choices``. ``hint`` teaches when a prediction is wrong; ``traps`` are likely wrong predictions, each with
    the :class:`Mistake` it shows (``(value, Mistake)`` pairs)."""

    hint: str
    tolerance: float | None = None
    choices: tuple[str, ...] = ()
    traps: tuple[tuple[Any, Mistake], ...] = ()


@dataclass(frozen=True)
class Exercise:
    """A graded function (or class) of a lesson.

    ``function``: the name the student defines (and the reference's name in the solution notebook).
    ``returns``: a kind from :mod:`grader.compare`. ``call``: an adapter from :mod:`grader.adapters` when a case
    runs the student's object some other way than ``function(*args)`` (a method of a class, say).
    """

    id: str
    function: str
    returns: Kind
    visible: list[Case]
    hidden: Callable[[np.random.Generator], list[Case]]
    mistakes: list[Mistake] = field(default_factory=list)
    rtol: float = 1e-7
    atol: float = 1e-9
    call: Callable = call_directly
    predict: Prediction | None = None

    @property
    def topic(self) -> str:
        return self.id.partition(".")[0]

    @property
    def reference(self) -> Callable:
        """The answer of the lesson's solution notebook."""
        return getattr(importlib.import_module(f"grader.references.{self.topic}"), self.function)

    def expected(self, case: Case) -> Any:
        """What ``case`` expects: its printed value, or what the reference implementation returns."""
        if case.expected is not COMPUTED:
            return case.expected
        return self.call(self.reference, *copy.deepcopy(case.args))

    def hidden_cases(self) -> list[Case]:
        """The hidden cases, the same on every run (seeded by the exercise id)."""
        rng = np.random.default_rng(zlib.crc32(self.id.encode()))
        return self.hidden(rng)

    def carried_over(self, topic: str) -> Exercise:
        """This exercise asked again in a later lesson's ``topic``, whose solution notebook answers it too.

        A lesson that builds on an earlier answer asks for it again rather than give it away; the cases and
        mistakes stay the earlier lesson's (the hidden cases are drawn anew: they are seeded by the new id).
        """
        return replace(self, id=f"{topic}.{self.function}")


def no_hidden_cases(rng: np.random.Generator) -> list[Case]:
    """A prediction has nothing hidden to ask: its visible check is its whole grade."""
    return []


def prediction(exercise_id: str, name: str, hint: str, *, tolerance=None, choices=(), traps=()) -> Exercise:
    """A predict-then-check exercise: the student assigns a value to ``name`` before a lesson shows it.

    The answer is the solution notebook's, as for a function (``diverging_input = 4.47`` in its answer cell).
    Give ``tolerance`` for a number, ``choices`` for a choice; the check data holds the answer sealed
    (:class:`grader.spec.Sealed`), so a student's copy of the course does not contain it.
    """
    if (tolerance is None) == (not choices):
        raise ValueError(f"{exercise_id}: a prediction is a number with a tolerance, or one of some choices")
    return Exercise(
        id=exercise_id,
        function=name,
        returns="choice" if choices else "number",
        visible=[Case((), label="your prediction")],
        hidden=no_hidden_cases,
        call=value_of,
        predict=Prediction(hint, tolerance, tuple(choices), tuple(traps)),
    )


def topics() -> list[str]:
    import grader.exercises

    return sorted(m.name for m in pkgutil.iter_modules(grader.exercises.__path__))


def topic_exercises(topic: str) -> dict[str, Exercise]:
    if topic not in topics():
        raise UnknownExercise(f"no lesson {topic!r} (known lessons: {', '.join(topics())})")
    module = importlib.import_module(f"grader.exercises.{topic}")
    return {exercise.id: exercise for exercise in module.EXERCISES}


def find(exercise_id: str) -> Exercise:
    """Return the exercise called ``exercise_id``; raise :class:`UnknownExercise` with a one-line reason."""
    topic, dot, _ = str(exercise_id).partition(".")
    if not dot:
        raise UnknownExercise(
            f"unknown exercise {exercise_id!r}: ids look like 'lesson.function', e.g. 'forward.w_sum'"
        )
    exercises = topic_exercises(topic)
    if exercise_id not in exercises:
        raise UnknownExercise(f"unknown exercise {exercise_id!r} (lesson {topic!r} has: {', '.join(exercises)})")
    return exercises[exercise_id]
