"""Splitting a file's paragraphs into documents, and reading each one's metadata.

A file may hold several documents: a digest compilation, a newspaper page, a proceedings
volume. A document starts at a title: a heading set in the largest heading size of the
file (merged over its wrapped lines). A slide deck repeats its largest size on every
slide, so a landscape file with a title on most pages is one document.

Per document: the title, the authors (a byline of names after the title, 记者 in a
本报讯 lead, a name after a post in the first line), the source (a （来源：…） line closing
the article, or the masthead of the page), 摘要/内容提要 and 关键词, the year, the 发文字号
of a policy, and the document type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.flow import Paragraph

_SOURCE = re.compile(r"^[（(]\s*来源\s*[:：]\s*(.+?)[)）]?$", re.S)
_ABSTRACT = re.compile(r"^(?:摘\s*要|内容提要|提\s*要)\s*[:：]?\s*")
_KEYWORDS = re.compile(r"^(?:关\s*键\s*词|关键字)\s*[:：]?\s*")
_KEYWORD_SPLIT = re.compile(r"\s*[;；|｜,，、]\s*")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_MASTHEAD = re.compile(r"(?:文件|简报|快报|要情|动态|参考)$")
_POLICY_TITLE = re.compile(
    r"(?:通知|意见|办法|规定|决定|方案|条例|细则|规划|纲要|指引|指南|公告|通告|批复|函|规则|计划|措施|要点|法)$"
)
_CREDIT = re.compile(r"^(?:本报讯|本刊讯|新华社[^（(]{0,12}电)?\s*[（(]([^）)]{2,40})[)）]")
_REPORTER = re.compile(r"(?:记者|通讯员|实习生|特约撰稿人)\s*((?:[\u4e00-\u9fa5]{2,3}[\s、]*)+)")
_POST_NAME = re.compile(
    r"^.{0,30}(?:书记|局长|厅长|部长|主任|院长|所长|校长|主席|研究员|教授|总经理|董事长|馆长|处长|科长)"
    r"[\s　]+([\u4e00-\u9fa5]{2,3})"
)
_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,4}$")
_SUPERSCRIPT = re.compile(r"[\d¹²³⁰-⁹*∗†‡,，]+$")


@dataclass
class Section:
    """The paragraphs of one document and what was read from them."""

    paragraphs: list[Paragraph]
    title: str = ""
    authors: list[str] = field(default_factory=list)
    source: str = ""
    abstract: str = ""
    keywords: list[str] = field(default_factory=list)
    year: int | None = None
    doc_type: str = "other"
    doc_number: str = ""
    body: list[Paragraph] = field(default_factory=list)


def split_documents(paragraphs: list[Paragraph], slides: bool) -> list[Section]:
    """Cut the file's paragraphs at document titles."""
    if not paragraphs:
        return []
    titles = _title_indices(paragraphs)
    if slides or len(titles) < 2:
        section = Section(paragraphs)
        first = titles[0] if titles and paragraphs[titles[0]].page <= 2 else None
        _read_front(section, first, keep_title=slides)
        return [section]
    sections = []
    bounds = titles + [len(paragraphs)]
    for n, (start, end) in enumerate(zip(bounds, bounds[1:])):
        lead = 0 if n == 0 else start  # text before the first title belongs to the first document
        section = Section(paragraphs[lead:end])
        _read_front(section, start - lead, keep_title=False)
        sections.append(section)
    return sections


def _title_indices(paragraphs: list[Paragraph]) -> list[int]:
    headings = [i for i, p in enumerate(paragraphs) if p.heading and len(p.text) >= 2]
    if not headings:
        return []
    top = max(paragraphs[i].size for i in headings)
    titles = [i for i in headings if paragraphs[i].size >= top - 0.6]
    if len(titles) > 1 and _MASTHEAD.search(paragraphs[titles[0]].text) and paragraphs[titles[0]].page == 1:
        rest = [i for i in headings if i > titles[0]]
        if rest:
            second = max(paragraphs[i].size for i in rest)
            titles = [i for i in rest if paragraphs[i].size >= second - 0.6]
    return titles


def _read_front(section: Section, title_at: int | None, keep_title: bool) -> None:
    """Title, byline and the body paragraphs of a section."""
    paras = section.paragraphs
    if title_at is None:
        title_at = _guess_title(paras)
    body = list(paras)
    if title_at is not None:
        section.title = paras[title_at].text.strip()
        after = title_at + 1
        if after < len(paras) and not paras[after].heading:
            names = byline_names(paras[after].lines[0].text)
            if names:
                section.authors = names
                if not keep_title and len(paras[after].lines) == 1:
                    body.remove(paras[after])
        if not keep_title:
            body.remove(paras[title_at])
    section.body = body


