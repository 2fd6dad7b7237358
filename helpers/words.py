"""Words for the embeddings lesson: reviews split into words, tables of nearest words, word vectors on a plane.

Also ``add_rows``, the scatter-add a batched embedding update needs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

WORD = re.compile(r"\w+(?:'\w+)*")


def tokenize(text: str) -> list[str]:
    """The words of ``text`` in order, lower-cased: runs of letters and digits, keeping inner apostrophes.

    ``"Don't miss it: 10/10!"`` becomes ``["don't", "miss", "it", "10", "10"]``.
    """
    return WORD.findall(text.lower())


def add_rows(weights: np.ndarray, indices, updates) -> None:
    """``np.add.at(weights, indices, updates)`` for a 2-D ``weights``, several times faster.

    Adds ``updates[k]`` to row ``indices[k]`` of ``weights`` in place, for every position k of ``indices``; a
    row named several times receives the sum of its updates. ``updates`` must broadcast to
    ``indices.shape + (weights.shape[1],)``. NumPy's ``add.at`` is much faster with one index per number
    than with one index per row, so each row index becomes the flat indices of that row's numbers.
    """
    if weights.ndim != 2 or not weights.flags.c_contiguous:
        raise ValueError("add_rows needs a 2-D, C-contiguous array of weights")
    indices = np.asarray(indices)
    columns = weights.shape[1]
    flat_indices = (indices[..., None] * columns + np.arange(columns)).ravel()
    np.add.at(weights.reshape(-1), flat_indices, np.broadcast_to(updates, indices.shape + (columns,)).ravel())


def nearest_table(results: Mapping[str, tuple[Sequence[int], Sequence[float]]], vocab: Sequence[str], digits: int = 2):
    """A table with one column per entry of ``results``: its words, most similar first, each with its score.

    ``results`` maps a column title to ``(indices, scores)`` as ``similar`` or ``analogy`` return them;
    ``vocab[i]`` is the word of index ``i``. Returns a pandas DataFrame (Jupyter shows it as a table).
    """
    import pandas as pd

    columns = {
        title: [f"{vocab[int(index)]} ({score:.{digits}f})" for index, score in zip(indices, scores)]
        for title, (indices, scores) in results.items()
    }
    rows = max((len(column) for column in columns.values()), default=0)
    padded = {title: column + [""] * (rows - len(column)) for title, column in columns.items()}
    return pd.DataFrame(padded, index=pd.RangeIndex(1, rows + 1, name="rank"))


def plot_words(
    vectors,
    words: Sequence[str],
    *,
    pairs: Sequence[tuple[str, str]] = (),
    direction=None,
    direction_label: str = "",
    title=None,
    ax=None,
):
    """Word vectors as labelled points on a plane; return the Axes.

    ``vectors`` has one row per word of ``words``. Without ``direction``, the plane is that of the vectors'
    two main directions (principal components). With a ``direction`` (a vector as long as a row), the
    horizontal axis is the projection on it, named ``direction_label``, and the vertical axis the main
    direction of what is left. Each ``(a, b)`` in ``pairs`` is drawn as an arrow from ``a`` to ``b``.
    """
    import matplotlib.pyplot as plt

    vectors = np.asarray(vectors, dtype=float)
    if vectors.shape[0] != len(words):
        raise ValueError(f"{vectors.shape[0]} vectors for {len(words)} words")
    centred = vectors - vectors.mean(axis=0)
    if direction is None:
        axes = _main_directions(centred, 2)
    else:
        along = np.asarray(direction, dtype=float) / np.linalg.norm(direction)
        rest = centred - np.outer(centred @ along, along)
        axes = np.vstack([along, _main_directions(rest, 1)])
    points = centred @ axes.T
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    ax.scatter(points[:, 0], points[:, 1], s=12, color="tab:blue")
    for (x, y), word in zip(points, words):
        ax.annotate(word, (x, y), textcoords="offset points", xytext=(4, 3), fontsize=9)
    position = {word: point for word, point in zip(words, points)}
    for start, end in pairs:
        ax.annotate("", position[end], position[start], arrowprops=dict(arrowstyle="->", color="tab:orange", alpha=0.8))
    ax.set_yticks([])
    if direction is None:
        ax.set_xticks([])
    else:
        ax.axvline(0, color="grey", linewidth=0.5)
        ax.set_xlabel(direction_label)
    if title:
        ax.set_title(title)
    return ax


def _main_directions(centred: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` directions along which the rows of ``centred`` spread most, one per row."""
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    return directions[:count]
