"""The book's lesson-8 listings (lesson 09's source) beside the lesson's versions, on the same data.

The book's listings train one image (or one batch) at a time, as the lesson does, but score the 10,000 test
images one at a time too, and its batched listing repeats every update 100 times (its update sits inside the
``for k in range(batch_size)`` loop that counts correct predictions). The lesson's training loop
(``helpers.mnist_network.train``) scores test images in one matrix product and gives each step only the inked
pixels of its image. Run with the book's step functions (``book_step``, ``book_dropout_step``,
``book_batch_step`` in ``grader/exercises/regularisation.py``), it prints the book's lines digit for digit.

    python benchmarks/regularisation.py                  # 11 iterations of each listing: its lines I:0 and I:10
    python benchmarks/regularisation.py --iterations 21

Both sides load MNIST through ``helpers.datasets.load_mnist`` (Keras's own loader). Run it with ``KERAS_HOME``
pointing at a Keras cache that holds ``datasets/mnist.npz``, and preferably ``OMP_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import time

import numpy as np

from grader.exercises.regularisation import book_batch_step, book_step
from grader.exercises.regularisation import dropout_step_as_in_the_book as book_dropout_step
from grader.references.regularisation import apply_dropout, dropout_step, forward, relu
from helpers.datasets import load_mnist
from helpers.mnist_network import train

# The data preparation of the book's first listing. MNIST comes from the course's loader instead of
# `from keras.datasets import mnist` / `mnist.load_data()` (the same Keras function).
BOOK_DATA = """
import sys, numpy as np
from helpers.datasets import load_mnist

(x_train, y_train), (x_test, y_test) = load_mnist()

images, labels = (x_train[0:1000].reshape(1000,28*28) / 255, y_train[0:1000])
one_hot_labels = np.zeros((len(labels),10))

for i,l in enumerate(labels):
    one_hot_labels[i][l] = 1
labels = one_hot_labels

test_images = x_test.reshape(len(x_test),28*28) / 255
test_labels = np.zeros((len(y_test),10))
for i,l in enumerate(y_test):
    test_labels[i][l] = 1
"""

# The book's listings as printed, with their indentation restored (the halves of the first one joined) and the
# number of iterations as a placeholder.
BOOK_LISTING = (
    BOOK_DATA
    + """
np.random.seed(1)
relu = lambda x: (x>=0) * x
relu2deriv = lambda x: x>=0
alpha, iterations, hidden_size, pixels_per_image, num_labels = (0.005, ITERATIONS, 40, 784, 10)
weights_0_1 = 0.2*np.random.random((pixels_per_image,hidden_size)) - 0.1
weights_1_2 = 0.2*np.random.random((hidden_size,num_labels)) - 0.1

for j in range(iterations):
    error, correct_cnt = (0.0, 0)

    for i in range(len(images)):
        layer_0 = images[i:i+1]
        layer_1 = relu(np.dot(layer_0,weights_0_1))
        layer_2 = np.dot(layer_1,weights_1_2)
        error += np.sum((labels[i:i+1] - layer_2) ** 2)
        correct_cnt += int(np.argmax(layer_2) == np.argmax(labels[i:i+1]))
        layer_2_delta = (labels[i:i+1] - layer_2)
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
        weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
        weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)

    sys.stdout.write("\\r" + " I:" + str(j) + " Train-Err:" + str(error/float(len(images)))[0:5] +
                     " Train-Acc:" + str(correct_cnt/float(len(images))))
    if(j % 10 == 0 or j == iterations-1):
        error, correct_cnt = (0.0, 0)
        for i in range(len(test_images)):
            layer_0 = test_images[i:i+1]
            layer_1 = relu(np.dot(layer_0,weights_0_1))
            layer_2 = np.dot(layer_1,weights_1_2)
            error += np.sum((test_labels[i:i+1] - layer_2) ** 2)
            correct_cnt += int(np.argmax(layer_2) == np.argmax(test_labels[i:i+1]))
        sys.stdout.write(" Test-Err:" + str(error/float(len(test_images)))[0:5] +
                         " Test-Acc:" + str(correct_cnt/float(len(test_images))))
        print()
