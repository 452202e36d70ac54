"""The digest GUI's background work, as plain functions run in worker threads (no Qt here).

Each function takes plain data and a `LibrarySession` (or None when no library is open),
reads the catalogue through the session's per-thread `CatalogReader`, and opens its own
connections to the user database (`DigestStore` and `NoteStore` are used from one thread):

* `quote_from_selection`, `quote_from_passage`, `quote_from_note`, `abstract_of` — what to add
  to a digest, resolved from a reader selection, a search hit, a note or a document
  (`PendingQuote`: the document as the library describes it now, the quoted text and anchor);
* `preview` — a digest rendered with the library's current marks, as HTML for the preview;
* `export` — `userdata.digest.exporting.export_digest` with the library's marks and the notes;
* `document_mark`, `write_mark` — read a document's mark and the library's mark order, set one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop.session import LibrarySession
from indexer.library.marks import MarkLevels
from indexer.library.reader import CatalogReader, context
from userdata.digest.excerpt import hit_span, matched_terms, strip_reference_marks
from userdata.digest.model import QUOTE, AuditEntry, DigestItem, SourceRef
from userdata.digest.preview_html import preview_html
from userdata.digest.render import render, required_mark
from userdata.digest.sources import describe
from userdata.digest.store import DigestStore
from userdata.errors import DigestError
from userdata.notes.store import Anchor, Note, NoteStore


@dataclass(frozen=True)
class PendingQuote:
    """A quotation about to be added: its document (`ref`), text, start page and text-quote anchor.

    `abstract` means the document's abstract is quoted (`DigestStore.add_abstract`);
    `note_ids` are notes to show with it (a quotation added from a note carries that note).
    """

    ref: SourceRef
    text: str
    page: int
    anchor: Anchor | None = None
    abstract: bool = False
    note_ids: tuple[str, ...] = ()

    def provisional_item(self) -> DigestItem:
        """The item this will become, to find the notes on it (`sources.notes_on`) before it is stored."""
        return DigestItem("", "", "", QUOTE, text=self.text, page=self.page, file_sha256=self.ref.file_sha256,
                          doc_id=self.ref.doc_id, source=self.ref.source, mark=self.ref.mark, anchor=self.anchor)


def _reader(session: LibrarySession | None) -> CatalogReader:
    if session is None:
        raise DigestError("还没有打开文献库 (no library is open)")
    return session.reader()


def quote_from_selection(session: LibrarySession | None, doc_id: str, selection) -> PendingQuote:
    """A reader `Selection` (page-text offsets, quote, prefix, suffix) of document `doc_id`."""
    ref = describe(_reader(session), doc_id)
    anchor = Anchor(selection.quote, selection.prefix, selection.suffix, selection.page, selection.start,
                    selection.end)
    return PendingQuote(ref, strip_reference_marks(selection.quote), selection.page, anchor)


def quote_from_passage(session: LibrarySession | None, doc_id: str, passage_id: str, highlight: str = "",
                       whole: bool = False) -> PendingQuote:
    """A search hit: the sentences holding what its `highlight` marks (命中句), or with `whole` the passage (整段).

    Anchored in its page's text when it lies on one page; the source's reference marks
    ([1], ¹) are left out of the quoted text (`userdata.digest.excerpt`).
    """
    reader = _reader(session)
    ref = describe(reader, doc_id)
    passage = next((p for p in reader.passages(doc_id) if p.passage_id == passage_id), None)
    if passage is None:
        raise DigestError(f"{passage_id}: 文献库中没有这一段 (no such passage in the library)")
    terms = [] if whole else matched_terms(highlight)
    if passage.end_page <= passage.page:
        text = reader.page_texts(ref.file_sha256, passage.page, passage.page).get(passage.page, "")
        if passage.end <= len(text) and text[passage.start:passage.end].strip():
            start, end = passage.start, passage.end
            if span := hit_span(text[start:end], terms):
                start, end = start + span[0], start + span[1]
            quote, prefix, suffix = context(text, start, end)
            anchor = Anchor(quote, prefix, suffix, passage.page, start, end)
            return PendingQuote(ref, strip_reference_marks(quote), passage.page, anchor)
    span = hit_span(passage.text, terms)
    quote = passage.text[span[0]:span[1]] if span else passage.text
    return PendingQuote(ref, strip_reference_marks(quote), passage.page)


def quote_from_note(session: LibrarySession | None, note: Note) -> PendingQuote:
    """A note's quotation (its anchor) with the note attached."""
    reader = _reader(session)
    doc_id = reader.document_at(note.file_sha256, note.anchor.page)
    if doc_id is None:
        raise DigestError(f"笔记所在的文件不在当前文献库中：{note.doc_title} "
                          f"(the note's file is not in the open library)")
    a = note.anchor
    return PendingQuote(describe(reader, doc_id), strip_reference_marks(a.quote), a.page, Anchor(a.quote, a.prefix, a.suffix, a.page,
                                                                          a.start, a.end), note_ids=(note.id,))


