"""Who is acting, as the store says now: the account behind a session identity, checked at every action.

An identity is copied into the session at login; the account may change after that. So every privileged use
case asks `current()` (or `authorise()`) for the account as it is at the moment of the action, never the role
held in the session. A password, role or networks change, and removal, end every session of the account
(`end_sessions`, called by `benchlearn.api.accounts` in the transaction of the change): an identity issued
before that moment is over. The check needs only the identity's user name and `issued_at`, so an identity
restored from the login cookie (an opaque token looked up in `browser_session`) is checked the same way as
one kept in the server's session.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from benchlearn.auth import Identity, as_utc, require_role, to_db, utcnow
from benchlearn.errors import PermissionDenied
from benchlearn.model import Role
from benchlearn.store import Store
from benchlearn.store import accounts as account_rows
from benchlearn.store import audit as audit_trail

REFUSED = "refused"
SESSION_ENDED = "session_ended"
ENDED_MESSAGE = "your session has ended (your account was changed or removed); please log in again"


def end_sessions(cur: object, username: str, now: datetime | None = None) -> None:
    """End every session of `username` begun before now, inside the caller's transaction."""
    account_rows.end_sessions(cur, username, to_db(now or utcnow()))


def is_over(identity: Identity, valid_after: datetime | None) -> bool:
    """True when the identity was issued before its account's sessions were ended."""
    return valid_after is not None and identity.issued_at < as_utc(valid_after)


def current(store: Store, identity: Identity | None) -> Identity | None:
    """The identity with the role, networks and municipality its account has now; None when the account was
    removed or its sessions were ended after this one began."""
    if identity is None:
        return None
    with store.cursor() as cur:
        row = account_rows.session_account(cur, identity.username)
    if row is None or is_over(identity, row["sessions_valid_after"]):
        return None
    return replace(identity, role=Role(row["role"]), entity_code=row["entity_code"],
                   networks=tuple(filter(None, (row["networks"] or "").split(","))))


def authorise(store: Store, identity: Identity | None, role: Role | str, doing: str) -> Identity:
    """The current identity if its account has `role` now; else PermissionDenied, audited with `doing`."""
    now = current(store, identity)
    try:
        if identity is not None and now is None:
            raise PermissionDenied(ENDED_MESSAGE)
        return require_role(now, role)
    except PermissionDenied as exc:
        with store.transaction() as cur:
            audit_trail.record(cur, identity.username if identity else None, REFUSED, f"{doing}: {exc.message}")
        raise
