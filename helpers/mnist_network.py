"""A training loop for the MNIST networks of lessons 09 and 10, and Keras's gradients for the same networks.

Those lessons train networks of one shape — 784 pixels → a hidden layer → 10 digits — with a ``step``
function the student writes. What is not the lessons' subject lives here: looping over iterations and
batches, drawing dropout masks, measuring accuracy, and asking Keras for its gradients.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from tqdm.auto import tqdm


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
