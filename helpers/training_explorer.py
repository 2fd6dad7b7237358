"""Sliders that train the student's own network again: learning rate, epochs, hidden units, seeds.

Each explorer takes the functions a lesson's exercises ask for (the lesson cell passes them in) and calls them
whenever a control is released, then draws what they returned: the error or loss after every pass, and the
learned weights. Nothing here trains a network by itself.

* :class:`LearningRateExplorer` (lesson 04): the student's ``train`` of a sigmoid unit on the admissions data,
  with sliders for the learning rate and the number of epochs;
* :class:`StreetlightExplorer` (lesson 05): the student's ``train`` and ``forward`` of the relu network on the
  streetlights, with sliders for the hidden size, alpha and the seed;
* :class:`HiddenLayerExplorer` (lesson 06): the student's ``train`` and ``forward_pass`` of a sigmoid network
  with a hidden layer on the admissions data, with sliders for the hidden units, the learning rate and epochs.

When a student's function is not written yet, raises, or returns something that cannot be drawn, the explorer
says so in one line (which function, what went wrong) where its picture was, and draws again at the next
change of a control once the function works. The root widget carries the CSS class ``training-explorer``, the
picture ``training-explorer-plot``, the readout ``training-explorer-readout``, the one-line message
``training-explorer-problem`` and the progress bar ``training-explorer-progress``.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from helpers.plots import plot_curves

LEARNING_RATES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
# A run whose final error is below this has learned the streetlights (the lesson's own threshold).
SOLVED_BELOW = 0.01
ADMISSIONS_FEATURES = ["gre", "gpa", "rank_1", "rank_2", "rank_3", "rank_4"]


class StudentCodeProblem(Exception):
    """A student's function could not be used; the message is one line saying which one and why."""


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else ""


def call_student(name: str, function: Callable, *args, **kwargs):
    """``function(*args, **kwargs)``, with any exception turned into a one-line :class:`StudentCodeProblem`.

    A stub's ``NotImplementedError("train_epoch: replace this line ...")`` names the function still to write,
    which may be one that ``name`` calls.
    """
    try:
        return function(*args, **kwargs)
    except NotImplementedError as error:
        unwritten = re.match(r"(\w+): replace this line", _first_line(error))
        missing = unwritten.group(1) if unwritten else name
        raise StudentCodeProblem(
            f"{missing} is not written yet: write it, run its cell, then run this cell again."
        ) from None
    except Exception as error:  # any mistake in the student's code is reported, not raised
        detail = _first_line(error)
        culprit = _innermost_student_function(error, function)
        who = name if culprit in (None, name) else f"{culprit} (called by {name})"
        raise StudentCodeProblem(
            f"{who} raised {type(error).__name__}{': ' + detail if detail else ''} "
            "(fix it, run its cell, then run this cell again)."
        ) from None


def _innermost_student_function(error: Exception, function: Callable) -> str | None:
    """The name of the last function of the student's notebook that the error passed through, if any.

    The notebook's functions share ``function``'s globals; library code (NumPy, say) does not.
    """
    namespace = getattr(function, "__globals__", None)
    culprit, trace = None, error.__traceback__
    while trace is not None:
        if namespace is not None and trace.tb_frame.f_globals is namespace:
            culprit = trace.tb_frame.f_code.co_name
        trace = trace.tb_next
    return culprit if culprit and culprit.isidentifier() else None


def _curve(values, name: str, length: int | None = None) -> np.ndarray:
    """A returned list of losses as a 1-D float array, or a one-line problem naming what is wrong with it."""
    try:
        curve = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise StudentCodeProblem(f"{name} is not a list of numbers") from None
    if length is not None and len(curve) != length:
        raise StudentCodeProblem(f"{name} holds {len(curve)} values, one per epoch would be {length}")
    return curve


def _matrix(values, name: str, shape: tuple[int, ...]) -> np.ndarray:
    try:
        matrix = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise StudentCodeProblem(f"{name} is not an array of numbers") from None
    if matrix.shape != shape:
        raise StudentCodeProblem(f"{name} has shape {matrix.shape}, expected {shape}")
    return matrix


