"""Composite index: chosen indicators and weights, normalised, polarity-aligned, scored where coverage allows.

1. Each value is oriented (× −1 for lower_better) so that higher is always better. Neutral indicators have
   no better direction and are refused.
2. Each indicator is normalised over the entities of the panel that have a value:
   - 'minmax': 100 × (o − min) / (max − min), 0 = worst, 100 = best; 50 for everyone when all values
     are equal;
   - 'z': (o − mean) / sd with the population sd (as everywhere in the engine); 0 when sd = 0;
   - 'rank': the percentile of `benchlearn.compare.scores` (share of the other valued entities done at least
     as well as, × 100; ties share the higher value, so equal values all get 100).
3. Coverage is measured BY WEIGHT: the share of the total weight carried by the components the entity has
   values for. An entity is scored only when coverage ≥ MIN_COVERAGE (0.6); a heavy missing component then
   counts for what it weighs, not as one of n. A component whose `status` is not_applicable (the entity does
   not provide the service) is left out of the entity's total weight: it is neither missing nor average.
4. Weights are re-normalised over the components present: weight_j = w_j / Σ_present w. The score is
   Σ weight_j × normalised_j, so the contributions (weight_j × normalised_j) add up to the score.
5. Rank: 1 = highest score, ties share the lowest rank; unscored entities have no score and no rank.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from benchlearn.compare.contracts import numeric, polarity_series, require_columns, require_unique, signs
from benchlearn.compare.scores import score_peers
from benchlearn.errors import UsageError
from benchlearn.model import Polarity, Status

MIN_COVERAGE = 0.6
METHODS = ("minmax", "z", "rank")
# Coverage is a ratio of float sums: 3 of 5 equal weights must count as 0.6, not 0.5999999999999999.
_EPSILON = 1e-12


def _check(polarities: pd.Series, weights: Mapping[str, float], method: str) -> pd.Series:
    if method not in METHODS:
        raise UsageError(f"unknown normalisation {method!r}; expected one of {', '.join(METHODS)}")
    if not weights:
        raise UsageError("a composite index needs at least one indicator")
    unknown = sorted(set(weights) - set(polarities.index))
    if unknown:
        raise UsageError(f"no polarity given for the indicator(s) {', '.join(unknown)}")
    neutral = [c for c in weights if polarities[c] == Polarity.NEUTRAL.value]
    if neutral:
        raise UsageError("neutral indicators have no better direction and cannot enter a composite index: "
                         + ", ".join(neutral))
    w = pd.Series(weights, dtype="float64")
    if (w < 0).any() or not np.isfinite(w).all() or w.sum() == 0:
        raise UsageError("composite weights must be finite, not negative, and not all zero")
    return w


def _normalise(frame: pd.DataFrame, sign: pd.Series, method: str) -> pd.Series:
    if method == "rank":
        return score_peers(frame, ["indicator_code"], sign)["percentile"]
    oriented = frame["value"] * sign
    grouped = oriented.groupby(frame["indicator_code"], sort=False)
    if method == "minmax":
        low, high = grouped.transform("min"), grouped.transform("max")
        span = high - low
        return (100 * (oriented - low) / span.where(span > 0)).mask(span.eq(0) & oriented.notna(), 50.0)
    sd = grouped.transform("std", ddof=0)
    return ((oriented - grouped.transform("mean")) / sd.where(sd > 0)).mask(sd.eq(0) & oriented.notna(), 0.0)


def composite_index(
    panel: pd.DataFrame, polarities: Mapping[str, Polarity | str] | pd.Series, weights: Mapping[str, float],
    method: str = "minmax", min_coverage: float = MIN_COVERAGE,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, contributions) of a composite of the `weights`' indicators over the entities of `panel`.

    `panel`: entity_code, indicator_code, value for one period. scores: entity_code, score, rank (Int64),
    coverage (0–1, by weight), components (count present); best first, unscored last, ties by entity_code.
    contributions (long): entity_code, indicator_code, value, normalised, weight (re-normalised over the
    components present; NaN for a missing one), contribution (NaN when the entity is not scored).
    """
    require_columns(panel, ("entity_code", "indicator_code", "value"), "panel")
    polarity = polarity_series(polarities)
    w = _check(polarity, weights, method)
    chosen = panel[panel["indicator_code"].isin(w.index)]
    require_unique(chosen, ["entity_code", "indicator_code"], "panel")
    entities = pd.Index(pd.unique(panel["entity_code"]), name="entity_code")
    grid = pd.MultiIndex.from_product([entities, w.index], names=["entity_code", "indicator_code"])
    frame = chosen.set_index(["entity_code", "indicator_code"])[["value"]].reindex(grid).reset_index()
    frame["value"] = numeric(frame["value"])
    if "status" in chosen.columns:  # not applicable: the component is not part of this entity's index
        status = chosen.set_index(["entity_code", "indicator_code"])["status"].reindex(grid).to_numpy()
        applies = pd.Series(status != Status.NOT_APPLICABLE.value, index=frame.index)
        frame["value"] = frame["value"].where(applies)
    else:
        applies = pd.Series(True, index=frame.index)
    frame["normalised"] = _normalise(frame, signs(frame["indicator_code"].map(polarity)), method)
    present_weight = frame["indicator_code"].map(w).where(frame["value"].notna())
    by_entity = present_weight.groupby(frame["entity_code"], sort=False)
    total_present = by_entity.transform("sum")
    applicable = frame["indicator_code"].map(w).where(applies).groupby(frame["entity_code"], sort=False)
    total_applicable = applicable.transform("sum")
    coverage = total_present / total_applicable.where(total_applicable > 0)
    frame["weight"] = present_weight / total_present.where(total_present > 0)
    scored = coverage >= min_coverage - _EPSILON
    frame["contribution"] = (frame["weight"] * frame["normalised"]).where(scored)
    scores = pd.DataFrame({
        "score": frame["contribution"].groupby(frame["entity_code"], sort=False).sum(min_count=1),
        "coverage": coverage.groupby(frame["entity_code"], sort=False).first(),
        "components": frame["value"].notna().groupby(frame["entity_code"], sort=False).sum().astype("int64"),
    })
    scores["rank"] = scores["score"].rank(method="min", ascending=False).astype("Int64")
    scores = scores.rename_axis("entity_code").reset_index()
    scores = scores.sort_values(["rank", "entity_code"], na_position="last", kind="stable", ignore_index=True)
    scores = scores[["entity_code", "score", "rank", "coverage", "components"]]
    # Contributions follow the ranking, then the order the weights were given in.
    position = {"entity_code": {code: i for i, code in enumerate(scores["entity_code"])},
                "indicator_code": {code: i for i, code in enumerate(w.index)}}
    frame = frame.sort_values(["entity_code", "indicator_code"], key=lambda s: s.map(position[s.name]),
                              kind="stable", ignore_index=True)
    return scores, frame[["entity_code", "indicator_code", "value", "normalised", "weight", "contribution"]]
