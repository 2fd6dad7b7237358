"""Lesson 04, gradient descent on real data: a sigmoid unit learns who is admitted to graduate school.

Visible cases are the lesson's own examples: the sigmoid unit's single step (whose output, error and weight
changes the original course prints), the graduate-admissions table of ``data/binary.csv``, and short
training runs on it. Their expected values are computed by the reference implementations below;
``tests/test_lesson04_real_data.py`` pins them to the printed numbers. Hidden cases use other sizes,
seeds and values.

Shapes: ``x`` is one record (n_features,), ``features`` a table (n_records, n_features), ``targets``
(n_records,), ``weights`` (n_features,).
"""

import math

import numpy as np
import pandas as pd

from grader.schema import Case, Exercise
from grader.catalogue import Mistake
from grader.adapters import call_prepare
from helpers.admissions import load_admissions
from grader.references.real_data import error_term, prepare_admissions, sigmoid, sigmoid_prime, train, train_epoch, weight_step

# The sigmoid unit's single step: the quiz (four inputs) and the worked two-input example.
QUIZ = (np.array([1.0, 2.0, 3.0, 4.0]), 0.5, np.array([0.5, -0.5, 0.3, 0.1]))
TWO_INPUTS = (np.array([0.1, 0.3]), 0.2, np.array([-0.8, 0.5]))
LEARNRATE = 0.5

# Mistakes of the error term and the weight step, shared with lesson 06 (grader.exercises.backprop).
PRED_MINUS_TRUE = Mistake(
    "pred − true instead of true − pred",
    "This course writes the error as target − output (y − ŷ) and then *adds* the weight step: "
    "with ŷ − y every step climbs the error instead of descending it.",
)
DERIVATIVE_FORGOTTEN = Mistake(
    "derivative f′ forgotten",
    "The error term is the error times the slope of the activation: δ = (y − ŷ) · f′(h), "
    "with f′(h) = ŷ(1 − ŷ) for the sigmoid.",
)
PRIME_OF_OUTPUT = Mistake(
    "f′ computed on the output instead of the input",
    "f′(h) is the sigmoid's slope at the unit's input h. sigmoid_prime(output) takes the slope at ŷ instead: "
    "use sigmoid_prime(h), or its shortcut output * (1 - output).",
)
SHORTCUT_ON_INPUT = Mistake(
    "f′ computed with the output's formula on the input",
    "The shortcut f′(h) = ŷ(1 − ŷ) needs the output ŷ = sigmoid(h); h * (1 - h) puts the input in its place. "
    "Use output * (1 - output), or sigmoid_prime(h).",
)
LEARNRATE_FORGOTTEN = Mistake("learning rate forgotten", "Scale the step by the learning rate: learnrate * error_term * x.")
NOT_AVERAGED = Mistake(
    "dividing by n_records forgotten",
    "Batch gradient descent adds up one step per record and then takes their mean: divide the sum by the "
    "number of records, or the step grows with the size of the data set.",
)
UPDATED_INSIDE_THE_LOOP = Mistake(
    "weights updated inside the record loop",
    "In batch gradient descent every record of the epoch is predicted with the same weights: add the records' "
    "steps up inside the loop and change the weights once, after it.",
)
OTHER_GENERATOR = Mistake(
    "weights drawn with another random generator",
    "Start the way the lesson says, so that runs can be compared: np.random.seed(seed), then "
    "np.random.normal(scale=1 / n_features**0.5, size=...).",
)
LOSS_BEFORE_UPDATE = Mistake(
    "loss measured before the epoch's update",
    "losses[e] is the loss of the weights *after* epoch e: run the epoch first, then measure.",
)

