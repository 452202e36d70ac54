"""Scans in the app: adding a folder shows OCR progress, the recognised text is found and highlighted on
the page image, and a file with no text at all is listed in 文献库状态 with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from desktop.librarian.views import StatusDialog
from desktop.search.results_model import ResultsModel
from indexer.extract.locate import span_rects
from tests.gui.conftest import INDEX_TIMEOUT_MS, SEARCH_TIMEOUT_MS

SHEET = "文字加图片_竖排文本框.pdf"  # one text line; a picture holding 横向文本框, a vertical 竖向文本框, English text


def blank_pdf(path: Path) -> Path:
    """A page with a frame drawn on it and no text at all: nothing to recognise."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.rect(100, 100, 300, 200)
    canvas.showPage()
    canvas.save()
    return path


def test_a_scan_is_recognised_found_highlighted_and_an_empty_file_listed(qtbot, make_window, shared_dir: Path,
                                                                         tmp_path: Path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(shared_dir / "corpus" / "real" / "zh_scanned" / SHEET, folder / SHEET)
    blank_pdf(folder / "空白页.pdf")
    window = make_window()
    labels: list[str] = []
    window.librarian.progressed.connect(lambda p: labels.append(window.progress.label.text()))
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as finished:
        window.add_paths([str(folder)])
    summary = finished.args[0]
    assert len(summary.indexed) == 2 and not summary.failed
    assert [Path(f.path).name for f in summary.no_text] == ["空白页.pdf"]
    assert any("OCR" in label for label in labels), labels  # progress names the pages being recognised

    window.find_action.trigger()
    window.search_page.box.setText("横向文本框")
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as searched:
        qtbot.keyClick(window.search_page.box, Qt.Key.Key_Return)
    hit = searched.args[0].results.hits[0]
    assert hit.file.endswith(SHEET) and hit.ocr is not None and hit.ocr > 0.9
    model, view = window.search.results, window.search_page.results_view
    assert "OCR" in model.index(0, 0).data(ResultsModel.HtmlRole)
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(model.index(0, 0, model.index(0, 0))).center())
    reader = window.reader
    start = reader.page_text.text.index("横向文本框")
    word = span_rects(reader.page_text.boxes, start, start + 5)
    assert len(word) == 1
    x0, top, x1, bottom = word[0]
    assert 90 <= x0 < x1 <= 269 and 157 <= top < bottom <= 283  # inside the picture, where the words are printed
    painted = reader.pdf.canvas.highlights
    assert painted and any(r[0] <= x0 and r[1] <= top and r[2] >= x1 and r[3] >= bottom for r in painted)
    assert "OCR" in reader.pdf.notice.text() and reader.pdf.notice.isVisibleTo(reader)

    with qtbot.waitSignal(window.librarian.status_ready, timeout=SEARCH_TIMEOUT_MS) as ready:
        window.librarian.load_status()
    dialog = StatusDialog(ready.args[0], window)
    qtbot.addWidget(dialog)
    table = dialog.no_text
    assert table is not None and table.rowCount() == 1
    assert table.item(0, 0).text() == "空白页.pdf"
    assert "OCR" in table.item(0, 1).text()  # OCR found no text on it

    # The library's OCR setting, from the 文献库 menu: off, and kept in the library.
    assert window.ocr_action.isChecked()
    with qtbot.waitSignal(window.librarian.status_ready, timeout=SEARCH_TIMEOUT_MS) as ready:
        window.ocr_action.trigger()
    assert ready.args[0]["ocr"] is False and not window.ocr_action.isChecked()
