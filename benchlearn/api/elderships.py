"""Use cases of elderships (seniūnijos): sub-municipal units, entities of kind 'eldership' whose parent_code
is their municipality. They arrive like any other data (an entities file, then a values file with their
codes).

- Drill-down: a municipality's elderships ranked on one indicator and period (the engine's definitions).
- An eldership's profile: every indicator it has values for, compared (1) with the other elderships of its
  municipality and (2) with the elderships of its municipality and of the municipalities most similar to it
  (the municipality's k nearest neighbours, benchlearn.api.peers; without structural data, its own only).
Arguments are strings and numbers, so pages can cache every call.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from benchlearn.api.comparisons import Comparison, compare_indicator, neighbours, profile
from benchlearn.errors import BenchlearnError, NotFoundError
from benchlearn.model import PeerSpec
from benchlearn.store import Store, reads
from benchlearn.store import entities as entity_rows

KIND = "eldership"
SIMILAR_K = 10


@dataclass
class EldershipProfile:
    """One eldership in one period against the elderships of its municipality and of similar ones."""

    eldership: str
    parent: str
    period: str
    within: pd.DataFrame  # compare.PROFILE_COLUMNS, indicators with eldership values only
    similar: pd.DataFrame
    similar_parents: list[str] = field(default_factory=list)  # the parent first, then its neighbours


def municipalities(store: Store) -> pd.DataFrame:
    """code, name, elderships (count) of every entity that has elderships, by code."""
    with store.cursor() as cur:
        return entity_rows.parents_of_kind(cur, KIND)


def elderships_of(store: Store, municipality: str) -> pd.DataFrame:
    """code, name of the municipality's elderships, by name."""
    with store.cursor() as cur:
        return entity_rows.children_of_kind(cur, KIND, [municipality])


def has_elderships(store: Store, municipality: str) -> bool:
    """True when the municipality has at least one eldership (the profile then links to the drill-down)."""
    return not elderships_of(store, municipality).empty


def _codes(store: Store, municipality: str) -> list[str]:
    codes = elderships_of(store, municipality)["code"].tolist()
    if not codes:
        raise NotFoundError(f"{municipality} has no elderships in the store")
    return codes


def _valued(store: Store, codes: list[str], indicators: list[str] | None = None) -> pd.DataFrame:
    with store.cursor() as cur:
        wanted = indicators if indicators is not None else reads.indicators(cur)["code"].tolist()
        return reads.panel(cur, wanted, codes, None).dropna(subset=["value"])


def indicators(store: Store, municipality: str) -> list[str]:
    """The indicators with a value for at least one of the municipality's elderships, in catalogue order."""
    valued = set(_valued(store, _codes(store, municipality))["indicator_code"])
    with store.cursor() as cur:
        return [c for c in reads.indicators(cur)["code"] if c in valued]


def periods(store: Store, municipality: str, indicator: str) -> list[str]:
    """The periods in which the municipality's elderships have values of the indicator, newest first."""
    valued = _valued(store, _codes(store, municipality), [indicator])
    keys = valued.groupby("period")["period_key"].min().sort_values(ascending=False)
    return [str(p) for p in keys.index]


def drill_down(store: Store, municipality: str, indicator: str, period: str) -> Comparison:
    """The municipality's elderships compared on one indicator and period (rank, percentile, band, gaps)."""
    return compare_indicator(store, indicator, period, str(PeerSpec.listed(_codes(store, municipality))))


def _parent(store: Store, eldership: str) -> str:
    with store.cursor() as cur:
        found = reads.entities(cur, [eldership])
    if found.empty or found.iloc[0]["kind"] != KIND or not isinstance(found.iloc[0]["parent_code"], str):
        raise NotFoundError(f"{eldership} is not an eldership with a municipality")
    return str(found.iloc[0]["parent_code"])


def similar_parents(store: Store, municipality: str, k: int = SIMILAR_K) -> list[str]:
    """The municipality and its k most similar municipalities (itself alone when there is no similarity)."""
    try:
        near = neighbours(store, municipality, k)
    except BenchlearnError:  # no structural data for it: compare within its own elderships only
        return [municipality]
    return [municipality, *near["entity_code"]]


def eldership_periods(store: Store, eldership: str) -> list[str]:
    """The periods with at least one value of the eldership, newest first."""
    valued = _valued(store, [eldership])
    keys = valued.groupby("period")["period_key"].min().sort_values(ascending=False)
    return [str(p) for p in keys.index]


def _profile(store: Store, eldership: str, period: str, codes: list[str]) -> pd.DataFrame:
    table, _, _ = profile(store, eldership, period, str(PeerSpec.listed(codes)))
    # indicators the elderships have no values for (the municipalities' own) say nothing here
    return table[table["peer_n"] > 0].reset_index(drop=True)


def eldership_profile(store: Store, eldership: str, period: str, k: int = SIMILAR_K) -> EldershipProfile:
    """The eldership's profile within its municipality and among the elderships of similar municipalities."""
    parent = _parent(store, eldership)
    siblings = _codes(store, parent)
    parents = similar_parents(store, parent, k)
    with store.cursor() as cur:
        wider = sorted(entity_rows.children_of_kind(cur, KIND, parents)["code"])
    within = _profile(store, eldership, period, siblings)
    similar = _profile(store, eldership, period, wider)
    return EldershipProfile(eldership, parent, period, within, similar, parents)
