"""Use cases of the admin page: accounts, network membership and indicator metadata, and the audit log.

Each function checks that the caller's account is an admin's NOW, in the store, right before it acts (not the
role copied into the session at login, which a removal or demotion does not change), audits a refusal, and
names the admin in the audit log.
Networks, members and indicator metadata change only through the validated upload path: the page's
edits become a small CSV in the upload contract (`members_upload`, `indicators_upload`), which is
previewed and committed like any coordinator's file, with history and undo.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable

import pandas as pd

from benchlearn.api import accounts, sessions
from benchlearn.api.coordination import Upload
from benchlearn.auth import Identity
from benchlearn.ingest import IngestOptions
from benchlearn.model import INDICATOR_COLUMNS, MEMBER_COLUMNS, Kind, Role
from benchlearn.store import Store

# indicator table column → upload contract column (the contract's short names are what files use)
_INDICATOR_FIELDS = {
    "code": "code", "name_en": "name", "unit": "unit", "polarity": "polarity", "name_lt": "name_lt",
    "name_lv": "name_lv", "domain": "domain", "description": "description", "source": "source",
    "min_value": "min", "max_value": "max", "decimals": "decimals", "numerator_code": "numerator",
    "denominator_code": "denominator", "multiplier": "multiplier", "unit_lt": "unit_lt", "unit_lv": "unit_lv",
    "min_denominator": "min_denominator", "size_code": "size_indicator",
}


def _admin(store: Store, identity: Identity | None, doing: str) -> str:
    return sessions.authorise(store, identity, Role.ADMIN, doing).username


def users(store: Store, identity: Identity | None) -> pd.DataFrame:
    """Every account (never a hash)."""
    _admin(store, identity, "list users")
    return accounts.list_users(store)


def add_user(store: Store, identity: Identity | None, username: str, password: str, role: str,
             networks: Iterable[str] = ()) -> tuple[str, ...]:
    """Create an account; return its networks."""
    actor = _admin(store, identity, f"add user {username}")
    return accounts.add_user(store, username, password, role, list(networks), actor=actor)


def set_role(store: Store, identity: Identity | None, username: str, role: str) -> None:
    """Change a user's role (never the last admin's)."""
    accounts.set_role(store, username, role, actor=_admin(store, identity, f"set the role of {username}"))


def set_networks(
    store: Store, identity: Identity | None, username: str, networks: Iterable[str]
) -> tuple[str, ...]:
    """Replace the networks a user coordinates."""
    actor = _admin(store, identity, f"set the networks of {username}")
    return accounts.set_networks(store, username, list(networks), actor=actor)


def set_password(store: Store, identity: Identity | None, username: str, password: str) -> None:
    """Set a new password (this also lifts a lock-out)."""
    actor = _admin(store, identity, f"set the password of {username}")
    accounts.set_password(store, username, password, actor=actor)


def remove_user(store: Store, identity: Identity | None, username: str) -> None:
    """Delete an account (never the last admin, never oneself)."""
    actor = _admin(store, identity, f"remove user {username}")
    if username == actor:
        raise accounts.AccountError("you cannot remove your own account; ask another admin")
    accounts.remove_user(store, username, actor=actor)


def audit_log(store: Store, identity: Identity | None, limit: int = 500) -> pd.DataFrame:
    """The latest audit entries, newest first."""
    _admin(store, identity, "read the audit log")
    return accounts.audit_log(store, limit)


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(list(header))
    for row in rows:
        writer.writerow(["" if _missing(v) else v for v in row])
    return out.getvalue().encode("utf-8")


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def members_upload(group: str, entity_codes: Iterable[str], group_name: str | None = None,
                   group_kind: str = "network") -> Upload:
    """A members file adding the entities to a network or peer group (created, with its name, if new)."""
    rows = [(group, code, group_kind, group_name or "") for code in entity_codes]
    data = _csv(MEMBER_COLUMNS[:4], rows)  # the form names a group in English only: no translation columns
    return Upload(data, f"members-{group}.csv", IngestOptions(kind=Kind.MEMBERS))


def indicators_upload(frame: pd.DataFrame) -> Upload:
    """An indicators file from rows of the indicator table (as st.data_editor returns them)."""
    header = [c for c in INDICATOR_COLUMNS if c in _INDICATOR_FIELDS.values()]
    back = {v: k for k, v in _INDICATOR_FIELDS.items()}
    rows = ([row.get(back[c]) for c in header] for row in frame.to_dict("records"))
    return Upload(_csv(header, rows), "indicators-edited.csv", IngestOptions(kind=Kind.INDICATORS))
