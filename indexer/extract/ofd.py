"""Reading OFD files (GB/T 33190): pages as glyphs for the layout stage, drawings for the reader.

An OFD file is a ZIP package of XML parts: ``OFD.xml`` (``DocBody``: ``DocInfo`` with Title,
Author, CreationDate, Keywords; ``DocRoot``) → ``Document.xml`` (``CommonData``: the default
``PageArea``, ``PublicRes``/``DocumentRes`` with fonts, images and composite units, template pages;
``Pages``) → each page's ``Content.xml`` (``Area/PhysicalBox``, ``Template`` references,
``Content/Layer`` → ``TextObject``, ``ImageObject``, ``PathObject``, ``CompositeObject``, ``PageBlock``).

A ``TextObject`` has a ``Boundary`` (its origin on the page), an optional ``CTM`` (object space →
boundary space), a ``Font`` and a ``Size``; each ``TextCode`` places its first character at
(``X``, ``Y``) (the baseline) and the next ones ``DeltaX``/``DeltaY`` further, in the compressed
``g N d`` syntax (N times d). Units are millimetres, origin at the top left. Characters become
`PageChar` glyphs in PDF points (1 mm = 72/25.4 pt) with the same meaning as the PDF readers'
(`indexer.extract.glyphs`), so everything after layout is shared with PDF.

This is our own reader over `zipfile` and ElementTree: of the two libraries on PyPI measured on
the 13 real files (docs/extraction.md, "OFD"), easyofd crashes on three and reads no text from a
fourth, and ofdkit gives runs of text without per-character positions or fonts. It reads element
names without their namespace (real files use several namespaces, or none on some elements) and
part names without regard to case or a leading slash.

Every failure is an `ExtractionError`: not a ZIP package, a truncated one, missing parts, an
encrypted package, parts that would unpack past `MAX_PART_BYTES`. A page whose content cannot be
read raises from `read`, and the pipeline reports that page alone.
"""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from indexer.errors import ExtractionError
from indexer.extract.layout import GlyphRecord, PageChar, record_of

MM = 72 / 25.4  # points per millimetre
MAX_PART_BYTES = 64 * 1024 * 1024  # an XML part or an image unpacking past this is refused
MAX_PAGES = 20000
MAX_NESTING = 8  # composite objects, page blocks and templates inside each other
MAX_GLYPHS_PER_PAGE = 200_000
ASCENT = 0.88  # of the em above the baseline; the rest below, as a CJK font's box
DEFAULT_PAGE = (0.0, 0.0, 210.0, 297.0)  # A4, when a file names no page area

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if element is None else [c for c in element if _local(c.tag) == name]


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _text(element: ET.Element | None, name: str) -> str:
    found = _child(element, name)
    return (found.text or "").strip() if found is not None else ""


def _numbers(value: str | None) -> list[float]:
    out = []
    for part in (value or "").replace(",", " ").split():
        try:
            number = float(part)
        except ValueError:
            return []
        if not math.isfinite(number):
            return []
        out.append(number)
    return out


def _box(value: str | None) -> tuple[float, float, float, float] | None:
    numbers = _numbers(value)
    return (numbers[0], numbers[1], numbers[2], numbers[3]) if len(numbers) >= 4 else None


def _matrix(value: str | None) -> Matrix:
    numbers = _numbers(value)
    return (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]) if len(numbers) >= 6 else IDENTITY


def compose(outer: Matrix, inner: Matrix) -> Matrix:
    """The transform applying `inner` first, then `outer` (x' = a·x + c·y + e, y' = b·x + d·y + f)."""
    a1, b1, c1, d1, e1, f1 = outer
    a, b, c, d, e, f = inner
    return (a1 * a + c1 * b, b1 * a + d1 * b, a1 * c + c1 * d, b1 * c + d1 * d, a1 * e + c1 * f + e1, b1 * e + d1 * f + f1)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """The point (x, y) through `m`."""
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def deltas(value: str | None, limit: int) -> list[float]:
    """A ``DeltaX``/``DeltaY`` list with ``g N d`` expanded, at most `limit` values."""
    tokens = (value or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens) and len(out) < limit:
            if tokens[i] == "g" and i + 2 < len(tokens):
                count = min(int(float(tokens[i + 1])), limit - len(out))
                out.extend([float(tokens[i + 2])] * max(count, 0))
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except ValueError:
        pass
    return [d if math.isfinite(d) else 0.0 for d in out]


