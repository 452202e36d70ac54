"""What a digest item quotes of a search hit: the sentences holding the match, without reference marks.

A stored passage is up to 600 characters and may begin with a paper's front matter (关键词…
中图分类号…) or a section heading; a digest quotes what the reader saw instead: the sentence
(or the few adjacent sentences) holding the hit's matched terms, at most `MAX_CHARS` long.
Sentences end at 。！？； (and ! ? ;) with the closing quotes or brackets after them, and at a
line break (a heading is a line of its own). The matched terms are the ``<b>…</b>`` parts of
the hit's highlight.

`strip_reference_marks` takes the source's own citation marks ([1], [2-4], ［3］, ¹²) out of
a quotation: the digest cites the document itself, with its own numbering.
"""

from __future__ import annotations

import html
import re

#: The longest excerpt made of whole sentences; a longer single sentence is cut at its clauses.
MAX_CHARS = 300
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)】》\"']*|\n|$)")
_CLAUSE = re.compile(r"[^，、：:,]*(?:[，、：:,]|$)")
#: Front matter and notes of a paper, never quoted for a hit: 关键词… 中图分类号… 基金项目…
_FRONT = re.compile(r"^\s*[*∗]?\s*(?:关\s*键\s*词|关键字|中图分类号|文献标识码|文章编号|DOI|基金项目|作者简介|收稿日期"
                    r"|通讯作者|引用格式|Key\s*words)", re.IGNORECASE)
_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
_NUMBERS = r"\d{1,3}(?:\s*[-–—~～,，、]\s*\d{1,3})*"
_MARKS = re.compile(rf"\^?\[\s*{_NUMBERS}\s*\]|［\s*{_NUMBERS}\s*］|[¹²³⁰⁴-⁹]+(?:[⁻˒,，]?[¹²³⁰⁴-⁹]+)*")


def matched_terms(highlight: str) -> list[str]:
    """The text a hit's highlight marks (``<b>…</b>``), unescaped, without whitespace, longest first."""
    terms = {re.sub(r"\s+", "", html.unescape(m)) for m in _BOLD.findall(highlight or "")}
    return sorted((t for t in terms if t), key=len, reverse=True)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each non-blank sentence of `text`, in order."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if text[m.start():m.end()].strip()]


def hit_span(text: str, terms: list[str], max_chars: int = MAX_CHARS) -> tuple[int, int] | None:
    """The span of `text` to quote for a hit on `terms`: the sentences holding them, or None if none does.

    The sentence with the most distinct terms (then the most matches) is taken, then its
    neighbours while they add terms it lacks and the whole stays within `max_chars`; front
    matter lines (关键词…, 中图分类号…, 基金项目…) are never taken; a single sentence longer than that is cut to the
    clauses around its first match. Whitespace inside the text does not break a match.
    """
    spans = [(s, e) for s, e in sentence_spans(text) if not _FRONT.match(text[s:e])]
    found = [_terms_in(text[s:e], terms) for s, e in spans]
    if not any(found):
        return None
    best = max(range(len(spans)), key=lambda i: (len(found[i]), _count(text[spans[i][0]:spans[i][1]], terms), -i))
    lo = hi = best
    have = set(found[best])
    while True:
        grown = False
        for k in (lo - 1, hi + 1):
            if 0 <= k < len(spans) and found[k] - have and _length(spans, min(lo, k), max(hi, k)) <= max_chars:
                lo, hi, grown = min(lo, k), max(hi, k), True
                have |= found[k]
        if not grown:
            break
    start, end = spans[lo][0], spans[hi][1]
    if end - start > max_chars:
        start, end = _clauses(text, start, end, terms, max_chars)
    return _trim(text, start, end)


def hit_excerpt(text: str, highlight: str, max_chars: int = MAX_CHARS) -> str:
    """The sentences of `text` holding what `highlight` marks, reference marks removed; all of `text` if none."""
    span = hit_span(text, matched_terms(highlight), max_chars)
    quote = text[span[0]:span[1]] if span else text
    return strip_reference_marks(quote)


def strip_reference_marks(text: str) -> str:
    """`text` without the source's citation marks: [1], [2-4], [1,3], ［3］, ^[5], superscript ¹²."""
    return _MARKS.sub("", text).strip()


def _terms_in(sentence: str, terms: list[str]) -> set[str]:
    squeezed = re.sub(r"\s+", "", sentence)
    return {t for t in terms if t in squeezed}


def _count(sentence: str, terms: list[str]) -> int:
    squeezed = re.sub(r"\s+", "", sentence)
    return sum(squeezed.count(t) for t in terms)


def _length(spans: list[tuple[int, int]], lo: int, hi: int) -> int:
    return spans[hi][1] - spans[lo][0]


def _clauses(text: str, start: int, end: int, terms: list[str], max_chars: int) -> tuple[int, int]:
    """Within one long sentence: the clause holding the first match, widened by clauses up to `max_chars`."""
    clauses = [(start + m.start(), start + m.end()) for m in _CLAUSE.finditer(text[start:end]) if m.end() > m.start()]
    hits = [i for i, (s, e) in enumerate(clauses) if _terms_in(text[s:e], terms)]
    lo = hi = hits[0] if hits else 0
    while True:
        if hi + 1 < len(clauses) and clauses[hi + 1][1] - clauses[lo][0] <= max_chars:
            hi += 1
        elif lo > 0 and clauses[hi][1] - clauses[lo - 1][0] <= max_chars:
            lo -= 1
        else:
            break
    return clauses[lo][0], min(clauses[hi][1], clauses[lo][0] + max_chars)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
