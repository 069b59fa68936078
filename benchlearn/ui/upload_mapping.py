"""The upload page's mapping step for a statistics portal's file (JSON-stat, PC-Axis, SDMX, the portals' CSV …).

The file's dimensions with their roles, then every key of the file (entities, indicators, symbols) with what it
maps to: the mapping last saved for the network and the source, else what is recognised; a fuzzy guess is only
suggested, never taken. Each target is chosen from the network's own members and indicators (or `-` to skip
the key's rows). Until every key is mapped the step lists what is open and no preview or commit is offered;
then the upload goes on, with the mapping chosen here, to the ordinary preview and commit
(`coordination.preview_upload` / `commit_upload`, which check the user's rights again and save the mapping
for the network in the batch's transaction). The mapping can be downloaded and uploaded as the CLI's
`kind,source,target` CSV.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from benchlearn.api import coordination, imports
from benchlearn.errors import InputError, PermissionDenied
from benchlearn.exports import neutralise
from benchlearn.i18n import fmt_date, localized
from benchlearn.model import Kind, Status
from benchlearn.sources.mapfile import read_mapping, to_csv
from benchlearn.ui.plain_text import plain
from benchlearn.ui.state import labels_for
from benchlearn.ui.upload_problems import Rejection, show_report
from benchlearn.ui.upload_review import refusal

if TYPE_CHECKING:
    from benchlearn.ui import PageContext

ROLES = ("entity", "period", "indicator")
#: a dimension with at most this many categories offers "keep only" each (a breakdown such as sex has a handful)
MAX_KEEP = 40
SKIP, FLAG = "-", "flag"
KINDS = ("entity", "indicator", "status")
#: the formats that have a name in the catalogue (upload.map.format.<name>)
FORMATS = ("lt-csv", "sdmx-csv", "sdmx-json", "json-stat", "px", "pxweb-csv", "eurostat-tsv", "kolada")
Rows = tuple[tuple[str, str, str], ...]


def map_foreign(ctx: PageContext, upload: coordination.Upload | None, key: str = "upload"
                ) -> coordination.Upload | None:
    """Benchlearn's own file passes unchanged; a statistics portal's file gets the mapping step and goes on
    with its mapping once every key is mapped (None while a key is open or the file cannot be read)."""
    if upload is None or upload.is_workbook or upload.options.kind != Kind.VALUES:
        return upload
    fmt = imports.foreign_format(upload.data, upload.file_name)
    if fmt is None:
        return upload
    nonce = st.session_state.get(f"{key}_nonce", 0)  # fresh widgets after each commit
    base = f"{key}_map_{nonce}_{hashlib.sha256(upload.data).hexdigest()[:12]}"
    with st.container(border=True):
        st.subheader(ctx.t("upload.map.heading"))
        rows = _step(ctx, upload, key, base)
    return None if rows is None else replace(upload, mapping=rows)


def _step(ctx: PageContext, upload: coordination.Upload, key: str, base: str) -> Rows | None:
    loaded = _mapping_file(ctx, base)
    if loaded is None:
        return None
    step = _prepared(ctx, upload, key, base, loaded)
    if step is None:
        return None
    table = step.prepared.table
    fmt = ctx.t(f"upload.map.format.{table.format}") if table.format in FORMATS else table.format
    st.caption(ctx.t("upload.map.intro", format=fmt, source=plain(table.source),
                     network=plain(upload.options.network or "–")))
    _last_used(ctx, step.last_used)
    dims = _roles(ctx, step.prepared, base)
    if dims is None:
        return None
    if dims:  # the roles chosen change the keys: map again with them
        step = _prepared(ctx, upload, key, base, _merge(loaded, dims))
        if step is None:
            return None
    keys = _keys(ctx, step, base)
    _download(ctx, step.prepared, keys, base)
    st.file_uploader(ctx.t("upload.map.file"), type=["csv", "txt"], key=f"{base}_file",
                     help=ctx.t("upload.map.file_help"))  # read at the top of the step (`_mapping_file`)
    open_keys = [k for k in step.prepared.applied.keys if not keys.get((k.kind, k.key))]
    if open_keys:
        st.warning(ctx.tn("upload.map.open", len(open_keys)))
        st.markdown("\n".join(f"- {ctx.t(f'upload.map.kind_one.{k.kind}')} “{plain(k.key)}” · "
                              f"{ctx.t('upload.map.first_row', row=k.first_row)}" for k in open_keys[:50]))
        return None
    st.success(ctx.t("upload.map.done"))
    chosen = [(k.kind, k.key, keys[(k.kind, k.key)]) for k in step.prepared.applied.keys
              if k.how != "detected" or keys[(k.kind, k.key)] != k.target]
    return _merge(_merge(loaded, dims), tuple(chosen))


def _merge(first: Rows, then: Rows) -> Rows:
    """Mapping rows, a later row for the same (kind, source) replacing an earlier one."""
    merged = {(kind, source): target for kind, source, target in (*first, *then)}
    return tuple((kind, source, target) for (kind, source), target in merged.items())


def _mapping_file(ctx: PageContext, base: str) -> Rows | None:
    """The rows of the mapping CSV the user gave (empty when none), or None (report shown) if it is bad. The
    uploader is drawn below the keys; its file, chosen in an earlier run, is in the session already."""
    given = st.session_state.get(f"{base}_file")
    if given is None:
        return ()
    try:
        frame = read_mapping(given.getvalue(), given.name)
    except InputError as exc:
        show_report(ctx, Rejection.of(exc), f"{base}_file")
        return None
    return tuple(frame[["kind", "source", "target"]].itertuples(index=False, name=None))


def _prepared(ctx: PageContext, upload: coordination.Upload, key: str, base: str, rows: Rows
              ) -> imports.MappingStep | None:
    """The file mapped with `rows` over the saved mapping, or None (shown why). Kept for these inputs until the
    next commit (`base` holds the file's digest and the commit count: a commit may have saved a mapping)."""
    wanted = (base, upload.file_name, upload.options.network, rows)
    held = st.session_state.get(f"{key}_mapstep", {})
    if wanted in held:
        return held[wanted]
    mapping = pd.DataFrame(list(rows), columns=["kind", "source", "target"]) if rows else None
    try:
        step = imports.mapping_step(ctx.store, ctx.identity, upload.data, upload.file_name,
                                    upload.options.network, mapping)
    except InputError as exc:
        show_report(ctx, Rejection.of(exc), key)
        return None
    except PermissionDenied as exc:
        st.error(refusal(ctx, exc, upload))
        return None
    # kept: the file as found and with the roles chosen (two steps a run), nothing older
    st.session_state[f"{key}_mapstep"] = {**dict(list(held.items())[-1:]), wanted: step}
    return step


def _last_used(ctx: PageContext, last: tuple[object, str | None] | None) -> None:
    if last is None:
        st.caption(ctx.t("upload.map.none_saved"))
        return
    when = fmt_date(pd.Timestamp(last[0]).date(), ctx.lang)
    if last[1]:
        st.info(ctx.t("upload.map.last_used", date=when, user=plain(last[1])))
    else:
        st.info(ctx.t("upload.map.last_used_cli", date=when))


def _roles(ctx: PageContext, prepared: imports.Prepared, base: str) -> Rows | None:
    """A role picker per dimension; the dimension rows that differ from what was found or were given (None,
    with the reason shown, if the roles cannot make a table)."""
    st.markdown(f"**{ctx.t('upload.map.roles')}**")
    found = dict(prepared.applied.roles)
    given = {s.casefold() for k, s, _ in prepared.mapping.itertuples(index=False) if k == "dimension"}
    columns = st.columns(len(prepared.table.dimensions))
    rows, chosen = [], []
    for i, (column, dim) in enumerate(zip(columns, prepared.table.dimensions, strict=True)):
        categories = list(dict.fromkeys(prepared.table.frame[prepared.table.column(i)]))
        categories = categories if len(categories) <= MAX_KEEP else []  # "keep only" fits a breakdown, not a list
        options = list(dict.fromkeys([*ROLES, *(f"keep:{c}" for c in categories), found[dim.id]]))
        label = labels_for(options, lambda o, d=dim: _role_label(ctx, d, o))
        role = column.selectbox(plain(dim.label), options, index=options.index(found[dim.id]), format_func=label,
                                key=f"{base}_role_{i}")
        chosen.append(role)
        if role != found[dim.id] or {dim.id.casefold(), dim.label.casefold()} & given:
            rows.append(("dimension", dim.id, role))
    if chosen.count("entity") != 1 or chosen.count("period") != 1 or "indicator" not in chosen:
        st.error(ctx.t("upload.map.bad_roles"))
        return None
    return tuple(rows)


def _role_label(ctx: PageContext, dim: object, role: str) -> str:
    if role.startswith("keep:"):
        return ctx.t("upload.map.role.keep", category=dim.label_of(role[5:]))
    return ctx.t(f"upload.map.role.{role}")


def _targets(ctx: PageContext, step: imports.MappingStep, kind: str) -> dict[str, str]:
    """What a key of this kind may map to: code → "code — name", with `-` (skip) first."""
    skip = {SKIP: ctx.t("upload.map.skip")}
    if kind == "entity":
        return {**skip, **{c: f"{c} — {n}" for c, n in step.entities[["code", "name"]].itertuples(index=False)}}
    if kind == "indicator":
        return {**skip, **{row["code"]: f"{row['code']} — {localized(row, 'name', ctx.lang)}"
                           for row in step.indicators.to_dict("records")}}
    statuses = {str(s): ctx.t(f"status.{s}") for s in Status}
    return {**skip, **statuses, FLAG: ctx.t("upload.map.flag")}


def _keys(ctx: PageContext, step: imports.MappingStep, base: str) -> dict[tuple[str, str], str]:
    """An editor per kind of key; (kind, key) → the target chosen ('' while open)."""
    chosen: dict[tuple[str, str], str] = {}
    keys = step.prepared.applied.keys
    roles = hashlib.sha256(repr(step.prepared.applied.roles).encode()).hexdigest()[:8]
    for kind in KINDS:
        mine = [k for k in keys if k.kind == kind]
        if not mine:
            continue
        targets = _targets(ctx, step, kind)
        for k in mine:  # a target found outside the list (e.g. not a member) stays visible as it is
            if k.target and k.how != "guess":
                targets.setdefault(k.target, k.target)
        frame = pd.DataFrame({
            "key": [k.key for k in mine],
            "label": [k.label if k.label != k.key else "" for k in mine],
            "rows": [k.rows for k in mine],
            "how": [_how(ctx, k) for k in mine],
            "target": [k.target if k.how != "guess" else None for k in mine],
        })
        st.markdown(f"**{ctx.t(f'upload.map.kind.{kind}')}**")
        shown = [c for c in frame.columns if c != "label" or frame["label"].any()]  # a label column says something
        edited = st.data_editor(
            frame, hide_index=True, num_rows="fixed", key=f"{base}_{kind}_{roles}", column_order=shown,
            disabled=["key", "label", "rows", "how"], placeholder="—",
            column_config={
                "key": st.column_config.TextColumn(ctx.t("upload.map.col.key")),
                "label": st.column_config.TextColumn(ctx.t("upload.map.col.label")),
                "rows": st.column_config.NumberColumn(ctx.t("upload.map.col.rows"), width="small"),
                "how": st.column_config.TextColumn(ctx.t("upload.map.col.how")),
                "target": st.column_config.SelectboxColumn(
                    ctx.t("upload.map.col.target"), options=list(targets), width="large",
                    format_func=labels_for(targets, targets.get)),
            })
        for k, target in zip(mine, edited["target"].tolist(), strict=True):
            chosen[(kind, k.key)] = target if isinstance(target, str) and target in targets else ""
    return chosen


def _how(ctx: PageContext, key: imports.Key) -> str:
    if key.how == "guess":
        return ctx.t("upload.map.how.guess", target=key.target)
    return ctx.t(f"upload.map.how.{key.how}")


def mapping_csv(prepared: imports.Prepared, keys: dict[tuple[str, str], str]) -> bytes:
    """The mapping in force as the CLI's CSV: kind,source,target, every dimension's role and every key (an open
    one with an empty target, to fill in); cells a spreadsheet would run as formulas get an apostrophe, which
    `read_mapping` drops again (`-`, skip, stays as it is: it is the contract's word)."""
    rows = [("dimension", dim, role) for dim, role in prepared.applied.roles]
    rows += [(k.kind, k.key, keys.get((k.kind, k.key), "")) for k in prepared.applied.keys]
    frame = pd.DataFrame(rows, columns=["kind", "source", "target"])
    frame["source"] = frame["source"].map(neutralise)
    frame["target"] = [t if t == SKIP else neutralise(t) for t in frame["target"]]
    return to_csv(frame)


def _download(ctx: PageContext, prepared: imports.Prepared, keys: dict[tuple[str, str], str], base: str) -> None:
    st.download_button(ctx.t("upload.map.download"), mapping_csv(prepared, keys),
                       file_name=f"mapping-{prepared.table.format}.csv", mime="text/csv", key=f"{base}_download",
                       on_click="ignore")
