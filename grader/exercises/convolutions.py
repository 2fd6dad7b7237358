"""Lesson 11 · convolutions: image sections, kernels as one small layer shared by every position, im2col.

The book prints no small values for these steps, only accuracies on MNIST (checked in the lesson's tests).
Visible cases are small fixed images and layers, with the values the lesson text shows (or, where it shows
none, the values of its own code); hidden cases use other image, kernel and batch sizes, 1×1 kernels and
kernels as large as the image, masks that keep or drop every unit, and inputs large enough to overflow a naive
tanh or softmax. The references are the solution notebook's answers (:mod:`grader.references.convolutions`).

Conventions (the book's): images come as a batch of shape (images, rows, cols); a layer's delta points the way
its values should move, ``labels - prediction``, so every weight moves by ``+= alpha * input.T.dot(delta)``.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from grader import kit
from grader.catalogue import (
    ALPHA_FORGOTTEN,
    BOOK_BACKWARD,
    DELTA_DIVIDED_BY_ENTRIES,
    DELTA_DIVIDED_TWICE,
    DELTA_NOT_AVERAGED,
    DERIVATIVE_OF_DROPPED_LAYER,
    DROPOUT_MASK_INVERTED,
    DROPOUT_NOT_ON_DELTA,
    DROPOUT_NOT_SCALED,
    SIGMOID_NOT_TANH,
    SOFTMAX_MAX_OF_THE_BATCH,
    SOFTMAX_OVERFLOW,
    SOFTMAX_WHOLE_BATCH,
    SOFTMAX_WRONG_AXIS,
    SQUARE_FORGOTTEN,
    TANH_FROM_INPUT,
    TANH_OVERFLOW,
    Mistake,
)
from grader.references import convolutions as answers
from grader.schema import Case, Exercise

# Data: small images and layers whose every value can be read off.
# Two 4×4 "images" whose pixels are numbered 0..31, so every section shows where it came from.
NUMBERED = np.arange(32.0).reshape(2, 4, 4)
# One 4×5 image and a 2×2 kernel: 3 × 4 = 12 positions.
SMALL_IMAGE = np.array(
    [[[0.0, 0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8, 0.9], [1.0, 0.9, 0.8, 0.7, 0.6], [0.5, 0.4, 0.3, 0.2, 0.1]]]
)
# Two kernels of 2×2 pixels, one per column: a vertical-edge and a horizontal-edge detector.
EDGE_KERNELS = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
# The sections of two tiny images (2 positions of 2×2 pixels each), for the kernel layer and its update.
SECTIONS = np.array([[[0.0, 1.0, 0.0, 1.0], [1.0, 0.5, 1.0, 0.5]], [[0.2, 0.2, 0.8, 0.8], [0.9, 0.1, 0.9, 0.1]]])
HIDDEN_OUTPUT = np.array([[0.5, -0.2, 0.9], [0.0, 0.7, -0.99]])  # tanh outputs of 2 images × 3 hidden units
DROPOUT_MASK = np.array([[1, 0, 1], [0, 1, 1]])
LOGITS = np.array([[1.0, 2.0, 3.0], [0.5, 0.5, -1.0]])
LABELS = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
PREDICTION = np.array([[0.1, 0.2, 0.7], [0.3, 0.6, 0.1]])
LAYER_2_DELTA = np.array([[0.1, -0.05], [-0.2, 0.15]])  # 2 images × 2 classes
WEIGHTS_1_2 = np.array([[0.3, -0.1], [0.2, 0.4], [-0.5, 0.1]])  # 3 hidden units × 2 classes
KERNEL_DELTA = np.array([[0.1, -0.2, 0.0, 0.3], [-0.1, 0.05, 0.2, 0.0]])  # 2 images × (2 positions × 2 kernels)


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def _probabilities(rng, images, classes):
    return answers.softmax(kit.uniform(rng, images, classes, low=-2, high=2))


def get_image_section_cases(rng):
    return [
        Case((kit.uniform(rng, 3, 5, 6), 2, 4, 1, 4), label="three 5×6 images, a 2×3 section"),
        Case((kit.uniform(rng, 1, 4, 4), 0, 4, 0, 4), label="one image, the whole image"),
        Case((kit.uniform(rng, 2, 7, 5), 6, 7, 4, 5), label="the bottom-right pixel"),
        Case((kit.uniform(rng, 4, 3, 8), 0, 2, 5, 8), label="a section wider than tall"),
    ]


def im2col_cases(rng):
    return [
        Case((kit.uniform(rng, 2, 6, 6, low=0, high=1), 3, 3), label="two 6×6 images, 3×3 kernel"),
        Case((kit.uniform(rng, 1, 5, 7, low=0, high=1), 2, 3), label="a 5×7 image, 2×3 kernel"),
        Case((kit.uniform(rng, 3, 4, 4, low=0, high=1), 1, 1), label="1×1 kernel: one position per pixel"),
        Case((kit.uniform(rng, 1, 3, 3, low=0, high=1), 3, 3), label="kernel as large as the image: one position"),
        Case((kit.uniform(rng, 2, 8, 5, low=0, high=1), 4, 2), label="two 8×5 images, 4×2 kernel"),
    ]


def kernel_layer_cases(rng):
    return [
        Case((kit.uniform(rng, 3, 5, 9), kit.uniform(rng, 9, 4)), label="3 images, 5 positions, four 3×3 kernels"),
        Case((kit.uniform(rng, 1, 7, 4), kit.uniform(rng, 4, 1)), label="one kernel"),
        Case((kit.uniform(rng, 2, 1, 6), kit.uniform(rng, 6, 3)), label="one position"),
        Case((kit.uniform(rng, 4, 6, 4), kit.uniform(rng, 4, 16)), label="sixteen kernels"),
    ]


def tanh_cases(rng):
    return [
        Case((kit.uniform(rng, 4, 5, low=-3, high=3),), label="4 × 5 values"),
        Case((np.array([[0.0, -800.0, 800.0]]),), label="zero and very large inputs"),
        Case((kit.uniform(rng, 2, 6, 3),), label="a 3-D array"),
    ]


def tanh2deriv_cases(rng):
    return [
        Case((np.tanh(kit.uniform(rng, 3, 7, low=-3, high=3)),), label="3 × 7 outputs"),
        Case((np.array([[-1.0, 0.0, 1.0]]),), label="outputs −1, 0 and 1"),
        Case((np.tanh(kit.uniform(rng, 2, 4, 4)),), label="a 3-D array of outputs"),
    ]


def apply_dropout_cases(rng):
    return [
        Case((kit.uniform(rng, 4, 9), kit.mask(rng, 4, 9)), label="4 images × 9 units"),
        Case((kit.uniform(rng, 1, 5), np.ones((1, 5), dtype=int)), label="every unit kept"),
        Case((kit.uniform(rng, 3, 2), np.zeros((3, 2), dtype=int)), label="every unit dropped"),
    ]


def softmax_cases(rng):
    return [
        Case((kit.uniform(rng, 5, 10, low=-4, high=4),), label="5 images × 10 classes"),
        Case((kit.uniform(rng, 1, 4, low=-2, high=2),), label="one image"),
        Case((kit.uniform(rng, 3, 3, low=-2, high=2),), label="3 images × 3 classes"),
        Case((np.array([[1000.0, 999.0, 990.0], [-5.0, 0.0, 5.0]]),), label="very large inputs"),
        Case((np.array([[1000.0, 0.0, -1000.0], [2.0, 1.0, 0.5]]),), label="inputs 2000 apart in one row"),
    ]


def softmax_delta_cases(rng):
    return [
        Case((kit.one_hot(rng, 8, 10), _probabilities(rng, 8, 10)), label="8 images × 10 classes"),
        Case((kit.one_hot(rng, 1, 4), _probabilities(rng, 1, 4)), label="one image"),
        Case((kit.one_hot(rng, 5, 3), _probabilities(rng, 5, 3)), label="5 images × 3 classes"),
    ]


def hidden_delta_cases(rng):
    def layers(images, hidden, classes):
        layer_2_delta, weights_1_2 = kit.uniform(rng, images, classes), kit.uniform(rng, hidden, classes)
        return layer_2_delta, weights_1_2, np.tanh(kit.uniform(rng, images, hidden, low=-2, high=2))

    return [
        Case((*layers(4, 12, 10), kit.mask(rng, 4, 12)), label="4 images, 12 hidden units, 10 classes"),
        Case((*layers(1, 5, 3), kit.mask(rng, 1, 5)), label="one image"),
        Case((*layers(3, 7, 2), np.ones((3, 7), dtype=int)), label="nothing dropped"),
    ]


def update_kernels_cases(rng):
    return [
        Case(
            (kit.uniform(rng, 9, 4), kit.uniform(rng, 3, 5, 9), kit.uniform(rng, 3, 20), 2.0),
            label="four 3×3 kernels, 3 images",
        ),
        Case((kit.uniform(rng, 4, 1), kit.uniform(rng, 2, 6, 4), kit.uniform(rng, 2, 6), 0.1), label="one kernel"),
        Case(
            (kit.uniform(rng, 6, 3), kit.uniform(rng, 1, 2, 6), kit.uniform(rng, 1, 6), 1.0), label="one image, alpha 1"
        ),
    ]


# Mistakes: the lesson's own, the catalogue's with this lesson's advice, then one wrong implementation per
# mistake, a named function with the exercise's own signature.

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
KERNELS_WRONG_SIGN = Mistake(
    "kernels updated with the wrong sign",
    "The delta points the way the outputs should move (labels − prediction), so every weight moves *with* it: "
    "kernels + alpha * k_update, as weights_1_2 does. The book's kernels -= alpha * k_update climbs the error.",
)
UPDATE_ONLY_RETURNED = Mistake(
    "only the update returned",
    "Return the new kernels, kernels + alpha * k_update, not k_update alone.",
)

SURVIVORS_NOT_DOUBLED = DROPOUT_NOT_SCALED.hinted(
    "Half the units are switched off, so the survivors are doubled (× 2) to keep the layer's total signal the "
    "same as at test time, when nothing is dropped."
)
DELTA_NOT_AVERAGED_OVER_IMAGES = DELTA_NOT_AVERAGED.hinted(
    "The weight update adds up every image of the batch; divide the delta by the number of images "
    "(len(labels)) so the step is the average over the batch, whatever its size."
)
DELTA_DIVIDED_BY_IMAGES_TIMES_CLASSES = DELTA_DIVIDED_BY_ENTRIES.hinted(
    "Divide by the number of images (len(labels)), not by images × classes (labels.size)."
)
DELTA_NOT_THROUGH_DROPOUT = DROPOUT_NOT_ON_DELTA.hinted(
    "A dropped unit passed nothing forward, so it takes no blame: pass the delta through the same dropout "
    "(mask and × 2) as the forward pass, e.g. apply_dropout(delta, dropout_mask)."
)
BOOKS_BACKWARD_STEP = BOOK_BACKWARD.hinted(
    "The book takes tanh2deriv of the dropped-out, doubled layer and multiplies by the mask without × 2. "
    "Use tanh2deriv(tanh_output), then apply the dropout (mask × 2) to the delta."
)
KERNEL_ALPHA_FORGOTTEN = ALPHA_FORGOTTEN.hinted("Scale the update by the learning rate alpha.")


def get_image_section_without_position_axis(layer, row_from, row_to, col_from, col_to):
    return layer[:, row_from:row_to, col_from:col_to]


def get_image_section_rows_and_columns_swapped(layer, row_from, row_to, col_from, col_to):
    return layer[:, col_from:col_to, row_from:row_to].reshape(-1, 1, col_to - col_from, row_to - row_from)


def get_image_section_first_image_only(layer, row_from, row_to, col_from, col_to):
    return layer[0, row_from:row_to, col_from:col_to].reshape(-1, 1, row_to - row_from, col_to - col_from)


def im2col_as_in_the_book(layer, kernel_rows, kernel_cols):
    """The book's loops: range(rows - kernel_rows) stops one position short in each direction."""
    return answers.im2col(layer[:, :-1, :-1], kernel_rows, kernel_cols)


