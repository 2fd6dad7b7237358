"""Lesson 10, activation functions: slopes against numerical derivatives, the book's listing and every accuracy
it prints, the Keras bridge, plausible wrong answers and correct variants."""

import importlib.util

import numpy as np
import pytest
from support import skip_without_data

from grader import CheckFailed, check, check_hidden
from grader.exercises import activations as lesson
from grader.lessons import REPOSITORY, notebook_path, read_notebook
from grader.schema import topic_exercises
from helpers.mnist_network import SATURATED_BELOW, keras_gradients


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("benchmark_activations", REPOSITORY / "benchmarks" / "activations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = _load_benchmark()


@pytest.fixture(scope="module")
def mnist():
    skip_without_data("load_mnist()")
    return benchmark.mnist()


def _book_weights():
    random = np.random.RandomState(1)
    return random, 0.02 * random.random_sample((784, 100)) - 0.01, 0.2 * random.random_sample((100, 10)) - 0.1


# --- the slopes against numerical derivatives ----------------------------------------------------------------

X = np.linspace(-5, 5, 1001)
EPSILON = 1e-6


def _numerical_slope(function, x):
    return (function(x + EPSILON) - function(x - EPSILON)) / (2 * EPSILON)


@pytest.mark.parametrize(
    "function, slope",
    [
        (lesson.answers.sigmoid, lesson.answers.sigmoid2deriv),
        (lesson.answers.tanh, lesson.answers.tanh2deriv),
        (lesson.answers.relu, lesson.answers.relu2deriv),
    ],
    ids=["sigmoid", "tanh", "relu"],
)
def test_each_slope_computed_from_the_output_matches_the_numerical_derivative(function, slope):
    x = X[np.abs(X) > 2 * EPSILON]  # relu has a corner at 0
    np.testing.assert_allclose(slope(function(x)), _numerical_slope(function, x), rtol=0, atol=1e-8)


def test_relus_slope_is_0_for_a_unit_that_is_off_even_at_exactly_0():
    assert lesson.answers.relu2deriv(lesson.answers.relu(np.array([0.0, -0.0, -1.0]))).tolist() == [0, 0, 0]


def test_tanh_and_sigmoid_are_the_same_s_shape():
    np.testing.assert_allclose(lesson.answers.tanh(X), 2 * lesson.answers.sigmoid(2 * X) - 1, atol=1e-12)


def test_softmax_gives_rows_of_probabilities_unchanged_by_a_shift_even_for_huge_inputs():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 10))
    np.testing.assert_allclose(lesson.answers.softmax(x).sum(axis=1), 1)
    np.testing.assert_allclose(lesson.answers.softmax(x + 1000), lesson.answers.softmax(x), atol=1e-15)
    np.testing.assert_allclose(lesson.answers.softmax(np.array([[0.0] * 9 + [100.0]]))[0, :9], np.exp(-100), rtol=1e-12)


def test_the_softmax_delta_is_minus_the_numerical_gradient_of_the_cross_entropy():
    rng = np.random.default_rng(1)
    scores, labels = rng.normal(size=(5, 4)), np.eye(4)[rng.integers(0, 4, 5)]

    def cross_entropy(scores):
        return -np.sum(labels * np.log(lesson.answers.softmax(scores))) / len(labels)

    numerical = np.zeros_like(scores)
    for position in np.ndindex(scores.shape):
        nudge = np.zeros_like(scores)
        nudge[position] = EPSILON
        numerical[position] = (cross_entropy(scores + nudge) - cross_entropy(scores - nudge)) / (2 * EPSILON)
    delta = lesson.answers.softmax_delta(labels, lesson.answers.softmax(scores))
    np.testing.assert_allclose(delta, -numerical, rtol=0, atol=1e-9)


def test_the_step_follows_the_gradient_of_the_cross_entropy_numerically():
    rng = np.random.default_rng(2)
    layer_0, labels = rng.uniform(0, 1, (3, 6)), np.eye(4)[rng.integers(0, 4, 3)]
    weights = [rng.uniform(-1, 1, (6, 5)), rng.uniform(-1, 1, (5, 4))]
    mask = np.array([[1, 0, 1, 1, 0], [0, 1, 1, 0, 1], [1, 1, 0, 1, 0]])

    def cross_entropy(weights_0_1, weights_1_2):
        outputs = lesson.answers.softmax(np.tanh(layer_0 @ weights_0_1) * mask * 2 @ weights_1_2)
        return -np.sum(labels * np.log(outputs)) / len(labels)

    alpha = 0.5
    _, new_0_1, new_1_2 = lesson.answers.tanh_softmax_step(layer_0, labels, *weights, alpha, mask)
    for index, new in enumerate([new_0_1, new_1_2]):
        numerical = np.zeros_like(weights[index])
        for position in np.ndindex(numerical.shape):
            up, down = [w.copy() for w in weights], [w.copy() for w in weights]
            up[index][position] += EPSILON
            down[index][position] -= EPSILON
            numerical[position] = (cross_entropy(*up) - cross_entropy(*down)) / (2 * EPSILON)
        np.testing.assert_allclose((weights[index] - new) / alpha, numerical, rtol=0, atol=1e-8)


