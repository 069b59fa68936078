"""Where an explained value came from: the batches that wrote it, the import mapping each batch saved, and the
notes kept with the values (issue 16.1). Shared by every kind of explanation (figure, trend, composite, target,
similarity), so each one names its sources the same way.
"""

from __future__ import annotations

import pandas as pd

from benchlearn.api import value_notes as member_notes
from benchlearn.store import Store, mappings
from benchlearn.store import batches as batch_ledger


def stored_parts(meta: dict) -> list[str]:
    """The stored indicators a value is made of: a derived indicator's numerator and denominator, else itself."""
    parts = [meta.get("numerator_code"), meta.get("denominator_code")]
    return [str(p) for p in parts] if all(isinstance(p, str) and p for p in parts) else [str(meta["code"])]


def batch_sources(store: Store, meta: dict, period: str, codes: list[str]) -> list[dict]:
    """The batches (batch_id, file_name, user, committed_at, sha256, entity_codes, period) that wrote the
    current values of `codes` for one indicator and period."""
    with store.cursor() as cur:
        frame = batch_ledger.sources(cur, stored_parts(meta), period, codes)
    return [{"batch_id": int(r.batch_id), "file_name": r.file_name, "user": r.user,
             "committed_at": pd.Timestamp(r.committed_at).isoformat(), "sha256": r.sha256,
             "entity_codes": list(r.entity_codes), "period": period} for r in frame.itertuples()]


def with_mappings(store: Store, sources: list[dict]) -> list[dict]:
    """`sources` with `mapping`: the "kind: key → target" lines the batch's import saved (empty for a plain
    upload, whose columns map by name)."""
    with store.cursor() as cur:
        rows = mappings.of_batches(cur, sorted({s["batch_id"] for s in sources}))
    lines: dict[int, list[str]] = {}
    for r in rows.itertuples():
        lines.setdefault(int(r.batch_id), []).append(f"{r.source} {r.kind}: {r.source_key} → {r.target}")
    return [s | {"mapping": lines.get(s["batch_id"], [])} for s in sources]


def value_notes(store: Store, indicator: str, period: str, codes: list[str]) -> dict[str, str]:
    """The members' notes on the values of `codes` (their own words; a reason confirmed at upload is one)."""
    notes = member_notes.shown(store, codes, (indicator,), (period,))
    return {str(c): str(n) for c, n in zip(notes["entity_code"], notes["text"], strict=True)}
