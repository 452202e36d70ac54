"""The digest as a PDF: real, selectable text in embedded, subset Chinese fonts (fpdf2).

Why fpdf2 and not Qt's QPdfWriter: measured with Noto CJK (CFF outlines, the usual Linux font),
Qt 6.12 writes a ToUnicode map that turns 力 生 行 into the Kangxi radicals ⼒ ⽣ ⾏ and leaves
digits unmapped, so copied or searched text is wrong. fpdf2 embeds TrueType (FontFile2) and
CFF/OTC (FontFile3) subsets with a correct map, needs no display, and works the same on Windows.
Layout (Chinese line breaking, justification, pages) is ours: `linebreak`, `pdf_styles`.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Iterator, Sequence
from itertools import groupby
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.fonts import TTFFont

from userdata.digest.document import DigestDocument
from userdata.digest.export import blocks, fonts, fontsubset, linebreak
from userdata.digest.export.atomic import replacing
from userdata.digest.export.errors import ExportError
from userdata.digest.export.pdf_styles import (
    BOTTOM,
    LEFT,
    MM,
    PAGE_H,
    PAGE_W,
    RED,
    RIGHT,
    TEXT,
    TEXT_W,
    TOP,
    Style,
    style_of,
)
from userdata.digest.export.richtext import Span

_COVER = {blocks.TITLE, blocks.ISSUE, blocks.META}
#: How `_Flow` draws a character: (font family, size, span); the `style` of its `linebreak.Atom`.
_Key = tuple[str, float, Span]


FOOTER_CHARS = "— 0123456789"


def write(document: DigestDocument, path: Path, font_dirs: Sequence[Path] | None = None) -> None:
    """Write `document` as a PDF to `path`; `font_dirs` replaces the system font folders (tests)."""
    faces = fonts.faces(font_dirs)
    paras = blocks.paragraphs(document)
    mark = document.cover.mark.strip()
    with tempfile.TemporaryDirectory(prefix="hanlin-pdf-") as folder:
        pdf = _Pdf(mark, faces, _needs(paras, mark), Path(folder))
        _metadata(pdf, document)
        pdf.add_page()
        _Flow(pdf).run(paras)
        with replacing(path) as tmp:
            pdf.output(str(tmp))


def _needs(paras: list[blocks.Para], mark: str) -> dict[str, set[str]]:
    """Role → the characters the PDF draws in that role's face (as `_Flow` will draw them)."""
    needs: dict[str, set[str]] = {role: set() for role in fonts.ROLES}
    for para in paras:
        style = style_of(para)
        for span in para.spans:
            needs["hei" if span.label else style.role].update(span.text)
        needs[style.role].update(para.tail)
        needs["hei"].update(para.marker)
    needs["hei"].update(mark)
    needs["song"].update(FOOTER_CHARS)
    for chars in needs.values():
        chars.discard("\n")
    return needs


def _metadata(pdf: FPDF, document: DigestDocument) -> None:
    cover = document.cover
    pdf.set_title(cover.title)
    pdf.set_author(cover.compiler or cover.organisation)
    pdf.set_subject(cover.issue or "专题摘编")
    pdf.set_creator(document.generator)
    pdf.set_keywords("专题摘编 决策参考")
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(dt.datetime.now(dt.UTC))


