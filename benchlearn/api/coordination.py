"""Use cases of the coordinator's workflow: preview an upload, commit it, see the history, undo a batch.

Every function takes the caller's Identity and checks it here, right before it reads or writes, so a page
(or a crafted widget value) cannot reach another network's data: the check is `auth.require_upload` for a
network's upload, and "the batch's own coordinator or an admin" for an undo. Writes check the role and
networks the account has NOW in the store, not the ones copied into the session at login, so an admin's
revocation takes effect at once. Every commit and undo, and every refused attempt, is audited.

Shared metadata (entities, indicators, network membership and peer groups: the `indicators`, `entities` and
`members` kinds) is written by admins only (docs/SECURITY.md says why); a coordinator writes values (each
row's entity a member of the upload's network and its indicator linked to it, checked by validation and
again in the store's transaction) and practices. History shows a coordinator the batches of their networks,
their own, and every batch that wrote their networks' members × indicators (`batch_network`).

The preview is a dry run of the very path a commit takes. It remembers the last batch id it was computed
on (`base_batch`); the commit passes it on, and the store refuses the write (ConflictError) when another
batch changed the same values since, so a coordinator never overwrites what they have not seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from benchlearn.api import screening, uploads
from benchlearn.auth import Identity, require_role, require_upload
from benchlearn.errors import NotFoundError, PermissionDenied
from benchlearn.ingest import IngestOptions, xlsx
from benchlearn.model import BatchResult, Kind, Role
from benchlearn.store import Store, batches, records
from benchlearn.store import audit as audit_trail
from benchlearn.store import networks as network_rows

UPLOAD, UPLOAD_REFUSED, UNDO, UNDO_REFUSED = "upload", "upload_refused", "undo", "undo_refused"
MAX_CHANGES = 10_000
#: kinds that change data every network shares: admins only
ADMIN_KINDS = frozenset({Kind.INDICATORS, Kind.ENTITIES, Kind.MEMBERS})
#: kinds a coordinator may upload for one of their networks
COORDINATOR_KINDS = (Kind.VALUES, Kind.PRACTICES)
#: kinds a municipality (a network member's account) may upload: its own values for open data calls
MUNICIPALITY_KINDS = (Kind.VALUES,)


class KindNotAllowed(PermissionDenied):
    """A coordinator tried an upload kind that changes shared metadata (admins only)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"only an admin may upload {kind}: entities, indicators, network members and peer "
                         "groups are shared by every network (ask an admin to make the change)")
        self.kind = kind


class MemberKindNotAllowed(PermissionDenied):
    """A municipality tried an upload kind other than values (its own values for its networks' open calls)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"a municipality account uploads only values (of its networks' open data calls), "
                         f"not {kind}")
        self.kind = kind


@dataclass
class Upload:
    """One file as the coordinator chose it: bytes, name, how to read it and, for a workbook, which sheet."""

    data: bytes
    file_name: str
    options: IngestOptions
    sheet: str | None = None
    #: a statistics portal's file (api/imports.py): the mapping rows (kind, source, target) chosen on the page,
    #: over the one saved for the network and the source; None for Benchlearn's own CSV or workbook
    mapping: tuple[tuple[str, str, str], ...] | None = None

    @property
    def is_workbook(self) -> bool:
        """True when the file is an Excel workbook (read through its sheet, not as CSV)."""
        return xlsx.is_workbook(self.file_name)


@dataclass
class Preview:
    """What a commit of the upload would do, and the batch id the preview was computed on."""

    outcome: uploads.IngestOutcome
    base_batch: int


def upload_networks(store: Store, identity: Identity | None) -> list[str]:
    """The networks the user may upload for: every network for an admin, their own for a coordinator."""
    identity = _uploader(current(store, identity))
    with store.cursor() as cur:
        known = network_rows.codes(cur)
    return known if identity.role == Role.ADMIN else [n for n in known if n in identity.networks]


def upload_kinds(store: Store, identity: Identity | None) -> list[Kind]:
    """The kinds of file the user may upload: every kind for an admin, values and practices for a coordinator,
    values for a municipality."""
    identity = _uploader(current(store, identity))
    if identity.role == Role.MUNICIPALITY:
        return list(MUNICIPALITY_KINDS)
    return list(Kind) if identity.role == Role.ADMIN else list(COORDINATOR_KINDS)


def _uploader(identity: Identity | None) -> Identity:
    """The identity if it may upload at all (a municipality, a coordinator or an admin), else PermissionDenied."""
    if identity is not None and identity.role == Role.MUNICIPALITY:
        return identity
    return require_role(identity, Role.COORDINATOR)


def _options(upload: Upload) -> IngestOptions:
    """The options rights are checked on: a statistics portal's file is always values."""
    return upload.options if upload.mapping is None else replace(upload.options, kind=Kind.VALUES)


