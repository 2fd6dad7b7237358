"""Lesson 10 · activation functions: sigmoid, tanh, relu and their slopes, softmax, and a tanh/softmax MNIST step.

The book prints no small values for these functions, only accuracies on MNIST (checked in the lesson's tests), so
visible cases are small fixed inputs (and the book's example of a confident output layer) whose values the
reference computes. Hidden cases use other shapes, large inputs of both signs, outputs at the ends of each range
(0, 1, −1), batches of one image and several, and other dropout masks and learning rates. The references are the
solution notebook's answers (:mod:`grader.references.activations`). Before the saturation explorer the lesson
asks for a prediction: what larger starting weights do to relu's switched-off units, with its likely wrong
predictions (traps).

Conventions (the book's): a slope function receives the layer's *output*; a delta points the way a layer's
values should move, ``labels - prediction``, divided by the number of images in the batch; every weight
moves by ``+= alpha * layer_in.T.dot(delta)``.
"""

import numpy as np

from grader import kit
from grader.catalogue import (
    ABSOLUTE_VALUE,
    BOOK_BACKWARD,
    DELTA_DIVIDED_BY_ENTRIES,
    DELTA_DIVIDED_TWICE,
    DELTA_NOT_AVERAGED,
    DELTA_WRONG_WAY,
    DERIVATIVE_OF_DROPPED_LAYER,
    DROPOUT_DELTA_NOT_DOUBLED,
    DROPOUT_NOT_ON_DELTA,
    DROPOUT_NOT_SCALED,
    MASK_NOT_VALUES,
    NP_MAX,
    SIGMOID_NOT_TANH,
    SIGMOID_SIGN,
    SOFTMAX_MAX_OF_THE_BATCH,
    SOFTMAX_OVERFLOW,
    SOFTMAX_WHOLE_BATCH,
    SOFTMAX_WRONG_AXIS,
    SQUARE_FORGOTTEN,
    TANH_FROM_INPUT,
    TANH_OVERFLOW,
    UPDATED_FROM_UNDROPPED,
    VALUES_NOT_SLOPE,
    ZERO_COUNTED_AS_ON,
    Mistake,
)
from grader.references import activations as answers
from grader.schema import Case, Exercise, prediction

# Data: seven inputs of both signs, the book's confident output layer, and a tiny tanh/softmax network.
INPUTS = np.array([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
# The book's example: a network sure that the image is a 9 (raw output 100 there, 0 elsewhere).
SURE_NINE = np.array([[0.0] * 9 + [100.0]])
LOGITS = np.array([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]])
LABELS = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
PREDICTION = np.array([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]])

# A tiny tanh/softmax network: two 4-pixel images, 3 hidden units, 3 outputs.
LAYER_0 = np.array([[1.0, 0.0, 0.5, 0.2], [0.0, 0.8, 0.3, 1.0]])
WEIGHTS_0_1 = np.array([[0.1, -0.2, 0.3], [-0.1, 0.2, -0.4], [0.2, 0.1, -0.1], [0.05, -0.3, 0.2]])
WEIGHTS_1_2 = np.array([[0.3, -0.1, 0.2], [0.2, 0.4, -0.3], [-0.5, 0.1, 0.4]])
DROPOUT_MASK = np.array([[1, 0, 1], [0, 1, 1]])


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def _activation_cases(rng):
    return [
        Case((kit.uniform(rng, 3, 4, low=-4, high=4),), label="a 3×4 batch"),
        Case((kit.uniform(rng, 6, low=-10, high=10),), label="a vector of 6 values between −10 and 10"),
        Case((np.array([[-30.0, -5.0, 0.0, 5.0, 30.0]]),), label="large inputs of both signs"),
    ]


def sigmoid_cases(rng):
    return [*_activation_cases(rng), Case((np.array([-100.0, 100.0]),), label="very large inputs")]


