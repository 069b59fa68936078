"""Derived indicators (ratios) for members and for groups, each group figure labelled with how it was made.

Input (the parts): `entity_code, numerator, denominator` — one row per member (the store's `ratio_parts`).

- Member value = numerator / denominator × multiplier; NaN when a part is missing or the denominator is 0.
- Group value `ratio_of_sums` = Σnumerator / Σdenominator × multiplier over the members with both parts
  (a member whose denominator is 0 still adds its numerator: the group's total is what it is); NaN when
  Σdenominator is 0 or no member has both parts. This is the group's own rate (e.g. births per 1 000 of the
  group's population), weighted by size.
- `median` and `mean` are the median and the unweighted mean of the member values: the typical member.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.compare.contracts import numeric, require_columns

PARTS_COLUMNS = ("entity_code", "numerator", "denominator")
#: aggregate → how it was computed, for chart legends and table footnotes (English; i18n translates by key).
AGGREGATE_LABELS = {
    "ratio_of_sums": "Σ numerator / Σ denominator × multiplier (the group's own rate)",
    "median": "median of the member values",
    "mean": "unweighted mean of the member values",
}


def ratio_values(parts: pd.DataFrame, multiplier: float = 1.0) -> pd.DataFrame:
    """Each member's ratio: entity_code, numerator, denominator, value (NaN if a part is missing or 0)."""
    require_columns(parts, PARTS_COLUMNS, "ratio parts")
    num, den = numeric(parts["numerator"]), numeric(parts["denominator"])
    value = num / den.where(den != 0) * multiplier
    return pd.DataFrame(
        {"entity_code": parts["entity_code"], "numerator": num, "denominator": den, "value": value},
        index=parts.index,
    )


def ratio_of_sums(parts: pd.DataFrame, multiplier: float = 1.0) -> float:
    """Σnumerator / Σdenominator × multiplier over members with both parts; NaN when Σdenominator is 0."""
    require_columns(parts, PARTS_COLUMNS, "ratio parts")
    num, den = numeric(parts["numerator"]), numeric(parts["denominator"])
    both = num.notna() & den.notna()
    total = den[both].sum()
    return float(num[both].sum() / total * multiplier) if both.any() and total != 0 else np.nan


def group_aggregates(parts: pd.DataFrame, multiplier: float = 1.0) -> pd.DataFrame:
    """aggregate, label, value, n: the group's ratio_of_sums, median and mean, each with its label.

    `n` counts the members the figure rests on: both parts present for ratio_of_sums, a member value for the
    median and mean.
    """
    members = ratio_values(parts, multiplier)
    both = int((members["numerator"].notna() & members["denominator"].notna()).sum())
    valued = members["value"].dropna()
    rows = [
        ("ratio_of_sums", ratio_of_sums(parts, multiplier), both),
        ("median", float(valued.median()) if len(valued) else np.nan, len(valued)),
        ("mean", float(valued.mean()) if len(valued) else np.nan, len(valued)),
    ]
    return pd.DataFrame(
        {
            "aggregate": [r[0] for r in rows],
            "label": [AGGREGATE_LABELS[r[0]] for r in rows],
            "value": [r[1] for r in rows],
            "n": [r[2] for r in rows],
        }
    )
