"""The gradient checker: central differences, relative error, and a report per weight array."""

import numpy as np
import pytest
from gradient_check import GradientCheck, check_gradient, numerical_gradient, relative_error


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _network_cost(X, y, W1, W2):
    return 0.5 * np.sum((y - _sigmoid(_sigmoid(X @ W1) @ W2)) ** 2)


def _network_gradient(X, y, W1, W2):
    a2 = _sigmoid(X @ W1)
    y_hat = _sigmoid(a2 @ W2)
    delta3 = -(y - y_hat) * y_hat * (1 - y_hat)
    delta2 = delta3 @ W2.T * a2 * (1 - a2)
    return [X.T @ delta2, a2.T @ delta3]


@pytest.fixture
def network():
    rng = np.random.default_rng(0)
    X, y = rng.uniform(0, 1, (4, 3)), rng.uniform(0, 1, (4, 2))
    weights = [rng.normal(size=(3, 5)), rng.normal(size=(5, 2))]
    return X, y, weights


def test_numerical_gradient_of_known_functions():
    a, b = np.array([1.0, -2.0, 0.5]), np.array([[3.0, -1.0], [0.25, 2.0]])
    gradients = numerical_gradient(lambda w: np.sum(w[0] ** 2) + np.sum(w[0][:2] * w[1][0]) + np.sum(w[1] ** 3), [a, b])
    np.testing.assert_allclose(gradients[0], 2 * a + np.append(b[0], 0), rtol=1e-8)
    np.testing.assert_allclose(gradients[1], 3 * b**2 + np.array([a[:2], [0, 0]]), rtol=1e-7)
    assert [g.shape for g in gradients] == [a.shape, b.shape]


def test_central_differences_are_exact_for_quadratics_and_second_order_otherwise():
    w = np.array([0.7])
    assert numerical_gradient(lambda ws: 3 * ws[0][0] ** 2 - ws[0][0], [w])[0][0] == pytest.approx(3.2, rel=1e-10)
    for epsilon in (1e-2, 1e-3):
        error = abs(numerical_gradient(lambda ws: np.exp(ws[0][0]), [w], epsilon)[0][0] - np.exp(0.7))
        assert error == pytest.approx(np.exp(0.7) * epsilon**2 / 6, rel=1e-2)


def test_weights_are_left_exactly_as_they_were_even_when_the_cost_raises(network):
    X, y, weights = network
    before = [w.copy() for w in weights]
    numerical_gradient(lambda w: _network_cost(X, y, *w), weights)
    assert all(np.array_equal(w, b) for w, b in zip(weights, before))

    calls = []

    def failing(w):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("cost failed")
        return float(np.sum(w[0]))

    with pytest.raises(RuntimeError):
        numerical_gradient(failing, weights)
    assert all(np.array_equal(w, b) for w, b in zip(weights, before))


def test_bad_weights_and_costs_are_refused_with_a_reason():
    with pytest.raises(TypeError, match=r"weights\[1\] must be a NumPy array of floats, got an array of int"):
        numerical_gradient(lambda w: 0.0, [np.zeros(2), np.arange(3)])
    with pytest.raises(TypeError, match="got list"):
        numerical_gradient(lambda w: 0.0, [[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"the cost must be a single number, got an array of shape \(2,\)"):
        numerical_gradient(lambda w: w[0] ** 2, [np.ones(2)])


def test_a_cost_of_one_entry_in_an_array_counts_as_a_number():
    gradient = numerical_gradient(lambda w: 0.5 * sum(w[0] ** 2), [np.array([[1.0], [2.0]])])
    np.testing.assert_allclose(gradient[0], [[1.0], [2.0]], rtol=1e-8)


def test_relative_error():
    assert relative_error(np.ones(3), np.ones(3)) == 0.0
    assert relative_error(np.zeros((2, 2)), np.zeros((2, 2))) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(1.0)
    assert relative_error([1.0, 2.0], [-1.0, -2.0]) == float("inf")
    assert relative_error([2.0], [1.0]) == pytest.approx(1 / 3)
    with pytest.raises(ValueError, match=r"shape \(2,\) with one of shape \(3,\)"):
        relative_error(np.ones(2), np.ones(3))


def test_a_correct_backpropagation_passes_far_below_the_threshold(network):
    X, y, weights = network
    report = check_gradient(
        lambda w: _network_cost(X, y, *w), weights, _network_gradient(X, y, *weights), names=["W1", "W2"]
    )
    assert report.passed and max(report.errors) < 1e-8 and report.overall < 1e-8
    assert report.names == ("W1", "W2")


def test_a_wrong_gradient_fails_and_the_report_names_the_wrong_array(network):
    X, y, weights = network
    dJdW1, dJdW2 = _network_gradient(X, y, *weights)
    report = check_gradient(lambda w: _network_cost(X, y, *w), weights, [dJdW1 * 1.5, dJdW2], names=["W1", "W2"])
    assert not report.passed
    assert report.errors[0] > 0.1 and report.errors[1] < 1e-8
    text = str(report)
    assert "W1" in text and "✗" in text.splitlines()[1] and "✓" in text.splitlines()[2]


def test_names_default_to_positions_and_mismatches_are_refused(network):
    X, y, weights = network
    gradient = _network_gradient(X, y, *weights)
    assert check_gradient(lambda w: _network_cost(X, y, *w), weights, gradient).names == ("weights[0]", "weights[1]")
    with pytest.raises(ValueError, match="2 weight arrays but 1 gradient arrays"):
        check_gradient(lambda w: 0.0, weights, gradient[:1])
    with pytest.raises(ValueError, match=r"the gradient for W1 has shape \(5, 3\), its weights \(3, 5\)"):
        check_gradient(lambda w: _network_cost(X, y, *w), weights, [gradient[0].T, gradient[1]], names=["W1", "W2"])


def test_the_report_shows_itself_in_a_notebook():
    report = GradientCheck(("W1",), (1e-10,), 1e-10, 1e-7)

    class Printer:
        text_written = ""

        def text(self, value):
            self.text_written += value

    printer = Printer()
    report._repr_pretty_(printer, False)
    assert printer.text_written == str(report) and "1.00e-10  ✓" in printer.text_written
