"""The SQL of logins kept across reloads (`browser_session`): a browser's cookie token, stored only as its
SHA-256, bound to the account that logged in from that browser, with the login's times.

The use cases in `benchlearn.api.browser_sessions` decide; these functions only read and write rows on the
caller's cursor. Times are naive UTC, as both stores' TIMESTAMP keeps them.
"""

from __future__ import annotations

from datetime import datetime

from benchlearn.store.cursor import StoreCursor

_COLUMNS = ("username", "issued_at", "expires_at", "last_seen", "idle_minutes")


def bind(cur: StoreCursor, token_hash: str, username: str, issued_at: datetime,
         expires_at: datetime, idle_minutes: float) -> None:
    """Bind the token to `username` from `issued_at` (a token bound before is rebound: a new login)."""
    cur.execute("DELETE FROM browser_session WHERE token_hash = ?", [token_hash])
    cur.execute("INSERT INTO browser_session (token_hash, username, issued_at, expires_at, last_seen, idle_minutes) "
                "VALUES (?, ?, ?, ?, ?, ?)", [token_hash, username, issued_at, expires_at, issued_at, idle_minutes])


def find(cur: StoreCursor, token_hash: str) -> dict | None:
    """The login bound to the token (username, issued_at, expires_at, last_seen, idle_minutes), or None."""
    rows = cur.execute(f"SELECT {', '.join(_COLUMNS)} FROM browser_session WHERE token_hash = ?",
                       [token_hash]).fetchall()
    return dict(zip(_COLUMNS, rows[0], strict=True)) if rows else None


def touch(cur: StoreCursor, token_hash: str, last_seen: datetime) -> None:
    """Record activity on the login (restarts its idle timer, never its absolute lifetime)."""
    cur.execute("UPDATE browser_session SET last_seen = greatest(last_seen, ?) WHERE token_hash = ?",
                [last_seen, token_hash])


def forget(cur: StoreCursor, token_hash: str) -> None:
    """Unbind the token (logout, expiry, an ended session)."""
    cur.execute("DELETE FROM browser_session WHERE token_hash = ?", [token_hash])


def purge(cur: StoreCursor, now: datetime) -> None:
    """Drop the logins past their absolute lifetime (the table never grows beyond the live logins)."""
    cur.execute("DELETE FROM browser_session WHERE expires_at <= ?", [now])
