"""Use cases of accounts: add, list, change and remove users; log in; read and write the audit log.

Every account change and every login attempt (successful or not) is written to the audit log in the
same transaction as its effect. The functions do not check who calls them: the admin page and the CLI
gate them (`require_role(identity, Role.ADMIN)`), and `actor` names who acted, for the log.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import duckdb
import pandas as pd

from benchlearn import audit as audit_trail
from benchlearn.auth import (
    DEFAULT_POLICY,
    PASSWORDS,
    AccountError,
    AccountLocked,
    Identity,
    LoginFailed,
    LoginPolicy,
    Passwords,
    as_utc,
    check_password,
    check_role,
    check_username,
    to_db,
    utcnow,
)
from benchlearn.errors import NotFoundError
from benchlearn.model import Role
from benchlearn.store import Store

_USER_COLUMNS = "username, role, networks, entity_code, created_at, failed_logins, locked_until"


def _network_list(networks: str | Iterable[str]) -> tuple[str, ...]:
    # a single string is the comma-separated form the CLI and the table use
    items = networks.split(",") if isinstance(networks, str) else networks
    return tuple(sorted({n.strip() for n in items if n and n.strip()}))


def _check_networks(cur: duckdb.DuckDBPyConnection, networks: tuple[str, ...]) -> None:
    known = {r[0] for r in cur.execute("SELECT code FROM network WHERE list_contains(?, code)",
                                       [list(networks)]).fetchall()}
    missing = [n for n in networks if n not in known]
    if missing:
        raise NotFoundError(f"there is no network {', '.join(repr(n) for n in missing)}")


def _check_entity(cur: duckdb.DuckDBPyConnection, entity_code: str | None) -> None:
    if entity_code is not None and not cur.execute(
        "SELECT count(*) FROM entity WHERE code = ?", [entity_code]
    ).fetchall()[0][0]:
        raise NotFoundError(f"there is no municipality or unit with the code {entity_code!r}")


def _user(cur: duckdb.DuckDBPyConnection, username: str) -> dict | None:
    rows = cur.execute(
        f"SELECT {_USER_COLUMNS}, password_hash FROM app_user WHERE username = ?", [username]
    ).fetchall()
    if not rows:
        return None
    return dict(zip([*_USER_COLUMNS.split(", "), "password_hash"], rows[0], strict=True))


def _existing(cur: duckdb.DuckDBPyConnection, username: str) -> dict:
    row = _user(cur, username)
    if row is None:
        raise NotFoundError(f"there is no user {username!r}")
    return row


def _refuse_last_admin(cur: duckdb.DuckDBPyConnection, row: dict, doing: str) -> None:
    admins = cur.execute("SELECT count(*) FROM app_user WHERE role = ?", [Role.ADMIN.value]).fetchall()[0][0]
    if row["role"] == Role.ADMIN and admins <= 1:
        raise AccountError(
            f"{row['username']} is the last admin and cannot be {doing}; add another admin first"
        )


def add_user(
    store: Store,
    username: str,
    password: str,
    role: Role | str,
    networks: str | Iterable[str] = (),
    entity_code: str | None = None,
    actor: str | None = None,
    *,
    passwords: Passwords | None = None,
) -> tuple[str, ...]:
    """Create an account (argon2id hash); networks and the entity must exist; return its networks, sorted."""
    check_username(username)
    role = check_role(role)
    check_password(password, username)
    nets = _network_list(networks)
    password_hash = (passwords or PASSWORDS).hash(password)  # slow on purpose: outside the write lock
    with store.transaction() as cur:
        if _user(cur, username) is not None:
            raise AccountError(f"there is already a user {username!r}")
        _check_networks(cur, nets)
        _check_entity(cur, entity_code)
        cur.execute(
            "INSERT INTO app_user (username, password_hash, role, networks, entity_code, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [username, password_hash, role.value, ",".join(nets) or None, entity_code, to_db(utcnow())],
        )
        audit_trail.record(cur, actor, audit_trail.USER_ADDED,
                           f"{username} ({role}; networks: {', '.join(nets) or 'none'})")
    return nets


def list_users(store: Store) -> pd.DataFrame:
    """Every account without its hash: username, role, networks, entity_code, created_at, failures, lock."""
    with store.cursor() as cur:
        return cur.execute(f"SELECT {_USER_COLUMNS} FROM app_user ORDER BY username").df()


def set_password(
    store: Store,
    username: str,
    password: str,
    actor: str | None = None,
    *,
    passwords: Passwords | None = None,
) -> None:
    """Replace a user's password; this also lifts a lock-out and clears the failure count."""
    check_password(password, username)
    password_hash = (passwords or PASSWORDS).hash(password)
    with store.transaction() as cur:
        _existing(cur, username)
        cur.execute(
            "UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL "
            "WHERE username = ?",
            [password_hash, username],
        )
        audit_trail.record(cur, actor, audit_trail.PASSWORD_CHANGED, username)