def sigmoid2deriv_cases(rng):
    return [
        Case((answers.sigmoid(kit.uniform(rng, 3, 4, low=-4, high=4)),), label="outputs of sigmoid, 3×4"),
        Case((np.array([0.0, 0.5, 1.0]),), label="0, 0.5 and 1"),
        Case((answers.sigmoid(kit.uniform(rng, 7, low=-3, high=3)),), label="a vector of 7 outputs"),
        Case((answers.sigmoid(kit.uniform(rng, 1, 5, low=-4, high=4)),), label="one row of 5 outputs"),
    ]


def tanh_cases(rng):
    return [*_activation_cases(rng), Case((np.array([-800.0, 800.0]),), label="very large inputs")]


def tanh2deriv_cases(rng):
    return [
        Case((answers.tanh(kit.uniform(rng, 3, 4, low=-3, high=3)),), label="outputs of tanh, 3×4"),
        Case((np.array([-1.0, 0.0, 1.0]),), label="−1, 0 and 1"),
        Case((answers.tanh(kit.uniform(rng, 7, low=-2, high=2)),), label="a vector of 7 outputs"),
        Case((answers.tanh(kit.uniform(rng, 1, 5, low=-2, high=2)),), label="one row of 5 outputs"),
    ]


def relu_cases(rng):
    return _activation_cases(rng)


def relu2deriv_cases(rng):
    return [
        Case((answers.relu(kit.uniform(rng, 3, 4)),), label="outputs of relu, 3×4"),
        Case((np.zeros(5),), label="every unit off"),
        Case((answers.relu(kit.uniform(rng, 1, 6)) + 0.25,), label="every unit on"),
    ]


def softmax_cases(rng):
    return [
        Case((kit.uniform(rng, 4, 5, low=-3, high=3),), label="4 images, 5 classes"),
        Case((kit.uniform(rng, 1, 10, low=-3, high=3),), label="one image, 10 classes"),
        Case((kit.uniform(rng, 3, 2, low=-3, high=3),), label="3 images, 2 classes"),
        Case((np.array([[1000.0, 0.0, -1000.0], [500.0, 501.0, 499.0]]),), label="very large inputs"),
        Case((np.array([[900.0, 901.0], [-2.0, 1.0]]),), label="rows of very different sizes"),
    ]


def softmax_delta_cases(rng):
    def labels_and_prediction(images, classes):
        return kit.one_hot(rng, images, classes), answers.softmax(kit.uniform(rng, images, classes, low=-2, high=2))

    return [
        Case(labels_and_prediction(4, 5), label="4 images, 5 classes"),
        Case(labels_and_prediction(1, 10), label="one image, 10 classes"),
        Case(labels_and_prediction(3, 2), label="3 images, 2 classes"),
    ]


def tanh_softmax_step_cases(rng):
    def step_case(images, pixels, hidden, outputs, label, brightest=1):
        alpha = kit.number(rng, 0.01, 1)
        args = (
            kit.uniform(rng, images, pixels, low=0, high=brightest),
            kit.one_hot(rng, images, outputs),
            kit.uniform(rng, pixels, hidden),
            kit.uniform(rng, hidden, outputs),
            alpha,
            kit.mask(rng, images, hidden),
        )
        return Case(args, label=f"{label}, alpha {alpha}")

    return [
        step_case(1, 5, 4, 3, "one image, 5 pixels, 4 hidden, 3 outputs"),
        step_case(3, 6, 5, 2, "three images, 5 hidden, 2 outputs"),
        step_case(5, 4, 3, 4, "five images, 3 hidden, 4 outputs"),
        step_case(2, 8, 6, 10, "two images, 6 hidden, 10 outputs"),
        step_case(2, 5, 4, 3, "raw pixels from 0 to 255", brightest=255),
    ]


# Mistakes: this lesson's own, the catalogue's in this lesson's terms, then one wrong implementation per mistake,
# a named function with the exercise's own signature.

