"""Bulk loads in bounded memory (issue 13.4): a values file larger than one chunk is read, checked and staged
chunk by chunk inside the batch's one transaction; the checks that need the whole file and the write run in SQL.

`ingest_path` hands such a file to `ingest_bytes` with `reader(path)`, which returns a `Streamed` upload
(ingest/chunked.py) instead of a parsed frame; `_write_values` then calls `write` here, inside the batch's
transaction. Everything after the write — screening, the batch row, its networks, the audit hook — is the
upload's own, so batches, history and undo stay those of any upload, and a failure anywhere (a problem in the
last chunk, a kill) leaves nothing, as the transaction commits all of it or none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from benchlearn.api.screening import MAX_SCREENED
from benchlearn.errors import UsageError
from benchlearn.ingest import IngestOptions, Parsed, Reference, parse
from benchlearn.ingest.chunked import Streamed, chunk_size, open_values
from benchlearn.ingest.rights import outside_network_error
from benchlearn.model import Kind
from benchlearn.store import Store, memberships, observations, stage


def chunked(path: Path, options: IngestOptions) -> bool:
    """Whether `path` is a values file larger than one chunk (read by `reader`, not as one byte string)."""
    try:
        return options.kind is Kind.VALUES and path.stat().st_size > chunk_size(options)
    except OSError:
        return False  # the whole-file path says why it cannot be read


def reader(path: Path) -> Callable[[bytes, str, Reference, IngestOptions], Parsed]:
    """An `ingest_bytes` reader of the file at `path`: Streamed, or the whole file parsed where it cannot be
    cut into chunks safely (see ingest/chunked.py)."""
    def read(_: bytes, file_name: str, ref: Reference, options: IngestOptions) -> Parsed:
        try:
            streamed = open_values(path, file_name, ref, options)
            return streamed if streamed is not None else parse([path.read_bytes()], file_name, ref, options)
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return read


def write(cur, streamed: Streamed, batch_id: int, network: str | None,  # noqa: ANN001
          base_batch: int | None) -> tuple[tuple[int, int, int], object, list[str]]:
    """Stage, check and write a Streamed upload as batch `batch_id` on the transaction's cursor `cur`;
    (counts, diff, notes) as the other writers. InputError (nothing kept) on any problem of the file."""
    stage.open_stage(cur)
    cap = streamed.options.max_problems
    for table in streamed.tables():
        if network is not None:  # as _write_values: membership checked again in this transaction
            refused = memberships.outside(cur, table.select(["entity_code", "indicator_code", "row"]).to_pandas(),
                                          network)
            if not refused.empty:
                raise outside_network_error(streamed.file_name, refused, network)
        stage.append(cur, table)
    streamed.repeated(*stage.repeated(cur, cap))
    streamed.mixed(*stage.mixed_frequencies(cur, cap))
    if base_batch is not None:
        observations.check_not_overtaken(cur, base_batch)
    counts = observations.diff_counts(cur)
    diff = observations.diff_rows(cur, counts=counts)
    observations.write(cur, batch_id, counts)
    new = counts[0] + counts[1]
    streamed.keep_written(stage.written_keys(cur, batch_id) if 0 < new <= MAX_SCREENED else None)
    stage.close_stage(cur)
    return counts, diff, []


class StoredFrequencies:
    """The store's frequency of each indicator an upload names, asked once per indicator (Reference.frequencies)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._known: dict[str, str | None] = {}

    def __call__(self, codes: list[str]) -> Mapping[str, str]:
        """The stored frequencies of `codes` (indicators the store holds no value of are left out)."""
        asked = sorted({c for c in codes if c not in self._known})
        if asked:
            with self._store.cursor() as cur:
                found = observations.frequencies(cur, asked)
            self._known.update({c: found.get(c) for c in asked})
        return {c: f for c in codes if (f := self._known.get(c)) is not None}
