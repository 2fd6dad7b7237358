"""Lesson 09 · regularisation and batching: a three-layer network on MNIST that memorises, early stopping,
dropout and mini-batches.

The book prints no small values for these steps, only accuracies on MNIST (checked in the lesson's tests).
Visible cases are a tiny network of 4-pixel "images" whose values the reference computes; hidden cases use
other sizes, batches, masks and learning rates, in networks where relu's slope matters everywhere it is used.
The warm-ups ``relu`` and ``relu2deriv`` are lesson 05's exercises, asked again. The references are the
solution notebook's answers (:mod:`grader.references.regularisation`).

Conventions (the book's, from this lesson on): a delta points the way a layer's values should move,
``labels - prediction``, divided by the number of images in the batch; every weight moves with it,
``weights + alpha * layer_in.T.dot(delta)``. Layers and weights are rows of images: layer_0 (images, pixels),
weights_0_1 (pixels, hidden), weights_1_2 (hidden, outputs).
"""

import numpy as np

from grader import kit
from grader.catalogue import (
    ALPHA_FORGOTTEN,
    DELTA_DIVIDED_BY_ENTRIES,
    DELTA_NOT_AVERAGED,
    DELTA_WRONG_WAY,
    DROPOUT_DELTA_NOT_DOUBLED,
    DROPOUT_MASK_INVERTED,
    DROPOUT_NOT_ON_DELTA,
    DROPOUT_NOT_SCALED,
    RELU_FORGOTTEN,
    RELU_ON_OUTPUT,
    UPDATED_FROM_UNDROPPED,
    ZERO_COUNTED_AS_ON,
    Mistake,
)
from grader.exercises import deep
from grader.references import regularisation as answers
from grader.schema import Case, Exercise

# Data: two 4-pixel "images" and a network with 3 hidden units and 2 outputs. The second hidden unit is off
# for both images and the first output is negative for the first image, so every use of relu's slope shows.
LAYER_0 = np.array([[1.0, 0.0, 0.5, 0.2], [0.0, 0.8, 0.3, 1.0]])
WEIGHTS_0_1 = np.array([[0.1, -0.2, 0.3], [-0.1, 0.2, -0.4], [0.2, 0.1, -0.1], [0.05, -0.3, 0.2]])
WEIGHTS_1_2 = np.array([[0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]])
LABELS = np.array([[1.0, 0.0], [0.0, 1.0]])
DROPOUT_MASK = np.array([[1, 0, 0], [0, 1, 1]])  # drops a working unit of each image
ALPHA = 0.5
# The tiny network's forward pass and deltas, as the update exercise receives them.
LAYER_1, LAYER_2 = answers.forward(LAYER_0, WEIGHTS_0_1, WEIGHTS_1_2)
LAYER_2_DELTA, LAYER_1_DELTA = answers.backward(LAYER_1, LAYER_2, LABELS, WEIGHTS_1_2)


# Cases: what the hidden checks call, drawn from each exercise's own generator.

SIZES = [
    (1, 5, 4, 3, "one image, 5 pixels, 4 hidden, 3 outputs"),
    (3, 6, 5, 2, "three images, 5 hidden, 2 outputs"),
    (5, 4, 3, 4, "five images, 3 hidden, 4 outputs"),
    (2, 8, 6, 10, "two images, 6 hidden, 10 outputs"),
]


def _state(rng, images, pixels, hidden, outputs):
    """A network and one batch in which relu's slope matters everywhere it is used.

    Some hidden units are off and some on, and some outputs are negative: then a slope forgotten, taken on
    the wrong layer or counting zero as on each gives a different answer.
    """
    while True:
        layer_0 = kit.uniform(rng, images, pixels, low=0.0, high=1.0)
        weights_0_1, weights_1_2 = kit.uniform(rng, pixels, hidden), kit.uniform(rng, hidden, outputs)
        layer_1, layer_2 = answers.forward(layer_0, weights_0_1, weights_1_2)
        if np.any(layer_1 == 0) and np.any(layer_1 > 0) and np.any(layer_2 < 0):
            return dict(
                layer_0=layer_0,
                weights_0_1=weights_0_1,
                weights_1_2=weights_1_2,
                layer_1=layer_1,
                layer_2=layer_2,
                labels=kit.one_hot(rng, images, outputs),
            )


def forward_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        cases.append(Case((s["layer_0"], s["weights_0_1"], s["weights_1_2"]), label=label))
    return cases


