"""The error bowl: the picture of a gradient descent run, and the explorer widget that runs the student's step."""

import html

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from grader.exercises import descent
from helpers.error_bowl import (
    ErrorBowlExplorer,
    bowl_error,
    plot_descent,
    plot_error_bowl,
    run_verdict,
    step_factor,
    student_run,
    verdict,
)

matplotlib.use("Agg")

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_the_bowl_is_the_squared_error_of_the_prediction():
    np.testing.assert_allclose(bowl_error(0.5, [0.5, 1.6, 2.5], 0.8), [0.3025, 0.0, 0.2025], atol=1e-15)


STEP = descent.answers.gradient_descent_step


def descent_weights(input, weight, goal_pred, alpha, steps):
    """The lesson's gradient descent run (the solution's answer): the starting weight and one weight per step."""
    return descent.answers.gradient_descent(input, weight, goal_pred, alpha, steps)[0]


@pytest.mark.parametrize(
    "input, weight, alpha", [(1.1, 0.0, 1), (2, 0.5, 0.1), (2, 0.5, 1), (-1.5, 0.3, 0.2), (0.5, 0.5, -0.3)]
)
def test_the_student_run_repeats_the_students_step(input, weight, alpha):
    assert student_run(STEP, input, weight, 0.8, alpha, 20) == descent_weights(input, weight, 0.8, alpha, 20)


def test_the_student_run_stops_where_the_weight_stops_being_a_number():
    weights = student_run(STEP, 6.0, 3.0, 0.8, 2.0, 400)
    assert len(weights) < 401 and not np.isfinite(weights[-1]) and np.isfinite(weights[-2])


@pytest.mark.parametrize(
    "input, weight, alpha, outcome",
    [
        (2, 0.5, 0.1, "converges"),  # factor 0.6
        (2, 0.5, 0.3, "converges"),  # factor -0.2: overshooting, closing in
        (2, 0.5, 0.25, "converges"),  # factor 0: one step
        (2, 0.5, 0.5, "oscillates"),  # factor -1
        (2, 0.5, 1.0, "diverges"),  # factor -3, the book's explosion
        (2, 0.5, -0.1, "diverges"),  # a negative alpha climbs the bowl
        (2, 0.5, 0.0, "stays put"),
        (2, 0.4, 0.9, "stays put"),  # starts at the bottom
        (0.5, 0.5, 1.0, "converges"),
        (1.1, 0.0, 1.0, "converges"),
    ],
)
def test_verdict(input, weight, alpha, outcome):
    assert verdict(input, weight, 0.8, alpha) == outcome


def test_the_verdict_agrees_with_the_run():
    for alpha in np.arange(-0.3, 1.5, 0.01):
        weights = descent_weights(2, 0.5, 0.8, alpha, 20)
        errors = bowl_error(2, weights, 0.8)
        outcome = verdict(2, 0.5, 0.8, alpha)
        assert run_verdict(2, 0.8, weights) == outcome
        if outcome == "converges":
            assert errors[-1] <= errors[0] * abs(step_factor(2, alpha)) ** 38
        elif outcome == "diverges":
            assert errors[-1] > errors[0]
        else:
            assert errors[-1] == pytest.approx(errors[0], rel=1e-6)


def test_plot_error_bowl_draws_the_path_on_the_bowl_and_the_best_weight():
    path = [0.0, 0.88, 0.6952, 0.734008, 0.72585832]
    ax = plot_error_bowl(1.1, 0.8, path, title="four steps")
    dots = [c for c in ax.collections if isinstance(c, PathCollection)][0]
    np.testing.assert_allclose(dots.get_offsets(), np.column_stack([path, bowl_error(1.1, path, 0.8)]))
    assert any(np.allclose(line.get_xdata(), 0.8 / 1.1) for line in ax.lines)  # the best weight
    low, high = ax.get_xlim()
    assert low < min(path) and max(path) < high
    assert ax.get_title() == "four steps"


def test_plot_error_bowl_counts_weights_that_leave_the_picture():
    path = descent_weights(2, 0.5, 0.8, 1.0, 10)
    ax = plot_error_bowl(2, 0.8, path, title="diverging")
    assert "9 of 11 weights lie outside" in ax.get_title()


