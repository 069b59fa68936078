"""The first administrator, created from the dashboard itself on a store that has none (issue 14.3).

While no account has the admin role, the dashboard offers a one-time setup form; it creates an admin only
with the setup token this process printed in its server log (`setup_token`). Why a token, not "only from the
machine it runs on": behind a reverse proxy on the same host every request arrives from 127.0.0.1, so an
address rule would open the setup to the whole network; reading the server's log proves the operator's access
to the machine wherever the browser is. The token (128 random bits) lives in this process only, is printed
once per process, and is gone as soon as an admin exists; the form is never offered again after that.
"""

from __future__ import annotations

import logging
import secrets
import threading

from benchlearn.api import accounts, sessions
from benchlearn.auth import AccountError, check_password, check_username, to_db, utcnow
from benchlearn.errors import PermissionDenied
from benchlearn.model import Role
from benchlearn.store import Store
from benchlearn.store import accounts as account_rows
from benchlearn.store import audit as audit_trail

log = logging.getLogger("benchlearn.setup")
FIRST_ADMIN = "first_admin"
# one process serves the dashboard: this lock makes "no admin yet → create one" a single step, so two setup
# forms submitted at once cannot both create an admin (DuckDB's snapshots would let both inserts commit)
_lock = threading.Lock()
_token: list[str] = []


def needed(store: Store) -> bool:
    """True while the store has no admin account (the setup form is offered)."""
    with store.cursor() as cur:
        return account_rows.admin_count(cur) == 0


def setup_token(store: Store) -> str | None:
    """This process's setup token, printed in the server log when first made; None once an admin exists."""
    if not needed(store):
        _token.clear()
        return None
    with _lock:
        if not _token:
            _token.append(secrets.token_urlsafe(16))
            log.warning("Benchlearn has no administrator yet. To create one, open the dashboard's Log in page "
                        "and enter this setup token: %s", _token[0])
        return _token[0]


def create(store: Store, token: str, username: str, password: str) -> None:
    """Create the first admin if `token` is this process's setup token and no admin exists yet (audited)."""
    check_username(username)
    check_password(password, username)
    password_hash = accounts.PASSWORDS.hash(password)  # slow on purpose: outside the lock
    with _lock:
        if not _token or not secrets.compare_digest(token.strip().encode(), _token[0].encode()):
            with store.transaction() as cur:
                audit_trail.record(cur, None, sessions.REFUSED, "first admin setup: wrong setup token")
            raise PermissionDenied("wrong setup token")
        with store.transaction() as cur:
            if account_rows.admin_count(cur):
                raise PermissionDenied("an administrator exists already")
            if account_rows.user(cur, username) is not None:
                raise AccountError(f"there is already a user {username!r}")
            account_rows.insert(cur, username, password_hash, Role.ADMIN.value, None, None, to_db(utcnow()))
            audit_trail.record(cur, username, FIRST_ADMIN, f"{username} (admin) created with the setup token")
        _token.clear()
