"""Foreign formats → the canonical frame: the statistics portals' CSV, JSON-stat, PC-Axis, SDMX, Eurostat, Kolada.

A reader (one module per format) transcribes a file into a SourceTable; `mapping.apply` decides, with the
mapping file, the saved mapping and what it can detect, which dimension is the entity, the period and the
indicator, and turns the table into the canonical frame that the ordinary values ingest validates.
"""

from benchlearn.sources.detect import FORMATS, detect, read_source
from benchlearn.sources.table import Dimension, SourceTable

__all__ = ["FORMATS", "Dimension", "SourceTable", "detect", "read_source"]
