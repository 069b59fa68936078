"""What changed between two moments of the store (issue 16.3): values added, revised (old → new) and undone, by
whom, with the effect on ranks: each changed value's rank among the peer set before and after.

A moment is a batch number, a date `YYYY-MM-DD[THH:MM]` or "now" (`store.as_of`). The ranks are
`compare_indicator`'s, computed on the store as of each moment, so they are the ranks a page showed then.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from benchlearn.api.comparisons import compare_indicator
from benchlearn.api.sessions import authorise
from benchlearn.auth import Identity
from benchlearn.errors import NotFoundError
from benchlearn.model import Role
from benchlearn.store import Store, as_of, reads

#: rank effects are computed for at most this many indicator × period pairs (each is two comparisons)
RANKED_PAIRS = 25
#: the columns of `benchlearn changes` (CSV and JSON rows), in order
COLUMNS = ("entity_code", "entity_name", "indicator_code", "period", "change", "old_value", "old_status",
           "new_value", "new_status", "rank_before", "rank_after", "batch_id", "changed_by", "changed_at",
           "file_name")


@dataclass
class Changes:
    """The two moments (earlier first), one row per changed value (COLUMNS), and how many indicator × period
    pairs were left without rank effects (beyond RANKED_PAIRS)."""

    before: as_of.Point
    after: as_of.Point
    table: pd.DataFrame
    unranked: int


def past(store: Store, text: str | None) -> Store:
    """`store` as of the batch or date `text` names (itself when empty): every read through it sees that moment.

    UsageError for text that is neither, NotFoundError for an unknown batch."""
    return as_of.at(store, text)


def moments(store: Store, limit: int = 200) -> list[tuple[int, object]]:
    """(batch id, committed at) of the latest batches, newest first: the moments a page offers to go back to."""
    with store.cursor() as cur:
        return as_of.moments(cur, limit)


def _point(store: Store, text: str | None) -> as_of.Point:
    base = store.base if isinstance(store, as_of.PastStore) else store
    with base.cursor() as cur:
        clean = (text or "").strip()
        return as_of.latest(cur) if clean in ("", "now") else as_of.resolve(cur, clean)


def _at(store: Store, point: as_of.Point) -> Store:
    return store if not point.text else as_of.PastStore(store, point)


def _ranks(store: Store, point: as_of.Point, indicator: str, period: str, spec: str) -> pd.Series:
    try:
        table = compare_indicator(_at(store, point), indicator, period, spec).table
    except NotFoundError:  # nothing valued in that period at that moment: no rank
        return pd.Series(dtype="float64")
    return table.set_index("entity_code")["rank"]


def what_changed(store: Store, since: str, until: str | None = None, spec: str = "all",
                 indicators: list[str] | None = None, limit: int = 10_000) -> Changes:
    """The values that differ between the store as of `since` and as of `until` (default now), with the rank
    of each changed value among the peer set `spec` at both moments (ARCHITECTURE §8 ranks)."""
    base = store.base if isinstance(store, as_of.PastStore) else store
    before, after = _point(base, since), _point(base, until)
    if (before.batch_id, before.cut_at) > (after.batch_id, after.cut_at):
        before, after = after, before
    with base.cursor() as cur:
        table = as_of.changes(cur, before, after, indicators, limit)
        names = reads.entities(cur, sorted(set(table["entity_code"]))).set_index("code")["name"]
    pairs = table[["indicator_code", "period"]].drop_duplicates()
    table = table.assign(entity_name=table["entity_code"].map(names), rank_before=pd.NA, rank_after=pd.NA)
    for indicator, period in pairs.head(RANKED_PAIRS).itertuples(index=False):
        rows = (table["indicator_code"] == indicator) & (table["period"] == period)
        for column, point in (("rank_before", before), ("rank_after", after)):
            ranks = _ranks(base, point, indicator, period, spec)
            table.loc[rows, column] = table.loc[rows, "entity_code"].map(ranks)
    for column in ("rank_before", "rank_after"):
        table[column] = pd.to_numeric(table[column]).astype("Int64")
    return Changes(before, after, table[list(COLUMNS)], max(len(pairs) - RANKED_PAIRS, 0))


def changes_for(store: Store, identity: Identity | None, since: str, until: str | None = None,
                spec: str = "all", indicators: list[str] | None = None) -> Changes:
    """`what_changed` for a logged-in user (the changes name their uploaders: no anonymous view)."""
    authorise(store, identity, Role.ANALYST, "view what changed")
    return what_changed(store, since, until, spec, indicators)
