"""Plots the lessons share: learning curves, weight matrices as heatmaps, and grids of images."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np


def plot_curves(
    curves: Mapping[str, Sequence[float]], *, x=None, xlabel="iteration", ylabel="error", title=None, log=False, ax=None
):
    """One line per named curve (e.g. ``{"train": [...], "test": [...]}``); return the Axes.

    ``x`` gives the positions of the points (default 0, 1, 2, ...); ``log`` uses a log scale for y.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    for name, values in curves.items():
        values = np.asarray(values, dtype=float)
        ax.plot(np.arange(len(values)) if x is None else x, values, label=name)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    if len(curves) > 1:
        ax.legend()
    ax.grid(alpha=0.3)
    return ax


def plot_heatmap(matrix, *, row_labels=None, column_labels=None, title=None, annotate=None, ax=None):
    """A weight matrix as colours centred on zero (blue positive, red negative); return the Axes.

    ``annotate`` writes each value in its cell (default: when the matrix has at most 100 entries).
    """
    matrix = np.atleast_2d(np.asarray(matrix, dtype=float))
    if ax is None:
        _, ax = plt.subplots(figsize=(min(1 + 0.6 * matrix.shape[1], 10), min(1 + 0.5 * matrix.shape[0], 8)))
    limit = float(np.abs(matrix).max()) or 1.0
    image = ax.imshow(matrix, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    if annotate is None:
        annotate = matrix.size <= 100
    if annotate:
        for (row, column), value in np.ndenumerate(matrix):
            ax.text(column, row, f"{value:.2g}", ha="center", va="center", fontsize=8)
    for axis, labels in ((ax.set_yticks, row_labels), (ax.set_xticks, column_labels)):
        if labels is not None:
            axis(range(len(labels)), labels)
    if title:
        ax.set_title(title)
    return ax


def plot_images(images, *, titles=None, columns=8, size=1.4, cmap="gray", suptitle=None):
    """A grid of small images (e.g. digits, or first-layer weights reshaped to 28×28); return the Figure.

    Weight images are shown with a colour scale centred on zero when ``cmap`` is ``"RdBu"``.
    """
    images = [np.asarray(image, dtype=float) for image in images]
    rows = -(-len(images) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(size * columns, size * rows), squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.axis("off")
        if index >= len(images):
            continue
        limits = {}
        if cmap == "RdBu":
            limit = float(np.abs(images[index]).max()) or 1.0
            limits = dict(vmin=-limit, vmax=limit)
        ax.imshow(images[index], cmap=cmap, **limits)
        if titles is not None:
            ax.set_title(str(titles[index]), fontsize=9)
    if suptitle:
        figure.suptitle(suptitle)
    figure.tight_layout()
    return figure
