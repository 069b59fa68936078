"""The page list and the run guard: user errors are shown plainly, unexpected ones logged, never a traceback."""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError
from streamlit.runtime.scriptrunner import get_script_run_ctx

from benchlearn.i18n import t
from benchlearn.ui.collector import freeze_long_lived_heap
from benchlearn.ui.failures import requested_language, show_failure

ROOT = Path(__file__).resolve().parents[2]

# section key → [(file, title key, icon, role needed to SEE it in the menu)]. Protected pages also guard
# themselves inside the page (ARCHITECTURE §4); the menu only hides what a user cannot open.
SECTIONS: dict[str, list[tuple[str, str, str, str | None]]] = {
    "nav.compare": [
        ("pages/home.py", "home.nav", ":material/home:", None),
        ("pages/profile.py", "profile.nav", ":material/person_pin_circle:", None),
        ("pages/ranking.py", "ranking.nav", ":material/bar_chart:", None),
        ("pages/trends.py", "trends.nav", ":material/show_chart:", None),
        ("pages/map.py", "map.nav", ":material/map:", None),
        ("pages/scatter.py", "scatter.nav", ":material/scatter_plot:", None),
        ("pages/network.py", "network.nav", ":material/grid_on:", None),
        ("pages/similar.py", "similar.nav", ":material/group_work:", None),
        ("pages/catalogue.py", "catalogue.nav", ":material/menu_book:", None),
        ("pages/changes.py", "changes.nav", ":material/difference:", "analyst"),
        ("pages/exports.py", "exports.nav", ":material/download:", None),
    ],
    "nav.learn": [
        ("pages/practices.py", "practices.nav", ":material/lightbulb:", None),
        ("pages/targets.py", "targets.nav", ":material/flag:", None),
        ("pages/meeting.py", "meeting.nav", ":material/groups:", None),
        ("pages/actions.py", "actions.nav", ":material/task_alt:", None),
        ("pages/elderships.py", "elderships.nav", ":material/account_tree:", None),
    ],
    "nav.manage": [
        ("pages/upload.py", "upload.nav", ":material/upload:", "uploader"),
        ("pages/datacalls.py", "datacalls.nav", ":material/campaign:", "uploader"),
        ("pages/history.py", "history.nav", ":material/history:", "coordinator"),
        ("pages/admin.py", "admin.nav", ":material/admin_panel_settings:", "admin"),
        ("pages/login.py", "login.nav", ":material/login:", None),
    ],
}
ROLE_ORDER = ("analyst", "coordinator", "admin")
LOGIN_PAGE = "pages/login.py"


def visible(need: str | None, role: str | None) -> bool:
    """Whether a page with the required role `need` belongs in the menu of a user with `role`."""
    if need is None:
        return True
    if need == "uploader":  # the upload page: municipalities upload their own values too (issue 15.1)
        return role in ("municipality", "coordinator", "admin")
    role = "analyst" if role == "municipality" else role  # otherwise a municipality reads as an analyst
    return role in ROLE_ORDER and ROLE_ORDER.index(role) >= ROLE_ORDER.index(need)


def run() -> None:
    """Build st.navigation from SECTIONS (pages that exist and the user may open) and run the chosen page."""
    lang = requested_language()
    role = getattr(st.session_state.get("identity"), "role", None)
    # Logged out, the manage pages stay in the menu so a coordinator can find them: they show the login form.
    sections = {
        t(section, lang): [
            st.Page(path, title=t(title, lang), icon=icon, url_path=Path(path).stem, default=path.endswith("home.py"))
            for path, title, icon, need in pages
            if (ROOT / path).exists() and (role is None or visible(need, role))
        ]
        for section, pages in SECTIONS.items()
    }
    # The menu itself is drawn by page_setup() (menu() below), so it is the same when a page runs without us.
    page = st.navigation({name: pages for name, pages in sections.items() if pages}, position="hidden")
    try:
        page.run()
    except Exception as exc:  # noqa: BLE001 — last line of defence (st.stop/rerun are BaseExceptions and pass)
        show_failure(exc, lang, page.title)  # the same handler page_setup installs for pages run on their own
    finally:
        freeze_long_lived_heap()  # code this run imported, before Streamlit's collection (ui/collector.py)


def menu(lang: str, role: str | None) -> None:
    """The sidebar menu of the pages this user may open, by section (drawn by every page's setup)."""
    for section, pages in SECTIONS.items():
        links = [(p, t(title, lang), icon) for p, title, icon, need in pages
                 if (ROOT / p).exists() and (role is None or visible(need, role))]
        if not links:
            continue
        st.sidebar.caption(t(section, lang))
        for path, label, icon in links:
            if path == LOGIN_PAGE and role is not None:  # logged in: the page shows who and offers the logout
                label, icon = t("login.nav_account", lang), ":material/account_circle:"
            page_link(path, label, icon, st.sidebar)


def page_link(path: str, label: str, icon: str | None = None, container: object = st, **kwargs: object) -> None:
    """A link to one of our pages (`pages/x.py`) that works however the current page was started.

    Streamlit resolves a link against the main script's folder, which is pages/ itself when a page runs on its
    own; and a page Streamlit does not know in that mode is skipped rather than raising.
    """
    with contextlib.suppress(StreamlitPageNotFoundError):
        container.page_link(_relative(path), label=label, icon=icon, **kwargs)


def _relative(path: str) -> str:
    run_ctx = get_script_run_ctx()
    return _relative_to(run_ctx.main_script_path if run_ctx else None, path)


@functools.lru_cache(maxsize=256)
def _relative_to(main_script: str | None, path: str) -> str:
    # cached: every page draws the whole menu, and resolving a path asks the file system for each of its parts
    base = Path(main_script).resolve().parent if main_script else ROOT
    return os.path.relpath(ROOT / path, base)
