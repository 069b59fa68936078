"""The comparison pickers every analyst page shares (in the sidebar): municipality, peer set, indicator, period.

Keys and URL parameters are the same on every page (`entity`, `peers`, `indicator`, `period`), so a choice
follows the analyst from page to page and a link reproduces the comparison.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from benchlearn import api
from benchlearn.api import choices
from benchlearn.i18n import fmt_number, localized, localized_meta
from benchlearn.model import PeerSpec
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


def group_labels(ctx: PageContext, kind: str | None = None) -> dict[str, str]:
    """Network and peer group code (only those of `kind`, if given) → its name in the page's language."""
    groups = ctx.call(api.groups)
    rows = groups[groups["kind"] == kind] if kind else groups
    return {row["code"]: localized(row, "name", ctx.lang) for row in rows.to_dict("records")}


def groups_shown(ctx: PageContext) -> pd.DataFrame:
    """The networks and peer groups as a table shows them: names in the page's language, kinds in words."""
    groups = ctx.call(api.groups)
    def word(code: object) -> object:
        return ctx.t(f"group.kind.{code}") if isinstance(code, str) and code else code
    shown = groups.assign(name=groups["code"].map(group_labels(ctx)), kind=groups["kind"].map(word),
                          theme=groups["theme"].map(lambda v: word(v) if v == "uploaded" else v).fillna(""),
                          indicators=[fmt_number(n, ctx.lang, 0) for n in groups["indicators"]])
    return shown.drop(columns=["name_lt", "name_lv"])  # empty cells empty: a grid draws a missing one as "None"


def unit_labels(ctx: PageContext) -> dict[str, str]:
    """Indicator code → its unit in the page's language."""
    meta = ctx.call(api.indicators)
    return {row["code"]: localized(row, "unit", ctx.lang) for row in meta.to_dict("records")}


def entity_picker(ctx: PageContext, kinds: tuple[str, ...] = ("municipality",), key: str = "entity") -> str | None:
    """Pick a municipality (or another kind of entity); a page opens on the account's own municipality, else on
    `choices.default_entity` (the choice is written to the URL, so a shared link shows the same)."""
    entities = ctx.call(api.entities)
    codes = entities.loc[entities["kind"].isin(kinds), "code"].tolist()
    labels = entity_labels(ctx)
    own = getattr(ctx.identity, "entity_code", None)
    default = own if own in codes else ctx.call(choices.default_entity, ctx.lang)
    return url_choice(key, ctx.t("pick.entity"), codes, labels.__getitem__, default=default, lang=ctx.lang,
                      container=ctx.controls)


def peer_options(ctx: PageContext, entity: str | None) -> dict[str, str]:
    """Peer-set SPEC → label: the entity's country, its networks and peer groups, similar municipalities, all."""
    entities = ctx.call(api.entities).set_index("code")
    groups = ctx.call(api.groups)
    options: dict[str, str] = {}
    if entity and entity in entities.index and isinstance(entities.loc[entity, "country"], str):
        country = entities.loc[entity, "country"]
        options[str(PeerSpec("country", country))] = ctx.t("pick.peers.country", country=country)
        options[str(PeerSpec.nearest(entity, SIMILAR_K))] = ctx.tn("pick.peers.similar", SIMILAR_K, k=SIMILAR_K)
    # a custom similarity set: chosen on the Similar municipalities page, or arriving in a shared link
    for chosen in (st.session_state.get("similar_spec"), st.query_params.get("peers")):
        similar = PeerSpec.read(chosen)
        if similar is not None and similar.kind == "nearest" and similar.code == entity and chosen not in options:
            options[chosen] = ctx.t("pick.peers.similar_chosen")
    linked = st.query_params.get("peers")
    listed = PeerSpec.read(linked)
    if listed is not None and listed.kind == "list":  # an explicit list travels in a link like every other set
        codes = list(listed.codes)
        if codes and all(code in entities.index for code in codes):
            options[linked] = ctx.t("pick.peers.list", names=", ".join(entities.loc[codes, "name"]))
    # only the networks and peer groups the municipality can be compared in: another one would compare it with
    # nobody (a Latvian municipality among Lithuanian ones shares no indicator with them)
    member_of = set(ctx.call(choices.coverage).entity_groups(entity)) if entity else None
    for row in groups.to_dict("records"):
        prefix = "network" if row["kind"] == "network" else "group"
        spec = str(PeerSpec(prefix, row["code"]))
        if member_of is None or spec in member_of:
            options[spec] = ctx.t(f"pick.peers.{prefix}",
                                                       name=localized(row, "name", ctx.lang))
    options["all"] = ctx.t("pick.peers.all")
    return options


def network_default(ctx: PageContext, networks: list[str], entity: str | None = None) -> str | None:
    """The network a network page opens on: the peer set chosen on another page when it is a network, else the
    first network of the municipality (`entity`, or the one an analyst page would open on)."""
    spec = st.query_params.get("peers") or st.session_state.get("url_peers") or st.session_state.get("url_peers_kept")
    if entity is None:
        own = getattr(ctx.identity, "entity_code", None)
        entity = own or ctx.call(choices.default_entity, ctx.lang)
    return ctx.call(choices.default_network, entity, spec, tuple(networks))


def peers_picker(ctx: PageContext, entity: str | None, key: str = "peers") -> str:
    """Pick the peer set among those the municipality can be compared in (default: its country); a chosen set
    it does not belong to is replaced, and the page says so."""
    options = peer_options(ctx, entity)
    default = next(iter(options))
    left = dead_end_peers(ctx, key, options)
    spec = url_choice(key, ctx.t("pick.peers"), list(options), options.__getitem__, default=default,
                      lang=ctx.lang, container=ctx.controls)
    if left:
        st.info(ctx.t("pick.peers_changed", entity=entity_labels(ctx).get(entity, entity), old=left,
                      new=options.get(spec or default, "")))
    return spec or default


