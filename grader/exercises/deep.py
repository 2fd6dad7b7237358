"""Lesson 05 · your first deep network: learning whole data sets, relu, and backpropagation.

Visible cases are the book's streetlight examples with the values its listings print (or, where it prints
nothing, the values of its own code); hidden cases use other streetlights, sizes, learning rates and seeds,
and hidden layers with units both on and off. The references are the solution notebook's answers
(:mod:`grader.references.deep`). Before the lesson trains 120 networks it asks for predictions: how many seeds
solve the streetlights with 1 and with 8 hidden units, each with likely wrong predictions (traps).
"""

import numpy as np

from grader import kit
from grader.catalogue import (
    ABSOLUTE_VALUE,
    ALPHA_FORGOTTEN,
    MASK_NOT_VALUES,
    RELU_FORGOTTEN,
    RELU_ON_OUTPUT,
    STEP_WRONG_WAY,
    TRANSPOSED,
    TRUE_MINUS_PRED,
    UPDATED_INSIDE_THE_LOOP,
    VALUES_NOT_SLOPE,
    ZERO_COUNTED_AS_ON,
    Mistake,
)
from grader.references import deep as answers
from grader.schema import Case, Exercise, prediction

# Data: the six streetlights of the single-layer network (one row per streetlight, one column per lamp), and
# the book's starting weights.
STREETLIGHTS = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1], [0, 1, 1], [1, 0, 1]])
WALK_VS_STOP = np.array([0, 1, 0, 1, 1, 0])
START_WEIGHTS = np.array([0.5, 0.48, -0.7])

# The four streetlights of the deep network: no single lamp correlates with walk/stop.
DEEP_LIGHTS = STREETLIGHTS[:4]
DEEP_WALK_VS_STOP = np.array([[1, 1, 0, 0]]).T
# Errors the book prints every tenth iteration of the deep network (seed 1, alpha 0.2, 4 hidden units).
BOOK_ERRORS = [
    0.6342311598444467,
    0.3583840767631751,
    0.0830183113303297,
    0.0064670549571037,
    0.0003292669000751,
    1.5055622665135e-05,
]


def _initial_weights(n_inputs, hidden_size, n_outputs, seed):
    """The book's weights: np.random.seed(seed), then 2 * np.random.random(shape) - 1 for each matrix in turn.

    A RandomState of its own draws the same numbers without resetting the caller's global random state.
    """
    random = np.random.RandomState(seed)
    weights_0_1 = 2 * random.random_sample((n_inputs, hidden_size)) - 1
    weights_1_2 = 2 * random.random_sample((hidden_size, n_outputs)) - 1
    return weights_0_1, weights_1_2


