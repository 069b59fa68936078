"""The file uploader in the page's language: Streamlit 1.67 writes its own "Upload", "200MB per file" and
"Drag and drop a file here" in English, with no parameter or locale option to change them (streamlit issue
#13500, open). A static style sheet hides those words and shows ours in their place.

The style sheet holds our catalogue's words only, never user data (no file name, no cell): it goes in through
`st.html` (a style-only fragment, no unsafe_allow_html), each word escaped as a CSS string.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from benchlearn.ui import PageContext

_ZONE = '[data-testid="stFileUploaderDropzone"]'
_HINT = '[data-testid="stFileUploaderDropzoneInstructions"]'
_DRAG = f"{_ZONE} > div:not([data-testid]):not(:has([data-testid]))"


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: quotes, backslashes and line ends escaped, nothing else can break out."""
    escaped = "".join(c if c.isalnum() or c in " .,;:–-•()%" else f"\\{ord(c):06x}" for c in text)
    return f'"{escaped}"'


def dropzone_css(button: str, limit: str, drop: str) -> str:
    """The style sheet putting `button`, `limit` and `drop` in place of Streamlit's English words."""
    return (
        "<style>"
        f"{_ZONE} button [data-testid=\"stMarkdownContainer\"] p {{display: none;}}"
        f"{_ZONE} button [data-testid=\"stMarkdownContainer\"]::after {{content: {css_string(button)};}}"
        f"{_HINT} span {{display: none;}}"
        f"{_HINT} > div::after {{content: {css_string(limit)};}}"
        # the overlay shown while a file is dragged over the zone: a child div holding only its words (the
        # list of chosen files is a child div too, holding elements with test ids)
        f"{_DRAG} span {{display: none;}}"
        f"{_DRAG}::after {{content: {css_string(drop)};}}"
        "</style>"
    )


def file_uploader(ctx: PageContext, label: str, types: Sequence[str], key: str, help: str | None = None,  # noqa: A002
                  ) -> UploadedFile | None:
    """`st.file_uploader` (one file of `types`) whose own words are in the page's language."""
    mb = int(st.get_option("server.maxUploadSize"))
    listed = ", ".join(t.upper() for t in types)
    st.html(dropzone_css(ctx.t("upload.dropzone.button"), ctx.t("upload.dropzone.limit", mb=mb, types=listed),
                         ctx.t("upload.dropzone.drop")))
    return st.file_uploader(label, type=list(types), key=key, help=help)
