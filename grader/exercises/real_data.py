"""Lesson 04 · gradient descent on real data: a sigmoid unit learns who is admitted to graduate school.

Visible cases are the lesson's own examples: the sigmoid unit's single step (whose output, error and weight
changes the original course prints), the graduate-admissions table of ``data/binary.csv``, and short training
runs on it; ``tests/test_lesson04_real_data.py`` pins them to the printed numbers. Hidden cases use other
sizes, seeds and values: single values and matrices for the sigmoid, one input or target 0 for the error term,
random applicant tables with other split seeds, one-feature and two-record data sets, one-epoch runs. The
references are the solution notebook's answers (:mod:`grader.references.real_data`). The learning-rate explorer
comes after predictions: what it shows, committed to before it shows it, each with likely wrong predictions (traps).

Shapes: ``x`` is one record (n_features,), ``features`` a table (n_records, n_features), ``targets``
(n_records,), ``weights`` (n_features,).
"""

import math

import numpy as np
import pandas as pd

from grader import kit
from grader.adapters import call_prepare
from grader.catalogue import (
    DERIVATIVE_OF_ACTIVATION_FORGOTTEN,
    LEARNRATE_FORGOTTEN,
    LOSS_BEFORE_UPDATE,
    NOT_AVERAGED,
    OTHER_GENERATOR,
    PRED_MINUS_TRUE,
    PRIME_OF_OUTPUT,
    SHORTCUT_ON_INPUT,
    SIGMOID_SIGN,
    STEP_WRONG_WAY,
    UPDATED_INSIDE_THE_LOOP,
    Mistake,
)
from grader.references import real_data as answers
from grader.schema import Case, Exercise, prediction
from helpers.admissions import load_admissions

# Data: the sigmoid unit's single step (the quiz with four inputs, the worked example with two), the 400 applicants
# of data/binary.csv as plain columns, and the table prepared as the lesson teaches, with the starting weights of
# its training run (seed 42).
QUIZ = (np.array([1.0, 2.0, 3.0, 4.0]), 0.5, np.array([0.5, -0.5, 0.3, 0.1]))
TWO_INPUTS = (np.array([0.1, 0.3]), 0.2, np.array([-0.8, 0.5]))
LEARNRATE = 0.5

_TABLE = load_admissions()
ADMISSIONS = {name: column.tolist() for name, column in _TABLE.items()}
_PREPARED = answers.prepare_admissions(_TABLE)
X, Y, X_TEST, Y_TEST = (table.to_numpy(dtype=float) for table in _PREPARED)


def _initial_weights(n_features, seed):
    # A RandomState of its own draws what np.random.seed(seed) would, without resetting the global state.
    return np.random.RandomState(seed).normal(scale=1 / n_features**0.5, size=n_features)


START = _initial_weights(X.shape[1], 42)


def prepared_admissions_csv() -> str:
    """The prepared data set lessons 04 and 06 load (``helpers.admissions.admissions_arrays``): every applicant,
    training rows first in the order drawn, with the split it belongs to. 17 digits make every float exact."""
    features, targets, features_test, targets_test = _PREPARED
    train = features.assign(admit=targets, split="train")
    test = features_test.assign(admit=targets_test, split="test")
    table = pd.concat([train, test])[["split", "admit", *features.columns]]
    return table.to_csv(index_label="applicant", float_format="%.17g")


# What `python -m grader generate` writes to data/ from this lesson's answers.
GENERATED_DATA = {"admissions-prepared.csv": prepared_admissions_csv}


# Cases: what the hidden checks call, drawn from each exercise's own generator.


def _record(rng, n):
    """One record, its target and the weights: (x, y, weights)."""
    return kit.normal(rng, n), kit.number(rng, 0, 1, digits=2), kit.normal(rng, n)


def _data(rng, n_records, n_features):
    """A table of records and their 0/1 targets: (features, targets)."""
    return kit.normal(rng, n_records, n_features), rng.integers(0, 2, n_records).astype(float)


