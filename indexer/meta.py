"""A document's bibliographic fields: one frozen type for extraction, the catalogue, search and citations.

`DocumentMeta` lives at the top of `indexer` so that `indexer.extract` and `indexer.search`
may both use it and stay independent of each other. The types that describe a document
(`Document`, `IndexedPassage`, `Hit`, `DocumentInfo`, `SourceSnapshot`) hold one in their
`meta` field and inherit `WithMeta`, which reads its fields as their own (`doc.title`,
`hit.authors`). Their JSON stays flat, as it was before the fields were gathered here:
`flat_json` puts the metadata's keys back among the holder's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class DocumentMeta:
    """Title, authors, source (journal, newspaper, issuing body), year, kind, 文号 and issue of one document.

    `issue` is where in `source` a reprinted text first appeared, as its attribution line prints
    it after the name: "2025年第5期", "2025年7月14日 理论版" ('' when no attribution line says).
    """

    title: str = ""
    authors: tuple[str, ...] = ()
    source: str = ""
    year: int | None = None
    doc_type: str = "other"
    doc_number: str = ""
    issue: str = ""

    def to_json(self) -> dict[str, Any]:
        """The fields as a JSON-able dict, in field order (authors as a list)."""
        return {"title": self.title, "authors": list(self.authors), "source": self.source, "year": self.year,
                "doc_type": self.doc_type, "doc_number": self.doc_number, "issue": self.issue}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DocumentMeta:
        """The metadata among `data`'s keys (others are ignored; a missing one takes its default)."""
        known = {key: data[key] for key in META_KEYS if key in data}
        if "authors" in known:
            known["authors"] = tuple(known["authors"] or ())
        return cls(**known)


#: The JSON keys of `DocumentMeta`, in field order.
META_KEYS = tuple(f.name for f in fields(DocumentMeta))


def split_meta(data: Mapping[str, Any]) -> tuple[DocumentMeta, dict[str, Any]]:
    """A flat dict (a catalogue row, a holder's JSON) cut into its metadata and the other keys."""
    return DocumentMeta.from_json(data), {k: v for k, v in data.items() if k not in META_KEYS}


def flat_json(data: dict[str, Any], order: Iterable[str], title_key: str = "title") -> dict[str, Any]:
    """`dataclasses.asdict` of a holder of `meta` as flat JSON: the metadata among its own keys, in `order`.

    `title_key` names the title's key (a search hit's is ``doc_title``).
    """
    meta = data.pop("meta")
    merged = {**data, **meta, "authors": list(meta["authors"])}
    merged[title_key] = merged.pop("title")
    return {key: merged[key] for key in order}


class WithMeta:
    """A mixin for dataclasses with a `meta: DocumentMeta` field: its fields read as the holder's own."""

    meta: DocumentMeta

    @property
    def title(self) -> str:
        """The document's title."""
        return self.meta.title

    @property
    def authors(self) -> tuple[str, ...]:
        """The document's authors (persons or issuing bodies), in order."""
        return self.meta.authors

    @property
    def source(self) -> str:
        """The journal, newspaper or issuing body the document comes from."""
        return self.meta.source

    @property
    def year(self) -> int | None:
        """The year of publication, if known."""
        return self.meta.year

    @property
    def doc_type(self) -> str:
        """The kind of document (policy, paper, news, slides, other…)."""
        return self.meta.doc_type

    @property
    def doc_number(self) -> str:
        """The 文号 of an official document ('' for other kinds)."""
        return self.meta.doc_number

    @property
    def issue(self) -> str:
        """Where in its source a reprinted document first appeared ("2025年第5期"), '' if not known."""
        return self.meta.issue
