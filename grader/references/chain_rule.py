"""The reference implementations of 07-chain-rule-and-gradient-checking: its solution notebook's answers.

Generated from solutions/07-chain-rule-and-gradient-checking/07-chain-rule-and-gradient-checking.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def sigmoid(z):
    """The sigmoid 1 / (1 + e^(-z)), entry by entry: z may be a number, a vector or a matrix."""
    return 1 / (1 + np.exp(-z))


def sigmoidPrime(z):
    """The derivative of the sigmoid at z, entry by entry."""
    return np.exp(-z) / ((1 + np.exp(-z)) ** 2)


class Neural_Network(object):
    def __init__(self):
        # Hyperparameters: the sizes of the layers
        self.inputLayerSize = 2
        self.outputLayerSize = 1
        self.hiddenLayerSize = 3
        # Weights (parameters), random to start with
        self.W1 = np.random.randn(self.inputLayerSize, self.hiddenLayerSize)
        self.W2 = np.random.randn(self.hiddenLayerSize, self.outputLayerSize)

    def forward(self, X):
        """Propagate the inputs X through the network; return the predictions yHat."""
        self.z2 = np.dot(X, self.W1)
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2)
        yHat = self.sigmoid(self.z3)
        return yHat

    def sigmoid(self, z):
        return sigmoid(z)

    def sigmoidPrime(self, z):
        return sigmoidPrime(z)

    def costFunction(self, X, y):
        """Half the sum of squared errors over all examples and outputs, with the weights stored in the network."""
        self.yHat = self.forward(X)
        J = 0.5 * np.sum((y - self.yHat) ** 2)
        return J

    def costFunctionPrime(self, X, y):
        """The derivatives of the cost with respect to W1 and W2, for the given X and y."""
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)
        return dJdW1, dJdW2


def gradient_descent_step(N, X, y, scalar):
    """Move N's weights by -scalar times the gradient; return the cost afterwards."""
    dJdW1, dJdW2 = N.costFunctionPrime(X, y)
    N.W1 = N.W1 - scalar * dJdW1
    N.W2 = N.W2 - scalar * dJdW2
    return N.costFunction(X, y)


def numerical_gradient(f, weights, epsilon=1e-4):
    """Central-difference estimate of the gradient of f at weights (a list of arrays)."""
    gradients = []
    for w in weights:
        gradient = np.zeros(w.shape)
        for index in np.ndindex(w.shape):
            original = w[index]
            w[index] = original + epsilon
            cost_up = f(weights)
            w[index] = original - epsilon
            cost_down = f(weights)
            w[index] = original
            gradient[index] = (cost_up - cost_down) / (2 * epsilon)
        gradients.append(gradient)
    return gradients


def relative_difference(analytic, numeric):
    """||analytic - numeric|| / ||analytic + numeric||, or 0.0 when the denominator is 0."""
    total = np.linalg.norm(analytic + numeric)
    if total == 0:
        return 0.0
    return np.linalg.norm(analytic - numeric) / total
