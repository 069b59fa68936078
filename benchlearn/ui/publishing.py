"""The data-calls page's publishing section (issue 15.5): what is published, what still waits, the button."""

from __future__ import annotations

import streamlit as st

from benchlearn.api import data_calls, publication
from benchlearn.errors import PermissionDenied
from benchlearn.i18n import fmt_date
from benchlearn.ui import PageContext
from benchlearn.ui.datacalls import FLASH, refused
from benchlearn.ui.form_feedback import flash


def publish_section(ctx: PageContext, call: dict) -> None:
    """The call's publications (who, when), how many values are preliminary, and the publish button."""
    network, period = call["network_code"], call["period"]
    st.subheader(ctx.t("publish.heading"))
    try:
        done = publication.publications(ctx.store, ctx.identity, network, period)
    except PermissionDenied as exc:
        refused(ctx, exc)
        return
    for row in done.itertuples(index=False):
        st.caption(ctx.t("publish.published_line", date=fmt_date(row.published_at.date(), ctx.lang),
                         time=row.published_at.strftime("%H:%M"), user=row.published_by or "-"))
    pending = int(done.attrs["pending"])
    st.write(ctx.tn("publish.pending", pending) if pending else ctx.t("publish.nothing_pending"))
    label = ctx.t("publish.republish_button" if len(done) else "publish.button")
    if st.button(label, key="datacalls_publish", type="primary", disabled=not pending and len(done) > 0):
        try:
            publication.publish(ctx.store, ctx.identity, network, period)
        except (data_calls.CallError, PermissionDenied) as exc:
            refused(ctx, exc)
            return
        flash(ctx.t("publish.done", network=network, period=period), FLASH)  # reruns the page
