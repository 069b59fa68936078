"""Use cases of loading data: parse and validate a file against the store, preview it, commit it, undo it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from benchlearn.api import bulk, member_rights, screening
from benchlearn.api.practices import write_batch as _write_practices
from benchlearn.errors import NotFoundError, PermissionDenied, UsageError
from benchlearn.ingest import IngestOptions, Parsed, Reference, parse
from benchlearn.ingest.rights import outside_network_error
from benchlearn.model import BatchResult, Kind
from benchlearn.store import Discard, Store, batches, memberships, observation_flags, observations, reads, records
from benchlearn.store import indicator_versions as definitions
from benchlearn.store import networks as network_rows


@dataclass
class IngestOutcome:
    """The parsed file, what it did (or would do), and the rows it changes (values: old → new)."""

    parsed: Parsed
    result: BatchResult
    diff: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: screening flags on the new values (api/screening.py), with `reason` when confirmed
    screening: pd.DataFrame = field(default_factory=screening.empty_flags)


def reference(store: Store, network: str | None) -> Reference:
    """What the store knows that validation needs, restricted to a network when one is given."""
    with store.cursor() as cur:
        if network is not None and not network_rows.exists(cur, network):
            raise NotFoundError(f"there is no network {network!r}")
        return Reference(
            entities=reads.entities(cur),
            indicators=reads.indicators(cur),
            groups=reads.groups(cur)[["code", "kind"]],
            network_indicators=frozenset(reads.network_indicators(cur, network)) if network else None,
            network_members=frozenset(reads.network_members(cur, network)) if network else None,
            frequencies=bulk.StoredFrequencies(store),  # asked for the file's indicators only
        )


def ingest_bytes(
    store: Store,
    data: bytes,
    file_name: str,
    options: IngestOptions | None = None,
    *,
    user: str | None = None,
    dry_run: bool = False,
    base_batch: int | None = None,
    on_commit: Callable[[object, BatchResult], None] | None = None,
    reader: Callable[[bytes, str, Reference, IngestOptions], Parsed] | None = None,
    confirmations: Mapping[screening.FlagKey, str] | None = None,
) -> IngestOutcome:
    """Validate a file and write it as one batch (or only preview it with dry_run).

    `reader` replaces `ingest.parse` for a foreign format (api/imports.py): it turns the bytes into the
    validated frame, so batches, history and undo stay those of an upload.

    `on_commit(cursor, result)` runs inside the batch's transaction just before it commits (the audit entry
    of an upload: the batch and its record of who made it land together or not at all).
    Raises InputError (nothing written) when the file has any problem, ConflictError when another batch
    changed the same values after the preview identified by `base_batch`.

    Screening flags (api/screening.py) never stop a load, except that with `confirmations` given (the
    page's commit) every flag needs a reason there, else UnconfirmedFlags and nothing is written.
    """
    options = options or IngestOptions()
    ref = reference(store, options.network)
    # handed over in a list, the bytes are freed once split into rows (a national file is 1 GB)
    held = [data]
    del data
    parsed = reader(held.pop(), file_name, ref, options) if reader else parse(held, file_name, ref, options)
    writer = _WRITERS[parsed.kind]
    with store.transaction() as cur:
        batch_id = batches.next_batch_id(cur)
        # a municipality account's rows, before and after the write (issue 15.1): preview and commit pass here
        member = member_rights.check_rows(cur, parsed, options.network, user)
        counts, diff, notes = writer(cur, parsed, batch_id, options.network, base_batch, user)
        member_rights.check_batch(cur, member, batch_id, options.network)
        inserted, updated, unchanged = counts
        flags, screened = screening.screen(cur, parsed, ref, batch_id, inserted + updated)
        if confirmations is not None:
            flags = screening.confirm(flags, confirmations)
        result = BatchResult(
            batch_id=batch_id, kind=str(parsed.kind), file_name=file_name, sha256=parsed.sha256,
            rows_in=parsed.rows, inserted=inserted, updated=updated, unchanged=unchanged,
            dry_run=dry_run, notes=tuple(parsed.notes) + tuple(notes) + tuple(screened),
        )
        outcome = IngestOutcome(parsed, result, diff, flags)
        if dry_run or result.changed_nothing:
            outcome = IngestOutcome(parsed, replace(result, batch_id=None), diff, flags)
            raise Discard  # nothing to keep: roll the transaction back
        batches.record(cur, batch_id, kind=str(parsed.kind), file_name=file_name, sha256=parsed.sha256,
                       user=user, network=options.network, counts=(parsed.rows, *counts))
        batches.record_networks(cur, batch_id)  # so every network whose data it wrote sees it in History
        screening.record(cur, batch_id, flags, user)
        if on_commit is not None:
            on_commit(cur, result)
    return outcome


def ingest_path(store: Store, path: str | Path, options: IngestOptions | None = None, **kwargs) -> IngestOutcome:
    """Read a file from disk and ingest it (see ingest_bytes)."""
    path = Path(path)
    if bulk.chunked(path, options or IngestOptions()):  # read in chunks inside the batch's transaction
        return ingest_bytes(store, b"", path.name, options, reader=bulk.reader(path), **kwargs)
    try:
        held = [path.read_bytes()]
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    # handed over, not kept here: ingest_bytes frees the bytes once parsed (a national file is 1 GB)
    return ingest_bytes(store, held.pop(), path.name, options, **kwargs)


def _write_values(cur, parsed: Parsed, batch_id: int, network, base_batch, user):  # noqa: ANN001, ANN202
    if isinstance(parsed, bulk.Streamed):  # a file larger than one chunk: staged and checked chunk by chunk
        return bulk.write(cur, parsed, batch_id, network, base_batch)
    if network is not None:
        # validation checked every row against the network; check again in this transaction, so a member or
        # indicator link removed since then is not written past (ARCHITECTURE §6: snapshots, not locks)
        refused = memberships.outside(cur, parsed.frame, network)
        if not refused.empty:
            raise outside_network_error(parsed.file_name, refused, network)
    observations.stage(cur, parsed.table)
    if base_batch is not None:
        observations.check_not_overtaken(cur, base_batch)
    counts = observations.diff_counts(cur)
    diff = observations.diff_rows(cur, counts=counts)
    observations.write(cur, batch_id, counts)
    return counts, diff, []


def _write_records(table: str):  # noqa: ANN202
    def writer(cur, parsed: Parsed, batch_id: int, network, base_batch, user):  # noqa: ANN001, ANN202
        inserted, updated, same = records.upsert(cur, table, parsed.frame, batch_id)
        notes = []
        if table == "indicator":  # a changed definition, unit or formula is a new version (issue 16.4)
            versioned = definitions.record(cur, parsed.frame["code"].tolist(), batch_id,
                                           parsed.frame["valid_from"].tolist())
            notes += [f"new definition version of {', '.join(versioned)}"] if versioned else []
        if table == "indicator" and network:
            # linking indicators to a network is a change of its own: count new links as inserted records
            links = pd.DataFrame({"network_code": network, "indicator_code": parsed.frame["code"]})
            added = records.upsert(cur, "network_indicator", links, batch_id)[0]
            inserted += added
            notes.append(f"{added} indicators newly linked to network {network}")
        return (inserted, updated, same), pd.DataFrame(), notes
    return writer


def _write_members(cur, parsed: Parsed, batch_id: int, network, base_batch, user):  # noqa: ANN001, ANN202
    frame = parsed.frame
    groups = frame.drop_duplicates("group")
    notes, renamed = [], 0
    for kind, table, member_table, key in (
        ("network", "network", "network_member", "network_code"),
        ("peer_group", "peer_group", "peer_group_member", "group_code"),
    ):
        mine = groups[groups["group_kind"] == kind]
        if mine.empty:
            continue
        stored = reads.groups(cur)
        new = mine[~mine["group"].isin(set(stored["code"]))]
        if not new.empty:
            rows = pd.DataFrame({"code": new["group"], "name": new["group_name"].fillna(new["group"]),
                                 "name_lt": new["group_name_lt"], "name_lv": new["group_name_lv"]})
            rows["theme" if kind == "network" else "kind"] = None if kind == "network" else "uploaded"
            records.upsert(cur, table, rows, batch_id)
            notes.append(f"created {kind.replace('_', ' ')}s: {', '.join(new['group'])}")
        renamed += _translate_names(cur, table, stored[stored["kind"] == kind], mine, batch_id)
        members = frame[frame["group_kind"] == kind]
        links = pd.DataFrame({key: members["group"], "entity_code": members["entity_code"]})
        records.upsert(cur, member_table, links.drop_duplicates(), batch_id)
    new = records.count_written(cur, batch_id, ["network_member", "peer_group_member"])
    return (new, renamed, len(frame) - new), pd.DataFrame(), notes


def _translate_names(cur, table: str, stored: pd.DataFrame, given: pd.DataFrame, batch_id: int) -> int:  # noqa: ANN001
    """An existing group takes the Lithuanian and Latvian names a members file gives it (issue 14.6); the
    English name and the rest stay, and an empty cell keeps the stored translation (history records it).
    Returns how many groups changed."""
    rows = stored.set_index("code")[["name", "name_lt", "name_lv", "theme"]].join(
        given.set_index("group")[["group_name_lt", "group_name_lv"]], how="inner")
    for lang in ("lt", "lv"):
        rows[f"name_{lang}"] = rows[f"group_name_{lang}"].fillna(rows[f"name_{lang}"])
    rows = rows.rename(columns={"theme": "theme" if table == "network" else "kind"}).reset_index(names="code")
    changed = rows[(rows["group_name_lt"].notna()) | (rows["group_name_lv"].notna())]
    if changed.empty:
        return 0
    return records.upsert(cur, table, changed.drop(columns=["group_name_lt", "group_name_lv"]), batch_id)[1]


_WRITERS = {
    Kind.VALUES: _write_values,
    Kind.INDICATORS: _write_records("indicator"),
    Kind.ENTITIES: _write_records("entity"),
    Kind.MEMBERS: _write_members,
    Kind.PRACTICES: _write_practices,  # the writer checks ids and authorship against the store and `user`
}


def undo_preview(store: Store, batch_id: int) -> pd.DataFrame:
    """What undoing a batch would change (values: restored or removed per key)."""
    with store.cursor() as cur:
        batch = batches.get(cur, batch_id)
        if batch["kind"] != Kind.VALUES:
            return records.undo_preview(cur, batch_id)
        return observations.undo_preview(cur, batch_id)


def undo_batch(store: Store, batch_id: int, user: str | None = None, within: str | None = None) -> str:
    """Undo a committed batch exactly (only if its values are all inside network `within`, when given)."""
    with store.transaction() as cur:
        batch = batches.get(cur, batch_id)
        if batch["status"] != "committed":
            raise UsageError(f"batch {batch_id} was already undone")
        outside = 0 if within is None else memberships.batch_outside(cur, batch_id, within)
        if outside:
            raise PermissionDenied(f"{outside} values of batch {batch_id} are no longer of members and "
                                   f"indicators of network {within}: ask an admin to undo it")
        if batch["kind"] == Kind.VALUES:
            restored, removed = observations.undo(cur, batch_id)
            observation_flags.undo(cur, batch_id)  # an import's source flags go with its values
            summary = f"undid batch {batch_id}: {restored} values restored, {removed} removed"
        else:
            count = records.undo(cur, batch_id)
            summary = f"undid batch {batch_id}: {count} records restored or removed"
        batches.mark_undone(cur, batch_id, user)
    return summary
