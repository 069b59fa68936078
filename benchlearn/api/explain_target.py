"""Explain a target's status (issue 16.1): how the target value T was fixed (the value given, or the peers'
median or best-quarter edge with the peers and their values), the planned path from the baseline to T at the
latest period, the gap, the share of the way covered, and the rule that gave the status — each with its numbers
put in — and the batch that wrote the latest value.

The status and numbers are `targets.progress`'s own (the targets page's call); see benchlearn.compare.targets
for the definitions.
"""

from __future__ import annotations

from benchlearn.api import targets
from benchlearn.api.comparisons import compare_indicator, indicator_meta
from benchlearn.api.explain import _plain, number
from benchlearn.api.explain_sources import batch_sources, value_notes, with_mappings
from benchlearn.compare.targets import better_sign
from benchlearn.errors import BenchlearnError, NotFoundError
from benchlearn.model import Polarity
from benchlearn.store import Store


def _peers(store: Store, target: dict, period: str | None) -> list[dict]:
    if target["kind"] == "absolute" or period is None:
        return []
    try:
        table = compare_indicator(store, target["indicator_code"], period, target["peer_spec"]).table
    except BenchlearnError:  # the peer set or its data is gone: the status says pending
        return []
    valued = table[table["value"].notna()].sort_values("entity_code")
    return [{"entity_code": r.entity_code, "value": float(r.value), "status": r.status} for r in valued.itertuples()]


def formulas(found: dict) -> dict[str, str]:
    """The target's definition with its numbers put in (English; the pages write their own)."""
    t, b, v = found["target_value"], found["baseline_value"], found["latest_value"]
    kind, n = found["kind"], len(found["peers"])
    quantile = "25th" if found["polarity"] == Polarity.LOWER_BETTER.value else "75th"
    out = {"target_value": {"absolute": f"T = {number(t)} (given)",
                            "peer_median": f"T = median of the {n} peer values = {number(t)}",
                            "top_quartile": f"T = {quantile} percentile of the {n} peer values = {number(t)}"}[kind]}
    if found["status"] == "pending":
        out["status"] = "pending: no value after the baseline yet, or no target value"
        return out
    kb, kt, kv = found["baseline_key"], found["target_key"], found["latest_key"]
    out["expected"] = (f"L = {number(b)} + ({number(t)} − {number(b)}) × ({number(kv)} − {number(kb)}) / "
                       f"({number(kt)} − {number(kb)}) = {number(found['expected'])}")
    s = found["sign"]
    out["gap"] = f"({number(v)} − {number(t)}) × {number(s)} = {number(found['gap'])}"
    out["share"] = (f"({number(v)} − {number(b)}) × 100 / ({number(t)} − {number(b)}) = {number(found['share'])}"
                    if t != b else f"T = B: {number(found['share'])}")
    out["status"] = {"met": f"gap {number(found['gap'])} ≥ 0 → met",
                     "on_track": f"gap < 0, {found['latest_period']} before {found['period']} and "
                                 f"({number(v)} − {number(found['expected'])}) × {number(s)} ≥ 0 → on track",
                     "behind": "gap < 0 and below the planned path or the target period reached → behind"
                     }[found["status"]]
    return out


def explain_target(store: Store, target_id: int) -> dict:
    """One target's status with the numbers that make it, the peers behind a relative T, and the sources."""
    target = targets.get(store, target_id)
    progress = targets.progress(store, (target["entity_code"],), target["indicator_code"])
    rows = progress[progress["id"] == target_id]
    if rows.empty:
        raise NotFoundError(f"there is no target {target_id}")
    row = {k: _plain(v) for k, v in rows.iloc[0].to_dict().items()}
    found = {key: row.get(key) for key in (
        "entity_code", "indicator_code", "period", "kind", "value", "peer_spec", "baseline_period",
        "baseline_value", "baseline_key", "target_key", "latest_period", "latest_key", "latest_value",
        "target_value", "expected", "gap", "share", "status", "polarity", "unit")}
    found["id"] = target_id
    found["sign"] = (better_sign(found["polarity"], found["baseline_value"], found["target_value"])
                     if found["target_value"] is not None else None)
    found["peers"] = _peers(store, target, found["latest_period"])
    found["formulas"] = formulas(found)
    sources = []
    notes: dict[str, str] = {}
    if found["latest_period"]:
        meta = indicator_meta(store, found["indicator_code"])
        sources = batch_sources(store, meta, found["latest_period"], [found["entity_code"]])
        notes = value_notes(store, found["indicator_code"], found["latest_period"], [found["entity_code"]])
    found["sources"] = with_mappings(store, sources)
    found["notes"] = notes
    return found
