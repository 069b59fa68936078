"""The cluster's proxy configuration (issue 17), on Debian's nginx in front of two small HTTP servers standing in
for the workers: new browsers are dealt out evenly, a route cookie keeps a browser on its worker, and a worker that
stops answering hands its browsers to the other, whose name the cookie then carries."""

from __future__ import annotations

import collections
import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import free_port
from pg_support import require_nginx

from benchlearn.cluster import proxy


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 — the standard library's name
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        """Quiet: the test reads headers, not logs."""


def _serve() -> tuple[http.server.ThreadingHTTPServer, int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture
def front(tmp_path: Path) -> Iterator[tuple[str, dict[int, http.server.ThreadingHTTPServer]]]:
    """nginx with the cluster's configuration over two answering servers: (its address, the servers by port)."""
    require_nginx()
    servers = dict(_serve()[::-1] for _ in range(2))
    port = free_port()
    nginx = proxy.start(tmp_path / "proxy", port, sorted(servers), "127.0.0.1")
    url = f"http://127.0.0.1:{port}/x"
    try:
        for _ in range(100):  # nginx listens within a moment of starting
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url, servers
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        for server in servers.values():
            server.shutdown()


def _get(url: str, route: str | None = None) -> tuple[int, str]:
    """(the port of the worker that answered, the route cookie the proxy set)."""
    headers = {"Cookie": f"{proxy.ROUTE_COOKIE}={route}"} if route else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
        return int(response.headers[proxy.WORKER_HEADER].rsplit(":", 1)[1]), response.headers["Set-Cookie"]


def test_new_browsers_are_dealt_out_evenly_and_stay_on_their_worker(front: tuple[str, dict]) -> None:
    url, servers = front
    seen = [_get(url) for _ in range(50)]
    assert collections.Counter(port for port, _ in seen) == {port: 25 for port in servers}
    for port, cookie in seen:
        assert cookie.startswith(f"{proxy.ROUTE_COOKIE}={proxy.route(port)};") and "HttpOnly" in cookie
    for port in servers:
        assert {_get(url, proxy.route(port))[0] for _ in range(10)} == {port}
    assert _get(url, "w1")[0] in servers  # a cookie of no worker here (an older cluster's) is a new browser


def test_a_stopped_worker_hands_its_browsers_to_the_other_and_the_cookie_follows(front: tuple[str, dict]) -> None:
    url, servers = front
    gone, other = sorted(servers)
    servers[gone].shutdown()
    servers[gone].server_close()
    port, cookie = _get(url, proxy.route(gone))
    assert port == other and cookie.startswith(f"{proxy.ROUTE_COOKIE}={proxy.route(other)};")
    assert {_get(url)[0] for _ in range(6)} == {other}  # and new browsers go to the one that answers
