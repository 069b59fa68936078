"""Use cases of accounts: add, list, change and remove users; log in; read and write the audit log.

Every account change and every login attempt (successful or not) is written to the audit log in the
same transaction as its effect; a password, role or networks change and a removal also end the account's
open sessions there (`benchlearn.api.sessions`). The functions do not check who calls them: the admin
use cases (`benchlearn.api.administration`) and the CLI gate them, and `actor` names who acted, for the log.
The SQL is in `benchlearn.store.accounts`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import pandas as pd

from benchlearn.api import sessions
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
from benchlearn.errors import ConflictError, NotFoundError
from benchlearn.model import Role
from benchlearn.store import Store, member_rights
from benchlearn.store import accounts as account_rows
from benchlearn.store import audit as audit_trail

__all__ = ["AccountError", "AccountLocked", "LoginFailed", "add_user", "audit", "audit_log", "list_users",
           "login", "remove_user", "set_networks", "set_password", "set_role"]

T = TypeVar("T")
_RETRY_PAUSES = (0.01, 0.02, 0.05, 0.1, 0.2)


def _network_list(networks: str | Iterable[str]) -> tuple[str, ...]:
    # a single string is the comma-separated form the CLI and the table use
    items = networks.split(",") if isinstance(networks, str) else networks
    return tuple(sorted({n.strip() for n in items if n and n.strip()}))


def _check_networks(cur: object, networks: tuple[str, ...]) -> None:
    known = account_rows.known_networks(cur, list(networks))
    missing = [n for n in networks if n not in known]
    if missing:
        raise NotFoundError(f"there is no network {', '.join(repr(n) for n in missing)}")


def _check_entity(cur: object, entity_code: str | None) -> None:
    if entity_code is not None and not account_rows.entity_exists(cur, entity_code):
        raise NotFoundError(f"there is no municipality or unit with the code {entity_code!r}")


def _check_municipality(cur: object, role: Role, networks: tuple[str, ...], entity_code: str | None) -> None:
    """A municipality account (issue 15.1) is one member's: its entity, and networks that all hold it."""
    if role != Role.MUNICIPALITY:
        return
    if not entity_code or not networks:
        raise AccountError("a municipality account needs its municipality (--entity) and at least one network")
    outside = member_rights.is_member(cur, entity_code, list(networks))
    if outside:
        raise AccountError(f"{entity_code} is not a member of network {', '.join(outside)}")


def _existing(cur: object, username: str) -> dict:
    row = account_rows.user(cur, username)
    if row is None:
        raise NotFoundError(f"there is no user {username!r}")
    return row


def _refuse_last_admin(cur: object, row: dict, doing: str) -> None:
    if row["role"] == Role.ADMIN and account_rows.admin_count(cur) <= 1:
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
        if account_rows.user(cur, username) is not None:
            raise AccountError(f"there is already a user {username!r}")
        _check_networks(cur, nets)
        _check_entity(cur, entity_code)
        _check_municipality(cur, role, nets, entity_code)
        account_rows.insert(cur, username, password_hash, role.value, ",".join(nets) or None, entity_code,
                            to_db(utcnow()))
        audit_trail.record(cur, actor, audit_trail.USER_ADDED,
                           f"{username} ({role}; networks: {', '.join(nets) or 'none'})")
    return nets


def list_users(store: Store) -> pd.DataFrame:
    """Every account without its hash: username, role, networks, entity_code, created_at, failures, lock."""
    with store.cursor() as cur:
        return account_rows.users(cur)


def set_password(
    store: Store,
    username: str,
    password: str,
    actor: str | None = None,
    *,
    passwords: Passwords | None = None,
) -> None:
    """Replace a user's password; this lifts a lock-out and ends every open session of the account."""
    check_password(password, username)
    password_hash = (passwords or PASSWORDS).hash(password)
    with store.transaction() as cur:
        _existing(cur, username)
        account_rows.set_password(cur, username, password_hash)
        sessions.end_sessions(cur, username)
        audit_trail.record(cur, actor, audit_trail.PASSWORD_CHANGED, username)


def set_role(store: Store, username: str, role: Role | str, actor: str | None = None) -> None:
    """Change a user's role (the last admin cannot be demoted); a change ends the account's open sessions."""
    role = check_role(role)
    with store.transaction() as cur:
        row = _existing(cur, username)
        if role != Role.ADMIN:
            _refuse_last_admin(cur, row, f"made {role}")
        _check_municipality(cur, role, _network_list(row["networks"] or ""), row["entity_code"])
        account_rows.set_role(cur, username, role.value)
        if row["role"] != role:
            sessions.end_sessions(cur, username)
        audit_trail.record(cur, actor, audit_trail.ROLE_CHANGED, f"{username}: {row['role']} → {role}")


def set_networks(
    store: Store, username: str, networks: str | Iterable[str], actor: str | None = None
) -> tuple[str, ...]:
    """Replace the networks a user belongs to (each must exist; a change ends the account's open sessions)."""
    nets = _network_list(networks)
    with store.transaction() as cur:
        row = _existing(cur, username)
        _check_networks(cur, nets)
        _check_municipality(cur, Role(row["role"]), nets, row["entity_code"])
        account_rows.set_networks(cur, username, ",".join(nets) or None)
        if _network_list(row["networks"] or "") != nets:
            sessions.end_sessions(cur, username)
        audit_trail.record(cur, actor, audit_trail.NETWORKS_CHANGED,
                           f"{username}: {row['networks'] or 'none'} → {','.join(nets) or 'none'}")
    return nets