def im2col_flattened(layer, kernel_rows, kernel_cols):
    return answers.im2col(layer, kernel_rows, kernel_cols).reshape(-1, kernel_rows * kernel_cols)


def im2col_flattened_as_in_the_book(layer, kernel_rows, kernel_cols):
    return im2col_as_in_the_book(layer, kernel_rows, kernel_cols).reshape(-1, kernel_rows * kernel_cols)


def im2col_positions_column_first(layer, kernel_rows, kernel_cols):
    windows = sliding_window_view(layer, (kernel_rows, kernel_cols), axis=(1, 2)).transpose(0, 2, 1, 3, 4)
    return windows.reshape(len(layer), -1, kernel_rows * kernel_cols)


def im2col_sections_by_columns(layer, kernel_rows, kernel_cols):
    windows = sliding_window_view(layer, (kernel_rows, kernel_cols), axis=(1, 2)).swapaxes(3, 4)
    return windows.reshape(len(layer), -1, kernel_rows * kernel_cols)


def kernel_layer_units_kernel_first(sections, kernels):
    return sections.dot(kernels).transpose(0, 2, 1).reshape(len(sections), -1)


def kernel_layer_positions_on_their_own_axis(sections, kernels):
    return sections.dot(kernels)


def kernel_layer_one_row_per_position(sections, kernels):
    return sections.dot(kernels).reshape(-1, kernels.shape[1])


