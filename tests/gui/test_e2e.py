"""End to end through the GUI, the acceptance test of issue 4.

Index the seed PDFs from the GUI, search `科技安全 风险`, open the first hit and check its page
shows with the passage highlighted, select text and add a note (Ctrl+N) with a body typed in
the editor, restart the app, find the note by searching its text in the Notes view, re-index,
and find the note still attached to its passage (opening it selects its quote again).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.app import build_parser, create_window
from desktop.main_window import MainWindow
from desktop.notes.model import NotesModel
from desktop.search.results_model import ResultsModel
from indexer.extract.locate import span_rects
from tests.gui.conftest import INDEX_TIMEOUT_MS, SEARCH_TIMEOUT_MS

QUERY = "科技安全 风险"


def search(qtbot, window: MainWindow, query: str):
    window.find_action.trigger()
    window.search_page.box.setText(query)
    with qtbot.waitSignal(window.search.finished, timeout=SEARCH_TIMEOUT_MS) as blocker:
        qtbot.keyClick(window.search_page.box, Qt.Key.Key_Return)
    return blocker.args[0].results


def test_index_search_read_restart_reindex(qtbot, make_window, seed_copy: Path, data_dir: Path):
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    with qtbot.waitSignal(window.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        window.add_paths([str(seed_copy)])
    summary = blocker.args[0]
    assert len(summary.indexed) == len(list(seed_copy.glob("*.pdf"))) and not summary.failed

    results = search(qtbot, window, QUERY)
    assert results.total > 0
    first = results.hits[0]
    model = window.search.results
    view = window.search_page.results_view
    with qtbot.waitSignal(window.reader.page_ready, timeout=SEARCH_TIMEOUT_MS) as page:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(model.index(0, 0, model.index(0, 0))).center())
    reader = window.reader
    assert page.args == [first.page] and reader.pdf.page == first.page
    assert reader.current.passage_id == first.passage_id
    # The rectangles painted are those of the passage's characters on the rendered page.
    expected = span_rects(reader.page_text.boxes, first.start,
                          first.end if first.end_page == first.page else len(reader.page_text.text))
    assert reader.pdf.canvas.highlights == expected and expected
    scroll = reader.pdf.scroll_area
    visible = scroll.viewport().rect().translated(scroll.horizontalScrollBar().value(),
                                                  scroll.verticalScrollBar().value())
    assert visible.intersects(reader.pdf.canvas.to_pixels(expected[0]).toRect())
    assert first.text.replace("\n", "")[:40] in reader.text.highlighted_text().replace("\u2029", "")
    assert model.index(0, 0).data(ResultsModel.HitRole).doc_id == first.doc_id

    # A note on the first 12 characters of the passage, selected in the text view, body typed in the editor.
    reader.text.select_span(first.page, first.start, first.start + 12)
    quote = reader.selection.quote
    with qtbot.waitSignal(window.notes.note_added) as added:
        window.note_action.trigger()
    note = added.args[0]
    assert window.left.currentWidget() is window.notes_view
    editor = window.notes_view.editor
    assert editor.note is not None and editor.note.id == note.id
    editor.body.setFocus()
    editor.body.insertPlainText("供应链韧性是本段的要点，需持续跟踪")
    editor.flush()
    assert window.notes.note(note.id).body_text.startswith("供应链韧性")
    assert (note.anchor.page, note.anchor.start, note.anchor.quote) == (first.page, first.start, quote)
    assert [n.id for n in reader.notes_panel.notes()] == [note.id]  # beside the document

    settings = window.settings
    window.close()
    again = create_window(build_parser().parse_args([]), settings)  # as `hanlin-desktop` starts
    qtbot.addWidget(again)
    again.show()
    assert again.pages.currentWidget() is again.workspace
    assert again.session.root == data_dir / "library"
    assert QUERY in again.search_page.box.words.stringList()  # history

    # The note is found by searching its text in the Notes view.
    again.notes_action.trigger()
    notes_view = again.notes_view
    notes_view.box.setText("供应链韧性")
    assert notes_view.apply_query()
    assert notes_view.proxy.rowCount() == 1
    assert notes_view.proxy.index(0, 0).data(NotesModel.IdRole) == note.id

    with qtbot.waitSignal(again.librarian.finished, timeout=INDEX_TIMEOUT_MS) as blocker:
        again.reindex_action.trigger()
    assert blocker.args[0].indexed == [] and blocker.args[0].skipped == len(list(seed_copy.glob("*.pdf")))
    qtbot.waitUntil(lambda: not again.pools.busy())  # notes re-anchored against the new page texts
    kept = again.notes.note(note.id)
    assert not kept.orphaned and kept.anchor.status in ("exact", "moved")
    assert (kept.anchor.page, kept.anchor.start, kept.anchor.end) == (note.anchor.page, note.anchor.start,
                                                                       note.anchor.end)
    # Opening it from the Notes view shows its page with its quote selected and the note beside it.
    with qtbot.waitSignal(again.reader.page_ready, timeout=SEARCH_TIMEOUT_MS):
        notes_view.open_requested.emit(kept)
    assert again.reader.pdf.page == first.page
    assert again.reader.selection is not None and again.reader.selection.quote == quote
    assert [n.id for n in again.reader.notes_panel.notes()] == [note.id]
    assert again.reader.pdf.canvas.note_rects

    results = search(qtbot, again, QUERY)
    assert results.hits[0].passage_id == first.passage_id
    again.close()
