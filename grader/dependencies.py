"""Which graded functions an exercise's answer calls, and the lesson's own versions of them.

``stacked_network`` calls ``vect_mat_mul``, which calls ``w_sum``: a student whose ``w_sum`` is wrong fails
all three checks although two of the functions are right. So that one bug costs once, an exercise's
*dependencies* are known, and a caller that fails while one of its dependencies fails its own checks is
judged again with the lesson's own versions of its dependencies.

The dependencies are derived from the reference (the solution notebook's answer, :mod:`grader.references`):
the global names its function reads that are other exercises of the same lesson, warm-ups carried over from
earlier lessons included. For a class, from the method the exercise grades and the methods it reaches through
``self``.

In trusted grading the student's function runs in the sandbox and the lesson's versions never go there:
:class:`Oracle` runs in the sandbox's supervisor and answers each call the student's function makes to a
dependency with the value the lesson's version returns (see :mod:`grader.runner` for the other side).
"""

from __future__ import annotations

import ast
import importlib
import json
import signal
from collections.abc import Callable
from pathlib import Path

from grader.attempt import raised_by
from grader.wire import WireError, decode, encode

REFERENCES = Path(__file__).resolve().parent / "references"
CALLS_PER_CASE = 20_000  # hot-and-cold learning calls its step function once per iteration, thousands of times
ASK_BYTES = 1024**2  # the largest call (its arguments, as a JSON line) the oracle answers
ANSWER_BYTES = 16 * 1024**2  # answers not yet read by the student's process
SECONDS_PER_CALL = 2.0


def _definitions(topic: str) -> dict[str, ast.stmt]:
    """The functions and classes of the lesson's reference module, by name."""
    tree = ast.parse((REFERENCES / f"{topic}.py").read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def _names_read(topic: str, function: str, method: str) -> set[str]:
    """The global names the reference ``function`` reads; for a class, ``method`` and the methods it calls."""
    from grader.extract import _free

    node = _definitions(topic).get(function)
    if not isinstance(node, ast.ClassDef):
        return _free(ast.unparse(node)) if node is not None else set()
    methods = {item.name: item for item in node.body if isinstance(item, ast.FunctionDef)}
    pending, reached = [method] if method in methods else list(methods), set()
    while pending:
        name = pending.pop()
        if name in reached:
            continue
        reached.add(name)
        for inner in ast.walk(methods[name]):
            if isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Name) and inner.value.id == "self":
                if inner.attr in methods:
                    pending.append(inner.attr)
    # The reached methods in a class of their own: a method's name is bound in the class, not read globally.
    kept = ast.ClassDef(node.name, [], [], [methods[name] for name in sorted(reached)], [], type_params=[])
    return _free(ast.unparse(ast.fix_missing_locations(kept)))


def dependencies(exercise_id: str) -> tuple[str, ...]:
    """The exercises (ids, in lesson order) whose functions the answer of ``exercise_id`` calls."""
    from grader.schema import topic_exercises

    topic, _, method = exercise_id.partition(".")
    exercises = topic_exercises(topic)
    own = exercises[exercise_id].function
    read = _names_read(topic, own, method)
    definitions = _definitions(topic)
    return tuple(
        other.id
        for other in exercises.values()
        if other.function != own
        and other.function in read
        and isinstance(definitions.get(other.function), ast.FunctionDef)
    )


def lessons_versions(exercise_ids) -> dict[str, Callable]:
    """The lesson's own function of each exercise, by the name students give it."""
    from grader.schema import find

    return {find(exercise_id).function: find(exercise_id).reference for exercise_id in exercise_ids}


def substitution(exercise_ids, cases: list) -> dict:
    """What the supervisor needs to answer for one check run with the lesson's versions of its dependencies:
    each dependency's name with the reference module and function it comes from, and the check's cases."""
    from grader.schema import find

    found = [find(exercise_id) for exercise_id in exercise_ids]
    return {"depends": {e.function: [e.topic, e.function] for e in found}, "cases": cases}


class _Overtime(Exception):
    pass


def _overtime(signum, frame):
    raise _Overtime


class Oracle:
    """The supervisor's side of checks run with the lesson's versions of their dependencies.

    ``runs`` (trusted, from the grader) lists, in order, each run's dependencies and cases. The student's
    process opens the runs one after the other (never one it has opened or passed), gets the run's cases, and
    may then ask for the value of the run's dependencies, within a number of calls, on arguments it sends.
    Only values cross: the lesson's functions run here, imported after the student's process was forked, so
    their code is never in its memory or on its file system. A run's results are kept only while it is open;
    once one is open, results of ordinary hidden checks are no longer kept, so a function cannot earn its own
    points with the values of the lesson's version of itself.
    """

    def __init__(self, runs: list[dict]):
        self.runs, self.current, self.calls = runs, -1, 0
        self.answers = bytearray()
        self._functions: dict[tuple[str, str], Callable] = {}

    def take(self, record: dict, size: int) -> dict | None:
        """Act on one record (of ``size`` bytes) the student's process wrote after its cells ran; return it when
        it is to be kept."""
        if "hidden" in record:
            return record if self.current < 0 else None
        if "substitute" in record:
            number = record["substitute"]
            if isinstance(number, int) and self.current < number < len(self.runs):
                self.current, self.calls = number, 0
                self._answer({"cases": self.runs[number]["cases"]})
            else:
                self._answer({"refused": "no such check"})
            return None
        if "ask" in record:
            self._answer(self._ask(record) if size <= ASK_BYTES else {"refused": "arguments too large"})
            return None
        if "substituted" in record:
            return record if record["substituted"] == self.current and self.current >= 0 else None
        return record if record == {"done": True} else None

    def _ask(self, record: dict) -> dict:
        if record.get("ask") != self.current or self.current < 0:
            return {"refused": "this check is not being run"}
        run = self.runs[self.current]
        target = run["depends"].get(record.get("function"))
        if not isinstance(target, list):
            return {"refused": "only the functions this exercise calls can be asked for"}
        if self.calls >= CALLS_PER_CASE * max(1, len(run["cases"])):
            return {"refused": "too many calls"}
        if len(self.answers) > ANSWER_BYTES:
            return {"refused": "too many answers left unread"}
        self.calls += 1
        try:
            args, kwargs = decode(record.get("args")), decode(record.get("kwargs", {"t": "dict", "items": {}}))
        except (WireError, RecursionError):
            return {"refused": "arguments the grader cannot read"}
        if not isinstance(args, tuple) or not isinstance(kwargs, dict):
            return {"refused": "arguments the grader cannot read"}
        return self._call(self._function(*target), args, kwargs)

    def _function(self, topic: str, name: str) -> Callable:
        if (topic, name) not in self._functions:
            self._functions[(topic, name)] = getattr(importlib.import_module(f"grader.references.{topic}"), name)
        return self._functions[(topic, name)]

    @staticmethod
    def _call(function: Callable, args: tuple, kwargs: dict) -> dict:
        """The value of ``function(*args, **kwargs)``, or the exception it raised (its type and message only)."""
        previous = signal.signal(signal.SIGALRM, _overtime)
        signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_CALL)
        try:
            output = function(*args, **kwargs)
        except _Overtime:
            return {"refused": "the call took too long"}
        except Exception as error:  # noqa: BLE001 - the student's arguments may make the lesson's function raise
            raised = raised_by(error)
            return {"raised": {"name": raised.name, "message": raised.message}}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return {"output": encode(output)}

    def _answer(self, answer: dict) -> None:
        self.answers += (json.dumps(answer) + "\n").encode()
