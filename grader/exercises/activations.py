"""Lesson 10, activation functions: sigmoid, tanh, relu and their slopes, softmax and its delta, and the
tanh-hidden, softmax-output MNIST network.

The book prints no small values for these functions, only accuracies on MNIST (checked in the lesson's
tests). Visible cases are small fixed inputs whose values the reference computes (and the book's example of
a confident output layer); hidden cases use other shapes, large inputs and batches, checked against the
reference implementations below.

Conventions (the book's): a slope function receives the layer's *output*; a delta points the way a layer's
values should move, ``labels - prediction``, divided by the number of images in the batch; every weight
moves by ``+= alpha * layer_in.T.dot(delta)``.
"""

import numpy as np

from grader.schema import Case, Exercise
from grader.catalogue import Mistake
from grader.references.activations import relu, relu2deriv, sigmoid, sigmoid2deriv, softmax, softmax_delta, tanh, tanh2deriv, tanh_softmax_step

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

SIGMOID_SIGN = Mistake(
    "exp(x) instead of exp(−x)",
    "sigmoid(x) = 1 / (1 + e^(−x)): large inputs give outputs near 1, very negative ones near 0.",
)
TANH_NOT_SIGMOID = Mistake("tanh instead of sigmoid", "sigmoid runs from 0 to 1 (sigmoid(0) = 0.5); tanh runs from −1 to 1.")
SIGMOID_NOT_TANH = Mistake("sigmoid instead of tanh", "tanh runs from −1 to 1 (tanh(0) = 0); sigmoid runs from 0 to 1.")
TANH_OVERFLOW = Mistake(
    "tanh from exp(x) overflows",
    "(e^x − e^−x) / (e^x + e^−x) is inf / inf = nan once x is a few hundred. np.tanh computes it safely.",
)
SIGMOID_FROM_INPUT = Mistake(
    "sigmoid′ computed from the input instead of the output",
    "sigmoid2deriv receives the layer's output, which is already sigmoid(x): its slope is output × (1 − output). "
    "Applying sigmoid again computes the slope at the wrong place.",
)
TANH_FROM_INPUT = Mistake(
    "tanh′ computed from the input instead of the output",
    "tanh2deriv receives the layer's output, which is already tanh(x): its slope is 1 − output². "
    "Applying tanh again computes 1 − tanh(tanh(x))².",
)
SQUARE_FORGOTTEN = Mistake("the square forgotten", "The slope of tanh is 1 − output², not 1 − output.")
MASK_NOT_VALUES = Mistake(
    "the on/off mask instead of the values",
    "relu keeps every positive value as it is and sets the others to 0: (x > 0) * x, not x > 0.",
)
ABSOLUTE_VALUE = Mistake("absolute value instead of relu", "relu turns negative values into 0, not into positive values.")
ZERO_COUNTED_AS_ON = Mistake(
    "zero counted as on",
    "A unit whose output is 0 was switched off by relu, so its slope is 0: output > 0, not output >= 0 "
    "(which is true for every output relu can produce).",
)
VALUES_NOT_SLOPE = Mistake(
    "the values instead of the slope",
    "relu2deriv gives the slope of relu: 1 where the unit is on (output > 0) and 0 where it is off, whatever the value.",
)
SOFTMAX_WRONG_AXIS = Mistake(
    "softmax over the wrong axis",
    "Each row is one image: normalise along axis=1 (with keepdims=True) so that every image's probabilities add up to 1.",
)
SOFTMAX_WHOLE_BATCH = Mistake(
    "softmax over the whole batch",
    "Divide each row by its own sum (np.sum(..., axis=1, keepdims=True)), not by the sum of the whole batch.",
)
SOFTMAX_OVERFLOW = Mistake(
    "softmax overflows on large inputs",
    "np.exp(1000) is inf, and inf / inf is nan. Subtract each row's maximum before np.exp: the result is the same, "
    "and the largest exponent becomes e^0 = 1.",
)
SOFTMAX_WITHOUT_EXP = Mistake(
    "exp forgotten",
    "softmax raises e to the power of each input first (so every value becomes positive), then divides by the row's sum.",
)
DELTA_WRONG_WAY = Mistake(
    "delta pointing the wrong way",
    "As in the book, a delta is labels − prediction: the way the outputs should move.",
)
DELTA_NOT_AVERAGED = Mistake(
    "delta not divided by batch size",
    "The weight update adds up every image of the batch; divide the delta by the number of images "
    "(len(labels)) so the step is the average over the batch, whatever its size.",
)
DELTA_DIVIDED_TWICE = Mistake(
    "delta divided by the batch size twice",
    "The book divides by batch_size * layer_2.shape[0], the batch size squared (and makes up for it with alpha = 2). "
    "Divide once, by len(labels).",
)
DELTA_DIVIDED_BY_ENTRIES = Mistake(
    "delta divided by every entry",
    "Divide by the number of images (len(labels)), not by images × outputs (labels.size).",
)
SOFTMAX_SLOPE_ADDED = Mistake(
    "a slope multiplied into the softmax delta",
    "With softmax and cross-entropy, the slope of softmax and the slope of the logarithm cancel: the delta at the "
    "output is just (labels − prediction) / batch size, with no output × (1 − output) factor.",
)
DERIVATIVE_OF_DROPPED_LAYER = Mistake(
    "tanh′ of the dropped-out layer",
    "tanh2deriv needs tanh's own output, before dropout doubled it: 1 − (2·tanh)² is not tanh's slope.",
)
BOOK_STEP = Mistake(
    "the book's backward step",
    "The book takes tanh2deriv of the dropped-out, doubled layer and multiplies the delta by the mask without × 2. "
    "Use tanh2deriv(layer_1) before dropout, then apply the same dropout (mask × 2) to the delta.",
)
DROPOUT_NOT_SCALED = Mistake(
    "dropout mask not scaled",
    "About half the units are switched off, so the survivors are doubled (× 2): the next layer then receives as "
    "much signal, on average, as at test time, when nothing is dropped.",
)
DROPOUT_NOT_ON_DELTA = Mistake(
    "dropout mask not applied to the delta",
    "A dropped unit passed nothing forward, so it takes no blame: multiply layer_1_delta by the same mask × 2 as "
    "the forward pass.",
)
DROPOUT_DELTA_NOT_DOUBLED = Mistake(
    "delta masked but not doubled",
    "The forward pass doubled each kept unit, so its delta is doubled too: multiply layer_1_delta by mask × 2.",
)
SOFTMAX_FORGOTTEN = Mistake(
    "softmax forgotten",
    "layer_2 is softmax(dropped.dot(weights_1_2)): the delta labels − layer_2 compares probabilities with labels.",
)
UPDATED_FROM_UNDROPPED = Mistake(
    "weights_1_2 updated from the layer before dropout",
    "layer_2 was computed from the dropped-out layer_1, so weights_1_2 moves by dropped.T.dot(layer_2_delta).",
)


