"""The network meeting pack: everything a network meeting looks at, for one network and period, in one object
that `benchlearn.reports.meeting` turns into a PDF and an Excel workbook.

- the members × indicators heatmap of percentiles (directional indicators; benchlearn.compare.matrix);
- each indicator's ranking over the network's members (benchlearn.compare.scores);
- the most improved members: per directional indicator, the change from the previous period with data
  (benchlearn.compare.trends), oriented so that positive = better, largest first, only improvements;
- the biggest gaps to the median: member × directional indicator pairs with a negative gap_to_median, worst
  first by the gap relative to the median (gap / |median| × 100; the raw gap where the median is 0);
- the targets of the members on the network's indicators with their status now (benchlearn.compare.targets);
- the practices recorded since the last meeting (on or after the date the user gives).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from benchlearn import compare
from benchlearn.api import actions, practices, targets, value_notes
from benchlearn.api.comparisons import Comparison, compare_indicator, indicators_of, network_matrix
from benchlearn.compare.contracts import sign as polarity_sign
from benchlearn.errors import NotFoundError
from benchlearn.ingest.periods import parse_period
from benchlearn.model import PeerSpec, Polarity
from benchlearn.store import Store, reads

IMPROVED_PER_INDICATOR = 3
GAPS = 15


@dataclass
class MeetingPack:
    """The contents of one network's meeting pack (every frame may be empty; the pack says so)."""

    network: str
    network_name: str
    period: str
    since: dt.date
    members: pd.DataFrame  # entity_code, entity_name
    indicators: pd.DataFrame  # metadata of the network's indicators with values in the period
    matrix: pd.DataFrame  # index entity_code × directional indicator codes: percentiles
    rankings: dict[str, Comparison]
    improved: pd.DataFrame  # indicator_code, entity_code, entity_name, previous_*, value, improvement
    gaps: pd.DataFrame  # entity_code, entity_name, indicator_code, value, peer_median, gap_to_median, gap_pct
    targets: pd.DataFrame  # api.targets.progress rows
    practices: pd.DataFrame  # api.practices.search rows
    network_names: dict[str, str] = field(default_factory=dict)  # name, name_lt, name_lv (i18n.localized)
    actions: pd.DataFrame = field(default_factory=pd.DataFrame)  # api.actions.follow_up rows agreed before
    notes: pd.DataFrame = field(default_factory=pd.DataFrame)  # api.value_notes.shown rows of the period
    #: entity_code, indicator_code, direction (each member's travel, for its summary in words, issue 16.5)
    travel: pd.DataFrame = field(default_factory=pd.DataFrame)


def networks(store: Store) -> pd.DataFrame:
    """code, name, name_lt, name_lv of every network."""
    with store.cursor() as cur:
        groups = reads.groups(cur)
    return groups.loc[groups["kind"] == "network", ["code", "name", "name_lt", "name_lv"]].reset_index(drop=True)


def _members(store: Store, network: str) -> pd.DataFrame:
    with store.cursor() as cur:
        codes = reads.network_members(cur, network)
        found = reads.entities(cur, codes)
    found = found.rename(columns={"code": "entity_code", "name": "entity_name"})
    return found[["entity_code", "entity_name"]]


