"""Reading a page's glyphs through pdfium (pypdfium2): the default, compiled glyph reader.

pdfium's text page (`FPDFText_*`) gives every character with its box; this module turns them
into the same glyphs the pdfplumber reader gives (`indexer.extract.glyphs`), as `GlyphRecord`
tuples whose style is the glyph's `_Run` (`PdfiumPage.chars` gives them as `PageChar`
dictionaries, with the font's weight, the fill colour and the angle), in the same coordinates: PDF points, origin at the top left of the page *as displayed*
(``/Rotate`` applied), x measured from the MediaBox's left edge as pdfplumber reports it.
Layout, furniture, flow and segmentation downstream are the same for both readers.

What differs from pdfminer, and what is done about it:

- **Boxes**: pdfminer's box of a glyph spans its advance width and one em up from the
  font's descent. pdfium's "loose" box spans the advance and the font's ascent to descent,
  united with the glyph's ink, so its top moves with each glyph's shape and lines would
  break apart. The box is therefore rebuilt as pdfminer's from pdfium's character origin,
  the text matrix, the font size and descent; only the advance is read off the loose box.
  A vertical-writing font's glyph gets the em square above pdfium's origin, which is
  pdfminer's box for the default vertical metrics (pdfium's own box there ignores the text
  matrix's scale). The size is pdfminer's: the box's height for level text.
- **Over-printed glyphs** (fake bold): pdfium drops a text object that repeats the one before
  it at nearly the same place. Layout needs the copies to mark the line bold, so each dropped
  object is given back as a copy of the glyphs of the object it repeats, shifted by the
  offset between the two (`_dropped`). A glyph repeated *inside* one text object is dropped
  by pdfium with no trace; such lines are read as not bold.
- **Spaces**: pdfium drops a text object that only draws spaces (it has no width) and makes
  up spaces of its own from gaps. Layout counts a space the PDF drew (a byline's 周宁南 翟一鸣),
  never one made up from a gap, so made-up spaces are skipped and each dropped space object
  is given back as a space before the next glyph (`_dropped`).
- **Unmapped glyphs**: where pdfminer writes ``(cid:N)``, pdfium flags the character
  (`FPDFText_HasUnicodeMapError`) and gives its character code; it becomes ``(cid:N)`` here,
  so the unusable-text-layer count is the same signal. Unmapped glyphs that are likely chart
  labels are marked and counted apart (`PdfiumPage`): a Type 3 font's (``"drawn"``), and those
  inside a figure (``"figure"``), a form XObject covering at most `FIGURE_SHARE` of the page (a
  chart a TeX or Word file embedded as PDF).
- **Generated characters**: line breaks pdfium inserts are skipped; a line-end hyphen pdfium
  marks (``\\x02``) is given back as ``-``; a surrogate pair pdfium reports as two characters
  becomes one.

pdfium is not thread-safe: every call into it here holds one process-wide lock (the desktop
reader lays out pages in a pool of threads).
"""

from __future__ import annotations

import ctypes
import math
import sys
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdfium2 import raw

from indexer.extract.layout import GlyphRecord, PageChar, char_of

LOCK = threading.RLock()

#: A form XObject drawn on at most this share of the page's area is a figure (charts embedded as
#: PDF measure 2–18% of the page in the corpus); a page placed whole as a form (a merged
#: document) covers its text block, half the page or more.
FIGURE_SHARE = 0.25

_GENERATED_CANDIDATES = frozenset((0x20, 0x0D, 0x0A, 0x00))
_HYPHEN_MARKS = frozenset((0x02, 0xFFFE))
# pdfminer's device matrix per page rotation, as in `PDFPageInterpreter.process_page`
# (linear part only; the translation depends on the MediaBox).
_ROTATIONS = {0: (1.0, 0.0, 0.0, 1.0), 90: (0.0, -1.0, 1.0, 0.0), 180: (-1.0, 0.0, 0.0, -1.0),
              270: (0.0, 1.0, -1.0, 0.0)}


