"""Auditing the command line: who runs a command (the OS user and the account --user names) and its entries.

Every write through the command line is audited. The audit entry names the account when --user names one
(it must exist: a free-text name would let anyone sign a batch as anyone), else `cli:<os user>`; its detail
always says that it came from the command line and which operating-system user ran it, so both are kept.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from benchlearn.api import accounts
from benchlearn.errors import NotFoundError
from benchlearn.store import Store


def os_user() -> str:
    """The operating-system account running this process, or "unknown" when the system cannot say."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for the uid (containers) and no LOGNAME/USER variable
        return "unknown"


@dataclass(frozen=True)
class Operator:
    """The account (if named) and the OS user behind one command."""

    os_user: str
    account: str | None = None

    @property
    def actor(self) -> str:
        """The audit log's `username` (and a batch's user): the account, else `cli:<os user>`."""
        return self.account or f"cli:{self.os_user}"

    def detail(self, text: str) -> str:
        """`text` with where it came from, so the OS user is kept beside the account."""
        return f"{text} [command line, OS user {self.os_user}]"


def operator(store: Store, claimed: str | None = None) -> Operator:
    """The operator of this command; NotFoundError (exit 1) when --user names no account."""
    if claimed is not None:
        known = set(accounts.list_users(store)["username"])
        if claimed not in known:
            raise NotFoundError(f"--user {claimed!r} is not an account here: name an existing account "
                                "(see `user list`), or leave --user out to record the operating-system user")
    return Operator(os_user(), claimed)


def write_entry(store: Store, who: Operator, action: str, text: str) -> None:
    """One audit entry in its own transaction, for writes that have no hook inside their own."""
    accounts.audit(store, who.actor, action, who.detail(text))
