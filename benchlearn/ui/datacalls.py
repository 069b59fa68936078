"""The data calls page's parts: open a call, pick and close one, the completeness board with a progress bar
per member, the reminder list (CSV and mailto: links) and each member's Excel template."""

from __future__ import annotations

import datetime as dt
from functools import partial
from urllib.parse import quote

import pandas as pd
import streamlit as st

from benchlearn.api import data_calls
from benchlearn.errors import PermissionDenied
from benchlearn.reports.spreadsheet import csv_bytes
from benchlearn.ui import PageContext
from benchlearn.ui.form_feedback import flash, show_flash
from benchlearn.ui.pickers import group_labels, indicator_labels, indicator_values
from benchlearn.ui.state import labels_for

EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FLASH = "datacalls"


def refused(ctx: PageContext, exc: Exception) -> None:
    """A refused action in the page's language: a call problem by its key, a refusal of rights plainly."""
    if isinstance(exc, data_calls.CallError):
        st.error(ctx.t(f"datacalls.error.{exc.key}", **exc.params))
    elif isinstance(exc, PermissionDenied):
        st.error(ctx.t("datacalls.denied"))
    else:
        raise exc


def choose_network(ctx: PageContext, networks: list[str]) -> str:
    """The network whose calls the page shows (the user's own, every network for an admin)."""
    names = group_labels(ctx)
    return st.selectbox(ctx.t("datacalls.network"), networks, key="datacalls_network",
                        format_func=labels_for(networks, partial(_name, names)))


def _name(names: dict[str, str], code: str) -> str:
    return names.get(code, code)


def open_form(ctx: PageContext, network: str) -> None:
    """The form that opens a call for the network: period, indicators, deadline and an optional message."""
    codes = data_calls.linked(ctx.store, ctx.identity, network)
    labels = indicator_labels(ctx)
    with st.expander(ctx.t("datacalls.open_header"), icon=":material/add:"), \
            st.form(f"datacalls_open_{network}", clear_on_submit=False):
        period = st.text_input(ctx.t("datacalls.period"), key="datacalls_period")
        chosen = st.multiselect(ctx.t("datacalls.indicators"), codes,
                                placeholder=ctx.t("pick.choose_options"), key="datacalls_indicators",
                                format_func=labels_for(codes, partial(_name, labels)))
        deadline = st.date_input(ctx.t("datacalls.deadline"), key="datacalls_deadline",
                                 value=dt.date.today() + dt.timedelta(days=30))
        message = st.text_area(ctx.t("datacalls.message"), key="datacalls_message", max_chars=2000)
        if not st.form_submit_button(ctx.t("datacalls.open_button")):
            return
    try:
        call = data_calls.open_call(ctx.store, ctx.identity, network, period, list(chosen), str(deadline), message)
    except (data_calls.CallError, PermissionDenied) as exc:
        refused(ctx, exc)
        return
    flash(ctx.t("datacalls.opened", network=network, period=call["period"]), FLASH)


def choose_call(ctx: PageContext, network: str) -> dict | None:
    """The network's call the board shows (newest first), with a button closing it while it is open."""
    show_flash(FLASH)
    found = data_calls.my_calls(ctx.store, ctx.identity)
    periods = found.loc[found["network_code"] == network, "period"].tolist()
    if not periods:
        st.info(ctx.t("datacalls.no_calls"))
        return None
    period = st.selectbox(ctx.t("datacalls.call"), periods, key="datacalls_call")
    call = data_calls.call_of(ctx.store, ctx.identity, network, period)
    st.caption(ctx.t("datacalls.call_line", period=period, deadline=str(call["deadline"]),
                     state=ctx.t(f"datacalls.call_state.{call['state']}"),
                     indicators=", ".join(call["indicators"])))
    if call["message"]:
        st.text(call["message"])
    if call["state"] == "open" and st.button(ctx.t("datacalls.close_button"), key="datacalls_close"):
        try:
            data_calls.close_call(ctx.store, ctx.identity, network, period)
        except (data_calls.CallError, PermissionDenied) as exc:
            refused(ctx, exc)
            return call
        flash(ctx.t("datacalls.closed", network=network, period=period), FLASH)
    return call


