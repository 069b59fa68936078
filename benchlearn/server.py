"""The HTTP side of the dashboard: the browser cookie a login is kept under (no Streamlit, no SQL).

Streamlit 1.67 sends a page's widgets over a WebSocket, so a script cannot set a cookie, and a cookie written
by JavaScript cannot be HttpOnly. What Streamlit supports is an ASGI app (`st.App`) with our own middleware:
`dashboard.py` serves itself through one, and this middleware gives each browser that has none an opaque
random token (256 bits) on the page's HTML response — HttpOnly (no script can read it), SameSite=Lax (no
other site's page or WebSocket carries it), Path=/, no expiry date (it ends with the browser), and Secure with
the `__Host-` prefix when the page is served over HTTPS (no sibling host can set it). Pages read it from
`st.context.cookies`; the token carries no identity: a login binds it server-side
(`benchlearn.api.browser_sessions`), so logout, expiry and account changes end it on the server.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Mapping
from http.cookies import SimpleCookie
from typing import Any

COOKIE = "benchlearn_browser"
SECURE_COOKIE = f"__Host-{COOKIE}"  # the name under HTTPS: Secure, Path=/, no Domain
Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


def browser_token(cookies: Mapping[str, str]) -> str | None:
    """The browser's token among a request's cookies (the HTTPS form first), or None."""
    return cookies.get(SECURE_COOKIE) or cookies.get(COOKIE) or None


def set_cookie_header(secure: bool, token: str | None = None) -> bytes:
    """A Set-Cookie header value giving the browser a fresh token (`token` or a new random one)."""
    value = token or secrets.token_urlsafe(32)
    if secure:
        return f"{SECURE_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Secure".encode("ascii")
    return f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax".encode("ascii")


def _request_cookies(scope: Scope) -> dict[str, str]:
    header = b"; ".join(v for k, v in scope.get("headers") or [] if k == b"cookie")
    parsed: SimpleCookie = SimpleCookie()
    try:
        parsed.load(header.decode("latin-1"))
    except Exception:  # noqa: BLE001 — a malformed Cookie header is treated as no cookie, never an error
        return {}
    return {name: morsel.value for name, morsel in parsed.items()}


class BrowserCookie:
    """ASGI middleware: a page (HTML) response to a browser without a token sets one; nothing else changes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        """Pass the request on; add the Set-Cookie header to an HTML response when the browser has no token."""
        if scope["type"] != "http" or browser_token(_request_cookies(scope)):
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    message = {**message, "headers": [*headers, (b"set-cookie", set_cookie_header(secure))]}
            await send(message)

        await self.app(scope, receive, sending)
