"""The settings registry: defaults, types, bad values, history."""

from __future__ import annotations

from PySide6.QtCore import QByteArray

from desktop.settings import Settings


def test_defaults(settings: Settings):
    assert settings.language == "zh_CN"
    assert settings.last_library == ""
    assert settings.history == []
    assert settings.zoom == 1.25
    assert settings.geometry.isEmpty()


def test_values_round_trip_with_their_types(settings: Settings):
    settings.zoom = 2.0
    settings.history = ["科技安全", "数据"]
    settings.geometry = QByteArray(b"\x00\x01")
    settings.sync()
    again = Settings(settings.store)
    assert again.zoom == 2.0 and isinstance(again.zoom, float)
    assert again.history == ["科技安全", "数据"]
    assert bytes(again.geometry) == b"\x00\x01"


def test_unreadable_value_gives_the_default(settings: Settings):
    settings.store.setValue("reader/zoom", "不是数字")
    settings.store.setValue("search/history", "{broken json")
    assert settings.zoom == 1.25
    assert settings.history == []


def test_history_most_recent_first_without_repeats(settings: Settings):
    for query in ["甲", "乙", "甲", " 丙 "]:
        settings.remember_query(query)
    assert settings.history == ["丙", "甲", "乙"]
    for n in range(Settings.HISTORY_SIZE + 5):
        settings.remember_query(f"q{n}")
    assert len(settings.history) == Settings.HISTORY_SIZE


def test_every_setting_is_registered():
    assert {"language", "last_library", "history", "geometry", "window_state"} <= set(Settings.REGISTRY)


def test_version_is_stored(settings: Settings):
    assert str(settings.store.value("meta/version")) == str(Settings.VERSION)