def _readable(upload: Upload) -> tuple[bytes, str, IngestOptions]:
    """The bytes, name and options the ingest path reads: a workbook's sheet becomes UTF-8 CSV."""
    if not upload.is_workbook:
        return upload.data, upload.file_name, upload.options
    sheet = upload.sheet or xlsx.sheet_names(upload.data, upload.file_name)[0]
    text = xlsx.sheet_as_csv(upload.data, upload.file_name, sheet)
    # a workbook's text is ours: UTF-8 and commas, whatever the overrides said; its size was bounded by the
    # archive check, and the text may be larger than the upload itself
    options = replace(upload.options, encoding="utf-8", delimiter=",", max_bytes=xlsx.MAX_UNCOMPRESSED)
    return text, f"{upload.file_name} [{sheet}]", options


def current(store: Store, identity: Identity | None) -> Identity | None:
    """The identity with the role and networks its account has now (None if the account was removed or its
    sessions were ended); see `benchlearn.api.sessions.current`."""
    from benchlearn.api import sessions  # imported here: the one place sessions are checked lives there

    return sessions.current(store, identity)


def _authorise(store: Store, identity: Identity | None, options: IngestOptions, action: str) -> Identity:
    network = options.network
    try:
        found = require_upload(current(store, identity), network)
        if Kind(options.kind) in ADMIN_KINDS and found.role != Role.ADMIN:
            raise KindNotAllowed(str(options.kind))
        if found.role == Role.MUNICIPALITY and Kind(options.kind) not in MUNICIPALITY_KINDS:
            raise MemberKindNotAllowed(str(options.kind))
        return found
    except PermissionDenied as exc:
        who = identity.username if identity else None
        with store.transaction() as cur:
            audit_trail.record(cur, who, action, f"network {network or 'none'}: {exc.message}")
        raise


def preview_upload(store: Store, identity: Identity | None, upload: Upload) -> Preview:
    """Validate the file and compute its diff without writing (InputError lists every problem)."""
    _authorise(store, identity, _options(upload), UPLOAD_REFUSED)
    data, name, options = _readable(upload)
    with store.cursor() as cur:
        base = batches.last_batch_id(cur)  # read first: a batch committed after it is caught at commit
    outcome = _ingest(store, upload, data, name, options, user=identity.username, dry_run=True)
    return Preview(outcome, base)


def _ingest(store: Store, upload: Upload, data: bytes, name: str, options: IngestOptions,
            **kwargs: object) -> uploads.IngestOutcome:
    """The values ingest, or a statistics portal's file through its mapping (saved for the network on commit)."""
    if upload.mapping is None:
        return uploads.ingest_bytes(store, data, name, options, **kwargs)
    from benchlearn.api import imports  # imported here: imports builds on uploads, as this module does

    rows = pd.DataFrame(list(upload.mapping), columns=["kind", "source", "target"])
    return imports.import_bytes(store, data, name, mapping=rows, network=options.network, **kwargs).ingest