# The book's deep network (seed 1) on its first streetlight: the forward pass and the deltas.
BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2 = _initial_weights(3, 4, 1, seed=1)
FIRST_LIGHT, FIRST_GOAL = DEEP_LIGHTS[0:1], DEEP_WALK_VS_STOP[0:1]
FIRST_LAYER_1, FIRST_LAYER_2 = answers.forward(FIRST_LIGHT, BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2)
FIRST_LAYER_2_DELTA, FIRST_LAYER_1_DELTA = answers.layer_deltas(
    FIRST_LAYER_1, FIRST_LAYER_2, FIRST_GOAL, BOOK_WEIGHTS_1_2
)
# Seed 2 gives predictions of both signs, which tells relu's slope on the wrong layer from no slope at all.
SEED_2_WEIGHTS_0_1, SEED_2_WEIGHTS_1_2 = _initial_weights(3, 4, 1, seed=2)
SEED_2_LAYER_1, SEED_2_LAYER_2 = answers.forward(DEEP_LIGHTS, SEED_2_WEIGHTS_0_1, SEED_2_WEIGHTS_1_2)


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def _network_state(rng, rows, n_in, hidden, n_out):
    """Weights, a forward pass, and the deltas, as one learning step of the deep network would have them."""
    layer_0 = kit.mask(rng, rows, n_in)  # streetlights: one row each, a 0/1 lamp per column
    layer_0[:, -1] = 1  # one lamp always on, so that every row reaches the hidden layer
    weights_0_1, weights_1_2 = kit.uniform(rng, n_in, hidden), kit.uniform(rng, hidden, n_out)
    goal = kit.mask(rng, rows, n_out)
    layer_1, layer_2 = answers.forward(layer_0, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = answers.layer_deltas(layer_1, layer_2, goal, weights_1_2)
    return dict(
        layer_0=layer_0,
        weights_0_1=weights_0_1,
        weights_1_2=weights_1_2,
        goal=goal,
        layer_1=layer_1,
        layer_2=layer_2,
        layer_1_delta=layer_1_delta,
        layer_2_delta=layer_2_delta,
    )


def _telling(state):
    """Whether relu's slope matters in this state: some hidden unit off, some on, and predictions of both signs.

    A prediction above 0 would hide relu's slope taken on the wrong layer (relu2deriv(layer_2) would be 1).
    """
    layer_1, layer_2 = state["layer_1"], state["layer_2"]
    return np.any(layer_1 == 0) and np.any(layer_1 > 0) and np.any(layer_2 < 0) and np.any(layer_2 > 0)


def _telling_state(rng, *sizes):
    while not _telling(state := _network_state(rng, *sizes)):
        pass
    return state


def gradient_step_cases(rng):
    return [
        Case((kit.uniform(rng, 3), STREETLIGHTS[1], 1, kit.number(rng, 0.05, 0.3)), label="a WALK streetlight"),
        Case((kit.uniform(rng, 5), kit.mask(rng, 5), 0, kit.number(rng, 0.05, 0.3)), label="five lamps"),
        Case((np.array([0.1, 0.2, -0.1]), np.array([8.5, 0.65, 1.2]), 1, 0.01), label="inputs that are not 0 or 1"),
        Case((kit.uniform(rng, 2), np.array([1, 1]), 1, 1.0), label="alpha 1"),
        Case((kit.uniform(rng, 1), np.array([1]), 1, kit.number(rng, 0.05, 0.3)), label="one lamp"),
    ]


def stochastic_epoch_cases(rng):
    return [
        Case(
            (kit.uniform(rng, 3), STREETLIGHTS, WALK_VS_STOP, kit.number(rng, 0.05, 0.3)),
            label="the book's streetlights, other weights",
        ),
        Case(
            (kit.uniform(rng, 4), kit.mask(rng, 5, 4), kit.mask(rng, 5), kit.number(rng, 0.05, 0.3)),
            label="5 streetlights of 4 lamps",
        ),
        Case(
            (kit.uniform(rng, 2), kit.mask(rng, 1, 2), np.array([1]), kit.number(rng, 0.05, 0.3)),
            label="a single streetlight",
        ),
    ]


def batch_epoch_cases(rng):
    return [
        Case(
            (kit.uniform(rng, 3), STREETLIGHTS, WALK_VS_STOP, kit.number(rng, 0.05, 0.3), 3),
            label="the book's streetlights in batches of 3",
        ),
        Case(
            (kit.uniform(rng, 4), kit.mask(rng, 5, 4), kit.mask(rng, 5), kit.number(rng, 0.05, 0.3), 2),
            label="5 rows in batches of 2",
        ),
        Case(
            (kit.uniform(rng, 3), kit.mask(rng, 7, 3), kit.mask(rng, 7), kit.number(rng, 0.05, 0.3), 7),
            label="full batch of 7 rows",
        ),
        Case(
            (kit.uniform(rng, 2), kit.mask(rng, 3, 2), kit.mask(rng, 3), kit.number(rng, 0.05, 0.3), 10),
            label="batch_size larger than the data",
        ),
        Case(
            (kit.uniform(rng, 1), kit.mask(rng, 4, 1), kit.mask(rng, 4), kit.number(rng, 0.05, 0.3), 1),
            label="one lamp, batches of one row",
        ),
    ]


def relu_cases(rng):
    return [
        Case((kit.uniform(rng, 3, 4),), label="a 3×4 matrix"),
        Case((-np.abs(kit.uniform(rng, 5)) - 0.1,), label="all negative"),
        Case((np.abs(kit.uniform(rng, 1, 6)) + 0.1,), label="all positive"),
        Case((np.array([0.0, -0.0, 1e-9, -1e-9]),), label="around zero"),
    ]


def relu2deriv_cases(rng):
    return [
        Case((answers.relu(kit.uniform(rng, 3, 4)),), label="a 3×4 layer"),
        Case((np.zeros(5),), label="every unit off"),
        Case((answers.relu(kit.uniform(rng, 1, 6)) + 0.25,), label="every unit on"),
    ]


def forward_cases(rng):
    sizes = [
        (1, 3, 4, 1, "one streetlight, 4 hidden units"),
        (3, 4, 5, 2, "three rows, 4 lamps, 5 hidden, 2 outputs"),
        (2, 2, 3, 1, "two rows, 2 lamps, 3 hidden"),
        (1, 5, 1, 3, "one hidden unit, 3 outputs"),
        (3, 3, 3, 3, "every matrix 3×3, so that no transposition fails for its shape"),
    ]
    cases = []
    for rows, n_in, hidden, n_out, label in sizes:
        state = _network_state(rng, rows, n_in, hidden, n_out)
        cases.append(Case((state["layer_0"], state["weights_0_1"], state["weights_1_2"]), label=label))
    return cases


def layer_deltas_cases(rng):
    sizes = [
        (4, 3, 4, 1, "four streetlights, 4 hidden units"),
        (3, 4, 5, 2, "three rows, 5 hidden, 2 outputs"),
        (2, 3, 3, 3, "two rows, 3 hidden, 3 outputs"),
        (5, 2, 6, 1, "five rows, 2 lamps, 6 hidden"),
    ]
    cases = []
    for rows, n_in, hidden, n_out, label in sizes:
        s = _telling_state(rng, rows, n_in, hidden, n_out)
        cases.append(Case((s["layer_1"], s["layer_2"], s["goal"], s["weights_1_2"]), label=label))
    return cases


def update_weights_cases(rng):
    sizes = [
        (2, 3, 4, 1, "two streetlights, 4 hidden units"),
        (3, 4, 5, 2, "three rows, 5 hidden, 2 outputs"),
        (4, 2, 3, 1, "2 lamps, 3 hidden"),
    ]
    cases = []
    for rows, n_in, hidden, n_out, label in sizes:
        s = _telling_state(rng, rows, n_in, hidden, n_out)
        alpha = kit.number(rng, 0.05, 0.3)
        cases.append(
            Case(
                (
                    s["weights_0_1"],
                    s["weights_1_2"],
                    s["layer_0"],
                    s["layer_1"],
                    s["layer_1_delta"],
                    s["layer_2_delta"],
                    alpha,
                ),
                label=label,
            )
        )
    return cases


def train_cases(rng):
    xor_like = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]])
    return [
        Case(
            (xor_like, np.array([[0, 0, 1, 1]]).T, 0.1, 3, 5, 2),
            label="the deep streetlights with other goals, 3 hidden, 5 iterations",
        ),
        Case(
            (kit.mask(rng, 6, 4), kit.mask(rng, 6, 2), kit.number(rng, 0.05, 0.3), 5, 4, 7),
            label="6 rows, 4 lamps, 2 outputs, 4 iterations",
        ),
        Case(
            (kit.mask(rng, 5, 2), kit.mask(rng, 5, 1), kit.number(rng, 0.05, 0.3), 2, 3, 11),
            label="5 rows, 2 lamps, 2 hidden, 3 iterations",
        ),
        Case((DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.3, 4, 12, 5), label="the book's streetlights with seed 5, alpha 0.3"),
        Case((DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.2, 4, 0, 1), label="no iterations at all"),
    ]


