"""Lesson 11, convolutions: the book's numbers, the fast version, plausible wrong answers, and correct variants."""

import importlib.util

import numpy as np
import pytest
from numpy.lib.stride_tricks import as_strided
from support import assert_named_mistake, assert_passes, skip_without_data

from grader.exercises import convolutions as conv
from grader.lessons import REPOSITORY


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "benchmark_convolutions", REPOSITORY / "benchmarks" / "convolutions.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = _load_benchmark()


# --- the book's numbers -------------------------------------------------------------------------


def test_the_books_listing_prints_the_books_first_iteration():
    assert benchmark.run_book_listing(1) == benchmark.BOOK_ACCURACIES[:1] == [(0.0288, 0.055)]


# The book's printout, and where the lesson says its run collapses: iteration → (test accuracy, tolerance).
LESSON_QUOTES = {13: (0.45, 0.005), 19: (0.013, 0.0005), 38: (0.75, 0.005), 45: (0.21, 0.005)}


@pytest.fixture(scope="module")
def book_run():
    """The book's 300 iterations with the lesson's functions, the test set scored only where it is quoted
    (about a minute on a 2-core machine)."""
    skip_without_data("load_mnist()")
    quoted = {*range(len(benchmark.BOOK_ACCURACIES)), *LESSON_QUOTES, *benchmark.BOOK_LAST_ACCURACIES}
    return benchmark.run_fast_book(300, score_at=quoted)


def test_the_fast_version_with_the_books_positions_prints_the_books_first_nine_iterations(book_run):
    assert book_run[:9] == benchmark.BOOK_ACCURACIES


def test_the_fast_version_prints_the_books_last_three_iterations_and_its_final_0_8774(book_run):
    assert {iteration: book_run[iteration] for iteration in (297, 298, 299)} == benchmark.BOOK_LAST_ACCURACIES
    assert book_run[-1][0] == benchmark.BOOK_FINAL_TEST_ACCURACY == 0.8774


def test_the_book_runs_collapses_happen_where_the_lesson_says(book_run):
    for iteration, (accuracy, tolerance) in LESSON_QUOTES.items():
        assert book_run[iteration][0] == pytest.approx(accuracy, abs=tolerance), iteration


def test_the_book_positions_are_the_valid_positions_of_the_image_without_its_last_row_and_column():
    layer_0 = np.random.default_rng(0).random((3, 28, 28))
    sects = []
    for row_start in range(layer_0.shape[1] - 3):  # the book's loops
        for col_start in range(layer_0.shape[2] - 3):
            sects.append(conv.answers.get_image_section(layer_0, row_start, row_start + 3, col_start, col_start + 3))
    expanded_input = np.concatenate(sects, axis=1)
    assert expanded_input.shape == (3, 625, 3, 3)
    np.testing.assert_array_equal(
        conv.answers.im2col(benchmark.book_positions(layer_0), 3, 3), expanded_input.reshape(3, 625, 9)
    )
    assert conv.answers.im2col(layer_0, 3, 3).shape == (3, 676, 9)


def test_scoring_in_batches_gives_the_scores_of_one_image_at_a_time():
    rng = np.random.default_rng(1)
    images, kernels, weights = rng.random((7, 10, 10)), rng.normal(size=(9, 4)), rng.normal(size=(64 * 4, 10))
    one_at_a_time = np.concatenate([benchmark.scores(images[i : i + 1], kernels, weights) for i in range(7)])
    np.testing.assert_allclose(benchmark.scores(images, kernels, weights, batch=3), one_at_a_time, rtol=1e-12)


# --- the lesson's demonstrations -----------------------------------------------------------------


def test_the_kernel_layer_is_a_dense_layer_with_shared_weights():
    rng = np.random.default_rng(2)
    image, kernels = rng.random((1, 5, 6)), rng.normal(size=(6, 3))  # 2×3 kernels: 4 × 4 positions
    dense = np.zeros((30, 16 * 3))
    for r in range(4):
        for c in range(4):
            for i in range(2):
                for j in range(3):
                    dense[(r + i) * 6 + (c + j), (r * 4 + c) * 3 : (r * 4 + c) * 3 + 3] = kernels[3 * i + j]
    sections = conv.answers.im2col(image, 2, 3)
    np.testing.assert_allclose(
        conv.answers.kernel_layer(sections, kernels), image.reshape(1, -1).dot(dense), rtol=1e-12
    )


