"""Explain one number: an entity's value on one indicator and period among its peers, down to the source files.

The scores are `compare_indicator`'s own (the same call `benchlearn compare` makes), so an explanation can never
disagree with the ranking it explains. Around them: the peers actually used, the peers left out and why, the
batch (file, uploader, time, sha256) that wrote each value used, any screening reason kept with the values, and
the formulas with the numbers put in. Given a store as of a batch or date (`store.as_of`, `--as-of`), it explains
the figures of that moment: the values, peers and source batches of then.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from benchlearn.api.comparisons import compare_indicator
from benchlearn.api.peers import resolve
from benchlearn.errors import NotFoundError
from benchlearn.model import PeerSpec
from benchlearn.store import Store, reads
from benchlearn.store import batches as batch_ledger
from benchlearn.store import screening as screening_flags

#: the keys of an explanation, in the order the JSON lists them
KEYS = ("entity", "indicator", "period", "peer_set", "unit", "polarity", "value", "status", "note", "n",
        "median", "mad", "mad_score", "rank", "percentile", "band", "formulas", "peers", "excluded", "sources",
        "peer_notes", "few_peers", "small", "references")


def _plain(value: Any) -> Any:
    """A JSON-ready scalar: None for NaN/NA, int for whole ranks, float for numbers, str for categories."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value if isinstance(value, (int, float)) else str(value)


def number(value: float | None) -> str:
    """A number as the formulas show it: up to 6 significant digits, a Unicode minus."""
    return "–" if value is None else f"{value:.6g}".replace("-", "−")


def _excluded(store: Store, spec: str, period: str, missing: pd.DataFrame, valid: list[str],
              minimum: float | None = None) -> list[dict]:
    # `kind` and `status` let a page say the reason in its own language
    rows = [{"entity_code": r.entity_code, "reason": f"no value (status: {r.status})", "kind": "missing",
             "status": r.status} if not r.small else
            {"entity_code": r.entity_code, "kind": "small_denominator", "status": r.status,
             "reason": f"denominator {number(r.size)} below the minimum of {number(minimum)}: shown, not ranked"}
            for r in missing.itertuples()]
    if PeerSpec.parse(spec).kind != "nearest":  # neighbours are chosen among the entities of the period already
        ended = sorted(set(resolve(store, spec).codes) - set(valid))
        rows += [{"entity_code": code, "reason": f"not valid in {period} (merged or not yet created)",
                  "kind": "not_valid", "status": None} for code in ended]
    return sorted(rows, key=lambda r: r["entity_code"])


def _sources(store: Store, meta: dict, period: str, codes: list[str]) -> list[dict]:
    parts = [meta["numerator_code"], meta["denominator_code"]]
    stored = parts if all(isinstance(p, str) and p for p in parts) else [meta["code"]]
    with store.cursor() as cur:
        frame = batch_ledger.sources(cur, stored, period, codes)
    return [{"batch_id": int(r.batch_id), "file_name": r.file_name, "user": r.user,
             "committed_at": pd.Timestamp(r.committed_at).isoformat(), "sha256": r.sha256,
             "entity_codes": list(r.entity_codes)} for r in frame.itertuples()]


def formulas(entity: str, value: float | None, summary: dict, row: dict, values: list[float]) -> dict[str, str]:
    """Each figure's definition with its numbers put in (ARCHITECTURE §8)."""
    n, median, mad = summary["n"], _plain(summary["median"]), _plain(summary["mad"])
    # a long list of values is in `peers` already; the formula lists them only while it stays readable
    listed = f" ({', '.join(number(v) for v in sorted(values))})" if len(values) <= 15 else ""
    out = {"median": f"median of the {n} peer values{listed} = {number(median)}",
           "mad": f"MAD = median(|x − {number(median)}|) over the {n} peer values = {number(mad)}"}
    if value is None:
        return out
    if row.get("rank") is None:  # shown but not ranked: its denominator is below the indicator's minimum
        return out
    score = row["mad_score"]
    out["mad_score"] = (f"({number(value)} − {number(median)}) / {number(mad)} = {number(score)}" if score is not None
                        else f"({number(value)} − {number(median)}) / {number(mad)}: no score, the MAD is 0")
    rank, pct = row["rank"], row["percentile"]
    out["rank"] = f"{entity} is number {rank} of {n} (1 = best; ties share the best rank)"
    at_least = n - rank + 1
    out["percentile"] = (f"({at_least} − 1) × 100 / ({n} − 1) = {number(pct)}: it does at least as well as "
                         f"{at_least - 1} of the {n - 1} other peers" if n > 1 else "the only valued peer: 100")
    out["band"] = f"percentile {number(pct)} → {row['band']} (top ≥ 75, upper_middle ≥ 50, lower_middle ≥ 25)"
    if pct is None:  # fewer than 5 valued peers (issue 16.2)
        out["percentile"] = out["band"] = f"no percentile or band: only {n} peers have a value (at least 5 needed)"
    return out


