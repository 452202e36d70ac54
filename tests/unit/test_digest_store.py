"""The digest store: digests, sections, items, note links, undo values, and the append-only audit log."""

from __future__ import annotations

import sqlite3

import pytest

from indexer.meta import DocumentMeta
from userdata.db import SCHEMA_VERSION
from userdata.digest.model import SourceRef, SourceSnapshot
from userdata.digest.sources import notes_on
from userdata.digest.store import DigestStore
from userdata.errors import DigestError
from userdata.notes.store import Anchor, NoteStore

SHA = "f" * 64
PAGE = "科技安全是国家安全的重要内容，科技情报工作连接创新前沿与安全底线。"


def ref(title: str = "科技安全治理对策研究", abstract: str = "", mark: str = "") -> SourceRef:
    meta = DocumentMeta(title=title, authors=("王旭", "刘锐"), source="情报工程", year=2026, doc_type="paper")
    source = SourceSnapshot(meta, abstract=abstract, first_page=1, last_page=8, page_labels=((1, "37"),))
    return SourceRef(f"{SHA[:16]}-0", SHA, source, mark)


@pytest.fixture
def store(tmp_path):
    s = DigestStore(tmp_path)
    yield s
    s.close()


@pytest.fixture
def digest(store):
    return store.create_digest("科技安全专题摘编", issue="2025年第8期", compiler="张三", organisation="情报所",
                               date="2025-08-20")


def quote(store, section_id: str, text: str, **kw):
    return store.add_quote(section_id, ref(), text=text, page=1, **kw)


def test_digests_are_created_listed_edited_and_soft_deleted(store, digest):
    other = store.create_digest("第二期")
    assert [d.id for d in store.digests()] == [other.id, digest.id]
    changed = store.update_digest(digest.id, mark="秘密", title="科技安全摘编")
    assert (changed.mark, changed.title, changed.issue) == ("秘密", "科技安全摘编", "2025年第8期")
    assert store.digest(digest.id) == changed
    store.delete_digest(other.id)
    assert [d.id for d in store.digests()] == [digest.id]
    assert {d.id for d in store.digests(deleted=True)} == {digest.id, other.id}
    assert not store.restore_digest(other.id).deleted
    with pytest.raises(ValueError, match="not editable"):
        store.update_digest(digest.id, created="x")
    with pytest.raises(DigestError, match="no digest"):
        store.outline("nope")


def test_sections_move_and_removal_is_undoable(store, digest):
    a, b, c = (store.add_section(digest.id, h) for h in ("一、形势", "二、对策", "三、展望"))
    quote(store, b.id, "科技安全是国家安全的重要内容")
    assert store.move_section(c.id, 0).position == 0
    assert [s.heading for s in store.sections(digest.id)] == ["三、展望", "一、形势", "二、对策"]
    removed = store.remove_section(b.id)
    assert [s.heading for s in store.sections(digest.id)] == ["三、展望", "一、形势"]
    assert store.db.execute("SELECT COUNT(*) FROM digest_items").fetchone()[0] == 0
    store.restore_section(removed)
    assert [s.heading for s in store.sections(digest.id)] == ["三、展望", "一、形势", "二、对策"]
    assert [i.text for i in store.items(b.id)] == ["科技安全是国家安全的重要内容"]
    sub = store.add_section(digest.id, "（一）风险", level=2, position=1)
    assert store.update_section(sub.id, heading="（一）主要风险").heading == "（一）主要风险"
    assert [(s.heading, s.level, s.position) for s in store.sections(digest.id)][1] == ("（一）主要风险", 2, 1)
    assert a.id in {s.id for s in store.sections(digest.id)}


def test_items_keep_order_move_between_sections_and_come_back(store, digest):
    one, two = store.add_section(digest.id, "一"), store.add_section(digest.id, "二")
    first = quote(store, one.id, "甲", anchor=Anchor("甲", "前", "后", 1, 3, 4))
    second = store.add_commentary(one.id, body_text="编者按：乙", body_html="<p>编者按：乙</p>")
    third = quote(store, one.id, "丙", position=0)
    assert [i.text or i.body_text for i in store.items(one.id)] == ["丙", "甲", "编者按：乙"]
    assert first.anchor == Anchor("甲", "前", "后", 1, 3, 4) and first.source.page_label(1) == "37"
    store.move_item(third.id, 5, section_id=two.id)  # clamped to the end of the other section
    assert [i.id for i in store.items(one.id)] == [first.id, second.id]
    assert [(i.id, i.section_id, i.position) for i in store.items(two.id)] == [(third.id, two.id, 0)]
    store.move_item(second.id, 0)
    assert [i.id for i in store.items(one.id)] == [second.id, first.id]
    removed = store.remove_item(first.id)
    assert [i.position for i in store.items(one.id)] == [0]
    store.restore_item(removed)
    assert store.item(first.id) == removed.item
    assert [i.id for i in store.outline(digest.id).items()] == [second.id, first.id, third.id]


