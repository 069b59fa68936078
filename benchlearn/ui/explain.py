"""One figure's explanation (issue 16.1): its formulas with the numbers, peers, exclusions and source files, from
`benchlearn.api.explain` — the numbers of the ranking itself; the ranking page's Explain popover, and the body
every other page's explanations (benchlearn.ui.explain_pages) reuse."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import explain as explain_api
from benchlearn.api import value_notes
from benchlearn.api.explain_sources import with_mappings
from benchlearn.charts.ranking import band_names, reasons
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads


def with_notes(ctx: PageContext, table: pd.DataFrame, indicator: str, period: str) -> pd.DataFrame:
    """The ranking table with the municipalities' notes on their values (issue 15.4; a reason confirmed for a
    flagged value at upload is one): `note` (the text), `note_by` (own words, author, date), `note_label`."""
    # read afresh, not through the data-version cache: a note changes without a new batch
    notes = value_notes.beside(ctx.store, indicator, period, ctx.lang).set_index("entity_code")
    return table.drop(columns=["note", "note_by", "note_label"], errors="ignore").join(notes, on="entity_code")


def formula_lines(ctx: PageContext, found: dict, decimals: int) -> list[str]:
    """Each figure's formula with its numbers put in, in the page's language."""
    def num(value: float | None, places: int = decimals) -> str:
        return "–" if value is None else fmt_number(value, ctx.lang, places)

    n, median, mad = found["n"], found["median"], found["mad"]
    lines = [ctx.tn("explain.median", n, median=num(median)), ctx.t("explain.mad", median=num(median), mad=num(mad))]
    if found["value"] is None:
        return lines
    value, rank, pct = found["value"], found["rank"], found["percentile"]
    if rank is None:  # shown but not ranked: a denominator below the indicator's minimum (issue 16.2)
        return [*lines, ctx.t("explain.small")]
    lines.append(ctx.t("explain.mad_score", value=num(value), median=num(median), mad=num(mad),
                       score=num(found["mad_score"], 2)) if found["mad_score"] is not None
                 else ctx.t("explain.mad_zero"))
    lines.append(ctx.t("explain.rank", rank=rank, n=n))
    if found.get("few_peers"):  # fewer than 5 valued peers: no percentile and no band (issue 16.2)
        return [*lines, ctx.tn("explain.few_peers", n)]
    if n > 1:
        lines.append(ctx.t("explain.percentile", k=n - rank + 1, n=n, pct=num(pct, 0)))
    names = band_names(ctx.lang, found["polarity"] == "neutral")
    lines.append(ctx.t("explain.band", band=names.get(found["band"], found["band"])))
    return lines


def _rename(ctx: PageContext, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns={c: ctx.t(f"explain.col.{c}") for c in frame.columns})


def _tables(ctx: PageContext, found: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    why = reasons(ctx.lang)
    peers = pd.DataFrame(found["peers"], columns=["entity_code", "value", "status"])
    # the members' own notes on their values (a reason confirmed at upload is one), read afresh
    notes = value_notes.beside(ctx.store, found["indicator"], found["period"], ctx.lang)
    notes = dict(zip(notes["entity_code"], notes["note_label"], strict=True))
    peers = peers.assign(status=peers["status"].map(why), note=[notes.get(c, "") for c in peers["entity_code"]])
    excluded = pd.DataFrame([{"entity_code": e["entity_code"], "reason": (
        ctx.t("explain.not_valid", period=found["period"]) if e["kind"] == "not_valid"
        else ctx.t("explain.small_excluded") if e["kind"] == "small_denominator"
        else why.get(e["status"], e["status"]))} for e in found["excluded"]], columns=["entity_code", "reason"])
    return _rename(ctx, peers), _rename(ctx, excluded)


def show_sources(ctx: PageContext, store_sources: list[dict], key: str, period: str | None = None) -> None:
    """The batches that wrote the values explained: file, uploader, time, sha256, import mapping, values of."""
    st.markdown(f"**{ctx.t('explain.sources')}**")
    sources = pd.DataFrame([{"period": period} | s for s in with_mappings(ctx.store, store_sources)],
                           columns=["batch_id", "period", "file_name", "user", "committed_at", "sha256", "mapping",
                                    "entity_codes"])
    sources = sources.assign(entity_codes=sources["entity_codes"].map(", ".join),
                             mapping=sources["mapping"].map("; ".join))
    st.dataframe(_rename(ctx, sources), placeholder="", hide_index=True, key=f"{key}_sources")


def show_explanation(ctx: PageContext, found: dict, decimals: int, key: str) -> None:
    """One figure's explanation: its value, note, formulas, peers (sortable, downloadable), exclusions, sources."""
    entity, period, why = found["entity"], found["period"], reasons(ctx.lang)
    head = (ctx.t("explain.value", entity=entity, value=fmt_number(found["value"], ctx.lang, decimals),
                  unit=found["unit"], period=period, status=why[found["status"]])
            if found["value"] is not None
            else ctx.t("explain.no_value", entity=entity, period=period, status=why[found["status"]]))
    st.text(head)
    if found["note"]:
        st.text(ctx.t("explain.note", note=found["note"]))
    st.text("\n".join(formula_lines(ctx, found, decimals)))
    peers, excluded = _tables(ctx, found)
    st.markdown(f"**{ctx.t('explain.peers')}**")
    value = ctx.t("explain.col.value")
    st.dataframe(peers.style.format({value: lambda v: fmt_number(v, ctx.lang, decimals)}), placeholder="",
                 hide_index=True, key=f"{key}_peers_table")
    table_downloads(ctx, peers, f"peers_{found['indicator']}_{period}", f"{key}_peers", {value: decimals})
    if not excluded.empty:
        st.markdown(f"**{ctx.t('explain.excluded')}**")
        st.dataframe(excluded, placeholder="", hide_index=True, key=f"{key}_excluded")
    show_sources(ctx, found["sources"], key, period)


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
        show_explanation(ctx, found, decimals, "explain")
