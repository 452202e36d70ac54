"""Running headers, footers and page numbers: found across pages and removed.

A line counts as page furniture when it sits in the top or bottom band of the page and
looks like a page number, or is set apart from the body by a clear gap and either repeats
on several pages (digits normalised, so "第3页" and "第4页" match) or sits in the
outermost band (a newspaper's masthead line on a single page). Removed lines are kept aside: their text still tells the
year and the journal or paper a document comes from.
"""

from __future__ import annotations

import re
from collections import Counter

from indexer.extract.layout import Line, PageLayout

BAND = 0.09  # top and bottom 9% of the page height
OUTER_BAND = 0.06

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|"
    r"page\s*\d+(?:\s*of\s*\d+)?|[ivxlcdm]{1,6})$",
    re.IGNORECASE,
)


def furniture_key(text: str) -> str:
    """The text of a margin line with digits and spaces folded, for matching across pages."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def is_page_number(text: str) -> bool:
    """True for lines that are only a page number ("3", "- 3 -", "第3页 共9页", "3/9")."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def remove_furniture(pages: list[PageLayout]) -> dict[int, list[str]]:
    """Remove headers, footers and page numbers in place; return the removed text per page."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({furniture_key(line.text) for line in page.lines if _in_band(line, page, BAND)})
    repeat_min = 2 if len(pages) <= 4 else max(2, int(0.2 * len(pages)))
    removed: dict[int, list[str]] = {}
    for page in pages:
        keep, gone = [], []
        for line in page.lines:
            if _is_furniture(line, page, counts, repeat_min):
                gone.append(line.text)
            else:
                keep.append(line)
        page.lines = keep
        if gone:
            removed[page.number] = gone
    return removed


def _in_band(line: Line, page: PageLayout, band: float) -> bool:
    return line.bottom <= band * page.height or line.top >= (1 - band) * page.height


def _is_furniture(line: Line, page: PageLayout, counts: Counter[str], repeat_min: int) -> bool:
    if not _in_band(line, page, BAND):
        return False
    if is_page_number(line.text):
        return True
    if not _set_apart(line, page):
        return False  # the first or last line of the body, even if it repeats
    return counts[furniture_key(line.text)] >= repeat_min or _in_band(line, page, OUTER_BAND)


def _set_apart(line: Line, page: PageLayout) -> bool:
    """A short line with a clear gap to the body text above or below it."""
    if len(line.text) > 80:
        return False
    others = [other for other in page.lines if other is not line]
    if not others:
        return False
    if line.top < page.height / 2:
        gap = min((o.top - line.bottom for o in others if o.top >= line.bottom), default=0)
    else:
        gap = min((line.top - o.bottom for o in others if o.bottom <= line.top), default=0)
    return gap > 1.2 * line.height
