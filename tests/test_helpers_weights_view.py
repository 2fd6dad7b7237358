import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.weights_view import plot_dot_products, plot_error_slices, plot_forward_pass, plot_weight_grid

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _squared_error(weights):
    return (8.5 * weights[0] + 0.65 * weights[1] - 1) ** 2


def test_error_slices_draw_one_panel_per_weight_and_one_curve_and_dot_per_iteration():
    history = [[0.1, 0.2], [0.11, 0.21], [0.115, 0.215]]
    figure = plot_error_slices(_squared_error, history, names=["toes", "win %"])
    axes = figure.axes
    assert [ax.get_xlabel() for ax in axes] == ["toes", "win %"]
    for index, ax in enumerate(axes):
        curves, dots = ax.lines[0::2], ax.lines[1::2]
        assert len(curves) == len(dots) == 3
        for weights, dot in zip(history, dots):
            assert dot.get_xdata()[0] == weights[index]
            assert dot.get_ydata()[0] == pytest.approx(_squared_error(weights))


def test_each_curve_is_the_error_as_one_weight_varies_and_all_panels_span_the_same_width():
    history = [[0.1, 0.2], [0.1, 0.5]]
    figure = plot_error_slices(_squared_error, history)
    widths = []
    for index, ax in enumerate(figure.axes):
        curve = ax.lines[2]  # the second iteration's curve
        x, y = curve.get_xdata(), curve.get_ydata()
        expected = [_squared_error([v, 0.5] if index == 0 else [0.1, v]) for v in x]
        np.testing.assert_allclose(y, expected)
        widths.append(x[-1] - x[0])
    assert widths[0] == pytest.approx(widths[1])


def test_a_frozen_weight_keeps_its_dot_while_its_curve_moves():
    history = [[0.1, 0.2], [0.1, 0.4]]
    figure = plot_error_slices(_squared_error, history)
    frozen = figure.axes[0]
    first_dot, second_dot = frozen.lines[1], frozen.lines[3]
    assert first_dot.get_xdata()[0] == second_dot.get_xdata()[0] == 0.1
    assert not np.allclose(frozen.lines[0].get_ydata(), frozen.lines[2].get_ydata())


def test_dot_products_show_one_row_per_weight_image_with_the_products_sum():
    image = np.array([[0.0, 1.0], [1.0, 0.5]])
    first, second = np.array([[2.0, -1.0], [0.5, 1.0]]), np.array([[1.0, 1.0], [1.0, 1.0]])
    figure = plot_dot_products(image, [first, second], labels=["weights for 3", "weights for 7"])
    axes = figure.axes
    assert len(axes) == 6
    np.testing.assert_allclose(axes[2].images[0].get_array(), image * first)
    assert axes[2].get_title() == "input × weights for 3: sum 0"
    assert axes[5].get_title() == "input × weights for 7: sum 2.5"
    assert axes[1].images[0].get_clim() == (-2.0, 2.0)


def test_dot_products_refuse_weights_of_another_shape_than_the_image():
    with pytest.raises(ValueError, match=r"image has shape \(2, 2\) but weights 0 have shape \(4,\)"):
        plot_dot_products(np.zeros((2, 2)), [np.zeros(4)])


def test_forward_pass_alternates_layers_and_weights_titled_with_their_shapes():
    layer_0 = np.array([1.0, 0.0, 1.0])
    weights = [np.ones((3, 4)), np.ones((4, 1))]
    layers = [layer_0, np.maximum(layer_0 @ weights[0], 0), np.maximum(layer_0 @ weights[0], 0) @ weights[1]]
    figure = plot_forward_pass(layers, weights)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == ["layer_0\n(3,)", "weights_0_1\n(3, 4)", "layer_1\n(4,)", "weights_1_2\n(4, 1)", "layer_2\n(1,)"]
    assert figure.axes[1].images[0].get_array().shape == (3, 4)
    assert figure.axes[0].images[0].get_array().shape == (1, 3)  # a vector is drawn as one row


def test_forward_pass_of_a_batch_draws_one_row_per_example_and_never_writes_minus_zero():
    batch = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    weights = [np.array([[-1.0, 2.0], [0.5, -0.5]])]
    output = batch @ weights[0] * 0 * -1  # -0.0 entries
    figure = plot_forward_pass([batch, output], weights, names=["lights", "out"])
    assert figure.axes[0].get_title() == "lights\n(3, 2)"
    texts = [text.get_text() for ax in figure.axes for text in ax.texts]
    assert "-0" not in texts and "0" in texts


def test_forward_pass_needs_one_weight_matrix_fewer_than_layers():
    with pytest.raises(ValueError, match="3 layers need 2 weight matrices, got 1"):
        plot_forward_pass([np.ones(2), np.ones(2), np.ones(2)], [np.ones((2, 2))])


def test_weight_grid_tiles_every_image_on_its_own_scale_into_one_picture():
    small, large = np.array([[0.0, 0.1], [-0.05, 0.0]]), np.array([[4.0, 0.0], [0.0, -8.0]])
    figure = plot_weight_grid([[small, large], [large]], row_labels=["early", "late"], column_labels=["a", "b"])
    (ax,) = figure.axes
    (image,) = ax.images
    canvas = image.get_array()
    assert canvas.shape == (2 * 2 + 2, 2 * 2 + 2)  # two tiles each way and a gap of 2
    np.testing.assert_allclose(canvas[:2, :2], small / 0.1)
    np.testing.assert_allclose(canvas[:2, 4:], large / 8.0)
    assert canvas.mask[2:4].all() and canvas.mask[4:, 4:].all()  # the gap, and the missing tile
    assert [t.get_text() for t in ax.get_yticklabels()] == ["early", "late"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]


def test_weight_grid_refuses_images_of_different_shapes():
    with pytest.raises(ValueError, match=r"image 1 of row 0 has shape \(3, 3\), the first has \(2, 2\)"):
        plot_weight_grid([[np.zeros((2, 2)), np.zeros((3, 3))]])
