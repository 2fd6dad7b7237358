"""Lesson 02, gradient descent: measure the error of a prediction, then learn one weight from it.

Visible cases are the lesson's own examples (a one-weight network predicting 0.8 or a win from
8.5 toes) with the values the book prints; hidden cases use other inputs, including negative
inputs, ties and a negative alpha, checked against the reference implementations below.
"""

from grader.schema import Case, Exercise
from grader.catalogue import Mistake
from grader.references.descent import compute_delta, compute_weight_delta, gradient_descent, gradient_descent_step, hot_and_cold, hot_and_cold_step, squared_error

# The book's running examples.
TOES, WON = 8.5, 1  # 8.5 toes per player, and the team won
GOAL = 0.8  # the goal prediction of the hot-and-cold and gradient descent listings

NOT_SQUARED = Mistake(
    "error not squared",
    "Square the difference, (prediction - goal_pred) ** 2, so that misses above and below the goal both count as error.",
)
WRONG_SUBTRACTION = Mistake(
    "true − pred instead of pred − true",
    "delta is prediction − goal_pred: positive when the prediction is too high. With goal − prediction every step "
    "moves the weight the wrong way.",
)
ALPHA_FORGOTTEN = Mistake("alpha forgotten", "Scale the weight delta by alpha: weight − alpha × weight_delta.")
DERIVATIVE_FORGOTTEN = Mistake(
    "derivative forgotten (the input factor)",
    "The weight moves by weight_delta = delta × input, not by delta: the input says how much (and which way) "
    "this weight changed the prediction.",
)
FACTOR_TWO = Mistake(
    "the factor 2 of the derivative kept",
    "The slope of the squared error is 2 × input × delta, but this course's weight_delta is input × delta: "
    "the 2 is left to alpha.",
)
ERROR_NOT_DELTA = Mistake(
    "the error used instead of delta",
    "The squared error is never negative, so it cannot say which way to go: step by delta = prediction − goal_pred.",
)
WRONG_WAY = Mistake("moved towards the larger error", "Move the weight in the direction whose error is smaller.")
GUESSED_DIRECTION = Mistake(
    "direction guessed from the prediction",
    "A larger weight raises the prediction only when the input is positive: try both directions and compare their errors.",
)
MOVED_ON_A_TIE = Mistake(
    "moved on a tie",
    "When a step up and a step down give the same error, neither is better: keep the weight.",
)
KEPT_WHEN_BOTH_WORSE = Mistake(
    "stayed because both neighbours were worse",
    "This hot and cold always moves towards the better of the two neighbours, even when both are worse than "
    "the current weight: compare up_error with down_error only.",
)
RECORDED_AFTER_STEP = Mistake(
    "error recorded after the step",
    "errors[i] is the error of the prediction made with weights[i]: predict and measure first, then update the weight.",
)
START_MISSING = Mistake(
    "the starting weight missing",
    "weights begins with the starting weight and then has one more entry per step: iterations + 1 in all.",
)


# Wrong implementations, one per mistake.


def _wrong_way_step(input, weight, goal_pred, step_amount):
    up_error = squared_error(input * (weight + step_amount), goal_pred)
    down_error = squared_error(input * (weight - step_amount), goal_pred)
    if down_error < up_error:
        return weight + step_amount
    if down_error > up_error:
        return weight - step_amount
    return weight


def _guessed_direction_step(input, weight, goal_pred, step_amount):
    prediction = input * weight
    if prediction < goal_pred:
        return weight + step_amount
    if prediction > goal_pred:
        return weight - step_amount
    return weight


def _moves_on_a_tie_step(input, weight, goal_pred, step_amount):
    up_error = squared_error(input * (weight + step_amount), goal_pred)
    down_error = squared_error(input * (weight - step_amount), goal_pred)
    return weight - step_amount if down_error < up_error else weight + step_amount


def _cautious_step(input, weight, goal_pred, step_amount):
    error = squared_error(input * weight, goal_pred)
    up_error = squared_error(input * (weight + step_amount), goal_pred)
    down_error = squared_error(input * (weight - step_amount), goal_pred)
    if error <= min(up_error, down_error):
        return weight
    return hot_and_cold_step(input, weight, goal_pred, step_amount)


