"""The error bowl of a one-weight network, and the path gradient descent takes down (or up) its sides.

For a single input and a goal prediction, the squared error as a function of the weight,
``(input * weight - goal_pred) ** 2``, is a parabola: the *error bowl*. Each step of gradient descent
multiplies the weight's distance to the bottom of the bowl by ``1 - alpha * input**2``; that one factor
decides whether the weight converges, oscillates or diverges. The steps themselves are the student's:
nothing here takes a gradient descent step.

* :func:`plot_error_bowl` draws the bowl, a path of weights on it, and slopes at chosen weights;
* :func:`plot_descent` draws a whole run (the weights a student's gradient descent gave): the path on the
  bowl, and the error at every step;
* :class:`ErrorBowlExplorer` runs the student's ``gradient_descent_step`` with sliders for ``alpha``, the
  starting ``weight`` and the ``input``, draws the run, and says how it ends. When that function is not
  written yet or raises, the explorer says so in one line where its picture was.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.plots import plot_curves

CONVERGES, OSCILLATES, DIVERGES, STAYS_PUT = "converges", "oscillates", "diverges", "stays put"
_SAME = 1e-9  # factors and distances this close count as equal: slider values are not exact decimals


def bowl_error(input, weight, goal_pred):
    """The squared error of the prediction ``input * weight``; ``weight`` may be an array."""
    with np.errstate(over="ignore", invalid="ignore"):
        return (input * np.asarray(weight, dtype=float) - goal_pred) ** 2


def step_factor(input, alpha):
    """What one step multiplies the weight's distance to the bottom of the bowl by."""
    return 1 - alpha * input**2


def verdict(input, weight, goal_pred, alpha):
    """How gradient descent from ``weight`` ends: "converges", "oscillates", "diverges" or "stays put"."""
    factor = step_factor(input, alpha)
    at_bottom = input != 0 and abs(weight - goal_pred / input) <= _SAME * max(1.0, abs(goal_pred / input))
    if at_bottom or abs(factor - 1) <= _SAME:
        return STAYS_PUT
    if abs(factor + 1) <= _SAME:
        return OSCILLATES
    return CONVERGES if abs(factor) < 1 else DIVERGES


def run_verdict(input, goal_pred, weights):
    """How a run of weights (the start, then one weight per step) ends, judged from the weights themselves:
    "converges", "oscillates", "diverges" or "stays put"."""
    if all(abs(w - weights[0]) <= _SAME * max(1.0, abs(weights[0])) for w in weights):
        return STAYS_PUT
    best = goal_pred / input if input != 0 else 0.0
    first, last = abs(weights[0] - best), abs(weights[-1] - best)
    if not math.isfinite(last) or last > first * (1 + 1e-6):
        return DIVERGES
    return CONVERGES if last < first * (1 - 1e-6) else OSCILLATES


def _view(input, goal_pred, weights, tangents):
    """The weights to show: centred on the bottom of the bowl, wide enough for the start and the tangents."""
    centre = goal_pred / input if input != 0 else (weights[0] if len(weights) else 0.0)
    anchors = list(weights[:1]) + list(tangents)
    reach = max([abs(w - centre) for w in anchors if np.isfinite(w)] + [0.25])
    return centre - 1.4 * reach, centre + 1.4 * reach


