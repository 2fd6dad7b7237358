"""Lesson 05, your first deep network: learning whole data sets, relu, and backpropagation.

Visible cases are the book's streetlight examples with the values its listings print (or, where it
prints nothing, the values of its own code); hidden cases use other streetlights, sizes, learning
rates and seeds, checked against the reference implementations below.
"""

import numpy as np

from grader.schema import Case, Exercise
from grader.catalogue import TRANSPOSED, Mistake
from grader.references.deep import batch_epoch, forward, gradient_step, layer_deltas, relu, relu2deriv, stochastic_epoch, train, update_weights

# The six streetlights of the single-layer network: one row per streetlight, one column per lamp.
STREETLIGHTS = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1], [0, 1, 1], [1, 0, 1]])
WALK_VS_STOP = np.array([0, 1, 0, 1, 1, 0])
START_WEIGHTS = np.array([0.5, 0.48, -0.7])

# The four streetlights of the deep network: no single lamp correlates with walk/stop.
DEEP_LIGHTS = STREETLIGHTS[:4]
DEEP_WALK_VS_STOP = np.array([[1, 1, 0, 0]]).T
# Errors the book prints every tenth iteration of the deep network (seed 1, alpha 0.2, 4 hidden units).
BOOK_ERRORS = [0.6342311598444467, 0.3583840767631751, 0.0830183113303297,
               0.0064670549571037, 0.0003292669000751, 1.5055622665135e-05]  # fmt: skip

TRUE_MINUS_PRED = Mistake(
    "true − pred instead of pred − true",
    "delta is prediction − goal: positive when the prediction is too high, so that subtracting "
    "alpha × weight_delta brings the prediction down. With goal − prediction every step goes uphill.",
)
ALPHA_FORGOTTEN = Mistake("alpha forgotten", "Scale every weight_delta by the learning rate alpha before subtracting it.")
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
NOT_AVERAGED = Mistake(
    "dividing by the number of rows forgotten",
    "A batch's weight_delta is the average of its rows' weight deltas: divide the sum by the number of rows in the batch.",
)
UPDATED_INSIDE_THE_BATCH = Mistake(
    "weights updated inside the record loop",
    "In batch gradient descent every row of a batch is predicted with the same weights; the weights change "
    "once per batch, by the average weight_delta.",
)
SHORT_BATCH = Mistake(
    "the last, shorter batch divided by batch_size",
    "When the rows do not split evenly, the last batch has fewer rows: average over the rows it really has.",
)
MASK_NOT_VALUES = Mistake(
    "the on/off mask instead of the values",
    "relu keeps every positive value as it is and sets the others to 0: (x > 0) * x, not x > 0.",
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
ABSOLUTE_VALUE = Mistake("absolute value instead of relu", "relu turns negative values into 0, not into positive values.")
VALUES_NOT_SLOPE = Mistake(
    "the values instead of the slope",
    "relu2deriv gives the slope of relu: 1 where the unit is on (output > 0) and 0 where it is off, whatever the value.",
)
ZERO_COUNTED_AS_ON = Mistake(
    "zero counted as on",
    "A unit whose output is exactly 0 was switched off by relu and passed nothing on: use output > 0, not output >= 0.",
)
RELU_FORGOTTEN = Mistake(
    "relu forgotten",
    "layer_1 = relu(layer_0.dot(weights_0_1)): without the relu, two layers compute nothing one layer couldn't.",
)
RELU_ON_OUTPUT = Mistake(
    "relu on the output layer",
    "Only the hidden layer goes through relu; layer_2 is the plain weighted sum of layer_1, so it can be any number.",
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


# Learning a whole data set with one layer of weights.
# The deep network.
def _initial_weights(n_inputs, hidden_size, n_outputs, seed):
    """The book's weights: np.random.seed(seed), then 2 * np.random.random(shape) - 1 for each matrix in turn.

    A RandomState of its own draws the same numbers without resetting the caller's global random state.
    """
    random = np.random.RandomState(seed)
    weights_0_1 = 2 * random.random_sample((n_inputs, hidden_size)) - 1
    weights_1_2 = 2 * random.random_sample((hidden_size, n_outputs)) - 1
    return weights_0_1, weights_1_2


def _train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed,
           deltas=layer_deltas, update=update_weights, init=_initial_weights, update_per_light=True):  # fmt: skip
    """The training loop, with each of its parts replaceable by a wrong version of it."""
    weights_0_1, weights_1_2 = init(streetlights.shape[1], hidden_size, walk_vs_stop.shape[1], seed)
    errors = []
    for _ in range(iterations):
        layer_2_error = 0.0
        for i in range(len(streetlights)):
            layer_0, goal = streetlights[i : i + 1], walk_vs_stop[i : i + 1]
            layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2)
            layer_2_error += float(np.sum((layer_2 - goal) ** 2))
            if update_per_light:
                layer_2_delta, layer_1_delta = deltas(layer_1, layer_2, goal, weights_1_2)
                weights_0_1, weights_1_2 = update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha)
        if not update_per_light:  # the last streetlight's deltas only, once per pass
            layer_2_delta, layer_1_delta = deltas(layer_1, layer_2, goal, weights_1_2)
            weights_0_1, weights_1_2 = update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha)
        errors.append(layer_2_error)
    return weights_0_1, weights_1_2, errors