MATH_EXP = Mistake(
    "math.exp on an array",
    "math.exp takes one number; the sigmoid must work on whole arrays at once: use np.exp.",
)
EXPONENT_SIGN = Mistake(
    "exp(x) instead of exp(−x)",
    "sigmoid(h) = 1 / (1 + e^(−h)) grows with h; with e^(+h) it falls, giving 1 − sigmoid(h).",
)
STEP_NOT_WEIGHTS = Mistake(
    "the new weights returned instead of the step",
    "weight_step returns the change Δw = learnrate · δ · x; adding it to the weights happens later.",
)
INPUT_FACTOR_FORGOTTEN = Mistake(
    "input factor x forgotten",
    "Each weight moves by learnrate · δ · x_i: its own input decides how much (and which way) it moves.",
)
STEP_NOT_NEW_WEIGHTS = Mistake(
    "the step returned instead of the new weights",
    "train_epoch returns the weights after the epoch: weights + learnrate * del_w / n_records.",
)
WRONG_COUNT = Mistake(
    "divided by n_features instead of n_records",
    "features.shape is (n_records, n_features): the mean step divides by the number of records (rows).",
)
SCALE_FORGOTTEN = Mistake(
    "scale of the starting weights forgotten",
    "Draw the starting weights with a standard deviation of 1/√n_features: np.random.normal(scale=1 / n_features**0.5, ...).",
)
LOSS_HALVED = Mistake(
    "loss halved",
    "The ½ of E = ½·mean((y − ŷ)²) only simplifies the derivative; the loss the lesson records is the plain mean "
    "of the squared errors, np.mean((output - targets) ** 2).",
)
LOSS_SUMMED = Mistake("loss summed instead of averaged", "The loss is the *mean* of the squared errors over the records.")
TEST_LOSS_ON_TRAINING_DATA = Mistake(
    "test loss measured on the training data",
    "test_losses[e] is the loss on features_test and targets_test, the records the weights never learn from.",
)


def mean_square_error(features, targets, weights):
    return np.mean((sigmoid(np.dot(features, weights)) - targets) ** 2)


def initial_weights(n_features, seed):
    # A RandomState of its own draws what np.random.seed(seed) would, without resetting the global state.
    return np.random.RandomState(seed).normal(scale=1 / n_features**0.5, size=n_features)


# Wrong implementations, each the fingerprint of a named mistake.


def _error_term_with(derivative, error=lambda y, output: y - output):
    def wrong(x, y, weights):
        h = np.dot(x, weights)
        output = sigmoid(h)
        return error(y, output) * derivative(h, output)

    return wrong


_SLOPE = lambda h, output: output * (1 - output)  # noqa: E731 - the right derivative, for the wrong errors
_ERROR_TERMS = {
    PRED_MINUS_TRUE: _error_term_with(_SLOPE, error=lambda y, output: output - y),
    DERIVATIVE_FORGOTTEN: _error_term_with(lambda h, output: 1),
    PRIME_OF_OUTPUT: _error_term_with(lambda h, output: sigmoid_prime(output)),
    SHORTCUT_ON_INPUT: _error_term_with(lambda h, output: h * (1 - h)),
}


def _step_with(term):
    return lambda x, y, weights, learnrate: learnrate * term(x, y, weights) * x


def _epoch_with(term):
    return lambda features, targets, weights, learnrate: weights + learnrate * np.dot(term(features, targets, weights), features) / len(features)


def _epoch_updated_inside(features, targets, weights, learnrate):
    for x, y in zip(features, targets):
        weights = weights + learnrate * error_term(x, y, weights) * x / len(features)
    return weights


def _train_with(*, init=initial_weights, loss=mean_square_error, test_on_training=False, measure_first=False):
    def wrong(features, targets, features_test, targets_test, epochs, learnrate, seed=42):
        weights = init(features.shape[1], seed)
        train_losses, test_losses = [], []
        for _ in range(epochs):
            if not measure_first:
                weights = train_epoch(features, targets, weights, learnrate)
            train_losses.append(loss(features, targets, weights))
            test_data = (features, targets) if test_on_training else (features_test, targets_test)
            test_losses.append(loss(*test_data, weights))
            if measure_first:
                weights = train_epoch(features, targets, weights, learnrate)
        return weights, np.array(train_losses), np.array(test_losses)

    return wrong