def test_quotations_are_not_edited_commentary_is(store, digest):
    section = store.add_section(digest.id, "一")
    q = quote(store, section.id, "原文")
    c = store.add_commentary(section.id, body_text="初稿")
    assert store.update_item(c.id, body_text="定稿", body_html="<b>定稿</b>").body_text == "定稿"
    with pytest.raises(ValueError, match="quotation stays"):
        store.update_item(q.id, body_text="改")
    with pytest.raises(ValueError, match="not editable"):
        store.update_item(c.id, text="改")
    with pytest.raises(DigestError, match="needs some text"):
        quote(store, section.id, "  ")


def test_abstract_items_quote_the_snapshot(store, digest):
    section = store.add_section(digest.id, "一")
    item = store.add_abstract(section.id, ref(abstract="本文研究科技安全治理。", mark="内部"))
    assert (item.kind, item.text, item.page, item.mark, item.anchor) == ("abstract", "本文研究科技安全治理。", 1,
                                                                         "内部", None)
    with pytest.raises(DigestError, match="no abstract"):
        store.add_abstract(section.id, ref())


def test_notes_attach_in_order_and_overlapping_notes_are_found(store, digest, tmp_path):
    notes = NoteStore(tmp_path)
    try:
        start = PAGE.index("科技情报")
        on = notes.add(SHA, Anchor("科技情报工作", "", "", 1, start, start + 6), body_text="情报支撑")
        around = notes.add(SHA, Anchor(PAGE, "", "", 1, 0, len(PAGE)), body_text="整句")
        elsewhere = notes.add(SHA, Anchor("安全底线", "", "", 2, 0, 4), body_text="另一页")
        other_file = notes.add("e" * 64, Anchor("科技情报工作", "", "", 1, start, start + 6))
        section = store.add_section(digest.id, "一")
        text = PAGE[start:start + 14]
        item = quote(store, section.id, text, anchor=Anchor(text, "", "", 1, start, start + 14))
        found = notes_on(item, notes.notes(SHA))
        assert [n.id for n in found] == [around.id, on.id]
        assert elsewhere.id not in {n.id for n in notes_on(item, notes.notes())} and other_file
        store.attach_notes(item.id, [on.id])
        assert store.attach_notes(item.id, [around.id, on.id]).note_ids == (on.id, around.id)
        assert store.detach_note(item.id, on.id).note_ids == (around.id,)
        notes.delete(around.id)
        assert notes_on(item, notes.notes(SHA, deleted=True)) == [notes.get(on.id)]
    finally:
        notes.close()


def test_shares_the_notes_database_and_notes_still_work(store, tmp_path):
    assert store.path == tmp_path / "notes.db" and SCHEMA_VERSION >= 2
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    notes = NoteStore(tmp_path)
    try:
        note = notes.add(SHA, Anchor("甲"), body_text="笔记")
        assert notes.get(note.id).body_text == "笔记"
    finally:
        notes.close()


def test_a_version_1_notes_database_gains_the_digest_tables_and_keeps_its_notes(tmp_path):
    import sqlite_utils

    from userdata import db as user_db
    db = sqlite_utils.Database(tmp_path / "notes.db")
    user_db.MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db["notes"].insert({"id": "n1", "file_sha256": SHA, "quote": "旧笔记", "deleted": 0})
    db.conn.commit()
    db.close()
    store = DigestStore(tmp_path)
    try:
        assert {"digests", "digest_items", "export_audit"} <= set(store.db.table_names())
        assert [r["quote"] for r in store.db.query("SELECT quote FROM notes")] == ["旧笔记"]
    finally:
        store.close()


def test_audit_log_is_append_only_in_the_database(store, digest):
    entry = store.audit.append(user="zhang", digest_id=digest.id, digest_title=digest.title, item_ids=["a", "b"],
                               format="pdf", path="/tmp/x.pdf", sha256="0" * 64, size=10, mark="秘密",
                               app_version="0.1.0")
    assert store.audit.entries() == [entry] and entry.item_ids == ("a", "b") and entry.at.endswith("+00:00")
    for sql in ("UPDATE export_audit SET path = 'forged'", "DELETE FROM export_audit"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), store.db.conn:
            store.db.execute(sql)
    assert store.audit.entries() == [entry]
    assert not [name for name in dir(store.audit) if name.startswith(("update", "delete", "edit", "remove"))]
