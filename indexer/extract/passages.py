"""Cutting a document's paragraphs into passages of 150–600 characters.

Passages are the unit Hanlin indexes and ranks. They are cut on paragraph boundaries
first, then on sentence boundaries (。！？；), and inside a sentence only when one sentence
alone is longer than the maximum. Headings stay with the text that follows them. Each
passage records the page and the offset on that page where it starts and ends, in the
normalised page text, so it can be highlighted in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from indexer.extract.flow import Paragraph
from indexer.extract.model import Passage

MIN_CHARS = 150
MAX_CHARS = 600
_SENTENCE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)")
_SOFT_BREAK = re.compile(r"[，、：,:\s]")


@dataclass
class _Unit:
    para: int
    start: int
    end: int
    para_end: bool
    heading: bool

    @property
    def size(self) -> int:
        return self.end - self.start


def cut_passages(paragraphs: list[Paragraph]) -> list[Passage]:
    """The passages of one document's body paragraphs, in reading order."""
    units = list(_units(paragraphs))
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and size + unit.size > MAX_CHARS:
            cut = _best_cut(current)
            groups.append(current[:cut])
            current = current[cut:]
            size = sum(u.size for u in current)
            if current and size + unit.size > MAX_CHARS:
                groups.append(current)
                current, size = [], 0
        current.append(unit)
        size += unit.size
        if unit.para_end and not unit.heading and size >= 2 * MIN_CHARS:
            groups.append(current)
            current, size = [], 0
    if current:
        if groups and size < MIN_CHARS and sum(u.size for u in groups[-1]) + size <= MAX_CHARS:
            groups[-1].extend(current)
        else:
            groups.append(current)
    return [_passage(paragraphs, group) for group in groups if group]


def _best_cut(units: list[_Unit]) -> int:
    """Where to end a full passage: the last paragraph end leaving ≥ MIN_CHARS, else all of it."""
    size = 0
    best = len(units)
    for i, unit in enumerate(units, 1):
        size += unit.size
        if unit.para_end and not unit.heading and size >= MIN_CHARS and i < len(units):
            best = i
    return best


def _units(paragraphs: list[Paragraph]) -> Iterator[_Unit]:
    for n, para in enumerate(paragraphs):
        text = para.text
        if para.heading or len(text) <= MAX_CHARS:
            if text.strip():
                yield _Unit(n, 0, len(text), True, para.heading)
            continue
        pieces = [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
        for i, (start, end) in enumerate(pieces):
            last = i == len(pieces) - 1
            for a, b in _hard_split(text, start, end):
                yield _Unit(n, a, b, last and b == end, False)


def _hard_split(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence longer than MAX_CHARS is cut at a comma or space near the limit."""
    while end - start > MAX_CHARS:
        window = text[start + MAX_CHARS // 2:start + MAX_CHARS]
        soft = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + MAX_CHARS // 2 + soft[-1] if soft else start + MAX_CHARS
        yield start, cut
        start = cut
    yield start, end


def _passage(paragraphs: list[Paragraph], units: list[_Unit]) -> Passage:
    parts: list[str] = []
    last_para = None
    for unit in units:
        if last_para is not None and unit.para != last_para:
            parts.append("\n")
        parts.append(paragraphs[unit.para].text[unit.start:unit.end])
        last_para = unit.para
    first, last = units[0], units[-1]
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    page, start = paragraphs[first.para].locate(first.start + lead)
    end_page, end = paragraphs[last.para].locate(last.end - trail, end=True)
    return Passage(page=page, text=text.strip(), start=start, end=end, end_page=end_page)