def dead_end_peers(ctx: PageContext, key: str, options: dict[str, str]) -> str | None:
    """The label of the peer set chosen before (or in a link) that the municipality cannot be compared in."""
    state = f"url_{key}"
    wanted = st.query_params.get(key)
    if wanted is not None and wanted != st.session_state.get(f"{state}_seen") and wanted not in options:
        left = _group_label(ctx, wanted)
        if left is None:  # not a set the store knows (a crafted or stale link): url_choice names the bad value
            return None
        st.session_state[f"{state}_seen"] = wanted  # a link's known set: explained here, not as unknown
        chosen: str | None = wanted
    else:
        chosen = st.session_state.get(state) or st.session_state.get(f"{state}_kept")
        left = _group_label(ctx, chosen) if chosen and chosen not in options else None
    if not chosen or chosen in options:
        return None
    st.session_state.pop(state, None)
    st.session_state.pop(f"{state}_kept", None)
    return left


def _group_label(ctx: PageContext, spec: str) -> str | None:
    """The label of a peer set naming a stored network or peer group (None for anything else)."""
    peers = PeerSpec.read(spec)
    groups = ctx.call(api.groups).set_index("code")
    if peers is not None and peers.kind in ("network", "group") and peers.code in groups.index:
        return ctx.t(f"pick.peers.{peers.kind}", name=localized(groups.loc[peers.code].to_dict(), "name", ctx.lang))
    return None


def _compare_with(key: str, spec: str) -> None:
    st.session_state[f"url_{key}"] = spec  # a widget callback: runs before the widget is drawn again


def no_common_indicators(ctx: PageContext, entity: str, spec: str, key: str = "peers") -> None:
    """Explain a dead end (no indicator has values for the municipality and these peers) and offer the way
    out: its country's municipalities."""
    options = peer_options(ctx, entity)
    st.info(ctx.t("pick.no_common", entity=entity_labels(ctx).get(entity, entity), peers=options.get(spec, spec)))
    way_out = next(iter(options))
    if way_out != spec:
        st.button(ctx.t("pick.way_out", peers=options[way_out]), key="pick_way_out", on_click=_compare_with,
                  args=(key, way_out))


def indicator_picker(ctx: PageContext, codes: list[str] | None = None, key: str = "indicator",
                     label_key: str = "pick.indicator", container: object = None,
                     among: tuple[str | None, str] | None = None, paired_with: str | None = None) -> str | None:
    """Pick an indicator (of `codes`, or any), labelled in the page's language. With `among` = (municipality,
    peer set) only indicators with values for both are offered, the first chosen by default (with
    `paired_with`: the first other one sharing a period with that indicator), and a dead end (none) explains
    itself and offers the way out."""
    labels = indicator_labels(ctx)
    options = [c for c in (codes if codes is not None else labels) if c in labels]
    default: Callable[[], str | None] | None = None
    entity, spec = among if among is not None else (None, "")
    if entity:
        valued = set(ctx.call(choices.coverage).comparable_indicators(entity, ctx.call(choices.peer_codes, spec)))
        options = [c for c in options if c in valued]
        if not options:
            no_common_indicators(ctx, entity, spec)
    options = sorted(options, key=labels.__getitem__)
    if entity and options:
        default = ((lambda: _paired(ctx, options, paired_with)) if paired_with
                   else lambda: ctx.call(choices.coverage).default_indicator(
                       entity, ctx.call(choices.peer_codes, spec), tuple(options)))
    chosen = url_choice(key, ctx.t(label_key), options, labels.__getitem__, lang=ctx.lang, default=default,
                        container=container or ctx.controls)
    ctx.credit([chosen])  # the page shows the chosen indicator: the footer credits its source
    return chosen


def _paired(ctx: PageContext, options: list[str], other: str) -> str | None:
    """The first of `options` other than `other` with a period in common with it (a scatter's second axis)."""
    theirs = set(ctx.call(api.periods_with_data, other)["period"])
    return next((c for c in options if c != other and theirs & set(ctx.call(api.periods_with_data, c)["period"])),
                None)


def period_picker(ctx: PageContext, indicator: str | None, key: str = "period") -> str | None:
    """Pick a period that has data for the indicator (default: the latest)."""
    if indicator is None:
        return None
    frame: pd.DataFrame = ctx.call(api.periods_with_data, indicator)
    options = frame["period"].tolist()[::-1]
    return url_choice(key, ctx.t("pick.period"), options, default=options[0] if options else None,
                      lang=ctx.lang, container=ctx.controls)


def indicator_values(ctx: PageContext, codes: pd.Series, values: pd.Series) -> list[str]:
    """Each value written in the page's language with its indicator's display decimals (empty when missing)."""
    meta = ctx.call(api.indicators).set_index("code")["decimals"]
    return ["" if pd.isna(v) else fmt_number(v, ctx.lang, None if pd.isna(meta.get(c)) else int(meta.get(c)))
            for c, v in zip(codes, values, strict=True)]


def indicator_meta(ctx: PageContext, code: str) -> dict:
    """One indicator's metadata row as a dict, its unit in the page's language."""
    meta = ctx.call(api.indicators)
    return localized_meta(meta.loc[meta["code"] == code].iloc[0].to_dict(), ctx.lang)
