"""What every chart and table says about a value beyond its number (issue 16.2): a *preliminary* or *estimated*
value marked as such, a *confidential* one named (not drawn as missing), a zero drawn as a tick (a bar of no
length is invisible), and a shared rank written "=3".

Tables and bar labels write the status word after the number ("2.4 (preliminary)"); cells too small for a word
(the heatmap) carry a one-letter flag ("p", "e") explained by `flag_key` under the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.text import literal
from benchlearn.i18n import fmt_number, t

#: values that may still change: marked wherever they are shown
PROVISIONAL = ("preliminary", "estimated")
#: statuses without a value that are named in the value's cell, not left blank as "missing"
NAMED_GAPS = ("confidential", "not_applicable")
#: the symbol of a provisional point on a line or scatter chart (a final one is filled)
OPEN_SYMBOL = "circle-open"
ZERO_TICK = {"symbol": "line-ns", "size": 16}


def is_provisional(status: Any) -> bool:
    """True for a preliminary or estimated value."""
    return isinstance(status, str) and status in PROVISIONAL


def mark(status: Any, lang: str) -> str:
    """' (preliminary)' / ' (estimated)' after a value that may still change, else ''."""
    return f" ({t(f'status.{status}', lang).lower()})" if is_provisional(status) else ""


def flag(status: Any, lang: str) -> str:
    """The one-letter flag of a provisional value in a small cell ('p', 'e' in English), else ''."""
    return t(f"marks.flag.{status}", lang) if is_provisional(status) else ""


def flag_key(lang: str) -> str:
    """The line under a chart or table with flags that says what they mean."""
    return t("marks.flag_key", lang, preliminary=flag("preliminary", lang), estimated=flag("estimated", lang))


def value_text(value: Any, status: Any, lang: str, decimals: int) -> str:
    """A value's table cell: the number with its provisional mark, or the status word where a confidential or
    not-applicable value has no number, else '' (missing)."""
    if value is None or pd.isna(value):
        return t(f"status.{status}", lang) if isinstance(status, str) and status in NAMED_GAPS else ""
    return fmt_number(float(value), lang, decimals) + mark(status, lang)


def provisional_legend(fig: go.Figure, lang: str, colour: str) -> None:
    """A legend entry (no data drawn) saying that an open marker is a preliminary or estimated value."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=literal(t("marks.provisional", lang)),
                             marker={"symbol": OPEN_SYMBOL, "size": 10, "color": colour,
                                     "line": {"width": 2, "color": colour}}, hoverinfo="skip"))


def zero_ticks(fig: go.Figure, values: Sequence[Any], rows: Sequence[Any], colours: Sequence[str] | str,
               lang: str) -> None:
    """A tick at 0 on each horizontal bar whose value is exactly 0 (`rows`: its y categories), so a zero is seen
    and not taken for a missing value."""
    chosen = [i for i, v in enumerate(values) if v is not None and not pd.isna(v) and float(v) == 0.0]
    if not chosen:
        return
    colour = [colours[i] for i in chosen] if not isinstance(colours, str) else colours
    fig.add_trace(go.Scatter(
        x=[0.0] * len(chosen), y=[rows[i] for i in chosen], mode="markers", showlegend=False,
        hoverinfo="skip", name=literal(t("ranking.zero", lang)),
        marker={**ZERO_TICK, "line": {"width": 4, "color": colour}},
    ))


def tied_ranks(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(rank, tied) of `values`, highest first: equal values share the lowest rank ('min'), NaN has none."""
    rank = values.rank(method="min", ascending=False)
    return rank, (rank.notna() & rank.duplicated(keep=False)).astype(bool)
