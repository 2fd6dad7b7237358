"""The book's tanh/softmax MNIST listing (lesson 10's source) beside the lesson's version, on the same data.

The book's listing trains in batches of 100, as the lesson does, but scores the 10,000 test images one at a
time after every iteration. The lesson's training loop (``helpers.mnist_network.train``) scores them in one
matrix product every 10 iterations, which is when the book prints. Run with the book's step
(``book_step`` in ``grader/exercises/activations.py``: tanh′ of the dropped-out layer, the mask on the delta
without × 2, the delta divided by the batch size twice), it prints the book's accuracies digit for digit.

    python benchmarks/activations.py                  # 11 iterations: the book's lines I:0 and I:10
    python benchmarks/activations.py --iterations 300

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

from grader.exercises.activations import tanh_softmax_step_as_in_the_book as book_step
from grader.references.activations import softmax, tanh, tanh_softmax_step
from helpers.datasets import load_mnist
from helpers.mnist_network import train

# The book's listing (its lesson 9) as printed, with the indentation restored. Two changes: MNIST comes from
# the course's loader (the same Keras function), and np.random.seed(1) moves after the loading, because
# Keras 3 draws from NumPy's global generator while it loads (the book's lesson-8 listings seed after
# loading too). The number of iterations is a placeholder.
BOOK_LISTING = """
import numpy as np, sys
from helpers.datasets import load_mnist
(x_train, y_train), (x_test, y_test) = load_mnist()
np.random.seed(1)

images, labels = (x_train[0:1000].reshape(1000,28*28) / 255, y_train[0:1000])
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

alpha, iterations, hidden_size = (2, ITERATIONS, 100)
pixels_per_image, num_labels = (784, 10)
batch_size = 100

weights_0_1 = 0.02*np.random.random((pixels_per_image,hidden_size))-0.01
weights_1_2 = 0.2*np.random.random((hidden_size,num_labels)) - 0.1

for j in range(iterations):
    correct_cnt = 0
    for i in range(int(len(images) / batch_size)):
        batch_start, batch_end=((i * batch_size),((i+1)*batch_size))
        layer_0 = images[batch_start:batch_end]
        layer_1 = tanh(np.dot(layer_0,weights_0_1))
        dropout_mask = np.random.randint(2,size=layer_1.shape)
        layer_1 *= dropout_mask * 2
        layer_2 = softmax(np.dot(layer_1,weights_1_2))

        for k in range(batch_size):
            correct_cnt += int(np.argmax(layer_2[k:k+1]) == np.argmax(labels[batch_start+k:batch_start+k+1]))
        layer_2_delta = (labels[batch_start:batch_end]-layer_2) / (batch_size * layer_2.shape[0])
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * tanh2deriv(layer_1)
        layer_1_delta *= dropout_mask

        weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
        weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
    test_correct_cnt = 0

    for i in range(len(test_images)):
        layer_0 = test_images[i:i+1]
        layer_1 = tanh(np.dot(layer_0, weights_0_1))
        layer_2 = np.dot(layer_1, weights_1_2)
        test_correct_cnt += int(np.argmax(layer_2) == np.argmax(test_labels[i:i+1]))

    if(j % 10 == 0):
        sys.stdout.write("\\n" + "I:" + str(j) + " Test-Acc:" + str(test_correct_cnt/float(len(test_images))) +
                         " Train-Acc:" + str(correct_cnt/float(len(images))))
