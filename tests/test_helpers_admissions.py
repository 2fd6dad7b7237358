"""The admissions data set: the file, its preparation (lesson 04's answer), the prepared arrays, its picture."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

from grader.adapters import IntegerColumnAssignment, NonNumericColumns, call_prepare
from grader.references.real_data import prepare_admissions
from helpers.admissions import FEATURES, admissions_arrays, data_file, load_admissions, plot_admissions

matplotlib.use("Agg")


def test_the_file_holds_the_400_applicants_of_the_original_course():
    admissions = load_admissions()
    assert list(admissions.columns) == ["admit", "gre", "gpa", "rank"]
    assert len(admissions) == 400 and admissions["admit"].sum() == 127
    assert admissions["rank"].value_counts().sort_index().tolist() == [61, 151, 121, 67]
    assert admissions.iloc[0].tolist() == [0, 380, 3.61, 3] and admissions.iloc[-1].tolist() == [0, 600, 3.89, 3]
    assert str(admissions["gre"].dtype) == "int64"  # the column that makes .loc[:, "gre"] = floats fail in pandas 3


def test_loading_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load_admissions()) == 400
    assert data_file("binary.csv").is_absolute()


def test_a_missing_file_is_named_with_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="binary.csv is missing: it should hold the 400 applicants"):
        load_admissions(tmp_path / "binary.csv")
    with pytest.raises(FileNotFoundError, match="nothing.csv is missing. It ships with the course .*`make lab`"):
        data_file("nothing.csv")


def test_preparation_makes_numeric_dummies_standardises_and_splits_90_10():
    admissions = load_admissions()
    before = admissions.copy()
    features, targets, features_test, targets_test = prepare_admissions(admissions)
    assert admissions.equals(before)
    assert list(features.columns) == FEATURES and list(features_test.columns) == FEATURES
    assert all(str(dtype) in ("int64", "float64") for dtype in features.dtypes)
    assert (features.shape, features_test.shape, targets.shape, targets_test.shape) == (
        (360, 6),
        (40, 6),
        (360,),
        (40,),
    )
    assert (
        set(features.index).isdisjoint(features_test.index)
        and len(set(features.index) | set(features_test.index)) == 400
    )
    assert (features[["rank_1", "rank_2", "rank_3", "rank_4"]].sum(axis=1) == 1).all()
    both = features.combine_first(features_test)
    np.testing.assert_allclose(both[["gre", "gpa"]].mean(), 0, atol=1e-12)
    np.testing.assert_allclose(both[["gre", "gpa"]].std(), 1, rtol=1e-12)
    assert features.index[:3].tolist() == [106, 9, 61]  # the order np.random.choice draws with seed 21


def test_other_seeds_give_other_splits():
    first = prepare_admissions(load_admissions(), seed=21)[0].index
    other = prepare_admissions(load_admissions(), seed=22)[0].index
    assert set(first) != set(other)


def test_admissions_arrays_are_the_prepared_tables_as_floats():
    X, y, X_test, y_test = admissions_arrays()
    features, targets, features_test, targets_test = prepare_admissions(load_admissions())
    assert X.dtype == y.dtype == np.float64
    np.testing.assert_array_equal(X, features.to_numpy(dtype=float))
    np.testing.assert_array_equal(y_test, targets_test.to_numpy(dtype=float))
    assert X_test.shape == (40, 6) and y.shape == (360,)


def test_plot_admissions_draws_one_panel_per_rank_with_every_applicant():
    figure = plot_admissions(load_admissions())
    assert len(figure.axes) == 4
    assert sum(len(collection.get_offsets()) for ax in figure.axes for collection in ax.collections) == 400
    assert [ax.get_title() for ax in figure.axes][0] == "rank 1: 54% admitted"
    assert [text.get_text() for text in figure.axes[-1].get_legend().get_texts()] == ["rejected", "admitted"]


COLUMNS = {
    "admit": [0, 1, 1, 0, 1],
    "gre": [380, 660, 800, 640, 520],
    "gpa": [3.61, 3.67, 4.0, 3.19, 2.93],
    "rank": [3, 3, 1, 4, 2],
}


def test_call_prepare_hands_over_a_fresh_table_and_returns_arrays():
    seen = []

    def prepare(admissions, seed=21):
        seen.append((admissions.copy(), seed))
        return prepare_admissions(admissions, seed)

    prepared = call_prepare(prepare, COLUMNS, 3)
    assert isinstance(seen[0][0], pd.DataFrame) and seen[0][1] == 3 and str(seen[0][0]["gre"].dtype) == "int64"
    assert [type(table) for table in prepared] == [np.ndarray] * 4
    assert prepared[0].shape == (4, 6) and prepared[2].shape == (1, 6)


def test_call_prepare_names_boolean_columns_and_the_pandas_integer_column_trap():
    def boolean_dummies(admissions):
        dummies = pd.get_dummies(admissions["rank"], prefix="rank")
        table = pd.concat([admissions.drop(columns="rank"), dummies], axis=1)
        return table.drop(columns="admit"), table["admit"], table.drop(columns="admit"), table["admit"]

    def loc_assignment(admissions):
        admissions.loc[:, "gre"] = admissions["gre"] / 800
        return prepare_admissions(admissions)

    with pytest.raises(
        NonNumericColumns, match="features has columns that are not numbers: rank_1, rank_2, rank_3, rank_4"
    ):
        call_prepare(boolean_dummies, COLUMNS)
    if int(pd.__version__.split(".")[0]) >= 3:
        with pytest.raises(IntegerColumnAssignment, match="data\\[field\\] = ..."):
            call_prepare(loc_assignment, COLUMNS)


def test_call_prepare_passes_other_results_and_errors_through():
    assert call_prepare(lambda admissions: None, COLUMNS) is None
    with pytest.raises(KeyError):
        call_prepare(lambda admissions: admissions["grade"], COLUMNS)
