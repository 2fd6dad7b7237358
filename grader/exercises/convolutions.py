"""Lesson 11, convolutions: image sections, kernels as one small layer shared by every position, im2col.

The book prints no small values for these steps, only accuracies on MNIST (checked in the lesson's
tests). Visible cases are small fixed images and layers whose values the lesson text shows; hidden cases
use other image, kernel and batch sizes, checked against the reference implementations below.

Conventions (the book's): images come as a batch of shape (images, rows, cols); a layer's delta points
the way its values should move, ``labels - prediction``, so every weight moves by
``+= alpha * input.T.dot(delta)``.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from grader.schema import Case, Exercise
from grader.catalogue import Mistake
from grader.references.convolutions import apply_dropout, get_image_section, hidden_delta, im2col, kernel_layer, softmax, softmax_delta, tanh, tanh2deriv, update_kernels

# Two 4×4 "images" whose pixels are numbered 0..31, so every section shows where it came from.
NUMBERED = np.arange(32.0).reshape(2, 4, 4)
# One 4×5 image and a 2×2 kernel: 3 × 4 = 12 positions.
SMALL_IMAGE = np.array([[[0.0, 0.1, 0.2, 0.3, 0.4],
                         [0.5, 0.6, 0.7, 0.8, 0.9],
                         [1.0, 0.9, 0.8, 0.7, 0.6],
                         [0.5, 0.4, 0.3, 0.2, 0.1]]])  # fmt: skip
# Two kernels of 2×2 pixels, one per column: a vertical-edge and a horizontal-edge detector.
EDGE_KERNELS = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
# The sections of two tiny images (2 positions of 2×2 pixels each), for the kernel layer and its update.
SECTIONS = np.array([[[0.0, 1.0, 0.0, 1.0], [1.0, 0.5, 1.0, 0.5]],
                     [[0.2, 0.2, 0.8, 0.8], [0.9, 0.1, 0.9, 0.1]]])  # fmt: skip
HIDDEN_OUTPUT = np.array([[0.5, -0.2, 0.9], [0.0, 0.7, -0.99]])  # tanh outputs of 2 images × 3 hidden units
DROPOUT_MASK = np.array([[1, 0, 1], [0, 1, 1]])
LOGITS = np.array([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]])
LABELS = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
PREDICTION = np.array([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]])
LAYER_2_DELTA = np.array([[0.1, -0.05], [-0.2, 0.15]])  # 2 images × 2 classes
WEIGHTS_1_2 = np.array([[0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]])  # 3 hidden units × 2 classes
KERNEL_DELTA = np.array([[0.1, -0.2, 0.0, 0.3], [-0.1, 0.05, 0.2, 0.0]])  # 2 images × (2 positions × 2 kernels)

POSITION_AXIS_MISSING = Mistake(
    "the position axis left out",
    "get_image_section returns shape (images, 1, rows, cols): the axis of size 1 is where np.concatenate "
    "later lines up the sections of all positions. Reshape to (-1, 1, row_to - row_from, col_to - col_from).",
)
ROWS_AND_COLUMNS_SWAPPED = Mistake(
    "rows and columns swapped",
    "The second axis of the batch is the row (row_from:row_to), the third is the column (col_from:col_to).",
)
FIRST_IMAGE_ONLY = Mistake(
    "the first image only",
    "Take the same section of every image of the batch: layer[:, rows, cols], not layer[0, rows, cols].",
)
OFF_BY_ONE = Mistake(
    "one position too few in each direction",
    "A kernel k pixels tall fits at rows 0, 1, ..., rows − k: that is rows − k + 1 positions, so loop over "
    "range(rows - kernel_rows + 1). range(rows - kernel_rows) never reaches the last row and column of pixels "
    "(28×28 images and 3×3 kernels have 26×26 positions, not 25×25).",
)
POSITIONS_COLUMN_FIRST = Mistake(
    "positions ordered column by column",
    "Number the positions row by row, like reading: first all columns of the top row of positions, then the next row.",
)
SECTION_READ_BY_COLUMNS = Mistake(
    "section pixels read column by column",
    "Flatten each section row by row (section.reshape(...)), the same order NumPy's reshape uses everywhere.",
)
IMAGES_AND_POSITIONS_MERGED = Mistake(
    "images and positions on one axis",
    "Return shape (images, positions, kernel_rows * kernel_cols): one block of sections per image. "
    "(The book's flattened_input merges the first two axes; keep them apart here.)",
)
UNITS_KERNEL_FIRST = Mistake(
    "hidden units ordered kernel by kernel",
    "Keep the outputs of the kernels at one position next to each other: unit p * num_kernels + k is kernel k at "
    "position p. sections @ kernels already has that order; reshape it to one row per image without transposing.",
)
NOT_ONE_ROW_PER_IMAGE = Mistake(
    "not one row per image",
    "The next layer expects a flat row of hidden units per image: reshape the (images, positions, kernels) "
    "result to (images, positions * kernels).",
)
TANH_OVERFLOW = Mistake(
    "tanh from exp(x) overflows",
    "(e^x − e^−x) / (e^x + e^−x) is inf / inf = nan once x is a few hundred. np.tanh computes it safely.",
)
SIGMOID_NOT_TANH = Mistake(
    "sigmoid instead of tanh",
    "tanh runs from −1 to 1 (tanh(0) = 0); sigmoid runs from 0 to 1.",
)
TANH_FROM_INPUT = Mistake(
    "tanh′ computed from the input instead of the output",
    "tanh2deriv receives the layer's output, which is already tanh(x): its slope is 1 − output². "
    "Applying tanh again computes 1 − tanh(tanh(x))².",
)
SQUARE_FORGOTTEN = Mistake("the square forgotten", "The slope of tanh is 1 − output², not 1 − output.")
DROPOUT_NOT_SCALED = Mistake(
    "dropout mask not scaled",
    "Half the units are switched off, so the survivors are doubled (× 2) to keep the layer's total signal the "
    "same as at test time, when nothing is dropped.",
)
DROPOUT_MASK_INVERTED = Mistake(
    "dropout mask inverted",
    "A 1 in the mask keeps a unit and a 0 switches it off: multiply by the mask, not by 1 − mask.",
)
SOFTMAX_WRONG_AXIS = Mistake(
    "softmax over the wrong axis",
    "Each row is one image: normalise along axis=1 (with keepdims=True) so that every image's "
    "probabilities add up to 1.",
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
DELTA_NOT_AVERAGED = Mistake(
    "delta not divided by batch size",
    "The weight update adds up every image of the batch; divide the delta by the number of images "
    "(len(labels)) so the step is the average over the batch, whatever its size.",
)
DELTA_DIVIDED_TWICE = Mistake(
    "delta divided by the batch size twice",
    "The book divides by batch_size * layer_2.shape[0], the batch size squared. Divide once, by len(labels).",
)
DELTA_DIVIDED_BY_ENTRIES = Mistake(
    "delta divided by every entry",
    "Divide by the number of images (len(labels)), not by images × classes (labels.size).",
)
DROPOUT_NOT_ON_DELTA = Mistake(
    "dropout mask not applied to the delta",
    "A dropped unit passed nothing forward, so it takes no blame: pass the delta through the same dropout "
    "(mask and × 2) as the forward pass, e.g. apply_dropout(delta, dropout_mask).",
)
DERIVATIVE_OF_DROPPED_LAYER = Mistake(
    "tanh′ of the dropped-out layer",
    "tanh2deriv needs tanh's own output, before dropout doubled it: 1 − (2·tanh)² is not tanh's slope.",
)
BOOK_BACKWARD = Mistake(
    "the book's backward step",
    "The book takes tanh2deriv of the dropped-out, doubled layer and multiplies by the mask without × 2. "
    "Use tanh2deriv(tanh_output), then apply the dropout (mask × 2) to the delta.",
)
KERNELS_WRONG_SIGN = Mistake(
    "kernels updated with the wrong sign",
    "The delta points the way the outputs should move (labels − prediction), so every weight moves *with* it: "
    "kernels + alpha * k_update, as weights_1_2 does. The book's kernels -= alpha * k_update climbs the error.",
)
ALPHA_FORGOTTEN = Mistake("alpha forgotten", "Scale the update by the learning rate alpha.")
UPDATE_ONLY_RETURNED = Mistake(
    "only the update returned",
    "Return the new kernels, kernels + alpha * k_update, not k_update alone.",
)


# --- reference implementations -------------------------------------------------------------------


# --- wrong implementations ----------------------------------------------------------------------


def _book_im2col(layer, kernel_rows, kernel_cols):
    """The book's loops: range(rows - kernel_rows) stops one position short in each direction."""
    return im2col(layer[:, :-1, :-1], kernel_rows, kernel_cols)


