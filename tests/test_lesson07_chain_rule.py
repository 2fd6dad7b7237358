"""Lesson 07, the chain rule and gradient checking: the series' code and claims, wrong answers, correct variants."""

import numpy as np
import pytest
from gradient_check import numerical_gradient, relative_error
from support import assert_named_mistake, assert_passes

from grader import check, check_hidden
from grader.adapters import TEST_COSTS, network_with
from grader.exercises import chain_rule

# The series' data (its part 2, which the seed imports) and its Neural_Network class as the seed prints it,
# indentation restored (the seed's copy lost it), with part 5's helpers for its numerical gradient.
SERIES = """
import numpy as np

X = np.array(([3,5], [5,1], [10,2]), dtype=float)
y = np.array(([75], [82], [93]), dtype=float)
X = X/np.amax(X, axis=0)
y = y/100

class Neural_Network(object):
    def __init__(self):
        #Define Hyperparameters
        self.inputLayerSize = 2
        self.outputLayerSize = 1
        self.hiddenLayerSize = 3
        #Weights (parameters)
        self.W1 = np.random.randn(self.inputLayerSize,self.hiddenLayerSize)
        self.W2 = np.random.randn(self.hiddenLayerSize,self.outputLayerSize)
    def forward(self, X):
        #Propogate inputs though network
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2)
        yHat = self.sigmoid(self.z3)
        return yHat
    def sigmoid(self, z):
        #Apply sigmoid activation function to scalar, vector, or matrix
        return 1/(1+np.exp(-z))
    def sigmoidPrime(self,z):
        #Gradient of sigmoid
        return np.exp(-z)/((1+np.exp(-z))**2)
    def costFunction(self, X, y):
        #Compute cost for given X,y, use weights already stored in class.
        self.yHat = self.forward(X)
        J = 0.5*sum((y-self.yHat)**2)
        return J
    def costFunctionPrime(self, X, y):
        #Compute derivative with respect to W and W2 for a given X and y:
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y-self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)
        delta2 = np.dot(delta3, self.W2.T)*self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2
    def getParams(self):
        params = np.concatenate((self.W1.ravel(), self.W2.ravel()))
        return params
    def setParams(self, params):
        W1_start = 0
        W1_end = self.hiddenLayerSize * self.inputLayerSize
        self.W1 = np.reshape(params[W1_start:W1_end], (self.inputLayerSize , self.hiddenLayerSize))
        W2_end = W1_end + self.hiddenLayerSize*self.outputLayerSize
        self.W2 = np.reshape(params[W1_end:W2_end], (self.hiddenLayerSize, self.outputLayerSize))
    def computeGradients(self, X, y):
        dJdW1, dJdW2 = self.costFunctionPrime(X, y)
        return np.concatenate((dJdW1.ravel(), dJdW2.ravel()))

def computeNumericalGradient(N, X, y):
        paramsInitial = N.getParams()
        numgrad = np.zeros(paramsInitial.shape)
        perturb = np.zeros(paramsInitial.shape)
        e = 1e-4
        for p in range(len(paramsInitial)):
            perturb[p] = e
            N.setParams(paramsInitial + perturb)
            loss2 = N.costFunction(X, y)
            N.setParams(paramsInitial - perturb)
            loss1 = N.costFunction(X, y)
            numgrad[p] = (loss2 - loss1) / (2*e)
            perturb[p] = 0
        N.setParams(paramsInitial)
        return numgrad
"""


@pytest.fixture(scope="module")
def series():
    namespace = {}
    exec(SERIES, namespace)
    return namespace


def _series_network(series, seed):
    np.random.seed(seed)
    return series["Neural_Network"]()


def test_the_data_are_the_series_data(series):
    np.testing.assert_array_equal(chain_rule.X, series["X"])
    np.testing.assert_array_equal(chain_rule.Y, series["y"])


