"""The digest panel: chooser, cover, live preview, export (file and audit row), refusal, audit log."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from desktop.digest.audit_view import AuditDialog, AuditModel
from desktop.digest.controller import DigestController
from desktop.digest.panel import DigestPanel
from desktop.notes.controller import NotesController
from desktop.tasks import Pools
from tests.gui.test_digest_models import fill
from userdata.notes.store import NoteStore

TIMEOUT_MS = 20_000


@pytest.fixture
def notes(tmp_path: Path) -> NotesController:
    controller = NotesController(NoteStore(tmp_path / "user", author="王芳"))
    yield controller
    controller.close()


@pytest.fixture
def panel(qtbot, notes: NotesController, tmp_path: Path):
    pools = Pools()
    controller = DigestController(notes=notes, folder=tmp_path / "user")
    widget = DigestPanel(controller, pools)
    qtbot.addWidget(widget)
    widget.resize(560, 760)
    widget.show()
    yield widget
    pools.wait()
    controller.close()


def wait_preview(qtbot, panel: DigestPanel) -> None:
    """Until the preview shows what is stored now (one render after the last change)."""
    qtbot.waitUntil(lambda: not panel.preview.pending(), timeout=TIMEOUT_MS)


def test_models_of_the_panel_pass_qtmodeltester(qtmodeltester, panel, notes):
    fill(panel.controller, notes)
    panel.controller.create_digest("第二份")
    qtmodeltester.check(panel.digests, force_py=True)
    assert panel.digests.rowCount() == 2
    qtmodeltester.check(panel.model, force_py=True)


def test_empty_panel_explains_how_to_start(panel):
    assert panel.controller.current() is None
    assert panel.hint.isVisible() and "Ctrl+D" in panel.hint.text()
    assert not panel.export_button.isEnabled()
    assert "Ctrl+D" in panel.preview.toPlainText()


def test_preview_follows_edits_after_a_pause(qtbot, panel, notes):
    fill(panel.controller, notes)
    with qtbot.waitSignal(panel.preview.updated, timeout=TIMEOUT_MS):
        pass
    wait_preview(qtbot, panel)
    text = panel.preview.toPlainText()
    for words in ("科技安全专题摘编", "2025年第8期", "一、总体形势", "二、产业发展", "统筹发展和安全",
                  "【解读·支持】总体要求", "【编者按】编者按：两句互为条件。", "参考文献"):
        assert words in text
    note_id = panel.controller.outline().items()[0].note_ids[0]
    with qtbot.waitSignal(panel.preview.updated, timeout=TIMEOUT_MS):
        notes.update_note(note_id, body_text="改写后的解读", body_html="<p>改写后的解读</p>")
    assert "改写后的解读" in panel.preview.toPlainText()
    with qtbot.waitSignal(panel.preview.updated, timeout=TIMEOUT_MS):
        panel.controller.undo_stack.undo()  # the last add (保障数据开发利用)
    assert "保障数据开发利用" not in panel.preview.toPlainText()


def test_chooser_switches_digests_and_deletes_with_undo(qtbot, panel, notes):
    fill(panel.controller, notes)
    first = panel.controller.current_id
    panel.new_digest()
    assert panel.chooser.currentText() == "新建摘编"
    assert panel.model.rowCount() == 1  # a new digest starts with one section
    assert panel.cover.edits["title"].hasFocus()
    row = panel.digests.row_of(first)
    panel.chooser.setCurrentIndex(row)
    panel.chooser.activated.emit(row)
    assert panel.controller.current_id == first and panel.model.rowCount() == 2
    panel.delete_digest()
    assert panel.digests.rowCount() == 1 and panel.chooser.currentText() == "新建摘编"
    panel.controller.undo_stack.undo()
    assert panel.controller.current_id == first and panel.chooser.currentText().startswith("科技安全专题摘编")


def test_cover_fields_save_on_enter_and_undo(qtbot, panel, notes):
    fill(panel.controller, notes)
    compiler = panel.cover.edits["compiler"]
    compiler.setFocus()
    compiler.setText("张三")
    qtbot.keyClick(compiler, Qt.Key.Key_Return)
    assert panel.controller.current().compiler == "张三"
    title = panel.cover.edits["title"]
    title.setText("科技安全摘编（第二版）")
    title.editingFinished.emit()
    assert panel.chooser.currentText() == "科技安全摘编（第二版）　2025年第8期"
    panel.controller.undo_stack.undo()
    assert panel.controller.current().title == "科技安全专题摘编"
    assert title.text() == "科技安全专题摘编"


def test_mark_warning_and_the_button_that_sets_it(qtbot, panel, notes):
    fill(panel.controller, notes)  # quotes a document marked 内部
    wait_preview(qtbot, panel)
    assert panel.cover.needs_mark()
    assert panel.cover.warning.isVisible() and "内部" in panel.cover.warning.text()
    assert [panel.cover.mark.itemText(i) for i in range(panel.cover.mark.count())] == \
        ["（无密级）", "公开", "内部", "秘密", "机密"]
    panel.cover.fix.click()
    assert panel.controller.current().mark == "内部"
    assert not panel.cover.warning.isVisible()
    assert panel.cover.mark.currentText() == "内部"
    panel.cover.mark.setCurrentIndex(panel.cover.mark.findData("机密"))
    panel.cover.mark.activated.emit(panel.cover.mark.currentIndex())
    assert panel.controller.current().mark == "机密"


def marked(panel: DigestPanel, notes, mark: str = "内部") -> None:
    fill(panel.controller, notes)
    panel.controller.update_cover(panel.controller.current_id, mark=mark)


def test_export_writes_the_file_and_an_audit_row_and_says_where(qtbot, panel, notes, tmp_path: Path):
    marked(panel, notes)
    target = tmp_path / "out" / "摘编.docx"
    target.parent.mkdir()
    with qtbot.waitSignal(panel.exporter.exported, timeout=TIMEOUT_MS) as blocker:
        panel.exporter.export("docx", str(target))
    entry = blocker.args[0]
    assert target.is_file() and target.stat().st_size == entry.size > 0
    assert entry.format == "docx" and entry.path == str(target) and entry.mark == "内部"
    assert [e.sha256 for e in panel.controller.store.audit.entries()] == [entry.sha256]
    assert panel.export_label.isVisible() and str(target) in panel.export_label.text()
    assert "打开所在文件夹" in panel.export_label.text()


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html", "md"])
def test_exported_files_follow_the_umask_like_any_editor(qtbot, panel, notes, tmp_path: Path, fmt):
    """Not owner-only (-rw-------) as the temporary file they are written through is made."""
    marked(panel, notes)
    target = tmp_path / f"摘编.{fmt}"
    old = os.umask(0o022)
    try:
        with qtbot.waitSignal(panel.exporter.exported, timeout=TIMEOUT_MS):
            panel.exporter.export(fmt, str(target))
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_save_dialog_picks_the_format_from_the_filter(qtbot, panel, notes, tmp_path: Path, monkeypatch):
    marked(panel, notes)
    chosen = str(tmp_path / "摘编")

    def ask(parent, caption, start, filters, selected):
        assert "摘编" in caption and start.endswith(".docx")
        return chosen, filters.split(";;")[3]  # Markdown, no extension typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    with qtbot.waitSignal(panel.exporter.exported, timeout=TIMEOUT_MS) as blocker:
        assert panel.exporter.choose_and_export()
    assert blocker.args[0].format == "md" and Path(chosen + ".md").is_file()
    assert "保障数据开发利用" in Path(chosen + ".md").read_text(encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert not panel.exporter.choose_and_export()  # cancelled


def test_export_is_refused_without_the_mark_and_the_refusal_offers_to_set_it(qtbot, panel, notes, tmp_path):
    fill(panel.controller, notes)  # quotes 内部, the digest has no mark
    target = tmp_path / "摘编.html"
    with qtbot.waitSignal(panel.exporter.refused, timeout=TIMEOUT_MS) as blocker:
        panel.exporter.export("html", str(target))
    assert blocker.args[0].needed == "内部"
    assert not target.exists() and panel.controller.store.audit.entries() == []
    box = panel.exporter.refusal
    assert isinstance(box, QMessageBox) and box.isVisible() and "内部" in box.text()
    fix = box.findChild(QPushButton, "markAndExport")
    assert fix.text() == "标为“内部”并导出"
    with qtbot.waitSignal(panel.exporter.exported, timeout=TIMEOUT_MS):
        fix.click()
    assert panel.controller.current().mark == "内部" and target.is_file()
    assert len(panel.controller.store.audit.entries()) == 1


def test_audit_log_is_listed_read_only(qtbot, qtmodeltester, panel, notes, tmp_path: Path):
    marked(panel, notes)
    for name in ("a.md", "b.html"):
        with qtbot.waitSignal(panel.exporter.exported, timeout=TIMEOUT_MS):
            panel.exporter.export(name.split(".")[1], str(tmp_path / name))
    entries = panel.controller.store.audit.entries()
    dialog = AuditDialog(entries)
    qtbot.addWidget(dialog)
    assert dialog.table.model().rowCount() == 2
    model = AuditModel(entries)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2 and model.columnCount() == 8
    assert model.index(0, AuditModel.PATH).data() == str(tmp_path / "b.html")  # newest first
    assert model.index(0, AuditModel.FORMAT).data() == "HTML" and model.index(0, AuditModel.MARK).data() == "内部"
    assert not any(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable for c in range(8))
    assert not model.setData(model.index(0, 0), "x")


def test_remove_button_and_delete_key_with_undo(qtbot, panel, notes):
    fill(panel.controller, notes)
    outline = panel.outline
    section = panel.model.index(0, 0)
    outline.select(panel.model.index(1, 0, section))
    panel.remove_button.click()
    assert [i.text or i.body_text for i in panel.controller.outline().items()] == \
        ["统筹发展和安全", "编者按：两句互为条件。", "保障数据开发利用"]
    outline.setFocus()
    outline.select(panel.model.index(0, 0, panel.model.index(0, 0, section)))  # the note under the first quote
    qtbot.keyClick(outline, Qt.Key.Key_Delete)
    assert panel.controller.outline().items()[0].note_ids == ()
    qtbot.keyClick(outline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(panel.controller.outline().items()[0].note_ids) == 1


def test_add_section_and_commentary_open_an_editor(qtbot, panel, notes):
    fill(panel.controller, notes)
    panel.add_section()
    assert panel.model.rowCount() == 3 and panel.outline.state() == panel.outline.State.EditingState
    panel.outline.select(panel.model.index(1, 0))
    panel.add_commentary()
    section = panel.controller.outline().sections[1]
    assert section[1][-1].kind == "commentary"


def test_panel_speaks_english_when_asked(qtbot, qapp, notes, tmp_path: Path):
    from desktop.i18n import install_translators, remove_translators

    translators = install_translators(qapp, "en")
    try:
        pools = Pools()
        controller = DigestController(notes=notes, folder=tmp_path / "user")
        widget = DigestPanel(controller, pools)
        qtbot.addWidget(widget)
        assert widget.export_button.text() == "Export…" and widget.cover_toggle.text() == "Cover"
        assert "Ctrl+D" in widget.hint.text() and "Add to digest" in widget.hint.text()
        fill(controller, notes)
        assert widget.model.index(0, 0).data() == "总体形势 (3)"
        assert widget.cover.mark.itemText(0) == "(no mark)"
        pools.wait()
        controller.close()
    finally:
        remove_translators(qapp, translators)