class _Pdf(FPDF):
    """An A4 page in points with the mark in the header and "— n —" in the footer."""

    def __init__(self, mark: str, faces: dict[str, fonts.Face], needs: dict[str, set[str]], folder: Path):
        super().__init__(unit="pt", format="A4")
        self.set_auto_page_break(False)
        self.set_margins(LEFT, TOP, RIGHT)
        self.mark = mark
        self.family: dict[str, str] = {}
        self.chain: dict[str, list[str]] = {}
        self.widths: dict[tuple[str, str], float] = {}
        self._register(faces, needs, folder)

    def _register(self, faces: dict[str, fonts.Face], needs: dict[str, set[str]], folder: Path) -> None:
        """Load each distinct face cut down to the characters it will draw (see `fontsubset`).

        A character goes to the first face of its role's chain that has it: the role's own
        face, then the other faces in `fonts.ROLES` order.
        """
        distinct = list(dict.fromkeys(faces[r] for r in fonts.ROLES))
        names = {face: f"f{i}" for i, face in enumerate(distinct)}
        sources: dict[fonts.Face, fontsubset.Source] = {}
        try:
            for face in distinct:
                sources[face] = fontsubset.Source(face)
            chains = {r: [faces[r]] + [f for f in distinct if f != faces[r]] for r in fonts.ROLES}
            drawn: dict[fonts.Face, set[str]] = {face: {" "} for face in distinct}  # never an empty font
            for role, chars in needs.items():
                for char in chars:
                    face = next((f for f in chains[role] if sources[f].has(char)), faces[role])
                    drawn[face].add(char)
            for face in distinct:
                small = folder / f"{names[face]}.ttf"
                _save(small, sources[face].subset(drawn[face]))
                self.add_font(names[face], "", str(small))
        except ExportError:
            raise
        except fontsubset.BROKEN as exc:
            raise ExportError("font", f"字体文件无法使用：{face.path}（{exc}）"
                                      f"(the font file {face.path} cannot be used: {exc})") from exc
        finally:
            for source in sources.values():
                source.close()
        for role in fonts.ROLES:
            self.family[role] = names[faces[role]]
            self.chain[role] = [names[f] for f in chains[role]]

    def font_for(self, role: str, char: str) -> str:
        """The first font of `role`'s chain that has `char` (else the role's own)."""
        for family in self.chain[role]:
            font = self.fonts[family]
            if isinstance(font, TTFFont) and ord(char) in font.cmap:  # `_register` adds TrueType fonts only
                return family
        return self.family[role]

    def width(self, family: str, char: str, size: float) -> float:
        """The advance of `char` in `family` at `size` points (the current font is left alone)."""
        key = (family, char)
        if key not in self.widths:
            font = self.fonts[family]
            self.widths[key] = font.get_text_width(char, 1.0, None)[1] if char != "\n" else 0.0
        return self.widths[key] * size

    def measure(self, role: str, text: str, size: float) -> float:
        """The width of `text` set in `role`'s fonts."""
        return sum(self.width(self.font_for(role, c), c, size) for c in text)

    def plain(self, role: str, x: float, baseline: float, text: str, size: float) -> float:
        """Draw `text` in `role`'s fonts (each character from the first font that has it); end x."""
        self.set_text_color(*TEXT)
        for family, chars in groupby(text, key=lambda c: self.font_for(role, c)):
            run = "".join(chars)
            self.set_font(family, size=size)
            self.text(x, baseline, run)
            x += sum(self.width(family, c, size) for c in run)
        return x

    def header(self) -> None:
        """The mark, 黑体 三号, at the top left of every page."""
        if self.mark:
            self.plain("hei", LEFT, TOP - 9 * MM, self.mark, 16)

    def footer(self) -> None:
        """"— n —" in 宋体 四号, a character in from the right on odd pages and the left on even ones."""
        number = f"— {self.page_no()} —"
        width = self.measure("song", number, 14)
        x = PAGE_W - RIGHT - 14 - width if self.page_no() % 2 else LEFT + 14
        self.plain("song", x, PAGE_H - BOTTOM + 7 * MM + 12, number, 14)


