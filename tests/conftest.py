"""Shared test set-up: Qt runs off-screen, paths to the shared corpus, and a PDF maker.

Fixtures:
    shared_dir  ../shared beside the repository (corpus, scorers); skips the test if absent
    seeds_dir   ../shared/corpus/seeds: small PDFs with *.truth.json
    demo_dir    desktop/resources/demo: the built-in demo library
    make_pdf    builds small Chinese PDFs for a test (see `make_pdf` below)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

# Before anything imports Qt: tests never open windows on a real screen. The off-screen screen
# is 1366×768, the most common size of the workstations (Qt's default would be 800×800).
os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + str(Path(__file__).with_name("offscreen-1366x768.json"))

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

# reportlab's built-in Adobe CID font: needs no font file, so every machine makes the same PDF.
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TextItem = tuple  # (x, y, text, size) or (x, y, text, size, "bold")
PageItem = TextItem | str


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the repository (`../shared`)."""
    if not SHARED.is_dir():
        pytest.skip(f"shared folder not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The seed PDFs with their `*.truth.json`."""
    return shared_dir / "corpus" / "seeds"


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The built-in demo library."""
    return REPO / "desktop" / "resources" / "demo"


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Return `make(pages, **options) -> Path`, which writes a Chinese PDF under `tmp_path`.

    `pages` is a list of pages; each page is a list of items, drawn in order:

    * ``(x, y, text, size)`` — one line of text at `x` points from the left edge with its
      top `y` points below the top edge (pdfplumber's ``x0``/``top``), in `size` points.
      Add a fifth element ``"bold"`` to print it twice 0.4 pt apart (fake bold, as many
      Chinese PDFs do: naive extraction reads 关关于于).
    * ``"a paragraph"`` — flowing text, wrapped to the column and placed below the last
      paragraph; when a column is full it goes on in the next. ``"# 标题"`` makes a
      centred fake-bold heading 1.6 times the body size (start of an article).
      Flowing text that does not fit on the page raises ``ValueError``.

    Options: ``name`` (file name, default ``doc.pdf``), ``columns`` (1 or 2),
    ``header`` / ``footer`` (text drawn on every page; ``{page}`` becomes the page
    number), ``font_size`` (body size, default 10.5), ``margin`` (points, default 56),
    ``page_size`` (default A4).

    Example: a two-column page with a running header and two articles::

        path = make_pdf([["# 第一篇", "正文……", "# 第二篇", "正文……"]],
                        columns=2, header="决策参考 2025年第3期", footer="— {page} —")

    The font is reportlab's built-in STSong-Light: text extracts exactly, no font file
    needed, but the glyphs are not embedded (renderers substitute a system font).
    """

    def make(pages: Sequence[Sequence[PageItem]], *, name: str = "doc.pdf", columns: int = 1,
             header: str | None = None, footer: str | None = None, font_size: float = 10.5,
             margin: float = 56, page_size: tuple[float, float] = A4) -> Path:
        path = tmp_path / name
        canvas = Canvas(str(path), pagesize=page_size, invariant=1)
        for number, items in enumerate(pages, 1):
            _draw_furniture(canvas, page_size, margin, number, header, footer)
            flow = _Flow(canvas, page_size, margin, columns, font_size)
            for item in items:
                if isinstance(item, str):
                    flow.add(item)
                else:
                    _draw_line(canvas, page_size[1], *item)
            canvas.showPage()
        canvas.save()
        return path

    return make


def _draw_line(canvas: Canvas, page_height: float, x: float, y: float, text: str, size: float,
               style: str = "") -> None:
    """Draw one line with its top at `y` below the page's top edge."""
    canvas.setFont(FONT, size)
    # pdfminer puts a glyph's box from `descent` below the baseline to one em above that.
    baseline = page_height - y - size - pdfmetrics.getDescent(FONT, size)
    canvas.drawString(x, baseline, text)
    if style == "bold":
        canvas.drawString(x + 0.4, baseline, text)


def _draw_furniture(canvas: Canvas, page_size: tuple[float, float], margin: float, number: int,
                    header: str | None, footer: str | None) -> None:
    width, height = page_size
    canvas.setFont(FONT, 9)
    if header:
        canvas.drawCentredString(width / 2, height - margin / 2, header.format(page=number))
    if footer:
        canvas.drawCentredString(width / 2, margin / 2, footer.format(page=number))


class _Flow:
    """Places wrapped paragraphs down one column, then the next."""

    GAP = 18

    def __init__(self, canvas: Canvas, page_size: tuple[float, float], margin: float, columns: int,
                 size: float):
        self.canvas, self.size, self.margin = canvas, size, margin
        self.page_height = page_size[1]
        self.width = (page_size[0] - 2 * margin - (columns - 1) * self.GAP) / columns
        self.columns = columns
        self.column = 0
        self.y = margin  # top of the next line, from the top edge

    def add(self, text: str) -> None:
        heading = text.startswith("# ")
        size = self.size * 1.6 if heading else self.size
        text = text[2:] if heading else "\u3000\u3000" + text
        for line in _wrap(text, size, self.width):
            self._place(line, size, heading)
        self.y += size * 0.5

    def _place(self, line: str, size: float, heading: bool) -> None:
        if self.y + size > self.page_height - self.margin:
            self.column += 1
            self.y = self.margin
            if self.column >= self.columns:
                raise ValueError("make_pdf: flowing text does not fit on the page; split it over more pages")
        x = self.margin + self.column * (self.width + self.GAP)
        if heading:
            x += (self.width - pdfmetrics.stringWidth(line, FONT, size)) / 2
        _draw_line(self.canvas, self.page_height, x, self.y, line, size, "bold" if heading else "")
        self.y += size * 1.5


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`, character by character (CJK style)."""
    lines, line = [], ""
    for char in text:
        if line and pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line] if line else lines
