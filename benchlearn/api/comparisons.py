"""Use cases of comparing: one indicator across a peer set, with the slice taken in DuckDB and scored in pandas."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from benchlearn import compare
from benchlearn.api.peers import PeerSet, resolve
from benchlearn.errors import NotFoundError
from benchlearn.store import Store, reads


@dataclass
class Comparison:
    """One indicator, one period, one peer set: the summary, one row per peer, the indicator's metadata."""

    indicator: dict
    period: str
    peers: PeerSet
    summary: dict
    table: pd.DataFrame


def indicator_meta(store: Store, code: str) -> dict:
    """An indicator's metadata row as a dict, or NotFoundError."""
    with store.cursor() as cur:
        found = reads.indicators(cur, [code])
    if found.empty:
        raise NotFoundError(f"there is no indicator {code!r}")
    return found.iloc[0].to_dict()


def cross_section(store: Store, indicator: str, period: str, codes: list[str]) -> pd.DataFrame:
    """entity_code, entity_name, value, status for every peer (peers without a value keep a row)."""
    with store.cursor() as cur:
        values = reads.panel(cur, [indicator], codes, [period])
        names = reads.entities(cur, codes)[["code", "name"]]
    frame = names.rename(columns={"code": "entity_code", "name": "entity_name"})
    frame = frame.merge(values[["entity_code", "value", "status"]], on="entity_code", how="left")
    frame["status"] = frame["status"].fillna("not_available")
    return frame


def compare_indicator(store: Store, indicator: str, period: str, spec: str | None = None) -> Comparison:
    """Score every member of the peer set on one indicator and period (ARCHITECTURE §8 definitions)."""
    meta = indicator_meta(store, indicator)
    with store.cursor() as cur:
        has = reads.panel(cur, [indicator], None, [period])
    if has["value"].notna().sum() == 0:
        raise NotFoundError(f"no data for {indicator} in period {period!r}")
    peers = resolve(store, spec, period)
    frame = cross_section(store, indicator, period, peers.codes)
    summary, table = compare.compare_indicator(frame, meta["polarity"])
    return Comparison(meta, period, peers, summary, table)
