"""The dashboard's long-lived objects kept out of the garbage collector's full collections.

Streamlit runs a full collection after every script run (`runner.postScriptGC`), and a full collection walks
every tracked object while no other session of the process runs. With pandas, plotly and Streamlit loaded
that was about 200 000 objects and 80 ms per page view (a quarter of the server's time under 20 analysts).
`gc.freeze()` moves what is alive into the permanent generation, which collections skip; frozen objects are
still freed by reference counting, and only a cycle among them is never collected.

The first page view loads what the pages otherwise load lazily and keep for the life of the process (the
chart libraries, the catalogue, the map's boundaries) and freezes. Pages import more code on their first
visit (the meeting pack's reports, the explanations, the upload's screening): a run that imported modules
freezes again when it ends, so the collection after it walks only what the sessions hold. There are at most
as many freezes as pages with code of their own; each costs one full collection, and keeps what another
session held at that moment (bounded by the same count). At exit the objects are unfrozen, so the
interpreter's last collection frees them in order (duckdb reports them as leaked otherwise).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import logging
import sys
import threading

log = logging.getLogger("benchlearn.ui")
_lock = threading.Lock()
_modules_frozen = 0  # len(sys.modules) at the latest freeze; 0 before the first


def _load_long_lived() -> None:
    """Load what the pages otherwise load lazily on first use and then keep for the life of the process: the
    chart libraries and the trace types the charts draw, the message catalogue, the map's boundaries."""
    import plotly.graph_objects as go

    from benchlearn.api import geography
    from benchlearn.i18n import catalogue

    for name in ("pandas.io.formats.style", "plotly.express", "xlsxwriter", "benchlearn.charts.map",
                 "benchlearn.charts.profile", "benchlearn.charts.ranking", "benchlearn.charts.targets",
                 "benchlearn.reports.spreadsheet"):
        importlib.import_module(name)
    go.Figure([go.Bar(), go.Box(), go.Choroplethmap(), go.Heatmap(), go.Scatter()]).to_json()
    catalogue()
    geography.mapped_codes([])


def freeze_long_lived_heap() -> bool:
    """Freeze what is alive at the first page view (after loading the long-lived libraries), and again after a
    run that imported modules; True when it froze."""
    global _modules_frozen
    if _modules_frozen and len(sys.modules) <= _modules_frozen:  # the common case, without the lock
        return False
    with _lock:
        first = _modules_frozen == 0
        if first:
            try:
                _load_long_lived()
            except Exception:  # noqa: BLE001 — only a speed-up: the page must run without it
                log.exception("could not preload the page libraries")
        elif len(sys.modules) <= _modules_frozen:
            return False
        gc.collect()
        gc.freeze()
        if first:
            atexit.register(gc.unfreeze)
        _modules_frozen = len(sys.modules)
    log.info("froze %d long-lived objects out of the garbage collector's sight", gc.get_freeze_count())
    return True