def board(ctx: PageContext, call: dict, today: dt.date | None = None) -> pd.DataFrame:
    """The completeness board: a progress bar per member ("late" after the deadline) and the cells' table."""
    cells = data_calls.completeness(ctx.store, ctx.identity, call["network_code"], call["period"])
    st.subheader(ctx.t("datacalls.board"))
    members = data_calls.progress(cells, call["deadline"], today or dt.date.today())
    for row in members.to_dict("records"):
        late = f" — {ctx.t('datacalls.late')}" if row["late"] else ""
        st.progress(float(row["share"]), text=ctx.t("datacalls.progress", name=row["entity_name"] or row[
            "entity_code"], done=int(row["done"]), total=int(row["total"])) + late)
    shown = cells.assign(state=cells["state"].map(lambda s: ctx.t(f"datacalls.state.{s}")),
                         value=indicator_values(ctx, cells["indicator_code"], cells["value"]))
    columns = {"entity_code": "datacalls.col.code", "entity_name": "datacalls.col.member",
               "indicator_code": "datacalls.col.indicator", "state": "datacalls.col.state",
               "value": "datacalls.col.value", "submitted_by": "datacalls.col.by",
               "submitted_at": "datacalls.col.at", "reasons": "datacalls.col.reasons"}
    st.dataframe(shown[list(columns)].rename(columns={k: ctx.t(v) for k, v in columns.items()}),
                 placeholder="", hide_index=True, key="datacalls_cells")
    return cells


def reminder_list(ctx: PageContext, call: dict, cells: pd.DataFrame) -> None:
    """Who owes what, as a table with a mailto: link per member and a CSV download (no e-mail addresses are
    stored yet: the link opens a message with the member and what it owes filled in, the address left empty)."""
    st.subheader(ctx.t("datacalls.reminders"))
    owed = data_calls.reminders(cells)
    if owed.empty:
        st.success(ctx.t("datacalls.none_owed"))
        return
    owed["mail"] = [_mailto(ctx, call, name or code, missing)
                    for code, name, missing in owed[["entity_code", "entity_name", "missing"]].itertuples(index=False)]
    names = {"entity_code": ctx.t("datacalls.col.code"), "entity_name": ctx.t("datacalls.col.member"),
             "missing": ctx.t("datacalls.col.missing"), "mail": ctx.t("datacalls.col.mail")}
    table = owed.rename(columns=names)
    st.dataframe(table, placeholder="", hide_index=True, key="datacalls_reminders", column_config={
        names["mail"]: st.column_config.LinkColumn(display_text=ctx.t("datacalls.remind"))})
    st.download_button(ctx.t("datacalls.reminders_csv"), partial(csv_bytes, table.drop(columns=names["mail"]),
                                                                 (), ctx.lang),
                       file_name=f"reminders_{call['network_code']}_{call['period']}.csv", mime="text/csv",
                       key="datacalls_reminders_csv", icon=":material/download:", on_click="ignore")


def _mailto(ctx: PageContext, call: dict, name: str, missing: str) -> str:
    subject = ctx.t("datacalls.mail_subject", network=call["network_code"], period=call["period"], name=name)
    body = ctx.t("datacalls.mail_body", indicators=missing, period=call["period"], deadline=str(call["deadline"]))
    return f"mailto:?subject={quote(subject)}&body={quote(body)}"


def template_download(ctx: PageContext, call: dict, cells: pd.DataFrame) -> None:
    """A member's Excel template of the call, made when the button is pressed."""
    st.subheader(ctx.t("datacalls.template_header"))
    members = cells.drop_duplicates("entity_code")
    names = dict(zip(members["entity_code"], members["entity_name"].fillna(members["entity_code"]), strict=True))
    codes = list(names)
    entity = st.selectbox(ctx.t("datacalls.member"), codes, key="datacalls_member",
                          format_func=labels_for(codes, partial(_name, names)))
    if entity is None:
        return
    st.download_button(ctx.t("datacalls.template_button"),
                       partial(_template, ctx.store, ctx.identity, call["network_code"], call["period"], entity,
                               ctx.lang),
                       file_name=f"{call['network_code']}_{call['period']}_{entity}.xlsx", mime=EXCEL_MIME,
                       key="datacalls_template", icon=":material/download:", on_click="ignore")


def _template(store: object, identity: object, network: str, period: str, entity: str, lang: str) -> bytes:
    return data_calls.template_of(store, identity, network, period, entity, lang)[1]
