"""Lines in reading order → paragraphs, and the normalised text of every page.

Hard-wrapped lines are re-joined: a line continues the paragraph unless the previous one
ends a sentence and this one starts a new item (第X条, 一、, （一）, 1., an indent), or the
font, the column or a clear vertical gap says otherwise. Han characters are joined with
nothing between them, Latin words with one space, and a word hyphenated across lines
between lowercase letters is mended.

Each paragraph remembers where each of its lines sits in the text of its page, so any span
of a paragraph maps back to (page, offset) for highlighting.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from indexer.extract.layout import Box, Line, PageLayout
from indexer.extract.normalize import join_separator

HEADING_RATIO = 1.12

_ITEM_START = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[条章节款部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|"
    r"\d+(?:\.\d+)*[.、．](?!\d)\s*\S|\d+(?:\.\d+)+\s|[①-⑳]|[•·▪■◆●]|附件|注[:：])"
)
_FIELD = re.compile(
    r"^(?:摘\s*要|内容提要|关\s*键\s*词|关键字|中图分类号|文献标[识志]码|文章编号|基金项目|作者简介|收稿日期|"
    r"DOI|Abstract|Key\s*words)\s*[:：]",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^[\u4e00-\u9fa5A-Za-z]{2,8}\s*[:：]")
_CLOSERS = "”’」』》）)】\"'"
_SENTENCE_END = "。！？；：!?;:…"


@dataclass
class Span:
    """Where a run of a paragraph's text sits on a page."""

    offset: int  # in the paragraph text
    page: int
    page_offset: int
    length: int


@dataclass
class Paragraph:
    """A paragraph (or heading) of the file's text, with its layout attributes."""

    text: str
    page: int
    size: float
    heading: bool
    bold: bool
    lines: list[Line] = field(repr=False)
    spans: list[Span] = field(repr=False)

    @property
    def first(self) -> Line:
        return self.lines[0]

    def locate(self, offset: int, end: bool = False) -> tuple[int, int]:
        """(page, page offset) of a character offset in this paragraph's text."""
        starts = [s.offset for s in self.spans]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        span = self.spans[i]
        if end and offset - span.offset <= 0 and i > 0:
            span = self.spans[i - 1]
        within = min(max(offset - span.offset, 0), span.length)
        return span.page, span.page_offset + within


def body_size(pages: list[PageLayout]) -> float:
    """The font size most of the text is set in."""
    weights: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            key = round(line.size * 2) / 2
            weights[key] = weights.get(key, 0) + len(line.text)
    return max(weights, key=weights.__getitem__) if weights else 10.0


def ends_sentence(text: str) -> bool:
    """True when a line ends a sentence (closing quotes and brackets looked through)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def starts_item(text: str) -> bool:
    """True when a line begins a new numbered or bulleted item."""
    return bool(_ITEM_START.match(text.lstrip()))


def is_heading(line: Line, body: float) -> bool:
    """A line set larger (or bold) than the body text and short enough to be a heading."""
    if len(line.text) > 80:
        return False
    return line.size >= body * HEADING_RATIO or (line.bold and len(line.text) <= 40)


def build_paragraphs(pages: list[PageLayout], body: float) -> tuple[list[Paragraph], list[str]]:
    """Paragraphs of the whole file in reading order, and each page's text."""
    paragraphs, texts, _ = build_paragraphs_with_boxes(pages, body)
    return paragraphs, texts


def build_paragraphs_with_boxes(
    pages: list[PageLayout], body: float
) -> tuple[list[Paragraph], list[str], list[list[Box | None]]]:
    """As `build_paragraphs`, plus the box of every character of every page's text.

    Boxes come from the lines' own `boxes`; pages whose lines carry none get empty lists.
    """
    page_boxes: dict[int, list[Box | None]] = {page.number: [] for page in pages}
    page_texts = {page.number: "" for page in pages}
    paragraphs: list[Paragraph] = []
    prev: Line | None = None
    for page in pages:
        for line in page.lines:
            heading = is_heading(line, body)
            new = prev is None or _breaks(prev, line, body, heading)
            sep_page = ""
            text = page_texts[line.page]
            if text:
                sep_page = "\n" if new else join_separator(text, line.text)
            boxes = page_boxes[line.page]
            if not new and _mend_hyphen(paragraphs[-1], line, text):
                text = text[:-1]
                sep_page = ""
                if boxes:
                    boxes.pop()
            page_offset = len(text) + len(sep_page)
            page_texts[line.page] = text + sep_page + line.text
            if line.boxes:
                boxes.extend([None] * len(sep_page))
                boxes.extend(line.boxes)
            if new:
                paragraphs.append(
                    Paragraph(line.text, line.page, line.size, heading, line.bold, [line],
                              [Span(0, line.page, page_offset, len(line.text))])
                )
            else:
                para = paragraphs[-1]
                sep = join_separator(para.text, line.text)
                para.spans.append(Span(len(para.text) + len(sep), line.page, page_offset, len(line.text)))
                para.text += sep + line.text
                para.lines.append(line)
            prev = line
    numbers = [page.number for page in pages]
    return paragraphs, [page_texts[n] for n in numbers], [page_boxes[n] for n in numbers]


def _mend_hyphen(para: Paragraph, line: Line, page_text: str) -> bool:
    """Drop a line-end hyphen between lowercase letters ("infor-" + "mation")."""
    t = para.text
    if len(t) >= 2 and t[-1] == "-" and t[-2].islower() and line.text[:1].islower() and page_text.endswith("-"):
        para.text = t[:-1]
        para.spans[-1].length -= 1
        return True
    return False


def _breaks(prev: Line, line: Line, body: float, heading: bool) -> bool:
    """Does `line` start a new paragraph after `prev`?"""
    prev_heading = is_heading(prev, body)
    if heading or prev_heading:
        same_block = (
            heading and prev_heading and abs(prev.size - line.size) < 0.6 and prev.page == line.page
            and prev.column == line.column and 0 <= line.top - prev.bottom < 1.2 * line.size
        )
        return not same_block
    if abs(prev.size - line.size) >= 0.15 * max(prev.size, line.size):
        return True
    same_flow = prev.page == line.page and prev.column == line.column
    if same_flow and line.top - prev.bottom > 1.1 * line.size:
        return True
    indented = line.x0 - line.col_x0 >= 1.2 * line.size
    if _FIELD.match(line.text) or (indented and _LABEL.match(line.text)):
        return True
    short_prev = prev.x1 < prev.col_x1 - 2.5 * prev.size
    if ends_sentence(prev.text):
        return indented or short_prev or starts_item(line.text)
    ends_early = prev.x1 < prev.col_x1 - 6 * prev.size
    return bool(short_prev and same_flow and (starts_item(line.text) or indented or ends_early))
