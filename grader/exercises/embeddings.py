"""Lesson 12 · word embeddings: a review as a set of word indices, an embedding layer, and what it learns.

Visible cases are small examples the lesson text works through (the book's "the cat sat" one-hot example and its
imitation of a terrible review, a toy embedding for similarity and analogy); hidden cases use other vocabularies,
sizes and values: empty reviews, reviews with no known words, rows of very different lengths. The two training
steps update their weights in place, as in the book; their checks run them on copies
(``grader.adapters.run_step_on_copies``) and compare three things: what the step returns, ``weights_0_1`` after it
and ``weights_1_2`` after it. The warm-up ``sigmoid`` is lesson 04's exercise, asked again. The references are the
solution notebook's answers (:mod:`grader.references.embeddings`).
"""

import numpy as np

from grader import kit
from grader.adapters import run_step_on_copies
from grader.catalogue import ALPHA_FORGOTTEN, Mistake
from grader.exercises import real_data
from grader.references import embeddings as answers
from grader.schema import Case, Exercise
from helpers.words import tokenize

# Data: the book's imitation of a one-star review, and a vocabulary of eight of its words.
REVIEW = "This movie was terrible! The plot was dry, the acting unconvincing, and I spilled popcorn on my shirt."
VOCABULARY = ["acting", "dry", "great", "movie", "plot", "terrible", "the", "was"]
WORD2INDEX = {word: index for index, word in enumerate(VOCABULARY)}
REVIEW_X = [0, 1, 3, 4, 5, 6, 7]  # every known word of REVIEW once: all but "great"
# The book's one-hot example: the sum of the one-hot vectors of "the", "cat", "sat" is [1, 1, 0, 1].
ONEHOT_WORD2INDEX = {"cat": 0, "the": 1, "dog": 2, "sat": 3}

WEIGHTS_0_1 = np.array(
    [
        [0.1, -0.2, 0.05],
        [-0.3, 0.1, 0.2],
        [0.4, 0.3, -0.1],
        [0.0, 0.2, -0.2],
        [0.1, 0.1, 0.1],
        [-0.5, -0.4, 0.3],
        [0.05, 0.0, -0.05],
        [0.2, -0.1, 0.0],
    ]
)
WEIGHTS_1_2 = np.array([[0.3], [-0.2], [0.5]])
OUTPUT_WEIGHTS = np.array(
    [
        [0.2, 0.1, -0.1],
        [0.0, -0.3, 0.2],
        [0.4, 0.2, 0.1],
        [-0.1, 0.3, 0.0],
        [0.1, -0.1, 0.3],
        [0.3, 0.0, -0.2],
        [-0.2, 0.1, 0.1],
        [0.0, 0.2, -0.3],
    ]
)
# Fill in the blank: "the plot ___ dry, acting" with its two words on each side; "was" is the true word,
# "great" and "terrible" the negative samples.
CONTEXT, TARGET_SAMPLES = [6, 4, 1, 0], [7, 2, 5]

# A toy embedding with one long vector ("the", as frequent words have): the book's analogy, which stretches
# every row by its squared length, answers "the" to king − man + woman; with normalised rows it is "queen".
TOY_WORDS = ["man", "woman", "king", "queen", "the", "movie"]
TOY_EMBEDDING = np.array(
    [
        [0.1, 1.0, 0.2],
        [0.1, -1.0, 0.2],
        [1.0, 0.9, 0.1],
        [1.0, -0.9, 0.1],
        [0.3, 0.0, 3.0],
        [0.2, 0.1, 1.5],
    ]
)


# Cases: what the hidden checks call, drawn from each exercise's own generator.

WORD_POOL = (
    "a acting actor actress and awful bad beautiful boring brilliant camera cast dry dull film funny good great "
    "horrible i is it movie music not of plot popcorn scene script terrible the this was wonderful worst"
).split()


def _vocabulary(rng, size):
    words = rng.choice(WORD_POOL, size, replace=False)
    return {str(word): int(index) for word, index in zip(words, rng.permutation(size))}


