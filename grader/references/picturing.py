"""The reference implementations of 08-picturing-networks: its solution notebook's answers.

Generated from solutions/08-picturing-networks/08-picturing-networks.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


def relu(x):
    """x where x > 0, else 0, elementwise (lesson 5)."""
    return (x > 0) * x


def weight_shapes(layer_sizes):
    """[(units in, units out)] for each weight matrix of a network with these layer sizes."""
    return [(layer_sizes[i], layer_sizes[i + 1]) for i in range(len(layer_sizes) - 1)]


def count_weights(layer_sizes):
    """The total number of weights of a network with these layer sizes."""
    return sum(rows * columns for rows, columns in weight_shapes(layer_sizes))


def output_shape(input_shape, weight_shapes):
    """The shape of the output layer for an input of shape `input_shape` and weights of these shapes."""
    return tuple(input_shape[:-1]) + (weight_shapes[-1][1],)


def two_layer_network(layer_0, weights_0_1, weights_1_2):
    """layer_2 = relu(layer_0 . weights_0_1) . weights_1_2"""
    return relu(layer_0.dot(weights_0_1)).dot(weights_1_2)


def relu2deriv(output):
    """The slope of relu from its output: 1 where output > 0, else 0 (lesson 5)."""
    return output > 0


def deep_network(layer_0, weights):
    """The output of relu(...relu(relu(layer_0 W0) W1)...) W_last for the list of matrices `weights`."""
    layer = layer_0
    for matrix in weights[:-1]:
        layer = relu(layer.dot(matrix))
    return layer.dot(weights[-1])


def skip_network(layer_0, weights_0_1, weights_1_2, weights_0_2):
    """layer_2 = relu(layer_0 . W0) . W1 + layer_0 . W2"""
    return relu(layer_0.dot(weights_0_1)).dot(weights_1_2) + layer_0.dot(weights_0_2)
