"""Lesson 04, gradient descent on real data: the seed's numbers, plausible wrong answers, and correct variants."""

import contextlib
import io
import math
import sys
import types

import numpy as np
import pandas as pd
import pytest
import scipy.special
from support import assert_named_mistake, assert_passes, visible_failure

from grader import CheckFailed, check
from grader.exercises import real_data
from grader.lessons import notebook_path, read_notebook
from grader.references.real_data import prepare_admissions
from grader.schema import find, topic_exercises
from helpers.admissions import data_file, load_admissions

# The original course's listings (indentation restored where its page breaks lost it) and what they print.
TWO_INPUT_STEP = """
import numpy as np
def sigmoid(x):
    return 1/(1+np.exp(-x))
def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))
x = np.array([0.1, 0.3])
y = 0.2
weights = np.array([-0.8, 0.5])
learnrate = 0.5
h = x[0]*weights[0] + x[1]*weights[1]
nn_output = sigmoid(h)
error = y - nn_output
output_grad = sigmoid_prime(h)
error_term = error * output_grad
del_w = [ learnrate * error_term * x[0],
          learnrate * error_term * x[1]]
"""

QUIZ = """
import numpy as np
def sigmoid(x):
    return 1/(1+np.exp(-x))
def sigmoid_prime(x):
    return sigmoid(x) * (1 - sigmoid(x))
learnrate = 0.5
x = np.array([1, 2, 3, 4])
y = np.array(0.5)
w = np.array([0.5, -0.5, 0.3, 0.1])
h = np.dot(x, w)
nn_output = sigmoid(h)
error = y - nn_output
error_term = error * sigmoid_prime(h)
del_w = learnrate * error_term * x
print('Neural Network output:')
print(nn_output)
print('Amount of Error:')
print(error)
print('Change in Weights:')
print(del_w)
"""
QUIZ_PRINTS = {
    "output": 0.689974481128,
    "error": -0.189974481128,
    "del_w": [-0.02031869, -0.04063738, -0.06095608, -0.08127477],
}
TWO_INPUT_DEL_W = [-0.0039638, -0.01189141]

DATA_PREP = """
import numpy as np
import pandas as pd
admissions = pd.read_csv(CSV)
data = pd.concat([admissions, pd.get_dummies(admissions['rank'], prefix='rank')], axis=1)
data = data.drop('rank', axis=1)
for field in ['gre', 'gpa']:
    mean, std = data[field].mean(), data[field].std()
    data.loc[:,field] = (data[field]-mean)/std
np.random.seed(21)
sample = np.random.choice(data.index, size=int(len(data)*0.9), replace=False)
data, test_data = data.ix[sample], data.drop(sample)
features, targets = data.drop('admit', axis=1), data['admit']
features_test, targets_test = test_data.drop('admit', axis=1), test_data['admit']
"""

# The ten prepared rows the original course shows (admit, gre, gpa, rank_1..rank_4), by index.
SEED_TABLE = {
    15: [0, -0.932334, 0.131646, 0, 0, 1, 0],
    115: [0, 0.279614, 1.576859, 0, 0, 1, 0],
    55: [1, 1.318426, 1.603135, 0, 0, 1, 0],
    175: [1, 0.279614, -0.052290, 0, 1, 0, 0],
    63: [1, 0.799020, 1.208986, 0, 0, 1, 0],
    67: [0, 0.279614, -0.236227, 1, 0, 0, 0],
    216: [0, -2.144282, -1.287291, 1, 0, 0, 0],
    145: [0, -1.798011, 0.105369, 0, 0, 1, 0],
    286: [1, 1.837832, -0.446439, 1, 0, 0, 0],
    339: [1, 0.625884, 0.210476, 0, 0, 1, 0],
}