def _advance(char: str, size: float) -> float:
    return size if unicodedata.east_asian_width(char) in ("W", "F") else size * 0.5


@dataclass(frozen=True)
class OfdInfo:
    """``DocInfo`` of ``OFD.xml``: what the producer wrote, often the producing software as Author."""

    title: str = ""
    author: str = ""
    subject: str = ""
    creation_date: str = ""
    keywords: tuple[str, ...] = ()
    creator: str = ""


@dataclass
class TextRun:
    """A drawn run of characters (one ``TextCode``) for the reader: page points, top-left origin."""

    text: str
    positions: list[tuple[float, float]]  # each character's baseline origin
    size: float  # the em in points
    font: str
    bold: bool
    italic: bool
    color: tuple[int, int, int]
    angle: float  # degrees, counter-clockwise


@dataclass
class ImageRun:
    """An image drawn on a page: its part name in the package and where it sits (points)."""

    part: str
    matrix: Matrix  # unit square → page points (top-left origin)


@dataclass
class PathRun:
    """A path's subpaths as polylines in page points; stroked and/or filled."""

    polylines: list[list[tuple[float, float]]]
    stroke: tuple[int, int, int] | None
    fill: tuple[int, int, int] | None
    width: float


@dataclass
class PageDrawing:
    """What a page draws, in order: for the reader's painter and for rasterising pages to OCR."""

    width: float
    height: float
    items: list[TextRun | ImageRun | PathRun] = field(default_factory=list)


@dataclass
class _Res:
    fonts: dict[str, tuple[str, str]] = field(default_factory=dict)  # ID → (family name, font part)
    media: dict[str, str] = field(default_factory=dict)  # ID → part name
    units: dict[str, ET.Element] = field(default_factory=dict)  # CompositeGraphicUnit by ID
    colors: dict[str, str] = field(default_factory=dict)  # ColorSpace ID → Type


@dataclass(frozen=True)
class _Page:
    part: str
    templates: tuple[tuple[str, str], ...]  # (template part, ZOrder)
    box: tuple[float, float, float, float]