# Mistakes: first the ones only this lesson makes, then one wrong implementation per mistake, a named function
# with the exercise's own signature.

INPUT_FORGOTTEN = Mistake(
    "weight_delta without the input",
    "Each weight moves by weight_delta = input × delta: a lamp that is off (0) did not change the prediction, "
    "so its weight does not move.",
)
ERROR_AFTER_STEP = Mistake(
    "error measured after the step",
    "Return the error of the prediction made with the weights you were given, measured before they change.",
)
UPDATED_AFTER_THE_LOOP = Mistake(
    "weights updated once, after the loop",
    "Stochastic gradient descent updates the weights after every streetlight, so each prediction uses the "
    "weights the previous streetlight left behind.",
)
LAST_ERROR_ONLY = Mistake(
    "the last streetlight's error only",
    "Add up the errors of every streetlight of the pass (error_for_all_lights += error).",
)
ROWS_NOT_AVERAGED = Mistake(
    "dividing by the number of rows forgotten",
    "A batch's weight_delta is the average of its rows' weight deltas: divide the sum by the number of rows in the "
    "batch.",
)
SHORT_BATCH = Mistake(
    "the last, shorter batch divided by batch_size",
    "When the rows do not split evenly, the last batch has fewer rows: average over the rows it really has.",
)
PYTHON_MAX = Mistake(
    "Python's max on an array",
    "max(0, x) asks whether the whole array is larger than 0, which NumPy cannot answer: compare elementwise "
    "with np.maximum(x, 0) or (x > 0) * x.",
)
NP_MAX = Mistake(
    "np.max instead of np.maximum",
    "np.max(x, 0) finds the largest value along axis 0; np.maximum(x, 0) compares every entry with 0.",
)
RELU_SLOPE_FORGOTTEN = Mistake(
    "relu derivative forgotten",
    "Multiply the delta sent back to layer_1 by relu2deriv(layer_1): a hidden unit that was off passed nothing "
    "forward, so it takes no blame.",
)
RELU_SLOPE_WRONG_LAYER = Mistake(
    "relu derivative on the wrong layer",
    "The relu sits on layer_1, so relu2deriv(layer_1) scales layer_1_delta; the output layer_2 has no relu.",
)
TRANSPOSED_BACKWARD = Mistake(
    "transposed weights in the backward pass",
    "Going backwards, layer_2_delta travels through weights_1_2.T; a weight delta is layer_in.T.dot(delta_out), "
    "shaped like its weight matrix (inputs × outputs).",
)
UPDATED_ONCE_PER_PASS = Mistake(
    "weights updated once per pass",
    "The update belongs inside the loop over streetlights: each streetlight's deltas change the weights before "
    "the next streetlight is predicted.",
)
WENT_UPHILL = Mistake(
    "weight delta added instead of subtracted",
    "The deltas are prediction − goal, so the weights move against them: weights − alpha × weight_delta.",
)
DRAWN_IN_ANOTHER_ORDER = Mistake(
    "weights drawn in another order or range",
    "Right after np.random.seed(seed), draw weights_0_1 first, then weights_1_2, each as "
    "2 * np.random.random(shape) - 1 (uniform between -1 and 1).",
)

