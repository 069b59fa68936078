"""Members' notes on their own numbers (issue 15.4): a short note on one value (entity × indicator × period) —
why it moved, what it includes, a definition deviation — shown beside the value wherever it is shown, marked as
the municipality's own words with its author and date, and kept with its history (a revision keeps the old text).

Who may write (`may_write`, checked against the account as it is NOW in the store): an admin, a coordinator of
a network the municipality (or the eldership's municipality) belongs to, and the municipality's own member
account. Every write and every refusal is audited. A reason confirmed for a screening flag at upload becomes the
value's note in the upload's own transaction (`from_flags`), by the uploader.

Notes change without a new batch, so pages read them directly (not through the data-version cache).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd

from benchlearn.api import sessions
from benchlearn.api.publication import viewer_of
from benchlearn.auth import Identity, as_utc, to_db, utcnow
from benchlearn.errors import InputError, InputProblem, PermissionDenied
from benchlearn.i18n import fmt_date, t
from benchlearn.ingest.practice_form import FORM
from benchlearn.model import Role
from benchlearn.store import Store, reads
from benchlearn.store import audit as audit_trail
from benchlearn.store import networks as network_rows
from benchlearn.store import publication as published
from benchlearn.store import value_notes as note_rows

WRITTEN, REMOVED, REFUSED = "value_note_written", "value_note_removed", "value_note_refused"
#: a note is a few sentences kept with one value
MAX_NOTE = 1000
Key = tuple[str, str, str]  # entity_code, indicator_code, period


def may_write(identity: Identity | None, entity: str, parent: str | None, networks: Collection[str]) -> bool:
    """True when `identity` may write notes on `entity`'s values and record its improvement actions (`parent`: its
    municipality, for an eldership; `networks`: the networks either belongs to): admins, coordinators of one of
    those networks, the member. The one rule of both (api/actions.py asks it too)."""
    if identity is None:
        return False
    if str(identity.role) == "municipality":  # the member account of issue 15.1: its own and its elderships'
        return identity.entity_code is not None and identity.entity_code in (entity, parent)
    return identity.role == Role.ADMIN or (identity.role == Role.COORDINATOR
                                           and bool(set(networks) & set(identity.networks)))


def place(store: Store, entity: str) -> tuple[str | None, list[str]]:
    """The entity's parent and the networks it (or its parent) belongs to."""
    with store.cursor() as cur:
        found = reads.entities(cur, [entity])
        parent = found["parent_code"].iloc[0] if len(found) and isinstance(found["parent_code"].iloc[0], str) else None
        networks = network_rows.of_entity(cur, entity) + (network_rows.of_entity(cur, parent) if parent else [])
    return parent, networks


def writable(store: Store, identity: Identity | None, entity: str) -> bool:
    """True when the user (as the store knows the account now) may write notes on `entity`'s values."""
    identity = sessions.current(store, identity)
    parent, networks = place(store, entity)
    return may_write(identity, entity, parent, networks)


def _authorise(store: Store, identity: Identity | None, key: Key, doing: str) -> Identity:
    now = sessions.current(store, identity)
    parent, networks = place(store, key[0])
    if may_write(now, key[0], parent, networks):
        return now
    with store.transaction() as cur:
        audit_trail.record(cur, identity.username if identity else None, REFUSED, f"{doing} {' '.join(key)}")
    raise PermissionDenied(f"only the municipality's own account, a coordinator of its network or an admin may "
                           f"write notes on the values of {key[0]}")


def clean(text: object) -> str:
    """A note as kept: trimmed, inner runs of spaces and line breaks as single spaces."""
    return " ".join(str(text or "").split())


def _checked(store: Store, identity: Identity, key: Key, text: object) -> str:
    note, problems = clean(text), []
    if not note:
        problems.append(InputProblem(FORM, None, "text", "a note needs some text", None, code="required"))
    elif len(note) > MAX_NOTE:
        problems.append(InputProblem(FORM, None, "text", f"a note has at most {MAX_NOTE} characters",
                                     str(len(note)), code="too_long"))
    # the value as the writer may read it now: a coordinator of another of the municipality's networks must not
    # learn (from the answer) of a value under this network's embargo
    with published.viewing(store, viewer_of(identity)).cursor() as cur:
        if not note_rows.value_exists(cur, key, viewed=True):
            problems.append(InputProblem(FORM, None, "period", f"{key[0]} has no value of {key[1]} for {key[2]} "
                                         "to note", key[2], code="no_value"))
    if problems:
        raise InputError(problems)
    return note