def backward_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        cases.append(Case((s["layer_1"], s["layer_2"], s["labels"], s["weights_1_2"]), label=label))
    return cases


def update_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        layer_2_delta, layer_1_delta = answers.backward(s["layer_1"], s["layer_2"], s["labels"], s["weights_1_2"])
        alpha = kit.number(rng, 0.01, 1)
        cases.append(
            Case(
                (s["weights_0_1"], s["weights_1_2"], s["layer_0"], s["layer_1"], layer_1_delta, layer_2_delta, alpha),
                label=f"{label}, alpha {alpha}",
            )
        )
    return cases


def _accuracies(rng, best_at, length):
    """``length`` accuracies whose single best value is at index ``best_at``."""
    values = kit.uniform(rng, length, low=0.5, high=0.8, digits=4)
    values[best_at] = 0.9
    return [float(v) for v in values]


def should_stop_cases(rng):
    return [
        Case((_accuracies(rng, 2, 5), 2), label="best 2 checkpoints ago, patience 2"),
        Case((_accuracies(rng, 3, 5), 2), label="best 1 checkpoint ago, patience 2"),
        Case((_accuracies(rng, 0, 6), 5), label="best 5 checkpoints ago, patience 5"),
        Case((_accuracies(rng, 1, 6), 5), label="best 4 checkpoints ago, patience 5"),
        Case(([0.5, 0.6, 0.7, 0.8], 1), label="still improving"),
        Case(([0.5, 0.8, 0.7, 0.8, 0.75], 2), label="the best value reached twice"),
        Case(([0.7], 1), label="a single checkpoint"),
        Case((_accuracies(rng, 0, 5), 2), label="best 4 checkpoints ago, patience 2"),  # long past: stop
    ]


def apply_dropout_cases(rng):
    return [
        Case((kit.uniform(rng, 4, 5), kit.mask(rng, 4, 5)), label="4 images, 5 hidden units"),
        Case((kit.uniform(rng, 1, 7), kit.mask(rng, 1, 7)), label="one image, 7 hidden units"),
        Case((kit.uniform(rng, 3, 2), np.ones((3, 2), dtype=int)), label="a mask that keeps every unit"),
        Case((kit.uniform(rng, 2, 3), np.zeros((2, 3), dtype=int)), label="a mask that drops every unit"),
    ]


def dropout_step_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in SIZES:
        s = _state(rng, images, pixels, hidden, outputs)
        alpha = kit.number(rng, 0.01, 1)
        args = (s["layer_0"], s["labels"], s["weights_0_1"], s["weights_1_2"], alpha, kit.mask(rng, images, hidden))
        cases.append(Case(args, label=f"{label}, alpha {alpha}"))
    return cases


# Mistakes: first the ones only this lesson makes, then one wrong implementation per mistake, a named function
# with the exercise's own signature.

