"""Splitting a file's paragraphs into documents, and reading each one's metadata.

A file may hold several documents: a digest compilation, a newspaper page, a proceedings
volume. A document starts at a title: a heading set in the largest heading size of the
file (merged over its wrapped lines). A slide deck repeats its largest size on every
slide, so a landscape file with a title on most pages is one document. A file without any
heading whose items open with a numbered bracket label (【案例十四】…) is split at them.

The title is the heading as printed, then mended: lines of the same size set right under it
join it, a trailing English translation and footnote marks (*) come off, a company's name
joins the report under it (…有限公司 + 2018年第一季度报告); a thesis is titled by the title under
its cover label (硕士学位论文), a 函 without a printed title by its 主旨.

The other fields are read by the rules of `indexer.extract.metadata` from where they are
printed (see docs/extraction.md, "Metadata"): byline and 作者单位 under the title, reporters'
credits, attribution and newspaper lines, thesis covers, journal mastheads and running
headers, letterheads, 发文字号, 主旨, signature blocks and laws' heads; 摘要 and 关键词.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from indexer.extract.attribution import is_attribution, parse_attribution
from indexer.extract.flow import Paragraph
from indexer.extract.metadata import covers, journals, news, official
from indexer.extract.metadata.dates import FoundDate, dates_in, full_date_line
from indexer.extract.metadata.names import byline, byline_names, unit_line
from indexer.meta import DocumentMeta

_ABSTRACT = re.compile(r"^(?:摘\s*要|内容提要|提\s*要|核心提示)\s*[:：]?\s*")
_KEYWORDS = re.compile(r"^(?:关\s*键\s*词|关键字|主题词)\s*[:：]?\s*")
_KEYWORD_SPLIT = re.compile(r"\s*[;；|｜,，、]\s*")
_MASTHEAD = re.compile(r"(?:文件|简报|快报|要情|动态|参考)$")
_POLICY_TITLE = re.compile(
    r"(?:通知|意见|办法|规定|决定|方案|条例|细则|规划|纲要|指引|指南|公告|通告|批复|函|规则|计划|措施|要点|法|法典|宪法)$"
)
_GOVERNMENT_REPORT = re.compile(r"(?:政府工作报告|工作报告|年度报告|公报)$")
_CREDIT = re.compile(r"^(?:本报讯|本刊讯|新华社[^（(]{0,12}电)?\s*[（(]([^）)]{2,40})[)）]")
_REPORTER = re.compile(r"(?:记者|通讯员|实习生|特约撰稿人)\s*((?:[\u4e00-\u9fa5]{2,3}[\s、]*)+)")
_POST_NAME = re.compile(
    r"^.{0,30}(?:书记|局长|厅长|部长|主任|院长|所长|校长|主席|研究员|教授|总经理|董事长|馆长|处长|科长|总理|省长|市长|区长|县长)"
    r"[\s　]+([\u4e00-\u9fa5]{2,3})"
)
_SECTION_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节编篇部分卷]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
    r"\d+(?:\.\d+)*(?:\s|[、.．](?!\d))|附\s*件|附\s*录|表\s*\d|图\s*\d|目\s*录|参考文献|前\s*言|引\s*言|结\s*语)"
)
_MARKS_ONLY = re.compile(r"^[\d¹²³⁰-⁹*∗†‡,，\s]+$")
_TITLE_MARKS = re.compile(r"[\s*∗†‡¹²³⁰-⁹]+$")
_TRAILING_LATIN = re.compile(r"^(?P<han>.*[\u4e00-\u9fff）》”])\s*(?P<latin>[A-Z][A-Za-z0-9 ,.:;'’&()\-]{8,})$")
_ORGANISATION = re.compile(r"(?:公司|集团|银行|大学|学院|研究院|协会|委员会|人民政府|中心)$")
_REPORT_KIND = re.compile(r"(?:报告|報告|年报|季报|说明书|手册|年鉴|白皮书|章程|公告)(?:全文|摘要)?$")
#: The name of a whole document, as a running header prints it over an excerpt.
_DOCUMENT_NAME = re.compile(r"(?:标准|規範|规范|规程|说明书|說明書|报告|報告|办法|規定|规定|条例|條例|细则|方案|规划|指南|手册|"
                            r"手冊|计划|計畫)(?:[（(](?:19|20)\d{2}年版[)）])?$")
_SERIES_LABEL = re.compile(r"^【[^】]{0,6}[一二三四五六七八九十百\d]+】\s*\S")
_SUPERVISOR = re.compile(r"(?:指导教师|指导老师|导师)\s*[:：]\s*([\u4e00-\u9fff]{2,4})")
_DATED_LABEL = re.compile(r"(?:日期|时间)\s*[:：]\s*$")
_CLOCK = re.compile(r"\d{1,2}:\d{2}|\.indd|\.qxd")
#: The parts of a paper, printed as a label opening a paragraph or as a heading of their own.
_PAPER_PART = re.compile(r"^(?:(?:摘\s*要|内容提要|关\s*键\s*词|主题词|Abstract|Key\s*words)(?:\s*[:：]|\s+\S)|"
                         r"(?:\d+\s*|[一二三四五六七八九十]+、\s*)?(?:摘\s*要|Abstract|参考文献|References)$)", re.IGNORECASE)
_PAPER_SIGNS = re.compile(r"^(?:DOI|doi)\s*[:：]|^10\.\d{4,}/|^(?:核心提示|中图分类号|文献标[识志]码|文章编号|收稿日期)")


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
    issuer: str = ""
    date: str = ""
    journal: str = ""
    volume: str = ""
    pages: str = ""
    affiliations: list[str] = field(default_factory=list)
    degree: str = ""
    institution: str = ""
    supervisor: str = ""
    body: list[Paragraph] = field(default_factory=list)
    title_at: int | None = None
    #: Its source was read from a newspaper's line, 《人民日报》（2025年10月20日 第 01 版）.
    newspaper: bool = False
    #: The file's only document (not a slide deck): its running header may name it.
    single: bool = False
    #: Cut at a numbered bracket label (【案例十四】): one of a series of items, not a newspaper's article.
    series: bool = False

    def meta(self, fallback_title: str = "") -> DocumentMeta:
        """The section's fields as a `DocumentMeta` (`fallback_title` when no title is printed)."""
        return DocumentMeta(
            title=self.title or fallback_title, authors=tuple(self.authors), source=self.source, year=self.year,
            doc_type=self.doc_type, doc_number=self.doc_number, issue=self.issue, issuer=self.issuer,
            date=self.date, journal=self.journal, volume=self.volume, pages=self.pages,
            affiliations=tuple(self.affiliations), degree=self.degree, institution=self.institution,
            supervisor=self.supervisor,
        )


