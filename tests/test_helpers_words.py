import matplotlib
import numpy as np
import pytest

from helpers.words import add_rows, nearest_table, plot_words, tokenize

matplotlib.use("Agg")


def test_tokenize_lower_cases_and_keeps_words_digits_and_inner_apostrophes():
    assert tokenize("Don't miss it: 10/10!") == ["don't", "miss", "it", "10", "10"]
    words = ["the", "plot", "was", "dry", "the", "acting", "unconvincing"]
    assert tokenize("The plot was DRY, the acting 'unconvincing'.") == words
    assert tokenize("Café Noir — déjà vu") == ["café", "noir", "déjà", "vu"]
    assert tokenize("") == [] and tokenize("?!") == []


def test_add_rows_refuses_weights_it_cannot_update_through_a_flat_view():
    with pytest.raises(ValueError, match="C-contiguous"):
        add_rows(np.ones((3, 4)).T, [0], np.ones(3))


def test_nearest_table_has_one_column_per_query_with_words_and_scores_ranked_from_one():
    vocab = ["bad", "good", "great", "awful"]
    results = {"good": (np.array([1, 2]), np.array([1.0, 0.8123])), "bad": ([0, 3, 1], [1.0, 0.7, -0.25])}
    table = nearest_table(results, vocab)
    assert list(table.columns) == ["good", "bad"]
    assert list(table.index) == [1, 2, 3] and table.index.name == "rank"
    assert list(table["good"]) == ["good (1.00)", "great (0.81)", ""]
    assert list(table["bad"]) == ["bad (1.00)", "awful (0.70)", "good (-0.25)"]


def test_plot_words_labels_every_word_and_draws_one_arrow_per_pair():
    rng = np.random.default_rng(0)
    words = ["he", "she", "actor", "actress"]
    ax = plot_words(rng.normal(size=(4, 10)), words, pairs=[("he", "she"), ("actor", "actress")], title="pairs")
    texts = [text.get_text() for text in ax.texts]
    assert set(words) <= set(texts)
    assert sum(1 for text in ax.texts if getattr(text, "arrow_patch", None) is not None) == 2
    assert ax.get_title() == "pairs"


def test_plot_words_projects_on_the_directions_of_largest_spread():
    # Points that vary along one axis only end up spread along the plot's first axis.
    vectors = np.zeros((3, 5))
    vectors[:, 3] = [-1.0, 0.0, 1.0]
    ax = plot_words(vectors, ["a", "b", "c"])
    x = ax.collections[0].get_offsets()[:, 0]
    assert np.ptp(x) == pytest.approx(2.0)


def test_plot_words_puts_a_given_direction_on_the_horizontal_axis():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(4, 6))
    direction = np.array([0, 0, 2.0, 0, 0, 0])
    ax = plot_words(vectors, ["a", "b", "c", "d"], direction=direction, direction_label="along c")
    x = ax.collections[0].get_offsets()[:, 0]
    np.testing.assert_allclose(x, vectors[:, 2] - vectors[:, 2].mean())
    assert ax.get_xlabel() == "along c"


def test_plot_words_refuses_a_word_count_that_does_not_match():
    with pytest.raises(ValueError, match="3 vectors for 2 words"):
        plot_words(np.zeros((3, 2)), ["a", "b"])


@pytest.mark.parametrize(
    "indices_shape, updates_shape", [((6,), (6, 3)), ((4, 2), (4, 2, 3)), ((4, 2), (4, 1, 3)), ((5,), (3,))]
)
def test_add_rows_adds_every_update_like_np_add_at_even_to_rows_named_several_times(indices_shape, updates_shape):
    rng = np.random.default_rng(2)
    indices = rng.integers(0, 4, indices_shape)
    updates = rng.normal(size=updates_shape)
    expected, got = np.ones((4, 3)), np.ones((4, 3))
    np.add.at(expected, indices, updates)
    add_rows(got, indices, updates)
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    assert not np.allclose(got, np.ones((4, 3)))


# --- the word explorer -----------------------------------------------------------------------------------------


def test_a_query_is_read_as_the_words_added_and_the_words_subtracted():
    from helpers.words import parse_query

    assert parse_query("King − man + woman") == (["king", "woman"], ["man"])
    assert parse_query(" beautiful ") == (["beautiful"], [])
    for unreadable in ["", "a b", "+", "- man"]:
        with pytest.raises(ValueError):
            parse_query(unreadable)


def _cosine_similar(target_index, weights, n):
    normed = weights / np.linalg.norm(weights, axis=1, keepdims=True)
    similarities = normed @ normed[target_index]
    nearest = np.argsort(-similarities)[:n]
    return nearest, similarities[nearest]


def _cosine_analogy(positive, negative, weights, n):
    normed = weights / np.linalg.norm(weights, axis=1, keepdims=True)
    query = normed[positive].sum(axis=0) - normed[negative].sum(axis=0)
    similarities = normed @ query / np.linalg.norm(query)
    similarities[list(positive) + list(negative)] = -np.inf
    nearest = np.argsort(-similarities)[:n]
    return nearest, similarities[nearest]


def _word_explorer(similar=_cosine_similar, analogy=_cosine_analogy, **options):
    from helpers.words import WordExplorer

    vocab = ["king", "queen", "man", "woman", "good", "bad", "great", "awful"]
    rows = np.array([[1, 1, 0], [1, 0, 1], [0, 1, 0], [0, 0, 1], [0.2, 0, 0], [-0.2, 0, 0], [1, 0, 0], [-1, 0, 0.1]])
    embeddings = {"toy": rows + 0.01, "reversed": -rows[::-1] + 0.01}
    return WordExplorer(similar, analogy, embeddings, vocab, n=3, **options)


def test_the_word_explorer_answers_an_analogy_with_the_students_function_and_a_word_with_similar():
    explorer = _word_explorer()
    assert explorer.problem == "" and 'data-answer="queen"' in explorer.readout.value
    picture = explorer.plot.value
    explorer.controls["query"].value = "good"
    assert explorer.result["function"] == "similar" and explorer.plot.value != picture
    assert 4 not in explorer.result["indices"] and len(explorer.result["indices"]) == 3  # not "good" itself
    explorer.controls["embedding"].value = "reversed"
    assert explorer.result["embedding"] == "reversed"


def test_the_word_explorer_says_in_one_line_what_is_wrong_and_recovers():
    def unwritten(*args):
        raise NotImplementedError("analogy: replace this line with your code")

    explorer = _word_explorer(analogy=unwritten)
    assert explorer.problem.startswith("analogy is not written yet") and explorer.plot.layout.display == "none"
    explorer.controls["query"].value = "king"
    assert explorer.problem == "" and explorer.plot.layout.display is None
    explorer.controls["query"].value = "kingdom"
    assert explorer.problem == "'kingdom' is not in the vocabulary (words that occur 50 times or more)"
    explorer.student_similar = lambda target_index, weights, n: [target_index]
    explorer.controls["query"].value = "man"
    assert explorer.problem == "similar returned list: it returns (indices, similarities)"
