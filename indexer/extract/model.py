"""Plain data produced by extraction: passages, documents and the result for one file.

These dataclasses are the contract between extraction and everything after it (the
catalogue, the search index, the GUI); `to_json` gives the documented JSON shape of
`hanlin extract --json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from indexer.meta import DocumentMeta, WithMeta, flat_json, split_meta

#: The keys of a document in `hanlin extract --json`, in order.
DOCUMENT_KEYS = ("title", "authors", "source", "keywords", "abstract", "year", "doc_type", "doc_number",
                 "issue", "issuer", "date", "journal", "volume", "pages", "affiliations", "degree", "institution",
                 "supervisor", "first_page", "last_page", "passages")


#: A passage's index words as an extraction worker sends them: (length of the text they were
#: cut from, the words joined by `WORD_SEP`, each word's position).
IndexWords = tuple[int, str, list[int]]
WORD_SEP = "\x1f"


@dataclass
class Passage:
    """A span of a document's text, 150–600 characters where the text allows.

    `start`/`end` are character offsets into the normalised text of `page` (1-based);
    a passage that runs onto the next page ends at `end` on `end_page`.
    """

    page: int
    text: str
    start: int
    end: int
    end_page: int
    ocr: float | None = None  # recognised by OCR: the mean confidence of its pages (0–1)


@dataclass
class Document(WithMeta):
    """One article, policy, paper or item found in a file, with its metadata (`doc.title` reads `doc.meta`)."""

    meta: DocumentMeta = field(default_factory=DocumentMeta)
    keywords: list[str] = field(default_factory=list)
    abstract: str = ""
    first_page: int = 1
    last_page: int = 1
    passages: list[Passage] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """One document of `hanlin extract --json`: flat, the metadata's keys among the others."""
        return flat_json(asdict(self), DOCUMENT_KEYS)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        """The inverse of `to_json`."""
        meta, rest = split_meta(data)
        return cls(meta=meta, **{**rest, "passages": [Passage(**p) for p in rest.get("passages", [])]})


@dataclass
class PageWarning:
    """Something the user should know about one page (1-based) or the whole file (page 0)."""

    page: int
    code: str
    message: str


@dataclass
class ExtractResult:
    """Everything extracted from one PDF file."""

    file: str
    sha256: str
    pages: int
    documents: list[Document] = field(default_factory=list)
    warnings: list[PageWarning] = field(default_factory=list)
    page_texts: list[str] = field(default_factory=list)
    # What it takes to rebuild one page's text (and its character boxes) without reading the
    # whole file again: the body font size, and the header/footer lines removed per page.
    body_size: float = 0.0
    furniture: dict[int, list[str]] = field(default_factory=dict)
    # Pages whose text was recognised by OCR, with the mean confidence of each (0–1).
    ocr_pages: dict[int, float] = field(default_factory=dict)
    # For the index writer, when an extraction worker segmented the passages: per document, per
    # passage, its index words (`IndexWords`), or None where they are to be made again.
    # Not part of `hanlin extract --json`.
    index_words: list[list[IndexWords | None]] | None = field(default=None, repr=False, compare=False)
    # Likewise the index words of the documents' texts the index cuts into words (title,
    # keywords, abstract: `indexer.meta.word_texts`), by text.
    text_words: dict[str, IndexWords] | None = field(default=None, repr=False, compare=False)

    def to_json(self, include_page_texts: bool = False) -> dict[str, Any]:
        """The JSON contract of `hanlin extract --json`.

        Plain values are copied field by field (`dataclasses.asdict` would copy the index words
        integer by integer: a tenth of a worker's time on a long thesis).
        """
        out: dict[str, Any] = {
            "file": self.file, "sha256": self.sha256, "pages": self.pages,
            "documents": [d.to_json() for d in self.documents],
            "warnings": [asdict(w) for w in self.warnings],
            "page_texts": list(self.page_texts),
            "body_size": self.body_size,
            "furniture": {page: list(lines) for page, lines in self.furniture.items()},
            "ocr_pages": dict(self.ocr_pages),
            "index_words": None if self.index_words is None else [list(doc) for doc in self.index_words],
            "text_words": None if self.text_words is None else dict(self.text_words),
        }
        if not include_page_texts:
            out.pop("page_texts")
        for key in ("index_words", "text_words"):
            if out[key] is None:
                out.pop(key)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ExtractResult:
        """Rebuild a result from `to_json` output (used across process boundaries)."""
        docs = [Document.from_json(d) for d in data.get("documents", [])]
        warns = [PageWarning(**w) for w in data.get("warnings", [])]
        return cls(
            file=data["file"],
            sha256=data["sha256"],
            pages=data["pages"],
            documents=docs,
            warnings=warns,
            page_texts=list(data.get("page_texts", [])),
            body_size=float(data.get("body_size", 0.0)),
            furniture={int(k): list(v) for k, v in data.get("furniture", {}).items()},
            ocr_pages={int(k): float(v) for k, v in data.get("ocr_pages", {}).items()},
            index_words=[[None if w is None else (int(w[0]), str(w[1]), list(w[2])) for w in doc]
                         for doc in data["index_words"]] if data.get("index_words") is not None else None,
            text_words={str(k): (int(w[0]), str(w[1]), list(w[2])) for k, w in data["text_words"].items()}
            if data.get("text_words") is not None else None,
        )
