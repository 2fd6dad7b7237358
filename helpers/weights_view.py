"""Pictures of weights at work: the error seen from each weight, a dot product as an image, a forward pass.

* ``plot_error_slices`` draws, for every weight, the error as a function of that weight alone (the
  others held where they were), once per training iteration, with a dot where the weight was.
* ``plot_dot_product`` shows an input image, a weight image and their elementwise product, whose sum
  is the prediction.
* ``plot_forward_pass`` draws a network the compact way: every layer a vector (or a matrix of rows, one
  per example) and every weight matrix a block of colours, each titled with its name and shape.
"""

from __future__ import annotations

from typing import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

CMAP = "RdBu"


def plot_error_slices(error_of: Callable[[list[float]], float], weights_history: Sequence[Sequence[float]], *,
                      names: Sequence[str] | None = None, points: int = 101):  # fmt: skip
    """One panel per weight: the error against that weight, for each set of weights in ``weights_history``.

    ``error_of(weights)`` is the error of a list of weights. Each iteration's curve holds the other weights
    at their values of that iteration; its dot marks where the weight itself was. Later iterations are
    drawn darker. A frozen weight keeps its dot in place while its curve moves. Returns the Figure.
    """
    history = np.asarray(weights_history, dtype=float)
    n_iterations, n_weights = history.shape
    names = list(names) if names is not None else [f"weight {i}" for i in range(n_weights)]
    figure, axes = plt.subplots(1, n_weights, figsize=(3.2 * n_weights, 3), sharey=True, squeeze=False)
    shades = plt.cm.Blues(np.linspace(0.35, 1.0, n_iterations))
    for index, ax in enumerate(axes[0]):
        low, high = history[:, index].min(), history[:, index].max()
        margin = max(high - low, 0.1)
        sweep = np.linspace(low - margin, high + margin, points)
        for iteration, (weights, shade) in enumerate(zip(history, shades)):
            trial = weights.copy()
            errors = []
            for value in sweep:
                trial[index] = value
                errors.append(error_of(list(trial)))
            ax.plot(sweep, errors, color=shade, label=f"iteration {iteration + 1}")
            ax.plot(weights[index], error_of(list(weights)), "o", color=shade, markeredgecolor="black")
        ax.set_xlabel(names[index])
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("error")
    axes[0][-1].legend(fontsize=8)
    figure.tight_layout()
    return figure


def plot_dot_product(image, weights, *, title: str | None = None):
    """An input image, a weight image of the same shape, and their elementwise product; return the Figure.

    The product's sum, the dot product of the two, is written above it: it is the prediction of the
    output those weights belong to.
    """
    image, weights = np.asarray(image, dtype=float), np.asarray(weights, dtype=float)
    if image.shape != weights.shape:
        raise ValueError(f"the image has shape {image.shape} but the weights have shape {weights.shape}")
    product = image * weights
    figure, axes = plt.subplots(1, 3, figsize=(7.5, 2.8))
    panels = [
        (image, "input", "gray_r", None),
        (weights, "weights", CMAP, float(np.abs(weights).max()) or 1.0),
        (product, f"input × weights: sum {product.sum():.3g}", CMAP, float(np.abs(product).max()) or 1.0),
    ]
    for ax, (values, label, cmap, limit) in zip(axes, panels):
        limits = {} if limit is None else dict(vmin=-limit, vmax=limit)
        ax.imshow(values, cmap=cmap, **limits)
        ax.set_title(label, fontsize=10)
        ax.axis("off")
    if title:
        figure.suptitle(title)
    figure.tight_layout()
    return figure


def _draw_block(ax, values: np.ndarray, title: str, annotate: bool) -> None:
    limit = float(np.abs(values).max()) or 1.0
    ax.imshow(values, cmap=CMAP, vmin=-limit, vmax=limit, aspect="equal")
    if annotate:
        for (row, column), value in np.ndenumerate(values):
            ax.text(column, row, f"{value:.2g}", ha="center", va="center", fontsize=8)
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_forward_pass(layers: Sequence, weights: Sequence, *, names: Sequence[str] | None = None):
    """``layer_0, weights_0_1, layer_1, weights_1_2, ...`` side by side, each titled with its name and shape.

    ``layers`` holds the values of every layer (a vector for one example, a matrix with one row per
    example for several), ``weights`` the matrices between them (one row per input unit, one column per
    output unit). ``names`` gives the layers' names (default ``layer_0``, ``layer_1``, ...). Returns the Figure.
    """
    layers = [np.asarray(layer, dtype=float) for layer in layers]
    weights = [np.atleast_2d(np.asarray(matrix, dtype=float)) for matrix in weights]
    if len(layers) != len(weights) + 1:
        raise ValueError(f"{len(layers)} layers need {len(layers) - 1} weight matrices, got {len(weights)}")
    names = list(names) if names is not None else [f"layer_{i}" for i in range(len(layers))]
    blocks = []
    for index, layer in enumerate(layers):
        blocks.append((np.atleast_2d(layer), f"{names[index]}\n{layer.shape}"))
        if index < len(weights):
            blocks.append((weights[index], f"weights_{index}_{index + 1}\n{weights[index].shape}"))
    widths = [block.shape[1] for block, _ in blocks]
    height = max(block.shape[0] for block, _ in blocks)
    figure, axes = plt.subplots(
        1, len(blocks), figsize=(min(0.55 * sum(widths) + 0.6 * len(blocks), 14), min(0.5 * height + 1.3, 8)),
        gridspec_kw={"width_ratios": widths},
    )  # fmt: skip
    for ax, (values, title) in zip(np.atleast_1d(axes), blocks):
        _draw_block(ax, values, title, annotate=values.size <= 60)
    figure.tight_layout()
    return figure
