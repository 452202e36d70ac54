"""Translations: Chinese by default, English from the compiled catalogue, nothing left untranslated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
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
