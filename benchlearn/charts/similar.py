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
from benchlearn.charts.ranking import MARK, ChartText, separators
from benchlearn.charts.text import literal
from benchlearn.i18n import fmt_number

NEIGHBOUR_COLOUR = "#8fa9d1"


def match_bars(frame: pd.DataFrame, entity: str, text: ChartText) -> go.Figure:
    """Horizontal bars of the match score (0–100), the chosen municipality highlighted and marked ➤."""
    codes, scores = frame["entity_code"].tolist(), frame["match"].tolist()
    names = [MARK + literal(n) if c == entity else literal(n) for c, n in zip(codes, frame["entity_name"], strict=True)]
    hover = [f"{n} · {fmt_number(s, text.lang, 1)} · d = {fmt_number(d, text.lang, 3)}"
             for n, s, d in zip(names, scores, frame["distance"], strict=True)]
    fig = go.Figure(go.Bar(
        x=scores, y=codes, orientation="h", name=text.axis,
        marker_color=[HIGHLIGHT if code == entity else NEIGHBOUR_COLOUR for code in codes],
        marker_line_color=HIGHLIGHT, marker_line_width=[3 if code == entity else 0 for code in codes],
        text=[fmt_number(s, text.lang, 1) for s in scores], textposition="outside", cliponaxis=False,
        customdata=list(zip(codes, hover, strict=True)), hovertemplate="%{customdata[1]}<extra></extra>",
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=codes, autorange="reversed", tickvals=codes,
                     ticktext=names, title=None)
    fig.update_xaxes(title=text.axis, range=[0, 108])
    fig.update_layout(
        title={"text": text.title, "subtitle": {"text": text.subtitle}}, separators=separators(text.lang),
        height=max(300, 28 * len(codes) + 150), showlegend=False, margin={"l": 10, "r": 40, "t": 90, "b": 40},
    )
    return fig