class OfdDocument:
    """An OFD package opened for reading page by page (the first document of the package).

    `pages` is the page count; `read(index)` gives a page's glyphs (`PageGlyphs`), `drawing(index)`
    what it draws, `size(index)` its size in points, `image(part)` an image's bytes.
    """

    reader = "ofd"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise self._bad_zip() from None
        except OSError as exc:
            raise ExtractionError(self.path, "unreadable", f"无法读取文件 (cannot read the file: {exc.strerror})") from None
        try:
            self._open()
        except BaseException:
            self.zip.close()
            raise

    # ---------------------------------------------------------------- the package

    def _bad_zip(self) -> ExtractionError:
        with open(self.path, "rb") as f:
            head = f.read(4)
        if head.startswith(b"PK"):
            return ExtractionError(self.path, "corrupt", "OFD 文件不完整或已损坏（ZIP 包的目录缺失），可能下载或复制没有完成；"
                                   "请重新获取该文件 (truncated or damaged OFD: the ZIP directory is missing; get the file again)")
        return ExtractionError(self.path, "not_pdf", "这不是 OFD 文件（不是 ZIP 包），只是文件名以 .ofd 结尾 "
                               "(not an OFD file: not a ZIP package, only the name ends in .ofd)")

    def _open(self) -> None:
        self.names = {n.strip("/").lower(): n for n in self.zip.namelist() if not n.endswith("/")}
        if any(info.flag_bits & 0x1 for info in self.zip.infolist()) or self._find("encryptions.xml"):
            raise ExtractionError(self.path, "encrypted", "OFD 文件已加密，无法读取；请用制作它的软件另存一份未加密的版本 "
                                  "(the OFD package is encrypted; save an unencrypted copy with the software that made it)")
        root = self._xml("OFD.xml") if self._find("OFD.xml") else None
        body = _child(root, "DocBody")
        doc_root = _text(body, "DocRoot") or self._guess_document()
        self.info = _doc_info(_child(body, "DocInfo"))
        self.signed = bool(_text(body, "Signatures")) or any(n.endswith("signatures.xml") for n in self.names)
        document = self._xml(doc_root)
        self.doc_dir = posixpath.dirname(self._resolve(doc_root, ""))
        common = _child(document, "CommonData")
        self.default_box = _box(_text(_child(common, "PageArea"), "PhysicalBox")) or DEFAULT_PAGE
        self.res = _Res()
        for name in ("PublicRes", "DocumentRes"):
            for res in _children(common, name):
                self._load_res((res.text or "").strip())
        self.templates = {t.get("ID", ""): self._resolve(t.get("BaseLoc", ""), self.doc_dir)
                          for t in _children(common, "TemplatePage")}
        self.template_order = {t.get("ID", ""): t.get("ZOrder", "Background") for t in _children(common, "TemplatePage")}
        entries = _children(_child(document, "Pages"), "Page")
        if len(entries) > MAX_PAGES:
            raise ExtractionError(self.path, "corrupt", f"OFD 文件声称有 {len(entries)} 页，超出上限 {MAX_PAGES} "
                                  f"(the OFD claims {len(entries)} pages, over the limit of {MAX_PAGES})")
        self._entries = [self._resolve(e.get("BaseLoc", ""), self.doc_dir) for e in entries]
        self._pages: dict[int, _Page] = {}

    def _guess_document(self) -> str:
        """A package without ``OFD.xml`` (seen in real files): its first ``Doc_N/Document.xml``."""
        found = sorted(n for n in self.names if re.fullmatch(r"doc_\d+/document\.xml", n))
        if not found:
            raise ExtractionError(self.path, "corrupt", "OFD 文件缺少 OFD.xml 和 Document.xml，无法读取 "
                                  "(the OFD package has neither OFD.xml nor a Document.xml: missing parts)")
        return self.names[found[0]]

    def _find(self, part: str) -> str | None:
        key = part.strip("/").lower()
        if key in self.names:
            return self.names[key]
        return None

    def _resolve(self, loc: str, base: str) -> str:
        """A part name from a location written in a file: absolute (``/Doc_0/…``) or relative to `base`."""
        loc = loc.strip().replace("\\", "/")
        if loc.startswith("/"):
            candidates = [loc.lstrip("/")]
        else:  # relative to the referring part; some producers write it relative to the package or document
            candidates = [posixpath.join(base, loc), loc, posixpath.join(getattr(self, "doc_dir", ""), loc)]
        for candidate in candidates:
            found = self._find(posixpath.normpath(candidate))
            if found:
                return found
        return posixpath.normpath(candidates[0])

    def part(self, name: str) -> bytes:
        """The bytes of a part; `ExtractionError` when it is missing, damaged or too large."""
        found = self._find(name)
        if found is None:
            raise ExtractionError(self.path, "corrupt", f"OFD 文件缺少部件 {name} (the OFD package lacks the part {name})")
        info = self.zip.getinfo(found)
        if info.file_size > MAX_PART_BYTES:
            raise ExtractionError(self.path, "corrupt", f"OFD 部件 {name} 解压后 {info.file_size >> 20} MB，超出上限 "
                                  f"(the part {name} unpacks to {info.file_size >> 20} MB: too large)")
        try:
            return self.zip.read(found)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise ExtractionError(self.path, "corrupt", f"OFD 部件 {name} 已损坏 (the part {name} is damaged: "
                                  f"{type(exc).__name__})") from None

    def _xml(self, name: str) -> ET.Element:
        data = self.part(name)
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise ExtractionError(self.path, "corrupt", f"OFD 部件 {name} 不是有效的 XML (the part {name} is not "
                                  f"well-formed XML: {exc})") from None

    def _load_res(self, loc: str) -> None:
        if not loc:
            return
        name = self._resolve(loc, self.doc_dir)
        if self._find(name) is None:
            return  # a resource file named but absent: its fonts fall back to defaults
        root = self._xml(name)
        base = self._resolve(root.get("BaseLoc", ""), posixpath.dirname(name)) if root.get("BaseLoc") else posixpath.dirname(name)
        for font in _children(_child(root, "Fonts"), "Font"):
            self.res.fonts[font.get("ID", "")] = (font.get("FontName") or font.get("FamilyName") or "",
                                                  self._resolve(_text(font, "FontFile"), base) if _text(font, "FontFile") else "")
        for media in _children(_child(root, "MultiMedias"), "MultiMedia"):
            self.res.media[media.get("ID", "")] = self._resolve(_text(media, "MediaFile"), base)
        for unit in _children(_child(root, "CompositeGraphicUnits"), "CompositeGraphicUnit"):
            self.res.units[unit.get("ID", "")] = unit
        for space in _children(_child(root, "ColorSpaces"), "ColorSpace"):
            self.res.colors[space.get("ID", "")] = space.get("Type", "RGB")

    # ---------------------------------------------------------------- pages

    @property
    def pages(self) -> int:
        """The number of pages the document lists."""
        return len(self._entries)

    def _page(self, index: int) -> tuple[_Page, ET.Element]:
        root = self._xml(self._entries[index])
        area = _box(_text(_child(root, "Area"), "PhysicalBox")) or self.default_box
        templates = tuple((self.templates[t.get("TemplateID", "")], t.get("ZOrder") or self.template_order.get(t.get("TemplateID", ""), "Background"))
                          for t in _children(root, "Template") if t.get("TemplateID", "") in self.templates)
        return _Page(self._entries[index], templates, area), root

    def size(self, index: int) -> tuple[float, float]:
        """Page `index`'s width and height in points."""
        try:
            page, _ = self._page(index)
        except ExtractionError:
            return self.default_box[2] * MM, self.default_box[3] * MM
        return page.box[2] * MM, page.box[3] * MM

    def drawing(self, index: int) -> PageDrawing:
        """What page `index` draws, templates behind (or in front, as their ZOrder says), in page points."""
        page, root = self._page(index)
        x0, y0 = page.box[0], page.box[1]
        to_points: Matrix = (MM, 0.0, 0.0, MM, -x0 * MM, -y0 * MM)
        drawing = PageDrawing(page.box[2] * MM, page.box[3] * MM)
        behind = [part for part, order in page.templates if order != "Foreground"]
        front = [part for part, order in page.templates if order == "Foreground"]
        for part in behind:
            self._layers(self._xml(part), to_points, drawing)
        self._layers(root, to_points, drawing)
        for part in front:
            self._layers(self._xml(part), to_points, drawing)
        return drawing

    def read(self, index: int) -> PageGlyphs:
        """The glyphs of page `index` (0-based), as the PDF readers give them."""
        drawing = self.drawing(index)
        chars: list[PageChar] = []
        for item in drawing.items:
            if isinstance(item, TextRun):
                chars.extend(_glyphs(item))
        return PageGlyphs(drawing.width, drawing.height, chars, "ofd")

    def image(self, part: str) -> bytes:
        """An image's bytes (`ImageRun.part`)."""
        return self.part(part)

    def close(self) -> None:
        """Release the file."""
        self.zip.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---------------------------------------------------------------- content

    def _layers(self, root: ET.Element, matrix: Matrix, drawing: PageDrawing) -> None:
        for layer in _children(_child(root, "Content"), "Layer"):
            self._objects(layer, matrix, drawing, 0)

    def _objects(self, parent: ET.Element, matrix: Matrix, drawing: PageDrawing, depth: int) -> None:
        for element in parent:
            name = _local(element.tag)
            if len(drawing.items) > MAX_GLYPHS_PER_PAGE:
                raise ExtractionError(self.path, "corrupt", "OFD 页面的对象过多 (a page holds too many objects)")
            if name == "TextObject":
                self._text_object(element, matrix, drawing)
            elif name == "ImageObject":
                part = self.res.media.get(element.get("ResourceID", ""))
                if part:
                    drawing.items.append(ImageRun(part, compose(matrix, _placement(element))))
            elif name == "PathObject":
                self._path_object(element, matrix, drawing)
            elif depth >= MAX_NESTING:
                continue
            elif name == "PageBlock":
                self._objects(element, matrix, drawing, depth + 1)
            elif name == "CompositeObject":
                unit = self.res.units.get(element.get("ResourceID", ""))
                content = _child(unit, "Content")
                if content is not None:
                    self._objects(content, compose(matrix, _placement(element)), drawing, depth + 1)

    def _text_object(self, element: ET.Element, matrix: Matrix, drawing: PageDrawing) -> None:
        m = compose(matrix, _placement(element))
        size = _numbers(element.get("Size"))
        em = size[0] if size else 3.5
        family, _ = self.res.fonts.get(element.get("Font", ""), ("", ""))
        weight = _numbers(element.get("Weight"))
        bold = bool(weight and weight[0] >= 600) or element.get("Bold") == "true"
        color = _color(_child(element, "FillColor"), (0, 0, 0))
        scale = math.sqrt(abs(m[0] * m[3] - m[1] * m[2])) or MM
        angle = math.degrees(math.atan2(-m[1], m[0]))
        x = y = 0.0
        for code in _children(element, "TextCode"):
            text = "".join(" " if c == "\t" else c for c in (code.text or "") if c == "\t" or unicodedata.category(c) != "Cc")
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            if not text:
                continue
            dx = deltas(code.get("DeltaX"), len(text) - 1)
            dy = deltas(code.get("DeltaY"), len(text) - 1)
            positions = []
            px, py = x, y
            for i, char in enumerate(text):
                positions.append(apply(m, px, py))
                if dx or not dy:
                    px += dx[i] if i < len(dx) else (dx[-1] if dx else _advance(char, em))
                if dy:
                    py += dy[i] if i < len(dy) else dy[-1]
            drawing.items.append(TextRun(text, positions, em * scale, family, bold,
                                         element.get("Italic") == "true", color, angle))
            x, y = px, py

    def _path_object(self, element: ET.Element, matrix: Matrix, drawing: PageDrawing) -> None:
        m = compose(matrix, _placement(element))
        stroke = element.get("Stroke", "true") != "false"
        fill = element.get("Fill") == "true"
        if not (stroke or fill):
            return
        width = (_numbers(element.get("LineWidth")) or [0.353])[0] * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        polylines = [[apply(m, px, py) for px, py in line] for line in _path(_text(element, "AbbreviatedData"))]
        if polylines:
            drawing.items.append(PathRun(polylines, _color(_child(element, "StrokeColor"), (0, 0, 0)) if stroke else None,
                                         _color(_child(element, "FillColor"), (0, 0, 0)) if fill else None, width))

    def has_images(self, index: int) -> float:
        """The share of page `index`'s area covered by images (0–1)."""
        drawing = self.drawing(index)
        area = 0.0
        for item in drawing.items:
            if isinstance(item, ImageRun):
                a, b, c, d, _, _ = item.matrix
                area += abs(a * d - b * c)
        return min(area / (drawing.width * drawing.height), 1.0) if drawing.width * drawing.height else 0.0


