"""Lesson 08, picturing networks: the seed's streetlight network, plausible wrong answers, and correct variants."""

import contextlib
import copy
import io
import re
from functools import reduce

import nbformat
import numpy as np
import pytest
from support import SOLUTIONS, assert_named_mistake, assert_passes, notebook_path

from grader.compare import close
from grader.exercises import picturing

# The book's first deep network (lesson 6): seed 1, hidden size 4, and its forward pass of the first streetlight.
FIRST_DEEP_NETWORK = """
import numpy as np
np.random.seed(1)

def relu(x):
    return (x > 0) * x

alpha = 0.2
hidden_size = 4

streetlights = np.array( [[ 1,  0,  1 ],
                         [ 0,  1,  1 ],
                         [ 0,  0,  1 ],
                         [ 1,  1,  1 ] ] )

walk_vs_stop = np.array([[ 1,  1,  0,  0]]).T

weights_0_1 = 2*np.random.random((3,hidden_size)) - 1
weights_1_2 = 2*np.random.random((hidden_size,1)) - 1

layer_0 = streetlights[0]
layer_1 = relu(np.dot(layer_0,weights_0_1))
layer_2 = np.dot(layer_1,weights_1_2)
"""

# The book's lesson 7 writes that forward pass as one line.
ONE_LINE = "layer_2 = relu(layer_0.dot(weights_0_1)).dot(weights_1_2)"

# The errors the book's training loop prints every ten iterations.
PRINTED_ERRORS = [
    0.634231159844,
    0.358384076763,
    0.0830183113303,
    0.0064670549571,
    0.000329266900075,
    1.50556226651e-05,
]


def test_the_books_network_predicts_the_lessons_value_with_its_weights_and_in_one_line():
    namespace = {}
    exec(FIRST_DEEP_NETWORK, namespace)
    np.testing.assert_array_equal(namespace["weights_0_1"], picturing.WEIGHTS_0_1)
    np.testing.assert_array_equal(namespace["weights_1_2"], picturing.WEIGHTS_1_2)
    np.testing.assert_allclose(namespace["layer_2"], picturing.STREETLIGHT_PREDICTIONS[0], rtol=1e-12)
    by_steps = namespace["layer_2"]
    exec(ONE_LINE, namespace)
    np.testing.assert_allclose(namespace["layer_2"], by_steps, rtol=1e-12)
    batch = picturing.answers.two_layer_network(picturing.STREETLIGHTS, picturing.WEIGHTS_0_1, picturing.WEIGHTS_1_2)
    np.testing.assert_allclose(batch, picturing.STREETLIGHT_PREDICTIONS, rtol=1e-12)


