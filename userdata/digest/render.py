"""A stored digest resolved into the plain `DigestDocument` the exporters write.

Reading order is the store's: sections by position, items by position. Each quotation cites
its source document by a number given in order of first appearance (one reference per
document, however often it is quoted); the reference list holds the GB/T 7714-2015 entries
(`userdata.digest.citation`). A quotation's ``page`` is the page number printed in the source
when its running header or footer shows one (a journal article on PDF page 1 may be page 37
of its issue), else the PDF page: that is the page a reader of the source will look for.

Marks: an item's mark is the library's current mark of its document when a catalogue reader
is given and still holds the document, else the mark frozen when the item was added. The
cover mark is the highest of the digest's own mark and its items' marks, in the library's
order (`indexer.library.marks.MarkLevels`). No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable

from indexer import __version__
from indexer.library.marks import MarkLevels
from indexer.library.reader import CatalogReader
from userdata.digest.citation import reference
from userdata.digest.document import Commentary, Cover, DigestDocument, Figure, NoteBlock, Quotation, Section
from userdata.digest.model import ABSTRACT, COMMENTARY, FIGURE, QUOTING, DigestItem, Outline
from userdata.digest.store import DigestStore
from userdata.notes.store import Note, NoteStore


def render(store: DigestStore, digest_id: str, *, notes: NoteStore | None = None,
           reader: CatalogReader | None = None, levels: MarkLevels | None = None) -> DigestDocument:
    """The digest `digest_id` ready to export; `DigestError` if there is no such digest.

    `notes` supplies the notes linked to items (none are shown without it); `reader` is the
    library the quotations came from, for current marks and the mark order (`levels`
    overrides the order; the default list is used without either).
    """
    outline = store.outline(digest_id)
    levels = levels or (reader.mark_levels() if reader is not None else MarkLevels())
    marks = item_marks(outline.items(), reader)
    numbers: dict[str, int] = {}
    references: list[str] = []
    sections = []
    figures = iter(range(1, len(outline.items()) + 1))
    for section, items in outline.sections:
        blocks = tuple(Figure(item.image, item.body_text, next(figures)) if item.kind == FIGURE
                       else _block(item, marks.get(item.id, ""), numbers, references, notes) for item in items)
        sections.append(Section(section.heading, section.level, blocks))
    cover = _cover(outline, levels.highest([outline.digest.mark, *marks.values()]))
    return DigestDocument(cover, tuple(sections), tuple(references), generator=f"翰林 Hanlin {__version__}",
                          extra={"digest_id": digest_id, "item_ids": [i.id for i in outline.items()]})


def item_marks(items: Iterable[DigestItem], reader: CatalogReader | None = None) -> dict[str, str]:
    """item id → the mark that counts for it (see the module docstring); commentary and figures have none."""
    quoted = [i for i in items if i.kind in QUOTING]
    current: dict[str, str] = {}
    present: set[str] = set()
    if reader is not None:
        ids = [i.doc_id for i in quoted if i.doc_id]
        current = reader.marks(ids)
        present = {i for i in ids if reader.document(i) is not None}
    return {i.id: (current.get(i.doc_id, "") if i.doc_id in present else i.mark) for i in quoted}


def required_mark(store: DigestStore, digest_id: str, reader: CatalogReader | None = None,
                  levels: MarkLevels | None = None) -> str:
    """The highest mark among the digest's items ('' when none is marked): the least its own mark may be."""
    levels = levels or (reader.mark_levels() if reader is not None else MarkLevels())
    return levels.highest(item_marks(store.outline(digest_id).items(), reader).values())


def _cover(outline: Outline, mark: str) -> Cover:
    d = outline.digest
    return Cover(d.title, d.issue, d.compiler, d.organisation, d.date, mark)


def _block(item: DigestItem, mark: str, numbers: dict[str, int], references: list[str],
           notes: NoteStore | None) -> Quotation | Commentary:
    if item.kind == COMMENTARY:
        return Commentary(item.body_text, item.body_html)
    key = item.doc_id or f"{item.file_sha256}:{item.source.title}"
    if key not in numbers:
        references.append(reference(item.source))
        numbers[key] = len(references)
    label = item.source.page_label(item.page)
    return Quotation(item.text, numbers[key], int(label) if label.isdigit() else item.page,
                     doc_title=item.source.title, is_abstract=item.kind == ABSTRACT, mark=mark,
                     notes=tuple(_note_block(n) for n in _notes(item, notes)))


def _notes(item: DigestItem, notes: NoteStore | None) -> list[Note]:
    if notes is None:
        return []
    found = [notes.get(note_id) for note_id in item.note_ids]
    return [n for n in found if n is not None and not n.deleted]


def _note_block(note: Note) -> NoteBlock:
    return NoteBlock(note.body_text, note.body_html, note.stance, note.author, note.tags,
                     (note.updated or note.created)[:10])
