"""Data calls (issue 15.2–3): a coordinator asks a network's members for indicators of a period by a deadline,
then follows who has sent what (completeness), chases the rest (reminders) and hands each member a template.

Rights: an admin acts on every network, a coordinator on the networks their account holds *now*
(`sessions.authorise` at every action); anyone else is refused, audited. The command line is the operator's
(whoever may open the database file): its writes are audited under `cli:<os user>` or `--user`.

A cell (member × indicator) is `missing` (no value, or only the "not available" an empty cell means),
`submitted`, `flagged` (the value's batch has a screening flag on it without a reason) or `confirmed` (every
flag has its reason). A member account (issue 15.1) sees its networks' open calls, its own row of their cells
and downloads its own municipality's template (`member_calls`, `member_cells`, `template_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from benchlearn.api import sessions
from benchlearn.auth import Identity, to_db, utcnow
from benchlearn.errors import BenchlearnError, PermissionDenied
from benchlearn.ingest.periods import parse_period
from benchlearn.model import Role
from benchlearn.reports.data_call_template import template
from benchlearn.store import Store, reads
from benchlearn.store import audit as audit_trail
from benchlearn.store import data_calls as call_rows
from benchlearn.store import networks as network_rows

OPENED, CLOSED = "data_call_opened", "data_call_closed"
STATES = ("missing", "submitted", "flagged", "confirmed")
#: the contract columns of `datacall status`, first and in this order
CONTRACT = ["entity_code", "indicator_code", "state"]
MAX_MESSAGE = 2000


class CallError(BenchlearnError):
    """A data call refused as asked (exit 1): `key` and `params` word it in each language
    (`datacalls.error.<key>` in the catalogues); `message` is the English the CLI prints."""

    exit_code = 1
    _ENGLISH = {
        "unknown_network": "there is no network {network}",
        "bad_period": "period {period!r} is not a period (expected e.g. 2024, 2016-17 or 2024-Q2)",
        "bad_deadline": "deadline {deadline!r} is not a date (expected YYYY-MM-DD)",
        "no_indicators": "name at least one indicator (--indicators A,B)",
        "not_linked": "indicators {codes} are not linked to network {network}",
        "exists": "network {network} already has a call for {period} ({state})",
        "no_call": "network {network} has no call for {period}",
        "closed": "the call of network {network} for {period} is already closed",
        "long_message": "the message is longer than {limit} characters",
        "not_member": "{entity} is not a member of network {network}",
    }

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(self._ENGLISH[key].format(**params))
        self.key, self.params = key, params


def _authorise(store: Store, identity: Identity | None, network: str, doing: str) -> Identity:
    """The current identity if it may run `network`'s calls; else PermissionDenied, audited."""
    found = sessions.authorise(store, identity, Role.COORDINATOR, doing)
    if found.role != Role.ADMIN and network not in found.networks:
        with store.transaction() as cur:
            audit_trail.record(cur, found.username, sessions.REFUSED, f"{doing}: not a coordinator of {network}")
        raise PermissionDenied(f"you coordinate only your own networks ({', '.join(found.networks) or 'none'}), "
                               f"not {network}")
    return found


def _checked(store: Store, network: str, period: str, codes: list[str], deadline: str, message: str) -> dict:
    """The call to insert, or CallError naming the first problem."""
    with store.cursor() as cur:
        if not network_rows.exists(cur, network):
            raise CallError("unknown_network", network=network)
        linked = set(reads.network_indicators(cur, network))
        existing = call_rows.get(cur, network, period)
    if parse_period(period) is None:
        raise CallError("bad_period", period=period)
    try:
        due = dt.date.fromisoformat(deadline) if len(str(deadline)) == 10 else None
    except ValueError:
        due = None
    if due is None:
        raise CallError("bad_deadline", deadline=deadline)
    if not codes:
        raise CallError("no_indicators")
    if unlinked := [c for c in codes if c not in linked]:
        raise CallError("not_linked", codes=", ".join(unlinked), network=network)
    if existing is not None:
        raise CallError("exists", network=network, period=period, state=existing["state"])
    if len(message) > MAX_MESSAGE:
        raise CallError("long_message", limit=MAX_MESSAGE)
    return {"network_code": network, "period": parse_period(period).text, "deadline": due,
            "message": message or None}


def codes_of(text: str) -> list[str]:
    """Indicator codes from `A,B , C` (blanks and repeats dropped, order kept)."""
    return list(dict.fromkeys(c.strip() for c in text.split(",") if c.strip()))