GRADIENT_PY = """
import numpy as np
from data_prep import features, targets, features_test, targets_test
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
np.random.seed(42)
n_records, n_features = features.shape
last_loss = None
weights = np.random.normal(scale=1 / n_features**.5, size=n_features)
epochs = 1000
learnrate = 0.5
for e in range(epochs):
    del_w = np.zeros(weights.shape)
    for x, y in zip(features.values, targets):
        output = sigmoid(np.dot(x, weights))
        error = y - output
        error_term = error * output * (1 - output)
        del_w += error_term * x
    weights += learnrate * del_w / n_records
    if e % (epochs / 10) == 0:
        out = sigmoid(np.dot(features, weights))
        loss = np.mean((out - targets) ** 2)
        if last_loss and last_loss < loss:
            print("Train loss: ", loss, " WARNING - Loss Increasing")
        else:
            print("Train loss: ", loss)
        last_loss = loss
tes_out = sigmoid(np.dot(features_test, weights))
predictions = tes_out > 0.5
accuracy = np.mean(predictions == targets_test)
print("Prediction accuracy: {:.3f}".format(accuracy))
"""


def _run(listing, **names):
    output = io.StringIO()
    namespace = dict(names)
    with contextlib.redirect_stdout(output):
        exec(listing, namespace)
    return namespace, output.getvalue()


def _data_prep_module():
    module = types.ModuleType("data_prep")
    module.features, module.targets, module.features_test, module.targets_test = prepare_admissions(load_admissions())
    return module


def test_the_two_input_example_gives_the_seeds_weight_changes():
    namespace, _ = _run(TWO_INPUT_STEP)
    np.testing.assert_allclose(namespace["del_w"], TWO_INPUT_DEL_W, atol=5e-9)
    np.testing.assert_allclose(real_data.answers.weight_step(*real_data.TWO_INPUTS, 0.5), TWO_INPUT_DEL_W, atol=5e-9)


def test_the_quiz_prints_the_seeds_output_error_and_weight_changes():
    _, printed = _run(QUIZ)
    lines = printed.splitlines()
    assert float(lines[1]) == pytest.approx(QUIZ_PRINTS["output"], abs=5e-13)
    assert float(lines[3]) == pytest.approx(QUIZ_PRINTS["error"], abs=5e-13)
    np.testing.assert_allclose(np.array(lines[5].strip("[]").split(), dtype=float), QUIZ_PRINTS["del_w"], atol=5e-9)


def test_visible_cases_carry_the_seeds_printed_values():
    sigmoid = find("real_data.sigmoid")
    assert sigmoid.expected(sigmoid.visible[0])[1] == pytest.approx(QUIZ_PRINTS["output"], abs=5e-13)
    weight_step = find("real_data.weight_step")
    quiz, two_inputs = weight_step.visible
    np.testing.assert_allclose(weight_step.expected(quiz), QUIZ_PRINTS["del_w"], atol=5e-9)
    np.testing.assert_allclose(weight_step.expected(two_inputs), TWO_INPUT_DEL_W, atol=5e-9)
    train_epoch = find("real_data.train_epoch")
    one_record = train_epoch.visible[0]
    np.testing.assert_allclose(train_epoch.expected(one_record), real_data.QUIZ[2] + QUIZ_PRINTS["del_w"], atol=5e-9)
    error = QUIZ_PRINTS["error"]
    output = QUIZ_PRINTS["output"]
    error_term = find("real_data.error_term")
    assert error_term.expected(error_term.visible[0]) == pytest.approx(error * output * (1 - output), rel=1e-11)


def test_the_seeds_data_prep_no_longer_runs_on_current_pandas():
    with pytest.raises(
        (TypeError, AttributeError)
    ):  # .loc into an int column (pandas 3), or .ix (gone since pandas 1.0)
        _run(DATA_PREP, CSV=str(data_file("binary.csv")))


def test_the_rewritten_preparation_reproduces_the_seeds_table():
    features, targets, features_test, targets_test = prepare_admissions(load_admissions())
    assert features.shape == (360, 6) and features_test.shape == (40, 6)
    assert list(features.columns) == ["gre", "gpa", "rank_1", "rank_2", "rank_3", "rank_4"]
    table = targets.to_frame().join(features)
    for index, row in SEED_TABLE.items():
        np.testing.assert_allclose(table.loc[index].to_numpy(dtype=float), row, atol=5e-7)