# The shared mistakes, with this lesson's advice in its own terms (weight_delta, streetlights, rows of a batch).
DELTA_AS_GOAL_MINUS_PREDICTION = TRUE_MINUS_PRED.hinted(
    "delta is prediction − goal: positive when the prediction is too high, so that subtracting "
    "alpha × weight_delta brings the prediction down. With goal − prediction every step goes uphill."
)
STEPPED_UP_THE_ERROR = STEP_WRONG_WAY.hinted(
    "Every weight moved so that the error grows: delta is prediction − goal and weights − alpha × weight_delta. "
    "With goal − prediction, or with the weight_delta added, each step goes uphill."
)
WEIGHT_DELTA_NOT_SCALED = ALPHA_FORGOTTEN.hinted(
    "Scale every weight_delta by the learning rate alpha before subtracting it."
)
ROWS_OF_A_BATCH_ONE_BY_ONE = UPDATED_INSIDE_THE_LOOP.hinted(
    "In batch gradient descent every row of a batch is predicted with the same weights; the weights change "
    "once per batch, by the average weight_delta."
)
ZERO_OUTPUT_COUNTED_AS_ON = ZERO_COUNTED_AS_ON.hinted(
    "A unit whose output is exactly 0 was switched off by relu and passed nothing on: use output > 0, not output >= 0."
)
HIDDEN_RELU_FORGOTTEN = RELU_FORGOTTEN.hinted(
    "layer_1 = relu(layer_0.dot(weights_0_1)): without the relu, two layers compute nothing one layer couldn't."
)
OUTPUT_THROUGH_RELU = RELU_ON_OUTPUT.hinted(
    "Only the hidden layer goes through relu; layer_2 is the plain weighted sum of layer_1, so it can be any number."
)


def gradient_step_true_minus_pred(weights, input, goal_prediction, alpha):
    prediction = input.dot(weights)
    return weights - alpha * (input * (goal_prediction - prediction)), (goal_prediction - prediction) ** 2


def gradient_step_without_alpha(weights, input, goal_prediction, alpha):
    new_weights, _ = answers.gradient_step(weights, input, goal_prediction, 1)
    _, error = answers.gradient_step(weights, input, goal_prediction, alpha)
    return new_weights, error