@pytest.mark.parametrize("seed", range(5))
def test_the_reference_computes_what_the_series_class_computes(series, seed):
    network = _series_network(series, seed)
    W1, W2 = chain_rule._seeded_weights(seed)
    np.testing.assert_array_equal(network.W1, W1)
    reference = network_with(chain_rule.answers.Neural_Network, W1, W2)
    X, y = series["X"], series["y"]
    np.testing.assert_array_equal(reference.forward(X), network.forward(X))
    assert reference.costFunction(X, y) == pytest.approx(network.costFunction(X, y).item(), rel=1e-14)
    for ours, theirs in zip(reference.costFunctionPrime(X, y), network.costFunctionPrime(X, y)):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("seed", range(20))
def test_along_the_gradient_the_cost_rises_and_against_it_it_falls(series, seed):
    network, X, y, scalar = _series_network(series, seed), series["X"], series["y"], 3
    cost1 = network.costFunction(X, y)
    dJdW1, dJdW2 = network.costFunctionPrime(X, y)
    network.W1 = network.W1 + scalar * dJdW1
    network.W2 = network.W2 + scalar * dJdW2
    cost2 = network.costFunction(X, y)
    dJdW1, dJdW2 = network.costFunctionPrime(X, y)
    network.W1 = network.W1 - scalar * dJdW1
    network.W2 = network.W2 - scalar * dJdW2
    cost3 = network.costFunction(X, y)
    assert cost2 > cost1 and cost3 < cost2


def test_the_lesson_example_goes_up_then_down_below_the_start():
    network = network_with(chain_rule.answers.Neural_Network, chain_rule.SEED_W1, chain_rule.SEED_W2)
    cost1 = network.costFunction(chain_rule.X, chain_rule.Y)
    cost2 = chain_rule.answers.gradient_descent_step(network, chain_rule.X, chain_rule.Y, -3)
    cost3 = chain_rule.answers.gradient_descent_step(network, chain_rule.X, chain_rule.Y, 3)
    assert cost3 < cost1 < cost2


def test_the_series_numerical_gradient_breaks_on_numpy_2_because_its_cost_is_an_array(series):
    network = _series_network(series, 0)
    assert network.costFunction(series["X"], series["y"]).shape == (1,)  # Python's sum over the rows
    with pytest.raises(ValueError, match="setting an array element with a sequence"):
        series["computeNumericalGradient"](network, series["X"], series["y"])


@pytest.mark.parametrize("seed", range(10))
def test_backpropagation_agrees_with_the_numerical_gradient_to_better_than_1e_8(series, seed):
    class OneNumberCost(series["Neural_Network"]):
        def costFunction(self, X, y):
            return super().costFunction(X, y).item()

    np.random.seed(seed)
    network = OneNumberCost()
    X, y = series["X"], series["y"]
    numgrad = series["computeNumericalGradient"](network, X, y)
    grad = network.computeGradients(X, y)
    assert np.linalg.norm(grad - numgrad) / np.linalg.norm(grad + numgrad) < 1e-8
    W1, W2 = chain_rule._seeded_weights(seed)

    def cost(weights):
        return network_with(chain_rule.answers.Neural_Network, *weights).costFunction(chain_rule.X, chain_rule.Y)

    ours = chain_rule.answers.numerical_gradient(cost, [W1, W2])
    np.testing.assert_allclose(np.concatenate([g.ravel() for g in ours]), numgrad, rtol=1e-9, atol=1e-13)
    assert chain_rule.answers.relative_difference(grad, np.concatenate([g.ravel() for g in ours])) < 1e-8


def test_the_lesson_and_the_helper_compute_the_same_numbers():
    weights = [chain_rule.SEED_W1.copy(), chain_rule.SEED_W2.copy()]
    cost = TEST_COSTS[chain_rule.LINEAR_SLEEP_STUDY_COST]
    for ours, helpers in zip(chain_rule.answers.numerical_gradient(cost, weights), numerical_gradient(cost, weights)):
        np.testing.assert_array_equal(ours, helpers)
    rng = np.random.default_rng(3)
    for a, n in [(rng.normal(size=(2, 3)), rng.normal(size=(2, 3))), (np.zeros(3), np.zeros(3))]:
        assert chain_rule.answers.relative_difference(a, n) == relative_error(a, n)


