"""A training loop for the MNIST networks of lessons 09 and 10, Keras's gradients for the same networks, and
the two lessons' explorers.

Those lessons train networks of one shape — 784 pixels → a hidden layer → 10 digits — with a ``step``
function the student writes. What is not the lessons' subject lives here: looping over iterations and
batches, drawing dropout masks, measuring accuracy, and asking Keras for its gradients.

* :class:`RegularisationExplorer` (lesson 09) trains the student's steps on a subset of the digits again
  whenever dropout, the batch size, alpha or the number of passes changes, and draws the learning curves;
* :class:`ActivationExplorer` (lesson 10) draws the student's activation function and its slope, and what they
  do to a hidden layer of MNIST images whose weights start at a chosen size.

Both take the student's functions from the lesson cell and say in one line, inside the widget, when one is not
written yet or raises (see :mod:`helpers.training_explorer`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import ipywidgets as widgets
import numpy as np
from tqdm.auto import tqdm

from helpers.plots import plot_curves
from helpers.training_explorer import StudentCodeProblem, TrainingExplorer, call_student


def accuracy(outputs: np.ndarray, labels: np.ndarray) -> float:
    """The share of rows whose largest output is at the position of the label's 1."""
    return float(np.mean(np.argmax(outputs, axis=1) == np.argmax(labels, axis=1)))


def squared_error(outputs: np.ndarray, labels: np.ndarray) -> float:
    """The squared error per image, summed over the outputs: the book's Train-Err and Test-Err."""
    return float(np.sum((labels - outputs) ** 2) / len(labels))


@dataclass
class History:
    """What a training run measured at its checkpoints, and the weights it returned.

    ``accuracy`` and ``error`` hold one list per data set, one value per checkpoint in ``iterations``.
    ``"train"`` is measured on the predictions the steps made while training (before each update, with
    dropout when there is dropout), the way the book's Train-Acc is; every other set is scored by ``predict``
    with the weights of that moment.
    """

    iterations: list[int] = field(default_factory=list)
    accuracy: dict[str, list[float]] = field(default_factory=dict)
    error: dict[str, list[float]] = field(default_factory=dict)
    weights: tuple[np.ndarray, np.ndarray] = ()
    seconds: float = 0.0

    def at(self, iteration: int, data: str = "test") -> float:
        """The accuracy on ``data`` measured at checkpoint ``iteration``."""
        return self.accuracy[data][self.iterations.index(iteration)]

    def table(self, iterations=None) -> str:
        """One line per checkpoint (or per listed iteration): accuracy on every set."""
        names = list(self.accuracy)
        lines = ["iteration  " + "  ".join(f"{name + ' acc':>14}" for name in names)]
        for index, iteration in enumerate(self.iterations):
            if iterations is None or iteration in iterations:
                lines.append(f"{iteration:>9}  " + "  ".join(f"{self.accuracy[name][index]:>14.4f}" for name in names))
        return "\n".join(lines)


def _batches(images: np.ndarray, batch_size: int) -> list[tuple[slice, np.ndarray | None, np.ndarray]]:
    """(rows, inked pixel columns or None for all, the batch's images restricted to them) for each batch."""
    batches = []
    for start in range(0, len(images), batch_size):
        rows = slice(start, start + batch_size)
        layer_0 = images[rows]
        inked = np.flatnonzero(layer_0.any(axis=0))
        if len(inked) == images.shape[1]:
            batches.append((rows, None, layer_0))
        else:
            batches.append((rows, inked, layer_0[:, inked]))
    return batches


