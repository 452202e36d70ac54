"""Page layout: glyphs → text lines → columns → lines in reading order.

Works on plain glyphs (`GlyphRecord` tuples, or `PageChar` dictionaries with pdfplumber's
`page.chars` fields, from any glyph reader), never on a library's text assembly: that reads
two-column pages across the columns and spaces out CJK text.

- over-printed glyphs (fake bold: the same character drawn 2–4 times at nearly the same
  place) are kept once and mark their line as bold;
- glyphs on one baseline are split into fragments at gaps wider than a column gutter;
- columns (2 to 4) are found from the horizontal projection of the fragments: a gutter is
  a vertical strip that almost no fragment crosses; fragments that do cross it (titles,
  wide tables) are full-width blocks that cut the page into bands, and each band is read
  column by column, top to bottom;
- a space is put between Latin words only; never between Han characters.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, NotRequired, Protocol, TypedDict

from indexer.extract.normalize import is_cjk, is_unusable_glyph, normalize_glyph

FRAGMENT_GAP_EM = 1.0  # a gap this many ems wide splits a baseline into fragments
SPACE_GAP_EM = 0.2  # a gap this wide between Latin glyphs is a word space


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, top-left origin


class PageChar(TypedDict):
    """One glyph as a glyph reader gives it (`indexer.extract.glyphs`), in pdfplumber's fields.

    Layout reads the first eight; the pdfium reader adds the font's weight (100–900), the
    fill colour (RGBA, 0–255) and the baseline's angle (degrees, counter-clockwise).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: NotRequired[float]
    fontname: NotRequired[str]
    upright: NotRequired[bool]
    weight: NotRequired[int]
    fill: NotRequired[tuple[int, int, int, int]]
    angle: NotRequired[float]
    drawn: NotRequired[bool]  # pdfium: a Type 3 font's glyph without Unicode (`PdfiumPage`)
    figure: NotRequired[bool]  # pdfium: a glyph without Unicode inside a figure (`PdfiumPage`)


@dataclass(slots=True)
class Glyph:
    """One normalised glyph with its box (PDF points, origin top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    bold: bool = False
    space_before: bool = False  # the PDF drew a space glyph just before this one


@dataclass
class Line:
    """A line of text in one column (or spanning the page), in reading order."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    column: int = 0  # -1: spans the columns
    col_x0: float = 0.0
    col_x1: float = 0.0
    glyphs: list[Glyph] = field(default_factory=list, repr=False)
    boxes: list[Box | None] = field(default_factory=list, repr=False)  # one per character of text

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class PageLayout:
    """The lines of one page in reading order, and what was wrong with its text layer."""

    number: int
    width: float
    height: float
    lines: list[Line]
    glyph_count: int
    unusable_count: int
    vertical: bool = False


#: A glyph as layout reads it, without a dictionary: `PageChar`'s first eight fields in that order
#: (text, x0, x1, top, bottom, size, fontname, upright), then what the reader keeps with it, which
#: layout ignores: the pdfium reader's style (weight, fill, angle), or None. The readers make their
#: glyphs as these: reading and laying out the ingest benchmark's pages took a tenth more CPU with
#: a dictionary per glyph.
GlyphRecord = tuple[str, float, float, float, float, float, str, bool, "GlyphStyle | None"]


class GlyphStyle(Protocol):
    """What a reader keeps with a `GlyphRecord`: its further `PageChar` fields."""

    def fields(self) -> dict[str, Any]: ...


def record_of(char: PageChar) -> GlyphRecord:
    """A glyph dictionary as a `GlyphRecord` (a missing size is 0, a missing font name empty)."""
    size = char.get("size") or 0.0
    return (char["text"], char["x0"], char["x1"], char["top"], char["bottom"],
            size if size.__class__ is float else float(size), char.get("fontname", ""), char.get("upright", True),
            None)


def char_of(record: GlyphRecord) -> PageChar:
    """A `GlyphRecord` as a glyph dictionary, with its style's fields."""
    text, x0, x1, top, bottom, size, fontname, upright, style = record
    char: PageChar = {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
                      "fontname": fontname, "upright": upright}
    if style is not None:
        char.update(style.fields())  # type: ignore[typeddict-item]
    return char


def analyse_page(chars: list[PageChar], number: int, width: float, height: float, *,
                 boxes: bool = True) -> PageLayout:
    """Lay out one page's glyph dictionaries (from any reader) as lines in reading order.

    Without `boxes`, lines are made without their characters' boxes (`Line.boxes` empty): the
    index needs only the text, the reader's highlights the boxes.
    """
    return analyse_records([record_of(char) for char in chars], number, width, height, boxes=boxes)


