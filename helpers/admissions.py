"""The graduate-admissions data set of lessons 4 and 6: loading it, the prepared arrays, and a picture of it.

``data/binary.csv`` (committed with the course) holds 400 applicants: whether they were admitted
(``admit``), their GRE score (``gre``), their grade point average (``gpa``) and the prestige rank of
their undergraduate school (``rank``, 1 = highest, 4 = lowest).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

FEATURES = ["gre", "gpa", "rank_1", "rank_2", "rank_3", "rank_4"]
RANKS = [1, 2, 3, 4]


def data_file(name: str) -> Path:
    """A data file the course ships: beside the helpers in an installed copy, in ``data/`` in the repository."""
    here = Path(__file__).resolve().parent
    for folder in (here / "data", here.parent / "data"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"{name} is missing. It ships with the course (data/{name} in the repository): "
        "work from a copy of the course installed with `make lab` or `pip install`."
    )


def load_admissions(path: Path | str | None = None) -> pd.DataFrame:
    """The raw table: columns ``admit``, ``gre``, ``gpa``, ``rank``, one row per applicant."""
    path = data_file("binary.csv") if path is None else Path(path)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: it should hold the 400 applicants of the course's data/binary.csv."
        )
    return pd.read_csv(path)


def admissions_arrays() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The data set prepared as lesson 4 teaches, as float arrays: ``X`` (360, 6), ``y`` (360,), ``X_test`` (40, 6),
    ``y_test`` (40,); training rows in the order they were drawn.

    Read from ``admissions-prepared.csv``, which the course derives from the lesson's own answer.
    """
    table = pd.read_csv(data_file("admissions-prepared.csv"), index_col="applicant")
    train, test = table[table["split"] == "train"], table[table["split"] == "test"]
    return (
        train[FEATURES].to_numpy(dtype=float),
        train["admit"].to_numpy(dtype=float),
        test[FEATURES].to_numpy(dtype=float),
        test["admit"].to_numpy(dtype=float),
    )


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
