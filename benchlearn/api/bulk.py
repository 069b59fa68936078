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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

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
    """Check and write a Streamed upload as batch `batch_id` on the transaction's cursor `cur`; (counts,
    diff, notes) as the other writers. InputError (nothing kept) on any problem of the file.

    The rows of indicators the store holds no value of are inserted straight into `observation` (nothing to
    compare them with: a national first load is not copied twice); the others are staged and compared. Where
    the file repeats a key, mixes frequencies across chunks, or is small enough to be screened, the rows need
    their file row: the direct rows are then deleted and the file staged again from the start."""
    stage.open_stage(cur)
    keys = _Keys(streamed.ref)
    direct = _load(cur, streamed, batch_id, network, observations.stored_indicators(cur), keys)
    if direct and (keys.repeated or observations.batch_mixed(cur, batch_id) or direct <= MAX_SCREENED):
        observations.discard(cur, batch_id)
        stage.close_stage(cur)
        stage.open_stage(cur)
        streamed.restart()
        direct = _load(cur, streamed, batch_id, network, None, _Keys(None))
    cap = streamed.options.max_problems
    if keys.repeated:
        streamed.repeated(*stage.repeated(cur, cap))
    streamed.mixed(*stage.mixed_frequencies(cur, cap))  # the direct rows' were checked above
    if base_batch is not None:
        observations.check_not_overtaken(cur, base_batch)
    staged = observations.diff_counts(cur)
    counts = (staged[0] + direct, staged[1], staged[2])
    diff = observations.diff_rows(cur, counts=staged)
    if direct and not sum(staged):
        diff = observations.batch_new_rows(cur, batch_id)
    elif direct:
        order = ["change", "indicator_code", "period", "entity_code"]
        diff = pd.concat([diff, observations.batch_new_rows(cur, batch_id)], ignore_index=True).sort_values(
            order, kind="stable").head(10_000).reset_index(drop=True)
    observations.write(cur, batch_id, staged)
    new = counts[0] + counts[1]
    streamed.keep_written(stage.written_keys(cur, batch_id) if 0 < new <= MAX_SCREENED else None)
    stage.close_stage(cur)
    return counts, diff, []


def _load(cur, streamed: Streamed, batch_id: int, network: str | None,  # noqa: ANN001
          stored: frozenset[str] | None, keys: _Keys) -> int:
    """Read every chunk: rows of indicators not in `stored` into `observation`, the others (all of them when
    `stored` is None) into the stage; the count of rows written directly.

    One chunk is written while the next is read: DuckDB writes without Python's lock, so the two cores both
    work (the cursor is used by the writing thread only, one chunk at a time, until the last is written)."""
    def put(table: pa.Table) -> int:
        if network is not None:  # as _write_values: membership checked again in this transaction
            refused = memberships.outside(cur, table.select(["entity_code", "indicator_code", "row"]).to_pandas(),
                                          network)
            if not refused.empty:
                raise outside_network_error(streamed.file_name, refused, network)
        known = _among(table.column("indicator_code"), stored) if stored is not None else True
        if known is True:
            stage.append(cur, table)
            return 0
        if known is not None:
            stage.append(cur, table.filter(known))
            table = table.filter(pc.invert(known))
        if table.num_rows:
            observations.append(cur, table, batch_id)
        return table.num_rows

    direct, pending = 0, None
    with ThreadPoolExecutor(max_workers=1) as writer:  # leaving it waits for a chunk still being written
        for table in streamed.tables():
            keys.add(table)
            if pending is not None:
                direct += pending.result()  # a write's error is raised here, before the next chunk is handed
            pending = writer.submit(put, table)
            del table
        if pending is not None:
            direct += pending.result()
    return direct


def _among(column: pa.ChunkedArray, codes: frozenset[str]) -> pa.Array | None:
    """Which rows' code is one of `codes` (None: none is), asked of the column's dictionary."""
    if not codes:
        return None
    array = column.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    hit = pc.is_in(array.dictionary, pa.array(sorted(codes), array.dictionary.type))
    if not pc.any(hit).as_py():
        return None
    return pc.fill_null(pc.take(hit, array.indices), False)


class _Keys:
    """Whether an upload repeats a key, told chunk by chunk from a byte per entity × indicator × period
    (far cheaper than grouping the written rows in SQL); `repeated` stays True where it cannot tell."""

    LIMIT = 256 * 1024 * 1024  # bytes of the map at most (else SQL tells, as for any file)

    def __init__(self, ref: Reference | None) -> None:
        self.repeated = ref is None
        self._entities = {} if ref is None else {c: i for i, c in enumerate(ref.entities["code"])}
        self._indicators = {} if ref is None else {c: i for i, c in enumerate(ref.indicators["code"])}
        self._periods: dict[str, int] = {}
        self._seen = np.zeros(0, dtype=np.uint8)
        self._count = 0

    def add(self, table: pa.Table) -> None:
        """Mark the chunk's keys (a key marked before, or twice in the chunk, makes `repeated` True)."""
        if self.repeated:
            return
        entity = _ids(table.column("entity_code"), self._entities, grow=False)
        indicator = _ids(table.column("indicator_code"), self._indicators, grow=False)
        period = _ids(table.column("period"), self._periods, grow=True)
        plane = len(self._entities) * len(self._indicators)
        if entity is None or indicator is None or plane * len(self._periods) > self.LIMIT:
            self.repeated = True
            return
        if len(self._seen) < plane * len(self._periods):  # a new period: its plane added after the others
            self._seen = np.concatenate([self._seen, np.zeros(plane * len(self._periods) - len(self._seen),
                                                              dtype=np.uint8)])
        at = (period * len(self._indicators) + indicator) * len(self._entities) + entity
        self._seen[at] = 1
        count = int(np.count_nonzero(self._seen))
        self.repeated = count - self._count != len(at)
        self._count = count


def _ids(column: pa.ChunkedArray, ids: dict[str, int], grow: bool) -> np.ndarray | None:
    """Each row's number in `ids` (new codes numbered on when `grow`; None for an unknown code)."""
    array = column.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    codes = array.dictionary.to_pylist()
    if not grow and any(c not in ids for c in codes):
        return None
    lookup = np.array([ids.setdefault(c, len(ids)) for c in codes], dtype=np.int64)
    return lookup[array.indices.to_numpy(zero_copy_only=False)]


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
