"""Benchlearn's entry point: page config, navigation over pages/, and a guard that keeps tracebacks server-side."""

from __future__ import annotations

import streamlit as st

from benchlearn.ui.navigation import run

st.set_page_config(page_title="Benchlearn", page_icon="📊", layout="wide")
run()