# --- the book's numbers -------------------------------------------------------------------------------------


def test_the_books_listing_run_as_printed_prints_its_first_line():
    assert benchmark.run_listing(1) == {0: benchmark.BOOK[0]} == {0: ("0.394", "0.156")}


def test_the_books_step_in_the_lessons_training_loop_prints_every_accuracy_the_book_prints(mnist):
    """The book's typeset table cuts four training accuracies to two decimals: those compare as prefixes."""
    history = benchmark.run_course(lesson.tanh_softmax_step_as_in_the_book, 2, 291, mnist)
    for iteration, (test, train_accuracy) in benchmark.BOOK.items():
        assert str(history.at(iteration)) == test, iteration
        assert str(history.at(iteration, "train")).startswith(train_accuracy), iteration
    assert len(benchmark.BOOK) == 30


def test_the_lessons_network_starts_with_the_accuracies_the_notebook_shows(mnist):
    history = benchmark.run_course(lesson.answers.tanh_softmax_step, 0.02, 11, mnist)
    np.testing.assert_allclose(history.accuracy["test"], [0.5647, 0.7037], atol=5e-5)


# --- the Keras bridge ---------------------------------------------------------------------------------------


def test_the_reference_step_gives_keras_gradients_and_the_books_step_does_not(mnist, float64_keras):
    keras = float64_keras
    images, labels = mnist[:2]
    _, weights_0_1, weights_1_2 = _book_weights()
    pixels, mask = keras.Input(shape=(784,)), keras.Input(shape=(100,))
    hidden = keras.layers.Dense(100, activation="tanh", use_bias=False)(pixels)
    probabilities = keras.layers.Dense(10, activation="softmax", use_bias=False)(hidden * mask * 2)
    model = keras.Model([pixels, mask], probabilities)
    model.set_weights([weights_0_1, weights_1_2])
    batch, batch_labels = images[:100], labels[:100]
    batch_mask = np.random.RandomState(0).randint(2, size=(100, 100))
    outputs, (gradient_0_1, gradient_1_2) = keras_gradients(
        model, keras.losses.CategoricalCrossentropy(), [batch, batch_mask], batch_labels
    )

    alpha = 0.02
    layer_2, new_0_1, new_1_2 = lesson.answers.tanh_softmax_step(
        batch, batch_labels, weights_0_1, weights_1_2, alpha, batch_mask
    )
    np.testing.assert_allclose(layer_2, outputs, rtol=0, atol=1e-6)
    np.testing.assert_allclose((weights_0_1 - new_0_1) / alpha, gradient_0_1, rtol=0, atol=1e-6)
    np.testing.assert_allclose((weights_1_2 - new_1_2) / alpha, gradient_1_2, rtol=0, atol=1e-6)
    _, book_0_1, book_1_2 = lesson.tanh_softmax_step_as_in_the_book(
        batch, batch_labels, weights_0_1, weights_1_2, alpha * len(batch), batch_mask
    )
    np.testing.assert_allclose((weights_1_2 - book_1_2) / alpha, gradient_1_2, rtol=0, atol=1e-6)
    assert np.abs((weights_0_1 - book_0_1) / alpha - gradient_0_1).max() > 0.2 * np.abs(gradient_0_1).max()


# --- grading ------------------------------------------------------------------------------------------------


def _naive_softmax(x):
    temp = np.exp(x)
    return temp / np.sum(temp, axis=1, keepdims=True)