TANH_NOT_SIGMOID = Mistake(
    "tanh instead of sigmoid", "sigmoid runs from 0 to 1 (sigmoid(0) = 0.5); tanh runs from −1 to 1."
)
SIGMOID_FROM_INPUT = Mistake(
    "sigmoid′ computed from the input instead of the output",
    "sigmoid2deriv receives the layer's output, which is already sigmoid(x): its slope is output × (1 − output). "
    "Applying sigmoid again computes the slope at the wrong place.",
)
SOFTMAX_WITHOUT_EXP = Mistake(
    "exp forgotten",
    "softmax raises e to the power of each input first (so every value becomes positive), then divides by the row's "
    "sum.",
)
SOFTMAX_SLOPE_ADDED = Mistake(
    "a slope multiplied into the softmax delta",
    "With softmax and cross-entropy, the slope of softmax and the slope of the logarithm cancel: the delta at the "
    "output is just (labels − prediction) / batch size, with no output × (1 − output) factor.",
)
SOFTMAX_FORGOTTEN = Mistake(
    "softmax forgotten",
    "layer_2 is softmax(dropped.dot(weights_1_2)): the delta labels − layer_2 compares probabilities with labels.",
)

SIGMOID_FALLING = SIGMOID_SIGN.hinted(
    "sigmoid(x) = 1 / (1 + e^(−x)): large inputs give outputs near 1, very negative ones near 0."
)
OFF_UNIT_COUNTED_AS_ON = ZERO_COUNTED_AS_ON.hinted(
    "A unit whose output is 0 was switched off by relu, so its slope is 0: output > 0, not output >= 0 "
    "(which is true for every output relu can produce)."
)
DELTA_AS_PREDICTION_MINUS_LABELS = DELTA_WRONG_WAY.hinted(
    "As in the book, a delta is labels − prediction: the way the outputs should move."
)
DELTA_SUMMED_OVER_THE_BATCH = DELTA_NOT_AVERAGED.hinted(
    "The weight update adds up every image of the batch; divide the delta by the number of images "
    "(len(labels)) so the step is the average over the batch, whatever its size."
)
DELTA_DIVIDED_AS_IN_THE_BOOK = DELTA_DIVIDED_TWICE.hinted(
    "The book divides by batch_size * layer_2.shape[0], the batch size squared (and makes up for it with alpha = 2). "
    "Divide once, by len(labels)."
)
BOOK_STEP = BOOK_BACKWARD.hinted(
    "The book takes tanh2deriv of the dropped-out, doubled layer and multiplies the delta by the mask without × 2. "
    "Use tanh2deriv(layer_1) before dropout, then apply the same dropout (mask × 2) to the delta."
)
LAYER_1_DELTA_NOT_MASKED = DROPOUT_NOT_ON_DELTA.hinted(
    "A dropped unit passed nothing forward, so it takes no blame: multiply layer_1_delta by the same mask × 2 as "
    "the forward pass."
)
LAYER_1_DELTA_NOT_DOUBLED = DROPOUT_DELTA_NOT_DOUBLED.hinted(
    "The forward pass doubled each kept unit, so its delta is doubled too: multiply layer_1_delta by mask × 2."
)


def _quietly():
    """NumPy's overflow warnings silenced (a wrong implementation must not print)."""
    return np.errstate(over="ignore", invalid="ignore", divide="ignore")


def sigmoid_exp_of_x(x):
    with _quietly():
        return 1 / (1 + np.exp(x))


def sigmoid_as_tanh(x):
    return np.tanh(x)


def sigmoid2deriv_from_input(output):
    return answers.sigmoid(output) * (1 - answers.sigmoid(output))


def tanh_as_sigmoid(x):
    with _quietly():
        return answers.sigmoid(x)


def tanh_from_exp(x):
    with _quietly():
        return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh2deriv_from_input(output):
    return 1 - np.tanh(output) ** 2


def tanh2deriv_square_forgotten(output):
    return 1 - output


def relu_mask_not_values(x):
    return x > 0


def relu_absolute_value(x):
    return np.abs(x)


def relu2deriv_zero_counted_as_on(output):
    return output >= 0


def relu2deriv_values(output):
    return answers.relu(output)


def relu_np_max(x):
    return np.max(x, 0)


