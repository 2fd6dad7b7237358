"""Draw a small network: nodes in columns, each edge labelled with its weight.

Weights use the lessons' list layout: one matrix per layer with one row per output node
and one column per input node, so ``[[0.1, 0.2, 0.0]]`` is three inputs feeding one output.
Given input values, the diagram also shows the value at every node as it flows forward.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np

POSITIVE, NEGATIVE, NODE = "#1f77b4", "#d62728", "#f2f2f2"
COLUMN_GAP, ROW_GAP, RADIUS = 3.0, 1.5, 0.32


def _layer_sizes(layers: Sequence[np.ndarray]) -> list[int]:
    sizes = [layers[0].shape[1]]
    for index, matrix in enumerate(layers):
        if matrix.shape[1] != sizes[-1]:
            raise ValueError(
                f"layer {index} expects {matrix.shape[1]} inputs but the previous layer has {sizes[-1]} nodes"
            )
        sizes.append(matrix.shape[0])
    return sizes


def _positions(sizes: list[int]) -> list[np.ndarray]:
    """(x, y) of every node: one column per layer, each column centred on y = 0."""
    return [
        np.column_stack([np.full(n, COLUMN_GAP * x), ROW_GAP * ((n - 1) / 2 - np.arange(n))])
        for x, n in enumerate(sizes)
    ]


def draw_network(layers, inputs=None, labels=None, title=None, ax=None):
    """Draw the network whose weight matrices are ``layers``; return the matplotlib Axes.

    ``inputs``: values of the input nodes; every node then shows its value.
    ``labels``: one list of names per column of nodes (inputs, hidden..., outputs).
    """
    layers = [np.atleast_2d(np.asarray(matrix, dtype=float)) for matrix in layers]
    sizes = _layer_sizes(layers)
    values = None
    if inputs is not None:
        values = [np.atleast_1d(np.asarray(inputs, dtype=float))]
        for matrix in layers:
            values.append(matrix @ values[-1])
    if ax is None:
        _, ax = plt.subplots(figsize=(2.4 * len(sizes) + 1.5, 1.1 * max(sizes) + 0.8))
    positions = _positions(sizes)
    biggest = max(float(np.abs(m).max()) for m in layers) or 1.0
    for layer, matrix in enumerate(layers):
        for out in range(matrix.shape[0]):
            for inp in range(matrix.shape[1]):
                weight = matrix[out, inp]
                (x0, y0), (x1, y1) = positions[layer][inp], positions[layer + 1][out]
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=POSITIVE if weight >= 0 else NEGATIVE,
                    linewidth=0.5 + 3 * abs(weight) / biggest,
                    alpha=0.35 if weight == 0 else 0.8,
                    zorder=1,
                )
                # Edges into different nodes put their labels at different distances, so they don't overlap.
                along = 0.25 + 0.5 * out / max(matrix.shape[0] - 1, 1)
                tx, ty = x0 + along * (x1 - x0), y0 + along * (y1 - y0)
                ax.text(
                    tx,
                    ty,
                    f"{weight:g}",
                    fontsize=8,
                    ha="center",
                    va="center",
                    zorder=3,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"),
                )
    for column, points in enumerate(positions):
        for row, (x, y) in enumerate(points):
            ax.add_patch(plt.Circle((x, y), RADIUS, facecolor=NODE, edgecolor="black", zorder=2))
            if values is not None:
                ax.text(x, y, f"{values[column][row]:.4g}", fontsize=8, ha="center", va="center", zorder=4)
            if labels is not None and labels[column] is not None:
                side = -1.4 * RADIUS if column == 0 else 1.4 * RADIUS
                ax.text(
                    x + side,
                    y,
                    str(labels[column][row]),
                    fontsize=9,
                    zorder=4,
                    ha="right" if column == 0 else "left",
                    va="center",
                )
    ax.set_xlim(-COLUMN_GAP / 2, COLUMN_GAP * (len(sizes) - 0.5))
    ax.set_ylim(-ROW_GAP * max(sizes) / 2, ROW_GAP * max(sizes) / 2)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax
