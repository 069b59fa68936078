"""The improvement-action page's parts (issue 15.6): a member's actions with what happened since and each one's
trail, and the form that records an action or changes one (for whoever may: the use case checks it again)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from benchlearn.api import actions as actions_api
from benchlearn.api import analyst
from benchlearn.api import practices as practices_api
from benchlearn.api import targets as targets_api
from benchlearn.api.actions import STATES, ActionInput
from benchlearn.i18n import fmt_date, fmt_number
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.form_feedback import delete_button, reselect, save
from benchlearn.ui.pickers import entity_labels, indicator_labels
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for
from benchlearn.ui.target_progress import target_label


def _day(value: object, lang: str) -> str:
    return fmt_date(pd.Timestamp(value).date(), lang) if value is not None and pd.notna(value) else ""


def _label(ctx: PageContext, row: dict) -> str:
    return f"{row['action']} — {indicator_labels(ctx).get(row['indicator_code'], row['indicator_code'])} (#{row['id']})"


def action_list(ctx: PageContext, entity: str) -> pd.DataFrame:
    """The member's actions (due first) with the value then, the latest, the change and the target's status."""
    found = actions_api.follow_up(ctx.store, (entity,))  # read afresh: actions change without a new batch
    st.subheader(ctx.t("actions.list"))
    if found.empty:
        st.info(ctx.t("actions.none"))
        return found
    labels = indicator_labels(ctx)
    improved = {True: ctx.t("meeting.improved_since.yes"), False: ctx.t("meeting.improved_since.no")}
    shown = pd.DataFrame({
        "id": found["id"], "action": found["action"],
        "state": [ctx.t(f"actions.state.{s}") for s in found["state"]],
        "due": [_day(d, ctx.lang) for d in found["due"]], "owner": found["owner"],
        "indicator": [labels.get(c, c) for c in found["indicator_code"]], "agreed_at": found["period"],
        "gap": found["gap"],
        "value_then": [fmt_number(v, ctx.lang, 2) for v in found["value_then"]],
        "latest": [fmt_number(v, ctx.lang, 2) for v in found["latest_value"]],
        "improved": [improved.get(v, ctx.t("meeting.improved_since.none")) for v in found["improved"]],
        "target_status": [ctx.t(f"targets.status.{s}") if isinstance(s, str) else "" for s in found["target_status"]],
    }).fillna("")
    shown = shown.rename(columns={c: ctx.t(f"actions.col.{c}") for c in shown.columns})
    st.dataframe(shown, placeholder="", hide_index=True, key="actions_table")
    table_downloads(ctx, shown, f"actions_{entity}", "actions_downloads")
    rows = {row["id"]: row for row in found.to_dict("records")}
    chosen = st.selectbox(ctx.t("actions.trail_of"), list(rows), key="actions_trail",
                          format_func=labels_for(rows, lambda i: _label(ctx, rows[i])))
    trail = actions_api.trail(ctx.store, chosen)
    trail = trail.assign(changed_at=[_day(v, ctx.lang) for v in trail["changed_at"]],
                         field=[ctx.t(f"actions.field.{f}") for f in trail["field"]]).fillna("")
    st.dataframe(trail.rename(columns={c: ctx.t(f"actions.trail.{c}") for c in trail.columns}), placeholder="",
                 hide_index=True)
    return found


def _choice(ctx: PageContext, label: str, options: dict, current: object, key: str) -> object:
    keys = [None, *options]
    return st.selectbox(label, keys, index=keys.index(current) if current in keys else 0, key=key,
                        format_func=labels_for(keys, lambda k: ctx.t("actions.form.nothing") if k is None
                                               else plain(options[k])))


def action_form(ctx: PageContext, entity: str, found: pd.DataFrame) -> None:
    """Record an action for the member, or change one (state included); nothing for who may not."""
    st.subheader(ctx.t("actions.form.heading"))
    if not actions_api.writable(ctx.store, ctx.identity, entity):
        st.info(ctx.t("actions.form.not_allowed"))
        return
    rows = {row["id"]: row for row in found.to_dict("records")}
    reselect("actions", list(rows))
    chosen = st.selectbox(ctx.t("actions.form.which"), [None, *rows], key="actions_which",
                          format_func=labels_for([None, *rows], lambda i: ctx.t("actions.form.new") if i is None
                                                 else _label(ctx, rows[i])))
    current, labels = rows.get(chosen, {}), indicator_labels(ctx)
    options = ctx.call(analyst.entity_indicators, entity)
    if not options:
        st.info(ctx.t("actions.form.no_values"))
        return
    indicator = st.selectbox(ctx.t("actions.field.indicator_code"), options, key=f"actions_indicator_{chosen}",
                             index=options.index(current["indicator_code"]) if current.get("indicator_code")
                             in options else 0, format_func=labels_for(options, lambda c: plain(labels[c])))
    periods = ctx.call(analyst.entity_history, entity, (indicator,)).dropna(subset=["value"])["period"].tolist()[::-1]
    practices = practices_api.search(ctx.store, indicators=(indicator,))
    practices = dict(zip(practices["id"], practices["title"] + " — " + practices["entity_name"], strict=True))
    goals = targets_api.progress(ctx.store, (entity,), indicator)
    goals = {g["id"]: target_label(ctx, g) for g in goals.to_dict("records")}
    peers = {c: n for c, n in entity_labels(ctx).items() if c != entity}
    own = getattr(ctx.identity, "networks", ())  # the coordinator's network the action was agreed in
    network = next((n for n in actions_api.networks_of(ctx.store, entity) if n in own), None)
    with st.form(f"actions_form_{chosen}_{indicator}"):
        period = st.selectbox(ctx.t("actions.field.period"), periods or [""], index=periods.index(current["period"])
                              if current.get("period") in periods else 0)
        gap = st.text_input(ctx.t("actions.field.gap"), current.get("gap") or "", max_chars=1000)
        practice = _choice(ctx, ctx.t("actions.field.practice_id"), practices, current.get("practice_id"),
                           "actions_practice")
        peer = _choice(ctx, ctx.t("actions.field.peer_code"), peers, current.get("peer_code"), "actions_peer")
        action = st.text_area(ctx.t("actions.field.action"), current.get("action") or "", max_chars=2000)
        owner = st.text_input(ctx.t("actions.field.owner"), current.get("owner") or "", max_chars=200)
        due = st.date_input(ctx.t("actions.field.due"), pd.Timestamp(current["due"]).date()
                            if pd.notna(current.get("due")) else dt.date.today() + dt.timedelta(days=365))
        target = _choice(ctx, ctx.t("actions.field.target_id"), goals, current.get("target_id"), "actions_target")
        state = st.selectbox(ctx.t("actions.field.state"), STATES, index=STATES.index(current.get("state", "planned")),
                             format_func=labels_for(STATES, lambda s: ctx.t(f"actions.state.{s}")))
        saved = st.form_submit_button(ctx.t("actions.form.save"), type="primary")
    if saved:
        kept = current.get("network_code") if isinstance(current.get("network_code"), str) else None
        wanted = ActionInput(entity, indicator, period, action, kept or network, gap, practice, peer, owner, due,
                             target, state)
        save(ctx, "actions", "actions", chosen, lambda: actions_api.create(ctx.store, ctx.identity, wanted),
             lambda i: actions_api.update(ctx.store, ctx.identity, i, wanted))
    delete_button(ctx, "actions", "actions", chosen, lambda i: actions_api.delete(ctx.store, ctx.identity, i))