def _review(rng, length, known=None, unknown=("zzz", "popcorn!", "xyzzy")):
    pool = list(known if known is not None else WORD_POOL) + list(unknown)
    return [str(word) for word in rng.choice(pool, length)]


def _review_x(rng, vocabulary_size, length):
    """``length`` distinct word indices below ``vocabulary_size``, in no particular order."""
    return [int(i) for i in rng.choice(vocabulary_size, length, replace=False)]


def _alpha(rng):
    return kit.number(rng, 0.05, 0.5, digits=2)


def _sentiment_cases(rng, with_label):
    cases = []
    for vocabulary_size, hidden_size, length, label in [
        (10, 4, 5, "10 words, 4 hidden units"),
        (6, 2, 6, "every word of the vocabulary"),
        (30, 7, 12, "30 words, 7 hidden units"),
        (5, 3, 1, "a one-word review"),
        (5, 3, 0, "a review with no known words"),
    ]:
        args = (_review_x(rng, vocabulary_size, length),)
        if with_label:
            args += (int(rng.integers(0, 2)),)
        args += (kit.uniform(rng, vocabulary_size, hidden_size), kit.uniform(rng, hidden_size, 1))
        if with_label:
            args += (_alpha(rng),)
        cases.append(Case(args, label=label))
    return cases


def _embedding(rng, vocabulary_size, hidden_size):
    """Rows of very different lengths, as frequent and rare words have."""
    return np.round(rng.normal(size=(vocabulary_size, hidden_size)) * rng.uniform(0.1, 3, (vocabulary_size, 1)), 3)


def review_indices_cases(rng):
    vocabulary = _vocabulary(rng, 12)
    small = _vocabulary(rng, 4)
    return [
        Case((_review(rng, 25, known=vocabulary), vocabulary), label="repeated and unknown words"),
        Case((_review(rng, 40), _vocabulary(rng, 30)), label="a large vocabulary"),
        Case(([], vocabulary), label="an empty review"),
        Case((["zzz", "xyzzy"], small), label="no known words"),
        Case((tokenize("The worst film. The WORST!"), {"worst": 17, "the": 3, "film": 250}), label="large indices"),
    ]


def predict_sentiment_cases(rng):
    return _sentiment_cases(rng, with_label=False)


def sentiment_step_cases(rng):
    return _sentiment_cases(rng, with_label=True)


def similar_cases(rng):
    return [
        Case((3, _embedding(rng, 12, 4), 5), label="12 words, 5 nearest"),
        Case((0, _embedding(rng, 30, 6), 10), label="30 words, 10 nearest"),
        Case((7, _embedding(rng, 8, 2), 8), label="every word, ranked"),
        Case((2, _embedding(rng, 5, 3), 1), label="the nearest only"),
        Case((0, _embedding(rng, 1, 4), 1), label="a vocabulary of one word"),
    ]


def negative_sampling_step_cases(rng):
    cases = []
    for vocabulary_size, hidden_size, context_size, samples, label in [
        (12, 4, 4, 6, "2 words each side, 5 negative samples"),
        (20, 5, 3, 3, "a context cut short by the end of the review"),
        (8, 3, 1, 2, "one context word, one negative sample"),
        (30, 6, 4, 8, "30 words, 7 negative samples"),
    ]:
        context = _review_x(rng, vocabulary_size, context_size)
        target_samples = _review_x(rng, vocabulary_size, samples)
        weights = (kit.uniform(rng, vocabulary_size, hidden_size), kit.uniform(rng, vocabulary_size, hidden_size))
        cases.append(Case((context, target_samples, *weights, _alpha(rng)), label=label))
    return cases


