"""Lesson 07 · the chain rule and gradient checking: backpropagation derived, written as matrices, and checked.

The network predicts a test score from hours of sleep and hours of study. Its exercises are the sigmoid (a
warm-up carried over from lesson 04) and its derivative, the methods of the ``Neural_Network`` class (graded by
building the student's class, setting its weights and calling one method), a step of gradient descent, and the
numerical gradient check. The series prints no numbers (its weights are random), so visible cases are the
reference's values for the weights ``Neural_Network()`` draws with seed 0; hidden cases use other data, sizes
and weights. The step and the numerical gradient are checked on stand-ins from ``grader.adapters`` (a linear
network, named costs), which the checks can run next to the student's code without handing out this lesson's
answers. The references are the solution notebook's answers (:mod:`grader.references.chain_rule`).
"""

import numpy as np

from grader import kit
from grader.adapters import (
    SLEEP_STUDY_X as X,
)
from grader.adapters import (
    SLEEP_STUDY_Y as Y,
)
from grader.adapters import (
    TEST_COSTS,
    cost_of,
    forward_of,
    gradient_of,
    numerical_gradient_of,
    step_on_linear_network,
)
from grader.catalogue import Mistake
from grader.exercises import real_data
from grader.references import chain_rule as answers
from grader.schema import Case, Exercise

# Data: the sleep/study data (X, Y: from grader.adapters, whose stand-ins use them too), the weights the
# lesson's network starts from after np.random.seed(0), and the gradient check's step.


def _seeded_weights(seed, n_in=2, hidden=3, n_out=1):
    """The weights ``Neural_Network()`` draws after ``np.random.seed(seed)``."""
    random = np.random.RandomState(seed)
    return random.randn(n_in, hidden), random.randn(hidden, n_out)


SEED_W1, SEED_W2 = _seeded_weights(0)
EPSILON = 1e-4
LINEAR_SLEEP_STUDY_COST = "½‖y − X W1 W2‖² of a linear network on the sleep/study data"


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def sigmoidPrime_cases(rng):
    return [
        Case((kit.normal(rng, 3, 4, scale=3),), label="a 3×4 matrix"),
        Case((np.array([-30.0, 30.0, 0.5]),), label="far from 0"),
        Case((np.linspace(-2, 2, 9),), label="evenly spaced"),
        Case((kit.normal(rng, 1, 3, scale=2),), label="one row of 3"),
    ]


def _network(rng, n_examples, n_in, hidden, n_out):
    """Weights W1, W2, inputs X and targets y of a network of the given sizes."""
    return (
        kit.normal(rng, n_in, hidden),
        kit.normal(rng, hidden, n_out),
        kit.uniform(rng, n_examples, n_in, low=0, high=1),
        kit.uniform(rng, n_examples, n_out, low=0, high=1),
    )


_SIZES = [
    (5, 3, 4, 2, "5 examples, 3 inputs, 4 hidden units, 2 outputs"),
    (1, 2, 1, 1, "one example, one hidden unit"),
    (4, 2, 3, 1, "other sleep/study data"),
    (6, 4, 2, 3, "6 examples, 4 inputs, 2 hidden units, 3 outputs"),
]


def _network_cases(rng, with_y=True):
    cases = []
    for n_examples, n_in, hidden, n_out, label in _SIZES:
        W1, W2, inputs, targets = _network(rng, n_examples, n_in, hidden, n_out)
        cases.append(Case((W1, W2, inputs, targets) if with_y else (W1, W2, inputs), label=label))
    large = (kit.normal(rng, 2, 3, scale=3), kit.normal(rng, 3, 1, scale=3), X) + ((Y,) if with_y else ())
    cases.append(Case(large, label="the sleep/study data, large weights"))
    return cases


def forward_cases(rng):
    return _network_cases(rng, with_y=False)


def costFunction_cases(rng):
    return _network_cases(rng)


