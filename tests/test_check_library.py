"""The check library: type, then shape, then values; named mistakes; messages that teach and don't leak."""

import numpy as np
import pytest

from grader import CheckFailed, check, check_hidden
from grader.attempt import Attempt, Raised
from grader.compare import close, describe, difference, show
from grader.exercises import forward
from grader.mistakes import (
    AXES_MOVED,
    EXTRA_AXIS,
    INPUT_CHANGED,
    LIST_NOT_ARRAY,
    MISSING_AXIS,
    NO_RETURN,
    OVERFLOW,
    RESULT_TRANSPOSED,
    SCALED,
    SIGN_FLIPPED,
    SUM_MISSING,
    TUPLE_ORDER,
    Mistake,
    diagnose,
    explain,
)
from grader.schema import find
from grader.spec import UnknownExercise

TOLERANCE = dict(rtol=1e-7, atol=1e-9)


class TestDifference:
    def test_type_is_checked_first(self):
        assert (
            difference([1.0], np.array([1.0]), "array", **TOLERANCE) == "expected a NumPy array, got a list of 1 number"
        )
        assert (
            difference(np.array([1.0]), [1.0], "list", **TOLERANCE)
            == "expected a list, got a NumPy array of shape (1,)"
        )
        assert difference(None, 1.0, "number", **TOLERANCE) == "expected a number, got None"
        assert difference(True, 1.0, "number", **TOLERANCE) == "expected a number, got a bool (True)"

    def test_then_shape(self):
        assert (
            difference(np.zeros((3, 1)), np.zeros(3), "array", **TOLERANCE) == "expected shape (3,), got shape (3, 1)"
        )
        assert difference([1, 2], [1, 2, 3], "list", **TOLERANCE) == "expected shape (3,), got shape (2,)"

    def test_then_values_within_an_explicit_tolerance(self):
        assert difference(0.98 + 1e-12, 0.98, "number", **TOLERANCE) is None
        assert difference(0.98 + 1e-5, 0.98, "number", **TOLERANCE).startswith("wrong values")
        assert difference(np.float64(0.5), 0.5, "number", **TOLERANCE) is None
        assert difference(np.array(0.5), 0.5, "number", **TOLERANCE) is None

    def test_not_a_number_never_matches(self):
        assert difference(float("nan"), 1.0, "number", **TOLERANCE) is not None
        assert difference(["a", "b"], [1, 2], "list", **TOLERANCE) == "expected numbers, got a list of 2 items"


def test_describe_and_show_are_short_and_readable():
    assert describe([[1, 2], [3, 4]]) == "a list of 2 lists"
    assert show(0.9800000000000001) == "0.98"
    assert show([0.195, 0.13, 0.5850000000000001]) == "[0.195, 0.13, 0.585]"
    assert "\n" not in show(np.eye(3))
    assert len(show(list(range(1000)))) <= 300


