"""Lesson 08 · picturing neural networks: layers as vectors, weights as matrices, a network as one formula.

Visible cases use the streetlight network of the deep-network lesson (weights drawn with NumPy's seed 1, as
there) and the MNIST-sized network of the lessons after this one; hidden cases use other sizes, depths and
values, one example or a batch. Weight matrices have one row per unit of the layer they read and one column
per unit of the layer they write. ``relu`` and ``relu2deriv`` are lesson 05's exercises, asked again as
warm-ups. The references are the solution notebook's answers (:mod:`grader.references.picturing`).
"""

import math

import numpy as np

from grader import kit
from grader.catalogue import LAYER_SKIPPED, NP_MAX, RELU_FORGOTTEN, TRANSPOSED, WRONG_ORDER, Mistake
from grader.exercises import deep
from grader.references import picturing as answers
from grader.schema import Case, Exercise

# Data: the four streetlights of the first deep network, its weights (seed 1), and what it predicts with them.
STREETLIGHTS = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]])


def _seed_1_weights(shapes):
    """The matrices ``np.random.seed(1)`` followed by ``2 * np.random.random(shape) - 1`` per shape draws."""
    draws = np.random.RandomState(1)
    return [2 * draws.random_sample(shape) - 1 for shape in shapes]


WEIGHTS_0_1, WEIGHTS_1_2 = _seed_1_weights([(3, 4), (4, 1)])
DEEP_WEIGHTS = _seed_1_weights([(3, 4), (4, 4), (4, 1)])  # one more hidden layer of 4: 3 -> 4 -> 4 -> 1
STREETLIGHT_PREDICTIONS = np.array([[0.3919432663396042], [0.0209881149375555], [0.185004764078167], [0.0]])


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def _layer_sizes_cases(rng):
    return [
        Case(([5, 2],), label="no hidden layer"),
        Case(([int(n) for n in rng.integers(1, 30, 5)],), label="three hidden layers"),
        Case(([1, 1, 1],), label="one unit per layer"),
    ]


def weight_shapes_cases(rng):
    return _layer_sizes_cases(rng)


def count_weights_cases(rng):
    return _layer_sizes_cases(rng)


def output_shape_cases(rng):
    return [
        Case(((5,), [(5, 2)]), label="one example, no hidden layer"),
        Case(((7, 2), [(2, 3), (3, 3), (3, 6)]), label="seven examples, two hidden layers"),
        Case(((2,), [(2, 9), (9, 3)]), label="one example, one hidden layer"),
        Case(((1, 4), [(4, 8), (8, 5)]), label="a batch of one example"),
    ]


def _network(rng, sizes, examples=None):
    """(layer_0, [weights_0_1, weights_1_2, ...]) for layers of ``sizes``; one example unless ``examples`` says."""
    shape = (sizes[0],) if examples is None else (examples, sizes[0])
    layer_0 = kit.uniform(rng, *shape, digits=2)
    return layer_0, [kit.uniform(rng, a, b, digits=2) for a, b in answers.weight_shapes(sizes)]


def _two_layer_case(rng, sizes, label, examples=None, shortcut=False):
    layer_0, (weights_0_1, weights_1_2) = _network(rng, sizes, examples)
    args = (layer_0, weights_0_1, weights_1_2)
    return Case(args + (kit.uniform(rng, sizes[0], sizes[2], digits=2),) if shortcut else args, label=label)


def two_layer_network_cases(rng):
    return [
        _two_layer_case(rng, [4, 5, 2], "6 examples, 4 -> 5 -> 2", examples=6),
        _two_layer_case(rng, [3, 3, 3], "4 examples, 3 -> 3 -> 3", examples=4),
        _two_layer_case(rng, [2, 6, 3], "one example, 2 -> 6 -> 3"),
        _two_layer_case(rng, [3, 1, 2], "2 examples, one hidden unit", examples=2),
    ]


def deep_network_cases(rng):
    return [
        Case(_network(rng, [4, 5, 3, 2], examples=5), label="5 examples, 4 -> 5 -> 3 -> 2"),
        Case(_network(rng, [3, 3, 3, 3, 3], examples=3), label="3 examples, four square layers"),
        Case(_network(rng, [6, 2]), label="one example, no hidden layer"),
        Case(_network(rng, [2, 7, 4]), label="one example, 2 -> 7 -> 4"),
        Case(_network(rng, [3, 1, 2], examples=2), label="2 examples, one hidden unit"),
    ]


def skip_network_cases(rng):
    return [
        _two_layer_case(rng, [4, 5, 2], "6 examples, 4 -> 5 -> 2", examples=6, shortcut=True),
        _two_layer_case(rng, [3, 2, 3], "one example, 3 -> 2 -> 3", shortcut=True),
        _two_layer_case(rng, [3, 1, 3], "2 examples, one hidden unit", examples=2, shortcut=True),
    ]


# Mistakes: first the ones only this lesson makes, then one wrong implementation per mistake, a named function
# with the exercise's own signature.