def _step_with_slope_of_input(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
    pre_activation = layer_0.dot(weights_0_1)
    layer_1 = np.tanh(pre_activation)
    dropped = layer_1 * dropout_mask * 2
    layer_2 = lesson.answers.softmax(dropped.dot(weights_1_2))
    layer_2_delta = (labels - layer_2) / len(labels)
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * (1 - pre_activation**2) * dropout_mask * 2
    return (
        layer_2,
        weights_0_1 + alpha * layer_0.T.dot(layer_1_delta),
        weights_1_2 + alpha * dropped.T.dot(layer_2_delta),
    )


def _step_with(**changes):
    """The reference step with one of its lines changed, as a student might write it."""

    def step(layer_0, labels, weights_0_1, weights_1_2, alpha, dropout_mask):
        layer_1 = np.tanh(layer_0.dot(weights_0_1))
        dropped = layer_1 * dropout_mask * changes.get("scale", 2)
        layer_2 = lesson.answers.softmax(dropped.dot(weights_1_2))
        layer_2_delta = (labels - layer_2) / changes.get("divide_by", len(labels))
        slope_of = dropped if changes.get("slope_of_dropped") else layer_1
        layer_1_delta = layer_2_delta.dot(weights_1_2.T) * (1 - slope_of**2)
        layer_1_delta = layer_1_delta * changes.get("delta_factor", dropout_mask * 2)
        return (
            layer_2,
            weights_0_1 + alpha * layer_0.T.dot(layer_1_delta),
            weights_1_2 + alpha * dropped.T.dot(layer_2_delta),
        )

    return step


WRONG_ANSWERS = [
    ("activations.relu", "np.max instead of np.maximum", lambda x: np.max(x, 0)),
    ("activations.relu", "np.max instead of np.maximum", lambda x: np.max(0, x)),
    # Not the catalogue's e^x formula, but it overflows the same way: nan where tanh is ±1.
    ("activations.tanh", "overflow on large inputs", lambda x: (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1)),
    (
        "activations.softmax",
        "the maximum of the whole batch subtracted",
        lambda x: np.exp(x - np.max(x)) / np.sum(np.exp(x - np.max(x)), axis=1, keepdims=True),
    ),
    ("activations.sigmoid", "exp(x) instead of exp(−x)", lambda x: 1 / (1 + np.exp(x))),
    ("activations.sigmoid", "tanh instead of sigmoid", np.tanh),
    (
        "activations.sigmoid2deriv",
        "sigmoid′ computed from the input instead of the output",
        lambda output: lesson.answers.sigmoid(output) * (1 - lesson.answers.sigmoid(output)),
    ),
    ("activations.tanh", "sigmoid instead of tanh", lambda x: 1 / (1 + np.exp(-x))),
    ("activations.tanh", "tanh from exp(x) overflows", lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))),
    (
        "activations.tanh2deriv",
        "tanh′ computed from the input instead of the output",
        lambda output: 1 - np.tanh(output) ** 2,
    ),
    ("activations.tanh2deriv", "the square forgotten", lambda output: 1 - output),
    ("activations.relu", "the on/off mask instead of the values", lambda x: x > 0),
    ("activations.relu", "absolute value instead of relu", np.abs),
    ("activations.relu2deriv", "zero counted as on", lambda output: output >= 0),
    ("activations.relu2deriv", "the values instead of the slope", lambda output: np.maximum(output, 0)),
    ("activations.softmax", "softmax overflows on large inputs", _naive_softmax),
    ("activations.softmax", "softmax over the wrong axis", lambda x: np.exp(x) / np.exp(x).sum(axis=0, keepdims=True)),
    ("activations.softmax", "softmax over the whole batch", lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum()),
    ("activations.softmax", "exp forgotten", lambda x: x / x.sum(axis=1, keepdims=True)),
    ("activations.softmax_delta", "delta not divided by batch size", lambda labels, prediction: labels - prediction),
    (
        "activations.softmax_delta",
        "delta pointing the wrong way",
        lambda labels, prediction: (prediction - labels) / len(labels),
    ),
    (
        "activations.softmax_delta",
        "delta divided by the batch size twice",
        lambda labels, prediction: (labels - prediction) / (len(labels) * prediction.shape[0]),
    ),
    (
        "activations.softmax_delta",
        "delta divided by every entry",
        lambda labels, prediction: (labels - prediction) / labels.size,
    ),
    (
        "activations.softmax_delta",
        "a slope multiplied into the softmax delta",
        lambda labels, prediction: (labels - prediction) / len(labels) * prediction * (1 - prediction),
    ),
    ("activations.tanh_softmax_step", "the book's backward step", lesson.tanh_softmax_step_as_in_the_book),
    ("activations.tanh_softmax_step", "tanh′ of the dropped-out layer", _step_with(slope_of_dropped=True)),
    ("activations.tanh_softmax_step", "tanh′ computed from the input instead of the output", _step_with_slope_of_input),
    ("activations.tanh_softmax_step", "dropout mask not applied to the delta", _step_with(delta_factor=1)),
    ("activations.tanh_softmax_step", "delta not divided by batch size", _step_with(divide_by=1)),
    ("activations.tanh_softmax_step", "dropout mask not scaled", _step_with(scale=1)),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    messages = []
    with np.errstate(all="ignore"):
        for run in (check, check_hidden):
            try:
                run(exercise_id, answer)
            except CheckFailed as failure:
                messages.append(str(failure))
    assert messages, f"{mistake} passed every check"
    assert any(f"This looks like: {mistake}." in message for message in messages), messages


def _stable_sigmoid(x):
    return np.exp(-np.logaddexp(0, -x))


def _softmax_with_loops(x):
    rows = []
    for row in x:
        exponentials = [np.exp(value - max(row)) for value in row]
        rows.append([value / sum(exponentials) for value in exponentials])
    return np.array(rows)


