import matplotlib
import numpy as np
import pytest
from matplotlib.patches import Rectangle

from helpers.convolution_view import plot_windows

matplotlib.use("Agg")


def _windows(ax):
    return [patch for patch in ax.patches if isinstance(patch, Rectangle)]


def test_one_window_per_corner_covering_exactly_its_section():
    ax = plot_windows(np.zeros((28, 28)), 3, 3, [(0, 0), (24, 24), (25, 25)])
    windows = _windows(ax)
    assert len(windows) == 3
    last = windows[-1]
    assert (last.get_x(), last.get_y(), last.get_width(), last.get_height()) == (24.5, 24.5, 3, 3)
    assert last.get_x() + last.get_width() == 27.5  # the right edge of the last pixel column


def test_windows_of_other_shapes_and_their_legend():
    ax = plot_windows(np.ones((5, 7)), 2, 3, [(3, 4)], labels=["last position"], title="2×3")
    (window,) = _windows(ax)
    assert (window.get_width(), window.get_height()) == (3, 2)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["last position"]
    assert ax.get_title() == "2×3"


def test_windows_of_different_corners_get_different_colours():
    ax = plot_windows(np.zeros((6, 6)), 3, 3, [(0, 0), (1, 1), (3, 3)])
    assert len({tuple(w.get_edgecolor()) for w in _windows(ax)}) == 3


@pytest.mark.parametrize("corner", [(26, 0), (0, 26), (-1, 0)])
def test_a_window_that_does_not_fit_is_refused(corner):
    with pytest.raises(ValueError, match="does not fit in a 28×28 image"):
        plot_windows(np.zeros((28, 28)), 3, 3, [corner])


def test_only_one_image_at_a_time():
    with pytest.raises(ValueError, match="one 2-D image"):
        plot_windows(np.zeros((2, 28, 28)), 3, 3, [(0, 0)])
