"""One indicator over a peer set: every statistic and score checked against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.compare import (
    BANDS,
    COMPARE_COLUMNS,
    NO_DATA,
    band_of,
    compare_indicator,
    compare_table,
    summarise,
)
from benchlearn.errors import BenchlearnError, UsageError

NAN = np.nan
BAND_DTYPE = pd.CategoricalDtype([*BANDS, NO_DATA])
# A=10, B=20, C=20 (tied with B), D missing, E=40.
CROSS_SECTION = pd.DataFrame({
    "entity_code": ["A", "B", "C", "D", "E"],
    "entity_name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"],
    "value": [10.0, 20.0, 20.0, NAN, 40.0],
    "status": ["final", "final", "final", "confidential", "preliminary"],
})
# Worked by hand for 10, 20, 20, 40: mean 22.5; deviations −12.5, −2.5, −2.5, 17.5 → Σ² = 475 →
# population sd = √(475/4) = √118.75; median 20; |x − 20| = 10, 0, 0, 20 → MAD = median(0, 0, 10, 20) = 5;
# p25 at position 0.75 → 10 + 0.75·10 = 17.5; p75 at position 2.25 → 20 + 0.25·20 = 25.
SD = math.sqrt(118.75)
PEERS = {"peer_n": 4, "peer_missing": 1, "peer_median": 20.0, "peer_mean": 22.5, "peer_mad": 5.0}


def expected(rows: list[tuple], status: list[str] | None = None) -> pd.DataFrame:
    """The expected table: rows give the first ten COMPARE_COLUMNS, the peer columns come from PEERS."""
    head = COMPARE_COLUMNS[:10]
    frame = pd.DataFrame(rows, columns=list(head))
    for column, value in PEERS.items():
        frame[column] = value
    frame["rank"] = frame["rank"].astype("Int64")
    frame["band"] = frame["band"].astype(BAND_DTYPE)
    frame[["peer_n", "peer_missing"]] = frame[["peer_n", "peer_missing"]].astype("int64")
    if status is not None:
        frame["status"] = status
    return frame


def test_higher_better_by_hand() -> None:
    summary, table = compare_indicator(CROSS_SECTION, "higher_better")
    assert summary == pytest.approx(
        {"n": 4, "missing": 1, "mean": 22.5, "median": 20.0, "p25": 17.5, "p75": 25.0, "min": 10.0,
         "max": 40.0, "sd": SD, "mad": 5.0, "best": 40.0}
    )
    # Percentile = share of the 3 other valued peers done at least as well as: E beats 3/3, B and C each
    # match or beat A and each other (2/3), A none. B and C tie for rank 2, so A is 4th.
    want = expected([
        ("E", "Epsilon", 40.0, 1, 100.0, 17.5 / SD, 4.0, "top", 20.0, 0.0),
        ("B", "Beta", 20.0, 2, 200 / 3, -2.5 / SD, 0.0, "upper_middle", 0.0, -20.0),
        ("C", "Gamma", 20.0, 2, 200 / 3, -2.5 / SD, 0.0, "upper_middle", 0.0, -20.0),
        ("A", "Alpha", 10.0, 4, 0.0, -12.5 / SD, -2.0, "bottom", -10.0, -30.0),
        ("D", "Delta", NAN, None, NAN, NAN, NAN, "no_data", NAN, NAN),
    ], status=["preliminary", "final", "final", "final", "confidential"])
    pd.testing.assert_frame_equal(table, want)


def test_lower_better_by_hand() -> None:
    summary, table = compare_indicator(CROSS_SECTION, "lower_better")
    assert summary["best"] == 10.0
    # Best is now the lowest value; z and mad_score keep the value's sign, gaps flip so positive = better.
    want = expected([
        ("A", "Alpha", 10.0, 1, 100.0, -12.5 / SD, -2.0, "top", 10.0, 0.0),
        ("B", "Beta", 20.0, 2, 200 / 3, -2.5 / SD, 0.0, "upper_middle", 0.0, -10.0),
        ("C", "Gamma", 20.0, 2, 200 / 3, -2.5 / SD, 0.0, "upper_middle", 0.0, -10.0),
        ("E", "Epsilon", 40.0, 4, 0.0, 17.5 / SD, 4.0, "bottom", -20.0, -30.0),
        ("D", "Delta", NAN, None, NAN, NAN, NAN, "no_data", NAN, NAN),
    ])
    pd.testing.assert_frame_equal(compare_table(CROSS_SECTION, "lower_better"), want)
    assert list(table.columns) == [*COMPARE_COLUMNS, "status"]
    # A tie under lower_better must not print as "-0.0".
    assert not np.signbit(table.loc[1:2, "gap_to_median"]).any()
    assert str(table.loc[1, "gap_to_median"]) == "0.0"


def test_neutral_ranks_by_value_descending_and_gaps_are_plain_differences() -> None:
    summary, table = compare_indicator(CROSS_SECTION, "neutral")
    assert summary["best"] == 40.0
    want = expected([
        ("E", "Epsilon", 40.0, 1, 100.0, 17.5 / SD, 4.0, "top", 20.0, 0.0),
        ("B", "Beta", 20.0, 2, 200 / 3, -2.5 / SD, 0.0, "upper_middle", 0.0, -20.0),
        ("C", "Gamma", 20.0, 2, 200 / 3, -2.5 / SD, 0.0, "upper_middle", 0.0, -20.0),
        ("A", "Alpha", 10.0, 4, 0.0, -12.5 / SD, -2.0, "bottom", -10.0, -30.0),
        ("D", "Delta", NAN, None, NAN, NAN, NAN, "no_data", NAN, NAN),
    ])
    pd.testing.assert_frame_equal(compare_table(CROSS_SECTION, "neutral"), want)


def test_all_missing_keeps_every_member_with_empty_scores() -> None:
    frame = CROSS_SECTION.assign(value=NAN)
    summary, table = compare_indicator(frame, "higher_better")
    assert summary["n"] == 0 and summary["missing"] == 5
    statistics = ("mean", "median", "p25", "p75", "min", "max", "sd", "mad", "best")
    assert all(math.isnan(summary[k]) for k in statistics)
    assert table["entity_code"].tolist() == ["A", "B", "C", "D", "E"]  # no rank: by code
    assert table["rank"].isna().all() and (table["band"] == NO_DATA).all()
    scores = ["percentile", "z", "mad_score", "gap_to_median", "gap_to_best", "peer_median", "peer_mean",
              "peer_mad"]
    assert table[scores].isna().all().all()
    assert (table["peer_n"] == 0).all() and (table["peer_missing"] == 5).all()


def test_mad_zero_gives_nan_not_inf() -> None:
    # 5, 5, 5, 9: median 5, |x − 5| = 0, 0, 0, 4 → MAD 0; sd = √3 (mean 6, squares 1, 1, 1, 9 → 12/4).
    frame = pd.DataFrame({"entity_code": list("ABCD"), "entity_name": list("abcd"),
                          "value": [5.0, 5.0, 5.0, 9.0]})
    summary, table = compare_indicator(frame, "higher_better")
    assert summary["mad"] == 0.0
    assert table["mad_score"].isna().all()
    assert not np.isinf(table[["z", "mad_score"]].to_numpy()).any()
    assert table.set_index("entity_code")["z"].to_dict() == pytest.approx(
        {"D": 3 / math.sqrt(3), "A": -1 / math.sqrt(3), "B": -1 / math.sqrt(3), "C": -1 / math.sqrt(3)})
    # Three-way tie below the best: rank 2 each, percentile 2/3 (they match the two other 5s, not the 9).
    assert table["rank"].tolist() == [1, 2, 2, 2]
    assert table["percentile"].tolist() == pytest.approx([100.0, 200 / 3, 200 / 3, 200 / 3])


def test_one_member() -> None:
    frame = pd.DataFrame({"entity_code": ["A", "B"], "entity_name": ["a", "b"], "value": [3.5, NAN]})
    summary, table = compare_indicator(frame, "lower_better")
    assert summary == pytest.approx({"n": 1, "missing": 1, "mean": 3.5, "median": 3.5, "p25": 3.5,
                                     "p75": 3.5, "min": 3.5, "max": 3.5, "sd": 0.0, "mad": 0.0, "best": 3.5})
    first = table.iloc[0]
    assert (first["entity_code"], first["rank"], first["percentile"], first["band"]) == ("A", 1, 100.0, "top")
    assert math.isnan(first["z"]) and math.isnan(first["mad_score"])  # sd = 0 and MAD = 0
    assert first["gap_to_median"] == 0.0 and first["gap_to_best"] == 0.0


def test_all_tied_share_rank_one_and_the_top_band() -> None:
    frame = pd.DataFrame({"entity_code": list("ABC"), "entity_name": list("abc"), "value": [7.0, 7.0, 7.0]})
    _, table = compare_indicator(frame, "higher_better")
    assert table["rank"].tolist() == [1, 1, 1]
    assert table["percentile"].tolist() == [100.0, 100.0, 100.0]
    assert table["z"].isna().all() and table["mad_score"].isna().all()


@pytest.mark.parametrize(
    ("percentiles", "bands"),
    [((100.0, 75.0, 74.99, 50.0, 49.99, 25.0, 24.99, 0.0),
      ("top", "top", "upper_middle", "upper_middle", "lower_middle", "lower_middle", "bottom", "bottom"))],
)
def test_band_edges(percentiles: tuple[float, ...], bands: tuple[str, ...]) -> None:
    assert band_of(pd.Series(percentiles + (NAN,))).tolist() == [*bands, NO_DATA]


def test_input_order_and_index_do_not_matter() -> None:
    shuffled = CROSS_SECTION.iloc[[4, 2, 0, 3, 1]].set_index(pd.Index([9, 8, 7, 6, 5]))
    want = compare_table(CROSS_SECTION, "higher_better")
    pd.testing.assert_frame_equal(compare_table(shuffled, "higher_better"), want)


def test_values_as_objects_with_none_are_read_as_missing() -> None:
    frame = CROSS_SECTION.assign(value=pd.Series([10, 20, 20, None, 40], dtype=object))
    want = compare_table(CROSS_SECTION, "higher_better")
    pd.testing.assert_frame_equal(compare_table(frame, "higher_better"), want)


def test_summary_is_plain_python_numbers() -> None:
    summary = summarise(CROSS_SECTION["value"], "higher_better")
    assert {type(v) for v in summary.values()} <= {int, float}


@pytest.mark.parametrize(
    ("frame", "polarity", "message"),
    [
        (CROSS_SECTION, "up_is_good",
         "unknown polarity 'up_is_good'; expected one of higher_better, lower_better, neutral"),
        (CROSS_SECTION.drop(columns=["entity_name"]), "higher_better",
         "the cross-section lacks the column(s) entity_name"),
        (pd.concat([CROSS_SECTION, CROSS_SECTION.iloc[[1]]]), "higher_better",
         "the cross-section has more than one row for B"),
    ],
)
def test_bad_input_is_a_clear_error(frame: pd.DataFrame, polarity: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        compare_indicator(frame, polarity)
    assert isinstance(caught.value, BenchlearnError) and caught.value.message == message