def test_checking_a_class_leaves_the_students_random_state_alone():
    np.random.seed(42)
    state = np.random.get_state()[1].copy()
    check("chain_rule.costFunctionPrime", chain_rule.answers.Neural_Network)
    check_hidden("chain_rule.forward", chain_rule.answers.Neural_Network)
    assert np.array_equal(np.random.get_state()[1], state)


# A student's class: the lesson's template, whose methods each wrong answer below replaces.
class Student(chain_rule.answers.Neural_Network):
    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoidPrime(self, z):
        return np.exp(-z) / ((1 + np.exp(-z)) ** 2)


def _with(**methods):
    return type("Neural_Network", (Student,), methods)


def _prime(delta3_of, delta2_of=None, gradients=None):
    """costFunctionPrime built from its three steps; each may be replaced by a wrong one."""

    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = delta3_of(self, X, y)
        delta2 = (delta2_of or (lambda s, d3: np.dot(d3, s.W2.T) * s.sigmoidPrime(s.z2)))(self, delta3)
        if gradients:
            return gradients(self, X, delta2, delta3)
        return np.dot(X.T, delta2), np.dot(self.a2.T, delta3)

    return costFunctionPrime


def _right_delta3(self, X, y):
    return np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))


def _nudge_without_restoring(f, weights, epsilon=1e-4):
    gradients = []
    for w in weights:
        gradient = np.zeros(w.shape)
        for index in np.ndindex(w.shape):
            w[index] += epsilon
            cost_up = f(weights)
            w[index] -= 2 * epsilon
            cost_down = f(weights)
            gradient[index] = (cost_up - cost_down) / (2 * epsilon)
        gradients.append(gradient)
    return gradients


def _welch_style(f, weights, epsilon=1e-4):
    """The series' way: perturb a flat copy of all parameters, one entry at a time."""
    shapes = [w.shape for w in weights]
    params = np.concatenate([w.ravel() for w in weights])
    perturb, numgrad = np.zeros(params.shape), np.zeros(params.shape)

    def unflatten(flat):
        out, start = [], 0
        for shape in shapes:
            size = int(np.prod(shape))
            out.append(flat[start : start + size].reshape(shape))
            start += size
        return out

    for p in range(len(params)):
        perturb[p] = epsilon
        loss2 = f(unflatten(params + perturb))
        loss1 = f(unflatten(params - perturb))
        numgrad[p] = (loss2 - loss1) / (2 * epsilon)
        perturb[p] = 0
    return unflatten(numgrad)


def _step_in_place(N, X, y, scalar):
    dJdW1, dJdW2 = N.costFunctionPrime(X, y)
    N.W1 -= scalar * dJdW1
    N.W2 -= scalar * dJdW2
    return N.costFunction(X, y)


def _step_twice_computed(N, X, y, scalar):
    N.W1 = N.W1 - scalar * N.costFunctionPrime(X, y)[0]
    N.W2 = N.W2 - scalar * N.costFunctionPrime(X, y)[1]
    return N.costFunction(X, y)


def _step_cost_first(N, X, y, scalar):
    cost = N.costFunction(X, y)
    dJdW1, dJdW2 = N.costFunctionPrime(X, y)
    N.W1, N.W2 = N.W1 - scalar * dJdW1, N.W2 - scalar * dJdW2
    return cost


def _forward_last_sigmoid_missing(self, X):
    self.z2 = np.dot(X, self.W1)
    self.a2 = self.sigmoid(self.z2)
    self.z3 = np.dot(self.a2, self.W2)
    return self.z3


def _forward_weights_on_the_left(self, X):
    self.z2 = np.dot(self.W1, X)
    self.a2 = self.sigmoid(self.z2)
    self.z3 = np.dot(self.W2, self.a2)
    return self.sigmoid(self.z3)


