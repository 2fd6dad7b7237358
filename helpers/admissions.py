"""The graduate-admissions data set of lessons 4 and 6: loading it, preparing it, and a picture of it.

``data/binary.csv`` (committed with the course) holds 400 applicants: whether they were admitted
(``admit``), their GRE score (``gre``), their grade point average (``gpa``) and the prestige rank of
their undergraduate school (``rank``, 1 = highest, 4 = lowest).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

ADMISSIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "binary.csv"
FEATURES = ["gre", "gpa", "rank_1", "rank_2", "rank_3", "rank_4"]
RANKS = [1, 2, 3, 4]


def load_admissions(path: Path | str = ADMISSIONS_CSV) -> pd.DataFrame:
    """The raw table: columns ``admit``, ``gre``, ``gpa``, ``rank``, one row per applicant."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing. It is part of the course repository (data/binary.csv): "
            "work from a clone of the repository installed with `make lab` or `pip install -e .`."
        )
    return pd.read_csv(path)


def prepare_admissions(admissions: pd.DataFrame, seed: int = 21):
    """``features, targets, features_test, targets_test``, prepared as lesson 4 explains.

    ``rank`` becomes four 0/1 columns ``rank_1`` … ``rank_4``; ``gre`` and ``gpa`` are standardised with the
    mean and (sample) standard deviation of all rows; then a random 90 % of the rows, drawn with
    ``np.random.seed(seed)`` and ``np.random.choice``, are for training (in the order drawn), the rest for testing.
    """
    dummies = pd.get_dummies(admissions["rank"], prefix="rank", dtype=int)
    data = pd.concat([admissions.drop(columns="rank"), dummies], axis=1)
    for field in ["gre", "gpa"]:
        data[field] = (data[field] - data[field].mean()) / data[field].std()
    random = np.random.RandomState(seed)  # the draws of np.random.seed(seed), without resetting the global state
    sample = random.choice(data.index, size=int(len(data) * 0.9), replace=False)
    train, test = data.loc[sample], data.drop(sample)
    return train.drop(columns="admit"), train["admit"], test.drop(columns="admit"), test["admit"]


def admissions_arrays(seed: int = 21) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The prepared data set as float arrays: ``X`` (360, 6), ``y`` (360,), ``X_test`` (40, 6), ``y_test`` (40,)."""
    return tuple(table.to_numpy(dtype=float) for table in prepare_admissions(load_admissions(), seed))


class NonNumericColumns(TypeError):
    """A prepared table holds columns that are not numbers (True/False dummies, text)."""


class IntegerColumnAssignment(TypeError):
    """pandas refused to write floats into an integer column through ``.loc[:, column] = ...``."""


def call_prepare(prepare, columns: dict, *seed):
    """How lesson 4's checks call a student's ``prepare_admissions``: on a fresh DataFrame built from ``columns``.

    Returns the four prepared tables as NumPy arrays; raises :class:`NonNumericColumns` when one holds booleans
    or text, and :class:`IntegerColumnAssignment` (with a one-line fix) for pandas' refusal to store floats in
    the integer column ``gre`` via ``.loc``.
    """
    try:
        prepared = prepare(pd.DataFrame(columns), *seed)
    except TypeError as error:
        if "for dtype 'int64'" in str(error):
            raise IntegerColumnAssignment(
                "pandas cannot write floats into the integer column gre with .loc[:, field] = ...; "
                "replace the whole column instead: data[field] = ..."
            ) from None
        raise
    if not isinstance(prepared, tuple) or len(prepared) != 4:
        return prepared
    names = ("features", "targets", "features_test", "targets_test")
    return tuple(_as_numbers(table, name) for table, name in zip(prepared, names))


def _as_numbers(table, name: str):
    if isinstance(table, pd.DataFrame):
        bad = [str(column) for column, dtype in table.dtypes.items() if dtype == bool or not pd.api.types.is_numeric_dtype(dtype)]
        if bad:
            raise NonNumericColumns(f"{name} has columns that are not numbers: {', '.join(bad)} ({table[bad[0]].dtype})")
        return table.to_numpy()
    if isinstance(table, pd.Series):
        table = table.to_numpy()
    if isinstance(table, np.ndarray) and table.dtype.kind not in "iuf":
        raise NonNumericColumns(f"{name} holds {table.dtype} values, not numbers")
    return table


def plot_admissions(admissions: pd.DataFrame):
    """GPA against GRE score, admitted applicants in blue, one panel per school rank; return the Figure."""
    import matplotlib.pyplot as plt  # here, so that the grader can prepare data without loading matplotlib

    figure, axes = plt.subplots(1, len(RANKS), figsize=(12, 3.2), sharex=True, sharey=True)
    for ax, rank in zip(axes, RANKS):
        group = admissions[admissions["rank"] == rank]
        for admitted, colour, label in ((0, "#d62728", "rejected"), (1, "#1f77b4", "admitted")):
            rows = group[group["admit"] == admitted]
            ax.scatter(rows["gre"], rows["gpa"], s=12, alpha=0.6, color=colour, label=label)
        ax.set_title(f"rank {rank}: {group['admit'].mean():.0%} admitted", fontsize=10)
        ax.set_xlabel("GRE")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("GPA")
    axes[-1].legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    return figure