"""
)

# Shared by the dropout and batched listings.
BOOK_TEST_REPORT = """
    if(j%10 == 0):
        test_error = 0.0
        test_correct_cnt = 0

        for i in range(len(test_images)):
            layer_0 = test_images[i:i+1]
            layer_1 = relu(np.dot(layer_0,weights_0_1))
            layer_2 = np.dot(layer_1, weights_1_2)

            test_error += np.sum((test_labels[i:i+1] - layer_2) ** 2)
            test_correct_cnt += int(np.argmax(layer_2) == np.argmax(test_labels[i:i+1]))

        sys.stdout.write("\\n" + "I:" + str(j) +
                         " Test-Err:" + str(test_error/ float(len(test_images)))[0:5] +
                         " Test-Acc:" + str(test_correct_cnt/ float(len(test_images)))+
                         " Train-Err:" + str(error/ float(len(images)))[0:5] +
                         " Train-Acc:" + str(correct_cnt/ float(len(images))))
"""

BOOK_DROPOUT_LISTING = (
    BOOK_DATA
    + """
np.random.seed(1)
def relu(x):
    return (x >= 0) * x

def relu2deriv(output):
    return output >= 0

alpha, iterations, hidden_size = (0.005, ITERATIONS, 100)
pixels_per_image, num_labels = (784, 10)

weights_0_1 = 0.2*np.random.random((pixels_per_image,hidden_size)) - 0.1
weights_1_2 = 0.2*np.random.random((hidden_size,num_labels)) - 0.1

for j in range(iterations):
    error, correct_cnt = (0.0,0)
    for i in range(len(images)):
        layer_0 = images[i:i+1]
        layer_1 = relu(np.dot(layer_0,weights_0_1))
        dropout_mask = np.random.randint(2, size=layer_1.shape)
        layer_1 *= dropout_mask * 2
        layer_2 = np.dot(layer_1,weights_1_2)

        error += np.sum((labels[i:i+1] - layer_2) ** 2)
        correct_cnt += int(np.argmax(layer_2) == np.argmax(labels[i:i+1]))
        layer_2_delta = (labels[i:i+1] - layer_2)
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
        layer_1_delta *= dropout_mask

        weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
        weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
"""
    + BOOK_TEST_REPORT
)

# The book prints this listing only up to the first line of its test loop; the rest is the dropout listing's.
BOOK_BATCH_LISTING = (
    BOOK_DATA
    + """
np.random.seed(1)

def relu(x):
    return (x >= 0) * x

def relu2deriv(output):
    return output >= 0

batch_size = 100
alpha, iterations = (0.001, ITERATIONS)
pixels_per_image, num_labels, hidden_size = (784, 10, 100)

weights_0_1 = 0.2*np.random.random((pixels_per_image,hidden_size)) - 0.1
weights_1_2 = 0.2*np.random.random((hidden_size,num_labels)) - 0.1

for j in range(iterations):
    error, correct_cnt = (0.0, 0)
    for i in range(int(len(images) / batch_size)):
        batch_start, batch_end = ((i * batch_size), ((i+1)*batch_size))

        layer_0 = images[batch_start:batch_end]
        layer_1 = relu(np.dot(layer_0,weights_0_1))
        dropout_mask = np.random.randint(2,size=layer_1.shape)
        layer_1 *= dropout_mask * 2
        layer_2 = np.dot(layer_1,weights_1_2)

        error += np.sum((labels[batch_start:batch_end] - layer_2) ** 2)
        for k in range(batch_size):
            correct_cnt += int(np.argmax(layer_2[k:k+1]) == np.argmax(labels[batch_start+k:batch_start+k+1]))

            layer_2_delta = (labels[batch_start:batch_end]-layer_2) /batch_size
            layer_1_delta = layer_2_delta.dot(weights_1_2.T)* relu2deriv(layer_1)
            layer_1_delta *= dropout_mask

            weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
            weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