# Wrong versions, named by the mistake they make.
def _step_true_minus_pred(weights, input, goal_prediction, alpha):
    prediction = input.dot(weights)
    return weights - alpha * (input * (goal_prediction - prediction)), (goal_prediction - prediction) ** 2


def _step_without_alpha(weights, input, goal_prediction, alpha):
    return gradient_step(weights, input, goal_prediction, 1)[0], gradient_step(weights, input, goal_prediction, alpha)[1]


def _step_without_input(weights, input, goal_prediction, alpha):
    prediction = input.dot(weights)
    return weights - alpha * (prediction - goal_prediction), (goal_prediction - prediction) ** 2


def _step_error_after(weights, input, goal_prediction, alpha):
    new_weights, _ = gradient_step(weights, input, goal_prediction, alpha)
    return new_weights, (goal_prediction - input.dot(new_weights)) ** 2


def _epoch_with(step):
    def epoch(weights, streetlights, walk_vs_stop, alpha):
        total = 0
        for input, goal_prediction in zip(streetlights, walk_vs_stop):
            weights, error = step(weights, input, goal_prediction, alpha)
            total += error
        return weights, total

    return epoch


def _epoch_updated_after_loop(weights, streetlights, walk_vs_stop, alpha):
    predictions = streetlights.dot(weights)
    deltas = predictions - walk_vs_stop
    return weights - alpha * streetlights.T.dot(deltas), np.sum((walk_vs_stop - predictions) ** 2)


def _epoch_last_error(weights, streetlights, walk_vs_stop, alpha):
    for input, goal_prediction in zip(streetlights, walk_vs_stop):
        weights, error = gradient_step(weights, input, goal_prediction, alpha)
    return weights, error


def _batch_summed(weights, streetlights, walk_vs_stop, alpha, batch_size):
    total = 0
    for start in range(0, len(streetlights), batch_size):
        inputs, goals = streetlights[start : start + batch_size], walk_vs_stop[start : start + batch_size]
        predictions = inputs.dot(weights)
        total += np.sum((goals - predictions) ** 2)
        weights = weights - alpha * inputs.T.dot(predictions - goals)
    return weights, total


def _batch_updated_inside(weights, streetlights, walk_vs_stop, alpha, batch_size):
    return stochastic_epoch(weights, streetlights, walk_vs_stop, alpha)


def _batch_short_divided_by_batch_size(weights, streetlights, walk_vs_stop, alpha, batch_size):
    total = 0
    for start in range(0, len(streetlights), batch_size):
        inputs, goals = streetlights[start : start + batch_size], walk_vs_stop[start : start + batch_size]
        predictions = inputs.dot(weights)
        total += np.sum((goals - predictions) ** 2)
        weights = weights - alpha * inputs.T.dot(predictions - goals) / batch_size
    return weights, total


def _deltas_true_minus_pred(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = goal - layer_2
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)


def _deltas_without_relu_slope(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = layer_2 - goal
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T)


def _deltas_slope_of_output(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = layer_2 - goal
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_2)