def split_documents(paragraphs: list[Paragraph], slides: bool) -> list[Section]:
    """Cut the file's paragraphs at document titles."""
    if not paragraphs:
        return []
    titles = _title_indices(paragraphs)
    series = not titles and not slides
    if series:
        titles = _series_labels(paragraphs)
    if len(titles) >= 2 and not series and not _several_documents(paragraphs, titles):
        titles = titles[:1]
    if slides or len(titles) < 2:
        section = Section(paragraphs)
        first = titles[0] if titles and paragraphs[titles[0]].page <= 2 else _first_page_heading(paragraphs)
        _read_front(section, first, keep_title=slides)
        section.single = not slides
        return [section]
    sections = []
    bounds = titles + [len(paragraphs)]
    for n, (start, end) in enumerate(itertools.pairwise(bounds)):
        lead = 0 if n == 0 else start  # text before the first title belongs to the first document
        section = Section(paragraphs[lead:end], series=series)
        _read_front(section, start - lead, keep_title=False)
        sections.append(section)
    return sections


def _first_page_heading(paragraphs: list[Paragraph]) -> int | None:
    """When the largest headings come later in the file: the largest heading of the first page."""
    first = [i for i, p in enumerate(paragraphs) if p.page == paragraphs[0].page and p.heading
             and len(p.text.strip()) >= 4 and not _SECTION_HEADING.match(p.text.strip())]
    return max(first, key=lambda i: paragraphs[i].size) if first else None


def _running_title(section: Section, furniture: Mapping[int, list[str]]) -> str:
    """A page taken out of a longer document: its running header names the document (安徽省建设用地使用标准
    （2020年版）) while the page's largest heading is a chapter or a sentence set large; '' otherwise."""
    paras, at = section.paragraphs, section.title_at
    if at is None or not section.single:
        return ""
    heading = paras[at].text.strip()
    if not (_SECTION_HEADING.match(heading) or re.search(r"[，。；]", heading)):
        return ""
    above = [p.text for p in paras[:at] if p.page == paras[at].page and not p.heading]
    for text in [*above, *furniture.get(paras[at].page, [])]:
        text = text.strip()
        if 6 <= len(text) <= 60 and _DOCUMENT_NAME.search(text):
            return clean_title(text)
    return ""


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
        masthead = _MASTHEAD.search(first.text.strip()) or official.letterhead(first.text)
        if len(titles) == 1 and first.page == 1 and masthead:
            headings = [i for i in headings if i > titles[0] and paragraphs[i].size < top - 0.6]
            continue
        return titles
    return []


