"""Composite index and "who to learn from", checked against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.compare import best_performers, composite_index, most_improved, who_to_learn_from
from benchlearn.errors import NotFoundError, UsageError

NAN = np.nan
POLARITIES = {"x": "higher_better", "y": "lower_better", "n": "neutral"}
WEIGHTS = {"x": 2.0, "y": 1.0}
# x: A 12, B 19, C 30 (D none); y (lower is better): A 4, B 3, D 2 (C none).
PANEL = pd.DataFrame(
    [("A", "x", 12.0), ("B", "x", 19.0), ("C", "x", 30.0),
     ("A", "y", 4.0), ("B", "y", 3.0), ("D", "y", 2.0)],
    columns=["entity_code", "indicator_code", "value"],
)


def scores_frame(rows: list[tuple]) -> pd.DataFrame:
    """Expected scores from (entity_code, score, rank, coverage, components)."""
    frame = pd.DataFrame(rows, columns=["entity_code", "score", "rank", "coverage", "components"])
    return frame.astype({"rank": "Int64", "components": "int64", "score": "float64"})


def test_minmax_by_hand() -> None:
    # x: (o − 12)/(30 − 12) × 100 → A 0, B 700/18, C 100. y oriented −4, −3, −2 → A 0, B 50, D 100.
    # Coverage by weight: C has x only (2 of 3 = 0.667 ≥ 0.6: scored on x alone); D has y only (1/3: not
    # scored).
    # B = 2/3 · 700/18 + 1/3 · 50.
    scores, contributions = composite_index(PANEL, POLARITIES, WEIGHTS, "minmax")
    pd.testing.assert_frame_equal(scores, scores_frame([
        ("C", 100.0, 1, 2 / 3, 1),
        ("B", 2 / 3 * 700 / 18 + 50 / 3, 2, 1.0, 2),
        ("A", 0.0, 3, 1.0, 2),
        ("D", NAN, None, 1 / 3, 1),
    ]))
    want = pd.DataFrame({
        "entity_code": ["C", "C", "B", "B", "A", "A", "D", "D"],
        "indicator_code": ["x", "y"] * 4,
        "value": [30.0, NAN, 19.0, 3.0, 12.0, 4.0, NAN, 2.0],
        "normalised": [100.0, NAN, 700 / 18, 50.0, 0.0, 0.0, NAN, 100.0],
        "weight": [1.0, NAN, 2 / 3, 1 / 3, 2 / 3, 1 / 3, NAN, 1.0],
        "contribution": [100.0, NAN, 2 / 3 * 700 / 18, 50 / 3, 0.0, 0.0, NAN, NAN],
    })
    pd.testing.assert_frame_equal(contributions, want)


def test_contributions_add_up_to_the_score() -> None:
    for method in ("minmax", "z", "rank"):
        scores, contributions = composite_index(PANEL, POLARITIES, WEIGHTS, method)
        summed = contributions.groupby("entity_code")["contribution"].sum(min_count=1)
        own = scores.set_index("entity_code")["score"]
        np.testing.assert_allclose(own, summed.loc[own.index])


def test_z_by_hand() -> None:
    # x oriented 12, 19, 30: mean 61/3, population sd √(((−25/3)² + (−4/3)² + (29/3)²)/3);
    # y oriented −4, −3, −2: mean −3, sd √(2/3).
    sd_x = math.sqrt(((25 / 3) ** 2 + (4 / 3) ** 2 + (29 / 3) ** 2) / 3)
    sd_y = math.sqrt(2 / 3)
    scores, _ = composite_index(PANEL, POLARITIES, WEIGHTS, "z")
    got = scores.set_index("entity_code")["score"]
    assert got["A"] == pytest.approx(2 / 3 * (12 - 61 / 3) / sd_x + 1 / 3 * (-1 / sd_y))
    assert got["B"] == pytest.approx(2 / 3 * (19 - 61 / 3) / sd_x + 0.0)
    assert got["C"] == pytest.approx((30 - 61 / 3) / sd_x)


def test_rank_normalisation_uses_percentiles() -> None:
    # x: A 0, B 50, C 100; y: A 0, B 50, D 100 → B = 2/3·50 + 1/3·50 = 50.
    scores, _ = composite_index(PANEL, POLARITIES, WEIGHTS, "rank")
    assert scores.set_index("entity_code")["score"].to_dict() == pytest.approx(
        {"C": 100.0, "B": 50.0, "A": 0.0, "D": NAN}, nan_ok=True)


def test_coverage_threshold_counts_weight_and_is_inclusive() -> None:
    # Five equal weights: 3 present = exactly 60 % (scored), 2 present = 40 % (not scored).
    rows = [("A", c, 1.0) for c in "abc"] + [("B", c, 2.0) for c in "ab"] + [("C", c, 3.0) for c in "abcde"]
    panel = pd.DataFrame(rows, columns=["entity_code", "indicator_code", "value"])
    polarities = dict.fromkeys("abcde", "higher_better")
    scores, _ = composite_index(panel, polarities, dict.fromkeys("abcde", 0.2))
    got = scores.set_index("entity_code")
    assert got.loc["A", "coverage"] == pytest.approx(0.6) and pd.notna(got.loc["A", "score"])
    assert got.loc["B", "coverage"] == pytest.approx(0.4) and pd.isna(got.loc["B", "score"])
    # By weight, not by count: one heavy component missing leaves A below the threshold.
    heavy = {"a": 1.0, "b": 1.0, "c": 1.0, "d": 3.0, "e": 1.0}
    scores, _ = composite_index(panel, polarities, heavy)
    assert pd.isna(scores.set_index("entity_code").loc["A", "score"])


@pytest.mark.parametrize(("method", "value"), [("minmax", 50.0), ("z", 0.0), ("rank", 100.0)])
def test_a_constant_component(method: str, value: float) -> None:
    panel = pd.DataFrame({"entity_code": ["A", "B"], "indicator_code": ["x", "x"], "value": [5.0, 5.0]})
    scores, _ = composite_index(panel, POLARITIES, {"x": 1.0}, method)
    assert scores["score"].tolist() == [value, value] and scores["rank"].tolist() == [1, 1]


@pytest.mark.parametrize(
    ("weights", "method", "message"),
    [
        ({"x": 1.0, "n": 1.0}, "minmax",
         "neutral indicators have no better direction and cannot enter a composite index: n"),
        ({"x": 1.0}, "median", "unknown normalisation 'median'; expected one of minmax, z, rank"),
        ({"q": 1.0}, "minmax", "no polarity given for the indicator(s) q"),
        ({"x": -1.0, "y": 2.0}, "minmax", "composite weights must be finite, not negative, and not all zero"),
        ({}, "minmax", "a composite index needs at least one indicator"),
    ],
)
def test_composite_errors(weights: dict, method: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        composite_index(PANEL, POLARITIES, weights, method)
    assert caught.value.message == message


# One indicator (higher is better) in 2019 and 2021; E has a 2021 row without a value.
HISTORY = pd.DataFrame(
    [(e, "x", p, float(p), v) for p, values in (
        ("2019", {"A": 10.0, "B": 20.0, "C": 30.0, "D": 5.0, "E": 40.0}),
        ("2021", {"A": 15.0, "B": 35.0, "C": 31.0, "D": 25.0, "E": NAN}),
    ) for e, v in values.items()],
    columns=["entity_code", "indicator_code", "period", "period_key", "value"],
)


def test_best_performers_by_hand() -> None:
    # 2021: B 35, C 31, D 25 beat A's 15 by 20, 16 and 10; E has no value and is not listed.
    got = best_performers(HISTORY, "A", "higher_better", top=5)
    want = pd.DataFrame({"entity_code": ["B", "C", "D"], "period": ["2021"] * 3, "value": [35.0, 31.0, 25.0],
                         "rank": pd.array([1, 2, 3], dtype="Int64"), "target_value": [15.0] * 3,
                         "gap_to_target": [20.0, 16.0, 10.0]})
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert best_performers(HISTORY, "A", "higher_better", top=2)["entity_code"].tolist() == ["B", "C"]
    # Lower is better: nobody is below A's 15, so nobody to learn from on level.
    assert best_performers(HISTORY, "A", "lower_better").empty


def test_best_performers_of_a_target_without_a_value() -> None:
    got = best_performers(HISTORY, "E", "higher_better", top=2)
    assert got["entity_code"].tolist() == ["B", "C"] and got["gap_to_target"].isna().all()


def test_most_improved_by_hand() -> None:
    # 2019 → 2021: A +5 (target), B +15, C +1, D +20; E has no 2021 value. Gap = improvement − 5.
    got = most_improved(HISTORY, "A", "higher_better", top=5)
    want = pd.DataFrame({
        "entity_code": ["D", "B", "C"], "first_period": ["2019"] * 3, "last_period": ["2021"] * 3,
        "first_value": [5.0, 20.0, 30.0], "last_value": [25.0, 35.0, 31.0], "improvement": [20.0, 15.0, 1.0],
        "target_improvement": [5.0] * 3, "gap_to_target": [15.0, 10.0, -4.0],
    })
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    # Lower is better: every change was a rise, so nobody improved.
    assert most_improved(HISTORY, "A", "lower_better").empty


def test_who_to_learn_from_gives_both_lists() -> None:
    best, improved = who_to_learn_from(HISTORY, "A", "higher_better", top=1)
    assert best["entity_code"].tolist() == ["B"] and improved["entity_code"].tolist() == ["D"]


@pytest.mark.parametrize(
    ("panel", "target", "polarity", "error", "message"),
    [
        (HISTORY, "A", "neutral", UsageError,
         "a neutral indicator has no better direction: there is no one to learn from on it"),
        (HISTORY, "Z", "higher_better", NotFoundError, "Z is not in the panel"),
        (pd.concat([HISTORY, HISTORY.assign(indicator_code="y")]), "A", "higher_better", UsageError,
         "who-to-learn-from takes a panel of one indicator"),
    ],
)
def test_learn_from_errors(
    panel: pd.DataFrame, target: str, polarity: str, error: type, message: str
) -> None:
    with pytest.raises(error) as caught:
        who_to_learn_from(panel, target, polarity)
    assert caught.value.message == message


def test_improvement_window_must_run_forward() -> None:
    with pytest.raises(UsageError, match="must run forward"):
        most_improved(HISTORY, "A", "higher_better", first="2021", last="2019")
