"""Snippets: matches highlighted anywhere in a passage, cut at sentence ends, about 200 characters."""

from __future__ import annotations

import re

from indexer.search.snippets import MAX_CHARS, find_spans, make_snippet

FILLER = "科技创新是引领发展的第一动力，要坚持把科技自立自强作为国家发展的战略支撑。"  # 37 characters


def plain(snippet: str) -> str:
    return re.sub(r"</?b>", "", snippet).strip("…")


def test_short_passage_is_shown_whole_with_matches_marked():
    text = "科技安全是国家安全的重要内容。"
    assert make_snippet(text, ["科技安全"]) == "<b>科技安全</b>是国家安全的重要内容。"


def test_match_at_the_end_of_a_long_passage():
    text = FILLER * 20 + "晋中市第38个爱国卫生月活动启动仪式在左权县举行。" + FILLER * 3
    snippet = make_snippet(text, ["爱国卫生月"])
    assert "<b>爱国卫生月</b>" in snippet
    assert len(plain(snippet)) <= MAX_CHARS
    assert snippet.startswith("…")
    body = plain(snippet)
    assert body.startswith(("科技创新", "晋中市")) and body.endswith("。")  # whole sentences


def test_window_prefers_the_stretch_with_most_distinct_terms():
    text = FILLER * 3 + "科技安全。" + FILLER * 6 + "科技安全与预警机制同步建设。" + FILLER * 3
    snippet = make_snippet(text, ["科技安全", "预警机制"])
    assert "<b>预警机制</b>" in snippet and "<b>科技安全</b>" in snippet


def test_a_very_long_sentence_is_cut_near_the_match():
    text = "，".join(["这是一段没有句号的很长的文字"] * 40) + "，关键在于揭榜挂帅，" + "，".join(["后面还有很多内容"] * 20)
    snippet = make_snippet(text, ["揭榜挂帅"])
    assert "<b>揭榜挂帅</b>" in snippet and len(plain(snippet)) <= MAX_CHARS


def test_traditional_text_and_line_breaks_are_matched_on_folded_text():
    text = "健全科技風險監測預\n警機制。"
    assert make_snippet(text, ["风险", "预警机制"]) == "健全科技<b>風險</b>監測<b>預\n警機制</b>。"


def test_html_is_escaped():
    assert make_snippet("R&D投入<5%时", ["投入"]) == "R&amp;D<b>投入</b>&lt;5%时"


def test_longest_term_wins_overlaps():
    spans = find_spans("科技安全治理", ["科技", "科技安全", "安全"])
    assert spans == [(0, 4, "科技安全")]


def test_no_terms_gives_the_start_of_the_passage():
    text = FILLER * 10
    snippet = make_snippet(text, [])
    assert snippet.startswith("科技创新") and snippet.endswith("…")
