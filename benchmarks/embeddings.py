"""The book's word-embedding listings (lesson 12's source) beside the lesson's versions, on the same reviews.

Two races, each on reviews written to ``reviews.txt`` and ``labels.txt`` in the book's format (one review
per line, its words separated by spaces; ``positive``/``negative``), from the IMDB training reviews
shuffled with the lesson's seed:

* **Sentiment.** The book's listing (an embedding layer trained one review at a time, two passes, the last
  1,000 reviews held out) against the lesson's ``review_indices`` / ``sentiment_step`` / ``predict_sentiment``
  on the same reviews and the same vocabulary. Both do the same work per review, so they run about equally
  fast; the lesson's step also applies the hidden sigmoid's derivative, which the book's leaves out.
* **Filling in the blank.** The book's negative-sampling listing, one blank at a time, against the lesson's
  notebook code on the same reviews and vocabulary (every word) and as many blanks as the book asks (one
  per word, per pass): frequent words subsampled, blanks at random positions, 1,024 per batched step
  (``negative_sampling_batch``, taken from the solution notebook). The book's listing also calls its
  ``similar('terrible')`` every 250 reviews; that time is part of its run.

    python benchmarks/embeddings.py                          # 5,000 and 1,000 reviews
    python benchmarks/embeddings.py --reviews 25000 --blank-reviews 300

Run it with ``KERAS_HOME`` pointing at a Keras cache that holds ``datasets/aclImdb_v1.tar.gz``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from grader.lessons import notebook_path, read_notebook
from grader.references.embeddings import predict_sentiment, review_indices, sentiment_step, sigmoid
from helpers.datasets import load_imdb_reviews
from helpers.words import add_rows, tokenize

# The book's sentiment listing as printed, its two parts joined, with the indentation that the printed page
# lost restored; `iterations` is a placeholder.
BOOK_SENTIMENT_LISTING = """
import sys

f = open('reviews.txt')
raw_reviews = f.readlines()
f.close()

f = open('labels.txt')
raw_labels = f.readlines()
f.close()

tokens = list(map(lambda x:set(x.split(" ")), raw_reviews))

vocab = set()
for sent in tokens:
    for word in sent:
        if(len(word)>0):
            vocab.add(word)
vocab = list(vocab)

word2index = {}
for i,word in enumerate(vocab):
    word2index[word]=i

input_dataset = list()
for sent in tokens:
    sent_indices = list()
    for word in sent:
        try:
            sent_indices.append(word2index[word])
        except:
            ""
    input_dataset.append(list(set(sent_indices)))

target_dataset = list()
for label in raw_labels:
    if label == 'positive\\n':
        target_dataset.append(1)
    else:
        target_dataset.append(0)

import numpy as np
np.random.seed(1)

def sigmoid(x):
    return 1/(1 + np.exp(-x))

alpha, iterations = (0.01, ITERATIONS)
hidden_size = 100

weights_0_1 = 0.2*np.random.random((len(vocab),hidden_size)) - 0.1
weights_1_2 = 0.2*np.random.random((hidden_size,1)) - 0.1

correct,total = (0,0)
for iter in range(iterations):

    for i in range(len(input_dataset)-1000):

        x,y = (input_dataset[i],target_dataset[i])
        layer_1 = sigmoid(np.sum(weights_0_1[x],axis=0))
        layer_2 = sigmoid(np.dot(layer_1,weights_1_2))

        layer_2_delta = layer_2 - y
        layer_1_delta = layer_2_delta.dot(weights_1_2.T)

        weights_0_1[x] -= layer_1_delta * alpha
        weights_1_2 -= np.outer(layer_1,layer_2_delta) * alpha

        if(np.abs(layer_2_delta) < 0.5):
            correct += 1
        total += 1
        if(i % 10 == 9):
            progress = str(i/float(len(input_dataset)))
            sys.stdout.write('\\rIter:'+str(iter)\\
                             +' Progress:'+progress[2:4]\\
                             +'.'+progress[4:6]\\
                             +'% Training Accuracy:'\\
                             + str(correct/float(total)) + '%')
    print()
correct,total = (0,0)
for i in range(len(input_dataset)-1000,len(input_dataset)):

    x = input_dataset[i]
    y = target_dataset[i]

    layer_1 = sigmoid(np.sum(weights_0_1[x],axis=0))
    layer_2 = sigmoid(np.dot(layer_1,weights_1_2))

    if(np.abs(layer_2 - y) < 0.5):
        correct += 1
    total += 1
print("Test Accuracy:" + str(correct / float(total)))
"""

# The book's fill-in-the-blank listing as printed (chapter 11 of the book; the course's copy of the chapter
# stops before it); `iterations` is a placeholder.
BOOK_BLANKS_LISTING = """
import sys,random,math
from collections import Counter
import numpy as np

np.random.seed(1)
random.seed(1)
f = open('reviews.txt')
raw_reviews = f.readlines()
f.close()

tokens = list(map(lambda x:(x.split(" ")),raw_reviews))
wordcnt = Counter()
for sent in tokens:
    for word in sent:
        wordcnt[word] -= 1