def _prepare_with(*, dummies=int, population_std=False, training_statistics=False, keep=(), sorted_rows=False,
                  generator="legacy", loc_assignment=False):  # fmt: skip
    """prepare_admissions with one thing done differently."""

    def wrong(admissions, seed=21):
        data = pd.concat([admissions, pd.get_dummies(admissions["rank"], prefix="rank", dtype=dummies)], axis=1)
        data = data.drop(columns=[column for column in ("rank",) if column not in keep])
        if generator == "legacy":
            sample = np.random.RandomState(seed).choice(data.index, size=int(len(data) * 0.9), replace=False)
        else:
            sample = np.random.default_rng(seed).choice(data.index, size=int(len(data) * 0.9), replace=False)
        statistics = data.loc[sample] if training_statistics else data
        for field in ["gre", "gpa"]:
            mean, std = statistics[field].mean(), statistics[field].std(ddof=0 if population_std else 1)
            if loc_assignment:
                data.loc[:, field] = (data[field] - mean) / std
            else:
                data[field] = (data[field] - mean) / std
        train = data.loc[np.sort(sample) if sorted_rows else sample]
        test = data.drop(sample)
        features = train.drop(columns=[c for c in ("admit",) if c not in keep])
        features_test = test.drop(columns=[c for c in ("admit",) if c not in keep])
        return features, train["admit"], features_test, test["admit"]

    return wrong


# Cases.


def _visible(reference, args, label):
    return Case(args, reference(*args), label)


def _columns(admissions):
    return {name: admissions[name].tolist() for name in admissions.columns}


ADMISSIONS = _columns(load_admissions())


def _random_admissions(rng, n_records):
    ranks = np.concatenate([[1, 2, 3, 4], rng.integers(1, 5, n_records - 4)])
    rng.shuffle(ranks)
    return {
        "admit": rng.integers(0, 2, n_records).tolist(),
        "gre": (20 * rng.integers(11, 41, n_records)).tolist(),
        "gpa": np.round(rng.uniform(2.26, 4.0, n_records), 2).tolist(),
        "rank": ranks.tolist(),
    }


def _array(rng, *shape, scale=1.0):
    return np.round(rng.normal(scale=scale, size=shape), 3)


def _data(rng, n_records, n_features):
    return _array(rng, n_records, n_features), rng.integers(0, 2, n_records).astype(float)


def _record(rng, n):
    return _array(rng, n), round(float(rng.uniform(0, 1)), 2), _array(rng, n)


_ARRAYS = prepare_admissions(load_admissions())
X, Y, X_TEST, Y_TEST = (table.to_numpy(dtype=float) for table in _ARRAYS)


def prepared_admissions_csv() -> str:
    """The prepared data set lessons 04 and 06 load (``helpers.admissions.admissions_arrays``): every applicant,
    training rows first in the order drawn, with the split it belongs to. 17 digits make every float exact."""
    features, targets, features_test, targets_test = _ARRAYS
    train = features.assign(admit=targets, split="train")
    test = features_test.assign(admit=targets_test, split="test")
    table = pd.concat([train, test])[["split", "admit", *features.columns]]
    return table.to_csv(index_label="applicant", float_format="%.17g")


GENERATED_DATA = {"admissions-prepared.csv": prepared_admissions_csv}
START = initial_weights(X.shape[1], 42)


