"""Mutation testing as a standing measure (grader/mutants.py): the operators, and floors the checks keep.

The full measure (``python -m grader mutants``, figures in the README) mutates every exercise's reference; this
test runs a deterministic third of each exercise's mutants, which keeps it within about a minute on two cores.
"""

import ast
from dataclasses import replace

import numpy as np
import pytest

from grader import mistakes
from grader.mistakes import Mistake
from grader.mutants import (
    Checks,
    Mutation,
    changes,
    exercise_ids,
    measure,
    measure_all,
    mutants,
    run_mutant,
    themes_of,
    totals,
)
from grader.schema import Case, find, topic_exercises, topics
from grader.specs import build

# Per lesson, the share of non-equivalent mutants caught: what was measured, minus a little for the sample.
CAUGHT_FLOOR = 0.97
CAUGHT_OVERALL = 0.99
CONTRADICTING_CEILING = 0.02


def _rewrites(source: str) -> set[tuple[str, str]]:
    """Every (operator, rewritten code) the operators make of the nodes of ``source``."""
    tree = ast.parse(source)
    return {(operator, ast.unparse(new)) for node in ast.walk(tree) for operator, new in changes(node)}


def test_arithmetic_is_swapped_signs_flipped_and_terms_dropped():
    rewrites = _rewrites("a - b")
    assert {
        ("plus/minus swapped", "a + b"),
        ("sign flipped", "b - a"),
        ("term dropped", "a"),
        ("term dropped", "-b"),
    } <= rewrites
    assert {("times/divide swapped", "a / b"), ("operation swapped", "a + b"), ("factor dropped", "b")} <= _rewrites(
        "a * b"
    )
    assert ("operation swapped", "a * b") in _rewrites("a ** b")
    assert ("plus/minus swapped", "w -= d") in _rewrites("w += d")
    assert ("sign flipped", "x") in _rewrites("-x")
    assert ("sign flipped", "return -(a * b)") in _rewrites("return a * b")


def test_operands_are_transposed_and_swapped():
    rewrites = _rewrites("x.dot(w.T)")  # the replacement of w.T is w
    assert {("transposed", "w.T.dot(x)"), ("transposed", "w"), ("transposed", "x.T.dot(w.T)")} <= rewrites
    assert {("transposed", "b @ a"), ("transposed", "a.T @ b")} <= _rewrites("a @ b")
    assert {("transposed", "np.outer(a.T, b)"), ("arguments swapped", "np.outer(b, a)")} <= _rewrites("np.outer(a, b)")


def test_axes_indices_constants_comparisons_and_returned_values_are_changed():
    axis = _rewrites("np.sum(x, axis=1, keepdims=True)")
    assert {
        ("axis changed", "np.sum(x, axis=0, keepdims=True)"),
        ("axis changed", "np.sum(x, axis=-1, keepdims=True)"),
        ("axis changed", "np.sum(x, keepdims=True)"),
        ("axis changed", "np.sum(x, axis=1)"),
    } <= axis
    assert {("off by one", "range(n + 1)"), ("off by one", "range(n - 1)")} <= _rewrites("range(n)")
    assert {("off by one", "x[i + 1]"), ("off by one", "x[1:n]"), ("off by one", "x[:n - 1]")} <= _rewrites(
        "x[i], x[:n]"
    )
    assert {("constant changed", "3"), ("constant changed", "0.25"), ("constant changed", "-2")} <= _rewrites(
        "2, 0.5, -1"
    )
    assert {("comparison changed", "a <= b"), ("comparison changed", "a > b")} <= _rewrites("a < b")
    assert ("returned values swapped", "return (b, a, c)") in _rewrites("return a, b, c")


def test_mutants_are_distinct_and_leave_assertions_and_docstrings_alone():
    exercise = find("forward.w_sum")  # its reference asserts that both lists have the same length
    found = mutants(exercise)
    assert found and all(isinstance(mutation, Mutation) for mutation, _ in found)
    assert not [m for m, _ in found if "len(a) == len(b)" in m.before or "lists" in m.before]
    assert len({ast.unparse(tree) for _, tree in found}) == len(found)


def test_every_mutant_of_a_one_line_answer_is_run_and_caught():
    result = measure("forward.neural_network")  # prediction = input * weight; return prediction
    assert result.missed == [] and result.mutants == result.caught + result.equivalent
    assert result.caught >= 4  # input / weight, input + weight, input, weight, -(input * weight), ...


def test_a_mutant_that_only_further_draws_tell_apart_is_missed_not_equivalent():
    exercise = find("forward.neural_network")
    checks = Checks.of(exercise, draws=0)
    checks.draws = [build(replace(exercise, mistakes=[]), [Case((1000.0, 2.0))])]

    def right_below_a_thousand(input, weight):
        return input * weight if abs(input) < 1000 else 0.0

    mutation = Mutation("constant changed", 1, "a", "b")
    assert run_mutant(checks, mutation, right_below_a_thousand, seconds=5).status == "missed"
    assert run_mutant(checks, mutation, lambda input, weight: weight * input, seconds=5).status == "equivalent"


def test_a_mutant_that_never_returns_is_caught():
    def forever(input, weight):
        while True:
            pass

    outcome = run_mutant(Checks.of(find("forward.neural_network"), 0), Mutation("off by one", 1, "", ""), forever, 0.2)
    assert outcome.status == "caught"


def test_every_name_a_check_can_show_says_what_kind_of_change_it_describes():
    """A name without themes would count every mutant it names as contradicted: register it in NAME_THEMES."""
    shown = {m.name for m in vars(mistakes).values() if isinstance(m, Mistake)} - {"nothing returned"}
    shown |= {m.name for topic in topics() for e in topic_exercises(topic).values() for m in e.mistakes}
    assert sorted(name for name in shown if not themes_of(name) and name != mistakes.INPUT_CHANGED.name) == []


@pytest.fixture(scope="module")
def sampled():
    with np.errstate(all="ignore"):
        return measure_all(exercise_ids([]), workers=2, every=3)


def test_the_checks_catch_the_mutants(sampled):
    by_lesson = totals(sampled)
    missed = [m for result in sampled for m in result.missed]
    assert by_lesson["all"].shares()["caught"] >= CAUGHT_OVERALL, missed
    assert {k: r.shares()["caught"] for k, r in by_lesson.items() if r.shares()["caught"] < CAUGHT_FLOOR} == {}


def test_names_rarely_contradict_the_mutation(sampled):
    overall = totals(sampled)["all"]
    examples = [c for result in sampled for c in result.contradictions]
    assert overall.shares()["contradicting"] <= CONTRADICTING_CEILING, examples
