"""Markdown export: CommonMark with quotations as block quotes, labelled notes, numbered references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from userdata.digest.document import Cover, DigestDocument, NoteBlock, Quotation, Section
from userdata.digest.export import to_markdown, write
from userdata.digest.export.sample import sample_document


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[DigestDocument, str]:
    document = sample_document()
    path = tmp_path_factory.mktemp("md") / "摘编.md"
    write(document, "md", path)
    return document, path.read_text(encoding="utf-8")


def commonmark(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").render(text)


def test_structure(exported):
    document, text = exported
    lines = text.splitlines()
    assert lines[0] == "**内部**"
    assert f"# {document.cover.title}" in lines
    assert "## 一、强化国家战略科技力量" in lines and "### （一）体系化能力与开放合作" in lines
    quotes = [line for line in lines if line.startswith("> ")]
    assert len(quotes) == len(document.quotations())
    for quote, line in zip(document.quotations(), quotes, strict=True):
        assert quote.text in line.replace("\\", "")
        assert f"\\[{quote.citation}\\]（" in line and f"第{quote.page}页）" in line
    refs = [line for line in lines if line.startswith("\\[")]
    assert refs == [f"\\[{n}\\] {to_markdown.escape(r)}" for n, r in enumerate(document.references, 1)]
    assert text.index("## 参考文献") > text.index(quotes[-1])


def test_notes_are_labelled_after_their_quotation(exported):
    _, text = exported
    first_quote = text.index("> 国家战略科技力量")
    note = text.index("**【解读·支持】**“专业－产业”耦合范式")
    second_quote = text.index("> 国际环境越复杂")
    assert first_quote < note < second_quote
    assert "（张研，2026年4月15日；标签：新质生产力、战略科技力量）" in text
    assert "- 政策衔接协调不够、落实机制不健全" in text


def test_renders_as_commonmark(exported):
    document, text = exported
    rendered = commonmark(text)
    assert rendered.count("<blockquote>") == len(document.quotations())
    assert "<strong>评估国家实验室、新型研发机构</strong>" in rendered
    assert "<em>直接相关</em>" in rendered and "<u>存在脱节</u>" in rendered
    assert "<li>政策衔接协调不够、落实机制不健全</li>" in rendered
    assert "[1]（《以国家战略科技力量体系化创新发展新质生产力》，第1页）" in rendered
    assert "<p>[6] 郭海成. 筑牢科技安全屏障 赋能高质量发展[N]. 晋中日报, 2026-04-13(3).</p>" in rendered
    for label in ("【解读·支持】", "【解读·关注】", "【解读·待核实】", "【解读·风险】", "【编者按】", "【摘要】"):
        core = label.strip("【】")
        assert f"<strong>{label}</strong>" in rendered or f"【<strong>{core}</strong>】" in rendered, label
    assert "<b>【" not in text


def test_text_never_turns_into_markup(tmp_path: Path):
    tricky = "# 不是标题\n- 不是列表\n1. 不是编号\n<b>不是粗体</b> *不是斜体* [不是链接](http://x) `代码` &amp; ==="
    document = DigestDocument(Cover("标题"), (Section("一节", 1, (
        Quotation(tricky, 1, 1, "某文", notes=(NoteBlock(tricky),)),)),), ("某文",))
    path = tmp_path / "t.md"
    write(document, "md", path)
    rendered = commonmark(path.read_text(encoding="utf-8"))
    for fragment in ("<h1>不是", "<li>", "<ol>", "<b>不是", "<em>", "<a ", "<code>", "<h2>一节</h2>\n<h"):
        assert fragment not in rendered.replace("<h1>标题</h1>", ""), fragment
    assert "# 不是标题" in rendered and "&lt;b&gt;不是粗体&lt;/b&gt;" in rendered
    assert "[不是链接](http://x)" in rendered and "&amp;amp;" in rendered


@pytest.mark.parametrize(("spans_html", "expect"), [
    ("<p>由<b>“事后应对”</b>转向</p>", "由“**事后应对**”转向"),  # **“事后应对”** would not close before 转
    ("<p>由<b>事后应对</b>转向</p>", "**事后应对**"),
    ("<p>由<b>“”</b>转向</p>", "<b>“”</b>"),  # nothing but punctuation: HTML
])
def test_emphasis_keeps_punctuation_outside_where_commonmark_would_not_parse_it(tmp_path, spans_html, expect):
    document = DigestDocument(Cover("标题"), (Section("一节", 1, (
        Quotation("引文", 1, 1, notes=(NoteBlock("x", spans_html),)),)),))
    text = to_markdown.render(document)
    assert expect in text
    rendered = commonmark(text)
    assert re.search("<(strong|b)>“?(事后应对)?”?</(strong|b)>", rendered)


def test_a_label_before_text_is_markdown_bold_not_html(tmp_path):
    """【解读·支持】 directly followed by the note's text: ** would not close after 】, so the brackets stay outside."""
    document = DigestDocument(Cover("标题"), (Section("一节", 1, (
        Quotation("引文", 1, 1, notes=(NoteBlock("科技安全是基础", stance="支持"),)),)),))
    text = to_markdown.render(document)
    assert "<b>" not in text and "【**解读·支持**】科技安全是基础" in text
    assert "<strong>解读·支持</strong>】科技安全是基础" in commonmark(text)