def _history(step, *, measure=squared_error, after_step=False, with_start=True):
    """A training loop around ``step`` (input, weight, goal_pred, rate) -> new weight, possibly done wrong."""

    def train(input, weight, goal_pred, rate, iterations):
        weights, errors = ([weight] if with_start else []), []
        for _ in range(iterations):
            if not after_step:
                errors.append(measure(input * weight, goal_pred))
            weight = step(input, weight, goal_pred, rate)
            weights.append(weight)
            if after_step:
                errors.append(measure(input * weight, goal_pred))
        return weights, errors

    return train


def _no_alpha(input, weight, goal_pred, alpha):
    return weight - input * (input * weight - goal_pred)


def _no_input_factor(input, weight, goal_pred, alpha):
    return weight - alpha * (input * weight - goal_pred)


def _goal_minus_prediction(input, weight, goal_pred, alpha):
    return weight - alpha * input * (goal_pred - input * weight)


def _factor_two(input, weight, goal_pred, alpha):
    return weight - alpha * 2 * input * (input * weight - goal_pred)


def _error_not_delta(input, weight, goal_pred, alpha):
    return weight - alpha * input * (input * weight - goal_pred) ** 2


def _raw_difference(prediction, goal_pred):
    return prediction - goal_pred


def _number(rng, low=-2.0, high=2.0):
    return round(float(rng.uniform(low, high)), 3)


