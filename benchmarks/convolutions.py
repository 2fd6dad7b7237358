"""The book's lesson-10 convolutional network (lesson 11's source) beside the lesson's fast version, on the same data.

The book's listing cuts every image into 3×3 sections with two Python loops, once per training batch and
again for each of the 10,000 test images, which it scores one at a time. The lesson's version builds the
sections as array views (``sliding_window_view``) and scores the test set in batches of 1,000. Given the
book's positions (its loops stop one short, 25×25 instead of 26×26) and its update lines, the fast version
prints the book's accuracies digit for digit.

    python benchmarks/convolutions.py                 # 1 iteration of each, timed
    python benchmarks/convolutions.py --iterations 2
    python benchmarks/convolutions.py --full          # 300 iterations of the fast versions
                                                      # (about 25 minutes on a busy 2-core machine)

Both runs load MNIST through ``helpers.datasets.load_mnist`` (Keras's own loader). Run it with
``KERAS_HOME`` pointing at a Keras cache that holds ``datasets/mnist.npz``. On a machine that other jobs
share, set ``OPENBLAS_NUM_THREADS=1``: the fast version's large matrix products are split over threads that
then wait for each other's turn on the processor, which can make them several times slower; the listing's
tiny products never use threads.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import time

import numpy as np

from grader.references.convolutions import (
    apply_dropout,
    hidden_delta,
    im2col,
    kernel_layer,
    softmax,
    softmax_delta,
    tanh,
    update_kernels,
)
from helpers.datasets import load_mnist

# The book's listing as printed, with two changes: MNIST comes from the course's loader instead of
# `from keras.datasets import mnist` / `mnist.load_data()` (the same Keras function), and the number of
# iterations is a placeholder.
BOOK_LISTING = """
import numpy as np, sys
np.random.seed(1)

from helpers.datasets import load_mnist

(x_train, y_train), (x_test, y_test) = load_mnist()

images, labels = (x_train[0:1000].reshape(1000,28*28) / 255,
                  y_train[0:1000])

one_hot_labels = np.zeros((len(labels),10))
for i,l in enumerate(labels):
    one_hot_labels[i][l] = 1
labels = one_hot_labels

test_images = x_test.reshape(len(x_test),28*28) / 255
test_labels = np.zeros((len(y_test),10))
for i,l in enumerate(y_test):
    test_labels[i][l] = 1

def tanh(x):
    return np.tanh(x)

def tanh2deriv(output):
    return 1 - (output ** 2)

def softmax(x):
    temp = np.exp(x)
    return temp / np.sum(temp, axis=1, keepdims=True)

alpha, iterations = (2, ITERATIONS)
pixels_per_image, num_labels = (784, 10)
batch_size = 128

input_rows = 28
input_cols = 28

kernel_rows = 3
kernel_cols = 3
num_kernels = 16

hidden_size = ((input_rows - kernel_rows) *
               (input_cols - kernel_cols)) * num_kernels

kernels = 0.02*np.random.random((kernel_rows*kernel_cols,
                                 num_kernels))-0.01

weights_1_2 = 0.2*np.random.random((hidden_size,
                                    num_labels)) - 0.1

def get_image_section(layer, row_from, row_to, col_from, col_to):
    section = layer[:,row_from:row_to,col_from:col_to]
    return section.reshape(-1,1,row_to-row_from, col_to-col_from)

