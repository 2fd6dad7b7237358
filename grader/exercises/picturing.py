"""Lesson 08, picturing neural networks: layers as vectors, weights as matrices, a network as one formula.

Visible cases use the streetlight network of the deep-network lesson (weights drawn with NumPy's
seed 1, as there) and the MNIST-sized network of the lessons after this one; hidden cases use other
sizes and values, checked against the reference implementations below. Weight matrices have one
row per unit of the layer they read and one column per unit of the layer they write.
"""

import math

import numpy as np

from grader.schema import Case, Exercise
from grader.catalogue import LAYER_SKIPPED, TRANSPOSED, WRONG_ORDER, Mistake
from grader.references.picturing import count_weights, deep_network, output_shape, relu, skip_network, two_layer_network, weight_shapes

STREETLIGHTS = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]])


def _seed_1_weights(shapes):
    """The matrices ``np.random.seed(1)`` followed by ``2 * np.random.random(shape) - 1`` per shape draws."""
    draws = np.random.RandomState(1)
    return [2 * draws.random_sample(shape) - 1 for shape in shapes]


WEIGHTS_0_1, WEIGHTS_1_2 = _seed_1_weights([(3, 4), (4, 1)])
DEEP_WEIGHTS = _seed_1_weights([(3, 4), (4, 4), (4, 1)])  # one more hidden layer of 4: 3 -> 4 -> 4 -> 1
STREETLIGHT_PREDICTIONS = np.array([[0.3919432663396042], [0.0209881149375555], [0.185004764078167], [0.0]])

RELU_FORGOTTEN = Mistake(
    "relu forgotten",
    "Every hidden layer goes through relu: l1 = relu(l0 W0). Without it, two layers are no more than one.",
)
RELU_ON_OUTPUT = Mistake(
    "relu applied to the output layer",
    "relu belongs to the hidden layers only; the last layer is the prediction, l1 W1, which may be negative.",
)
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


def _deep_without_relu(layer_0, weights):
    for matrix in weights:
        layer_0 = layer_0.dot(matrix)
    return layer_0


def _deep_relu_everywhere(layer_0, weights):
    for matrix in weights:
        layer_0 = relu(layer_0.dot(matrix))
    return layer_0


def _deep_transposed(layer_0, weights):
    return deep_network(layer_0, [matrix.T for matrix in weights])


def _array(rng, *shape):
    return np.round(rng.uniform(-1, 1, shape), 2)


def _network(rng, sizes, examples=None):
    """(layer_0, [weights_0_1, weights_1_2, ...]) for layers of ``sizes``; one example unless ``examples`` says."""
    layer_0 = _array(rng, sizes[0]) if examples is None else _array(rng, examples, sizes[0])
    return layer_0, [_array(rng, a, b) for a, b in weight_shapes(sizes)]


def _two_layer_case(rng, sizes, label, examples=None, shortcut=False):
    layer_0, (weights_0_1, weights_1_2) = _network(rng, sizes, examples)
    args = (layer_0, weights_0_1, weights_1_2)
    return Case(args + (_array(rng, sizes[0], sizes[2]),) if shortcut else args, label=label)


