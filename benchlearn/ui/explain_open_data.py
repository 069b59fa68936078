"""The admin page's open-data download (issue 16.6): everything public as a Frictionless Data Package zip."""

from __future__ import annotations

from functools import partial

import streamlit as st

from benchlearn.api import open_data_download
from benchlearn.ui import PageContext


def open_data_panel(ctx: PageContext) -> None:
    """What the package holds and never holds, and its download (made when clicked)."""
    st.subheader(ctx.t("admin.open_data.heading"))
    st.write(ctx.t("admin.open_data.explain"))
    st.download_button(ctx.t("admin.open_data.button"), partial(open_data_download.package_zip, ctx.store,
                                                                ctx.identity),
                       file_name="benchlearn-open-data.zip", mime="application/zip", on_click="ignore",
                       key="admin_open_data", icon=":material/dataset:")
