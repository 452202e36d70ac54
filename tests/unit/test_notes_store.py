"""The notes database: CRUD, WAL, soft delete and restore, reopening, stances, schema versions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from userdata import db as db_module
from userdata.db import SCHEMA_VERSION
from userdata.errors import NotesError
from userdata.notes.store import DEFAULT_STANCES, Anchor, NoteStore

SHA = "a" * 64


@pytest.fixture
def store(tmp_path: Path) -> NoteStore:
    s = NoteStore(tmp_path / "notes", author="测试员")
    yield s
    s.close()


def anchor(quote="数据安全", page=2, start=10) -> Anchor:
    return Anchor(quote, "统筹发展和安全，", "是国家安全的重要组成", page, start, start + len(quote))


def test_add_get_update(store: NoteStore):
    note = store.add(SHA, anchor(), doc_title="数据安全法", body_html="<b>要点</b>", body_text="要点",
                     tags=["数据", " 数据", "", "合规"], stance="关注")
    assert note.author == "测试员" and note.created == note.updated
    assert note.tags == ("数据", "合规")
    assert store.get(note.id) == note

    changed = store.update(note.id, body_text="要点二", tags=["风险"], stance="风险")
    assert changed.body_text == "要点二" and changed.tags == ("风险",) and changed.stance == "风险"
    assert changed.updated >= note.updated and changed.created == note.created
    assert store.get(note.id) == changed


def test_update_refuses_other_fields(store: NoteStore):
    note = store.add(SHA, anchor())
    with pytest.raises(ValueError):
        store.update(note.id, created="2000")
    with pytest.raises(KeyError):
        store.update("missing", body_text="x")


def test_notes_of_a_file_in_reading_order(store: NoteStore):
    late = store.add(SHA, anchor(page=3, start=5))
    early = store.add(SHA, anchor(page=1, start=40))
    middle = store.add(SHA, anchor(page=1, start=90))
    other = store.add("b" * 64, anchor())
    assert [n.id for n in store.notes(SHA)] == [early.id, middle.id, late.id]
    assert {n.id for n in store.notes()} == {early.id, middle.id, late.id, other.id}


def test_soft_delete_and_restore(store: NoteStore):
    note = store.add(SHA, anchor(), body_text="留着")
    store.delete(note.id)
    assert store.notes(SHA) == []
    assert store.get(note.id).deleted
    assert [n.id for n in store.notes(SHA, deleted=True)] == [note.id]
    assert store.restore(note.id).body_text == "留着"
    assert [n.id for n in store.notes(SHA)] == [note.id]
    store.purge(note.id)
    assert store.get(note.id) is None


def test_wal_mode_and_folder(store: NoteStore, tmp_path: Path):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.path == tmp_path / "notes" / "notes.db"


def test_persists_across_reopen(tmp_path: Path):
    first = NoteStore(tmp_path)
    note = first.add(SHA, anchor(), body_html="<p>政策解读</p>", body_text="政策解读", tags=["解读"])
    first.set_anchor(note.id, Anchor("数据安全", "", "", 4, 1, 5, "moved"))
    first.close()
    again = NoteStore(tmp_path)
    found = again.get(note.id)
    assert found.body_text == "政策解读" and found.tags == ("解读",)
    assert found.anchor.page == 4 and found.anchor.status == "moved"
    again.close()


def test_a_second_connection_sees_each_save_at_once(tmp_path: Path):
    writer = NoteStore(tmp_path)
    note = writer.add(SHA, anchor())
    writer.update(note.id, body_text="刚写的")
    reader = sqlite3.connect(tmp_path / "notes.db")
    assert reader.execute("SELECT body_text FROM notes").fetchone()[0] == "刚写的"
    reader.close()
    writer.close()


def test_folder_from_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HANLIN_USER_DIR", str(tmp_path / "u"))
    monkeypatch.setenv("HANLIN_DATA_DIR", str(tmp_path / "d"))
    assert db_module.default_dir() == tmp_path / "u"
    monkeypatch.delenv("HANLIN_USER_DIR")
    assert db_module.default_dir() == tmp_path / "d"
    s = NoteStore()
    assert s.path == tmp_path / "d" / "notes.db"
    s.close()


def test_stances_configurable(store: NoteStore):
    assert store.stances() == list(DEFAULT_STANCES)
    store.set_stances(["支持", "反对", "支持", ""])
    assert store.stances() == ["支持", "反对"]


def test_tags_most_used_first(store: NoteStore):
    store.add(SHA, anchor(), tags=["芯片", "风险"])
    store.add(SHA, anchor(), tags=["风险"])
    assert store.tags() == ["风险", "芯片"]


def test_schema_version_and_newer_database_refused(tmp_path: Path):
    s = NoteStore(tmp_path)
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    s.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    s.close()
    with pytest.raises(NotesError, match="请升级"):
        NoteStore(tmp_path)


def test_migrations_run_in_order_from_an_older_version(tmp_path: Path, monkeypatch):
    s = NoteStore(tmp_path)
    s.add(SHA, anchor(), body_text="旧笔记")
    s.close()

    def v2(db):
        db["notes"].add_column("colour", str)
        db.execute("UPDATE notes SET colour = 'yellow'")

    newer = [*db_module.MIGRATIONS, v2]  # one migration past whatever the current version is
    monkeypatch.setattr(db_module, "MIGRATIONS", newer)
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", len(newer))
    s = NoteStore(tmp_path)
    assert s.db.execute("PRAGMA user_version").fetchone()[0] == len(newer)
    assert s.db.execute("SELECT colour, body_text FROM notes").fetchone() == ("yellow", "旧笔记")
    assert s.notes()[0].body_text == "旧笔记"
    s.close()


def test_unreadable_database_is_a_clear_error(tmp_path: Path):
    (tmp_path / "notes.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(NotesError, match="已损坏.*damaged"):
        NoteStore(tmp_path)
