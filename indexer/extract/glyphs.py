"""Glyph readers: a PDF's pages as glyphs (`GlyphRecord` tuples), through pdfium or pdfminer.

Everything after this stage (layout, furniture, flow, documents, passages, `locate`) reads
only the glyphs (`PageGlyphs.records`; `PageGlyphs.chars` gives them as `PageChar`
dictionaries), so the reader is a choice made here and nowhere else:

- **pdfium** (`indexer.extract.pdfium_glyphs`, the default): pypdfium2's compiled text page,
  about fifteen times faster per page than pdfminer;
- **pdfplumber** (this module's `_GlyphDevice`): pdfminer interpreting the content stream in
  Python, the reference reader, with the geometry pdfplumber's `page.chars` reports.

`open_glyphs(path)` opens a file with the chosen reader. With pdfium, the reference reader
takes over in two cases, decided by pdfium itself:

- pdfium cannot open the file (its error: password, format, security handler) or finds no
  page in it: the whole file is read with pdfplumber, whose error, if it has one too, is the
  verdict the user sees (`indexer.extract.pdf.explain`: ``encrypted``, ``corrupt``, …), exactly
  as before pdfium was used. A file pdfium refuses for want of its user password is marked
  (`GlyphSource.locked`): the pipeline reports it ``encrypted`` even where pdfminer reads it;
- pdfium opens a damaged file (it had to rebuild the cross-reference table), or reads no text
  at all in a file: pdfplumber is asked too (`reference_pages`), and a file it finds corrupt,
  encrypted or without pages keeps that verdict; otherwise pdfium's reading stands;
- pdfium cannot load one page or its text (`FPDF_LoadPage`, `FPDFText_LoadPage` fail, or any
  other error while reading it), or cannot map more than `UNMAPPED_SHARE` (30%) of the page's
  glyphs to Unicode (`FPDFText_HasUnicodeMapError`; the glyphs of Type 3 fonts, chart labels
  most often, count apart: `DRAWN_SHARE`): that page alone is read with pdfplumber,
  whose text and whose verdict on the page (``unusable_text``, ``mojibake``) are kept. pdfminer
  maps glyphs pdfium does not (through a font's embedded TrueType cmap, a Type 3 font's
  encoding); pdfium maps some pdfminer does not (GBK-encoded fonts), and there pdfium's
  text is kept. The page is not read again when pdfminer provably maps none of the glyphs
  pdfium left unmapped (`_reference_maps_none`): each is in a Type 0 font, Identity-encoded,
  whose ToUnicode stream lacks its code; pdfminer maps such a font through that stream alone.

The environment variable ``HANLIN_PDF_READER`` (``pdfium`` or ``pdfplumber``) sets the default
for a process and the extraction workers it starts (benchmarks compare the two with it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_rect
from pdfplumber.utils.exceptions import PdfminerException

from indexer.errors import ExtractionError
from indexer.extract.layout import GlyphRecord, PageChar, char_of
from indexer.extract.pdf import explain, open_pdf, out_of_memory
from indexer.extract.pdfium_glyphs import PdfiumDocument

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pdfminer.layout import LTPage
    from pdfminer.pdfcolor import PDFColorSpace
    from pdfminer.pdffont import PDFFont
    from pdfminer.pdfinterp import PDFGraphicState, PDFResourceManager
    from pdfminer.pdftypes import PDFStream
    from pdfminer.utils import Matrix, PathSegment, Rect
    from pdfplumber.page import Page
    from pdfplumber.pdf import PDF

READERS = ("pdfium", "pdfplumber")
READER_ENV = "HANLIN_PDF_READER"
# A page on which more than this share of pdfium's glyphs have no Unicode is read with
# pdfplumber (pdfminer also maps glyphs through an embedded TrueType cmap or a Type 3 font's
# encoding, which pdfium's text page does not). It is the share at which the pipeline calls a
# page's text layer unusable and drops its text (`pipeline.UNUSABLE_RATIO`): a page is not
# lost for what pdfminer could have read. Below it, pdfium's reading stands without the
# glyphs it could not map (chart labels in a Type 3 font, a stray symbol).
UNMAPPED_SHARE = 0.3
# Glyphs of Type 3 fonts (drawn by content streams, no font program: matplotlib's and other
# plotting tools' chart labels) that pdfium cannot map do not count towards `UNMAPPED_SHARE`
# while they are at most this share of the page: the page's text stands without them, as
# pdfminer reading the whole page again (every path of every chart, in Python) costs about a
# second a page. A page that is mostly such glyphs (a TeX file set in bitmap Type 3 fonts, a
# full-page chart) is still read with pdfplumber.
DRAWN_SHARE = 0.5
# Unmapped glyphs inside figures (`pdfium_glyphs.FIGURE_SHARE`: charts embedded as PDF) do not
# count either, however many, and are always left out: a figure cannot hold the page's text.
# pdfminer reads them as control characters or as a chart's axis labels. A page with nothing
# but them is still read with pdfplumber.

# text, x0, x1, y0, y1, size, fontname, upright (PDF user space, bottom-left origin)
_Drawn = tuple[str, float, float, float, float, float, str, bool]


class _GlyphDevice(PDFLayoutAnalyzer):
    """Collects (text, x0, x1, y0, y1, size, fontname, upright) per drawn glyph."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr, pageno=1, laparams=None)
        self.glyphs: list[_Drawn] = []

    def receive_layout(self, ltpage: LTPage) -> None:
        pass

    # Paths, images and form containers carry no text: skip building their layout objects
    # (the interpreter still applies every form's matrix to the glyphs drawn inside it).
    def paint_path(self, gstate: PDFGraphicState, stroke: bool, fill: bool, evenodd: bool,
                   path: Sequence[PathSegment]) -> None:
        pass

    def render_image(self, name: str, stream: PDFStream) -> None:
        pass

    def begin_figure(self, name: str, bbox: Rect, matrix: Matrix) -> None:
        pass

    def end_figure(self, _name: str) -> None:
        pass

    def render_char(self, matrix: Matrix, font: PDFFont, fontsize: float, scaling: float, rise: float,
                    cid: int, ncs: PDFColorSpace, graphicstate: PDFGraphicState) -> float:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        adv = font.char_width(cid) * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            disp = font.char_disp(cid)
            assert isinstance(disp, tuple)  # a vertical font's displacement, as LTChar asserts
            vx, vy = disp
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font.get_descent() * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        a, b, c, d, _, _ = matrix
        x0, y0, x1, y1 = apply_matrix_rect(matrix, bbox)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        size = (x1 - x0) if vertical else (y1 - y0)
        fontname = font.fontname if isinstance(font.fontname, str) else ""
        self.glyphs.append((text, x0, x1, y0, y1, size, fontname, a * d * scaling > 0 and b * c <= 0))
        return adv