def _deltas_transposed(layer_1, layer_2, goal, weights_1_2):
    layer_2_delta = layer_2 - goal
    return layer_2_delta, layer_2_delta.dot(weights_1_2) * relu2deriv(layer_1)


def _update_uphill(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return update_weights(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, -alpha)


def _update_without_alpha(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return update_weights(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, 1)


def _update_transposed(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return weights_0_1 - alpha * layer_1_delta.T.dot(layer_0), weights_1_2 - alpha * layer_2_delta.T.dot(layer_1)


def _weights_in_another_order(n_inputs, hidden_size, n_outputs, seed):
    random = np.random.RandomState(seed)
    weights_1_2 = 2 * random.random_sample((hidden_size, n_outputs)) - 1
    weights_0_1 = 2 * random.random_sample((n_inputs, hidden_size)) - 1
    return weights_0_1, weights_1_2


def _weights_not_centred(n_inputs, hidden_size, n_outputs, seed):
    random = np.random.RandomState(seed)
    return random.random_sample((n_inputs, hidden_size)), random.random_sample((hidden_size, n_outputs))


def _train_with(**wrong_part):
    def wrong_train(*args):
        with np.errstate(all="ignore"):  # some of these diverge; their overflow is no news to the student
            return _train(*args, **wrong_part)

    return wrong_train


# Inputs for hidden cases.
def _lights(rng, rows, lamps):
    """Streetlight-like inputs: 0/1 lamps, every row different when possible."""
    return rng.integers(0, 2, (rows, lamps))


def _weights(rng, *shape):
    return np.round(rng.uniform(-1, 1, shape), 3)


def _alpha(rng):
    return round(float(rng.uniform(0.05, 0.3)), 3)


def _network_state(rng, rows, n_in, hidden, n_out):
    """Weights, a forward pass, and the deltas, as one learning step of the deep network would have them."""
    layer_0 = _lights(rng, rows, n_in)
    layer_0[:, -1] = 1  # one lamp always on, so that every row reaches the hidden layer
    weights_0_1, weights_1_2 = _weights(rng, n_in, hidden), _weights(rng, hidden, n_out)
    goal = rng.integers(0, 2, (rows, n_out))
    layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = layer_deltas(layer_1, layer_2, goal, weights_1_2)
    return dict(layer_0=layer_0, weights_0_1=weights_0_1, weights_1_2=weights_1_2, goal=goal,
                layer_1=layer_1, layer_2=layer_2, layer_1_delta=layer_1_delta, layer_2_delta=layer_2_delta)  # fmt: skip


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


def _forward_cases(rng):
    sizes = [(1, 3, 4, 1, "one streetlight, 4 hidden units"), (3, 4, 5, 2, "three rows, 4 lamps, 5 hidden, 2 outputs"),
             (2, 2, 3, 1, "two rows, 2 lamps, 3 hidden"), (1, 5, 1, 3, "one hidden unit, 3 outputs")]  # fmt: skip
    cases = []
    for rows, n_in, hidden, n_out, label in sizes:
        state = _network_state(rng, rows, n_in, hidden, n_out)
        cases.append(Case((state["layer_0"], state["weights_0_1"], state["weights_1_2"]), label=label))
    return cases


def _delta_cases(rng):
    sizes = [(4, 3, 4, 1, "four streetlights, 4 hidden units"), (3, 4, 5, 2, "three rows, 5 hidden, 2 outputs"),
             (2, 3, 3, 3, "two rows, 3 hidden, 3 outputs"), (5, 2, 6, 1, "five rows, 2 lamps, 6 hidden")]  # fmt: skip
    cases = []
    for rows, n_in, hidden, n_out, label in sizes:
        s = _telling_state(rng, rows, n_in, hidden, n_out)
        cases.append(Case((s["layer_1"], s["layer_2"], s["goal"], s["weights_1_2"]), label=label))
    return cases


def _update_cases(rng):
    sizes = [(2, 3, 4, 1, "two streetlights, 4 hidden units"), (3, 4, 5, 2, "three rows, 5 hidden, 2 outputs"),
             (4, 2, 3, 1, "2 lamps, 3 hidden")]  # fmt: skip
    cases = []
    for rows, n_in, hidden, n_out, label in sizes:
        s = _telling_state(rng, rows, n_in, hidden, n_out)
        args = (s["weights_0_1"], s["weights_1_2"], s["layer_0"], s["layer_1"], s["layer_1_delta"], s["layer_2_delta"], _alpha(rng))
        cases.append(Case(args, label=label))
    return cases


def _train_cases(rng):
    xor_like = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]])
    cases = [
        Case((xor_like, np.array([[0, 0, 1, 1]]).T, 0.1, 3, 5, 2), label="the deep streetlights with other goals, 3 hidden, 5 iterations"),
        Case((_lights(rng, 6, 4), rng.integers(0, 2, (6, 2)), _alpha(rng), 5, 4, 7), label="6 rows, 4 lamps, 2 outputs, 4 iterations"),
        Case((_lights(rng, 5, 2), rng.integers(0, 2, (5, 1)), _alpha(rng), 2, 3, 11), label="5 rows, 2 lamps, 2 hidden, 3 iterations"),
        Case((DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.3, 4, 12, 5), label="the book's streetlights with seed 5, alpha 0.3"),
        Case((DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.2, 4, 0, 1), label="no iterations at all"),
    ]
    return cases