def analyse_records(records: list[GlyphRecord], number: int, width: float, height: float, *,
                    boxes: bool = True) -> PageLayout:
    """`analyse_page` of glyphs given as `GlyphRecord` tuples."""
    upright, vertical, unusable = _glyphs(records)
    count = len(upright) + len(vertical) + unusable
    if len(vertical) > len(upright) or _stacked(upright):
        lines = _vertical_lines(vertical if len(vertical) > len(upright) else upright, number)
        return PageLayout(number, width, height, lines, count, unusable, vertical=True)
    fragments = _fragments(_dedupe(upright))
    lines = _order(fragments, number, width, boxes)
    return PageLayout(number, width, height, lines, count, unusable)


def _glyphs(records: list[GlyphRecord]) -> tuple[list[Glyph], list[Glyph], int]:
    """The page's glyphs set upright, those turned (vertical writing), and how many were unusable."""
    upright: list[Glyph] = []
    turned: list[Glyph] = []
    unusable = 0
    space = False
    known = _glyph_kinds.get
    bold_fonts: dict[str, bool] = {}
    font_before: str | None = None
    bold = False
    make, keep_upright, keep_turned = Glyph, upright.append, turned.append
    for raw, x0, x1, top, bottom, size, font, upright_glyph, _ in records:
        text = known(raw)
        if text is None:
            text = _glyph_kind(raw)
        if text is _UNUSABLE:
            unusable += 1
            continue
        if text is _SPACE:
            space = True
            continue
        if not text:
            continue
        if not size:
            size = (bottom - top) or 10.0
        if font is not font_before:  # a page's glyphs come in runs of one font
            font_before = font
            known_bold = bold_fonts.get(font)
            if known_bold is None:
                known_bold = bold_fonts[font] = "Bold" in font or "Heavy" in font
            bold = known_bold
        glyph = make(text, x0, x1, top, bottom, size, font, bold, space)
        if upright_glyph:
            keep_upright(glyph)
        else:
            keep_turned(glyph)
        space = False
    return upright, turned, unusable


_UNUSABLE = "\x00unusable"  # `_glyph_kind`'s mark of a glyph that means a broken text layer
_SPACE = "\x00space"  # `_glyph_kind`'s mark of a glyph that is only white space
_glyph_kinds: dict[str, str] = {}  # a glyph's raw text -> `_glyph_kind` of it
_GLYPH_KINDS_MAX = 50_000


def _glyph_kind(raw: str) -> str:
    """A glyph's normalised text, `_UNUSABLE` or `_SPACE`; remembered (pages repeat their characters)."""
    if is_unusable_glyph(raw):
        kind = _UNUSABLE
    else:
        kind = normalize_glyph(raw)
        if kind and kind.isspace():
            kind = _SPACE
    if len(_glyph_kinds) < _GLYPH_KINDS_MAX and not raw.startswith("(cid:"):
        _glyph_kinds[raw] = kind
    return kind


def _stacked(glyphs: list[Glyph]) -> bool:
    """Vertical writing with upright glyphs: in drawing order, each glyph sits below the last."""
    if len(glyphs) < 6:
        return False
    # More than 60% of the pairs must be stacked: stop once too many are not.
    allowed = 0.4 * (len(glyphs) - 1)
    beside = 0
    for a, b in itertools.pairwise(glyphs):
        if not (abs(a.x0 - b.x0) < 0.3 * a.size and 0.5 * a.size < b.top - a.top < 2 * a.size):
            beside += 1
            if beside >= allowed:
                return False
    return True


