"""Change over time and derived ratios, checked against values worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchlearn.compare import (
    AGGREGATE_LABELS,
    cagr,
    direction_of_travel,
    gap_to_median_over_time,
    group_aggregates,
    peer_band_over_time,
    period_changes,
    ratio_of_sums,
    ratio_values,
    years_between,
)
from benchlearn.errors import NotFoundError, UsageError

NAN = np.nan
# B has no 2020 row and D no 2019 row; C starts at 0.
ROWS = [
    ("A", "2019", 100.0), ("A", "2020", 110.0), ("A", "2021", 99.0),
    ("B", "2019", 50.0), ("B", "2021", 60.0),
    ("C", "2019", 0.0), ("C", "2020", 0.0), ("C", "2021", 5.0),
    ("D", "2020", -10.0), ("D", "2021", -20.0),
]
PANEL = pd.DataFrame(
    [(e, "x", p, float(p), v) for e, p, v in ROWS],
    columns=["entity_code", "indicator_code", "period", "period_key", "value"],
)


def test_period_changes_by_hand() -> None:
    got = period_changes(PANEL).set_index(["entity_code", "period"])
    want = pd.DataFrame(
        [
            # previous_period, previous_value, change, change_pct
            ("A", "2019", None, NAN, NAN, NAN),
            ("A", "2020", "2019", 100.0, 10.0, 10.0),
            ("A", "2021", "2020", 110.0, -11.0, -10.0),
            ("B", "2019", None, NAN, NAN, NAN),
            ("B", "2021", "2020", NAN, NAN, NAN),  # no 2020 value: no change, never a 2-year jump
            ("C", "2019", None, NAN, NAN, NAN),
            ("C", "2020", "2019", 0.0, 0.0, NAN),  # % of 0 is undefined
            ("C", "2021", "2020", 0.0, 5.0, NAN),
            ("D", "2020", "2019", NAN, NAN, NAN),
            ("D", "2021", "2020", -10.0, -10.0, -100.0),  # divided by |−10|: the sign is the change's
        ],
        columns=["entity_code", "period", "previous_period", "previous_value", "change", "change_pct"],
    ).set_index(["entity_code", "period"])
    got = got.loc[want.index, want.columns]
    pd.testing.assert_frame_equal(got, want.astype({"previous_period": got["previous_period"].dtype}))


@pytest.mark.parametrize(
    ("polarity", "words"),
    [
        ("higher_better",
         [NAN, "improving", "worsening", NAN, NAN, NAN, "stable", "improving", NAN, "worsening"]),
        ("lower_better",
         [NAN, "worsening", "improving", NAN, NAN, NAN, "stable", "worsening", NAN, "improving"]),
        ("neutral", [NAN, "up", "down", NAN, NAN, NAN, "stable", "up", NAN, "down"]),
    ],
)
def test_direction_of_travel_by_polarity(polarity: str, words: list) -> None:
    changes = period_changes(PANEL)
    got = direction_of_travel(changes["previous_value"], changes["value"], polarity)
    assert [None if pd.isna(w) else w for w in got] == [None if pd.isna(w) else w for w in words]


def test_stable_threshold_is_one_percent_of_the_previous_value() -> None:
    previous = pd.Series([100.0, 100.0, 100.0, -200.0, 0.0])
    current = pd.Series([100.5, 101.0, 99.0, -201.0, 0.0])
    got = direction_of_travel(previous, current, "higher_better").tolist()
    assert got == ["stable", "improving", "worsening", "stable", "stable"]
    assert direction_of_travel(previous, current, "higher_better", threshold=0.001).tolist()[0] == "improving"


def test_direction_takes_one_polarity_per_row() -> None:
    got = direction_of_travel(pd.Series([10.0, 10.0, 10.0]), pd.Series([20.0, 20.0, 20.0]),
                              pd.Series(["higher_better", "lower_better", "neutral"]))
    assert got.tolist() == ["improving", "worsening", "up"]


def test_cagr_by_hand() -> None:
    got = cagr(PANEL, "2019", "2021").set_index("entity_code")
    assert got["years"].unique().tolist() == [2.0]
    assert got.loc["A", "cagr"] == pytest.approx((99 / 100) ** 0.5 - 1)
    assert got.loc["B", "cagr"] == pytest.approx((60 / 50) ** 0.5 - 1)
    assert np.isnan(got.loc["C", "cagr"])  # starts at 0
    assert np.isnan(got.loc["D", "cagr"]) and np.isnan(got.loc["D", "first_value"])  # no 2019 value
    assert cagr(PANEL, "2019", "2021", years=4).set_index("entity_code").loc["B", "cagr"] == pytest.approx(
        1.2 ** 0.25 - 1)


def test_cagr_refuses_negative_values_and_bad_windows() -> None:
    assert cagr(PANEL, "2020", "2021").set_index("entity_code")["cagr"].isna().loc[["C", "D"]].all()
    with pytest.raises(UsageError, match="must run forward"):
        cagr(PANEL, "2021", "2019")
    with pytest.raises(NotFoundError, match="no period '2030'"):
        cagr(PANEL, "2019", "2030")


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [(2019.0, 2021.0, 2.0), (2016.5, 2019.5, 3.0), (2023.2, 2024.2, 1.0), (2023.4, 2024.1, 0.25),
     (2024.1, 2024.4, 0.75)],
)
def test_years_between_period_keys(first: float, last: float, years: float) -> None:
    assert years_between(first, last) == pytest.approx(years)


def test_peer_band_over_time_by_hand() -> None:
    got = peer_band_over_time(PANEL)
    want = pd.DataFrame({
        "indicator_code": ["x", "x", "x"], "period": ["2019", "2020", "2021"],
        "period_key": [2019.0, 2020.0, 2021.0],
        "n": [3, 3, 4],
        # 2019: 0, 50, 100; 2020: −10, 0, 110; 2021: −20, 5, 60, 99 (positions 0.75 and 2.25 for n = 4).
        "p25": [25.0, -5.0, -1.25], "median": [50.0, 0.0, 32.5], "p75": [75.0, 55.0, 69.75],
    })
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_gap_to_median_over_time_keeps_periods_without_a_value() -> None:
    got = gap_to_median_over_time(PANEL, "B", "lower_better")
    assert got["value"].tolist()[0] == 50.0 and np.isnan(got["value"].tolist()[1])
    np.testing.assert_allclose(got["gap_to_median"], [0.0, NAN, -(60.0 - 32.5)])
    with pytest.raises(NotFoundError, match="Z is not in the panel"):
        gap_to_median_over_time(PANEL, "Z", "higher_better")


def test_panel_duplicates_are_refused() -> None:
    with pytest.raises(UsageError, match="more than one row for A, x, 2019"):
        period_changes(pd.concat([PANEL, PANEL.iloc[[0]]]))


# Ratio parts: A 1/10, B 2/0, C ?/5, D 3/20, E 4/?; × 1 000.
PARTS = pd.DataFrame({"entity_code": list("ABCDE"), "numerator": [1.0, 2.0, NAN, 3.0, 4.0],
                      "denominator": [10.0, 0.0, 5.0, 20.0, NAN]})


def test_member_ratios() -> None:
    got = ratio_values(PARTS, 1000)
    np.testing.assert_allclose(got["value"], [100.0, NAN, NAN, 150.0, NAN])


def test_group_aggregates_are_labelled() -> None:
    # ratio_of_sums over A, B, D (both parts present): (1 + 2 + 3) / (10 + 0 + 20) × 1000 = 200.
    want = pd.DataFrame({
        "aggregate": ["ratio_of_sums", "median", "mean"],
        "label": [AGGREGATE_LABELS["ratio_of_sums"], AGGREGATE_LABELS["median"], AGGREGATE_LABELS["mean"]],
        "value": [200.0, 125.0, 125.0],
        "n": [3, 2, 2],
    })
    pd.testing.assert_frame_equal(group_aggregates(PARTS, 1000), want)
    assert "Σ" in want.loc[0, "label"] and "median" in want.loc[1, "label"]


def test_ratio_of_sums_with_no_denominator_is_nan() -> None:
    assert np.isnan(ratio_of_sums(PARTS.iloc[[1]], 1000))
    assert np.isnan(ratio_of_sums(PARTS.iloc[[2, 4]]))
