"""Pictures for the convolutions lesson: where a kernel's window sits on an image."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

WINDOW_COLOURS = ("tab:orange", "tab:blue", "tab:green", "tab:red", "tab:purple", "tab:cyan")


def plot_windows(image, kernel_rows, kernel_cols, corners, *, labels=None, title=None, ax=None):
    """``image`` in grey with one outlined ``kernel_rows``×``kernel_cols`` window per top-left corner; return the Axes.

    ``corners`` are (row, col) pairs; ``labels`` (one per corner) name the windows in a legend. Pixel
    (row, col) is the square centred on (col, row), so a window covers exactly the pixels of its section.
    """
    image = np.asarray(image, dtype=float)
    if image.ndim != 2:
        raise ValueError(f"plot_windows draws one 2-D image, got shape {image.shape}")
    rows, cols = image.shape
    for row, col in corners:
        if not (0 <= row <= rows - kernel_rows and 0 <= col <= cols - kernel_cols):
            raise ValueError(
                f"a {kernel_rows}×{kernel_cols} window at ({row}, {col}) does not fit in a {rows}×{cols} image"
            )
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 4))
    ax.imshow(image, cmap="gray_r")
    for index, (row, col) in enumerate(corners):
        ax.add_patch(
            Rectangle(
                (col - 0.5, row - 0.5),
                kernel_cols,
                kernel_rows,
                fill=False,
                linewidth=2,
                edgecolor=WINDOW_COLOURS[index % len(WINDOW_COLOURS)],
                label=None if labels is None else labels[index],
            )
        )
    ax.set_xticks(range(0, cols, max(1, cols // 7)))
    ax.set_yticks(range(0, rows, max(1, rows // 7)))
    if labels is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8)
    if title:
        ax.set_title(title)
    return ax
