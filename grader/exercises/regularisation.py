"""Lesson 09, regularisation and batching: a three-layer network on MNIST that memorises, early stopping,
dropout and mini-batches.

The book prints no small values for these steps, only accuracies on MNIST (checked in the lesson's tests).
Visible cases are a tiny network of 4-pixel "images" whose values the reference computes; hidden cases use
other sizes, batches and masks, checked against the reference implementations below.

Conventions (the book's, from this lesson on): a delta points the way a layer's values should move,
``labels - prediction``, divided by the number of images in the batch; every weight moves with it,
``weights + alpha * layer_in.T.dot(delta)``. Layers and weights are rows of images: layer_0 (images, pixels),
weights_0_1 (pixels, hidden), weights_1_2 (hidden, outputs).
"""

import numpy as np

from grader.schema import Case, Exercise
from grader.catalogue import Mistake
from grader.references.regularisation import apply_dropout, backward, dropout_step, forward, relu, relu2deriv, should_stop, update

# Two 4-pixel "images" and a network with 3 hidden units and 2 outputs. The second hidden unit is off for
# both images and the first output is negative for the first image, so every use of relu's slope shows.
LAYER_0 = np.array([[1.0, 0.0, 0.5, 0.2], [0.0, 0.8, 0.3, 1.0]])
WEIGHTS_0_1 = np.array([[0.1, -0.2, 0.3], [-0.1, 0.2, -0.4], [0.2, 0.1, -0.1], [0.05, -0.3, 0.2]])
WEIGHTS_1_2 = np.array([[0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]])
LABELS = np.array([[1.0, 0.0], [0.0, 1.0]])
DROPOUT_MASK = np.array([[1, 0, 0], [0, 1, 1]])  # drops a working unit of each image
ALPHA = 0.5

DELTA_WRONG_WAY = Mistake(
    "delta pointing the wrong way",
    "In this lesson (as in the book) a delta is labels − prediction: the way the outputs should move. "
    "The weights then move with it, weights + alpha × layer.T.dot(delta).",
)
DELTA_NOT_AVERAGED = Mistake(
    "delta not divided by batch size",
    "The weight update adds up every image of the batch; divide layer_2_delta by the number of images "
    "(len(labels)) so the step is the average over the batch, whatever its size.",
)
DELTA_DIVIDED_BY_ENTRIES = Mistake(
    "delta divided by every entry",
    "Divide by the number of images (len(labels)), not by images × outputs (labels.size).",
)
RELU_FORGOTTEN = Mistake("relu forgotten", "layer_1 = relu(layer_0.dot(weights_0_1)): the hidden layer goes through relu.")
RELU_ON_OUTPUT = Mistake(
    "relu on the output layer",
    "Only the hidden layer goes through relu; layer_2 is the plain weighted sum of layer_1, so it can be negative.",
)
RELU_SLOPE_WRONG_LAYER = Mistake(
    "relu′ on the wrong layer",
    "relu sits on layer_1, so relu2deriv(layer_1) scales layer_1_delta; the output layer_2 has no relu, and its "
    "delta is labels − layer_2 (divided by the batch size) for every output, negative or not.",
)
ZERO_COUNTED_AS_ON = Mistake(
    "zero counted as on",
    "A unit whose output is 0 was switched off by relu: it passed nothing forward, so it takes no blame and its "
    "slope is 0. Multiply by relu2deriv(layer_1) = layer_1 > 0. (The book's output >= 0 is true for every output "
    "relu can produce: the same as leaving the slope out.)",
)
WENT_UPHILL = Mistake(
    "weights moved against the delta",
    "The deltas point the way the outputs should move (labels − prediction), so the weights move with them: "
    "weights + alpha × layer.T.dot(delta).",
)
ALPHA_FORGOTTEN = Mistake("alpha forgotten", "Scale each weight update by the learning rate alpha.")
DROPOUT_NOT_SCALED = Mistake(
    "dropout mask not scaled",
    "About half the units are switched off, so the survivors are doubled (× 2): the next layer then receives as "
    "much signal, on average, as at test time, when nothing is dropped.",
)
DROPOUT_MASK_INVERTED = Mistake(
    "dropout mask inverted",
    "A 1 in the mask keeps a unit and a 0 switches it off: multiply by the mask, not by 1 − mask.",
)
DROPOUT_NOT_ON_DELTA = Mistake(
    "dropout mask not applied to the delta",
    "A dropped unit passed nothing forward, so it takes no blame: pass layer_1_delta through the same dropout "
    "as the forward pass, apply_dropout(layer_1_delta, dropout_mask).",
)
DROPOUT_DELTA_NOT_DOUBLED = Mistake(
    "delta masked but not doubled",
    "The forward pass multiplied each kept unit by 2, so a change of that unit moves layer_2 twice as much: "
    "its delta is doubled too. apply_dropout(layer_1_delta, dropout_mask) does both. (The book multiplies the "
    "delta by the mask alone, which halves the step of weights_0_1.)",
)
DROPOUT_FORGOTTEN = Mistake("dropout forgotten", "Switch off the units the mask says (apply_dropout) before computing layer_2.")
UPDATED_FROM_UNDROPPED = Mistake(
    "weights_1_2 updated from the layer before dropout",
    "layer_2 was computed from the dropped-out layer_1, so weights_1_2 moves by dropped.T.dot(layer_2_delta): "
    "units that were switched off (or doubled) contributed nothing (or twice as much).",
)
BOOK_DROPOUT_STEP = Mistake(
    "the book's dropout step",
    "The book takes relu2deriv (output >= 0, true everywhere) of the dropped-out layer and multiplies the delta by "
    "the mask without × 2. Use relu2deriv(layer_1) > 0 before dropout, then apply_dropout(layer_1_delta, dropout_mask).",
)
FIRST_DIP = Mistake(
    "stopped at the first dip",
    "Accuracy on held-out data is noisy: one lower value does not mean it has stopped improving. Stop only when "
    "the best accuracy so far is `patience` or more checkpoints old.",
)
PATIENCE_OFF_BY_ONE = Mistake(
    "patience off by one",
    "With patience 2, stop when the best accuracy is 2 checkpoints old: its index is len(accuracies) − 1 − 2.",
)
TIE_COUNTED_AS_IMPROVEMENT = Mistake(
    "an equal accuracy counted as an improvement",
    "Only a higher accuracy is an improvement: when the best value occurs twice, the first one counts "
    "(np.argmax returns the first).",
)


