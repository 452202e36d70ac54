"""Re-attach a note's text-quote selector to a file's current page texts.

After a re-index, a changed extractor or an edited file, the quoted text may have moved.
`locate` tries, in order:

1. the stored offsets: the quote is still exactly there → ``exact``;
2. the quote elsewhere (whitespace ignored, as extractors differ in line breaks): every
   occurrence in the file is a candidate, scored by how well the text around it matches the
   stored prefix and suffix, then by nearness — the same page first, then neighbouring pages,
   then anywhere → ``moved``;
3. an approximate match (difflib, standard library) of at least `FUZZY_THRESHOLD`
   similarity, on the same page, then the neighbours, then the rest → ``fuzzy``;
4. otherwise ``orphan``: the note keeps its quote and last offsets and is shown as such.

No Qt, no database: plain strings in, a `Location` out.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from userdata.notes.store import Anchor

FUZZY_THRESHOLD = 0.75
NEIGHBOURS = 2  # pages either side searched before the rest of the file
_PAGE_BONUS = {0: 0.3, 1: 0.2, 2: 0.1}  # by distance from the stored page


@dataclass(frozen=True)
class Location:
    """Where a quote was found: page-text offsets, how (`status`) and how similar (`score`, 0–1)."""

    page: int
    start: int
    end: int
    status: str
    score: float = 1.0

    def apply(self, anchor: Anchor) -> Anchor:
        """`anchor` moved to this location (the quote and context stay as written)."""
        if self.status == "orphan":
            return Anchor(anchor.quote, anchor.prefix, anchor.suffix, anchor.page, anchor.start, anchor.end,
                          "orphan", anchor.version)
        return Anchor(anchor.quote, anchor.prefix, anchor.suffix, self.page, self.start, self.end, self.status,
                      anchor.version)


def locate(anchor: Anchor, pages: Mapping[int, str], threshold: float = FUZZY_THRESHOLD) -> Location:
    """Find `anchor`'s quote in `pages` (page number → page text); see the module docstring."""
    text = pages.get(anchor.page, "")
    if anchor.quote and text[anchor.start:anchor.end] == anchor.quote:
        return Location(anchor.page, anchor.start, anchor.end, "exact")
    if not _squeeze(anchor.quote)[0]:
        return Location(anchor.page, anchor.start, anchor.end, "orphan", 0.0)
    found = _best_occurrence(anchor, pages)
    if found is not None:
        return found
    for group in _page_groups(anchor.page, pages):
        found = _best_fuzzy(anchor, pages, group, threshold)
        if found is not None:
            return found
    return Location(anchor.page, anchor.start, anchor.end, "orphan", 0.0)


# ---------------------------------------------------------------------------- exact occurrences


def _squeeze(text: str) -> tuple[str, list[int]]:
    """`text` without whitespace, and the index in `text` of each remaining character."""
    keep = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in keep), keep


def _occurrences(quote: str, text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of every occurrence of `quote`, whitespace ignored on both sides."""
    needle, _ = _squeeze(quote)
    hay, index = _squeeze(text)
    spans, at = [], hay.find(needle)
    while at >= 0:
        spans.append((index[at], index[at + len(needle) - 1] + 1))
        at = hay.find(needle, at + 1)
    return spans


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How alike the text around `start..end` and the stored prefix/suffix are (0–1)."""
    scores = []
    if anchor.prefix:
        before = text[max(0, start - len(anchor.prefix)):start]
        scores.append(difflib.SequenceMatcher(None, _squeeze(anchor.prefix)[0], _squeeze(before)[0]).ratio())
    if anchor.suffix:
        after = text[end:end + len(anchor.suffix)]
        scores.append(difflib.SequenceMatcher(None, _squeeze(anchor.suffix)[0], _squeeze(after)[0]).ratio())
    return sum(scores) / len(scores) if scores else 0.0


def _nearness(anchor: Anchor, page: int, start: int) -> float:
    """A small bonus for the stored page and its neighbours, and for offsets close to the stored ones."""
    bonus = _PAGE_BONUS.get(abs(page - anchor.page), 0.0)
    if page == anchor.page:
        bonus += 0.05 / (1 + abs(start - anchor.start) / 100)
    return bonus


def _best_occurrence(anchor: Anchor, pages: Mapping[int, str]) -> Location | None:
    best: tuple[float, Location] | None = None
    for page, text in pages.items():
        for start, end in _occurrences(anchor.quote, text):
            score = _context_score(anchor, text, start, end) + _nearness(anchor, page, start)
            if best is None or score > best[0]:
                best = (score, Location(page, start, end, "moved"))
    return best[1] if best else None


# ---------------------------------------------------------------------------- fuzzy


def _page_groups(page: int, pages: Mapping[int, str]) -> list[list[int]]:
    """The stored page, then its neighbours nearest first, then every other page."""
    near = [page] + [p for d in range(1, NEIGHBOURS + 1) for p in (page - d, page + d)]
    groups = [[p] for p in near if p in pages]
    rest = [p for p in sorted(pages) if p not in near]
    return groups + ([rest] if rest else [])


def _best_fuzzy(anchor: Anchor, pages: Mapping[int, str], group: list[int], threshold: float) -> Location | None:
    best: tuple[float, Location] | None = None
    for page in group:
        found = fuzzy_span(anchor.quote, pages[page])
        if found is None:
            continue
        start, end, ratio = found
        score = ratio + 0.1 * _context_score(anchor, pages[page], start, end)
        if ratio >= threshold and (best is None or score > best[0]):
            best = (score, Location(page, start, end, "fuzzy", round(ratio, 3)))
    return best[1] if best else None


def fuzzy_span(quote: str, text: str) -> tuple[int, int, float] | None:
    """The stretch of `text` most like `quote`, as (start, end, similarity), whitespace ignored.

    Matching blocks of difflib propose where the quote would start; around each proposal a
    window a little longer than the quote is compared and trimmed to the matched characters.
    """
    needle, _ = _squeeze(quote)
    hay, index = _squeeze(text)
    if not needle or not hay:
        return None
    matcher = difflib.SequenceMatcher(None, hay, needle, autojunk=False)
    starts: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        if block.size:
            guess = block.a - block.b
            starts[guess] = starts.get(guess, 0) + block.size
    best: tuple[float, int, int] | None = None
    slack = max(4, len(needle) // 4)
    for guess in sorted(starts, key=starts.__getitem__, reverse=True)[:8]:
        lo, hi = max(0, guess - slack), min(len(hay), guess + len(needle) + slack)
        found = _trim(needle, hay, lo, hi)
        if found and (best is None or found[0] > best[0]):
            best = found
    if best is None:
        return None
    ratio, s, e = best
    return index[s], index[e - 1] + 1, ratio


def _trim(needle: str, hay: str, lo: int, hi: int) -> tuple[float, int, int] | None:
    """Similarity of `needle` to the part of `hay[lo:hi]` its matching characters span."""
    window = hay[lo:hi]
    blocks = [b for b in difflib.SequenceMatcher(None, window, needle, autojunk=False).get_matching_blocks()
              if b.size]
    if not blocks:
        return None
    s, e = lo + blocks[0].a, lo + blocks[-1].a + blocks[-1].size
    matched = sum(b.size for b in blocks)
    return 2 * matched / (len(needle) + (e - s)), s, e