"""
    + BOOK_TEST_REPORT
)

# What the book prints for each listing. For the first it leaves out iterations 150 to 200.
BOOK_PLAIN_OUTPUT = """
I:0 Train-Err:0.722 Train-Acc:0.537 Test-Err:0.601 Test-Acc:0.6488
I:10 Train-Err:0.312 Train-Acc:0.901 Test-Err:0.420 Test-Acc:0.8114
I:20 Train-Err:0.260 Train-Acc:0.93 Test-Err:0.414 Test-Acc:0.8111
I:30 Train-Err:0.232 Train-Acc:0.946 Test-Err:0.417 Test-Acc:0.8066
I:40 Train-Err:0.215 Train-Acc:0.956 Test-Err:0.426 Test-Acc:0.8019
I:50 Train-Err:0.204 Train-Acc:0.966 Test-Err:0.437 Test-Acc:0.7982
I:60 Train-Err:0.194 Train-Acc:0.967 Test-Err:0.448 Test-Acc:0.7921
I:70 Train-Err:0.186 Train-Acc:0.975 Test-Err:0.458 Test-Acc:0.7864
I:80 Train-Err:0.179 Train-Acc:0.979 Test-Err:0.466 Test-Acc:0.7817
I:90 Train-Err:0.172 Train-Acc:0.981 Test-Err:0.474 Test-Acc:0.7758
I:100 Train-Err:0.166 Train-Acc:0.984 Test-Err:0.482 Test-Acc:0.7706
I:110 Train-Err:0.161 Train-Acc:0.984 Test-Err:0.489 Test-Acc:0.7686
I:120 Train-Err:0.157 Train-Acc:0.986 Test-Err:0.496 Test-Acc:0.766
I:130 Train-Err:0.153 Train-Acc:0.99 Test-Err:0.502 Test-Acc:0.7622
I:140 Train-Err:0.149 Train-Acc:0.991 Test-Err:0.508 Test-Acc:0.758
I:210 Train-Err:0.127 Train-Acc:0.998 Test-Err:0.544 Test-Acc:0.7446
I:220 Train-Err:0.125 Train-Acc:0.998 Test-Err:0.552 Test-Acc:0.7416
I:230 Train-Err:0.123 Train-Acc:0.998 Test-Err:0.560 Test-Acc:0.7372
I:240 Train-Err:0.121 Train-Acc:0.998 Test-Err:0.569 Test-Acc:0.7344
I:250 Train-Err:0.120 Train-Acc:0.999 Test-Err:0.577 Test-Acc:0.7316
I:260 Train-Err:0.118 Train-Acc:0.999 Test-Err:0.585 Test-Acc:0.729
I:270 Train-Err:0.117 Train-Acc:0.999 Test-Err:0.593 Test-Acc:0.7259
I:280 Train-Err:0.115 Train-Acc:0.999 Test-Err:0.600 Test-Acc:0.723
I:290 Train-Err:0.114 Train-Acc:0.999 Test-Err:0.607 Test-Acc:0.7196
I:300 Train-Err:0.113 Train-Acc:0.999 Test-Err:0.614 Test-Acc:0.7183
I:310 Train-Err:0.112 Train-Acc:0.999 Test-Err:0.622 Test-Acc:0.7165
I:320 Train-Err:0.111 Train-Acc:0.999 Test-Err:0.629 Test-Acc:0.7133
I:330 Train-Err:0.110 Train-Acc:0.999 Test-Err:0.637 Test-Acc:0.7125
I:340 Train-Err:0.109 Train-Acc:1.0 Test-Err:0.645 Test-Acc:0.71
I:349 Train-Err:0.108 Train-Acc:1.0 Test-Err:0.653 Test-Acc:0.7073
"""

BOOK_DROPOUT_OUTPUT = """
I:0 Test-Err:0.641 Test-Acc:0.6333 Train-Err:0.891 Train-Acc:0.413
I:10 Test-Err:0.458 Test-Acc:0.787 Train-Err:0.472 Train-Acc:0.764
I:20 Test-Err:0.415 Test-Acc:0.8133 Train-Err:0.430 Train-Acc:0.809
I:30 Test-Err:0.421 Test-Acc:0.8114 Train-Err:0.415 Train-Acc:0.811
I:40 Test-Err:0.419 Test-Acc:0.8112 Train-Err:0.413 Train-Acc:0.827
I:50 Test-Err:0.409 Test-Acc:0.8133 Train-Err:0.392 Train-Acc:0.836
I:60 Test-Err:0.412 Test-Acc:0.8236 Train-Err:0.402 Train-Acc:0.836
I:70 Test-Err:0.412 Test-Acc:0.8033 Train-Err:0.383 Train-Acc:0.857
I:80 Test-Err:0.410 Test-Acc:0.8054 Train-Err:0.386 Train-Acc:0.854
I:90 Test-Err:0.411 Test-Acc:0.8144 Train-Err:0.376 Train-Acc:0.868
I:100 Test-Err:0.411 Test-Acc:0.7903 Train-Err:0.369 Train-Acc:0.864
I:110 Test-Err:0.411 Test-Acc:0.8003 Train-Err:0.371 Train-Acc:0.868
I:120 Test-Err:0.402 Test-Acc:0.8046 Train-Err:0.353 Train-Acc:0.857
I:130 Test-Err:0.408 Test-Acc:0.8091 Train-Err:0.352 Train-Acc:0.867
I:140 Test-Err:0.405 Test-Acc:0.8083 Train-Err:0.355 Train-Acc:0.885
I:150 Test-Err:0.404 Test-Acc:0.8107 Train-Err:0.342 Train-Acc:0.883
I:160 Test-Err:0.399 Test-Acc:0.8146 Train-Err:0.361 Train-Acc:0.876
I:170 Test-Err:0.404 Test-Acc:0.8074 Train-Err:0.344 Train-Acc:0.889
I:180 Test-Err:0.399 Test-Acc:0.807 Train-Err:0.333 Train-Acc:0.892
I:190 Test-Err:0.407 Test-Acc:0.8066 Train-Err:0.335 Train-Acc:0.898
I:200 Test-Err:0.405 Test-Acc:0.8036 Train-Err:0.347 Train-Acc:0.893
I:210 Test-Err:0.405 Test-Acc:0.8034 Train-Err:0.336 Train-Acc:0.894
I:220 Test-Err:0.402 Test-Acc:0.8067 Train-Err:0.325 Train-Acc:0.896
I:230 Test-Err:0.404 Test-Acc:0.8091 Train-Err:0.321 Train-Acc:0.894
I:240 Test-Err:0.415 Test-Acc:0.8091 Train-Err:0.332 Train-Acc:0.898
I:250 Test-Err:0.395 Test-Acc:0.8182 Train-Err:0.320 Train-Acc:0.899
I:260 Test-Err:0.390 Test-Acc:0.8204 Train-Err:0.321 Train-Acc:0.899
I:270 Test-Err:0.382 Test-Acc:0.8194 Train-Err:0.312 Train-Acc:0.906
I:280 Test-Err:0.396 Test-Acc:0.8208 Train-Err:0.317 Train-Acc:0.9
I:290 Test-Err:0.399 Test-Acc:0.8181 Train-Err:0.301 Train-Acc:0.908
"""

BOOK_BATCH_OUTPUT = """
I:0 Test-Err:0.815 Test-Acc:0.3832 Train-Err:1.284 Train-Acc:0.165
I:10 Test-Err:0.568 Test-Acc:0.7173 Train-Err:0.591 Train-Acc:0.672
I:20 Test-Err:0.510 Test-Acc:0.7571 Train-Err:0.532 Train-Acc:0.729
I:30 Test-Err:0.485 Test-Acc:0.7793 Train-Err:0.498 Train-Acc:0.754
I:40 Test-Err:0.468 Test-Acc:0.7877 Train-Err:0.489 Train-Acc:0.749
I:50 Test-Err:0.458 Test-Acc:0.793 Train-Err:0.468 Train-Acc:0.775
I:60 Test-Err:0.452 Test-Acc:0.7995 Train-Err:0.452 Train-Acc:0.799
I:70 Test-Err:0.446 Test-Acc:0.803 Train-Err:0.453 Train-Acc:0.792
I:80 Test-Err:0.451 Test-Acc:0.7968 Train-Err:0.457 Train-Acc:0.786
I:90 Test-Err:0.447 Test-Acc:0.795 Train-Err:0.454 Train-Acc:0.799
I:100 Test-Err:0.448 Test-Acc:0.793 Train-Err:0.447 Train-Acc:0.796
I:110 Test-Err:0.441 Test-Acc:0.7943 Train-Err:0.426 Train-Acc:0.816
I:120 Test-Err:0.442 Test-Acc:0.7966 Train-Err:0.431 Train-Acc:0.813
I:130 Test-Err:0.441 Test-Acc:0.7906 Train-Err:0.434 Train-Acc:0.816
I:140 Test-Err:0.447 Test-Acc:0.7874 Train-Err:0.437 Train-Acc:0.822
I:150 Test-Err:0.443 Test-Acc:0.7899 Train-Err:0.414 Train-Acc:0.823
I:160 Test-Err:0.438 Test-Acc:0.797 Train-Err:0.427 Train-Acc:0.811
I:170 Test-Err:0.440 Test-Acc:0.7884 Train-Err:0.418 Train-Acc:0.828
I:180 Test-Err:0.436 Test-Acc:0.7935 Train-Err:0.407 Train-Acc:0.834
I:190 Test-Err:0.434 Test-Acc:0.7935 Train-Err:0.410 Train-Acc:0.831
I:200 Test-Err:0.435 Test-Acc:0.7972 Train-Err:0.416 Train-Acc:0.829
I:210 Test-Err:0.434 Test-Acc:0.7923 Train-Err:0.409 Train-Acc:0.83
I:220 Test-Err:0.433 Test-Acc:0.8032 Train-Err:0.396 Train-Acc:0.832
I:230 Test-Err:0.431 Test-Acc:0.8036 Train-Err:0.393 Train-Acc:0.853
I:240 Test-Err:0.430 Test-Acc:0.8047 Train-Err:0.397 Train-Acc:0.844
I:250 Test-Err:0.429 Test-Acc:0.8028 Train-Err:0.386 Train-Acc:0.843
I:260 Test-Err:0.431 Test-Acc:0.8038 Train-Err:0.394 Train-Acc:0.843
I:270 Test-Err:0.428 Test-Acc:0.8014 Train-Err:0.384 Train-Acc:0.845
I:280 Test-Err:0.430 Test-Acc:0.8067 Train-Err:0.401 Train-Acc:0.846
I:290 Test-Err:0.428 Test-Acc:0.7975 Train-Err:0.383 Train-Acc:0.851
"""


def book_batch_step_at_once(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    """``book_batch_step``'s 100 updates of a batch in two matrix products instead of 200.

    Inside the book's loop nothing but the weights changes: ``layer_1``, ``layer_2_delta`` and the mask stay
    fixed, so ``weights_1_2`` takes the same step ``G = alpha * layer_1.T.dot(layer_2_delta)`` each time, and
    the k-th update of ``weights_0_1`` is linear in the k-th ``weights_1_2``. The 100 updates of ``weights_0_1``
    thus add up to one update made with the sum of the 100 successive ``weights_1_2``. The same numbers up to
    rounding in the last digits, 100 times faster.
    """
    layer_1 = apply_dropout(relu(layer_0.dot(weights_0_1)), dropout_mask)
    layer_2 = layer_1.dot(weights_1_2)
    layer_2_delta = (labels - layer_2) / len(labels)
    step_1_2 = alpha * layer_1.T.dot(layer_2_delta)
    summed_1_2 = np.zeros_like(weights_1_2)
    for _ in range(len(labels)):  # the book's relu2deriv, output >= 0, is 1 everywhere: only the mask remains
        summed_1_2 += weights_1_2
        weights_1_2 = weights_1_2 + step_1_2
    layer_1_delta = layer_2_delta.dot(summed_1_2.T) * dropout_mask
    return layer_2, weights_0_1 + alpha * layer_0.T.dot(layer_1_delta), weights_1_2


# (listing, its output, the course's step reproducing it, hidden units, alpha, batch size, dropout, report order)
LISTINGS = {
    "one image at a time": (BOOK_LISTING, BOOK_PLAIN_OUTPUT, book_step, 40, 0.005, 1, False, ("train", "test")),
    "dropout": (BOOK_DROPOUT_LISTING, BOOK_DROPOUT_OUTPUT, book_dropout_step, 100, 0.005, 1, True, ("test", "train")),
    "batches of 100": (
        BOOK_BATCH_LISTING,
        BOOK_BATCH_OUTPUT,
        book_batch_step,
        100,
        0.001,
        100,
        True,
        ("test", "train"),
    ),
}
LINE_START = re.compile(r"I:(\d+) ")


def book_lines(output: str) -> dict[int, str]:
    """The lines a listing printed, by iteration."""
    lines = [line.strip() for line in re.split(r"[\r\n]", output) if "Test-Acc" in line]
    return {int(LINE_START.match(line).group(1)): line for line in lines}


def run_listing(listing: str, iterations: int) -> dict[int, str]:
    """Run one of the book's listings for ``iterations`` iterations; return the lines it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(listing.replace("ITERATIONS", str(int(iterations))), {"__name__": "book_listing"})
    return book_lines(printed.getvalue())


