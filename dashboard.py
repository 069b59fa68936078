"""Benchlearn's entry point: page config, navigation over pages/, and a guard that keeps tracebacks server-side.

`streamlit run dashboard.py` finds `app` below and serves the dashboard as an ASGI app (`st.App`), so the
browser cookie a login is kept under can be set by our middleware (benchlearn.server); every script run
then executes this file as `__main__`.
"""

from __future__ import annotations

import streamlit as st

if __name__ == "__main__":  # a script run: the page
    from benchlearn.ui.navigation import run

    st.set_page_config(page_title="Benchlearn", page_icon="📊", layout="wide")
    run()
else:  # imported by the server (`streamlit run` or uvicorn): the HTTP side
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from benchlearn import glyphs
    from benchlearn.server import BrowserCookie

    # the map labels' font glyphs, served here so a map needs nothing from the internet (benchlearn.glyphs);
    # drawn once in the background at start, so the first map's labels do not wait for them
    glyphs.warm_in_background()
    app = st.App("dashboard.py", middleware=[Middleware(BrowserCookie)],
                 routes=[Route(glyphs.GLYPH_ROUTE, glyphs.endpoint, methods=["GET"])])