# --- reference implementations -------------------------------------------------------------------


def book_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """The book's step: tanh′ of the dropped-out layer, the mask on the delta without × 2, and the delta
    divided by batch_size * layer_2.shape[0]."""
    layer_1 = tanh(layer_0.dot(weights_0_1)) * dropout_mask * 2
    layer_2 = softmax(layer_1.dot(weights_1_2))
    layer_2_delta = (labels - layer_2) / (len(labels) * layer_2.shape[0])
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * tanh2deriv(layer_1) * dropout_mask
    weights_1_2 = weights_1_2 + alpha * layer_1.T.dot(layer_2_delta)
    weights_0_1 = weights_0_1 + alpha * layer_0.T.dot(layer_1_delta)
    return layer_2, weights_0_1, weights_1_2


# --- wrong implementations ----------------------------------------------------------------------


def _quiet(function):
    """``function`` with NumPy's overflow warnings silenced (a wrong implementation must not print)."""

    def quietly(*args):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return function(*args)

    return quietly


def _exp_tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def _unstable_softmax(x):
    exponentials = np.exp(x)
    return exponentials / np.sum(exponentials, axis=1, keepdims=True)


def _softmax_axis_0(x):
    exponentials = np.exp(x - x.max(axis=0, keepdims=True))
    return exponentials / exponentials.sum(axis=0, keepdims=True)


