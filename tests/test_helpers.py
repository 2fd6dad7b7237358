import matplotlib
import numpy as np
import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from helpers import draw_network

matplotlib.use("Agg")

IH = [[0.1, 0.2, -0.1], [-0.1, 0.1, 0.9], [0.1, 0.4, 0.1]]
HP = [[0.3, 1.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]


def _texts(ax):
    return [text.get_text() for text in ax.texts]


def test_draws_one_node_per_unit_and_one_edge_per_weight():
    ax = draw_network([IH, [[0.5, 0.5, 0.5]]])
    assert sum(isinstance(p, Circle) for p in ax.patches) == 3 + 3 + 1
    assert sum(isinstance(line, Line2D) for line in ax.lines) == 9 + 3


def test_labels_edges_with_weights_and_nodes_with_values_flowing_forward():
    ax = draw_network(
        [IH, HP], inputs=[8.5, 0.65, 1.2], labels=[["toes", "win %", "fans"], None, ["hurt?", "win?", "sad?"]]
    )
    texts = _texts(ax)
    assert {"0.9", "-0.3", "1.3"} <= set(texts)
    assert {"0.86", "0.295", "1.23"} <= set(texts)  # the hidden layer
    assert {"0.2135", "0.145", "0.5065"} <= set(texts)  # the predictions
    assert {"toes", "sad?"} <= set(texts)


def test_negative_weights_are_drawn_in_another_colour():
    ax = draw_network([[[0.5, -0.5]]])
    colours = {line.get_color() for line in ax.lines}
    assert len(colours) == 2


def test_layers_that_do_not_fit_together_are_refused():
    with pytest.raises(ValueError, match="layer 1 expects 2 inputs"):
        draw_network([np.ones((3, 2)), np.ones((1, 2))])


def test_plot_curves_draws_one_named_line_per_curve_on_a_log_scale_when_asked():
    from helpers.plots import plot_curves

    ax = plot_curves({"train": [1.0, 0.5, 0.25], "test": [1.0, 0.7, 0.6]}, log=True, title="error")
    assert [line.get_label() for line in ax.lines] == ["train", "test"]
    assert ax.get_yscale() == "log" and ax.get_title() == "error"
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [1.0, 0.7, 0.6])


def test_plot_heatmap_centres_colours_on_zero_and_writes_small_matrices_values():
    from helpers.plots import plot_heatmap

    ax = plot_heatmap([[0.5, -2.0], [1.0, 0.0]], row_labels=["a", "b"])
    image = ax.images[0]
    assert image.get_clim() == (-2.0, 2.0)
    assert {"0.5", "-2", "1", "0"} <= set(_texts(ax))


def test_plot_images_lays_out_a_grid_with_titles():
    from helpers.plots import plot_images

    figure = plot_images([np.eye(28)] * 10, titles=list(range(10)), columns=4)
    shown = [ax for ax in figure.axes if ax.images]
    assert len(figure.axes) == 12 and len(shown) == 10
    assert shown[9].get_title() == "9"
