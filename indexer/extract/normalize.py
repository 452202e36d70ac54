"""The one text normalisation Hanlin applies, once, at ingestion.

It works character by character on the glyphs pdfplumber reports, before any text is
assembled, so every offset Hanlin stores refers to the normalised text and nothing
downstream ever renormalises. It keeps Chinese punctuation as printed (，。；：？！（）
“” 《》〔〕 stay full-width) and only folds what would split one word into two spellings:

- full-width ASCII letters and digits (Ａ１) → ASCII; the ideographic space → a space;
- Kangxi radicals and CJK compatibility ideographs (⼈, 﨑) → the unified ideograph they
  stand for (their NFKC form, always one character);
- ligatures (ﬁ) → their letters;
- control, format and private-use characters and unmapped glyphs (``(cid:12)``) → removed,
  and counted so the page can be flagged as having an unusable text layer.

See docs/extraction.md for the reasons behind each rule.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_KEEP_AS_IS = set("，。；：？！（）［］｛｝〔〕【】《》〈〉“”‘’、—…·～％＋－＝＜＞｜／＼＊＆＃＠＄＾＿｀")


@lru_cache(maxsize=8192)
def normalize_glyph(text: str) -> str:
    """The normalised form of one glyph's text ('' when it carries no usable text)."""
    if not text or text.startswith("(cid:"):
        return ""
    if len(text) == 1:
        return _normalize_char(text)
    return "".join(_normalize_char(c) for c in text)


def _normalize_char(c: str) -> str:
    code = ord(c)
    if c in _KEEP_AS_IS:
        return c
    if c == "\u3000" or c == "\u00a0":
        return " "
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        folded = chr(code - 0xFEE0)
        return folded if folded.isalnum() else c
    if 0x2F00 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF or 0xFB00 <= code <= 0xFB06:
        return unicodedata.normalize("NFKC", c)
    category = unicodedata.category(c)
    if category in ("Cc", "Cf", "Co", "Cs", "Cn"):
        return ""
    return c


def is_unusable_glyph(text: str) -> bool:
    """True for glyphs that mean the text layer is broken: unmapped CIDs, private use, controls."""
    if text.startswith("(cid:"):
        return True
    if len(text) != 1:
        return False
    code = ord(text)
    if 0x2E80 <= code <= 0x2EFF:  # CJK radicals supplement: a broken ToUnicode map
        return True
    return unicodedata.category(text) in ("Cc", "Co", "Cs", "Cn") and text not in "\t\n\r"


def is_cjk(c: str) -> bool:
    """True for Han characters and CJK/full-width punctuation (no spaces around them)."""
    code = ord(c)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2E80 <= code <= 0x2FDF
        or c in "“”‘’—…·"
    )


def is_han(c: str) -> bool:
    """True for Han ideographs only (`HAN_CLASS`)."""
    code = ord(c)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3134F


#: `is_han` as a regular-expression character class.
HAN_CLASS = "[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f]"


def join_separator(left: str, right: str) -> str:
    """What goes between two pieces of text joined on one line or across a line break."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a.isspace() or b.isspace() or is_cjk(a) or is_cjk(b):
        return ""
    return " "