vocab = list(set(map(lambda x:x[0],wordcnt.most_common())))

word2index = {}
for i,word in enumerate(vocab):
    word2index[word]=i

concatenated = list()
input_dataset = list()
for sent in tokens:
    sent_indices = list()
    for word in sent:
        try:
            sent_indices.append(word2index[word])
            concatenated.append(word2index[word])
        except:
            ""
    input_dataset.append(sent_indices)
concatenated = np.array(concatenated)
random.shuffle(input_dataset)

alpha, iterations = (0.05, ITERATIONS)
hidden_size,window,negative = (50,2,5)

weights_0_1 = (np.random.rand(len(vocab),hidden_size) - 0.5) * 0.2
weights_1_2 = np.random.rand(len(vocab),hidden_size)*0

layer_2_target = np.zeros(negative+1)
layer_2_target[0] = 1

def similar(target='beautiful'):
  target_index = word2index[target]

  scores = Counter()
  for word,index in word2index.items():
    raw_difference = weights_0_1[index] - (weights_0_1[target_index])
    squared_difference = raw_difference * raw_difference
    scores[word] = -math.sqrt(sum(squared_difference))
  return scores.most_common(10)

def sigmoid(x):
    return 1/(1 + np.exp(-x))

for rev_i,review in enumerate(input_dataset * iterations):
  for target_i in range(len(review)):

    # since it's really expensive to predict every vocabulary
    # we're only going to predict a random subset
    target_samples = [review[target_i]]+list(concatenated\\
    [(np.random.rand(negative)*len(concatenated)).astype('int').tolist()])

    left_context = review[max(0,target_i-window):target_i]
    right_context = review[target_i+1:min(len(review),target_i+window)]

    layer_1 = np.mean(weights_0_1[left_context+right_context],axis=0)
    layer_2 = sigmoid(layer_1.dot(weights_1_2[target_samples].T))
    layer_2_delta = layer_2 - layer_2_target
    layer_1_delta = layer_2_delta.dot(weights_1_2[target_samples])

    weights_0_1[left_context+right_context] -= layer_1_delta * alpha
    weights_1_2[target_samples] -= np.outer(layer_2_delta,layer_1)*alpha

  if(rev_i % 250 == 0):
    sys.stdout.write('\\rProgress:'+str(rev_i/float(len(input_dataset)
        *iterations)) + "   " + str(similar('terrible')))
  sys.stdout.write('\\rProgress:'+str(rev_i/float(len(input_dataset)
        *iterations)))
print(similar('terrible'))
"""


def write_book_files(folder: Path, n_reviews: int) -> tuple[list[str], list[int]]:
    """The first ``n_reviews`` shuffled training reviews as the book's reviews.txt and labels.txt; return the lines."""
    (texts, labels), _ = load_imdb_reviews()
    order = np.random.RandomState(0).permutation(len(texts))[:n_reviews]
    lines = [" ".join(tokenize(texts[i])) for i in order]
    chosen = [int(labels[i]) for i in order]
    (folder / "reviews.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    (folder / "labels.txt").write_text(
        "".join(("positive" if y else "negative") + "\n" for y in chosen), encoding="utf-8"
    )
    return lines, chosen