def tanh_from_exp(x):
    with np.errstate(over="ignore", invalid="ignore"):  # a wrong implementation must not print warnings
        return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_sigmoid(x):
    with np.errstate(over="ignore", invalid="ignore"):
        return 1 / (1 + np.exp(-x))


def tanh2deriv_of_tanh(output):
    return 1 - np.tanh(output) ** 2


def tanh2deriv_square_forgotten(output):
    return 1 - output


def apply_dropout_not_doubled(layer, dropout_mask):
    return layer * dropout_mask


def apply_dropout_mask_inverted(layer, dropout_mask):
    return layer * (1 - dropout_mask) * 2


def softmax_over_columns(x):
    exponentials = np.exp(x - x.max(axis=0, keepdims=True))
    return exponentials / exponentials.sum(axis=0, keepdims=True)


def softmax_over_columns_unshifted(x):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(x) / np.sum(np.exp(x), axis=0, keepdims=True)


def softmax_over_the_whole_batch(x):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(x - x.max()) / np.sum(np.exp(x - x.max()))


def softmax_as_in_the_book(x):
    with np.errstate(over="ignore", invalid="ignore"):
        exponentials = np.exp(x)
        return exponentials / np.sum(exponentials, axis=1, keepdims=True)


def softmax_max_of_the_batch(x):
    with np.errstate(over="ignore", invalid="ignore"):
        exponentials = np.exp(x - x.max())
        return exponentials / np.sum(exponentials, axis=1, keepdims=True)