for j in range(iterations):
    correct_cnt = 0
    for i in range(int(len(images) / batch_size)):
        batch_start, batch_end=((i * batch_size),((i+1)*batch_size))
        layer_0 = images[batch_start:batch_end]
        layer_0 = layer_0.reshape(layer_0.shape[0],28,28)
        layer_0.shape

        sects = list()
        for row_start in range(layer_0.shape[1]-kernel_rows):
            for col_start in range(layer_0.shape[2] - kernel_cols):
                sect = get_image_section(layer_0,
                                         row_start,
                                         row_start+kernel_rows,
                                         col_start,
                                         col_start+kernel_cols)
                sects.append(sect)

        expanded_input = np.concatenate(sects, axis=1)
        es = expanded_input.shape
        flattened_input = expanded_input.reshape(es[0]*es[1],-1)

        kernel_output = flattened_input.dot(kernels)
        layer_1 = tanh(kernel_output.reshape(es[0],-1))
        dropout_mask = np.random.randint(2,size=layer_1.shape)
        layer_1 *= dropout_mask * 2
        layer_2 = softmax(np.dot(layer_1,weights_1_2))

        for k in range(batch_size):
            labelset = labels[batch_start+k:batch_start+k+1]
            _inc = int(np.argmax(layer_2[k:k+1]) ==
                       np.argmax(labelset))
            correct_cnt += _inc

        layer_2_delta = (labels[batch_start:batch_end]-layer_2) \\
                        / (batch_size * layer_2.shape[0])
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * \\
                        tanh2deriv(layer_1)
        layer_1_delta *= dropout_mask
        weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
        l1d_reshape = layer_1_delta.reshape(kernel_output.shape)
        k_update = flattened_input.T.dot(l1d_reshape)
        kernels -= alpha * k_update

    test_correct_cnt = 0

    for i in range(len(test_images)):

        layer_0 = test_images[i:i+1]
        layer_0 = layer_0.reshape(layer_0.shape[0], 28, 28)
        layer_0.shape

        sects = list()
        for row_start in range(layer_0.shape[1]-kernel_rows):
            for col_start in range(layer_0.shape[2] - kernel_cols):
                sect = get_image_section(layer_0,
                                         row_start,
                                         row_start+kernel_rows,
                                         col_start,
                                         col_start+kernel_cols)
                sects.append(sect)

        expanded_input = np.concatenate(sects, axis=1)
        es = expanded_input.shape
        flattened_input = expanded_input.reshape(es[0]*es[1], -1)

        kernel_output = flattened_input.dot(kernels)
        layer_1 = tanh(kernel_output.reshape(es[0], -1))
        layer_2 = np.dot(layer_1, weights_1_2)

        test_correct_cnt += int(np.argmax(layer_2) ==
                                np.argmax(test_labels[i:i+1]))

    if(j % 1 == 0):
        sys.stdout.write("\\n" + \\
            "I:" + str(j) + \\
            " Test-Acc:" + str(test_correct_cnt/float(len(test_images)))+\\
            " Train-Acc:" + str(correct_cnt/float(len(images))))
"""

# What the book prints for its first nine iterations: (test accuracy, train accuracy).
BOOK_ACCURACIES = [
    (0.0288, 0.055),
    (0.0273, 0.037),
    (0.028, 0.037),
    (0.0292, 0.04),
    (0.0339, 0.046),
    (0.0478, 0.068),
    (0.076, 0.083),
    (0.1316, 0.096),
    (0.2137, 0.127),
]
# The last lines it prints (after "...."): iteration → (test accuracy, train accuracy).
BOOK_LAST_ACCURACIES = {297: (0.8774, 0.816), 298: (0.8774, 0.804), 299: (0.8774, 0.814)}
BOOK_FINAL_TEST_ACCURACY = 0.8774
CORRECTED_ALPHA = 0.1  # the step size the lesson uses for the corrected network


def run_book_listing(iterations: int) -> list[tuple[float, float]]:
    """Run the book's listing; return its printed (test accuracy, train accuracy) per iteration."""
    load_mnist()  # importing Keras draws from NumPy's global generator: do it before the listing seeds it
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(BOOK_LISTING.replace("ITERATIONS", str(int(iterations))), {"__name__": "book_listing"})
    pairs = re.findall(r"I:\d+ Test-Acc:([\d.]+) Train-Acc:([\d.]+)", printed.getvalue())
    return [(float(test), float(train)) for test, train in pairs]


def book_positions(images: np.ndarray) -> np.ndarray:
    """The images without their last row and column: their valid 3×3 positions are the book's 25×25."""
    return images[:, :-1, :-1]


def scores(images, kernels, weights_1_2, kernel_rows=3, kernel_cols=3, batch=1000) -> np.ndarray:
    """The network's output for every image, computed ``batch`` images at a time (no dropout)."""
    outputs = []
    for start in range(0, len(images), batch):
        sections = im2col(images[start : start + batch], kernel_rows, kernel_cols)
        outputs.append(tanh(kernel_layer(sections, kernels)).dot(weights_1_2))
    return np.concatenate(outputs)