def _cross_entropy(sections, goal, kernels, weights_1_2, mask):
    hidden = conv.answers.apply_dropout(np.tanh(conv.answers.kernel_layer(sections, kernels)), mask)
    prediction = conv.answers.softmax(hidden.dot(weights_1_2))
    return -np.mean(np.sum(goal * np.log(prediction), axis=1))


def test_the_kernel_update_follows_the_gradient_of_the_error_downhill():
    rng = np.random.default_rng(3)
    sections = conv.answers.im2col(rng.random((5, 6, 6)), 3, 3)  # 16 positions
    goal = np.eye(4)[rng.integers(0, 4, 5)]
    kernels, weights_1_2 = rng.normal(0, 0.3, (9, 2)), rng.normal(0, 0.3, (32, 4))
    mask = rng.integers(0, 2, (5, 32))
    tanh_output = np.tanh(conv.answers.kernel_layer(sections, kernels))
    prediction = conv.answers.softmax(conv.answers.apply_dropout(tanh_output, mask).dot(weights_1_2))
    layer_1_delta = conv.answers.hidden_delta(
        conv.answers.softmax_delta(goal, prediction), weights_1_2, tanh_output, mask
    )
    step = conv.answers.update_kernels(kernels, sections, layer_1_delta, 1.0) - kernels

    numerical = np.zeros_like(kernels)
    for index in np.ndindex(kernels.shape):
        nudge = np.zeros_like(kernels)
        nudge[index] = 1e-6
        numerical[index] = (
            _cross_entropy(sections, goal, kernels + nudge, weights_1_2, mask)
            - _cross_entropy(sections, goal, kernels - nudge, weights_1_2, mask)
        ) / 2e-6
    np.testing.assert_allclose(step, -numerical, rtol=1e-5, atol=1e-9)


def test_the_corrected_network_reaches_what_the_lesson_says_in_20_iterations():
    history = benchmark.train_corrected(20, alpha=benchmark.CORRECTED_ALPHA, test_every=10)
    assert history["iteration"] == [10, 20]
    assert 0.8 < history["test"][0] < history["test"][1]
    assert history["test"][1] > 0.85  # the book's network reaches 0.85 after 100 iterations


# --- the graded exercises ------------------------------------------------------------------------


def test_the_visible_values_the_lesson_shows():
    np.testing.assert_array_equal(conv.answers.im2col(conv.NUMBERED[:1, :3, :3], 2, 2)[0, -1], [5, 6, 9, 10])
    assert conv.answers.im2col(conv.SMALL_IMAGE, 2, 2).shape == (1, 12, 4)
    np.testing.assert_allclose(
        conv.answers.kernel_layer(conv.SECTIONS, conv.EDGE_KERNELS), [[-2, 0, 1, 0], [0, -1.2, 1.6, 0]], atol=1e-12
    )


def _book_loops_im2col(layer, kernel_rows, kernel_cols):
    sects = []
    for row_start in range(layer.shape[1] - kernel_rows):
        for col_start in range(layer.shape[2] - kernel_cols):
            sects.append(
                conv.answers.get_image_section(
                    layer, row_start, row_start + kernel_rows, col_start, col_start + kernel_cols
                )
            )
    return np.concatenate(sects, axis=1).reshape(len(layer), -1, kernel_rows * kernel_cols)


def _flattened_input(layer, kernel_rows, kernel_cols):
    return conv.answers.im2col(layer, kernel_rows, kernel_cols).reshape(-1, kernel_rows * kernel_cols)


def _in_place_dropout(layer, mask):
    layer *= mask * 2
    return layer


def _in_place_kernels(kernels, sections, delta, alpha):
    kernels += alpha * sections.reshape(-1, kernels.shape[0]).T.dot(delta.reshape(-1, kernels.shape[1]))
    return kernels


def _book_softmax(x):
    temp = np.exp(x)
    return temp / np.sum(temp, axis=1, keepdims=True)