def mnist():
    """The lesson's data: the first 1,000 training images and the 10,000 test images, as rows, labels one-hot."""
    (x_train, y_train), (x_test, y_test) = load_mnist()
    return (
        x_train[:1000].reshape(1000, 784) / 255,
        np.eye(10)[y_train[:1000]],
        x_test.reshape(len(x_test), 784) / 255,
        np.eye(10)[y_test],
    )


def predict(images, weights_0_1, weights_1_2):
    return forward(images, weights_0_1, weights_1_2)[1]


def run_course(step, hidden, alpha, batch_size, dropout, iterations, data=None):
    """The lesson's training loop with ``step``, from the book's weights (seed 1); return the History."""
    images, labels, test_images, test_labels = data or mnist()
    random = np.random.RandomState(1)
    weights_0_1 = 0.2 * random.random_sample((784, hidden)) - 0.1
    weights_1_2 = 0.2 * random.random_sample((hidden, 10)) - 0.1
    return train(
        step,
        weights_0_1,
        weights_1_2,
        images,
        labels,
        alpha=alpha,
        iterations=iterations,
        batch_size=batch_size,
        dropout_rng=random if dropout else None,
        predict=predict,
        evaluate={"test": (test_images, test_labels)},
        every=10,
        progress=False,
    )


