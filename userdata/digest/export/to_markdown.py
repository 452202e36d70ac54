"""The digest as CommonMark: quotations as block quotes, notes labelled, references numbered.

Text is backslash-escaped so that nothing in a passage or note turns into markup. Emphasis uses
``**``/``*``; where CommonMark's flanking rules would not let it close next to Chinese punctuation
(``**【解读·支持】**正文`` does not parse) the punctuation at its ends stays outside
(``【**解读·支持**】正文``), and only what is nothing but punctuation falls back to ``<b>``/``<i>``.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from itertools import groupby
from pathlib import Path

from userdata.digest.document import DigestDocument
from userdata.digest.export import blocks
from userdata.digest.export.atomic import replacing
from userdata.digest.export.richtext import Span

#: Characters that are markup anywhere; "(" after "]" is covered by escaping the brackets.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&])")
#: Punctuation that may stand outside emphasis when CommonMark would not close it around (see `_wrap`).
_EDGE = "【】〔〕［］（）《》〈〉「」『』“”‘’\"'()[]<>，。、；：！？,.;:!?…—·"
#: What is markup only at the start of a line: headings, list items, setext underlines, quotes.
_LINE_START = re.compile(r"^([ \t]*)([#+\-=]|\d{1,9}(?=[.)]))", re.MULTILINE)


def write(document: DigestDocument, path: Path) -> None:
    """Write `document` as a Markdown file to `path`."""
    text = render(document)
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def render(document: DigestDocument) -> str:
    """The whole Markdown document as a string."""
    out: list[str] = []
    mark = document.cover.mark.strip()
    if mark:
        out.append(f"**{escape(mark)}**")
    for (kind, _group), members in groupby(blocks.paragraphs(document), key=lambda p: (p.kind, p.group)):
        out.append(_block(kind, list(members)))
    return "\n\n".join(x for x in out if x) + "\n"


def escape(text: str) -> str:
    """`text` with every character that could be Markdown markup backslash-escaped."""
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_start, text)


def _escape_start(match: re.Match[str]) -> str:
    lead, what = match.groups()
    if what[0].isdigit():  # "1." or "2)" opening a line would start a numbered list
        return f"{lead}{what}\\"
    return f"{lead}\\{what}"


def _block(kind: str, members: list[blocks.Para]) -> str:
    first = members[0]
    if kind == blocks.TITLE:
        return "# " + _inline(first.spans)
    if kind in (blocks.ISSUE, blocks.META):
        text = _inline(first.spans)
        return "　".join(x for x in (text, escape(first.tail)) if x)
    if kind == blocks.HEADING:
        return "#" * (min(first.level, 4) + 1) + " " + _inline(first.spans)
    if kind == blocks.REFS_HEADING:
        return "## " + _inline(first.spans)
    if kind == blocks.FIGURE:  # the picture inline, as a data URI: the file stays one file
        return "![](data:image/png;base64," + base64.b64encode(first.image).decode("ascii") + ")"
    lines = _lines(members)
    if kind == blocks.QUOTE:
        return "\n".join("> " + line if line else ">" for line in lines)
    return "\n".join(lines)


def _lines(members: list[blocks.Para]) -> list[str]:
    """Paragraphs separated by blank lines; list items one per line."""
    lines: list[str] = []
    for i, para in enumerate(members):
        if i and not (para.marker and members[i - 1].marker):
            lines.append("")
        text = _inline(para.spans)
        if para.marker:
            marker = "-" if not para.marker[:1].isdigit() else para.marker.rstrip(".") + "."
            text = f"{marker} {text}"
        lines += text.split("\n")
    return lines


def _inline(spans: tuple[Span, ...]) -> str:
    out = []
    for i, span in enumerate(spans):
        before = spans[i - 1].text[-1:] if i else ""
        after = spans[i + 1].text[:1] if i + 1 < len(spans) else ""
        out.append(_span(span, before, after))
    text = "".join(out)
    return text.replace("\n", "\\\n")


def _span(span: Span, before: str, after: str) -> str:
    text = escape(span.text)
    if span.sup:
        return text  # "\[3\]" reads as a citation in plain text and when rendered
    if span.label:
        return _wrap(text, span.text, "**", "b", before, after)
    if span.underline:
        text = f"<u>{text}</u>"
    if span.italic:
        text = _wrap(text, span.text, "*", "i", before, after)
    if span.bold:
        text = _wrap(text, span.text, "**", "b", before, after)
    return text


def _wrap(text: str, raw: str, delim: str, tag: str, before: str, after: str) -> str:
    """`text` emphasised with `delim` where CommonMark parses it: whole, or without the punctuation and
    spaces at its ends (【**解读**】正文); an HTML tag only when nothing but those is left."""
    if _parses(raw, before, after):
        return f"{delim}{text}{delim}"
    core = raw.strip().strip(_EDGE)
    if core:
        start = raw.index(core)
        lead, tail = raw[:start], raw[start + len(core):]
        if _parses(core, lead[-1:] or before, tail[:1] or after):
            return f"{escape(lead)}{delim}{escape(core)}{delim}{escape(tail)}"
    return f"<{tag}>{text}</{tag}>"


def _parses(raw: str, before: str, after: str) -> bool:
    """Whether ``delim + raw + delim`` between `before` and `after` is emphasis to CommonMark."""
    return bool(raw) and raw.strip() == raw and _opens(raw[0], before) and _closes(raw[-1], after)


def _opens(first: str, before: str) -> bool:
    """A left-flanking delimiter: not followed by punctuation unless preceded by space/punctuation."""
    return not _punct(first) or not before or before.isspace() or _punct(before)


def _closes(last: str, after: str) -> bool:
    """A right-flanking delimiter: not preceded by punctuation unless followed by space/punctuation."""
    return not _punct(last) or not after or after.isspace() or _punct(after)


def _punct(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"
