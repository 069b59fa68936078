"""The data calls page as a member account sees it (issue 15.1–2): its networks' open calls, each with its
deadline and message, the state of its own cells, its personal Excel template and a link to the upload page.
The use cases (`api.data_calls.member_calls`, `member_cells`, `template_of`) check the account again."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from benchlearn.api import data_calls
from benchlearn.i18n import fmt_date
from benchlearn.ui import PageContext
from benchlearn.ui.datacalls import EXCEL_MIME
from benchlearn.ui.navigation import page_link
from benchlearn.ui.pickers import group_labels, indicator_labels, indicator_values
from benchlearn.ui.state import labels_for


def _choice(labels: dict[int, str], index: int) -> str:
    return labels[index]


def choose_own_call(ctx: PageContext) -> dict | None:
    """The member's open call the page shows (None, with a note, when it has none)."""
    found = data_calls.member_calls(ctx.store, ctx.identity)
    if found.empty:
        st.info(ctx.t("datacalls.member.none"))
        return None
    names = group_labels(ctx)
    labels = {i: ctx.t("datacalls.member.call_label", network=names.get(n, n), period=p)
              for i, (n, p) in enumerate(zip(found["network_code"], found["period"], strict=True))}
    options = list(labels)
    index = st.selectbox(ctx.t("datacalls.call"), options, key="datacalls_my_call",
                         format_func=labels_for(options, partial(_choice, labels)))
    return None if index is None else found.iloc[int(index)].to_dict()


def own_cells(ctx: PageContext, call: dict, today: dt.date | None = None) -> pd.DataFrame:
    """The call's deadline and message, then the member's progress ("late" after the deadline) and cells."""
    deadline = pd.Timestamp(call["deadline"]).date()
    st.caption(ctx.t("datacalls.member.deadline", deadline=fmt_date(deadline, ctx.lang)))
    if isinstance(call["message"], str) and call["message"]:
        st.text(call["message"])  # the coordinator's words, shown as plain text
    cells = data_calls.member_cells(ctx.store, ctx.identity, call["network_code"], call["period"])
    done = int((cells["state"] != "missing").sum())
    late = f" — {ctx.t('datacalls.late')}" if done < len(cells) and (today or dt.date.today()) > deadline else ""
    st.progress(done / len(cells) if len(cells) else 1.0,
                text=ctx.t("datacalls.member.progress", done=done, total=len(cells)) + late)
    labels = indicator_labels(ctx)
    shown = pd.DataFrame({
        ctx.t("datacalls.col.indicator"): [labels.get(c, c) for c in cells["indicator_code"]],
        ctx.t("datacalls.col.state"): [ctx.t(f"datacalls.state.{s}") for s in cells["state"]],
        ctx.t("datacalls.col.value"): indicator_values(ctx, cells["indicator_code"], cells["value"]),
        ctx.t("datacalls.col.by"): cells["submitted_by"].fillna("").astype(str),
        ctx.t("datacalls.col.reasons"): cells["reasons"].fillna("").astype(str)})
    st.dataframe(shown, placeholder="", hide_index=True, key="datacalls_my_cells")
    return cells


def own_template(ctx: PageContext, call: dict) -> None:
    """The member's own template of the call, made when the button is pressed, and the way to send it back."""
    st.subheader(ctx.t("datacalls.member.template_header"))
    entity = ctx.identity.entity_code
    st.download_button(ctx.t("datacalls.template_button"),
                       partial(_template, ctx.store, ctx.identity, call["network_code"], call["period"], entity,
                               ctx.lang),
                       file_name=f"{call['network_code']}_{call['period']}_{entity}.xlsx", mime=EXCEL_MIME,
                       key="datacalls_my_template", icon=":material/download:", on_click="ignore")
    st.caption(ctx.t("datacalls.member.template_help"))
    page_link("pages/upload.py", label=ctx.t("datacalls.member.upload_link"), icon=":material/upload:")


def _template(store: object, identity: object, network: str, period: str, entity: str, lang: str) -> bytes:
    return data_calls.template_of(store, identity, network, period, entity, lang)[1]


def member_view(ctx: PageContext) -> None:
    """The whole member's view: choose an open call, see its cells, download the template, go upload."""
    st.caption(ctx.t("datacalls.member.intro"))
    call = choose_own_call(ctx)
    if call is None:
        return
    own_cells(ctx, call)
    own_template(ctx, call)
