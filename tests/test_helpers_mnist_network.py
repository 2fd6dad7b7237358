"""The training loop of the MNIST lessons and the bridge to Keras's gradients."""

import numpy as np
import pytest

from helpers.mnist_network import History, accuracy, keras_gradients, squared_error, train


def _step(layer_0, labels, weights_0_1, weights_1_2, alpha, *mask):
    """A plain gradient step of a relu network (with dropout when a mask is given)."""
    layer_1 = np.maximum(layer_0 @ weights_0_1, 0)
    dropped = layer_1 * mask[0] * 2 if mask else layer_1
    layer_2 = dropped @ weights_1_2
    layer_2_delta = (labels - layer_2) / len(labels)
    layer_1_delta = layer_2_delta @ weights_1_2.T * (layer_1 > 0) * (mask[0] * 2 if mask else 1)
    return layer_2, weights_0_1 + alpha * layer_0.T @ layer_1_delta, weights_1_2 + alpha * dropped.T @ layer_2_delta


def _predict(images, weights_0_1, weights_1_2):
    return np.maximum(images @ weights_0_1, 0) @ weights_1_2


@pytest.fixture
def data():
    """20 'images' of 12 pixels, a third of the pixels never inked, and their one-hot labels among 3 classes."""
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 1, (20, 12)) * (rng.uniform(0, 1, (20, 12)) < 0.5)
    images[:, :4] = 0
    labels = np.eye(3)[rng.integers(0, 3, 20)]
    weights = rng.uniform(-0.5, 0.5, (12, 5)), rng.uniform(-0.5, 0.5, (5, 3))
    return images, labels, weights


def _plain_loop(step, weights, images, labels, alpha, iterations, batch_size=1, masks=None):
    """What train does, without leaving out the pixels that are not inked."""
    weights_0_1, weights_1_2 = weights
    for iteration in range(iterations):
        for start in range(0, len(images), batch_size):
            rows = slice(start, start + batch_size)
            mask = () if masks is None else (masks[iteration][rows],)
            _, weights_0_1, weights_1_2 = step(images[rows], labels[rows], weights_0_1, weights_1_2, alpha, *mask)
    return weights_0_1, weights_1_2


