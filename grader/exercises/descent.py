"""Lesson 02 · gradient descent: measure the error of a prediction, then learn one weight from it.

Visible cases are the lesson's own examples (a one-weight network predicting 0.8, or a win from 8.5 toes) with
the values the book prints; hidden cases use other inputs, including negative inputs, an input of 0, ties, zero
steps and a negative alpha. The warm-up, ``neural_network``, is lesson 01's exercise asked again. The references
are the solution notebook's answers (:mod:`grader.references.descent`). The lesson ends with predictions: values
the student commits to before the error-bowl explorer shows them, each with likely wrong predictions (traps).
"""

from grader import kit
from grader.catalogue import ALPHA_FORGOTTEN, STEP_WRONG_WAY, TRUE_MINUS_PRED, Mistake
from grader.exercises import forward
from grader.references import descent as answers
from grader.schema import Case, Exercise, prediction

# Data: the book's running examples.
TOES, WON = 8.5, 1  # 8.5 toes per player, and the team won
GOAL = 0.8  # the goal prediction of the hot-and-cold and gradient descent listings


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def squared_error_cases(rng):
    return [
        Case((1.3, 0.8), label="a prediction above the goal"),
        Case((-0.4, 0.8), label="a negative prediction"),
        Case((0.8, 0.8), label="a perfect prediction"),
        Case((5, 2), label="integers"),
        Case((kit.number(rng, -10, 10), kit.number(rng)), label="a random prediction and goal"),
    ]


def hot_and_cold_step_cases(rng):
    return [
        Case((-0.5, 0.5, GOAL, 0.1), label="a negative input"),
        Case((-2.0, -1.0, 0.5, 0.25), label="a negative input and weight"),
        Case((2.0, 0.5, 1.0, 0.25), label="a tie: up and down are equally good"),
        Case((0.0, 0.3, GOAL, 0.1), label="an input of 0"),
        Case((1.5, 2.0, GOAL, 0.05), label="a prediction above the goal"),
        Case((1.0, 0.75, GOAL, 0.5), label="a step larger than the distance to the goal"),
        Case((kit.number(rng, 0.5, 3), kit.number(rng), kit.number(rng), 0.01), label="random values"),
    ]


def hot_and_cold_cases(rng):
    return [
        Case((0.5, 0.5, GOAL, 0.1, 3), label="3 steps"),
        Case((-1.5, 0.2, 0.6, 0.05, 6), label="a negative input, 6 steps"),
        Case((2.0, 0.5, 1.0, 0.25, 2), label="starting on a tie"),
        Case((1.0, 0.0, 0.3, 0.1, 7), label="overshooting the goal"),
        Case((0.5, 0.5, GOAL, 0.1, 0), label="no steps at all"),
        Case((kit.number(rng, 0.5, 3), kit.number(rng), kit.number(rng), 0.02, 5), label="random values, 5 steps"),
    ]


def compute_delta_cases(rng):
    return [
        Case((1.7, 0.5), label="a prediction above the goal"),
        Case((-0.3, 0.4), label="a negative prediction"),
        Case((0.6, 0.6), label="a perfect prediction"),
        Case((kit.number(rng, -5, 5), kit.number(rng)), label="random values"),
    ]


def compute_weight_delta_cases(rng):
    return [
        Case((-2.0, 0.3), label="a negative input"),
        Case((0.0, 0.7), label="an input of 0"),
        Case((3.0, 0.0), label="a delta of 0"),
        Case((kit.number(rng, -5, 5), kit.number(rng)), label="random values"),
    ]


def gradient_descent_step_cases(rng):
    return [
        Case((-1.5, 0.4, GOAL, 0.1), label="a negative input"),
        Case((0.5, 0.5, GOAL, 0.0), label="alpha 0"),
        Case((0.5, 0.5, GOAL, -0.2), label="a negative alpha"),
        Case((0.5, 1.6, GOAL, 0.3), label="a weight that is already right"),
        Case((3.0, -1.0, 0.2, 0.05), label="a large input, a small alpha"),
        Case((kit.number(rng, 0.2, 3), kit.number(rng), kit.number(rng), 0.05), label="random values"),
    ]