EXERCISES = [
    Exercise(
        id="descent.squared_error",
        function="squared_error",
        returns="number",
        visible=[
            Case((0.25, GOAL), 0.3025, "a weight of 0.5 on an input of 0.5, goal 0.8"),
            Case((0.85, WON), 0.0225, "8.5 toes with a weight of 0.1, and the team won"),
            Case((0.935, WON), 0.004225, "the weight nudged up to 0.11"),
        ],
        hidden=lambda rng: [
            Case((1.3, 0.8), label="a prediction above the goal"),
            Case((-0.4, 0.8), label="a negative prediction"),
            Case((0.8, 0.8), label="a perfect prediction"),
            Case((5, 2), label="integers"),
            Case((_number(rng, -10, 10), _number(rng)), label="a random prediction and goal"),
        ],
        mistakes=[
            NOT_SQUARED.via(_raw_difference),
            NOT_SQUARED.via(lambda prediction, goal_pred: goal_pred - prediction),
            NOT_SQUARED.via(lambda prediction, goal_pred: abs(prediction - goal_pred)),
        ],
    ),
    Exercise(
        id="descent.hot_and_cold_step",
        function="hot_and_cold_step",
        returns="number",
        visible=[
            Case((TOES, 0.1, WON, 0.01), 0.11, "8.5 toes, weight 0.1, step 0.01"),
            Case((0.5, 0.5, GOAL, 0.001), 0.501, "the first hot-and-cold step to 0.8"),
            Case((0.5, 0.5, GOAL, 10), 10.5, "a step of 10: both directions are worse, up is less bad"),
            Case((0.5, 10.5, GOAL, 10), 0.5, "a step of 10, back down"),
        ],
        hidden=lambda rng: [
            Case((-0.5, 0.5, GOAL, 0.1), label="a negative input"),
            Case((-2.0, -1.0, 0.5, 0.25), label="a negative input and weight"),
            Case((2.0, 0.5, 1.0, 0.25), label="a tie: up and down are equally good"),
            Case((0.0, 0.3, GOAL, 0.1), label="an input of 0"),
            Case((1.5, 2.0, GOAL, 0.05), label="a prediction above the goal"),
            Case((1.0, 0.75, GOAL, 0.5), label="a step larger than the distance to the goal"),
            Case((_number(rng, 0.5, 3), _number(rng), _number(rng), 0.01), label="random values"),
        ],
        mistakes=[
            GUESSED_DIRECTION.via(_guessed_direction_step),  # first: with a negative input it also goes the wrong way
            WRONG_WAY.via(_wrong_way_step),
            MOVED_ON_A_TIE.via(_moves_on_a_tie_step),
            KEPT_WHEN_BOTH_WORSE.via(_cautious_step),
        ],
    ),
    Exercise(
        id="descent.hot_and_cold",
        function="hot_and_cold",
        returns=("list", "list"),
        visible=[
            Case((0.5, 0.5, GOAL, 10, 4), ([0.5, 10.5, 0.5, 10.5, 0.5], [0.3025, 19.8025, 0.3025, 19.8025]), "a step of 10"),
            Case((0.5, 0.5, GOAL, 0.001, 1101), hot_and_cold(0.5, 0.5, GOAL, 0.001, 1101), "the book's 1101 steps of 0.001"),
        ],
        hidden=lambda rng: [
            Case((0.5, 0.5, GOAL, 0.1, 3), label="3 steps"),
            Case((-1.5, 0.2, 0.6, 0.05, 6), label="a negative input, 6 steps"),
            Case((2.0, 0.5, 1.0, 0.25, 2), label="starting on a tie"),
            Case((1.0, 0.0, 0.3, 0.1, 7), label="overshooting the goal"),
            Case((0.5, 0.5, GOAL, 0.1, 0), label="no steps at all"),
            Case((_number(rng, 0.5, 3), _number(rng), _number(rng), 0.02, 5), label="random values, 5 steps"),
        ],
        mistakes=[
            RECORDED_AFTER_STEP.via(_history(hot_and_cold_step, after_step=True)),
            START_MISSING.via(_history(hot_and_cold_step, with_start=False)),
            NOT_SQUARED.via(_history(hot_and_cold_step, measure=_raw_difference)),
            GUESSED_DIRECTION.via(_history(_guessed_direction_step)),
            WRONG_WAY.via(_history(_wrong_way_step)),
            KEPT_WHEN_BOTH_WORSE.via(_history(_cautious_step)),
        ],
    ),
    Exercise(
        id="descent.compute_delta",
        function="compute_delta",
        returns="number",
        visible=[
            Case((0.85, WON), -0.15, "8.5 toes with a weight of 0.1"),
            Case((0.0, GOAL), -0.8, "input 1.1, weight 0"),
            Case((0.968, GOAL), 0.168, "input 1.1, weight 0.88"),
            Case((0.76472, GOAL), -0.03528, "input 1.1, weight 0.6952"),
            Case((0.8074088, GOAL), 0.0074088, "input 1.1, weight 0.734008"),
        ],
        hidden=lambda rng: [
            Case((1.7, 0.5), label="a prediction above the goal"),
            Case((-0.3, 0.4), label="a negative prediction"),
            Case((0.6, 0.6), label="a perfect prediction"),
            Case((_number(rng, -5, 5), _number(rng)), label="random values"),
        ],
        mistakes=[
            WRONG_SUBTRACTION.via(lambda prediction, goal_pred: goal_pred - prediction),
            ERROR_NOT_DELTA.via(squared_error),
        ],
    ),
    Exercise(
        id="descent.compute_weight_delta",
        function="compute_weight_delta",
        returns="number",
        visible=[
            Case((TOES, -0.15), -1.275, "8.5 toes with a weight of 0.1"),
            Case((1.1, -0.8), -0.88, "input 1.1, weight 0"),
            Case((1.1, 0.168), 0.1848, "input 1.1, weight 0.88"),
            Case((1.1, -0.03528), -0.038808, "input 1.1, weight 0.6952"),
            Case((1.1, 0.0074088), 0.00814968, "input 1.1, weight 0.734008"),
        ],
        hidden=lambda rng: [
            Case((-2.0, 0.3), label="a negative input"),
            Case((0.0, 0.7), label="an input of 0"),
            Case((3.0, 0.0), label="a delta of 0"),
            Case((_number(rng, -5, 5), _number(rng)), label="random values"),
        ],
        mistakes=[DERIVATIVE_FORGOTTEN.via(lambda input, delta: delta)],
    ),
    Exercise(
        id="descent.gradient_descent_step",
        function="gradient_descent_step",
        returns="number",
        visible=[
            Case((TOES, 0.1, WON, 0.01), 0.11275, "8.5 toes, weight 0.1, alpha 0.01"),
            Case((1.1, 0.0, GOAL, 1), 0.88, "input 1.1, weight 0, alpha 1"),
            Case((1.1, 0.88, GOAL, 1), 0.6952, "input 1.1, weight 0.88, alpha 1"),
            Case((2, 0.5, GOAL, 1), 0.1, "input 2, alpha 1: overshooting"),
            Case((2, 0.5, GOAL, 0.1), 0.46, "input 2, alpha 0.1"),
        ],
        hidden=lambda rng: [
            Case((-1.5, 0.4, GOAL, 0.1), label="a negative input"),
            Case((0.5, 0.5, GOAL, 0.0), label="alpha 0"),
            Case((0.5, 0.5, GOAL, -0.2), label="a negative alpha"),
            Case((0.5, 1.6, GOAL, 0.3), label="a weight that is already right"),
            Case((3.0, -1.0, 0.2, 0.05), label="a large input, a small alpha"),
            Case((_number(rng, 0.2, 3), _number(rng), _number(rng), 0.05), label="random values"),
        ],
        mistakes=[
            WRONG_SUBTRACTION.via(_goal_minus_prediction),
            ALPHA_FORGOTTEN.via(_no_alpha),
            DERIVATIVE_FORGOTTEN.via(_no_input_factor),
            FACTOR_TWO.via(_factor_two),
            ERROR_NOT_DELTA.via(_error_not_delta),
        ],
    ),
    Exercise(
        id="descent.gradient_descent",
        function="gradient_descent",
        returns=("list", "list"),
        visible=[
            Case((0.5, 0.0, GOAL, 1, 4), ([0.0, 0.4, 0.7, 0.925, 1.09375], [0.64, 0.36, 0.2025, 0.11390625]), "input 0.5"),
            Case(
                (1.1, 0.0, GOAL, 1, 4),
                ([0.0, 0.88, 0.6952, 0.734008, 0.72585832], [0.64, 0.028224, 0.0012446784, 5.489031744e-05]),
                "input 1.1",
            ),
            Case((0.5, 0.5, GOAL, 1, 20), gradient_descent(0.5, 0.5, GOAL, 1, 20), "input 0.5, 20 steps"),
            Case((2, 0.5, GOAL, 1, 20), gradient_descent(2, 0.5, GOAL, 1, 20), "input 2: divergence"),
            Case((2, 0.5, GOAL, 0.1, 20), gradient_descent(2, 0.5, GOAL, 0.1, 20), "input 2 with alpha 0.1"),
        ],
        hidden=lambda rng: [
            Case((0.5, 0.5, GOAL, 0.5, 3), label="3 steps, alpha 0.5"),
            Case((-1.2, 0.3, 0.6, 0.2, 5), label="a negative input, 5 steps"),
            Case((3.0, 0.1, 0.9, 0.3, 6), label="diverging, 6 steps"),
            Case((1.0, 0.2, 0.5, 0.0, 2), label="alpha 0"),
            Case((1.0, 0.2, 0.5, 0.5, 1), label="a single step"),
            Case((1.0, 0.2, 0.5, 0.5, 0), label="no steps at all"),
            Case((_number(rng, 0.2, 2), _number(rng), _number(rng), 0.1, 4), label="random values, 4 steps"),
        ],
        mistakes=[
            WRONG_SUBTRACTION.via(_history(_goal_minus_prediction)),
            ALPHA_FORGOTTEN.via(_history(_no_alpha)),
            DERIVATIVE_FORGOTTEN.via(_history(_no_input_factor)),
            FACTOR_TWO.via(_history(_factor_two)),
            ERROR_NOT_DELTA.via(_history(_error_not_delta)),
            NOT_SQUARED.via(_history(gradient_descent_step, measure=_raw_difference)),
            RECORDED_AFTER_STEP.via(_history(gradient_descent_step, after_step=True)),
            START_MISSING.via(_history(gradient_descent_step, with_start=False)),
        ],
    ),
]
