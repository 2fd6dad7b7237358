"""The reference implementations of 04-gradient-descent-on-real-data: its solution notebook's answers.

Generated from solutions/04-gradient-descent-on-real-data/04-gradient-descent-on-real-data.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np
import pandas as pd


def sigmoid(x):
    """The logistic function 1 / (1 + e^(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def sigmoid_prime(x):
    """The sigmoid's derivative at x, elementwise."""
    return sigmoid(x) * (1 - sigmoid(x))


def error_term(x, y, weights):
    """The error term (y - output) * f'(h) of a sigmoid unit for one record."""
    output = sigmoid(np.dot(x, weights))
    return (y - output) * output * (1 - output)


def weight_step(x, y, weights, learnrate):
    """The gradient-descent change of every weight for one record: learnrate * error term * x."""
    return learnrate * error_term(x, y, weights) * x


def prepare_admissions(admissions, seed=21):
    """Dummy columns for rank, standardised gre and gpa, and a seeded 90/10 split into training and test rows."""
    data = pd.concat([admissions, pd.get_dummies(admissions["rank"], prefix="rank", dtype=int)], axis=1)
    data = data.drop(columns="rank")
    for field in ["gre", "gpa"]:
        mean, std = data[field].mean(), data[field].std()
        data[field] = (data[field] - mean) / std
    np.random.seed(seed)
    sample = np.random.choice(data.index, size=int(len(data) * 0.9), replace=False)
    train_data, test_data = data.loc[sample], data.drop(sample)
    features, targets = train_data.drop(columns="admit"), train_data["admit"]
    features_test, targets_test = test_data.drop(columns="admit"), test_data["admit"]
    return features, targets, features_test, targets_test


def train_epoch(features, targets, weights, learnrate):
    """The weights after one epoch of batch gradient descent over all records."""
    n_records = features.shape[0]
    del_w = np.zeros(weights.shape)
    for x, y in zip(features, targets):
        del_w += error_term(x, y, weights) * x
    return weights + learnrate * del_w / n_records


def train(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
    """Batch gradient descent from seeded random weights; the final weights and the loss after every epoch."""
    np.random.seed(seed)
    n_records, n_features = features.shape
    weights = np.random.normal(scale=1 / n_features**0.5, size=n_features)
    train_losses, test_losses = [], []
    for epoch in progress(range(epochs)):
        weights = train_epoch(features, targets, weights, learnrate)
        train_losses.append(np.mean((sigmoid(np.dot(features, weights)) - targets) ** 2))
        test_losses.append(np.mean((sigmoid(np.dot(features_test, weights)) - targets_test) ** 2))
    return weights, np.array(train_losses), np.array(test_losses)


# One of "converges", "levels off", "alternates between two values", "diverges".
loss_at_learnrate_50 = "alternates between two values"


# One of "fewer than 50", "50 to 200", "200 to 500", "more than 500".
epochs_to_full_accuracy = "50 to 200"


def train_epoch_with_bias(features, targets, weights, bias, learnrate):
    """The weights and the bias after one epoch of batch gradient descent on a sigmoid unit with a bias."""
    output = sigmoid(np.dot(features, weights) + bias)
    error_terms = (targets - output) * output * (1 - output)
    new_weights = weights + learnrate * np.dot(error_terms, features) / len(features)
    new_bias = bias + learnrate * np.mean(error_terms)
    return new_weights, float(new_bias)
