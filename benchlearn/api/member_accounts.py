"""Coordinators manage their networks' member accounts (issue 15.1): municipality accounts of their members.

A coordinator may create, reset the password of, and remove accounts with the role `municipality` whose
entity is a member of, and whose networks are all among, the coordinator's networks *now* (read from the
store at the action, `sessions.authorise`); an admin any. Everything else about accounts stays an admin's
(`benchlearn.api.administration`). The changes go through `benchlearn.api.accounts`, so they are audited and
end the account's open sessions like any other; a refusal is audited too.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from benchlearn.api import accounts, sessions
from benchlearn.auth import Identity
from benchlearn.errors import NotFoundError, PermissionDenied
from benchlearn.model import Role
from benchlearn.store import Store, reads
from benchlearn.store import audit as audit_trail


def _coordinator(store: Store, identity: Identity | None, doing: str) -> Identity:
    return sessions.authorise(store, identity, Role.COORDINATOR, doing)


def _refuse(store: Store, who: Identity, doing: str, why: str) -> None:
    with store.transaction() as cur:
        audit_trail.record(cur, who.username, sessions.REFUSED, f"{doing}: {why}")
    raise PermissionDenied(why)


def members_accounts(store: Store, identity: Identity | None) -> pd.DataFrame:
    """The municipality accounts the coordinator manages (every one for an admin), without hashes."""
    who = _coordinator(store, identity, "list member accounts")
    users = accounts.list_users(store)
    users = users[users["role"] == Role.MUNICIPALITY]
    if who.role != Role.ADMIN:
        mine = set(who.networks)
        # astype(bool): an empty mask must stay a mask (an empty object Series would select no columns)
        users = users[users["networks"].fillna("").map(lambda n: bool(n) and set(n.split(",")) <= mine).astype(bool)]
    return users.reset_index(drop=True)


def _managed(store: Store, who: Identity, username: str, doing: str) -> None:
    """Refuse unless `username` is a municipality account within the coordinator's networks."""
    found = members_accounts(store, who)
    if username not in set(found["username"]):
        if username not in set(accounts.list_users(store)["username"]):
            raise NotFoundError(f"there is no user {username!r}")
        _refuse(store, who, doing, f"{username} is not a member account of your networks")


def add_member(store: Store, identity: Identity | None, username: str, password: str, entity_code: str,
               networks: Iterable[str]) -> tuple[str, ...]:
    """Create a municipality account for a member of the coordinator's networks; returns its networks."""
    doing = f"add member account {username}"
    who = _coordinator(store, identity, doing)
    nets = tuple(sorted({n.strip() for n in networks if n and n.strip()}))
    if who.role != Role.ADMIN and (not nets or not set(nets) <= set(who.networks)):
        _refuse(store, who, doing, f"you manage the members of your own networks only "
                                   f"({', '.join(who.networks) or 'none'}), not {', '.join(nets) or 'none'}")
    return accounts.add_user(store, username, password, Role.MUNICIPALITY, nets, entity_code, who.username)


def reset_member_password(store: Store, identity: Identity | None, username: str, password: str) -> None:
    """Set a new password on a member account of the coordinator's networks (ends its open sessions)."""
    doing = f"reset the password of {username}"
    who = _coordinator(store, identity, doing)
    _managed(store, who, username, doing)
    accounts.set_password(store, username, password, who.username)


def remove_member(store: Store, identity: Identity | None, username: str) -> None:
    """Remove a member account of the coordinator's networks (ends its open sessions)."""
    doing = f"remove {username}"
    who = _coordinator(store, identity, doing)
    _managed(store, who, username, doing)
    accounts.remove_user(store, username, who.username)


def _of_network(store: Store, identity: Identity | None, network: str, doing: str) -> Identity:
    """The current coordinator of `network` (or an admin); else PermissionDenied, audited."""
    who = _coordinator(store, identity, doing)
    if who.role != Role.ADMIN and network not in who.networks:
        _refuse(store, who, doing, f"you manage the members of your own networks only, not {network}")
    return who


def network_accounts(store: Store, identity: Identity | None, network: str) -> pd.DataFrame:
    """The member accounts of one network the user coordinates (username, entity_code, networks, created_at)."""
    who = _of_network(store, identity, network, f"list the member accounts of {network}")
    found = members_accounts(store, who)
    held = found["networks"].fillna("").map(lambda n: network in n.split(",")).astype(bool)
    return found[held].reset_index(drop=True)


def network_members(store: Store, identity: Identity | None, network: str) -> dict[str, str]:
    """Code → name of the members of a network the user coordinates: the municipalities it may make accounts
    for."""
    _of_network(store, identity, network, f"list the members of {network}")
    with store.cursor() as cur:
        found = reads.entities(cur, reads.network_members(cur, network))
    return {str(c): str(n) for c, n in zip(found["code"], found["name"].fillna(found["code"]), strict=True)}