def _dedupe(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop over-printed copies of a glyph (fake bold), marking the survivor bold.

    Over-printing may draw each glyph several times in a row or the whole line several
    times over, so copies are found by place (a grid of 1-point cells), not by order.
    Most glyphs have no copy: a coarse grid of 4-point cells, holding each kept glyph in
    every cell its 3×3 neighbourhood of 1-point cells touches, rules them out in one lookup;
    a page with no two glyphs of one text in neighbouring cells is not searched at all.
    """
    if not _may_overprint(glyphs):
        return list(glyphs)
    # A glyph whose text is drawn once on the page has no copy and is no copy.
    seen: set[str] = set()
    repeated: set[str] = set()
    for g in glyphs:
        if g.text in seen:
            repeated.add(g.text)
        else:
            seen.add(g.text)
    if not repeated:
        return list(glyphs)
    kept: list[Glyph] = []
    grid: dict[tuple[str, int, int], Glyph] = {}
    coarse: set[tuple[str, int, int]] = set()
    get, mark = grid.get, coarse.add
    for g in glyphs:
        text = g.text
        if text not in repeated:
            kept.append(g)
            continue
        x0, top = g.x0, g.top
        ix, iy = int(x0), int(top)
        if (text, ix >> 2, iy >> 2) in coarse:
            tol = 0.35 * g.size
            twin = None
            for x in (ix - 1, ix, ix + 1):
                for y in (iy - 1, iy, iy + 1):
                    other = get((text, x, y))
                    if other is not None and abs(other.x0 - x0) < tol and abs(other.top - top) < tol:
                        twin = other
            if twin is not None:
                twin.bold = True
                continue
        grid[(text, ix, iy)] = g
        xs, ys = (ix - 1) >> 2, (iy - 1) >> 2
        xe, ye = (ix + 1) >> 2, (iy + 1) >> 2
        mark((text, xs, ys))
        if xe != xs:
            mark((text, xe, ys))
            if ye != ys:
                mark((text, xe, ye))
        if ye != ys:
            mark((text, xs, ye))
        kept.append(g)
    return kept


def _may_overprint(glyphs: list[Glyph]) -> bool:
    """Whether two glyphs of one text sit in the same or neighbouring 1-point cells: false proves
    that `_dedupe` finds no copy on the page (it looks no farther), which is most pages.

    The glyphs' columns are gathered by text and row; a copy needs two columns at most one apart
    in one row, or in rows one apart. Cheaper than the search itself, which it spares nearly
    every page (11 of the ingest set's 1,019 pages have copies).
    """
    cells: dict[tuple[str, int], list[int]] = {}
    at = cells.setdefault
    for g in glyphs:
        at((g.text, int(g.top)), []).append(int(g.x0))
    below = cells.get
    for (text, row), columns in cells.items():
        if len(columns) > 1:
            columns.sort()
            if any(b - a <= 1 for a, b in itertools.pairwise(columns)):
                return True
        under = below((text, row + 1))
        if under is not None:
            if len(under) == 1 and len(columns) == 1:
                if -1 <= under[0] - columns[0] <= 1:
                    return True
                continue
            taken = set(columns)
            if any(x in taken or x - 1 in taken or x + 1 in taken for x in under):
                return True
    return False


def _mid_x0(g: Glyph) -> tuple[float, float]:
    return (g.top + g.bottom) / 2, g.x0


def _x0(g: Glyph) -> float:
    return g.x0


def _fragments(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into baseline clusters, then split each at wide gaps."""
    if not glyphs:
        return []
    # Sorted by (middle, x0), ties in drawing order, as a stable sort by `_mid_x0` gives.
    placed = sorted([((g.top + g.bottom) / 2, g.x0, n) for n, g in enumerate(glyphs)])
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    row_mid = row_size = 0.0
    for mid, _, n in placed:
        g = glyphs[n]
        size = g.size
        if row and abs(mid - row_mid) <= 0.45 * (size if size < row_size else row_size):  # noqa: FURB136 -- per glyph: no call
            row.append(g)
        else:
            row = [g]
            rows.append(row)
            row_mid, row_size = mid, size
    fragments: list[list[Glyph]] = []
    for row in rows:
        row.sort(key=_x0)
        prev = row[0]
        current = [prev]
        for g in row[1:]:
            em = g.size if g.size < prev.size else prev.size  # noqa: FURB136 -- per glyph: no call
            if g.x0 - prev.x1 > FRAGMENT_GAP_EM * (em if em > 4.0 else 4.0):  # noqa: FURB136 -- per glyph: no call
                fragments.append(current)
                current = [g]
            else:
                current.append(g)
            prev = g
        fragments.append(current)
    return fragments


def _gutters(fragments: list[list[Glyph]], width: float, em: float) -> list[tuple[int, int]]:
    """Vertical strips that (almost) no fragment crosses, with text on both sides."""
    bins = int(width) + 2
    left = min(f[0].x0 for f in fragments)
    right = max(f[-1].x1 for f in fragments)
    # Only fragments narrower than half the text block can belong to a column; wide ones
    # (a title, a full-width abstract) would hide the gutter they cross.
    narrow = [f for f in fragments if f[-1].x1 - f[0].x0 < 0.55 * (right - left)]
    if len(narrow) < 0.3 * len(fragments):
        return []
    delta = [0] * (bins + 1)
    for frag in narrow:
        lo, hi = max(0, int(frag[0].x0)), min(bins - 1, int(frag[-1].x1) + 1)
        delta[lo] += 1
        delta[hi] -= 1
    cover, running = [], 0
    for step in delta[:bins]:
        running += step
        cover.append(running)
    peak = max(cover) if cover else 0
    if peak < 8:
        return []
    limit = max(1, int(0.2 * peak))
    runs, start = [], None
    for x, value in enumerate(cover):
        if value <= limit and start is None:
            start = x
        elif value > limit and start is not None:
            runs.append((start, x))
            start = None
    inner = [(a, b) for a, b in runs if a > 0 and b < bins - 1 and (b - a) >= 0.8 * em]
    # Each column between gutters must be wide and well filled, or the "gutter" is a table gap.
    edges = [0] + [x for run in inner for x in run] + [bins - 1]
    gutters = []
    left = 0
    for a, b in inner:
        col_lo = _text_left(cover, left, a, limit)
        if a - col_lo >= 8 * em and max(cover[left:a] or [0]) >= 0.25 * peak:
            gutters.append((a, b))
            left = b
    if gutters:
        last_lo = gutters[-1][1]
        if (edges[-1] - last_lo) < 8 * em or max(cover[last_lo:] or [0]) < 0.25 * peak:
            gutters.pop()
    return gutters[:3]


def _text_left(cover: list[int], lo: int, hi: int, limit: int) -> int:
    for x in range(lo, hi):
        if cover[x] > limit:
            return x
    return hi


def _order(fragments: list[list[Glyph]], number: int, width: float, boxes: bool = True) -> list[Line]:
    if not fragments:
        return []
    sizes = sorted([g.size for f in fragments for g in f])
    em = sizes[len(sizes) // 2]
    gutters = _gutters(fragments, width, em)
    bounds = [0.0] + [(a + b) / 2 for a, b in gutters] + [width + 1]
    columns: dict[int, list[list[Glyph]]] = {}
    spanning: list[list[Glyph]] = []
    for frag in fragments:
        x0, x1 = frag[0].x0, frag[-1].x1
        crosses = any(x0 < a - 1 and x1 > b + 1 for a, b in gutters)
        if crosses:
            spanning.append(frag)
            continue
        centre = (x0 + x1) / 2
        col = next(i for i in range(len(bounds) - 1) if centre < bounds[i + 1])
        columns.setdefault(col, []).append(frag)
    col_lines = {c: _merge_rows(frags, number, c, boxes) for c, frags in columns.items()}
    span_lines = _merge_rows(spanning, number, -1, boxes)
    for lines in col_lines.values():
        _set_column_edges(lines)
    _set_column_edges(span_lines)
    return _read_bands(col_lines, span_lines)


def _merge_rows(frags: list[list[Glyph]], number: int, column: int, boxes: bool = True) -> list[Line]:
    """Fragments of one column on the same baseline become one line (table rows stay whole)."""
    frags = sorted(frags, key=lambda f: ((f[0].top + f[0].bottom) / 2, f[0].x0))
    rows: list[list[list[Glyph]]] = []
    for frag in frags:
        mid = (frag[0].top + frag[0].bottom) / 2
        if rows:
            last = rows[-1][0][0]
            if abs(mid - (last.top + last.bottom) / 2) <= 0.45 * min(frag[0].size, last.size):
                rows[-1].append(frag)
                continue
        rows.append([frag])
    lines = []
    for row in rows:
        row.sort(key=lambda f: f[0].x0)
        glyphs = [g for f in row for g in f]
        text, row_boxes = _row_text(row, boxes)
        sizes = sorted([g.size for g in glyphs])
        lines.append(
            Line(
                text=text,
                x0=glyphs[0].x0,  # fragments and their glyphs are in x0 order
                x1=max([g.x1 for g in glyphs]),
                top=min([g.top for g in glyphs]),
                bottom=max([g.bottom for g in glyphs]),
                size=sizes[len(sizes) // 2],
                bold=sum([g.bold for g in glyphs]) > len(glyphs) / 2,
                page=number,
                column=column,
                glyphs=glyphs,
                boxes=row_boxes,
            )
        )
    return lines


def _row_text(row: list[list[Glyph]], wanted: bool = True) -> tuple[str, list[Box | None]]:
    """The text of a row of fragments, and the box of each of its characters (None: a space;
    none at all unless `wanted`)."""
    parts: list[str] = []
    boxes: list[Box | None] = []
    part = parts.append
    box = boxes.append if wanted else _no_box
    for frag in row:
        gaps = sorted([g.x0 - prev.x1 for prev, g in itertools.pairwise(frag)])
        usual = max(gaps[len(gaps) // 2], 0.0) if gaps else 0.0
        if parts:
            # Fragments far apart on one baseline (table cells, a spaced byline) keep a gap.
            part(" ")
            box(None)
        prev = None
        for g in frag:
            if prev is not None:
                # Most gaps are narrower than any space (`_gap_text`'s narrowest bound).
                em = g.size if g.size < prev.size else prev.size  # noqa: FURB136 -- per glyph: no call  # noqa: FURB136 -- per glyph: no call
                if not (em > 0 and g.x0 - prev.x1 <= usual + 0.12 * em) and _gap_text(prev, g, usual):
                    part(" ")
                    box(None)
            text = g.text
            part(text)
            if not wanted:
                pass
            elif len(text) == 1:
                box((g.x0, g.top, g.x1, g.bottom))
            else:
                boxes.extend([(g.x0, g.top, g.x1, g.bottom)] * len(text))
            prev = g
    return "".join(parts), boxes


def _no_box(_: Box | None) -> None:
    """`_row_text`'s box keeper when no boxes are wanted."""


def _gap_text(prev: Glyph, g: Glyph, usual: float) -> str:
    """A space where the gap between two glyphs is a real word space, else nothing.

    Between Han characters only a gap much wider than the line's usual spacing counts
    (a spaced-out byline "周宁南 翟一鸣"), so letter-spaced or justified CJK text never
    gets spaces; between Latin letters a fifth of an em does.
    """
    em = min(prev.size, g.size)
    gap = g.x0 - prev.x1
    last, first = prev.text[-1], g.text[0]
    if is_cjk(last) or is_cjk(first):
        if gap <= usual + 0.15 * em:  # too narrow for a space, whatever else holds
            return ""
        wide = gap > usual + 0.7 * em or g.space_before
        return " " if wide and not (_punct(last) or _punct(first)) else ""
    limit = usual + 0.12 * em
    space = SPACE_GAP_EM * em
    return " " if gap > max(limit, space) else ""


def _punct(c: str) -> bool:
    return not c.isalnum()


def _set_column_edges(lines: list[Line]) -> None:
    if not lines:
        return
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    col_x0 = lefts[len(lefts) // 4] if len(lefts) >= 4 else lefts[0]
    col_x1 = rights[(3 * len(rights)) // 4] if len(rights) >= 4 else rights[-1]
    for line in lines:
        line.col_x0, line.col_x1 = col_x0, max(col_x1, line.x1 if len(lines) < 4 else col_x1)


def _read_bands(col_lines: dict[int, list[Line]], span_lines: list[Line]) -> list[Line]:
    """Full-width lines cut the page into bands; each band is read column by column."""
    span_lines = sorted(span_lines, key=lambda l: l.top)
    out: list[Line] = []
    cuts = [line.top for line in span_lines] + [float("inf")]
    upper = float("-inf")
    for i, cut in enumerate(cuts):
        for col in sorted(col_lines):
            out.extend(
                line for line in sorted(col_lines[col], key=lambda l: l.top) if upper <= line.top < cut
            )
        if i < len(span_lines):
            out.append(span_lines[i])
            upper = span_lines[i].top
    return out


def _vertical_lines(glyphs: list[Glyph], number: int) -> list[Line]:
    """Vertical text: columns of glyphs read right to left, each top to bottom."""
    glyphs = sorted(glyphs, key=lambda g: (-(g.x0 + g.x1) / 2, g.top))
    cols: list[list[Glyph]] = []
    for g in glyphs:
        centre = (g.x0 + g.x1) / 2
        if cols and abs(centre - (cols[-1][0].x0 + cols[-1][0].x1) / 2) <= 0.5 * g.size:
            cols[-1].append(g)
        else:
            cols.append([g])
    lines = []
    for col in cols:
        col.sort(key=lambda g: g.top)
        lines.append(
            Line(
                text="".join(g.text for g in col),
                x0=min(g.x0 for g in col),
                x1=max(g.x1 for g in col),
                top=min(g.top for g in col),
                bottom=max(g.bottom for g in col),
                size=col[0].size,
                bold=False,
                page=number,
                glyphs=col,
                boxes=[(g.x0, g.top, g.x1, g.bottom) for g in col for _ in g.text],
            )
        )
    return lines
