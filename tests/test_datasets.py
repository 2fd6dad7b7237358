"""Keras's real loaders, offline: from the shared cache files, or one clear message when there are none."""

import nbformat
import numpy as np
import pytest
from support import errors, execute, skip_without_data

from helpers.datasets import load_imdb_reviews, load_mnist


def test_mnist_loads_through_keras():
    skip_without_data("load_mnist(")
    (x_train, y_train), (x_test, y_test) = load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and set(np.unique(y_test)) == set(range(10))


def test_imdb_reviews_load_through_keras_and_are_cached():
    skip_without_data("load_imdb_reviews(")
    (train_texts, train_labels), (test_texts, test_labels) = load_imdb_reviews()
    assert len(train_texts) == len(test_texts) == 25000
    assert train_labels.sum() == test_labels.sum() == 12500
    assert "<br />" not in train_texts[0]
    again = load_imdb_reviews()
    assert again[0][0][:3] == train_texts[:3]


@pytest.mark.parametrize("load, file_name", [("load_mnist", "mnist.npz"), ("load_imdb_reviews", "aclImdb_v1.tar.gz")])
def test_without_data_or_network_the_loading_cell_shows_one_message_that_says_what_to_do(
    offline_keras_home, tmp_path, load, file_name
):
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(f"from helpers.datasets import {load}\n{load}()")]
    )
    path = tmp_path / "loading.ipynb"
    nbformat.write(notebook, path)
    [(_, error)] = errors(execute(path, allow_errors=True))
    assert error["ename"] == "DataUnavailable"
    message = error["evalue"]
    assert file_name in message and str(offline_keras_home / "datasets") in message
    assert "Connect to the internet" in message and "\n" not in message
    assert error["traceback"] == [f"DataUnavailable: {message}"]
