"""Use cases of the good-practice library: record, edit, delete, search and export practices; import them as a
batch through the validated CSV path (`write_batch`, the writer of Kind.PRACTICES in api/uploads.py).

Who may write (checked here against the account as it is NOW in the store, not as it was at login):
- an admin: any practice, for any entity and network;
- a coordinator: practices for the members of their networks (and their own municipality, if the account has
  one), tagged with one of their networks or none;
- a municipality user (an account with an `entity_code`, any role): practices of that municipality and of its
  elderships, tagged with a network it belongs to or none.
Only the practice's owner (who recorded it; for an imported practice, who uploaded it) or an admin may edit or
delete it. Every change is written to the audit log in the same transaction.

Practices change without a new batch (except imports), so pages read them directly instead of through the
data-version cache: these queries are small.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from benchlearn.api import sessions
from benchlearn.auth import Identity, to_db, utcnow
from benchlearn.errors import InputError, InputProblem, NotFoundError, PermissionDenied
from benchlearn.exports import safe_csv
from benchlearn.ingest import Parsed, Problems
from benchlearn.ingest.practice_form import FORM, PracticeInput, as_list, check, export_frame, like_patterns, search_key
from benchlearn.model import Role
from benchlearn.store import Cursor, Store, reads, records
from benchlearn.store import accounts as account_rows
from benchlearn.store import audit as audit_trail
from benchlearn.store import entities as entity_rows
from benchlearn.store import networks as network_rows
from benchlearn.store import practices as practice_rows
from benchlearn.store import targets as target_rows
from benchlearn.store.reads import entity_codes

ADDED, EDITED, DELETED, REFUSED = "practice_added", "practice_edited", "practice_deleted", "practice_refused"


# --- who may do what -------------------------------------------------------------------------------------

def fresh(store: Store, identity: Identity | None) -> Identity | None:
    """The account's role, networks and municipality now (None if removed or its sessions ended)."""
    return sessions.current(store, identity)


def may_record(identity: Identity | None) -> bool:
    """True for admins, coordinators and municipality users (accounts with a municipality)."""
    if identity is None:
        return False
    return identity.role in (Role.ADMIN, Role.COORDINATOR) or bool(identity.entity_code)


def entities_for(store: Store, identity: Identity | None) -> list[str]:
    """The entities the user may record practices and targets for (see the module docstring)."""
    identity = fresh(store, identity)
    if not may_record(identity):
        return []
    with store.cursor() as cur:
        if identity.role == Role.ADMIN:
            return entity_codes(cur)
        networks = list(identity.networks) if identity.role == Role.COORDINATOR else []
        return entity_rows.within_reach(cur, identity.entity_code, networks)


def networks_for(store: Store, identity: Identity | None, entity: str | None = None) -> list[str]:
    """The networks a practice of `entity` may be tagged with by this user (all networks for an admin)."""
    identity = fresh(store, identity)
    if not may_record(identity):
        return []
    with store.cursor() as cur:
        codes = network_rows.open_to(cur, entity)
    if identity.role == Role.ADMIN:
        return codes
    own = (identity.entity_code, *_children(store, identity.entity_code))
    own_entity = entity is not None and entity in own
    if identity.role == Role.COORDINATOR and not own_entity:
        return [c for c in codes if c in identity.networks]
    return codes


def _children(store: Store, entity: str | None) -> list[str]:
    with store.cursor() as cur:
        return entity_rows.children(cur, entity)


def may_edit(identity: Identity | None, practice: dict) -> bool:
    """Admins may edit any practice; everyone else only the practices they recorded (or imported)."""
    if identity is None:
        return False
    mine = practice.get("owner") == identity.username and may_record(identity)
    return identity.role == Role.ADMIN or mine


# --- reading ---------------------------------------------------------------------------------------------

def get(store: Store, practice_id: int) -> dict:
    """One practice as a dict (with entity_name and owner), or NotFoundError."""
    with store.cursor() as cur:
        frame = practice_rows.one(cur, practice_id)
    if frame.empty:
        raise NotFoundError(f"there is no practice {practice_id}")
    return frame.iloc[0].to_dict()


def search(store: Store, network: str | None = None, indicators: tuple[str, ...] = (),
           entities: tuple[str, ...] = (), text: str | None = None, since: dt.date | None = None,
           limit: int = 500) -> pd.DataFrame:
    """Practices matching every filter given, newest first: of the network (tagged with it, or recorded for
    one of its members), concerning any of the indicators, of any of the entities, containing every word of
    `text` (case and diacritics ignored, module benchlearn.ingest.practice_form), recorded on or after `since`."""
    with store.cursor() as cur:
        return practice_rows.search(
            cur, network=network, indicators=list(indicators), entities=list(entities),
            patterns=like_patterns(text), since=None if since is None else dt.datetime.combine(since, dt.time()),
            limit=limit)