def plot_error_bowl(input, goal_pred, weights=None, *, tangents=(), ax=None, title=None):
    """The error against the weight for one ``input`` and ``goal_pred``; return the Axes.

    ``weights``: a path of successive weights (e.g. from gradient descent), drawn as numbered dots on the
    bowl from dark (start) to light; weights outside the picture are counted in the title.
    ``tangents``: weights at which to draw the slope of the bowl, labelled with its value.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    path = np.asarray([] if weights is None else weights, dtype=float)
    low, high = _view(input, goal_pred, path, tangents)
    grid = np.linspace(low, high, 300)
    curve = bowl_error(input, grid, goal_pred)
    top = float(curve.max()) * 1.08 or 1.0
    ax.plot(grid, curve, color="0.25", lw=2, label=f"error = ({input:g} · weight − {goal_pred:g})²")
    if input != 0:
        ax.axvline(goal_pred / input, color="tab:green", ls=":", lw=1.5, label=f"best weight {goal_pred / input:.3g}")
    for weight in tangents:
        slope = 2 * input * (input * weight - goal_pred)
        span = 0.18 * (high - low)
        xs = np.array([weight - span, weight + span])
        colour = "tab:red" if slope > 0 else "tab:blue" if slope < 0 else "0.4"
        ax.plot(xs, bowl_error(input, weight, goal_pred) + slope * (xs - weight), color=colour, lw=1.5)
        ax.plot(weight, bowl_error(input, weight, goal_pred), "o", color=colour)
        ax.annotate(
            f"slope {slope:.3g}",
            (weight, bowl_error(input, weight, goal_pred)),
            textcoords="offset points",
            xytext=(6, 8),
            color=colour,
            fontsize=9,
        )
    if path.size:
        errors = bowl_error(input, path, goal_pred)
        ax.plot(path, errors, "-", color="tab:orange", lw=1, alpha=0.8)
        ax.scatter(
            path, errors, c=np.arange(path.size), cmap="plasma", s=36, zorder=3, edgecolors="black", linewidths=0.5
        )
        for number in range(min(path.size, 4)):
            ax.annotate(
                str(number), (path[number], errors[number]), textcoords="offset points", xytext=(5, 5), fontsize=8
            )
        outside = int(np.sum(~((path >= low) & (path <= high) & np.isfinite(errors))))
        if outside:
            title = f"{title or ''} ({outside} of {path.size} weights lie outside)".strip()
    ax.set_xlim(low, high)
    ax.set_ylim(-0.03 * top, top)
    ax.set_xlabel("weight")
    ax.set_ylabel("error")
    if title:
        ax.set_title(title)
    ax.legend(loc="upper center", fontsize=8)
    ax.grid(alpha=0.3)
    return ax


def plot_descent(input, goal_pred, weights, *, alpha, figure=None):
    """A gradient descent run: its path on the error bowl (left) and its error at every step (right).

    ``weights``: the starting weight and the weight after each step, as the lesson's ``gradient_descent``
    returns them; ``alpha`` is only written in the title. Draws into ``figure`` when given (it is cleared
    first), else into a new pyplot figure; returns the Figure.
    """
    if figure is None:
        figure = plt.figure(figsize=(10, 3.8))
    figure.clear()
    # Fixed margins rather than a constrained layout, which would double the time a redraw takes.
    figure.subplots_adjust(left=0.07, right=0.98, bottom=0.14, top=0.84, wspace=0.25)
    bowl_ax, curve_ax = figure.subplots(1, 2, width_ratios=[3, 2])
    weights = [float(w) for w in weights]
    plot_error_bowl(input, goal_pred, weights, ax=bowl_ax, title="the path on the error bowl")
    errors = bowl_error(input, weights, goal_pred)
    shown = np.where(errors > 0, errors, np.nan)  # a log scale cannot show an error of exactly 0
    plot_curves(
        {"error": shown},
        ax=curve_ax,
        xlabel="step",
        ylabel="error (log scale)",
        log=True,
        title="error after each step",
    )
    figure.suptitle(
        f"alpha {alpha:g}, input {input:g}, starting weight {weights[0]:g}: {run_verdict(input, goal_pred, weights)}"
    )
    return figure


def _readout(input, goal_pred, alpha, weights):
    """The readout's HTML: the final error and how the run ends, why, and a warning when the run disagrees
    with what the factor 1 − alpha·input² says (the student's step is then wrong)."""
    outcome, expected = run_verdict(input, goal_pred, weights), verdict(input, weights[0], goal_pred, alpha)
    factor = step_factor(input, alpha)
    final = float(bowl_error(input, weights[-1], goal_pred))
    if outcome == STAYS_PUT:
        why = "The weight does not move" + (
            " (alpha is 0)" if abs(factor - 1) <= _SAME else ": it starts at the bottom"
        )
    elif abs(factor) <= _SAME:
        why = "The first step lands exactly on the best weight: 1 − alpha·input² = 0"
    else:
        why = (
            f"Each step multiplies the distance to the best weight by 1 − alpha·input² = {factor:.3g}, "
            f"so the error by {factor**2:.3g}"
        )
        if outcome == CONVERGES and factor < 0:
            why += ", overshooting the bottom every time"
        if outcome == DIVERGES and factor > 0:
            why += ": alpha is negative, the weight climbs the bowl"
    if outcome != expected:
        why = (
            f"But 1 − alpha·input² = {factor:.3g} says it {expected}: "
            "your gradient_descent_step does not take the lesson's step"
        )
    return (
        f'<div class="error-bowl-verdict" data-verdict="{outcome}">'
        f"After {len(weights) - 1} steps of your gradient_descent_step the error is <b>{final:.4g}</b>: "
        f"the run <b>{outcome}</b>. {html.escape(why)}.</div>"
    )


class StudentCodeProblem(Exception):
    """The student's function could not be used; the message is one line saying which one and why."""


def _first_line(text) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def student_run(gradient_descent_step: Callable, input, weight, goal_pred, alpha, steps) -> list[float]:
    """The starting weight and the weight after each of ``steps`` calls of the student's step (steps + 1
    numbers; fewer when the weight stops being a finite number). Raises :class:`StudentCodeProblem`."""
    weights = [float(weight)]
    for _ in range(steps):
        try:
            with np.errstate(all="ignore"):
                weight = gradient_descent_step(input, weight, goal_pred, alpha)
        except NotImplementedError as error:
            unwritten = re.match(r"(\w+): replace this line", _first_line(error))
            missing = unwritten.group(1) if unwritten else "gradient_descent_step"
            raise StudentCodeProblem(
                f"{missing} is not written yet: write it, run its cell, then run this cell again."
            ) from None
        except Exception as error:  # any mistake in the student's code is reported, not raised
            detail = _first_line(error)
            raise StudentCodeProblem(
                f"gradient_descent_step raised {type(error).__name__}{': ' + detail if detail else ''} "
                "(run its check to see where; fix it, run its cell, then run this cell again)."
            ) from None
        try:
            weight = float(weight)
        except (TypeError, ValueError, OverflowError):
            shown = _first_line(repr(weight))[:60]
            raise StudentCodeProblem(
                f"gradient_descent_step returned {shown}, not a number: it returns the new weight."
            ) from None
        weights.append(weight)
        if not math.isfinite(weight):
            break
    return weights


class ErrorBowlExplorer(widgets.VBox):
    """Sliders for ``alpha``, the starting ``weight`` and the ``input``, the run the student's
    ``gradient_descent_step`` makes from them, and a readout.

    Every change of a slider runs the student's function ``steps`` times, redraws the picture (an Image widget
    with the CSS class ``error-bowl-plot``) and rewrites the readout (an HTML widget with the CSS class
    ``error-bowl-readout``), which states the final error and whether the run converges, oscillates, diverges
    or stays put. ``verdict`` and ``weights`` hold the same for code. When the function is not written yet,
    raises or returns something other than a number, the picture is hidden and one line says so (an HTML
    widget with the CSS class ``error-bowl-problem``; ``problem`` holds its text, "" otherwise).
    """

    def __init__(self, gradient_descent_step: Callable, input=2.0, weight=0.5, goal_pred=0.8, alpha=0.1, steps=20):
        self.gradient_descent_step, self.goal_pred, self.steps = gradient_descent_step, goal_pred, steps
        self.weights, self.verdict, self.problem = [], None, ""

        # Redraw when a slider is released, not at every pixel of a drag: a redraw takes a fraction of a second.
        def make_slider(description, value, low, high, step):
            return widgets.FloatSlider(
                value=value,
                min=low,
                max=high,
                step=step,
                description=description,
                continuous_update=False,
                layout=widgets.Layout(width="420px"),
            )

        self.alpha_slider = make_slider("alpha", alpha, -0.5, 2.0, 0.01)
        self.weight_slider = make_slider("weight", weight, -3.0, 3.0, 0.1)
        # Up to 6: with alpha 0.1 a run diverges above √20 ≈ 4.47.
        self.input_slider = make_slider("input", input, 0.1, 6.0, 0.1)
        self.readout = widgets.HTML()
        self.readout.add_class("error-bowl-readout")
        self.message = widgets.HTML()
        self.message.add_class("error-bowl-problem")
        self.plot = widgets.Image(format="png", layout=widgets.Layout(width="820px"))
        self.plot.add_class("error-bowl-plot")
        self._figure = Figure(figsize=(10, 3.8), dpi=82)
        sliders = [self.alpha_slider, self.weight_slider, self.input_slider]
        super().__init__([widgets.VBox(sliders), self.readout, self.message, self.plot])
        self.add_class("error-bowl-explorer")
        for slider in sliders:
            slider.observe(self._update, names="value")
        self._update()

    def _update(self, change=None):
        input, weight, alpha = self.input_slider.value, self.weight_slider.value, self.alpha_slider.value
        try:
            weights = student_run(self.gradient_descent_step, input, weight, self.goal_pred, alpha, self.steps)
        except StudentCodeProblem as problem:
            self.weights, self.verdict, self.problem = [], None, str(problem)
            self.readout.value = ""
            self.message.value = f'<div class="error-bowl-message">⚠ {html.escape(self.problem)}</div>'
            self.plot.layout.display = "none"
            return
        self.weights, self.problem = weights, ""
        self.verdict = run_verdict(input, self.goal_pred, weights)
        self.message.value = ""
        self.readout.value = _readout(input, self.goal_pred, alpha, weights)
        plot_descent(input, self.goal_pred, weights, alpha=alpha, figure=self._figure)
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png")
        self.plot.value = buffer.getvalue()
        self.plot.layout.display = None

    def _repr_mimebundle_(self, **kwargs):
        # Where no live kernel holds the widget (a saved notebook opened again, a rendered copy), the plain
        # text says what to do.
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = (
            "The error-bowl explorer: run this cell to show its sliders (widgets live in the kernel)."
        )
        return bundle
