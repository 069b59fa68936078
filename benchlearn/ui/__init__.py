"""The only Streamlit code inside benchlearn: page setup (store, language, role guard), caching, footer.

Every page file starts with `ctx = page_setup("area.title", role=…)`: with a folder named `pages/`, Streamlit can
run a page without the entry point (ARCHITECTURE §4), so each page opens the store, applies the language and
enforces its own role here, inside the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from benchlearn import api
from benchlearn.api.changes import past
from benchlearn.api.publication import viewer_of
from benchlearn.charts.text import chart_t
from benchlearn.errors import BenchlearnError
from benchlearn.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, t, tn
from benchlearn.store import Store, default_path, is_server_address, open_store
from benchlearn.store.publication import viewing as viewed
from benchlearn.ui.collector import freeze_long_lived_heap
from benchlearn.ui.failures import StoreUnavailable, install_handler
from benchlearn.ui.state import url_choice

R = TypeVar("R")


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    # One read-write connection per process; every call below uses its own cursor (ARCHITECTURE §6).
    return open_store(path)


def shared_store() -> Store:
    """The process-wide store of the dashboard."""
    # keyed on the resolved path, as `Store.path` is: a relative $BENCHLEARN_DB (or the default
    # data/benchlearn.duckdb) must not open the file a second time under another cache key
    where = default_path()
    return _open(where if is_server_address(where) else str(Path(where).resolve()))


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(path: str, name: str, version: str, as_of: str, viewer: tuple, args: tuple, kwargs: tuple,
            _func: Callable[..., R]) -> R:
    # `as_of` (time travel, ui.as_of) is part of the key: the same call as of another moment is another result;
    # so is `viewer` (api.publication): a data call's preliminary values are read only for its network's accounts,
    # and an entry made for them is never served to the public
    return _func(viewed(past(_open(path), as_of), viewer), *args, **dict(kwargs))


@dataclass
class PageContext:
    """What a page needs: the store, the language, who is logged in, and the data version for caching.

    One context lives for one run of a page: the data version is read once per run (the first cached call
    reads it), and a call repeated within the run (the entity list, the indicator names) is answered from the
    run's own memo instead of hashing its arguments and unpickling the cached copy again. Pages that write
    data rerun afterwards (`st.rerun`), so a run never reads its own writes through a stale version.
    """

    store: Store
    lang: str
    identity: Any | None
    # the page's own pickers, at the top of the sidebar under the language and above the menu: below a
    # 17-link menu they started under the fold, and a first visitor saw only "choose an indicator"
    controls: Any = field(repr=False)
    _version: str | None = field(default=None, init=False, repr=False)
    _memo: dict = field(default_factory=dict, init=False, repr=False)
    # the footer's attribution: the sources of what the page has shown so far (benchlearn.ui.credits)
    credits: Any = field(default=None, init=False, repr=False)
    # the moment the page shows the store as of (`?as_of=`, ui.as_of); empty = now
    as_of: str = field(default="", init=False)
    # what the account may see of data calls' preliminary values (api.publication.viewer_of); () = the public's
    viewer: tuple = field(default=(), init=False)

    def t(self, key: str, **params: object) -> str:
        """Translate `key` into the page's language."""
        return t(key, self.lang, **params)

    def tn(self, key: str, n: int, **params: object) -> str:
        """Translate the count message `key` in the plural form the page's language uses for `n`."""
        return tn(key, n, self.lang, **params)

    def chart_t(self, key: str, **params: object) -> str:
        """Translate `key` for a chart's title or axis: the values put into it are made literal for plotly."""
        return chart_t(key, self.lang, **params)

    def credit(self, codes: Any, map_data: bool = False) -> list[str]:
        """Credit in the footer the sources of the indicators `codes` the page shows (and a drawn map's data)."""
        from benchlearn.ui.credits import credit  # the footer's module imports this one

        return credit(self, codes, map_data)

    @property
    def version(self) -> str:
        """The data version this run reads (one query, at the first cached call of the run)."""
        if self._version is None:
            self._version = api.data_version(self.store)
        return self._version

    def call(self, func: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Call an api function `func(store, *args)`, cached until the data changes (a new batch or an undo).

        Within one run the same call returns the same object: treat results as read-only (pandas'
        copy-on-write keeps every derived frame independent)."""
        name = f"{func.__module__}.{func.__qualname__}"
        options = tuple(sorted(kwargs.items()))
        try:
            return self._memo[name, args, options]
        except KeyError:
            pass
        except TypeError:  # an unhashable argument: no memo, the cache hashes it its own way
            return _cached(self.store.path, name, self.version, self.as_of, self.viewer, args, options, func)
        result = _cached(self.store.path, name, self.version, self.as_of, self.viewer, args, options, func)
        self._memo[name, args, options] = result
        return result


def current_identity() -> Any | None:
    """The logged-in identity as its account is now, or None (expired and ended sessions are cleared)."""
    from benchlearn.ui.login import signed_in  # the session rules live with the login form

    return signed_in(shared_store())


def _language() -> str:
    # the widget's own value first: on the rerun after a switch it already holds the new language
    current = (st.session_state.get("url_lang") or st.session_state.get("url_lang_kept") or st.query_params.get("lang")
               or DEFAULT_LANGUAGE)
    current = current if current in LANGUAGES else DEFAULT_LANGUAGE
    lang = url_choice("lang", t("sidebar.language", current), LANGUAGES, LANGUAGE_NAMES.__getitem__,
                      default=DEFAULT_LANGUAGE, lang=current, container=st.sidebar)
    return lang or DEFAULT_LANGUAGE


def page_setup(title_key: str | None, *, role: str | None = None) -> PageContext:
    """Install the app's error handler, open the store, apply the language, enforce `role` (login form and stop
    if missing), draw title and footer."""
    install_handler()  # first: a page may run without dashboard.py and its guard (ARCHITECTURE §4)
    freeze_long_lived_heap()
    lang = _language()
    try:
        store = shared_store()
    except BenchlearnError as exc:  # e.g. not a Benchlearn store: the message names server paths
        raise StoreUnavailable("the dashboard's store cannot be opened") from exc
    ctx = PageContext(store=store, lang=lang, identity=current_identity(), controls=st.sidebar.container())
    # every read of the page, cached or not, sees what this account may see under embargo (issue 15.5)
    ctx.viewer = viewer_of(ctx.identity)
    ctx.store = viewed(store, ctx.viewer)
    from benchlearn.ui.navigation import menu

    menu(lang, getattr(ctx.identity, "role", None))
    _footer(ctx)
    if role is not None:
        from benchlearn.ui.login import guard  # the login form lives with the accounts UI

        guard(ctx, role)  # calls st.stop() unless the identity has the role
    if title_key:
        st.title(ctx.t(title_key))
    if role is None:  # pages that write, and their previews, always show the store as it is now
        from benchlearn.ui.as_of import travel

        travel(ctx)
    return ctx


def _footer(ctx: PageContext) -> None:
    if ctx.identity is not None:
        st.sidebar.caption(ctx.t("sidebar.logged_in_as", user=ctx.identity.username,
                                 role=ctx.t(f"role.{ctx.identity.role}")))
    from benchlearn.ui.credits import Credits

    # empty until the page says what it shows (ui.credits.credit): attribution follows the data
    ctx.credits = Credits(st.sidebar.empty())
