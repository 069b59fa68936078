"""Explain a trend (issue 16.1): the change since the previous period, its percentage, the growth rate (CAGR),
the direction of travel and the gap to the peer median, each with its numbers put in, over the series the trends
page draws and the batches that wrote each of the entity's values.

The numbers are `change_summary`'s and `trend`'s own (the calls the trends page makes), so the explanation can
never disagree with the cards it explains; the formulas rebuild them from the series' values.
"""

from __future__ import annotations

from benchlearn.api.comparisons import change_summary, indicator_meta, trend
from benchlearn.api.explain import _plain, number
from benchlearn.api.explain_sources import batch_sources, value_notes, with_mappings
from benchlearn.compare.trends import STABLE_THRESHOLD, years_between
from benchlearn.model import Polarity
from benchlearn.store import Store, reads


def _series(store: Store, entity: str, indicator: str, spec: str) -> list[dict]:
    frame = trend(store, entity, indicator, spec)
    with store.cursor() as cur:
        own = reads.panel(cur, [indicator], [entity], None).set_index("period")["status"]
    return [{"period": str(r.period), "period_key": float(r.period_key), "value": _plain(r.value),
             "status": own.get(r.period), "median": _plain(r.median), "n": int(r.n),
             "gap_to_median": _plain(r.gap_to_median)} for r in frame.itertuples()]


def formulas(found: dict) -> dict[str, str]:
    """Each trend figure's definition with its numbers put in (English; the pages write their own)."""
    out: dict[str, str] = {}
    prev, last = found["previous_value"], found["last_value"]
    if found["change"] is not None:
        out["change"] = f"{number(last)} − {number(prev)} = {number(found['change'])}"
        out["change_pct"] = (f"{number(found['change'])} × 100 / |{number(prev)}| = {number(found['change_pct'])}"
                             if found["change_pct"] is not None else "no percentage: the previous value is 0")
        out["direction"] = (f"|{number(found['change'])} / {number(prev)}| vs {number(STABLE_THRESHOLD)} "
                            f"({found['polarity']}) → {found['direction']}")
    if found["cagr"] is not None:
        out["cagr"] = (f"({number(last)} / {number(found['first_value'])})^(1 / {number(found['years'])}) − 1 = "
                       f"{number(found['cagr'])}")
    gap = found["gap"]
    if gap is not None:
        sign = "× −1" if found["polarity"] == Polarity.LOWER_BETTER.value else "× 1"
        out["gap_to_median"] = (f"({number(gap['value'])} − {number(gap['median'])}) {sign} = "
                                f"{number(gap['gap_to_median'])}")
    return out


def explain_trend(store: Store, entity: str, indicator: str, spec: str | None = None) -> dict:
    """The trend figures of `entity` on `indicator` among the peer set `spec`, with formulas and sources."""
    spec = (spec or "").strip() or "all"
    meta = indicator_meta(store, indicator)
    series = _series(store, entity, indicator, spec)
    summary = change_summary(store, entity, indicator)
    valued = [s for s in series if s["value"] is not None]
    by_period = {s["period"]: s for s in series}
    last = by_period.get(summary["last"]) if summary["last"] else None
    previous = valued[valued.index(last) - 1] if last in valued and valued.index(last) > 0 else None
    first = by_period.get(summary["first"]) if summary["first"] else None
    years = years_between(first["period_key"], last["period_key"]) if first and last else None
    gapped = [s for s in series if s["gap_to_median"] is not None]
    found = {
        "entity": entity, "indicator": indicator, "peer_set": spec, "unit": meta["unit"],
        "polarity": meta["polarity"], "series": series,
        "previous_period": previous and previous["period"], "previous_value": previous and previous["value"],
        "last_period": summary["last"], "last_value": last and last["value"],
        "first_period": summary["first"], "first_value": first and first["value"], "years": years,
        "change": _plain(summary["change"]), "change_pct": _plain(summary["change_pct"]),
        "cagr": _plain(summary["cagr"]), "direction": summary["direction"], "threshold": STABLE_THRESHOLD,
        "gap": gapped[-1] if gapped else None,
    }
    found["formulas"] = formulas(found)
    sources = [s for item in valued for s in batch_sources(store, meta, item["period"], [entity])]
    found["sources"] = with_mappings(store, sources)
    found["notes"] = {item["period"]: note for item in valued
                      for note in value_notes(store, indicator, item["period"], [entity]).values()}
    return found
