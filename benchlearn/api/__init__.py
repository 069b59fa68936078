"""Use cases shared by the pages and the CLI: one function per user question.

Browsing (`browse`), comparing (`comparisons`, peer sets in `peers`), loading data (`uploads`, `demo`),
accounts (`accounts`) and backups (`backup`). Pages and the CLI call these; none of them draws anything.
"""

from benchlearn.api.browse import (
    coverage,
    data_version,
    entities,
    groups,
    indicators,
    latest_batches,
    periods,
    periods_with_data,
    summary,
)
from benchlearn.api.comparisons import (
    Comparison,
    change_summary,
    compare_indicator,
    composite,
    cross_section,
    indicator_meta,
    indicators_of,
    learn_from,
    neighbours,
    network_matrix,
    profile,
    scatter,
    trend,
)
from benchlearn.api.demo import load_demo
from benchlearn.api.peers import PeerSet, resolve
from benchlearn.api.uploads import IngestOutcome, ingest_bytes, ingest_path, undo_batch, undo_preview

__all__ = [
    "Comparison", "IngestOutcome", "PeerSet", "change_summary", "compare_indicator", "composite", "coverage",
    "cross_section", "data_version", "entities", "groups", "indicator_meta", "indicators", "indicators_of",
    "ingest_bytes", "ingest_path", "latest_batches", "learn_from", "load_demo", "neighbours", "network_matrix",
    "periods", "periods_with_data", "profile", "resolve", "scatter", "summary", "trend", "undo_batch",
    "undo_preview",
]
