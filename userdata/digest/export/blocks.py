"""A digest flattened into the paragraphs every format prints, in reading order.

Each writer maps a paragraph's `kind` to its own styles, so the four formats print the same
words in the same order: the cover (title, 期号, 编者/单位/日期), section headings numbered
一、 （一） 1. （1）, commentaries labelled 【编者按】, quotations ending with their citation
``[n]`` and page, each followed by its notes labelled 【解读·立场】 with author and date, figures
(a `FIGURE` paragraph holding the picture, then its `CAPTION` 图N …), and the numbered reference list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from userdata.digest.document import Commentary, DigestDocument, Figure, NoteBlock, Quotation
from userdata.digest.export import richtext
from userdata.digest.export.richtext import Span

TITLE, ISSUE, META = "title", "issue", "meta"
HEADING, COMMENTARY, QUOTE, NOTE = "heading", "commentary", "quote", "note"
FIGURE, CAPTION = "figure", "caption"
REFS_HEADING, REFERENCE = "refs-heading", "reference"

REFS_TITLE = "参考文献"


@dataclass(frozen=True)
class Para:
    """One printed paragraph.

    `group` numbers the block it belongs to (a quotation, a note, a commentary), so writers can
    wrap a block's paragraphs together; `first` marks a block's first paragraph. `tail` is text
    set flush right on the same line (the date on the cover line).
    """

    kind: str
    spans: tuple[Span, ...]
    level: int = 0
    group: int = 0
    first: bool = True
    marker: str = ""
    tail: str = ""
    #: A `FIGURE` paragraph's picture (PNG); it has no words.
    image: bytes = field(default=b"", repr=False)

    @property
    def text(self) -> str:
        """The paragraph's words, as they are printed."""
        return "".join(s.text for s in self.spans)


def paragraphs(document: DigestDocument) -> list[Para]:
    """Every paragraph of `document`, in reading order."""
    out = _cover(document)
    group = 0
    counters = [0, 0, 0, 0]
    for section in document.sections:
        if section.heading.strip():
            out.append(_heading(section.heading.strip(), section.level, counters))
        for block in section.blocks:
            group += 1
            if isinstance(block, Quotation):
                out += _quotation(block, group)
                for note in block.notes:
                    group += 1
                    out += _note(note, group)
            elif isinstance(block, Commentary):
                out += _rich(COMMENTARY, "【编者按】", block.body_html, block.body_text, "", group)
            elif isinstance(block, Figure):
                out.append(Para(FIGURE, (), group=group, image=block.image))
                out.append(Para(CAPTION, (Span(caption(block)),), group=group, first=False))
    if document.references:
        out.append(Para(REFS_HEADING, (Span(REFS_TITLE),)))
        for n, entry in enumerate(document.references, 1):
            out.append(Para(REFERENCE, (Span(f"[{n}] "), Span(entry.strip())), group=group + n))
    return out


def caption(figure: Figure) -> str:
    """A figure's caption as printed: 图1　文献的年份分布."""
    return f"图{figure.number}　{figure.caption.strip()}".rstrip()


def png_size(image: bytes) -> tuple[int, int]:
    """The width and height in pixels of a PNG (from its IHDR chunk); (0, 0) if it is not one."""
    if len(image) < 24 or not image.startswith(b"\x89PNG\r\n\x1a\n"):
        return 0, 0
    return int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")


def cn_date(iso: str) -> str:
    """``2025-11-05`` as ``2025年11月5日`` (公文 style); anything else unchanged."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", iso.strip())
    if not match:
        return iso.strip()
    y, m, d = match.groups()
    return f"{y}年{int(m)}月{int(d)}日"


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (larger numbers as Arabic digits)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


_NUMBERED = re.compile(r"^([一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\(\w+\)|\d+[.．、]|（\d+）)")


def numbered(heading: str, level: int, n: int) -> str:
    """`heading` with its 公文 number for `level` (一、 （一） 1. （1）) unless it has one already."""
    if _NUMBERED.match(heading):
        return heading
    prefix = {1: f"{cn_number(n)}、", 2: f"（{cn_number(n)}）", 3: f"{n}."}.get(level, f"（{n}）")
    return prefix + heading


def _heading(text: str, level: int, counters: list[int]) -> Para:
    level = min(max(level, 1), 4)
    counters[level - 1] += 1
    for i in range(level, len(counters)):
        counters[i] = 0
    return Para(HEADING, (Span(numbered(text, level, counters[level - 1])),), level=level)


def _cover(document: DigestDocument) -> list[Para]:
    cover = document.cover
    out = [Para(TITLE, (Span(cover.title.strip() or "专题摘编"),))]
    if cover.issue.strip():
        out.append(Para(ISSUE, (Span(cover.issue.strip()),)))
    who = [f"编者：{cover.compiler.strip()}" if cover.compiler.strip() else "", cover.organisation.strip()]
    left = "　　".join(w for w in who if w)
    if left or cover.date.strip():
        out.append(Para(META, (Span(left),), tail=cn_date(cover.date)))
    return out


def _quotation(quote: Quotation, group: int) -> list[Para]:
    lines = [line.strip() for line in quote.text.splitlines() if line.strip()] or [""]
    lead = []
    if quote.mark.strip():
        lead.append(Span(f"【{quote.mark.strip()}】", label=True))
    if quote.is_abstract:
        lead.append(Span("【摘要】", label=True))
    source = f"《{quote.doc_title.strip()}》，" if quote.doc_title.strip() else ""
    tail = [Span(f"[{quote.citation}]", sup=True), Span(f"（{source}第{quote.page}页）")]
    out = []
    for i, line in enumerate(lines):
        spans = (lead if i == 0 else []) + [Span(line)] + (tail if i == len(lines) - 1 else [])
        out.append(Para(QUOTE, tuple(spans), group=group, first=i == 0))
    return out


def _note(note: NoteBlock, group: int) -> list[Para]:
    label = f"【解读·{note.stance.strip()}】" if note.stance.strip() else "【解读】"
    who = "，".join(x for x in (note.author.strip(), cn_date(note.date)) if x)
    tags = "、".join(t.strip() for t in note.tags if t.strip())
    meta = "；".join(x for x in (who, f"标签：{tags}" if tags else "") if x)
    return _rich(NOTE, label, note.body_html, note.body_text, f"（{meta}）" if meta else "", group)


def _rich(kind: str, label: str, body_html: str, body_text: str, tail: str, group: int) -> list[Para]:
    """A labelled block of rich text: the label opens its first paragraph, `tail` closes the last."""
    paras = richtext.parse(body_html, body_text) or [richtext.RichPara(())]
    out = []
    for i, para in enumerate(paras):
        spans = list(para.spans)
        if i == 0 and not para.marker:
            spans.insert(0, Span(label, label=True))
        if i == len(paras) - 1 and tail:
            spans.append(Span(tail))
        out.append(Para(kind, tuple(spans), group=group, first=i == 0, marker=para.marker))
    if paras[0].marker:  # a note that starts with a list: the label gets its own line
        out.insert(0, Para(kind, (Span(label, label=True),), group=group))
        out[1] = Para(kind, out[1].spans, group=group, first=False, marker=out[1].marker)
    return out
