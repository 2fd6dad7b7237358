"""Lesson 09, regularisation and batching: the book's listings and every accuracy they print, the Keras bridge,
plausible wrong answers and correct variants."""

import copy
import importlib.util

import numpy as np
import pytest
from support import skip_without_data

from grader import CheckFailed, check, check_hidden
from grader.compare import close
from grader.exercises import regularisation as lesson
from grader.lessons import REPOSITORY
from helpers.mnist_network import keras_gradients


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "benchmark_regularisation", REPOSITORY / "benchmarks" / "regularisation.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = _load_benchmark()


@pytest.fixture(scope="module")
def mnist():
    skip_without_data("load_mnist()")
    return benchmark.mnist()


def _book_weights(hidden):
    random = np.random.RandomState(1)
    return random, 0.2 * random.random_sample((784, hidden)) - 0.1, 0.2 * random.random_sample((hidden, 10)) - 0.1


# --- the book's numbers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, iterations", [("one image at a time", 11), ("dropout", 1), ("batches of 100", 1)])
def test_the_books_listings_run_as_printed_print_the_books_first_lines(name, iterations):
    listing, output = benchmark.LISTINGS[name][:2]
    printed, book = benchmark.run_listing(listing, iterations), benchmark.book_lines(output)
    assert printed == {iteration: book[iteration] for iteration in printed} and len(printed) == 1 + iterations // 10


@pytest.mark.parametrize("name, iterations", [("one image at a time", 350), ("dropout", 291), ("batches of 100", 1)])
def test_the_books_step_in_the_lessons_training_loop_prints_every_line_the_book_prints(mnist, name, iterations):
    """Every line for the first two listings; the batched one repeats each update 100 times and is checked on its
    first line here with the book's own loop (every line: the test below makes the 100 updates at once)."""
    _, output, step, hidden, alpha, batch_size, dropout, order = benchmark.LISTINGS[name]
    history = benchmark.run_course(step, hidden, alpha, batch_size, dropout, iterations, mnist)
    ours, book = benchmark.course_lines(history, order), benchmark.book_lines(output)
    assert {iteration: ours[iteration] for iteration in book if iteration < iterations} == {
        iteration: line for iteration, line in book.items() if iteration < iterations
    }
    if name == "one image at a time":
        assert history.accuracy["train"][-1] == 1.0 and history.accuracy["test"][-1] == 0.7073


def test_the_books_batched_step_at_once_makes_its_100_updates_up_to_rounding(mnist):
    images, labels = mnist[:2]
    random, weights_0_1, weights_1_2 = _book_weights(100)
    mask = random.randint(2, size=(100, 100))
    looped = lesson.book_batch_step(images[:100], labels[:100], weights_0_1, weights_1_2, 0.001, mask)
    at_once = benchmark.book_batch_step_at_once(images[:100], labels[:100], weights_0_1, weights_1_2, 0.001, mask)
    for ours, book in zip(at_once, looped):
        np.testing.assert_allclose(ours, book, rtol=0, atol=1e-12)


def test_the_books_batched_listing_prints_every_line_after_iteration_0(mnist):
    """All 30 lines of the book's batched listing, I:0 to I:290, with its 100 updates per batch made at once."""
    history = benchmark.run_course(benchmark.book_batch_step_at_once, 100, 0.001, 100, True, 291, mnist)
    ours, book = benchmark.course_lines(history, ("test", "train")), benchmark.book_lines(benchmark.BOOK_BATCH_OUTPUT)
    assert len(book) == 30 and ours == book
    assert history.accuracy["test"][-1] == 0.7975 and max(history.accuracy["test"]) == 0.8067