def _series_labels(paragraphs: list[Paragraph]) -> list[int]:
    """In a file without headings: paragraphs opening with a numbered bracket label, 【案例十四】科技學院：…"""
    found = [i for i, p in enumerate(paragraphs)
             if _SERIES_LABEL.match(p.text.strip()) and len(p.text.strip()) <= 60 and not p.text.strip().endswith("。")]
    return found if len(found) >= 2 or (found and found[0] <= 3) else []


def _several_documents(paragraphs: list[Paragraph], titles: list[int]) -> bool:
    """Do these title-size headings open separate documents, or sections of one?

    Chapter and section headings (第三章, 一、, 1.2, 附件) never open a document. The rest do
    when at least half of them show a sign of a new article: a byline or a 本报讯 lead
    right after, a （来源：…） line closing the text right before, or a new page.
    """
    starts = [i for i in titles if not _SECTION_HEADING.match(paragraphs[i].text.strip())
              and byline(paragraphs[i].text) is None]  # a byline set as large as its title
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
    """Title, byline (and the units under it) and the body paragraphs of a section."""
    paras = section.paragraphs
    if title_at is None:
        title_at = _guess_title(paras)
    body = list(paras)
    section.title_at = title_at
    if title_at is not None:
        joined = _title_lines(paras, title_at)
        section.title = clean_title(_join_pieces([clean_title(paras[i].text) for i in joined]))
        after = max(joined) + 1
        for at in range(after, min(after + 2, len(paras))):
            if _MARKS_ONLY.match(paras[at].text):
                continue  # superscript affiliation marks set on a line of their own
            found = byline(paras[at].lines[0].text)
            if found is None and paras[at].heading and paras[at].size >= paras[title_at].size - 0.6:
                break
            if found:
                section.authors = list(found.names)
                section.affiliations = list(found.units)
                if not keep_title and len(paras[at].lines) == 1:
                    body.remove(paras[at])
                section.affiliations += [u for u in _units_under(paras, at) if u not in section.affiliations]
            break
        if not keep_title:
            for i in joined:
                body.remove(paras[i])
    section.body = body


def _units_under(paras: list[Paragraph], at: int) -> tuple[str, ...]:
    """作者单位 printed with a byline: on the byline's own further lines, or in the paragraph under it
    (a bracket opened on one and closed on the next is read as one)."""
    rest = " ".join(line.text for line in paras[at].lines[1:]).strip()
    following = paras[at + 1].text.strip() if at + 1 < len(paras) else ""
    if rest and rest.count("(") + rest.count("（") > rest.count(")") + rest.count("）"):
        rest = f"{rest} {following}"
    return unit_line(rest) or unit_line(following)


def _title_lines(paras: list[Paragraph], title_at: int) -> list[int]:
    """The title paragraph and the lines of the same size set right under it (a title broken
    by the layout), then a report's kind under a company's name (…有限公司 / 2018年第一季度报告)."""
    title = paras[title_at]
    joined = [title_at]
    last = title.lines[-1]
    for i in range(title_at + 1, min(title_at + 30, len(paras))):
        p = paras[i]
        first = p.lines[0]
        if p.page != title.page or not p.heading or abs(p.size - title.size) > 0.6:
            continue
        overlaps = first.x0 < last.x1 and first.x1 > last.x0
        if overlaps and 0 <= first.top - last.bottom < 0.8 * title.size and not _SECTION_HEADING.match(p.text):
            joined.append(i)
            last = p.lines[-1]
        break
    nxt = max(joined) + 1
    name = clean_title(title.text)
    if (nxt < len(paras) and _ORGANISATION.search(name) and paras[nxt].heading and paras[nxt].page == title.page
            and paras[nxt].size >= 0.75 * title.size and _REPORT_KIND.search(paras[nxt].text.strip())):
        joined.append(nxt)
    return joined


def clean_title(text: str) -> str:
    """A printed title without footnote marks (*), a trailing English translation or stray rules (|)."""
    text = re.sub(r"\s+", " ", text.replace("|", " ").replace("｜", " ")).strip()
    if m := _TRAILING_LATIN.match(text):
        han = m.group("han").strip()
        if sum(1 for c in han if "\u4e00" <= c <= "\u9fff") >= 4 and len(m.group("latin").split()) >= 2:
            text = han
    return _TITLE_MARKS.sub("", text)


