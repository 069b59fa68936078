"""The DuckDB indicator store: schema and migrations, a sandboxed connection, reads, and lossless writes."""

from benchlearn.store.connection import Cursor, Discard, Store, default_path, is_server_address, open_store

__all__ = ["Cursor", "Discard", "Store", "default_path", "is_server_address", "open_store"]
