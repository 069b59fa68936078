"""The audit log: who logged in (or failed to), and who changed what, in the `audit_log` table.

`record` writes on the caller's cursor, so an audit row commits together with the change it describes
(an upload and its audit entry are one transaction). Details are plain text, never a password.
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

from benchlearn.auth import to_db, utcnow
from benchlearn.store.cursor import StoreCursor

#: the actions written by accounts; other modules add their own (e.g. "upload", "undo")
LOGIN, LOGIN_FAILED, ACCOUNT_LOCKED = "login", "login_failed", "account_locked"
USER_ADDED, USER_REMOVED = "user_added", "user_removed"
PASSWORD_CHANGED, NETWORKS_CHANGED, ROLE_CHANGED = "password_changed", "networks_changed", "role_changed"

MAX_TEXT = 500
# control characters would break the one-line CLI listing and could forge log lines
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(text: str | None, limit: int = MAX_TEXT) -> str | None:
    """Text safe to store in the log: control characters replaced, cut to `limit` characters."""
    if text is None:
        return None
    text = _CONTROL.sub("?", str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def record(
    cur: StoreCursor,
    actor: str | None,
    action: str,
    detail: str = "",
    now: datetime | None = None,
) -> int:
    """Append one entry on this cursor (inside the caller's transaction); return its id."""
    entry_id = int(cur.execute("SELECT nextval('audit_id_seq')").fetchall()[0][0])
    cur.execute(
        "INSERT INTO audit_log (id, logged_at, username, action, detail) VALUES (?, ?, ?, ?, ?)",
        [entry_id, to_db(now or utcnow()), clean(actor, 100), clean(action, 64), clean(detail)],
    )
    return entry_id


def entries(
    cur: StoreCursor,
    limit: int = 200,
    *,
    username: str | None = None,
    action: str | None = None,
) -> pd.DataFrame:
    """The latest entries, newest first, optionally of one user or one action (logged_at is UTC)."""
    return cur.execute(
        """SELECT id, logged_at, username, action, detail FROM audit_log
           WHERE (?::VARCHAR IS NULL OR username = ?) AND (?::VARCHAR IS NULL OR action = ?)
           ORDER BY id DESC LIMIT ?""",
        [username, username, action, action, limit],
    ).df()
