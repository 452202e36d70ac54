"""The policy timeline: which body issued what, when, under which 发文字号."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from indexer.insight.documents import DocumentRow


@dataclass(frozen=True)
class TimelineEntry:
    """One official document on the timeline."""

    doc_id: str
    date: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY ('' if unknown)
    issuers: tuple[str, ...]
    doc_number: str
    title: str

    @property
    def year(self) -> int | None:
        """The year of `date`, if known."""
        return int(self.date[:4]) if self.date[:4].isdigit() else None


def policy_timeline(docs: Iterable[DocumentRow]) -> list[TimelineEntry]:
    """Policies (and any document with an issuer or a 发文字号), oldest first; undated ones last."""
    entries = [TimelineEntry(d.doc_id, d.date or (str(d.year) if d.year else ""), d.issuers, d.doc_number, d.title)
               for d in docs if d.doc_type == "policy" or d.issuer or d.doc_number]
    return sorted(entries, key=lambda e: (not e.date, e.date, e.title))


def lanes(entries: Iterable[TimelineEntry], limit: int = 12) -> list[str]:
    """The issuers with the most entries (ties by name), one lane each; '' collects entries of no issuer."""
    counter: Counter[str] = Counter()
    for entry in entries:
        counter.update(entry.issuers or ("",))
    return [name for name, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
