"""What a batch of grades says about a class: the batch summary, and a per-lesson report of scores and mistakes."""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from pathlib import Path

from grader.autograde.text import printable

NO_MISTAKE_NAMED = "(no mistake recognised)"
NOT_ATTEMPTED = {"not written yet", "did not run"}


def summary(results, seconds: float) -> str:
    """The table printed at the end of a batch: every submission, then totals and failures with reasons.

    Student names and problems are escaped: a folder named with a newline or a terminal escape cannot forge a row.
    """
    lines = [f"{'student':<24} {'score':>13} {'seconds':>8}  problems"]
    for result in results:
        problems = printable("; ".join(result.problems), 1000)
        lines.append(
            f"{printable(result.student, 60):<24} {result.score:6.1f} / {result.max_score:<5.1f} "
            f"{result.seconds:8.2f}  {problems}"
        )
    full = sum(r.score == r.max_score for r in results)
    troubled = sum(bool(r.problems) for r in results)
    rate = f", {len(results) / seconds:.2f} submissions/s" if seconds > 0 and results else ""
    lines.append(f"{len(results)} graded in {seconds:.1f} s{rate}: {full} full marks, {troubled} with problems.")
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: control characters escaped, no formula."""
    text = printable(text, 1000)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def mistake_counts(results) -> list[tuple[str, str, int]]:
    """(exercise, mistake, number of students) for every failed exercise, most common first."""
    counts = Counter()
    for result in results:
        for exercise, names in result.mistakes.items():
            for name in names or [NO_MISTAKE_NAMED]:
                counts[(exercise, name)] += 1
    return [(exercise, name, count) for (exercise, name), count in counts.most_common()]


def write_report(results, folder: Path, lesson_id: str) -> dict[str, Path]:
    """Write scores.csv, mistakes.csv and report.png for one lesson into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"scores": folder / "scores.csv", "mistakes": folder / "mistakes.csv", "plot": folder / "report.png"}
    with open(paths["scores"], "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", "score", "max_score", "seconds", "problems"])
        for result in results:
            writer.writerow(
                [
                    _cell(result.student),
                    result.score,
                    result.max_score,
                    round(result.seconds, 3),
                    _cell("; ".join(result.problems)),
                ]
            )
    counts = mistake_counts(results)
    with open(paths["mistakes"], "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["exercise", "mistake", "students", "share_of_class"])
        for exercise, name, count in counts:
            writer.writerow([exercise, _cell(name), count, round(count / max(len(results), 1), 3)])
    _plot(results, counts, lesson_id).savefig(paths["plot"], dpi=110, bbox_inches="tight")
    return paths


def _plot(results, counts, lesson_id: str):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, (scores_ax, mistakes_ax) = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [1, 1.6]})
    scores = [r.score for r in results]
    top = max((r.max_score for r in results), default=1.0) or 1.0
    scores_ax.hist(scores, bins=min(20, max(5, len(set(scores)))), range=(0, top), color="#1f77b4")
    middle = f", median {statistics.median(scores):g}" if scores else ""
    scores_ax.set(
        title=f"{lesson_id}: scores of {len(results)} submissions{middle}",
        xlabel=f"score (of {top:g})",
        ylabel="submissions",
    )
    shown = [row for row in counts if row[1] not in NOT_ATTEMPTED][:12][::-1]
    mistakes_ax.barh(
        [f"{exercise}: {name}" for exercise, name, _ in shown], [count for *_, count in shown], color="#d62728"
    )
    mistakes_ax.set(title="most common mistakes (exercises not attempted left out)", xlabel="students")
    for ax in (scores_ax, mistakes_ax):
        (ax.yaxis if ax is scores_ax else ax.xaxis).set_major_locator(MaxNLocator(integer=True))
    mistakes_ax.tick_params(axis="y", labelsize=8)
    figure.tight_layout()
    return figure