def _cost(expression):
    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        return expression(y, self.yHat)

    return costFunction


def _restored_by_arithmetic(f, weights, epsilon=1e-4):
    """Nudges each entry up, down and back by adding ε: w + ε − 2ε + ε is not always w in its last digits."""
    gradients = []
    for w in weights:
        gradient = np.zeros(w.shape)
        for index in np.ndindex(w.shape):
            w[index] = w[index] + epsilon
            cost_up = f(weights)
            w[index] = w[index] - 2 * epsilon
            cost_down = f(weights)
            w[index] = w[index] + epsilon
            gradient[index] = (cost_up - cost_down) / (2 * epsilon)
        gradients.append(gradient)
    return gradients


WRONG_ANSWERS = [
    ("chain_rule.numerical_gradient", "parameters restored by arithmetic", _restored_by_arithmetic),
    ("chain_rule.sigmoid", "exp(x) instead of exp(−x)", lambda z: 1 / (1 + np.exp(z))),
    ("chain_rule.sigmoidPrime", "the output's formula applied to z", lambda z: z * (1 - z)),
    ("chain_rule.sigmoidPrime", "the sigmoid instead of its slope", lambda z: 1 / (1 + np.exp(-z))),
    ("chain_rule.forward", "sigmoid forgotten on the output", _with(forward=_forward_last_sigmoid_missing)),
    ("chain_rule.forward", "weights multiplied from the left", _with(forward=_forward_weights_on_the_left)),
    (
        "chain_rule.costFunction",
        "Python's sum: one cost per output",
        _with(costFunction=_cost(lambda y, h: 0.5 * sum((y - h) ** 2))),
    ),
    ("chain_rule.costFunction", "the ½ forgotten", _with(costFunction=_cost(lambda y, h: np.sum((y - h) ** 2)))),
    (
        "chain_rule.costFunction",
        "mean instead of sum",
        _with(costFunction=_cost(lambda y, h: 0.5 * np.mean((y - h) ** 2))),
    ),
    ("chain_rule.costFunction", "errors not squared", _with(costFunction=_cost(lambda y, h: 0.5 * np.sum(y - h)))),
    (
        "chain_rule.costFunctionPrime",
        "δ3 without the sigmoid′ factor",
        _with(costFunctionPrime=_prime(lambda s, X, y: -(y - s.yHat))),
    ),
    (
        "chain_rule.costFunctionPrime",
        "sign of (y − ŷ) flipped",
        _with(costFunctionPrime=_prime(lambda s, X, y: (y - s.yHat) * s.sigmoidPrime(s.z3))),
    ),
    (
        "chain_rule.costFunctionPrime",
        "sign of (y − ŷ) flipped",
        _with(costFunctionPrime=_prime(lambda s, X, y: np.multiply(y - s.yHat, s.sigmoidPrime(s.z3)))),
    ),
    (
        "chain_rule.costFunctionPrime",
        "sigmoidPrime applied to a instead of z",
        _with(costFunctionPrime=_prime(_right_delta3, lambda s, d3: np.dot(d3, s.W2.T) * s.sigmoidPrime(s.a2))),
    ),
    (
        "chain_rule.costFunctionPrime",
        "sigmoidPrime applied to a instead of z",
        _with(
            costFunctionPrime=_prime(
                lambda s, X, y: -(y - s.yHat) * s.sigmoidPrime(s.yHat),
                lambda s, d3: np.dot(d3, s.W2.T) * s.sigmoidPrime(s.a2),
            )
        ),
    ),
    (
        "chain_rule.costFunctionPrime",
        "X.T forgotten or transposes misplaced",
        _with(
            costFunctionPrime=_prime(_right_delta3, gradients=lambda s, X, d2, d3: (np.dot(X, d2), np.dot(s.a2.T, d3)))
        ),
    ),
    (
        "chain_rule.costFunctionPrime",
        "X.T forgotten or transposes misplaced",
        _with(costFunctionPrime=_prime(_right_delta3, gradients=lambda s, X, d2, d3: (d2.T @ X, d3.T @ s.a2))),
    ),
    (
        "chain_rule.costFunctionPrime",
        "X.T forgotten or transposes misplaced",
        _with(costFunctionPrime=_prime(_right_delta3, lambda s, d3: np.dot(d3, s.W2) * s.sigmoidPrime(s.z2))),
    ),
    (
        "chain_rule.gradient_descent_step",
        "stepped uphill",
        lambda N, X, y, s: chain_rule.answers.gradient_descent_step(N, X, y, -s),
    ),
    (
        "chain_rule.gradient_descent_step",
        "scalar forgotten",
        lambda N, X, y, s: chain_rule.answers.gradient_descent_step(N, X, y, 1),
    ),
    ("chain_rule.gradient_descent_step", "cost measured before the step", _step_cost_first),
    ("chain_rule.gradient_descent_step", "gradients from two different points", _step_twice_computed),
    ("chain_rule.numerical_gradient", "one-sided difference", chain_rule.numerical_gradient_one_sided),
    (
        "chain_rule.numerical_gradient",
        "divided by ε instead of 2ε",
        lambda f, ws, e=1e-4: [2 * g for g in chain_rule.answers.numerical_gradient(f, ws, e)],
    ),
    ("chain_rule.numerical_gradient", "nudged weights not put back", _nudge_without_restoring),
    ("chain_rule.numerical_gradient", "every weight nudged at once", chain_rule.numerical_gradient_all_nudged_at_once),
    ("chain_rule.relative_difference", "the difference not divided", lambda a, n: np.linalg.norm(a - n)),
    ("chain_rule.relative_difference", "elementwise instead of norms", lambda a, n: np.abs(a - n) / np.abs(a + n)),
    ("chain_rule.relative_difference", "squared norms", lambda a, n: np.sum((a - n) ** 2) / np.sum((a + n) ** 2)),
    (
        "chain_rule.relative_difference",
        "0/0 when both gradients are zero",
        lambda a, n: np.linalg.norm(a - n) / np.linalg.norm(a + n),
    ),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer, in_every_failure=True)


