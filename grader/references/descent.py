"""The reference implementations of 02-gradient-descent: its solution notebook's answers.

Generated from solutions/02-gradient-descent/02-gradient-descent.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


def neural_network(input, weight):
    """Predict from a single number `input` with a single number `weight`."""
    prediction = input * weight
    return prediction


def squared_error(prediction, goal_pred):
    """The squared difference between a prediction and the value it should have been."""
    return (prediction - goal_pred) ** 2


def hot_and_cold_step(input, weight, goal_pred, step_amount):
    """The weight one step_amount up or down, whichever gives the smaller error (unchanged on a tie)."""
    up_error = squared_error(neural_network(input, weight + step_amount), goal_pred)
    down_error = squared_error(neural_network(input, weight - step_amount), goal_pred)
    if down_error < up_error:
        return weight - step_amount
    if down_error > up_error:
        return weight + step_amount
    return weight


def hot_and_cold(input, weight, goal_pred, step_amount, iterations):
    """Run hot-and-cold learning; return (weights, errors) as described above."""
    weights, errors = [weight], []
    for iteration in range(iterations):
        errors.append(squared_error(neural_network(input, weight), goal_pred))
        weight = hot_and_cold_step(input, weight, goal_pred, step_amount)
        weights.append(weight)
    return weights, errors


def compute_delta(prediction, goal_pred):
    """How much, and in which direction, the prediction missed the goal."""
    return prediction - goal_pred


def compute_weight_delta(input, delta):
    """The weight's share of the miss: the delta scaled by the input."""
    return input * delta


def gradient_descent_step(input, weight, goal_pred, alpha):
    """The weight after one gradient descent step with learning rate alpha."""
    pred = neural_network(input, weight)
    delta = compute_delta(pred, goal_pred)
    weight_delta = compute_weight_delta(input, delta)
    return weight - alpha * weight_delta


def gradient_descent(input, weight, goal_pred, alpha, iterations):
    """Run gradient descent; return (weights, errors) as described above."""
    weights, errors = [weight], []
    for iteration in range(iterations):
        errors.append(squared_error(neural_network(input, weight), goal_pred))
        weight = gradient_descent_step(input, weight, goal_pred, alpha)
        weights.append(weight)
    return weights, errors


# A number: the alpha at which the run oscillates with input 1.5 (predictions within 0.01 count).
oscillating_alpha = 2 / 1.5**2


# One of "converges", "oscillates", "diverges", "stays put".
beyond_oscillation = "diverges"


# One of "towards the best weight", "away from the best weight".
negative_alpha = "away from the best weight"


# A number: the input above which the run diverges (predictions within 0.05 count).
diverging_input = (2 / 0.1) ** 0.5


# One of "yes", "no".
starting_weight_decides = "no"
