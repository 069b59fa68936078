"""The "who to learn from" panel: for one directional indicator, the best performers and the most improved
among similar municipalities (by default the nearest neighbours), each with the gap to the chosen one.

A reusable widget: the profile page shows it, and any page with a municipality and an indicator can. It
returns the `Lessons` it showed, so a caller can put more next to the peers it names (their recorded good
practices, for instance).
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import analyst
from benchlearn.errors import NotFoundError
from benchlearn.i18n import fmt_number
from benchlearn.model import PeerSpec, Polarity
from benchlearn.ui import PageContext
from benchlearn.ui.downloads import table_downloads
from benchlearn.ui.pickers import SIMILAR_K, indicator_labels, indicator_meta
from benchlearn.ui.plain_text import plain
from benchlearn.ui.practices import practices_for
from benchlearn.ui.state import labels_for

TOP = 5
#: the default improvement window: the last five steps, a horizon a council can still act on.
RECENT_PERIODS = 5


def similar_spec(entity: str) -> str:
    """The similar-municipalities peer set of `entity`: the one chosen on the Similar page, else k nearest."""
    chosen = st.session_state.get("similar_spec")
    similar = PeerSpec.read(chosen)
    if similar is not None and similar.kind == "nearest" and similar.code == entity:
        return chosen
    return str(PeerSpec.nearest(entity, SIMILAR_K))


def entity_name(ctx: PageContext, entity: str) -> str:
    """The entity's name as the data gives it (untrusted text: escape it before markdown)."""
    entities = ctx.call(api.entities)
    found = entities.loc[entities["code"] == entity, "name"]
    return str(found.iloc[0]) if len(found) else entity


def decimals_of(meta: dict) -> int:
    """The indicator's display decimals (1 when the metadata does not say)."""
    value = meta.get("decimals")
    return 1 if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


def _window_start(ctx: PageContext, indicator: str, until: str | None, key: str) -> str | None:
    periods = ctx.call(api.periods_with_data, indicator)["period"].tolist()
    if until in periods:
        periods = periods[: periods.index(until) + 1]
    if len(periods) < 2:
        return None
    default = periods[-1 - RECENT_PERIODS] if len(periods) > RECENT_PERIODS else periods[0]
    choices = periods[:-1]
    return st.selectbox(ctx.t("learn.since"), choices, index=choices.index(default),
                        key=f"{key}_since_{indicator}_{periods[-1]}")


def _formatted(frame: pd.DataFrame, columns: list[str], lang: str, decimals: int) -> pd.DataFrame:
    return frame.assign(**{c: [fmt_number(v, lang, decimals) for v in frame[c]] for c in columns})


def _best(ctx: PageContext, lessons: analyst.Lessons, meta: dict, name: str, key: str) -> None:
    best, unit, dec = lessons.best, meta["unit"], decimals_of(meta)
    st.subheader(ctx.t("learn.best"))
    if best.empty:
        st.info(ctx.t("learn.best_none", entity=plain(name), period=lessons.latest))
        return
    st.caption(ctx.t("learn.best_note", entity=plain(name), period=best["period"].iloc[0], unit=plain(unit),
                     polarity=ctx.t(f"polarity.{meta['polarity']}")))
    frame = best[["entity_name", "entity_code", "period", "value", "rank", "gap_to_target"]]
    headers = [ctx.t("learn.col.entity"), ctx.t("learn.col.code"), ctx.t("learn.col.period"),
               ctx.t("learn.col.value", unit=unit), ctx.t("learn.col.rank"),
               ctx.t("learn.col.gap", entity=name, unit=unit)]
    _table(ctx, frame, headers, ["value", "gap_to_target"], dec, f"{key}_best")


def _improved(ctx: PageContext, lessons: analyst.Lessons, meta: dict, name: str, key: str) -> None:
    improved, unit, dec = lessons.improved, meta["unit"], decimals_of(meta)
    st.subheader(ctx.t("learn.improved"))
    if lessons.first is None:
        st.info(ctx.t("learn.one_period"))
        return
    if improved.empty:
        st.info(ctx.t("learn.improved_none", first=lessons.first, last=lessons.last))
        return
    st.caption(ctx.t("learn.improved_note", first=lessons.first, last=lessons.last, unit=plain(unit),
                     entity=plain(name)))
    numbers = ["first_value", "last_value", "improvement", "gap_to_target"]
    frame = improved[["entity_name", "entity_code", *numbers]]
    headers = [ctx.t("learn.col.entity"), ctx.t("learn.col.code"),
               ctx.t("learn.col.value_in", period=lessons.first, unit=unit),
               ctx.t("learn.col.value_in", period=lessons.last, unit=unit),
               ctx.t("learn.col.improvement", unit=unit),
               ctx.t("learn.col.gap_improved", entity=name, unit=unit)]
    _table(ctx, frame, headers, numbers, dec, f"{key}_improved")


def _table(ctx: PageContext, frame: pd.DataFrame, headers: list[str], numbers: list[str], decimals: int,
           key: str) -> None:
    shown = _formatted(frame, numbers, ctx.lang, decimals)
    st.dataframe(shown.set_axis(headers, axis=1), placeholder="", hide_index=True, key=f"{key}_table")
    table_downloads(ctx, frame.set_axis(headers, axis=1), key, key)


def learn_from_panel(ctx: PageContext, entity: str, indicator: str, spec: str | None = None,
                     period: str | None = None, key: str = "learn") -> analyst.Lessons | None:
    """Best performers and most improved peers of `entity` on `indicator` up to `period` (default: latest),
    among similar municipalities (or the caller's peer set `spec`, if chosen), with the gaps; returns them."""
    name = entity_name(ctx, entity)
    meta = indicator_meta(ctx, indicator)
    st.caption(plain(indicator_labels(ctx).get(indicator, indicator)))
    if meta["polarity"] == Polarity.NEUTRAL.value:
        st.info(ctx.t("learn.neutral"))
        return None
    learn_spec = similar_spec(entity)
    if spec and spec != learn_spec:
        sources = ("similar", "peers")
        source = st.radio(ctx.t("learn.source"), sources, horizontal=True, key=f"{key}_source",
                          format_func=labels_for(sources, lambda choice: ctx.t(f"learn.source.{choice}")))
        learn_spec = learn_spec if source == "similar" else spec
    first = _window_start(ctx, indicator, period, key)
    try:
        # the peer set is cached on its own: it depends on the municipality only, not on indicator and period
        peers = tuple(ctx.call(api.resolve, learn_spec).codes)
        lessons = ctx.call(analyst.lessons_among, entity, indicator, peers, TOP, first, period)
    except NotFoundError:
        st.info(ctx.t("learn.no_data", entity=plain(name)))
        return None
    st.caption(ctx.tn("learn.peers_count", lessons.peers))
    _best(ctx, lessons, meta, name, key)
    _improved(ctx, lessons, meta, name, key)
    # issue 6 — what the peers named above have recorded as good practice (benchlearn/ui/practices.py)
    practices_for(ctx, [*lessons.best["entity_code"], *lessons.improved["entity_code"]], indicator,
                  key=f"{key}_practices")
    return lessons