def _im2col_column_first(layer, kernel_rows, kernel_cols):
    windows = sliding_window_view(layer, (kernel_rows, kernel_cols), axis=(1, 2)).transpose(0, 2, 1, 3, 4)
    return windows.reshape(len(layer), -1, kernel_rows * kernel_cols)


def _im2col_sections_by_columns(layer, kernel_rows, kernel_cols):
    windows = sliding_window_view(layer, (kernel_rows, kernel_cols), axis=(1, 2)).swapaxes(3, 4)
    return windows.reshape(len(layer), -1, kernel_rows * kernel_cols)


def _quiet(function):
    """``function`` with NumPy's overflow warnings silenced (a wrong implementation must not print)."""

    def quietly(*args):
        with np.errstate(over="ignore", invalid="ignore"):
            return function(*args)

    return quietly


def _unstable_softmax(x):
    exponentials = np.exp(x)
    return exponentials / np.sum(exponentials, axis=1, keepdims=True)


def _softmax_axis_0(x):
    exponentials = np.exp(x - x.max(axis=0, keepdims=True))
    return exponentials / exponentials.sum(axis=0, keepdims=True)


def _book_hidden_delta(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    layer_1 = tanh_output * dropout_mask * 2
    return layer_2_delta.dot(weights_1_2.T) * tanh2deriv(layer_1) * dropout_mask


# --- cases -----------------------------------------------------------------------------------------


def _array(rng, *shape, low=-1.0, high=1.0):
    return np.round(rng.uniform(low, high, shape), 3)


def _mask(rng, *shape):
    return rng.integers(0, 2, shape)


def _one_hot(rng, images, classes):
    return np.eye(classes)[rng.integers(0, classes, images)]


def _probabilities(rng, images, classes):
    return softmax(_array(rng, images, classes, low=-2, high=2))


EXERCISES = [
    Exercise(
        id="convolutions.get_image_section",
        function="get_image_section",
        returns="array",
        visible=[
            Case((NUMBERED, 1, 3, 0, 2), np.array([[[[4.0, 5.0], [8.0, 9.0]]], [[[20.0, 21.0], [24.0, 25.0]]]]),
                 "rows 1–2, columns 0–1 of two numbered 4×4 images"),
            Case((NUMBERED, 0, 3, 1, 4), get_image_section(NUMBERED, 0, 3, 1, 4), "a 3×3 section at the top right"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_array(rng, 3, 5, 6), 2, 4, 1, 4), label="three 5×6 images, a 2×3 section"),
            Case((_array(rng, 1, 4, 4), 0, 4, 0, 4), label="one image, the whole image"),
            Case((_array(rng, 2, 7, 5), 6, 7, 4, 5), label="the bottom-right pixel"),
            Case((_array(rng, 4, 3, 8), 0, 2, 5, 8), label="a section wider than tall"),
        ],
        mistakes=[
            POSITION_AXIS_MISSING.via(lambda layer, r0, r1, c0, c1: layer[:, r0:r1, c0:c1]),
            ROWS_AND_COLUMNS_SWAPPED.via(lambda layer, r0, r1, c0, c1: layer[:, c0:c1, r0:r1].reshape(-1, 1, c1 - c0, r1 - r0)),
            FIRST_IMAGE_ONLY.via(lambda layer, r0, r1, c0, c1: layer[0, r0:r1, c0:c1].reshape(-1, 1, r1 - r0, c1 - c0)),
        ],
    ),
    Exercise(
        id="convolutions.im2col",
        function="im2col",
        returns="array",
        visible=[
            Case((NUMBERED[:1, :3, :3], 2, 2),
                 np.array([[[0.0, 1.0, 4.0, 5.0], [1.0, 2.0, 5.0, 6.0], [4.0, 5.0, 8.0, 9.0], [5.0, 6.0, 9.0, 10.0]]]),
                 "one numbered 3×3 image, 2×2 kernel: 4 positions"),
            Case((SMALL_IMAGE, 2, 2), im2col(SMALL_IMAGE, 2, 2), "one 4×5 image, 2×2 kernel: 12 positions"),
            Case((NUMBERED, 3, 3), im2col(NUMBERED, 3, 3), "two 4×4 images, 3×3 kernel: 4 positions each"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_array(rng, 2, 6, 6, low=0, high=1), 3, 3), label="two 6×6 images, 3×3 kernel"),
            Case((_array(rng, 1, 5, 7, low=0, high=1), 2, 3), label="a 5×7 image, 2×3 kernel"),
            Case((_array(rng, 3, 4, 4, low=0, high=1), 1, 1), label="1×1 kernel: one position per pixel"),
            Case((_array(rng, 1, 3, 3, low=0, high=1), 3, 3), label="kernel as large as the image: one position"),
            Case((_array(rng, 2, 8, 5, low=0, high=1), 4, 2), label="two 8×5 images, 4×2 kernel"),
        ],
        mistakes=[
            OFF_BY_ONE.via(_book_im2col),
            IMAGES_AND_POSITIONS_MERGED.via(lambda layer, kr, kc: im2col(layer, kr, kc).reshape(-1, kr * kc)),
            IMAGES_AND_POSITIONS_MERGED.via(lambda layer, kr, kc: _book_im2col(layer, kr, kc).reshape(-1, kr * kc)),
            POSITIONS_COLUMN_FIRST.via(_im2col_column_first),
            SECTION_READ_BY_COLUMNS.via(_im2col_sections_by_columns),
        ],
    ),
    Exercise(
        id="convolutions.kernel_layer",
        function="kernel_layer",
        returns="array",
        visible=[
            Case((SECTIONS, EDGE_KERNELS), np.array([[-2.0, 0.0, 1.0, 0.0], [0.0, -1.2, 1.6, 0.0]]),
                 "two images, 2 positions, 2 edge kernels"),
            Case((im2col(SMALL_IMAGE, 2, 2), EDGE_KERNELS), kernel_layer(im2col(SMALL_IMAGE, 2, 2), EDGE_KERNELS),
                 "the 4×5 image, 12 positions, 2 edge kernels"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_array(rng, 3, 5, 9), _array(rng, 9, 4)), label="3 images, 5 positions, four 3×3 kernels"),
            Case((_array(rng, 1, 7, 4), _array(rng, 4, 1)), label="one kernel"),
            Case((_array(rng, 2, 1, 6), _array(rng, 6, 3)), label="one position"),
            Case((_array(rng, 4, 6, 4), _array(rng, 4, 16)), label="sixteen kernels"),
        ],
        mistakes=[
            UNITS_KERNEL_FIRST.via(lambda sections, kernels: sections.dot(kernels).transpose(0, 2, 1).reshape(len(sections), -1)),
            NOT_ONE_ROW_PER_IMAGE.via(lambda sections, kernels: sections.dot(kernels)),
            NOT_ONE_ROW_PER_IMAGE.via(lambda sections, kernels: sections.dot(kernels).reshape(-1, kernels.shape[1])),
        ],
    ),
    Exercise(
        id="convolutions.tanh",
        function="tanh",
        returns="array",
        visible=[Case((LOGITS,), np.tanh(LOGITS), "a batch of 2 × 3 values")],
        hidden=lambda rng: [
            Case((_array(rng, 4, 5, low=-3, high=3),), label="4 × 5 values"),
            Case((np.array([[0.0, -800.0, 800.0]]),), label="zero and very large inputs"),
            Case((_array(rng, 2, 6, 3),), label="a 3-D array"),
        ],
        mistakes=[
            TANH_OVERFLOW.via(_quiet(lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)))),
            SIGMOID_NOT_TANH.via(_quiet(lambda x: 1 / (1 + np.exp(-x)))),
        ],
    ),
    Exercise(
        id="convolutions.tanh2deriv",
        function="tanh2deriv",
        returns="array",
        visible=[Case((HIDDEN_OUTPUT,), np.array([[0.75, 0.96, 0.19], [1.0, 0.51, 0.0199]]), "tanh outputs of 2 images")],
        hidden=lambda rng: [
            Case((np.tanh(_array(rng, 3, 7, low=-3, high=3)),), label="3 × 7 outputs"),
            Case((np.array([[-1.0, 0.0, 1.0]]),), label="outputs −1, 0 and 1"),
            Case((np.tanh(_array(rng, 2, 4, 4)),), label="a 3-D array of outputs"),
        ],
        mistakes=[
            TANH_FROM_INPUT.via(lambda output: 1 - np.tanh(output) ** 2),
            SQUARE_FORGOTTEN.via(lambda output: 1 - output),
        ],
    ),
    Exercise(
        id="convolutions.apply_dropout",
        function="apply_dropout",
        returns="array",
        visible=[Case((HIDDEN_OUTPUT, DROPOUT_MASK), np.array([[1.0, 0.0, 1.8], [0.0, 1.4, -1.98]]), "2 images × 3 units")],
        hidden=lambda rng: [
            Case((_array(rng, 4, 9), _mask(rng, 4, 9)), label="4 images × 9 units"),
            Case((_array(rng, 1, 5), np.ones((1, 5), dtype=int)), label="every unit kept"),
            Case((_array(rng, 3, 2), np.zeros((3, 2), dtype=int)), label="every unit dropped"),
        ],
        mistakes=[
            DROPOUT_NOT_SCALED.via(lambda layer, mask: layer * mask),
            DROPOUT_MASK_INVERTED.via(lambda layer, mask: layer * (1 - mask) * 2),
        ],
    ),
    Exercise(
        id="convolutions.softmax",
        function="softmax",
        returns="array",
        visible=[Case((LOGITS,), softmax(LOGITS), "2 images × 3 classes")],
        hidden=lambda rng: [
            Case((_array(rng, 5, 10, low=-4, high=4),), label="5 images × 10 classes"),
            Case((_array(rng, 1, 4, low=-2, high=2),), label="one image"),
            Case((_array(rng, 3, 3, low=-2, high=2),), label="3 images × 3 classes"),
            Case((np.array([[1000.0, 999.0, 990.0], [-5.0, 0.0, 5.0]]),), label="very large inputs"),
        ],
        mistakes=[
            SOFTMAX_WRONG_AXIS.via(_softmax_axis_0),
            SOFTMAX_WRONG_AXIS.via(_quiet(lambda x: np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True))),
            SOFTMAX_WHOLE_BATCH.via(_quiet(lambda x: np.exp(x - x.max()) / np.sum(np.exp(x - x.max())))),
            SOFTMAX_OVERFLOW.via(_quiet(_unstable_softmax)),
        ],
    ),
    Exercise(
        id="convolutions.softmax_delta",
        function="softmax_delta",
        returns="array",
        visible=[Case((LABELS, PREDICTION), np.array([[-0.05, -0.1, 0.15], [0.35, -0.3, -0.05]]), "2 images × 3 classes")],
        hidden=lambda rng: [
            Case((_one_hot(rng, 8, 10), _probabilities(rng, 8, 10)), label="8 images × 10 classes"),
            Case((_one_hot(rng, 1, 4), _probabilities(rng, 1, 4)), label="one image"),
            Case((_one_hot(rng, 5, 3), _probabilities(rng, 5, 3)), label="5 images × 3 classes"),
        ],
        mistakes=[
            DELTA_NOT_AVERAGED.via(lambda labels, prediction: labels - prediction),
            DELTA_DIVIDED_TWICE.via(lambda labels, prediction: (labels - prediction) / len(labels) ** 2),
            DELTA_DIVIDED_BY_ENTRIES.via(lambda labels, prediction: (labels - prediction) / labels.size),
        ],
    ),
    Exercise(
        id="convolutions.hidden_delta",
        function="hidden_delta",
        returns="array",
        visible=[
            Case((LAYER_2_DELTA, WEIGHTS_1_2, HIDDEN_OUTPUT, DROPOUT_MASK),
                 hidden_delta(LAYER_2_DELTA, WEIGHTS_1_2, HIDDEN_OUTPUT, DROPOUT_MASK), "2 images, 3 hidden units, 2 classes"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_array(rng, 4, 10), _array(rng, 12, 10), np.tanh(_array(rng, 4, 12, low=-2, high=2)), _mask(rng, 4, 12)),
                 label="4 images, 12 hidden units, 10 classes"),
            Case((_array(rng, 1, 3), _array(rng, 5, 3), np.tanh(_array(rng, 1, 5, low=-2, high=2)), _mask(rng, 1, 5)),
                 label="one image"),
            Case((_array(rng, 3, 2), _array(rng, 7, 2), np.tanh(_array(rng, 3, 7, low=-2, high=2)), np.ones((3, 7), dtype=int)),
                 label="nothing dropped"),
        ],  # fmt: skip
        mistakes=[
            BOOK_BACKWARD.via(_book_hidden_delta),
            DROPOUT_NOT_ON_DELTA.via(lambda d2, w, h, mask: d2.dot(w.T) * tanh2deriv(h)),
            DROPOUT_NOT_SCALED.via(lambda d2, w, h, mask: d2.dot(w.T) * tanh2deriv(h) * mask),
            TANH_FROM_INPUT.via(lambda d2, w, h, mask: apply_dropout(d2.dot(w.T) * (1 - np.tanh(h) ** 2), mask)),
            DERIVATIVE_OF_DROPPED_LAYER.via(
                lambda d2, w, h, mask: apply_dropout(d2.dot(w.T) * tanh2deriv(apply_dropout(h, mask)), mask)
            ),
        ],
    ),
    Exercise(
        id="convolutions.update_kernels",
        function="update_kernels",
        returns="array",
        visible=[
            Case((EDGE_KERNELS, SECTIONS, KERNEL_DELTA, 0.5), update_kernels(EDGE_KERNELS, SECTIONS, KERNEL_DELTA, 0.5),
                 "two 2×2 edge kernels, two images with 2 positions"),
        ],  # fmt: skip
        hidden=lambda rng: [
            Case((_array(rng, 9, 4), _array(rng, 3, 5, 9), _array(rng, 3, 20), 2.0), label="four 3×3 kernels, 3 images"),
            Case((_array(rng, 4, 1), _array(rng, 2, 6, 4), _array(rng, 2, 6), 0.1), label="one kernel"),
            Case((_array(rng, 6, 3), _array(rng, 1, 2, 6), _array(rng, 1, 6), 1.0), label="one image, alpha 1"),
        ],
        mistakes=[
            KERNELS_WRONG_SIGN.via(lambda kernels, sections, delta, alpha: update_kernels(kernels, sections, delta, -alpha)),
            ALPHA_FORGOTTEN.via(lambda kernels, sections, delta, alpha: update_kernels(kernels, sections, delta, 1.0)),
            UPDATE_ONLY_RETURNED.via(lambda kernels, sections, delta, alpha: update_kernels(np.zeros_like(kernels), sections, delta, alpha)),
        ],
    ),
]
