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
    ax = draw_network([IH, HP], inputs=[8.5, 0.65, 1.2], labels=[["toes", "win %", "fans"], None, ["hurt?", "win?", "sad?"]])
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