def test_the_seeds_gradient_descent_listing_reaches_the_printed_accuracy(monkeypatch):
    monkeypatch.setitem(sys.modules, "data_prep", _data_prep_module())
    _, printed = _run(GRADIENT_PY)
    assert printed.splitlines()[-1] == "Prediction accuracy: 0.750"


def test_the_reference_training_reaches_the_seeds_accuracy_and_matches_the_seeds_loop():
    weights, train_losses, test_losses = real_data.answers.train(
        real_data.X, real_data.Y, real_data.X_TEST, real_data.Y_TEST, 1000, 0.5
    )
    accuracy = np.mean((real_data.answers.sigmoid(real_data.X_TEST @ weights) > 0.5) == real_data.Y_TEST)
    assert accuracy == 0.75
    assert train_losses.shape == test_losses.shape == (1000,)
    assert train_losses[0] == pytest.approx(0.2638884022720776, rel=1e-10)  # what the seed's loop prints first
    assert train_losses[900] == pytest.approx(0.19649321947388051, rel=1e-10)  # and last


def test_a_bias_of_zero_is_the_epoch_without_one_and_the_bias_moves_by_the_mean_error_term():
    exercise = find("real_data.train_epoch_with_bias")
    one_record, scores = exercise.visible
    weights, bias = exercise.expected(scores)
    np.testing.assert_allclose(weights, real_data.answers.train_epoch(*scores.args[:3], 0.5), rtol=1e-12)
    features, targets, start = scores.args[:3]
    output = sig(features @ start)
    assert bias == pytest.approx(0.5 * np.mean((targets - output) * output * (1 - output)), rel=1e-12)
    # The quiz as one record: the bias moves by learnrate · δ, exactly as a weight whose input is 1.
    x, y, w = real_data.QUIZ
    output = sig(x @ w - 0.3)
    delta = (y - output) * output * (1 - output)
    weights, bias = exercise.expected(one_record)
    np.testing.assert_allclose(weights, w + 0.5 * delta * x, rtol=1e-12)
    assert bias == pytest.approx(-0.3 + 0.5 * delta, rel=1e-12)


def test_the_lessons_bias_demonstration_prints_what_its_text_says():
    scores, scores_test = real_data.X[:, :2], real_data.X_TEST[:, :2]
    start = np.random.RandomState(42).normal(scale=1 / 2**0.5, size=2)
    without, (with_bias, bias) = start, (start, 0.0)
    for _ in range(300):
        without = real_data.answers.train_epoch(scores, real_data.Y, without, 0.5)
        with_bias, bias = real_data.answers.train_epoch_with_bias(scores, real_data.Y, with_bias, bias, 0.5)
    assert round(bias, 2) == -0.81 and round(float(sig(bias)), 2) == 0.31
    losses = [np.mean((sig(scores @ w + b) - real_data.Y) ** 2) for w, b in [(without, 0.0), (with_bias, bias)]]
    assert [f"{loss:.4f}" for loss in losses] == ["0.2412", "0.2065"]
    accuracies = [np.mean((scores_test @ w + b > 0) == real_data.Y_TEST) for w, b in [(without, 0), (with_bias, bias)]]
    assert accuracies == [0.55, 0.65]


# Plausible wrong answers, written the way a learner would write them.


def _sigmoid_math(x):
    return 1 / (1 + math.exp(-x))


def _error_term(slope=lambda h, out: out * (1 - out), error=lambda y, out: y - out):
    def term(x, y, weights):
        h = np.dot(x, weights)
        output = real_data.answers.sigmoid(h)
        return error(y, output) * slope(h, output)

    return term


