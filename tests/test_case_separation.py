"""Cases chosen to separate: over all exercises, the visible and hidden cases tell answers apart and probe edges.

* The reference and every declared mistake, and every two declared mistakes, differ on at least one case: a
  mistake that behaves like another could never be told from it (two such declarations are one mistake).
* Hidden cases probe, where an exercise's inputs allow: an axis of size 1; a matrix that is not square; an
  entry large enough to overflow exp or tanh when the exercise computes them; a tie (two equal entries, or a
  0) when the answer compares, sorts or takes a maximum.
* An answer that returns the right values but changes its inputs fails the checks.
"""

import ast
import copy

import numpy as np
import pytest

from grader.attempt import Attempt
from grader.checks import attempts_on, judge_hidden, judge_visible
from grader.compare import close
from grader.mutants import definition
from grader.schema import topic_exercises, topics
from grader.spec import visible_spec
from grader.specs import build, hidden_spec

EXERCISES = [exercise for topic in topics() for exercise in topic_exercises(topic).values()]

# Probes an exercise's inputs do not allow, and why.
NOT_PROBED = {
    "chain_rule.sigmoidPrime": {"large": "the lesson's formula e^−z / (1 + e^−z)² is nan for z below about −710"},
    "real_data.prepare_admissions": {"size one": "a table of admissions with one row cannot be split 90/10"},
    "picturing.weight_shapes": {"size one": "its input is a list of layer sizes: [1, 1, 1] is its size one"},
    "picturing.count_weights": {"size one": "its input is a list of layer sizes: [1, 1, 1] is its size one"},
}
# Answers changed in place that the checks cannot see, and why.
IN_PLACE_UNSEEN = {
    "chain_rule.numerical_gradient": "the answer nudges the weights in place by design; the call adapter passes copies",
}


def _same(first, second, rtol, atol) -> bool:
    if first.raised is not None or second.raised is not None:
        return first.raised is not None and second.raised is not None and first.raised.name == second.raised.name
    return first.changed_input == second.changed_input and close(first.output, second.output, rtol, atol)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_cases_tell_the_reference_and_every_declared_mistake_apart(exercise):
    with np.errstate(all="ignore"):
        cases = [*build(exercise, exercise.visible).cases, *build(exercise, exercise.hidden_cases()).cases]
    behaviours = {"the reference": [Attempt(output=case.expected) for case in cases]}
    for number, mistake in enumerate(exercise.mistakes):
        label = f"{mistake.name} ({mistake.implementation.__name__})"
        behaviours[label] = [case.fingerprints[number] for case in cases]
    alike = []
    labels = list(behaviours)
    for i, first in enumerate(labels):
        for second in labels[i + 1 :]:
            pairs = zip(behaviours[first], behaviours[second])
            if all(_same(a, b, exercise.rtol, exercise.atol) for a, b in pairs):
                alike.append(f"{first} = {second}")
    assert alike == []


def _arrays(value):
    """Every array of numbers in ``value`` (lists of numbers count as arrays)."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            yield value
        return
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            yield np.asarray(value, dtype=float)
            return
        if value and all(isinstance(v, list) for v in value):
            try:
                yield np.asarray(value, dtype=float)
                return
            except ValueError:  # ragged
                pass
        for item in value:
            yield from _arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays(item)


def _numbers(value):
    """Every number in ``value``, arrays included."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        yield float(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, np.ndarray) and value.dtype.kind in "iuf":
        yield from value.ravel().astype(float)


def _calls(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def _probes(exercise) -> dict[str, bool]:
    """Which probes ``exercise`` needs (its inputs and reference allow them) and whether its hidden cases have them."""
    every = [*exercise.visible, *exercise.hidden_cases()]
    hidden = exercise.hidden_cases()
    arrays = [a for case in every for arg in case.args for a in _arrays(arg)]
    hidden_arrays = [a for case in hidden for arg in case.args for a in _arrays(arg)]
    function = definition(exercise)
    calls = _calls(function)
    asserted = {id(inner) for node in ast.walk(function) if isinstance(node, ast.Assert) for inner in ast.walk(node)}
    compares = any(
        isinstance(node, ast.Compare) and id(node) not in asserted for node in ast.walk(function)
    ) or calls & {
        "max",
        "argmax",
        "maximum",
        "argsort",
        "sort",
        "sorted",
        "min",
        "argmin",
    }
    needed = {
        "size one": (bool(arrays), any(1 in a.shape for a in hidden_arrays)),
        "not square": (
            any(a.ndim >= 2 for a in arrays),
            any(a.ndim >= 2 and a.shape[-1] != a.shape[-2] for a in hidden_arrays),
        ),
        "large": (
            bool(calls & {"exp", "tanh"}),
            any(abs(x) >= 100 for case in hidden for x in _numbers(case.args)),
        ),
        "tie": (
            bool(compares) and bool(arrays),
            any(a.size > 1 and (len(np.unique(a)) < a.size or not a.all()) for a in hidden_arrays),
        ),
    }
    return {probe: has for probe, (needs, has) in needed.items() if needs}


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_hidden_cases_probe_the_edges_the_inputs_allow(exercise):
    try:
        definition(exercise)
    except LookupError:
        pytest.skip("no function of grader/references/ answers it (a prediction the lesson asks for)")
    exempt = NOT_PROBED.get(exercise.id, {})
    assert [probe for probe, has in _probes(exercise).items() if not has and probe not in exempt] == []


def _scribble(value) -> bool:
    """Change ``value`` in place if it can be changed; whether it was."""
    if isinstance(value, np.ndarray) and value.size and value.flags.writeable and value.dtype.kind in "iuf":
        value.flat[0] += 1
        return True
    if isinstance(value, list) and value:
        if isinstance(value[0], (int, float)) and not isinstance(value[0], bool):
            value[0] += 1
            return True
        if isinstance(value[0], str):
            value.append(value[0])
            return True
        return any([_scribble(item) for item in value])
    if type(value).__name__ == "DataFrame":
        value.insert(len(value.columns), "scribbled", 0)
        return True
    return False


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if not isinstance(e.reference, type)], ids=lambda e: e.id)
def test_an_answer_that_changes_its_inputs_fails(exercise):
    """The right values, returned by a function that then writes into every input it can: caught."""
    if exercise.id in IN_PLACE_UNSEEN:
        pytest.skip(IN_PLACE_UNSEEN[exercise.id])
    reference = exercise.reference

    scribbled = []

    def scribbling(*args):
        result = copy.deepcopy(reference(*args))
        scribbled.append(any([_scribble(arg) for arg in args]))
        return result

    with np.errstate(all="ignore"):
        shown, hidden = visible_spec(exercise.id), hidden_spec(exercise.id)
        verdicts = [
            judge_visible(shown, attempts_on(shown, scribbling)),
            judge_hidden(hidden, attempts_on(hidden, scribbling)),
        ]
    if not any(scribbled):
        pytest.skip("no input it receives can be changed in place (numbers, strings, tuples)")
    assert not all(verdict.passed for verdict in verdicts)
