"""The app starts with a damaged user database: no traceback, the notes and digest tabs replaced by
a message with 恢复…, which moves the damaged file aside and restores the newest good backup.
With a sound database, a start makes the day's backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.notes.damaged import DamagedDatabasePage
from userdata import backup
from userdata.db import DB_NAME
from userdata.notes.store import Anchor, NoteStore

SHA = "d" * 64


def write_notes(folder: Path, count: int) -> None:
    store = NoteStore(folder)
    try:
        for i in range(count):
            store.add(SHA, Anchor(f"引文{i}" * 20, page=1 + i), body_text="笔记" * 50, doc_title="文献")
    finally:
        store.close()


def damage(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek((size // 4096 // 2) * 4096)
        handle.write(b"\xde\xad\xbe\xef" * 1024)


def test_a_start_backs_up_the_notes_once_a_day(make_window, data_dir: Path):
    write_notes(data_dir, 2)
    window = make_window()
    assert window.notes is not None and window.recovery is None
    assert len(backup.backups(data_dir)) == 1


def test_the_app_starts_with_a_damaged_database_and_restores_the_newest_backup(
        make_window, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    write_notes(data_dir, 3)
    assert backup.backup_if_due(data_dir, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=1)) is not None
    write_notes(data_dir, 40)
    damage(data_dir / DB_NAME)
    damaged_bytes = (data_dir / DB_NAME).read_bytes()

    window = make_window()

    assert window.notes is None and window.digest.panel is None and window.recovery is not None
    assert "已损坏" in window.last_error and "Traceback" not in window.last_error
    tabs = {window.left.tabText(i): window.left.widget(i) for i in range(window.left.count())}
    assert isinstance(tabs["笔记"], DamagedDatabasePage) and isinstance(tabs["摘编"], DamagedDatabasePage)
    assert not window.notes_action.isEnabled()
    assert (data_dir / DB_NAME).read_bytes() == damaged_bytes  # opening changed nothing

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: told.append(text))
    tabs["笔记"].button.click()

    assert told and "重新启动" in told[0]
    assert not tabs["摘编"].button.isEnabled()
    aside = [p for p in data_dir.iterdir() if p.name.startswith(f"{DB_NAME}.damaged-")]
    assert [p.read_bytes() for p in aside] == [damaged_bytes]
    store = NoteStore(data_dir)
    try:
        assert len(store.notes()) == 3
    finally:
        store.close()


def test_without_a_backup_restoring_says_so_and_moves_nothing(make_window, data_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    write_notes(data_dir, 40)
    damage(data_dir / DB_NAME)
    window = make_window()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.recovery is not None and window.recovery.restore() is None
    assert "no good backup" in window.last_error
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(DB_NAME)] == [DB_NAME]
