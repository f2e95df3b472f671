"""Clean user-typed text on the way in and escape it on the way out to Streamlit's Markdown."""
from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides and isolates can make text read differently from what it is ("Trojan source");
# nobody needs them in a project title.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Every ASCII punctuation character that Markdown, GitHub-flavoured Markdown or Streamlit's own extensions
# (:color[...], :material/icon:, $LaTeX$) give a meaning to; CommonMark lets any of them be backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=\"'^%])")


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Normalise user text: NFC, no control or bidi characters, single spaces; newlines only if multiline."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BIDI_CONTROLS)
    if not multiline:
        text = text.replace("\n", " ")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def escape_markdown(value: object) -> str:
    """Escape text so that st.markdown, st.error and widget labels show it literally, never as markup."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
