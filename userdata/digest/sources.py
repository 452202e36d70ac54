"""Where quotations come from: a document described from the library, and the notes on a quotation.

`describe(reader, doc_id)` freezes what a citation needs (`SourceSnapshot`) and the document's
mark, from the catalogue through `indexer.library.reader.CatalogReader`; the running header of its
pages gives the imprint (刊名 年 卷 期, a newspaper's date and 版次) and printed page numbers.
`citation(reader, doc_id)` is the document's GB/T 7714 entry, as the app copies it.
`notes_on(item, notes)` picks the notes whose quote overlaps an item's quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer.library.reader import CatalogReader, DocumentInfo
from userdata.digest.model import QUOTE, DigestItem, SourceRef, SourceSnapshot
from userdata.errors import DigestError
from userdata.notes.store import Note

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
# A printed page number alone on a header or footer line: 37, ·37·, —1—, - 3 -, 第3页.
_PAGE_LABEL = re.compile(r"^[\s·•\-—–－(（]*(?:第\s*)?(\d{1,4})(?:\s*页)?[\s·•\-—–－)）]*$")


def describe(reader: CatalogReader, doc_id: str) -> SourceRef:
    """The document `doc_id` as it is in the library now; `DigestError` when the library has no such document."""
    info = reader.document(doc_id)
    if info is None:
        raise DigestError(f"{doc_id}: 文献库中没有此文档 (no such document in the library)")
    abstract = reader.db.execute("SELECT abstract FROM documents WHERE doc_id = ?", [doc_id]).fetchone()[0]
    return SourceRef(info.doc_id, info.file_sha256, snapshot(info, abstract or ""), info.mark)


def citation(reader: CatalogReader, doc_id: str) -> str:
    """The GB/T 7714-2015 entry of the document `doc_id` as the library describes it now (复制引文)."""
    from userdata.digest.citation import reference

    return reference(describe(reader, doc_id).source)


def snapshot(info: DocumentInfo, abstract: str = "") -> SourceSnapshot:
    """The citation facts of one catalogued document (imprint and page numbers from its running header)."""
    pages = range(info.first_page, info.last_page + 1)
    furniture = info.file.furniture
    return SourceSnapshot(
        meta=info.meta, abstract=abstract, first_page=info.first_page,
        last_page=info.last_page, path=info.file.path, imprint=imprint(furniture.get(p, []) for p in pages),
        page_labels=tuple((p, label) for p in pages if (label := page_label(furniture.get(p, [])))),
    )


def imprint(pages_lines: Iterable[list[str]]) -> str:
    """The first running-header line with a year in it (``情报工程 2026年 第12卷 第1期``), or ''."""
    for lines in pages_lines:
        for line in lines:
            if _YEAR.search(line):
                return line.strip()
    return ""


def page_label(lines: list[str]) -> str:
    """The page number printed among a page's header and footer lines, or ''."""
    for line in lines:
        if (m := _PAGE_LABEL.match(line)) and not re.fullmatch(r"(?:19|20)\d\d", m.group(1)):  # not a year
            return str(int(m.group(1)))
    return ""


def notes_on(item: DigestItem, notes: Iterable[Note]) -> list[Note]:
    """The notes written on (part of) the item's quotation, in reading order.

    A note counts when it is on the same file and its anchored span overlaps the item's on
    the same page, or when either quote contains the other (whitespace ignored) — which
    also catches a note whose anchor has moved since. Deleted notes never count.
    """
    if item.kind == "commentary" or not item.file_sha256:
        return []
    text = _squeeze(item.text)
    found = []
    for note in notes:
        if note.deleted or note.file_sha256 != item.file_sha256:
            continue
        quote = _squeeze(note.anchor.quote)
        if (quote and (quote in text or text in quote)) or _spans_overlap(item, note):
            found.append(note)
    return sorted(found, key=lambda n: (n.anchor.page, n.anchor.start, n.created))


def _spans_overlap(item: DigestItem, note: Note) -> bool:
    a = item.anchor
    if item.kind != QUOTE or a is None or note.anchor.status == "orphan" or note.anchor.page != a.page:
        return False
    return note.anchor.start < a.end and a.start < note.anchor.end


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")
