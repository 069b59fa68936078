"""The one-municipality report: everything it shows, gathered through the comparison use cases.

The report builders (`benchlearn.reports`) take the `ReportData` made here and never touch the store, so
a PDF or a workbook shows exactly the numbers the dashboard pages show for the same choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from benchlearn.api.analyst import profile_view
from benchlearn.api.comparisons import Comparison, change_summary, compare_indicator, indicators_of, trend
from benchlearn.api.peers import PeerSet, resolve
from benchlearn.errors import NotFoundError
from benchlearn.model import PeerSpec, Polarity
from benchlearn.store import Store, reads

#: how many indicators get a ranking and a trend section when the caller does not choose them.
DEFAULT_SECTIONS = 4


@dataclass
class ReportData:
    """One municipality, one period, one peer set: its profile, rankings and trends, with indicator metadata."""

    entity: str
    entity_name: str
    period: str
    peers: PeerSet
    indicators: pd.DataFrame  # metadata rows of every indicator in the report (names in each language, unit…)
    profile: pd.DataFrame
    strongest: pd.DataFrame
    weakest: pd.DataFrame
    peers_name: str | None = None  # the network's or peer group's name when the peers are one
    peers_names: dict[str, str] = field(default_factory=dict)  # that name by language: name, name_lt, name_lv
    rankings: dict[str, Comparison] = field(default_factory=dict)
    trends: dict[str, pd.DataFrame] = field(default_factory=dict)
    changes: dict[str, dict] = field(default_factory=dict)


def section_indicators(profile_table: pd.DataFrame, meta: pd.DataFrame, count: int = DEFAULT_SECTIONS) -> list[str]:
    """The indicators worth a ranking and a trend: where the entity has a value, judged ones (a better
    direction) first, then ratios (comparable across sizes), then the rest, each in profile order."""
    valued = profile_table.loc[profile_table["value"].notna(), "indicator_code"].tolist()
    info = meta.set_index("code")

    def priority(code: str) -> int:
        if info.loc[code, "polarity"] != Polarity.NEUTRAL.value:
            return 0
        return 1 if isinstance(info.loc[code, "numerator_code"], str) else 2

    return sorted(valued, key=lambda code: (priority(code), valued.index(code)))[:count]


def report_data(store: Store, entity: str, period: str, spec: str | None = None,
                indicators: tuple[str, ...] | None = None) -> ReportData:
    """Gather the report of `entity` in `period` against the peer set `spec` (default: all municipalities).

    The profile is the profile page's (`api.analyst.profile_view`: the peer network's indicators, else those
    of the entity's first network). Rankings and trends cover `indicators`, or `section_indicators`.
    """
    with store.cursor() as cur:
        found = reads.entities(cur, [entity])
        groups = reads.groups(cur)
    if found.empty:
        raise NotFoundError(f"there is no entity {entity!r}")
    peer_spec = PeerSpec.parse(spec)
    view = profile_view(store, entity, period, spec)
    table = view.table.drop(columns=["history"], errors="ignore")
    meta = indicators_of(store)
    chosen = list(indicators) if indicators is not None else section_indicators(table, meta)
    unknown = sorted(set(chosen) - set(meta["code"]))
    if unknown:
        raise NotFoundError(f"unknown indicators: {', '.join(unknown)}")
    data = ReportData(
        entity=entity, entity_name=str(found.iloc[0]["name"]), period=period, peers=resolve(store, spec, period),
        indicators=meta[meta["code"].isin(set(table["indicator_code"]) | set(chosen))].reset_index(drop=True),
        profile=table, strongest=view.strongest, weakest=view.weakest,
        peers_name=_group_name(groups, peer_spec.kind, peer_spec.code),
        peers_names=_group_names(groups, peer_spec.kind, peer_spec.code),
    )
    for code in chosen:
        data.rankings[code] = compare_indicator(store, code, period, spec)
        data.trends[code] = trend(store, entity, code, spec)
        data.changes[code] = change_summary(store, entity, code)
    return data


def _group_names(groups: pd.DataFrame, kind: str, code: str) -> dict[str, str]:
    found = groups[groups["code"] == code] if kind in ("network", "group") else groups.iloc[0:0]
    row = found.iloc[0].to_dict() if len(found) else {}
    return {k: str(v) for k, v in row.items() if k in ("name", "name_lt", "name_lv") and isinstance(v, str)}


def _group_name(groups: pd.DataFrame, kind: str, code: str) -> str | None:
    if kind not in ("network", "group"):
        return None
    names = groups.loc[groups["code"] == code, "name"]
    return str(names.iloc[0]) if len(names) else None
