"""The digest as stored: plain frozen dataclasses for digests, sections, items and audit rows.

No Qt, no database here; `userdata.digest.store` reads and writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

from indexer.meta import DocumentMeta, WithMeta, split_meta
from userdata.notes.store import Anchor

QUOTE, ABSTRACT, COMMENTARY, FIGURE = "quote", "abstract", "commentary", "figure"
KINDS = (QUOTE, ABSTRACT, COMMENTARY, FIGURE)
#: Kinds that quote a library document (they cite it and carry its mark).
QUOTING = (QUOTE, ABSTRACT)
FORMATS = ("docx", "pdf", "html", "md")


@dataclass(frozen=True)
class Digest:
    """A digest's cover and its own classification mark ('' = none); times are UTC ISO 8601."""

    id: str
    title: str
    issue: str = ""          # 期号, e.g. 2025年第8期
    compiler: str = ""       # 编者
    organisation: str = ""   # 单位
    date: str = ""           # YYYY-MM-DD
    mark: str = ""
    created: str = ""
    updated: str = ""
    deleted: bool = False


#: `Digest` fields `DigestStore.update_digest` may change.
DIGEST_FIELDS = frozenset({"title", "issue", "compiler", "organisation", "date", "mark"})


class DigestCover(TypedDict, total=False):
    """The cover fields `DigestStore.create_digest` takes besides the title."""

    issue: str
    compiler: str
    organisation: str
    date: str
    mark: str


class DigestEdits(DigestCover, total=False):
    """The keyword arguments of `DigestStore.update_digest` (`DIGEST_FIELDS`)."""

    title: str


@dataclass(frozen=True)
class SourceSnapshot(WithMeta):
    """What a citation needs about the quoted document, frozen when the item was added.

    The library may later lose or change the document; the digest still cites it as it was.
    `meta` is its bibliographic fields (read as `s.title`, `s.authors`…). `imprint` is the running
    header of the document's first page (刊名, 年, 卷, 期 of a journal, the date and 版次 of a
    newspaper page) when the file had one.
    """

    meta: DocumentMeta = field(default_factory=DocumentMeta)
    abstract: str = ""
    first_page: int = 1
    last_page: int = 1
    path: str = ""
    imprint: str = ""
    #: (PDF page, page number printed on it) for the document's pages that show one: a journal
    #: article on PDF page 1 may be page 37 of its issue.
    page_labels: tuple[tuple[int, str], ...] = ()

    def page_label(self, page: int) -> str:
        """The page number printed on PDF page `page`, else the PDF page number itself."""
        return dict(self.page_labels).get(page, str(page))

    def to_json(self) -> dict[str, object]:
        """A flat JSON-able dict: the metadata's keys, then the others (tuples as lists)."""
        own = {k: v for k, v in self.__dict__.items() if k != "meta"}
        return {**self.meta.to_json(), **own, "page_labels": [list(p) for p in self.page_labels]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceSnapshot:
        """The inverse of `to_json`; unknown keys are ignored (an older or newer Hanlin wrote them)."""
        meta, rest = split_meta(data)
        known = {k: v for k, v in rest.items() if k in cls.__dataclass_fields__ and k != "meta"}
        return cls(meta=meta, **{**known, "page_labels": tuple((int(n), str(label))
                                                               for n, label in known.get("page_labels", ()))})


@dataclass(frozen=True)
class SourceRef:
    """The quoted document as `userdata.digest.sources.describe` finds it in a library now."""

    doc_id: str
    file_sha256: str
    source: SourceSnapshot
    #: The document's classification mark in the library ('' = none).
    mark: str = ""


@dataclass(frozen=True)
class DigestSection:
    """A heading in a digest; `level` 1 is a section (一、), 2 a subsection ((一))."""

    id: str
    digest_id: str
    heading: str
    level: int = 1
    position: int = 0


@dataclass(frozen=True)
class DigestItem:
    """One block of a section: a quoted passage, a document's abstract, or the compiler's commentary.

    Quotes and abstracts carry the quoted `text`, the `page` it starts on, the file and document
    it came from, the `source` snapshot and the document's `mark` when it was added, and (quotes)
    the text-quote `anchor` in the page's text, as notes use. Commentary carries `body_html` /
    `body_text`. A figure (a chart of the 分析 window) carries its PNG in `image` and its caption in
    `body_text`. `note_ids` are the notes shown with the item, in order.
    """

    id: str
    digest_id: str
    section_id: str
    kind: str
    position: int = 0
    text: str = ""
    page: int = 0
    file_sha256: str = ""
    doc_id: str = ""
    source: SourceSnapshot = field(default_factory=SourceSnapshot)
    mark: str = ""
    anchor: Anchor | None = None
    body_html: str = ""
    body_text: str = ""
    note_ids: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""
    image: bytes = field(default=b"", repr=False)


#: `DigestItem` fields `DigestStore.update_item` may change (a quotation's text is never edited).
ITEM_FIELDS = frozenset({"body_html", "body_text"})


class CommentaryEdits(TypedDict, total=False):
    """The keyword arguments of `DigestStore.update_item` (`ITEM_FIELDS`)."""

    body_html: str
    body_text: str


@dataclass(frozen=True)
class RemovedItem:
    """What `remove_item` took out, to give back to `restore_item` (undo)."""

    item: DigestItem


@dataclass(frozen=True)
class RemovedSection:
    """What `remove_section` took out (the section and its items), for `restore_section`."""

    section: DigestSection
    items: tuple[DigestItem, ...] = ()


@dataclass(frozen=True)
class Outline:
    """A digest with its sections in order, each with its items in order."""

    digest: Digest
    sections: tuple[tuple[DigestSection, tuple[DigestItem, ...]], ...] = ()

    def items(self) -> list[DigestItem]:
        """Every item in reading order."""
        return [item for _, items in self.sections for item in items]


@dataclass(frozen=True)
class AuditEntry:
    """One export, as the audit log keeps it (append-only)."""

    id: int
    at: str                     # UTC ISO 8601
    user: str                   # OS user
    digest_id: str
    digest_title: str
    item_ids: tuple[str, ...]
    format: str
    path: str
    sha256: str
    size: int = 0
    mark: str = ""
    app_version: str = ""
