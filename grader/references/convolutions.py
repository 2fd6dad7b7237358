"""The reference implementations of 11-convolutions: its solution notebook's answers.

Generated from solutions/11-convolutions/11-convolutions.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


from numpy.lib.stride_tricks import sliding_window_view
import numpy as np


def get_image_section(layer, row_from, row_to, col_from, col_to):
    """The section [row_from:row_to, col_from:col_to] of every image, shape (images, 1, rows, cols)."""
    section = layer[:, row_from:row_to, col_from:col_to]
    return section.reshape(-1, 1, row_to - row_from, col_to - col_from)


def im2col(layer, kernel_rows, kernel_cols):
    """The sections of every valid kernel position: shape (images, positions, kernel_rows * kernel_cols)."""
    windows = sliding_window_view(layer, (kernel_rows, kernel_cols), axis=(1, 2))
    return windows.reshape(len(layer), -1, kernel_rows * kernel_cols)


def kernel_layer(sections, kernels):
    """Every kernel at every position: (images, positions, pixels) . (pixels, kernels) -> (images, positions * kernels)."""
    return (sections @ kernels).reshape(len(sections), -1)


def tanh(x):
    """tanh of every entry of x."""
    return np.tanh(x)


def tanh2deriv(output):
    """The slope of tanh, from its output."""
    return 1 - output**2


def apply_dropout(layer, dropout_mask):
    """Keep the units where dropout_mask is 1, doubled; set the others to 0."""
    return layer * dropout_mask * 2


def softmax(x):
    """Row-wise softmax of x, shape (images, classes)."""
    exponentials = np.exp(x - x.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def softmax_delta(labels, prediction):
    """The output delta: (labels - prediction), averaged over the images of the batch."""
    return (labels - prediction) / len(labels)


def hidden_delta(layer_2_delta, weights_1_2, tanh_output, dropout_mask):
    """The delta of the hidden (kernel) layer, shape (images, hidden)."""
    return apply_dropout(layer_2_delta.dot(weights_1_2.T) * tanh2deriv(tanh_output), dropout_mask)


def update_kernels(kernels, sections, layer_1_delta, alpha):
    """kernels + alpha * (every section's pixels times its units' deltas, summed over images and positions)."""
    pixels, num_kernels = kernels.shape
    k_update = sections.reshape(-1, pixels).T.dot(layer_1_delta.reshape(-1, num_kernels))
    return kernels + alpha * k_update