def test_the_books_update_inside_its_batch_loop_is_about_one_update_with_alpha_a_hundred_times_larger(mnist):
    images, labels = mnist[:2]
    random, weights_0_1, weights_1_2 = _book_weights(100)
    mask = random.randint(2, size=(100, 100))
    _, book_0_1, book_1_2 = lesson.book_batch_step(images[:100], labels[:100], weights_0_1, weights_1_2, 0.001, mask)
    book_dropout_step = lesson.dropout_step_as_in_the_book
    _, once_0_1, once_1_2 = book_dropout_step(images[:100], labels[:100], weights_0_1, weights_1_2, 0.1, mask)
    # The output delta is never recomputed inside the loop, so weights_1_2 takes 100 identical steps ...
    np.testing.assert_allclose(book_1_2, once_1_2, rtol=0, atol=1e-12)
    # ... while the hidden delta follows the moving weights_1_2: weights_0_1 ends up nearly, not exactly, there.
    book_step, once_step = (book_0_1 - weights_0_1).ravel(), (once_0_1 - weights_0_1).ravel()
    cosine = book_step.dot(once_step) / np.linalg.norm(book_step) / np.linalg.norm(once_step)
    assert cosine > 0.95 and 0.8 < np.linalg.norm(book_step) / np.linalg.norm(once_step) < 1.2


# The lesson's own runs: the first checkpoints of each, as the notebook prints them.
LESSON_RUNS = {
    "one image at a time": (lesson.sgd_step, 40, 0.005, 1, False, [0.6493, 0.8559, 0.8638]),
    "dropout": (lesson.answers.dropout_step, 100, 0.005, 1, True, [0.6630, 0.8512, 0.8675]),
    "dropout, batches of 100": (lesson.answers.dropout_step, 100, 0.1, 100, True, [0.4225, 0.7571, 0.8058]),
}


@pytest.mark.parametrize("step, hidden, alpha, batch_size, dropout, accuracies", LESSON_RUNS.values(), ids=LESSON_RUNS)
def test_the_lessons_runs_start_with_the_accuracies_the_notebook_shows(
    mnist, step, hidden, alpha, batch_size, dropout, accuracies
):
    history = benchmark.run_course(step, hidden, alpha, batch_size, dropout, 21, mnist)
    np.testing.assert_allclose(history.accuracy["test"], accuracies, atol=5e-5)


def test_the_lessons_plain_run_falls_on_the_test_set_as_the_lesson_says_for_100_and_350_passes(mnist):
    """The figures the lesson quotes for its default 100 passes and for FULL_RUN's 350."""
    history = benchmark.run_course(lesson.sgd_step, 40, 0.005, 1, False, 350, mnist)
    assert history.at(20) == pytest.approx(0.8638, abs=5e-5)
    assert history.at(100) == pytest.approx(0.85, abs=0.005)
    assert history.accuracy["test"][-1] == pytest.approx(0.8290, abs=5e-5)
    assert history.accuracy["train"][-1] == pytest.approx(0.999, abs=5e-4)


def test_replaying_should_stop_on_a_validation_curve_finds_the_stopping_point():
    validation = [0.656, 0.863, 0.872, 0.871, 0.863, 0.863, 0.867]
    stops = [n for n in range(1, len(validation) + 1) if lesson.answers.should_stop(validation[:n], patience=3)]
    assert stops[0] == 6 and int(np.argmax(validation[:6])) == 2


# The Keras bridge: the reference backward pass gives Keras's gradients (JAX backend, 64-bit floats).
def test_the_reference_backward_pass_gives_keras_gradients_and_the_books_slope_does_not(mnist, float64_keras):
    keras = float64_keras
    images, labels = mnist[:2]
    _, weights_0_1, weights_1_2 = _book_weights(40)
    model = keras.Sequential(
        [
            keras.Input(shape=(784,)),
            keras.layers.Dense(40, activation="relu", use_bias=False),
            keras.layers.Dense(10, use_bias=False),
        ]
    )
    model.set_weights([weights_0_1, weights_1_2])
    batch, batch_labels = images[:100], labels[:100]

    def half_squared_error(labels, outputs):
        return keras.ops.sum((labels - outputs) ** 2) / (2 * len(labels))

    outputs, (gradient_0_1, gradient_1_2) = keras_gradients(model, half_squared_error, batch, batch_labels)
    layer_1, layer_2 = lesson.answers.forward(batch, weights_0_1, weights_1_2)
    layer_2_delta, layer_1_delta = lesson.answers.backward(layer_1, layer_2, batch_labels, weights_1_2)
    np.testing.assert_allclose(layer_2, outputs, rtol=0, atol=1e-6)
    np.testing.assert_allclose(-batch.T.dot(layer_1_delta), gradient_0_1, rtol=0, atol=1e-6)
    np.testing.assert_allclose(-layer_1.T.dot(layer_2_delta), gradient_1_2, rtol=0, atol=1e-6)
    _, book_layer_1_delta = lesson.backward_as_in_the_book(layer_1, layer_2, batch_labels, weights_1_2)
    assert np.abs(-batch.T.dot(book_layer_1_delta) - gradient_0_1).max() > 0.5 * np.abs(gradient_0_1).max()