def analogy_cases(rng):
    words = _review_x(rng, 15, 3)
    four = _review_x(rng, 20, 4)
    return [
        Case(([words[0], words[2]], [words[1]], _embedding(rng, 15, 4), 5), label="a − b + c in 15 words"),
        Case((four[:2], four[2:], _embedding(rng, 20, 5), 8), label="two positive, two negative words"),
        Case(([4, 1], [], _embedding(rng, 10, 3), 3), label="no negative word"),
        Case(([2, 0], [5], _embedding(rng, 7, 2), 4), label="every candidate, ranked"),
    ]


# Mistakes: one wrong implementation per mistake, a named function with the exercise's own signature.

DUPLICATES_KEPT = Mistake(
    "a word counted once per occurrence",
    "The input is the *set* of the review's words: each known word's index appears once, however often the word does.",
)
UNKNOWN_NOT_SKIPPED = Mistake(
    "unknown words not skipped",
    "Words that are not in word2index have no row in the embedding: leave them out (`if word in word2index`).",
)
NOT_SORTED = Mistake(
    "indices not sorted",
    "A set has no order of its own: return the indices in increasing order, e.g. with sorted(...).",
)
MEAN_NOT_SUM = Mistake(
    "mean of the rows instead of their sum",
    "The embedding layer is a one-hot vector times weights_0_1: the sum of the review's rows, not their average.",
)
HIDDEN_SIGMOID_MISSING = Mistake("no sigmoid on the hidden layer", "layer_1 is the sigmoid of the summed rows.")
OUTPUT_SIGMOID_MISSING = Mistake(
    "no sigmoid on the output", "layer_2 is the sigmoid of layer_1 · weights_1_2: a probability."
)
OTHER_ROWS_UPDATED = Mistake(
    "embedding rows updated for words not in the input",
    "Only the rows that took part in the prediction get a gradient: update weights_0_1[x] (or weights_0_1[context]), "
    "not the whole matrix.",
)
SIGN_OF_ERROR_FLIPPED = Mistake(
    "sign of the error flipped",
    "The weights moved away from the target: the delta is prediction − truth (layer_2 − y), "
    "and the update subtracts it.",
)
WEIGHT_CHANGE_ALPHA_FORGOTTEN = ALPHA_FORGOTTEN.hinted("Each weight change is scaled by the learning rate alpha.")
BOOKS_MISSING_DERIVATIVE = Mistake(
    "sigmoid derivative of the hidden layer left out",
    "layer_1 went through a sigmoid, so its delta is multiplied by layer_1 * (1 - layer_1). "
    "The book's listing leaves this factor out; the lesson's gradient keeps it.",
)
NOT_IN_PLACE = Mistake(
    "weights not changed in place",
    "Some weights are unchanged after your step. `weights = weights - ...` and `rows = weights[x]; rows -= ...` "
    "both change a new array (indexing with a list copies the rows), not the one you were given: "
    "update through the indexing itself, `weights_0_1[x] -= ...`, and `weights_1_2 -= ...`.",
)
OUTPUT_UPDATED_FIRST = Mistake(
    "weights_1_2 changed before layer_1_delta was computed",
    "Compute both deltas with the weights that made the prediction, then update.",
)
SUM_NOT_MEAN = Mistake(
    "sum of the context rows instead of their mean",
    "Fill in the blank averages the context words' rows: np.mean(weights_0_1[context], axis=0).",
)
SIMILARITY_UNNORMALISED = Mistake(
    "similarity without normalisation",
    "A dot product grows with the vectors' lengths, so long (frequent) words look similar to everything: "
    "divide every row by its length first, so each score is a cosine between -1 and 1.",
)
LEAST_SIMILAR_FIRST = Mistake("least similar first", "Sort from the largest similarity to the smallest.")
BOOKS_EUCLIDEAN_SIMILARITY = Mistake(
    "the book's Euclidean similarity",
    "The book scores a word by minus its Euclidean distance to the target, which ranks long (frequent) words by "
    "their length as much as by their direction. This lesson compares directions: the cosine similarity of the "
    "normalised rows, normed.dot(normed[target_index]).",
)
SAMPLE_LABELS_SWAPPED = Mistake(
    "labels swapped in negative sampling",
    "target_samples[0] is the word that fills the blank, so its label is 1; the negative samples after it are "
    "labelled 0: layer_2_target = np.zeros(len(target_samples)); layer_2_target[0] = 1.",
)
ANALOGY_UNNORMALISED = Mistake(
    "analogy without normalisation",
    "Add and subtract the *normalised* rows (each divided by its length), and compare with normalised rows: "
    "otherwise the longest vectors decide the answer.",
)
BOOKS_ANALOGY = Mistake(
    "rows multiplied by their squared length (the book's analogy)",
    "The book's analogy computes norms as sums of squares and multiplies by them. Normalising divides each row by "
    "its length, np.sqrt of that sum.",
)
QUERY_WORDS_KEPT = Mistake(
    "the query's own words not excluded",
    "king, man and woman themselves are not answers to king − man + woman: leave the query's words out.",
)
QUERY_UNNORMALISED = Mistake(
    "query vector not normalised",
    "The ranking is right but the scores are not cosines: divide by the query's length too.",
)


