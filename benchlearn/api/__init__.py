"""Use cases shared by the pages and the CLI: one function per user question."""

from benchlearn.api.browse import (
    coverage,
    data_version,
    entities,
    groups,
    indicators,
    latest_batches,
    periods,
    summary,
)
from benchlearn.api.demo import load_demo
from benchlearn.api.uploads import IngestOutcome, ingest_bytes, ingest_path, undo_batch, undo_preview

__all__ = [
    "coverage", "data_version", "entities", "groups", "indicators", "latest_batches", "periods", "summary",
   "IngestOutcome", "ingest_bytes", "ingest_path", "load_demo", "undo_batch", "undo_preview"]