def test_plot_error_bowl_labels_slopes_with_their_sign_and_size():
    ax = plot_error_bowl(0.5, 0.8, tangents=[0.5, 1.6, 2.5])
    assert {"slope -0.55", "slope 0", "slope 0.45"} <= {text.get_text() for text in ax.texts}


def test_plot_descent_shows_the_bowl_and_the_error_of_every_step_on_a_log_scale():
    weights = descent_weights(2, 0.5, 0.8, 0.1, 20)
    figure = plot_descent(2, 0.8, weights, alpha=0.1)
    bowl, curve = figure.axes
    assert curve.get_yscale() == "log"
    np.testing.assert_allclose(curve.lines[0].get_ydata(), bowl_error(2, weights, 0.8))
    assert "converges" in figure._suptitle.get_text()


def test_plot_descent_hides_errors_of_exactly_zero_from_the_log_scale():
    figure = plot_descent(2, 0.8, descent_weights(2, 0.5, 0.8, 0.25, 5), alpha=0.25)  # the bottom in one step
    values = figure.axes[1].lines[0].get_ydata()
    assert values[0] == pytest.approx(0.04) and np.isnan(values[1:]).all()


def test_plot_descent_into_a_given_figure_leaves_pyplot_alone():
    before = plt.get_fignums()
    figure = Figure()
    assert plot_descent(2, 0.8, descent_weights(2, 0.5, 0.8, 0.9, 20), alpha=0.9, figure=figure) is figure
    assert len(figure.axes) == 2 and plt.get_fignums() == before


def _unwritten(input, weight, goal_pred, alpha):
    raise NotImplementedError("gradient_descent_step: replace this line with your code")


def _calls_unwritten(input, weight, goal_pred, alpha):
    raise NotImplementedError("compute_delta: replace this line with your code")


def _raises(input, weight, goal_pred, alpha):
    return weigth - alpha * input * (input * weight - goal_pred)  # noqa: F821 - the typo is the point


def _returns_a_list(input, weight, goal_pred, alpha):
    return [weight]