def set_role(store: Store, username: str, role: Role | str, actor: str | None = None) -> None:
    """Change a user's role (the last admin cannot be demoted)."""
    role = check_role(role)
    with store.transaction() as cur:
        row = _existing(cur, username)
        if role != Role.ADMIN:
            _refuse_last_admin(cur, row, f"made {role}")
        cur.execute("UPDATE app_user SET role = ? WHERE username = ?", [role.value, username])
        audit_trail.record(cur, actor, audit_trail.ROLE_CHANGED, f"{username}: {row['role']} → {role}")


def set_networks(
    store: Store, username: str, networks: str | Iterable[str], actor: str | None = None
) -> tuple[str, ...]:
    """Replace the networks a user belongs to (each must exist); return them, sorted."""
    nets = _network_list(networks)
    with store.transaction() as cur:
        row = _existing(cur, username)
        _check_networks(cur, nets)
        cur.execute("UPDATE app_user SET networks = ? WHERE username = ?", [",".join(nets) or None, username])
        audit_trail.record(cur, actor, audit_trail.NETWORKS_CHANGED,
                           f"{username}: {row['networks'] or 'none'} → {','.join(nets) or 'none'}")
    return nets


def remove_user(store: Store, username: str, actor: str | None = None) -> None:
    """Delete an account (never the last admin); its past audit entries stay."""
    with store.transaction() as cur:
        row = _existing(cur, username)
        _refuse_last_admin(cur, row, "removed")
        cur.execute("DELETE FROM app_user WHERE username = ?", [username])
        audit_trail.record(cur, actor, audit_trail.USER_REMOVED, f"{username} ({row['role']})")


def login(
    store: Store,
    username: str,
    password: str,
    now: datetime | None = None,
    *,
    passwords: Passwords | None = None,
    policy: LoginPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Identity:
    """Check a password and return a fresh Identity, or raise LoginFailed / AccountLocked (all audited).

    An unknown user costs one verification against the dummy hash, like a known one, and gets the same
    message as a wrong password. A locked account is refused without checking the password.
    """
    passwords, policy = passwords or PASSWORDS, policy or DEFAULT_POLICY
    moment = as_utc(now or utcnow())
    with store.cursor() as cur:
        row = _user(cur, username)
    if row is not None:
        minutes = policy.locked_minutes_left(row["locked_until"], moment)
        if minutes:
            audit(store, username, audit_trail.LOGIN_FAILED, f"refused: locked for {minutes} more minutes",
                  moment)
            raise AccountLocked(minutes)
    if passwords.verify(row["password_hash"] if row else None, password):
        # a hash made with older parameters is upgraded now, while the plain password is at hand
        fresh = passwords.hash(password) if passwords.needs_rehash(row["password_hash"]) else None
        with store.transaction() as cur:
            cur.execute(
                "UPDATE app_user SET failed_logins = 0, locked_until = NULL, "
                "password_hash = coalesce(?, password_hash) WHERE username = ?",
                [fresh, username],
            )
            audit_trail.record(cur, username, audit_trail.LOGIN, "rehashed" if fresh else "", moment)
        return Identity.issue(username, row["role"], tuple(filter(None, (row["networks"] or "").split(","))),
                              row["entity_code"], moment, policy)
    failures, locked = _record_failure(store, username, moment, policy)
    sleep(policy.delay(failures))
    if locked:
        raise AccountLocked(policy.lock_minutes)
    raise LoginFailed()


def _record_failure(store: Store, username: str, moment: datetime, policy: LoginPolicy) -> tuple[int, bool]:
    """Count a failed login (there is no row to count in for unknown users); lock at the limit."""
    with store.transaction() as cur:
        counted = cur.execute(
            "UPDATE app_user SET failed_logins = failed_logins + 1 WHERE username = ? "
            "RETURNING failed_logins",
            [username],
        ).fetchall()
        if not counted:
            audit_trail.record(cur, username, audit_trail.LOGIN_FAILED, "unknown user name", moment)
            return 1, False
        failures = counted[0][0]
        audit_trail.record(cur, username, audit_trail.LOGIN_FAILED,
                           f"wrong password ({failures} of {policy.max_failures})", moment)
        if failures < policy.max_failures:
            return failures, False
        # the counter restarts with the lock, so after it ends the user has the full number of tries again
        cur.execute(
            "UPDATE app_user SET failed_logins = 0, locked_until = ? WHERE username = ?",
            [to_db(moment + timedelta(minutes=policy.lock_minutes)), username],
        )
        audit_trail.record(cur, username, audit_trail.ACCOUNT_LOCKED,
                           f"locked for {policy.lock_minutes} minutes after {failures} failed logins", moment)
        return failures, True


def audit(store: Store, actor: str | None, action: str, detail: str = "", now: datetime | None = None) -> int:
    """Write one audit entry in its own transaction (use audit.record(cur, …) inside a larger one)."""
    with store.transaction() as cur:
        return audit_trail.record(cur, actor, action, detail, now)


def audit_log(
    store: Store, limit: int = 200, *, username: str | None = None, action: str | None = None
) -> pd.DataFrame:
    """The latest audit entries, newest first (id, logged_at UTC, username, action, detail)."""
    with store.cursor() as cur:
        return audit_trail.entries(cur, limit, username=username, action=action)
