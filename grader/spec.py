"""What the checks of one exercise need, as plain data: a :class:`CheckSpec`.

A spec holds, for every case, the inputs, the expected value, and the *fingerprints* of the exercise's
declared mistakes (what each wrong implementation returned or raised on those inputs). Judging a student's
answers needs nothing more, so the same judge runs in a student's kernel, from the visible specs shipped as
``grader/checkdata/<topic>.json``, and in the trusted grader, from specs built with the hidden cases.

A topic is the first part of an exercise id: ``forward`` in ``forward.w_sum``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.attempt import Attempt, Raised
from grader.compare import Kind, is_number
from grader.mistakes import Mistake
from grader.wire import decode, encode

CHECKDATA = Path(__file__).resolve().parent / "checkdata"


class UnknownExercise(LookupError):
    """An exercise id that no lesson declares."""


@dataclass(frozen=True)
class CaseSpec:
    """One call of the student's function: its inputs, the right answer, and each declared mistake's answer."""

    args: tuple
    expected: Any
    label: str
    fingerprints: tuple[Attempt, ...]


# A predicted number counts within its tolerance: it is rounded to a grid of QUANTA steps per tolerance, and the
# grid points up to QUANTA steps away are tried (so a prediction within the tolerance always passes, and one
# more than 1.25 tolerances away never does).
QUANTA = 4


def prediction_digest(exercise_id: str, key: str) -> str:
    """A salted SHA-256 of one possible prediction (``key``: a choice, or a number's grid point)."""
    return hashlib.sha256(f"nn-from-scratch\n{exercise_id}\n{key}".encode()).hexdigest()


def choice_key(choice) -> str:
    """A choice as compared: case and extra spaces do not matter."""
    return " ".join(str(choice).split()).casefold()


def grid_point(value: float, tolerance: float) -> int:
    return round(value * QUANTA / tolerance)


@dataclass(frozen=True)
class Sealed:
    """A prediction's answer as check data: enough to say right or wrong, never the answer itself.

    ``digest``: :func:`prediction_digest` of the answer (a choice, or a number's grid point). ``tolerance``: how
    far a predicted number may be from the answer (None for a choice among ``choices``). ``traps``: likely wrong
    predictions, sealed alike, each with the mistake it shows. ``hint``: what to think about when wrong.
    """

    hint: str
    digest: str
    tolerance: float | None = None
    choices: tuple[str, ...] = ()
    traps: tuple[tuple[str, Mistake], ...] = ()

    @classmethod
    def of(cls, exercise_id: str, answer, hint: str, tolerance=None, choices=(), traps=()) -> Sealed:
        """Seal ``answer`` and the ``traps`` (``(wrong prediction, Mistake)`` pairs) of a prediction exercise."""

        def seal(value) -> str:
            key = choice_key(value) if tolerance is None else str(grid_point(float(value), tolerance))
            return prediction_digest(exercise_id, key)

        return cls(hint, seal(answer), tolerance, tuple(choices), tuple((seal(v), m) for v, m in traps))

    def matches(self, exercise_id: str, value, digest: str) -> bool:
        """Whether ``value`` (a choice, or a finite number) is the prediction sealed as ``digest``."""
        if self.tolerance is None:
            return prediction_digest(exercise_id, choice_key(value)) == digest
        point = grid_point(float(value), self.tolerance)
        near = range(point - QUANTA, point + QUANTA + 1)
        return any(prediction_digest(exercise_id, str(p)) == digest for p in near)

    def admits(self, value) -> bool:
        """Whether ``value`` is a prediction at all: a finite number, or one of the choices."""
        if self.tolerance is None:
            return isinstance(value, str) and choice_key(value) in map(choice_key, self.choices)
        return is_number(value) and math.isfinite(value)

    def to_data(self) -> dict:
        return {
            "hint": self.hint,
            "digest": self.digest,
            "tolerance": self.tolerance,
            "choices": list(self.choices),
            "traps": [{"digest": d, "name": m.name, "hint": m.hint} for d, m in self.traps],
        }

    @classmethod
    def from_data(cls, data: dict) -> Sealed:
        traps = tuple((t["digest"], Mistake(t["name"], t["hint"])) for t in data["traps"])
        return cls(data["hint"], data["digest"], data["tolerance"], tuple(data["choices"]), traps)


@dataclass(frozen=True)
class CheckSpec:
    """The checks of one exercise. ``call`` names the adapter in :mod:`grader.adapters` that runs the
    student's object on a case (``None``: call it with the case's arguments). A prediction exercise has one
    case without inputs and its answer ``sealed``: its check data holds no expected value."""

    id: str
    function: str
    returns: Kind
    rtol: float
    atol: float
    call: str | None
    mistakes: tuple[Mistake, ...]
    cases: tuple[CaseSpec, ...]
    sealed: Sealed | None = None

    def to_data(self) -> dict:
        sealed = {} if self.sealed is None else {"sealed": self.sealed.to_data()}
        return {
            **sealed,
            "function": self.function,
            "returns": _kind_data(self.returns),
            "rtol": self.rtol,
            "atol": self.atol,
            "call": self.call,
            "mistakes": [{"name": m.name, "hint": m.hint} for m in self.mistakes],
            "cases": [
                {
                    "label": case.label,
                    "args": encode(case.args),
                    "expected": encode(None if self.sealed else case.expected),
                    "fingerprints": [_attempt_data(f) for f in case.fingerprints],
                }
                for case in self.cases
            ],
        }

    @classmethod
    def from_data(cls, exercise_id: str, data: dict) -> CheckSpec:
        return cls(
            exercise_id,
            data["function"],
            _kind(data["returns"]),
            data["rtol"],
            data["atol"],
            data["call"],
            tuple(Mistake(m["name"], m["hint"]) for m in data["mistakes"]),
            tuple(
                CaseSpec(
                    decode(case["args"]),
                    decode(case["expected"]),
                    case["label"],
                    tuple(_attempt(f) for f in case["fingerprints"]),
                )
                for case in data["cases"]
            ),
            Sealed.from_data(data["sealed"]) if "sealed" in data else None,
        )


def _kind_data(kind: Kind):
    return list(map(_kind_data, kind)) if isinstance(kind, tuple) else kind


def _kind(data) -> Kind:
    return tuple(map(_kind, data)) if isinstance(data, list) else data


def _attempt_data(attempt: Attempt) -> dict:
    raised = attempt.raised
    return {
        "output": encode(attempt.output),
        "changed_input": attempt.changed_input,
        "raised": None
        if raised is None
        else {"name": raised.name, "ancestry": list(raised.ancestry), "message": raised.message, "where": raised.where},
    }


def _attempt(data: dict) -> Attempt:
    raised = data["raised"]
    return Attempt(
        output=decode(data["output"]),
        changed_input=data["changed_input"],
        raised=None
        if raised is None
        else Raised(raised["name"], tuple(raised["ancestry"]), raised["message"], raised["where"]),
    )


@functools.cache
def _topic_data(topic: str) -> dict:
    path = CHECKDATA / f"{topic}.json"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CHECKDATA.glob("*.json")))
        raise UnknownExercise(f"no lesson {topic!r} (known lessons: {known})")
    return json.loads(path.read_text(encoding="utf-8"))


def exercise_ids(topic: str) -> list[str]:
    """The exercises of ``topic`` that have visible checks, in lesson order."""
    return list(_topic_data(topic)["exercises"])


@functools.cache
def visible_spec(exercise_id: str) -> CheckSpec:
    """The visible checks of ``exercise_id``, from the check data shipped with the lessons."""
    topic, dot, _ = str(exercise_id).partition(".")
    if not dot:
        raise UnknownExercise(
            f"unknown exercise {exercise_id!r}: ids look like 'lesson.function', e.g. 'forward.w_sum'"
        )
    exercises = _topic_data(topic)["exercises"]
    if exercise_id not in exercises:
        raise UnknownExercise(f"unknown exercise {exercise_id!r} (lesson {topic!r} has: {', '.join(exercises)})")
    return CheckSpec.from_data(exercise_id, exercises[exercise_id])


def dependencies(exercise_id: str) -> tuple[str, ...]:
    """The exercises (ids) of the same lesson whose functions the answer of ``exercise_id`` calls."""
    topic = str(exercise_id).partition(".")[0]
    return tuple(_topic_data(topic).get("depends", {}).get(exercise_id, ()))