def _delta3_from_yhat_minus_y(self, X, y):
    return (self.yHat - y) * self.yHat * (1 - self.yHat)


CORRECT_VARIANTS = [
    ("chain_rule.sigmoid", lambda z: np.exp(z) / (1 + np.exp(z))),
    ("chain_rule.sigmoidPrime", lambda z: (1 / (1 + np.exp(-z))) * (1 - 1 / (1 + np.exp(-z)))),
    ("chain_rule.sigmoidPrime", lambda z: np.exp(z) / (1 + np.exp(z)) ** 2),
    ("chain_rule.forward", Student),
    ("chain_rule.costFunction", _with(costFunction=_cost(lambda y, h: 0.5 * ((y - h) ** 2).sum()))),
    ("chain_rule.costFunction", _with(costFunction=_cost(lambda y, h: 0.5 * np.linalg.norm(y - h) ** 2))),
    ("chain_rule.costFunctionPrime", _with(costFunctionPrime=_prime(_delta3_from_yhat_minus_y))),
    (
        "chain_rule.costFunctionPrime",
        _with(
            costFunctionPrime=_prime(
                _right_delta3,
                lambda s, d3: (d3 @ s.W2.T) * s.a2 * (1 - s.a2),
                lambda s, X, d2, d3: ((d2.T @ X).T, (d3.T @ s.a2).T),
            )
        ),
    ),
    ("chain_rule.gradient_descent_step", _step_in_place),
    ("chain_rule.numerical_gradient", _welch_style),
    ("chain_rule.numerical_gradient", numerical_gradient),
    ("chain_rule.relative_difference", relative_error),
    (
        "chain_rule.relative_difference",
        lambda a, n: 0.0 if not np.any(a + n) else np.sqrt(np.sum((a - n) ** 2)) / np.sqrt(np.sum((a + n) ** 2)),
    ),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)
