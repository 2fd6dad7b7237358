"""How long one update of each widget of the course takes: what a student waits for after moving a control.

    python benchmarks/widgets.py [NAME ...]         # every widget, or those whose name contains a NAME
    python benchmarks/widgets.py --runs 9

Every widget has a function ``time_<lesson>_<widget>()`` here: it builds the widget on the references (the
solution notebooks' answers, standing in for the student's functions), outside the timing, and returns a
callable that performs one update (one control moved, the picture redrawn). The script runs each callable
once to warm up, then ``--runs`` times, and prints the median in milliseconds. The course's goal: every
update under a second on a 2-core machine. Preferably run with ``OMP_NUM_THREADS=1``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # widgets draw into PNG images; no window

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

GOAL_MS = 1000.0


def time_02_error_bowl() -> Callable[[], None]:
    """Lesson 02's error-bowl explorer: the alpha slider moves and the run is drawn again."""
    from grader.references.descent import gradient_descent_step
    from helpers.error_bowl import ErrorBowlExplorer

    explorer = ErrorBowlExplorer(gradient_descent_step)
    alphas = iter([0.05, 0.3] * 1000)  # alternate values: a slider set to its own value sends no change

    def update():
        explorer.alpha_slider.value = next(alphas)

    return update


def time_04_learning_rate() -> Callable[[], None]:
    """Lesson 04's learning-rate explorer at its 200 epochs: the learning rate moves, the unit trains again."""
    from grader.references.real_data import train
    from helpers.admissions import admissions_arrays
    from helpers.training_explorer import LearningRateExplorer

    explorer = LearningRateExplorer(train, *admissions_arrays(), learnrate=0.5, epochs=200)
    rates = iter([0.2, 0.5] * 1000)

    def update():
        explorer.controls["learnrate"].value = next(rates)

    return update


def time_05_streetlights() -> Callable[[], None]:
    """Lesson 05's streetlight explorer: the seed moves, the deep network trains its 60 passes again."""
    from grader.exercises.deep import DEEP_LIGHTS, DEEP_WALK_VS_STOP
    from grader.references.deep import forward, train
    from helpers.training_explorer import StreetlightExplorer

    explorer = StreetlightExplorer(train, forward, DEEP_LIGHTS, DEEP_WALK_VS_STOP)
    seeds = iter([2, 1] * 1000)

    def update():
        explorer.controls["seed"].value = next(seeds)

    return update


def time_06_hidden_layer() -> Callable[[], None]:
    """Lesson 06's hidden-layer explorer at the lesson's 900 epochs: the hidden units change, the network trains."""
    from grader.references.backprop import forward_pass, train
    from helpers.admissions import admissions_arrays
    from helpers.training_explorer import HiddenLayerExplorer

    explorer = HiddenLayerExplorer(train, forward_pass, *admissions_arrays(), n_hidden=2, learnrate=0.005, epochs=900)
    sizes = iter([4, 2] * 1000)

    def update():
        explorer.controls["n_hidden"].value = next(sizes)

    return update


def _mnist_rows(count: int, test_count: int):
    """The first ``count`` training and ``test_count`` test digits as rows of pixels in 0..1, labels one-hot."""
    import numpy as np

    from helpers.datasets import load_mnist

    (x_train, y_train), (x_test, y_test) = load_mnist()
    return (
        x_train[:count].reshape(count, -1) / 255,
        np.eye(10)[y_train[:count]],
        x_test[:test_count].reshape(test_count, -1) / 255,
        np.eye(10)[y_test[:test_count]],
    )


def time_09_regularisation() -> Callable[[], None]:
    """Lesson 09's explorer at its defaults (200 digits, batches of 10, 30 passes): dropout is switched, the
    network trains again and its curves are drawn."""
    from grader.exercises.regularisation import sgd_step
    from grader.references.regularisation import dropout_step, forward
    from helpers.mnist_network import RegularisationExplorer

    def predict(images, weights_0_1, weights_1_2):
        return forward(images, weights_0_1, weights_1_2)[1]

    explorer = RegularisationExplorer(sgd_step, dropout_step, predict, *_mnist_rows(200, 500))
    switches = iter([False, True] * 1000)

    def update():
        explorer.controls["dropout"].value = next(switches)

    return update


def time_10_activation() -> Callable[[], None]:
    """Lesson 10's explorer on 200 digits: the activation changes, its curves and the hidden layer's slopes are
    drawn again."""
    from grader.references import activations
    from helpers.mnist_network import ActivationExplorer

    functions = {
        "sigmoid": (activations.sigmoid, activations.sigmoid2deriv),
        "tanh": (activations.tanh, activations.tanh2deriv),
        "relu": (activations.relu, activations.relu2deriv),
    }
    explorer = ActivationExplorer(functions, _mnist_rows(200, 1)[0])
    choices = iter(["relu", "sigmoid", "tanh"] * 1000)

    def update():
        explorer.controls["activation"].value = next(choices)

    return update


def time_12_words() -> Callable[[], None]:
    """Lesson 12's word explorer on an embedding of the lesson's size (10,000 words × 50; random numbers stand in
    for trained ones, which take as long to search): a new analogy is asked and its answers drawn."""
    import numpy as np

    from grader.references.embeddings import analogy, similar
    from helpers.words import WordExplorer

    vocab = [f"word{index}" for index in range(10_000)]
    random = np.random.default_rng(0)
    embeddings = {"blanks": random.normal(size=(10_000, 50)), "sentiment": random.normal(size=(10_000, 100))}
    explorer = WordExplorer(similar, analogy, embeddings, vocab, query="word1 - word2 + word3")
    queries = iter(["word4 - word5 + word6", "word7"] * 1000)

    def update():
        explorer.controls["query"].value = next(queries)

    return update


def median_ms(update: Callable[[], None], runs: int) -> float:
    """The median duration of ``runs`` calls of ``update`` in milliseconds, after one call to warm up."""
    update()
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        update()
        durations.append(time.perf_counter() - started)
    return 1000 * statistics.median(durations)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="time only the widgets whose name contains one of these")
    parser.add_argument("--runs", type=int, default=5, help="timed updates per widget (default 5)")
    arguments = parser.parse_args(argv)
    timers = {
        name.removeprefix("time_"): function
        for name, function in globals().items()
        if name.startswith("time_") and callable(function)
    }
    chosen = [name for name in timers if not arguments.names or any(part in name for part in arguments.names)]
    slow = []
    for name in chosen:
        milliseconds = median_ms(timers[name](), arguments.runs)
        print(f"{name:<32} {milliseconds:8.1f} ms per update", flush=True)
        if milliseconds > GOAL_MS:
            slow.append(name)
    if slow:
        print(f"over {GOAL_MS:.0f} ms: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
