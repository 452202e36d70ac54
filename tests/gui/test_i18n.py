"""Translations: Chinese by default, English from the compiled catalogue, nothing left untranslated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.i18n import install_translators, remove_translators
from desktop.resources import TRANSLATIONS_DIR
from desktop.search.results_model import type_labels


@pytest.fixture
def english(qapp):
    translators = install_translators(qapp, "en")
    yield translators
    remove_translators(qapp, translators)


def test_default_interface_is_chinese(make_window):
    window = make_window()
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    assert type_labels()["policy"] == "政策文件"


def test_english_interface(english, make_window):
    assert any(t.language() == "en" for t in english)
    window = make_window()
    assert window.welcome.demo_button.text() == "Use the demo library"
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.search_page.sort.itemText(1) == "By date"
    assert type_labels()["policy"] == "Policy"
    assert QApplication.translate("IndexSummary", "索引已重建") == "The index has been rebuilt"


def test_every_english_message_is_translated():
    tree = ET.parse(TRANSLATIONS_DIR / "hanlin_en.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 100
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []
    assert (TRANSLATIONS_DIR / "hanlin_en.qm").stat().st_size > 1000


def test_format_fields_survive_translation():
    import re

    for message in ET.parse(TRANSLATIONS_DIR / "hanlin_en.ts").iter("message"):
        fields = lambda text: sorted(re.findall(r"\{[a-z_]+(?::[^}]*)?\}", text or ""))
        assert fields(message.findtext("source")) == fields(message.findtext("translation")), \
            message.findtext("source")


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    yield translators
    remove_translators(qapp, translators)


def test_qt_file_dialog_speaks_chinese(chinese, qtbot, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

    (tmp_path / "甲.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "子目录").mkdir()
    dialog = QFileDialog(None, "选择 PDF 文件", str(tmp_path), "PDF 文件 (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"查找范围(&L)：", "文件类型(&T)：", "文件名称(&N)："} <= labels
    model = dialog.findChild(QTreeView).model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles == ["名称", "大小", "类型", "修改日期"]
    folder = model.index(str(tmp_path / "子目录"))
    qtbot.waitUntil(lambda: model.index(folder.row(), 2, folder.parent()).data() == "文件夹")