def explain(store: Store, entity: str, indicator: str, period: str, spec: str | None = None) -> dict:
    """The explanation of `entity`'s figures on `indicator` in `period` among the peer set `spec` (a dict, KEYS)."""
    spec = (spec or "").strip() or "all"
    with store.cursor() as cur:
        if reads.entities(cur, [entity]).empty:
            raise NotFoundError(f"there is no entity {entity!r}")
    result = compare_indicator(store, indicator, period, spec)
    table = result.table
    if entity not in set(table["entity_code"]):
        raise NotFoundError(f"{entity} is not in the peer set {spec!r} in {period}")
    # small denominators keep their value but are not ranked (issue 16.2): they are left out like missing ones
    used, missing = table[table["rank"].notna()], table[table["rank"].isna()]
    row = {k: _plain(v) for k, v in table.set_index("entity_code").loc[entity].items()}
    with store.cursor() as cur:
        notes = screening_flags.notes(cur, indicator, period).set_index("entity_code")["note"]
    summary = result.summary
    return {
        "entity": entity, "indicator": indicator, "period": period, "peer_set": spec,
        "unit": result.indicator["unit"], "polarity": result.indicator["polarity"],
        "value": row["value"], "status": row["status"], "note": notes.get(entity),
        "n": summary["n"], "median": _plain(summary["median"]), "mad": _plain(summary["mad"]),
        "mad_score": row["mad_score"], "rank": row["rank"], "percentile": row["percentile"],
        "band": None if row["value"] is None else row["band"],
        "formulas": formulas(entity, row["value"], summary, row, used["value"].tolist()),
        "peers": [{"entity_code": r.entity_code, "value": float(r.value), "status": r.status}
                  for r in used.sort_values("entity_code").itertuples()],
        "excluded": _excluded(store, spec, period, missing, result.peers.codes, summary.get("min_denominator")),
        "few_peers": bool(summary.get("few_peers")), "small": bool(row.get("small")),
        "references": result.references,
        "sources": _sources(store, result.indicator, period, used["entity_code"].tolist()),
        "peer_notes": {code: note for code, note in notes.items() if code in set(used["entity_code"])},
    }


def as_text(found: dict) -> str:
    """A readable multi-line explanation in English."""
    unit = found["unit"]
    head = (f"{found['entity']}: {found['indicator']} in {found['period']} = {number(found['value'])} {unit} "
            f"({found['status']})") if found["value"] is not None else (
            f"{found['entity']}: {found['indicator']} in {found['period']} has no value ({found['status']})")
    lines = [head, f"Peer set {found['peer_set']}: {found['n']} peers with a value "
                   f"({found['polarity'].replace('_', ' ')})."]
    if found["note"]:
        lines.append(f"Note kept with the value: {found['note']}")
    lines += ["", "How the figures are made:"] + [f"  {k}: {v}" for k, v in found["formulas"].items()]
    lines += ["", "Peers used:"] + [f"  {p['entity_code']}: {number(p['value'])} ({p['status']})"
                                    for p in found["peers"]]
    if found["excluded"]:
        lines += ["", "Left out:"] + [f"  {e['entity_code']}: {e['reason']}" for e in found["excluded"]]
    lines += ["", "Sources (the batch that wrote each value used):"]
    lines += [f"  batch {s['batch_id']}: {s['file_name']} by {s['user'] or 'unknown'} at {s['committed_at']}, "
              f"sha256 {s['sha256']} (values of {', '.join(s['entity_codes'])})" for s in found["sources"]]
    return "\n".join(lines)