class TestGenericMistakes:
    def _name(self, output, expected, kind="array"):
        mistake = diagnose((), (), output, None, expected, kind, **TOLERANCE)
        return mistake.name if mistake else None

    def test_each_generic_mistake_is_named_from_the_output_alone(self):
        w = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
        assert self._name(None, 1.0) == NO_RETURN.name
        assert self._name([1.0, 2.0], np.array([1.0, 2.0])) == LIST_NOT_ARRAY.name
        assert self._name(-w, w) == SIGN_FLIPPED.name
        assert self._name(w.T, w) == RESULT_TRANSPOSED.name
        assert self._name(w, w.sum(axis=1)) == SUM_MISSING.name
        assert self._name(np.array([[1.0], [2.0], [3.0]]), np.array([1.0, 2.0, 3.0])) == EXTRA_AXIS.name
        assert self._name(np.array([1.0, 2.0, 3.0]), np.array([[1.0], [2.0], [3.0]])) == MISSING_AXIS.name
        assert self._name(0.5 * w, w) == "every value off by a factor of 0.5"

    def test_a_right_answer_or_noise_is_not_named(self):
        assert self._name(np.array([1.0, 7.0]), np.array([2.0, 3.0])) is None
        assert self._name(np.zeros(2), np.zeros(2)) is None

    def test_declared_mistakes_come_first_and_match_their_fingerprints_exceptions_too(self):
        swapped = Mistake("swapped", "hint")
        assert diagnose((swapped,), (Attempt(-2.0),), -2.0, None, 2.0, "number", **TOLERANCE) is swapped
        crashes = Mistake("crashes", "hint")
        index_error = Attempt(raised=Raised("IndexError", ("LookupError", "Exception")))
        assert (
            diagnose(
                (crashes,),
                (index_error,),
                None,
                Raised("IndexError", ("LookupError", "Exception")),
                1.0,
                "number",
                **TOLERANCE,
            )
            is crashes
        )
        assert (
            diagnose(
                (crashes,),
                (index_error,),
                None,
                Raised("KeyError", ("LookupError", "Exception")),
                1.0,
                "number",
                **TOLERANCE,
            )
            is None
        )

    def test_a_fingerprint_that_is_also_right_names_nothing(self):
        harmless = Mistake("harmless", "hint")
        assert diagnose((harmless,), (Attempt(2.0),), 2.0, None, 2.0, "number", **TOLERANCE) is None


class TestMessages:
    def test_visible_failure_says_call_expected_got_and_the_mistake(self):
        with pytest.raises(CheckFailed) as failure:
            check("forward.vect_mat_mul", forward.vect_mat_mul_by_columns)
        message = str(failure.value)
        assert "called:   vect_mat_mul([8.5, 0.65, 1.2]" in message
        assert "expected: [0.555, 0.98, 0.965]" in message
        assert "got:" in message and "transposed weights" in message

    def test_student_exceptions_are_reported_with_their_line_not_a_library_traceback(self):
        def w_sum(a, b):
            return a[0] * b[7]

        with pytest.raises(CheckFailed) as failure:
            check("forward.w_sum", w_sum)
        message = str(failure.value)
        assert "raised:   IndexError: list index out of range (line " in message
        assert ": return a[0] * b[7])" in message and "grader" not in message

    def test_hidden_failures_never_show_inputs_or_expected_values(self):
        def leaky(input, weights):
            raise ValueError(f"inputs were {input} {weights}")

        exercise = find("forward.vect_mat_mul")
        with pytest.raises(CheckFailed) as failure:
            check_hidden("forward.vect_mat_mul", leaky)
        message = str(failure.value)
        for case in exercise.hidden_cases():
            assert show(case.args[0]) not in message
            assert show(exercise.reference(*case.args)) not in message
        assert "raised ValueError" in message and "inputs were [" not in message

    def test_not_written_yet_names_the_function(self):
        def ele_mul(number, vector):
            raise NotImplementedError("ele_mul: replace this line with your code")

        with pytest.raises(CheckFailed, match="ele_mul is not written yet"):
            check("forward.ele_mul", ele_mul)
        with pytest.raises(CheckFailed, match="ele_mul is not written yet"):
            check_hidden("forward.ele_mul", ele_mul)

    def test_jupyter_shows_the_message_without_a_traceback(self):
        rendered = CheckFailed("forward.w_sum: 1 of 7 visible checks failed.")._render_traceback_()
        assert len(rendered) == 1 and "forward.w_sum: 1 of 7 visible checks failed." in rendered[0]

    def test_a_pass_is_printed(self, capsys):
        check("forward.w_sum", forward.answers.w_sum)
        assert "forward.w_sum: 7 of 7 visible checks passed." in capsys.readouterr().out


