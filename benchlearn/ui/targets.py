"""The targets page's parts: one target drawn on its trend with the planned path, and the form that sets,
changes or deletes a target (an absolute value, the peer median or the top quarter)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import analyst
from benchlearn.api import practices as practices_api
from benchlearn.api import targets as targets_api
from benchlearn.api.targets import KINDS, TargetInput
from benchlearn.charts import targets as target_charts
from benchlearn.charts.ranking import ChartText, decimals_of
from benchlearn.charts.trends import SeriesNames
from benchlearn.errors import NotFoundError
from benchlearn.i18n import localized
from benchlearn.ui import PageContext
from benchlearn.ui.form_feedback import delete_button, reselect, save
from benchlearn.ui.learn_from import entity_name
from benchlearn.ui.pickers import indicator_labels, indicator_meta, peer_options
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for
from benchlearn.ui.target_progress import target_label


def target_chart(ctx: PageContext, entity: str, spec: str, progress: pd.DataFrame) -> None:
    """The chosen target drawn on the entity's trend with the planned path, and what its status means."""
    if progress.empty:
        return
    name = entity_name(ctx, entity)
    rows = {row["id"]: row for row in progress.to_dict("records")}
    shown = st.selectbox(ctx.t("targets.show"), list(rows), key="targets_shown",
                         format_func=labels_for(rows, lambda i: target_label(ctx, rows[i])))
    target = rows[shown]
    meta = indicator_meta(ctx, target["indicator_code"])
    try:
        series = ctx.call(api.trend, entity, target["indicator_code"], target["peer_spec"] or spec)
    except NotFoundError:
        st.info(ctx.t("targets.no_trend"))
    else:
        peers = peer_options(ctx, entity).get(target["peer_spec"] or spec, target["peer_spec"] or spec)
        polarity = ctx.t(f"polarity.{meta['polarity']}")
        title = ctx.chart_t("targets.chart_title", indicator=localized(meta, "name", ctx.lang), entity=name)
        text = ChartText(title,
                         ctx.chart_t("targets.chart_subtitle", polarity=polarity, peers=peers),
                         ctx.chart_t("targets.axis", unit=meta["unit"]), ctx.t("targets.median"), ctx.lang)
        names = SeriesNames(name, ctx.t("targets.median"), ctx.t("targets.band"))
        marks = target_charts.TargetNames(ctx.t("targets.target"), ctx.t("targets.path"))
        st.plotly_chart(target_charts.target_trend(series, target, text, names, marks, decimals_of(meta)),
                        key="targets_trend")
        st.caption(ctx.t(f"targets.explain.{target['status']}"))
        if isinstance(target["actions"], str):
            st.text(target["actions"])


def target_form(ctx: PageContext, entity: str, spec: str, progress: pd.DataFrame) -> None:
    """Set a new target for the entity, or change or delete one the user may edit."""
    name, labels = entity_name(ctx, entity), indicator_labels(ctx)
    st.subheader(ctx.t("targets.form.heading"))
    if entity not in practices_api.entities_for(ctx.store, ctx.identity):
        st.info(ctx.t("targets.form.not_allowed", entity=plain(name)))
        return
    records = progress.to_dict("records")
    editable = {row["id"]: row for row in records if practices_api.may_edit(ctx.identity, row)}
    reselect("targets", list(editable))
    chosen = st.selectbox(ctx.t("targets.form.which"), [None, *editable], key="targets_which",
                          format_func=labels_for([None, *editable], lambda i: ctx.t("targets.form.new") if i is None
                                                 else target_label(ctx, editable[i])))
    current = editable.get(chosen, {})
    options = ctx.call(analyst.entity_indicators, entity)
    if not options:
        st.info(ctx.t("targets.form.no_values", entity=plain(name)))
        return
    first = options.index(current["indicator_code"]) if current.get("indicator_code") in options else 0
    indicator = st.selectbox(ctx.t("targets.field.indicator_code"), options, format_func=labels.__getitem__,
                             index=first, key=f"targets_indicator_{chosen}")
    ctx.credit([indicator])
    kind = st.radio(ctx.t("targets.field.kind"), KINDS, horizontal=True, key=f"targets_kind_{chosen}",
                    index=KINDS.index(current.get("kind", "absolute")),
                    format_func=labels_for(KINDS, lambda k: ctx.t(f"targets.kind.{k}")))
    history = ctx.call(analyst.entity_history, entity, (indicator,)).dropna(subset=["value"])
    periods = history["period"].tolist()[::-1]
    related = practices_api.search(ctx.store, indicators=(indicator,))
    practice_titles = dict(zip(related["id"], related["title"] + " — " + related["entity_name"], strict=True))
    with st.form(f"targets_form_{chosen}_{indicator}_{kind}"):
        if kind == "absolute":
            value = st.number_input(ctx.t("targets.field.value", unit=indicator_meta(ctx, indicator)["unit"]),
                                    value=float(current["value"]) if pd.notna(current.get("value"))
                                    else float(history["value"].iloc[-1]) if periods else 0.0)
        else:
            value = None
            st.caption(ctx.t("targets.form.peers", peers=plain(peer_options(ctx, entity).get(spec, spec))))
        period = st.text_input(ctx.t("targets.field.period"), current.get("period") or "", max_chars=20,
                               help=ctx.t("targets.form.period_help"))
        baseline = st.selectbox(ctx.t("targets.field.baseline_period"), periods,
                                index=periods.index(current["baseline_period"])
                                if current.get("baseline_period") in periods else 0)
        actions = st.text_area(ctx.t("targets.field.actions"), current.get("actions") or "", max_chars=5000)
        practice = st.selectbox(ctx.t("targets.field.practice_id"), [None, *practice_titles],
                                format_func=labels_for([None, *practice_titles],
                                                       lambda i: ctx.t("targets.form.no_practice") if i is None
                                                       else plain(practice_titles[i])),
                                index=[None, *practice_titles].index(current["practice_id"])
                                if current.get("practice_id") in practice_titles else 0)
        saved = st.form_submit_button(ctx.t("targets.form.save"), type="primary")
    if saved:
        peers = spec if kind != "absolute" else None
        wanted = TargetInput(entity, indicator, period, kind, value, peers, actions, practice, baseline)
        save(ctx, "targets", "targets", chosen, lambda: targets_api.create(ctx.store, ctx.identity, wanted),
             lambda i: targets_api.update(ctx.store, ctx.identity, i, wanted))
    delete_button(ctx, "targets", "targets", chosen, lambda i: targets_api.delete(ctx.store, ctx.identity, i))
