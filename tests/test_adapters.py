"""Calling a network class the way the checks do, and the stand-in network and costs they use."""

import numpy as np
import pytest
from gradient_check import check_gradient, numerical_gradient

from grader.adapters import (
    SLEEP_STUDY_X,
    SLEEP_STUDY_Y,
    TEST_COSTS,
    LinearNetwork,
    cost_of,
    forward_of,
    gradient_of,
    network_with,
    numerical_gradient_of,
    run_step_on_copies,
    step_on_linear_network,
)


class Drawing:
    """A class whose constructor draws random weights, as the lesson's Neural_Network does."""

    def __init__(self):
        self.W1, self.W2 = np.random.randn(2, 3), np.random.randn(3, 1)

    def forward(self, X):
        return X @ self.W1 @ self.W2

    def costFunction(self, X, y):
        return float(np.sum(self.forward(X) - y))

    def costFunctionPrime(self, X, y):
        return self.W1 * 2, self.W2 * 3


def test_the_sleep_study_data_are_scaled_as_in_the_lesson():
    np.testing.assert_allclose(SLEEP_STUDY_X, [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]])
    np.testing.assert_allclose(SLEEP_STUDY_Y, [[0.75], [0.82], [0.93]])


def test_a_network_is_built_with_copies_of_the_weights_and_the_random_state_is_put_back():
    W1, W2 = np.ones((2, 3), dtype=int), np.ones((3, 1))
    np.random.seed(5)
    before = np.random.get_state()[1].copy()
    network = network_with(Drawing, W1, W2)
    assert np.array_equal(np.random.get_state()[1], before)
    assert network.W1 is not W1 and network.W1.dtype == float and np.array_equal(network.W1, W1)
    network.W1 += 1
    assert np.array_equal(W1, np.ones((2, 3)))


def test_each_adapter_calls_its_method():
    W1, W2, X, y = np.ones((2, 3)), np.ones((3, 1)), np.ones((4, 2)), np.zeros((4, 1))
    np.testing.assert_array_equal(forward_of(Drawing, W1, W2, X), np.full((4, 1), 6.0))
    assert cost_of(Drawing, W1, W2, X, y) == 24.0
    dW1, dW2 = gradient_of(Drawing, W1, W2, X, y)
    np.testing.assert_array_equal(dW1, 2 * W1)
    np.testing.assert_array_equal(dW2, 3 * W2)


def test_the_linear_network_gradient_is_right():
    rng = np.random.default_rng(1)
    X, y = rng.uniform(size=(5, 3)), rng.uniform(size=(5, 2))
    weights = [rng.normal(size=(3, 4)), rng.normal(size=(4, 2))]
    network = LinearNetwork(*weights)

    def cost(w):
        return LinearNetwork(*w).costFunction(X, y)

    report = check_gradient(cost, weights, network.costFunctionPrime(X, y))
    assert report.passed and max(report.errors) < 1e-8


def test_a_step_runs_on_copies_and_reports_the_weights_it_leaves():
    W1, W2 = np.ones((2, 3)), np.ones((3, 1))

    def step_in_place(N, X, y, scalar):
        dW1, dW2 = N.costFunctionPrime(X, y)
        N.W1 -= scalar * dW1
        N.W2 -= scalar * dW2
        return N.costFunction(X, y)

    cost, new_W1, new_W2 = step_on_linear_network(step_in_place, W1, W2, SLEEP_STUDY_X, SLEEP_STUDY_Y, 0.01)
    assert np.array_equal(W1, np.ones((2, 3))) and np.array_equal(W2, np.ones((3, 1)))
    assert cost < LinearNetwork(W1, W2).costFunction(SLEEP_STUDY_X, SLEEP_STUDY_Y)
    assert cost == LinearNetwork(new_W1, new_W2).costFunction(SLEEP_STUDY_X, SLEEP_STUDY_Y)


WEIGHT_SHAPES = [[(2, 3), (3, 1)], [(3, 4), (4, 3)], [(2, 2), (3,)], [(2, 3), (4,)]]  # one list per test cost, in order


@pytest.mark.parametrize("name, shapes", list(zip(TEST_COSTS, WEIGHT_SHAPES)), ids=list(TEST_COSTS))
def test_every_test_cost_is_a_number_of_two_weight_arrays(name, shapes):
    rng = np.random.default_rng(2)
    weights = [rng.normal(size=shape) for shape in shapes]
    value = TEST_COSTS[name](weights)
    assert isinstance(value, float) and np.isfinite(value)


def test_the_test_costs_have_the_gradients_their_formulas_say():
    rng = np.random.default_rng(3)
    squares = [rng.normal(size=(2, 2)), rng.normal(size=3)]
    for gradient, w in zip(numerical_gradient(TEST_COSTS["a sum of squares"], squares), squares):
        np.testing.assert_allclose(gradient, 2 * w, rtol=1e-8)
    a, b = rng.normal(size=(2, 3)), rng.normal(size=4)
    gradients = numerical_gradient(TEST_COSTS["a cubic of two arrays"], [a, b])
    expected_a = 3 * a**2
    expected_a[0] -= b.sum()
    np.testing.assert_allclose(gradients[0], expected_a, rtol=1e-6)
    np.testing.assert_allclose(gradients[1], np.full(4, -a[0].sum()), rtol=1e-6)


def test_a_numerical_gradient_is_called_on_copies_of_the_weights():
    weights = [np.ones((2, 3)), np.ones((3, 1))]

    def spoiling(cost, ws, epsilon):
        ws[0] += 1
        return [np.zeros_like(w) for w in ws]

    numerical_gradient_of(spoiling, "a sum of squares", weights, 1e-4)
    assert np.array_equal(weights[0], np.ones((2, 3)))
    gradients = numerical_gradient_of(numerical_gradient, "a sum of squares", weights, 1e-4)
    np.testing.assert_allclose(gradients[1], 2 * weights[1], rtol=1e-8)


def test_run_step_on_copies_returns_the_step_result_and_the_weights_after_without_touching_the_callers():
    def step(x, weights_0_1, weights_1_2, alpha):
        weights_0_1[x] -= alpha
        weights_1_2 *= 2
        return len(x)

    weights_0_1, weights_1_2 = np.zeros((3, 2)), np.ones((2, 1))
    returned, after_0_1, after_1_2 = run_step_on_copies(step, [0, 2], weights_0_1, weights_1_2, 0.5)
    assert returned == 2
    np.testing.assert_array_equal(after_0_1, [[-0.5, -0.5], [0, 0], [-0.5, -0.5]])
    np.testing.assert_array_equal(after_1_2, [[2], [2]])
    np.testing.assert_array_equal(weights_0_1, np.zeros((3, 2)))
    np.testing.assert_array_equal(weights_1_2, np.ones((2, 1)))


def test_run_step_on_copies_gives_the_step_float_arrays_it_can_change():
    def step(weights_0_1, weights_1_2, alpha):
        weights_0_1 -= alpha
        return None

    _, after, _ = run_step_on_copies(step, [[1, 2]], [[3]], 0.5)
    np.testing.assert_array_equal(after, [[0.5, 1.5]])