def for_entities(store: Store, entity_codes: tuple[str, ...], indicator: str | None = None,
                 limit: int = 50) -> pd.DataFrame:
    """The practices of these entities next to the numbers: those concerning `indicator` first, then those
    that name no indicator (general ones); practices about other indicators are left out (`on_indicator`)."""
    if not entity_codes:
        return search(store, limit=0).assign(on_indicator=pd.Series(dtype=bool))
    with store.cursor() as cur:
        return practice_rows.for_entities(cur, list(entity_codes), indicator, limit)


def owned(store: Store, identity: Identity | None, limit: int = 500) -> pd.DataFrame:
    """The practices the user may edit, newest first: their own (all of them for an admin)."""
    identity = fresh(store, identity)
    if not may_record(identity):
        return search(store, limit=0)
    with store.cursor() as cur:
        return practice_rows.owned(cur, identity.username, everyone=identity.role == Role.ADMIN, limit=limit)


def export_csv(store: Store, **filters: object) -> bytes:
    """The practices matching `filters` (as `search`) as a CSV the practices import reads back unchanged."""
    frame = search(store, limit=1_000_000, **filters)  # type: ignore[arg-type]
    return safe_csv(export_frame(frame.sort_values("id")))


# --- writing from the form -------------------------------------------------------------------------------

def _known(cur: Cursor) -> tuple[set[str], set[str]]:
    return set(reads.indicators(cur)["code"]), set(network_rows.codes(cur))


def _validated(store: Store, identity: Identity, practice: PracticeInput) -> PracticeInput:
    practice = practice.cleaned()
    allowed_networks = set(networks_for(store, identity, practice.entity_code or None))
    with store.cursor() as cur:
        indicators, networks = _known(cur)
    check(practice, set(entities_for(store, identity)), indicators, networks & allowed_networks)
    return practice


def _refuse(store: Store, identity: Identity | None, detail: str, message: str) -> PermissionDenied:
    with store.transaction() as cur:
        audit_trail.record(cur, identity.username if identity else None, REFUSED, detail)
    return PermissionDenied(message)


def _search_text(names: dict[str, str], row: dict) -> str:
    codes = [row["entity_code"], *as_list(row.get("indicator_codes"))]
    return search_key([row.get("title"), row.get("body"), row.get("contact"), row.get("attachments"),
                       *(names.get(c) for c in codes if c)])


def _row(practice: PracticeInput) -> dict:
    return {"entity_code": practice.entity_code, "title": practice.title, "body": practice.body,
            "indicator_codes": "|".join(practice.indicator_codes) or None,
            "network_code": practice.network_code,
            "contact": practice.contact, "links": "|".join(practice.links) or None,
            "attachments": "|".join(practice.attachments) or None, "started_period": practice.started_period,
            "language": practice.language}


def add(store: Store, identity: Identity | None, practice: PracticeInput) -> int:
    """Record a new practice (InputError lists every problem of its fields); return its id."""
    identity = fresh(store, identity)
    if not may_record(identity):
        raise _refuse(store, identity, "add practice", "only coordinators, municipality users and admins may "
                      "record practices")
    row = _row(_validated(store, identity, practice))
    with store.transaction() as cur:
        practice_id = practice_rows.next_id(cur)
        names = practice_rows.search_names(cur, [row["entity_code"]], (row["indicator_codes"] or "").split("|"))
        practice_rows.insert(cur, practice_id, row, _search_text(names, row), identity.username, to_db(utcnow()))
        audit_trail.record(cur, identity.username, ADDED, f"practice {practice_id} of {row['entity_code']}: "
                           f"{row['title']}")
    return practice_id


def _own(store: Store, identity: Identity | None, practice_id: int, doing: str) -> tuple[Identity, dict]:
    identity = fresh(store, identity)
    found = get(store, practice_id)
    if not may_edit(identity, found):
        raise _refuse(store, identity, f"{doing} practice {practice_id} of {found['owner']}",
                      "only the person who recorded a practice, or an admin, may change it")
    return identity, found