def _code_cells(lesson_id):
    notebook = nbformat.read(notebook_path(lesson_id, SOLUTIONS), as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def _cell(lesson_id, grade_id):
    notebook = nbformat.read(notebook_path(lesson_id, SOLUTIONS), as_version=4)
    return next(cell.source for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def test_the_notebooks_training_loop_prints_the_books_errors_and_learns_the_streetlights():
    """Runs the notebook's own warm-up answers, set-up and training cells (no kernel): the numbers a student sees."""
    cells = _code_cells("08-picturing-networks")
    warm_ups = [_cell("08-picturing-networks", name) for name in ("relu", "relu2deriv")]
    setup = next(source for source in cells if "np.random.seed(1)" in source and "walk_vs_stop" in source)
    training = next(source for source in cells if "for iteration in range(60)" in source)
    namespace = {}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for answer in warm_ups:
            exec(answer, namespace)
        exec("import numpy as np\n" + setup.split("# draw_network")[0], namespace)
        exec(training, namespace)
    printed = [float(value) for value in re.findall(r"^Error: (\S+)$", output.getvalue(), re.MULTILINE)]
    np.testing.assert_allclose(printed, PRINTED_ERRORS, rtol=1e-10)
    predictions = picturing.answers.two_layer_network(
        namespace["streetlights"], namespace["weights_0_1"], namespace["weights_1_2"]
    )
    np.testing.assert_allclose(predictions.ravel(), [1, 1, 0, 0], atol=0.01)


def test_the_deeper_networks_weights_come_from_seed_1_in_order():
    np.random.seed(1)
    weights = [2 * np.random.random(shape) - 1 for shape in picturing.answers.weight_shapes([3, 4, 4, 1])]
    for drawn, declared in zip(weights, picturing.DEEP_WEIGHTS):
        np.testing.assert_array_equal(drawn, declared)
    np.testing.assert_array_equal(weights[0], picturing.WEIGHTS_0_1)


def test_without_relu_two_layers_collapse_into_one():
    l0, w0, w1 = picturing.STREETLIGHTS, picturing.WEIGHTS_0_1, picturing.WEIGHTS_1_2
    np.testing.assert_allclose(l0.dot(w0).dot(w1), l0.dot(w0.dot(w1)), rtol=1e-12)
    assert not np.allclose(picturing.answers.two_layer_network(l0, w0, w1), l0.dot(w0.dot(w1)))


def test_shapes_agree_with_real_arrays():
    for sizes, examples in (([3, 4, 1], None), ([784, 40, 10], 5), ([2, 3, 3, 6], 7)):
        weights = [np.zeros(shape) for shape in picturing.answers.weight_shapes(sizes)]
        layer_0 = np.zeros(sizes[0] if examples is None else (examples, sizes[0]))
        output = picturing.answers.deep_network(layer_0, weights)
        assert picturing.answers.output_shape(layer_0.shape, picturing.answers.weight_shapes(sizes)) == output.shape
        assert picturing.answers.count_weights(sizes) == sum(w.size for w in weights)


def _differs_somewhere(exercise, implementation):
    """True when ``implementation`` gives another answer than the reference (or raises) on some case."""
    for case in exercise.visible + exercise.hidden_cases():
        try:
            wrong = exercise.call(implementation, *copy.deepcopy(case.args))
        except Exception:
            return True
        if not close(wrong, exercise.expected(case), exercise.rtol, exercise.atol):
            return True
    return False


def _deep_relu_everywhere(layer_0, weights):
    layer = layer_0
    for matrix in weights:
        layer = picturing.answers.relu(layer.dot(matrix))
    return layer


def _deep_last_multiplication_forgotten(layer_0, weights):
    layer = layer_0
    for matrix in weights[:-1]:
        layer = picturing.answers.relu(layer.dot(matrix))
    return layer


WRONG_ANSWERS = [
    (
        "picturing.two_layer_network",
        "an extra axis",  # one streetlight made a batch of one: (1, outputs) where (outputs,) is due
        lambda layer_0, w01, w12: picturing.answers.two_layer_network(np.atleast_2d(layer_0), w01, w12),
    ),
    (
        "picturing.two_layer_network",
        "an axis missing",  # squeezed: (4,) where (4, 1) is due
        lambda layer_0, w01, w12: picturing.answers.two_layer_network(layer_0, w01, w12).squeeze(),
    ),
    (
        "picturing.two_layer_network",
        "np.max instead of np.maximum",
        lambda layer_0, w01, w12: np.max(layer_0.dot(w01), 0).dot(w12),
    ),
    ("picturing.relu", "Python's max on an array", lambda x: max(0, x)),
    ("picturing.relu", "the on/off mask instead of the values", lambda x: x > 0),
    ("picturing.relu", "absolute value instead of relu", lambda x: np.abs(x)),
    ("picturing.relu2deriv", "zero counted as on", lambda output: output >= 0),
    ("picturing.relu2deriv", "the values instead of the slope", lambda output: output),
    (
        "picturing.weight_shapes",
        "transposed weights",
        lambda sizes: [(sizes[i + 1], sizes[i]) for i in range(len(sizes) - 1)],
    ),
    ("picturing.count_weights", "all layer sizes multiplied", lambda sizes: int(np.prod(sizes))),
    ("picturing.count_weights", "layer sizes added", lambda sizes: sum(sizes)),
    (
        "picturing.output_shape",
        "one example given a batch axis",
        lambda shape, shapes: (1, shapes[-1][1]) if len(shape) == 1 else (shape[0], shapes[-1][1]),
    ),
    ("picturing.output_shape", "the batch axis dropped", lambda shape, shapes: (shapes[-1][1],)),
    (
        "picturing.output_shape",
        "rows of the weight matrix read as its outputs",
        lambda shape, shapes: (*shape[:-1], shapes[-1][0]),
    ),
    ("picturing.two_layer_network", "relu forgotten", lambda l0, w01, w12: l0.dot(w01).dot(w12)),
    (
        "picturing.two_layer_network",
        "relu applied to the output layer",
        lambda l0, w01, w12: picturing.answers.relu(picturing.answers.relu(l0.dot(w01)).dot(w12)),
    ),
    (
        "picturing.two_layer_network",
        "transposed weights",
        lambda l0, w01, w12: picturing.answers.relu(l0 @ w01.T) @ w12.T,
    ),
    (
        "picturing.two_layer_network",
        "layers applied in the wrong order",
        lambda l0, w01, w12: picturing.answers.relu(l0.dot(w12)).dot(w01),
    ),
    ("picturing.deep_network", "relu applied to the output layer", _deep_relu_everywhere),
    ("picturing.deep_network", "relu forgotten", lambda l0, weights: reduce(np.dot, weights, l0)),
    (
        "picturing.deep_network",
        "layers applied in the wrong order",
        lambda l0, weights: picturing.answers.deep_network(l0, list(reversed(weights))),
    ),
    ("picturing.deep_network", "a layer skipped", _deep_last_multiplication_forgotten),
    (
        "picturing.deep_network",
        "transposed weights",
        lambda l0, weights: picturing.answers.deep_network(l0, [w.T for w in weights]),
    ),
    (
        "picturing.skip_network",
        "the shortcut forgotten",
        lambda l0, w01, w12, w02: picturing.answers.relu(l0 @ w01) @ w12,
    ),
    (
        "picturing.skip_network",
        "relu on the shortcut",
        lambda l0, w01, w12, w02: picturing.answers.relu(l0 @ w01) @ w12 + picturing.answers.relu(l0 @ w02),
    ),
    (
        "picturing.skip_network",
        "relu applied to the output layer",
        lambda l0, w01, w12, w02: picturing.answers.relu(picturing.answers.relu(l0 @ w01) @ w12 + l0 @ w02),
    ),
    ("picturing.skip_network", "relu forgotten", lambda l0, w01, w12, w02: l0 @ w01 @ w12 + l0 @ w02),
]


@pytest.mark.parametrize("exercise_id, mistake, answer", WRONG_ANSWERS, ids=[f"{e}: {m}" for e, m, _ in WRONG_ANSWERS])
def test_plausible_wrong_answers_fail_with_the_named_mistake(exercise_id, mistake, answer):
    assert_named_mistake(exercise_id, mistake, answer)


def _deep_recursive(layer_0, weights):
    if len(weights) == 1:
        return layer_0 @ weights[0]
    return _deep_recursive(np.maximum(layer_0 @ weights[0], 0), weights[1:])


def _deep_indexed(layer_0, weights):
    layer = layer_0
    for i, matrix in enumerate(weights):
        layer = layer.dot(matrix)
        if i < len(weights) - 1:
            layer = picturing.answers.relu(layer)
    return layer


CORRECT_VARIANTS = [
    ("picturing.relu", lambda x: np.maximum(x, 0)),
    ("picturing.relu", lambda x: np.where(x > 0, x, 0.0)),
    ("picturing.relu2deriv", lambda output: (output > 0).astype(float)),
    ("picturing.weight_shapes", lambda sizes: list(zip(sizes[:-1], sizes[1:]))),
    ("picturing.weight_shapes", lambda sizes: [[a, b] for a, b in zip(sizes, sizes[1:])]),
    ("picturing.count_weights", lambda sizes: sum(a * b for a, b in zip(sizes, sizes[1:]))),
    ("picturing.count_weights", lambda sizes: int(np.dot(sizes[:-1], sizes[1:]))),
    ("picturing.output_shape", lambda shape, shapes: (*shape[:-1], shapes[-1][-1])),
    (
        "picturing.output_shape",
        lambda shape, shapes: reduce(lambda layer, s: layer.dot(np.zeros(s)), shapes, np.zeros(shape)).shape,
    ),
    ("picturing.two_layer_network", lambda l0, w01, w12: np.maximum(l0 @ w01, 0) @ w12),
    ("picturing.two_layer_network", lambda l0, w01, w12: np.dot(picturing.answers.relu(np.dot(l0, w01)), w12)),
    ("picturing.two_layer_network", lambda l0, w01, w12: (w12.T @ picturing.answers.relu(w01.T @ l0.T)).T),
    ("picturing.deep_network", _deep_recursive),
    ("picturing.deep_network", _deep_indexed),
    ("picturing.skip_network", lambda l0, w01, w12, w02: picturing.answers.two_layer_network(l0, w01, w12) + l0 @ w02),
    ("picturing.skip_network", lambda l0, w01, w12, w02: np.dot(np.maximum(np.dot(l0, w01), 0), w12) + np.dot(l0, w02)),
]


@pytest.mark.parametrize("exercise_id, answer", CORRECT_VARIANTS, ids=[e for e, _ in CORRECT_VARIANTS])
def test_correct_variants_pass_every_check(exercise_id, answer):
    assert_passes(exercise_id, answer)
