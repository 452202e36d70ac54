"""Splitting a file's paragraphs into documents, and reading each one's metadata.

A file may hold several documents: a digest compilation, a newspaper page, a proceedings
volume. A document starts at a title: a heading set in the largest heading size of the
file (merged over its wrapped lines). A slide deck repeats its largest size on every
slide, so a landscape file with a title on most pages is one document.

Per document: the title, the authors (a byline of names after the title, 记者 in a
本报讯 lead, a name after a post in the first line, the 作者： part of an attribution line),
the source (the publication an attribution line such as （来源：《中国科技论坛》2025年第5期）
names — its year and issue go to `year` and `issue` — or the masthead of the page),
摘要/内容提要 and 关键词, the year, the 发文字号 of a policy, and the document type.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from indexer.extract.attribution import is_attribution, parse_attribution
from indexer.extract.flow import Paragraph

_ABSTRACT = re.compile(r"^(?:摘\s*要|内容提要|提\s*要)\s*[:：]?\s*")
_KEYWORDS = re.compile(r"^(?:关\s*键\s*词|关键字)\s*[:：]?\s*")
_KEYWORD_SPLIT = re.compile(r"\s*[;；|｜,，、]\s*")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_MASTHEAD = re.compile(r"(?:文件|简报|快报|要情|动态|参考)$")
_POLICY_TITLE = re.compile(
    r"(?:通知|意见|办法|规定|决定|方案|条例|细则|规划|纲要|指引|指南|公告|通告|批复|函|规则|计划|措施|要点|法|法典)$"
)
_CREDIT = re.compile(r"^(?:本报讯|本刊讯|新华社[^（(]{0,12}电)?\s*[（(]([^）)]{2,40})[)）]")
_REPORTER = re.compile(r"(?:记者|通讯员|实习生|特约撰稿人)\s*((?:[\u4e00-\u9fa5]{2,3}[\s、]*)+)")
_POST_NAME = re.compile(
    r"^.{0,30}(?:书记|局长|厅长|部长|主任|院长|所长|校长|主席|研究员|教授|总经理|董事长|馆长|处长|科长)"
    r"[\s　]+([\u4e00-\u9fa5]{2,3})"
)
_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,4}$")
_SECTION_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节编篇部分卷]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
    r"\d+(?:\.\d+)*(?:\s|[、.．](?!\d))|附\s*件|附\s*录|表\s*\d|图\s*\d|目\s*录|参考文献|前\s*言|引\s*言|结\s*语)"
)
_MARKS_ONLY = re.compile(r"^[\d¹²³⁰-⁹*∗†‡,，\s]+$")
_ISSUER = re.compile(r"^([\u4e00-\u9fa5]{2,30}?(?:人民政府|办公厅|办公室|委员会|厅|局|部|院|署|会))(?:文件)?$")
_SUPERSCRIPT = re.compile(r"[\d¹²³⁰-⁹*∗†‡,，]+$")


@dataclass
class Section:
    """The paragraphs of one document and what was read from them."""

    paragraphs: list[Paragraph]
    title: str = ""
    authors: list[str] = field(default_factory=list)
    source: str = ""
    issue: str = ""
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
    if len(titles) >= 2 and not _several_documents(paragraphs, titles):
        titles = titles[:1]
    if slides or len(titles) < 2:
        section = Section(paragraphs)
        first = titles[0] if titles and paragraphs[titles[0]].page <= 2 else None
        _read_front(section, first, keep_title=slides)
        return [section]
    sections = []
    bounds = titles + [len(paragraphs)]
    for n, (start, end) in enumerate(itertools.pairwise(bounds)):
        lead = 0 if n == 0 else start  # text before the first title belongs to the first document
        section = Section(paragraphs[lead:end])
        _read_front(section, start - lead, keep_title=False)
        sections.append(section)
    return sections


def _title_indices(paragraphs: list[Paragraph]) -> list[int]:
    """Paragraphs that open a document: headings in the file's largest heading size.

    A masthead (某某厅文件, 决策参考, 科技要情…) at the top of the first page is set larger
    than any title; it is skipped and the next heading size down is taken instead.
    """
    headings = [i for i, p in enumerate(paragraphs) if p.heading and len(p.text.strip()) >= 2]
    while headings:
        top = max(paragraphs[i].size for i in headings)
        titles = [i for i in headings if paragraphs[i].size >= top - 0.6]
        first = paragraphs[titles[0]]
        if len(titles) == 1 and first.page == 1 and _MASTHEAD.search(first.text.strip()):
            headings = [i for i in headings if i > titles[0] and paragraphs[i].size < top - 0.6]
            continue
        return titles
    return []


def _several_documents(paragraphs: list[Paragraph], titles: list[int]) -> bool:
    """Do these title-size headings open separate documents, or sections of one?

    Chapter and section headings (第三章, 一、, 1.2, 附件) never open a document. The rest do
    when at least half of them show a sign of a new article: a byline or a 本报讯 lead
    right after, a （来源：…） line closing the text right before, or a new page.
    """
    starts = [i for i in titles if not _SECTION_HEADING.match(paragraphs[i].text.strip())]
    if starts and _mostly_han(paragraphs[starts[0]].text):
        # A Chinese paper's English title page at its end is part of the same paper.
        starts = [starts[0]] + [i for i in starts[1:] if _mostly_han(paragraphs[i].text)]
    if len(starts) < 2:
        return False
    signs = sum(1 for i in starts if _opens_article(paragraphs, i))
    return signs * 2 >= len(starts)


def _mostly_han(text: str) -> bool:
    han = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return han * 2 >= len(text.replace(" ", ""))


def _opens_article(paragraphs: list[Paragraph], i: int) -> bool:
    after = [p.text.strip() for p in paragraphs[i + 1:i + 3] if not _MARKS_ONLY.match(p.text)]
    if after and (byline_names(after[0].split("\n")[0]) or _CREDIT.match(after[0]) or _POST_NAME.match(after[0])):
        return True
    if i > 0 and is_attribution(paragraphs[i - 1].text):
        return True
    return i > 0 and paragraphs[i - 1].page != paragraphs[i].page


def _read_front(section: Section, title_at: int | None, keep_title: bool) -> None:
    """Title, byline and the body paragraphs of a section."""
    paras = section.paragraphs
    if title_at is None:
        title_at = _guess_title(paras)
    body = list(paras)
    if title_at is not None:
        section.title = paras[title_at].text.strip()
        for after in range(title_at + 1, min(title_at + 3, len(paras))):
            if paras[after].heading and paras[after].size >= paras[title_at].size - 0.6:
                break
            if _MARKS_ONLY.match(paras[after].text):
                continue  # superscript affiliation marks set on a line of their own
            names = byline_names(paras[after].lines[0].text)
            if names:
                section.authors = names
                if not keep_title and len(paras[after].lines) == 1:
                    body.remove(paras[after])
            break
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
    credited: tuple[str, ...] = ()
    for p in section.body:
        text = p.text.strip()
        if not section.source and (line := parse_attribution(text)):
            section.source, section.issue, section.year, credited = line.source, line.issue, line.year, line.authors
            continue
        keep.append(p)
        if not section.abstract and (m := _ABSTRACT.match(text)) and len(text) > m.end() + 10:
            section.abstract = text[m.end():].strip()
        elif not section.keywords and (m := _KEYWORDS.match(text)):
            section.keywords = [k for k in _KEYWORD_SPLIT.split(text[m.end():].strip()) if k]
    section.body = keep
    head = [p.text for p in section.paragraphs[:12]]
    if not section.authors:
        section.authors = _authors_from_text(head) or list(credited)
    section.doc_number = re.sub(r"\s+", "", next((m.group(0) for t in [section.title, *head] if (m := DOC_NUMBER.search(t))), ""))
    if not section.authors and (section.doc_number or _POLICY_TITLE.search(section.title)):
        section.authors = _issuers(section)
    section.doc_type = _doc_type(section, multi)
    section.year = section.year or _year(section, furniture)
    if not section.source and section.doc_type in ("paper", "news"):
        pages = sorted(furniture)
        masthead = furniture.get(section.paragraphs[0].page) or (furniture[pages[0]] if pages else [])
        section.source = _masthead_name(masthead)


def _authors_from_text(head: list[str]) -> list[str]:
    for text in head[:3]:
        credit = _CREDIT.match(text.strip())
        if credit:
            names = [n for group in _REPORTER.findall(credit.group(1)) for n in re.split(r"[\s、]+", group) if n]
            if names:
                return list(dict.fromkeys(names))
        if m := _POST_NAME.match(text):
            return [m.group(1)]
    return []


def _issuers(section: Section) -> list[str]:
    """发文机关 of a policy: its masthead (某某厅文件) or the signature above the date at the end."""
    candidates = [p.text.strip() for p in section.paragraphs[:3]]
    tail = section.paragraphs[-6:]
    for i, p in enumerate(tail[:-1]):
        if re.match(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", tail[i + 1].text):
            candidates.append(p.text.strip())
    issuers = []
    for text in candidates:
        for part in re.split(r"\s+", text):
            if m := _ISSUER.match(part):
                issuers.append(m.group(1))
    return list(dict.fromkeys(issuers))[:4]


def _doc_type(section: Section, multi: bool) -> str:
    text = "\n".join(p.text for p in section.paragraphs[:40])
    body = text + "\n".join(p.text for p in section.paragraphs[40:400])
    if section.doc_number or (_POLICY_TITLE.search(section.title) and re.search(r"第[一二三四五六七八九十百]+条|各[^。]{0,40}[：:]", body)):
        return "policy"
    if re.search(r"(?:摘\s*要|内容提要|关键词|Abstract|参考文献)", text, re.IGNORECASE):
        return "paper"
    if re.search(r"本报讯|本报记者|（记者|\(记者|新华社", text):
        return "news"
    if multi and section.source:
        return "digest"
    return "news" if multi else "other"


def _year(section: Section, furniture: dict[int, list[str]]) -> int | None:
    candidates = [section.doc_number]
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
