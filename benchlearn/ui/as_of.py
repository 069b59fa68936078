"""Time travel on every page: `?as_of=BATCH|YYYY-MM-DD[THH:MM]` shows the store as it was then (issue 16.3).

The choice lives in the URL, so a link reproduces a meeting's figures, and in the session, so it follows the
user from page to page like the other choices; a banner says which moment is shown and offers the way back.
"""

from __future__ import annotations

import streamlit as st

from benchlearn.api import changes
from benchlearn.errors import BenchlearnError
from benchlearn.i18n import fmt_date
from benchlearn.ui import PageContext
from benchlearn.ui.plain_text import plain

KEY = "as_of"
_KEPT = "as_of_kept"


def requested() -> str:
    """The moment asked for: the URL's `as_of`, else the one kept from an earlier page ('' = now)."""
    wanted = st.query_params.get(KEY)
    return (wanted if wanted is not None else st.session_state.get(_KEPT, "") or "").strip()


def back_to_now() -> None:
    """Forget the moment (a button's callback): the next run shows the store as it is now."""
    st.query_params.pop(KEY, None)
    st.session_state.pop(_KEPT, None)


def when(ctx: PageContext, moment: object, with_time: bool = True) -> str:
    """A batch's or a cut's time as the language writes the date, with the hour and minute."""
    date = fmt_date(moment.date(), ctx.lang)
    return f"{date} {moment:%H:%M}" if with_time else date


def travel(ctx: PageContext) -> None:
    """Point `ctx` at the store as of the requested moment and draw the banner (nothing when it is now)."""
    given = st.query_params.get(KEY)
    if given is not None and not given.strip():  # a link's explicit empty `as_of=`: back to now
        back_to_now()
    text = requested()
    if not text:
        return
    try:
        ctx.store = changes.past(ctx.store, text)
    except BenchlearnError:  # the URL is anyone's text: say so and show now
        st.warning(ctx.t("link.bad_value", name=KEY, value=plain(text)))
        back_to_now()
        return
    ctx.as_of = text
    st.session_state[_KEPT] = text
    st.query_params[KEY] = text
    point = ctx.store.point
    if point.by_batch:
        message = ctx.t("as_of.banner_batch", batch=point.batch_id, when=when(ctx, point.cut_at))
    else:
        message = ctx.t("as_of.banner_date", when=when(ctx, point.cut_at, "T" in text or " " in text))
    st.info(message, icon=":material/history:")
    st.button(ctx.t("as_of.back"), key="as_of_back", on_click=back_to_now, icon=":material/update:")