def open_as(store: Store, actor: str, network: str, period: str, codes: list[str], deadline: str,
            message: str = "", detail: Callable[[str], str] = str) -> dict:
    """Open a call for `actor` (rights already checked by the caller); audited with `detail(text)`."""
    call = _checked(store, network, period.strip(), codes, str(deadline).strip(), (message or "").strip())
    call.update(opened_by=actor, opened_at=to_db(utcnow()))
    with store.transaction() as cur:
        call_rows.insert(cur, call, codes)
        audit_trail.record(cur, actor, OPENED, detail(
            f"call {network} {call['period']}: {','.join(codes)} by {call['deadline']}"))
    return {**call, "indicators": codes, "state": "open"}


def close_as(store: Store, actor: str, network: str, period: str, detail: Callable[[str], str] = str) -> dict:
    """Close a call for `actor` (rights already checked by the caller); audited with `detail(text)`."""
    call = _call(store, network, period)
    if call["state"] == "closed":
        raise CallError("closed", network=network, period=period)
    with store.transaction() as cur:
        call_rows.close(cur, network, period, actor, to_db(utcnow()))
        audit_trail.record(cur, actor, CLOSED, detail(f"call {network} {period}"))
    return {**call, "state": "closed"}


def open_call(store: Store, identity: Identity | None, network: str, period: str, codes: list[str],
              deadline: str, message: str = "") -> dict:
    """Open a call as the logged-in coordinator of `network` (or an admin)."""
    who = _authorise(store, identity, network, f"open a data call of {network}")
    return open_as(store, who.username, network, period, codes, deadline, message)


def close_call(store: Store, identity: Identity | None, network: str, period: str) -> dict:
    """Close a call as the logged-in coordinator of `network` (or an admin)."""
    who = _authorise(store, identity, network, f"close a data call of {network}")
    return close_as(store, who.username, network, period)


def _call(store: Store, network: str, period: str) -> dict:
    with store.cursor() as cur:
        call = call_rows.get(cur, network, period)
    if call is None:
        raise CallError("no_call", network=network, period=period)
    return call


def calls(store: Store, networks: list[str] | None) -> pd.DataFrame:
    """The calls of these networks (every network when None), for the CLI and the page."""
    with store.cursor() as cur:
        for network in networks or ():
            if not network_rows.exists(cur, network):
                raise CallError("unknown_network", network=network)
        return call_rows.listing(cur, networks)


def my_calls(store: Store, identity: Identity | None) -> pd.DataFrame:
    """The calls the logged-in coordinator may run (all of them for an admin)."""
    who = sessions.authorise(store, identity, Role.COORDINATOR, "list data calls")
    if who.role == Role.ADMIN:
        return calls(store, None)
    with store.cursor() as cur:  # a network removed since the account was set up is not an error here
        known = set(network_rows.codes(cur))
    return calls(store, [n for n in who.networks if n in known])


def call_of(store: Store, identity: Identity | None, network: str, period: str) -> dict:
    """One call of a network the user coordinates (CallError when there is none)."""
    _authorise(store, identity, network, f"see a data call of {network}")
    return _call(store, network, period)


def cell_states(cells: pd.DataFrame) -> pd.Series:
    """missing / submitted / flagged / confirmed per cell of `data_calls.cells`."""
    missing = cells["status"].isna() | (cells["value"].isna() & (cells["status"] == "not_available"))
    state = pd.Series("submitted", index=cells.index, dtype=object)
    state[cells["flags"] > 0] = "confirmed"
    state[cells["open_flags"] > 0] = "flagged"
    state[missing] = "missing"
    return state


def status_of(store: Store, network: str, period: str) -> pd.DataFrame:
    """The completeness of a call (no rights check: the CLI's and `completeness`'s reader)."""
    _call(store, network, period)
    with store.cursor() as cur:
        cells = call_rows.cells(cur, network, period)
    cells.insert(2, "state", cell_states(cells))
    missing = cells["state"] == "missing"
    cells.loc[missing, ["submitted_by", "submitted_at"]] = None
    return cells[[*CONTRACT, "entity_name", "value", "submitted_by", "submitted_at", "reasons"]]


def completeness(store: Store, identity: Identity | None, network: str, period: str) -> pd.DataFrame:
    """The call's cells, members × indicators, with state, value and who sent it when."""
    _authorise(store, identity, network, f"see the completeness of {network}")
    return status_of(store, network, period)