def abstract_of(session: LibrarySession | None, doc_id: str) -> PendingQuote:
    """A document's abstract; `DigestError` when it has none."""
    ref = describe(_reader(session), doc_id)
    if not ref.source.abstract.strip():
        raise DigestError(f"《{ref.source.title}》没有摘要 (the document has no abstract)")
    return PendingQuote(ref, ref.source.abstract, ref.source.first_page, abstract=True)


# ---------------------------------------------------------------------------- preview and export


@dataclass(frozen=True)
class PreviewResult:
    """A rendered digest for the preview, and the marks the cover needs."""

    digest_id: str
    html: str
    #: The cover mark printed (highest of the digest's own and its items').
    cover_mark: str = ""
    #: The least mark the digest must carry to be exported ('' = none needed).
    required: str = ""
    levels: MarkLevels = field(default_factory=MarkLevels)


def preview(folder: Path, digest_id: str, session: LibrarySession | None) -> PreviewResult:
    """Render digest `digest_id` of the user database in `folder` with the library's current marks."""
    reader = session.reader() if session is not None and _has_catalogue(session) else None
    store, notes = DigestStore(folder), NoteStore(folder)
    try:
        levels = reader.mark_levels() if reader is not None else MarkLevels()
        document = render(store, digest_id, notes=notes, reader=reader, levels=levels)
        needed = required_mark(store, digest_id, reader, levels)
    finally:
        store.close()
        notes.close()
    return PreviewResult(digest_id, preview_html(document), document.cover.mark, needed, levels)


def export(folder: Path, digest_id: str, fmt: str, path: str | os.PathLike,
           session: LibrarySession | None) -> AuditEntry:
    """Export a digest (mark check, atomic write, audit row); `ExportRefused` when its mark is too low."""
    from userdata.digest.exporting import export_digest

    reader = session.reader() if session is not None and _has_catalogue(session) else None
    store, notes = DigestStore(folder), NoteStore(folder)
    try:
        return export_digest(store, digest_id, fmt, path, notes=notes, reader=reader)
    finally:
        store.close()
        notes.close()


def _has_catalogue(session: LibrarySession) -> bool:
    from indexer.library.catalog import CATALOG_NAME

    return (session.root / CATALOG_NAME).is_file()


# ---------------------------------------------------------------------------- marks


@dataclass(frozen=True)
class DocumentMark:
    """A document's title and mark, and the library's mark order (for the mark dialog)."""

    doc_id: str
    title: str
    mark: str
    levels: MarkLevels


def document_mark(session: LibrarySession | None, doc_id: str) -> DocumentMark:
    """What the mark dialog shows for one document."""
    reader = _reader(session)
    info = reader.document(doc_id)
    if info is None:
        raise DigestError(f"{doc_id}: 文献库中没有此文档 (no such document in the library)")
    return DocumentMark(doc_id, info.title, info.mark, reader.mark_levels())


def write_mark(root: Path, doc_id: str, mark: str) -> str:
    """Set (or with '' clear) a document's mark; the write pool only. Read-only libraries refuse."""
    from indexer.library.library import Library

    with Library.open(root) as library:
        if mark:
            library.set_mark([doc_id], mark)
        else:
            library.clear_mark([doc_id])
    return mark
