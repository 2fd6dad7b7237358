"""The reference implementations of 06-backpropagation-on-real-data: its solution notebook's answers.

Generated from solutions/06-backpropagation-on-real-data/06-backpropagation-on-real-data.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def sigmoid(x):
    """The activation of every unit in this lesson: 1 / (1 + e^(-x)), elementwise (lesson 4)."""
    return 1 / (1 + np.exp(-x))


def forward_pass(x, weights_input_hidden, weights_hidden_output):
    """The hidden layer's outputs and the network's outputs for the record(s) x."""
    hidden_layer_in = np.dot(x, weights_input_hidden)
    hidden_layer_out = sigmoid(hidden_layer_in)
    output_layer_in = np.dot(hidden_layer_out, weights_hidden_output)
    output_layer_out = sigmoid(output_layer_in)
    return hidden_layer_out, output_layer_out


def output_delta(target, output):
    """The output unit's error term: (target - output) * f'(z), with f'(z) = output * (1 - output)."""
    return (target - output) * output * (1 - output)


def hidden_delta(output_error_term, weights_hidden_output, hidden_output):
    """The hidden units' error terms: the output error terms sent back through the weights, times f'(h)."""
    hidden_error = np.dot(weights_hidden_output, output_error_term)
    return hidden_error * hidden_output * (1 - hidden_output)


def backprop_step(x, target, weights_input_hidden, weights_hidden_output, learnrate):
    """The weight changes of both layers for one record, by backpropagation."""
    hidden_layer_output, output = forward_pass(x, weights_input_hidden, weights_hidden_output)
    output_error_term = output_delta(target, output)
    hidden_error_term = hidden_delta(output_error_term, weights_hidden_output, hidden_layer_output)
    delta_w_h_o = learnrate * output_error_term * hidden_layer_output
    delta_w_i_h = learnrate * hidden_error_term * x[:, None]
    return delta_w_i_h, delta_w_h_o


def train_epoch(features, targets, weights_input_hidden, weights_hidden_output, learnrate):
    """Both weight matrices after one epoch of batch gradient descent."""
    n_records = features.shape[0]
    hidden_output, output = forward_pass(features, weights_input_hidden, weights_hidden_output)
    output_terms = output_delta(targets, output)                                                    # (n_records,)
    hidden_terms = output_terms[:, None] * weights_hidden_output * hidden_output * (1 - hidden_output)  # (n_records, n_hidden)
    del_w_hidden_output = np.dot(output_terms, hidden_output)
    del_w_input_hidden = np.dot(features.T, hidden_terms)
    return (weights_input_hidden + learnrate * del_w_input_hidden / n_records,
            weights_hidden_output + learnrate * del_w_hidden_output / n_records)


def train(features, targets, features_test, targets_test, n_hidden, epochs, learnrate, seed=21, progress=iter):
    """A network with one hidden layer trained by backpropagation; its weights and the loss after every epoch."""
    np.random.seed(seed)
    n_records, n_features = features.shape
    weights_input_hidden = np.random.normal(scale=1 / n_features**0.5, size=(n_features, n_hidden))
    weights_hidden_output = np.random.normal(scale=1 / n_features**0.5, size=n_hidden)
    train_losses, test_losses = [], []
    for epoch in progress(range(epochs)):
        weights_input_hidden, weights_hidden_output = train_epoch(
            features, targets, weights_input_hidden, weights_hidden_output, learnrate)
        output = forward_pass(features, weights_input_hidden, weights_hidden_output)[1]
        train_losses.append(np.mean((output - targets) ** 2))
        output_test = forward_pass(features_test, weights_input_hidden, weights_hidden_output)[1]
        test_losses.append(np.mean((output_test - targets_test) ** 2))
    return weights_input_hidden, weights_hidden_output, np.array(train_losses), np.array(test_losses)


# One of "yes", "no".
wider_layer_more_accurate = "no"
