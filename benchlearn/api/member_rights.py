"""What a municipality account may write (issue 15.1), checked inside the batch's own transaction.

`benchlearn.api.coordination` lets a municipality upload only values, only for one of its networks; this module
checks every row, against the store as it is inside the write's transaction (the preview's dry run and the
commit both pass here): the entity must be the account's municipality or one of its elderships, and the
network must have an OPEN data call for the row's period that asks for its indicator. Any other upload kind
from a municipality account is refused here too, so a crafted kind, a page that forgets, or the command line's
`--user` naming the account cannot write past it. An operator's upload (no account, or another role) is
left to the other checks.
"""

from __future__ import annotations

from benchlearn.errors import PermissionDenied
from benchlearn.ingest import Parsed
from benchlearn.ingest.chunked import Streamed
from benchlearn.ingest.rights import outside_member_error
from benchlearn.model import Kind
from benchlearn.store import member_rights


def check_rows(cur: object, parsed: Parsed, network: str | None, user: str | None) -> dict | None:
    """Before the write: refuse what a municipality account `user` may not write (located problems); returns
    the account (entity_code, networks) when `user` is one, for `check_batch` after the write."""
    member = member_rights.account(cur, user)
    if member is None:
        return None
    if parsed.kind != Kind.VALUES:
        raise PermissionDenied(f"a municipality account uploads only values (of its networks' open data calls), "
                               f"not {parsed.kind}")
    if network is None or network not in member["networks"]:
        raise PermissionDenied(f"you may upload only for your own networks ({', '.join(member['networks']) or 'none'}"
                               f"), not for {network or 'no network'}")
    if not isinstance(parsed, Streamed):  # a file read in one piece: every refused row is named
        refused = member_rights.outside(cur, parsed.frame, network, member["entity_code"])
        if not refused.empty:
            raise outside_member_error(parsed.file_name, refused, network, member["entity_code"])
    return member


def check_batch(cur: object, member: dict | None, batch_id: int, network: str | None) -> None:
    """After the write, in the same transaction: nothing the batch wrote is outside the account's rights (a file
    read in chunks is checked only here)."""
    if member is None:
        return
    outside = member_rights.batch_outside(cur, batch_id, network, member["entity_code"])
    if outside:
        raise PermissionDenied(f"{outside} values are not of your municipality's open data calls in {network}; "
                               "nothing was written")