def _prepare(
    *,
    get_dummies=lambda column: pd.get_dummies(column, prefix="rank", dtype=int),
    std=lambda c: c.std(),
    loc=False,
    statistics_from_training=False,
    drop_rank=True,
    drop_admit=True,
    choose=None,
    rows=None,
):
    def prepare(admissions, seed=21):
        data = pd.concat([admissions, get_dummies(admissions["rank"])], axis=1)
        if drop_rank:
            data = data.drop("rank", axis=1)
        np.random.seed(seed)
        sample = (choose or (lambda index, size: np.random.choice(index, size=size, replace=False)))(
            data.index, int(len(data) * 0.9)
        )
        basis = data.loc[sample] if statistics_from_training else data
        for field in ["gre", "gpa"]:
            mean, sd = basis[field].mean(), std(basis[field])
            if loc:
                data.loc[:, field] = (data[field] - mean) / sd
            else:
                data[field] = (data[field] - mean) / sd
        train = (rows or (lambda data, sample: data.loc[sample]))(data, sample)
        test = data.drop(sample)
        drop = ["admit"] if drop_admit else []
        return train.drop(columns=drop), train["admit"], test.drop(columns=drop), test["admit"]

    return prepare


def _sgd_epoch(features, targets, weights, learnrate):
    weights = weights.copy()
    for x, y in zip(features, targets):
        weights += learnrate * real_data.answers.error_term(x, y, weights) * x / len(features)
    return weights


def _epoch(divide=lambda f: f.shape[0], rate=True, term=real_data.answers.error_term):
    def epoch(features, targets, weights, learnrate):
        del_w = np.zeros(weights.shape)
        for x, y in zip(features, targets):
            del_w = del_w + term(x, y, weights) * x
        return weights + (learnrate if rate else 1) * del_w / divide(features)

    return epoch


def _in_place_epoch(features, targets, weights, learnrate):
    weights += learnrate * np.dot(real_data.answers.error_term(features, targets, weights), features) / len(features)
    return weights


