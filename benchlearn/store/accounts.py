"""The SQL of accounts (`app_user`) and of ended sessions (`session_revocation`), on the caller's cursor.

The use cases in `benchlearn.api.accounts` and `benchlearn.api.sessions` decide; these functions only read and
write rows, inside the transaction the caller opened (an account change and its audit entry commit together).
Times are naive UTC, as DuckDB's TIMESTAMP keeps them.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from benchlearn.store.cursor import StoreCursor

USER_COLUMNS = ("username", "role", "networks", "entity_code", "created_at", "failed_logins", "locked_until")
_LISTED = ", ".join(USER_COLUMNS)


def _dict(cur: StoreCursor, sql: str, params: list) -> dict | None:
    rows = cur.execute(sql, params).fetchall()
    if not rows:
        return None
    return dict(zip([d[0] for d in cur.description], rows[0], strict=True))


def user(cur: StoreCursor, username: str) -> dict | None:
    """One account with its password hash, or None."""
    return _dict(cur, f"SELECT {_LISTED}, password_hash FROM app_user WHERE username = ?", [username])


def users(cur: StoreCursor) -> pd.DataFrame:
    """Every account without its hash, by name."""
    return cur.execute(f"SELECT {_LISTED} FROM app_user ORDER BY username").df()


def known_networks(cur: StoreCursor, codes: list[str]) -> set[str]:
    """Which of `codes` are networks."""
    rows = cur.execute("SELECT code FROM network WHERE code IN (SELECT unnest(?::VARCHAR[]))", [codes]).fetchall()
    return {r[0] for r in rows}


def entity_exists(cur: StoreCursor, code: str) -> bool:
    """True when a municipality or unit has this code."""
    return bool(cur.execute("SELECT count(*) FROM entity WHERE code = ?", [code]).fetchall()[0][0])


def admin_count(cur: StoreCursor) -> int:
    """How many accounts have the admin role."""
    return cur.execute("SELECT count(*) FROM app_user WHERE role = 'admin'").fetchall()[0][0]


def insert(cur: StoreCursor, username: str, password_hash: str, role: str, networks: str | None,
           entity_code: str | None, created_at: datetime) -> None:
    """Add an account."""
    cur.execute("INSERT INTO app_user (username, password_hash, role, networks, entity_code, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", [username, password_hash, role, networks, entity_code, created_at])


def set_password(cur: StoreCursor, username: str, password_hash: str) -> None:
    """Replace the hash; the failure count and any lock go with the old password."""
    cur.execute("UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                [password_hash, username])


def set_role(cur: StoreCursor, username: str, role: str) -> None:
    """Replace the role."""
    cur.execute("UPDATE app_user SET role = ? WHERE username = ?", [role, username])


def set_networks(cur: StoreCursor, username: str, networks: str | None) -> None:
    """Replace the comma-separated networks."""
    cur.execute("UPDATE app_user SET networks = ? WHERE username = ?", [networks, username])


def delete(cur: StoreCursor, username: str) -> None:
    """Remove the account (its revocation row stays: a later account of that name starts clean)."""
    cur.execute("DELETE FROM app_user WHERE username = ?", [username])


def count_attempt(cur: StoreCursor, username: str, failed_logins: int,
                  locked_until: datetime | None) -> None:
    """Store a login attempt's count (and the lock it starts), before its password is checked."""
    cur.execute("UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE username = ?",
                [failed_logins, locked_until, username])


def login_succeeded(cur: StoreCursor, username: str, verified_hash: str,
                    fresh_hash: str | None) -> dict | None:
    """Clear the count and lock, and upgrade the hash, if the hash checked is still the account's (else None).

    Returns the account's role, networks and municipality as this transaction sees them, and the moment before
    which its sessions are ended."""
    done = cur.execute(
        "UPDATE app_user SET failed_logins = 0, locked_until = NULL, password_hash = coalesce(?, password_hash) "
        "WHERE username = ? AND password_hash = ? RETURNING username",
        [fresh_hash, username, verified_hash],
    ).fetchall()
    return session_account(cur, username) if done else None


def session_account(cur: StoreCursor, username: str) -> dict | None:
    """Role, networks, municipality and `sessions_valid_after` of an account, or None if it does not exist."""
    return _dict(cur, """SELECT u.role, u.networks, u.entity_code, r.sessions_valid_after
                         FROM app_user u LEFT JOIN session_revocation r ON r.username = u.username
                         WHERE u.username = ?""", [username])


def end_sessions(cur: StoreCursor, username: str, moment: datetime) -> None:
    """End every session of `username` begun before `moment` (it never moves back)."""
    cur.execute("""INSERT INTO session_revocation (username, sessions_valid_after) VALUES (?, ?)
                   ON CONFLICT (username) DO UPDATE
                   SET sessions_valid_after = greatest(session_revocation.sessions_valid_after,
                                                       excluded.sessions_valid_after)""",
                [username, moment])