EXERCISES = [
    Exercise(
        id="real_data.sigmoid",
        function="sigmoid",
        returns="array",
        visible=[_visible(sigmoid, (np.array([0.0, 0.8, 0.07]),), "h = 0, the quiz's h = 0.8 and the two-input example's h = 0.07")],
        hidden=lambda rng: [
            Case((_array(rng, 6, scale=3),), label="six values"),
            Case((_array(rng, 3, 4, scale=3),), label="a 3×4 matrix"),
            Case((np.array([-20.0, -5.0, 5.0, 20.0]),), label="large inputs"),
            Case((np.array([-0.3]),), label="one value"),
        ],
        mistakes=[
            MATH_EXP.via(lambda x: 1 / (1 + math.exp(-x))),
            EXPONENT_SIGN.via(lambda x: 1 / (1 + np.exp(x))),
        ],
    ),
    Exercise(
        id="real_data.sigmoid_prime",
        function="sigmoid_prime",
        returns="array",
        visible=[_visible(sigmoid_prime, (np.array([0.0, 0.8, 0.07]),), "h = 0, 0.8 and 0.07")],
        hidden=lambda rng: [
            Case((_array(rng, 6, scale=3),), label="six values"),
            Case((_array(rng, 2, 5, scale=3),), label="a 2×5 matrix"),
            Case((np.array([-12.0, 12.0]),), label="large inputs"),
        ],
        mistakes=[
            SHORTCUT_ON_INPUT.via(lambda x: x * (1 - x)),
            PRIME_OF_OUTPUT.via(lambda x: sigmoid_prime(sigmoid(x))),
            DERIVATIVE_FORGOTTEN.via(sigmoid),
        ],
    ),
    Exercise(
        id="real_data.error_term",
        function="error_term",
        returns="number",
        visible=[_visible(error_term, QUIZ, "the quiz"), _visible(error_term, TWO_INPUTS, "the two-input example")],
        hidden=lambda rng: [
            Case(_record(rng, 3), label="three inputs"),
            Case(_record(rng, 6), label="six inputs"),
            Case((np.array([2.0]), 1.0, np.array([-1.5])), label="one input, target 1"),
            Case((_array(rng, 5), 0.0, _array(rng, 5)), label="target 0"),
        ],
        mistakes=[mistake.via(wrong) for mistake, wrong in _ERROR_TERMS.items()],
    ),
    Exercise(
        id="real_data.weight_step",
        function="weight_step",
        returns="array",
        visible=[
            _visible(weight_step, (*QUIZ, LEARNRATE), "the quiz"),
            _visible(weight_step, (*TWO_INPUTS, LEARNRATE), "the two-input example"),
        ],
        hidden=lambda rng: [
            Case((*_record(rng, 3), 0.1), label="three inputs, learnrate 0.1"),
            Case((*_record(rng, 7), 1.0), label="seven inputs, learnrate 1"),
            Case((np.array([-0.5, 2.0]), 1.0, np.array([0.3, -0.4]), 0.25), label="target 1, learnrate 0.25"),
        ],
        mistakes=[
            LEARNRATE_FORGOTTEN.via(lambda x, y, weights, learnrate: error_term(x, y, weights) * x),
            STEP_NOT_WEIGHTS.via(lambda x, y, weights, learnrate: weights + weight_step(x, y, weights, learnrate)),
            INPUT_FACTOR_FORGOTTEN.via(lambda x, y, weights, learnrate: learnrate * error_term(x, y, weights)),
            *[mistake.via(_step_with(wrong)) for mistake, wrong in _ERROR_TERMS.items()],
        ],
    ),
    Exercise(
        id="real_data.prepare_admissions",
        function="prepare_admissions",
        returns=("array", "array", "array", "array"),
        visible=[Case((ADMISSIONS,), call_prepare(prepare_admissions, ADMISSIONS), "the 400 applicants of data/binary.csv")],
        hidden=lambda rng: [
            Case((_random_admissions(rng, 50),), label="50 applicants"),
            Case((_random_admissions(rng, 37), 5), label="37 applicants, seed 5"),
            Case((_random_admissions(rng, 120), 2024), label="120 applicants, seed 2024"),
            Case((ADMISSIONS, 0), label="the 400 applicants, seed 0"),
        ],
        mistakes=[
            Mistake(
                "dummy columns left as True/False",
                "pd.get_dummies makes boolean columns unless told otherwise, and NumPy cannot take the sigmoid of a "
                "table mixing booleans and floats: pd.get_dummies(..., dtype=int).",
            ).via(_prepare_with(dummies=bool)),
            Mistake(
                "floats written into an integer column with .loc",
                "gre holds integers; pandas 3 refuses to put the standardised floats into that column with "
                ".loc[:, field] = .... Replace the whole column: data[field] = (data[field] - mean) / std.",
            ).via(_prepare_with(loc_assignment=True)),
            Mistake(
                "population standard deviation (ddof=0)",
                "Standardise with the sample standard deviation, data[field].std() (pandas' default, ddof=1); "
                "np.std and .std(ddof=0) divide by n instead of n − 1.",
            ).via(_prepare_with(population_std=True)),
            Mistake(
                "standardised with the training rows only",
                "Fitting the scaling on training rows alone is good practice, but this lesson reproduces the original "
                "course: take the mean and standard deviation of all rows, before the split.",
            ).via(_prepare_with(training_statistics=True)),
            Mistake("rank column kept", "The four dummy columns replace rank: drop it.").via(_prepare_with(keep=("rank",))),
            Mistake("admit left among the features", "admit is the target: drop it from the features.").via(
                _prepare_with(keep=("admit",))
            ),
            Mistake(
                "training rows sorted",
                "Keep the training rows in the order np.random.choice drew them: data.loc[sample].",
            ).via(_prepare_with(sorted_rows=True)),
            Mistake(
                "split with another random generator",
                "Draw the training rows as the lesson says: np.random.seed(seed), then "
                "np.random.choice(data.index, size=int(len(data) * 0.9), replace=False).",
            ).via(_prepare_with(generator="default_rng")),
        ],
        call=call_prepare,
    ),
    Exercise(
        id="real_data.train_epoch",
        function="train_epoch",
        returns="array",
        visible=[
            _visible(train_epoch, (QUIZ[0][None, :], np.array([QUIZ[1]]), QUIZ[2], LEARNRATE), "the quiz as a data set of one record"),
            _visible(train_epoch, (X, Y, START, LEARNRATE), "the admissions training set, first epoch"),
        ],
        hidden=lambda rng: [
            Case((*_data(rng, 12, 3), _array(rng, 3), 0.5), label="12 records, 3 features"),
            Case((*_data(rng, 40, 6), _array(rng, 6), 0.1), label="40 records, 6 features"),
            Case((*_data(rng, 2, 5), _array(rng, 5), 1.0), label="2 records, 5 features"),
            Case((*_data(rng, 25, 1), _array(rng, 1), 0.3), label="one feature"),
        ],
        mistakes=[
            UPDATED_INSIDE_THE_LOOP.via(_epoch_updated_inside),
            NOT_AVERAGED.via(lambda f, t, w, lr: w + lr * np.dot(error_term(f, t, w), f)),
            WRONG_COUNT.via(lambda f, t, w, lr: w + lr * np.dot(error_term(f, t, w), f) / f.shape[1]),
            LEARNRATE_FORGOTTEN.via(lambda f, t, w, lr: w + np.dot(error_term(f, t, w), f) / len(f)),
            STEP_NOT_NEW_WEIGHTS.via(lambda f, t, w, lr: lr * np.dot(error_term(f, t, w), f) / len(f)),
            *[mistake.via(_epoch_with(wrong)) for mistake, wrong in _ERROR_TERMS.items()],
        ],
    ),
    Exercise(
        id="real_data.train",
        function="train",
        returns=("array", "array", "array"),
        visible=[_visible(train, (X, Y, X_TEST, Y_TEST, 5, LEARNRATE), "the admissions data, 5 epochs, learnrate 0.5, seed 42")],
        hidden=lambda rng: [
            Case((*_data(rng, 30, 4), *_data(rng, 8, 4), 3, 0.5), label="30 records, 4 features, 3 epochs"),
            Case((*_data(rng, 10, 2), *_data(rng, 5, 2), 1, 1.0, 7), label="one epoch, seed 7"),
            Case((*_data(rng, 50, 6), *_data(rng, 10, 6), 4, 0.05, 123), label="50 records, 6 features, seed 123"),
        ],
        mistakes=[
            OTHER_GENERATOR.via(_train_with(init=lambda n, seed: np.random.default_rng(seed).normal(scale=1 / n**0.5, size=n))),
            SCALE_FORGOTTEN.via(_train_with(init=lambda n, seed: np.random.RandomState(seed).normal(size=n))),
            LOSS_BEFORE_UPDATE.via(_train_with(measure_first=True)),
            LOSS_HALVED.via(_train_with(loss=lambda f, t, w: mean_square_error(f, t, w) / 2)),
            LOSS_SUMMED.via(_train_with(loss=lambda f, t, w: mean_square_error(f, t, w) * len(f))),
            TEST_LOSS_ON_TRAINING_DATA.via(_train_with(test_on_training=True)),
        ],
    ),
]