class TestExplorer:
    def test_sliders_named_alpha_weight_and_input_allow_a_negative_alpha(self):
        explorer = ErrorBowlExplorer(STEP)
        sliders = [explorer.alpha_slider, explorer.weight_slider, explorer.input_slider]
        assert [s.description for s in sliders] == ["alpha", "weight", "input"]
        assert explorer.alpha_slider.min < 0 < 0.5 < explorer.alpha_slider.max  # input 2 diverges above 0.5
        assert explorer.input_slider.max > 20**0.5  # alpha 0.1 diverges above √20
        assert (explorer.alpha_slider.value, explorer.weight_slider.value, explorer.input_slider.value) == (
            0.1,
            0.5,
            2.0,
        )

    def test_the_readout_and_the_plot_carry_stable_css_classes(self):
        explorer = ErrorBowlExplorer(STEP)
        assert "error-bowl-readout" in explorer.readout._dom_classes
        assert "error-bowl-plot" in explorer.plot._dom_classes
        assert "error-bowl-explorer" in explorer._dom_classes

    def test_moving_alpha_to_a_diverging_value_and_back_updates_readout_and_plot(self):
        explorer = ErrorBowlExplorer(STEP, input=2, weight=0.5, goal_pred=0.8, alpha=0.1)
        converging_image = bytes(explorer.plot.value)
        assert converging_image.startswith(PNG)
        assert explorer.verdict == "converges" and 'data-verdict="converges"' in explorer.readout.value
        assert "5.347e-11" in explorer.readout.value  # the error after 20 steps

        explorer.alpha_slider.value = 0.9
        assert explorer.verdict == "diverges" and 'data-verdict="diverges"' in explorer.readout.value
        assert "<b>diverges</b>" in explorer.readout.value
        assert bytes(explorer.plot.value).startswith(PNG) and bytes(explorer.plot.value) != converging_image

        explorer.alpha_slider.value = 0.1
        assert explorer.verdict == "converges" and "<b>converges</b>" in explorer.readout.value
        assert bytes(explorer.plot.value) == converging_image

    @pytest.mark.parametrize(
        "alpha, outcome, words",
        [
            (0.5, "oscillates", "= -1"),
            (-0.2, "diverges", "climbs the bowl"),
            (0.3, "converges", "overshooting"),
            (0.0, "stays put", "alpha is 0"),
        ],
    )
    def test_the_readout_explains_each_regime(self, alpha, outcome, words):
        explorer = ErrorBowlExplorer(STEP, alpha=0.1)
        explorer.alpha_slider.value = alpha
        assert (
            explorer.verdict == outcome
            and f"<b>{outcome}</b>" in explorer.readout.value
            and words in explorer.readout.value
        )

    def test_the_weight_and_input_sliders_change_the_run(self):
        explorer = ErrorBowlExplorer(STEP, alpha=0.1)
        explorer.weight_slider.value = -1.0
        assert explorer.weights[0] == -1.0 and explorer.verdict == "converges"
        explorer.input_slider.value = 3.0  # 1 - 0.1 * 9 = 0.1
        assert explorer.weights == descent_weights(3.0, -1.0, 0.8, 0.1, 20)
        explorer.alpha_slider.value = 0.3  # 1 - 0.3 * 9 = -1.7
        assert explorer.verdict == "diverges"

    def test_the_explorer_opens_no_pyplot_figure(self):
        before = plt.get_fignums()
        explorer = ErrorBowlExplorer(STEP)
        explorer.alpha_slider.value = 1.2
        assert plt.get_fignums() == before

    def test_with_alpha_01_the_run_diverges_once_the_input_passes_the_square_root_of_20(self):
        explorer = ErrorBowlExplorer(STEP, alpha=0.1)
        explorer.input_slider.value = 4.4
        assert explorer.verdict == "converges"
        explorer.input_slider.value = 4.5
        assert explorer.verdict == "diverges"

    def test_a_wrong_step_is_drawn_as_it_runs_and_the_readout_says_it_is_not_the_lessons(self):
        def climbs(input, weight, goal_pred, alpha):
            return weight + alpha * input * (input * weight - goal_pred)

        explorer = ErrorBowlExplorer(climbs, alpha=0.1)
        assert explorer.weights == student_run(climbs, 2.0, 0.5, 0.8, 0.1, 20)
        assert explorer.verdict == "diverges" and "says it converges" in explorer.readout.value
        assert bytes(explorer.plot.value).startswith(PNG)

    @pytest.mark.parametrize(
        "step, message",
        [
            (_unwritten, "gradient_descent_step is not written yet: write it, run its cell, then run this cell again."),
            (_calls_unwritten, "compute_delta is not written yet: write it, run its cell, then run this cell again."),
            (_raises, "gradient_descent_step raised NameError: name 'weigth' is not defined (run its check"),
            (_returns_a_list, "gradient_descent_step returned [0.5], not a number: it returns the new weight."),
        ],
    )
    def test_a_step_that_cannot_run_is_one_line_in_place_of_the_picture(self, step, message):
        explorer = ErrorBowlExplorer(step)
        assert explorer.problem.startswith(message) and "\n" not in explorer.problem
        assert "error-bowl-problem" in explorer.message._dom_classes and html.escape(message) in explorer.message.value
        assert explorer.plot.layout.display == "none" and explorer.verdict is None and explorer.readout.value == ""

    def test_the_explorer_draws_again_once_the_function_its_step_calls_is_written(self):
        written = {}

        def step(input, weight, goal_pred, alpha):
            return (written.get("step") or _calls_unwritten)(input, weight, goal_pred, alpha)

        explorer = ErrorBowlExplorer(step)
        assert explorer.problem and explorer.verdict is None
        written["step"] = STEP
        explorer.alpha_slider.value = 0.2
        assert explorer.problem == "" and explorer.message.value == "" and explorer.plot.layout.display is None
        assert explorer.verdict == "converges" and bytes(explorer.plot.value).startswith(PNG)