def gradient_step_without_input(weights, input, goal_prediction, alpha):
    prediction = input.dot(weights)
    return weights - alpha * (prediction - goal_prediction), (goal_prediction - prediction) ** 2


def gradient_step_error_after_the_step(weights, input, goal_prediction, alpha):
    new_weights, _ = answers.gradient_step(weights, input, goal_prediction, alpha)
    return new_weights, (goal_prediction - input.dot(new_weights)) ** 2


def _epoch(step, weights, streetlights, walk_vs_stop, alpha):
    """A pass of stochastic gradient descent made of ``step``s (a version of gradient_step)."""
    total = 0
    for input, goal_prediction in zip(streetlights, walk_vs_stop):
        weights, error = step(weights, input, goal_prediction, alpha)
        total += error
    return weights, total


def stochastic_epoch_updated_after_the_loop(weights, streetlights, walk_vs_stop, alpha):
    predictions = streetlights.dot(weights)
    deltas = predictions - walk_vs_stop
    return weights - alpha * streetlights.T.dot(deltas), np.sum((walk_vs_stop - predictions) ** 2)


def stochastic_epoch_last_error_only(weights, streetlights, walk_vs_stop, alpha):
    for input, goal_prediction in zip(streetlights, walk_vs_stop):
        weights, error = answers.gradient_step(weights, input, goal_prediction, alpha)
    return weights, error


def stochastic_epoch_true_minus_pred(weights, streetlights, walk_vs_stop, alpha):
    return _epoch(gradient_step_true_minus_pred, weights, streetlights, walk_vs_stop, alpha)


def stochastic_epoch_without_alpha(weights, streetlights, walk_vs_stop, alpha):
    return _epoch(gradient_step_without_alpha, weights, streetlights, walk_vs_stop, alpha)


def stochastic_epoch_without_input(weights, streetlights, walk_vs_stop, alpha):
    return _epoch(gradient_step_without_input, weights, streetlights, walk_vs_stop, alpha)


def batch_epoch_row_by_row(weights, streetlights, walk_vs_stop, alpha, batch_size):
    return answers.stochastic_epoch(weights, streetlights, walk_vs_stop, alpha)


def batch_epoch_short_batch_divided_by_batch_size(weights, streetlights, walk_vs_stop, alpha, batch_size):
    total = 0
    for start in range(0, len(streetlights), batch_size):
        inputs, goals = streetlights[start : start + batch_size], walk_vs_stop[start : start + batch_size]
        predictions = inputs.dot(weights)
        total += np.sum((goals - predictions) ** 2)
        weights = weights - alpha * inputs.T.dot(predictions - goals) / batch_size
    return weights, total


def batch_epoch_summed_not_averaged(weights, streetlights, walk_vs_stop, alpha, batch_size):
    total = 0
    for start in range(0, len(streetlights), batch_size):
        inputs, goals = streetlights[start : start + batch_size], walk_vs_stop[start : start + batch_size]
        predictions = inputs.dot(weights)
        total += np.sum((goals - predictions) ** 2)
        weights = weights - alpha * inputs.T.dot(predictions - goals)
    return weights, total


def relu_python_max(x):
    return max(0, x)


def relu_mask_not_values(x):
    return x > 0


def relu_np_max(x):
    return np.max(x, 0)


def relu_np_max_zero_first(x):
    return np.max(0, x)


def relu_absolute_value(x):
    return np.abs(x)


def relu2deriv_zero_counted_as_on(output):
    return output >= 0


def relu2deriv_values_not_slope(output):
    return answers.relu(output)


def forward_relu_forgotten(layer_0, weights_0_1, weights_1_2):
    return layer_0.dot(weights_0_1), layer_0.dot(weights_0_1).dot(weights_1_2)


def forward_relu_on_output(layer_0, weights_0_1, weights_1_2):
    layer_1 = answers.relu(layer_0.dot(weights_0_1))
    return layer_1, answers.relu(layer_1.dot(weights_1_2))


def forward_transposed(layer_0, weights_0_1, weights_1_2):
    return answers.forward(layer_0, weights_0_1.T, weights_1_2.T)


def forward_weights_on_the_left(layer_0, weights_0_1, weights_1_2):
    layer_1 = answers.relu(weights_0_1.dot(layer_0))
    return layer_1, weights_1_2.dot(layer_1)