def review_indices_unknown_not_skipped(words, word2index):
    return sorted({word2index[word] for word in words})


def review_indices_sorted_with_duplicates(words, word2index):
    return sorted(word2index[word] for word in words if word in word2index)


def review_indices_with_duplicates(words, word2index):
    return [word2index[word] for word in words if word in word2index]


def review_indices_in_order_of_appearance(words, word2index):
    return list(dict.fromkeys(word2index[word] for word in words if word in word2index))


def review_indices_in_set_order(words, word2index):
    return list({word2index[word] for word in words if word in word2index})


def predict_sentiment_from_mean(x, weights_0_1, weights_1_2):
    layer_1 = answers.sigmoid(np.sum(weights_0_1[x], axis=0) / max(len(x), 1))
    return layer_1, answers.sigmoid(layer_1.dot(weights_1_2))


def predict_sentiment_hidden_sigmoid_missing(x, weights_0_1, weights_1_2):
    layer_1 = np.sum(weights_0_1[x], axis=0)
    return layer_1, answers.sigmoid(layer_1.dot(weights_1_2))


def predict_sentiment_output_sigmoid_missing(x, weights_0_1, weights_1_2):
    layer_1 = answers.sigmoid(np.sum(weights_0_1[x], axis=0))
    return layer_1, layer_1.dot(weights_1_2)


def _sentiment_step(
    x,
    y,
    weights_0_1,
    weights_1_2,
    alpha,
    *,
    error_sign=1,
    alpha_used=True,
    derivative=True,
    rows="review",
    output_updated=True,
    output_first=False,
):
    """The lesson's sentiment step with one thing done wrong: the error's sign, alpha, the hidden derivative,
    which rows change (``"review"``, ``"all"`` or ``"none"``), whether and when ``weights_1_2`` changes."""
    layer_1, layer_2 = answers.predict_sentiment(x, weights_0_1, weights_1_2)
    rate = alpha if alpha_used else 1
    layer_2_delta = (layer_2 - y) * error_sign
    if output_first:
        weights_1_2 -= np.outer(layer_1, layer_2_delta) * rate
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * (layer_1 * (1 - layer_1) if derivative else 1)
    if rows == "review":
        weights_0_1[x] -= layer_1_delta * rate
    elif rows == "all":
        weights_0_1 -= layer_1_delta * rate
    if output_updated and not output_first:
        weights_1_2 -= np.outer(layer_1, layer_2_delta) * rate
    return layer_2


def sentiment_step_all_rows_updated(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, rows="all")


def sentiment_step_error_sign_flipped(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, error_sign=-1)


def sentiment_step_alpha_forgotten(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, alpha_used=False)


def sentiment_step_without_hidden_derivative(x, y, weights_0_1, weights_1_2, alpha):
    """The book's step: the hidden layer's delta without its sigmoid's derivative."""
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, derivative=False)


def sentiment_step_weights_1_2_not_in_place(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, output_updated=False)


def sentiment_step_rows_not_in_place(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, rows="none")


