"""Rendering a stored digest into the exporters' DigestDocument, on a catalogue of the demo PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from digest_library import catalogue, set_mark

from indexer.library.catalog import Catalog
from indexer.library.marks import MarkLevels
from indexer.library.reader import CatalogReader
from userdata.digest.document import Commentary, Quotation
from userdata.digest.render import item_marks, render, required_mark
from userdata.digest.sources import describe
from userdata.digest.store import DigestStore
from userdata.notes.store import Anchor, NoteStore

PAPER = "基于政策文本挖掘的区域科技政策协同度测度——以江川省为例"
POLICY = "江川省科学技术厅关于印发《江川省科技情报资源开放共享管理办法（试行）》的通知"
DIGEST = "以场景创新加快科技成果向现实生产力转化"


@pytest.fixture(scope="module")
def library(demo_dir: Path, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("render-lib")
    return folder, catalogue(folder, sorted(demo_dir.glob("*.pdf")))


@pytest.fixture
def env(library, tmp_path):
    folder, ids = library
    store, notes, reader = DigestStore(tmp_path), NoteStore(tmp_path), CatalogReader(folder)
    yield store, notes, reader, ids
    store.close()
    notes.close()
    reader.close()


def quote(store, reader, section_id, doc_id, ordinal=0, **kw):
    """Quote passage `ordinal` of a document, with its anchor in the page text."""
    passage = reader.passages(doc_id)[ordinal]
    anchor = Anchor(passage.text, "", "", passage.page, passage.start, passage.end)
    return store.add_quote(section_id, describe(reader, doc_id), text=passage.text, page=passage.page,
                           anchor=anchor, **kw)


def test_sections_blocks_references_and_notes_in_order(env):
    store, notes, reader, ids = env
    digest = store.create_digest("科技政策专题摘编", issue="2025年第8期", compiler="张三", organisation="情报所",
                                 date="2025-08-20")
    one, two = store.add_section(digest.id, "一、政策"), store.add_section(digest.id, "二、研究")
    first = quote(store, reader, one.id, ids[PAPER], 1)
    note = notes.add(first.file_sha256, first.anchor, body_text="协同度可借鉴", stance="支持", tags=["方法"])
    gone = notes.add(first.file_sha256, first.anchor, body_text="已删除的笔记")
    store.attach_notes(first.id, [note.id, gone.id])
    notes.delete(gone.id)
    quote(store, reader, one.id, ids[POLICY])
    store.add_commentary(two.id, body_text="编者按：三份材料互相印证。", body_html="<p>编者按：三份材料互相印证。</p>")
    store.add_abstract(two.id, describe(reader, ids[PAPER]))
    quote(store, reader, two.id, ids[DIGEST])

    doc = render(store, digest.id, notes=notes, reader=reader)

    assert (doc.cover.title, doc.cover.issue, doc.cover.compiler, doc.cover.date, doc.cover.mark) == (
        "科技政策专题摘编", "2025年第8期", "张三", "2025-08-20", "")
    assert [(s.heading, len(s.blocks)) for s in doc.sections] == [("一、政策", 2), ("二、研究", 3)]
    paper_quote, policy_quote = doc.sections[0].blocks
    commentary, abstract, digest_quote = doc.sections[1].blocks
    assert isinstance(commentary, Commentary) and commentary.body_text.startswith("编者按")
    # One reference per document, numbered by first appearance; the abstract cites the paper again.
    assert [q.citation for q in doc.quotations()] == [1, 2, 1, 3]
    assert doc.references[0].startswith("陈思远, 刘晓彤, 王建国. " + PAPER + "[J]")
    assert "江科发〔2025〕12号[Z]" in doc.references[1] and "转引自: 决策参考" in doc.references[2]
    assert abstract.is_abstract and abstract.text.startswith("科技政策之间的协同程度") and abstract.page == 37
    assert isinstance(paper_quote, Quotation) and paper_quote.text == reader.passages(ids[PAPER])[1].text
    assert paper_quote.page == 36 + reader.passages(ids[PAPER])[1].page  # the printed page number
    assert [(n.body_text, n.stance, n.tags) for n in paper_quote.notes] == [("协同度可借鉴", "支持", ("方法",))]
    assert policy_quote.notes == () and digest_quote.doc_title == DIGEST
    assert doc.extra["item_ids"] == [i.id for i in store.outline(digest.id).items()]


def test_cover_carries_the_highest_mark_current_in_the_library(env, library):
    store, _notes, reader, ids = env
    folder, _ = library
    digest = store.create_digest("摘编")
    section = store.add_section(digest.id, "一")
    policy = quote(store, reader, section.id, ids[POLICY])
    paper = quote(store, reader, section.id, ids[PAPER])
    assert required_mark(store, digest.id, reader) == "" and render(store, digest.id, reader=reader).cover.mark == ""
    set_mark(folder, ids[POLICY], "秘密")
    set_mark(folder, ids[PAPER], "内部")
    try:
        assert item_marks([policy, paper], reader) == {policy.id: "秘密", paper.id: "内部"}
        assert required_mark(store, digest.id, reader) == "秘密"
        assert render(store, digest.id, reader=reader).cover.mark == "秘密"
        assert [q.mark for q in render(store, digest.id, reader=reader).quotations()] == ["秘密", "内部"]
        store.update_digest(digest.id, mark="机密")  # the digest's own, higher mark wins on the cover
        assert render(store, digest.id, reader=reader).cover.mark == "机密"
    finally:
        _clear(folder, ids[POLICY], ids[PAPER])


def test_without_the_library_the_marks_frozen_at_add_time_count(env, library):
    store, _notes, reader, ids = env
    folder, _ = library
    set_mark(folder, ids[POLICY], "内部")
    try:
        digest = store.create_digest("摘编")
        section = store.add_section(digest.id, "一")
        item = quote(store, reader, section.id, ids[POLICY])
    finally:
        _clear(folder, ids[POLICY])
    assert item.mark == "内部"
    assert required_mark(store, digest.id) == "内部"  # no reader: the frozen mark
    assert required_mark(store, digest.id, reader) == ""  # the librarian has since cleared it
    assert render(store, digest.id, levels=MarkLevels(("内部", "公开"))).cover.mark == "内部"


def _clear(folder: Path, *doc_ids: str) -> None:
    catalog = Catalog(folder / "catalog.db")
    try:
        catalog.clear_marks(doc_ids)
    finally:
        catalog.close()