def test_the_dropout_step_follows_the_gradient_and_the_books_takes_half_of_it_for_the_first_layer(mnist):
    import jax
    import jax.numpy as jnp

    images, labels = mnist[:2]
    random, weights_0_1, weights_1_2 = _book_weights(100)
    batch, batch_labels, mask = images[:50], labels[:50], random.randint(2, size=(50, 100))

    def loss(weights):
        outputs = jnp.maximum(batch @ weights[0], 0) * mask * 2 @ weights[1]
        return jnp.sum((batch_labels - outputs) ** 2) / (2 * len(batch))

    with jax.enable_x64(True):
        gradients = [np.asarray(g) for g in jax.grad(loss)([jnp.asarray(weights_0_1), jnp.asarray(weights_1_2)])]
    alpha = 0.1
    _, new_0_1, new_1_2 = lesson.answers.dropout_step(batch, batch_labels, weights_0_1, weights_1_2, alpha, mask)
    np.testing.assert_allclose((weights_0_1 - new_0_1) / alpha, gradients[0], rtol=0, atol=1e-9)
    np.testing.assert_allclose((weights_1_2 - new_1_2) / alpha, gradients[1], rtol=0, atol=1e-9)
    _, book_0_1, _ = lesson.dropout_step_as_in_the_book(batch, batch_labels, weights_0_1, weights_1_2, alpha, mask)
    assert np.abs((weights_0_1 - book_0_1) / alpha - gradients[0]).max() > 0.1 * np.abs(gradients[0]).max()


def _differs(exercise, implementation, case):
    """True when ``implementation`` gives another answer than the reference on ``case``, or raises."""
    try:
        wrong = exercise.call(implementation, *copy.deepcopy(case.args))
    except Exception:
        return True
    return not close(wrong, exercise.expected(case), 1e-7, 1e-9)