def _save(path: Path, data: bytes) -> None:
    """Write a cut-down font to the temporary folder; a full disk is a write error, not a font one."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise ExportError("write", f"无法写入临时文件 {path}：{reason}（cannot write the temporary file {path}: "
                                   f"{reason}）") from exc


class _Flow:
    """Lays paragraphs out down the pages."""

    def __init__(self, pdf: _Pdf) -> None:
        self.pdf = pdf
        self.y = TOP
        self.cover_done = False

    def run(self, paras: list[blocks.Para]) -> None:
        for i, para in enumerate(paras):
            if not self.cover_done and para.kind not in _COVER:
                self._rule()
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            self._para(para, nxt)
        if not self.cover_done:
            self._rule()

    def _rule(self) -> None:
        """The red line under the cover block (版头分隔线)."""
        self.cover_done = True
        self.y += 6
        self.pdf.set_draw_color(*RED)
        self.pdf.set_line_width(1.2)
        self.pdf.line(LEFT, self.y, LEFT + TEXT_W, self.y)
        self.y += 12

    def _figure(self, para: blocks.Para, nxt: blocks.Para | None) -> None:
        """A picture, centred, at 2 pixels per point and at most the text's width and half a page's height;
        it goes to the next page with room for it and its caption."""
        width, height = blocks.png_size(para.image)
        if not width or not height:
            return
        w = min(TEXT_W, width / 2)
        h = w * height / width
        if h > (PAGE_H - TOP - BOTTOM) / 2:
            h = (PAGE_H - TOP - BOTTOM) / 2
            w = h * width / height
        style = style_of(para)
        self.y += style.before
        caption = style_of(nxt).pitch if nxt is not None and nxt.kind == blocks.CAPTION else 0.0
        if self.y + h + caption > PAGE_H - BOTTOM:
            self._page()
        self.pdf.image(io.BytesIO(para.image), x=LEFT + (TEXT_W - w) / 2, y=self.y, w=w, h=h)
        self.y += h + 4

    def _para(self, para: blocks.Para, nxt: blocks.Para | None) -> None:
        if para.kind == blocks.FIGURE:
            self._figure(para, nxt)
            return
        style = style_of(para)
        left, first = self._indents(para, style)
        items = self._atoms(para.spans, style)
        avail = TEXT_W - left - style.right
        if para.tail:  # the date, flush right on the first line
            avail -= self.pdf.measure(style.role, para.tail, style.size) + style.size
        lines = linebreak.lines(items, avail - first, avail) or [linebreak.Line(0, 0, 0.0, True)]
        if para.first and self.y > TOP:
            self.y += style.before
        need = min(len(lines), 2) * style.pitch
        if style.keep and nxt is not None:
            need = len(lines) * style.pitch + 2 * style_of(nxt).pitch
        if self.y + need > PAGE_H - BOTTOM:
            self._page()
        if para.kind in (blocks.HEADING, blocks.REFS_HEADING):
            self.pdf.start_section(para.text, max(para.level - 1, 0), strict=False)
        for n, line in enumerate(lines):
            if self.y + style.pitch > PAGE_H - BOTTOM:
                self._page()
            if para.marker and n == 0:
                self._draw_marker(para.marker, left, style)
            x0 = LEFT + left + (first if n == 0 else 0)
            self._line(items, line, x0, avail - (first if n == 0 else 0), style)
            if para.tail and n == 0:
                self._tail(para.tail, style)
            self.y += style.pitch
        self.y += style.after

    def _indents(self, para: blocks.Para, style: Style) -> tuple[float, float]:
        """Left indent and first-line indent; hanging for references and list items."""
        if para.kind == blocks.REFERENCE:
            hang = self.pdf.measure(style.role, para.spans[0].text, style.size)
            return style.left + hang, -hang
        if para.marker:
            return style.left + style.first + style.size * 1.5, 0.0
        return style.left, style.first

    def _page(self) -> None:
        self.pdf.add_page()
        self.y = TOP

    def _atoms(self, spans: Sequence[Span], style: Style) -> list[linebreak.Atom[_Key]]:
        pieces: list[tuple[str, float, _Key, bool]] = []
        for span in spans:
            role = "hei" if span.label else style.role
            size = style.size * (0.6 if span.sup else 1.0)
            for char in span.text:
                family = self.pdf.font_for(role, char) if char not in "\n" else self.pdf.family[role]
                width = self.pdf.width(family, char, size) if char != "\n" else 0.0
                pieces.append((char, width, (family, size, span), span.sup))
        return linebreak.atoms(pieces, max_word=TEXT_W / 2)


    def _line(self, items: list[linebreak.Atom[_Key]], line: linebreak.Line, x: float, avail: float,
              style: Style) -> None:
        shown = linebreak.visible(items, line)
        width = sum(a.width for a in shown)
        gap = linebreak.stretch(items, line, avail, style.size) if style.align == "justify" else 0.0
        if style.align == "center":
            x += (avail - width) / 2
        baseline = self._baseline(style)
        for run, key, spaced in _runs(shown):
            x = self._draw(run, key, x, baseline, gap if spaced else 0.0)
            if not spaced:
                x += gap

    def _draw(self, text: str, key: _Key, x: float, baseline: float, gap: float) -> float:
        family, size, span = key
        pdf = self.pdf
        pdf.set_font(family, size=size)
        pdf.set_text_color(*TEXT)
        pdf.set_char_spacing(gap)
        y = baseline - (size / 0.6) * 0.36 if span.sup else baseline
        width = sum(pdf.width(family, c, size) for c in text) + gap * len(text)
        with pdf.local_context():
            if span.bold:
                pdf.set_draw_color(*TEXT)
                pdf.set_line_width(size * 0.035)
                pdf.text_mode = TextMode.FILL_STROKE
            if span.italic:
                with pdf.skew(ax=12, x=x, y=y):
                    pdf.text(x, y, text)
            else:
                pdf.text(x, y, text)
            if span.underline:
                pdf.set_draw_color(*TEXT)
                pdf.set_line_width(size * 0.05)
                pdf.line(x, y + size * 0.15, x + width - gap, y + size * 0.15)
        pdf.set_char_spacing(0)
        return x + width

    def _tail(self, tail: str, style: Style) -> None:
        x = LEFT + TEXT_W - style.right - self.pdf.measure(style.role, tail, style.size)
        self.pdf.plain(style.role, x, self._baseline(style), tail, style.size)

    def _draw_marker(self, marker: str, left: float, style: Style) -> None:
        x = LEFT + left - style.size * 1.5  # in 黑体: 楷体's bullet is a dot
        self.pdf.plain("hei", x, self._baseline(style), marker, style.size)

    def _baseline(self, style: Style) -> float:
        """The baseline of the line at `self.y`: the text centred in the line pitch."""
        return self.y + (style.pitch - style.size) / 2 + style.size * 0.86


def _runs(atoms: list[linebreak.Atom[_Key]]) -> Iterator[tuple[str, _Key, bool]]:
    """The atoms to draw as ``(text, style, spaced)``.

    Consecutive one-character atoms of one style are joined and drawn with the justification
    gap as character spacing (`spaced`); a Latin word is drawn alone, the gap after it.
    """
    run = ""
    key: _Key | None = None  # the style of `run`'s characters, set with its first one
    for atom in atoms:
        single = len(atom.text) == 1
        if run and key is not None and (atom.style != key or not single):
            yield run, key, True
            run = ""
        if single:
            run += atom.text
            key = atom.style
        else:
            yield atom.text, atom.style, False
    if run and key is not None:
        yield run, key, True
