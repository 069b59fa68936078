"""The network matrix: members × indicators of percentiles, for a heatmap.

Each cell is the member's percentile on that indicator among the members in the panel (definition in
`benchlearn.compare.scores`: 0–100, polarity-aware, 100 = does at least as well as every other member).
Columns follow the order of the polarities given; rows are sorted by the member's mean percentile over the
indicators it has (best first, ties by entity_code), members with no percentile at all last. Neutral
indicators say where a value lies, not how good it is, so they are left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from benchlearn.compare.contracts import numeric, polarity_series, require_columns, require_unique, signs
from benchlearn.compare.scores import score_peers
from benchlearn.errors import UsageError
from benchlearn.model import Polarity


def percentile_matrix(
    panel: pd.DataFrame, polarities: Mapping[str, Polarity | str] | pd.Series, period: str | None = None,
    include_neutral: bool = False, min_peers: int = 1,
) -> pd.DataFrame:
    """Entities (index `entity_code`, sorted as above) × indicators (columns, polarity order) of percentiles.

    `panel` holds `entity_code, indicator_code, value` for one period (or a `period` column filtered to
    `period`); `polarities` maps each indicator of the matrix to its polarity. An indicator with fewer than
    `min_peers` valued members gets no percentiles (`benchlearn.compare.honesty.MIN_PEERS` on the pages).
    """
    require_columns(panel, ("entity_code", "indicator_code", "value"), "panel")
    if period is not None:
        require_columns(panel, ("period",), "panel")
        panel = panel[panel["period"] == period]
    elif "period" in panel.columns and panel["period"].nunique() > 1:
        raise UsageError("the matrix needs one period; the panel holds several and none was chosen")
    chosen = polarity_series(polarities)
    if not include_neutral:
        chosen = chosen[chosen != Polarity.NEUTRAL.value]
    panel = panel[panel["indicator_code"].isin(chosen.index)]
    require_unique(panel, ["entity_code", "indicator_code"], "panel")
    frame = panel[["entity_code", "indicator_code"]].assign(value=numeric(panel["value"]))
    sign = signs(frame["indicator_code"].map(chosen))
    scored = score_peers(frame, ["indicator_code"], sign)
    percentile = scored["percentile"].where(scored["peer_n"] >= min_peers)
    matrix = frame.assign(percentile=percentile).pivot(index="entity_code", columns="indicator_code",
                                                       values="percentile")
    matrix = matrix.reindex(columns=[c for c in chosen.index if c in matrix.columns])
    order = pd.DataFrame({"mean": matrix.mean(axis=1), "code": matrix.index}, index=matrix.index)
    order = order.sort_values(["mean", "code"], ascending=[False, True], na_position="last", kind="stable")
    matrix = matrix.loc[order.index]
    matrix.columns.name = "indicator_code"
    return matrix
