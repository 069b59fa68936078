"""What a user sees when a page run fails: a plain message in their language, never Streamlit's error box.

dashboard.py runs every page inside `navigation.run()`, which catches what the page raises. A page can also run
without it: while no session has run dashboard.py yet, a visit straight to a page URL runs the page file alone
(ARCHITECTURE §4). So `page_setup()` installs the same handler as the script run's error handler
(`on_script_error` of Streamlit's run context, which Streamlit calls for an uncaught exception before it would
draw its own box, and which tells it the error has been shown). Both paths go through `show_failure`.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from benchlearn.errors import BenchlearnError, ServerUnavailable
from benchlearn.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from benchlearn.ui.plain_text import plain

log = logging.getLogger("benchlearn.ui")


class StoreUnavailable(Exception):  # noqa: N818 — reads as what happened, like Streamlit's StopException
    """The store could not be opened. Its own message names server paths: it goes to the log, not the page."""


def requested_language() -> str:
    """The language of this run as the session or the URL asks for it (before any widget is drawn)."""
    lang = (st.session_state.get("url_lang") or st.session_state.get("url_lang_kept") or st.query_params.get("lang")
            or DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def show_failure(exc: BaseException, lang: str, page: str, *, logged: bool = False) -> None:
    """Show why the run of `page` stopped: a user error's own message, else the generic one (details logged)."""
    if isinstance(exc, ServerUnavailable) or isinstance(exc.__cause__, ServerUnavailable):
        # a deployment's state, not a bug: said plainly in the user's language; the log keeps one line
        log.warning("page %s: %s", page, exc.__cause__ if isinstance(exc.__cause__, ServerUnavailable) else exc)
        st.error(t("error.server_unavailable", lang))
        return
    if isinstance(exc, BenchlearnError):
        st.error(plain(exc.message))  # plain text that may quote a user's value: no markdown in it
        return
    if not logged:
        log.error("page %s failed", page, exc_info=exc)
    st.error(t("error.unexpected", lang))


def _on_script_error(exc: Exception) -> bool:
    # Streamlit has logged the traceback already; True = shown, so it draws no box of its own
    run = get_script_run_ctx()
    show_failure(exc, requested_language(), run.main_script_path if run else "?", logged=True)
    return True


def install_handler() -> None:
    """Make this script run show failures as dashboard.py does, however the page was started."""
    run = get_script_run_ctx()
    if run is not None:
        run.on_script_error = _on_script_error
