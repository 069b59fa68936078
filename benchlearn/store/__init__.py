"""The DuckDB indicator store: schema and migrations, a sandboxed connection, reads, and lossless writes."""

from benchlearn.store.connection import Discard, Store, default_path, open_store

__all__ = ["Discard", "Store", "default_path", "open_store"]