SIZES_MULTIPLIED = Mistake(
    "all layer sizes multiplied",
    "Each weight matrix has (units before) × (units after) weights; add up those products, one per matrix.",
)
SIZES_ADDED = Mistake("layer sizes added", "That counts units (nodes), not the weights between them.")
BATCH_AXIS_ADDED = Mistake(
    "one example given a batch axis",
    "A vector times a matrix is a vector: (3,) . (3, 4) has shape (4,), not (1, 4).",
)
BATCH_AXIS_DROPPED = Mistake(
    "the batch axis dropped",
    "With one row per example, every layer keeps that many rows: (n, 3) . (3, 4) has shape (n, 4).",
)
ROWS_FOR_COLUMNS = Mistake(
    "rows of the weight matrix read as its outputs",
    "A weight matrix of shape (inputs, outputs) turns a layer of `inputs` units into one of `outputs` "
    "units: the layer's size comes from the matrix's last axis.",
)
RELU_APPLIED_TO_OUTPUT = Mistake(
    "relu applied to the output layer",
    "relu belongs to the hidden layers only; the last layer is the prediction, l1 W1, which may be negative.",
)
SHORTCUT_FORGOTTEN = Mistake("the shortcut forgotten", "Add l0 W2, the path that skips the hidden layer.")
RELU_ON_SHORTCUT = Mistake("relu on the shortcut", "Only the hidden layer goes through relu: l0 W2 is added as it is.")

# The shared mistake, with this lesson's advice in its own letters.
HIDDEN_RELU_FORGOTTEN = RELU_FORGOTTEN.hinted(
    "Every hidden layer goes through relu: l1 = relu(l0 W0). Without it, two layers are no more than one."
)


def weight_shapes_transposed(layer_sizes):
    return [(b, a) for a, b in zip(layer_sizes[:-1], layer_sizes[1:])]


def count_weights_sizes_multiplied(layer_sizes):
    return math.prod(layer_sizes)


def count_weights_sizes_added(layer_sizes):
    return sum(layer_sizes)


def output_shape_batch_axis_added(input_shape, weight_shapes):
    return (1, weight_shapes[-1][1])


def output_shape_batch_axis_dropped(input_shape, weight_shapes):
    return (weight_shapes[-1][1],)


def output_shape_rows_for_columns(input_shape, weight_shapes):
    return tuple(input_shape[:-1]) + (weight_shapes[-1][0],)


def two_layer_network_relu_forgotten(layer_0, weights_0_1, weights_1_2):
    return layer_0.dot(weights_0_1).dot(weights_1_2)


def two_layer_network_relu_on_output(layer_0, weights_0_1, weights_1_2):
    return answers.relu(answers.relu(layer_0.dot(weights_0_1)).dot(weights_1_2))


def two_layer_network_transposed(layer_0, weights_0_1, weights_1_2):
    return answers.relu(layer_0.dot(weights_0_1.T)).dot(weights_1_2.T)


def two_layer_network_layers_swapped(layer_0, weights_0_1, weights_1_2):
    return answers.relu(layer_0.dot(weights_1_2)).dot(weights_0_1)


def two_layer_network_np_max(layer_0, weights_0_1, weights_1_2):
    return np.max(layer_0.dot(weights_0_1), 0).dot(weights_1_2)


def _through_relu_every_time(layer_0, weights):
    """Multiply by each matrix in turn, with relu after every multiplication, the last one included."""
    for matrix in weights:
        layer_0 = answers.relu(layer_0.dot(matrix))
    return layer_0


def deep_network_relu_on_output(layer_0, weights):
    return _through_relu_every_time(layer_0, weights)


def deep_network_relu_forgotten(layer_0, weights):
    for matrix in weights:
        layer_0 = layer_0.dot(matrix)
    return layer_0


def deep_network_transposed(layer_0, weights):
    return answers.deep_network(layer_0, [matrix.T for matrix in weights])


def deep_network_layers_reversed(layer_0, weights):
    return answers.deep_network(layer_0, weights[::-1])


def deep_network_last_layer_skipped(layer_0, weights):
    return _through_relu_every_time(layer_0, weights[:-1])


def skip_network_shortcut_forgotten(layer_0, weights_0_1, weights_1_2, weights_0_2):
    return answers.two_layer_network(layer_0, weights_0_1, weights_1_2)


def skip_network_relu_on_shortcut(layer_0, weights_0_1, weights_1_2, weights_0_2):
    return answers.two_layer_network(layer_0, weights_0_1, weights_1_2) + answers.relu(layer_0.dot(weights_0_2))


def skip_network_relu_on_output(layer_0, weights_0_1, weights_1_2, weights_0_2):
    return answers.relu(answers.skip_network(layer_0, weights_0_1, weights_1_2, weights_0_2))


def skip_network_relu_forgotten(layer_0, weights_0_1, weights_1_2, weights_0_2):
    return layer_0.dot(weights_0_1).dot(weights_1_2) + layer_0.dot(weights_0_2)


