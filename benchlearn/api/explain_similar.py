"""Explain a similarity distance (issue 16.1): each structural indicator's values for the two municipalities,
their z-scores over the comparison set (mean and population sd), the weighted squared differences, their sum,
the root, the farthest member's distance it is rebased on, and the match score — with the numbers put in.

The comparison set and periods are `nearest_table`'s (the similar page's call): entities of the same kind and
country, each indicator at the target's latest period; see benchlearn.compare.neighbours for the method.
"""

from __future__ import annotations

import math

import numpy as np

from benchlearn.api.explain import _plain, number
from benchlearn.api.explain_sources import batch_sources, with_mappings
from benchlearn.compare.neighbours import standardise
from benchlearn.errors import NotFoundError
from benchlearn.store import Store, reads


def _structural(store: Store, entity: str, on: list[str]) -> tuple:
    with store.cursor() as cur:
        row = reads.entities(cur, [entity])
        if row.empty:
            raise NotFoundError(f"there is no entity {entity!r}")
        own = reads.panel(cur, on, [entity], None).dropna(subset=["value"])
        if own.empty:
            raise NotFoundError(f"{entity} has no values for the structural indicators {', '.join(on)}")
        latest = own.loc[own.groupby("indicator_code")["period_key"].idxmax(), ["indicator_code", "period"]]
        periods = dict(zip(latest["indicator_code"], latest["period"], strict=True))
        table = reads.structural(cur, periods, row["kind"].iloc[0], row["country"].iloc[0])
        meta = reads.indicators(cur, list(table.columns)).set_index("code")
    return table, periods, meta


def explain_similarity(store: Store, entity: str, other: str, on: list[str] | tuple[str, ...],
                       weights: list[float] | tuple[float, ...] | None = None) -> dict:
    """How far `other` is from `entity` on the structural indicators `on` (optionally weighted)."""
    on = list(on)
    table, periods, meta = _structural(store, entity, on)
    if other not in table.index:
        raise NotFoundError(f"{other} is not among the entities with structural data")
    given = dict(zip(on, weights, strict=True)) if weights else {}
    z = standardise(table)
    w = np.array([float(given.get(c, 1.0)) for c in table.columns])
    d_all = np.sqrt((((z - z.loc[entity]) ** 2) * w).sum(axis=1)).drop(index=entity)
    farthest = float(d_all.max()) if len(d_all) else 0.0
    terms = []
    for column, weight in zip(table.columns, w, strict=True):
        x = table[column].astype("float64")
        terms.append({"indicator_code": column, "period": periods[column], "unit": meta.loc[column, "unit"],
                      "value": _plain(x[entity]), "other_value": _plain(x[other]), "mean": _plain(x.mean()),
                      "sd": _plain(x.std(ddof=0)), "z": float(z.loc[entity, column]),
                      "other_z": float(z.loc[other, column]), "weight": float(weight),
                      "term": float(weight * (z.loc[other, column] - z.loc[entity, column]) ** 2)})
    d = math.sqrt(sum(t["term"] for t in terms))
    distance = d / farthest if farthest > 0 else 0.0
    found = {"entity": entity, "other": other, "n": len(table), "terms": terms, "d": d, "farthest": farthest,
             "farthest_code": str(d_all.idxmax()) if len(d_all) else None, "distance": distance,
             "match": 100 * (1 - distance)}
    found["formulas"] = {
        "z": " ; ".join(f"{t['indicator_code']}: z = ({number(t['other_value'])} − {number(t['mean'])}) / "
                        f"{number(t['sd'])} = {number(t['other_z'])}" for t in terms),
        "d": "d = √(" + " + ".join(f"{number(t['weight'])} × ({number(t['other_z'])} − {number(t['z'])})²"
                                   for t in terms) + f") = {number(d)}",
        "distance": f"distance = {number(d)} / {number(farthest)} = {number(distance)}",
        "match": f"match = 100 × (1 − {number(distance)}) = {number(found['match'])}"}
    sources = [s for t in terms for s in batch_sources(store, meta.loc[t["indicator_code"]].to_dict()
                                                       | {"code": t["indicator_code"]}, t["period"], [entity, other])]
    found["sources"] = with_mappings(store, sources)
    return found