def softmax_delta_not_averaged(labels, prediction):
    return labels - prediction


def softmax_delta_divided_twice(labels, prediction):
    return (labels - prediction) / len(labels) ** 2


def softmax_delta_divided_by_entries(labels, prediction):
    return (labels - prediction) / labels.size


def hidden_delta_as_in_the_book(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    layer_1 = tanh_output * dropout_mask * 2
    return layer_2_delta.dot(weights_1_2.T) * answers.tanh2deriv(layer_1) * dropout_mask


def hidden_delta_not_through_dropout(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    return layer_2_delta.dot(weights_1_2.T) * answers.tanh2deriv(tanh_output)


def hidden_delta_masked_not_doubled(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    return layer_2_delta.dot(weights_1_2.T) * answers.tanh2deriv(tanh_output) * dropout_mask


def hidden_delta_tanh2deriv_of_tanh(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    return answers.apply_dropout(layer_2_delta.dot(weights_1_2.T) * (1 - np.tanh(tanh_output) ** 2), dropout_mask)


def hidden_delta_tanh2deriv_of_dropped_layer(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    dropped = answers.apply_dropout(tanh_output, dropout_mask)
    return answers.apply_dropout(layer_2_delta.dot(weights_1_2.T) * answers.tanh2deriv(dropped), dropout_mask)


def update_kernels_wrong_sign(kernels, sections, layer_1_delta, alpha):
    return answers.update_kernels(kernels, sections, layer_1_delta, -alpha)


def update_kernels_alpha_forgotten(kernels, sections, layer_1_delta, alpha):
    return answers.update_kernels(kernels, sections, layer_1_delta, 1.0)


def update_kernels_only_the_update(kernels, sections, layer_1_delta, alpha):
    return answers.update_kernels(np.zeros_like(kernels), sections, layer_1_delta, alpha)


# Exercises.

EXERCISES = [
    Exercise(
        id="convolutions.get_image_section",
        function="get_image_section",
        returns="array",
        visible=[
            Case(
                (NUMBERED, 1, 3, 0, 2),
                np.array([[[[4.0, 5.0], [8.0, 9.0]]], [[[20.0, 21.0], [24.0, 25.0]]]]),
                "rows 1–2, columns 0–1 of two numbered 4×4 images",
            ),
            Case((NUMBERED, 0, 3, 1, 4), label="a 3×3 section at the top right"),
        ],
        hidden=get_image_section_cases,
        mistakes=[
            POSITION_AXIS_MISSING.via(get_image_section_without_position_axis),
            ROWS_AND_COLUMNS_SWAPPED.via(get_image_section_rows_and_columns_swapped),
            FIRST_IMAGE_ONLY.via(get_image_section_first_image_only),
        ],
    ),
    Exercise(
        id="convolutions.im2col",
        function="im2col",
        returns="array",
        visible=[
            Case(
                (NUMBERED[:1, :3, :3], 2, 2),
                np.array([[[0.0, 1.0, 4.0, 5.0], [1.0, 2.0, 5.0, 6.0], [4.0, 5.0, 8.0, 9.0], [5.0, 6.0, 9.0, 10.0]]]),
                "one numbered 3×3 image, 2×2 kernel: 4 positions",
            ),
            Case((SMALL_IMAGE, 2, 2), label="one 4×5 image, 2×2 kernel: 12 positions"),
            Case((NUMBERED, 3, 3), label="two 4×4 images, 3×3 kernel: 4 positions each"),
        ],
        hidden=im2col_cases,
        mistakes=[
            OFF_BY_ONE.via(im2col_as_in_the_book),
            IMAGES_AND_POSITIONS_MERGED.via(im2col_flattened),
            IMAGES_AND_POSITIONS_MERGED.via(im2col_flattened_as_in_the_book),
            POSITIONS_COLUMN_FIRST.via(im2col_positions_column_first),
            SECTION_READ_BY_COLUMNS.via(im2col_sections_by_columns),
        ],
    ),
    Exercise(
        id="convolutions.kernel_layer",
        function="kernel_layer",
        returns="array",
        visible=[
            Case(
                (SECTIONS, EDGE_KERNELS),
                np.array([[-2.0, 0.0, 1.0, 0.0], [0.0, -1.2, 1.6, 0.0]]),
                "two images, 2 positions, 2 edge kernels",
            ),
            Case(
                (answers.im2col(SMALL_IMAGE, 2, 2), EDGE_KERNELS), label="the 4×5 image, 12 positions, 2 edge kernels"
            ),
        ],
        hidden=kernel_layer_cases,
        mistakes=[
            UNITS_KERNEL_FIRST.via(kernel_layer_units_kernel_first),
            NOT_ONE_ROW_PER_IMAGE.via(kernel_layer_positions_on_their_own_axis),
            NOT_ONE_ROW_PER_IMAGE.via(kernel_layer_one_row_per_position),
        ],
    ),
    Exercise(
        id="convolutions.tanh",
        function="tanh",
        returns="array",
        visible=[Case((LOGITS,), label="a batch of 2 × 3 values")],
        hidden=tanh_cases,
        mistakes=[TANH_OVERFLOW.via(tanh_from_exp), SIGMOID_NOT_TANH.via(tanh_sigmoid)],
    ),
    Exercise(
        id="convolutions.tanh2deriv",
        function="tanh2deriv",
        returns="array",
        visible=[
            Case((HIDDEN_OUTPUT,), np.array([[0.75, 0.96, 0.19], [1.0, 0.51, 0.0199]]), "tanh outputs of 2 images")
        ],
        hidden=tanh2deriv_cases,
        mistakes=[TANH_FROM_INPUT.via(tanh2deriv_of_tanh), SQUARE_FORGOTTEN.via(tanh2deriv_square_forgotten)],
    ),
    Exercise(
        id="convolutions.apply_dropout",
        function="apply_dropout",
        returns="array",
        visible=[
            Case((HIDDEN_OUTPUT, DROPOUT_MASK), np.array([[1.0, 0.0, 1.8], [0.0, 1.4, -1.98]]), "2 images × 3 units")
        ],
        hidden=apply_dropout_cases,
        mistakes=[
            SURVIVORS_NOT_DOUBLED.via(apply_dropout_not_doubled),
            DROPOUT_MASK_INVERTED.via(apply_dropout_mask_inverted),
        ],
    ),
    Exercise(
        id="convolutions.softmax",
        function="softmax",
        returns="array",
        visible=[Case((LOGITS,), label="2 images × 3 classes")],
        hidden=softmax_cases,
        mistakes=[
            SOFTMAX_WRONG_AXIS.via(softmax_over_columns),
            SOFTMAX_WRONG_AXIS.via(softmax_over_columns_unshifted),
            SOFTMAX_WHOLE_BATCH.via(softmax_over_the_whole_batch),
            SOFTMAX_OVERFLOW.via(softmax_as_in_the_book),
            SOFTMAX_MAX_OF_THE_BATCH.via(softmax_max_of_the_batch),
        ],
    ),
    Exercise(
        id="convolutions.softmax_delta",
        function="softmax_delta",
        returns="array",
        visible=[
            Case((LABELS, PREDICTION), np.array([[-0.05, -0.1, 0.15], [0.35, -0.3, -0.05]]), "2 images × 3 classes")
        ],
        hidden=softmax_delta_cases,
        mistakes=[
            DELTA_NOT_AVERAGED_OVER_IMAGES.via(softmax_delta_not_averaged),
            DELTA_DIVIDED_TWICE.via(softmax_delta_divided_twice),
            DELTA_DIVIDED_BY_IMAGES_TIMES_CLASSES.via(softmax_delta_divided_by_entries),
        ],
    ),
    Exercise(
        id="convolutions.hidden_delta",
        function="hidden_delta",
        returns="array",
        visible=[
            Case((LAYER_2_DELTA, WEIGHTS_1_2, HIDDEN_OUTPUT, DROPOUT_MASK), label="2 images, 3 hidden units, 2 classes")
        ],
        hidden=hidden_delta_cases,
        mistakes=[
            BOOKS_BACKWARD_STEP.via(hidden_delta_as_in_the_book),
            DELTA_NOT_THROUGH_DROPOUT.via(hidden_delta_not_through_dropout),
            SURVIVORS_NOT_DOUBLED.via(hidden_delta_masked_not_doubled),
            TANH_FROM_INPUT.via(hidden_delta_tanh2deriv_of_tanh),
            DERIVATIVE_OF_DROPPED_LAYER.via(hidden_delta_tanh2deriv_of_dropped_layer),
        ],
    ),
    Exercise(
        id="convolutions.update_kernels",
        function="update_kernels",
        returns="array",
        visible=[
            Case(
                (EDGE_KERNELS, SECTIONS, KERNEL_DELTA, 0.5), label="two 2×2 edge kernels, two images with 2 positions"
            ),
        ],
        hidden=update_kernels_cases,
        mistakes=[
            KERNELS_WRONG_SIGN.via(update_kernels_wrong_sign),
            KERNEL_ALPHA_FORGOTTEN.via(update_kernels_alpha_forgotten),
            UPDATE_ONLY_RETURNED.via(update_kernels_only_the_update),
        ],
    ),
]