class TestUnknownExercises:
    @pytest.mark.parametrize(
        "exercise_id, reason",
        [
            ("forward.nope", "unknown exercise 'forward.nope' (lesson 'forward' has: forward.neural_network"),
            ("nope.w_sum", "no lesson 'nope' (known lessons: "),
            ("w_sum", "ids look like 'lesson.function'"),
        ],
    )
    def test_one_line_reason(self, exercise_id, reason):
        with pytest.raises(UnknownExercise) as failure:
            find(exercise_id)
        assert reason in str(failure.value) and "\n" not in str(failure.value)
        with pytest.raises(CheckFailed) as failure:
            check(exercise_id, print)
        assert reason in str(failure.value)


def test_hidden_cases_are_the_same_on_every_run():
    exercise = find("forward.w_sum")
    assert [c.args for c in exercise.hidden_cases()] == [c.args for c in exercise.hidden_cases()]


class TestSeveralReturnedValues:
    KIND = ("array", "number")

    def test_each_returned_value_is_checked_with_its_own_kind(self):
        expected = (np.ones(2), 0.5)
        assert difference((np.ones(2), 0.5), expected, self.KIND, **TOLERANCE) is None
        assert (
            difference(np.ones(2), expected, self.KIND, **TOLERANCE)
            == "expected 2 returned values (return a, b, ...), got a NumPy array of shape (2,)"
        )
        assert difference((np.ones(2), 0.7), expected, self.KIND, **TOLERANCE) == (
            "returned value 2 of 2: wrong values: got − expected = 0.2 (tolerance: rtol=1e-07, atol=1e-09)"
        )

    def test_the_wrong_returned_value_is_diagnosed_on_every_case(self):
        expected = [(np.ones(2), 0.5), (np.ones(2), -2.0)]
        # One number of the opposite sign could be many mistakes; two of them are a flipped sign.
        assert _explain([(np.ones(2), -0.5)], expected[:1], self.KIND) is None
        assert _explain([(np.ones(2), -0.5), (np.ones(2), 2.0)], expected, self.KIND) == SIGN_FLIPPED.name

    def test_shapes_compare_exactly(self):
        assert difference((2, 3), (2, 3), "shape", **TOLERANCE) is None
        assert difference((3, 2), (2, 3), "shape", **TOLERANCE) == "expected (2, 3), got (3, 2)"
        assert difference([2, 3], (2, 3), "shape", **TOLERANCE).startswith("expected a shape")


def test_an_exercise_on_a_class_runs_students_reference_and_mistakes_through_its_adapter():
    from grader.checks import attempts_on, judge_visible
    from grader.specs import hidden_spec, visible

    exercise = find("chain_rule.costFunction")
    assert exercise.call.__name__ == "cost_of"
    for spec in (visible(exercise), hidden_spec(exercise.id)):
        assert judge_visible(spec, attempts_on(spec, exercise.reference)).passed
        for mistake, fingerprint in zip(spec.mistakes, spec.cases[0].fingerprints):
            again = attempts_on(spec, mistake.implementation)[0]
            assert (again.raised, again.changed_input) == (fingerprint.raised, fingerprint.changed_input), mistake.name
            assert fingerprint.raised or close(again.output, fingerprint.output, 0, 0), mistake.name


def test_a_wrong_type_among_several_returned_values_is_named():
    kind = ("list", "list")
    mistake = diagnose((), (), ([1.0, 2.0], np.array([3.0])), None, ([1.0, 2.0], [3.0]), kind, **TOLERANCE)
    assert mistake.name == "a NumPy array instead of a list"


def test_not_written_yet_names_the_helper_whose_stub_raised():
    def vect_mat_mul(vect, matrix):
        return [w_sum(vect, row) for row in matrix]

    def w_sum(a, b):
        raise NotImplementedError("w_sum: replace this line with your code")

    with pytest.raises(CheckFailed, match="forward.vect_mat_mul: w_sum is not written yet"):
        check("forward.vect_mat_mul", vect_mat_mul)


def _explain(outputs, expected, kind="array", mistakes=(), fingerprints=None, reveal=True, inputs=None):
    """The name :func:`explain` gives to the outputs of several cases (no exception raised)."""
    prints = fingerprints or [() for _ in outputs]
    attempts = [Attempt(o) for o in outputs]
    mistake = explain(tuple(mistakes), prints, expected, attempts, kind, reveal=reveal, inputs=inputs, **TOLERANCE)
    return mistake.name if mistake else None