def commit_upload(
    store: Store, identity: Identity | None, upload: Upload, base_batch: int | None,
    confirmations: Mapping[screening.FlagKey, str] | None = None,
) -> uploads.IngestOutcome:
    """Write the file as one batch for the network; ConflictError if its values changed since the preview.

    Every screening flag of the file needs a reason in `confirmations` ((entity, indicator, period, check) →
    reason), kept on the flag: else screening.UnconfirmedFlags, nothing written (a page may not skip it).
    """
    identity = _authorise(store, identity, _options(upload), UPLOAD_REFUSED)  # again, before the write
    data, name, options = _readable(upload)

    def audit(cur: object, result: BatchResult) -> None:  # inside the batch's transaction
        audit_trail.record(cur, identity.username, UPLOAD,
                           f"batch {result.batch_id}: {result.kind} {name} for "
                           f"{options.network or 'no network'} ({result.inserted} new, "
                           f"{result.updated} changed, {result.unchanged} unchanged)")

    return _ingest(store, upload, data, name, options, user=identity.username, base_batch=base_batch,
                   on_commit=audit, confirmations=confirmations or {})


def history(store: Store, identity: Identity | None, limit: int = 500) -> pd.DataFrame:
    """Batches the user may see, newest first: all (admin); else their networks', own, and touching theirs."""
    identity = require_role(current(store, identity), Role.COORDINATOR)
    networks = None if identity.role == Role.ADMIN else list(identity.networks)
    with store.cursor() as cur:
        return batches.visible(cur, networks, identity.username, limit)


def _visible_batch(store: Store, identity: Identity | None, batch_id: int) -> dict:
    identity = require_role(current(store, identity), Role.COORDINATOR)
    with store.cursor() as cur:
        batch = batches.get(cur, batch_id)
        touched = batches.touched(cur, batch_id)
    mine = (batch["username"] == identity.username or batch["network_code"] in identity.networks
            or any(n in identity.networks for n in touched))
    if identity.role != Role.ADMIN and not mine:
        raise NotFoundError(f"there is no batch {batch_id}")  # another network's batch is not shown at all
    return batch


def may_undo(identity: Identity | None, batch: dict) -> bool:
    """Admins may undo any batch; a coordinator their own values or practices batches of their networks."""
    if identity is None:
        return False
    if identity.role == Role.ADMIN:
        return True
    return (identity.role == Role.COORDINATOR and batch.get("username") == identity.username
            and batch.get("network_code") in identity.networks and batch.get("kind") in COORDINATOR_KINDS)


def batch(store: Store, identity: Identity | None, batch_id: int) -> dict:
    """One batch the user may see, as a dict (NotFoundError otherwise)."""
    return _visible_batch(store, identity, batch_id)


def batch_changes(store: Store, identity: Identity | None, batch_id: int) -> pd.DataFrame:
    """What a batch changed: values (before → written, and whether still current), or metadata records."""
    found = _visible_batch(store, identity, batch_id)
    with store.cursor() as cur:
        if found["kind"] != Kind.VALUES:
            return records.changes(cur, batch_id, MAX_CHANGES)
        changes = batches.value_changes(cur, batch_id, MAX_CHANGES)
        return screening.with_notes(changes, screening.of_batch(cur, batch_id))


def undo_preview(store: Store, identity: Identity | None, batch_id: int) -> pd.DataFrame:
    """What undoing the batch would change (the same table the undo then applies)."""
    _visible_batch(store, identity, batch_id)
    return uploads.undo_preview(store, batch_id)


def undo(store: Store, identity: Identity | None, batch_id: int) -> str:
    """Undo a batch if the user uploaded it (for one of their networks) or is an admin; audited."""
    found = _visible_batch(store, identity, batch_id)
    now = current(store, identity)
    try:
        if not may_undo(now, found):
            raise PermissionDenied("only the coordinator who uploaded a batch for their network, or an admin, "
                                   "may undo it")
        # a coordinator's undo writes values too: each must still be inside their network (checked in the
        # undo's own transaction, as a new upload's rows are)
        within = None if now.role == Role.ADMIN else found["network_code"]
        summary = uploads.undo_batch(store, batch_id, identity.username, within=within)
    except PermissionDenied as exc:
        with store.transaction() as cur:
            audit_trail.record(cur, identity.username, UNDO_REFUSED,
                               f"batch {batch_id} of {found['username']}: {exc.message}")
        raise
    with store.transaction() as cur:
        audit_trail.record(cur, identity.username, UNDO, summary)
    return summary