def page_glyphs(pdf: PDF, page: Page) -> list[PageChar]:
    """The glyphs of a pdfplumber `page` of `pdf` as dictionaries (`page_records`)."""
    return [char_of(record) for record in page_records(pdf, page)]


def page_records(pdf: PDF, page: Page) -> list[GlyphRecord]:
    """The glyphs of a pdfplumber `page` of `pdf` with pdfplumber's coordinates (`GlyphRecord`).

    pdfplumber builds a pdfminer `LTChar` per glyph, then turns each into a dictionary of some
    twenty fields; layout needs eight. This device takes pdfminer's `render_char` call and
    records just those, with exactly the geometry `LTChar` computes and the coordinates
    pdfplumber reports (top-left origin, MediaBox-adjusted).
    """
    device = _GlyphDevice(pdf.rsrcmgr)
    try:
        PDFPageInterpreter(pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:  # same wrapping as pdfplumber's own page.layout
        raise PdfminerException(exc) from exc
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    return [(text, x0 + mb_x0, x1 + mb_x0, height - y1 + mb_top, height - y0 + mb_top, size, fontname, upright, None)
            for text, x0, x1, y0, y1, size, fontname, upright in device.glyphs]


@dataclass
class PageGlyphs:
    """One page read by a glyph reader: its size in points and its glyphs in drawing order."""

    width: float
    height: float
    records: list[GlyphRecord]
    reader: str  # the reader that read this page: "pdfium" or "pdfplumber"

    @property
    def chars(self) -> list[PageChar]:
        """The glyphs as dictionaries."""
        return [char_of(record) for record in self.records]


def default_reader() -> str:
    """The reader `open_glyphs` uses when none is named: ``HANLIN_PDF_READER`` or pdfium."""
    return os.environ.get(READER_ENV, "").strip().lower() or "pdfium"


class GlyphSource:
    """A PDF opened for reading glyphs page by page (see the module docstring for the fallback).

    `pages` is the number of pages; `read(index)` reads one (0-based) or raises the parser's
    error for a page neither reader can read; `size(index)` is a page's size in points, or
    (0, 0) when even that cannot be read. `reader` names the reader that opened the file.
    """

    def __init__(self, path: Path, reader: str) -> None:
        if reader not in READERS:
            raise ValueError(f"unknown PDF reader {reader!r}: expected one of {', '.join(READERS)}")
        self.path = path
        self.pdfium: PdfiumDocument | None = None
        self.plumber: PDF | None = None
        self.locked = False  # pdfium asked for the file's user password
        try:
            if reader == "pdfium":
                self.pdfium, self.locked = _open_pdfium(path)
            if self.pdfium is not None and not self.pdfium.intact and self.reference_pages() == 0:
                # pdfium rebuilt a damaged file into pages pdfminer does not find: as before.
                self.pdfium.close()
                self.pdfium = None
            if self.pdfium is None:
                self._plumber()
        except BaseException:
            self.close()
            raise
        self.reader = "pdfium" if self.pdfium is not None else "pdfplumber"

    @property
    def pages(self) -> int:
        """The number of pages (pdfplumber walks the page tree here and may raise)."""
        if self.pdfium is not None:
            return self.pdfium.pages
        return len(self._plumber().pages)

    def read(self, index: int) -> PageGlyphs:
        """The glyphs of page `index`, from pdfium or, when pdfium cannot read it, pdfplumber."""
        if self.pdfium is not None:
            try:
                page = self.pdfium.read(index)
            except (MemoryError, RecursionError):
                raise
            except Exception as exc:
                if out_of_memory(exc):
                    raise
            else:
                total = len(page.records)
                if page.unmapped <= UNMAPPED_SHARE * total:
                    # A figure's labels never count as a defect of the text layer: kept as
                    # unusable glyphs they would have the whole page recognised, and OCR's
                    # reading (axis numbers and all) put in place of the exact text.
                    return PageGlyphs(page.width, page.height, page.without_figures(), "pdfium")
                aside = page.drawn + page.figure
                if (page.drawn <= DRAWN_SHARE * total and aside < total
                        and page.unmapped - aside <= UNMAPPED_SHARE * (total - aside)):
                    # The glyphs pdfium cannot map are mostly chart labels (a Type 3 font's, or in
                    # figures): the page's text stands without them, not read again by pdfminer
                    # for them, when what is left passes the pipeline's own share
                    # (`pipeline.UNUSABLE_RATIO`).
                    return PageGlyphs(page.width, page.height, page.without_drawn(), "pdfium")
                if self._reference_maps_none(index, page.chars):
                    return PageGlyphs(page.width, page.height, page.records, "pdfium")
        pdf = self._plumber()
        plumber_page = pdf.pages[index]
        try:
            return PageGlyphs(float(plumber_page.width), float(plumber_page.height),
                              page_records(pdf, plumber_page), "pdfplumber")
        finally:
            plumber_page.close()

    def _reference_maps_none(self, index: int, chars: list[PageChar]) -> bool:
        """`_reference_maps_none` of page `index`; no when pdfminer cannot read its fonts (the
        page is then read with pdfplumber, whose error, if any, is the page's)."""
        try:
            return _reference_maps_none(self._plumber(), index, chars)
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # a broken font or resource dictionary
            if out_of_memory(exc):
                raise
            return False

    def reference_pages(self) -> int:
        """The number of pages pdfplumber finds; raises its error if it cannot read the file.

        Asked when pdfium had to rebuild a damaged file, or read it and found no text at all:
        a file pdfminer finds corrupt, encrypted or without pages keeps that verdict.
        """
        try:
            return len(self._plumber().pages)
        except ExtractionError:
            raise
        except Exception as exc:  # noqa: BLE001 -- a broken page tree, whatever the parser raises
            raise explain(self.path, exc) from None

    def size(self, index: int) -> tuple[float, float]:
        """Page `index`'s width and height, for a page whose glyphs could not be read."""
        try:
            if self.pdfium is not None:
                return self.pdfium.size(index)
            page = self._plumber().pages[index]
            return float(page.width or 0), float(page.height or 0)
        except Exception:  # noqa: BLE001 -- a page that cannot even say its size
            return 0.0, 0.0

    def close(self) -> None:
        """Release the file (both readers, if the fallback opened pdfplumber too)."""
        if self.pdfium is not None:
            self.pdfium.close()
        if self.plumber is not None:
            try:
                self.plumber.close()
            except Exception:  # noqa: BLE001 -- a broken page tree was reported already
                self.plumber.stream.close()

    def _plumber(self) -> PDF:
        if self.plumber is None:
            self.plumber = open_pdf(self.path)
        return self.plumber


def _reference_maps_none(pdf: PDF, index: int, chars: list[PageChar]) -> bool:
    """Whether pdfminer would leave every glyph pdfium left unmapped on page `index` unmapped too.

    That holds for a glyph drawn in a Type 0 font with an Identity encoding (its code is its
    CID) and a ToUnicode stream without that code: pdfminer maps the CIDs of a Type 0 font with
    a ToUnicode stream through that stream and nothing else (`PDFCIDFont.to_unichr`). Fonts are
    matched by name (subset tag included) among the page's and its forms' resources, and read
    as pdfminer reads them; a glyph whose font is not found, or found by that name in a font
    pdfminer maps otherwise, keeps the answer at no.
    """
    from pdfminer.cmapdb import FileUnicodeMap, IdentityCMap
    from pdfminer.pdffont import PDFCIDFont
    from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, resolve1
    from pdfminer.psparser import literal_name

    unmapped: dict[str, set[int]] = {}
    for c in chars:
        text = c["text"]
        if text.startswith("(cid:") and text.endswith(")") and text[5:-1].isdigit():
            unmapped.setdefault(c.get("fontname", ""), set()).add(int(text[5:-1]))
    if not unmapped or "" in unmapped:
        return False
    fonts: dict[str, list[PDFFont]] = {}
    pending = [resolve1(pdf.pages[index].page_obj.resources)]
    seen: set[int] = set()
    while pending:
        resources = pending.pop()
        if not isinstance(resources, dict):
            continue
        for ref in dict_value(resources.get("Font", {})).values():
            spec = resolve1(ref)
            if isinstance(spec, dict):
                font = pdf.rsrcmgr.get_font(ref.objid if isinstance(ref, PDFObjRef) else None, spec)
                fonts.setdefault(str(getattr(font, "basefont", "")), []).append(font)
        for ref in dict_value(resources.get("XObject", {})).values():
            if isinstance(ref, PDFObjRef):
                if ref.objid in seen:
                    continue
                seen.add(ref.objid)
            form = resolve1(ref)
            if isinstance(form, PDFStream) and literal_name(form.attrs.get("Subtype")) == "Form":
                pending.append(resolve1(form.attrs.get("Resources")))
    for name, codes in unmapped.items():
        found = fonts.get(name)
        if not found:
            return False
        for font in found:
            if not (isinstance(font, PDFCIDFont) and type(font.cmap) is IdentityCMap
                    and isinstance(font.unicode_map, FileUnicodeMap)
                    and codes.isdisjoint(font.unicode_map.cid2unichr)):
                return False
    return True


def _open_pdfium(path: Path) -> tuple[PdfiumDocument | None, bool]:
    """The file opened with pdfium, or None when pdfium cannot open it or finds no page; and
    whether pdfium refused it for want of its user password."""
    try:
        document = PdfiumDocument(path)
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:
        if out_of_memory(exc):
            raise
        return None, "password" in str(exc).lower()
    if document.pages == 0:
        document.close()
        return None, False
    return document, False


@contextmanager
def open_glyphs(path: Path, reader: str | None = None) -> Iterator[GlyphSource]:
    """Open `path` for reading glyphs with `reader` (default: `default_reader()`); always closed.

    Raises `ExtractionError` (from `indexer.extract.pdf.open_pdf`) when no reader can open it.
    """
    source = GlyphSource(path, reader or default_reader())
    try:
        yield source
    finally:
        source.close()
