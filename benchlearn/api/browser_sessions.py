"""Logins kept across reloads and new tabs: the browser's cookie token bound, server-side, to an account.

The dashboard's server gives every browser an opaque random token in an HttpOnly, SameSite=Lax cookie
(`benchlearn.server`); it says nothing by itself. A login binds the token's SHA-256 to the account here, with
the login's times, so a reload or a new tab of the same browser finds the login again (`restore`). A bound
login obeys the same rules as one kept in a Streamlit session: it ends 8 hours after the login or after 60
minutes without a page run, at logout (`forget`), and when the account's password, role or networks change
or the account is removed (the store-backed revocation of `benchlearn.api.sessions`). Stealing the table
gives no usable token: only hashes are kept.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from benchlearn.api import sessions
from benchlearn.auth import Identity, as_utc, to_db, utcnow
from benchlearn.model import Role
from benchlearn.store import Store
from benchlearn.store import accounts as account_rows
from benchlearn.store import browser_sessions as rows

# a page run records activity at most this often: a write per click would cost every page view a commit
TOUCH_EVERY = timedelta(seconds=60)
EXPIRED, ENDED = "expired", "ended"


@dataclass(frozen=True)
class Restored:
    """The login a token stands for now (`identity`), or why there is none (`why`: expired, ended or None)."""

    identity: Identity | None
    why: str | None = None


def token_hash(token: str) -> str:
    """The form a token is stored in (SHA-256, hex): the table alone cannot be replayed as a cookie."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def remember(store: Store, identity: Identity, token: str) -> None:
    """Bind the browser's `token` to a fresh login `identity` (and drop logins past their lifetime)."""
    idle = identity.idle_timeout.total_seconds() / 60
    with store.transaction() as cur:
        rows.purge(cur, to_db(utcnow()))
        rows.bind(cur, token_hash(token), identity.username, to_db(identity.issued_at),
                  to_db(identity.expires_at), idle)


def restore(store: Store, token: str | None, now: datetime | None = None) -> Restored:
    """The login bound to `token`, as its account is now; an expired or ended one is unbound and says why."""
    if not token:
        return Restored(None)
    moment, key = as_utc(now or utcnow()), token_hash(token)
    with store.cursor() as cur:
        bound = rows.find(cur, key)
        account = account_rows.session_account(cur, bound["username"]) if bound else None
    if bound is None:
        return Restored(None)
    identity = Identity(bound["username"], Role(account["role"]) if account else Role.ANALYST, (), None,
                        bound["issued_at"], bound["expires_at"], timedelta(minutes=bound["idle_minutes"]),
                        bound["last_seen"])
    why = (EXPIRED if identity.is_expired(moment)
           else ENDED if account is None or sessions.is_over(identity, account["sessions_valid_after"]) else None)
    if why is not None:
        forget(store, token)
        return Restored(None, why)
    if moment - identity.last_seen >= TOUCH_EVERY:
        with store.transaction() as cur:
            rows.touch(cur, key, to_db(moment))
    identity.touch(moment)
    identity.entity_code = account["entity_code"]
    identity.networks = tuple(filter(None, (account["networks"] or "").split(",")))
    return Restored(identity)


def forget(store: Store, token: str | None) -> None:
    """Unbind the browser's token: its login is over (logout); a reload then shows the login form."""
    if token:
        with store.transaction() as cur:
            rows.forget(cur, token_hash(token))