def update(store: Store, identity: Identity | None, practice_id: int, practice: PracticeInput) -> None:
    """Change a practice the user owns (any, for an admin); InputError lists every problem of its fields."""
    identity, found = _own(store, identity, practice_id, "edit")
    practice = practice.cleaned()
    if practice.entity_code != found["entity_code"] and identity.role != Role.ADMIN:
        check_entity = set(entities_for(store, identity))
        if practice.entity_code not in check_entity:
            raise InputError([InputProblem(FORM, None, "entity_code", f"{practice.entity_code} is not a "
                                           "municipality you may record for", practice.entity_code,
                                           code="unknown_entity")])
    row = _row(_validated(store, identity, practice))
    with store.transaction() as cur:
        names = practice_rows.search_names(cur, [row["entity_code"]], (row["indicator_codes"] or "").split("|"))
        practice_rows.update(cur, practice_id, row, _search_text(names, row), to_db(utcnow()))
        audit_trail.record(cur, identity.username, EDITED, f"practice {practice_id}: {row['title']}")


def delete(store: Store, identity: Identity | None, practice_id: int) -> None:
    """Delete a practice the user owns (any, for an admin); targets that learned from it forget it."""
    identity, found = _own(store, identity, practice_id, "delete")
    with store.transaction() as cur:
        target_rows.forget_practice(cur, practice_id)
        practice_rows.delete(cur, practice_id)
        audit_trail.record(cur, identity.username, DELETED,
                           f"practice {practice_id} of {found['entity_code']}: {found['title']}")


# --- writing an import batch -----------------------------------------------------------------------------

def write_batch(cur: Cursor, parsed: Parsed, batch_id: int, network: str | None,
                base_batch: int | None, user: str | None
                ) -> tuple[tuple[int, int, int], pd.DataFrame, list[str]]:
    """Write a validated practices file as batch `batch_id` (history in record_history, so undo works).

    A row with the id of an existing practice updates it: refused (InputError at that row's id) when the
    practice belongs to another network than the upload's, or — when the uploader is known — to someone else
    and the uploader is not an admin. A row with an unknown id adds the practice under that id (an export read
    back into another store keeps its ids); a row without one gets a new id.
    """
    frame = parsed.frame.copy()
    given = [int(i) for i in frame["id"].dropna()]
    existing = practice_rows.existing(cur, given)
    _check_existing(cur, parsed, frame, existing, network, user)
    now = to_db(utcnow())
    ids, created_by, created_at, created_batch = [], [], [], []
    for value in frame["id"]:
        known = not pd.isna(value) and int(value) in existing.index
        ids.append(practice_rows.next_id(cur) if pd.isna(value) else int(value))
        old = existing.loc[int(value)] if known else None
        created_by.append(old["created_by"] if known else user)
        created_at.append(old["created_at"] if known else now)
        created_batch.append(old["created_batch"] if known else batch_id)
    frame["id"] = pd.array(ids, dtype="Int64")
    frame["created_by"] = [None if pd.isna(v) else v for v in created_by]
    frame["created_at"] = pd.to_datetime(pd.Series(created_at, index=frame.index))
    frame["created_batch"] = pd.array([None if pd.isna(v) else int(v) for v in created_batch], dtype="Int64")
    names = practice_rows.search_names(cur, frame["entity_code"].tolist(),
                   [c for codes in frame["indicator_codes"].dropna() for c in codes.split("|")])
    frame["search_text"] = [_search_text(names, row) for row in frame.to_dict("records")]
    counts = records.upsert(cur, "practice", frame, batch_id)
    practice_rows.stamp_updated(cur, batch_id, now)
    return counts, pd.DataFrame(), []


def _check_existing(cur: Cursor, parsed: Parsed, frame: pd.DataFrame,
                    existing: pd.DataFrame, network: str | None, user: str | None) -> None:
    """Refuse updates of another network's practices, or of someone else's (unless the uploader is admin)."""
    account = account_rows.user(cur, user) if user else None
    admin = account is not None and account["role"] == Role.ADMIN.value
    problems = Problems(parsed.file_name)
    for value, row in zip(frame["id"], frame["row"], strict=True):
        if pd.isna(value) or int(value) not in existing.index:
            continue
        old = existing.loc[int(value)]
        if network and old["network_code"] not in (None, network) and not pd.isna(old["network_code"]):
            problems.add(int(row), "id", "practice_other_network", value=str(int(value)),
                         expected=f"a practice of {network}", network=network, owner=old["network_code"])
        elif user and not admin and old["owner"] != user:
            problems.add(int(row), "id", "not_your_practice", value=str(int(value)),
                         expected="one of your practices")
    problems.raise_if_any()
