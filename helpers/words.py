"""Words for the embeddings lesson: reviews split into words, tables of nearest words, word vectors on a plane.

Also ``add_rows``, the scatter-add a batched embedding update needs, and :class:`WordExplorer`, a text box that
asks the student's ``similar`` and ``analogy`` about any word or sum of words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets
import numpy as np

from helpers.training_explorer import StudentCodeProblem, TrainingExplorer, call_student

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


QUERY_TERM = re.compile(r"\s*([+-]?)\s*([^\s+-][^\s+]*?)(?=\s*[+-]|\s*$)")


def parse_query(query: str) -> tuple[list[str], list[str]]:
    """The words added and the words subtracted in a query such as ``"king - man + woman"``.

    The first word is added unless a ``-`` precedes it; every other word carries the sign written before it.
    Words are lower-cased. Raises ValueError for a query with no word to add, or two words with no sign between.
    """
    text = query.strip().lower()
    if not text:
        raise ValueError("type a word, or words joined by + and −, e.g. king − man + woman")
    text = text.replace("−", "-")
    positive, negative, position = [], [], 0
    for match in QUERY_TERM.finditer(text):
        if match.start() != position or (not match.group(1) and (positive or negative)):
            break
        (negative if match.group(1) == "-" else positive).append(match.group(2))
        position = match.end()
    if position != len(text) or not positive:
        raise ValueError(f"cannot read {query.strip()!r}: write words joined by + and −, e.g. king − man + woman")
    return positive, negative


def _ranked(name: str, returned, n: int, vocabulary_size: int) -> tuple[np.ndarray, np.ndarray]:
    """What the student's ``similar`` or ``analogy`` returned, as (indices, scores), or a one-line problem."""
    if not isinstance(returned, tuple) or len(returned) != 2:
        raise StudentCodeProblem(f"{name} returned {type(returned).__name__}: it returns (indices, similarities)")
    try:
        indices, scores = np.asarray(returned[0]).ravel(), np.asarray(returned[1], dtype=float).ravel()
    except (TypeError, ValueError):
        raise StudentCodeProblem(f"{name} returned something other than numbers") from None
    if len(indices) != len(scores) or len(indices) > n:
        raise StudentCodeProblem(f"{name} returned {len(indices)} indices and {len(scores)} similarities for n = {n}")
    if not np.issubdtype(indices.dtype, np.integer) or ((indices < 0) | (indices >= vocabulary_size)).any():
        raise StudentCodeProblem(f"{name} returned indices that are not rows of the embedding")
    return indices, scores


class WordExplorer(TrainingExplorer):
    """Lesson 12: a text box for a word (its nearest words, from the student's ``similar``) or a sum of words
    such as ``king - man + woman`` (the student's ``analogy``), and a choice of embedding.

    ``similar(target_index, weights, n)`` and ``analogy(positive, negative, weights, n)`` return ``(indices,
    similarities)``, most similar first; ``embeddings`` maps a name to a weight matrix with one row per word of
    ``vocab``. The picture shows the answers as bars of their similarity; the readout names the best one. A word
    outside the vocabulary is said in one line, like a problem with the student's functions.
    """

    figure_size = (8, 3.6)
    margins = dict(left=0.2, right=0.97, bottom=0.14, top=0.88)

    def __init__(
        self,
        similar: Callable,
        analogy: Callable,
        embeddings: Mapping[str, np.ndarray],
        vocab: Sequence[str],
        *,
        query: str = "king - man + woman",
        n: int = 10,
    ):
        self.student_similar, self.student_analogy, self.n = similar, analogy, n
        self.embeddings, self.vocab = dict(embeddings), list(vocab)
        self.word2index = {word: index for index, word in enumerate(self.vocab)}
        controls = {
            "query": widgets.Text(
                value=query,
                description="words",
                placeholder="a word, or e.g. king - man + woman (Enter to ask)",
                continuous_update=False,
                style={"description_width": "110px"},
                layout=widgets.Layout(width="480px"),
            ),
            "embedding": widgets.ToggleButtons(
                options=list(self.embeddings), description="embedding", style={"description_width": "110px"}
            ),
        }
        super().__init__(controls)
        self.add_class("word-explorer")

    def train(self, values, progress):
        try:
            positive, negative = parse_query(values["query"])
        except ValueError as error:
            raise StudentCodeProblem(str(error)) from None
        unknown = [word for word in positive + negative if word not in self.word2index]
        if unknown:
            raise StudentCodeProblem(f"{unknown[0]!r} is not in the vocabulary (words that occur 50 times or more)")
        weights = self.embeddings[values["embedding"]]
        if positive and not negative and len(positive) == 1:
            name = "similar"
            returned = call_student(name, self.student_similar, self.word2index[positive[0]], weights, self.n + 1)
            indices, scores = _ranked(name, returned, self.n + 1, len(self.vocab))
            keep = indices != self.word2index[positive[0]]  # the word itself is its own nearest
            indices, scores = indices[keep][: self.n], scores[keep][: self.n]
        else:
            name = "analogy"
            rows = ([self.word2index[word] for word in positive], [self.word2index[word] for word in negative])
            returned = call_student(name, self.student_analogy, *rows, weights, self.n)
            indices, scores = _ranked(name, returned, self.n, len(self.vocab))
        return {
            **values,
            "function": name,
            "positive": positive,
            "negative": negative,
            "indices": indices,
            "scores": scores,
        }

    def _question(self, result) -> str:
        terms = [result["positive"][0]] if result["positive"] else []
        terms += [f"+ {word}" for word in result["positive"][1:]] + [f"− {word}" for word in result["negative"]]
        return " ".join(terms)

    def draw(self, result, figure):
        ax = figure.subplots()
        words = [self.vocab[int(index)] for index in result["indices"]]
        ax.barh(range(len(words)), result["scores"], color="tab:blue")
        ax.set_yticks(range(len(words)), words)
        ax.invert_yaxis()
        ax.set_xlim(min(0.0, float(np.min(result["scores"], initial=0))), 1)
        ax.set_xlabel("cosine similarity")
        ax.set_title(f"{self._question(result)}: your {result['function']}, {result['embedding']} embedding")

    def summary(self, result):
        if not len(result["indices"]):
            return f"Your {result['function']} returned no words."
        best = self.vocab[int(result["indices"][0])]
        return (
            f'{html.escape(self._question(result))} → <b data-answer="{html.escape(best)}">{html.escape(best)}</b> '
            f"(similarity {float(result['scores'][0]):.3f}), from your {result['function']}."
        )