def test_accuracy_and_squared_error():
    outputs = np.array([[0.1, 0.9], [0.8, 0.3], [0.4, 0.6]])
    labels = np.array([[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    assert accuracy(outputs, labels) == pytest.approx(2 / 3)
    assert squared_error(outputs, labels) == pytest.approx((0.01 + 0.01 + 0.64 + 0.49 + 0.16 + 0.16) / 3)


@pytest.mark.parametrize("batch_size", [1, 3, 20])
def test_leaving_out_the_pixels_that_are_never_inked_changes_nothing(data, batch_size):
    images, labels, weights = data
    history = train(
        _step,
        *weights,
        images,
        labels,
        alpha=0.1,
        iterations=4,
        batch_size=batch_size,
        predict=_predict,
        progress=False,
    )
    expected = _plain_loop(_step, weights, images, labels, 0.1, 4, batch_size)
    for trained, reference in zip(history.weights, expected):
        np.testing.assert_allclose(trained, reference, rtol=1e-12, atol=1e-15)


def test_dropout_masks_are_drawn_in_the_books_order(data):
    images, labels, weights = data
    history = train(
        _step,
        *weights,
        images,
        labels,
        alpha=0.1,
        iterations=3,
        batch_size=4,
        predict=_predict,
        dropout_rng=np.random.RandomState(7),
        progress=False,
    )
    book = np.random.RandomState(7)  # the book draws one mask per batch: np.random.randint(2, size=layer_1.shape)
    masks = [np.concatenate([book.randint(2, size=(4, 5)) for _ in range(5)]) for _ in range(3)]
    expected = _plain_loop(_step, weights, images, labels, 0.1, 3, 4, masks)
    for trained, reference in zip(history.weights, expected):
        np.testing.assert_allclose(trained, reference, rtol=1e-12, atol=1e-15)


def test_checkpoints_are_the_first_every_tenth_and_the_last_iteration(data):
    images, labels, weights = data
    test = (images[:5], labels[:5])
    history = train(
        _step,
        *weights,
        images,
        labels,
        alpha=0.05,
        iterations=25,
        predict=_predict,
        evaluate={"test": test},
        progress=False,
    )
    assert isinstance(history, History) and history.iterations == [0, 10, 20, 24]
    assert list(history.accuracy) == list(history.error) == ["train", "test"]
    assert all(len(values) == 4 for values in [*history.accuracy.values(), *history.error.values()])
    assert history.accuracy["test"][-1] == accuracy(_predict(test[0], *history.weights), test[1])
    assert history.at(20) == history.accuracy["test"][2] and history.at(20, "train") == history.accuracy["train"][2]
    assert history.seconds > 0
    table = history.table([0, 24]).splitlines()
    assert len(table) == 3 and table[0].split() == ["iteration", "train", "acc", "test", "acc"]


def test_train_accuracy_is_measured_on_the_predictions_made_while_training(data):
    images, labels, weights = data
    seen = []

    def recording_step(layer_0, labels, weights_0_1, weights_1_2, alpha):
        layer_2, *new = _step(layer_0, labels, weights_0_1, weights_1_2, alpha)
        seen.append(layer_2)
        return (layer_2, *new)

    history = train(
        recording_step, *weights, images, labels, alpha=0.05, iterations=1, predict=_predict, progress=False
    )
    assert history.accuracy["train"] == [accuracy(np.concatenate(seen), labels)]
    assert history.error["train"] == [pytest.approx(squared_error(np.concatenate(seen), labels))]


def test_the_callers_weights_are_left_alone(data):
    images, labels, weights = data
    before = [w.copy() for w in weights]
    train(_step, *weights, images, labels, alpha=0.1, iterations=2, predict=_predict, progress=False)
    for original, now in zip(before, weights):
        np.testing.assert_array_equal(original, now)


def test_keras_gradients_are_those_of_the_loss_through_the_model():
    import jax
    import keras

    rng = np.random.default_rng(3)
    inputs, labels = rng.normal(size=(6, 4)), np.eye(3)[rng.integers(0, 3, 6)]
    weights = rng.normal(size=(4, 5)), rng.normal(size=(5, 3))
    previous = keras.config.floatx()
    keras.config.set_floatx("float64")
    try:
        with jax.enable_x64(True):
            model = keras.Sequential(
                [
                    keras.Input(shape=(4,)),
                    keras.layers.Dense(5, activation="relu", use_bias=False),
                    keras.layers.Dense(3, use_bias=False),
                ]
            )
            model.set_weights(list(weights))
            outputs, gradients = keras_gradients(
                model, lambda y, out: keras.ops.sum((y - out) ** 2) / 2, inputs, labels
            )
    finally:
        keras.config.set_floatx(previous)
    hidden = np.maximum(inputs @ weights[0], 0)
    np.testing.assert_allclose(outputs, hidden @ weights[1], atol=1e-12)
    output_gradient = hidden @ weights[1] - labels
    np.testing.assert_allclose(gradients[1], hidden.T @ output_gradient, atol=1e-12)
    np.testing.assert_allclose(gradients[0], inputs.T @ (output_gradient @ weights[1].T * (hidden > 0)), atol=1e-12)


def test_stop_ends_training_after_the_checkpoint_where_it_says_so(data):
    images, labels, weights = data
    seen = []

    def stop(history):
        seen.append(history.iterations[-1])
        return history.iterations[-1] == 20

    history = train(
        _step, *weights, images, labels, alpha=0.05, iterations=100, predict=_predict, stop=stop, progress=False
    )
    assert seen == history.iterations == [0, 10, 20]
    expected = _plain_loop(_step, weights, images, labels, 0.05, 21)
    for trained, reference in zip(history.weights, expected):
        np.testing.assert_allclose(trained, reference, rtol=1e-12, atol=1e-15)


# --- the explorers -------------------------------------------------------------------------------------------


@pytest.fixture
def digits():
    """60 'digits' of 16 pixels with labels among 10 classes, and 30 more to test on."""
    rng = np.random.default_rng(1)
    images = rng.uniform(0, 1, (90, 16)) * (rng.uniform(0, 1, (90, 16)) < 0.6)
    labels = np.eye(10)[rng.integers(0, 10, 90)]
    return images[:60], labels[:60], images[60:], labels[60:]


def _sgd_step(layer_0, labels, weights_0_1, weights_1_2, alpha):
    return _step(layer_0, labels, weights_0_1, weights_1_2, alpha)


def _regularisation_explorer(digits, dropout_step=_step, **options):
    from helpers.mnist_network import RegularisationExplorer

    return RegularisationExplorer(_sgd_step, dropout_step, _predict, *digits, hidden=8, **options)


def test_the_regularisation_explorer_trains_the_students_steps_and_redraws_when_a_control_moves(digits):
    explorer = _regularisation_explorer(digits, passes=10)
    assert explorer.problem == "" and explorer.plot.value and "regularisation-explorer" in explorer._dom_classes
    history, picture = explorer.result["history"], explorer.plot.value
    assert history.iterations == [0, 5, 9] and len(history.accuracy["test"]) == 3
    assert explorer.progress_bar.value == 10
    explorer.controls["dropout"].value = False
    assert explorer.plot.value != picture and explorer.result["history"].accuracy != history.accuracy


def test_the_regularisation_explorer_names_a_missing_or_failing_step_in_one_line_and_recovers(digits):
    def unwritten(*args):
        raise NotImplementedError("apply_dropout: replace this line with your code")

    explorer = _regularisation_explorer(digits, dropout_step=unwritten, passes=10)
    assert explorer.problem.startswith("apply_dropout is not written yet") and "\n" not in explorer.problem
    assert explorer.plot.layout.display == "none"
    explorer.controls["dropout"].value = False  # sgd_step works: the picture comes back
    assert explorer.problem == "" and explorer.plot.layout.display is None
    explorer.steps[True] = lambda *args: (args[1], args[2])
    explorer.controls["dropout"].value = True
    assert explorer.problem == "dropout_step returned tuple: it returns (layer_2, weights_0_1, weights_1_2)"


def test_the_regularisation_explorer_names_a_step_that_returns_the_wrong_shapes(digits):
    explorer = _regularisation_explorer(digits, dropout_step=lambda l0, y, w01, w12, alpha, mask: (y, w01, w01))
    assert explorer.problem == "dropout_step returned weights_1_2 of shape (16, 8), expected (8, 10)"


def _activation_explorer(functions, **options):
    from helpers.mnist_network import ActivationExplorer

    images = np.random.default_rng(2).uniform(0, 1, (30, 16))
    return ActivationExplorer(functions, images, hidden=6, **options)


def test_the_activation_explorer_draws_the_students_functions_and_counts_saturated_units():
    functions = {"tanh": (np.tanh, lambda output: 1 - output**2), "relu": (lambda x: np.maximum(x, 0), lambda o: o > 0)}
    explorer = _activation_explorer(functions)
    assert explorer.problem == "" and "agrees with the numerical slope" in explorer.readout.value
    assert 'data-saturated="0.0000"' in explorer.readout.value
    picture = explorer.plot.value
    explorer.controls["weight_size"].value = 1.0
    assert explorer.plot.value != picture and float(explorer.result["hidden_slopes"].min()) < 0.05
    explorer.controls["activation"].value = "relu"
    assert explorer.result["activation"] == "relu" and "<b>not</b>" not in explorer.readout.value


def test_the_activation_explorer_says_when_a_slope_is_wrong_or_a_function_unwritten():
    def tanh2deriv(output):
        return 1 - output

    def unwritten(x):
        raise NotImplementedError("sigmoid: replace this line with your code")

    explorer = _activation_explorer({"tanh": (np.tanh, tanh2deriv), "sigmoid": (unwritten, tanh2deriv)})
    assert "tanh2deriv is <b>not</b> the slope of tanh" in explorer.readout.value
    explorer.controls["activation"].value = "sigmoid"
    assert explorer.problem.startswith("sigmoid is not written yet") and explorer.plot.layout.display == "none"
