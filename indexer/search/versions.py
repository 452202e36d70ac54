"""Near-duplicate documents grouped in results: versions of one text shown as one hit.

Two years of the same report, two editions of a law, an article and its reprint in a compilation:
their matching passages are nearly the same characters. A hit whose passage shares most of its
character 4-grams with a better hit's passage from another document (`SAME_TEXT` of the smaller,
or `SAME_TITLE_TEXT` when the two titles are the same apart from digits, as in 2022年/2023年 …报告)
is not listed on its own but under that hit, in `Hit.versions` ("另有 1 个相近版本").

When the query names a year (`years`), the version of that year leads its group. Plain functions
over `Hit`s, no Whoosh.
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.search import analysis
from indexer.search.results import Hit, VersionBrief

#: Share of the smaller passage's 4-grams found in the other's for two passages to be versions.
SAME_TEXT = 0.7
#: The same share when the two documents' titles differ only in digits (years, editions).
SAME_TITLE_TEXT = 0.4
_NOT_TITLE = re.compile(r"[\d\W_]+")


def group_versions(hits: list[Hit], years: list[int] | None = None) -> list[Hit]:
    """`hits` (best first) with near-duplicates of a better hit from another document moved under it."""
    kept: list[Hit] = []
    grams: list[frozenset[str]] = []
    members: list[list[Hit]] = []
    for hit in hits:
        mine = _grams(hit.text)
        home = next((i for i, other in enumerate(kept) if _versions(hit, mine, other, grams[i])), None)
        if home is None:
            kept.append(hit)
            grams.append(mine)
            members.append([])
        else:
            members[home].append(hit)
    out = []
    for lead, others in zip(kept, members, strict=True):
        group = [lead, *others]
        if years and lead.year not in years:
            chosen = next((h for h in others if h.year in years), None)
            if chosen is not None:
                group.remove(chosen)
                group.insert(0, replace(chosen, score=lead.score))
        first = group[0]
        first.versions = [_brief(h) for h in group[1:]]
        out.append(first)
    return out


def _versions(hit: Hit, mine: frozenset[str], other: Hit, theirs: frozenset[str]) -> bool:
    if hit.doc_id == other.doc_id or not mine or not theirs:
        return False
    shared = len(mine & theirs) / min(len(mine), len(theirs))
    if shared >= SAME_TEXT:
        return True
    return shared >= SAME_TITLE_TEXT and _title_key(hit.doc_title) == _title_key(other.doc_title) != ""


def _grams(text: str) -> frozenset[str]:
    chars = analysis.squeeze(text)
    return frozenset(chars[i:i + 4] for i in range(len(chars) - 3))


def _title_key(title: str) -> str:
    return _NOT_TITLE.sub("", analysis.fold(title))


def _brief(hit: Hit) -> VersionBrief:
    return {"doc_id": hit.doc_id, "passage_id": hit.passage_id, "title": hit.doc_title, "year": hit.year,
            "file": hit.file, "page": hit.page, "score": hit.score}