def _random_admissions(rng, n_records):
    """Applicants as plain columns, every rank present."""
    ranks = np.concatenate([[1, 2, 3, 4], rng.integers(1, 5, n_records - 4)])
    rng.shuffle(ranks)
    return {
        "admit": rng.integers(0, 2, n_records).tolist(),
        "gre": (20 * rng.integers(11, 41, n_records)).tolist(),
        "gpa": kit.uniform(rng, n_records, low=2.26, high=4.0, digits=2).tolist(),
        "rank": ranks.tolist(),
    }


def sigmoid_cases(rng):
    return [
        Case((kit.normal(rng, 6, scale=3),), label="six values"),
        Case((kit.normal(rng, 3, 4, scale=3),), label="a 3×4 matrix"),
        Case((np.array([-20.0, -5.0, 5.0, 20.0]),), label="large inputs"),
        Case((np.array([-0.3]),), label="one value"),
        Case((np.array([-100.0, 100.0]),), label="very large inputs"),
    ]


def sigmoid_prime_cases(rng):
    return [
        Case((kit.normal(rng, 6, scale=3),), label="six values"),
        Case((kit.normal(rng, 2, 5, scale=3),), label="a 2×5 matrix"),
        Case((np.array([-12.0, 12.0]),), label="large inputs"),
        Case((kit.normal(rng, 1, 4, scale=3),), label="one row of 4"),
    ]


def error_term_cases(rng):
    return [
        Case(_record(rng, 3), label="three inputs"),
        Case(_record(rng, 6), label="six inputs"),
        Case((np.array([2.0]), 1.0, np.array([-1.5])), label="one input, target 1"),
        Case((kit.normal(rng, 5), 0.0, kit.normal(rng, 5)), label="target 0"),
    ]


def weight_step_cases(rng):
    return [
        Case((*_record(rng, 3), 0.1), label="three inputs, learnrate 0.1"),
        Case((*_record(rng, 7), 1.0), label="seven inputs, learnrate 1"),
        Case((np.array([-0.5, 2.0]), 1.0, np.array([0.3, -0.4]), 0.25), label="target 1, learnrate 0.25"),
        Case((*_record(rng, 1), 0.5), label="one input, learnrate 0.5"),
    ]


def prepare_admissions_cases(rng):
    return [
        Case((_random_admissions(rng, 50),), label="50 applicants"),
        Case((_random_admissions(rng, 37), 5), label="37 applicants, seed 5"),
        Case((_random_admissions(rng, 120), 2024), label="120 applicants, seed 2024"),
        Case((ADMISSIONS, 0), label="the 400 applicants, seed 0"),
    ]


def train_epoch_cases(rng):
    return [
        Case((*_data(rng, 12, 3), kit.normal(rng, 3), 0.5), label="12 records, 3 features"),
        Case((*_data(rng, 40, 6), kit.normal(rng, 6), 0.1), label="40 records, 6 features"),
        Case((*_data(rng, 2, 5), kit.normal(rng, 5), 1.0), label="2 records, 5 features"),
        Case((*_data(rng, 25, 1), kit.normal(rng, 1), 0.3), label="one feature"),
    ]


def train_epoch_with_bias_cases(rng):
    return [
        Case((*_data(rng, 12, 3), kit.normal(rng, 3), kit.number(rng, -1, 1), 0.5), label="12 records, 3 features"),
        Case((*_data(rng, 40, 6), kit.normal(rng, 6), kit.number(rng, -1, 1), 0.1), label="40 records, 6 features"),
        Case((*_data(rng, 3, 2), kit.normal(rng, 2), 0.0, 1.0), label="3 records, bias 0"),
        Case((*_data(rng, 25, 1), kit.normal(rng, 1), 2.5, 0.3), label="one feature, a large bias"),
    ]


