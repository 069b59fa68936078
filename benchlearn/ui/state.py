"""Page state that lives in the URL, so an analyst can send a comparison to a colleague.

The URL carries codes (`?entity=LT-01&indicator=BIRTHS_PER_1000&period=2017&peers=network:LT-CITIES&lang=lt`),
never translated labels, so a link opens the same comparison in any language. (Streamlit's
`bind="query-params"` stores the *formatted label* in the URL; our labels change with the language, so the
pickers seed themselves from the URL and write the chosen code back instead.) The value also persists in the
session, so the chosen municipality follows the analyst from page to page. A code that is not an option gives
a plain warning and is dropped, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import partial

import streamlit as st

from benchlearn.i18n import t
from benchlearn.ui.plain_text import plain


def _label(labels: dict, option: Hashable) -> str:
    return labels.get(option, str(option))


def labels_for(options: Iterable, label: Callable[[Hashable], str]) -> Callable[[Hashable], str]:
    """A widget's `format_func`: the label of every option, computed now (an unknown option shows as itself).

    Streamlit keeps a widget's `format_func` in the session's widget state for as long as the widget exists,
    across reruns and page switches. A lambda written in a page keeps that page's globals alive through its
    `__globals__` (every table and chart the run built), and one closing over `ctx` keeps the run's cached
    results too: 20 sessions held about 100 000 such objects, which the collection after every run walked.
    This keeps only the labels.
    """
    return partial(_label, {option: label(option) for option in options})


def url_choice(
    key: str,
    label: str,
    options: Sequence[str],
    format_func: Callable[[str], str] = str,
    *,
    default: str | None | Callable[[], str | None] = None,
    lang: str = "en",
    container: object = st,
    help: str | None = None,  # noqa: A002 — Streamlit's own argument name
) -> str | None:
    """A selectbox over codes whose choice is seeded from and written back to the URL parameter `key`
    (labels computed now by `labels_for`, so `format_func` may be any function). `default` may be a function:
    it is then called only when neither the URL nor the session holds a choice (a default can cost queries)."""
    options = list(options)
    state_key = f"url_{key}"
    wanted = st.query_params.get(key)
    if wanted is not None and wanted != st.session_state.get(f"{state_key}_seen"):
        st.session_state[f"{state_key}_seen"] = wanted
        if wanted in options:
            st.session_state[state_key] = wanted
        else:
            st.warning(t("link.bad_value", lang, name=key, value=plain(wanted)))  # the URL is anyone's text
    current = st.session_state.get(state_key)
    if current not in options:
        kept = st.session_state.get(f"{state_key}_kept")  # widget state is dropped on a page switch; this is not
        if kept in options:
            current = kept
        else:
            fallback = default() if callable(default) else default
            current = fallback if fallback in options else None
    # Always (re)assign: a widget on another page is a new widget, which would otherwise start at its default
    st.session_state[state_key] = current
    value = container.selectbox(label, options, format_func=labels_for(options, format_func), key=state_key,
                                help=help)
    st.session_state[f"{state_key}_kept"] = value
    if value is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = value
        st.session_state[f"{state_key}_seen"] = value
    return value


def url_multi(
    key: str,
    label: str,
    options: Sequence[str],
    format_func: Callable[[str], str] = str,
    *,
    default: Sequence[str] = (),
    lang: str = "en",
    container: object = st,
) -> list[str]:
    """A multiselect over codes, kept in the URL as a comma-separated list."""
    options = list(options)
    state_key = f"url_{key}"
    wanted = st.query_params.get(key)
    if wanted is not None and wanted != st.session_state.get(f"{state_key}_seen"):
        st.session_state[f"{state_key}_seen"] = wanted
        codes = [c for c in wanted.split(",") if c]
        bad = [c for c in codes if c not in options]
        if bad:
            st.warning(t("link.bad_value", lang, name=key, value=plain(",".join(bad))))
        st.session_state[state_key] = [c for c in codes if c in options]
    if state_key not in st.session_state:
        st.session_state[state_key] = st.session_state.get(f"{state_key}_kept", [c for c in default if c in options])
    st.session_state[state_key] = [c for c in st.session_state[state_key] if c in options]  # reassigned: see above
    values = container.multiselect(label, options, format_func=labels_for(options, format_func), key=state_key,
                                   placeholder=t("pick.choose_options", lang))  # Streamlit's own is English
    st.session_state[f"{state_key}_kept"] = values
    if values:
        st.query_params[key] = ",".join(values)
        st.session_state[f"{state_key}_seen"] = ",".join(values)
    else:
        st.query_params.pop(key, None)
    return values
