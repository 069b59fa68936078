"""Input contracts of the engine: the columns each frame must carry, and polarity as a sign.

Every comparison turns a value into an *oriented* value, `value × sign`, so that a larger oriented value is
always better: sign = +1 for higher_better, −1 for lower_better. Neutral indicators have no better direction;
they are ordered by value (sign +1) and, where a judgement is needed (improving/worsening), reported as
up/down instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from benchlearn.errors import UsageError
from benchlearn.model import Polarity

CROSS_SECTION_COLUMNS = ("entity_code", "entity_name", "value")
PANEL_COLUMNS = ("entity_code", "indicator_code", "period", "period_key", "value")


def as_polarity(polarity: Polarity | str) -> Polarity:
    """The Polarity named by `polarity`, or a UsageError listing the accepted names."""
    try:
        return Polarity(polarity)
    except ValueError:
        accepted = ", ".join(p.value for p in Polarity)
        raise UsageError(f"unknown polarity {polarity!r}; expected one of {accepted}") from None


def sign(polarity: Polarity | str) -> float:
    """+1.0 when larger values are better (or the indicator is neutral), −1.0 when smaller ones are."""
    return -1.0 if as_polarity(polarity) is Polarity.LOWER_BETTER else 1.0


def signs(polarities: pd.Series) -> pd.Series:
    """The sign of each polarity in a Series (same index), checking every name once."""
    for name in pd.unique(polarities):
        as_polarity(name)
    return pd.Series(np.where(polarities == Polarity.LOWER_BETTER.value, -1.0, 1.0), index=polarities.index)


def polarity_series(polarities: Mapping[str, Polarity | str] | pd.Series) -> pd.Series:
    """Indicator code → polarity name, from a mapping or a Series, with every name checked."""
    series = pd.Series(dict(polarities)) if not isinstance(polarities, pd.Series) else polarities
    return series.map(lambda p: as_polarity(p).value)


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise a UsageError naming the columns `frame` lacks for its role `what`."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(f"the {what} lacks the column(s) {', '.join(missing)}")


def require_unique(frame: pd.DataFrame, keys: list[str], what: str) -> None:
    """Raise a UsageError when a key appears twice (a member counted twice would bias every statistic)."""
    duplicated = frame.duplicated(subset=keys, keep=False)
    if duplicated.any():
        first = frame.loc[duplicated, keys].iloc[0].tolist()
        raise UsageError(f"the {what} has more than one row for {', '.join(map(str, first))}")


def numeric(values: pd.Series) -> pd.Series:
    """The values as float64, with None/NA as NaN (the engine's one marker of a missing value)."""
    return pd.to_numeric(values, errors="raise").astype("float64")