"""

# What the book prints (in two columns, read here row by row). Its typesetting cuts four training accuracies
# to two decimals (I:100 0.88, I:120–140 0.90).
BOOK_OUTPUT = """
I:0 Test-Acc:0.394 Train-Acc:0.156
I:10 Test-Acc:0.6867 Train-Acc:0.723
I:20 Test-Acc:0.7025 Train-Acc:0.732
I:30 Test-Acc:0.734 Train-Acc:0.763
I:40 Test-Acc:0.7663 Train-Acc:0.794
I:50 Test-Acc:0.7913 Train-Acc:0.819
I:60 Test-Acc:0.8102 Train-Acc:0.849
I:70 Test-Acc:0.8228 Train-Acc:0.864
I:80 Test-Acc:0.831 Train-Acc:0.867
I:90 Test-Acc:0.8364 Train-Acc:0.885
I:100 Test-Acc:0.8407 Train-Acc:0.88
I:110 Test-Acc:0.845 Train-Acc:0.891
I:120 Test-Acc:0.8481 Train-Acc:0.90
I:130 Test-Acc:0.8505 Train-Acc:0.90
I:140 Test-Acc:0.8526 Train-Acc:0.90
I:150 Test-Acc:0.8555 Train-Acc:0.914
I:160 Test-Acc:0.8577 Train-Acc:0.925
I:170 Test-Acc:0.8596 Train-Acc:0.918
I:180 Test-Acc:0.8619 Train-Acc:0.933
I:190 Test-Acc:0.863 Train-Acc:0.933
I:200 Test-Acc:0.8642 Train-Acc:0.926
I:210 Test-Acc:0.8653 Train-Acc:0.931
I:220 Test-Acc:0.8668 Train-Acc:0.93
I:230 Test-Acc:0.8672 Train-Acc:0.937
I:240 Test-Acc:0.8681 Train-Acc:0.938
I:250 Test-Acc:0.8687 Train-Acc:0.937
I:260 Test-Acc:0.8684 Train-Acc:0.945
I:270 Test-Acc:0.8703 Train-Acc:0.951
I:280 Test-Acc:0.8699 Train-Acc:0.949
I:290 Test-Acc:0.8701 Train-Acc:0.94
"""
LINE = re.compile(r"I:(\d+) Test-Acc:([\d.]+) Train-Acc:([\d.]+)")


def book_lines(output: str) -> dict[int, tuple[str, str]]:
    """(test accuracy, train accuracy) as printed, by iteration."""
    return {int(i): (test, train_accuracy) for i, test, train_accuracy in LINE.findall(output)}


BOOK = book_lines(BOOK_OUTPUT)


def run_listing(iterations: int) -> dict[int, tuple[str, str]]:
    """Run the book's listing for ``iterations`` iterations; return what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(BOOK_LISTING.replace("ITERATIONS", str(int(iterations))), {"__name__": "book_listing"})
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
    return softmax(tanh(images.dot(weights_0_1)).dot(weights_1_2))


def run_course(step, alpha: float, iterations: int, data=None):
    """The lesson's training loop with ``step``, from the book's weights and masks (seed 1); return the History."""
    images, labels, test_images, test_labels = data or mnist()
    random = np.random.RandomState(1)
    weights_0_1 = 0.02 * random.random_sample((784, 100)) - 0.01
    weights_1_2 = 0.2 * random.random_sample((100, 10)) - 0.1
    return train(
        step,
        weights_0_1,
        weights_1_2,
        images,
        labels,
        alpha=alpha,
        iterations=iterations,
        batch_size=100,
        dropout_rng=random,
        predict=predict,
        evaluate={"test": (test_images, test_labels)},
        progress=False,
    )


def compare(iterations: int) -> None:
    """Time the book's listing and the course's loop over ``iterations``; print both, their ratio and the lines."""
    data = mnist()
    began = time.perf_counter()
    book = run_listing(iterations)
    book_seconds = time.perf_counter() - began
    history = run_course(book_step, 2, iterations, data)
    print(f"the book's listing and the course's loop with the book's step, {iterations} iterations:")
    for iteration, (test, train_accuracy) in book.items():
        course = (str(history.at(iteration)), str(history.at(iteration, "train")))
        printed = BOOK.get(iteration)
        same = printed is not None and test == printed[0] and train_accuracy.startswith(printed[1])
        print(
            f"  I:{iteration} Test-Acc:{test} Train-Acc:{train_accuracy}   course: "
            f"{'identical' if course == (test, train_accuracy) else course}; "
            f"{'same as the book' if same else 'the book prints ' + str(printed)}"
        )
    print(
        f"  book's listing {book_seconds:7.2f} s, course's loop {history.seconds:6.2f} s: "
        f"{book_seconds / history.seconds:.1f}× faster"
    )
    corrected = run_course(tanh_softmax_step, 0.02, iterations, data)
    print(
        f"  the lesson's corrected step (alpha 0.02): {corrected.seconds:6.2f} s, test accuracy "
        f"{corrected.accuracy['test'][-1]:.4f} "
        f"after {iterations} iterations"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=11, help="iterations of each version (default 11)")
    compare(parser.parse_args(argv).iterations)


if __name__ == "__main__":
    main()