def layer_deltas_transposed(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = layer_2 - goal
    return layer_2_delta, layer_2_delta.dot(weights_1_2) * answers.relu2deriv(layer_1)


def layer_deltas_true_minus_pred(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = goal - layer_2
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * answers.relu2deriv(layer_1)


def layer_deltas_relu_slope_forgotten(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = layer_2 - goal
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T)


def layer_deltas_slope_of_the_output(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = layer_2 - goal
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * answers.relu2deriv(layer_2)


def update_weights_transposed(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return weights_0_1 - alpha * layer_1_delta.T.dot(layer_0), weights_1_2 - alpha * layer_2_delta.T.dot(layer_1)


def update_weights_uphill(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return answers.update_weights(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, -alpha)


def update_weights_without_alpha(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return answers.update_weights(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, 1)


def _weights_in_another_order(n_inputs, hidden_size, n_outputs, seed):
    random = np.random.RandomState(seed)
    weights_1_2 = 2 * random.random_sample((hidden_size, n_outputs)) - 1
    weights_0_1 = 2 * random.random_sample((n_inputs, hidden_size)) - 1
    return weights_0_1, weights_1_2


def _weights_not_centred(n_inputs, hidden_size, n_outputs, seed):
    random = np.random.RandomState(seed)
    return random.random_sample((n_inputs, hidden_size)), random.random_sample((hidden_size, n_outputs))


def _train(
    streetlights,
    walk_vs_stop,
    alpha,
    hidden_size,
    iterations,
    seed,
    deltas=answers.layer_deltas,
    update=answers.update_weights,
    init=_initial_weights,
    update_per_light=True,
):
    """The training loop, with one of its parts replaced by a wrong version of it."""
    with np.errstate(all="ignore"):  # some wrong versions diverge; their overflow is no news to the student
        weights_0_1, weights_1_2 = init(streetlights.shape[1], hidden_size, walk_vs_stop.shape[1], seed)
        errors = []
        for _ in range(iterations):
            layer_2_error = 0.0
            for i in range(len(streetlights)):
                layer_0, goal = streetlights[i : i + 1], walk_vs_stop[i : i + 1]
                layer_1, layer_2 = answers.forward(layer_0, weights_0_1, weights_1_2)
                layer_2_error += float(np.sum((layer_2 - goal) ** 2))
                if update_per_light:
                    layer_2_delta, layer_1_delta = deltas(layer_1, layer_2, goal, weights_1_2)
                    weights_0_1, weights_1_2 = update(
                        weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha
                    )
            if not update_per_light:  # the last streetlight's deltas only, once per pass
                layer_2_delta, layer_1_delta = deltas(layer_1, layer_2, goal, weights_1_2)
                weights_0_1, weights_1_2 = update(
                    weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha
                )
            errors.append(layer_2_error)
    return weights_0_1, weights_1_2, errors


def train_transposed_backward(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, deltas=layer_deltas_transposed)


def train_true_minus_pred(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, deltas=layer_deltas_true_minus_pred)


def train_relu_slope_forgotten(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(
        streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, deltas=layer_deltas_relu_slope_forgotten
    )


def train_slope_of_the_output(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(
        streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, deltas=layer_deltas_slope_of_the_output
    )


def train_without_alpha(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, update=update_weights_without_alpha)


def train_updated_once_per_pass(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, update_per_light=False)


def train_weights_in_another_order(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, init=_weights_in_another_order)


def train_weights_not_centred(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed):
    return _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed, init=_weights_not_centred)


# Exercises.

EXERCISES = [
    Exercise(
        id="deep.gradient_step",
        function="gradient_step",
        returns=("array", "number"),
        visible=[
            Case(
                (START_WEIGHTS, STREETLIGHTS[0], 0, 0.1),
                (np.array([0.52, 0.48, -0.68]), 0.04),
                "the book's first streetlight",
            ),
            Case(
                (np.array([0.52, 0.48, -0.68]), STREETLIGHTS[0], 0, 0.1),
                (np.array([0.536, 0.48, -0.664]), 0.0256),
                "the same streetlight, one step later",
            ),
        ],
        hidden=gradient_step_cases,
        mistakes=[
            STEPPED_UP_THE_ERROR.via(gradient_step_true_minus_pred),
            WEIGHT_DELTA_NOT_SCALED.via(gradient_step_without_alpha),
            INPUT_FORGOTTEN.via(gradient_step_without_input),
            ERROR_AFTER_STEP.via(gradient_step_error_after_the_step),
        ],
    ),
    Exercise(
        id="deep.stochastic_epoch",
        function="stochastic_epoch",
        returns=("array", "number"),
        visible=[
            # The book prints the pass's error; the weights are what its own code leaves behind.
            Case(
                (START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1),
                (answers.stochastic_epoch(START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1)[0], 2.6561231104),
                "the book's first pass",
            ),
        ],
        hidden=stochastic_epoch_cases,
        mistakes=[
            UPDATED_AFTER_THE_LOOP.via(stochastic_epoch_updated_after_the_loop),
            LAST_ERROR_ONLY.via(stochastic_epoch_last_error_only),
            STEPPED_UP_THE_ERROR.via(stochastic_epoch_true_minus_pred),
            WEIGHT_DELTA_NOT_SCALED.via(stochastic_epoch_without_alpha),
            INPUT_FORGOTTEN.via(stochastic_epoch_without_input),
        ],
    ),
    Exercise(
        id="deep.batch_epoch",
        function="batch_epoch",
        returns=("array", "number"),
        visible=[
            Case(
                (START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 1),
                (answers.stochastic_epoch(START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1)[0], 2.6561231104),
                "batches of 1: stochastic",
            ),
            Case(
                (START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 6), label="one batch of all 6: full gradient descent"
            ),
            Case((START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 2), label="batches of 2"),
            Case((START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 4), label="batches of 4: the last has 2 rows"),
        ],
        hidden=batch_epoch_cases,
        mistakes=[
            ROWS_OF_A_BATCH_ONE_BY_ONE.via(batch_epoch_row_by_row),
            SHORT_BATCH.via(batch_epoch_short_batch_divided_by_batch_size),
            ROWS_NOT_AVERAGED.via(batch_epoch_summed_not_averaged),
        ],
    ),
    Exercise(
        id="deep.relu",
        function="relu",
        returns="array",
        visible=[
            Case((np.array([-1.0, 0.0, 0.5, 2.0]),), np.array([0.0, 0.0, 0.5, 2.0]), "a few numbers"),
            Case((FIRST_LIGHT.dot(BOOK_WEIGHTS_0_1),), label="the book's first hidden layer"),
        ],
        hidden=relu_cases,
        mistakes=[
            PYTHON_MAX.via(relu_python_max),
            MASK_NOT_VALUES.via(relu_mask_not_values),
            NP_MAX.via(relu_np_max),
            NP_MAX.via(relu_np_max_zero_first),
            ABSOLUTE_VALUE.via(relu_absolute_value),
        ],
    ),
    Exercise(
        id="deep.relu2deriv",
        function="relu2deriv",
        returns="array",
        visible=[
            Case((np.array([0.0, 0.5, 0.0, 2.0]),), np.array([0, 1, 0, 1]), "a few outputs of relu"),
            Case((FIRST_LAYER_1,), label="the book's first hidden layer"),
        ],
        hidden=relu2deriv_cases,
        mistakes=[
            ZERO_OUTPUT_COUNTED_AS_ON.via(relu2deriv_zero_counted_as_on),
            VALUES_NOT_SLOPE.via(relu2deriv_values_not_slope),
        ],
    ),
    Exercise(
        id="deep.forward",
        function="forward",
        returns=("array", "array"),
        visible=[
            Case((FIRST_LIGHT, BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2), label="the book's first streetlight, seed 1"),
            Case(
                (DEEP_LIGHTS, SEED_2_WEIGHTS_0_1, SEED_2_WEIGHTS_1_2),
                label="the book's four streetlights at once, seed 2",
            ),
        ],
        hidden=forward_cases,
        mistakes=[
            HIDDEN_RELU_FORGOTTEN.via(forward_relu_forgotten),
            OUTPUT_THROUGH_RELU.via(forward_relu_on_output),
            TRANSPOSED.via(forward_transposed),
            TRANSPOSED.via(forward_weights_on_the_left),
        ],
    ),
    Exercise(
        id="deep.layer_deltas",
        function="layer_deltas",
        returns=("array", "array"),
        visible=[
            Case(
                (SEED_2_LAYER_1, SEED_2_LAYER_2, DEEP_WALK_VS_STOP, SEED_2_WEIGHTS_1_2),
                label="the book's four streetlights at once, seed 2",
            ),
            Case(
                (FIRST_LAYER_1, FIRST_LAYER_2, FIRST_GOAL, BOOK_WEIGHTS_1_2),
                (FIRST_LAYER_2_DELTA, FIRST_LAYER_1_DELTA),
                "the book's first streetlight, seed 1",
            ),
        ],
        hidden=layer_deltas_cases,
        mistakes=[
            TRANSPOSED_BACKWARD.via(layer_deltas_transposed),
            DELTA_AS_GOAL_MINUS_PREDICTION.via(layer_deltas_true_minus_pred),
            RELU_SLOPE_FORGOTTEN.via(layer_deltas_relu_slope_forgotten),
            RELU_SLOPE_WRONG_LAYER.via(layer_deltas_slope_of_the_output),
        ],
    ),
    Exercise(
        id="deep.update_weights",
        function="update_weights",
        returns=("array", "array"),
        visible=[
            Case(
                (
                    BOOK_WEIGHTS_0_1,
                    BOOK_WEIGHTS_1_2,
                    FIRST_LIGHT,
                    FIRST_LAYER_1,
                    FIRST_LAYER_1_DELTA,
                    FIRST_LAYER_2_DELTA,
                    0.2,
                ),
                label="the book's first streetlight, seed 1, alpha 0.2",
            ),
        ],
        hidden=update_weights_cases,
        mistakes=[
            TRANSPOSED_BACKWARD.via(update_weights_transposed),
            WENT_UPHILL.via(update_weights_uphill),
            WEIGHT_DELTA_NOT_SCALED.via(update_weights_without_alpha),
        ],
    ),
    Exercise(
        id="deep.train",
        function="train",
        returns=("array", "array", "list"),
        visible=[
            # A short run first: in the book's run the prediction never drops below 0, which hides relu's slope
            # taken on the wrong layer behind the slope forgotten altogether.
            Case(
                (DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.2, 4, 12, 3), label="the book's streetlights, seed 3, 12 iterations"
            ),
            Case((DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.2, 4, 60, 1), label="the book's network: seed 1, 60 iterations"),
        ],
        hidden=train_cases,
        mistakes=[
            TRANSPOSED_BACKWARD.via(train_transposed_backward),
            STEPPED_UP_THE_ERROR.via(train_true_minus_pred),
            RELU_SLOPE_FORGOTTEN.via(train_relu_slope_forgotten),
            RELU_SLOPE_WRONG_LAYER.via(train_slope_of_the_output),
            WEIGHT_DELTA_NOT_SCALED.via(train_without_alpha),
            UPDATED_ONCE_PER_PASS.via(train_updated_once_per_pass),
            DRAWN_IN_ANOTHER_ORDER.via(train_weights_in_another_order),
            DRAWN_IN_ANOTHER_ORDER.via(train_weights_not_centred),
        ],
    ),
    # Predictions: how often the deep network solves the streetlights, committed to before the lesson counts it.
    prediction(
        "deep.one_hidden_unit_solves",
        "one_hidden_unit_solves",
        "The prediction is one weight times one relu unit, which sees a weighted sum of the lamps (the right lamp, "
        "always on, acts as a bias). To predict WALK the unit must be on for the left lamp alone and for the middle "
        "lamp alone; to predict STOP it must be off for neither and for both: can one weighted sum do all four?",
        choices=("no seed", "some seeds", "every seed"),
        traps=[
            (
                "some seeds",
                Mistake(
                    "a lucky start",
                    "No start helps: a weighted sum that is positive for the left lamp alone and for the middle lamp "
                    "alone, but not for neither, is positive for both together too.",
                ),
            )
        ],
    ),
    prediction(
        "deep.eight_hidden_units_solve",
        "eight_hidden_units_solve",
        "Every seed draws the starting weights of all 8 hidden units at random, and 60 passes are few: does having "
        "more units make a bad start impossible, or only rarer?",
        choices=("no seed", "some seeds", "every seed"),
        traps=[
            (
                "every seed",
                Mistake(
                    "more units, no bad luck",
                    "More hidden units make a stuck or slow start rarer, not impossible: after 60 passes from an "
                    "unlucky draw the error can still be above 0.01.",
                ),
            )
        ],
    ),
]
