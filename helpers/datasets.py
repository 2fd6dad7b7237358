"""The data sets of the later lessons, loaded through Keras's own loaders.

``load_mnist()`` is ``keras.datasets.mnist.load_data()``; ``load_imdb_reviews()`` reads Stanford's
Large Movie Review Dataset through ``keras.utils.get_file``, the way Keras's text tutorials do. Both
download once into Keras's cache (``$KERAS_HOME/datasets``, by default ``~/.keras/datasets``). When
the file is neither there nor downloadable, they stop with :class:`DataUnavailable`, whose one-line
message says which file is missing and where it goes.

Keras needs a backend even to load data; this module picks JAX (CPU), the lightest one that also
computes gradients, unless ``KERAS_BACKEND`` says otherwise.
"""

from __future__ import annotations

import fcntl
import gzip
import json
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("KERAS_BACKEND", "jax")

MNIST_FILE = "mnist.npz"
MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
IMDB_FILE = "aclImdb_v1.tar.gz"
IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_CACHE = "aclImdb_reviews.json.gz"


class DataUnavailable(RuntimeError):
    """A data set is neither cached nor downloadable; the message says what to do."""

    def _render_traceback_(self) -> list[str]:
        # Jupyter shows the advice, not a traceback through Keras's downloader.
        return [f"DataUnavailable: {self}"]


def _import_keras():
    """Keras, imported without using up NumPy's global random numbers, so a seed set before loading holds."""
    state = np.random.get_state()
    import keras

    np.random.set_state(state)
    return keras


def keras_datasets_dir() -> Path:
    """The folder where Keras looks for (and downloads) data set files: ``$KERAS_HOME/datasets``."""
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras") / "datasets"


def _unavailable(file_name: str, url: str, error: Exception) -> DataUnavailable:
    folder = keras_datasets_dir()
    return DataUnavailable(
        f"{file_name} is not in {folder} and could not be downloaded ({type(error).__name__}). "
        f"Connect to the internet and run this cell again, or download {url} on another machine and put it "
        f"in {folder} (or set KERAS_HOME to a writable folder whose datasets/ holds it, before starting Jupyter)."
    )


def load_mnist() -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """``(x_train, y_train), (x_test, y_test)``: 60,000 and 10,000 28×28 uint8 digit images with their labels."""
    keras = _import_keras()

    try:
        return keras.datasets.mnist.load_data()
    except Exception as error:
        if (keras_datasets_dir() / MNIST_FILE).is_file():
            raise
        raise _unavailable(MNIST_FILE, MNIST_URL, error) from None


def _imdb_folder() -> Path:
    """The extracted ``aclImdb`` folder, extracting the archive only when it is not extracted yet."""
    keras = _import_keras()

    extracted = keras_datasets_dir() / f"{IMDB_FILE}_extracted"
    legacy = keras_datasets_dir() / "aclImdb_v1_extracted"
    for folder in (legacy, extracted):
        if (folder / "aclImdb" / "test" / "neg").is_dir():
            return folder / "aclImdb"
    try:
        path = keras.utils.get_file(IMDB_FILE, IMDB_URL, extract=True)
    except Exception as error:
        if (keras_datasets_dir() / IMDB_FILE).is_file():
            raise
        raise _unavailable(IMDB_FILE, IMDB_URL, error) from None
    return Path(path) / "aclImdb"


def _read_split(folder: Path) -> tuple[list[str], list[int]]:
    texts, labels = [], []
    for label, sentiment in ((0, "neg"), (1, "pos")):
        files = sorted((folder / sentiment).glob("*.txt"), key=lambda p: int(p.name.split("_")[0]))
        for path in files:
            texts.append(path.read_text(encoding="utf-8").replace("<br />", " "))
            labels.append(label)
    return texts, labels


def load_imdb_reviews() -> tuple[tuple[list[str], np.ndarray], tuple[list[str], np.ndarray]]:
    """``(train_texts, train_labels), (test_texts, test_labels)``: 25,000 + 25,000 reviews, label 1 = positive.

    Reviews are ordered negative then positive, by file id; ``<br />`` tags become spaces. The parsed
    reviews are cached beside the archive, so only the first call reads the 50,000 files.
    """
    cache = keras_datasets_dir() / IMDB_CACHE
    if not cache.is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        with open(cache.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # two kernels extracting the archive at once would collide
            if not cache.is_file():
                folder = _imdb_folder()
                parsed = {split: _read_split(folder / split) for split in ("train", "test")}
                partial = cache.with_suffix(".partial")
                with gzip.open(partial, "wt", encoding="utf-8") as out:
                    json.dump(parsed, out)
                partial.replace(cache)
    with gzip.open(cache, "rt", encoding="utf-8") as cached:
        parsed = json.load(cached)
    return tuple((texts, np.array(labels, dtype=np.int64)) for texts, labels in (parsed["train"], parsed["test"]))