# --- reference implementations -------------------------------------------------------------------


def sgd_step(layer_0, labels, weights_0_1, weights_1_2, alpha):
    """One step of the plain network: the outputs it predicted, then the new weights (given in the lesson)."""
    layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = backward(layer_1, layer_2, labels, weights_1_2)
    return (layer_2, *update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha))


# --- the book's code, as far as it differs ----------------------------------------------------------


def book_relu2deriv(output):
    """The book's lesson-8 slope: true for every output of relu, so it never switches a delta off."""
    return output >= 0


def book_backward(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (labels - layer_2) / len(labels)
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * book_relu2deriv(layer_1)


def book_step(layer_0, labels, weights_0_1, weights_1_2, alpha):
    """The book's plain step (its listing on one image at a time)."""
    layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = book_backward(layer_1, layer_2, labels, weights_1_2)
    return (layer_2, *update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha))


def book_dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """The book's dropout step: the slope of the dropped-out layer, and the mask on the delta without × 2."""
    layer_1 = apply_dropout(relu(layer_0.dot(weights_0_1)), dropout_mask)
    layer_2 = layer_1.dot(weights_1_2)
    layer_2_delta, layer_1_delta = book_backward(layer_1, layer_2, labels, weights_1_2)
    layer_1_delta = layer_1_delta * dropout_mask
    return (layer_2, *update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha))


def book_batch_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """The book's batched dropout step: its update sits inside the ``for k in range(batch_size)`` loop that
    counts correct predictions, so it is applied once per image of the batch, each time with layer_1_delta
    recomputed from the weights_1_2 of the previous round."""
    layer_1 = apply_dropout(relu(layer_0.dot(weights_0_1)), dropout_mask)
    layer_2 = layer_1.dot(weights_1_2)
    for _ in range(len(labels)):
        layer_2_delta, layer_1_delta = book_backward(layer_1, layer_2, labels, weights_1_2)
        layer_1_delta = layer_1_delta * dropout_mask
        weights_0_1, weights_1_2 = update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha)
    return layer_2, weights_0_1, weights_1_2