def train(
    step: Callable,
    weights_0_1: np.ndarray,
    weights_1_2: np.ndarray,
    images: np.ndarray,
    labels: np.ndarray,
    *,
    alpha: float,
    iterations: int,
    predict: Callable,
    batch_size: int = 1,
    dropout_rng: np.random.RandomState | None = None,
    evaluate: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None,
    every: int = 10,
    stop: Callable[[History], bool] | None = None,
    progress: bool = True,
    description: str = "training",
) -> History:
    """Train a copy of the weights for ``iterations`` passes over ``images``, one ``step`` per batch.

    ``step(layer_0, labels, weights_0_1, weights_1_2, alpha)`` updates the weights from one batch (the rows of
    ``layer_0``) and returns ``(layer_2, weights_0_1, weights_1_2)``: the outputs it predicted before the update,
    and the new weights. With ``dropout_rng`` (a ``np.random.RandomState``) each step also receives a
    ``dropout_mask`` of 0s and 1s, one per image and hidden unit, drawn in the order the book's
    ``np.random.randint(2, size=layer_1.shape)`` draws them.

    At iteration 0, every ``every`` iterations and at the last one, the sets in ``evaluate`` (name → (images,
    labels)) are scored with ``predict(images, weights_0_1, weights_1_2)``, which returns the outputs.
    ``stop(history)``, called after each checkpoint, ends training there when it returns True.

    Each step sees only the pixel columns inked somewhere in its batch, with the matching rows of
    ``weights_0_1``: a pixel that is 0 adds nothing to layer_1 and its weights get no update, so leaving it out
    changes nothing but the speed (and the order in which layer_1's sums are added up).
    """
    weights_0_1, weights_1_2 = weights_0_1.copy(), weights_1_2.copy()
    evaluate = dict(evaluate or {})
    history = History(
        accuracy={name: [] for name in ["train", *evaluate]}, error={name: [] for name in ["train", *evaluate]}
    )
    batches = _batches(images, batch_size)
    predictions = np.zeros(labels.shape)
    started = time.perf_counter()
    bar = tqdm(range(iterations), desc=description, unit="iteration", disable=not progress, leave=True)
    for iteration in bar:
        masks = dropout_rng.randint(2, size=(len(images), weights_1_2.shape[0])) if dropout_rng is not None else None
        for rows, inked, layer_0 in batches:
            first_layer = weights_0_1 if inked is None else weights_0_1[inked]
            extra = () if masks is None else (masks[rows],)
            layer_2, first_layer, weights_1_2 = step(layer_0, labels[rows], first_layer, weights_1_2, alpha, *extra)
            if inked is None:
                weights_0_1 = first_layer
            else:
                weights_0_1[inked] = first_layer
            predictions[rows] = layer_2
        if iteration % every and iteration != iterations - 1:
            continue
        history.iterations.append(iteration)
        history.accuracy["train"].append(accuracy(predictions, labels))
        history.error["train"].append(squared_error(predictions, labels))
        for name, (set_images, set_labels) in evaluate.items():
            outputs = predict(set_images, weights_0_1, weights_1_2)
            history.accuracy[name].append(accuracy(outputs, set_labels))
            history.error[name].append(squared_error(outputs, set_labels))
        bar.set_postfix({name: f"{values[-1]:.4f}" for name, values in history.accuracy.items()}, refresh=False)
        if stop is not None and stop(history):
            break
    bar.close()
    history.seconds = time.perf_counter() - started
    history.weights = (weights_0_1, weights_1_2)
    return history


def keras_gradients(model, loss: Callable, inputs, labels) -> tuple[np.ndarray, list[np.ndarray]]:
    """Keras's outputs for ``inputs``, and the gradient of ``loss(labels, outputs)`` for each of the model's weights.

    Keras 3 on the JAX backend: the model is called as a pure function of its weights
    (``model.stateless_call``) and ``jax.value_and_grad`` differentiates the loss through it.
    """
    import jax

    fixed = [variable.value for variable in model.non_trainable_variables]

    def loss_and_outputs(trainable):
        outputs, _ = model.stateless_call(trainable, fixed, inputs)
        return loss(labels, outputs), outputs

    trainable = [variable.value for variable in model.trainable_variables]
    (_, outputs), gradients = jax.value_and_grad(loss_and_outputs, has_aux=True)(trainable)
    return np.asarray(outputs), [np.asarray(gradient) for gradient in gradients]


# --- lesson 09: dropout, batch size and alpha ------------------------------------------------------------------

ALPHAS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
BATCH_SIZES = (1, 10, 50, 100)


def _control(kind, description: str, value, **options) -> widgets.Widget:
    if "continuous_update" in kind.class_trait_names():
        # Train again when a slider is released, not at every pixel of a drag: a run takes most of a second.
        options["continuous_update"] = False
    return kind(
        value=value,
        description=description,
        style={"description_width": "110px"},
        layout=widgets.Layout(width="480px"),
        **options,
    )


def _checked_step(name: str, step: Callable, hidden: int) -> Callable:
    """The student's ``step`` for :func:`train`, its problems turned into one line naming it."""

    def checked(layer_0, labels, weights_0_1, weights_1_2, alpha, *mask):
        returned = call_student(name, step, layer_0, labels, weights_0_1, weights_1_2, alpha, *mask)
        if not isinstance(returned, tuple) or len(returned) != 3:
            raise StudentCodeProblem(
                f"{name} returned {type(returned).__name__}: it returns (layer_2, weights_0_1, weights_1_2)"
            )
        layer_2, new_0_1, new_1_2 = (np.asarray(value, dtype=float) for value in returned)
        expected = {
            "layer_2": (len(layer_0), labels.shape[1]),
            "weights_0_1": weights_0_1.shape,
            "weights_1_2": (hidden, labels.shape[1]),
        }
        for (what, shape), value in zip(expected.items(), (layer_2, new_0_1, new_1_2)):
            if value.shape != shape:
                raise StudentCodeProblem(f"{name} returned {what} of shape {value.shape}, expected {shape}")
        return layer_2, new_0_1, new_1_2

    return checked