@dataclass
class PageGlyphs:
    """One page read: its size in points and its glyphs in drawing order (as `glyphs.PageGlyphs`)."""

    width: float
    height: float
    chars: list[PageChar]
    reader: str

    @property
    def records(self) -> list[GlyphRecord]:
        """The glyphs as layout reads them."""
        return [record_of(char) for char in self.chars]


def _placement(element: ET.Element) -> Matrix:
    """Object space → its parent's space: the object's CTM, then a move to its Boundary's origin."""
    box = _box(element.get("Boundary")) or (0.0, 0.0, 0.0, 0.0)
    a, b, c, d, e, f = _matrix(element.get("CTM"))
    return (a, b, c, d, e + box[0], f + box[1])


def _glyphs(run: TextRun) -> Iterator[PageChar]:
    """A run's characters as layout glyphs: the em box on the baseline, turned with the run."""
    cos, sin = math.cos(math.radians(run.angle)), math.sin(math.radians(run.angle))
    fontname = run.font + (",Bold" if run.bold else "")
    upright = abs(run.angle) < 45
    positions = run.positions
    for i, char in enumerate(run.text):
        x, y = positions[i]
        if i + 1 < len(positions):
            nx, ny = positions[i + 1]
            advance = math.hypot(nx - x, ny - y)
            if advance > 3 * run.size or advance < 0.05 * run.size:
                advance = _advance(char, run.size)
        else:
            advance = _advance(char, run.size)
        # The box's corners in run space (x along the baseline, y down), turned by the run's angle.
        corners = [(0.0, -ASCENT * run.size), (advance, -ASCENT * run.size), (0.0, (1 - ASCENT) * run.size),
                   (advance, (1 - ASCENT) * run.size)]
        xs = [x + u * cos + v * sin for u, v in corners]
        ys = [y - u * sin + v * cos for u, v in corners]
        yield {"text": char, "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys), "size": run.size,
               "fontname": fontname, "upright": upright, "weight": 700 if run.bold else 400,
               "fill": (*run.color, 255), "angle": run.angle}


