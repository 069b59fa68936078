"""Similar municipalities: k nearest neighbours on standardised structural indicators.

The method of CIPFA's nearest-neighbour model and Kolada's "similar municipalities":
1. each structural indicator (a column) is turned into z-scores over all the entities given (target
   included): z = (x − mean) / sd with the population sd (divisor n); a column with sd = 0 separates
   nobody and gets z = 0 everywhere;
2. a missing value becomes 0 after standardising, i.e. the entity is treated as average on that indicator;
3. the distance of entity e from the target t is the weighted Euclidean distance
   d(e) = sqrt(Σ_j w_j (z_ej − z_tj)²), with w_j = 1 unless weights are given;
4. distances are rebased so that the farthest entity of the whole comparison set (not only of the k returned)
   has distance 1: `distance` = d / max d (0 for everyone when all entities are identical);
5. `match` = 100 × (1 − distance): 100 = identical to the target, 0 = the least similar entity of the set.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from benchlearn.errors import NotFoundError, UsageError


def _weights(columns: pd.Index, weights: Mapping[str, float] | None) -> np.ndarray:
    if not weights:
        return np.ones(len(columns))
    unknown = sorted(set(weights) - set(columns))
    if unknown:
        raise UsageError(f"weights given for indicators not in the structural table: {', '.join(unknown)}")
    chosen = pd.Series(1.0, index=columns)
    chosen.update(pd.Series(weights, dtype="float64"))
    if (chosen < 0).any() or not np.isfinite(chosen).all() or chosen.sum() == 0:
        raise UsageError("weights must be finite, not negative, and not all zero")
    return chosen.to_numpy()


def standardise(structural: pd.DataFrame) -> pd.DataFrame:
    """Z-scores of every column (population sd), with constant columns and missing values set to 0."""
    x = structural.astype("float64")
    sd = x.std(ddof=0)
    return ((x - x.mean()) / sd.where(sd > 0)).fillna(0.0)


def nearest_neighbours(
    structural: pd.DataFrame, target: str, k: int, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """The k entities most similar to `target`: entity_code, distance (rebased, farthest = 1), match (0–100).

    `structural` is indexed by entity_code with one column per structural indicator; `weights` maps column →
    weight (columns not named weigh 1). The target is excluded; rows are sorted by distance, ties by
    entity_code; fewer than k rows come back when there are fewer other entities. Method: module docstring.
    """
    if k < 1:
        raise UsageError(f"k must be at least 1, got {k}")
    if not structural.index.is_unique:
        raise UsageError("the structural table has more than one row for an entity")
    if target not in structural.index:
        raise NotFoundError(f"{target} is not among the entities with structural data")
    w = _weights(structural.columns, weights)
    z = standardise(structural).to_numpy()
    codes = structural.index.to_numpy()
    at = structural.index.get_loc(target)
    d = np.sqrt(((z - z[at]) ** 2 * w).sum(axis=1))
    others = codes != target
    d, codes = d[others], codes[others]
    farthest = d.max() if len(d) else 0.0
    rebased = d / farthest if farthest > 0 else np.zeros_like(d)
    if len(d) > k:
        # Keep every entity tied with the k-th distance, so the tie-break by code below is exact.
        cut = np.partition(rebased, k - 1)[k - 1]
        keep = rebased <= cut
        rebased, codes = rebased[keep], codes[keep]
    out = pd.DataFrame({"entity_code": codes.astype(str), "distance": rebased, "match": 100 * (1 - rebased)})
    out = out.sort_values(["distance", "entity_code"], kind="stable").head(k)
    return out.reset_index(drop=True)
