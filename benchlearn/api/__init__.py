"""Use cases shared by the pages and the CLI: one function per user question.

Browsing (`browse`), comparing (`comparisons`, peer sets in `peers`), loading data (`uploads`, `demo`),
accounts (`accounts`) and backups (`backup`). Pages and the CLI call these; none of them draws anything.

The names below are imported when first used (PEP 562), not with the package: `from benchlearn.api import
accounts` must not load every use case, or each command-line call pays for all of them (0.1 s a process).
"""

from __future__ import annotations

import importlib
from typing import Any

#: each exported name → the module of this package that defines it
_HOME = {
    **dict.fromkeys(("coverage", "data_version", "entities", "groups", "indicators", "latest_batches", "periods",
                     "periods_with_data", "summary"), "browse"),
    **dict.fromkeys(("Comparison", "change_summary", "compare_indicator", "composite", "cross_section",
                     "indicator_meta", "indicators_of", "learn_from", "neighbours", "network_matrix", "profile",
                     "scatter", "trend"), "comparisons"),
    "load_demo": "demo",
    **dict.fromkeys(("PeerSet", "resolve"), "peers"),
    **dict.fromkeys(("IngestOutcome", "ingest_bytes", "ingest_path", "undo_batch", "undo_preview"), "uploads"),
}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    """An exported name, imported from its module the first time it is asked for; else a submodule."""
    home = _HOME.get(name)
    if home is None:
        try:  # `api.accounts` after `import benchlearn.api` only: a submodule, as an eager package would give
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":  # the submodule exists but an import inside it failed
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The exported names with what is loaded already."""
    return sorted({*globals(), *_HOME})