# --- wrong implementations ----------------------------------------------------------------------


def _backward_with(output_delta=lambda labels, layer_2: (labels - layer_2) / len(labels), slope=relu2deriv, on_output=False):
    def wrong_backward(layer_1, layer_2, labels, weights_1_2):
        layer_2_delta = output_delta(labels, layer_2)
        if on_output:
            layer_2_delta = layer_2_delta * relu2deriv(layer_2)
        return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * slope(layer_1)

    return wrong_backward


def _dropout_step_with(*, scale=2, delta_scale=2, on_delta=True, update_from_dropped=True):
    def wrong_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
        layer_1 = relu(layer_0.dot(weights_0_1))
        dropped = layer_1 * dropout_mask * scale
        layer_2 = dropped.dot(weights_1_2)
        layer_2_delta, layer_1_delta = backward(layer_1, layer_2, labels, weights_1_2)
        if on_delta:
            layer_1_delta = layer_1_delta * dropout_mask * delta_scale
        weights = update(weights_0_1, weights_1_2, layer_0, dropped if update_from_dropped else layer_1,
                         layer_1_delta, layer_2_delta, alpha)  # fmt: skip
        return (layer_2, *weights)

    return wrong_step


def _no_dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return sgd_step(layer_0, labels, weights_0_1, weights_1_2, alpha)


# --- cases -----------------------------------------------------------------------------------------


def _array(rng, *shape, low=-1.0, high=1.0):
    return np.round(rng.uniform(low, high, shape), 3)


def _one_hot(rng, images, outputs):
    return np.eye(outputs)[rng.integers(0, outputs, images)]


def _state(rng, images, pixels, hidden, outputs):
    """A network and one batch in which relu's slope matters everywhere it is used.

    Some hidden units are off and some on, and some outputs are negative: then a slope forgotten, taken on
    the wrong layer or counting zero as on each gives a different answer.
    """
    while True:
        layer_0 = _array(rng, images, pixels, low=0.0, high=1.0)
        weights_0_1, weights_1_2 = _array(rng, pixels, hidden), _array(rng, hidden, outputs)
        layer_1, layer_2 = forward(layer_0, weights_0_1, weights_1_2)
        if np.any(layer_1 == 0) and np.any(layer_1 > 0) and np.any(layer_2 < 0):
            return dict(layer_0=layer_0, weights_0_1=weights_0_1, weights_1_2=weights_1_2, layer_1=layer_1,
                        layer_2=layer_2, labels=_one_hot(rng, images, outputs))  # fmt: skip


def _mask(rng, images, hidden):
    """A dropout mask with at least one 0 and one 1."""
    while True:
        mask = rng.integers(0, 2, (images, hidden))
        if 0 < mask.sum() < mask.size:
            return mask


SIZES = [(1, 5, 4, 3, "one image, 5 pixels, 4 hidden, 3 outputs"), (3, 6, 5, 2, "three images, 5 hidden, 2 outputs"),
         (5, 4, 3, 4, "five images, 3 hidden, 4 outputs"), (2, 8, 6, 10, "two images, 6 hidden, 10 outputs")]  # fmt: skip


def _forward_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        cases.append(Case((s["layer_0"], s["weights_0_1"], s["weights_1_2"]), label=label))
    return cases


def _backward_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        cases.append(Case((s["layer_1"], s["layer_2"], s["labels"], s["weights_1_2"]), label=label))
    return cases


def _update_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        layer_2_delta, layer_1_delta = backward(s["layer_1"], s["layer_2"], s["labels"], s["weights_1_2"])
        alpha = round(float(rng.uniform(0.01, 1)), 3)
        cases.append(Case((s["weights_0_1"], s["weights_1_2"], s["layer_0"], s["layer_1"], layer_1_delta, layer_2_delta,
                           alpha), label=f"{label}, alpha {alpha}"))  # fmt: skip
    return cases


