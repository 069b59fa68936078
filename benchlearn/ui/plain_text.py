"""User text inside Streamlit markdown: escaped, so a file or user name is shown as written, never as markup.

Streamlit renders message strings as markdown (HTML stays off: unsafe_allow_html is never used). A name
such as `**x**` or `[a](javascript:…)` from an uploaded file would still become bold text or a link, so
every piece of user text put into a message goes through `plain()` first.

Backslashes do not stop GitHub-flavoured markdown's autolinks: after the escapes are read, the renderer
looks for `http://`, `https://`, `www.` and e-mail addresses in the text itself and makes them links. A word
joiner (U+2060, invisible and never a line break) put inside each of those patterns makes the text stop
matching, so an address in a name is shown, not linked.
"""

from __future__ import annotations

import re

# every ASCII punctuation character markdown may treat as syntax; a backslash makes it literal
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
# where the autolink patterns start: a scheme before its ':', 'www' before its '.', the '@' of an address
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` with markdown syntax escaped, no autolink left in it, and line breaks as spaces (one paragraph)."""
    unlinked = _AUTOLINK.sub(WORD_JOINER, " ".join(str(text).split()))
    return _MARKDOWN.sub(r"\\\1", unlinked)