def _join_pieces(pieces: list[str]) -> str:
    """Pieces of one title set on separate lines: a space between Latin words, nothing otherwise."""
    text = pieces[0]
    for piece in pieces[1:]:
        latin = re.search(r"[A-Za-z0-9.,:;]$", text) and re.match(r"[A-Za-z]", piece) or (
            re.search(r"[A-Za-z]$", text) and re.match(r"[A-Za-z0-9]", piece))
        text += (" " if latin else "") + piece
    return text


def _guess_title(paras: list[Paragraph]) -> int | None:
    """Without a larger heading: a policy-like title line near the start, or nothing."""
    for i, p in enumerate(paras[:25]):
        text = p.text.strip()
        if 4 <= len(text) <= 60 and _POLICY_TITLE.search(text) and not text.endswith("。"):
            return i
    return None


# ---------------------------------------------------------------------------- metadata


def read_metadata(section: Section, furniture: Mapping[int, list[str]], multi: bool) -> None:
    """Fill every field but the title and byline from the section's text (see the module's docstring)."""
    credited, line_date = _read_body_fields(section)
    if running := _running_title(section, furniture):
        _retitle(section, running)
    head = [p.text for p in section.paragraphs[:12]]
    tail = [p.text for p in section.paragraphs[-8:]]
    first_page = section.paragraphs[0].page
    above = section.paragraphs[:section.title_at] if section.title_at else []
    # The running header of the first page: removed as furniture, or left above the title.
    headers = list(furniture.get(first_page, [])) + [p.text for p in above if p.page == first_page and not p.heading]
    dates: list[FoundDate | str | None] = [line_date]
    _read_thesis(section, furniture, dates)
    _read_official(section, head, tail, headers, dates)
    if not section.authors:
        head_lines = [line.text for p in section.paragraphs[:4] for line in p.lines]
        section.authors = _authors_from_text(head_lines) or _closing_credit(section) or list(credited)
    if not section.supervisor and (m := next((m for t in head[:8] if (m := _SUPERVISOR.search(t))), None)):
        section.supervisor = m.group(1)
    masthead = _read_masthead(section, furniture)
    section.doc_type = _doc_type(section, multi, masthead)
    if section.doc_type == "policy":
        _read_issuer(section, tail, dates)
    elif section.doc_type in ("paper", "news") or masthead.volume or masthead.issue:
        _apply_masthead(section, masthead, dates, furniture)
    elif not section.source and section.doc_type == "other":
        section.source = journals.book_title(_page_tops(section))
    date = _first_date(dates) or _fallback_date(section, head, headers)
    if date:
        section.date = date if isinstance(date, str) else date.iso()
    section.year = section.year or (int(section.date[:4]) if section.date else None) or _number_year(section)


def _read_body_fields(section: Section) -> tuple[tuple[str, ...], str]:
    """Attribution and newspaper lines (taken out of the body), 摘要 and 关键词."""
    keep = []
    credited: tuple[str, ...] = ()
    line_date = ""
    for p in section.body:
        text = p.text.strip()
        if not section.source and (line := parse_attribution(text)):
            section.source, section.issue, section.year, credited = line.source, line.issue, line.year, line.authors
            line_date = line.date
            section.newspaper = news.paper_line(text) is not None
            continue
        keep.append(p)
        if not section.abstract and (m := _ABSTRACT.match(text)) and len(text) > m.end() + 10:
            section.abstract = text[m.end():].strip()
        elif not section.keywords and (m := _KEYWORDS.match(text)):
            section.keywords = [k for k in _KEYWORD_SPLIT.split(text[m.end():].strip()) if k]
    section.body = keep
    return credited, line_date