class RegularisationExplorer(TrainingExplorer):
    """Lesson 09: the student's ``sgd_step`` or ``dropout_step`` trains a fresh network on a subset of the digits,
    with controls for dropout (off, or half the hidden units), the batch size, ``alpha`` and the passes.

    ``sgd_step(layer_0, labels, weights_0_1, weights_1_2, alpha)`` and ``dropout_step(..., alpha, dropout_mask)``
    return ``(layer_2, weights_0_1, weights_1_2)``; ``predict(images, weights_0_1, weights_1_2)`` the outputs.
    Every run starts from the same weights (seed 1) and draws its masks from the same seed, so a change of the
    picture comes from the control that moved. The picture shows the training and test accuracy after every
    few passes; the readout the final and best test accuracy and the gap between training and test.
    """

    def __init__(
        self,
        sgd_step: Callable,
        dropout_step: Callable,
        predict: Callable,
        images,
        labels,
        test_images,
        test_labels,
        *,
        train_size: int = 200,
        test_size: int = 500,
        hidden: int = 100,
        dropout: bool = True,
        batch_size: int = 10,
        alpha: float = 0.05,
        passes: int = 30,
    ):
        self.steps, self.student_predict, self.hidden = {False: sgd_step, True: dropout_step}, predict, hidden
        self.data = (images[:train_size], labels[:train_size], test_images[:test_size], test_labels[:test_size])
        controls = {
            "dropout": _control(widgets.ToggleButtons, "dropout", dropout, options=[("off", False), ("on", True)]),
            "batch_size": _control(widgets.SelectionSlider, "batch size", batch_size, options=BATCH_SIZES),
            "alpha": _control(widgets.SelectionSlider, "alpha", alpha, options=sorted({*ALPHAS, alpha})),
            "passes": _control(widgets.IntSlider, "passes", passes, min=10, max=60, step=10),
        }
        super().__init__(controls)
        self.add_class("regularisation-explorer")

    def train(self, values, progress):
        images, labels, test_images, test_labels = self.data
        name = "dropout_step" if values["dropout"] else "sgd_step"
        step = _checked_step(name, self.steps[values["dropout"]], self.hidden)

        def predict(set_images, weights_0_1, weights_1_2):
            outputs = call_student("predict", self.student_predict, set_images, weights_0_1, weights_1_2)
            return np.asarray(outputs, dtype=float).reshape(len(set_images), -1)

        random = np.random.RandomState(1)
        weights_0_1 = 0.2 * random.random_sample((images.shape[1], self.hidden)) - 0.1
        weights_1_2 = 0.2 * random.random_sample((self.hidden, labels.shape[1])) - 0.1
        bar = self.progress_bar
        bar.max, bar.value = values["passes"], 0

        def report(history):
            bar.value = history.iterations[-1] + 1
            return False

        history = train(
            step,
            weights_0_1,
            weights_1_2,
            images,
            labels,
            alpha=values["alpha"],
            iterations=values["passes"],
            predict=predict,
            batch_size=values["batch_size"],
            dropout_rng=random if values["dropout"] else None,
            evaluate={"test": (test_images, test_labels)},
            every=5,
            stop=report,
            progress=False,
        )
        return {**values, "history": history}

    def draw(self, result, figure):
        history = result["history"]
        ax = figure.subplots()
        passes = [iteration + 1 for iteration in history.iterations]
        plot_curves(
            {"train (while training)": history.accuracy["train"], "test": history.accuracy["test"]},
            x=passes,
            ax=ax,
            xlabel="passes over the training images",
            ylabel="accuracy",
            title=f"{len(self.data[0])} training digits, {len(self.data[2])} test digits: "
            + ("dropout" if result["dropout"] else "no dropout")
            + f", batches of {result['batch_size']}, alpha {result['alpha']:g}",
        )
        ax.set_ylim(0, 1.02)

    def summary(self, result):
        test, train_accuracy = result["history"].accuracy["test"], result["history"].accuracy["train"]
        best = int(np.argmax(test))
        passes = result["history"].iterations
        return (
            f'After {result["passes"]} passes: test accuracy <b data-accuracy="{test[-1]:.4f}">{test[-1]:.3f}</b> '
            f"(best {test[best]:.3f}, after {passes[best] + 1} passes), training accuracy {train_accuracy[-1]:.3f}: "
            f"a gap of {html.escape(f'{train_accuracy[-1] - test[-1]:+.3f}')}."
        )


# --- lesson 10: the choice of activation ------------------------------------------------------------------------

WEIGHT_SIZES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
SATURATED_BELOW = 0.05  # a unit whose slope is below this passes on less than a twentieth of its delta