def write(store: Store, identity: Identity | None, key: Key, text: str) -> bool:
    """Write (or revise) the note on value `key`; True when an earlier note was kept in the history."""
    identity = _authorise(store, identity, key, "write note on")
    note = _checked(store, identity, key, text)
    with store.transaction() as cur:
        replaced = note_rows.write(cur, key, note, identity.username, to_db(utcnow()))
        audit_trail.record(cur, identity.username, WRITTEN, f"{' '.join(key)}: {note}")
    return replaced


def remove(store: Store, identity: Identity | None, key: Key) -> bool:
    """Remove the note on value `key` (kept in the history); False when it had none."""
    identity = _authorise(store, identity, key, "remove note on")
    with store.transaction() as cur:
        removed = note_rows.remove(cur, key, identity.username, to_db(utcnow()))
        if removed:
            audit_trail.record(cur, identity.username, REMOVED, " ".join(key))
    return removed


def from_flags(cur: object, batch_id: int, flags: pd.DataFrame, author: str | None) -> int:
    """Inside an upload's transaction: each value's confirmed flag reasons ('; '-joined) become its note, tied to
    the batch (shown while its value is current); return how many notes were written."""
    if flags.empty or "reason" not in flags.columns:
        return 0
    confirmed = flags[flags["reason"].notna() & (flags["reason"].astype(str).str.strip() != "")]
    # plain Python, not a groupby, which built a frame per flagged value (60 values: 2.0 ms against 0.5)
    reasons: dict[tuple[str, str, str], dict[str, None]] = {}
    for *key, reason in zip(confirmed["entity_code"], confirmed["indicator_code"], confirmed["period"],
                            confirmed["reason"], strict=True):
        reasons.setdefault(tuple(str(k) for k in key), {})[str(reason)] = None
    notes = [(*key, "; ".join(texts)) for key, texts in sorted(reasons.items())]
    note_rows.write_many(cur, notes, author, to_db(utcnow()), source="screening", batch_id=batch_id)
    return len(notes)


def shown(store: Store, entities: Collection[str] = (), indicators: Collection[str] = (),
          periods: Collection[str] = ()) -> pd.DataFrame:
    """The notes shown beside these values (empty = all): entity_code, indicator_code, period, text, author,
    written_at, source, entity_name."""
    with store.cursor() as cur:
        return note_rows.shown(cur, list(entities), list(indicators), list(periods))


def history(store: Store, key: Key) -> pd.DataFrame:
    """The earlier notes of one value, newest first (text, author, written_at, source, replaced_by,
    replaced_at, reason)."""
    with store.cursor() as cur:
        return note_rows.history(cur, *key)


def current(store: Store, key: Key) -> dict | None:
    """The note of one value as stored now (whatever its batch), or None."""
    with store.cursor() as cur:
        return note_rows.get(cur, *key)


def byline(author: object, written_at: object, lang: str) -> str:
    """'the municipality's own words — author, date' in `lang`."""
    day = as_utc(pd.Timestamp(written_at).to_pydatetime()).date() if pd.notna(written_at) else dt.date.today()
    return t("notes.byline", lang, author=str(author or "–"), date=fmt_date(day, lang))


def label(row: dict, lang: str) -> str:
    """One note as shown in a table cell or a hover: its text, then whose words they are, who and when."""
    return t("notes.label", lang, note=row["text"], byline=byline(row["author"], row["written_at"], lang))


def beside(store: Store, indicator: str, period: str, lang: str) -> pd.DataFrame:
    """The notes on one indicator and period as a table's columns: entity_code, note (the text), note_by
    (`byline`) and note_label (`label`, for a hover)."""
    rows = shown(store, (), (indicator,), (period,)).to_dict("records")
    return pd.DataFrame({"entity_code": [r["entity_code"] for r in rows], "note": [r["text"] for r in rows],
                         "note_by": [byline(r["author"], r["written_at"], lang) for r in rows],
                         "note_label": [label(r, lang) for r in rows]},
                        columns=["entity_code", "note", "note_by", "note_label"])


def noteable(store: Store, entity: str, period: str) -> list[str]:
    """The indicators of `entity` with a stored value in `period` (derived ratios have none: note their parts)."""
    with store.cursor() as cur:
        return note_rows.noteable(cur, entity, period)