def _read_thesis(section: Section, furniture: Mapping[int, list[str]], dates: list[FoundDate | str | None]) -> None:
    """A thesis cover: the title under the label, the author, 导师, degree, university and date."""
    paras = section.paragraphs
    at = section.title_at
    cover_page = paras[at].page if at is not None else 0
    label = next((p for p in paras[:8] if p.page == cover_page and covers.is_cover_label(p.text)), None)
    if label is None or cover_page > 2:
        return
    lines = [ln for p in paras if p.page == cover_page for ln in p.lines]
    running = [line for lines_ in furniture.values() for line in lines_]
    cover = covers.read_cover(lines, label.text.strip(), running)
    title = cover.title
    if not title and covers.is_cover_label(section.title):
        after = [p for p in paras[paras.index(label) + 1:] if p.page == cover_page and p.heading
                 and not covers.is_cover_label(p.text) and not covers.has_label(p.text)]
        title = after[0].text if after else ""
    if title:
        _retitle(section, clean_title(re.sub(r"^\s*(?:论文)?题\s*目\s*[:：]\s*", "", title)))
    if cover.author:
        section.authors = [cover.author]
    section.supervisor, section.degree, section.institution = cover.supervisor, cover.degree, cover.institution
    dates.append(cover.date)
    section.doc_type = "paper"


def _read_official(section: Section, head: list[str], tail: list[str], headers: list[str],
                   dates: list[FoundDate | str | None]) -> None:
    """发文字号, the letterhead (and a 函's 主旨 as its title), labelled dates and a law's head."""
    section.doc_number = official.doc_number([section.title, *head, *headers])
    head_letter = _letterhead(section.paragraphs[:6])
    if head_letter:
        section.issuer = head_letter.issuer
        untitled = not section.title or official.letterhead(section.title) or section.title in head_letter.issuer
        if head_letter.kind == "函" and untitled:
            _retitle(section, official.subject([p.text for p in section.paragraphs[:30]]))
    dates.append(official.labelled_date(head[:12] + [p.text for p in section.paragraphs[12:20]]))
    if law := official.adoption(head[:6]):
        section.issuer = section.issuer or law.issuer
        dates.append(law.date)


def _letterhead(paras: list[Paragraph]) -> official.Letterhead | None:
    """A letterhead among the first paragraphs, its kind (函) possibly set as a paragraph of its own."""
    for i, p in enumerate(paras):
        found = official.letterhead(p.text)
        if found is None and i + 1 < len(paras) and paras[i + 1].text.strip() in ("函", "文件"):
            found = official.letterhead(p.text + " " + paras[i + 1].text)
        if found:
            return found
    return None


def _retitle(section: Section, title: str) -> None:
    """Title the section with a text found below its heading; the heading goes back into the body."""
    if not title or title == section.title:
        return
    section.title = title
    at = section.title_at
    if at is not None and section.paragraphs[at] not in section.body:
        order = {id(p): n for n, p in enumerate(section.paragraphs)}
        section.body = sorted([*section.body, section.paragraphs[at]], key=lambda p: order[id(p)])


def _read_issuer(section: Section, tail: list[str], dates: list[FoundDate | str | None]) -> None:
    """发文机关 of a policy: letterhead or law (read before), the head of its title, or its signature."""
    signed, signed_on = official.signature(tail)
    section.issuer = section.issuer or official.title_issuer(section.title) or signed
    dates.append(signed_on)


def _read_masthead(section: Section, furniture: Mapping[int, list[str]]) -> journals.Masthead:
    """The journal's masthead: lines above the title on the first page, and running headers."""
    first = section.paragraphs[0].page
    above: list[str] = []
    if section.title_at is not None:
        above = [p.text for p in section.paragraphs[:section.title_at] if p.page == first]
    pages = {p.page for p in section.paragraphs}
    header_lines = {page: furniture.get(page, []) for page in sorted(pages)[:6]}
    repeated = journals.repeated_lines(header_lines)
    lines = above + [line for page in sorted(header_lines) for line in header_lines[page] if not _CLOCK.search(line)]
    return journals.read_mastheads(lines, section.title, repeated)


def _apply_masthead(section: Section, masthead: journals.Masthead, dates: list[FoundDate | str | None],
                    furniture: Mapping[int, list[str]]) -> None:
    if section.doc_type == "paper" and masthead.journal and not section.source:
        section.source = masthead.journal
        section.journal = masthead.journal
        section.volume = masthead.volume
        section.issue = section.issue or masthead.issue
    elif section.doc_type == "news" and not section.source and masthead.journal and masthead.year:
        section.source = masthead.journal  # a newspaper's page header always carries the date
    if section.doc_type == "paper":
        pages = [p.page for p in section.paragraphs]
        section.pages = journals.printed_pages(furniture, min(pages), max(pages))
    dates.append(masthead.date)
    if section.doc_type == "paper" and (published := journals.publication_date([p.text for p in section.paragraphs[:60]])):
        dates.append(FoundDate(published.year))  # received/online dates bound the year, not the day


