"""Documents counted by year, type, source (journal) and issuer (发文机关)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from indexer.insight.documents import UNKNOWN, DocumentRow

#: The dimensions counted, with the Chinese label of each.
DIMENSIONS = {"year": "年份", "doc_type": "类型", "source": "来源/期刊", "issuer": "发文机关"}


def count_by(docs: Iterable[DocumentRow], dimension: str) -> dict[str, int]:
    """How many documents have each value of `dimension` (one of `DIMENSIONS`).

    A year is its number as text; a document without a value counts under '' (`UNKNOWN`); a
    document of several issuers counts once under each. Ordered: years ascending, the other
    dimensions most documents first (ties by value).
    """
    counter: Counter[str] = Counter(value for doc in docs for value in _values(doc, dimension))
    if dimension == "year":
        return dict(sorted(counter.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0])))
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _values(doc: DocumentRow, dimension: str) -> tuple[str, ...]:
    if dimension == "year":
        return (str(doc.year) if doc.year else UNKNOWN,)
    if dimension == "doc_type":
        return (doc.doc_type,)
    if dimension == "source":
        return (doc.venue or UNKNOWN,)
    if dimension == "issuer":
        return doc.issuers or (UNKNOWN,)
    raise ValueError(f"unknown dimension {dimension!r}; one of {', '.join(DIMENSIONS)}")


def all_counts(docs: list[DocumentRow]) -> dict[str, dict[str, int]]:
    """`count_by` for every dimension."""
    return {dimension: count_by(docs, dimension) for dimension in DIMENSIONS}
