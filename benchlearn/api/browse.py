"""Read-only use cases for browsing what the store holds (home page, catalogue, pickers)."""

from __future__ import annotations

import pandas as pd

from benchlearn.store import Store, batches, reads


def data_version(store: Store) -> str:
    """Changes whenever committed data changes: the key every cached page result depends on."""
    with store.cursor() as cur:
        return batches.data_version(cur)


def summary(store: Store) -> dict[str, int]:
    """Counts of municipalities, entities, indicators, periods, networks, observations, batches."""
    with store.cursor() as cur:
        return reads.counts(cur)


def coverage(store: Store) -> pd.DataFrame:
    """Entities with a value per stored indicator and period."""
    with store.cursor() as cur:
        return reads.coverage(cur)


def latest_batches(store: Store, limit: int = 10, network: str | None = None) -> pd.DataFrame:
    """The newest batches (uploads), newest first."""
    with store.cursor() as cur:
        return batches.listing(cur, limit, network)


def entities(store: Store) -> pd.DataFrame:
    """All entities with their metadata."""
    with store.cursor() as cur:
        return reads.entities(cur)


def indicators(store: Store) -> pd.DataFrame:
    """All indicator metadata."""
    with store.cursor() as cur:
        return reads.indicators(cur)


def groups(store: Store) -> pd.DataFrame:
    """Networks and peer groups with member counts."""
    with store.cursor() as cur:
        return reads.groups(cur)


def periods(store: Store, indicator: str | None = None) -> pd.DataFrame:
    """Periods with data, oldest first."""
    with store.cursor() as cur:
        return reads.periods(cur, indicator)


def periods_with_data(store: Store, indicator: str) -> pd.DataFrame:
    """Periods in which an indicator (stored or derived) has at least one value, oldest first."""
    with store.cursor() as cur:
        panel = reads.panel(cur, [indicator])
    panel = panel.dropna(subset=["value"])
    return panel.groupby("period", as_index=False)["period_key"].min().sort_values("period_key", ignore_index=True)