def train_cases(rng):
    return [
        Case((*_data(rng, 30, 4), *_data(rng, 8, 4), 3, 0.5), label="30 records, 4 features, 3 epochs"),
        Case((*_data(rng, 10, 2), *_data(rng, 5, 2), 1, 1.0, 7), label="one epoch, seed 7"),
        Case((*_data(rng, 50, 6), *_data(rng, 10, 6), 4, 0.05, 123), label="50 records, 6 features, seed 123"),
        Case((*_data(rng, 12, 1), *_data(rng, 4, 1), 2, 0.5), label="one feature, 2 epochs"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature.

# The catalogue's mistakes in this lesson's terms: the sigmoid's input is h, the error is target − output, and the
# records' steps are added up over one epoch.
EXPONENT_SIGN = SIGMOID_SIGN.hinted(
    "sigmoid(h) = 1 / (1 + e^(−h)) grows with h; with e^(+h) it falls, giving 1 − sigmoid(h).",
)
OUTPUT_MINUS_TARGET = PRED_MINUS_TRUE.hinted(
    "This course writes the error as target − output (y − ŷ) and then *adds* the weight step: "
    "with ŷ − y every step climbs the error instead of descending it.",
)
STEPPED_UP_THE_ERROR = STEP_WRONG_WAY.hinted(
    "Every weight moved so that the error grows. This course writes the error as target − output (y − ŷ) and "
    "adds the weight step: with ŷ − y, or with the step subtracted, each epoch climbs the error."
)
EPOCH_UPDATED_PER_RECORD = UPDATED_INSIDE_THE_LOOP.hinted(
    "In batch gradient descent every record of the epoch is predicted with the same weights: add the records' "
    "steps up inside the loop and change the weights once, after it.",
)

MATH_EXP = Mistake(
    "math.exp on an array",
    "math.exp takes one number; the sigmoid must work on whole arrays at once: use np.exp.",
)
STEP_NOT_WEIGHTS = Mistake(
    "the new weights returned instead of the step",
    "weight_step returns the change Δw = learnrate · δ · x; adding it to the weights happens later.",
)
INPUT_FACTOR_FORGOTTEN = Mistake(
    "input factor x forgotten",
    "Each weight moves by learnrate · δ · x_i: its own input decides how much (and which way) it moves.",
)
BOOLEAN_DUMMIES = Mistake(
    "dummy columns left as True/False",
    "pd.get_dummies makes boolean columns unless told otherwise, and NumPy cannot take the sigmoid of a "
    "table mixing booleans and floats: pd.get_dummies(..., dtype=int).",
)
LOC_INTO_INTEGERS = Mistake(
    "floats written into an integer column with .loc",
    "gre holds integers; pandas 3 refuses to put the standardised floats into that column with "
    ".loc[:, field] = .... Replace the whole column: data[field] = (data[field] - mean) / std.",
)
POPULATION_STD = Mistake(
    "population standard deviation (ddof=0)",
    "Standardise with the sample standard deviation, data[field].std() (pandas' default, ddof=1); "
    "np.std and .std(ddof=0) divide by n instead of n − 1.",
)
BIAS_LEFT_OUT = Mistake(
    "bias left out of the weighted sum",
    "The output of a unit with a bias is sigmoid(x · w + b): add the bias to every record's weighted sum before "
    "the sigmoid, or the error terms are those of a unit without one.",
)
BIAS_NOT_UPDATED = Mistake(
    "bias returned unchanged",
    "The bias learns too: new_bias = bias + learnrate · (mean of the records' error terms).",
)
BIAS_STEP_SUMMED = Mistake(
    "bias step summed instead of averaged",
    "Like the weights' step, the bias's step is averaged over the records: learnrate · Σδ / n_records.",
)
BIAS_STEP_THROUGH_THE_INPUTS = Mistake(
    "bias moved by the weights' steps",
    "The bias is a weight whose input is always 1: its step is learnrate · mean(δ), without any x.",
)
TRAINING_STATISTICS = Mistake(
    "standardised with the training rows only",
    "Fitting the scaling on training rows alone is good practice, but this lesson reproduces the original "
    "course: take the mean and standard deviation of all rows, before the split.",
)
RANK_KEPT = Mistake("rank column kept", "The four dummy columns replace rank: drop it.")
ADMIT_KEPT = Mistake("admit left among the features", "admit is the target: drop it from the features.")
ROWS_SORTED = Mistake(
    "training rows sorted",
    "Keep the training rows in the order np.random.choice drew them: data.loc[sample].",
)
OTHER_SPLIT_GENERATOR = Mistake(
    "split with another random generator",
    "Draw the training rows as the lesson says: np.random.seed(seed), then "
    "np.random.choice(data.index, size=int(len(data) * 0.9), replace=False).",
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
    "Draw the starting weights with a standard deviation of 1/√n_features: "
    "np.random.normal(scale=1 / n_features**0.5, ...).",
)
LOSS_HALVED = Mistake(
    "loss halved",
    "The ½ of E = ½·mean((y − ŷ)²) only simplifies the derivative; the loss the lesson records is the plain "
    "mean of the squared errors, np.mean((output - targets) ** 2).",
)
LOSS_SUMMED = Mistake(
    "loss summed instead of averaged",
    "The loss is the *mean* of the squared errors over the records.",
)
TEST_LOSS_ON_TRAINING_DATA = Mistake(
    "test loss measured on the training data",
    "test_losses[e] is the loss on features_test and targets_test, the records the weights never learn from.",
)


def sigmoid_math_exp(x):
    return 1 / (1 + math.exp(-x))


def sigmoid_exponent_sign(x):
    return 1 / (1 + np.exp(x))


def sigmoid_prime_shortcut_on_input(x):
    return x * (1 - x)


def sigmoid_prime_of_output(x):
    return answers.sigmoid_prime(answers.sigmoid(x))


def sigmoid_prime_derivative_forgotten(x):
    return answers.sigmoid(x)


def error_term_pred_minus_true(x, y, weights):
    output = answers.sigmoid(np.dot(x, weights))
    return (output - y) * (output * (1 - output))


def error_term_derivative_forgotten(x, y, weights):
    output = answers.sigmoid(np.dot(x, weights))
    return (y - output) * 1


def error_term_prime_of_output(x, y, weights):
    output = answers.sigmoid(np.dot(x, weights))
    return (y - output) * answers.sigmoid_prime(output)


def error_term_shortcut_on_input(x, y, weights):
    h = np.dot(x, weights)
    output = answers.sigmoid(h)
    return (y - output) * (h * (1 - h))


def weight_step_learnrate_forgotten(x, y, weights, learnrate):
    return answers.error_term(x, y, weights) * x


def weight_step_new_weights(x, y, weights, learnrate):
    return weights + answers.weight_step(x, y, weights, learnrate)


def weight_step_input_factor_forgotten(x, y, weights, learnrate):
    return learnrate * answers.error_term(x, y, weights)


def weight_step_pred_minus_true(x, y, weights, learnrate):
    return learnrate * error_term_pred_minus_true(x, y, weights) * x


def weight_step_derivative_forgotten(x, y, weights, learnrate):
    return learnrate * error_term_derivative_forgotten(x, y, weights) * x


def weight_step_prime_of_output(x, y, weights, learnrate):
    return learnrate * error_term_prime_of_output(x, y, weights) * x


def weight_step_shortcut_on_input(x, y, weights, learnrate):
    return learnrate * error_term_shortcut_on_input(x, y, weights) * x


def _prepare(
    admissions,
    seed,
    *,
    dummies=int,
    population_std=False,
    training_statistics=False,
    keep=(),
    sorted_rows=False,
    generator="legacy",
    loc_assignment=False,
):
    """prepare_admissions with one thing done differently."""
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


def prepare_admissions_boolean_dummies(admissions, seed=21):
    return _prepare(admissions, seed, dummies=bool)


def prepare_admissions_loc_into_integers(admissions, seed=21):
    return _prepare(admissions, seed, loc_assignment=True)


def prepare_admissions_population_std(admissions, seed=21):
    return _prepare(admissions, seed, population_std=True)


def prepare_admissions_training_statistics(admissions, seed=21):
    return _prepare(admissions, seed, training_statistics=True)


def prepare_admissions_rank_kept(admissions, seed=21):
    return _prepare(admissions, seed, keep=("rank",))


def prepare_admissions_admit_kept(admissions, seed=21):
    return _prepare(admissions, seed, keep=("admit",))


def prepare_admissions_rows_sorted(admissions, seed=21):
    return _prepare(admissions, seed, sorted_rows=True)


def prepare_admissions_other_generator(admissions, seed=21):
    return _prepare(admissions, seed, generator="default_rng")


def train_epoch_updated_inside_the_loop(features, targets, weights, learnrate):
    for x, y in zip(features, targets):
        weights = weights + learnrate * answers.error_term(x, y, weights) * x / len(features)
    return weights


def train_epoch_not_averaged(features, targets, weights, learnrate):
    return weights + learnrate * np.dot(answers.error_term(features, targets, weights), features)


def train_epoch_divided_by_n_features(features, targets, weights, learnrate):
    return weights + learnrate * np.dot(answers.error_term(features, targets, weights), features) / features.shape[1]


def train_epoch_learnrate_forgotten(features, targets, weights, learnrate):
    return weights + np.dot(answers.error_term(features, targets, weights), features) / len(features)


def train_epoch_step_returned(features, targets, weights, learnrate):
    return learnrate * np.dot(answers.error_term(features, targets, weights), features) / len(features)


def _epoch(error_term, features, targets, weights, learnrate):
    """One batch epoch, every record at once, with the given error term."""
    return weights + learnrate * np.dot(error_term(features, targets, weights), features) / len(features)


def train_epoch_pred_minus_true(features, targets, weights, learnrate):
    return _epoch(error_term_pred_minus_true, features, targets, weights, learnrate)


def train_epoch_derivative_forgotten(features, targets, weights, learnrate):
    return _epoch(error_term_derivative_forgotten, features, targets, weights, learnrate)


def train_epoch_prime_of_output(features, targets, weights, learnrate):
    return _epoch(error_term_prime_of_output, features, targets, weights, learnrate)


def train_epoch_shortcut_on_input(features, targets, weights, learnrate):
    return _epoch(error_term_shortcut_on_input, features, targets, weights, learnrate)


def _bias_epoch(features, targets, weights, bias, learnrate, *, in_sum=True, bias_step="mean", sign=1):
    """train_epoch_with_bias with one thing done differently."""
    output = answers.sigmoid(np.dot(features, weights) + (bias if in_sum else 0))
    error_terms = sign * (targets - output) * output * (1 - output)
    new_weights = weights + learnrate * np.dot(error_terms, features) / len(features)
    steps = {
        "mean": np.mean(error_terms),
        "sum": np.sum(error_terms),
        "through the inputs": np.sum(np.dot(error_terms, features)) / len(features),
        "none": 0.0,
    }
    return new_weights, float(bias + learnrate * steps[bias_step])


def train_epoch_with_bias_left_out(features, targets, weights, bias, learnrate):
    return _bias_epoch(features, targets, weights, bias, learnrate, in_sum=False)


def train_epoch_with_bias_not_updated(features, targets, weights, bias, learnrate):
    return _bias_epoch(features, targets, weights, bias, learnrate, bias_step="none")


def train_epoch_with_bias_step_summed(features, targets, weights, bias, learnrate):
    return _bias_epoch(features, targets, weights, bias, learnrate, bias_step="sum")


def train_epoch_with_bias_step_through_the_inputs(features, targets, weights, bias, learnrate):
    return _bias_epoch(features, targets, weights, bias, learnrate, bias_step="through the inputs")


def train_epoch_with_bias_pred_minus_true(features, targets, weights, bias, learnrate):
    return _bias_epoch(features, targets, weights, bias, learnrate, sign=-1)


def train_epoch_with_bias_updated_inside_the_loop(features, targets, weights, bias, learnrate):
    for x, y in zip(features, targets):
        output = answers.sigmoid(np.dot(x, weights) + bias)
        error_term = (y - output) * output * (1 - output)
        weights = weights + learnrate * error_term * x / len(features)
        bias = bias + learnrate * error_term / len(features)
    return weights, float(bias)


def _mean_square_error(features, targets, weights):
    return np.mean((answers.sigmoid(np.dot(features, weights)) - targets) ** 2)


def _train(
    features,
    targets,
    features_test,
    targets_test,
    epochs,
    learnrate,
    seed,
    progress,
    *,
    generator="legacy",
    scaled=True,
    loss="mean",
    test_on_training=False,
    measure_first=False,
):
    """train with one thing done differently."""
    n_features = features.shape[1]
    if generator == "legacy":
        weights = np.random.RandomState(seed).normal(scale=1 / n_features**0.5 if scaled else 1.0, size=n_features)
    else:
        weights = np.random.default_rng(seed).normal(scale=1 / n_features**0.5, size=n_features)

    def measured(features, targets):
        mean = _mean_square_error(features, targets, weights)
        return {"mean": mean, "half": mean / 2, "sum": mean * len(features)}[loss]

    train_losses, test_losses = [], []
    for _ in progress(range(epochs)):
        if not measure_first:
            weights = answers.train_epoch(features, targets, weights, learnrate)
        train_losses.append(measured(features, targets))
        test_losses.append(measured(features, targets) if test_on_training else measured(features_test, targets_test))
        if measure_first:
            weights = answers.train_epoch(features, targets, weights, learnrate)
    return weights, np.array(train_losses), np.array(test_losses)


def train_weights_from_default_rng(
    features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter
):
    return _train(
        features, targets, features_test, targets_test, epochs, learnrate, seed, progress, generator="default_rng"
    )


def train_scale_forgotten(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
    return _train(features, targets, features_test, targets_test, epochs, learnrate, seed, progress, scaled=False)


def train_loss_before_update(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
    return _train(features, targets, features_test, targets_test, epochs, learnrate, seed, progress, measure_first=True)


def train_loss_halved(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
    return _train(features, targets, features_test, targets_test, epochs, learnrate, seed, progress, loss="half")


def train_loss_summed(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
    return _train(features, targets, features_test, targets_test, epochs, learnrate, seed, progress, loss="sum")


def train_test_loss_on_training_data(
    features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter
):
    return _train(
        features, targets, features_test, targets_test, epochs, learnrate, seed, progress, test_on_training=True
    )


# Exercises.

EXERCISES = [
    Exercise(
        id="real_data.sigmoid",
        function="sigmoid",
        returns="array",
        visible=[
            Case((np.array([0.0, 0.8, 0.07]),), label="h = 0, the quiz's h = 0.8 and the two-input example's h = 0.07"),
        ],
        hidden=sigmoid_cases,
        mistakes=[MATH_EXP.via(sigmoid_math_exp), EXPONENT_SIGN.via(sigmoid_exponent_sign)],
    ),
    Exercise(
        id="real_data.sigmoid_prime",
        function="sigmoid_prime",
        returns="array",
        visible=[Case((np.array([0.0, 0.8, 0.07]),), label="h = 0, 0.8 and 0.07")],
        hidden=sigmoid_prime_cases,
        mistakes=[
            SHORTCUT_ON_INPUT.via(sigmoid_prime_shortcut_on_input),
            PRIME_OF_OUTPUT.via(sigmoid_prime_of_output),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(sigmoid_prime_derivative_forgotten),
        ],
    ),
    Exercise(
        id="real_data.error_term",
        function="error_term",
        returns="number",
        visible=[Case(QUIZ, label="the quiz"), Case(TWO_INPUTS, label="the two-input example")],
        hidden=error_term_cases,
        mistakes=[
            OUTPUT_MINUS_TARGET.via(error_term_pred_minus_true),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(error_term_derivative_forgotten),
            PRIME_OF_OUTPUT.via(error_term_prime_of_output),
            SHORTCUT_ON_INPUT.via(error_term_shortcut_on_input),
        ],
    ),
    Exercise(
        id="real_data.weight_step",
        function="weight_step",
        returns="array",
        visible=[
            Case((*QUIZ, LEARNRATE), label="the quiz"),
            Case((*TWO_INPUTS, LEARNRATE), label="the two-input example"),
        ],
        hidden=weight_step_cases,
        mistakes=[
            LEARNRATE_FORGOTTEN.via(weight_step_learnrate_forgotten),
            STEP_NOT_WEIGHTS.via(weight_step_new_weights),
            INPUT_FACTOR_FORGOTTEN.via(weight_step_input_factor_forgotten),
            OUTPUT_MINUS_TARGET.via(weight_step_pred_minus_true),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(weight_step_derivative_forgotten),
            PRIME_OF_OUTPUT.via(weight_step_prime_of_output),
            SHORTCUT_ON_INPUT.via(weight_step_shortcut_on_input),
        ],
    ),
    Exercise(
        id="real_data.prepare_admissions",
        function="prepare_admissions",
        returns=("array", "array", "array", "array"),
        visible=[Case((ADMISSIONS,), label="the 400 applicants of data/binary.csv")],
        hidden=prepare_admissions_cases,
        mistakes=[
            BOOLEAN_DUMMIES.via(prepare_admissions_boolean_dummies),
            LOC_INTO_INTEGERS.via(prepare_admissions_loc_into_integers),
            POPULATION_STD.via(prepare_admissions_population_std),
            TRAINING_STATISTICS.via(prepare_admissions_training_statistics),
            RANK_KEPT.via(prepare_admissions_rank_kept),
            ADMIT_KEPT.via(prepare_admissions_admit_kept),
            ROWS_SORTED.via(prepare_admissions_rows_sorted),
            OTHER_SPLIT_GENERATOR.via(prepare_admissions_other_generator),
        ],
        call=call_prepare,
    ),
    Exercise(
        id="real_data.train_epoch",
        function="train_epoch",
        returns="array",
        visible=[
            Case(
                (QUIZ[0][None, :], np.array([QUIZ[1]]), QUIZ[2], LEARNRATE),
                label="the quiz as a data set of one record",
            ),
            Case((X, Y, START, LEARNRATE), label="the admissions training set, first epoch"),
        ],
        hidden=train_epoch_cases,
        mistakes=[
            EPOCH_UPDATED_PER_RECORD.via(train_epoch_updated_inside_the_loop),
            NOT_AVERAGED.via(train_epoch_not_averaged),
            WRONG_COUNT.via(train_epoch_divided_by_n_features),
            LEARNRATE_FORGOTTEN.via(train_epoch_learnrate_forgotten),
            STEP_NOT_NEW_WEIGHTS.via(train_epoch_step_returned),
            STEPPED_UP_THE_ERROR.via(train_epoch_pred_minus_true),
            DERIVATIVE_OF_ACTIVATION_FORGOTTEN.via(train_epoch_derivative_forgotten),
            PRIME_OF_OUTPUT.via(train_epoch_prime_of_output),
            SHORTCUT_ON_INPUT.via(train_epoch_shortcut_on_input),
        ],
    ),
    Exercise(
        id="real_data.train",
        function="train",
        returns=("array", "array", "array"),
        visible=[
            Case((X, Y, X_TEST, Y_TEST, 5, LEARNRATE), label="the admissions data, 5 epochs, learnrate 0.5, seed 42"),
        ],
        hidden=train_cases,
        mistakes=[
            OTHER_GENERATOR.via(train_weights_from_default_rng),
            SCALE_FORGOTTEN.via(train_scale_forgotten),
            LOSS_BEFORE_UPDATE.via(train_loss_before_update),
            LOSS_HALVED.via(train_loss_halved),
            LOSS_SUMMED.via(train_loss_summed),
            TEST_LOSS_ON_TRAINING_DATA.via(train_test_loss_on_training_data),
        ],
    ),
    prediction(
        "real_data.loss_at_learnrate_50",
        "loss_at_learnrate_50",
        "A step a hundred times the one that works jumps clear across the valley at every epoch, as lesson 2's runs "
        "did with alpha·input² above 1; but a sigmoid's output stays between 0 and 1, so its squared error cannot "
        "grow without bound.",
        choices=("converges", "levels off", "alternates between two values", "diverges"),
        traps=[
            (
                "diverges",
                Mistake(
                    "growing without bound",
                    "A sigmoid unit's output lies between 0 and 1, so its squared error never exceeds 1: overshooting "
                    "cannot make this loss explode as lesson 2's did.",
                ),
            ),
            (
                "levels off",
                Mistake(
                    "the trend, not the steps",
                    "Look at the loss one epoch at a time: each step jumps across the valley, so an epoch's loss "
                    "differs from the next one's.",
                ),
            ),
        ],
    ),
    prediction(
        "real_data.epochs_to_full_accuracy",
        "epochs_to_full_accuracy",
        "The accuracy only changes when a test applicant's output crosses 0.5, which takes a real change of the "
        "weights: look back at where the full run's loss curve is steep and where it is nearly flat.",
        choices=("fewer than 50", "50 to 200", "200 to 500", "more than 500"),
        traps=[
            (
                "more than 500",
                Mistake(
                    "the accuracy waits for the loss",
                    "The loss creeps down until the last epoch, but the accuracy only counts on which side of 0.5 "
                    "each output lies: once the steep part of the loss curve is over, hardly any output crosses.",
                ),
            ),
            (
                "fewer than 50",
                Mistake(
                    "the first steep epochs",
                    "During the first epochs the loss still falls steeply: the weights are far from those the full "
                    "run ends with.",
                ),
            ),
        ],
    ),
    Exercise(
        id="real_data.train_epoch_with_bias",
        function="train_epoch_with_bias",
        returns=("array", "number"),
        visible=[
            Case(
                (QUIZ[0][None, :], np.array([QUIZ[1]]), QUIZ[2], -0.3, LEARNRATE),
                label="the quiz as a data set of one record, bias −0.3",
            ),
            Case(
                (X[:, :2], Y, _initial_weights(2, 42), 0.0, LEARNRATE),
                label="gre and gpa of the admissions training set, bias 0, first epoch",
            ),
        ],
        hidden=train_epoch_with_bias_cases,
        mistakes=[
            BIAS_LEFT_OUT.via(train_epoch_with_bias_left_out),
            BIAS_NOT_UPDATED.via(train_epoch_with_bias_not_updated),
            BIAS_STEP_SUMMED.via(train_epoch_with_bias_step_summed),
            BIAS_STEP_THROUGH_THE_INPUTS.via(train_epoch_with_bias_step_through_the_inputs),
            STEPPED_UP_THE_ERROR.via(train_epoch_with_bias_pred_minus_true),
            EPOCH_UPDATED_PER_RECORD.via(train_epoch_with_bias_updated_inside_the_loop),
        ],
    ),
    # Predictions: what the learning-rate explorer shows, committed to before it shows it.
]