def _softmax_whole_batch(x):
    exponentials = np.exp(x - x.max())
    return exponentials / exponentials.sum()


def _step_with(*, delta=softmax_delta, slope=lambda layer_1, dropped, pre_activation: tanh2deriv(layer_1),
               delta_scale=2, on_delta=True, scale=2, output=softmax, update_from_dropped=True):  # fmt: skip
    def wrong_step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
        pre_activation = layer_0.dot(weights_0_1)
        layer_1 = tanh(pre_activation)
        dropped = layer_1 * dropout_mask * scale
        layer_2 = output(dropped.dot(weights_1_2))
        layer_2_delta = delta(labels, layer_2)
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * slope(layer_1, dropped, pre_activation)
        if on_delta:
            layer_1_delta = layer_1_delta * dropout_mask * delta_scale
        weights_1_2 = weights_1_2 + alpha * (dropped if update_from_dropped else layer_1).T.dot(layer_2_delta)
        weights_0_1 = weights_0_1 + alpha * layer_0.T.dot(layer_1_delta)
        return layer_2, weights_0_1, weights_1_2

    return wrong_step


# --- cases -----------------------------------------------------------------------------------------


def _array(rng, *shape, low=-1.0, high=1.0):
    return np.round(rng.uniform(low, high, shape), 3)


def _one_hot(rng, images, outputs):
    return np.eye(outputs)[rng.integers(0, outputs, images)]


def _mask(rng, images, hidden):
    while True:
        mask = rng.integers(0, 2, (images, hidden))
        if 0 < mask.sum() < mask.size:
            return mask


def _activation_cases(rng):
    return [
        Case((_array(rng, 3, 4, low=-4, high=4),), label="a 3×4 batch"),
        Case((_array(rng, 6, low=-10, high=10),), label="a vector of 6 values between −10 and 10"),
        Case((np.array([[-30.0, -5.0, 0.0, 5.0, 30.0]]),), label="large inputs of both signs"),
    ]


def _sigmoid_output_cases(rng):
    return [Case((sigmoid(_array(rng, 3, 4, low=-4, high=4)),), label="outputs of sigmoid, 3×4"),
            Case((np.array([0.0, 0.5, 1.0]),), label="0, 0.5 and 1"),
            Case((sigmoid(_array(rng, 7, low=-3, high=3)),), label="a vector of 7 outputs")]  # fmt: skip


def _tanh_output_cases(rng):
    return [Case((tanh(_array(rng, 3, 4, low=-3, high=3)),), label="outputs of tanh, 3×4"),
            Case((np.array([-1.0, 0.0, 1.0]),), label="−1, 0 and 1"),
            Case((tanh(_array(rng, 7, low=-2, high=2)),), label="a vector of 7 outputs")]  # fmt: skip


def _relu_output_cases(rng):
    return [Case((relu(_array(rng, 3, 4)),), label="outputs of relu, 3×4"),
            Case((np.zeros(5),), label="every unit off"),
            Case((relu(_array(rng, 1, 6)) + 0.25,), label="every unit on")]  # fmt: skip


def _softmax_cases(rng):
    return [
        Case((_array(rng, 4, 5, low=-3, high=3),), label="4 images, 5 classes"),
        Case((_array(rng, 1, 10, low=-3, high=3),), label="one image, 10 classes"),
        Case((_array(rng, 3, 2, low=-3, high=3),), label="3 images, 2 classes"),
        Case((np.array([[1000.0, 0.0, -1000.0], [500.0, 501.0, 499.0]]),), label="very large inputs"),
    ]


def _softmax_delta_cases(rng):
    cases = []
    for images, classes, label in [(4, 5, "4 images, 5 classes"), (1, 10, "one image, 10 classes"), (3, 2, "3 images, 2 classes")]:
        cases.append(Case((_one_hot(rng, images, classes), softmax(_array(rng, images, classes, low=-2, high=2))), label=label))
    return cases


