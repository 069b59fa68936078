"""Explanations of the network view's composite score and the similar page's distances (issue 16.1): each
component or structural indicator with its numbers put in, and the source files."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn.api import explain_composite, explain_similar, networks
from benchlearn.errors import NotFoundError
from benchlearn.model import PeerSpec
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.explain import show_sources
from benchlearn.ui.explain_pages import ICON, figure_explainer, number
from benchlearn.ui.pickers import indicator_labels
from benchlearn.ui.state import labels_for


def cell_explainer(ctx: PageContext, network: str, period: str, indicators: list[str], names: dict[str, str],
                   entity: str | None, key: str) -> None:
    """The heatmap's cells (plotly cells cannot host a popover): pick a member × indicator to explain."""
    try:
        members = sorted(set(ctx.call(networks.network_values, network, period)["entity_code"]))
    except NotFoundError:
        return
    figure_explainer(ctx, {c: names.get(c, c) for c in members}, indicators, period,
                     str(PeerSpec("network", network)), key, entity)


def _component_line(ctx: PageContext, part: dict, method: str, label: str) -> str:
    def num(value: float | None) -> str:
        return number(ctx, value, 2)

    if part["oriented"] is None:
        return ctx.t("explain.composite.missing", indicator=label)
    ref, result = part["reference"], num(part["normalised"])
    if method == "minmax":
        if ref["min"] == ref["max"]:
            return ctx.t("explain.composite.equal", indicator=label, result=result)
        return ctx.t("explain.composite.minmax", indicator=label, value=num(part["oriented"]), low=num(ref["min"]),
                     high=num(ref["max"]), result=result)
    if method == "z":
        return ctx.t("explain.composite.z", indicator=label, value=num(part["oriented"]), mean=num(ref["mean"]),
                     sd=num(ref["sd"]), result=result)
    return ctx.t("explain.composite.rank", indicator=label, n=ref["n"], result=result)


def composite_lines(ctx: PageContext, found: dict) -> list[str]:
    """The composite's formulas with the numbers, in the page's language."""
    labels = indicator_labels(ctx)
    parts = found["components"]
    lines = [ctx.t("explain.composite.oriented")]
    lines += [_component_line(ctx, p, found["method"], labels.get(p["indicator_code"], p["indicator_code"]))
              for p in parts]
    present = [p for p in parts if p["value"] is not None]
    total = sum(p["weight_given"] for p in present)
    lines += [ctx.t("explain.composite.weight", indicator=labels.get(p["indicator_code"], p["indicator_code"]),
                    given=number(ctx, p["weight_given"], 2), total=number(ctx, total, 2),
                    weight=number(ctx, p["weight"], 3)) for p in present]
    lines.append(ctx.t("explain.composite.coverage", present=number(ctx, total, 2),
                       total=number(ctx, sum(p["weight_given"] for p in parts), 2),
                       coverage=number(ctx, found["coverage"], 2), min=number(ctx, found["min_coverage"], 2)))
    if found["score"] is not None:
        terms = " + ".join(f"{number(ctx, p['weight'], 3)} × {number(ctx, p['normalised'], 2)}" for p in present)
        lines += [ctx.t("explain.composite.score", terms=terms, score=number(ctx, found["score"], 2)),
                  ctx.t("explain.rank", rank=found["rank"], n=found["n_scored"])]
    if found["unscored"]:
        lines.append(ctx.t("explain.composite.unscored", min=number(ctx, found["min_coverage"], 2),
                           codes=", ".join(u["entity_code"] for u in found["unscored"])))
    return lines


def composite_explainer(ctx: PageContext, network: str, period: str, weights: tuple[tuple[str, float], ...],
                        method: str, names: dict[str, str], entity: str | None) -> None:
    """'Explain a composite score': pick a member; its components, weights, contributions and sources."""
    spec = str(PeerSpec("network", network))
    with st.popover(ctx.t("explain.composite.open"), icon=ICON):
        codes = sorted(set(ctx.call(networks.network_values, network, period)["entity_code"]))
        chosen = st.selectbox(ctx.t("pick.entity"), codes, index=codes.index(entity) if entity in codes else 0,
                              format_func=labels_for(codes, lambda c: f"{names.get(c, c)} ({c})"),
                              key="explain_composite_entity")
        try:
            found = ctx.call(explain_composite.explain_composite, chosen, period, weights, spec, method)
        except NotFoundError:
            st.info(ctx.t("explain.unavailable", entity=names.get(chosen, chosen), period=period))
            return
        st.text("\n".join(composite_lines(ctx, found)))
        table = pd.DataFrame(found["components"], columns=["indicator_code", "value", "normalised", "weight_given",
                                                           "weight", "contribution"])
        labels = indicator_labels(ctx)
        table = table.assign(indicator_code=table["indicator_code"].map(lambda c: labels.get(c, c)))
        shown = table.rename(columns={c: ctx.t(f"explain.col.{c}") for c in table.columns})
        st.dataframe(shown.style.format(precision=3, decimal="," if ctx.lang != "en" else "."), placeholder="",
                     hide_index=True, key="explain_composite_table")
        table_downloads(ctx, shown, f"composite_explained_{chosen}_{period}", "explain_composite")
        show_sources(ctx, found["sources"], "explain_composite")


def similarity_explainer(ctx: PageContext, entity: str, frame: pd.DataFrame, on: list[str],
                         weights: tuple[float, ...] | None) -> None:
    """'Explain a distance': pick a neighbour; its z-scores, weighted differences, rebasing and match."""
    others = [c for c in frame["entity_code"] if c != entity]
    if not others:
        return
    names = dict(zip(frame["entity_code"], frame["entity_name"], strict=True))
    labels = indicator_labels(ctx)
    with st.popover(ctx.t("explain.similar.open"), icon=ICON):
        other = st.selectbox(ctx.t("pick.entity"), others,
                             format_func=labels_for(others, lambda c: f"{names.get(c, c)} ({c})"),
                             key="explain_similar_other")
        found = ctx.call(explain_similar.explain_similarity, entity, other, tuple(on), weights)
        lines = [ctx.t("explain.similar.z", indicator=labels.get(t["indicator_code"], t["indicator_code"]),
                       value=number(ctx, t["other_value"], 2), mean=number(ctx, t["mean"], 2),
                       sd=number(ctx, t["sd"], 2), z=number(ctx, t["other_z"], 3), own=number(ctx, t["z"], 3))
                 for t in found["terms"]]
        terms = " + ".join(f"{number(ctx, t['weight'], 2)} × ({number(ctx, t['other_z'], 3)} − "
                           f"{number(ctx, t['z'], 3)})²" for t in found["terms"])
        lines += [ctx.t("explain.similar.d", terms=terms, d=number(ctx, found["d"], 3)),
                  ctx.t("explain.similar.distance", d=number(ctx, found["d"], 3),
                        farthest=number(ctx, found["farthest"], 3), code=found["farthest_code"] or "–",
                        distance=number(ctx, found["distance"], 3)),
                  ctx.t("explain.similar.match", distance=number(ctx, found["distance"], 3),
                        match=number(ctx, found["match"], 1))]
        st.text("\n".join(lines))
        show_sources(ctx, found["sources"], "explain_similar")