RELU_SLOPE_WRONG_LAYER = Mistake(
    "relu′ on the wrong layer",
    "relu sits on layer_1, so relu2deriv(layer_1) scales layer_1_delta; the output layer_2 has no relu, and its "
    "delta is labels − layer_2 (divided by the batch size) for every output, negative or not.",
)
WENT_UPHILL = Mistake(
    "weights moved against the delta",
    "The deltas point the way the outputs should move (labels − prediction), so the weights move with them: "
    "weights + alpha × layer.T.dot(delta).",
)
DROPOUT_FORGOTTEN = Mistake(
    "dropout forgotten", "Switch off the units the mask says (apply_dropout) before computing layer_2."
)
BOOK_DROPOUT_STEP = Mistake(
    "the book's dropout step",
    "The book takes relu2deriv (output >= 0, true everywhere) of the dropped-out layer and multiplies the delta by "
    "the mask without × 2. Use relu2deriv(layer_1) > 0 before dropout, then apply_dropout(layer_1_delta, "
    "dropout_mask).",
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

# The shared mistakes, with this lesson's advice in its own terms (layer_2_delta, layer_1_delta, apply_dropout).
DELTA_AS_PREDICTION_MINUS_LABELS = DELTA_WRONG_WAY.hinted(
    "In this lesson (as in the book) a delta is labels − prediction: the way the outputs should move. "
    "The weights then move with it, weights + alpha × layer.T.dot(delta)."
)
LAYER_2_DELTA_NOT_AVERAGED = DELTA_NOT_AVERAGED.hinted(
    "The weight update adds up every image of the batch; divide layer_2_delta by the number of images "
    "(len(labels)) so the step is the average over the batch, whatever its size."
)
HIDDEN_RELU_FORGOTTEN = RELU_FORGOTTEN.hinted(
    "layer_1 = relu(layer_0.dot(weights_0_1)): the hidden layer goes through relu."
)
ZERO_OUTPUT_COUNTED_AS_ON = ZERO_COUNTED_AS_ON.hinted(
    "A unit whose output is 0 was switched off by relu: it passed nothing forward, so it takes no blame and its "
    "slope is 0. Multiply by relu2deriv(layer_1) = layer_1 > 0. (The book's output >= 0 is true for every output "
    "relu can produce: the same as leaving the slope out.)"
)
WEIGHT_UPDATE_NOT_SCALED = ALPHA_FORGOTTEN.hinted("Scale each weight update by the learning rate alpha.")
LAYER_1_DELTA_NOT_DROPPED = DROPOUT_NOT_ON_DELTA.hinted(
    "A dropped unit passed nothing forward, so it takes no blame: pass layer_1_delta through the same dropout "
    "as the forward pass, apply_dropout(layer_1_delta, dropout_mask)."
)
LAYER_1_DELTA_NOT_DOUBLED = DROPOUT_DELTA_NOT_DOUBLED.hinted(
    "The forward pass multiplied each kept unit by 2, so a change of that unit moves layer_2 twice as much: "
    "its delta is doubled too. apply_dropout(layer_1_delta, dropout_mask) does both. (The book multiplies the "
    "delta by the mask alone, which halves the step of weights_0_1.)"
)
WEIGHTS_1_2_FROM_UNDROPPED = UPDATED_FROM_UNDROPPED.hinted(
    "layer_2 was computed from the dropped-out layer_1, so weights_1_2 moves by dropped.T.dot(layer_2_delta): "
    "units that were switched off (or doubled) contributed nothing (or twice as much)."
)


def forward_relu_forgotten(layer_0, weights_0_1, weights_1_2):
    return layer_0.dot(weights_0_1), layer_0.dot(weights_0_1).dot(weights_1_2)


def forward_relu_on_output(layer_0, weights_0_1, weights_1_2):
    return answers.relu(layer_0.dot(weights_0_1)), answers.relu(answers.relu(layer_0.dot(weights_0_1)).dot(weights_1_2))


def backward_wrong_way(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (layer_2 - labels) / len(labels)
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * answers.relu2deriv(layer_1)


def backward_not_averaged(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = labels - layer_2
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * answers.relu2deriv(layer_1)


def backward_divided_by_entries(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (labels - layer_2) / labels.size
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * answers.relu2deriv(layer_1)


def backward_as_in_the_book(layer_1, layer_2, labels, weights_1_2):
    """The book's slope, its lesson-8 relu2deriv ``output >= 0``: true for every output of relu, so it never
    switches a delta off."""
    layer_2_delta = (labels - layer_2) / len(labels)
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * (layer_1 >= 0)


def backward_slope_also_on_the_output(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (labels - layer_2) / len(labels) * answers.relu2deriv(layer_2)
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * answers.relu2deriv(layer_1)


def backward_slope_on_the_output(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (labels - layer_2) / len(labels) * answers.relu2deriv(layer_2)
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T)


def update_against_the_delta(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return answers.update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, -alpha)


def update_without_alpha(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    return answers.update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, 1)


def should_stop_at_the_first_dip(accuracies, patience):
    return len(accuracies) > 1 and accuracies[-1] < accuracies[-2]


def should_stop_one_checkpoint_late(accuracies, patience):
    return len(accuracies) - 1 - int(np.argmax(accuracies)) > patience


def should_stop_one_checkpoint_early(accuracies, patience):
    return len(accuracies) - int(np.argmax(accuracies)) >= patience


def should_stop_counting_from_the_last_best(accuracies, patience):
    return int(np.argmax(accuracies[::-1])) >= patience


def apply_dropout_not_scaled(layer, dropout_mask):
    return layer * dropout_mask


def apply_dropout_mask_inverted(layer, dropout_mask):
    return layer * (1 - dropout_mask) * 2


def apply_dropout_mask_inverted_not_scaled(layer, dropout_mask):
    return layer * (1 - dropout_mask)


def dropout_step_as_in_the_book(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """The book's dropout step: the slope of the dropped-out layer, and the mask on the delta without × 2."""
    layer_1 = answers.apply_dropout(answers.relu(layer_0.dot(weights_0_1)), dropout_mask)
    layer_2 = layer_1.dot(weights_1_2)
    layer_2_delta, layer_1_delta = backward_as_in_the_book(layer_1, layer_2, labels, weights_1_2)
    layer_1_delta = layer_1_delta * dropout_mask
    return (layer_2, *answers.update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha))


def dropout_step_without_dropout(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return sgd_step(layer_0, labels, weights_0_1, weights_1_2, alpha)


def _dropout_step(
    layer_0,
    labels,
    weights_0_1,
    weights_1_2,
    alpha,
    dropout_mask,
    *,
    scale=2,
    delta_scale=2,
    on_delta=True,
    update_from_dropped=True,
):
    """The dropout step with one of its parts changed: the forward pass's or the delta's factor, the mask left
    off the delta, or weights_1_2 updated from the layer before dropout."""
    layer_1 = answers.relu(layer_0.dot(weights_0_1))
    dropped = layer_1 * dropout_mask * scale
    layer_2 = dropped.dot(weights_1_2)
    layer_2_delta, layer_1_delta = answers.backward(layer_1, layer_2, labels, weights_1_2)
    if on_delta:
        layer_1_delta = layer_1_delta * dropout_mask * delta_scale
    weights = answers.update(
        weights_0_1,
        weights_1_2,
        layer_0,
        dropped if update_from_dropped else layer_1,
        layer_1_delta,
        layer_2_delta,
        alpha,
    )
    return (layer_2, *weights)


def dropout_step_not_scaled(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, scale=1, delta_scale=1)


def dropout_step_forward_not_scaled(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, scale=1)


def dropout_step_delta_not_masked(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, on_delta=False)


def dropout_step_delta_not_doubled(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, delta_scale=1)


def dropout_step_updated_from_undropped(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _dropout_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, update_from_dropped=False)


# Training steps: the lesson's plain step (given in the notebook) and the book's listings as steps of the
# lesson's training loop, which the lesson's tests and benchmarks/regularisation.py run on MNIST.


def sgd_step(layer_0, labels, weights_0_1, weights_1_2, alpha):
    """One step of the plain network: the outputs it predicted, then the new weights (given in the lesson)."""
    layer_1, layer_2 = answers.forward(layer_0, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = answers.backward(layer_1, layer_2, labels, weights_1_2)
    return (layer_2, *answers.update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha))


def book_step(layer_0, labels, weights_0_1, weights_1_2, alpha):
    """The book's plain step (its listing on one image at a time)."""
    layer_1, layer_2 = answers.forward(layer_0, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = backward_as_in_the_book(layer_1, layer_2, labels, weights_1_2)
    return (layer_2, *answers.update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha))


def book_batch_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """The book's batched dropout step: its update sits inside the ``for k in range(batch_size)`` loop that
    counts correct predictions, so it is applied once per image of the batch, each time with layer_1_delta
    recomputed from the weights_1_2 of the previous round."""
    layer_1 = answers.apply_dropout(answers.relu(layer_0.dot(weights_0_1)), dropout_mask)
    layer_2 = layer_1.dot(weights_1_2)
    for _ in range(len(labels)):
        layer_2_delta, layer_1_delta = backward_as_in_the_book(layer_1, layer_2, labels, weights_1_2)
        layer_1_delta = layer_1_delta * dropout_mask
        weights_0_1, weights_1_2 = answers.update(
            weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha
        )
    return layer_2, weights_0_1, weights_1_2


# Exercises.


def _earlier(module, exercise_id):
    """An earlier lesson's exercise, asked again in this lesson as a warm-up."""
    return next(exercise for exercise in module.EXERCISES if exercise.id == exercise_id).carried_over("regularisation")


EXERCISES = [
    _earlier(deep, "deep.relu"),
    _earlier(deep, "deep.relu2deriv"),
    Exercise(
        id="regularisation.forward",
        function="forward",
        returns=("array", "array"),
        visible=[
            Case(
                (LAYER_0, WEIGHTS_0_1, WEIGHTS_1_2),
                (np.array([[0.21, 0.0, 0.29], [0.03, 0.0, 0.0]]), np.array([[-0.082, 0.008], [0.009, -0.003]])),
                "two 4-pixel images, 3 hidden units, 2 outputs",
            ),
            Case((LAYER_0[:1], WEIGHTS_0_1, WEIGHTS_1_2), label="the first image alone"),
        ],
        hidden=forward_cases,
        mistakes=[HIDDEN_RELU_FORGOTTEN.via(forward_relu_forgotten), RELU_ON_OUTPUT.via(forward_relu_on_output)],
    ),
    Exercise(
        id="regularisation.backward",
        function="backward",
        returns=("array", "array"),
        visible=[
            Case((LAYER_1, LAYER_2, LABELS, WEIGHTS_1_2), label="the two images: a batch of 2"),
            Case((LAYER_1[:1], LAYER_2[:1], LABELS[:1], WEIGHTS_1_2), label="the first image alone: a batch of 1"),
        ],
        hidden=backward_cases,
        mistakes=[
            DELTA_AS_PREDICTION_MINUS_LABELS.via(backward_wrong_way),
            LAYER_2_DELTA_NOT_AVERAGED.via(backward_not_averaged),
            DELTA_DIVIDED_BY_ENTRIES.via(backward_divided_by_entries),
            ZERO_OUTPUT_COUNTED_AS_ON.via(backward_as_in_the_book),
            RELU_SLOPE_WRONG_LAYER.via(backward_slope_also_on_the_output),
            RELU_SLOPE_WRONG_LAYER.via(backward_slope_on_the_output),
        ],
    ),
    Exercise(
        id="regularisation.update",
        function="update",
        returns=("array", "array"),
        visible=[
            Case(
                (WEIGHTS_0_1, WEIGHTS_1_2, LAYER_0, LAYER_1, LAYER_1_DELTA, LAYER_2_DELTA, ALPHA),
                label="the two images, alpha 0.5",
            ),
        ],
        hidden=update_cases,
        mistakes=[WENT_UPHILL.via(update_against_the_delta), WEIGHT_UPDATE_NOT_SCALED.via(update_without_alpha)],
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
        hidden=should_stop_cases,
        mistakes=[
            FIRST_DIP.via(should_stop_at_the_first_dip),
            PATIENCE_OFF_BY_ONE.via(should_stop_one_checkpoint_late),
            PATIENCE_OFF_BY_ONE.via(should_stop_one_checkpoint_early),
            TIE_COUNTED_AS_IMPROVEMENT.via(should_stop_counting_from_the_last_best),
        ],
    ),
    Exercise(
        id="regularisation.apply_dropout",
        function="apply_dropout",
        returns="array",
        visible=[
            Case(
                (LAYER_1, np.array([[1, 0, 1], [1, 1, 0]])),
                np.array([[0.42, 0.0, 0.58], [0.06, 0.0, 0.0]]),
                "the two images' hidden layer",
            ),
            Case(
                (np.array([[0.5, -1.0, 2.0, 0.25]]), np.array([[1, 0, 1, 1]])),
                np.array([[1.0, 0.0, 4.0, 0.5]]),
                "one image, 4 hidden units",
            ),
        ],
        hidden=apply_dropout_cases,
        mistakes=[
            DROPOUT_NOT_SCALED.via(apply_dropout_not_scaled),
            DROPOUT_MASK_INVERTED.via(apply_dropout_mask_inverted),
            DROPOUT_MASK_INVERTED.via(apply_dropout_mask_inverted_not_scaled),
        ],
    ),
    Exercise(
        id="regularisation.dropout_step",
        function="dropout_step",
        returns=("array", "array", "array"),
        visible=[
            Case((LAYER_0, LABELS, WEIGHTS_0_1, WEIGHTS_1_2, ALPHA, DROPOUT_MASK), label="the two images, alpha 0.5"),
            Case(
                (LAYER_0[1:], LABELS[1:], WEIGHTS_0_1, WEIGHTS_1_2, ALPHA, np.array([[1, 0, 1]])),
                label="the second image alone",
            ),
        ],
        hidden=dropout_step_cases,
        mistakes=[
            BOOK_DROPOUT_STEP.via(dropout_step_as_in_the_book),
            DROPOUT_FORGOTTEN.via(dropout_step_without_dropout),
            DROPOUT_NOT_SCALED.via(dropout_step_not_scaled),
            DROPOUT_NOT_SCALED.via(dropout_step_forward_not_scaled),
            LAYER_1_DELTA_NOT_DROPPED.via(dropout_step_delta_not_masked),
            LAYER_1_DELTA_NOT_DOUBLED.via(dropout_step_delta_not_doubled),
            WEIGHTS_1_2_FROM_UNDROPPED.via(dropout_step_updated_from_undropped),
        ],
    ),
]
