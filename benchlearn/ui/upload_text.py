"""User text inside Streamlit markdown: escaped, so a file or user name is shown as written, never as markup.

Streamlit renders message strings as markdown (HTML stays off: unsafe_allow_html is never used). A name
such as `**x**` or `[a](javascript:…)` from an uploaded file would still become bold text or a link, so
every piece of user text put into a message goes through `plain()` first.
"""

from __future__ import annotations

import re

# every ASCII punctuation character markdown may treat as syntax; a backslash makes it literal
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """`text` with markdown syntax escaped, and line breaks as spaces (a message is one paragraph)."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))
