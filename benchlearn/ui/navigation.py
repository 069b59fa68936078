"""The page list and the run guard: user errors are shown plainly, unexpected ones logged, never a traceback."""

from __future__ import annotations

import logging

import streamlit as st

from benchlearn.errors import BenchlearnError
from benchlearn.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

log = logging.getLogger("benchlearn.ui")

# (file, message key of its title, icon, required role or None). Protected pages also guard themselves.
PAGES: list[tuple[str, str, str, str | None]] = [
    ("pages/home.py", "home.nav", ":material/home:", None),
]


def run() -> None:
    """Build st.navigation from PAGES (hiding pages the user may not open) and run the chosen page."""
    lang = st.session_state.get("url_lang_kept") or st.query_params.get("lang") or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    identity = st.session_state.get("identity")
    role = getattr(identity, "role", None)
    pages = [
        st.Page(path, title=t(title, lang), icon=icon, default=(i == 0), url_path=path[6:-3])
        for i, (path, title, icon, need) in enumerate(PAGES)
        if need is None or role in _roles_at_least(need) or need == "login"
    ]
    page = st.navigation(pages)
    try:
        page.run()
    except BenchlearnError as exc:
        st.error(exc.message)
    except Exception:  # noqa: BLE001 — last line of defence (st.stop/rerun are BaseExceptions and pass): log the traceback, show a plain sentence
        log.exception("page %s failed", page.title)
        st.error(t("error.unexpected", lang))


def _roles_at_least(role: str) -> tuple[str, ...]:
    order = ("analyst", "coordinator", "admin")
    return order[order.index(role):] if role in order else ()