def _visible(reference, args, label):
    """A visible case the book prints nothing for: its expected value is what the book's own code computes."""
    return Case(args, reference(*args), label)


BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2 = _initial_weights(3, 4, 1, seed=1)
FIRST_LIGHT, FIRST_GOAL = DEEP_LIGHTS[0:1], DEEP_WALK_VS_STOP[0:1]
FIRST_LAYER_1, FIRST_LAYER_2 = forward(FIRST_LIGHT, BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2)
FIRST_LAYER_2_DELTA, FIRST_LAYER_1_DELTA = layer_deltas(FIRST_LAYER_1, FIRST_LAYER_2, FIRST_GOAL, BOOK_WEIGHTS_1_2)
# Seed 2 gives predictions of both signs, which tells relu's slope on the wrong layer from no slope at all.
SEED_2_WEIGHTS_0_1, SEED_2_WEIGHTS_1_2 = _initial_weights(3, 4, 1, seed=2)
SEED_2_LAYER_1, SEED_2_LAYER_2 = forward(DEEP_LIGHTS, SEED_2_WEIGHTS_0_1, SEED_2_WEIGHTS_1_2)

EXERCISES = [
    Exercise(
        id="deep.gradient_step",
        function="gradient_step",
        returns=("array", "number"),
        visible=[
            Case((START_WEIGHTS, STREETLIGHTS[0], 0, 0.1), (np.array([0.52, 0.48, -0.68]), 0.04), "the book's first streetlight"),
            Case((np.array([0.52, 0.48, -0.68]), STREETLIGHTS[0], 0, 0.1), (np.array([0.536, 0.48, -0.664]), 0.0256),
                 "the same streetlight, one step later"),
        ],
        hidden=lambda rng: [
            Case((_weights(rng, 3), STREETLIGHTS[1], 1, _alpha(rng)), label="a WALK streetlight"),
            Case((_weights(rng, 5), _lights(rng, 1, 5)[0], 0, _alpha(rng)), label="five lamps"),
            Case((np.array([0.1, 0.2, -0.1]), np.array([8.5, 0.65, 1.2]), 1, 0.01), label="inputs that are not 0 or 1"),
            Case((_weights(rng, 2), np.array([1, 1]), 1, 1.0), label="alpha 1"),
        ],
        mistakes=[
            TRUE_MINUS_PRED.via(_step_true_minus_pred),
            ALPHA_FORGOTTEN.via(_step_without_alpha),
            INPUT_FORGOTTEN.via(_step_without_input),
            ERROR_AFTER_STEP.via(_step_error_after),
        ],
    ),
    Exercise(
        id="deep.stochastic_epoch",
        function="stochastic_epoch",
        returns=("array", "number"),
        visible=[
            Case((START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1),
                 (stochastic_epoch(START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1)[0], 2.6561231104), "the book's first pass"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_weights(rng, 3), STREETLIGHTS, WALK_VS_STOP, _alpha(rng)), label="the book's streetlights, other weights"),
            Case((_weights(rng, 4), _lights(rng, 5, 4), rng.integers(0, 2, 5), _alpha(rng)), label="5 streetlights of 4 lamps"),
            Case((_weights(rng, 2), _lights(rng, 1, 2), np.array([1]), _alpha(rng)), label="a single streetlight"),
        ],
        mistakes=[
            UPDATED_AFTER_THE_LOOP.via(_epoch_updated_after_loop),
            LAST_ERROR_ONLY.via(_epoch_last_error),
            TRUE_MINUS_PRED.via(_epoch_with(_step_true_minus_pred)),
            ALPHA_FORGOTTEN.via(_epoch_with(_step_without_alpha)),
            INPUT_FORGOTTEN.via(_epoch_with(_step_without_input)),
        ],
    ),
    Exercise(
        id="deep.batch_epoch",
        function="batch_epoch",
        returns=("array", "number"),
        visible=[
            Case((START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 1),
                 (stochastic_epoch(START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1)[0], 2.6561231104), "batches of 1: stochastic"),
            _visible(batch_epoch, (START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 6), "one batch of all 6: full gradient descent"),
            _visible(batch_epoch, (START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 2), "batches of 2"),
            _visible(batch_epoch, (START_WEIGHTS, STREETLIGHTS, WALK_VS_STOP, 0.1, 4), "batches of 4: the last has 2 rows"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_weights(rng, 3), STREETLIGHTS, WALK_VS_STOP, _alpha(rng), 3), label="the book's streetlights in batches of 3"),
            Case((_weights(rng, 4), _lights(rng, 5, 4), rng.integers(0, 2, 5), _alpha(rng), 2), label="5 rows in batches of 2"),
            Case((_weights(rng, 3), _lights(rng, 7, 3), rng.integers(0, 2, 7), _alpha(rng), 7), label="full batch of 7 rows"),
            Case((_weights(rng, 2), _lights(rng, 3, 2), rng.integers(0, 2, 3), _alpha(rng), 10), label="batch_size larger than the data"),
        ],
        mistakes=[
            UPDATED_INSIDE_THE_BATCH.via(_batch_updated_inside),
            SHORT_BATCH.via(_batch_short_divided_by_batch_size),
            NOT_AVERAGED.via(_batch_summed),
        ],
    ),
    Exercise(
        id="deep.relu",
        function="relu",
        returns="array",
        visible=[
            Case((np.array([-1.0, 0.0, 0.5, 2.0]),), np.array([0.0, 0.0, 0.5, 2.0]), "a few numbers"),
            _visible(relu, (FIRST_LIGHT.dot(BOOK_WEIGHTS_0_1),), "the book's first hidden layer"),
        ],
        hidden=lambda rng: [
            Case((_weights(rng, 3, 4),),  label="a 3×4 matrix"),
            Case((-np.abs(_weights(rng, 5)) - 0.1,), label="all negative"),
            Case((np.abs(_weights(rng, 1, 6)) + 0.1,), label="all positive"),
            Case((np.array([0.0, -0.0, 1e-9, -1e-9]),), label="around zero"),
        ],
        mistakes=[
            PYTHON_MAX.via(lambda x: max(0, x)),
            MASK_NOT_VALUES.via(lambda x: x > 0),
            NP_MAX.via(lambda x: np.max(x, 0)),
            ABSOLUTE_VALUE.via(np.abs),
        ],
    ),
    Exercise(
        id="deep.relu2deriv",
        function="relu2deriv",
        returns="array",
        visible=[
            Case((np.array([0.0, 0.5, 0.0, 2.0]),), np.array([0, 1, 0, 1]), "a few outputs of relu"),
            _visible(relu2deriv, (FIRST_LAYER_1,), "the book's first hidden layer"),
        ],
        hidden=lambda rng: [
            Case((relu(_weights(rng, 3, 4)),), label="a 3×4 layer"),
            Case((np.zeros(5),), label="every unit off"),
            Case((relu(_weights(rng, 1, 6)) + 0.25,), label="every unit on"),
        ],
        mistakes=[
            ZERO_COUNTED_AS_ON.via(lambda output: output >= 0),
            VALUES_NOT_SLOPE.via(relu),
        ],
    ),
    Exercise(
        id="deep.forward",
        function="forward",
        returns=("array", "array"),
        visible=[
            _visible(forward, (FIRST_LIGHT, BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2), "the book's first streetlight, seed 1"),
            _visible(forward, (DEEP_LIGHTS, SEED_2_WEIGHTS_0_1, SEED_2_WEIGHTS_1_2), "the book's four streetlights at once, seed 2"),
        ],
        hidden=_forward_cases,
        mistakes=[
            RELU_FORGOTTEN.via(lambda l0, w01, w12: (l0.dot(w01), l0.dot(w01).dot(w12))),
            RELU_ON_OUTPUT.via(lambda l0, w01, w12: (relu(l0.dot(w01)), relu(relu(l0.dot(w01)).dot(w12)))),
            TRANSPOSED.via(lambda l0, w01, w12: forward(l0, w01.T, w12.T)),
        ],
    ),
    Exercise(
        id="deep.layer_deltas",
        function="layer_deltas",
        returns=("array", "array"),
        visible=[
            _visible(layer_deltas, (SEED_2_LAYER_1, SEED_2_LAYER_2, DEEP_WALK_VS_STOP, SEED_2_WEIGHTS_1_2),
                     "the book's four streetlights at once, seed 2"),
            Case((FIRST_LAYER_1, FIRST_LAYER_2, FIRST_GOAL, BOOK_WEIGHTS_1_2), (FIRST_LAYER_2_DELTA, FIRST_LAYER_1_DELTA),
                 "the book's first streetlight, seed 1"),
        ],  # fmt: skip
        hidden=_delta_cases,
        mistakes=[
            TRANSPOSED_BACKWARD.via(_deltas_transposed),
            TRUE_MINUS_PRED.via(_deltas_true_minus_pred),
            RELU_SLOPE_FORGOTTEN.via(_deltas_without_relu_slope),
            RELU_SLOPE_WRONG_LAYER.via(_deltas_slope_of_output),
        ],
    ),
    Exercise(
        id="deep.update_weights",
        function="update_weights",
        returns=("array", "array"),
        visible=[
            _visible(update_weights, (BOOK_WEIGHTS_0_1, BOOK_WEIGHTS_1_2, FIRST_LIGHT, FIRST_LAYER_1, FIRST_LAYER_1_DELTA,
                                      FIRST_LAYER_2_DELTA, 0.2), "the book's first streetlight, seed 1, alpha 0.2"),
        ],  # fmt: skip
        hidden=_update_cases,
        mistakes=[
            TRANSPOSED_BACKWARD.via(_update_transposed),
            WENT_UPHILL.via(_update_uphill),
            ALPHA_FORGOTTEN.via(_update_without_alpha),
        ],
    ),
    Exercise(
        id="deep.train",
        function="train",
        returns=("array", "array", "list"),
        visible=[
            # A short run first: in the book's run the prediction never drops below 0, which hides relu's slope
            # taken on the wrong layer behind the slope forgotten altogether.
            _visible(train, (DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.2, 4, 12, 3), "the book's streetlights, seed 3, 12 iterations"),
            _visible(train, (DEEP_LIGHTS, DEEP_WALK_VS_STOP, 0.2, 4, 60, 1), "the book's network: seed 1, 60 iterations"),
        ],
        hidden=_train_cases,
        mistakes=[
            TRANSPOSED_BACKWARD.via(_train_with(deltas=_deltas_transposed)),
            TRUE_MINUS_PRED.via(_train_with(deltas=_deltas_true_minus_pred)),
            RELU_SLOPE_FORGOTTEN.via(_train_with(deltas=_deltas_without_relu_slope)),
            RELU_SLOPE_WRONG_LAYER.via(_train_with(deltas=_deltas_slope_of_output)),
            ALPHA_FORGOTTEN.via(_train_with(update=_update_without_alpha)),
            UPDATED_ONCE_PER_PASS.via(_train_with(update_per_light=False)),
            DRAWN_IN_ANOTHER_ORDER.via(_train_with(init=_weights_in_another_order)),
            DRAWN_IN_ANOTHER_ORDER.via(_train_with(init=_weights_not_centred)),
        ],
    ),
]
