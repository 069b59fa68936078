"""The indicator catalogue: every indicator's metadata with its coverage and the networks that use it.

Coverage counts values, not rows: an observation whose status says why it is missing does not count. A
derived indicator (numerator / denominator × multiplier) is covered where both parts have a value and the
denominator is not zero, as `benchlearn.store.reads.panel` computes it.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.store import Store, reads
from benchlearn.store import catalogue as catalogue_rows
from benchlearn.text import fold

COVERAGE_COLUMNS = ("periods", "first_period", "last_period", "entities")
SEARCHED = ("code", "name_en", "name_lt", "name_lv", "description")

def catalogue(store: Store) -> pd.DataFrame:
    """Indicator metadata plus periods, first_period, last_period, entities (with a value) and networks."""
    with store.cursor() as cur:
        meta = reads.indicators(cur)
        stored = catalogue_rows.stored_coverage(cur)
        derived = catalogue_rows.derived_coverage(cur)
        networks = catalogue_rows.networks_using(cur)
    is_derived = meta["numerator_code"].notna() & meta["denominator_code"].notna()
    coverage = pd.concat([
        stored[stored["indicator_code"].isin(meta.loc[~is_derived, "code"])],
        derived[derived["indicator_code"].isin(meta.loc[is_derived, "code"])],
    ], ignore_index=True)
    out = meta.merge(coverage.rename(columns={"indicator_code": "code"}), on="code", how="left")
    out = out.merge(networks.rename(columns={"indicator_code": "code"}), on="code", how="left")
    for column in ("periods", "entities"):
        out[column] = out[column].fillna(0).astype("int64")
    out["networks"] = out["networks"].fillna("")
    return out


def matching(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """The rows whose code, name (any language) or definition holds `text`, ignoring case, diacritics and how
    white space is written (benchlearn.text.fold, as practice search)."""
    wanted = fold(text)
    if not wanted:
        return frame
    haystack = frame[[c for c in SEARCHED if c in frame.columns]].fillna("").astype(str).agg(" ".join, axis=1)
    return frame[haystack.map(lambda value: wanted in fold(value))]
