"""The "Explain" popover of the ranking page: the chosen municipality's figures with their formulas, peers,
exclusions and source files (issue 16.1), from `benchlearn.api.explain` — the numbers of the ranking itself."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import explain as explain_api
from benchlearn.api import screening
from benchlearn.charts.ranking import band_names, reasons
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads


def with_notes(ctx: PageContext, table: pd.DataFrame, indicator: str, period: str) -> pd.DataFrame:
    """The ranking table with a `note` column: the reasons confirmed for flagged values at upload."""
    notes = ctx.call(screening.notes, indicator, period)
    return table.assign(note=table["entity_code"].map(dict(zip(notes["entity_code"], notes["note"], strict=True))))


def formula_lines(ctx: PageContext, found: dict, decimals: int) -> list[str]:
    """Each figure's formula with its numbers put in, in the page's language."""
    def num(value: float | None, places: int = decimals) -> str:
        return "–" if value is None else fmt_number(value, ctx.lang, places)

    n, median, mad = found["n"], found["median"], found["mad"]
    lines = [ctx.tn("explain.median", n, median=num(median)), ctx.t("explain.mad", median=num(median), mad=num(mad))]
    if found["value"] is None:
        return lines
    value, rank, pct = found["value"], found["rank"], found["percentile"]
    lines.append(ctx.t("explain.mad_score", value=num(value), median=num(median), mad=num(mad),
                       score=num(found["mad_score"], 2)) if found["mad_score"] is not None
                 else ctx.t("explain.mad_zero"))
    lines.append(ctx.t("explain.rank", rank=rank, n=n))
    if n > 1:
        lines.append(ctx.t("explain.percentile", k=n - rank + 1, n=n, pct=num(pct, 0)))
    names = band_names(ctx.lang, found["polarity"] == "neutral")
    lines.append(ctx.t("explain.band", band=names.get(found["band"], found["band"])))
    return lines


def _tables(ctx: PageContext, found: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    why = reasons(ctx.lang)
    peers = pd.DataFrame(found["peers"], columns=["entity_code", "value", "status"])
    peers = peers.assign(status=peers["status"].map(why))
    excluded = pd.DataFrame([{"entity_code": e["entity_code"], "reason": (
        ctx.t("explain.not_valid", period=found["period"]) if e["kind"] == "not_valid"
        else why.get(e["status"], e["status"]))} for e in found["excluded"]], columns=["entity_code", "reason"])
    sources = pd.DataFrame(found["sources"], columns=["batch_id", "file_name", "user", "committed_at", "sha256",
                                                      "entity_codes"])
    sources = sources.assign(entity_codes=sources["entity_codes"].map(", ".join))
    rename = {c: ctx.t(f"explain.col.{c}") for c in ("entity_code", "value", "status", "reason", "batch_id",
                                                      "file_name", "user", "committed_at", "sha256", "entity_codes")}
    return peers.rename(columns=rename), excluded.rename(columns=rename), sources.rename(columns=rename)


def explain_panel(ctx: PageContext, entity: str | None, indicator: str, period: str, spec: str,
                  decimals: int) -> None:
    """The definitions caption, and for a chosen member of the peer set an Explain popover with its figures."""
    st.caption(ctx.t("ranking.definitions"))
    if not entity:
        return
    try:
        found = ctx.call(explain_api.explain, entity, indicator, period, spec)
    except NotFoundError:  # not in the peer set: the page has said so already
        return
    with st.popover(ctx.t("explain.open", entity=entity), icon=":material/calculate:"):
        head = (ctx.t("explain.value", entity=entity, value=fmt_number(found["value"], ctx.lang, decimals),
                      unit=found["unit"], period=period, status=reasons(ctx.lang)[found["status"]])
                if found["value"] is not None
                else ctx.t("explain.no_value", entity=entity, period=period, status=reasons(ctx.lang)[found["status"]]))
        st.text(head)
        if found["note"]:
            st.text(ctx.t("explain.note", note=found["note"]))
        st.text("\n".join(formula_lines(ctx, found, decimals)))
        peers, excluded, sources = _tables(ctx, found)
        st.markdown(f"**{ctx.t('explain.peers')}**")
        value = ctx.t("explain.col.value")
        st.dataframe(peers.style.format({value: lambda v: fmt_number(v, ctx.lang, decimals)}), hide_index=True)
        table_downloads(ctx, peers, f"peers_{indicator}_{period}", "explain_peers", {value: decimals})
        if not excluded.empty:
            st.markdown(f"**{ctx.t('explain.excluded')}**")
            st.dataframe(excluded, hide_index=True)
        st.markdown(f"**{ctx.t('explain.sources')}**")
        st.dataframe(sources, hide_index=True)
