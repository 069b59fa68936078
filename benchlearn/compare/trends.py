"""Change over time: change vs the previous period, CAGR, direction of travel, the peer band over time.

Input (a panel): `entity_code, indicator_code, period, period_key, value`, one row per entity, indicator and
period (period_key sorts the periods: a year is itself, a split year `2016-17` is 2016.5, a quarter
`2024-Q2` is 2024.2).

- The *previous period* of a period is the one just before it among the periods the panel holds for that
  indicator (over all entities). A member without a value there has no change (NaN), so a change never
  silently spans a longer interval than its neighbours'.
- `change` = value − previous_value (indicator units); `change_pct` = change / |previous_value| × 100, NaN
  when the previous value is 0 or missing (dividing by |…| keeps the sign of the change).
- `cagr` = (last / first)^(1 / years) − 1 as a fraction (0.05 = 5 % a year); NaN when either value is
  missing or ≤ 0. `years` comes from the period keys (a year or split year counts 1, a quarter 1/4).
- Direction of travel: 'stable' when |change / previous| < STABLE_THRESHOLD (1 %) — or, when the previous
  value is 0, when nothing changed; otherwise 'improving' / 'worsening' by polarity, and 'up' / 'down' for
  neutral indicators. NaN when either value is missing.
- The peer band per period: n, p25, median, p75 of the values of all entities in the panel (linear
  interpolation, as SQL's quantile_cont), and an entity's gap to that median, signed so positive = better.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchlearn.compare.contracts import (
    PANEL_COLUMNS,
    as_polarity,
    numeric,
    require_columns,
    require_unique,
    sign,
    signs,
)
from benchlearn.errors import NotFoundError, UsageError
from benchlearn.model import Polarity

#: relative change below which a direction of travel is 'stable' (0.01 = 1 % of the previous value).
STABLE_THRESHOLD = 0.01
_KEYS = ["entity_code", "indicator_code", "period"]


def checked_panel(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel with a float value column, after checking its columns and that each key appears once."""
    require_columns(panel, PANEL_COLUMNS, "panel")
    require_unique(panel, _KEYS, "panel")
    return panel.assign(value=numeric(panel["value"]), period_key=panel["period_key"].astype("float64"))


def period_changes(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel plus previous_period, previous_value, change and change_pct (definitions in the module)."""
    panel = checked_panel(panel)
    periods = panel[["indicator_code", "period", "period_key"]].drop_duplicates()
    periods = periods.sort_values(["indicator_code", "period_key"], kind="stable")
    periods["previous_period"] = periods.groupby("indicator_code", sort=False)["period"].shift()
    out = panel.merge(periods[["indicator_code", "period", "previous_period"]],
                      on=["indicator_code", "period"], how="left")
    earlier = panel[_KEYS + ["value"]].rename(
        columns={"period": "previous_period", "value": "previous_value"})
    out = out.merge(earlier, on=["entity_code", "indicator_code", "previous_period"], how="left")
    out["change"] = out["value"] - out["previous_value"]
    out["change_pct"] = out["change"] * 100 / out["previous_value"].abs().where(out["previous_value"] != 0)
    return out


def years_between(first_key: float, last_key: float) -> float:
    """Years from one period key to another: years and split years count 1, quarters (year + q/10) 1/4."""
    def as_years(key: float) -> float:
        year = np.floor(key)
        fraction = round(key - year, 6)
        return year + ((round(fraction * 10) - 1) / 4 if fraction not in (0.0, 0.5) else 0.0)
    return float(as_years(last_key) - as_years(first_key))


def cagr(panel: pd.DataFrame, first: str, last: str, years: float | None = None) -> pd.DataFrame:
    """entity_code, indicator_code, first_value, last_value, years, cagr between periods `first` and `last`.

    `years` defaults to `years_between` the two periods' keys; pass it to override.
    """
    panel = checked_panel(panel)
    keys = panel.drop_duplicates("period").set_index("period")["period_key"]
    for period in (first, last):
        if period not in keys.index:
            raise NotFoundError(f"the panel has no period {period!r}")
    span = years_between(keys[first], keys[last]) if years is None else float(years)
    if span <= 0:
        raise UsageError(f"the CAGR window must run forward in time ({first} → {last})")
    pick = ["entity_code", "indicator_code", "value"]
    start = panel.loc[panel["period"] == first, pick].rename(columns={"value": "first_value"})
    end = panel.loc[panel["period"] == last, pick].rename(columns={"value": "last_value"})
    out = start.merge(end, on=["entity_code", "indicator_code"], how="outer")
    valid = (out["first_value"] > 0) & (out["last_value"] > 0)
    ratio = (out["last_value"] / out["first_value"]).where(valid)
    out["years"] = span
    out["cagr"] = ratio ** (1 / span) - 1
    return out.sort_values(["indicator_code", "entity_code"], ignore_index=True)


def direction_of_travel(
    previous: pd.Series, current: pd.Series, polarity: Polarity | str | pd.Series,
    threshold: float = STABLE_THRESHOLD,
) -> pd.Series:
    """'improving' / 'worsening' / 'stable' (neutral: 'up' / 'down' / 'stable') per row; NaN if a value is
    missing.

    `polarity` is one polarity, or a Series of them aligned with `previous` (one per row).
    """
    change = current - previous
    relative = change / previous.abs().where(previous != 0)
    moved = np.where(previous == 0, change != 0, relative.abs() >= threshold)
    if isinstance(polarity, pd.Series):
        oriented, neutral = change * signs(polarity), (polarity == Polarity.NEUTRAL.value).to_numpy()
    else:
        oriented, neutral = change * sign(polarity), as_polarity(polarity) is Polarity.NEUTRAL
    judged = np.where(oriented > 0, "improving", "worsening")
    plain = np.where(change > 0, "up", "down")
    direction = np.where(moved, np.where(neutral, plain, judged), "stable")
    return pd.Series(direction, index=previous.index, dtype="str").where(change.notna())


def peer_band_over_time(panel: pd.DataFrame) -> pd.DataFrame:
    """indicator_code, period, period_key, n, p25, median, p75 over all entities of the panel, per period."""
    panel = checked_panel(panel)
    grouped = panel.groupby(["indicator_code", "period", "period_key"], sort=False)["value"]
    out = grouped.agg(n="count", median="median")
    out["p25"] = grouped.quantile(0.25)
    out["p75"] = grouped.quantile(0.75)
    out = out.reset_index()[["indicator_code", "period", "period_key", "n", "p25", "median", "p75"]]
    return out.sort_values(["indicator_code", "period_key"], ignore_index=True)


def gap_to_median_over_time(panel: pd.DataFrame, entity: str, polarity: Polarity | str) -> pd.DataFrame:
    """The peer band per period with the entity's value and gap_to_median = (value − median) × sign.

    Columns: indicator_code, period, period_key, n, p25, median, p75, value, gap_to_median, and the entity's
    `status` when the panel has one (a preliminary value is marked on the chart). Periods where the entity has
    no value keep their row (value and gap NaN). The panel is the peer set, entity included.
    """
    band = peer_band_over_time(panel)
    kept = ["indicator_code", "period", "value", *(["status"] if "status" in panel.columns else [])]
    own = panel.loc[panel["entity_code"] == entity, kept]
    if own.empty:
        raise NotFoundError(f"{entity} is not in the panel")
    out = band.merge(own.assign(value=numeric(own["value"])), on=["indicator_code", "period"], how="left")
    out["gap_to_median"] = (out["value"] - out["median"]) * sign(polarity)
    return out
