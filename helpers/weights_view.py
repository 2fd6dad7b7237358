"""Pictures of weights at work: the error seen from each weight, a dot product as an image, a forward pass.

* ``plot_error_slices`` draws, for every weight, the error as a function of that weight alone (the
  others held where they were), once per training iteration, with a dot where the weight was.
* ``plot_dot_products`` shows an input image, weight images and their elementwise products, whose sums
  are the outputs' scores.
* ``plot_weight_grid`` tiles rows of weight images (say, each output's weights after 1 and after 10 epochs)
  into a single picture, each image on its own colour scale centred on zero.
* ``plot_forward_pass`` draws a network the compact way: every layer a vector (or a matrix of rows, one
  per example) and every weight matrix a block of colours, each titled with its name and shape.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

CMAP = "RdBu"


def plot_error_slices(
    error_of: Callable[[list[float]], float],
    weights_history: Sequence[Sequence[float]],
    *,
    names: Sequence[str] | None = None,
    points: int = 101,
):
    """One panel per weight: the error against that weight, for each set of weights in ``weights_history``.

    ``error_of(weights)`` is the error of a list of weights. Each iteration's curve holds the other weights
    at their values of that iteration; its dot marks where the weight itself was. Later iterations are
    drawn darker. A frozen weight keeps its dot in place while its curve moves. Every panel spans the
    same width of weight values, so their steepness compares; each has its own error scale. Returns the Figure.
    """
    history = np.asarray(weights_history, dtype=float)
    n_iterations, n_weights = history.shape
    names = list(names) if names is not None else [f"weight {i}" for i in range(n_weights)]
    figure, axes = plt.subplots(1, n_weights, figsize=(3.2 * n_weights, 3), squeeze=False)
    shades = plt.cm.Blues(np.linspace(0.35, 1.0, n_iterations))
    spread = float((history.max(axis=0) - history.min(axis=0)).max())
    half_width = spread / 2 + max(spread, 0.1)
    for index, ax in enumerate(axes[0]):
        centre = (history[:, index].min() + history[:, index].max()) / 2
        sweep = np.linspace(centre - half_width, centre + half_width, points)
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


def plot_dot_products(image, weight_images: Sequence, *, labels: Sequence[str] | None = None):
    """One row per weight image: the input image, the weights, and their elementwise product; return the Figure.

    Each product's sum, the dot product of the input with those weights, is written above it: it is the
    score of the output those weights belong to. ``labels`` names the weight images (the outputs).
    """
    image = np.asarray(image, dtype=float)
    labels = list(labels) if labels is not None else [f"weights {i}" for i in range(len(weight_images))]
    figure, axes = plt.subplots(len(weight_images), 3, figsize=(7.5, 2.6 * len(weight_images)), squeeze=False)
    for row, (weights, label) in zip(axes, zip(weight_images, labels)):
        weights = np.asarray(weights, dtype=float)
        if weights.shape != image.shape:
            raise ValueError(f"the image has shape {image.shape} but {label} have shape {weights.shape}")
        product = image * weights
        panels = [
            (image, "input", "gray_r", None),
            (weights, label, CMAP, float(np.abs(weights).max()) or 1.0),
            (product, f"input × {label}: sum {product.sum():.3g}", CMAP, float(np.abs(product).max()) or 1.0),
        ]
        for ax, (values, title, cmap, limit) in zip(row, panels):
            limits = {} if limit is None else dict(vmin=-limit, vmax=limit)
            ax.imshow(values, cmap=cmap, **limits)
            ax.set_title(title, fontsize=10)
            ax.axis("off")
    figure.tight_layout()
    return figure


def plot_weight_grid(
    rows: Sequence[Sequence],
    *,
    row_labels: Sequence[str] | None = None,
    column_labels: Sequence[str] | None = None,
    title: str | None = None,
):
    """Tile equally shaped weight images, one list of images per row, into one picture; return the Figure.

    Each image is scaled by its own largest absolute value, so blue (positive) and red (negative) read the
    same in every tile whatever its magnitude. One picture instead of a grid of subplots draws much faster.
    """
    images = [[np.asarray(image, dtype=float) for image in row] for row in rows]
    height, width = images[0][0].shape
    n_rows, n_columns = len(images), max(len(row) for row in images)
    gap = 2
    canvas = np.full((n_rows * (height + gap) - gap, n_columns * (width + gap) - gap), np.nan)
    for r, row in enumerate(images):
        for c, image in enumerate(row):
            if image.shape != (height, width):
                raise ValueError(f"image {c} of row {r} has shape {image.shape}, the first has {(height, width)}")
            scale = float(np.abs(image).max()) or 1.0
            top, left = r * (height + gap), c * (width + gap)
            canvas[top : top + height, left : left + width] = image / scale
    cmap = plt.get_cmap(CMAP).with_extremes(bad="white")  # the gaps between tiles
    figure, ax = plt.subplots(figsize=(1.2 * n_columns + 1, 1.2 * n_rows + 0.6))
    ax.imshow(canvas, cmap=cmap, vmin=-1, vmax=1)
    ax.set_xticks(
        [c * (width + gap) + width / 2 - 0.5 for c in range(n_columns)],
        column_labels if column_labels is not None else [""] * n_columns,
    )
    ax.set_yticks(
        [r * (height + gap) + height / 2 - 0.5 for r in range(n_rows)],
        row_labels if row_labels is not None else [""] * n_rows,
    )
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    for side in ax.spines.values():
        side.set_visible(False)
    if title:
        ax.set_title(title)
    figure.tight_layout()
    return figure


def _draw_block(ax, values: np.ndarray, title: str, annotate: bool) -> None:
    limit = float(np.abs(values).max()) or 1.0
    ax.imshow(values, cmap=CMAP, vmin=-limit, vmax=limit, aspect="equal")
    if annotate:
        for (row, column), value in np.ndenumerate(values):
            ax.text(column, row, f"{value + 0.0:.2g}", ha="center", va="center", fontsize=8)  # + 0.0: no "-0"
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
        1,
        len(blocks),
        figsize=(min(0.55 * sum(widths) + 0.6 * len(blocks), 14), min(0.5 * height + 1.3, 8)),
        gridspec_kw={"width_ratios": widths},
    )
    for ax, (values, title) in zip(np.atleast_1d(axes), blocks):
        _draw_block(ax, values, title, annotate=values.size <= 60)
    figure.tight_layout()
    return figure
