"""The open-data package as one zip for the admin page's download (issue 16.6): the same Data Package as
`python -m benchlearn export --to DIR` (benchlearn.api.open_data), for admins only."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from benchlearn.api import sessions
from benchlearn.api.open_data import export_package
from benchlearn.auth import Identity
from benchlearn.model import Role
from benchlearn.store import Store


def package_zip(store: Store, identity: Identity | None) -> bytes:
    """The Data Package (datapackage.json, CSV files, Parquet copies) zipped; PermissionDenied unless admin."""
    sessions.authorise(store, identity, Role.ADMIN, "download the open data package")
    with tempfile.TemporaryDirectory(prefix="benchlearn-open-data-") as folder:
        export_package(store, folder)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()