def _positive(values: np.ndarray) -> np.ndarray:
    """The values a log scale can show: 0 and non-finite values become gaps."""
    return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def _weights_picture(matrix: np.ndarray, *, row_labels, column_labels, title: str, ax) -> None:
    """A weight matrix as colours centred on 0 (blue positive, red negative), each value written in its cell.

    Lighter than :func:`helpers.plots.plot_heatmap`: no colour bar, whose axes would slow every redraw.
    """
    finite = np.abs(matrix[np.isfinite(matrix)])
    limit = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    ax.imshow(matrix, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
    for (row, column), value in np.ndenumerate(matrix):
        dark = np.isfinite(value) and abs(value) > 0.6 * limit
        ax.text(column, row, f"{value:.2g}", ha="center", va="center", fontsize=8, color="white" if dark else "black")
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.set_xticks(range(len(column_labels)), column_labels)
    ax.set_title(title)


class TrainingExplorer(widgets.VBox):
    """Controls, a progress bar, a readout, a one-line problem message and a picture, redrawn on every change.

    A subclass builds its ``controls`` (name → widget), then calls ``super().__init__``; it implements
    :meth:`train` (the student's functions called on the controls' values, returning what to draw),
    :meth:`draw` (into a Matplotlib Figure) and :meth:`summary` (the readout's HTML).
    ``result`` holds what the last successful run returned, ``problem`` the message of the last failure (or "").
    """

    figure_size = (10, 3.6)
    # Fixed margins rather than a constrained layout, which would double the time a redraw takes.
    margins = dict(left=0.08, right=0.97, bottom=0.14, top=0.9, wspace=0.3)

    def __init__(self, controls: dict[str, widgets.Widget]):
        self.controls = controls
        self.progress_bar = widgets.IntProgress(value=0, min=0, max=1, layout=widgets.Layout(width="420px"))
        self.progress_bar.add_class("training-explorer-progress")
        self.progress_bar.layout.visibility = "hidden"
        self.readout = widgets.HTML()
        self.readout.add_class("training-explorer-readout")
        self.message = widgets.HTML()
        self.message.add_class("training-explorer-problem")
        self.plot = widgets.Image(format="png", layout=widgets.Layout(width="820px"))
        self.plot.add_class("training-explorer-plot")
        self._figure = Figure(figsize=self.figure_size, dpi=82)
        self.result, self.problem = None, ""
        super().__init__(
            [widgets.VBox(list(controls.values())), self.progress_bar, self.readout, self.message, self.plot]
        )
        self.add_class("training-explorer")
        for control in controls.values():
            control.observe(self._update, names="value")
        self._update()

    @property
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def train(self, values: dict, progress: Callable[[Iterable], Iterable]):
        raise NotImplementedError

    def draw(self, result, figure: Figure) -> None:
        raise NotImplementedError

    def summary(self, result) -> str:
        raise NotImplementedError

    def _progress(self, total: int) -> Callable[[Iterable], Iterable]:
        """A ``progress`` argument for the student's ``train``: it moves the bar about 20 times along a run."""
        bar = self.progress_bar
        bar.max, bar.value = max(total, 1), 0

        def progress(iterable):
            every = max(total // 20, 1)
            for done, item in enumerate(iterable, 1):
                yield item
                if done % every == 0:
                    bar.value = done

        return progress

    def _update(self, change=None):
        self.progress_bar.layout.visibility = "visible"
        try:
            result = self.train(self.values, self._progress)
            self._figure.clear()
            self._figure.subplots_adjust(**self.margins)
            self.draw(result, self._figure)
            buffer = io.BytesIO()
            self._figure.savefig(buffer, format="png")
            summary = self.summary(result)
        except StudentCodeProblem as problem:
            self._show_problem(str(problem))
        except Exception as error:  # a value the student's function returned that the drawing cannot take
            self._show_problem(f"the results cannot be drawn: {type(error).__name__}: {_first_line(error)}")
        else:
            self.result, self.problem = result, ""
            self.message.value = ""
            self.readout.value = summary
            self.plot.value = buffer.getvalue()
            self.plot.layout.display = None
        finally:
            self.progress_bar.layout.visibility = "hidden"

    def _show_problem(self, text: str) -> None:
        self.problem = text
        self.message.value = f'<div style="color: #b00020">⚠ {html.escape(text)}</div>'
        self.readout.value = ""
        self.plot.layout.display = "none"  # a picture of an earlier run would pass for this one


def _slider(kind, description: str, value, **options) -> widgets.Widget:
    # Train again when a slider is released, not at every pixel of a drag: a run takes a fraction of a second.
    return kind(
        value=value,
        description=description,
        continuous_update=False,
        style={"description_width": "110px"},
        layout=widgets.Layout(width="480px"),
        **options,
    )


def _learning_rate_slider(description: str, value: float) -> widgets.SelectionSlider:
    options = sorted(set(LEARNING_RATES) | {value})
    return _slider(widgets.SelectionSlider, description, value, options=options)


def _accuracy_html(correct: int, total: int) -> str:
    return f'accuracy <b data-accuracy="{correct / total:.4f}">{correct / total:.3f}</b> ({correct} of {total})'


class LearningRateExplorer(TrainingExplorer):
    """Lesson 04: the student's ``train`` of a sigmoid unit, with sliders for ``learnrate`` and ``epochs``.

    ``train(features, targets, features_test, targets_test, epochs, learnrate, seed, progress)`` returns the final
    weights (n_features,) and the training and test losses, one per epoch. The picture shows both losses and
    the weights; the readout the final losses and the test accuracy (output above 0.5, i.e. ``h > 0``).
    """

    def __init__(
        self,
        train,
        features,
        targets,
        features_test,
        targets_test,
        *,
        learnrate=0.5,
        epochs=200,
        seed=42,
        feature_names=ADMISSIONS_FEATURES,
    ):
        self.student_train, self.seed, self.feature_names = train, seed, list(feature_names)
        self.data = tuple(np.asarray(a, dtype=float) for a in (features, targets, features_test, targets_test))
        controls = {
            "learnrate": _learning_rate_slider("learning rate", learnrate),
            "epochs": _slider(widgets.IntSlider, "epochs", epochs, min=10, max=2000, step=10),
        }
        super().__init__(controls)

    def train(self, values, progress):
        epochs, learnrate = values["epochs"], values["learnrate"]
        returned = call_student(
            "train", self.student_train, *self.data, epochs, learnrate, seed=self.seed, progress=progress(epochs)
        )
        if not isinstance(returned, tuple) or len(returned) != 3:
            raise StudentCodeProblem("train should return three things: weights, train_losses, test_losses")
        weights, train_losses, test_losses = returned
        n_features = self.data[0].shape[1]
        return {
            "epochs": epochs,
            "learnrate": learnrate,
            "weights": _matrix(weights, "the weights train returned", (n_features,)),
            "train": _curve(train_losses, "train_losses", epochs),
            "test": _curve(test_losses, "test_losses", epochs),
        }

    def draw(self, result, figure):
        left, right = figure.subplots(1, 2, width_ratios=[3, 1.1])
        plot_curves(
            {"train": result["train"], "test": result["test"]},
            ax=left,
            xlabel="epoch",
            ylabel="mean square error",
            title=f"Loss after every epoch, learning rate {result['learnrate']:g}",
        )
        _weights_picture(
            result["weights"][:, None],
            row_labels=self.feature_names,
            column_labels=["weight"],
            title="Learned weights",
            ax=right,
        )

    def summary(self, result):
        features_test, targets_test = self.data[2], self.data[3]
        predicted = np.dot(features_test, result["weights"]) > 0  # sigmoid(h) > 0.5 exactly when h > 0
        correct = int(np.sum(predicted == (targets_test > 0.5)))
        return (
            f"After {result['epochs']} epochs at learning rate {result['learnrate']:g}: training loss "
            f"<b>{result['train'][-1]:.4f}</b>, test loss <b>{result['test'][-1]:.4f}</b>, test "
            + _accuracy_html(correct, len(targets_test))
            + "."
        )


class StreetlightExplorer(TrainingExplorer):
    """Lesson 05: the student's ``train`` and ``forward`` of the relu network, with sliders for the hidden size,
    ``alpha`` and the seed.

    ``train(streetlights, walk_vs_stop, alpha, hidden_size, iterations, seed)`` returns ``weights_0_1``,
    ``weights_1_2`` and the total error of every pass; ``forward(layer_0, weights_0_1, weights_1_2)`` the hidden
    layer and the predictions. The picture shows the error curve and both weight matrices; the readout says
    whether the run solved the streetlights (final error below 0.01) and what it predicts.
    """

    figure_size = (10, 3.4)
    margins = dict(left=0.07, right=0.94, bottom=0.15, top=0.9, wspace=0.45)

    def __init__(
        self,
        train,
        forward,
        streetlights,
        walk_vs_stop,
        *,
        hidden_size=4,
        alpha=0.2,
        seed=1,
        iterations=60,
        lamps=("left", "middle", "right"),
    ):
        self.student_train, self.student_forward = train, forward
        self.streetlights = np.asarray(streetlights)
        self.walk_vs_stop = np.asarray(walk_vs_stop).reshape(len(self.streetlights), -1)
        self.iterations, self.lamps = iterations, list(lamps)
        controls = {
            "hidden_size": _slider(widgets.IntSlider, "hidden units", hidden_size, min=1, max=8),
            "alpha": _learning_rate_slider("alpha", alpha),
            "seed": _slider(widgets.IntSlider, "seed", seed, min=0, max=19),
        }
        super().__init__(controls)

    def train(self, values, progress):
        hidden_size = values["hidden_size"]
        returned = call_student(
            "train",
            self.student_train,
            self.streetlights,
            self.walk_vs_stop,
            values["alpha"],
            hidden_size,
            self.iterations,
            values["seed"],
        )
        if not isinstance(returned, tuple) or len(returned) != 3:
            raise StudentCodeProblem("train should return three things: weights_0_1, weights_1_2, errors")
        weights_0_1, weights_1_2, errors = returned
        n_inputs, n_outputs = self.streetlights.shape[1], self.walk_vs_stop.shape[1]
        weights_0_1 = _matrix(weights_0_1, "weights_0_1", (n_inputs, hidden_size))
        weights_1_2 = _matrix(weights_1_2, "weights_1_2", (hidden_size, n_outputs))
        forwarded = call_student("forward", self.student_forward, self.streetlights, weights_0_1, weights_1_2)
        if not isinstance(forwarded, tuple) or len(forwarded) != 2:
            raise StudentCodeProblem("forward should return two things: layer_1, layer_2")
        predictions = _matrix(forwarded[1], "the predictions forward returned", self.walk_vs_stop.shape)
        return {
            **values,
            "weights_0_1": weights_0_1,
            "weights_1_2": weights_1_2,
            "errors": _curve(errors, "errors", self.iterations),
            "predictions": predictions,
        }

    def verdict(self, result) -> str:
        final = result["errors"][-1]
        if not np.isfinite(final):
            return "diverged"
        return "solved" if final < SOLVED_BELOW else "stuck"

    def draw(self, result, figure):
        curve_ax, input_ax, output_ax = figure.subplots(1, 3, width_ratios=[2.4, 1.3, 0.9])
        # log10 of the error on a linear axis, labelled as powers of 10: a log-scale axis would double the redraw.
        curve_ax.plot(np.log10(_positive(result["errors"])), label="total error")
        curve_ax.axhline(np.log10(SOLVED_BELOW), color="gray", linestyle=":", linewidth=1)
        low, high = curve_ax.get_ylim()
        powers = range(int(np.floor(low)), int(np.ceil(high)) + 1)
        curve_ax.set_yticks(list(powers), [f"$10^{{{power}}}$" for power in powers])
        curve_ax.set_ylim(low, high)
        curve_ax.set_xlabel("pass over the streetlights")
        curve_ax.set_ylabel("total error (log scale)")
        curve_ax.set_title(f"{_units(result['hidden_size'])}, alpha {result['alpha']:g}, seed {result['seed']}")
        curve_ax.grid(alpha=0.3)
        hidden = [f"h{j}" for j in range(result["hidden_size"])]
        _weights_picture(
            result["weights_0_1"], row_labels=self.lamps, column_labels=hidden, title="weights_0_1", ax=input_ax
        )
        _weights_picture(
            result["weights_1_2"], row_labels=hidden, column_labels=["walk?"], title="weights_1_2", ax=output_ax
        )

    def summary(self, result):
        outcome = self.verdict(result)
        predictions = " ".join(f"{value:.2f}" for value in result["predictions"].ravel())
        goals = " ".join(f"{value:g}" for value in self.walk_vs_stop.ravel())
        return (
            f'<span data-verdict="{outcome}">After {self.iterations} passes the total error is '
            f"<b>{result['errors'][-1]:.3g}</b>: <b>{outcome}</b>.</span> Predictions {predictions} "
            f"for the goals {goals}."
        )


class HiddenLayerExplorer(TrainingExplorer):
    """Lesson 06: the student's ``train`` and ``forward_pass`` of a sigmoid network with one hidden layer, with
    sliders for the hidden units, the learning rate and the number of epochs.

    ``train(features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed, progress)``
    returns both weight matrices and the training and test losses; ``forward_pass(x, weights_input_hidden,
    weights_hidden_output)`` the hidden layer's and the network's outputs, from which the readout's test
    accuracy comes (output above 0.5 means "admitted").
    """

    def __init__(
        self,
        train,
        forward_pass,
        features,
        targets,
        features_test,
        targets_test,
        *,
        n_hidden=2,
        learnrate=0.5,
        epochs=900,
        seed=21,
        feature_names=ADMISSIONS_FEATURES,
    ):
        self.student_train, self.student_forward_pass = train, forward_pass
        self.seed, self.feature_names = seed, list(feature_names)
        self.data = tuple(np.asarray(a, dtype=float) for a in (features, targets, features_test, targets_test))
        controls = {
            "n_hidden": _slider(widgets.IntSlider, "hidden units", n_hidden, min=1, max=8),
            "learnrate": _learning_rate_slider("learning rate", learnrate),
            "epochs": _slider(widgets.IntSlider, "epochs", epochs, min=100, max=3000, step=100),
        }
        super().__init__(controls)

    def train(self, values, progress):
        n_hidden, epochs, learnrate = values["n_hidden"], values["epochs"], values["learnrate"]
        returned = call_student(
            "train",
            self.student_train,
            *self.data,
            n_hidden,
            epochs,
            learnrate,
            seed=self.seed,
            progress=progress(epochs),
        )
        if not isinstance(returned, tuple) or len(returned) != 4:
            raise StudentCodeProblem(
                "train should return four things: weights_input_hidden, weights_hidden_output, train_losses, "
                "test_losses"
            )
        weights_input_hidden, weights_hidden_output, train_losses, test_losses = returned
        n_features = self.data[0].shape[1]
        weights_input_hidden = _matrix(weights_input_hidden, "weights_input_hidden", (n_features, n_hidden))
        weights_hidden_output = _matrix(weights_hidden_output, "weights_hidden_output", (n_hidden,))
        forwarded = call_student(
            "forward_pass", self.student_forward_pass, self.data[2], weights_input_hidden, weights_hidden_output
        )
        if not isinstance(forwarded, tuple) or len(forwarded) != 2:
            raise StudentCodeProblem("forward_pass should return two things: hidden_layer_out, output_layer_out")
        outputs = _matrix(forwarded[1], "the outputs forward_pass returned", self.data[3].shape)
        return {
            **values,
            "weights_input_hidden": weights_input_hidden,
            "train": _curve(train_losses, "train_losses", epochs),
            "test": _curve(test_losses, "test_losses", epochs),
            "test_outputs": outputs,
        }

    def draw(self, result, figure):
        left, right = figure.subplots(1, 2, width_ratios=[3, 1.1 + 0.25 * result["n_hidden"]])
        plot_curves(
            {"train": result["train"], "test": result["test"]},
            ax=left,
            xlabel="epoch",
            ylabel="mean square error",
            title=f"Loss after every epoch, {_units(result['n_hidden'])}, learning rate {result['learnrate']:g}",
        )
        _weights_picture(
            result["weights_input_hidden"],
            row_labels=self.feature_names,
            column_labels=[f"h{j + 1}" for j in range(result["n_hidden"])],
            title="Input → hidden weights",
            ax=right,
        )

    def summary(self, result):
        targets_test = self.data[3]
        correct = int(np.sum((result["test_outputs"] > 0.5) == (targets_test > 0.5)))
        return (
            f"After {result['epochs']} epochs with {_units(result['n_hidden'])}: training loss "
            f"<b>{result['train'][-1]:.4f}</b>, test loss "
            f"<b>{result['test'][-1]:.4f}</b>, test " + _accuracy_html(correct, len(targets_test)) + "."
        )


def _units(count: int) -> str:
    return f"{count} hidden unit{'' if count == 1 else 's'}"
