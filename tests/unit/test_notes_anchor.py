"""Re-attaching notes: exact, moved offsets, changed page, duplicates by context, small edits, orphans."""

from __future__ import annotations

from indexer.library.reader import context
from userdata.notes.anchor import fuzzy_span, locate
from userdata.notes.store import Anchor

PAGE1 = "第一章 总则\n为了规范数据处理活动，保障数据安全，促进数据开发利用，制定本法。"
PAGE2 = ("第二章 数据安全与发展\n国家统筹发展和安全，坚持以数据开发利用和产业发展促进数据安全，"
         "以数据安全保障数据开发利用和产业发展。")
PAGE3 = "第三章 数据安全制度\n国家建立数据分类分级保护制度，根据数据在经济社会发展中的重要程度进行保护。"


def anchor_on(text: str, quote: str, page: int, nth: int = 0) -> Anchor:
    """The anchor the reader would make for the `nth` occurrence of `quote` on a page."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    q, prefix, suffix = context(text, start, start + len(quote))
    return Anchor(q, prefix, suffix, page, start, start + len(quote))


def test_exact_offsets_still_hold():
    a = anchor_on(PAGE2, "统筹发展和安全", 2)
    found = locate(a, {1: PAGE1, 2: PAGE2, 3: PAGE3})
    assert (found.page, found.start, found.end, found.status) == (2, a.start, a.end, "exact")


def test_moved_offsets_on_the_same_page():
    a = anchor_on(PAGE2, "统筹发展和安全", 2)
    edited = "（2021年6月10日通过）\n" + PAGE2
    found = locate(a, {2: edited})
    assert found.status == "moved" and found.page == 2
    assert edited[found.start:found.end] == "统筹发展和安全"


def test_changed_page():
    a = anchor_on(PAGE3, "数据分类分级保护制度", 3)
    pages = {1: PAGE1, 2: PAGE2, 3: "附录\n" * 3, 4: PAGE3}  # a page was inserted before it
    found = locate(a, pages)
    assert (found.page, found.status) == (4, "moved")
    assert PAGE3[found.start:found.end] == "数据分类分级保护制度"


def test_found_anywhere_in_the_file():
    a = anchor_on(PAGE1, "规范数据处理活动", 1)
    pages = {p: "无关内容" for p in range(1, 9)} | {8: PAGE1}
    found = locate(a, pages)
    assert (found.page, found.status) == (8, "moved")


def test_duplicate_quotes_told_apart_by_context():
    # 数据开发利用 appears twice on page 2; the note was on the second one.
    a = anchor_on(PAGE2, "数据开发利用", 2, nth=1)
    shifted = "前言。" + PAGE2
    found = locate(a, {2: shifted})
    assert found.status == "moved"
    assert found.start == a.start + len("前言。")
    first = anchor_on(PAGE2, "数据开发利用", 2, nth=0)
    assert locate(first, {2: shifted}).start == first.start + len("前言。")


def test_context_beats_the_stored_page_for_duplicates():
    # the same sentence is on pages 2 and 5; only page 5 has the note's surroundings
    a = Anchor("促进数据开发利用", "保障数据安全，", "，制定本法。", 2, 0, 8)
    pages = {2: "各地区应当促进数据开发利用，加强监管。", 5: PAGE1}
    found = locate(a, pages)
    assert found.page == 5 and PAGE1[found.start:found.end] == "促进数据开发利用"


def test_line_breaks_changed_by_a_new_extractor():
    a = anchor_on(PAGE3, "根据数据在经济社会发展中的重要程度", 3)
    rewrapped = PAGE3.replace("经济社会", "经济\n社会")
    found = locate(a, {3: rewrapped})
    assert found.status == "moved"
    assert rewrapped[found.start:found.end] == "根据数据在经济\n社会发展中的重要程度"


def test_small_edit_is_a_fuzzy_match():
    a = anchor_on(PAGE2, "坚持以数据开发利用和产业发展促进数据安全", 2)
    edited = PAGE2.replace("坚持以数据开发利用和产业发展", "坚持以数据的开发利用和产业发展")
    found = locate(a, {1: PAGE1, 2: edited})
    assert found.status == "fuzzy" and found.page == 2
    assert edited[found.start:found.end] == "坚持以数据的开发利用和产业发展促进数据安全"
    assert 0.75 <= found.score < 1


def test_fuzzy_on_a_neighbouring_page():
    a = anchor_on(PAGE3, "国家建立数据分类分级保护制度", 3)
    edited = PAGE3.replace("分类分级", "分类与分级")
    found = locate(a, {3: "目录", 4: edited})
    assert (found.page, found.status) == (4, "fuzzy")


def test_orphan_keeps_quote_and_offsets():
    a = anchor_on(PAGE2, "统筹发展和安全", 2)
    found = locate(a, {1: "完全不同的内容。", 2: "另一份文件的第二页。"})
    assert found.status == "orphan"
    moved = found.apply(a)
    assert moved.quote == a.quote and moved.page == 2 and moved.start == a.start and moved.status == "orphan"


def test_orphan_comes_back_when_the_text_returns():
    a = Anchor("统筹发展和安全", "国家", "，坚持", 2, 14, 21, "orphan")
    found = locate(a, {2: PAGE2})
    assert found.status in ("exact", "moved")
    assert found.apply(a).status != "orphan"


def test_fuzzy_threshold():
    assert locate(Anchor("数据分类分级保护", page=1), {1: "数据分级"}, threshold=0.9).status == "orphan"
    assert fuzzy_span("数据分类分级保护", "") is None
