"""Plotly figure builders: DataFrame in, Figure out; one module per family of charts, re-exported here."""

from benchlearn.charts.common import BAND_COLOURS, HIGHLIGHT, coverage_heatmap

__all__ = ["BAND_COLOURS", "HIGHLIGHT", "coverage_heatmap"]
