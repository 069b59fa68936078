"""Explain a composite score (issue 16.1): each component's value, how it was normalised (with the peer set's
minimum and maximum, mean and sd, or percentile), the weight given and the weight after re-normalising over the
components present, each contribution, their sum, the coverage rule and the rank; who was not scored and why.

The score, rank and contributions are `composite`'s own (the network page's call); the formulas rebuild them
from the values, so a test can check both against a hand computation.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from benchlearn.api.comparisons import composite, indicators_of
from benchlearn.api.explain import _plain, number
from benchlearn.api.explain_sources import batch_sources, with_mappings
from benchlearn.api.peers import resolve
from benchlearn.compare.composite import MIN_COVERAGE
from benchlearn.compare.contracts import sign
from benchlearn.errors import NotFoundError
from benchlearn.store import Store, reads


def _reference(values: pd.Series, method: str) -> dict:
    """The numbers a component was normalised against: the oriented min and max, or mean and sd, or n."""
    valued = values.dropna()
    if method == "minmax":
        return {"min": _plain(valued.min()), "max": _plain(valued.max())}
    if method == "z":
        return {"mean": _plain(valued.mean()), "sd": _plain(valued.std(ddof=0))}
    return {"n": int(valued.size)}


def _normalising(part: dict, method: str) -> str:
    o = part["oriented"]
    if o is None:
        return "no value"
    if method == "minmax":
        low, high = part["reference"]["min"], part["reference"]["max"]
        if high == low:
            return "all values equal → 50"
        return f"100 × ({number(o)} − {number(low)}) / ({number(high)} − {number(low)}) = {number(part['normalised'])}"
    if method == "z":
        mean, sd = part["reference"]["mean"], part["reference"]["sd"]
        if not sd:
            return "sd = 0 → 0"
        return f"({number(o)} − {number(mean)}) / {number(sd)} = {number(part['normalised'])}"
    return f"percentile among the {part['reference']['n']} valued peers = {number(part['normalised'])}"


def formulas(found: dict) -> dict[str, str]:
    """The composite's definition with its numbers put in (English; the pages write their own)."""
    parts, method = found["components"], found["method"]
    out = {f"normalised.{p['indicator_code']}": _normalising(p, method) for p in parts}
    present = [p for p in parts if p["value"] is not None]
    total = sum(p["weight_given"] for p in present)
    out["weights"] = " ; ".join(f"{p['indicator_code']}: {number(p['weight_given'])} / {number(total)} = "
                                f"{number(p['weight'])}" for p in present)
    out["coverage"] = (f"{number(total)} / {number(sum(p['weight_given'] for p in parts))} = "
                       f"{number(found['coverage'])} (scored from {number(found['min_coverage'])})")
    if found["score"] is not None:
        out["score"] = " + ".join(f"{number(p['weight'])} × {number(p['normalised'])}" for p in present) + \
            f" = {number(found['score'])}"
        out["rank"] = f"number {found['rank']} of {found['n_scored']} scored (1 = highest score; ties share)"
    return out


def explain_composite(store: Store, entity: str, period: str,
                      weights: Mapping[str, float] | tuple[tuple[str, float], ...], spec: str,
                      method: str = "minmax") -> dict:
    """`entity`'s composite score over the peer set `spec` in `period`: components, weights, contributions."""
    weights = dict(weights)
    scores, parts = composite(store, dict(weights), period, spec, method)
    if entity not in set(scores["entity_code"]):
        raise NotFoundError(f"{entity} is not in the peer set {spec!r} in {period}")
    meta = indicators_of(store).set_index("code")
    peers = resolve(store, spec, period)
    with store.cursor() as cur:
        panel = reads.panel(cur, list(weights), peers.codes, [period])
    statuses = panel.set_index(["entity_code", "indicator_code"])["status"]
    row = scores.set_index("entity_code").loc[entity]
    mine = parts[parts["entity_code"] == entity].set_index("indicator_code")
    components = []
    for code, given in weights.items():
        s = sign(meta.loc[code, "polarity"])
        oriented = parts.loc[parts["indicator_code"] == code, "value"] * s
        value = _plain(mine.loc[code, "value"])
        components.append({
            "indicator_code": code, "polarity": meta.loc[code, "polarity"], "weight_given": float(given),
            "value": value, "status": statuses.get((entity, code)),
            "oriented": None if value is None else value * s, "reference": _reference(oriented, method),
            "normalised": _plain(mine.loc[code, "normalised"]), "weight": _plain(mine.loc[code, "weight"]),
            "contribution": _plain(mine.loc[code, "contribution"])})
    unscored = scores[scores["score"].isna()]
    found = {"entity": entity, "period": period, "peer_set": spec, "method": method, "min_coverage": MIN_COVERAGE,
             "score": _plain(row["score"]), "rank": _plain(row["rank"]), "coverage": _plain(row["coverage"]),
             "n_scored": int(scores["score"].notna().sum()), "components": components,
             "unscored": [{"entity_code": r.entity_code, "coverage": float(r.coverage),
                           "reason": f"coverage {number(float(r.coverage))} < {number(MIN_COVERAGE)}"}
                          for r in unscored.itertuples()]}
    found["formulas"] = formulas(found)
    sources = [s for code in weights for s in batch_sources(store, meta.loc[code].to_dict() | {"code": code},
                                                            period, [entity])]
    found["sources"] = with_mappings(store, sources)
    return found
