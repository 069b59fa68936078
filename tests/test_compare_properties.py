"""Properties of the scores that must hold for any peer set (hypothesis).

Values are whole numbers (as floats) so that adding a constant is exact arithmetic: a property about ranks
must not hinge on floating-point rounding merging two close values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from benchlearn.compare import compare_table, score_peers

values_st = st.lists(st.one_of(st.none(), st.integers(-1000, 1000)), min_size=1, max_size=40)
distinct_st = st.lists(st.integers(-10_000, 10_000), min_size=1, max_size=40, unique=True)
polarity_st = st.sampled_from(["higher_better", "lower_better", "neutral"])


def cross_section(values: list[int | None]) -> pd.DataFrame:
    """Members E000, E001, … with the given values (None = missing)."""
    codes = [f"E{i:03d}" for i in range(len(values))]
    floats = [np.nan if v is None else float(v) for v in values]
    return pd.DataFrame({"entity_code": codes, "entity_name": codes, "value": floats})


def by_code(values: list[int | None], polarity: str) -> pd.DataFrame:
    """The compare table indexed by entity_code (so two runs can be compared member by member)."""
    return compare_table(cross_section(values), polarity).set_index("entity_code").sort_index()


@settings(max_examples=200, deadline=None)
@given(values_st)
def test_flipping_polarity_mirrors_ranks_and_percentiles(values: list[int | None]) -> None:
    hi, lo = by_code(values, "higher_better"), by_code(values, "lower_better")
    x = hi["value"].dropna()
    n = len(x)
    ties = x.map(x.value_counts())  # members sharing each value, the member itself included
    valued = hi["value"].notna()
    # With 'min' ties: rank_hi = 1 + #{y > x}, rank_lo = 1 + #{y < x}, so their sum is n + 2 − #{y = x}.
    assert (hi.loc[valued, "rank"] + lo.loc[valued, "rank"] == n + 2 - ties).all()
    if n > 1:
        # p_hi = #{others ≤ x}/(n−1), p_lo = #{others ≥ x}/(n−1): together 100·(n − 2 + #{y = x})/(n − 1).
        total = hi.loc[valued, "percentile"] + lo.loc[valued, "percentile"]
        np.testing.assert_allclose(total, 100 * (n - 2 + ties) / (n - 1), rtol=0, atol=1e-9)
        # The best under one polarity is the worst under the other.
        assert set(hi.index[hi["rank"] == 1]) == set(lo.index[lo["rank"] == lo["rank"].max()])


@settings(max_examples=200, deadline=None)
@given(distinct_st)
def test_without_ties_percentiles_mirror_exactly(values: list[int]) -> None:
    hi, lo = by_code(values, "higher_better"), by_code(values, "lower_better")
    mirrored = 100 - hi["percentile"] if len(values) > 1 else 100.0  # a lone member is 100 either way
    np.testing.assert_allclose(lo["percentile"], mirrored, atol=1e-9)
    assert (hi["rank"] + lo["rank"] == len(values) + 1).all()


@settings(max_examples=200, deadline=None)
@given(values_st, polarity_st)
def test_percentiles_stay_within_0_and_100_and_bands_follow_them(
    values: list[int | None], polarity: str
) -> None:
    table = by_code(values, polarity)
    valued = table["percentile"].dropna()
    assert ((valued >= 0) & (valued <= 100)).all()
    assert (table.loc[table["percentile"] >= 75, "band"] == "top").all()
    assert (table.loc[table["percentile"] < 25, "band"] == "bottom").all()
    # The best member always reaches 100, and rank 1 always exists when anything has a value.
    if len(valued):
        assert valued.max() == 100.0 and table["rank"].min() == 1


@settings(max_examples=200, deadline=None)
@given(values_st, polarity_st, st.integers(-10_000, 10_000))
def test_adding_a_constant_shifts_the_median_but_not_gaps_or_ranks(
    values: list[int | None], polarity: str, shift: int
) -> None:
    before = by_code(values, polarity)
    after = by_code([None if v is None else v + shift for v in values], polarity)
    np.testing.assert_allclose(after["peer_median"], before["peer_median"] + shift)
    np.testing.assert_allclose(after["peer_mean"], before["peer_mean"] + shift)
    for unchanged in ("gap_to_median", "gap_to_best", "mad_score", "percentile", "peer_mad"):
        np.testing.assert_allclose(after[unchanged], before[unchanged], atol=1e-9)
    pd.testing.assert_series_equal(after["rank"], before["rank"])
    pd.testing.assert_series_equal(after["band"], before["band"])


@settings(max_examples=200, deadline=None)
@given(values_st, polarity_st)
def test_nan_never_gets_a_rank_or_a_score(values: list[int | None], polarity: str) -> None:
    table = by_code(values, polarity)
    missing = table["value"].isna()
    assert (table["rank"].isna() == missing).all()
    assert (table["percentile"].isna() == missing).all()
    assert (table.loc[missing, "band"] == "no_data").all()
    assert (table.loc[~missing, "band"] != "no_data").all()
    assert table.loc[missing, ["z", "mad_score", "gap_to_median", "gap_to_best"]].isna().all().all()
    assert not np.isinf(table[["z", "mad_score"]].to_numpy()).any()


@settings(max_examples=200, deadline=None)
@given(values_st)
def test_neutral_ranks_exactly_like_higher_better(values: list[int | None]) -> None:
    pd.testing.assert_frame_equal(by_code(values, "neutral"), by_code(values, "higher_better"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("pqr"), st.one_of(st.none(), st.integers(-50, 50))), max_size=60),
       st.sampled_from([1.0, -1.0]))
def test_scoring_many_peer_sets_at_once_equals_scoring_each_alone(
    rows: list[tuple[str, int | None]], sign: float
) -> None:
    frame = pd.DataFrame(rows, columns=["group", "value"]).astype({"value": "float64"})
    together = score_peers(frame, ["group"], sign)
    for _, part in frame.groupby("group"):
        pd.testing.assert_frame_equal(together.loc[part.index], score_peers(part, [], sign))