def sentiment_step_nothing_in_place(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, rows="none", output_updated=False)


def sentiment_step_output_updated_first(x, y, weights_0_1, weights_1_2, alpha):
    return _sentiment_step(x, y, weights_0_1, weights_1_2, alpha, output_first=True)


def _normalised(weights):
    return weights / np.linalg.norm(weights, axis=1, keepdims=True)


def similar_by_dot_product(target_index, weights, n):
    similarities = weights.dot(weights[target_index])
    nearest = np.argsort(-similarities)[:n]
    return nearest, similarities[nearest]


def similar_by_the_books_euclidean_distance(target_index, weights, n):
    scores = -np.sqrt(np.sum((weights - weights[target_index]) ** 2, axis=1))
    nearest = np.argsort(-scores)[:n]
    return nearest, scores[nearest]


def similar_least_first(target_index, weights, n):
    normed = _normalised(weights)
    similarities = normed.dot(normed[target_index])
    nearest = np.argsort(similarities)[:n]
    return nearest, similarities[nearest]


def _negative_sampling_step(
    context,
    target_samples,
    weights_0_1,
    weights_1_2,
    alpha,
    *,
    error_sign=1,
    alpha_used=True,
    rows="context",
    average=True,
    output_updated=True,
    output_first=False,
):
    """The lesson's fill-in-the-blank step with one thing done wrong: the error's sign, alpha, mean or sum of the
    context, which rows change (``"context"``, ``"all"`` or ``"none"``), whether and when ``weights_1_2`` changes."""
    rows_used = weights_0_1[context]
    layer_1 = np.mean(rows_used, axis=0) if average else np.sum(rows_used, axis=0)
    layer_2 = answers.sigmoid(layer_1.dot(weights_1_2[target_samples].T))
    layer_2_target = np.zeros(len(target_samples))
    layer_2_target[0] = 1
    layer_2_delta = (layer_2 - layer_2_target) * error_sign
    rate = alpha if alpha_used else 1
    if output_first:
        weights_1_2[target_samples] -= np.outer(layer_2_delta, layer_1) * rate
    layer_1_delta = layer_2_delta.dot(weights_1_2[target_samples])
    if rows == "context":
        weights_0_1[context] -= layer_1_delta * rate
    elif rows == "all":
        weights_0_1 -= layer_1_delta * rate
    if output_updated and not output_first:
        weights_1_2[target_samples] -= np.outer(layer_2_delta, layer_1) * rate
    return layer_2


def negative_sampling_step_all_rows_updated(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, rows="all")


def negative_sampling_step_error_sign_flipped(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, error_sign=-1)


def negative_sampling_step_labels_swapped(context, target_samples, weights_0_1, weights_1_2, alpha):
    layer_1 = np.mean(weights_0_1[context], axis=0)
    layer_2 = answers.sigmoid(layer_1.dot(weights_1_2[target_samples].T))
    layer_2_target = np.ones(len(target_samples))
    layer_2_target[0] = 0
    layer_2_delta = layer_2 - layer_2_target
    layer_1_delta = layer_2_delta.dot(weights_1_2[target_samples])
    weights_0_1[context] -= layer_1_delta * alpha
    weights_1_2[target_samples] -= np.outer(layer_2_delta, layer_1) * alpha
    return layer_2


def negative_sampling_step_alpha_forgotten(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, alpha_used=False)


def negative_sampling_step_context_summed(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, average=False)


def negative_sampling_step_weights_1_2_not_in_place(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, output_updated=False)


def negative_sampling_step_rows_not_in_place(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, rows="none")


def negative_sampling_step_nothing_in_place(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(
        context, target_samples, weights_0_1, weights_1_2, alpha, rows="none", output_updated=False
    )


def negative_sampling_step_output_updated_first(context, target_samples, weights_0_1, weights_1_2, alpha):
    return _negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha, output_first=True)


def _raw(weights):
    return weights


