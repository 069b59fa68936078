"""Publish and embargo (issue 15.5): who sees a data call's values before they are published, and publishing.

A value a network's open (or closed, unpublished) data call covers is preliminary: `store.publication` keeps it
out of every read but those of admins and of the network's own accounts (its coordinators and its
municipalities). `viewer_of` turns an account into that viewer, `viewing` gives a store whose reads see as it;
the dashboard keys its cached reads on the same viewer, so a preliminary value never lands in a public cache
entry. The coordinator of the network (or an admin) publishes a call's period: its values written so far
become public, marked final; a correction written later waits for the next publication (a republication is
recorded again: who and when).
"""

from __future__ import annotations

import pandas as pd

from benchlearn.api import data_calls, sessions
from benchlearn.auth import Identity, to_db, utcnow
from benchlearn.model import Role
from benchlearn.store import Store
from benchlearn.store import audit as audit_trail
from benchlearn.store import publication as published

PUBLISHED, REPUBLISHED = "data_call_published", "data_call_republished"
PUBLIC, EVERYTHING = published.PUBLIC, published.EVERYTHING


def viewer_of(identity: Identity | None) -> published.Viewer:
    """What the account may see under embargo: everything (admin), its networks (coordinator, municipality),
    nothing (analysts and visitors)."""
    if identity is None:
        return PUBLIC
    if identity.role == Role.ADMIN:
        return EVERYTHING
    if identity.role in (Role.COORDINATOR, Role.MUNICIPALITY):
        return tuple(sorted(identity.networks))
    return PUBLIC


def viewing(store: Store, identity: Identity | None) -> Store:
    """`store` reading as the account is now (the public view for anyone else, or a session that ended)."""
    return published.viewing(store, viewer_of(sessions.current(store, identity)))


def publish_as(store: Store, actor: str, network: str, period: str, detail=str) -> dict:  # noqa: ANN001
    """Publish a call's values for `actor` (rights checked by the caller); audited with `detail(text)`.

    Returns the call with `published_at`, `up_to_batch`, `republished` (an earlier publication existed) and
    `released` (how many values were under embargo and are now public)."""
    call = data_calls._call(store, network, period)  # CallError when the network has no call for the period
    moment = to_db(utcnow())
    with store.transaction() as cur:
        released = published.pending(cur, network, period)
        again = not published.publications(cur, network, period).empty
        up_to = published.record(cur, network, period, actor, moment)
        audit_trail.record(cur, actor, REPUBLISHED if again else PUBLISHED, detail(
            f"call {network} {period}: values up to batch {up_to} published ({released} were preliminary)"))
    return {**call, "published_at": moment, "published_by": actor, "up_to_batch": up_to, "republished": again,
            "released": released}


def publish(store: Store, identity: Identity | None, network: str, period: str) -> dict:
    """Publish a call's period as the logged-in coordinator of `network` (or an admin)."""
    who = data_calls._authorise(store, identity, network, f"publish the data call of {network} {period}")
    return publish_as(store, who.username, network, period)


def publications(store: Store, identity: Identity | None, network: str, period: str) -> pd.DataFrame:
    """Every publication of the call (published_at, published_by, up_to_batch), oldest first, and how many values
    wait for the next one (`pending` attribute of the frame)."""
    data_calls._authorise(store, identity, network, f"see the publications of {network} {period}")
    with store.cursor() as cur:
        rows = published.publications(cur, network, period)
        rows.attrs["pending"] = published.pending(cur, network, period)
    return rows