def _no_copy_update(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
    weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
    return weights_0_1, weights_1_2


def _backward_summed(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = labels - layer_2
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * (layer_1 > 0)


def _backward_slope_on_output(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (labels - layer_2) / len(labels) * (layer_2 > 0)
    return layer_2_delta, layer_2_delta.dot(weights_1_2.T) * (layer_1 > 0)


def _dropout_step_unscaled_delta(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    layer_1 = lesson.answers.relu(layer_0.dot(weights_0_1))
    dropped = lesson.answers.apply_dropout(layer_1, dropout_mask)
    layer_2 = dropped.dot(weights_1_2)
    layer_2_delta, layer_1_delta = lesson.answers.backward(layer_1, layer_2, labels, weights_1_2)
    layer_1_delta *= dropout_mask
    weights = lesson.answers.update(weights_0_1, weights_1_2, layer_0, dropped, layer_1_delta, layer_2_delta, alpha)
    return (layer_2, *weights)


def _dropout_step_mask_forgotten_on_delta(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    layer_1 = lesson.answers.relu(layer_0.dot(weights_0_1))
    dropped = lesson.answers.apply_dropout(layer_1, dropout_mask)
    layer_2 = dropped.dot(weights_1_2)
    layer_2_delta, layer_1_delta = lesson.answers.backward(layer_1, layer_2, labels, weights_1_2)
    weights = lesson.answers.update(weights_0_1, weights_1_2, layer_0, dropped, layer_1_delta, layer_2_delta, alpha)
    return (layer_2, *weights)


def _dropout_step_unscaled_forward(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    layer_1 = lesson.answers.relu(layer_0.dot(weights_0_1))
    dropped = layer_1 * dropout_mask
    layer_2 = dropped.dot(weights_1_2)
    layer_2_delta, layer_1_delta = lesson.answers.backward(layer_1, layer_2, labels, weights_1_2)
    layer_1_delta = layer_1_delta * dropout_mask
    weights = lesson.answers.update(weights_0_1, weights_1_2, layer_0, dropped, layer_1_delta, layer_2_delta, alpha)
    return (layer_2, *weights)


def _stop_at_first_dip(accuracies, patience):
    return len(accuracies) > 1 and accuracies[-1] < accuracies[-2]


def _stop_after_last_best(accuracies, patience):
    last_best = len(accuracies) - 1 - accuracies[::-1].index(max(accuracies))
    return len(accuracies) - 1 - last_best >= patience


WRONG_ANSWERS = [
    ("regularisation.relu", "np.max instead of np.maximum", lambda x: np.max(x, 0)),
    (
        "regularisation.forward",
        "returned values in the wrong order",
        lambda *args: lesson.answers.forward(*args)[::-1],
    ),
    (
        "regularisation.dropout_step",
        "returned values in the wrong order",
        lambda *args: lesson.answers.dropout_step(*args)[::-1],
    ),
    ("regularisation.relu", "Python's max on an array", lambda x: max(0, x)),
    ("regularisation.relu", "the on/off mask instead of the values", lambda x: x > 0),
    ("regularisation.relu", "absolute value instead of relu", lambda x: np.abs(x)),
    ("regularisation.relu2deriv", "zero counted as on", lambda output: output >= 0),
    ("regularisation.relu2deriv", "the values instead of the slope", lambda output: output),
    ("regularisation.forward", "relu forgotten", lambda l0, w01, w12: (l0.dot(w01), l0.dot(w01).dot(w12))),
    (
        "regularisation.forward",
        "relu on the output layer",
        lambda l0, w01, w12: (np.maximum(l0.dot(w01), 0), np.maximum(np.maximum(l0.dot(w01), 0).dot(w12), 0)),
    ),
    ("regularisation.backward", "delta not divided by batch size", _backward_summed),
    (
        "regularisation.backward",
        "delta pointing the wrong way",
        lambda l1, l2, labels, w12: ((l2 - labels) / len(labels), (l2 - labels) / len(labels) @ w12.T * (l1 > 0)),
    ),
    ("regularisation.backward", "zero counted as on", lesson.backward_as_in_the_book),
    (
        "regularisation.backward",
        "zero counted as on",
        lambda l1, l2, labels, w12: ((labels - l2) / len(labels), (labels - l2) / len(labels) @ w12.T),
    ),
    ("regularisation.backward", "relu′ on the wrong layer", _backward_slope_on_output),
    (
        "regularisation.backward",
        "delta divided by every entry",
        lambda l1, l2, labels, w12: ((labels - l2) / labels.size, (labels - l2) / labels.size @ w12.T * (l1 > 0)),
    ),
    ("regularisation.update", "an input was changed", _no_copy_update),
    (
        "regularisation.update",
        "weights moved against the delta",
        lambda w01, w12, l0, l1, d1, d2, alpha: (w01 - alpha * l0.T @ d1, w12 - alpha * l1.T @ d2),
    ),
    (
        "regularisation.update",
        "alpha forgotten",
        lambda w01, w12, l0, l1, d1, d2, alpha: (w01 + l0.T @ d1, w12 + l1.T @ d2),
    ),
    ("regularisation.apply_dropout", "dropout mask not scaled", lambda layer, mask: layer * mask),
    ("regularisation.apply_dropout", "dropout mask inverted", lambda layer, mask: layer * (1 - mask) * 2),
    ("regularisation.dropout_step", "the book's dropout step", lesson.dropout_step_as_in_the_book),
    ("regularisation.dropout_step", "delta masked but not doubled", _dropout_step_unscaled_delta),
    ("regularisation.dropout_step", "dropout mask not applied to the delta", _dropout_step_mask_forgotten_on_delta),
    ("regularisation.dropout_step", "dropout mask not scaled", _dropout_step_unscaled_forward),
    (
        "regularisation.dropout_step",
        "dropout forgotten",
        lambda l0, labels, w01, w12, alpha, mask: lesson.sgd_step(l0, labels, w01, w12, alpha),
    ),
    ("regularisation.should_stop", "stopped at the first dip", _stop_at_first_dip),
    (
        "regularisation.should_stop",
        "patience off by one",
        lambda accuracies, patience: len(accuracies) - 1 - int(np.argmax(accuracies)) > patience,
    ),
    ("regularisation.should_stop", "an equal accuracy counted as an improvement", _stop_after_last_best),
    ("regularisation.should_stop", "nothing returned", lambda accuracies, patience: None),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    messages = []
    for run in (check, check_hidden):
        try:
            run(exercise_id, answer)
        except CheckFailed as failure:
            messages.append(str(failure))
    assert messages, f"{mistake} passed every check"
    assert any(f"This looks like: {mistake}." in message for message in messages), messages


def _forward_with_loop(layer_0, weights_0_1, weights_1_2):
    layer_1 = np.array([[max(0.0, value) for value in row] for row in layer_0 @ weights_0_1])
    return layer_1, layer_1 @ weights_1_2


def _backward_with_where(layer_1, layer_2, labels, weights_1_2):
    layer_2_delta = (labels - layer_2) / labels.shape[0]
    return layer_2_delta, np.where(layer_1 > 0, layer_2_delta @ weights_1_2.T, 0.0)


def _update_with_outer_sums(weights_0_1, weights_1_2, layer_0, layer_1, layer_1_delta, layer_2_delta, alpha):
    step_0_1 = sum(np.outer(x, d) for x, d in zip(layer_0, layer_1_delta))
    step_1_2 = sum(np.outer(h, d) for h, d in zip(layer_1, layer_2_delta))
    return weights_0_1 + alpha * step_0_1, weights_1_2 + alpha * step_1_2


def _dropout_step_with_relu_slope_of_dropped(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    # relu′ of the dropped layer is relu′ of layer_1 times the mask, so the mask may be applied twice: m·m = m
    dropped = lesson.answers.apply_dropout(lesson.answers.relu(layer_0.dot(weights_0_1)), dropout_mask)
    layer_2 = dropped.dot(weights_1_2)
    layer_2_delta, layer_1_delta = lesson.answers.backward(dropped, layer_2, labels, weights_1_2)
    layer_1_delta = lesson.answers.apply_dropout(layer_1_delta, dropout_mask)
    weights = lesson.answers.update(weights_0_1, weights_1_2, layer_0, dropped, layer_1_delta, layer_2_delta, alpha)
    return (layer_2, *weights)


CORRECT_VARIANTS = [
    ("regularisation.relu", lambda x: (x >= 0) * x),  # the book's relu
    ("regularisation.relu", lambda x: np.where(x > 0, x, 0.0)),
    ("regularisation.relu2deriv", lambda output: (output > 0).astype(float)),
    ("regularisation.forward", _forward_with_loop),
    ("regularisation.forward", lambda l0, w01, w12: (np.maximum(0, l0 @ w01), np.maximum(0, l0 @ w01) @ w12)),
    ("regularisation.backward", _backward_with_where),
    ("regularisation.update", _update_with_outer_sums),
    (
        "regularisation.update",
        lambda w01, w12, l0, l1, d1, d2, alpha: (w01 + np.dot(l0.T, d1) * alpha, w12 + alpha * (l1.T @ d2)),
    ),
    ("regularisation.apply_dropout", lambda layer, mask: np.where(mask == 1, 2 * layer, 0.0)),
    ("regularisation.apply_dropout", lambda layer, mask: 2 * mask * layer),
    ("regularisation.dropout_step", _dropout_step_with_relu_slope_of_dropped),
    (
        "regularisation.should_stop",
        lambda accuracies, patience: bool(np.argmax(accuracies) <= len(accuracies) - 1 - patience),
    ),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    check(exercise_id, answer)
    check_hidden(exercise_id, answer)