def _bind(function: Any, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """A pypdfium2.raw function called through a prototype of plain handles (ints).

    The per-character calls are the reader's hot loop: typed pointers cost a pointer object
    per call and a `ctypes.cast` to compare them. pypdfium2 loads pdfium with `ctypes.CDLL`,
    so the functions use the C calling convention on every platform.
    """
    return ctypes.CFUNCTYPE(restype, *argtypes)(_address(function))


def _bind_untyped(function: Any, restype: Any) -> Callable[..., Any]:
    """A pypdfium2.raw function called without a prototype for its arguments, for the calls made
    per character and per text object.

    Checking each argument against a prototype costs about a third of such a call. Without one,
    ctypes passes a Python int as a C ``int`` and a ctypes object as it is, so the caller passes
    handles and addresses as `ctypes.c_void_p` objects made once, and indexes as ints.
    """
    bound = ctypes.CFUNCTYPE(restype)(_address(function))
    bound.argtypes = None  # type: ignore[assignment]  # ctypes: None means no prototype
    return bound


def _address(function: Any) -> int:
    address = ctypes.cast(function, ctypes.c_void_p).value
    if not address:
        raise ImportError(f"pdfium function {function!r} has no address")
    return address


_P, _I = ctypes.c_void_p, ctypes.c_int
_get_unicode = _bind(raw.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
# Per character and per text object: untyped (`_bind_untyped`).
_text_object_at = _bind_untyped(raw.FPDFText_GetTextObject, _P)
_char_origin_at = _bind_untyped(raw.FPDFText_GetCharOrigin, _I)
_loose_box_at = _bind_untyped(raw.FPDFText_GetLooseCharBox, _I)
_generated_at = _bind_untyped(raw.FPDFText_IsGenerated, _I)
_hyphen_at = _bind_untyped(raw.FPDFText_IsHyphen, _I)
_unmapped_at = _bind_untyped(raw.FPDFText_HasUnicodeMapError, _I)
_matrix_at = _bind_untyped(raw.FPDFText_GetMatrix, _I)
_font_size_at = _bind_untyped(raw.FPDFText_GetFontSize, ctypes.c_double)
_fill_color_at = _bind_untyped(raw.FPDFText_GetFillColor, _I)
_object_font = _bind_untyped(raw.FPDFTextObj_GetFont, _P)
_glyph_width = _bind_untyped(raw.FPDFFont_GetGlyphWidth, _I)
_get_char_box = _bind(raw.FPDFText_GetCharBox, _I, _P, _I, _P, _P, _P, _P)
_font_base_name = _bind(raw.FPDFFont_GetBaseFontName, ctypes.c_ulong, _P, ctypes.c_char_p, ctypes.c_ulong)
_font_weight = _bind(raw.FPDFFont_GetWeight, _I, _P)
_font_is_embedded = _bind(raw.FPDFFont_GetIsEmbedded, _I, _P)
_font_data = _bind(raw.FPDFFont_GetFontData, _I, _P, _P, ctypes.c_size_t, _P)
_font_descent = _bind(raw.FPDFFont_GetDescent, _I, _P, ctypes.c_float, _P)
_font_glyph_width = _bind(raw.FPDFFont_GetGlyphWidth, _I, _P, ctypes.c_uint32, ctypes.c_float, _P)
_page_count_objects = _bind(raw.FPDFPage_CountObjects, _I, _P)
_page_get_object = _bind(raw.FPDFPage_GetObject, _P, _P, _I)
_form_count_objects = _bind(raw.FPDFFormObj_CountObjects, _I, _P)
_form_get_object = _bind(raw.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_object_type = _bind(raw.FPDFPageObj_GetType, _I, _P)
_object_matrix = _bind(raw.FPDFPageObj_GetMatrix, _I, _P, _P)
_object_bounds = _bind(raw.FPDFPageObj_GetBounds, _I, _P, _P, _P, _P, _P)
_text_object_font_size = _bind(raw.FPDFTextObj_GetFontSize, _I, _P, _P)


def _handle(pointer: Any) -> int:
    """The address behind a pypdfium2 handle (0 for NULL)."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


@dataclass(frozen=True)
class PageFrame:
    """How PDF user space maps to the reader's page coordinates (pdfplumber's ``x0``/``top``).

    ``x = a·ux + c·uy + e`` and ``top = b·ux + d·uy + f``; `width` and `height` are the
    MediaBox's, swapped on pages turned a quarter.
    """

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float
    width: float
    height: float
    rotation: int

    @classmethod
    def of(cls, mediabox: tuple[float, float, float, float], rotation: int) -> PageFrame:
        """The frame of a page with this MediaBox (as written in the file) and ``/Rotate``."""
        x0, y0, x1, y1 = mediabox
        # pdfminer's device matrix: user space → its page space (bottom-left origin).
        if rotation == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        # pdfplumber's page box: the MediaBox sorted, turned, flipped to a top-left origin.
        lo_x, hi_x = sorted((x0, x1))
        lo_y, hi_y = sorted((y0, y1))
        if rotation in (90, 270):
            lo_x, lo_y, hi_x, hi_y = lo_y, lo_x, hi_y, hi_x
        width, height = hi_x - lo_x, hi_y - lo_y
        mb_x0, mb_top = lo_x, height - hi_y
        ca, cb, cc, cd, ce, cf = ctm
        # x = px + mb_x0; top = height - py + mb_top, with (px, py) = ctm(ux, uy).
        return cls(ca, -cb, cc, -cd, ce + mb_x0, height - cf + mb_top, width, height, rotation)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A user-space box as (x0, x1, top, bottom) in page coordinates."""
        xa = self.a * left + self.c * bottom + self.e
        ya = self.b * left + self.d * bottom + self.f
        xb = self.a * right + self.c * top + self.e
        yb = self.b * right + self.d * top + self.f
        return min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)


@dataclass(frozen=True)
class _Run:
    """What the glyphs of one text object share: its style and the matrix of its glyphs.

    `a`..`d` are the glyphs' text matrix (user space, without the page's rotation), `em` the
    font size and `descent` the font's descent in text space; `plain` is true for upright,
    unrotated horizontal text (the fast path, where `low` and `height` are the descent and
    the em in user space and `advance` turns a glyph width in ems into user space),
    `vertical` for a vertical-writing font; `font` is pdfium's font handle.
    """

    fontname: str
    upright: bool
    weight: int
    fill: tuple[int, int, int, int]
    angle: float
    a: float
    b: float
    c: float
    d: float
    em: float
    descent: float
    plain: bool
    vertical: bool
    low: float
    height: float
    advance: float
    font: int
    drawn: bool = False  # a Type 3 font: its glyphs are drawings (`_Font.drawn`)
    mark: str = ""  # "drawn" or "figure": the run of such unmapped glyphs (`PdfiumPage`)
    _marked: dict[str, _Run] = field(default_factory=dict, compare=False, repr=False)

    def marked(self, mark: str) -> _Run:
        """This run with `mark`, the style of its glyphs that are marked so."""
        found = self._marked.get(mark)
        if found is None:
            found = self._marked[mark] = replace(self, mark=mark, _marked={})
        return found

    def fields(self) -> dict[str, Any]:
        """The `PageChar` fields the glyphs of this run have beyond layout's eight."""
        extra: dict[str, Any] = {"weight": self.weight, "fill": self.fill, "angle": self.angle}
        if self.mark:
            extra[self.mark] = True
        return extra


_NO_RUN = _Run("", True, 0, (0, 0, 0, 255), 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, True, False, 0.0, 0.0, 0.0, 0)


class PdfiumDocument:
    """A PDF opened with pdfium; `read(index)` gives one page's glyphs.

    Raises `pypdfium2.PdfiumError` when pdfium cannot open the file (the caller then asks the
    reference reader, whose error says why), and from `read` when it cannot load a page.
    """

    def __init__(self, path: Path) -> None:
        with LOCK:
            self.pdf = pdfium.PdfDocument(path)
            self.pages = len(self.pdf)
            # False when pdfium had to rebuild a damaged cross-reference table.
            self.intact = bool(raw.FPDF_DocumentHasValidCrossReferenceTable(self.pdf.raw))
        self.closed = False
        self.fonts = _FontMemory()
        self.last_page: pdfium.PdfPage | None = None  # kept open: `fonts` relies on its fonts

    def close(self) -> None:
        """Release the document (pdfium must not be asked about it afterwards)."""
        with LOCK:
            if not self.closed:
                self.closed = True
                self._forget_fonts()
                self.pdf.close()

    def read(self, index: int) -> PdfiumPage:
        """Page `index` (0-based): its size in points, its glyphs, how many of them lack Unicode."""
        with LOCK:
            page = self._page(index)
            try:
                frame = page_frame(page)
                textpage = page.get_textpage()
                try:
                    chars, unmapped, drawn, figure = _chars(page, textpage, frame, self.fonts)
                finally:
                    textpage.close()
            except BaseException:
                page.close()
                self._forget_fonts()
                raise
            # This page keeps its fonts alive, and so their handles theirs, until the next is read.
            if self.last_page is not None:
                self.last_page.close()
            self.last_page = page
        return PdfiumPage(frame.width, frame.height, chars, unmapped, drawn, figure)

    def _forget_fonts(self) -> None:
        """Forget what is known of the fonts and close the page that kept them alive."""
        self.fonts.keep(set())
        if self.last_page is not None:
            self.last_page.close()
            self.last_page = None

    def size(self, index: int) -> tuple[float, float]:
        """Page `index`'s width and height in points, as the reader's coordinates use them."""
        with LOCK:
            page = self._page(index)
            try:
                frame = page_frame(page)
            finally:
                page.close()
        return frame.width, frame.height

    def _page(self, index: int) -> pdfium.PdfPage:
        if self.closed:
            raise ValueError("the PDF was closed")
        if not 0 <= index < self.pages:
            raise IndexError(f"no page {index + 1}: the file has {self.pages}")
        return self.pdf[index]


@dataclass
class PdfiumPage:
    """One page as pdfium read it; `unmapped` counts the glyphs pdfium found no Unicode for.

    Of those, `figure` counts the ones inside figures (form XObjects covering at most
    `FIGURE_SHARE` of the page), marked ``"figure"`` in `chars`, and `drawn` the ones of Type 3
    fonts elsewhere, marked ``"drawn"`` (chart labels, most often; a TeX file's bitmap fonts).
    """

    width: float
    height: float
    records: list[GlyphRecord]
    unmapped: int
    drawn: int = 0
    figure: int = 0

    @cached_property
    def chars(self) -> list[PageChar]:
        """The glyphs as dictionaries, the marked ones with ``"drawn"`` or ``"figure"`` set."""
        return [char_of(record) for record in self.records]

    def without_drawn(self) -> list[GlyphRecord]:
        """The glyphs less the unmapped ones of Type 3 fonts and figures."""
        if not self.drawn and not self.figure:
            return self.records
        return [r for r in self.records if not _style(r).mark]

    def without_figures(self) -> list[GlyphRecord]:
        """The glyphs less the unmapped ones inside figures: chart labels, never the page's text."""
        return [r for r in self.records if _style(r).mark != "figure"] if self.figure else self.records


def _style(record: GlyphRecord) -> _Run:
    """The run a glyph of this reader keeps as its style."""
    return record[8]  # type: ignore[return-value]


def page_frame(page: pdfium.PdfPage) -> PageFrame:
    """The frame of a pdfium page: its own MediaBox, or the inherited one pdfium applies.

    pdfium reports a MediaBox only when the page dictionary holds one; an inherited MediaBox
    is read from the page's bounding box, which is the MediaBox clipped by any CropBox.
    """
    mediabox = page.get_mediabox(fallback_ok=False) or page.get_bbox()
    rotation = page.get_rotation()
    return PageFrame.of(mediabox, rotation)


def _chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, frame: PageFrame, memory: _FontMemory
           ) -> tuple[list[GlyphRecord], int, int, int]:
    """The glyphs of a text page in pdfium's order (their style their `_Run`), how many of them
    pdfium could not map to Unicode, and how many of those are in Type 3 fonts outside figures
    and inside figures (`PdfiumPage`). `memory` holds what earlier pages showed of the fonts;
    afterwards, what this page showed of the fonts it uses."""
    tp = _handle(textpage.raw)
    count = raw.FPDFText_CountChars(textpage.raw)
    codes_read = _unicodes(textpage, tp, count)
    loose = raw.FS_RECTF()
    loose_p = ctypes.c_void_p(ctypes.addressof(loose))
    origin = (ctypes.c_double * 2)()
    tp_ref = ctypes.c_void_p(tp)  # for the untyped calls
    origin_x = ctypes.c_void_p(ctypes.addressof(origin))
    origin_y = ctypes.c_void_p(ctypes.addressof(origin) + ctypes.sizeof(ctypes.c_double))
    styles = _Styles(tp, frame.rotation, memory)
    # Per font, per code: whether it has no Unicode, the glyph's advance in ems (once known), its text.
    codes_of: dict[int, dict[int, list[Any]]] = {}
    codes: dict[int, list[Any]] = {}
    runs: dict[int, _Run] = {}
    spans: list[tuple[int, int]] = []  # (text object, index of its first glyph) where it changes
    chars: list[GlyphRecord] = []
    get_object, unmapped = _text_object_at, _unmapped_at
    get_box, get_origin = _loose_box_at, _char_origin_at
    # The page transform, inlined: x = a·ux + c·uy + e, top = b·ux + d·uy + f.
    fa, fb, fc, fd, fe, ff = frame.a, frame.b, frame.c, frame.d, frame.e, frame.f
    turned = fa == 0
    straight = fa > 0 and fd < 0  # the usual frame: x as it is, y turned over (top down)
    previous = last_handle = 0
    last_x = last_y = math.nan
    glyphs_before = 0  # glyphs made before the current text object (a piece never crosses it)
    missing = drawn = 0  # glyphs with no Unicode; of them, glyphs of Type 3 fonts
    run = _NO_RUN
    plain, run_advance, low, height, vertical = run.plain, run.advance, run.low, run.height, run.vertical
    fontname, upright = run.fontname, run.upright
    for i, code in enumerate(codes_read):
        if code <= 0x20 or code == 0xFFFE:  # the codes of both sets below, in two comparisons
            if code in _GENERATED_CANDIDATES and _generated_at(tp_ref, i):
                continue
            if code in _HYPHEN_MARKS and _hyphen_at(tp_ref, i):
                code = 0x2D
        handle = get_object(tp_ref, i)
        if not handle:  # a character pdfium made up (no text object behind it)
            continue
        if handle != previous:
            previous = handle
            glyphs_before = len(chars)
            spans.append((handle, len(chars)))
            cached = runs.get(handle)
            run = runs[handle] = styles.of(handle, i) if cached is None else cached
            codes = codes_of.setdefault(run.font, {})
            widths = styles.widths_of(run.font)
            # The run's fields, read once per text object rather than per glyph.
            plain, run_advance, low, height, vertical = run.plain, run.advance, run.low, run.height, run.vertical
            fontname, upright = run.fontname, run.upright
        located = get_origin(tp_ref, i, origin_x, origin_y)
        ox, oy = (origin[0], origin[1]) if located else (math.nan, math.nan)
        # pdfium gives a glyph that stands for several characters (a ligature ﬁ mapped to
        # "fi", a surrogate pair) as that many characters at one origin: one glyph here.
        piece = handle == last_handle and ox == last_x and oy == last_y and len(chars) > glyphs_before
        last_handle, last_x, last_y = handle, ox, oy
        if 0xDC00 <= code <= 0xDFFF and piece and "\ud800" <= chars[-1][0] <= "\udbff":
            glyph = chars[-1]
            chars[-1] = (chr(0x10000 + ((ord(glyph[0]) - 0xD800) << 10) + (code - 0xDC00)), *glyph[1:])
            continue
        known = codes.get(code)
        if known is None:  # a font maps a code or not: asked once per page
            if unmapped(tp_ref, i):
                known = codes[code] = [True, None, f"(cid:{code})"]
            else:
                known = codes[code] = [False, None, chr(code) if code < 0x110000 else "\ufffd"]
        text = known[2]
        if known[0]:
            missing += 1
        fast = plain and located and not piece
        if fast:  # upright and level: `_box`'s first case, inlined
            advance = known[1]
            if advance is not None:  # the fast path: a glyph met before on this page
                right = ox + run_advance * advance
            else:
                get_box(tp_ref, i, loose_p)
                edge = loose.right
                width = widths.get(code)
                if width is None:
                    width = 0.0 if 0xD800 <= code <= 0xDFFF else styles.width(run.font, code)
                right = ox + run_advance * width
                if ox < right <= edge + 0.01 and (right >= edge - 0.01 or _inked(tp, i, loose)):
                    known[1] = (right - ox) / run_advance
                elif edge > ox:
                    right = edge
                else:
                    right = ox
            left = ox
            bottom = oy + low
            top = bottom + height
        else:
            get_box(tp_ref, i, loose_p)
            left, bottom, right, top = _box(run, tp, i, bool(located), piece, code, ox, oy, loose, styles)
        if fast and straight:  # left <= right and bottom <= top: the box needs no sorting
            x0, x1, y0, y1 = fa * left + fe, fa * right + fe, fd * top + ff, fd * bottom + ff
            size = y1 - y0
        else:
            if turned:  # a page turned a quarter: user x runs down the page, user y across
                xa, xb = fc * bottom + fe, fc * top + fe
                ya, yb = fb * left + ff, fb * right + ff
            else:
                xa, xb = fa * left + fe, fa * right + fe
                ya, yb = fd * bottom + ff, fd * top + ff
            if xb < xa:
                x0, x1 = xb, xa
            else:
                x0, x1 = xa, xb
            if yb < ya:
                y0, y1 = yb, ya
            else:
                y0, y1 = ya, yb
            # pdfminer's size: the box's height on the page as displayed (its width for vertical
            # writing): the font size for level text, the advance for text turned a quarter.
            size = x1 - x0 if vertical else y1 - y0
            if piece:
                glyph = chars[-1]
                chars[-1] = (glyph[0] + text, x0, x1, y0, y1, size, *glyph[6:])
                continue
        if known[0] and run.drawn:
            chars.append((text, x0, x1, y0, y1, size, fontname, upright, run.marked("drawn")))
            drawn += 1
        else:
            chars.append((text, x0, x1, y0, y1, size, fontname, upright, run))
    memory.keep({run.font for run in runs.values()})
    page_handle = _handle(page.raw)
    by_object = _ObjectGlyphs(spans, len(chars))
    figure = 0
    if missing:
        for handle in _figure_texts(page_handle, frame) & by_object.keys():
            for index in by_object[handle]:
                glyph = chars[index]
                if glyph[0].startswith("(cid:"):
                    style = _style(glyph)
                    if style.mark == "drawn":
                        drawn -= 1
                    chars[index] = (*glyph[:8], style.marked("figure"))
                    figure += 1
    copies, spaces = _dropped(page_handle, chars, by_object, frame)
    if not copies and not spaces:
        return chars, missing, drawn, figure
    # Copies follow the glyphs they repeat, spaces precede the glyph they were drawn before,
    # as the content stream drew them.
    after: dict[int, list[GlyphRecord]] = {}
    for last, copy in copies:
        after.setdefault(last, []).append(copy)
    # Copied a slice at a time between the places where something goes in (few on a page).
    ordered: list[GlyphRecord] = []
    start = 0
    for index in sorted(spaces.union(after)):
        if index in spaces:
            ordered.extend(chars[start:index])
            ordered.append((" ", *chars[index][1:]))
            start = index
        extra = after.get(index)
        if extra:
            ordered.extend(chars[start:index + 1])
            ordered.extend(extra)
            start = index + 1
    ordered.extend(chars[start:])
    return ordered, missing, drawn, figure