def costFunctionPrime_cases(rng):
    return _network_cases(rng)


def gradient_descent_step_cases(rng):
    return [
        Case((*_network(rng, 5, 3, 4, 2), 0.05), label="5 examples, 3 inputs, 4 hidden, 2 outputs"),
        Case((*_network(rng, 4, 2, 3, 1), 0.2), label="other sleep/study data"),
        Case((*_seeded_weights(1), X, Y, -0.1), label="a negative scalar: uphill"),
    ]


def numerical_gradient_cases(rng):
    linear, tanh, squares, cubic = TEST_COSTS
    return [
        Case((tanh, [kit.normal(rng, 3, 4), kit.normal(rng, 4, 3)], EPSILON), label="a tanh network"),
        Case((squares, [kit.normal(rng, 2, 2), kit.normal(rng, 3)], EPSILON), label="a sum of squares of two arrays"),
        Case((cubic, [kit.normal(rng, 2, 3), kit.normal(rng, 4)], 1e-3), label="a cubic, another epsilon"),
        Case(
            (linear, [kit.normal(rng, 2, 3, scale=3), kit.normal(rng, 3, 1, scale=3)], 1e-5),
            label="large weights, small epsilon",
        ),
    ]


def relative_difference_cases(rng):
    a = kit.normal(rng, 3, 2)
    return [
        Case((a, a + kit.normal(rng, 3, 2, scale=1e-6, digits=9)), label="nearly equal gradients"),
        Case((kit.normal(rng, 2, 3), kit.normal(rng, 2, 3)), label="unrelated gradients"),
        Case((np.zeros((2, 2)), np.zeros((2, 2))), label="both zero"),
        Case((np.array([1.0, -2.0, 3.0]), np.array([1.5, -2.0, 2.0])), label="vectors"),
        Case((kit.normal(rng, 1, 4), kit.normal(rng, 1, 4)), label="one row of 4"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature. The
# exercises on the Neural_Network class take a class: each wrong one is the reference class with one method
# replaced.

OUTPUT_FORMULA_ON_Z = Mistake(
    "the output's formula applied to z",
    "a(1 − a) is the slope written with the sigmoid's output a = sigmoid(z); given z, use sigmoid(z) * (1 - "
    "sigmoid(z)) "
    "or np.exp(-z) / (1 + np.exp(-z))**2.",
)
SIGMOID_NOT_SLOPE = Mistake(
    "the sigmoid instead of its slope", "Return the derivative of the sigmoid, not the sigmoid itself."
)
WEIGHTS_FIRST = Mistake(
    "weights multiplied from the left",
    "With one example per row of X, z2 = X W1 (np.dot(X, self.W1)): examples × inputs times inputs × hidden.",
)
OUTPUT_SIGMOID_FORGOTTEN = Mistake(
    "sigmoid forgotten on the output", "yHat = sigmoid(z3): the output unit is a sigmoid too."
)
HIDDEN_SIGMOID_FORGOTTEN = Mistake(
    "sigmoid forgotten on the hidden layer", "a2 = sigmoid(z2): the hidden units are sigmoids."
)
PER_OUTPUT_COST = Mistake(
    "Python's sum: one cost per output",
    "Python's built-in sum adds up the rows only and leaves an array with one value per output; "
    "np.sum adds everything into one number.",
)
HALF_FORGOTTEN = Mistake("the ½ forgotten", "J = ½ Σ (y − ŷ)²: the ½ cancels the 2 the derivative brings down.")
MEAN_NOT_SUM = Mistake(
    "mean instead of sum", "This cost adds up the squared errors of all examples: np.sum, not np.mean."
)
NOT_SQUARED = Mistake(
    "errors not squared", "Square each error before adding, so that misses above and below don't cancel."
)
WRONG_TRANSPOSES = Mistake(
    "X.T forgotten or transposes misplaced",
    "Each gradient has the shape of its weights: dJdW2 = a2ᵀ δ3 is hidden × outputs, dJdW1 = Xᵀ δ2 is inputs × hidden, "
    "and δ2 = (δ3 W2ᵀ) ⊙ f′(z2) is examples × hidden.",
)
SLOPE_OF_OUTPUT_FORGOTTEN = Mistake(
    "δ3 without the sigmoid′ factor",
    "ŷ = f(z3), so the chain rule multiplies −(y − ŷ) by dŷ/dz3 = f′(z3): δ3 = −(y − ŷ) ⊙ f′(z3).",
)
SIGN_OF_ERROR = Mistake(
    "sign of (y − ŷ) flipped",
    "The derivative of ½(y − ŷ)² with respect to ŷ is −(y − ŷ): keep the minus sign, or write (ŷ − y).",
)
SLOPE_OF_ACTIVITY = Mistake(
    "sigmoidPrime applied to a instead of z",
    "sigmoidPrime is the slope of the sigmoid at its input: take it at z3 and z2, not at the activities ŷ and a2 "
    "(which are already sigmoid(z)).",
)
UPHILL = Mistake(
    "stepped uphill",
    "The gradient points uphill, towards a larger cost; gradient descent moves against it: W − scalar × dJdW.",
)
SCALAR_FORGOTTEN = Mistake(
    "scalar forgotten", "Multiply each gradient by scalar, the step size, before subtracting it."
)
COST_BEFORE_STEP = Mistake(
    "cost measured before the step", "Update both weight matrices first, then return the new cost."
)
TWO_POINTS = Mistake(
    "gradients from two different points",
    "Compute both gradients once, at the current weights, then update W1 and W2. Calling costFunctionPrime again "
    "after changing W1 gives a gradient for W2 at another point.",
)
ONE_SIDED = Mistake(
    "one-sided difference",
    "(J(w + ε) − J(w)) / ε is off by a term proportional to ε; the central difference (J(w + ε) − J(w − ε)) / 2ε "
    "is far more accurate.",
)
RESTORED_BY_ARITHMETIC = Mistake(
    "parameters restored by arithmetic",
    "w + ε − 2ε + ε is not always w in floating point: the last digits drift, and a training loop that checks its "
    "gradient would move its weights. Save the entry (original = w[index]) and assign it back (w[index] = original).",
)
NOT_PUT_BACK = Mistake(
    "nudged weights not put back",
    "After measuring J(w + ε) and J(w − ε), set the entry back to its original value; otherwise every later "
    "entry is measured at a shifted point.",
)
DIVIDED_BY_EPSILON = Mistake(
    "divided by ε instead of 2ε", "w + ε and w − ε are 2ε apart: divide their cost difference by 2ε."
)
ALL_AT_ONCE = Mistake(
    "every weight nudged at once",
    "Nudge one weight at a time, keep all the others where they are: each entry of the gradient is the slope "
    "along its own weight.",
)
ZERO_OVER_ZERO = Mistake(
    "0/0 when both gradients are zero",
    "When ‖a + n‖ is 0 there is nothing to compare: return 0.0 instead of dividing.",
)
NOT_RELATIVE = Mistake(
    "the difference not divided", "Divide ‖a − n‖ by ‖a + n‖, so that the result doesn't depend on the gradient's size."
)
ELEMENTWISE = Mistake(
    "elementwise instead of norms",
    "Compare whole gradients: np.linalg.norm(a - n) / np.linalg.norm(a + n) is one number.",
)
SQUARED_NORMS = Mistake(
    "squared norms", "np.linalg.norm is the square root of the sum of squares; don't leave the root out."
)


def sigmoidPrime_output_formula_on_z(z):
    return z * (1 - z)


def sigmoidPrime_the_sigmoid_itself(z):
    return answers.sigmoid(z)


class forward_weights_first(answers.Neural_Network):
    def forward(self, X):
        self.z2 = np.dot(self.W1, X)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.W2, self.a2)
        return self.sigmoid(self.z3)


class forward_without_output_sigmoid(answers.Neural_Network):
    def forward(self, X):
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2)
        return self.z3


