"""Top authors and institutions: documents per author and per institution, and who is where."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indexer.insight.affiliations import clean_institution
from indexer.insight.documents import DocumentRow
from indexer.insight.frontmatter import AUTHORED


@dataclass(frozen=True)
class AuthorCount:
    """An author: how many documents name them, and their institutions (most documents first)."""

    name: str
    documents: int
    institutions: tuple[str, ...]


@dataclass(frozen=True)
class InstitutionCount:
    """An institution: how many documents have an author there, and those authors (most documents first)."""

    name: str
    documents: int
    authors: tuple[str, ...]


def top_people(docs: Iterable[DocumentRow], attributions: Mapping[str, Mapping[str, str]],
               limit: int | None = None) -> tuple[list[AuthorCount], list[InstitutionCount]]:
    """Authors and institutions ranked by documents (ties by name), `limit` of each if given.

    Persons only: the authors of policies are their issuing bodies, counted in `counts` as issuers.
    A document counts once for each of its authors, and once for each institution of its authors
    (`attributions`, by ``doc_id``) or, for authors not attributed, of its catalogue affiliations.
    """
    per_author: Counter[str] = Counter()
    per_institution: Counter[str] = Counter()
    author_places: dict[str, Counter[str]] = defaultdict(Counter)
    institution_people: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in docs:
        if doc.doc_type not in AUTHORED:
            continue
        if not doc.authors and not doc.affiliations:
            continue
        found = attributions.get(doc.doc_id, {})
        per_author.update(doc.authors)
        places = set(found.values())
        if len(found) < len(doc.authors):
            places.update(c for c in (clean_institution(a) or a.strip() for a in doc.affiliations) if c)
        per_institution.update(places)
        for name, place in found.items():
            author_places[name][place] += 1
            institution_people[place][name] += 1
    authors = [AuthorCount(name, n, _ranked(author_places[name])) for name, n in _ranked_items(per_author, limit)]
    institutions = [InstitutionCount(name, n, _ranked(institution_people[name]))
                    for name, n in _ranked_items(per_institution, limit)]
    return authors, institutions


def _ranked_items(counter: Counter[str], limit: int | None) -> list[tuple[str, int]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return items if limit is None else items[:limit]


def _ranked(counter: Counter[str]) -> tuple[str, ...]:
    return tuple(name for name, _ in _ranked_items(counter, None))