def progress(cells: pd.DataFrame, deadline: dt.date, today: dt.date) -> pd.DataFrame:
    """Per member: cells done (not missing) of all, the share, and whether it is late (owes after the deadline)."""
    done = cells.assign(done=cells["state"] != "missing")
    out = done.groupby(["entity_code", "entity_name"], dropna=False, sort=True).agg(
        done=("done", "sum"), total=("done", "size")).reset_index()
    out["share"] = out["done"] / out["total"]
    out["late"] = (out["done"] < out["total"]) & (today > deadline)
    return out


def reminders(cells: pd.DataFrame) -> pd.DataFrame:
    """Who owes what: per member with a missing cell, the indicator codes still missing."""
    owed = cells[cells["state"] == "missing"]
    return (owed.groupby(["entity_code", "entity_name"], dropna=False, sort=True)["indicator_code"]
            .agg(", ".join).rename("missing").reset_index())


def _refused(store: Store, who: Identity, doing: str, why: str) -> None:
    with store.transaction() as cur:
        audit_trail.record(cur, who.username, sessions.REFUSED, f"{doing}: {why}")
    raise PermissionDenied(why)


def _member(store: Store, identity: Identity | None, doing: str) -> Identity:
    """The current identity if it is a municipality account (with its municipality); else PermissionDenied,
    audited."""
    found = sessions.authorise(store, identity, Role.MUNICIPALITY, doing)
    if found.role != Role.MUNICIPALITY or not found.entity_code:
        _refused(store, found, doing, "this is a member account's view")
    return found


def _members_call(store: Store, who: Identity, network: str, period: str, doing: str) -> dict:
    """An open call of one of the member's networks (as the account is now); else PermissionDenied, audited."""
    with store.cursor() as cur:
        call = call_rows.get(cur, network, period) if network in who.networks else None
        member = call is not None and call_rows.member_name(cur, network, who.entity_code) is not None
    if not member or call["state"] != "open":
        _refused(store, who, doing, f"{network} {period} is no open data call of your networks")
    return call


def member_calls(store: Store, identity: Identity | None) -> pd.DataFrame:
    """The open calls of the member account's networks (those that hold its municipality now), as `calls`."""
    who = _member(store, identity, "list my data calls")
    with store.cursor() as cur:
        mine = [n for n in who.networks if call_rows.member_name(cur, n, who.entity_code) is not None]
    found = calls(store, mine)
    return found[found["state"] == "open"].reset_index(drop=True)


def member_cells(store: Store, identity: Identity | None, network: str, period: str) -> pd.DataFrame:
    """The member's own row of an open call's completeness (its municipality × the call's indicators)."""
    who = _member(store, identity, f"see my cells of {network} {period}")
    _members_call(store, who, network, period, f"see my cells of {network} {period}")
    cells = status_of(store, network, period)
    return cells[cells["entity_code"] == who.entity_code].reset_index(drop=True)


def _template_call(store: Store, identity: Identity | None, network: str, period: str, entity: str) -> dict:
    """The call whose template the user may download for `entity`: a coordinator's (or admin's) of any member
    of their network; a member account's of its own municipality only, for an open call of its networks."""
    doing = f"download a data call template of {network} for {entity}"
    now = sessions.current(store, identity)
    if now is None or now.role != Role.MUNICIPALITY:
        _authorise(store, identity, network, doing)
        return _call(store, network, period)
    who = _member(store, identity, doing)
    if entity != who.entity_code:
        _refused(store, who, doing, "a member account downloads its own municipality's template only")
    return _members_call(store, who, network, period, doing)


def template_of(store: Store, identity: Identity | None, network: str, period: str, entity: str,
                lang: str) -> tuple[str, bytes]:
    """(file name, .xlsx bytes) of a member's template for a call: for the network's coordinator (or an admin),
    or the member's own account for its open call."""
    call = _template_call(store, identity, network, period, entity)
    with store.cursor() as cur:
        name = call_rows.member_name(cur, network, entity)
        if name is None:
            raise CallError("not_member", entity=entity, network=network)
        rows = call_rows.template_rows(cur, network, call["period"], parse_period(call["period"]).key, entity)
    return f"{network}_{call['period']}_{entity}.xlsx", template(call, entity, name, rows, lang)


def linked(store: Store, identity: Identity | None, network: str) -> list[str]:
    """The indicators linked to a network the user coordinates: those a call of it may ask for."""
    _authorise(store, identity, network, f"see the indicators of {network}")
    with store.cursor() as cur:
        return reads.network_indicators(cur, network)