def _dropout_cases(rng):
    return [
        Case((_array(rng, 4, 5), _mask(rng, 4, 5)), label="4 images, 5 hidden units"),
        Case((_array(rng, 1, 7), _mask(rng, 1, 7)), label="one image, 7 hidden units"),
        Case((_array(rng, 3, 2), np.ones((3, 2), dtype=int)), label="a mask that keeps every unit"),
        Case((_array(rng, 2, 3), np.zeros((2, 3), dtype=int)), label="a mask that drops every unit"),
    ]


def _dropout_step_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        alpha = round(float(rng.uniform(0.01, 1)), 3)
        args = (s["layer_0"], s["labels"], s["weights_0_1"], s["weights_1_2"], alpha, _mask(rng, images, hidden))
        cases.append(Case(args, label=f"{label}, alpha {alpha}"))
    return cases


def _accuracies(rng, best_at, length):
    """``length`` accuracies whose single best value is at index ``best_at``."""
    values = rng.uniform(0.5, 0.8, length).round(4)
    values[best_at] = 0.9
    return [float(v) for v in values]


def _should_stop_cases(rng):
    return [
        Case((_accuracies(rng, 2, 5), 2), label="best 2 checkpoints ago, patience 2"),
        Case((_accuracies(rng, 3, 5), 2), label="best 1 checkpoint ago, patience 2"),
        Case((_accuracies(rng, 0, 6), 5), label="best 5 checkpoints ago, patience 5"),
        Case((_accuracies(rng, 1, 6), 5), label="best 4 checkpoints ago, patience 5"),
        Case(([0.5, 0.6, 0.7, 0.8], 1), label="still improving"),
        Case(([0.5, 0.8, 0.7, 0.8, 0.75], 2), label="the best value reached twice"),
        Case(([0.7], 1), label="a single checkpoint"),
    ]


def _visible(reference, args, label):
    """A visible case the book prints nothing for: its expected value is what the reference computes."""
    return Case(args, reference(*args), label)


LAYER_1, LAYER_2 = forward(LAYER_0, WEIGHTS_0_1, WEIGHTS_1_2)
LAYER_2_DELTA, LAYER_1_DELTA = backward(LAYER_1, LAYER_2, LABELS, WEIGHTS_1_2)

