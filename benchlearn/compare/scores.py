"""Member scores against a peer set, vectorised over any number of peer sets at once.

Definitions (ARCHITECTURE §8). For one peer set P (one indicator, one period) with values x, missing values
excluded from every statistic and counted as `peer_missing`:

- `peer_n` = number of members with a value; `peer_mean`; `peer_median` (the 50 % quantile, interpolated
  linearly between the two middle values); `peer_sd` = the *population* standard deviation (divisor n, not
  n − 1): the peer set is the whole population being compared, not a sample of a larger one. The same sd is
  used for the z-scores of `nearest_neighbours` and `composite_index`.
- `peer_mad` = median(|x − peer_median|), *unscaled* (no 1.4826 factor).
- `rank`: 1 = best by polarity (highest value for higher_better, lowest for lower_better); tied members
  share the lowest rank (1, 2, 2, 4). Neutral indicators rank by value, highest first.
- `percentile`: the share of the OTHER valued peers the member does at least as well as, × 100:
  (number of other peers with an oriented value ≤ the member's) / (peer_n − 1) × 100. Ties count as "at
  least as well", so tied members share the higher percentile. With peer_n = 1 the only member gets 100.
  Neutral indicators: the share of other peers with a value ≤ the member's (a position, not a judgement).
- `z` = (x − peer_mean) / peer_sd, NaN when peer_sd = 0; `mad_score` = (x − peer_median) / peer_mad, NaN
  (never ±inf) when peer_mad = 0. Both keep the sign of the value, not of the polarity: they say where a
  value lies, not whether it is good.
- `band`: 'top' when percentile ≥ 75, 'upper_middle' ≥ 50, 'lower_middle' ≥ 25, else 'bottom';
  'no_data' when the member has no value (a categorical, categories in that order).
- `gap_to_median` = (x − peer_median) × sign and `gap_to_best` = (x − best) × sign, in the indicator's unit,
  where sign = −1 for lower_better and +1 otherwise, and best = the best value by polarity (the maximum for
  neutral indicators). Positive = better than the median; the gap to the best is ≤ 0 (0 for the best).

Members without a value keep their row, with every member score NaN (rank <NA>, band 'no_data').
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BANDS = ("top", "upper_middle", "lower_middle", "bottom")
NO_DATA = "no_data"
#: lower percentile bound of each band, best band first.
BAND_FLOORS = (75.0, 50.0, 25.0)

PEER_COLUMNS = ("peer_n", "peer_missing", "peer_median", "peer_mean", "peer_sd", "peer_mad", "peer_best")
SCORE_COLUMNS = ("rank", "percentile", "z", "mad_score", "band", "gap_to_median", "gap_to_best")


def band_of(percentile: pd.Series) -> pd.Series:
    """Quartile band of each percentile: 'top' ≥ 75, 'upper_middle' ≥ 50, 'lower_middle' ≥ 25, 'bottom'.

    A categorical with the categories BANDS + ('no_data',), best first (cheap to build, sorts in band order).
    """
    floors = len(BAND_FLOORS)
    codes = np.select([percentile >= f for f in BAND_FLOORS], list(range(floors)), default=floors)
    codes = np.where(percentile.isna(), len(BANDS), codes)
    return pd.Series(pd.Categorical.from_codes(codes, categories=[*BANDS, NO_DATA]), index=percentile.index)


def _per_row(series: pd.Series, keys: list[pd.Series] | None, how: str, **options: int) -> pd.Series:
    """A statistic of each row's peer set, repeated on every row (a plain reduction when there is one set)."""
    if keys is None:
        return pd.Series(getattr(series, how)(**options), index=series.index)
    return series.groupby(keys, sort=False).transform(how, **options)


def rank_and_percentile(at_least: pd.Series, n: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(rank, percentile) from `at_least` = how many valued peers (member included) have an oriented value ≤
    the member's (NaN for a member without a value) and `n` = peer_n; definitions in the module docstring.

    The one place these two formulas live: `score_peers` counts `at_least` by ranking every member, a profile
    of one entity gets it from counts made by the store (`benchlearn.compare.profile.profile_from_counts`).
    """
    others = n - 1
    percentile = (at_least - 1) * 100 / others.where(others > 0)
    percentile = percentile.mask(others.eq(0) & at_least.notna(), 100.0)
    return (n - at_least + 1).astype("Int64"), percentile


def score_peers(frame: pd.DataFrame, by: list[str], sign: pd.Series | float) -> pd.DataFrame:
    """Peer statistics and member scores for every row of `frame` (a float `value` column), peers = rows
    sharing the `by` columns (all rows when `by` is empty); `sign` orients values (see module docstring).

    Returns a frame on `frame`'s index with PEER_COLUMNS then SCORE_COLUMNS.
    """
    values = frame["value"]
    # One peer set needs no groupby: plain reductions are several times cheaper on small frames.
    keys = [frame[c] for c in by] if by else None
    oriented = values * sign
    n = _per_row(values, keys, "count")
    mean = _per_row(values, keys, "mean")
    sd = _per_row(values, keys, "std", ddof=0)
    median = _per_row(values, keys, "median")
    mad = _per_row((values - median).abs(), keys, "median")
    best = _per_row(oriented, keys, "max") * sign
    # rank 'max' ascending = how many valued peers (member included) have an oriented value ≤ the member's;
    # the 'min' rank, best first, is then 1 + #{better} = n − at_least + 1 (one ranking pass, not two).
    ranking = oriented.groupby(keys, sort=False) if keys is not None else oriented
    at_least = ranking.rank(method="max", ascending=True)
    rank, percentile = rank_and_percentile(at_least, n)
    return pd.DataFrame(
        {
            "peer_n": n.astype("int64"),
            "peer_missing": _per_row(values.isna(), keys, "sum").astype("int64"),
            "peer_median": median,
            "peer_mean": mean,
            "peer_sd": sd,
            "peer_mad": mad,
            "peer_best": best,
            "rank": rank,
            "percentile": percentile,
            "z": (values - mean) / sd.where(sd > 0),
            "mad_score": (values - median) / mad.where(mad > 0),
            "band": band_of(percentile),
            # + 0.0 turns the −0.0 of a lower_better tie into 0.0, which a CSV would print as "-0.0".
            "gap_to_median": (values - median) * sign + 0.0,
            "gap_to_best": (values - best) * sign + 0.0,
        },
        index=frame.index,
    )