def remove_user(store: Store, username: str, actor: str | None = None) -> None:
    """Delete an account (never the last admin) and end its open sessions; its past audit entries stay."""
    with store.transaction() as cur:
        row = _existing(cur, username)
        _refuse_last_admin(cur, row, "removed")
        account_rows.delete(cur, username)
        sessions.end_sessions(cur, username)
        audit_trail.record(cur, actor, audit_trail.USER_REMOVED, f"{username} ({row['role']})")


@dataclass(frozen=True)
class _Attempt:
    """A login attempt as counted before its password is checked."""

    stored_hash: str | None  # None: an unknown user (checked against the dummy hash) or a refused attempt
    number: int = 0  # its place among the account's consecutive failures (0 for unknown users)
    locks: bool = False  # it reached the limit and started the lock
    locked_minutes: int = 0  # > 0: refused without checking the password


def _retrying(store: Store, work: Callable[[object], T], sleep: Callable[[float], None]) -> T:
    """Run `work(cur)` in a transaction, again after a short pause when a concurrent one conflicted."""
    for pause in _RETRY_PAUSES:
        try:
            with store.transaction() as cur:
                return work(cur)
        except ConflictError:
            sleep(pause)
    try:
        with store.transaction() as cur:
            return work(cur)
    except ConflictError:
        raise LoginFailed("too many logins at the same moment; please try again") from None


def _count_attempt(cur: object, username: str, moment: datetime, policy: LoginPolicy) -> _Attempt:
    row = account_rows.user(cur, username)
    if row is None:
        return _Attempt(None)
    # at most the lock's length: a concurrent attempt that started the lock may have read the clock later
    minutes = min(policy.locked_minutes_left(row["locked_until"], moment), policy.lock_minutes)
    if minutes:
        audit_trail.record(cur, username, audit_trail.LOGIN_FAILED, f"refused: locked for {minutes} more minutes",
                           moment)
        return _Attempt(None, locked_minutes=minutes)
    number = row["failed_logins"] + 1
    locks = number >= policy.max_failures
    # Counted (and the lock started) BEFORE the password is checked, in one transaction: concurrent attempts
    # cannot all pass a check of the count, so at most `max_failures` passwords are checked per lock window.
    # The counter restarts with the lock, so after it ends the user has the full number of tries again.
    until = to_db(moment + timedelta(minutes=policy.lock_minutes)) if locks else None
    account_rows.count_attempt(cur, username, 0 if locks else number, until)
    return _Attempt(row["password_hash"], number, locks)


def _succeed(cur: object, username: str, attempt: _Attempt, fresh: str | None, moment: datetime) -> dict | None:
    row = account_rows.login_succeeded(cur, username, attempt.stored_hash, fresh)
    if row is None:  # the password was changed (or the account removed) while this one was being checked
        audit_trail.record(cur, username, audit_trail.LOGIN_FAILED, "refused: the account changed meanwhile",
                           moment)
    else:
        audit_trail.record(cur, username, audit_trail.LOGIN, "rehashed" if fresh else "", moment)
    return row


def _fail(cur: object, username: str, attempt: _Attempt, moment: datetime, policy: LoginPolicy) -> None:
    if attempt.stored_hash is None:
        audit_trail.record(cur, username, audit_trail.LOGIN_FAILED, "unknown user name", moment)
        return
    audit_trail.record(cur, username, audit_trail.LOGIN_FAILED,
                       f"wrong password ({attempt.number} of {policy.max_failures})", moment)
    if attempt.locks:
        audit_trail.record(cur, username, audit_trail.ACCOUNT_LOCKED,
                           f"locked for {policy.lock_minutes} minutes after {attempt.number} failed logins", moment)


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

    The attempt is counted before the password is checked (see `_count_attempt`), so the lock-out holds
    whatever the number of simultaneous logins. An unknown user costs one verification against the dummy
    hash, like a known one, and gets the same message as a wrong password. A locked account is refused
    without checking the password.
    """
    passwords, policy = passwords or PASSWORDS, policy or DEFAULT_POLICY
    moment = as_utc(now or utcnow())
    attempt = _retrying(store, lambda cur: _count_attempt(cur, username, moment, policy), sleep)
    if attempt.locked_minutes:
        raise AccountLocked(attempt.locked_minutes)
    if passwords.verify(attempt.stored_hash, password):
        # a hash made with older parameters is upgraded now, while the plain password is at hand
        fresh = passwords.hash(password) if passwords.needs_rehash(attempt.stored_hash) else None
        row = _retrying(store, lambda cur: _succeed(cur, username, attempt, fresh, moment), sleep)
        if row is None:
            raise LoginFailed()
        # a session begins no earlier than the last end of the account's sessions (a clock set back must not
        # end the new one at once)
        valid_after = row["sessions_valid_after"]
        issued = moment if valid_after is None else max(moment, as_utc(valid_after))
        return Identity.issue(username, row["role"], tuple(filter(None, (row["networks"] or "").split(","))),
                              row["entity_code"], issued, policy)
    _retrying(store, lambda cur: _fail(cur, username, attempt, moment, policy), sleep)
    sleep(policy.delay(max(attempt.number, 1)))
    if attempt.locks:
        raise AccountLocked(policy.lock_minutes)
    raise LoginFailed()


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