def _guess_title(paras: list[Paragraph]) -> int | None:
    """Without a larger heading: a policy-like title line near the start, or nothing."""
    for i, p in enumerate(paras[:25]):
        text = p.text.strip()
        if 4 <= len(text) <= 60 and _POLICY_TITLE.search(text) and not text.endswith("。"):
            return i
    return None


def byline_names(text: str) -> list[str]:
    """The names in a byline such as "王旭¹,刘锐¹,何俊琦²" or "周宁南 翟一鸣 李艳"; [] otherwise."""
    text = text.strip()
    if not text or len(text) > 60:
        return []
    tokens = [t for t in re.split(r"[、,，;；\s]+", text) if t]
    names = []
    for token in tokens:
        token = _SUPERSCRIPT.sub("", token).strip("*∗")
        if not _NAME.match(token):
            return []
        names.append(token)
    return names if 1 <= len(names) <= 12 else []


def read_metadata(section: Section, furniture: dict[int, list[str]], multi: bool) -> None:
    """Fill source, abstract, keywords, authors, 文号, year and type from the section's text."""
    keep = []
    for p in section.body:
        text = p.text.strip()
        source = _SOURCE.match(text)
        if source and not section.source:
            section.source = text
            continue
        keep.append(p)
        if not section.abstract and (m := _ABSTRACT.match(text)) and len(text) > m.end() + 10:
            section.abstract = text[m.end():].strip()
        elif not section.keywords and (m := _KEYWORDS.match(text)):
            section.keywords = [k for k in _KEYWORD_SPLIT.split(text[m.end():].strip()) if k]
    section.body = keep
    head = [p.text for p in section.paragraphs[:12]]
    if not section.authors:
        section.authors = _authors_from_text(head, section.source)
    number = next((m.group(0) for t in [section.title, *head] if (m := DOC_NUMBER.search(t))), "")
    section.doc_number = re.sub(r"\s+", "", number)
    section.doc_type = _doc_type(section, multi)
    section.year = _year(section, furniture)
    if not section.source and section.doc_type in ("paper", "news"):
        pages = sorted(furniture)
        masthead = furniture.get(section.paragraphs[0].page) or (furniture[pages[0]] if pages else [])
        section.source = _masthead_name(masthead)


def _authors_from_text(head: list[str], source: str) -> list[str]:
    for text in head[:3]:
        credit = _CREDIT.match(text.strip())
        if credit:
            names = [n for group in _REPORTER.findall(credit.group(1)) for n in re.split(r"[\s、]+", group) if n]
            if names:
                return list(dict.fromkeys(names))
        if m := _POST_NAME.match(text):
            return [m.group(1)]
    if m := re.search(r"作者\s*[:：]\s*(.+)", source):
        names = []
        for part in re.split(r"[、,，;；]", m.group(1)):
            if n := re.search(r"(?:研究员|教授|讲师|博士|研究生|记者|副研究员|助理研究员)?([\u4e00-\u9fa5]{2,3})[。）)\s]*$", part):
                names.append(n.group(1))
        return names
    return []


def _doc_type(section: Section, multi: bool) -> str:
    text = "\n".join(p.text for p in section.paragraphs[:40])
    if section.doc_number or (_POLICY_TITLE.search(section.title) and re.search(r"第[一二三四五六七八九十]+条|各[^。]{0,40}[：:]", text)):
        return "policy"
    if re.search(r"(?:摘\s*要|内容提要|关键词|Abstract|参考文献)", text, re.I):
        return "paper"
    if re.search(r"本报讯|本报记者|（记者|\(记者|新华社", text):
        return "news"
    if multi and section.source:
        return "digest"
    return "news" if multi else "other"


def _year(section: Section, furniture: dict[int, list[str]]) -> int | None:
    candidates = [section.source, section.doc_number]
    pages = {p.page for p in section.paragraphs}
    candidates += [t for page in sorted(pages) for t in furniture.get(page, [])]
    if section.doc_type == "policy":
        candidates += [p.text for p in reversed(section.paragraphs[-6:])]
    candidates += [p.text for p in section.paragraphs[:8]]
    for text in candidates:
        if not text:
            continue
        m = re.search(r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]", text) or _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def _masthead_name(lines: list[str]) -> str:
    """"晋中日报 2026年4月13日 …" → "晋中日报"; "情报工程 2026年 第12卷" → "情报工程"."""
    for line in lines:
        name = re.split(r"\s|\d", line.strip(), maxsplit=1)[0]
        if 2 <= len(name) <= 20 and not name.isdigit():
            return name
    return ""
