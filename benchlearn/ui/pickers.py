"""The comparison pickers every analyst page shares (in the sidebar): municipality, peer set, indicator, period.

Keys and URL parameters are the same on every page (`entity`, `peers`, `indicator`, `period`), so a choice
follows the analyst from page to page and a link reproduces the comparison.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.i18n import localized, localized_meta
from benchlearn.ui import PageContext
from benchlearn.ui.state import url_choice

SIMILAR_K = 10


def entity_labels(ctx: PageContext) -> dict[str, str]:
    """Entity code → "Name (code)" for every entity."""
    entities = ctx.call(api.entities)
    return dict(zip(entities["code"], entities["name"] + " (" + entities["code"] + ")", strict=True))


def indicator_labels(ctx: PageContext) -> dict[str, str]:
    """Indicator code → its name in the page's language."""
    meta = ctx.call(api.indicators)
    return {row["code"]: localized(row, "name", ctx.lang) for row in meta.to_dict("records")}


def unit_labels(ctx: PageContext) -> dict[str, str]:
    """Indicator code → its unit in the page's language."""
    meta = ctx.call(api.indicators)
    return {row["code"]: localized(row, "unit", ctx.lang) for row in meta.to_dict("records")}


def entity_picker(ctx: PageContext, kinds: tuple[str, ...] = ("municipality",), key: str = "entity") -> str | None:
    """Pick a municipality (or another kind of entity)."""
    entities = ctx.call(api.entities)
    codes = entities.loc[entities["kind"].isin(kinds), "code"].tolist()
    labels = entity_labels(ctx)
    return url_choice(key, ctx.t("pick.entity"), codes, labels.__getitem__, lang=ctx.lang, container=ctx.controls)


def peer_options(ctx: PageContext, entity: str | None) -> dict[str, str]:
    """Peer-set SPEC → label: the entity's country, its networks and peer groups, similar municipalities, all."""
    entities = ctx.call(api.entities).set_index("code")
    groups = ctx.call(api.groups)
    options: dict[str, str] = {}
    if entity and entity in entities.index and isinstance(entities.loc[entity, "country"], str):
        country = entities.loc[entity, "country"]
        options[f"country:{country}"] = ctx.t("pick.peers.country", country=country)
        options[f"nearest:{entity}:{SIMILAR_K}"] = ctx.tn("pick.peers.similar", SIMILAR_K, k=SIMILAR_K)
    # a custom similarity set: chosen on the Similar municipalities page, or arriving in a shared link
    for chosen in (st.session_state.get("similar_spec"), st.query_params.get("peers")):
        if chosen and chosen.startswith(f"nearest:{entity}:") and chosen not in options:
            options[chosen] = ctx.t("pick.peers.similar_chosen")
    listed = st.query_params.get("peers")
    if listed and listed.startswith("list:"):  # an explicit list travels in a link like every other peer set
        codes = [code for code in listed.removeprefix("list:").split(",") if code]
        if codes and all(code in entities.index for code in codes):
            options[listed] = ctx.t("pick.peers.list", names=", ".join(entities.loc[codes, "name"]))
    for row in groups.to_dict("records"):
        prefix = "network" if row["kind"] == "network" else "group"
        options[f"{prefix}:{row['code']}"] = ctx.t(f"pick.peers.{prefix}", name=localized(row, "name", ctx.lang))
    options["all"] = ctx.t("pick.peers.all")
    return options


def peers_picker(ctx: PageContext, entity: str | None, key: str = "peers") -> str:
    """Pick the peer set (default: the municipality's country)."""
    options = peer_options(ctx, entity)
    default = next(iter(options))
    spec = url_choice(key, ctx.t("pick.peers"), list(options), options.__getitem__, default=default,
                      lang=ctx.lang, container=ctx.controls)
    return spec or default


def indicator_picker(ctx: PageContext, codes: list[str] | None = None, key: str = "indicator",
                     label_key: str = "pick.indicator", container: object = None) -> str | None:
    """Pick an indicator (of `codes`, or any), labelled in the page's language."""
    labels = indicator_labels(ctx)
    options = [c for c in (codes if codes is not None else labels) if c in labels]
    chosen = url_choice(key, ctx.t(label_key), sorted(options, key=labels.__getitem__), labels.__getitem__,
                        lang=ctx.lang, container=container or ctx.controls)
    ctx.credit([chosen])  # the page shows the chosen indicator: the footer credits its source
    return chosen


def period_picker(ctx: PageContext, indicator: str | None, key: str = "period") -> str | None:
    """Pick a period that has data for the indicator (default: the latest)."""
    if indicator is None:
        return None
    frame: pd.DataFrame = ctx.call(api.periods_with_data, indicator)
    options = frame["period"].tolist()[::-1]
    return url_choice(key, ctx.t("pick.period"), options, default=options[0] if options else None,
                      lang=ctx.lang, container=ctx.controls)


def indicator_meta(ctx: PageContext, code: str) -> dict:
    """One indicator's metadata row as a dict, its unit in the page's language."""
    meta = ctx.call(api.indicators)
    return localized_meta(meta.loc[meta["code"] == code].iloc[0].to_dict(), ctx.lang)
