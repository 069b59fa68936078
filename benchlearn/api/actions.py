"""The improvement-action register (issue 15.6): after a meeting the coordinator (or the member) records for a
member the indicator, the gap seen, the practice or peer it will learn from, the action, an owner, a due date and
the target it supports; the action then moves through planned → in progress → done (or dropped). Every change
is kept field by field in the action's trail (who, when, old → new) and in the audit log.

Who may record and change an action of a municipality: the same people who may write notes on its values
(`value_notes.may_write`: an admin, a coordinator of one of its networks, the member), checked against the
account as it is NOW. `follow_up` gives the next meeting "what was agreed last time, and what happened": each
action with its indicator's change since (value at the action's period vs the latest) and its target's status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from benchlearn.api import sessions, targets, value_notes
from benchlearn.auth import Identity, to_db, utcnow
from benchlearn.compare.contracts import sign as polarity_sign
from benchlearn.errors import InputError, InputProblem, NotFoundError, PermissionDenied
from benchlearn.ingest.periods import parse_period
from benchlearn.ingest.practice_form import FORM
from benchlearn.model import Polarity
from benchlearn.store import Store, reads
from benchlearn.store import actions as action_rows
from benchlearn.store import audit as audit_trail
from benchlearn.store import networks as network_rows

STATES = ("planned", "in_progress", "done", "dropped")
RECORDED, CHANGED, DELETED, REFUSED = "action_recorded", "action_changed", "action_deleted", "action_refused"
LIMITS = {"action": 2000, "gap": 1000, "owner": 200}


@dataclass(frozen=True)
class ActionInput:
    """An action as a user records it: for which member, indicator and period, what and by whom, by when."""

    entity_code: str
    indicator_code: str
    period: str
    action: str
    network_code: str | None = None
    gap: str | None = None
    practice_id: int | None = None
    peer_code: str | None = None
    owner: str | None = None
    due: dt.date | str | None = None
    target_id: int | None = None
    state: str = "planned"


def _problem(column: str, code: str, message: str, value: object = None) -> InputProblem:
    return InputProblem(FORM, None, column, message, None if value is None else str(value), code=code)


def _text(value: object) -> str | None:
    return " ".join(str(value).split()) or None if value is not None else None


def _due(value: dt.date | str | None, problems: list[InputProblem]) -> dt.date | None:
    if value is None or isinstance(value, dt.date) or not str(value).strip():
        return value or None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(_problem("due", "bad_date", f"{value!r} is not a date (expected YYYY-MM-DD)", value))
        return None


def _validated(store: Store, wanted: ActionInput) -> dict:
    """The row to store, or InputError with every problem."""
    problems: list[InputProblem] = []
    row = {"entity_code": wanted.entity_code, "indicator_code": wanted.indicator_code,
           "network_code": wanted.network_code or None, "period": (wanted.period or "").strip(),
           "practice_id": wanted.practice_id, "peer_code": wanted.peer_code or None, "target_id": wanted.target_id,
           "state": wanted.state, "due": _due(wanted.due, problems)}
    row |= {field: _text(getattr(wanted, field)) for field in LIMITS}
    for field, limit in LIMITS.items():
        if row[field] and len(row[field]) > limit:
            problems.append(_problem(field, "too_long", f"at most {limit} characters", len(row[field])))
    if not row["action"]:
        problems.append(_problem("action", "required", "say what will be done"))
    if parse_period(row["period"]) is None:
        problems.append(_problem("period", "bad_period", f"{wanted.period!r} is not a period", wanted.period))
    if wanted.state not in STATES:
        problems.append(_problem("state", "bad_state", f"{wanted.state!r} is not a state", wanted.state))
    with store.cursor() as cur:
        if reads.indicators(cur, [wanted.indicator_code]).empty:
            problems.append(_problem("indicator_code", "unknown_indicator", "not a known indicator",
                                     wanted.indicator_code))
        if row["network_code"] and row["network_code"] not in network_rows.of_entity(cur, wanted.entity_code):
            problems.append(_problem("network_code", "not_member", "not a network of this municipality",
                                     row["network_code"]))
        if row["practice_id"] is not None and not action_rows.exists(cur, "practice", int(row["practice_id"])):
            problems.append(_problem("practice_id", "unknown_practice", "no such practice", row["practice_id"]))
        if row["peer_code"] and (row["peer_code"] == wanted.entity_code
                                 or not action_rows.exists(cur, "entity", row["peer_code"])):
            problems.append(_problem("peer_code", "bad_peer", "not another municipality", row["peer_code"]))
    if row["target_id"] is not None:
        found = targets.listing(store, (wanted.entity_code,))
        if int(row["target_id"]) not in set(found["id"]):
            problems.append(_problem("target_id", "unknown_target", "not a target of this municipality",
                                     row["target_id"]))
    if problems:
        raise InputError(problems)
    return row


def _authorise(store: Store, identity: Identity | None, entity: str, doing: str) -> Identity:
    now = sessions.current(store, identity)
    parent, networks = value_notes.place(store, entity)
    if value_notes.may_write(now, entity, parent, networks):
        return now
    with store.transaction() as cur:
        audit_trail.record(cur, identity.username if identity else None, REFUSED, f"{doing} for {entity}")
    raise PermissionDenied(f"only the municipality's own account, a coordinator of its network or an admin may "
                           f"record or change improvement actions of {entity}")


def networks_of(store: Store, entity: str) -> list[str]:
    """The networks an action of `entity` may be agreed in (its own, or its municipality's for an eldership)."""
    return value_notes.place(store, entity)[1]


def writable(store: Store, identity: Identity | None, entity: str) -> bool:
    """True when the user may record and change the actions of `entity`."""
    return value_notes.writable(store, identity, entity)


def get(store: Store, action_id: int) -> dict:
    """One action as a dict (names joined), or NotFoundError."""
    with store.cursor() as cur:
        frame = action_rows.one(cur, action_id)
    if frame.empty:
        raise NotFoundError(f"there is no improvement action {action_id}")
    return frame.iloc[0].to_dict()


def _shown(value: object) -> str | None:
    """A field's value as the trail keeps it (a due date as YYYY-MM-DD, however it was read)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.date):  # a Timestamp or datetime is a date too: the day is what was set
        return value.strftime("%Y-%m-%d")
    return str(value)


def create(store: Store, identity: Identity | None, wanted: ActionInput) -> int:
    """Record an action (InputError lists every problem); return its id."""
    identity = _authorise(store, identity, wanted.entity_code, "record action")
    row = _validated(store, wanted)
    at = to_db(utcnow())
    with store.transaction() as cur:
        action_id = action_rows.insert(cur, row, row["state"], identity.username, at)
        action_rows.log(cur, action_id, identity.username, at, [("created", None, row["action"])])
        audit_trail.record(cur, identity.username, RECORDED, f"action {action_id}: {wanted.entity_code} "
                           f"{wanted.indicator_code}: {row['action']}")
    return action_id


def update(store: Store, identity: Identity | None, action_id: int, wanted: ActionInput) -> list[str]:
    """Change an action (its member stays); every changed field goes into the trail. Returns the fields changed."""
    old = get(store, action_id)
    identity = _authorise(store, identity, old["entity_code"], f"change action {action_id}")
    if wanted.entity_code != old["entity_code"]:
        raise PermissionDenied("an action stays with the municipality it was recorded for")
    row = _validated(store, wanted)
    changes = [(f, _shown(old[f]), _shown(row[f])) for f in (*action_rows.FIELDS, "state")
               if _shown(old[f]) != _shown(row[f])]
    if not changes:
        return []
    at = to_db(utcnow())
    with store.transaction() as cur:
        action_rows.update(cur, action_id, row, identity.username, at)
        action_rows.log(cur, action_id, identity.username, at, changes)
        audit_trail.record(cur, identity.username, CHANGED, f"action {action_id}: " + ", ".join(
            f"{f} {o or '–'} → {n or '–'}" for f, o, n in changes))
    return [c[0] for c in changes]


def set_state(store: Store, identity: Identity | None, action_id: int, state: str) -> list[str]:
    """Move an action to `state` (planned, in_progress, done, dropped), kept in its trail; the fields changed."""
    old = get(store, action_id)
    identity = _authorise(store, identity, old["entity_code"], f"change action {action_id}")
    if state not in STATES:
        raise InputError([_problem("state", "bad_state", f"{state!r} is not a state", state)])
    if old["state"] == state:
        return []
    at = to_db(utcnow())
    with store.transaction() as cur:
        action_rows.update(cur, action_id, {"state": state}, identity.username, at)
        action_rows.log(cur, action_id, identity.username, at, [("state", old["state"], state)])
        audit_trail.record(cur, identity.username, CHANGED, f"action {action_id}: state {old['state']} → {state}")
    return ["state"]


def delete(store: Store, identity: Identity | None, action_id: int) -> None:
    """Remove an action recorded in error (its trail keeps what it was)."""
    old = get(store, action_id)
    identity = _authorise(store, identity, old["entity_code"], f"delete action {action_id}")
    at = to_db(utcnow())
    with store.transaction() as cur:
        action_rows.delete(cur, action_id)
        action_rows.log(cur, action_id, identity.username, at, [("deleted", _shown(old["action"]), None)])
        audit_trail.record(cur, identity.username, DELETED, f"action {action_id} of {old['entity_code']}")


def listing(store: Store, entities: tuple[str, ...] = (), network: str | None = None,
            states: tuple[str, ...] = ()) -> pd.DataFrame:
    """The actions (of these entities, network and states; all when empty), by due date."""
    with store.cursor() as cur:
        return action_rows.listing(cur, list(entities), network, list(states))


def trail(store: Store, action_id: int) -> pd.DataFrame:
    """Who changed what on an action, when (oldest first)."""
    with store.cursor() as cur:
        return action_rows.trail(cur, action_id)


FOLLOW_UP = ("value_then", "latest_period", "latest_value", "change", "improved", "target_status")


def follow_up(store: Store, entities: tuple[str, ...] = (), network: str | None = None) -> pd.DataFrame:
    """The actions with what happened since: the indicator's value at the action's period (`value_then`), the
    latest value and its period, the change (latest − then), `improved` (True/False by polarity; None for a
    neutral indicator or no later value) and the status of the target it supports."""
    found = listing(store, entities, network)
    if found.empty:
        return found.assign(**{c: pd.Series(dtype="object") for c in FOLLOW_UP})
    statuses = targets.progress(store, tuple(found["entity_code"].unique()))
    statuses = dict(zip(statuses["id"], statuses["status"], strict=True)) if not statuses.empty else {}
    rows = []
    with store.cursor() as cur:
        for action in found.to_dict("records"):
            rows.append(_since(cur, action) | {"target_status": statuses.get(action["target_id"])})
    return pd.concat([found, pd.DataFrame(rows, index=found.index)], axis=1)


def _since(cur: object, action: dict) -> dict:
    meta = reads.indicators(cur, [action["indicator_code"]])
    series = reads.panel(cur, [action["indicator_code"]], [action["entity_code"]], None).dropna(subset=["value"])
    series = series.sort_values("period_key")
    then = series[series["period"] == action["period"]]
    out = {"value_then": float(then["value"].iloc[0]) if len(then) else None, "latest_period": None,
           "latest_value": None, "change": None, "improved": None}
    if series.empty:
        return out
    latest = series.iloc[-1]
    out |= {"latest_period": str(latest["period"]), "latest_value": float(latest["value"])}
    if out["value_then"] is not None and str(latest["period"]) != action["period"]:
        out["change"] = out["latest_value"] - out["value_then"]
        polarity = meta["polarity"].iloc[0] if len(meta) else Polarity.NEUTRAL.value
        neutral = polarity == Polarity.NEUTRAL.value or out["change"] == 0  # a position, or no change at all
        out["improved"] = None if neutral else bool(out["change"] * polarity_sign(polarity) > 0)
    return out