def _step_cases(rng):
    cases = []
    for images, pixels, hidden, outputs, label in [(1, 5, 4, 3, "one image, 5 pixels, 4 hidden, 3 outputs"),
                                                   (3, 6, 5, 2, "three images, 5 hidden, 2 outputs"),
                                                   (5, 4, 3, 4, "five images, 3 hidden, 4 outputs"),
                                                   (2, 8, 6, 10, "two images, 6 hidden, 10 outputs")]:  # fmt: skip
        alpha = round(float(rng.uniform(0.01, 1)), 3)
        args = (_array(rng, images, pixels, low=0, high=1), _one_hot(rng, images, outputs), _array(rng, pixels, hidden),
                _array(rng, hidden, outputs), alpha, _mask(rng, images, hidden))  # fmt: skip
        cases.append(Case(args, label=f"{label}, alpha {alpha}"))
    return cases


def _visible(reference, args, label):
    """A visible case the book prints nothing for: its expected value is what the reference computes."""
    return Case(args, reference(*args), label)


EXERCISES = [
    Exercise(
        id="activations.sigmoid",
        function="sigmoid",
        returns="array",
        visible=[
            _visible(sigmoid, (INPUTS,), "seven numbers from −3 to 3"),
            _visible(sigmoid, (SURE_NINE,), "the book's confident 9"),
        ],
        hidden=_activation_cases,
        mistakes=[
            SIGMOID_SIGN.via(_quiet(lambda x: 1 / (1 + np.exp(x)))),
            TANH_NOT_SIGMOID.via(np.tanh),
        ],
    ),
    Exercise(
        id="activations.sigmoid2deriv",
        function="sigmoid2deriv",
        returns="array",
        visible=[_visible(sigmoid2deriv, (sigmoid(INPUTS),), "the outputs of sigmoid for −3 … 3")],
        hidden=_sigmoid_output_cases,
        mistakes=[SIGMOID_FROM_INPUT.via(lambda output: sigmoid(output) * (1 - sigmoid(output)))],
    ),
    Exercise(
        id="activations.tanh",
        function="tanh",
        returns="array",
        visible=[_visible(tanh, (INPUTS,), "seven numbers from −3 to 3")],
        hidden=lambda rng: [*_activation_cases(rng), Case((np.array([-800.0, 800.0]),), label="very large inputs")],
        mistakes=[
            SIGMOID_NOT_TANH.via(_quiet(sigmoid)),
            TANH_OVERFLOW.via(_quiet(_exp_tanh)),
        ],
    ),
    Exercise(
        id="activations.tanh2deriv",
        function="tanh2deriv",
        returns="array",
        visible=[_visible(tanh2deriv, (tanh(INPUTS),), "the outputs of tanh for −3 … 3")],
        hidden=_tanh_output_cases,
        mistakes=[
            TANH_FROM_INPUT.via(lambda output: 1 - np.tanh(output) ** 2),
            SQUARE_FORGOTTEN.via(lambda output: 1 - output),
        ],
    ),
    Exercise(
        id="activations.relu",
        function="relu",
        returns="array",
        visible=[_visible(relu, (INPUTS,), "seven numbers from −3 to 3")],
        hidden=_activation_cases,
        mistakes=[
            MASK_NOT_VALUES.via(lambda x: x > 0),
            ABSOLUTE_VALUE.via(np.abs),
        ],
    ),
    Exercise(
        id="activations.relu2deriv",
        function="relu2deriv",
        returns="array",
        visible=[_visible(relu2deriv, (relu(INPUTS),), "the outputs of relu for −3 … 3")],
        hidden=_relu_output_cases,
        mistakes=[
            ZERO_COUNTED_AS_ON.via(lambda output: output >= 0),
            VALUES_NOT_SLOPE.via(relu),
        ],
    ),
    Exercise(
        id="activations.softmax",
        function="softmax",
        returns="array",
        visible=[
            _visible(softmax, (LOGITS,), "two images, 3 classes"),
            _visible(softmax, (SURE_NINE,), "the book's confident 9"),
        ],
        hidden=_softmax_cases,
        mistakes=[
            SOFTMAX_OVERFLOW.via(_quiet(_unstable_softmax)),
            SOFTMAX_WRONG_AXIS.via(_softmax_axis_0),
            SOFTMAX_WRONG_AXIS.via(_quiet(lambda x: np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True))),
            SOFTMAX_WHOLE_BATCH.via(_softmax_whole_batch),
            SOFTMAX_WHOLE_BATCH.via(_quiet(lambda x: np.exp(x) / np.sum(np.exp(x)))),
            SOFTMAX_WITHOUT_EXP.via(_quiet(lambda x: x / x.sum(axis=1, keepdims=True))),
        ],
    ),
    Exercise(
        id="activations.softmax_delta",
        function="softmax_delta",
        returns="array",
        visible=[
            _visible(softmax_delta, (LABELS, PREDICTION), "two images, 3 classes"),
            _visible(softmax_delta, (LABELS[:1], PREDICTION[:1]), "the first image alone"),
        ],
        hidden=_softmax_delta_cases,
        mistakes=[
            DELTA_WRONG_WAY.via(lambda labels, prediction: (prediction - labels) / len(labels)),
            DELTA_NOT_AVERAGED.via(lambda labels, prediction: labels - prediction),
            DELTA_DIVIDED_TWICE.via(lambda labels, prediction: (labels - prediction) / len(labels) ** 2),
            DELTA_DIVIDED_BY_ENTRIES.via(lambda labels, prediction: (labels - prediction) / labels.size),
            SOFTMAX_SLOPE_ADDED.via(lambda labels, prediction: (labels - prediction) * prediction * (1 - prediction) / len(labels)),
        ],
    ),
    Exercise(
        id="activations.tanh_softmax_step",
        function="tanh_softmax_step",
        returns=("array", "array", "array"),
        visible=[
            _visible(tanh_softmax_step, (LAYER_0, LABELS, WEIGHTS_0_1, WEIGHTS_1_2, 0.5, DROPOUT_MASK),
                     "two 4-pixel images, 3 hidden units, 3 outputs, alpha 0.5"),
            _visible(tanh_softmax_step, (LAYER_0[:1], LABELS[:1], WEIGHTS_0_1, WEIGHTS_1_2, 0.5, DROPOUT_MASK[:1]),
                     "the first image alone"),
        ],  # fmt: skip
        hidden=_step_cases,
        mistakes=[
            BOOK_STEP.via(book_step),
            BOOK_STEP.via(_step_with(slope=lambda layer_1, dropped, pre: tanh2deriv(dropped), delta_scale=1)),
            DERIVATIVE_OF_DROPPED_LAYER.via(_step_with(slope=lambda layer_1, dropped, pre: tanh2deriv(dropped))),
            TANH_FROM_INPUT.via(_step_with(slope=lambda layer_1, dropped, pre: tanh2deriv(pre))),
            TANH_FROM_INPUT.via(_step_with(slope=lambda layer_1, dropped, pre: 1 - np.tanh(layer_1) ** 2)),
            DROPOUT_NOT_ON_DELTA.via(_step_with(on_delta=False)),
            DROPOUT_DELTA_NOT_DOUBLED.via(_step_with(delta_scale=1)),
            DROPOUT_NOT_SCALED.via(_step_with(scale=1)),
            DROPOUT_NOT_SCALED.via(_step_with(scale=1, delta_scale=1)),
            DELTA_NOT_AVERAGED.via(_step_with(delta=lambda labels, prediction: labels - prediction)),
            DELTA_DIVIDED_TWICE.via(_step_with(delta=lambda labels, prediction: (labels - prediction) / len(labels) ** 2)),
            SOFTMAX_FORGOTTEN.via(_step_with(output=lambda x: x)),
            UPDATED_FROM_UNDROPPED.via(_step_with(update_from_dropped=False)),
        ],
    ),
]
