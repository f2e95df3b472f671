"""Clean user-typed text on the way in and escape it on the way out to Streamlit's Markdown."""
from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides and isolates can make text read differently from what it is ("Trojan source"),
# and zero-width characters make two equal-looking titles differ; nobody needs them in a project title.
_INVISIBLE = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f" \
             "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# A lone surrogate (U+D800–DFFF) is half of a broken pair, which a browser can send: it is no character, no
# font or encoder can show it, and UTF-8 refuses it, so it is dropped like the invisible characters above.
_SURROGATES = "\ud800-\udfff"
_DROPPED = dict.fromkeys(map(ord, _INVISIBLE))
_SURROGATE = re.compile(f"[{_SURROGATES}]")
# Unicode's line and paragraph separators break lines in some viewers and not in others: plain newlines.
_SEPARATORS = {0x2028: "\n", 0x2029: "\n", 0x85: "\n"}
# Anything clean_text would change, apart from Unicode normalisation and spacing.
_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + _INVISIBLE + _SURROGATES + "]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Every ASCII punctuation character that Markdown, GitHub-flavoured Markdown or Streamlit's own extensions
# (:color[...], :material/icon:, $LaTeX$) give a meaning to; CommonMark lets any of them be backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=\"'^%])")


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Normalise user text: NFC, no control, bidi or lone surrogate characters, single spaces; newlines only
    if multiline."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub("", "" if value is None else str(value)))
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SEPARATORS).translate(_DROPPED)
    if not multiline:
        text = text.replace("\n", " ")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_cells(values: list[str]) -> list[str]:
    """`clean_text` (line breaks kept) on each cell of a file column; cells needing no cleaning are only
    stripped. One scan of the joined column decides, so a clean 100,000-row column costs milliseconds."""
    joined = "\n".join(values)
    if not _NEEDS_CLEANING.search(joined) and unicodedata.is_normalized("NFC", joined):
        return [v.strip() for v in values]
    return [clean_text(v, multiline=True) for v in values]


def escape_markdown(value: object) -> str:
    """Escape text so that st.markdown, st.error and widget labels show it literally, never as markup."""
    text = "" if value is None else str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