def _train(
    *,
    start=lambda n, seed: (np.random.seed(seed), np.random.normal(scale=1 / n**0.5, size=n))[1],
    loss=lambda out, t: np.mean((out - t) ** 2),
    before=False,
    test_on_train=False,
):
    def train(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
        weights = start(features.shape[1], seed)
        train_losses, test_losses = [], []
        for _ in progress(range(epochs)):
            if not before:
                weights = real_data.answers.train_epoch(features, targets, weights, learnrate)
            train_losses.append(loss(real_data.answers.sigmoid(features @ weights), targets))
            test_x, test_y = (features, targets) if test_on_train else (features_test, targets_test)
            test_losses.append(loss(real_data.answers.sigmoid(test_x @ weights), test_y))
            if before:
                weights = real_data.answers.train_epoch(features, targets, weights, learnrate)
        return weights, np.array(train_losses), np.array(test_losses)

    return train


sig = real_data.answers.sigmoid


def _prepare_in_place(admissions, seed=21):
    """The right tables, but the rank column is dropped from the DataFrame the caller passed."""
    prepared = real_data.answers.prepare_admissions(admissions.copy(), seed)
    admissions.drop(columns="rank", inplace=True)
    return prepared


WRONG_ANSWERS = [
    ("real_data.prepare_admissions", "an input was changed", _prepare_in_place),
    ("real_data.sigmoid", "math.exp on an array", _sigmoid_math),
    ("real_data.sigmoid", "exp(x) instead of exp(−x)", lambda x: 1 / (1 + np.exp(x))),
    ("real_data.sigmoid_prime", "f′ computed with the output's formula on the input", lambda x: x * (1 - x)),
    (
        "real_data.sigmoid_prime",
        "f′ computed on the output instead of the input",
        lambda x: sig(sig(x)) * (1 - sig(sig(x))),
    ),
    ("real_data.sigmoid_prime", "derivative f′ forgotten", lambda x: sig(x)),
    ("real_data.error_term", "pred − true instead of true − pred", _error_term(error=lambda y, out: out - y)),
    ("real_data.error_term", "derivative f′ forgotten", _error_term(slope=lambda h, out: 1)),
    (
        "real_data.error_term",
        "f′ computed on the output instead of the input",
        _error_term(slope=lambda h, out: sig(out) * (1 - sig(out))),
    ),
    (
        "real_data.error_term",
        "f′ computed with the output's formula on the input",
        _error_term(slope=lambda h, out: h * (1 - h)),
    ),
    ("real_data.weight_step", "learning rate forgotten", lambda x, y, w, lr: real_data.answers.error_term(x, y, w) * x),
    (
        "real_data.weight_step",
        "the new weights returned instead of the step",
        lambda x, y, w, lr: w + lr * real_data.answers.error_term(x, y, w) * x,
    ),
    (
        "real_data.weight_step",
        "input factor x forgotten",
        lambda x, y, w, lr: lr * real_data.answers.error_term(x, y, w),
    ),
    (
        "real_data.weight_step",
        "pred − true instead of true − pred",
        lambda x, y, w, lr: -lr * real_data.answers.error_term(x, y, w) * x,
    ),
    ("real_data.weight_step", "derivative f′ forgotten", lambda x, y, w, lr: lr * (y - sig(x @ w)) * x),
    (
        "real_data.prepare_admissions",
        "dummy columns left as True/False",
        _prepare(get_dummies=lambda c: pd.get_dummies(c, prefix="rank")),
    ),
    ("real_data.prepare_admissions", "floats written into an integer column with .loc", _prepare(loc=True)),
    ("real_data.prepare_admissions", "population standard deviation (ddof=0)", _prepare(std=np.std)),
    (
        "real_data.prepare_admissions",
        "standardised with the training rows only",
        _prepare(statistics_from_training=True),
    ),
    ("real_data.prepare_admissions", "rank column kept", _prepare(drop_rank=False)),
    ("real_data.prepare_admissions", "admit left among the features", _prepare(drop_admit=False)),
    (
        "real_data.prepare_admissions",
        "training rows sorted",
        _prepare(rows=lambda data, sample: data[data.index.isin(sample)]),
    ),
    (
        "real_data.prepare_admissions",
        "split with another random generator",
        _prepare(choose=lambda index, size: np.random.default_rng(21).choice(index, size=size, replace=False)),
    ),
    ("real_data.train_epoch", "weights updated inside the record loop", _sgd_epoch),
    ("real_data.train_epoch", "dividing by n_records forgotten", _epoch(divide=lambda f: 1)),
    ("real_data.train_epoch", "divided by n_features instead of n_records", _epoch(divide=lambda f: f.shape[1])),
    ("real_data.train_epoch", "learning rate forgotten", _epoch(rate=False)),
    (
        "real_data.train_epoch",  # new weights only: ŷ − y and a subtracted step cannot be told apart
        "weights stepped the wrong way",
        _epoch(term=_error_term(error=lambda y, out: out - y)),
    ),
    ("real_data.train_epoch", "derivative f′ forgotten", _epoch(term=_error_term(slope=lambda h, out: 1))),
    (
        "real_data.train_epoch",
        "f′ computed on the output instead of the input",
        _epoch(term=_error_term(slope=lambda h, out: sig(out) * (1 - sig(out)))),
    ),
    (
        "real_data.train_epoch",
        "the step returned instead of the new weights",
        lambda f, t, w, lr: lr * np.dot(real_data.answers.error_term(f, t, w), f) / len(f),
    ),
    ("real_data.train_epoch", "an input was changed", _in_place_epoch),
    (
        "real_data.train",
        "weights drawn with another random generator",
        _train(start=lambda n, seed: np.random.default_rng(seed).normal(scale=1 / n**0.5, size=n)),
    ),
    (
        "real_data.train",
        "scale of the starting weights forgotten",
        _train(start=lambda n, seed: (np.random.seed(seed), np.random.normal(size=n))[1]),
    ),
    ("real_data.train", "loss measured before the epoch's update", _train(before=True)),
    ("real_data.train", "loss halved", _train(loss=lambda out, t: np.mean((out - t) ** 2) / 2)),
    ("real_data.train", "loss summed instead of averaged", _train(loss=lambda out, t: np.sum((out - t) ** 2))),
    ("real_data.train", "test loss measured on the training data", _train(test_on_train=True)),
    ("real_data.train", "a list instead of a NumPy array", lambda *args: _train_with_lists(*args)),
]


def _bias_epoch_loop(features, targets, weights, bias, learnrate):
    """One epoch with a bias, a learner's loop over the records."""
    weight_steps, bias_steps = np.zeros(len(weights)), 0.0
    for x, y in zip(features, targets):
        output = 1 / (1 + np.exp(-(np.dot(x, weights) + bias)))
        error_term = (y - output) * output * (1 - output)
        weight_steps += error_term * x
        bias_steps += error_term
    return weights + learnrate * weight_steps / len(features), bias + learnrate * bias_steps / len(features)


def _bias_epoch(bias_in_sum=True, bias_step=lambda terms, features: terms.mean(), sign=1):
    def epoch(features, targets, weights, bias, learnrate):
        output = sig(features @ weights + (bias if bias_in_sum else 0))
        terms = sign * (targets - output) * output * (1 - output)
        return weights + learnrate * terms @ features / len(features), bias + learnrate * bias_step(terms, features)

    return epoch


def _bias_epoch_per_record(features, targets, weights, bias, learnrate):
    for x, y in zip(features, targets):
        output = sig(x @ weights + bias)
        term = (y - output) * output * (1 - output)
        weights, bias = weights + learnrate * term * x / len(features), bias + learnrate * term / len(features)
    return weights, bias


WRONG_ANSWERS += [
    ("real_data.train_epoch_with_bias", "bias left out of the weighted sum", _bias_epoch(bias_in_sum=False)),
    ("real_data.train_epoch_with_bias", "bias returned unchanged", _bias_epoch(bias_step=lambda terms, f: 0.0)),
    (
        "real_data.train_epoch_with_bias",
        "bias step summed instead of averaged",
        _bias_epoch(bias_step=lambda terms, f: terms.sum()),
    ),
    (
        "real_data.train_epoch_with_bias",
        "bias moved by the weights' steps",
        _bias_epoch(bias_step=lambda terms, f: (terms @ f).sum() / len(f)),
    ),
    ("real_data.train_epoch_with_bias", "weights stepped the wrong way", _bias_epoch(sign=-1)),
    ("real_data.train_epoch_with_bias", "weights updated inside the record loop", _bias_epoch_per_record),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def test_a_boolean_dummy_column_is_reported_by_name():
    with pytest.raises(CheckFailed, match="features has columns that are not numbers: rank_1"):
        check("real_data.prepare_admissions", _prepare(get_dummies=lambda c: pd.get_dummies(c, prefix="rank")))


def _prepare_by_hand(admissions, seed=21):
    data = admissions[["admit"]].copy()
    for field in ["gre", "gpa"]:
        column = admissions[field].astype(float)
        data[field] = (column - column.mean()) / column.std(ddof=1)
    for rank in range(1, 5):
        data[f"rank_{rank}"] = (admissions["rank"] == rank).astype(float)
    np.random.seed(seed)
    sample = np.random.choice(len(data), size=int(len(data) * 0.9), replace=False)
    rest = np.setdiff1d(np.arange(len(data)), sample)
    values = data.to_numpy()
    return values[sample, 1:], values[sample, 0], values[rest, 1:], values[rest, 0]


def _prepare_with_float_columns(admissions, seed=21):
    data = pd.get_dummies(admissions, columns=["rank"], dtype=float).astype(float)
    for field in ("gre", "gpa"):
        data.loc[:, field] = (data[field] - data[field].mean()) / data[field].std()
    np.random.seed(seed)
    sample = np.random.choice(data.index, size=int(len(data) * 0.9), replace=False)
    train, test = data.iloc[sample], data.drop(index=sample)
    return train.drop(columns="admit"), train.admit, test.drop(columns="admit"), test.admit


def _loop_dot_error_term(x, y, weights):
    h = sum(x[i] * weights[i] for i in range(len(x)))
    output = 1 / (1 + np.exp(-h))
    return (y - output) * output * (1 - output)


def _train_with_lists(features, targets, features_test, targets_test, epochs, learnrate, seed=42, progress=iter):
    np.random.seed(seed)
    weights = np.random.normal(scale=1 / features.shape[1] ** 0.5, size=features.shape[1])
    history = {"train": [], "test": []}
    for _ in progress(range(epochs)):
        weights = real_data.answers.train_epoch(features, targets, weights, learnrate)
        for name, (f, t) in {"train": (features, targets), "test": (features_test, targets_test)}.items():
            history[name].append(float(((scipy.special.expit(f @ weights) - t) ** 2).mean()))
    return weights, history["train"], history["test"]


CORRECT_VARIANTS = [
    ("real_data.sigmoid", scipy.special.expit),
    ("real_data.sigmoid", lambda x: np.exp(x) / (1 + np.exp(x))),
    ("real_data.sigmoid_prime", lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    ("real_data.sigmoid_prime", lambda x: real_data.answers.sigmoid(x) - real_data.answers.sigmoid(x) ** 2),
    ("real_data.error_term", _loop_dot_error_term),
    ("real_data.error_term", lambda x, y, w: (y - sig(x @ w)) * real_data.answers.sigmoid_prime(x @ w)),
    ("real_data.weight_step", lambda x, y, w, lr: np.multiply(x, lr * real_data.answers.error_term(x, y, w))),
    ("real_data.prepare_admissions", _prepare()),
    ("real_data.prepare_admissions", _prepare_by_hand),
    ("real_data.prepare_admissions", _prepare_with_float_columns),
    ("real_data.train_epoch", _epoch()),
    ("real_data.train_epoch", real_data.answers.train_epoch),
    (
        "real_data.train_epoch",
        lambda f, t, w, lr: w + lr * (real_data.answers.error_term(f, t, w)[:, None] * f).mean(axis=0),
    ),
    ("real_data.train_epoch_with_bias", _bias_epoch_loop),
    ("real_data.train_epoch_with_bias", _bias_epoch()),
    ("real_data.train", _train()),
    ("real_data.train", lambda *args: tuple(np.asarray(value) for value in _train_with_lists(*args))),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)


def test_the_explorer_follows_the_exercises_it_uses_and_is_skipped_when_grading():
    notebook = read_notebook(notebook_path("04-gradient-descent-on-real-data"))
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    (explorer,) = [cell for cell in notebook.cells if "LearningRateExplorer(" in cell.source]
    meta = explorer.metadata["nbgrader"]
    assert meta["locked"] and not meta["grade"] and "skip-when-grading" in explorer.metadata["tags"]
    assert ids.index(meta["grade_id"]) > ids.index("train-hidden")


def test_what_the_explorer_text_says_about_learning_rates():
    data = (real_data.X, real_data.Y, real_data.X_TEST, real_data.Y_TEST)
    runs = {rate: real_data.answers.train(*data, 200, rate) for rate in (0.05, 0.5, 5, 50)}
    assert runs[0.05][1][-1] < runs[0.05][1][-2] - 1e-5  # still falling after 200 epochs
    assert runs[5][1][40] < runs[0.5][1][-1]  # at the bottom within a few dozen epochs
    weights_50, losses_50, _ = runs[50]
    assert losses_50[-1] > max(runs[rate][1][-1] for rate in (0.5, 5)) + 0.005 and np.all(np.abs(weights_50[:2]) < 0.1)
    # Every step overshoots: the loss alternates between two values.
    np.testing.assert_allclose(losses_50[-50::2], losses_50[-2], rtol=1e-6)
    np.testing.assert_allclose(losses_50[-49::2], losses_50[-1], rtol=1e-6)
    assert abs(losses_50[-1] - losses_50[-2]) > 1e-3


# Predictions: committed to before the learning-rate explorer shows them.

PREDICTIONS = {
    "real_data.loss_at_learnrate_50": "alternates between two values",
    "real_data.epochs_to_full_accuracy": "50 to 200",
}


def test_the_predictions_come_before_the_explorer_with_a_visible_check_and_no_hidden_one():
    notebook = read_notebook(notebook_path("04-gradient-descent-on-real-data"))
    ids = [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells]
    names = [exercise_id.split(".")[1] for exercise_id in PREDICTIONS]
    assert [e.id for e in topic_exercises("real_data").values() if e.predict] == list(PREDICTIONS)
    (explorer,) = [cell for cell in notebook.cells if "LearningRateExplorer(" in cell.source]
    positions = [ids.index(name) for name in names]
    assert positions == sorted(positions) and positions[-1] < ids.index(explorer.metadata["nbgrader"]["grade_id"])
    for name in names:
        visible = notebook.cells[ids.index(f"{name}-visible")]
        assert visible.metadata["nbgrader"]["points"] == 1 and f"{name}-hidden" not in ids


@pytest.mark.parametrize("exercise_id", PREDICTIONS)
def test_the_right_prediction_passes(exercise_id, capsys):
    assert_passes(exercise_id, PREDICTIONS[exercise_id])
    assert "is right" in capsys.readouterr().out


def test_the_explorer_shows_the_predicted_answers():
    """At learning rate 50 the loss alternates (see above); learning rate 0.5 reaches the full run's 0.75 after 77
    epochs and stays there from 130 on, as the text after the explorer says."""
    data = (real_data.X, real_data.Y, real_data.X_TEST, real_data.Y_TEST)
    _, train_losses, _ = real_data.answers.train(*data, 200, 50)
    assert train_losses.max() < 1 and abs(train_losses[-1] - train_losses[-2]) > 1e-3

    def accuracy(epochs):
        weights, *_ = real_data.answers.train(*data, epochs, 0.5)
        return np.mean((real_data.answers.sigmoid(np.dot(real_data.X_TEST, weights)) > 0.5) == real_data.Y_TEST)

    assert accuracy(76) < 0.75 and accuracy(77) == 0.75 and accuracy(99) == 0.8 and accuracy(129) != 0.75
    assert all(accuracy(epochs) == 0.75 for epochs in (130, 200, 500, 1000))
    assert all(accuracy(epochs) < 0.75 for epochs in range(10, 51, 10))  # the slider's values below 50


@pytest.mark.parametrize(
    "exercise_id, value, words",
    [
        ("real_data.loss_at_learnrate_50", "diverges", "This looks like: growing without bound."),
        ("real_data.loss_at_learnrate_50", "levels off", "This looks like: the trend, not the steps."),
        ("real_data.loss_at_learnrate_50", "converges", "Hint: A step a hundred times the one that works"),
        ("real_data.loss_at_learnrate_50", "explodes", "a prediction here is one of 'converges', 'levels off'"),
        ("real_data.epochs_to_full_accuracy", "more than 500", "This looks like: the accuracy waits for the loss."),
        ("real_data.epochs_to_full_accuracy", "fewer than 50", "This looks like: the first steep epochs."),
        ("real_data.epochs_to_full_accuracy", "200 to 500", "Hint: The accuracy only changes when"),
        ("real_data.epochs_to_full_accuracy", 100, "a prediction here is one of 'fewer than 50'"),
    ],
)
def test_wrong_predictions_fail_with_their_message(exercise_id, value, words):
    message = visible_failure(exercise_id, value)
    assert words in message
    assert "expected" not in message.lower()


def test_the_students_notebook_holds_stubs_and_the_check_data_no_answer():
    from answers import shipped_predictions

    from grader.lessons import LESSONS, REPOSITORY

    lesson = read_notebook(notebook_path("04-gradient-descent-on-real-data", LESSONS))
    stubs = {c.metadata["nbgrader"]["grade_id"]: c.source for c in lesson.cells}
    for exercise_id in PREDICTIONS:
        name = exercise_id.split(".")[1]
        assert stubs[name].splitlines()[-1] == f"{name} = ..."
    assert shipped_predictions(REPOSITORY) == []  # the lessons and check data as the release copies them