def relu_np_max_zero_first(x):
    return np.max(0, x)


def softmax_max_of_the_batch(x):
    with _quietly():
        exponentials = np.exp(x - x.max())
        return exponentials / exponentials.sum(axis=1, keepdims=True)


def softmax_overflows(x):
    with _quietly():
        exponentials = np.exp(x)
        return exponentials / np.sum(exponentials, axis=1, keepdims=True)


def softmax_over_columns(x):
    exponentials = np.exp(x - x.max(axis=0, keepdims=True))
    return exponentials / exponentials.sum(axis=0, keepdims=True)


def softmax_over_columns_overflowing(x):
    with _quietly():
        return np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True)


def softmax_whole_batch(x):
    exponentials = np.exp(x - x.max())
    return exponentials / exponentials.sum()


def softmax_whole_batch_overflowing(x):
    with _quietly():
        return np.exp(x) / np.sum(np.exp(x))


def softmax_without_exp(x):
    with _quietly():
        return x / x.sum(axis=1, keepdims=True)


def softmax_delta_wrong_way(labels, prediction):
    return (prediction - labels) / len(labels)


def softmax_delta_not_averaged(labels, prediction):
    return labels - prediction


def softmax_delta_divided_twice(labels, prediction):
    return (labels - prediction) / len(labels) ** 2


def softmax_delta_divided_by_entries(labels, prediction):
    return (labels - prediction) / labels.size


def softmax_delta_with_slope(labels, prediction):
    return (labels - prediction) * prediction * (1 - prediction) / len(labels)