class forward_without_hidden_sigmoid(answers.Neural_Network):
    def forward(self, X):
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.z2
        self.z3 = np.dot(self.a2, self.W2)
        return self.sigmoid(self.z3)


class costFunction_per_output(answers.Neural_Network):
    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        return 0.5 * sum((y - self.yHat) ** 2)


class costFunction_without_half(answers.Neural_Network):
    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        return np.sum((y - self.yHat) ** 2)


class costFunction_mean(answers.Neural_Network):
    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        return 0.5 * np.mean((y - self.yHat) ** 2)


class costFunction_not_squared(answers.Neural_Network):
    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        return 0.5 * np.sum(y - self.yHat)


class costFunctionPrime_without_X_transposed(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        return np.dot(X, delta2), np.dot(self.a2.T, delta3)


class costFunctionPrime_transposes_swapped(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        return np.dot(delta2.T, X), np.dot(delta3.T, self.a2)


class costFunctionPrime_without_W2_transposed(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))
        delta2 = np.dot(delta3, self.W2) * self.sigmoidPrime(self.z2)
        return np.dot(X.T, delta2), np.dot(self.a2.T, delta3)


class costFunctionPrime_without_output_slope(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = -(y - self.yHat)
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        return np.dot(X.T, delta2), np.dot(self.a2.T, delta3)


class costFunctionPrime_sign_flipped(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = np.multiply(y - self.yHat, self.sigmoidPrime(self.z3))
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        return np.dot(X.T, delta2), np.dot(self.a2.T, delta3)


def _gradients_with_slopes_at(network, X, y, output_layer, hidden_layer):
    """costFunctionPrime taking sigmoidPrime of the named attributes (the right ones are z3 and z2)."""
    network.yHat = network.forward(X)
    delta3 = np.multiply(-(y - network.yHat), network.sigmoidPrime(getattr(network, output_layer)))
    delta2 = np.dot(delta3, network.W2.T) * network.sigmoidPrime(getattr(network, hidden_layer))
    return np.dot(X.T, delta2), np.dot(network.a2.T, delta3)


class costFunctionPrime_slopes_at_the_activities(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        return _gradients_with_slopes_at(self, X, y, "yHat", "a2")


class costFunctionPrime_hidden_slope_at_a2(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        return _gradients_with_slopes_at(self, X, y, "z3", "a2")


class costFunctionPrime_output_slope_at_yHat(answers.Neural_Network):
    def costFunctionPrime(self, X, y):
        return _gradients_with_slopes_at(self, X, y, "yHat", "z2")


def gradient_descent_step_uphill(N, X, y, scalar):
    return answers.gradient_descent_step(N, X, y, -scalar)


def gradient_descent_step_without_scalar(N, X, y, scalar):
    return answers.gradient_descent_step(N, X, y, 1)


def gradient_descent_step_cost_before(N, X, y, scalar):
    cost = N.costFunction(X, y)
    answers.gradient_descent_step(N, X, y, scalar)
    return cost


def gradient_descent_step_gradients_from_two_points(N, X, y, scalar):
    N.W1 = N.W1 - scalar * N.costFunctionPrime(X, y)[0]
    N.W2 = N.W2 - scalar * N.costFunctionPrime(X, y)[1]
    return N.costFunction(X, y)


def numerical_gradient_one_sided(f, weights, epsilon=EPSILON):
    base = f(weights)
    gradients = []
    for w in weights:
        gradient = np.zeros(w.shape)
        for index in np.ndindex(w.shape):
            original = w[index]
            w[index] = original + epsilon
            gradient[index] = (f(weights) - base) / epsilon
            w[index] = original
        gradients.append(gradient)
    return gradients


def numerical_gradient_restored_by_arithmetic(f, weights, epsilon=EPSILON):
    gradients = []
    for w in weights:
        gradient = np.zeros(w.shape)
        for index in np.ndindex(w.shape):
            w[index] += epsilon
            cost_up = f(weights)
            w[index] -= 2 * epsilon
            gradient[index] = (cost_up - f(weights)) / (2 * epsilon)
            w[index] += epsilon
        gradients.append(gradient)
    return gradients


def numerical_gradient_not_put_back(f, weights, epsilon=EPSILON):
    gradients = []
    for w in weights:
        gradient = np.zeros(w.shape)
        for index in np.ndindex(w.shape):
            original = w[index]
            w[index] = original + epsilon
            cost_up = f(weights)
            w[index] = original - epsilon
            gradient[index] = (cost_up - f(weights)) / (2 * epsilon)
        gradients.append(gradient)
    return gradients


def numerical_gradient_divided_by_epsilon(f, weights, epsilon=EPSILON):
    return [2 * gradient for gradient in answers.numerical_gradient(f, weights, epsilon)]


def numerical_gradient_all_nudged_at_once(f, weights, epsilon=EPSILON):
    up = f([w + epsilon for w in weights])
    down = f([w - epsilon for w in weights])
    return [np.full(w.shape, (up - down) / (2 * epsilon)) for w in weights]


def relative_difference_unguarded(analytic, numeric):
    with np.errstate(all="ignore"):
        return np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic + numeric)


def relative_difference_not_divided(analytic, numeric):
    return np.linalg.norm(analytic - numeric)


def relative_difference_elementwise(analytic, numeric):
    return np.abs(analytic - numeric) / np.abs(analytic + numeric)


def relative_difference_squared_norms(analytic, numeric):
    return np.sum((analytic - numeric) ** 2) / np.sum((analytic + numeric) ** 2)


# Exercises.


def _earlier(module, exercise_id):
    """An earlier lesson's exercise, as its module declares it."""
    return next(exercise for exercise in module.EXERCISES if exercise.id == exercise_id)


EXERCISES = [
    _earlier(real_data, "real_data.sigmoid").carried_over("chain_rule"),
    Exercise(
        id="chain_rule.sigmoidPrime",
        function="sigmoidPrime",
        returns="array",
        visible=[
            Case((np.array([-5.0, -1.0, 0.0, 1.0, 5.0]),), label="a few values of z"),
            Case((np.array([[0.0]]),), np.array([[0.25]]), "the steepest point, z = 0"),
        ],
        hidden=sigmoidPrime_cases,
        mistakes=[
            OUTPUT_FORMULA_ON_Z.via(sigmoidPrime_output_formula_on_z),
            SIGMOID_NOT_SLOPE.via(sigmoidPrime_the_sigmoid_itself),
        ],
    ),
    Exercise(
        id="chain_rule.forward",
        function="Neural_Network",
        returns="array",
        visible=[Case((SEED_W1, SEED_W2, X), label="the sleep/study data, seed 0")],
        hidden=forward_cases,
        mistakes=[
            WEIGHTS_FIRST.via(forward_weights_first),
            OUTPUT_SIGMOID_FORGOTTEN.via(forward_without_output_sigmoid),
            HIDDEN_SIGMOID_FORGOTTEN.via(forward_without_hidden_sigmoid),
        ],
        call=forward_of,
    ),
    Exercise(
        id="chain_rule.costFunction",
        function="Neural_Network",
        returns="number",
        visible=[Case((SEED_W1, SEED_W2, X, Y), label="the sleep/study data, seed 0")],
        hidden=costFunction_cases,
        mistakes=[
            PER_OUTPUT_COST.via(costFunction_per_output),
            HALF_FORGOTTEN.via(costFunction_without_half),
            MEAN_NOT_SUM.via(costFunction_mean),
            NOT_SQUARED.via(costFunction_not_squared),
        ],
        call=cost_of,
    ),
    Exercise(
        id="chain_rule.costFunctionPrime",
        function="Neural_Network",
        returns=("array", "array"),
        visible=[Case((SEED_W1, SEED_W2, X, Y), label="the sleep/study data, seed 0")],
        hidden=costFunctionPrime_cases,
        mistakes=[
            WRONG_TRANSPOSES.via(costFunctionPrime_without_X_transposed),
            WRONG_TRANSPOSES.via(costFunctionPrime_transposes_swapped),
            WRONG_TRANSPOSES.via(costFunctionPrime_without_W2_transposed),
            SLOPE_OF_OUTPUT_FORGOTTEN.via(costFunctionPrime_without_output_slope),
            SIGN_OF_ERROR.via(costFunctionPrime_sign_flipped),
            SLOPE_OF_ACTIVITY.via(costFunctionPrime_slopes_at_the_activities),
            SLOPE_OF_ACTIVITY.via(costFunctionPrime_hidden_slope_at_a2),
            SLOPE_OF_ACTIVITY.via(costFunctionPrime_output_slope_at_yHat),
        ],
        call=gradient_of,
    ),
    Exercise(
        id="chain_rule.gradient_descent_step",
        function="gradient_descent_step",
        returns=("number", "array", "array"),
        visible=[
            Case((SEED_W1, SEED_W2, X, Y, 0.05), label="a linear network on the sleep/study data, seed 0, scalar 0.05"),
        ],
        hidden=gradient_descent_step_cases,
        mistakes=[
            UPHILL.via(gradient_descent_step_uphill),
            SCALAR_FORGOTTEN.via(gradient_descent_step_without_scalar),
            COST_BEFORE_STEP.via(gradient_descent_step_cost_before),
            TWO_POINTS.via(gradient_descent_step_gradients_from_two_points),
        ],
        call=step_on_linear_network,
    ),
    Exercise(
        id="chain_rule.numerical_gradient",
        function="numerical_gradient",
        returns=("array", "array"),  # every case has two weight arrays, as the network does
        visible=[
            Case(
                (LINEAR_SLEEP_STUDY_COST, [SEED_W1, SEED_W2], EPSILON),
                label="a linear network on the sleep/study data, seed 0",
            ),
        ],
        hidden=numerical_gradient_cases,
        mistakes=[
            ONE_SIDED.via(numerical_gradient_one_sided),
            NOT_PUT_BACK.via(numerical_gradient_not_put_back),
            RESTORED_BY_ARITHMETIC.via(numerical_gradient_restored_by_arithmetic),
            DIVIDED_BY_EPSILON.via(numerical_gradient_divided_by_epsilon),
            ALL_AT_ONCE.via(numerical_gradient_all_nudged_at_once),
        ],
        call=numerical_gradient_of,
        rtol=1e-6,
    ),
    Exercise(
        id="chain_rule.relative_difference",
        function="relative_difference",
        returns="number",
        visible=[
            Case((np.array([1.0, 0.0]), np.array([0.0, 1.0])), 1.0, "perpendicular gradients"),
            Case((np.array([[2.0, 4.0]]), np.array([[2.0, 4.0]])), 0.0, "equal gradients"),
            Case((np.array([3.0, 4.0]), np.array([3.0, 0.0])), 4 / np.sqrt(52), "one entry wrong"),
            Case((np.zeros((2, 3)), np.zeros((2, 3))), 0.0, "both zero: nothing to compare"),
        ],
        hidden=relative_difference_cases,
        mistakes=[
            ZERO_OVER_ZERO.via(relative_difference_unguarded),
            NOT_RELATIVE.via(relative_difference_not_divided),
            ELEMENTWISE.via(relative_difference_elementwise),
            SQUARED_NORMS.via(relative_difference_squared_norms),
        ],
    ),
]