def _mnist(train_size=1000, test_size=10000):
    """The lesson's data: images as (images, 28, 28) in 0..1, labels one-hot."""
    (x_train, y_train), (x_test, y_test) = load_mnist()
    return (
        x_train[:train_size] / 255,
        np.eye(10)[y_train[:train_size]],
        x_test[:test_size] / 255,
        np.eye(10)[y_test[:test_size]],
    )


def _accuracy(images, labels, kernels, weights_1_2):
    return float(np.mean(scores(images, kernels, weights_1_2).argmax(axis=1) == labels.argmax(axis=1)))


def run_fast_book(iterations: int, crop=book_positions, score_at=None) -> list[tuple[float | None, float]]:
    """The book's network and update lines, with sections from array views and the test set scored in batches.

    ``crop`` picks the positions: the book's 25×25 by default; ``lambda images: images`` gives all 26×26.
    Returns (test accuracy, train accuracy) per iteration, computed as the book does. ``score_at``: the
    iterations whose test accuracy to measure (default: every one); the others report ``None``. Training takes
    about 0.2 s per iteration on a 2-core machine, scoring the 10,000 test images about 1 s.

    Dropout, tanh's slope and the mask on the delta are computed in place, in the order ``apply_dropout`` and
    ``tanh2deriv`` compute them (``layer * mask * 2``, ``1 - layer ** 2``): the same roundings, fewer copies.
    """
    images, labels, test_images, test_labels = _mnist()
    alpha, batch_size, num_kernels = 2, 128, 16
    np.random.seed(1)
    sections = im2col(crop(images), 3, 3)
    kernels = 0.02 * np.random.random((9, num_kernels)) - 0.01
    weights_1_2 = 0.2 * np.random.random((sections.shape[1] * num_kernels, 10)) - 0.1
    accuracies = []
    for iteration in range(iterations):
        correct = 0
        for start in range(0, len(images) // batch_size * batch_size, batch_size):  # the book skips the last 104
            batch, goal = sections[start : start + batch_size], labels[start : start + batch_size]
            layer_1 = tanh(kernel_layer(batch, kernels))
            dropout_mask = np.random.randint(2, size=layer_1.shape).astype(float)
            layer_1 *= dropout_mask
            layer_1 *= 2
            layer_2 = softmax(layer_1.dot(weights_1_2))
            correct += int(np.sum(layer_2.argmax(axis=1) == goal.argmax(axis=1)))
            # The book's update lines: the delta divided by batch_size twice, tanh2deriv of the dropped-out
            # layer, the mask without its × 2, and the kernels moved against their delta.
            layer_2_delta = softmax_delta(goal, layer_2) / batch_size
            slope = np.square(layer_1)
            np.subtract(1, slope, out=slope)
            layer_1_delta = layer_2_delta.dot(weights_1_2.T)
            layer_1_delta *= slope
            layer_1_delta *= dropout_mask
            weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
            kernels = update_kernels(kernels, batch, layer_1_delta, -alpha)
        scored = score_at is None or iteration in score_at
        test = _accuracy(crop(test_images), test_labels, kernels, weights_1_2) if scored else None
        accuracies.append((test, correct / len(images)))
    return accuracies


def train_corrected(iterations: int, alpha: float, train_size=1000, test_size=10000, test_every=1, seed=1) -> dict:
    """The lesson's corrected network: all valid positions, every update with its delta, all training images.

    Returns ``{"iteration": [...], "train": [...], "test": [...]}``, measured every ``test_every`` iterations
    (train accuracy with dropout, on the images trained on).
    """
    images, labels, test_images, test_labels = _mnist(train_size, test_size)
    batch_size, num_kernels = 128, 16
    np.random.seed(seed)
    sections = im2col(images, 3, 3)
    kernels = 0.02 * np.random.random((9, num_kernels)) - 0.01
    weights_1_2 = 0.2 * np.random.random((sections.shape[1] * num_kernels, 10)) - 0.1
    history = {"iteration": [], "train": [], "test": []}
    for j in range(iterations):
        correct = 0
        for start in range(0, len(images), batch_size):
            batch, goal = sections[start : start + batch_size], labels[start : start + batch_size]
            tanh_output = tanh(kernel_layer(batch, kernels))
            dropout_mask = np.random.randint(2, size=tanh_output.shape)
            layer_1 = apply_dropout(tanh_output, dropout_mask)
            layer_2 = softmax(layer_1.dot(weights_1_2))
            correct += int(np.sum(layer_2.argmax(axis=1) == goal.argmax(axis=1)))
            layer_2_delta = softmax_delta(goal, layer_2)
            layer_1_delta = hidden_delta(layer_2_delta, weights_1_2, tanh_output, dropout_mask)
            weights_1_2 = weights_1_2 + alpha * layer_1.T.dot(layer_2_delta)
            kernels = update_kernels(kernels, batch, layer_1_delta, alpha)
        if (j + 1) % test_every == 0:
            history["iteration"].append(j + 1)
            history["train"].append(correct / len(images))
            history["test"].append(_accuracy(test_images, test_labels, kernels, weights_1_2))
    return history


def _timed(run, iterations):
    start = time.perf_counter()
    accuracies = run(iterations)
    return accuracies, time.perf_counter() - start


def compare(iterations: int) -> None:
    """Time the book's listing and the fast version for ``iterations`` iterations each; print both and the ratio."""
    load_mnist()
    book, book_seconds = _timed(run_book_listing, iterations)
    fast, fast_seconds = _timed(run_fast_book, iterations)
    for name, accuracies in (("book's listing", book), ("fast version", fast)):
        print(
            f"{name:>14}: "
            + ", ".join(f"I:{j} test {test:.4f} train {train:.3f}" for j, (test, train) in enumerate(accuracies))
        )
    print(f"same accuracies: {book == fast}")
    print(
        f"book's listing: {book_seconds:7.2f} s for {iterations} iteration(s), {book_seconds / iterations:.2f} s each"
    )
    print(
        f"fast version:   {fast_seconds:7.2f} s for {iterations} iteration(s), {fast_seconds / iterations:.2f} s each"
    )
    print(f"speed-up: {book_seconds / fast_seconds:.1f}×")


def full_runs(iterations: int) -> None:
    """The figures the lesson quotes: every variant for ``iterations`` iterations, scored on all 10,000 test images."""
    began = time.perf_counter()
    book = run_fast_book(iterations)
    print(
        f"book (25×25, its update lines): final test {book[-1][0]:.4f}, train {book[-1][1]:.3f}, "
        f"same as the book: {book[-1][0] == BOOK_FINAL_TEST_ACCURACY} ({time.perf_counter() - began:.0f} s)"
    )
    print("  its test accuracy, iterations 0-59:", " ".join(f"{j}:{test:.4f}" for j, (test, _) in enumerate(book[:60])))
    began = time.perf_counter()
    valid = run_fast_book(iterations, crop=lambda images: images)
    print(
        f"book's update lines, 26×26: final test {valid[-1][0]:.4f}, train {valid[-1][1]:.3f} "
        f"({time.perf_counter() - began:.0f} s)"
    )
    for alpha in (2 / 128, CORRECTED_ALPHA):
        began = time.perf_counter()
        history = train_corrected(iterations, alpha, test_every=10)
        best = int(np.argmax(history["test"]))
        print(
            f"corrected, alpha {alpha:.4g}: final test {history['test'][-1]:.4f}, train {history['train'][-1]:.3f}; "
            f"best test {history['test'][best]:.4f} at iteration {history['iteration'][best]} "
            f"({time.perf_counter() - began:.0f} s)"
        )
        print(
            "  test accuracy every 10 iterations:",
            " ".join(f"{i}:{t:.4f}" for i, t in zip(history["iteration"], history["test"])),
        )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=1, help="iterations of each version (default 1)")
    parser.add_argument(
        "--full",
        action="store_true",
        help="run the fast versions for 300 iterations (or --iterations) and print the figures the lesson quotes",
    )
    args = parser.parse_args(argv)
    if args.full:
        full_runs(300 if args.iterations == 1 else args.iterations)
    else:
        compare(args.iterations)


if __name__ == "__main__":
    main()
