"""Extraction of one PDF file: pages → ordered lines → paragraphs → documents → passages.

`extract_pdf` runs in the calling process; `indexer.extract.sandbox` runs it in a worker process
with a time and memory cap, which is what the CLI and the indexer use for untrusted files.
Pages are read one at a time and closed at once, so memory stays flat on long files.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from indexer.errors import ExtractionError
from indexer.extract.documents import read_metadata, split_documents
from indexer.extract.flow import body_size, build_paragraphs
from indexer.extract.furniture import remove_furniture
from indexer.extract.glyphs import UNMAPPED_SHARE, open_glyphs
from indexer.extract.layout import PageLayout, analyse_records
from indexer.extract.model import Document, ExtractResult, PageWarning, Passage
from indexer.extract.normalize import HAN_CLASS
from indexer.extract.ocr import OcrOptions, recognise_layouts
from indexer.extract.passages import cut_passages
from indexer.extract.pdf import checked_sha256, explain, failure, out_of_memory
from indexer.meta import DocumentMeta

ProgressCallback = Callable[[int, int], None]

UNUSABLE_RATIO = UNMAPPED_SHARE  # more unusable glyphs than this share: the page's text is dropped

# pdfminer logs a warning for every damaged font or odd operator; Hanlin reports what matters
# to the user as page warnings instead, so its own chatter stays out of the console.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def extract_pdf(path: str | os.PathLike[str], on_page: ProgressCallback | None = None,
                ocr: OcrOptions | None = None, reader: str | None = None) -> ExtractResult:
    """Extract the documents of one PDF; raises `ExtractionError` for unreadable files.

    With `ocr` (enabled), pages without a usable text layer are recognised (`indexer.extract.ocr`).
    `reader` is the glyph reader (``pdfium`` or ``pdfplumber``, see `indexer.extract.glyphs`);
    by default pdfium, with pdfplumber for what pdfium cannot read.
    """
    path = Path(path)
    digest = checked_sha256(path)
    layouts, warnings = _read_pages(path, on_page, reader)
    ocr_pages = recognise_layouts(path, layouts, warnings, ocr or OcrOptions(enabled=False))
    return finish(path, digest, layouts, warnings, ocr_pages)


def finish(path: Path, digest: str, layouts: list[PageLayout], warnings: list[PageWarning],
           ocr_pages: dict[int, float], info: DocumentMeta | None = None,
           keywords: tuple[str, ...] = (), paged: bool = True) -> ExtractResult:
    """The stages after layout, the same for every format: furniture → paragraphs → documents → passages.

    `info` is metadata the file itself declares (an OFD's ``DocInfo``, a Word file's properties): its
    fields (and its `keywords`) fill what the printed text does not give, for a file of one document.
    Running headers and footers are looked for on `paged` files only (a Word file's pages are made up).
    """
    furniture = remove_furniture(layouts) if paged else {}
    body = body_size(layouts)
    paragraphs, page_texts = build_paragraphs(layouts, body)
    slides = _looks_like_slides(layouts)
    sections = split_documents(paragraphs, slides)
    documents = []
    for section in sections:
        read_metadata(section, furniture, multi=len(sections) > 1)
        pages = [p.page for p in section.paragraphs]
        if slides:
            section.doc_type = "slides"
        meta = section.meta(fallback_title=(info.title if info and info.title else "") or path.stem)
        if info is not None and len(sections) == 1:
            shown = bool(info.title) and _squeezed(info.title) in _squeezed(page_texts[min(pages) - 1])
            meta = _declared(meta, info, printed_title=bool(section.title) and not shown)
        documents.append(
            Document(
                meta=meta,
                keywords=section.keywords or (list(keywords) if len(sections) == 1 else []),
                abstract=section.abstract,
                first_page=min(pages),
                last_page=max(pages),
                passages=cut_passages(section.body),
            )
        )
    if layouts and not any(layout.lines for layout in layouts):
        # Nothing readable (a scan, a broken text layer): the file is still one document, untitled.
        documents = documents or [Document(meta=DocumentMeta(title=path.stem), first_page=1, last_page=len(layouts))]
        warnings.append(PageWarning(0, "no_text_layer",
                                    "整个文件没有可用的文字层，可能是扫描件，需要 OCR 才能检索 "
                                    "(no usable text layer in the whole file: scanned? needs OCR)"))
    _mark_ocr_passages(documents, ocr_pages)
    if not any(doc.passages for doc in documents):
        documents = [_name_only(path, documents, warnings)]
    return ExtractResult(file=str(path), sha256=digest, pages=len(layouts), documents=documents,
                         warnings=warnings, page_texts=page_texts, body_size=body, furniture=furniture,
                         ocr_pages=ocr_pages)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _declared(meta: DocumentMeta, info: DocumentMeta, printed_title: bool) -> DocumentMeta:
    """`meta` read from the text, completed by the file's declared metadata where the text says nothing.

    The declared title wins when no title was found in the text, or when it is printed on the document's
    first page (the printed title rule may have picked a larger line, such as an example set in large type).
    """
    title = info.title if info.title and not printed_title else meta.title
    return replace(meta, title=title, authors=meta.authors or info.authors, year=meta.year or info.year,
                   date=meta.date or info.date)


def _mark_ocr_passages(documents: list[Document], ocr_pages: dict[int, float]) -> None:
    """Passages on recognised pages carry the mean OCR confidence of those pages."""
    if not ocr_pages:
        return
    for doc in documents:
        for passage in doc.passages:
            scores = [ocr_pages[n] for n in range(passage.page, passage.end_page + 1) if n in ocr_pages]
            if scores:
                passage.ocr = round(sum(scores) / len(scores), 4)


#: Why a file ended with no searchable text, by the page warning that says so: (Chinese, English).
_NO_TEXT_REASONS = {
    "ocr_off": ("扫描件或没有文字层，且 OCR 已关闭", "scanned or no text layer, and OCR is off"),
    "ocr_unavailable": ("扫描件或没有文字层，OCR 组件无法加载", "scanned or no text layer; the OCR engine failed to load"),
    "ocr_error": ("OCR 识别出错", "OCR failed on its pages"),
    "ocr_empty": ("OCR 未识别出文字", "OCR found no text"),
}


def _name_only(path: Path, documents: list[Document], warnings: list[PageWarning]) -> Document:
    """A file with no searchable text: one document holding its file name, so it can be found by name.

    A page-0 warning ``no_searchable_text`` says why (OCR off, OCR unavailable or empty, no text at all);
    the library lists such files apart (`hanlin status`, 文献库状态).
    """
    codes = {w.code for w in warnings}
    zh, en = next((_NO_TEXT_REASONS[code] for code in _NO_TEXT_REASONS if code in codes),
                  ("文件中没有可检索的文字", "no searchable text in the file"))
    warnings.append(PageWarning(0, "no_searchable_text", f"{zh}，只能按文件名查找 ({en}: found by its file name only)"))
    doc = documents[0] if documents else Document(meta=DocumentMeta(title=path.stem))
    doc.passages = [Passage(page=1, text=path.name, start=0, end=0, end_page=1)]
    return doc


def _read_pages(path: Path, on_page: ProgressCallback | None,
                reader: str | None = None) -> tuple[list[PageLayout], list[PageWarning]]:
    with open_glyphs(path, reader) as source:
        if source.locked:  # as a viewer would, ask for the password rather than read what pdfminer can
            raise failure(path, "encrypted")
        try:
            total = source.pages
        except Exception as exc:  # noqa: BLE001 -- a broken page tree, whatever the parser raises
            raise explain(path, exc) from None
        if total == 0:
            raise _no_pages(path)
        layouts, warnings = read_layouts(source, on_page)
        # No text anywhere: a scan, or a file pdfium made the best of that pdfminer calls
        # corrupt, encrypted or empty. The reference reader's verdict on the file stands.
        blank = source.reader == "pdfium" and not any(layout.glyph_count for layout in layouts)
        if blank and source.reference_pages() == 0:
            raise _no_pages(path)
    if total and sum(1 for w in warnings if w.code == "page_error") == total:
        raise ExtractionError(str(path), "corrupt",
                              "PDF 的每一页都无法解析 (no page could be parsed: corrupt PDF)")
    return layouts, warnings


class PageSource(Protocol):
    """Pages of a file as glyphs: a PDF's `GlyphSource`, an OFD's `OfdDocument`."""

    @property
    def pages(self) -> int: ...

    def read(self, index: int) -> Any: ...  # has .records, .width, .height

    def size(self, index: int) -> tuple[float, float]: ...


def read_layouts(source: PageSource, on_page: ProgressCallback | None) -> tuple[list[PageLayout], list[PageWarning]]:
    """Every page of `source` laid out; a page that cannot be read is reported (``page_error``) and left empty."""
    layouts: list[PageLayout] = []
    warnings: list[PageWarning] = []
    total = source.pages
    for number in range(1, total + 1):
        try:
            page = source.read(number - 1)
            layout = analyse_records(page.records, number, page.width, page.height, boxes=False)
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # one broken page must not lose the rest of the file
            if out_of_memory(exc):
                raise MemoryError(f"page {number}") from exc
            layout = PageLayout(number, *source.size(number - 1), [], 0, 0)
            why = exc.message if isinstance(exc, ExtractionError) else type(exc).__name__
            warnings.append(PageWarning(number, "page_error",
                                        f"第{number}页无法解析，已跳过 (page could not be parsed: {why})"))
        warnings.extend(page_warnings(layout))
        for line in layout.lines:
            line.glyphs = []
            line.boxes = []
        layouts.append(layout)
        if on_page:
            on_page(number, total)
    return layouts, warnings


def _no_pages(path: Path) -> ExtractionError:
    return ExtractionError(str(path), "empty", "PDF 文件没有任何页面，没有可检索的内容 (the PDF has no pages: nothing to index)")


_LATIN1 = re.compile("[\x80-\xff]")
_HAN = re.compile(HAN_CLASS)


def page_warnings(layout: PageLayout) -> list[PageWarning]:
    """Flag pages whose text layer is missing or unusable, and drop unusable text."""
    n = layout.number
    if layout.glyph_count == 0:
        return [PageWarning(n, "no_text", f"第{n}页没有文字层，可能是扫描件 (no text layer: scanned page?)")]
    text = "".join(line.text for line in layout.lines)
    usable = len(text)
    latin1 = _LATIN1.subn("", text)[1]  # a count, in C: pages hold thousands of characters
    if layout.unusable_count > UNUSABLE_RATIO * layout.glyph_count:
        layout.lines = []
        return [PageWarning(n, "unusable_text",
                            f"第{n}页文字层不可用：字体缺少 Unicode 映射，显示为乱码 "
                            f"(unusable text layer: glyphs without Unicode mapping)")]
    if usable and (latin1 > UNUSABLE_RATIO * usable or (latin1 > 0.1 * usable and latin1 > _HAN.subn("", text)[1])):
        layout.lines = []
        return [PageWarning(n, "mojibake",
                            f"第{n}页文字是乱码（编码错误）(garbled text: wrong encoding, mojibake)")]
    if layout.vertical:
        return [PageWarning(n, "vertical", f"第{n}页为竖排文字 (vertical text, read right to left)")]
    return []


def _looks_like_slides(layouts: list[PageLayout]) -> bool:
    """Landscape pages with little text each: a slide deck, one document."""
    if len(layouts) < 3:
        return False
    landscape = sum(1 for layout in layouts if layout.width > layout.height)
    chars = sum(len(line.text) for layout in layouts for line in layout.lines)
    return landscape >= 0.8 * len(layouts) and chars / len(layouts) < 600
