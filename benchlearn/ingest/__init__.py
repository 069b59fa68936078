"""Ingestion: bytes of an upload → a validated canonical frame, or every problem with its row and column.

The caller (the api, with what the store knows in a `Reference`) calls `parse`. Readers of other formats
feed `parse_rows` (see benchlearn/ingest/pipeline.py).
"""

from benchlearn.ingest.contract import Dialect, IngestOptions, Parsed, Reference, Rows
from benchlearn.ingest.pipeline import parse, parse_rows, read_rows
from benchlearn.ingest.problems import Problems
from benchlearn.ingest.sniffing import header_index
from benchlearn.ingest.splitting import rows_from_lists

__all__ = ["Dialect", "IngestOptions", "Parsed", "Problems", "Reference", "Rows", "header_index", "parse",
           "parse_rows", "read_rows", "rows_from_lists"]
