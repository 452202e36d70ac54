"""Re-anchoring against real extractor output: an edited PDF re-extracted, notes still attached."""

from __future__ import annotations

from indexer.extract.pipeline import extract_pdf
from indexer.library.reader import context
from userdata.notes.anchor import locate
from userdata.notes.store import Anchor

PARA_1 = "国家建立数据分类分级保护制度，根据数据在经济社会发展中的重要程度，对数据实行分类分级保护。"
PARA_2 = "关系国家安全、国民经济命脉、重要民生、重大公共利益等数据属于国家核心数据，实行更加严格的管理制度。"
PARA_3 = "各地区、各部门应当按照数据分类分级保护制度，确定本地区、本部门以及相关行业、领域的重要数据具体目录。"


def pages_of(path) -> dict[int, str]:
    result = extract_pdf(path)
    return {i: text for i, text in enumerate(result.page_texts, 1)}


def anchor_in(pages: dict[int, str], quote: str) -> Anchor:
    page, text = next((p, t) for p, t in pages.items() if quote in t)
    start = text.index(quote)
    q, prefix, suffix = context(text, start, start + len(quote))
    return Anchor(q, prefix, suffix, page, start, start + len(quote))


def test_notes_follow_an_edited_and_re_extracted_file(make_pdf):
    before = pages_of(make_pdf([[PARA_1, PARA_2], [PARA_3]], name="v1.pdf"))
    core = anchor_in(before, "国家核心数据")
    catalogue = anchor_in(before, "重要数据具体目录")
    # the new edition adds a paragraph at the top and moves the last paragraph to page 1
    after = pages_of(make_pdf([["（2021年6月10日第十三届全国人民代表大会常务委员会通过）", PARA_1, PARA_2, PARA_3]],
                              name="v2.pdf"))

    found = locate(core, after)
    assert found.status == "moved" and found.page == 1
    assert "".join(after[1][found.start:found.end].split()) == "国家核心数据"
    found = locate(catalogue, after)
    assert (found.status, found.page) == ("moved", 1)
    assert "".join(after[1][found.start:found.end].split()) == "重要数据具体目录"


def test_same_file_re_extracted_is_exact(make_pdf):
    path = make_pdf([[PARA_1, PARA_2]])
    pages = pages_of(path)
    note = anchor_in(pages, "分类分级保护")
    assert locate(note, pages_of(path)).status == "exact"