EXERCISES = [
    Exercise(
        id="regularisation.forward",
        function="forward",
        returns=("array", "array"),
        visible=[
            Case((LAYER_0, WEIGHTS_0_1, WEIGHTS_1_2),
                 (np.array([[0.21, 0.0, 0.29], [0.03, 0.0, 0.0]]), np.array([[-0.082, 0.008], [0.009, -0.003]])),
                 "two 4-pixel images, 3 hidden units, 2 outputs"),
            _visible(forward, (LAYER_0[:1], WEIGHTS_0_1, WEIGHTS_1_2), "the first image alone"),
        ],  # fmt: skip
        hidden=_forward_cases,
        mistakes=[
            RELU_FORGOTTEN.via(lambda l0, w01, w12: (l0.dot(w01), l0.dot(w01).dot(w12))),
            RELU_ON_OUTPUT.via(lambda l0, w01, w12: (relu(l0.dot(w01)), relu(relu(l0.dot(w01)).dot(w12)))),
        ],
    ),
    Exercise(
        id="regularisation.backward",
        function="backward",
        returns=("array", "array"),
        visible=[
            _visible(backward, (LAYER_1, LAYER_2, LABELS, WEIGHTS_1_2), "the two images: a batch of 2"),
            _visible(backward, (LAYER_1[:1], LAYER_2[:1], LABELS[:1], WEIGHTS_1_2), "the first image alone: a batch of 1"),
        ],
        hidden=_backward_cases,
        mistakes=[
            DELTA_WRONG_WAY.via(_backward_with(output_delta=lambda labels, layer_2: (layer_2 - labels) / len(labels))),
            DELTA_NOT_AVERAGED.via(_backward_with(output_delta=lambda labels, layer_2: labels - layer_2)),
            DELTA_DIVIDED_BY_ENTRIES.via(_backward_with(output_delta=lambda labels, layer_2: (labels - layer_2) / labels.size)),
            ZERO_COUNTED_AS_ON.via(book_backward),
            RELU_SLOPE_WRONG_LAYER.via(_backward_with(on_output=True)),
            RELU_SLOPE_WRONG_LAYER.via(_backward_with(on_output=True, slope=lambda layer_1: 1)),
        ],
    ),
    Exercise(
        id="regularisation.update",
        function="update",
        returns=("array", "array"),
        visible=[
            _visible(update, (WEIGHTS_0_1, WEIGHTS_1_2, LAYER_0, LAYER_1, LAYER_1_DELTA, LAYER_2_DELTA, ALPHA),
                     "the two images, alpha 0.5"),
        ],
        hidden=_update_cases,
        mistakes=[
            WENT_UPHILL.via(lambda w01, w12, l0, l1, d1, d2, alpha: update(w01, w12, l0, l1, d1, d2, -alpha)),
            ALPHA_FORGOTTEN.via(lambda w01, w12, l0, l1, d1, d2, alpha: update(w01, w12, l0, l1, d1, d2, 1)),
        ],
    ),
    Exercise(
        id="regularisation.should_stop",
        function="should_stop",
        returns="bool",
        visible=[
            Case(([0.65, 0.81, 0.80, 0.79], 2), True, "best 2 checkpoints ago, patience 2: stop"),
            Case(([0.65, 0.81, 0.80, 0.82], 2), False, "a new best at the last checkpoint: go on"),
            Case(([0.65, 0.81, 0.80], 2), False, "best 1 checkpoint ago, patience 2: go on"),
        ],
        hidden=_should_stop_cases,
        mistakes=[
            FIRST_DIP.via(lambda accuracies, patience: len(accuracies) > 1 and accuracies[-1] < accuracies[-2]),
            PATIENCE_OFF_BY_ONE.via(lambda accuracies, patience: len(accuracies) - 1 - int(np.argmax(accuracies)) > patience),
            PATIENCE_OFF_BY_ONE.via(lambda accuracies, patience: len(accuracies) - int(np.argmax(accuracies)) >= patience),
            TIE_COUNTED_AS_IMPROVEMENT.via(
                lambda accuracies, patience: int(np.argmax(accuracies[::-1])) >= patience
            ),
        ],
    ),
    Exercise(
        id="regularisation.apply_dropout",
        function="apply_dropout",
        returns="array",
        visible=[
            Case((LAYER_1, np.array([[1, 0, 1], [1, 1, 0]])), np.array([[0.42, 0.0, 0.58], [0.06, 0.0, 0.0]]),
                 "the two images' hidden layer"),
            Case((np.array([[0.5, -1.0, 2.0, 0.25]]), np.array([[1, 0, 1, 1]])), np.array([[1.0, 0.0, 4.0, 0.5]]),
                 "one image, 4 hidden units"),
        ],  # fmt: skip
        hidden=_dropout_cases,
        mistakes=[
            DROPOUT_NOT_SCALED.via(lambda layer, mask: layer * mask),
            DROPOUT_MASK_INVERTED.via(lambda layer, mask: layer * (1 - mask) * 2),
            DROPOUT_MASK_INVERTED.via(lambda layer, mask: layer * (1 - mask)),
        ],
    ),
    Exercise(
        id="regularisation.dropout_step",
        function="dropout_step",
        returns=("array", "array", "array"),
        visible=[
            _visible(dropout_step, (LAYER_0, LABELS, WEIGHTS_0_1, WEIGHTS_1_2, ALPHA, DROPOUT_MASK),
                     "the two images, alpha 0.5"),
            _visible(dropout_step, (LAYER_0[1:], LABELS[1:], WEIGHTS_0_1, WEIGHTS_1_2, ALPHA, np.array([[1, 0, 1]])),
                     "the second image alone"),
        ],  # fmt: skip
        hidden=_dropout_step_cases,
        mistakes=[
            BOOK_DROPOUT_STEP.via(book_dropout_step),
            DROPOUT_FORGOTTEN.via(_no_dropout_step),
            DROPOUT_NOT_SCALED.via(_dropout_step_with(scale=1, delta_scale=1)),
            DROPOUT_NOT_SCALED.via(_dropout_step_with(scale=1)),
            DROPOUT_NOT_ON_DELTA.via(_dropout_step_with(on_delta=False)),
            DROPOUT_DELTA_NOT_DOUBLED.via(_dropout_step_with(delta_scale=1)),
            UPDATED_FROM_UNDROPPED.via(_dropout_step_with(update_from_dropped=False)),
        ],
    ),
]
