"""The DuckDB indicator store: schema and migrations, a sandboxed connection, reads, and lossless writes."""

from benchlearn.store.connection import Cursor, Discard, Store, default_path, open_store

__all__ = ["Cursor", "Discard", "Store", "default_path", "open_store"]
