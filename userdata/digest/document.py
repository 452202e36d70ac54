"""What an exporter renders: a digest resolved into plain, frozen data (no Qt, no database).

`userdata.digest.render` builds a `DigestDocument` from the user database (digest, items,
notes, library metadata); the exporters in `userdata.digest.export` turn one into DOCX, PDF,
HTML or Markdown. Keeping this tree apart lets each side change without the other and lets
exporter tests build documents by hand.

Reading order: cover, then `sections` in order, each with its `blocks` in order, then the
reference list. A `Quotation` cites `references[citation - 1]` and the page it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict


@dataclass(frozen=True)
class Cover:
    """The cover block: 标题, 期号 (2025年第8期), 编者, 单位, 日期 (YYYY-MM-DD) and the mark."""

    title: str
    issue: str = ""
    compiler: str = ""
    organisation: str = ""
    date: str = ""
    #: The highest classification mark among the items ('' = none); shown on the cover and
    #: in the header of every page.
    mark: str = ""


@dataclass(frozen=True)
class NoteBlock:
    """A policy-interpretation note (政策解读) on a quotation."""

    body_text: str
    #: The same note as limited HTML (b, i, u, p, br, ul/ol/li); '' when it has no formatting.
    body_html: str = ""
    stance: str = ""
    author: str = ""
    tags: tuple[str, ...] = ()
    date: str = ""


@dataclass(frozen=True)
class Quotation:
    """A passage (or a document's abstract) quoted from a library document."""

    text: str
    #: 1-based number in `DigestDocument.references`.
    citation: int
    #: The page the quotation starts on (1-based).
    page: int
    doc_title: str = ""
    #: True when `text` is the document's abstract rather than a passage.
    is_abstract: bool = False
    #: The classification mark of the quoted document ('' = none).
    mark: str = ""
    notes: tuple[NoteBlock, ...] = ()


@dataclass(frozen=True)
class Commentary:
    """A free-text block written by the compiler (按语, 编者按)."""

    body_text: str
    body_html: str = ""


@dataclass(frozen=True)
class Figure:
    """A picture (a chart of the 分析 window) printed with its caption as 图`number`."""

    image: bytes = field(repr=False)
    caption: str = ""
    #: 1-based, in reading order.
    number: int = 1


Block = Quotation | Commentary | Figure


@dataclass(frozen=True)
class Section:
    """A heading and its blocks; `level` 1 is a top section (一、), 2 a subsection ((一))."""

    heading: str
    level: int = 1
    blocks: tuple[Block, ...] = ()


class DocumentExtra(TypedDict, total=False):
    """What `userdata.digest.render` notes about the digest a document came from (not printed)."""

    digest_id: str
    #: Every item rendered, in reading order (the export audit log records them).
    item_ids: list[str]


@dataclass(frozen=True)
class DigestDocument:
    """A digest ready to export."""

    cover: Cover
    sections: tuple[Section, ...] = ()
    #: Formatted GB/T 7714-2015 entries, without the leading "[n]".
    references: tuple[str, ...] = ()
    #: Who and when, for the document properties (not printed).
    generator: str = "翰林 Hanlin"
    extra: DocumentExtra = field(default_factory=DocumentExtra, compare=False)

    def quotations(self) -> list[Quotation]:
        """Every quotation in reading order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Quotation)]