# Exercises.


def _earlier(module, exercise_id):
    """An earlier lesson's exercise, asked again in this lesson."""
    return next(e for e in module.EXERCISES if e.id == exercise_id).carried_over("picturing")


EXERCISES = [
    _earlier(deep, "deep.relu"),
    Exercise(
        id="picturing.weight_shapes",
        function="weight_shapes",
        returns="list",
        visible=[
            Case(([3, 4, 1],), [(3, 4), (4, 1)], "the streetlight network"),
            Case(([784, 40, 10],), [(784, 40), (40, 10)], "an MNIST network with 40 hidden units"),
        ],
        hidden=weight_shapes_cases,
        mistakes=[TRANSPOSED.via(weight_shapes_transposed)],
    ),
    Exercise(
        id="picturing.count_weights",
        function="count_weights",
        returns="number",
        visible=[
            Case(([3, 4, 1],), 16, "the streetlight network"),
            Case(([784, 40, 10],), 31760, "an MNIST network with 40 hidden units"),
        ],
        hidden=count_weights_cases,
        mistakes=[SIZES_MULTIPLIED.via(count_weights_sizes_multiplied), SIZES_ADDED.via(count_weights_sizes_added)],
    ),
    Exercise(
        id="picturing.output_shape",
        function="output_shape",
        returns="shape",
        visible=[
            Case(((3,), [(3, 4), (4, 1)]), (1,), "one streetlight"),
            Case(((4, 3), [(3, 4), (4, 1)]), (4, 1), "the four streetlights at once"),
            Case(((1000, 784), [(784, 40), (40, 10)]), (1000, 10), "1000 MNIST images"),
        ],
        hidden=output_shape_cases,
        mistakes=[
            BATCH_AXIS_ADDED.via(output_shape_batch_axis_added),
            BATCH_AXIS_DROPPED.via(output_shape_batch_axis_dropped),
            ROWS_FOR_COLUMNS.via(output_shape_rows_for_columns),
        ],
    ),
    Exercise(
        id="picturing.two_layer_network",
        function="two_layer_network",
        returns="array",
        visible=[
            Case(
                (STREETLIGHTS[0], WEIGHTS_0_1, WEIGHTS_1_2),
                STREETLIGHT_PREDICTIONS[0],
                "one streetlight, weights of seed 1",
            ),
            Case(
                (STREETLIGHTS, WEIGHTS_0_1, WEIGHTS_1_2),
                STREETLIGHT_PREDICTIONS,
                "four streetlights, weights of seed 1",
            ),
        ],
        hidden=two_layer_network_cases,
        mistakes=[
            HIDDEN_RELU_FORGOTTEN.via(two_layer_network_relu_forgotten),
            RELU_APPLIED_TO_OUTPUT.via(two_layer_network_relu_on_output),
            TRANSPOSED.via(two_layer_network_transposed),
            WRONG_ORDER.via(two_layer_network_layers_swapped),
            NP_MAX.via(two_layer_network_np_max),
        ],
    ),
    _earlier(deep, "deep.relu2deriv"),
    Exercise(
        id="picturing.deep_network",
        function="deep_network",
        returns="array",
        visible=[
            Case((STREETLIGHTS, [WEIGHTS_0_1, WEIGHTS_1_2]), STREETLIGHT_PREDICTIONS, "the streetlight network"),
            Case(
                (STREETLIGHTS, DEEP_WEIGHTS),
                np.array([[0.04600921607139412], [0.006142576827044239], [0.0523332102482893], [0.0]]),
                "one hidden layer more: 3 -> 4 -> 4 -> 1, seed 1",
            ),
        ],
        hidden=deep_network_cases,
        mistakes=[
            RELU_APPLIED_TO_OUTPUT.via(deep_network_relu_on_output),
            HIDDEN_RELU_FORGOTTEN.via(deep_network_relu_forgotten),
            TRANSPOSED.via(deep_network_transposed),
            WRONG_ORDER.via(deep_network_layers_reversed),
            LAYER_SKIPPED.via(deep_network_last_layer_skipped),
        ],
    ),
    Exercise(
        id="picturing.skip_network",
        function="skip_network",
        returns="array",
        visible=[
            Case(
                (STREETLIGHTS, WEIGHTS_0_1, WEIGHTS_1_2, np.array([[0.5], [0.5], [-0.5]])),
                np.array([[0.3919432663396042], [0.0209881149375555], [-0.314995235921833], [0.5]]),
                "the streetlight network with a shortcut",
            )
        ],
        hidden=skip_network_cases,
        mistakes=[
            SHORTCUT_FORGOTTEN.via(skip_network_shortcut_forgotten),
            RELU_ON_SHORTCUT.via(skip_network_relu_on_shortcut),
            RELU_APPLIED_TO_OUTPUT.via(skip_network_relu_on_output),
            HIDDEN_RELU_FORGOTTEN.via(skip_network_relu_forgotten),
        ],
    ),
]