CORRECT_VARIANTS = [
    ("activations.sigmoid", _stable_sigmoid),
    ("activations.sigmoid", lambda x: np.exp(x) / (1 + np.exp(x)) if np.all(np.abs(x) < 50) else 1 / (1 + np.exp(-x))),
    ("activations.sigmoid2deriv", lambda output: output - output**2),
    ("activations.tanh", lambda x: 2 / (1 + np.exp(-2 * np.clip(x, -300, 300))) - 1),
    ("activations.tanh2deriv", lambda output: (1 - output) * (1 + output)),
    ("activations.relu", lambda x: np.maximum(x, 0)),
    ("activations.relu", lambda x: np.where(x > 0, x, 0.0)),
    ("activations.relu2deriv", lambda output: (output > 0).astype(float)),
    ("activations.relu2deriv", lambda output: np.where(output > 0, 1, 0)),
    ("activations.softmax", _softmax_with_loops),
    (
        "activations.softmax",
        lambda x: (
            np.exp(x - np.max(x, axis=-1, keepdims=True))
            / np.exp(x - np.max(x, axis=-1, keepdims=True)).sum(-1, keepdims=True)
        ),
    ),
    ("activations.softmax_delta", lambda labels, prediction: (labels - prediction) / labels.shape[0]),
    ("activations.softmax_delta", lambda labels, prediction: -(prediction - labels) / len(prediction)),
    ("activations.tanh_softmax_step", _step_with()),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    check(exercise_id, answer)
    check_hidden(exercise_id, answer)


# --- the prediction before the saturation explorer ---------------------------------------------------------------

PREDICTION = "activations.relu_off_share_as_weights_grow"


def test_the_prediction_comes_before_the_explorer_with_a_visible_check_and_no_hidden_one():
    notebook = read_notebook(notebook_path("10-activation-functions"))
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    assert [e.id for e in topic_exercises("activations").values() if e.predict] == [PREDICTION]
    (explorer,) = [cell for cell in notebook.cells if "ActivationExplorer(" in cell.source]
    assert ids.index("relu_off_share_as_weights_grow") < ids.index(explorer.metadata["nbgrader"]["grade_id"])
    visible = notebook.cells[ids.index("relu_off_share_as_weights_grow-visible")]
    assert visible.metadata["nbgrader"]["points"] == 1 and "relu_off_share_as_weights_grow-hidden" not in ids


def test_the_right_prediction_passes(capsys):
    from support import assert_passes

    assert_passes(PREDICTION, "stays the same")
    assert "is right" in capsys.readouterr().out


def test_the_explorer_shows_the_predicted_answer(mnist):
    """As the text after the explorer says: at ±0.01 no unit saturates; at ±1 two thirds of the tanh units and more
    than half of the sigmoid units do; relu's share of units off stays at about half at every size."""
    images = mnist[0][:200]  # the explorer's 200 digits

    def share_below(name, size):
        activation, slope = getattr(lesson.answers, name), getattr(lesson.answers, f"{name}2deriv")
        weights = 2 * size * np.random.RandomState(1).random_sample((784, 100)) - size  # as the explorer draws them
        return np.mean(slope(activation(images.dot(weights))) < SATURATED_BELOW)

    assert share_below("tanh", 0.01) == share_below("sigmoid", 0.01) == 0
    assert round(share_below("tanh", 1.0), 2) == 0.67 and 0.5 < share_below("sigmoid", 1.0) < 0.6
    relu_shares = {share_below("relu", size) for size in (0.001, 0.01, 0.1, 1.0)}
    assert len(relu_shares) == 1 and abs(relu_shares.pop() - 0.5) < 0.02


@pytest.mark.parametrize(
    "value, words",
    [
        ("rises", "This looks like: relu saturating like tanh."),
        ("falls", "Hint: A relu unit is off exactly when its weighted sum is negative"),
        ("same", "a prediction here is one of 'rises', 'stays the same', 'falls'"),
    ],
)
def test_wrong_predictions_fail_with_their_message(value, words):
    with pytest.raises(CheckFailed) as failed:
        check(PREDICTION, value)
    assert words in str(failed.value) and "expected" not in str(failed.value).lower()


def test_the_students_notebook_holds_a_stub_and_the_check_data_no_answer():
    from answers import shipped_predictions

    from grader.lessons import LESSONS

    lesson_notebook = read_notebook(notebook_path("10-activation-functions", LESSONS))
    (stub,) = [
        c.source
        for c in lesson_notebook.cells
        if c.metadata["nbgrader"]["grade_id"] == "relu_off_share_as_weights_grow"
    ]
    assert stub.splitlines()[-1] == "relu_off_share_as_weights_grow = ..."
    assert shipped_predictions(REPOSITORY) == []  # the lessons and check data as the release copies them
