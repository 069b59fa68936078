"""Use cases of the coordinator's workflow: preview an upload, commit it, see the history, undo a batch.

Every function takes the caller's Identity and checks it here, right before it reads or writes, so a page
(or a crafted widget value) cannot reach another network's data: the check is `auth.require_upload` for a
network's upload, and "the batch's own coordinator or an admin" for an undo. Writes check the role and
networks the account has NOW in the store, not the ones copied into the session at login, so an admin's
revocation takes effect at once. Every commit and undo, and every refused attempt, is audited.

The preview is a dry run of the very path a commit takes. It remembers the last batch id it was computed
on (`base_batch`); the commit passes it on, and the store refuses the write (ConflictError) when another
batch changed the same values since, so a coordinator never overwrites what they have not seen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from benchlearn import audit as audit_trail
from benchlearn.api import uploads, xlsx
from benchlearn.auth import Identity, require_role, require_upload
from benchlearn.errors import NotFoundError, PermissionDenied
from benchlearn.ingest import IngestOptions
from benchlearn.model import BatchResult, Kind, Role
from benchlearn.store import Store, batches

UPLOAD, UPLOAD_REFUSED, UNDO, UNDO_REFUSED = "upload", "upload_refused", "undo", "undo_refused"
MAX_CHANGES = 10_000


@dataclass
class Upload:
    """One file as the coordinator chose it: bytes, name, how to read it and, for a workbook, which sheet."""

    data: bytes
    file_name: str
    options: IngestOptions
    sheet: str | None = None

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
    identity = require_role(current(store, identity), Role.COORDINATOR)
    with store.cursor() as cur:
        known = [r[0] for r in cur.execute("SELECT code FROM network ORDER BY code").fetchall()]
    return known if identity.role == Role.ADMIN else [n for n in known if n in identity.networks]


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
    """The identity with the role and networks its account has now (None if the account was removed)."""
    if identity is None:
        return None
    with store.cursor() as cur:
        rows = cur.execute("SELECT role, networks FROM app_user WHERE username = ?",
                           [identity.username]).fetchall()
    if not rows:
        return None
    role, networks = rows[0]
    return replace(identity, role=Role(role), networks=tuple(filter(None, (networks or "").split(","))))


def _authorise(store: Store, identity: Identity | None, network: str | None, action: str) -> Identity:
    try:
        return require_upload(current(store, identity), network)
    except PermissionDenied as exc:
        who = identity.username if identity else None
        with store.transaction() as cur:
            audit_trail.record(cur, who, action, f"network {network or 'none'}: {exc.message}")
        raise


def preview_upload(store: Store, identity: Identity | None, upload: Upload) -> Preview:
    """Validate the file and compute its diff without writing (InputError lists every problem)."""
    _authorise(store, identity, upload.options.network, UPLOAD_REFUSED)
    data, name, options = _readable(upload)
    with store.cursor() as cur:
        base = batches.last_batch_id(cur)  # read first: a batch committed after it is caught at commit
    outcome = uploads.ingest_bytes(store, data, name, options, user=identity.username, dry_run=True)
    return Preview(outcome, base)


def commit_upload(
    store: Store, identity: Identity | None, upload: Upload, base_batch: int | None
) -> uploads.IngestOutcome:
    """Write the file as one batch for the network; ConflictError if its values changed since the preview."""
    identity = _authorise(store, identity, upload.options.network, UPLOAD_REFUSED)  # again, before the write
    data, name, options = _readable(upload)

    def audit(cur: object, result: BatchResult) -> None:  # inside the batch's transaction
        audit_trail.record(cur, identity.username, UPLOAD,
                           f"batch {result.batch_id}: {result.kind} {name} for "
                           f"{options.network or 'no network'} ({result.inserted} new, "
                           f"{result.updated} changed, {result.unchanged} unchanged)")

    return uploads.ingest_bytes(store, data, name, options, user=identity.username, base_batch=base_batch,
                                on_commit=audit)


def history(store: Store, identity: Identity | None, limit: int = 500) -> pd.DataFrame:
    """Batches the user may see, newest first: all for an admin; a coordinator's networks' and own batches."""
    identity = require_role(current(store, identity), Role.COORDINATOR)
    everything = identity.role == Role.ADMIN
    with store.cursor() as cur:
        return cur.execute(
            """SELECT id, kind, file_name, sha256, username, network_code, started_at, rows_in, inserted,
                      updated, unchanged, status, undone_at, undone_by
               FROM batch WHERE ? OR list_contains(?::VARCHAR[], network_code) OR username = ?
               ORDER BY id DESC LIMIT ?""",
            [everything, list(identity.networks), identity.username, limit],
        ).df()


def _visible_batch(store: Store, identity: Identity | None, batch_id: int) -> dict:
    identity = require_role(current(store, identity), Role.COORDINATOR)
    with store.cursor() as cur:
        batch = batches.get(cur, batch_id)
    mine = batch["username"] == identity.username or batch["network_code"] in identity.networks
    if identity.role != Role.ADMIN and not mine:
        raise NotFoundError(f"there is no batch {batch_id}")  # another network's batch is not shown at all
    return batch


def may_undo(identity: Identity | None, batch: dict) -> bool:
    """Admins may undo any batch; a coordinator only the batches they uploaded for one of their networks."""
    if identity is None:
        return False
    if identity.role == Role.ADMIN:
        return True
    return (identity.role == Role.COORDINATOR and batch.get("username") == identity.username
            and batch.get("network_code") in identity.networks)


def batch(store: Store, identity: Identity | None, batch_id: int) -> dict:
    """One batch the user may see, as a dict (NotFoundError otherwise)."""
    return _visible_batch(store, identity, batch_id)


def batch_changes(store: Store, identity: Identity | None, batch_id: int) -> pd.DataFrame:
    """What a batch changed: values (before → written, and whether still current), or metadata records."""
    found = _visible_batch(store, identity, batch_id)
    with store.cursor() as cur:
        if found["kind"] != Kind.VALUES:
            return cur.execute(
                """SELECT table_name, record_key,
                          CASE WHEN old_row IS NULL THEN 'new' ELSE 'changed' END AS change, old_row
                   FROM record_history WHERE changed_by = ? ORDER BY table_name, record_key LIMIT ?""",
                [batch_id, MAX_CHANGES],
            ).df()
        return cur.execute(_VALUE_CHANGES, [batch_id, batch_id, batch_id, MAX_CHANGES]).df()


# The values a batch wrote: still current (in `observation`), or since replaced or undone (history rows whose
# `batch_id` is the batch). The value before it is the history row it replaced; rows marked 'undone' there
# belong to a batch that was itself undone, whose own predecessor was re-pointed and is the true "before".
_VALUE_CHANGES = """
    WITH written AS (
        SELECT entity_code, indicator_code, period, period_key, value, status, 'current' AS state
        FROM observation WHERE batch_id = ?
        UNION ALL
        SELECT entity_code, indicator_code, period, period_key, value, status, reason
        FROM observation_history WHERE batch_id = ? AND reason IN ('replaced', 'undone'))
    SELECT w.entity_code, w.indicator_code, w.period, p.value AS old_value, p.status AS old_status,
           w.value AS new_value, w.status AS new_status,
           CASE WHEN p.entity_code IS NULL THEN 'new' ELSE 'changed' END AS change, w.state
    FROM written w LEFT JOIN observation_history p
      ON p.replaced_by = ? AND p.batch_id <> p.replaced_by AND p.reason IN ('replaced', 'restored')
     AND p.entity_code = w.entity_code AND p.indicator_code = w.indicator_code AND p.period = w.period
    ORDER BY w.indicator_code, w.period_key, w.entity_code LIMIT ?"""


def undo_preview(store: Store, identity: Identity | None, batch_id: int) -> pd.DataFrame:
    """What undoing the batch would change (the same table the undo then applies)."""
    _visible_batch(store, identity, batch_id)
    return uploads.undo_preview(store, batch_id)


def undo(store: Store, identity: Identity | None, batch_id: int) -> str:
    """Undo a batch if the user uploaded it (for one of their networks) or is an admin; audited."""
    found = _visible_batch(store, identity, batch_id)
    if not may_undo(current(store, identity), found):
        with store.transaction() as cur:
            audit_trail.record(cur, identity.username, UNDO_REFUSED,
                               f"batch {batch_id} of {found['username']}")
        raise PermissionDenied("only the coordinator who uploaded a batch, or an admin, may undo it")
    summary = uploads.undo_batch(store, batch_id, identity.username)
    with store.transaction() as cur:
        audit_trail.record(cur, identity.username, UNDO, summary)
    return summary