WRONG_ANSWERS = [
    (
        "convolutions.softmax",
        "the maximum of the whole batch subtracted",
        lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum(axis=1, keepdims=True),
    ),
    (
        "convolutions.get_image_section",
        "the position axis left out",
        lambda layer, r0, r1, c0, c1: layer[:, r0:r1, c0:c1],
    ),
    (
        "convolutions.get_image_section",
        "rows and columns swapped",
        lambda layer, r0, r1, c0, c1: layer[:, c0:c1, r0:r1].reshape(-1, 1, c1 - c0, r1 - r0),
    ),
    (
        "convolutions.get_image_section",
        "the first image only",
        lambda layer, r0, r1, c0, c1: layer[0, r0:r1, c0:c1].reshape(1, 1, r1 - r0, c1 - c0),
    ),
    ("convolutions.im2col", "one position too few in each direction", _book_loops_im2col),
    ("convolutions.im2col", "images and positions on one axis", _flattened_input),
    ("convolutions.im2col", "positions ordered column by column", conv.im2col_positions_column_first),
    ("convolutions.im2col", "section pixels read column by column", conv.im2col_sections_by_columns),
    (
        "convolutions.kernel_layer",
        "hidden units ordered kernel by kernel",
        lambda s, k: np.einsum("bps,sk->bkp", s, k).reshape(len(s), -1),
    ),
    ("convolutions.kernel_layer", "not one row per image", lambda s, k: s @ k),
    ("convolutions.tanh", "tanh from exp(x) overflows", lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))),
    ("convolutions.tanh", "sigmoid instead of tanh", lambda x: 1 / (1 + np.exp(-x))),
    (
        "convolutions.tanh2deriv",
        "tanh′ computed from the input instead of the output",
        lambda output: 1 - np.tanh(output) ** 2,
    ),
    ("convolutions.tanh2deriv", "the square forgotten", lambda output: 1 - output),
    ("convolutions.apply_dropout", "dropout mask not scaled", lambda layer, mask: layer * mask),
    ("convolutions.apply_dropout", "dropout mask inverted", lambda layer, mask: 2 * layer * (1 - mask)),
    ("convolutions.apply_dropout", "an input was changed", _in_place_dropout),
    ("convolutions.softmax", "softmax over the wrong axis", lambda x: np.exp(x) / np.exp(x).sum(axis=0)),
    ("convolutions.softmax", "softmax over the whole batch", lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum()),
    ("convolutions.softmax", "softmax overflows on large inputs", _book_softmax),
    ("convolutions.softmax_delta", "delta not divided by batch size", lambda labels, prediction: labels - prediction),
    (
        "convolutions.softmax_delta",
        "delta divided by the batch size twice",
        lambda labels, prediction: (labels - prediction) / (len(labels) * prediction.shape[0]),
    ),
    (
        "convolutions.softmax_delta",
        "delta divided by every entry",
        lambda labels, prediction: (labels - prediction) / labels.size,
    ),
    ("convolutions.softmax_delta", "sign flipped", lambda labels, prediction: (prediction - labels) / len(labels)),
    ("convolutions.hidden_delta", "the book's backward step", conv.hidden_delta_as_in_the_book),
    (
        "convolutions.hidden_delta",
        "dropout mask not applied to the delta",
        lambda d2, w, h, m: d2.dot(w.T) * (1 - h**2),
    ),
    ("convolutions.hidden_delta", "dropout mask not scaled", lambda d2, w, h, m: d2.dot(w.T) * (1 - h**2) * m),
    (
        "convolutions.hidden_delta",
        "tanh′ computed from the input instead of the output",
        lambda d2, w, h, m: d2.dot(w.T) * (1 - np.tanh(h) ** 2) * m * 2,
    ),
    (
        "convolutions.hidden_delta",
        "tanh′ of the dropped-out layer",
        lambda d2, w, h, m: d2.dot(w.T) * (1 - (2 * m * h) ** 2) * m * 2,
    ),
    (
        "convolutions.update_kernels",
        "kernels updated with the wrong sign",
        lambda k, s, d, alpha: k - alpha * s.reshape(-1, k.shape[0]).T.dot(d.reshape(-1, k.shape[1])),
    ),
    (
        "convolutions.update_kernels",
        "alpha forgotten",
        lambda k, s, d, alpha: k + s.reshape(-1, k.shape[0]).T.dot(d.reshape(-1, k.shape[1])),
    ),
    (
        "convolutions.update_kernels",
        "only the update returned",
        lambda k, s, d, alpha: alpha * s.reshape(-1, k.shape[0]).T.dot(d.reshape(-1, k.shape[1])),
    ),
    ("convolutions.update_kernels", "an input was changed", _in_place_kernels),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def _loops_im2col(layer, kernel_rows, kernel_cols):
    sects = []
    for row_start in range(layer.shape[1] - kernel_rows + 1):
        for col_start in range(layer.shape[2] - kernel_cols + 1):
            sects.append(
                conv.answers.get_image_section(
                    layer, row_start, row_start + kernel_rows, col_start, col_start + kernel_cols
                )
            )
    return np.concatenate(sects, axis=1).reshape(len(layer), -1, kernel_rows * kernel_cols)