def _stretched(weights):
    """Every row multiplied by its squared length, as the book's analogy does."""
    return weights * np.sum(weights * weights, axis=1, keepdims=True)


def _analogy(
    positive,
    negative,
    weights,
    n,
    *,
    query_rows=_normalised,
    score_rows=_normalised,
    exclude=True,
    query_normalised=True,
):
    """The lesson's analogy with one thing done wrong: the rows the query is built from, the rows it is compared
    with, whether the query's words are left out, whether the scores are divided by the query's length."""
    built, compared = query_rows(weights), score_rows(weights)
    query = built[positive].sum(axis=0) - built[negative].sum(axis=0)
    similarities = compared.dot(query) / (np.linalg.norm(query) if query_normalised else 1)
    excluded = list(positive) + list(negative) if exclude else []
    candidates = np.setdiff1d(np.arange(len(weights)), excluded)
    nearest = candidates[np.argsort(-similarities[candidates])[:n]]
    return nearest, similarities[nearest]


def analogy_as_in_the_book(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, query_rows=_stretched, score_rows=_stretched)


def analogy_query_from_stretched_rows(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, query_rows=_stretched)


def analogy_query_from_raw_rows(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, query_rows=_raw)


def analogy_unnormalised(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, query_rows=_raw, score_rows=_raw)


def analogy_scored_by_dot_product(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, score_rows=_raw)


def analogy_query_words_kept(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, exclude=False)


def analogy_query_unnormalised(positive, negative, weights, n):
    return _analogy(positive, negative, weights, n, query_normalised=False)


# Exercises.


def _earlier(module, exercise_id):
    """An earlier lesson's exercise, asked again in this lesson."""
    return next(e for e in module.EXERCISES if e.id == exercise_id).carried_over("embeddings")


