"""Issue 14 (network view): the heatmap's column labels must not overlap on a 1366 px laptop. With the demo's
Finnish example network (16 directional indicators) every column is about 28 px wide there; a label wider than
its column runs into its neighbours. Measured from the figure's layout: each tick label's widest line at an
average 7 px per character of plotly's 12 px font must fit its column, and every indicator's full name must be
in the figure (in its column or in the key). The browser walk checks the drawn labels' boxes the same way."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from benchlearn.charts import network
from benchlearn.charts.ranking import ChartText

ROOT = Path(__file__).resolve().parents[1]
# the heatmap's plot area beside the member names and the colour bar, measured in Chromium at 1366 px
LAPTOP_PLOT_PX, CHAR_PX = 440, 7
NETWORK = "fi-over-50000"


def _finnish_directional() -> dict[str, str]:
    """The Finnish example network's directional indicators, code → English name, in the order shipped."""
    meta = pd.read_csv(ROOT / "data" / "demo" / "indicators_fi.csv").set_index("code")
    networks = pd.read_csv(ROOT / "data" / "demo" / "networks.csv").set_index("code")
    codes = networks.loc[NETWORK, "indicators"].split("|")
    return {c: meta.loc[c, "name"] for c in codes if meta.loc[c, "polarity"] != "neutral"}


def _heatmap(names: dict[str, str]) -> dict:
    members = [f"FI-{i:03d}" for i in range(20)]
    matrix = pd.DataFrame([[50.0] * len(names)] * len(members), index=members, columns=list(names))
    hover = matrix.map(str)
    text = ChartText("Percentile", "Network", "Percentile", "", "en")
    return network.percentile_heatmap(matrix, hover, None, {m: m for m in members}, names, text).to_dict()


def _lines(markup: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in markup.split("<br>")]


@pytest.mark.parametrize("count", [1, 2, 4, 16])
def test_the_heatmaps_column_labels_fit_their_columns_on_a_laptop(count: int) -> None:
    names = dict(list(_finnish_directional().items())[:count])
    assert len(names) == count
    figure = _heatmap(names)
    axis = figure["layout"]["xaxis"]
    assert axis.get("tickangle", 0) == 0  # upright, readable labels
    column_px = LAPTOP_PLOT_PX / count
    wide = {label: max(len(line) for line in _lines(label)) * CHAR_PX for label in axis["ticktext"]}
    assert all(px <= column_px for px in wide.values()), (column_px, wide)
    shown = " ".join(" ".join(_lines(label)) for label in axis["ticktext"])
    shown += " " + " ".join(" ".join(_lines(a["text"])) for a in figure["layout"].get("annotations", ()))
    shown = " ".join(shown.split())
    assert all(name in shown for name in names.values()), shown  # every full name, legible


def test_numbered_columns_get_a_key_below_the_plot_that_the_figure_makes_room_for() -> None:
    names = _finnish_directional()
    figure = _heatmap(names)
    keys = [a for a in figure["layout"]["annotations"] if a["text"].startswith("1 = ")]
    assert len(keys) == 1 and keys[0]["yanchor"] == "top" and keys[0]["y"] <= 0
    lines = len(keys[0]["text"].split("<br>"))
    assert lines >= len(names) and figure["layout"]["margin"]["b"] >= 17 * lines  # the key is not cut off