class TestEachDetectorNamesOnlyWhatItProves:
    """Each recognition from the output alone holds on every failing case, and is silent on thinner evidence."""

    def test_a_constant_factor_needs_two_values_or_more(self):
        assert _explain([1.96], [0.98], "number") is None  # one number is off by some factor, whatever went wrong
        assert _explain([1.96, 4.0], [0.98, 2.0], "number") == "every value off by a factor of 2"
        assert _explain([np.array([2.0, 4.0])], [np.array([1.0, 2.0])]) == "every value off by a factor of 2"

    def test_a_constant_factor_is_the_same_on_every_case(self):
        assert _explain([2.0, 9.0], [1.0, 3.0], "number") is None
        assert _explain([np.array([2.0, 4.0]), np.array([3.0])], [np.array([1.0, 2.0]), np.array([1.0])]) is None

    def test_a_passing_case_contradicts_a_factor(self):
        assert (
            _explain([np.array([2.0, 4.0]), np.array([5.0, 6.0])], [np.array([1.0, 2.0]), np.array([5.0, 6.0])]) is None
        )

    def test_a_hidden_factor_carries_no_number(self):
        assert _explain([1.96, 4.0], [0.98, 2.0], "number", reveal=False) == SCALED.name

    def test_the_sign_is_the_factor_minus_one_and_needs_two_values_too(self):
        assert _explain([-0.5], [0.5], "number") is None
        assert _explain([-0.5, 2.0], [0.5, -2.0], "number") == SIGN_FLIPPED.name

    def test_an_extra_axis_is_exactly_one_more_dimension_of_size_one(self):
        values = np.array([1.0, 2.0, 3.0])
        assert _explain([values[None, :]], [values]) == EXTRA_AXIS.name
        assert _explain([values[None, None, :]], [values]) is None  # two more
        assert _explain([values[:, None]], [values[None, :]]) == RESULT_TRANSPOSED.name  # moved, not added

    def test_a_missing_axis_and_moved_axes_have_their_own_names(self):
        values = np.arange(1.0, 7.0).reshape(2, 3)
        assert _explain([values[0]], [values[:1]]) == MISSING_AXIS.name
        cube = np.arange(1.0, 25.0).reshape(2, 3, 4)
        assert _explain([cube.transpose(2, 0, 1)], [cube]) == AXES_MOVED.name
        assert _explain([values], [values.reshape(3, 2)]) is None  # a reshape is not a transposition

    def test_values_returned_in_another_order(self):
        expected = [(np.array([1.0, 2.0]), 3.0), (np.array([4.0]), 5.0)]
        swapped = [(3.0, np.array([1.0, 2.0])), (5.0, np.array([4.0]))]
        assert _explain(swapped, expected, ("array", "number")) == TUPLE_ORDER.name
        partly = [(3.0, np.array([1.0, 2.0])), (np.array([4.0]), 6.0)]
        assert _explain(partly, expected, ("array", "number")) is None

    def test_overflow_is_nan_or_inf_from_large_inputs_where_the_answer_is_finite_and_right_elsewhere(self):
        expected = np.array([[0.5, 1.0], [0.25, 0.75]])
        blown = np.array([[0.5, np.nan], [0.25, 0.75]])
        large, small = [(np.array([[0.0, 1000.0], [-1.0, 1.0]]),)], [(np.array([[1.0, 0.0], [1.0, 1.0]]),)]
        assert _explain([blown], [expected], inputs=large) == OVERFLOW.name
        assert _explain([blown], [expected], inputs=small) is None  # a division by zero, say
        assert _explain([np.array([[0.4, np.nan], [0.25, 0.75]])], [expected], inputs=large) is None

    def test_a_dimension_of_size_one_moved_elsewhere_is_not_axes_in_the_wrong_order(self):
        sections = np.arange(1.0, 13.0).reshape(2, 1, 2, 3)
        assert _explain([sections.reshape(1, 2, 2, 3)], [sections]) is None

    def test_a_changed_input_is_named_from_what_the_call_saw(self):
        changed = Attempt(np.ones(2), changed_input=True)
        assert explain((), [()], [np.ones(2)], [changed], "array", **TOLERANCE) is INPUT_CHANGED
        raised = Attempt(raised=Raised("InputChanged", ("AssertionError", "Exception"), "changed the DataFrame"))
        assert explain((), [()], [np.ones(2)], [raised], "array", **TOLERANCE) is INPUT_CHANGED