EXERCISES = [
    Exercise(
        id="embeddings.review_indices",
        function="review_indices",
        returns="list",
        visible=[
            Case((tokenize(REVIEW), WORD2INDEX), REVIEW_X, "the book's imitation review"),
            Case((["the", "cat", "sat"], ONEHOT_WORD2INDEX), [0, 1, 3], "the cat sat"),
            Case((tokenize("The plot: dry. The acting: dry."), WORD2INDEX), [0, 1, 4, 6], "repeated words"),
        ],
        hidden=review_indices_cases,
        mistakes=[
            UNKNOWN_NOT_SKIPPED.via(review_indices_unknown_not_skipped),
            DUPLICATES_KEPT.via(review_indices_sorted_with_duplicates),
            DUPLICATES_KEPT.via(review_indices_with_duplicates),
            NOT_SORTED.via(review_indices_in_order_of_appearance),
            NOT_SORTED.via(review_indices_in_set_order),
        ],
    ),
    _earlier(real_data, "real_data.sigmoid"),
    Exercise(
        id="embeddings.predict_sentiment",
        function="predict_sentiment",
        returns=("array", "array"),
        visible=[
            Case((REVIEW_X, WEIGHTS_0_1, WEIGHTS_1_2), label="the imitation review"),
            Case(([2], WEIGHTS_0_1, WEIGHTS_1_2), label='the review "great"'),
        ],
        hidden=predict_sentiment_cases,
        mistakes=[
            MEAN_NOT_SUM.via(predict_sentiment_from_mean),
            HIDDEN_SIGMOID_MISSING.via(predict_sentiment_hidden_sigmoid_missing),
            OUTPUT_SIGMOID_MISSING.via(predict_sentiment_output_sigmoid_missing),
        ],
    ),
    Exercise(
        id="embeddings.sentiment_step",
        function="sentiment_step",
        returns=("array", "array", "array"),
        call=run_step_on_copies,
        visible=[
            Case((REVIEW_X, 0, WEIGHTS_0_1, WEIGHTS_1_2, 0.1), label="the imitation review, a negative one"),
            Case(([2, 4], 1, WEIGHTS_0_1, WEIGHTS_1_2, 0.1), label='the positive review "great plot"'),
        ],
        hidden=sentiment_step_cases,
        mistakes=[
            OTHER_ROWS_UPDATED.via(sentiment_step_all_rows_updated),
            SIGN_OF_ERROR_FLIPPED.via(sentiment_step_error_sign_flipped),
            WEIGHT_CHANGE_ALPHA_FORGOTTEN.via(sentiment_step_alpha_forgotten),
            BOOKS_MISSING_DERIVATIVE.via(sentiment_step_without_hidden_derivative),
            NOT_IN_PLACE.via(sentiment_step_weights_1_2_not_in_place),
            NOT_IN_PLACE.via(sentiment_step_rows_not_in_place),
            NOT_IN_PLACE.via(sentiment_step_nothing_in_place),
            OUTPUT_UPDATED_FIRST.via(sentiment_step_output_updated_first),
        ],
    ),
    Exercise(
        id="embeddings.similar",
        function="similar",
        returns=("array", "array"),
        visible=[
            Case((2, TOY_EMBEDDING, 3), label="the toy embedding, nearest to king"),
            Case((1, TOY_EMBEDDING, 6), label="the toy embedding, every word ranked from woman"),
        ],
        hidden=similar_cases,
        mistakes=[
            SIMILARITY_UNNORMALISED.via(similar_by_dot_product),
            LEAST_SIMILAR_FIRST.via(similar_least_first),
            BOOKS_EUCLIDEAN_SIMILARITY.via(similar_by_the_books_euclidean_distance),
        ],
    ),
    Exercise(
        id="embeddings.negative_sampling_step",
        function="negative_sampling_step",
        returns=("array", "array", "array"),
        call=run_step_on_copies,
        visible=[
            Case(
                (CONTEXT, TARGET_SAMPLES, WEIGHTS_0_1, OUTPUT_WEIGHTS, 0.5),
                label='"the plot ___ dry, acting": was, or great, or terrible?',
            ),
            Case(([3], [4, 0], WEIGHTS_0_1, OUTPUT_WEIGHTS, 0.5), label='"movie ___": plot, or acting?'),
        ],
        hidden=negative_sampling_step_cases,
        mistakes=[
            OTHER_ROWS_UPDATED.via(negative_sampling_step_all_rows_updated),
            SIGN_OF_ERROR_FLIPPED.via(negative_sampling_step_error_sign_flipped),
            SAMPLE_LABELS_SWAPPED.via(negative_sampling_step_labels_swapped),
            WEIGHT_CHANGE_ALPHA_FORGOTTEN.via(negative_sampling_step_alpha_forgotten),
            SUM_NOT_MEAN.via(negative_sampling_step_context_summed),
            NOT_IN_PLACE.via(negative_sampling_step_weights_1_2_not_in_place),
            NOT_IN_PLACE.via(negative_sampling_step_rows_not_in_place),
            NOT_IN_PLACE.via(negative_sampling_step_nothing_in_place),
            OUTPUT_UPDATED_FIRST.via(negative_sampling_step_output_updated_first),
        ],
    ),
    Exercise(
        id="embeddings.analogy",
        function="analogy",
        returns=("array", "array"),
        visible=[
            Case(([2, 1], [0], TOY_EMBEDDING, 3), label="king − man + woman in the toy embedding"),
            Case(([3, 0], [1], TOY_EMBEDDING, 2), label="queen − woman + man"),
        ],
        hidden=analogy_cases,
        mistakes=[
            BOOKS_ANALOGY.via(analogy_as_in_the_book),
            BOOKS_ANALOGY.via(analogy_query_from_stretched_rows),
            ANALOGY_UNNORMALISED.via(analogy_query_from_raw_rows),
            ANALOGY_UNNORMALISED.via(analogy_unnormalised),
            SIMILARITY_UNNORMALISED.via(analogy_scored_by_dot_product),
            QUERY_WORDS_KEPT.via(analogy_query_words_kept),
            QUERY_UNNORMALISED.via(analogy_query_unnormalised),
        ],
    ),
]