def _strided_im2col(layer, kernel_rows, kernel_cols):
    images, rows, cols = layer.shape
    out_rows, out_cols = rows - kernel_rows + 1, cols - kernel_cols + 1
    step_image, step_row, step_col = layer.strides
    windows = as_strided(
        layer,
        (images, out_rows, out_cols, kernel_rows, kernel_cols),
        (step_image, step_row, step_col, step_row, step_col),
        writeable=False,
    )
    return windows.reshape(images, out_rows * out_cols, kernel_rows * kernel_cols)


def _stacked_im2col(layer, kernel_rows, kernel_cols):
    rows, cols = layer.shape[1] - kernel_rows + 1, layer.shape[2] - kernel_cols + 1
    pixels = [layer[:, i : i + rows, j : j + cols] for i in range(kernel_rows) for j in range(kernel_cols)]
    return np.stack(pixels, axis=-1).reshape(len(layer), rows * cols, kernel_rows * kernel_cols)


def _loop_kernel_layer(sections, kernels):
    return np.array([sections[n] @ kernels for n in range(len(sections))]).reshape(len(sections), -1)


def _logsumexp_softmax(x):
    shifted = x - x.max(axis=1, keepdims=True)
    return np.exp(shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))


def _einsum_update(kernels, sections, delta, alpha):
    per_position = delta.reshape(len(sections), sections.shape[1], kernels.shape[1])
    return kernels + alpha * np.einsum("bps,bpk->sk", sections, per_position)


def _loop_update(kernels, sections, delta, alpha):
    new = kernels.copy()
    per_position = delta.reshape(len(sections), sections.shape[1], kernels.shape[1])
    for n in range(len(sections)):
        new += alpha * sections[n].T @ per_position[n]
    return new


CORRECT_VARIANTS = [
    ("convolutions.get_image_section", lambda layer, r0, r1, c0, c1: layer[:, None, r0:r1, c0:c1]),
    ("convolutions.get_image_section", lambda layer, r0, r1, c0, c1: np.expand_dims(layer[:, r0:r1, c0:c1], 1)),
    ("convolutions.im2col", _loops_im2col),
    ("convolutions.im2col", _strided_im2col),
    ("convolutions.im2col", _stacked_im2col),
    ("convolutions.kernel_layer", lambda s, k: (s @ k).reshape(s.shape[0], s.shape[1] * k.shape[1])),
    ("convolutions.kernel_layer", lambda s, k: np.einsum("bps,sk->bpk", s, k).reshape(len(s), -1)),
    ("convolutions.kernel_layer", _loop_kernel_layer),
    ("convolutions.tanh", lambda x: 2 / (1 + np.exp(-2 * x)) - 1),
    ("convolutions.tanh2deriv", lambda output: (1 - output) * (1 + output)),
    ("convolutions.tanh2deriv", lambda output: 1 - output * output),
    ("convolutions.apply_dropout", lambda layer, mask: np.where(mask == 1, 2 * layer, 0.0)),
    ("convolutions.apply_dropout", lambda layer, mask: 2 * mask * layer),
    ("convolutions.softmax", _logsumexp_softmax),
    ("convolutions.softmax", lambda x: (e := np.exp(x - x.max(axis=1)[:, None])) / e.sum(axis=1)[:, None]),
    ("convolutions.softmax_delta", lambda labels, prediction: -(prediction - labels) / prediction.shape[0]),
    ("convolutions.hidden_delta", lambda d2, w, h, m: (d2 @ w.T) * (1 - h**2) * (2 * m)),
    (
        "convolutions.hidden_delta",
        lambda d2, w, h, m: conv.answers.apply_dropout(np.einsum("bc,hc->bh", d2, w) * conv.answers.tanh2deriv(h), m),
    ),
    ("convolutions.update_kernels", _einsum_update),
    ("convolutions.update_kernels", _loop_update),
]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # 2 / (1 + exp(-2x)) overflows harmlessly to ±1
@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)
