"""One indicator, one period, one peer set: the peer summary and one scored row per member.

Input (a cross-section): `entity_code, entity_name, value` — one row per member of the peer set, members
without a value included (value NaN); an optional `status` column says why a value is missing and is carried
through. Every definition is in `benchlearn.compare.scores`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from benchlearn.compare.contracts import (
    CROSS_SECTION_COLUMNS,
    as_polarity,
    numeric,
    require_columns,
    require_unique,
    sign,
)
from benchlearn.compare.scores import score_peers
from benchlearn.model import Polarity

#: the columns of `benchlearn compare --format csv`, in this order (the CLI contract of issue 3).
COMPARE_COLUMNS = (
    "entity_code", "entity_name", "value", "rank", "percentile", "z", "mad_score", "band",
    "gap_to_median", "gap_to_best", "peer_n", "peer_missing", "peer_median", "peer_mean", "peer_mad",
)


def summarise(values: pd.Series, polarity: Polarity | str) -> dict[str, Any]:
    """Peer statistics of the values: n, missing, mean, median, p25, p75, min, max, sd, mad, best.

    Missing values are excluded and counted in `missing`. p25/p75/median interpolate linearly between order
    statistics (SQL's quantile_cont); `sd` is the population sd (divisor n); `mad` = median(|x − median|),
    unscaled; `best` is the maximum, or the minimum for lower_better. With no value every statistic is NaN.
    """
    x = numeric(values).dropna()
    median = float(x.median()) if len(x) else np.nan
    lower = as_polarity(polarity) is Polarity.LOWER_BETTER
    return {
        "n": int(len(x)),
        "missing": int(values.isna().sum()),
        "mean": float(x.mean()) if len(x) else np.nan,
        "median": median,
        "p25": float(x.quantile(0.25)) if len(x) else np.nan,
        "p75": float(x.quantile(0.75)) if len(x) else np.nan,
        "min": float(x.min()) if len(x) else np.nan,
        "max": float(x.max()) if len(x) else np.nan,
        "sd": float(x.std(ddof=0)) if len(x) else np.nan,
        "mad": float((x - median).abs().median()) if len(x) else np.nan,
        "best": (float(x.min()) if lower else float(x.max())) if len(x) else np.nan,
    }


def compare_indicator(
    cross_section: pd.DataFrame, polarity: Polarity | str
) -> tuple[dict[str, Any], pd.DataFrame]:
    """(summary, table): `summarise` of the peer set, and one row per member in COMPARE_COLUMNS order
    (plus `status` when the input has it), sorted by rank (best first, ties by entity_code), members without a
    value last by entity_code. `rank` is a nullable Int64; scores are NaN where the member has no value.
    """
    require_columns(cross_section, CROSS_SECTION_COLUMNS, "cross-section")
    codes = pd.Index(cross_section["entity_code"])  # one hash table answers both questions below
    if not codes.is_unique:
        require_unique(cross_section, ["entity_code"], "cross-section")
    frame = cross_section
    if not codes.is_monotonic_increasing:
        frame = frame.sort_values("entity_code", kind="stable")
    frame = frame.reset_index(drop=True).assign(value=numeric(frame["value"]).to_numpy())
    scored = pd.concat([frame, score_peers(frame, [], sign(polarity))], axis=1)
    columns = list(COMPARE_COLUMNS) + (["status"] if "status" in frame.columns else [])
    # Rows are in code order already: a stable sort on rank alone breaks ties by code (and is cheaper).
    order = np.argsort(scored["rank"].to_numpy(dtype="float64", na_value=np.inf), kind="stable")
    table = scored[columns].take(order)
    return summarise(frame["value"], polarity), table.reset_index(drop=True)


def compare_table(cross_section: pd.DataFrame, polarity: Polarity | str) -> pd.DataFrame:
    """Exactly the COMPARE_COLUMNS of `compare_indicator`'s table (what `benchlearn compare` writes)."""
    return compare_indicator(cross_section, polarity)[1][list(COMPARE_COLUMNS)]