class TestDeclaredMistakesNeedProof:
    left = Mistake("weights multiplied from the left", "hint")
    transposed = Mistake("transposed weights", "hint")

    def _name(self, mistakes, fingerprints, attempts, expected, kind="number"):
        mistake = explain(tuple(mistakes), fingerprints, expected, attempts, kind, **TOLERANCE)
        return mistake.name if mistake else None

    def test_an_exception_type_alone_names_nothing(self):
        theirs = Attempt(raised=Raised("ValueError", ("Exception",), "shapes (1,3) and (4,3) not aligned"))
        yours = Attempt(raised=Raised("ValueError", ("Exception",), "shapes (3,4) and (1,3) not aligned"))
        assert self._name([self.transposed], [(theirs,)], [yours], [1.0]) is None
        assert self._name([self.transposed], [(theirs,)], [theirs], [1.0]) == "transposed weights"

    def test_the_same_message_on_one_case_and_the_same_values_on_another_prove_it(self):
        error = Attempt(raised=Raised("ValueError", ("Exception",), "shapes (1,3) and (4,3) not aligned"))
        prints = [(error,), (Attempt(2.0),)]
        assert self._name([self.transposed], prints, [error, Attempt(2.0)], [1.0, 3.0]) == "transposed weights"
        assert self._name([self.transposed], prints, [error, Attempt(2.5)], [1.0, 3.0]) is None

    def test_mistakes_that_the_cases_do_not_tell_apart_are_not_named(self):
        # A degenerate case (say, images == outputs) on which two mistakes give the same wrong answer.
        assert self._name([self.left, self.transposed], [(Attempt(2.0), Attempt(2.0))], [Attempt(2.0)], [1.0]) is None

    def test_a_case_that_tells_them_apart_decides(self):
        prints = [(Attempt(2.0), Attempt(2.0)), (Attempt(5.0), Attempt(6.0))]
        assert self._name([self.left, self.transposed], prints, [Attempt(2.0), Attempt(6.0)], [1.0, 3.0]) == (
            "transposed weights"
        )

    def test_a_passing_case_decides_between_mistakes_that_agree_on_the_failing_ones(self):
        prints = [(Attempt(2.0), Attempt(2.0)), (Attempt(3.0), Attempt(7.0))]
        assert self._name([self.left, self.transposed], prints, [Attempt(2.0), Attempt(3.0)], [1.0, 3.0]) == (
            "weights multiplied from the left"
        )

    def test_a_wrong_bool_proves_a_mistake_only_if_it_is_right_wherever_the_answer_is(self):
        off_by_one = Mistake("patience off by one", "hint")
        prints = [(Attempt(True),), (Attempt(True),)]
        right_where_right = [Attempt(True), Attempt(False)]
        wrong_where_right = [Attempt(True), Attempt(True)]
        assert self._name([off_by_one], prints, right_where_right, [False, False], "bool") is None
        assert self._name([off_by_one], prints, wrong_where_right, [False, False], "bool") == "patience off by one"

    def test_a_partial_declared_match_silences_the_generic_names(self):
        # Twice the answer on both cases, but on the first that is also what a declared mistake gives.
        prints = [(Attempt(2.0),), (Attempt(7.0),)]
        assert self._name([self.left], prints, [Attempt(2.0), Attempt(6.0)], [1.0, 3.0]) is None
