"""Similar municipalities: the match score of each nearest neighbour, the chosen municipality on top.

Input is the frame of `benchlearn.api.analyst.similar` (entity_code, entity_name, distance, match): the chosen
municipality first (match 100), then its neighbours, nearest first. `match` = 100 × (1 − distance), distances
rebased so the least similar municipality of the whole comparison set is 0 (compare.neighbours). The chosen
municipality is drawn in the highlight colour, outlined and marked.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from benchlearn.charts.common import HIGHLIGHT
from benchlearn.charts.marks import tied_ranks, zero_ticks
from benchlearn.charts.ranking import MARK, ChartText, separators
from benchlearn.charts.text import literal
from benchlearn.compare import rank_label
from benchlearn.i18n import fmt_number

NEIGHBOUR_COLOUR = "#8fa9d1"


def match_ranks(frame: pd.DataFrame) -> list[str]:
    """'➤' for the chosen municipality (first), then each neighbour's rank by match, a shared one as '=2'."""
    rank, tied = tied_ranks(frame["match"].iloc[1:].reset_index(drop=True))
    return ["➤", *[rank_label(r, t) for r, t in zip(rank, tied, strict=True)]]


def match_bars(frame: pd.DataFrame, entity: str, text: ChartText, flags: list[str] | None = None) -> go.Figure:
    """Horizontal bars of the match score (0–100), the chosen municipality highlighted and marked ➤; a shared
    rank written '#=2' on its bar, a match of 0 drawn as a tick, and `flags` (one per row: the marks of the
    preliminary or estimated values the similarity rests on, `marks.flag`) after the score."""
    codes, scores = frame["entity_code"].tolist(), frame["match"].tolist()
    names = [MARK + literal(n) if c == entity else literal(n) for c, n in zip(codes, frame["entity_name"], strict=True)]
    hover = [f"{n} · {fmt_number(s, text.lang, 1)} · d = {fmt_number(d, text.lang, 3)}"
             for n, s, d in zip(names, scores, frame["distance"], strict=True)]
    ranks, flags = match_ranks(frame), flags or [""] * len(codes)
    labels = [" ".join(part for part in (f"#{r}" if r.startswith("=") else "", fmt_number(s, text.lang, 1),
                                         literal(f)) if part)
              for r, s, f in zip(ranks, scores, flags, strict=True)]
    fig = go.Figure(go.Bar(
        x=scores, y=codes, orientation="h", name=text.axis,
        marker_color=[HIGHLIGHT if code == entity else NEIGHBOUR_COLOUR for code in codes],
        marker_line_color=HIGHLIGHT, marker_line_width=[3 if code == entity else 0 for code in codes],
        text=labels, textposition="outside", cliponaxis=False,
        customdata=list(zip(codes, hover, strict=True)), hovertemplate="%{customdata[1]}<extra></extra>",
    ))
    # the least similar municipality of the comparison set has a match of 0: a bar of no length, so a tick
    zero_ticks(fig, scores, codes, NEIGHBOUR_COLOUR, text.lang)
    fig.update_yaxes(categoryorder="array", categoryarray=codes, autorange="reversed", tickvals=codes,
                     ticktext=names, title=None)
    fig.update_xaxes(title=text.axis, range=[-2, 112])
    fig.update_layout(
        title={"text": text.title, "subtitle": {"text": text.subtitle}}, separators=separators(text.lang),
        height=max(300, 28 * len(codes) + 150), showlegend=False, margin={"l": 10, "r": 40, "t": 90, "b": 40},
    )
    return fig