def course_lines(history, order=("train", "test")) -> dict[int, str]:
    """A History's checkpoints printed as the book prints them (errors cut to 5 characters)."""
    names = {"train": "Train", "test": "Test"}
    lines = {}
    for index, iteration in enumerate(history.iterations):
        parts = [
            f"{names[s]}-Err:{str(history.error[s][index])[0:5]} {names[s]}-Acc:{history.accuracy[s][index]}"
            for s in order
        ]
        lines[iteration] = f"I:{iteration} " + " ".join(parts)
    return lines


def compare(iterations: int) -> None:
    """Time each book listing and the course's loop over ``iterations``; print both, their ratio and the lines."""
    data = mnist()
    for name, (listing, output, step, hidden, alpha, batch_size, dropout, order) in LISTINGS.items():
        began = time.perf_counter()
        book = run_listing(listing, iterations)
        book_seconds = time.perf_counter() - began
        history = run_course(step, hidden, alpha, batch_size, dropout, iterations, data)
        course = course_lines(history, order)
        printed = book_lines(output)
        print(f"{name}: {iterations} iterations")
        for iteration, line in book.items():
            same = (
                "same as the book"
                if printed.get(iteration) == line
                else "the book prints " + printed.get(iteration, "nothing")
            )
            print(
                f"  {line}   course: {'identical' if course.get(iteration) == line else course.get(iteration)}; {same}"
            )
        print(
            f"  book's listing {book_seconds:7.2f} s, course's loop {history.seconds:6.2f} s: "
            f"{book_seconds / history.seconds:.1f}× faster"
        )
        if step is book_batch_step:
            corrected = run_course(dropout_step, hidden, 0.1, batch_size, dropout, iterations, data)
            print(
                f"  the lesson's corrected batches (one update per batch, alpha 0.1): {corrected.seconds:6.2f} s, "
                f"{book_seconds / corrected.seconds:.1f}× faster than the book's listing"
            )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=11, help="iterations of each listing (default 11)")
    compare(parser.parse_args(argv).iterations)


if __name__ == "__main__":
    main()
