"""The reference implementations of 12-word-embeddings: its solution notebook's answers.

Generated from solutions/12-word-embeddings/12-word-embeddings.ipynb
by `python -m grader generate`: edit the notebook, not this file.
"""


import numpy as np


def review_indices(words, word2index):
    """The sorted distinct indices of the words of `words` that are in `word2index`."""
    indices = set()
    for word in words:
        if word in word2index:
            indices.add(word2index[word])
    return sorted(indices)


def sigmoid(x):
    """1 / (1 + e^(-x)), elementwise: x may be a number or an array (lesson 4)."""
    return 1 / (1 + np.exp(-x))


def predict_sentiment(x, weights_0_1, weights_1_2):
    """(layer_1, layer_2) for the review whose word indices are `x`."""
    layer_1 = sigmoid(np.sum(weights_0_1[x], axis=0))
    layer_2 = sigmoid(np.dot(layer_1, weights_1_2))
    return layer_1, layer_2


def sentiment_step(x, y, weights_0_1, weights_1_2, alpha):
    """Learn from one review in place; return the prediction made before learning."""
    layer_1, layer_2 = predict_sentiment(x, weights_0_1, weights_1_2)
    layer_2_delta = layer_2 - y
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * layer_1 * (1 - layer_1)
    weights_0_1[x] -= layer_1_delta * alpha
    weights_1_2 -= np.outer(layer_1, layer_2_delta) * alpha
    return layer_2


def similar(target_index, weights, n):
    """The n rows most similar to row target_index (cosine similarity), and their similarities."""
    normed = weights / np.linalg.norm(weights, axis=1, keepdims=True)
    similarities = normed.dot(normed[target_index])
    nearest = np.argsort(-similarities)[:n]
    return nearest, similarities[nearest]


def negative_sampling_step(context, target_samples, weights_0_1, weights_1_2, alpha):
    """One fill-in-the-blank step in place; return the probabilities predicted for target_samples."""
    layer_1 = np.mean(weights_0_1[context], axis=0)
    layer_2 = sigmoid(layer_1.dot(weights_1_2[target_samples].T))
    layer_2_target = np.zeros(len(target_samples))
    layer_2_target[0] = 1
    layer_2_delta = layer_2 - layer_2_target
    layer_1_delta = layer_2_delta.dot(weights_1_2[target_samples])
    weights_0_1[context] -= layer_1_delta * alpha
    weights_1_2[target_samples] -= np.outer(layer_2_delta, layer_1) * alpha
    return layer_2


def analogy(positive, negative, weights, n):
    """The n words nearest to sum(positive) - sum(negative) (normalised rows, cosine), leaving out the query's words."""
    normed = weights / np.linalg.norm(weights, axis=1, keepdims=True)
    query = normed[positive].sum(axis=0) - normed[negative].sum(axis=0)
    similarities = normed.dot(query) / np.linalg.norm(query)
    similarities[list(positive) + list(negative)] = -np.inf
    nearest = np.argsort(-similarities)[:n]
    return nearest, similarities[nearest]
