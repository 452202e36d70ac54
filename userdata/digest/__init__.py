"""Annotated policy digests (专题摘编 / 决策参考): store, sources, citations, rendering, export, audit.

A digest has a cover (title, issue such as 2025年第8期, compiler, organisation, date) and its
own classification mark, sections with headings, and ordered items: a quoted passage or a
document's abstract (with its citation and the notes written on it), or the compiler's
commentary. Digests live in the user database beside the notes (``notes.db``); none of the
modules below imports Qt::

    from userdata.digest.store import DigestStore
    from userdata.digest.sources import describe, notes_on
    from indexer.library.reader import CatalogReader

    store = DigestStore()                        # the user database (folder: userdata.db.default_dir())
    digest = store.create_digest("科技安全专题摘编", issue="2025年第8期", compiler="张三",
                                 organisation="科技情报研究所", date="2025-08-20")
    part = store.add_section(digest.id, "一、总体形势")
    with CatalogReader(library_dir) as reader:
        ref = describe(reader, doc_id)           # SourceRef: doc_id, file_sha256, source snapshot, mark
    item = store.add_quote(part.id, ref, text=selection.quote, page=selection.page,
                           anchor=Anchor(quote, prefix, suffix, page, start, end))
    store.attach_notes(item.id, [n.id for n in notes_on(item, note_store.notes(item.file_sha256))])
    store.add_commentary(part.id, body_text="编者按：……", body_html="<p>编者按：……</p>")
    store.update_digest(digest.id, mark="秘密")

Store API (`userdata.digest.store.DigestStore(folder=None)`; one thread; each write one
committed transaction; storage errors raise `userdata.errors.DigestError`):

* Digests: ``create_digest(title, **cover) -> Digest`` (cover: ``issue, compiler, organisation,
  date, mark``), ``digests(deleted=False)`` (most recently changed first), ``digest(id)`` (or
  None), ``require_digest(id)`` (`DigestError` if unknown), ``update_digest(id, **fields)``
  (`DIGEST_FIELDS`: title, issue, compiler, organisation, date, mark), ``delete_digest(id)`` /
  ``restore_digest(id)`` (soft), ``outline(id) -> Outline`` (``digest``, ``sections``: tuple of
  ``(DigestSection, tuple[DigestItem, ...])``, ``items()`` in reading order).
* Sections: ``add_section(digest_id, heading, level=1, position=None)``, ``sections(digest_id)``,
  ``section(id)``, ``update_section(id, heading=, level=)``, ``move_section(id, position)``,
  ``remove_section(id) -> RemovedSection`` and ``restore_section(removed)`` (undo: the section
  and its items come back where they were, note links included).
* Items: ``add_quote(section_id, ref, *, text, page, anchor=None, note_ids=(), position=None)``,
  ``add_abstract(section_id, ref, *, note_ids=(), position=None)`` (`DigestError` when the
  document has no abstract), ``add_commentary(section_id, *, body_text, body_html="", position=None)``,
  ``item(id)``, ``items(section_id)``, ``update_item(id, body_html=, body_text=)`` (commentary
  only: a quotation is never edited), ``move_item(id, position, section_id=None)`` (to another
  section of the same digest too), ``remove_item(id) -> RemovedItem`` and ``restore_item(removed)``,
  ``items_citing(file_sha256)``.
* Notes on items: ``attach_notes(item_id, note_ids)`` (appended in order, repeats ignored),
  ``detach_note(item_id, note_id)``; `sources.notes_on(item, notes)` finds the notes whose
  quote overlaps the item's quotation (same file; overlapping span on the page, or one quote
  containing the other).
* Audit: ``store.audit.entries(digest_id=None) -> list[AuditEntry]`` (read only; rows are
  appended by `userdata.digest.exporting.export_digest`, and the database refuses UPDATE/DELETE).

Positions are 0-based and dense; ``None`` means last; out-of-range positions are clamped.
Undo in a GUI: keep the value a remove returned and give it back to the matching restore;
for a move, move back to the old ``position`` / ``section_id``.

Data (`userdata.digest.model`, frozen dataclasses): `Digest` (``id, title, issue, compiler,
organisation, date, mark, created, updated, deleted``), `DigestSection` (``id, digest_id,
heading, level, position``), `DigestItem` (``id, digest_id, section_id, kind`` = ``"quote" |
"abstract" | "commentary"``, ``position, text, page, file_sha256, doc_id, source:
SourceSnapshot, mark, anchor: Anchor | None, body_html, body_text, note_ids, created,
updated``), `SourceSnapshot` (the document's ``title, authors, source, year, doc_type,
doc_number, abstract, first_page, last_page, path, imprint, page_labels`` frozen when the item
was added; ``page_label(page)`` is the page number printed on a PDF page), `SourceRef`
(``doc_id, file_sha256, source, mark``), `AuditEntry`.

Classification: each item keeps the mark its document had when added; rendering uses the
library's current mark when the document is still there. The cover mark is the highest item
mark in the library's order (`indexer.library.marks.MarkLevels`); exporting is refused
(`userdata.errors.ExportRefused`, exit status 7) when the digest's own mark is missing or lower.

Citations, rendering and export:

* `userdata.digest.citation.reference(source) -> str` — a GB/T 7714-2015 entry.
* `userdata.digest.render.render(store, digest_id, notes=..., reader=...) -> DigestDocument`
  (`userdata.digest.document`): references numbered by first appearance, one per document.
* `userdata.digest.exporting.export_digest(store, digest_id, fmt, path, ...) -> AuditEntry` —
  check marks, render, write atomically through `userdata.digest.export.write`, hash, audit.
"""