def _valued_panel(store: Store, network: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The network's indicator metadata, and its members' valued observations of them."""
    members = _members(store, network)["entity_code"].tolist()
    meta = indicators_of(store, network)
    if not members or meta.empty:
        return meta, pd.DataFrame(columns=["indicator_code", "period", "period_key", "value"])
    with store.cursor() as cur:
        panel = reads.panel(cur, meta["code"].tolist(), members, None).dropna(subset=["value"])
    return meta, panel


def _newest_first(panel: pd.DataFrame) -> list[str]:
    keys = panel.groupby("period")["period_key"].min().sort_values(ascending=False)
    return [str(p) for p in keys.index]


def periods(store: Store, network: str) -> list[str]:
    """Periods in which the network's members have values of its indicators, newest first."""
    return _newest_first(_valued_panel(store, network)[1])


def default_period(store: Store, network: str) -> str | None:
    """The period a meeting opens on: the newest with values of a directional indicator (a heatmap to show).

    A year that so far holds only structural facts (population, area) says nothing at a meeting; when no
    period has a directional value, the newest period with any value.
    """
    meta, panel = _valued_panel(store, network)
    directional = meta.loc[meta["polarity"] != Polarity.NEUTRAL, "code"]
    found = _newest_first(panel[panel["indicator_code"].isin(directional)]) or _newest_first(panel)
    return found[0] if found else None


def _improved(store: Store, members: list[str], meta: pd.DataFrame, period: str) -> pd.DataFrame:
    directional = meta[meta["polarity"] != Polarity.NEUTRAL.value]
    columns = ["indicator_code", "entity_code", "previous_period", "previous_value", "value", "improvement"]
    if directional.empty:
        return pd.DataFrame(columns=columns)
    with store.cursor() as cur:
        panel = reads.panel(cur, directional["code"].tolist(), members, None)
    key = panel.loc[panel["period"] == period, "period_key"]
    if key.empty:
        return pd.DataFrame(columns=columns)
    panel = panel[panel["period_key"] <= key.iloc[0]]
    changes = compare.period_changes(panel)
    changes = changes[(changes["period"] == period) & changes["change"].notna()]
    if changes.empty:  # one period only (or no earlier values): nobody can have improved yet
        return pd.DataFrame(columns=columns)
    sign = changes["indicator_code"].map(directional.set_index("code")["polarity"]).map(polarity_sign)
    changes = changes.assign(improvement=changes["change"] * sign)
    changes = changes[changes["improvement"] > 0]
    order = ["indicator_code", "improvement", "entity_code"]
    changes = changes.sort_values(order, ascending=[True, False, True])
    return changes.groupby("indicator_code").head(IMPROVED_PER_INDICATOR)[columns].reset_index(drop=True)


def _travel(store: Store, members: list[str], meta: pd.DataFrame, period: str) -> pd.DataFrame:
    """entity_code, indicator_code, direction: each member's direction of travel since its previous value."""
    columns = ["entity_code", "indicator_code", "direction"]
    with store.cursor() as cur:
        panel = reads.panel(cur, meta["code"].tolist(), members, None) if len(meta) else None
    if panel is None or not (panel["period"] == period).any():
        return pd.DataFrame(columns=columns)
    panel = panel[panel["period_key"] <= panel.loc[panel["period"] == period, "period_key"].iloc[0]]
    changes = compare.period_changes(panel)
    changes = changes[changes["period"] == period]
    polarity = changes["indicator_code"].map(meta.set_index("code")["polarity"])
    direction = compare.direction_of_travel(changes["previous_value"], changes["value"], polarity)
    return changes.assign(direction=direction.to_numpy())[columns].reset_index(drop=True)


def _gaps(rankings: dict[str, Comparison]) -> pd.DataFrame:
    frames = []
    for code, comparison in rankings.items():
        if comparison.indicator["polarity"] == Polarity.NEUTRAL.value:
            continue
        table = comparison.table
        behind = table[table["gap_to_median"] < 0]
        median = comparison.summary["median"]
        pct = (behind["gap_to_median"] / abs(median) * 100 if median
               else pd.Series(float("nan"), index=behind.index))
        frames.append(behind[["entity_code", "entity_name", "value", "gap_to_median"]].assign(
            indicator_code=code, peer_median=median, gap_pct=pct))
    if not frames:
        return pd.DataFrame(columns=["entity_code", "entity_name", "indicator_code", "value", "peer_median",
                                     "gap_to_median", "gap_pct"])
    gaps = pd.concat(frames, ignore_index=True)
    gaps["order"] = gaps["gap_pct"].fillna(gaps["gap_to_median"])
    gaps = gaps.sort_values(["order", "entity_code"]).head(GAPS)
    return gaps[["entity_code", "entity_name", "indicator_code", "value", "peer_median", "gap_to_median",
                 "gap_pct"]].reset_index(drop=True)


@dataclass
class Benchmarks:
    """The numbers of a pack (they change only with a new batch, so a page can cache them)."""

    network: str
    network_name: str
    period: str
    members: pd.DataFrame
    indicators: pd.DataFrame
    matrix: pd.DataFrame
    rankings: dict[str, Comparison]
    improved: pd.DataFrame
    gaps: pd.DataFrame
    network_names: dict[str, str] = field(default_factory=dict)  # name, name_lt, name_lv (i18n.localized)
    travel: pd.DataFrame = field(default_factory=pd.DataFrame)  # entity_code, indicator_code, direction


def benchmarks(store: Store, network: str, period: str) -> Benchmarks:
    """Heatmap, rankings, most improved and gaps of the network's members in `period`."""
    found = networks(store)
    if network not in set(found["code"]):
        raise NotFoundError(f"there is no network {network!r}")
    members = _members(store, network)
    meta = indicators_of(store, network)
    with store.cursor() as cur:
        have = reads.indicators_with_data(cur, meta["code"].tolist(), period)
    meta = meta[meta["code"].isin(have)].reset_index(drop=True)
    if members.empty or meta.empty:
        raise NotFoundError(f"network {network!r} has no values in period {period!r}")
    spec = str(PeerSpec("network", network))
    rankings = {code: compare_indicator(store, code, period, spec) for code in meta["code"]}
    # an indicator with values elsewhere but none among the members says nothing at this meeting
    rankings = {code: found for code, found in rankings.items() if found.summary["n"] > 0}
    meta = meta[meta["code"].isin(rankings)].reset_index(drop=True)
    try:
        matrix = network_matrix(store, network, period)
        matrix = matrix.loc[:, matrix.notna().any() & matrix.columns.isin(rankings)]
    except NotFoundError:
        matrix = pd.DataFrame()
    names = members.set_index("entity_code")["entity_name"]
    improved = _improved(store, members["entity_code"].tolist(), meta, period)
    improved.insert(2, "entity_name", improved["entity_code"].map(names))
    row = found.set_index("code").loc[network]
    names = {k: str(v) for k, v in row.items() if k in ("name", "name_lt", "name_lv") and isinstance(v, str)}
    return Benchmarks(network, str(row["name"]), period, members, meta, matrix, rankings, improved, _gaps(rankings),
                      names, _travel(store, members["entity_code"].tolist(), meta, period))


def pack(store: Store, network: str, period: str, since: dt.date, numbers: Benchmarks | None = None
         ) -> MeetingPack:
    """The meeting pack of `network` for `period`, with the practices recorded on or after `since` (pass the
    `benchmarks` already computed, if any: targets and practices are always read afresh)."""
    numbers = numbers or benchmarks(store, network, period)
    progress = targets.progress(store, tuple(numbers.members["entity_code"]))
    progress = progress[progress["indicator_code"].isin(indicators_of(store, network)["code"])]
    recorded = practices.search(store, network=network, since=since, limit=10_000)
    agreed, notes = _agreed_and_noted(store, numbers)
    return MeetingPack(numbers.network, numbers.network_name, numbers.period, since, numbers.members,
                       numbers.indicators, numbers.matrix, numbers.rankings, numbers.improved, numbers.gaps,
                       progress.reset_index(drop=True), recorded, numbers.network_names, agreed, notes,
                       numbers.travel)


def _agreed_and_noted(store: Store, numbers: Benchmarks) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The members' improvement actions agreed at an earlier period's meeting (for this network or none), with
    what happened since (issue 15.6); and the members' notes on their values of the period (issue 15.4)."""
    members = tuple(numbers.members["entity_code"])
    agreed = actions.follow_up(store, members)
    key = parse_period(numbers.period).key
    earlier = agreed["period"].map(lambda p: (parse_period(str(p)) or parse_period("9999")).key < key)
    mine = agreed["network_code"].isna() | (agreed["network_code"] == numbers.network)
    notes = value_notes.shown(store, members, tuple(numbers.indicators["code"]), (numbers.period,))
    return agreed[earlier & mine].reset_index(drop=True), notes