class Stopwatch:
    """Wall-clock and CPU seconds of a ``with`` block (CPU time is steadier on a machine shared with others)."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return False

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s ({self.cpu:.2f} s CPU)"


def run_book(listing: str, folder: Path, iterations: int) -> tuple[str, Stopwatch]:
    """Run a book listing in ``folder`` (where its files are); return what it printed and its times."""
    printed, here = io.StringIO(), os.getcwd()
    os.chdir(folder)
    try:
        with Stopwatch() as watch, contextlib.redirect_stdout(printed):
            exec(listing.replace("ITERATIONS", str(int(iterations))), {"__name__": "book_listing"})
        return printed.getvalue(), watch
    finally:
        os.chdir(here)


def run_lesson_sentiment(lines: list[str], labels: list[int], iterations: int) -> tuple[list[float], float, Stopwatch]:
    """The lesson's functions on the same reviews and vocabulary (every word): per-pass training accuracies,
    held-out accuracy, times."""
    with Stopwatch() as watch:
        training, held_out = _lesson_sentiment(lines, labels, iterations)
    return training, held_out, watch


def _lesson_sentiment(lines, labels, iterations):
    words = [tokenize(line) for line in lines]
    vocab = sorted({word for review in words for word in review})
    word2index = {word: index for index, word in enumerate(vocab)}
    input_dataset = [review_indices(review, word2index) for review in words]
    np.random.seed(1)
    alpha, hidden_size = 0.01, 100
    weights_0_1 = 0.2 * np.random.random((len(vocab), hidden_size)) - 0.1
    weights_1_2 = 0.2 * np.random.random((hidden_size, 1)) - 0.1
    n_train = len(input_dataset) - 1000
    training = []
    for _ in range(iterations):
        correct = 0
        for x, y in zip(input_dataset[:n_train], labels[:n_train]):
            correct += np.abs(sentiment_step(x, y, weights_0_1, weights_1_2, alpha)[0] - y) < 0.5
        training.append(correct / n_train)
    held_out = [
        np.abs(predict_sentiment(x, weights_0_1, weights_1_2)[1][0] - y) < 0.5
        for x, y in zip(input_dataset[n_train:], labels[n_train:])
    ]
    return training, float(np.mean(held_out))


def lesson_function(name: str):
    """The function ``name`` as the solution notebook of lesson 12 defines it (in a locked cell of its own)."""
    notebook = read_notebook(notebook_path("12-word-embeddings"))
    cells = [cell.source for cell in notebook.cells if f"def {name}(" in cell.source]
    if len(cells) != 1:
        raise LookupError(f"{len(cells)} cells of lesson 12 define {name}")
    namespace = {"np": np, "sigmoid": sigmoid, "add_rows": add_rows}
    exec(cells[0], namespace)
    return namespace[name]


def run_lesson_blanks(lines: list[str], n_blanks: int) -> Stopwatch:
    """The notebook's fill-in-the-blank training on the same words (the book's split), ``n_blanks`` of them: times."""
    negative_sampling_batch = lesson_function("negative_sampling_batch")
    with Stopwatch() as watch:
        _lesson_blanks(negative_sampling_batch, lines, n_blanks)
    return watch


def _lesson_blanks(negative_sampling_batch, lines, n_blanks, batch_size=1024):
    tokens = [line.split(" ") for line in lines]
    vocab = sorted({word for review in tokens for word in review})
    word2index = {word: index for index, word in enumerate(vocab)}
    rng = np.random.default_rng(1)
    stream = np.array([word2index[word] for review in tokens for word in review])
    frequency = np.bincount(stream, minlength=len(vocab)) / len(stream)
    keep = np.minimum(1, np.sqrt(1e-4 / frequency) + 1e-4 / frequency)
    subsampled = stream[rng.random(len(stream)) < keep[stream]]
    hidden_size, window, negative, alpha = 50, 2, 5, 0.05
    np.random.seed(1)
    weights_0_1 = (np.random.rand(len(vocab), hidden_size) - 0.5) * 0.2
    weights_1_2 = np.zeros((len(vocab), hidden_size))
    offsets = np.r_[-window:0, 1 : window + 1]
    blanks = rng.integers(window, len(subsampled) - window, n_blanks)
    for first in range(0, n_blanks, batch_size):
        positions = blanks[first : first + batch_size]
        contexts = subsampled[positions[:, None] + offsets]
        negatives = subsampled[rng.integers(0, len(subsampled), (len(positions), negative))]
        target_samples = np.column_stack([subsampled[positions], negatives])
        negative_sampling_batch(contexts, target_samples, weights_0_1, weights_1_2, alpha)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=5000, help="reviews for the sentiment race (default 5,000)")
    parser.add_argument(
        "--blank-reviews", type=int, default=1000, help="reviews for the fill-in-the-blank race (default 1,000)"
    )
    parser.add_argument("--iterations", type=int, default=1, help="passes of the fill-in-the-blank race (default 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="embeddings-benchmark-") as tmp:
        folder = Path(tmp)

        lines, labels = write_book_files(folder, args.reviews)
        printed, book = run_book(BOOK_SENTIMENT_LISTING, folder, 2)
        book_training = [
            float(a) for a in re.findall(r"Iter:\d+ Progress:[\d.]+% Training Accuracy:([\d.]+)%\n", printed)
        ]
        book_test = float(re.search(r"Test Accuracy:([\d.]+)", printed).group(1))
        training, held_out, lesson = run_lesson_sentiment(lines, labels, 2)
        print(f"Sentiment, {args.reviews:,} reviews ({args.reviews - 1000:,} to train on, 1,000 held out), 2 passes:")
        print(
            f"  book's listing: {book}   training accuracy (running, both passes) "
            f"{', '.join(f'{a:.3f}' for a in book_training)}; held out {book_test:.3f}"
        )
        print(
            f"  lesson:         {lesson}   training accuracy (per pass) "
            f"{', '.join(f'{a:.3f}' for a in training)}; held out {held_out:.3f}"
        )
        print(f"  ratio (book / lesson): {book.wall / lesson.wall:.2f} ({book.cpu / lesson.cpu:.2f} in CPU time)")

        lines, _ = write_book_files(folder, args.blank_reviews)
        printed, book = run_book(BOOK_BLANKS_LISTING, folder, args.iterations)
        blanks = sum(len(line.split(" ")) for line in lines) * args.iterations
        lesson = run_lesson_blanks(lines, blanks)
        print(f"Filling in the blank, {args.blank_reviews:,} reviews, {args.iterations} pass(es), {blanks:,} blanks:")
        print(f"  book's listing: {book}, {book.cpu / blanks * 1e6:.1f} µs CPU per blank")
        print(f"  lesson:         {lesson}, {lesson.cpu / blanks * 1e6:.1f} µs CPU per blank")
        print(f"  ratio (book / lesson): {book.wall / lesson.wall:.1f} ({book.cpu / lesson.cpu:.1f} in CPU time)")


if __name__ == "__main__":
    main()