def tanh_softmax_step_as_in_the_book(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """The book's step: tanh′ of the dropped-out layer, the mask on the delta without × 2, and the delta
    divided by batch_size * layer_2.shape[0]."""
    layer_1 = answers.tanh(layer_0.dot(weights_0_1)) * dropout_mask * 2
    layer_2 = answers.softmax(layer_1.dot(weights_1_2))
    layer_2_delta = (labels - layer_2) / (len(labels) * layer_2.shape[0])
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * answers.tanh2deriv(layer_1) * dropout_mask
    weights_1_2 = weights_1_2 + alpha * layer_1.T.dot(layer_2_delta)
    weights_0_1 = weights_0_1 + alpha * layer_0.T.dot(layer_1_delta)
    return layer_2, weights_0_1, weights_1_2


def _step(
    layer_0,
    labels,
    weights_0_1,
    weights_1_2,
    alpha,
    dropout_mask,
    *,
    delta=answers.softmax_delta,
    slope=answers.tanh2deriv,
    slope_of="layer_1",
    delta_scale=2,
    on_delta=True,
    scale=2,
    output_softmax=True,
    update_from_dropped=True,
):
    """The reference step with one part changed: ``slope`` taken of ``slope_of`` ("layer_1", "dropped" or
    "pre_activation"), the dropout on the delta (``on_delta``, ``delta_scale``) and forward (``scale``), softmax at
    the output or not, weights_1_2 updated from the dropped-out layer or not."""
    pre_activation = layer_0.dot(weights_0_1)
    layer_1 = answers.tanh(pre_activation)
    dropped = layer_1 * dropout_mask * scale
    layer_2 = answers.softmax(dropped.dot(weights_1_2)) if output_softmax else dropped.dot(weights_1_2)
    layer_2_delta = delta(labels, layer_2)
    sloped = {"layer_1": layer_1, "dropped": dropped, "pre_activation": pre_activation}[slope_of]
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * slope(sloped)
    if on_delta:
        layer_1_delta = layer_1_delta * dropout_mask * delta_scale
    weights_1_2 = weights_1_2 + alpha * (dropped if update_from_dropped else layer_1).T.dot(layer_2_delta)
    weights_0_1 = weights_0_1 + alpha * layer_0.T.dot(layer_1_delta)
    return layer_2, weights_0_1, weights_1_2


def tanh_softmax_step_books_backward_pass(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, slope_of="dropped", delta_scale=1)


def tanh_softmax_step_slope_of_dropped_layer(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, slope_of="dropped")


def tanh_softmax_step_slope_of_pre_activation(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, slope_of="pre_activation")


def tanh_softmax_step_tanh_applied_twice(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, slope=tanh2deriv_from_input)


def tanh_softmax_step_delta_not_masked(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, on_delta=False)


def tanh_softmax_step_delta_not_doubled(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, delta_scale=1)


def tanh_softmax_step_dropout_not_scaled(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, scale=1)


def tanh_softmax_step_dropout_not_scaled_anywhere(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, scale=1, delta_scale=1)


def tanh_softmax_step_delta_not_averaged(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, delta=softmax_delta_not_averaged)


def tanh_softmax_step_delta_divided_twice(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, delta=softmax_delta_divided_twice)


def tanh_softmax_step_softmax_forgotten(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, output_softmax=False)


def tanh_softmax_step_updated_from_undropped(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask, update_from_dropped=False)


# Exercises.

EXERCISES = [
    Exercise(
        id="activations.sigmoid",
        function="sigmoid",
        returns="array",
        visible=[
            Case((INPUTS,), label="seven numbers from −3 to 3"),
            Case((SURE_NINE,), label="the book's confident 9"),
        ],
        hidden=sigmoid_cases,
        mistakes=[SIGMOID_FALLING.via(sigmoid_exp_of_x), TANH_NOT_SIGMOID.via(sigmoid_as_tanh)],
    ),
    Exercise(
        id="activations.sigmoid2deriv",
        function="sigmoid2deriv",
        returns="array",
        visible=[Case((answers.sigmoid(INPUTS),), label="the outputs of sigmoid for −3 … 3")],
        hidden=sigmoid2deriv_cases,
        mistakes=[SIGMOID_FROM_INPUT.via(sigmoid2deriv_from_input)],
    ),
    Exercise(
        id="activations.tanh",
        function="tanh",
        returns="array",
        visible=[Case((INPUTS,), label="seven numbers from −3 to 3")],
        hidden=tanh_cases,
        mistakes=[SIGMOID_NOT_TANH.via(tanh_as_sigmoid), TANH_OVERFLOW.via(tanh_from_exp)],
    ),
    Exercise(
        id="activations.tanh2deriv",
        function="tanh2deriv",
        returns="array",
        visible=[Case((answers.tanh(INPUTS),), label="the outputs of tanh for −3 … 3")],
        hidden=tanh2deriv_cases,
        mistakes=[TANH_FROM_INPUT.via(tanh2deriv_from_input), SQUARE_FORGOTTEN.via(tanh2deriv_square_forgotten)],
    ),
    Exercise(
        id="activations.relu",
        function="relu",
        returns="array",
        visible=[Case((INPUTS,), label="seven numbers from −3 to 3")],
        hidden=relu_cases,
        mistakes=[
            MASK_NOT_VALUES.via(relu_mask_not_values),
            ABSOLUTE_VALUE.via(relu_absolute_value),
            NP_MAX.via(relu_np_max),
            NP_MAX.via(relu_np_max_zero_first),
        ],
    ),
    Exercise(
        id="activations.relu2deriv",
        function="relu2deriv",
        returns="array",
        visible=[Case((answers.relu(INPUTS),), label="the outputs of relu for −3 … 3")],
        hidden=relu2deriv_cases,
        mistakes=[OFF_UNIT_COUNTED_AS_ON.via(relu2deriv_zero_counted_as_on), VALUES_NOT_SLOPE.via(relu2deriv_values)],
    ),
    prediction(
        "activations.relu_off_share_as_weights_grow",
        "relu_off_share_as_weights_grow",
        "A relu unit is off exactly when its weighted sum is negative, and wherever it is on its slope is 1, however "
        "large the sum. The weights at ±1 are those at ±0.01 times 100: what does that do to each sum's sign?",
        choices=("rises", "stays the same", "falls"),
        traps=[
            (
                "rises",
                Mistake(
                    "relu saturating like tanh",
                    "relu has no flat end for large positive sums: its slope there stays 1. Larger weights make tanh "
                    "and sigmoid saturate, not relu.",
                ),
            )
        ],
    ),
    Exercise(
        id="activations.softmax",
        function="softmax",
        returns="array",
        visible=[
            Case((LOGITS,), label="two images, 3 classes"),
            Case((SURE_NINE,), label="the book's confident 9"),
        ],
        hidden=softmax_cases,
        mistakes=[
            SOFTMAX_OVERFLOW.via(softmax_overflows),
            SOFTMAX_MAX_OF_THE_BATCH.via(softmax_max_of_the_batch),
            SOFTMAX_WRONG_AXIS.via(softmax_over_columns),
            SOFTMAX_WRONG_AXIS.via(softmax_over_columns_overflowing),
            SOFTMAX_WHOLE_BATCH.via(softmax_whole_batch),
            SOFTMAX_WHOLE_BATCH.via(softmax_whole_batch_overflowing),
            SOFTMAX_WITHOUT_EXP.via(softmax_without_exp),
        ],
    ),
    Exercise(
        id="activations.softmax_delta",
        function="softmax_delta",
        returns="array",
        visible=[
            Case((LABELS, PREDICTION), label="two images, 3 classes"),
            Case((LABELS[:1], PREDICTION[:1]), label="the first image alone"),
        ],
        hidden=softmax_delta_cases,
        mistakes=[
            DELTA_AS_PREDICTION_MINUS_LABELS.via(softmax_delta_wrong_way),
            DELTA_SUMMED_OVER_THE_BATCH.via(softmax_delta_not_averaged),
            DELTA_DIVIDED_AS_IN_THE_BOOK.via(softmax_delta_divided_twice),
            DELTA_DIVIDED_BY_ENTRIES.via(softmax_delta_divided_by_entries),
            SOFTMAX_SLOPE_ADDED.via(softmax_delta_with_slope),
        ],
    ),
    Exercise(
        id="activations.tanh_softmax_step",
        function="tanh_softmax_step",
        returns=("array", "array", "array"),
        visible=[
            Case(
                (LAYER_0, LABELS, WEIGHTS_0_1, WEIGHTS_1_2, 0.5, DROPOUT_MASK),
                label="two 4-pixel images, 3 hidden units, 3 outputs, alpha 0.5",
            ),
            Case(
                (LAYER_0[:1], LABELS[:1], WEIGHTS_0_1, WEIGHTS_1_2, 0.5, DROPOUT_MASK[:1]),
                label="the first image alone",
            ),
        ],
        hidden=tanh_softmax_step_cases,
        mistakes=[
            BOOK_STEP.via(tanh_softmax_step_as_in_the_book),
            BOOK_STEP.via(tanh_softmax_step_books_backward_pass),
            DERIVATIVE_OF_DROPPED_LAYER.via(tanh_softmax_step_slope_of_dropped_layer),
            TANH_FROM_INPUT.via(tanh_softmax_step_slope_of_pre_activation),
            TANH_FROM_INPUT.via(tanh_softmax_step_tanh_applied_twice),
            LAYER_1_DELTA_NOT_MASKED.via(tanh_softmax_step_delta_not_masked),
            LAYER_1_DELTA_NOT_DOUBLED.via(tanh_softmax_step_delta_not_doubled),
            DROPOUT_NOT_SCALED.via(tanh_softmax_step_dropout_not_scaled),
            DROPOUT_NOT_SCALED.via(tanh_softmax_step_dropout_not_scaled_anywhere),
            DELTA_SUMMED_OVER_THE_BATCH.via(tanh_softmax_step_delta_not_averaged),
            DELTA_DIVIDED_AS_IN_THE_BOOK.via(tanh_softmax_step_delta_divided_twice),
            SOFTMAX_FORGOTTEN.via(tanh_softmax_step_softmax_forgotten),
            UPDATED_FROM_UNDROPPED.via(tanh_softmax_step_updated_from_undropped),
        ],
    ),
    # Prediction: what the saturation explorer shows, committed to before it shows it.
]