EXERCISES = [
    Exercise(
        id="picturing.weight_shapes",
        function="weight_shapes",
        returns="list",
        visible=[
            Case(([3, 4, 1],), [(3, 4), (4, 1)], "the streetlight network"),
            Case(([784, 40, 10],), [(784, 40), (40, 10)], "an MNIST network with 40 hidden units"),
        ],
        hidden=lambda rng: [
            Case(([5, 2],), label="no hidden layer"),
            Case(([int(n) for n in rng.integers(1, 30, 5)],), label="three hidden layers"),
            Case(([1, 1, 1],), label="one unit per layer"),
        ],
        mistakes=[TRANSPOSED.via(lambda sizes: [(b, a) for a, b in zip(sizes[:-1], sizes[1:])])],
    ),
    Exercise(
        id="picturing.count_weights",
        function="count_weights",
        returns="number",
        visible=[
            Case(([3, 4, 1],), 16, "the streetlight network"),
            Case(([784, 40, 10],), 31760, "an MNIST network with 40 hidden units"),
        ],
        hidden=lambda rng: [
            Case(([5, 2],), label="no hidden layer"),
            Case(([int(n) for n in rng.integers(1, 30, 5)],), label="three hidden layers"),
            Case(([1, 1, 1],), label="one unit per layer"),
        ],
        mistakes=[
            Mistake(
                "all layer sizes multiplied",
                "Each weight matrix has (units before) × (units after) weights; add up those products, one per matrix.",
            ).via(math.prod),
            Mistake("layer sizes added", "That counts units (nodes), not the weights between them.").via(sum),
        ],
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
        hidden=lambda rng: [
            Case(((5,), [(5, 2)]), label="one example, no hidden layer"),
            Case(((7, 2), [(2, 3), (3, 3), (3, 6)]), label="seven examples, two hidden layers"),
            Case(((2,), [(2, 9), (9, 3)]), label="one example, one hidden layer"),
            Case(((1, 4), [(4, 8), (8, 5)]), label="a batch of one example"),
        ],
        mistakes=[
            BATCH_AXIS_ADDED.via(lambda input_shape, shapes: (1, shapes[-1][1])),
            BATCH_AXIS_DROPPED.via(lambda input_shape, shapes: (shapes[-1][1],)),
            ROWS_FOR_COLUMNS.via(lambda input_shape, shapes: tuple(input_shape[:-1]) + (shapes[-1][0],)),
        ],
    ),
    Exercise(
        id="picturing.two_layer_network",
        function="two_layer_network",
        returns="array",
        visible=[
            Case((STREETLIGHTS[0], WEIGHTS_0_1, WEIGHTS_1_2), STREETLIGHT_PREDICTIONS[0], "one streetlight, weights of seed 1"),
            Case((STREETLIGHTS, WEIGHTS_0_1, WEIGHTS_1_2), STREETLIGHT_PREDICTIONS, "four streetlights, weights of seed 1"),
        ],
        hidden=lambda rng: [
            _two_layer_case(rng, [4, 5, 2], "6 examples, 4 -> 5 -> 2", examples=6),
            _two_layer_case(rng, [3, 3, 3], "4 examples, 3 -> 3 -> 3", examples=4),
            _two_layer_case(rng, [2, 6, 3], "one example, 2 -> 6 -> 3"),
        ],
        mistakes=[
            RELU_FORGOTTEN.via(lambda l0, w01, w12: l0.dot(w01).dot(w12)),
            RELU_ON_OUTPUT.via(lambda l0, w01, w12: relu(relu(l0.dot(w01)).dot(w12))),
            TRANSPOSED.via(lambda l0, w01, w12: relu(l0.dot(w01.T)).dot(w12.T)),
            WRONG_ORDER.via(lambda l0, w01, w12: relu(l0.dot(w12)).dot(w01)),
        ],
    ),
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
        hidden=lambda rng: [
            Case(_network(rng, [4, 5, 3, 2], examples=5), label="5 examples, 4 -> 5 -> 3 -> 2"),
            Case(_network(rng, [3, 3, 3, 3, 3], examples=3), label="3 examples, four square layers"),
            Case(_network(rng, [6, 2]), label="one example, no hidden layer"),
            Case(_network(rng, [2, 7, 4]), label="one example, 2 -> 7 -> 4"),
        ],
        mistakes=[
            RELU_ON_OUTPUT.via(_deep_relu_everywhere),
            RELU_FORGOTTEN.via(_deep_without_relu),
            TRANSPOSED.via(_deep_transposed),
            WRONG_ORDER.via(lambda layer_0, weights: deep_network(layer_0, weights[::-1])),
            LAYER_SKIPPED.via(lambda layer_0, weights: _deep_relu_everywhere(layer_0, weights[:-1])),
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
        hidden=lambda rng: [
            _two_layer_case(rng, [4, 5, 2], "6 examples, 4 -> 5 -> 2", examples=6, shortcut=True),
            _two_layer_case(rng, [3, 2, 3], "one example, 3 -> 2 -> 3", shortcut=True),
        ],
        mistakes=[
            Mistake("the shortcut forgotten", "Add l0 W2, the path that skips the hidden layer.").via(
                lambda l0, w01, w12, w02: two_layer_network(l0, w01, w12)
            ),
            Mistake("relu on the shortcut", "Only the hidden layer goes through relu: l0 W2 is added as it is.").via(
                lambda l0, w01, w12, w02: two_layer_network(l0, w01, w12) + relu(l0.dot(w02))
            ),
            RELU_ON_OUTPUT.via(lambda l0, w01, w12, w02: relu(skip_network(l0, w01, w12, w02))),
            RELU_FORGOTTEN.via(lambda l0, w01, w12, w02: l0.dot(w01).dot(w12) + l0.dot(w02)),
        ],
    ),
]
