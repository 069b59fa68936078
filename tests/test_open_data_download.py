"""The admin page's open-data download (issue 16.6): the same Data Package as `export --to DIR`, zipped, that
frictionless validates; for admins only (an analyst and a visitor are refused, the refusal audited); never an
account, the audit log, a batch or any other non-public table."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from frictionless import Package
from page_support import dashboard_store
from streamlit.testing.v1 import AppTest
from test_open_data import PRIVATE, PUBLIC
from test_open_data import store as store  # noqa: F401 — the small store with an admin and audit entries

from benchlearn.api import accounts
from benchlearn.api.open_data_download import package_zip
from benchlearn.auth import Identity
from benchlearn.errors import PermissionDenied
from benchlearn.i18n import t
from benchlearn.store import Store

ROOT = Path(__file__).resolve().parents[1]
ADMIN = Identity.issue("secret-admin", "admin", (), None)


def test_the_zip_validates_and_holds_only_the_public_tables(store: Store, tmp_path: Path) -> None:  # noqa: F811
    """Unzipped, frictionless validates it; its files are exactly the public resources; no private word."""
    data = package_zip(store, ADMIN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path / "unzipped")
    assert names == sorted(["datapackage.json", *(f"{n}.csv" for n in PUBLIC), *(f"{n}.parquet" for n in PUBLIC)])
    report = Package(str(tmp_path / "unzipped" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    texts = " ".join((tmp_path / "unzipped" / n).read_text(encoding="utf-8") for n in names if not
                     n.endswith(".parquet"))
    for word in PRIVATE:
        assert word not in texts.lower()
    described = json.loads((tmp_path / "unzipped" / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in described["resources"]}.isdisjoint({"accounts", "audit", "batches", "app_user"})


@pytest.mark.parametrize("who", [None, Identity.issue("reader", "analyst", (), None),
                                 Identity.issue("coord", "coordinator", ("NET",), None)])
def test_only_an_admin_may_download_it(store: Store, who: Identity | None) -> None:  # noqa: F811
    """A visitor, an analyst and a coordinator are refused."""
    if who is not None:
        accounts.add_user(store, who.username, "a-long-password-1", who.role.value, list(who.networks))
    with pytest.raises(PermissionDenied):
        package_zip(store, who)


@pytest.fixture
def shared(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's store with an admin and an analyst."""
    with dashboard_store(app_db, monkeypatch) as opened:
        accounts.add_user(opened, "root", "admin-password-1", "admin")
        accounts.add_user(opened, "reader", "analyst-password-1", "analyst")
        yield opened


def _admin_page(username: str, password: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30).run()
    at = at.switch_page("pages/admin.py").run()
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    return next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form")).click().run()


def test_the_admin_page_offers_the_download_to_admins_only(shared: Store) -> None:
    """Logged in as admin the Open data tab has the button; an analyst gets no admin page and no button."""
    admin = _admin_page("root", "admin-password-1")
    assert not admin.exception
    buttons = [b for b in admin.get("download_button") if b.proto.label == t("admin.open_data.button", "en")]
    assert len(buttons) == 1
    reader = _admin_page("reader", "analyst-password-1")
    assert not reader.exception
    assert not [b for b in reader.get("download_button") if b.proto.label == t("admin.open_data.button", "en")]