def _first_date(dates: list[FoundDate | str | None]) -> FoundDate | str | None:
    return next((d for d in dates if d), None)


def _fallback_date(section: Section, head: list[str], headers: list[str]) -> FoundDate | None:
    """Without a date where documents print one: a line of the head that is only a date (a cover's
    2018年04月) or follows a 日期：/时间： label, a year in the title, a dated running header."""
    for text in head[:10]:
        plain = re.sub(r"\s+", "", text)
        if found := full_date_line(plain):
            return found
        if re.match(r"^[—－\-]{1,2}(?=(?:19|20)\d{2}年|[〇○一二]{4}年)", plain) and (found_dates := dates_in(plain)):
            return found_dates[0]  # a report's subtitle: ——2024年3月5日在第十四届全国人民代表大会第二次会议上
        ends = dates_in(plain)
        if len(plain) <= 80 and ends and ends[-1].end == len(plain) and ends[-1].day:
            return ends[-1]  # a unit and date under the byline: …研究所 2023年7月13日
        label_date = re.search(r"(?:日期|时间)\s*[:：]\s*", plain)
        if label_date and not re.search(r"收稿|修回|录用|出生|截止|报名", plain[:label_date.start()]):
            found_dates = dates_in(plain[label_date.end():])
            if found_dates and found_dates[0].start == 0:
                return found_dates[0]
    if found_dates := dates_in(section.title):
        return FoundDate(found_dates[0].year)
    for line in headers:
        if not _CLOCK.search(line) and (found_dates := dates_in(line)):
            return found_dates[0]
    return None


def _number_year(section: Section) -> int | None:
    m = re.search(r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]", section.doc_number)
    return int(m.group(1)) if m else None


def _page_tops(section: Section) -> dict[int, str]:
    """The first line printed on each page of the section (running headers left in the text)."""
    tops: dict[int, tuple[float, str]] = {}
    for p in section.paragraphs:
        for line in p.lines:
            if line.page not in tops or line.top < tops[line.page][0]:
                tops[line.page] = (line.top, line.text.strip())
    return {page: text for page, (_, text) in tops.items()}


def _authors_from_text(head: list[str]) -> list[str]:
    """Reporters of a 本报讯（记者 …） lead, or a name after a post (国务院总理 李强) in the first lines."""
    for text in head[:6]:
        credit = _CREDIT.match(text.strip())
        if credit:
            names = [n for group in _REPORTER.findall(credit.group(1)) for n in re.split(r"[\s、]+", group) if n]
            if names:
                return list(dict.fromkeys(names))
        if m := _POST_NAME.match(text):
            return [m.group(1)]
    return []


def _closing_credit(section: Section) -> list[str]:
    """Reporters credited in the closing bracket of agency copy （新华社北京10月19日电 记者…）."""
    for p in reversed(section.body[-3:]):
        if names := news.closing_reporters(p.text.strip().split("\n")[-1]):
            return names
    return []


def _doc_type(section: Section, multi: bool, masthead: journals.Masthead) -> str:
    if section.doc_type == "paper":
        return "paper"  # a thesis cover was read
    text = "\n".join(p.text for p in section.paragraphs[:40])
    body = text + "\n".join(p.text for p in section.paragraphs[40:400])
    if section.doc_number or section.issuer or _government_report(section.title):
        return "policy"
    if _POLICY_TITLE.search(section.title) and (re.search(r"第[一二三四五六七八九十百]+条", body) or _salutation(section)):
        return "policy"
    if section.newspaper:
        return "news"
    if any(_PAPER_PART.match(p.text.strip()) for p in section.paragraphs[:60]):
        return "paper"
    if re.search(r"本报讯|本报记者|（记者|\(记者|新华社", text):
        return "news"
    if multi and section.source:
        return "digest"
    signs = any(_PAPER_SIGNS.search(p.text.strip()) for p in section.paragraphs[:12])
    if not multi and section.authors and (masthead.journal or signs):
        return "paper"
    return "news" if multi and not section.series else "other"


def _government_report(title: str) -> bool:
    """政府工作报告, or a report whose title opens with a government body (某某人民政府2024年…年度报告)."""
    return bool(_GOVERNMENT_REPORT.search(title) and (title.startswith("政府工作报告") or official.title_issuer(title)))


def _salutation(section: Section) -> bool:
    """A 主送机关 line at the head of the text: 各设区市科技局，省直有关单位："""
    return any(re.match(r"^各[^。]{1,60}[：:]$", p.text.strip()) for p in section.paragraphs[:12])