def _figure_texts(page: int, frame: PageFrame) -> set[int]:
    """The text objects inside the page's figures: forms drawn on at most `FIGURE_SHARE` of it."""
    area = frame.width * frame.height
    bounds = (ctypes.c_float * 4)()
    base, step = ctypes.addressof(bounds), ctypes.sizeof(ctypes.c_float)
    text_kind, form_kind = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM
    found: set[int] = set()
    for i in range(max(_page_count_objects(page), 0)):
        obj = _page_get_object(page, i)
        if _object_type(obj) != form_kind or not _object_bounds(obj, base, base + step, base + 2 * step, base + 3 * step):
            continue
        left, bottom, right, top = bounds
        if (right - left) * (top - bottom) > FIGURE_SHARE * area:
            continue
        forms = [obj]
        while forms:
            form = forms.pop()
            for j in range(max(_form_count_objects(form), 0)):
                child = _form_get_object(form, j)
                kind = _object_type(child)
                if kind == text_kind:
                    found.add(child)
                elif kind == form_kind:
                    forms.append(child)
    return found


def _unicodes(textpage: pdfium.PdfTextPage, tp: int, count: int) -> list[int]:
    """The code of each character of the text page, in one call where pdfium's page text has one
    UTF-16 unit per character (it has not around a character beyond the BMP, nor always where
    glyphs lack Unicode: then one call per character, `FPDFText_GetUnicode`).

    The page text writes 0xFFFE for a generated hyphen `FPDFText_GetUnicode` gives as 0x02;
    such characters are asked for one by one.
    """
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = raw.FPDFText_GetText(textpage.raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    if written - 1 != count:
        return [_get_unicode(tp, i) for i in range(count)]
    units = array("H")
    units.frombytes(buffer.raw[:2 * count])
    if sys.byteorder == "big":
        units.byteswap()  # pdfium writes UTF-16LE
    codes = units.tolist()
    if 0xFFFE in codes:
        codes = [_get_unicode(tp, i) if code == 0xFFFE else code for i, code in enumerate(codes)]
    return codes


_ink = (ctypes.c_double * 4)()
_ink_p = [ctypes.addressof(_ink) + n * ctypes.sizeof(ctypes.c_double) for n in range(4)]


def _inked(tp: int, index: int, loose: raw.FS_RECTF) -> bool:
    """Whether the loose box's right edge is the glyph's ink (which can pass its advance).

    When it is not, the loose box's edge is the advance itself, and a font width that falls
    short of it belongs to another glyph (`FPDFFont_GetGlyphWidth` finds the glyph by Unicode).
    """
    if not _get_char_box(tp, index, *_ink_p):  # left, right, bottom, top
        return False
    return bool(_ink[1] >= loose.right - 0.01)


def _box(run: _Run, tp: int, index: int, located: bool, piece: bool, code: int, ox: float, oy: float,
         loose: raw.FS_RECTF, styles: _Styles) -> tuple[float, float, float, float]:
    """The user-space box (left, bottom, right, top) pdfminer gives glyph `index` (`_chars`
    works out the usual case itself: located, upright and level, one character).

    From the origin across the advance, one em up from the descent. The loose box's edge also
    covers ink past the advance (an italic f), which would close word gaps: the advance comes
    from the font's width when that fits in the loose box, unless the loose box's edge is not
    ink (then the width belongs to another glyph of the same Unicode). A glyph of several
    characters, or a surrogate, takes the loose box's edge.
    """
    if not located:
        return loose.left, loose.bottom, loose.right, loose.top
    if run.vertical:
        # pdfium's loose box of a vertical-writing glyph ignores the text matrix's scale;
        # pdfminer's box (default vertical metrics) is the em square above the origin.
        return _text_box(run, ox, oy, run.em, 0.0, run.em)
    width = 0.0 if piece or 0xD800 <= code <= 0xDFFF else styles.width(run.font, code)
    if not run.plain:
        return _text_box(run, ox, oy, _advance(run, ox, oy, width, loose), run.descent, run.descent + run.em)
    right = ox + run.advance * width
    by_width = ox < right <= loose.right + 0.01 and (right >= loose.right - 0.01 or _inked(tp, index, loose))
    bottom = oy + run.low
    return ox, bottom, right if by_width else max(ox, loose.right), bottom + run.height


def _advance(run: _Run, ox: float, oy: float, width: float, loose: raw.FS_RECTF) -> float:
    """A glyph's advance in text space: the font's `width` (in ems) where it fits in the loose
    box, else read off the loose box along the baseline's main direction."""
    a, b = run.a, run.b
    if abs(a) >= abs(b):
        edge = ((loose.right if a > 0 else loose.left) - ox) / a
    else:
        edge = ((loose.top if b > 0 else loose.bottom) - oy) / b
    return width * run.em if 0 < width * run.em <= edge + 0.01 else edge


def _text_box(run: _Run, ox: float, oy: float, advance: float, low: float,
              high: float) -> tuple[float, float, float, float]:
    """The user-space box (left, bottom, right, top) of the text-space rectangle from the origin
    across `advance` and from `low` to `high`, through the run's matrix (turned, slanted, mirrored)."""
    a, b, c, d = run.a, run.b, run.c, run.d
    xs, ys = [], []
    for tx, ty in ((0.0, low), (advance, low), (0.0, high), (advance, high)):
        xs.append(ox + a * tx + c * ty)
        ys.append(oy + b * tx + d * ty)
    return min(xs), min(ys), max(xs), max(ys)


class _ObjectGlyphs:
    """The indexes of each text object's glyphs, from the places where the object changes.

    Most pages only ask whether an object has glyphs (nothing dropped, no figure): the lists
    are made the first time one is asked for.
    """

    def __init__(self, spans: list[tuple[int, int]], total: int) -> None:
        self.spans = spans
        self.total = total
        self.handles = {handle for handle, _ in spans}
        self._glyphs: dict[int, list[int]] | None = None

    def __contains__(self, handle: int) -> bool:
        return handle in self.handles

    def keys(self) -> set[int]:
        return self.handles

    def __getitem__(self, handle: int) -> list[int]:
        if self._glyphs is None:
            glyphs: dict[int, list[int]] = {}
            spans = self.spans
            for n, (obj, start) in enumerate(spans):
                end = spans[n + 1][1] if n + 1 < len(spans) else self.total
                glyphs.setdefault(obj, []).extend(range(start, end))
            self._glyphs = glyphs
        return self._glyphs[handle]


@dataclass(frozen=True)
class _Font:
    name: str
    weight: int
    descent: float  # in ems, negative below the baseline
    vertical: bool
    drawn: bool = False  # a Type 3 font (embedded, no font program, no name): glyphs drawn by content streams


class _FontMemory:
    """What a document's pages have shown of its fonts, by pdfium's font handle: each font's
    `_Font`, its glyphs' widths by code point, and the runs set in it (by page rotation).

    All of it depends on the font alone, but a handle names the same font only while that font
    is alive, and a font lives while a page that uses it is loaded: `PdfiumDocument` keeps the
    page last read open until the next one is loaded, and `keep` forgets every font the page
    just read did not use.
    """

    def __init__(self) -> None:
        self.fonts: dict[int, _Font] = {}
        self.widths: dict[int, dict[int, float]] = {}
        self.runs: dict[int, dict[tuple[object, ...], _Run]] = {}

    def keep(self, handles: set[int]) -> None:
        """Forget the fonts not in `handles`."""
        for table in (self.fonts, self.widths):
            for handle in [h for h in table if h not in handles]:
                del table[handle]
        for runs in self.runs.values():
            for key in [k for k, run in runs.items() if run.font not in handles]:
                del runs[key]


class _Styles:
    """The `_Run` of each text object of a page, shared by objects set alike.

    Many PDFs draw each character as a text object of its own: what a run needs is read
    once per object (matrix, size, font, colour: four calls) and looked up by those values,
    and a font's name, weight, descent and writing direction once per font (`_FontMemory`
    keeps them, and the runs, from page to page).
    """

    def __init__(self, tp: int, rotation: int, memory: _FontMemory) -> None:
        self.tp = ctypes.c_void_p(tp)
        self.rotation = rotation
        # FS_MATRIX (a, b, c, d, e, f) as an array, read in one slice.
        self.matrix = (ctypes.c_float * 6)()
        self.matrix_p = ctypes.c_void_p(ctypes.addressof(self.matrix))
        self.rgba = (ctypes.c_uint * 4)()
        base, step = ctypes.addressof(self.rgba), ctypes.sizeof(ctypes.c_uint)
        self.rgba_p = [ctypes.c_void_p(base + n * step) for n in range(4)]
        self.runs = memory.runs.setdefault(rotation, {})
        self.fonts = memory.fonts
        self.widths = memory.widths
        self.value = ctypes.c_float()
        self.value_p = ctypes.c_void_p(ctypes.addressof(self.value))
        self.one = ctypes.c_float(1.0)

    def widths_of(self, font: int) -> dict[int, float]:
        """The widths of `font`'s glyphs known so far, by code point (`width` adds to it)."""
        widths = self.widths.get(font)
        if widths is None:
            widths = self.widths[font] = {}
        return widths

    def width(self, font: int, code: int) -> float:
        """The advance of the glyph for code point `code` in ems, or 0 when the font cannot say."""
        widths = self.widths_of(font)
        width = widths.get(code)
        if width is None:
            # An untyped int goes as a C int: a code past its range goes as the uint32_t it is.
            unsigned = code if code < 0x8000_0000 else ctypes.c_uint32(code)
            if not font or not _glyph_width(ctypes.c_void_p(font), unsigned, self.one, self.value_p):
                width = widths[code] = 0.0
            else:
                width = widths[code] = self.value.value
        return width

    def of(self, obj: int, index: int) -> _Run:
        """The run of text object `obj`, whose character `index` is one of its glyphs."""
        tp = self.tp
        if _matrix_at(tp, index, self.matrix_p):
            a, b, c, d = self.matrix[:4]
        else:
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
        font_size = _font_size_at(tp, index)
        font = _object_font(ctypes.c_void_p(obj)) or 0
        if _fill_color_at(tp, index, *self.rgba_p):
            red, green, blue, alpha = self.rgba[:]
            fill = (red, green, blue, alpha)
        else:
            fill = (0, 0, 0, 255)
        key = (font, font_size, a, b, c, d, fill)
        run = self.runs.get(key)
        if run is None:
            info = self.fonts.get(font)
            if info is None:
                info = self.fonts[font] = _font(font)
            run = self.runs[key] = _make_run((a, b, c, d), abs(font_size), info, font, fill, self.rotation)
        return run


def _font(font: int) -> _Font:
    """A font's base name (pdfium leaves out a subset tag such as ``ABCDEF+``), weight, descent, direction."""
    if not font:
        return _Font("", 0, 0.0, False)
    buffer = ctypes.create_string_buffer(128)
    length = _font_base_name(font, buffer, len(buffer))
    if length > len(buffer):
        buffer = ctypes.create_string_buffer(length)
        length = _font_base_name(font, buffer, len(buffer))
    name = buffer.value.decode("utf-8", "replace") if length else ""
    value = ctypes.c_float()
    descent = -abs(value.value) if _font_descent(font, 1.0, ctypes.addressof(value)) else 0.0
    # A vertical-writing CID font reports the vertical advance, negative (down the page).
    vertical = bool(_font_glyph_width(font, 0x4E00, 1.0, ctypes.addressof(value))) and value.value < 0
    size = ctypes.c_size_t()
    drawn = (not name and bool(_font_is_embedded(font)) and bool(_font_data(font, None, 0, ctypes.addressof(size)))
             and size.value == 0)
    return _Font(name, max(0, _font_weight(font)), descent, vertical, drawn)


def _make_run(matrix: tuple[float, float, float, float], em: float, font: _Font, handle: int,
              fill: tuple[int, int, int, int], rotation: int) -> _Run:
    ma, mb, mc, md = matrix
    # The glyph's matrix as pdfminer sees it, page rotation included, for `upright` and `angle`.
    ra, rb, rc, rd = _ROTATIONS.get(rotation, _ROTATIONS[0])
    a = ma * ra + mb * rc
    b = ma * rb + mb * rd
    c = mc * ra + md * rc
    d = mc * rb + md * rd
    return _Run(
        fontname=font.name,
        upright=a * d > 0 and b * c <= 0,
        weight=font.weight,
        fill=fill,
        angle=round(math.degrees(math.atan2(b, a)) % 360, 2),
        a=ma, b=mb, c=mc, d=md, em=em, descent=font.descent * em,
        plain=mb == 0 and mc == 0 and ma > 0 and md > 0 and not font.vertical,
        vertical=font.vertical,
        low=md * font.descent * em,
        height=md * em,
        advance=ma * em,
        font=handle,
        drawn=font.drawn,
    )


def _dropped(page: int, chars: list[GlyphRecord], by_object: _ObjectGlyphs,
             frame: PageFrame) -> tuple[list[tuple[int, GlyphRecord]], set[int]]:
    """What pdfium's text page left out that pdfminer reports: over-printed copies and spaces.

    pdfium skips a text object that draws the same characters as one of the five text objects
    before it, at nearly the same place (`CPDF_TextPage::IsSameAsPreTextObject`), and a text
    object with no width (one drawing only spaces). Text objects behind no character are
    looked at, per content stream (page or form):

    - one with a width that overlaps an earlier one of the five by at least half its width,
      at the same font size, repeats it: the original's glyphs are copied, shifted by the
      offset between the two (fake bold: layout keeps one and marks the line bold);
    - one without width drew spaces: a space goes before the first glyph of the next text
      object (layout reads it as a space the PDF drew, like pdfminer's space glyphs).

    Returns (index of the original's last glyph, copy) pairs and the indexes of the glyphs
    a space goes before.
    """
    copies: list[tuple[int, GlyphRecord]] = []
    spaces: set[int] = set()
    present = by_object.keys()
    for handles, to_user in _holders(page):
        if present.issuperset(handles):
            continue  # the usual case: nothing dropped here
        # Bounds are read only for the objects left out and the five before each.
        texts: list[_TextObject | None] = [None] * len(handles)
        for n, handle in enumerate(handles):
            if handle in present:
                continue
            obj = texts[n] = _text_object(handle)  # later objects are not read before this one
            if obj.right - obj.left < 0.01:
                following = next((h for h in handles[n + 1:] if h in present), 0)
                if following:
                    spaces.add(by_object[following][0])
                continue
            before: list[_TextObject] = []
            for m in range(max(0, n - 5), n):
                other = texts[m]
                if other is None:
                    other = texts[m] = _text_object(handles[m])
                before.append(other)
            original = _original(obj, before, by_object)
            if original is None:
                continue
            ta, tb, tc, td = to_user
            dx, dy = obj.left - original.left, obj.bottom - original.bottom
            ux, uy = ta * dx + tc * dy, tb * dx + td * dy
            shift_x, shift_top = frame.a * ux + frame.c * uy, frame.b * ux + frame.d * uy
            indexes = by_object[original.handle]
            for index in indexes:
                text, x0, x1, top, bottom, size, fontname, upright, style = chars[index]
                copies.append((indexes[-1], (text, x0 + shift_x, x1 + shift_x, top + shift_top, bottom + shift_top,
                                             size, fontname, upright, style)))
    return copies, spaces


def _original(obj: _TextObject, before: list[_TextObject], by_object: _ObjectGlyphs) -> _TextObject | None:
    """The text object among `before` that `obj` repeats: the nearest one in place and size."""
    for other in reversed(before):
        if other.handle not in by_object or abs(other.font_size - obj.font_size) > 1e-3:
            continue
        overlap = min(obj.right, other.right) - max(obj.left, other.left)
        vertical = min(obj.top, other.top) - max(obj.bottom, other.bottom)
        width = obj.right - obj.left
        if overlap > 0 and vertical > 0 and width - overlap <= width / 2:
            return other
    return None


_Linear = tuple[float, float, float, float]


def _holders(page: int) -> list[tuple[list[int], _Linear]]:
    """The text objects of the page and of each form in it, per content stream, in drawing order.

    Each holder comes with the linear part of the matrix from its space to user space
    (objects inside a form are placed by the form's matrix, then by its holder's).
    """
    holders: list[tuple[list[int], _Linear]] = []
    stack: list[tuple[int, _Linear]] = [(0, (1.0, 0.0, 0.0, 1.0))]
    matrix = raw.FS_MATRIX()
    matrix_p = ctypes.addressof(matrix)
    text_kind, form_kind = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM
    while stack:
        form, to_user = stack.pop()
        count = _form_count_objects(form) if form else _page_count_objects(page)
        handles: list[int] = []
        for i in range(max(count, 0)):
            obj = _form_get_object(form, i) if form else _page_get_object(page, i)
            kind = _object_type(obj)
            if kind == text_kind:
                handles.append(obj)
            elif kind == form_kind and _object_matrix(obj, matrix_p):
                a, b, c, d = to_user
                stack.append((obj, (matrix.a * a + matrix.b * c, matrix.a * b + matrix.b * d,
                                    matrix.c * a + matrix.d * c, matrix.c * b + matrix.d * d)))
        holders.append((handles, to_user))
    return holders


@dataclass(frozen=True)
class _TextObject:
    """A text object's bounds in its content stream's space, and its font size."""

    handle: int
    left: float
    bottom: float
    right: float
    top: float
    font_size: float


def _text_object(handle: int) -> _TextObject:
    values = (ctypes.c_float * 5)()
    base, step = ctypes.addressof(values), ctypes.sizeof(ctypes.c_float)
    if not _object_bounds(handle, base, base + step, base + 2 * step, base + 3 * step):
        return _TextObject(handle, 0.0, 0.0, 0.0, 0.0, 0.0)
    _text_object_font_size(handle, base + 4 * step)
    left, bottom, right, top, size = values
    return _TextObject(handle, left, bottom, right, top, size)
