"""HTML export: one self-contained file that parses, loads nothing, escapes everything, prints A4."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from userdata.digest.document import Commentary, Cover, DigestDocument, NoteBlock, Quotation, Section
from userdata.digest.export import to_html, write
from userdata.digest.export.sample import sample_document


class Page(HTMLParser):
    """Collects tags, attributes, text and style sheets; fails on unbalanced markup."""

    VOID = frozenset({"meta", "br", "hr", "link", "img", "input"})

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self.open: list[str] = []
        self.feed(text)
        self.close()
        assert self.open == [], self.open

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()

    def handle_data(self, data):
        if self.open and self.open[-1] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[DigestDocument, str]:
    document = sample_document()
    path = tmp_path_factory.mktemp("html") / "摘编.html"
    write(document, "html", path)
    return document, path.read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_in_order(text: str, needles: list[str]) -> None:
    haystack, at = squash(text), 0
    for needle in needles:
        found = haystack.find(squash(needle), at)
        assert found >= 0, f"not found after position {at}: {needle!r}"
        at = found + len(squash(needle))


def test_parses_and_keeps_reading_order(exported):
    document, text = exported
    page = Page(text)
    words = "".join(page.text)
    needles = [document.cover.title]
    for quote in document.quotations():
        needles += [quote.text, f"[{quote.citation}]"]
        needles += [re.sub(r"<[^>]+>", "", n.body_html or n.body_text).split("。")[0] for n in quote.notes]
    needles += ["参考文献"] + [f"[{n}] {ref}" for n, ref in enumerate(document.references, 1)]
    assert_in_order(words, needles)
    assert sum(1 for tag, _ in page.tags if tag == "blockquote") == len(document.quotations())
    assert ("html", {"lang": "zh-CN"}) in page.tags


def test_references_nothing_outside_the_file(exported):
    _, text = exported
    page = Page(text)
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "base", "form"), tag
        for name, value in attrs.items():
            assert name not in ("src", "srcset", "action", "background") and not name.startswith("on")
            if name == "href":
                assert value.startswith("#ref-"), value
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    policy = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'"]
    ids = {a["id"] for _, a in page.tags if "id" in a}
    assert {a["href"][1:] for _, a in page.tags if "href" in a} <= ids


def test_print_css_is_a4_with_official_margins_mark_and_page_numbers(exported):
    _, text = exported
    css = "".join(Page(text).styles)
    assert "size: A4; margin: 37mm 26mm 35mm 28mm;" in css
    assert "@top-left" in css and 'counter(page)' in css
    assert re.search(r"@top-left \{ content: \"\\[0-9a-f]{6}\\[0-9a-f]{6}\"", css) or '"内部"' in css
    assert "@media print" in css


def test_notes_are_labelled_and_rich_text_kept(exported):
    _, text = exported
    assert '<b class="label">【解读·支持】</b>' in text
    assert "<b>评估国家实验室、新型研发机构</b>" in text
    assert "<i>直接相关</i>" in text and "<u>存在脱节</u>" in text
    assert "<ul><li>政策衔接协调不够、落实机制不健全</li>" in text
    assert '<sup class="cite"><a href="#ref-1">[1]</a></sup>' in text
    assert '<p class="mark">内部</p>' in text


HOSTILE = '</style><script>alert(1)</script><img src=x onerror=alert(2)>"\'&'


def test_everything_is_escaped(tmp_path: Path):
    note_html = f'<p onclick="x()">好<script>alert(3)</script><img src="http://example.invalid/a.png">{HOSTILE}</p>'
    document = DigestDocument(
        Cover(f"标题{HOSTILE}", issue=HOSTILE, compiler=HOSTILE, organisation="单位", date="2026-01-02",
              mark=f"内部{HOSTILE}"),
        (Section(f"章{HOSTILE}", 1, (
            Quotation(f"引文{HOSTILE}", 1, 2, f"文{HOSTILE}", mark=HOSTILE,
                      notes=(NoteBlock(HOSTILE, note_html, HOSTILE, HOSTILE, (HOSTILE,), "2026-01-02"),)),
            Commentary(HOSTILE, f"<b>{HOSTILE}</b>"))),),
        (f"参考{HOSTILE}",))
    path = tmp_path / "x.html"
    write(document, "html", path)
    text = path.read_text(encoding="utf-8")
    page = Page(text)
    assert {t for t, _ in page.tags} <= {"html", "head", "meta", "title", "style", "body", "div", "p", "h1",
                                         "h2", "hr", "blockquote", "b", "i", "u", "sup", "a", "span", "section"}
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    assert "<script" not in text and "<img" not in text and "http://" not in text
    assert [t for t, _ in page.tags].count("style") == 1
    assert "</style><script>" in "".join(page.text)  # shown as text, not run
    assert "alert(3)" not in text  # a note's script is dropped with its content


def test_css_string_cannot_break_out():
    quoted = to_html.css_string('内部"}</style>\\')
    assert quoted.startswith('"内部') and quoted.endswith('"')
    assert "<" not in quoted and "}" not in quoted[1:-1] and '"' not in quoted[1:-1]
