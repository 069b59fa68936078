"""Targets and their status, without the store: numbers in, a status out.

A target says: entity E reaches the value T on indicator I by the target period P_T. Its kind fixes T:
- `absolute`: T is the value the user gave;
- `peer_median`: T is the median of the peer set's values (linear interpolation) in the evaluated period;
- `top_quartile`: T is the edge of the peers' best quarter in the evaluated period: their 75th percentile for
  a higher_better indicator, their 25th for a lower_better one (for a neutral one, the 75th).
The relative kinds move with the peers: T is recomputed in the period of E's latest value.

The baseline (period P_B, value B) is E's value when the target was set: the start of the planned path. With
period keys k (a year is itself, benchlearn.ingest.periods) the planned path is the straight line
L(k) = B + (T − B) × (k − k_B) / (k_T − k_B). Better is the sign s = +1 for higher_better, −1 for
lower_better; a neutral indicator has no better direction, so s is the direction from the baseline to the
target (+1 when T ≥ B, else −1).

The status, on E's latest value V at period P_V:
- `pending`: no value after the baseline yet (k_V ≤ k_B), or T cannot be computed (no peer values);
- `met`: (V − T) × s ≥ 0 — the latest value reaches the target (before, at or after the target period);
- `on_track`: not met, k_V < k_T, and (V − L(k_V)) × s ≥ 0 — at least as good as the planned path;
- `behind`: otherwise — below the planned path, or the target period reached without meeting the target.
`gap` = (V − T) × s in the indicator's unit (negative: still to go); `expected` = L(k_V); `share` = the
part of the way from the baseline to the target covered, (V − B) / (T − B) × 100 (%; 100 = reached, below
0 = moved away; when T = B, 100 if met else 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from benchlearn.model import Polarity

KINDS = ("absolute", "peer_median", "top_quartile")
STATUSES = ("met", "on_track", "behind", "pending")
STATUS_COLUMNS = ("target_value", "expected", "gap", "share", "status")


def target_value(kind: str, value: float | None, peer_values: Sequence[float], polarity: str) -> float | None:
    """T for one target: the absolute value, or the peers' median / best-quarter edge (None without peers)."""
    if kind == "absolute":
        return None if value is None or _missing(value) else float(value)
    valid = np.asarray([v for v in peer_values if not _missing(v)], dtype="float64")
    if not len(valid):
        return None
    if kind == "peer_median":
        return float(np.quantile(valid, 0.5))
    if kind == "top_quartile":
        return float(np.quantile(valid, 0.25 if polarity == Polarity.LOWER_BETTER.value else 0.75))
    raise ValueError(f"unknown target kind {kind!r}; expected one of {', '.join(KINDS)}")


def better_sign(polarity: str, baseline: float, target: float) -> float:
    """+1 when larger values are better, −1 when smaller ones are; for a neutral indicator the direction
    from the baseline to the target."""
    if polarity == Polarity.HIGHER_BETTER.value:
        return 1.0
    if polarity == Polarity.LOWER_BETTER.value:
        return -1.0
    return 1.0 if target >= baseline else -1.0


def planned(baseline_key: float, baseline: float, target_key: float, target: float, key: float) -> float:
    """L(k): the value on the straight line from the baseline to the target at period key `key`."""
    if target_key == baseline_key:
        return target
    return baseline + (target - baseline) * (key - baseline_key) / (target_key - baseline_key)


def status(polarity: str, baseline_key: float, baseline: float, target_key: float, target: float | None,
           latest_key: float | None, latest: float | None) -> dict[str, float | str | None]:
    """target_value, expected (L at the latest period), gap and status of one target (module docstring)."""
    out: dict[str, float | str | None] = {"target_value": target, "expected": None, "gap": None,
                                          "share": None, "status": "pending"}
    if target is None or _missing(target) or latest is None or _missing(latest) or latest_key is None \
            or latest_key <= baseline_key:
        return out
    s = better_sign(polarity, baseline, target)
    line = planned(baseline_key, baseline, target_key, target, latest_key)
    gap = (latest - target) * s
    share = (latest - baseline) / (target - baseline) * 100 if target != baseline else 100.0 * (gap >= 0)
    out.update(expected=line, gap=gap, share=share)
    if gap >= 0:
        out["status"] = "met"
    elif latest_key < target_key and (latest - line) * s >= 0:
        out["status"] = "on_track"
    else:
        out["status"] = "behind"
    return out


def statuses(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (polarity, baseline_key, baseline_value, target_key, target_value, latest_key, latest_value)
    with target_value, expected, gap, share and status filled in, row by row."""
    rows = [status(r["polarity"], r["baseline_key"], r["baseline_value"], r["target_key"],
                   _or_none(r["target_value"]), _or_none(r["latest_key"]), _or_none(r["latest_value"]))
            for r in frame.to_dict("records")]
    result = pd.DataFrame(rows, index=frame.index, columns=list(STATUS_COLUMNS))
    out = frame.drop(columns=[c for c in STATUS_COLUMNS if c in frame.columns])
    numbers = {c: "float64" for c in ("target_value", "expected", "gap", "share")}
    return pd.concat([out, result.astype(numbers)], axis=1)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _or_none(value: object) -> float | None:
    return None if _missing(value) else float(value)
