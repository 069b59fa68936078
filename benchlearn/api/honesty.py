"""Honest small numbers in the use cases (issue 16.2): each value's denominator checked against the indicator's
minimum, profile rows re-scored where a rule applies, and the labelled reference values of a comparison.

The rules themselves live in `benchlearn.compare.honesty`; this module fetches what they need from the store.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from benchlearn import compare
from benchlearn.model import PeerSpec
from benchlearn.store import Store, denominators, reads

_PROFILE_SCORES = ("peer_median", "percentile", "band", "rank", "peer_n", "peer_missing", "gap_to_median",
                   "tied")


def has_rule(meta: dict | pd.Series) -> bool:
    """True when the indicator declares a minimum denominator."""
    value = meta.get("min_denominator")
    return value is not None and not pd.isna(value)


def with_small(store: Store, meta: dict, frame: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """`frame` (entity_code, and period unless `period` is given) with `small` (True where the value rests on a
    denominator below the indicator's minimum) and `size` (that denominator)."""
    if not has_rule(meta):
        return frame.assign(small=False, size=float("nan"))
    codes = frame["entity_code"].astype(str).unique().tolist()
    with store.cursor() as cur:
        sizes = denominators.sizes(cur, meta["code"], codes, [period] if period is not None else None)
    keys = ["entity_code"] if period is not None else ["entity_code", "period"]
    sized = frame.merge(sizes[[*keys, "size"]], on=keys, how="left")
    sized.index = frame.index
    return sized.assign(small=compare.is_small(sized["size"], meta["min_denominator"]).to_numpy())


def honest_scores(store: Store, meta: dict, frame: pd.DataFrame, period: str) -> tuple[dict, pd.DataFrame]:
    """`compare.honest_indicator` of a cross-section, its small denominators looked up."""
    sized = with_small(store, meta, frame, period)
    summary, table = compare.honest_indicator(sized, meta["polarity"])
    table["size"] = table["entity_code"].map(sized.set_index("entity_code")["size"]).to_numpy()
    return {**summary, "min_denominator": meta.get("min_denominator") if has_rule(meta) else None}, table


def honest_profile(store: Store, table: pd.DataFrame, meta: pd.DataFrame, entity: str, period: str,
                   codes: list[str]) -> pd.DataFrame:
    """The profile with the rows of indicators that declare a minimum denominator re-scored among the peers
    `codes` (their small values left out), then no percentile or band where fewer than 5 peers have a value;
    `small` says where the entity's own value is shown but not ranked."""
    out = table.assign(small=False)
    peers = codes if entity in codes else [entity, *codes]
    for row in meta[meta["code"].isin(table["indicator_code"])].to_dict("records"):
        if not has_rule(row):
            continue
        with store.cursor() as cur:
            frame = reads.cross_section(cur, row["code"], period, peers)
        _, scored = honest_scores(store, row, frame, period)
        if entity not in set(scored["entity_code"]):  # an unknown code (a crafted link): nothing to re-score
            continue
        own = scored.set_index("entity_code").loc[entity]
        at = out.index[out["indicator_code"] == row["code"]]
        for column in _PROFILE_SCORES:
            value = own["peer_median"] if column == "peer_median" else own.get(column)
            out.loc[at, column] = value
        out.loc[at, "small"] = bool(own["small"])
    return compare.honest_profile(out)


def references(store: Store, meta: dict, period: str, table: pd.DataFrame,
               spec: str | None = None) -> list[dict[str, Any]]:
    """The reference values of a comparison, each with its method and count: the peer median (n) and mean (n)
    of the ranked values (`scope` 'network' when the peer set is a network, whose mean the ranking draws), and
    for a ratio the national value of each country among the peers: Σ numerator / Σ denominator over every
    entity of that kind in the WHOLE country (`country`, n = entities with both parts), not over the peers."""
    ranked = table[table["rank"].notna()]
    values = ranked["value"]
    scope = "network" if PeerSpec.parse(spec).kind == "network" else "peers"
    out: list[dict[str, Any]] = [
        {"method": "median", "value": float(values.median()) if len(values) else None, "n": len(values)},
        {"method": "mean", "value": float(values.mean()) if len(values) else None, "n": len(values),
         "scope": scope}]
    if isinstance(meta.get("numerator_code"), str) and isinstance(meta.get("denominator_code"), str):
        out += _national(store, meta, period, table["entity_code"].tolist())
    return out


def _national(store: Store, meta: dict, period: str, codes: list[str]) -> list[dict[str, Any]]:
    """Σ numerator / Σ denominator × multiplier over each peer country's entities of the peers' kind."""
    multiplier = meta.get("multiplier")
    multiplier = 1.0 if multiplier is None or pd.isna(multiplier) else float(multiplier)
    out = []
    with store.cursor() as cur:
        peers = reads.entities(cur, codes)
        for (country, kind), _ in peers.dropna(subset=["country"]).groupby(["country", "kind"]):
            parts = reads.ratio_parts(cur, meta["code"], reads.entity_codes(cur, kind, country), period)
            both = parts.dropna(subset=["numerator", "denominator"])
            rate = compare.ratio_of_sums(parts, multiplier)
            out.append({"method": "national", "country": str(country).upper(), "n": len(both),
                        "value": None if pd.isna(rate) else rate})
    return out
