"""The kit hidden cases are made from: seeded random numbers, rounded so that a case reads like an example.

Every function takes the exercise's own generator (``rng``, seeded by the exercise id) first, so a case is
the same on every run. Plain Python lists for the lessons that work with lists, NumPy arrays otherwise.
"""

from __future__ import annotations

import numpy as np


def number(rng: np.random.Generator, low: float = -2.0, high: float = 2.0, digits: int = 3) -> float:
    """One number drawn uniformly from [low, high)."""
    return round(float(rng.uniform(low, high)), digits)


def numbers(rng: np.random.Generator, n: int, low: float = -2.0, high: float = 2.0, digits: int = 2) -> list[float]:
    """A list of ``n`` numbers drawn uniformly from [low, high): shape (n,)."""
    return [round(float(value), digits) for value in rng.uniform(low, high, n)]


def number_rows(
    rng: np.random.Generator, rows: int, columns: int, low: float = -2.0, high: float = 2.0, digits: int = 2
) -> list[list[float]]:
    """A matrix as a list of ``rows`` lists of ``columns`` numbers: shape (rows, columns)."""
    return [numbers(rng, columns, low, high, digits) for _ in range(rows)]


def uniform(rng: np.random.Generator, *shape: int, low: float = -1.0, high: float = 1.0, digits: int = 3) -> np.ndarray:
    """An array of the given shape, drawn uniformly from [low, high)."""
    return np.round(rng.uniform(low, high, shape), digits)


def normal(rng: np.random.Generator, *shape: int, scale: float = 1.0, digits: int = 3) -> np.ndarray:
    """An array of the given shape, drawn from a normal distribution of mean 0 and standard deviation ``scale``."""
    return np.round(rng.normal(scale=scale, size=shape), digits)


def one_hot(rng: np.random.Generator, rows: int, classes: int) -> np.ndarray:
    """``rows`` labels as one-hot rows: shape (rows, classes), one 1.0 per row."""
    return np.eye(classes)[rng.integers(0, classes, rows)]


def mask(rng: np.random.Generator, *shape: int) -> np.ndarray:
    """A mask of 0s and 1s (integers) of the given shape, with at least one of each when it has two entries or more."""
    while True:
        drawn = rng.integers(0, 2, shape)
        if drawn.size < 2 or 0 < drawn.sum() < drawn.size:
            return drawn