def _color(element: ET.Element | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    """An OFD colour value: ``"238 32 37"`` or ``"#ee #20 #25"`` (RGB; grey and CMYK roughly)."""
    if element is None or not element.get("Value"):
        return default
    parts = []
    for token in (element.get("Value") or "").split():
        try:
            parts.append(int(token[1:], 16) if token.startswith("#") else int(float(token)))
        except ValueError:
            return default
    if len(parts) == 1:
        return (parts[0], parts[0], parts[0])
    if len(parts) == 4:  # CMYK
        c, m, y, k = (min(max(p, 0), 255) / 255 for p in parts)
        return (round(255 * (1 - c) * (1 - k)), round(255 * (1 - m) * (1 - k)), round(255 * (1 - y) * (1 - k)))
    if len(parts) >= 3:
        return (min(max(parts[0], 0), 255), min(max(parts[1], 0), 255), min(max(parts[2], 0), 255))
    return default


def _path(data: str) -> list[list[tuple[float, float]]]:
    """``AbbreviatedData`` as polylines: S/M move, L line, Q/B curves (to their end points), A arcs, C close."""
    tokens = data.split()
    lines: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    arity = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    i = 0
    while i < len(tokens):
        op = tokens[i]
        n = arity.get(op)
        if n is None:
            i += 1
            continue
        values = _numbers(" ".join(tokens[i + 1:i + 1 + n]))
        i += 1 + n
        if len(values) != n:
            break
        if op in ("S", "M"):
            if len(current) > 1:
                lines.append(current)
            current = [(values[0], values[1])]
        elif op == "C":
            if current:
                current.append(current[0])
        elif current:
            current.append((values[-2], values[-1]))
    if len(current) > 1:
        lines.append(current)
    return lines


def _doc_info(element: ET.Element | None) -> OfdInfo:
    keywords = tuple(k.text.strip() for k in _children(_child(element, "Keywords"), "Keyword") if k.text and k.text.strip())
    return OfdInfo(title=_text(element, "Title"), author=_text(element, "Author"), subject=_text(element, "Subject"),
                   creation_date=_text(element, "CreationDate"), keywords=keywords, creator=_text(element, "Creator"))
