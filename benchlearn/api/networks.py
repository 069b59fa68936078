"""Use cases of the network view: which periods a network has data for, its members' values, its composite.

The percentile matrix itself is `comparisons.network_matrix`; these functions supply what the page shows
around it, with arguments a page can cache (tuples, not dicts).
"""

from __future__ import annotations

import pandas as pd

from benchlearn.api.comparisons import composite, indicators_of
from benchlearn.compare import METHODS, MIN_COVERAGE
from benchlearn.errors import NotFoundError
from benchlearn.model import PeerSpec, Polarity
from benchlearn.store import Store, reads

__all__ = ["METHODS", "MIN_COVERAGE", "directional_indicators", "network_composite", "network_periods",
           "network_values"]


def directional_indicators(store: Store, network: str) -> pd.DataFrame:
    """The network's indicators that have a better direction (neutral ones cannot be judged or combined)."""
    meta = indicators_of(store, network)
    return meta[meta["polarity"] != Polarity.NEUTRAL.value].reset_index(drop=True)


def network_values(store: Store, network: str, period: str | None = None) -> pd.DataFrame:
    """entity_code, indicator_code, period, period_key, value, status of the members on the directional
    indicators (one period, or all)."""
    codes = directional_indicators(store, network)["code"].tolist()
    with store.cursor() as cur:
        members = reads.network_members(cur, network)
        if not members or not codes:
            raise NotFoundError(f"network {network!r} has no members or no indicator with a better direction")
        return reads.panel(cur, codes, members, [period] if period else None)


def network_periods(store: Store, network: str) -> list[str]:
    """Periods in which some member has a value on a directional indicator of the network, oldest first."""
    panel = network_values(store, network).dropna(subset=["value"])
    order = panel.groupby("period")["period_key"].min().sort_values()
    return order.index.tolist()


def network_composite(store: Store, network: str, period: str, weights: tuple[tuple[str, float], ...],
                      method: str = "minmax") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, contributions) of the composite index over the network's members (see compare.composite)."""
    return composite(store, dict(weights), period, str(PeerSpec("network", network)), method)
