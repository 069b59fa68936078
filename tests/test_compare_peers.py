"""Peer sets from data: nearest neighbours on standardised indicators, and attribute bands."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from benchlearn.compare import attribute_bands, band_labels, band_members, nearest_neighbours, standardise
from benchlearn.errors import NotFoundError, UsageError

NAN = np.nan
# x = 1, 3, 1, 3 and y = 1, 1, 3, 3: both have mean 2 and population sd 1, so the z-scores are ±1 and
# A(−1,−1), B(1,−1), C(−1,1), D(1,1) sit on the corners of a square.
SQUARE = pd.DataFrame({"x": [1.0, 3.0, 1.0, 3.0], "y": [1.0, 1.0, 3.0, 3.0]},
                      index=pd.Index(["A", "B", "C", "D"], name="entity_code"))


def neighbours(rows: list[tuple[str, float]]) -> pd.DataFrame:
    """The expected frame from (entity_code, rebased distance)."""
    codes = [r[0] for r in rows]
    distance = [r[1] for r in rows]
    return pd.DataFrame({"entity_code": codes, "distance": distance,
                         "match": [100 * (1 - d) for d in distance]})


def test_standardise_uses_the_population_sd() -> None:
    z = standardise(SQUARE)
    assert z["x"].tolist() == [-1.0, 1.0, -1.0, 1.0] and z["y"].tolist() == [-1.0, -1.0, 1.0, 1.0]


def test_nearest_by_hand() -> None:
    # From A: B and C at distance 2, D at √8; rebased by the farthest (√8): 1/√2, 1/√2, 1. B before C by code.
    got = nearest_neighbours(SQUARE, "A", 3)
    half_diagonal = 2 / math.sqrt(8)
    pd.testing.assert_frame_equal(got, neighbours([("B", half_diagonal), ("C", half_diagonal), ("D", 1.0)]))
    assert got["match"].tolist() == pytest.approx([29.289321881, 29.289321881, 0.0])


def test_k_cuts_after_the_tie_break() -> None:
    pd.testing.assert_frame_equal(nearest_neighbours(SQUARE, "A", 1), neighbours([("B", 2 / math.sqrt(8))]))
    pd.testing.assert_frame_equal(nearest_neighbours(SQUARE, "D", 1), neighbours([("B", 2 / math.sqrt(8))]))


def test_rebasing_uses_the_farthest_of_the_whole_set_not_of_the_k_returned() -> None:
    got = nearest_neighbours(SQUARE, "A", 2)
    assert got["distance"].max() < 1.0 and got["match"].min() > 0.0


def test_weights() -> None:
    # x weighs 4: d(B) = √(4·2²) = 4, d(C) = √(1·2²) = 2, d(D) = √(16 + 4) = √20 → rebased by √20.
    got = nearest_neighbours(SQUARE, "A", 3, {"x": 4})
    root20 = math.sqrt(20)
    pd.testing.assert_frame_equal(got, neighbours([("C", 2 / root20), ("B", 4 / root20), ("D", 1.0)]))


def test_missing_becomes_average_and_constant_columns_separate_nobody() -> None:
    # x: A 0, B 2, C missing → mean 1, sd 1 → z −1, 1, and 0 for C; y is constant → z 0 for everyone.
    # From A: C at 1, B at 2 → rebased 0.5 and 1.
    frame = pd.DataFrame({"x": [0.0, 2.0, NAN], "y": [5.0, 5.0, 5.0]}, index=["A", "B", "C"])
    pd.testing.assert_frame_equal(nearest_neighbours(frame, "A", 5), neighbours([("C", 0.5), ("B", 1.0)]))


def test_identical_entities_all_match_100() -> None:
    frame = pd.DataFrame({"x": [1.0, 1.0, 1.0]}, index=["A", "B", "C"])
    pd.testing.assert_frame_equal(nearest_neighbours(frame, "B", 2), neighbours([("A", 0.0), ("C", 0.0)]))


def test_a_target_alone_has_no_neighbours() -> None:
    got = nearest_neighbours(pd.DataFrame({"x": [1.0]}, index=["A"]), "A", 3)
    assert got.empty and list(got.columns) == ["entity_code", "distance", "match"]


def test_large_set_keeps_ties_at_the_cut_in_code_order() -> None:
    rng = np.random.default_rng(7)
    codes = [f"{i:04d}" for i in range(2000)]
    frame = pd.DataFrame({"x": rng.integers(0, 5, 2000).astype(float)}, index=codes)
    got = nearest_neighbours(frame, codes[0], 15)
    # A full sort of every other entity by (distance, code) must give the same first 15.
    z = standardise(frame)["x"]
    d = (z - z.iloc[0]).abs().drop(codes[0])
    full = pd.DataFrame({"entity_code": d.index, "d": d.to_numpy()}).sort_values(["d", "entity_code"])
    assert got["entity_code"].tolist() == full["entity_code"].head(15).tolist()


@pytest.mark.parametrize(
    ("target", "k", "weights", "error", "message"),
    [
        ("Z", 3, None, NotFoundError, "Z is not among the entities with structural data"),
        ("A", 0, None, UsageError, "k must be at least 1, got 0"),
        ("A", 3, {"q": 1.0}, UsageError, "weights given for indicators not in the structural table: q"),
        ("A", 3, {"x": -1.0}, UsageError, "weights must be finite, not negative, and not all zero"),
        ("A", 3, {"x": 0.0, "y": 0.0}, UsageError, "weights must be finite, not negative, and not all zero"),
    ],
)
def test_neighbour_errors(target: str, k: int, weights: dict | None, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        nearest_neighbours(SQUARE, target, k, weights)
    assert caught.value.message == message


POPULATION = pd.Series({"A": 5000.0, "B": 12000.0, "C": 50000.0, "D": NAN, "E": 9999.5})


def test_attribute_bands_are_left_closed() -> None:
    got = attribute_bands(POPULATION, [10000, 50000])
    assert got.drop("D").to_dict() == {"A": "< 10000", "B": "10000–50000", "C": "≥ 50000", "E": "< 10000"}
    assert pd.isna(got["D"])


def test_band_members_are_the_targets_band() -> None:
    assert band_members(POPULATION, [10000, 50000], "A") == ["A", "E"]
    assert band_members(POPULATION, [10000, 50000], "C") == ["C"]


def test_band_labels_print_fractions_when_needed() -> None:
    assert band_labels([0.5, 2]) == ["< 0.5", "0.5–2", "≥ 2"]


@pytest.mark.parametrize(
    ("edges", "target", "error", "message"),
    [
        ([50000, 10000], "A", UsageError, "band edges must be finite numbers in strictly increasing order"),
        ([], "A", UsageError, "band edges must be finite numbers in strictly increasing order"),
        ([10000], "D", NotFoundError, "D has no value for the banding attribute"),
        ([10000], "Z", NotFoundError, "Z is not among the entities with a value for the banding attribute"),
    ],
)
def test_band_errors(edges: list[float], target: str, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        band_members(POPULATION, edges, target)
    assert caught.value.message == message
