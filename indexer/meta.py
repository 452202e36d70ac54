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
    """The bibliographic fields of one document, as printed on it ('' / None / () when not found).

    - `title`, `authors` (persons, in order), `year`, `doc_type` (policy, paper, news, digest,
      slides, other), `doc_number` (发文字号);
    - `source`: the publication the text appeared in — a paper's journal, a newspaper, the book
      of a chapter, the original publication a reprint names in its attribution line;
    - `issue`: where in `source` it appeared, as printed after the name: "2025年第5期",
      "2025年10月20日 第01版", "10";
    - `issuer` (发文机关: one body, or several joined by 、), `date` (成文/发布/出版日期 as ISO
      ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, 民國 and Chinese-numeral dates converted);
    - papers: `journal`, `volume`, `pages` (起止页码 as printed, "9-13"), `affiliations` (作者单位);
    - theses: `degree` (硕士, 工学硕士…), `institution` (the university), `supervisor` (导师).
    """

    title: str = ""
    authors: tuple[str, ...] = ()
    source: str = ""
    year: int | None = None
    doc_type: str = "other"
    doc_number: str = ""
    issue: str = ""
    issuer: str = ""
    date: str = ""
    journal: str = ""
    volume: str = ""
    pages: str = ""
    affiliations: tuple[str, ...] = ()
    degree: str = ""
    institution: str = ""
    supervisor: str = ""

    def to_json(self) -> dict[str, Any]:
        """The fields as a JSON-able dict, in field order (authors and affiliations as lists)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["authors"], out["affiliations"] = list(self.authors), list(self.affiliations)
        return out

    def facts(self) -> list[str]:
        """What a header shows beside the title, in order, empty ones left out: the date (or year);
        where it appeared (情报工程 第12卷第1期, 人民日报 2025年10月20日 第01版); the authors (three at
        most) or else the issuer; the 文号; a thesis's university and degree."""
        where = self.source
        if self.journal:
            where = self.journal + "".join(part for part in (f" 第{self.volume}卷" if self.volume else "",
                                                              f"第{self.issue}期" if self.issue.isdigit() else "")
                                           if part)
        elif self.source and self.issue:
            where = f"{self.source} {self.issue}"
        people = "、".join(self.authors[:3]) + ("等" if len(self.authors) > 3 else "") or self.issuer
        thesis = " ".join(p for p in (self.institution, self.degree) if p)
        return [f for f in (self.date or (str(self.year) if self.year else ""), where.strip(), people,
                            self.doc_number, thesis) if f]

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DocumentMeta:
        """The metadata among `data`'s keys (others are ignored; a missing or null one takes its default)."""
        known = {key: data[key] for key in META_KEYS if key in data}
        for key in _TUPLES:
            if key in known:
                known[key] = tuple(known[key] or ())
        for key in _TEXTS:
            if key in known and known[key] is None:
                known[key] = ""
        return cls(**known)


#: The JSON keys of `DocumentMeta`, in field order.
META_KEYS = tuple(f.name for f in fields(DocumentMeta))
#: The keys added after the first seven (catalogue version 4): older catalogues, indexes and digests lack them.
DETAIL_KEYS = META_KEYS[7:]
_TUPLES = ("authors", "affiliations")
_TEXTS = tuple(k for k in META_KEYS if k not in (*_TUPLES, "year"))


def split_meta(data: Mapping[str, Any]) -> tuple[DocumentMeta, dict[str, Any]]:
    """A flat dict (a catalogue row, a holder's JSON) cut into its metadata and the other keys."""
    return DocumentMeta.from_json(data), {k: v for k, v in data.items() if k not in META_KEYS}


def flat_json(data: dict[str, Any], order: Iterable[str], title_key: str = "title") -> dict[str, Any]:
    """`dataclasses.asdict` of a holder of `meta` as flat JSON: the metadata among its own keys, in `order`.

    `title_key` names the title's key (a search hit's is ``doc_title``).
    """
    meta = data.pop("meta")
    merged = {**data, **meta, "authors": list(meta["authors"]), "affiliations": list(meta["affiliations"])}
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
        """Where in its source the document appeared ("2025年第5期", "2025年10月20日 第01版"), '' if not known."""
        return self.meta.issue

    @property
    def issuer(self) -> str:
        """发文机关 of an official document (several joined by 、), '' if not known."""
        return self.meta.issuer

    @property
    def date(self) -> str:
        """成文/发布/出版日期 as ISO (``2025-10-20``, ``2023-06``, ``2025``), '' if not known."""
        return self.meta.date


def word_texts(title: str, keywords: Iterable[str], abstract: str) -> dict[str, str]:
    """A document's texts that the search index cuts into words, by index field name.

    One definition for the index writer (`indexer.search`) and the extraction workers that cut
    them ahead of it (`indexer.extract.sandbox`): the writer uses a worker's cut only for the
    very same text, so a difference here would only cost cutting again.
    """
    return {"title": title, "keywords": "；".join(keywords), "abstract": abstract}