class ActivationExplorer(TrainingExplorer):
    """Lesson 10: the student's activation functions and slopes, and what they do to a hidden layer of digits.

    ``functions`` maps a name to ``(activation, slope)``: ``activation(x)`` elementwise, ``slope(output)`` its
    slope computed from its output. A choice of function and a size of the starting weights (uniform in
    ±size) give the left picture, the function and its slope beside a numerical slope, and the right picture,
    the slopes of a hidden layer of ``hidden`` units for the ``images``: how many units would pass on their
    delta, and how many are saturated or switched off. The readout says how far the slope is from the
    numerical one, and the share of saturated units.
    """

    figure_size = (10, 3.4)

    def __init__(
        self,
        functions: Mapping[str, tuple[Callable, Callable]],
        images,
        *,
        hidden: int = 100,
        activation: str = "tanh",
        weight_size: float = 0.01,
    ):
        self.functions, self.images, self.hidden = dict(functions), np.asarray(images, dtype=float), hidden
        controls = {
            "activation": _control(widgets.ToggleButtons, "activation", activation, options=list(self.functions)),
            "weight_size": _control(
                widgets.SelectionSlider, "weights ±", weight_size, options=sorted({*WEIGHT_SIZES, weight_size})
            ),
        }
        super().__init__(controls)
        self.add_class("activation-explorer")

    def _apply(self, name: str, function: Callable, values: np.ndarray) -> np.ndarray:
        returned = call_student(name, function, values)
        try:
            result = np.asarray(returned, dtype=float)
        except (TypeError, ValueError):
            raise StudentCodeProblem(f"{name} returned {type(returned).__name__}, not an array of numbers") from None
        if result.shape != values.shape:
            raise StudentCodeProblem(f"{name} returned shape {result.shape} for an input of shape {values.shape}")
        return result

    def train(self, values, progress):
        name = values["activation"]
        activation, slope = self.functions[name]
        slope_name = getattr(slope, "__name__", f"{name}'s slope")
        x = np.linspace(-4, 4, 161)
        x = x[np.abs(x) > 1e-9]  # relu has no slope at 0
        outputs = self._apply(name, activation, x)
        slopes = self._apply(slope_name, slope, outputs)
        epsilon = 1e-5
        numerical = (self._apply(name, activation, x + epsilon) - self._apply(name, activation, x - epsilon)) / (
            2 * epsilon
        )
        random = np.random.RandomState(1)
        size = values["weight_size"]
        weights = 2 * size * random.random_sample((self.images.shape[1], self.hidden)) - size
        hidden_sums = self.images.dot(weights)
        hidden_slopes = self._apply(slope_name, slope, self._apply(name, activation, hidden_sums))
        return {
            **values,
            "slope_name": slope_name,
            "x": x,
            "outputs": outputs,
            "slopes": slopes,
            "numerical": numerical,
            "hidden_slopes": hidden_slopes,
        }

    def draw(self, result, figure):
        left, right = figure.subplots(1, 2)
        name = result["activation"]
        plot_curves(
            {name: result["outputs"], f"{result['slope_name']}({name}(x))": result["slopes"]},
            x=result["x"],
            ax=left,
            xlabel="input x",
            ylabel="output, slope",
            title=f"your {name} and its slope",
        )
        left.plot(result["x"], result["numerical"], ":", color="black", lw=1.5, label="numerical slope")
        left.legend(fontsize=8)
        slopes = result["hidden_slopes"].ravel()
        right.hist(slopes, bins=40, range=(0, max(1.0, float(slopes.max()))), histtype="stepfilled", color="tab:blue")
        right.axvspan(0, SATURATED_BELOW, color="tab:red", alpha=0.15, label="saturated or off")
        right.set_xlabel("slope of a hidden unit for one image")
        right.set_ylabel("units × images")
        right.set_title(f"{self.hidden} hidden units, {len(self.images)} digits, weights ±{result['weight_size']:g}")
        right.legend(fontsize=8)

    def summary(self, result):
        name, slope_name = result["activation"], result["slope_name"]
        difference = float(np.max(np.abs(result["slopes"] - result["numerical"])))
        saturated = float(np.mean(result["hidden_slopes"] < SATURATED_BELOW))
        agreement = (
            f"{slope_name} agrees with the numerical slope (largest difference {difference:.1e})"
            if difference < 1e-4
            else f"{slope_name} is <b>not</b> the slope of {name}: it differs from the numerical slope by up to "
            f"{difference:.3g}"
        )
        return (
            f"{agreement}. With starting weights ±{result['weight_size']:g}, "
            f'<b data-saturated="{saturated:.4f}">{saturated:.0%}</b> of the hidden units have a slope below '
            f"{SATURATED_BELOW} (saturated or switched off), mean slope {float(np.mean(result['hidden_slopes'])):.3f}."
        )
