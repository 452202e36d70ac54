"""Snippets: the part of a passage that best shows why it matched, with the matches marked.

Done from the stored text and the query's terms, without the search engine: matching
happens on folded text without whitespace (as the index sees it), so a traditional
passage, a full-width form or a phrase broken by a line break is still highlighted,
and matches anywhere in a long passage are found.
"""

from __future__ import annotations

import bisect
import html
import re

from indexer.search import analysis

MAX_CHARS = 200
SENTENCE_ENDS = set("。！？；!?;\n")
OPEN, CLOSE = "<b>", "</b>"
ELLIPSIS = "…"
_SENTENCE_END = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]")
_NON_SPACE = re.compile(r"\S+")


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping `(start, end, term)` spans of `text` where folded `terms` occur, longest terms first."""
    folded, origin = analysis.fold_with_map(text)
    squeezed = "".join(folded.split())
    if len(squeezed) == len(folded):
        keep = origin
    else:  # the original index of each character kept, run by run (not character by character)
        keep = []
        for run in _NON_SPACE.finditer(folded):
            keep.extend(origin[run.start():run.end()])
    taken = bytearray(len(squeezed))
    spans = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        at = squeezed.find(term)
        while at >= 0:
            end = at + len(term)
            if not any(taken[at:end]):
                taken[at:end] = b"\1" * len(term)
                spans.append((keep[at], keep[end - 1] + 1, term))
            at = squeezed.find(term, at + 1)
    return sorted(spans)


def make_snippet(text: str, terms: list[str], max_chars: int = MAX_CHARS) -> str:
    """At most about `max_chars` characters of `text`, cut at sentence ends, matches in `<b>…</b>`.

    The text is HTML-escaped; the window is the sentence-aligned stretch holding the most
    distinct terms (then the most matches), and ``…`` marks where text was left out.
    """
    spans = find_spans(text, terms)
    start, end = _window(text, spans, max_chars)
    out = [ELLIPSIS] if start > 0 else []
    at = start
    for s, e, _ in spans:
        if s < start or e > end:
            continue
        out.append(html.escape(text[at:s], quote=False))
        out.append(OPEN + html.escape(text[s:e], quote=False) + CLOSE)
        at = e
    out.append(html.escape(text[at:end], quote=False))
    if end < len(text):
        out.append(ELLIPSIS)
    return "".join(out).strip()


def _window(text: str, spans: list[tuple[int, int, str]], max_chars: int) -> tuple[int, int]:
    if len(text) <= max_chars:
        return 0, len(text)
    bounds = [m.end() for m in _SENTENCE_END.finditer(text, 0, len(text) - 1)]
    starts = {0}
    for s, _, _ in spans:  # the sentence holding each match, or shortly before it in a very long one
        k = bisect.bisect_right(bounds, s) - 1
        sentence = bounds[k] if k >= 0 else 0
        starts.add(sentence if s - sentence <= max_chars // 2 else max(0, s - max_chars // 4))
    span_starts = [sp[0] for sp in spans]
    best, best_key = (0, 0), None
    for start in sorted(starts):
        end = _cut(text, bounds, start, max_chars)
        lo = bisect.bisect_left(span_starts, start)
        inside = [sp for sp in spans[lo:] if sp[1] <= end]
        key = (len({sp[2] for sp in inside}), len(inside), start == 0 or start in bounds, -start)
        if best_key is None or key > best_key:
            best, best_key = (start, end), key
    return best


def _cut(text: str, bounds: list[int], start: int, max_chars: int) -> int:
    """The last sentence end within `max_chars` of `start`, or a hard cut if the sentence is longer."""
    limit = min(len(text), start + max_chars)
    if limit == len(text):
        return limit
    k = bisect.bisect_right(bounds, limit) - 1
    if k >= 0 and bounds[k] > start and bounds[k] - start >= max_chars // 3:
        return bounds[k]
    return limit
