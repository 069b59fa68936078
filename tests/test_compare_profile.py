"""An entity's profile across indicators, its strengths and weaknesses, and the network matrix — by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchlearn.compare import PROFILE_COLUMNS, entity_profile, percentile_matrix, strengths_and_weaknesses
from benchlearn.errors import NotFoundError, UsageError

NAN = np.nan
# x (higher_better) and y (lower_better) in 2020 and 2021; n (neutral) without C; w (higher_better) only in
# 2021 and without C; C has a row without a value for y in 2021.
ROWS = [
    ("x", "2020", {"A": 10.0, "B": 20.0, "C": 30.0}), ("x", "2021", {"A": 12.0, "B": 19.0, "C": 30.0}),
    ("y", "2020", {"A": 5.0, "B": 3.0, "C": 1.0}), ("y", "2021", {"A": 4.0, "B": 3.0, "C": NAN}),
    ("n", "2020", {"A": 1.0, "B": 2.0}), ("n", "2021", {"A": 1.0, "B": 2.0}),
    ("w", "2021", {"A": 7.0, "B": 9.0}),
]
PANEL = pd.DataFrame(
    [(e, ind, p, float(p), v) for ind, p, values in ROWS for e, v in values.items()],
    columns=["entity_code", "indicator_code", "period", "period_key", "value"],
)
META = pd.DataFrame({
    "code": ["x", "y", "n", "w"],
    "name_en": ["Ex", "Why", "Neutral", "Double-u"],
    "unit": ["%", "days", "km²", "EUR"],
    "polarity": ["higher_better", "lower_better", "neutral", "higher_better"],
})
POLARITIES = dict(zip(META["code"], META["polarity"], strict=True))


def profile_rows(rows: list[tuple]) -> pd.DataFrame:
    """Expected profile: one tuple per indicator of META with the PROFILE_COLUMNS from `value` on."""
    frame = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS[4:]))
    return pd.concat([META.rename(columns={"code": "indicator_code"}), frame], axis=1)


def check(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Compare values (band as text, rank as numbers) so the expected table stays readable."""
    assert list(got.columns) == list(PROFILE_COLUMNS)
    got = got.assign(band=got["band"].astype(str), rank=got["rank"].astype("float64"))
    want = want.astype({"rank": "float64"})
    for column in PROFILE_COLUMNS:
        left, right = got[column].tolist(), want[column].tolist()
        assert [None if pd.isna(v) else v for v in left] == pytest.approx(
            [None if pd.isna(v) else v for v in right]), column


def test_profile_of_a_strong_member_by_hand() -> None:
    # B: x 19 beats A (12) of 2 others → 50; y 3 beats A's 4 (lower is better), C has no value → 100 of 1;
    # n 2 ≥ A's 1 → 100 (position); w 9 > 7 → 100. x fell 20 → 19 (−5 %): worsening.
    check(entity_profile(PANEL, META, "B", "2021"), profile_rows([
        (19.0, 19.0, 50.0, "upper_middle", 2, 3, 0, 0.0, "2020", 20.0, -1.0, "worsening"),
        (3.0, 3.5, 100.0, "top", 1, 2, 1, 0.5, "2020", 3.0, 0.0, "stable"),
        (2.0, 1.5, 100.0, "top", 1, 2, 0, 0.5, "2020", 2.0, 0.0, "stable"),
        (9.0, 8.0, 100.0, "top", 1, 2, 0, 1.0, None, NAN, NAN, NAN),
    ]))


def test_profile_of_a_member_with_gaps_keeps_every_indicator() -> None:
    # C has a y row without a value, no n and no w at all: those rows say no_data and count C as missing.
    check(entity_profile(PANEL, META, "C", "2021"), profile_rows([
        (30.0, 19.0, 100.0, "top", 1, 3, 0, 11.0, "2020", 30.0, 0.0, "stable"),
        (NAN, 3.5, NAN, "no_data", None, 2, 1, NAN, "2020", 1.0, NAN, NAN),
        (NAN, 1.5, NAN, "no_data", None, 2, 1, NAN, "2020", NAN, NAN, NAN),
        (NAN, 8.0, NAN, "no_data", None, 2, 1, NAN, None, NAN, NAN, NAN),
    ]))


def test_profile_of_a_weak_but_improving_member() -> None:
    # A: x 10 → 12 (+20 %) improving; y 5 → 4, lower is better: improving; n unchanged: stable.
    got = entity_profile(PANEL, META, "A", "2021").set_index("indicator_code")
    assert got["direction"].tolist()[:3] == ["improving", "improving", "stable"]
    assert got["percentile"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert got["gap_to_median"].tolist() == [-7.0, -0.5, -0.5, -1.0]


def test_strengths_and_weaknesses() -> None:
    profile = entity_profile(PANEL, META, "B", "2021")
    strongest, weakest = strengths_and_weaknesses(profile, 1)
    # y and w both reach 100 (tie → by code: w first); the neutral n never counts as a strength;
    # x at percentile 50 is level with the peer middle: a strength, not a weakness.
    assert strongest["indicator_code"].tolist() == ["w"] and weakest.empty
    strongest, weakest = strengths_and_weaknesses(profile, 3)
    assert strongest["indicator_code"].tolist() == ["w", "y", "x"] and weakest.empty


def test_below_the_middle_is_never_a_strength() -> None:
    """A has percentile 0 everywhere: no strengths, its weakest lowest first (ties by code)."""
    strongest, weakest = strengths_and_weaknesses(entity_profile(PANEL, META, "A", "2021"), 3)
    assert strongest.empty and weakest["indicator_code"].tolist() == ["w", "x", "y"]
    # a short profile of one weak and one strong indicator: each on its own side, whatever n is
    short = pd.DataFrame({"indicator_code": ["a", "b"], "polarity": ["higher_better", "lower_better"],
                          "percentile": [12.0, 57.0]})
    strongest, weakest = strengths_and_weaknesses(short, 3)
    assert strongest["indicator_code"].tolist() == ["b"] and weakest["indicator_code"].tolist() == ["a"]


def test_profile_of_a_period_without_data() -> None:
    with pytest.raises(NotFoundError, match="no values for period '1999'"):
        entity_profile(PANEL, META, "A", "1999")


def test_matrix_rows_by_mean_percentile_columns_in_the_given_order() -> None:
    got = percentile_matrix(PANEL, POLARITIES, period="2021")
    want = pd.DataFrame(
        {"x": [100.0, 50.0, 0.0], "y": [NAN, 100.0, 0.0], "w": [NAN, 100.0, 0.0]},
        index=pd.Index(["C", "B", "A"], name="entity_code"),
    )
    want.columns.name = "indicator_code"
    pd.testing.assert_frame_equal(got, want)


def test_matrix_with_neutral_indicators_when_asked() -> None:
    got = percentile_matrix(PANEL[PANEL["period"] == "2021"], POLARITIES, include_neutral=True)
    assert list(got.columns) == ["x", "y", "n", "w"]
    assert got.loc["B", "n"] == 100.0 and np.isnan(got.loc["C", "n"])


def test_matrix_member_without_any_value_goes_last() -> None:
    extra = pd.DataFrame({"entity_code": ["0"], "indicator_code": ["x"], "period": ["2021"],
                          "period_key": [2021.0], "value": [NAN]})
    got = percentile_matrix(pd.concat([PANEL, extra]), POLARITIES, period="2021")
    assert got.index.tolist() == ["C", "B", "A", "0"]


def test_matrix_needs_one_period() -> None:
    with pytest.raises(UsageError, match="needs one period"):
        percentile_matrix(PANEL, POLARITIES)
