"""OFD pages in the reader: painted from their objects, sized and counted like PDF pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from desktop.reader.ofd_render import render_page
from desktop.reader.page_view import PdfPageView
from indexer.extract.ofd import MM, OfdDocument

NOTICE = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real" / "ofd" / "路桥区卫生局文件_红头公文.ofd"


@pytest.fixture
def notice() -> Path:
    if not NOTICE.is_file():
        pytest.skip(f"real OFD file not found at {NOTICE}")
    return NOTICE


def test_the_red_header_and_its_rule_are_painted_red_and_the_body_black(qapp, notice):
    with OfdDocument(notice) as document:
        width, height = document.size(0)
        image = render_page(document, 0, QSize(round(width), round(height)))
    assert (image.width(), image.height()) == (round(210 * MM), round(297 * MM))

    def colours(x0: float, y0: float, x1: float, y1: float) -> list[QColor]:  # millimetres
        return [image.pixelColor(round(x * MM), round(y * MM)) for x in range(int(x0), int(x1))
                for y in range(int(y0), int(y1))]

    reddish = [c for c in colours(40, 38, 170, 53) if c.red() > 180 and c.green() < 120]
    assert len(reddish) > 50  # 测试符路桥区卫生局文件 in red
    rule = [image.pixelColor(round(100 * MM), y) for y in range(round(83.49 * MM) - 1, round(83.49 * MM) + 2)]
    assert any(c.red() > 180 and c.green() < 120 for c in rule)  # the red rule under the number
    dark = [c for c in colours(28, 139, 180, 150) if c.lightness() < 100]
    assert len(dark) > 20  # the body text in black
    assert all(c == QColor("white") for c in colours(20, 250, 190, 260))  # an empty band stays white


def test_the_page_view_opens_an_ofd_and_shows_its_pages(qtbot, notice):
    view = PdfPageView()
    qtbot.addWidget(view)
    assert view.open(str(notice)) and view.paged
    assert view.page_count() == 2
    view.show_page(2, zoom=1.0)
    assert view.canvas.page_size.width() == pytest.approx(210 * MM)
    assert not view.canvas.image.isNull()


def test_a_word_file_has_no_page_to_show(qtbot, tmp_path):
    view = PdfPageView()
    qtbot.addWidget(view)
    assert view.open(str(tmp_path / "a.docx"), pages=3) and not view.paged
    assert view.page_count() == 3