def gradient_descent_cases(rng):
    return [
        Case((0.5, 0.5, GOAL, 0.5, 3), label="3 steps, alpha 0.5"),
        Case((-1.2, 0.3, 0.6, 0.2, 5), label="a negative input, 5 steps"),
        Case((3.0, 0.1, 0.9, 0.3, 6), label="diverging, 6 steps"),
        Case((1.0, 0.2, 0.5, 0.0, 2), label="alpha 0"),
        Case((1.0, 0.2, 0.5, 0.5, 1), label="a single step"),
        Case((1.0, 0.2, 0.5, 0.5, 0), label="no steps at all"),
        Case((kit.number(rng, 0.2, 2), kit.number(rng), kit.number(rng), 0.1, 4), label="random values, 4 steps"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature.

NOT_SQUARED = Mistake(
    "error not squared",
    "Square the difference, (prediction - goal_pred) ** 2, so that misses above and below the goal both count as "
    "error.",
)
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
    "A larger weight raises the prediction only when the input is positive: try both directions and compare their "
    "errors.",
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

# The catalogue's entries, with this lesson's advice in its own terms (goal_pred, weight_delta).
WRONG_SUBTRACTION = TRUE_MINUS_PRED.hinted(
    "delta is prediction − goal_pred: positive when the prediction is too high. With goal − prediction every step "
    "moves the weight the wrong way."
)
NO_ALPHA = ALPHA_FORGOTTEN.hinted("Scale the weight delta by alpha: weight − alpha × weight_delta.")
STEPPED_UP_THE_ERROR = STEP_WRONG_WAY.hinted(
    "The weight moved so that the error grows: delta is prediction − goal_pred and the new weight is "
    "weight − alpha × weight_delta. With goal − prediction, or with the step added, it goes the wrong way."
)


def squared_error_not_squared(prediction, goal_pred):
    return prediction - goal_pred


def squared_error_goal_minus_prediction(prediction, goal_pred):
    return goal_pred - prediction


def squared_error_absolute(prediction, goal_pred):
    return abs(prediction - goal_pred)


def hot_and_cold_step_guessed_direction(input, weight, goal_pred, step_amount):
    prediction = input * weight
    if prediction < goal_pred:
        return weight + step_amount
    if prediction > goal_pred:
        return weight - step_amount
    return weight


def hot_and_cold_step_towards_larger_error(input, weight, goal_pred, step_amount):
    up_error = answers.squared_error(input * (weight + step_amount), goal_pred)
    down_error = answers.squared_error(input * (weight - step_amount), goal_pred)
    if down_error < up_error:
        return weight + step_amount
    if down_error > up_error:
        return weight - step_amount
    return weight


def hot_and_cold_step_moved_on_a_tie(input, weight, goal_pred, step_amount):
    up_error = answers.squared_error(input * (weight + step_amount), goal_pred)
    down_error = answers.squared_error(input * (weight - step_amount), goal_pred)
    return weight - step_amount if down_error < up_error else weight + step_amount


def hot_and_cold_step_kept_when_both_worse(input, weight, goal_pred, step_amount):
    error = answers.squared_error(input * weight, goal_pred)
    up_error = answers.squared_error(input * (weight + step_amount), goal_pred)
    down_error = answers.squared_error(input * (weight - step_amount), goal_pred)
    if error <= min(up_error, down_error):
        return weight
    return answers.hot_and_cold_step(input, weight, goal_pred, step_amount)


def _loop(
    step,
    input,
    weight,
    goal_pred,
    rate,
    iterations,
    *,
    measure=answers.squared_error,
    after_step=False,
    with_start=True,
):
    """A training loop around ``step`` (input, weight, goal_pred, rate) -> new weight, possibly done wrong."""
    weights, errors = ([weight] if with_start else []), []
    for _ in range(iterations):
        if not after_step:
            errors.append(measure(input * weight, goal_pred))
        weight = step(input, weight, goal_pred, rate)
        weights.append(weight)
        if after_step:
            errors.append(measure(input * weight, goal_pred))
    return weights, errors


def hot_and_cold_recorded_after_step(input, weight, goal_pred, step_amount, iterations):
    return _loop(answers.hot_and_cold_step, input, weight, goal_pred, step_amount, iterations, after_step=True)


def hot_and_cold_start_missing(input, weight, goal_pred, step_amount, iterations):
    return _loop(answers.hot_and_cold_step, input, weight, goal_pred, step_amount, iterations, with_start=False)


def hot_and_cold_error_not_squared(input, weight, goal_pred, step_amount, iterations):
    return _loop(
        answers.hot_and_cold_step, input, weight, goal_pred, step_amount, iterations, measure=squared_error_not_squared
    )


def hot_and_cold_guessed_direction(input, weight, goal_pred, step_amount, iterations):
    return _loop(hot_and_cold_step_guessed_direction, input, weight, goal_pred, step_amount, iterations)


def hot_and_cold_towards_larger_error(input, weight, goal_pred, step_amount, iterations):
    return _loop(hot_and_cold_step_towards_larger_error, input, weight, goal_pred, step_amount, iterations)


def hot_and_cold_kept_when_both_worse(input, weight, goal_pred, step_amount, iterations):
    return _loop(hot_and_cold_step_kept_when_both_worse, input, weight, goal_pred, step_amount, iterations)


def compute_delta_goal_minus_prediction(prediction, goal_pred):
    return goal_pred - prediction


def compute_delta_squared_error(prediction, goal_pred):
    return answers.squared_error(prediction, goal_pred)


def compute_weight_delta_without_input(input, delta):
    return delta


def gradient_descent_step_goal_minus_prediction(input, weight, goal_pred, alpha):
    return weight - alpha * input * (goal_pred - input * weight)


def gradient_descent_step_without_alpha(input, weight, goal_pred, alpha):
    return weight - input * (input * weight - goal_pred)


def gradient_descent_step_without_input(input, weight, goal_pred, alpha):
    return weight - alpha * (input * weight - goal_pred)


def gradient_descent_step_factor_two(input, weight, goal_pred, alpha):
    return weight - alpha * 2 * input * (input * weight - goal_pred)


def gradient_descent_step_error_not_delta(input, weight, goal_pred, alpha):
    return weight - alpha * input * (input * weight - goal_pred) ** 2


def gradient_descent_goal_minus_prediction(input, weight, goal_pred, alpha, iterations):
    return _loop(gradient_descent_step_goal_minus_prediction, input, weight, goal_pred, alpha, iterations)


def gradient_descent_without_alpha(input, weight, goal_pred, alpha, iterations):
    return _loop(gradient_descent_step_without_alpha, input, weight, goal_pred, alpha, iterations)


def gradient_descent_without_input(input, weight, goal_pred, alpha, iterations):
    return _loop(gradient_descent_step_without_input, input, weight, goal_pred, alpha, iterations)


def gradient_descent_factor_two(input, weight, goal_pred, alpha, iterations):
    return _loop(gradient_descent_step_factor_two, input, weight, goal_pred, alpha, iterations)


def gradient_descent_error_not_delta(input, weight, goal_pred, alpha, iterations):
    return _loop(gradient_descent_step_error_not_delta, input, weight, goal_pred, alpha, iterations)


def gradient_descent_error_not_squared(input, weight, goal_pred, alpha, iterations):
    return _loop(
        answers.gradient_descent_step, input, weight, goal_pred, alpha, iterations, measure=squared_error_not_squared
    )


def gradient_descent_recorded_after_step(input, weight, goal_pred, alpha, iterations):
    return _loop(answers.gradient_descent_step, input, weight, goal_pred, alpha, iterations, after_step=True)


def gradient_descent_start_missing(input, weight, goal_pred, alpha, iterations):
    return _loop(answers.gradient_descent_step, input, weight, goal_pred, alpha, iterations, with_start=False)


# Exercises.


def _earlier(module, exercise_id):
    """An exercise of an earlier lesson, asked again here as a warm-up."""
    return next(exercise for exercise in module.EXERCISES if exercise.id == exercise_id).carried_over("descent")


EXERCISES = [
    _earlier(forward, "forward.neural_network"),
    Exercise(
        id="descent.squared_error",
        function="squared_error",
        returns="number",
        visible=[
            Case((0.25, GOAL), 0.3025, "a weight of 0.5 on an input of 0.5, goal 0.8"),
            Case((0.85, WON), 0.0225, "8.5 toes with a weight of 0.1, and the team won"),
            Case((0.935, WON), 0.004225, "the weight nudged up to 0.11"),
        ],
        hidden=squared_error_cases,
        mistakes=[
            NOT_SQUARED.via(squared_error_not_squared),
            NOT_SQUARED.via(squared_error_goal_minus_prediction),
            NOT_SQUARED.via(squared_error_absolute),
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
        hidden=hot_and_cold_step_cases,
        mistakes=[
            GUESSED_DIRECTION.via(
                hot_and_cold_step_guessed_direction
            ),  # first: a negative input also goes the wrong way
            WRONG_WAY.via(hot_and_cold_step_towards_larger_error),
            MOVED_ON_A_TIE.via(hot_and_cold_step_moved_on_a_tie),
            KEPT_WHEN_BOTH_WORSE.via(hot_and_cold_step_kept_when_both_worse),
        ],
    ),
    Exercise(
        id="descent.hot_and_cold",
        function="hot_and_cold",
        returns=("list", "list"),
        visible=[
            Case(
                (0.5, 0.5, GOAL, 10, 4),
                ([0.5, 10.5, 0.5, 10.5, 0.5], [0.3025, 19.8025, 0.3025, 19.8025]),
                "a step of 10",
            ),
            Case((0.5, 0.5, GOAL, 0.001, 1101), label="the book's 1101 steps of 0.001"),
        ],
        hidden=hot_and_cold_cases,
        mistakes=[
            RECORDED_AFTER_STEP.via(hot_and_cold_recorded_after_step),
            START_MISSING.via(hot_and_cold_start_missing),
            NOT_SQUARED.via(hot_and_cold_error_not_squared),
            GUESSED_DIRECTION.via(hot_and_cold_guessed_direction),
            WRONG_WAY.via(hot_and_cold_towards_larger_error),
            KEPT_WHEN_BOTH_WORSE.via(hot_and_cold_kept_when_both_worse),
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
        hidden=compute_delta_cases,
        mistakes=[
            WRONG_SUBTRACTION.via(compute_delta_goal_minus_prediction),
            ERROR_NOT_DELTA.via(compute_delta_squared_error),
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
        hidden=compute_weight_delta_cases,
        mistakes=[DERIVATIVE_FORGOTTEN.via(compute_weight_delta_without_input)],
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
        hidden=gradient_descent_step_cases,
        mistakes=[
            STEPPED_UP_THE_ERROR.via(gradient_descent_step_goal_minus_prediction),
            NO_ALPHA.via(gradient_descent_step_without_alpha),
            DERIVATIVE_FORGOTTEN.via(gradient_descent_step_without_input),
            FACTOR_TWO.via(gradient_descent_step_factor_two),
            ERROR_NOT_DELTA.via(gradient_descent_step_error_not_delta),
        ],
    ),
    Exercise(
        id="descent.gradient_descent",
        function="gradient_descent",
        returns=("list", "list"),
        visible=[
            Case(
                (0.5, 0.0, GOAL, 1, 4), ([0.0, 0.4, 0.7, 0.925, 1.09375], [0.64, 0.36, 0.2025, 0.11390625]), "input 0.5"
            ),
            Case(
                (1.1, 0.0, GOAL, 1, 4),
                ([0.0, 0.88, 0.6952, 0.734008, 0.72585832], [0.64, 0.028224, 0.0012446784, 5.489031744e-05]),
                "input 1.1",
            ),
            Case((0.5, 0.5, GOAL, 1, 20), label="input 0.5, 20 steps"),
            Case((2, 0.5, GOAL, 1, 20), label="input 2: divergence"),
            Case((2, 0.5, GOAL, 0.1, 20), label="input 2 with alpha 0.1"),
        ],
        hidden=gradient_descent_cases,
        mistakes=[
            STEPPED_UP_THE_ERROR.via(gradient_descent_goal_minus_prediction),
            NO_ALPHA.via(gradient_descent_without_alpha),
            DERIVATIVE_FORGOTTEN.via(gradient_descent_without_input),
            FACTOR_TWO.via(gradient_descent_factor_two),
            ERROR_NOT_DELTA.via(gradient_descent_error_not_delta),
            NOT_SQUARED.via(gradient_descent_error_not_squared),
            RECORDED_AFTER_STEP.via(gradient_descent_recorded_after_step),
            START_MISSING.via(gradient_descent_start_missing),
        ],
    ),
    # Predictions: what the error-bowl explorer shows, committed to before it shows it.
    prediction(
        "descent.oscillating_alpha",
        "oscillating_alpha",
        "The run oscillates when the factor 1 − alpha·input² is exactly −1: solve that for alpha with input 1.5.",
        tolerance=0.01,
        traps=[
            (2 / 1.5, Mistake("the input not squared", "The factor is 1 − alpha·input²: the input is squared.")),
            (
                1 / 1.5**2,
                Mistake(
                    "one step to the bottom",
                    "At alpha·input² = 1 the factor is 0: the weight lands on the bottom in one step. "
                    "Oscillating takes a factor of −1.",
                ),
            ),
            (2.0, Mistake("alpha·input² for alpha", "alpha·input² = 2 is the condition: divide by input².")),
        ],
    ),
    prediction(
        "descent.beyond_oscillation",
        "beyond_oscillation",
        "Beyond that alpha the factor is below −1: what does each jump across the bottom do to the distance?",
        choices=("converges", "oscillates", "diverges", "stays put"),
        traps=[
            (
                "oscillates",
                Mistake(
                    "still oscillating",
                    "Only a factor of exactly −1 bounces between the same two weights; below −1 every jump lands "
                    "farther away.",
                ),
            )
        ],
    ),
    prediction(
        "descent.negative_alpha",
        "negative_alpha",
        "With a negative alpha, weight − alpha · weight_delta moves the weight with the slope, not against it.",
        choices=("towards the best weight", "away from the best weight"),
    ),
    prediction(
        "descent.diverging_input",
        "diverging_input",
        "The run diverges when the factor 1 − alpha·input² falls below −1, that is when alpha·input² is above 2: "
        "solve for the input with alpha 0.1.",
        tolerance=0.05,
        traps=[
            (20.0, Mistake("input² for the input", "20 is the input² at which the run diverges: take its root.")),
            (
                10**0.5,
                Mistake(
                    "the start of overshooting",
                    "Above √10 the factor is negative: the weight overshoots the bottom but still closes in. "
                    "Divergence takes a factor below −1.",
                ),
            ),
        ],
    ),
    prediction(
        "descent.starting_weight_decides",
        "starting_weight_decides",
        "The factor 1 − alpha·input² holds no weight: the start only sets the distance the factor multiplies.",
        choices=("yes", "no"),
    ),
]
