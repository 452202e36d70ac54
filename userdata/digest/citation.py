"""GB/T 7714-2015 reference entries (顺序编码制) from the library's document metadata.

Entries use the standard's punctuation (". , : ( )" with a space after, as in its examples)
and type codes (文献类型标识). What the catalogue knows decides the form:

- journal article (``paper``)::

      王旭, 刘锐, 何俊琦. 科技情报支撑山西省科技安全治理对策研究[J]. 情报工程, 2026, 12(1): 1-8.

  刊名, 年, 卷(期) and 起止页码 as extraction read them from the masthead (`journal`, `volume`,
  `issue`, `pages`), else from the running header (情报工程 2026年 第12卷 第1期) and the page
  numbers printed on the article's first and last pages;
- newspaper item (``news``)::

      郭海成. 筑牢科技安全屏障 赋能高质量发展[N]. 晋中日报, 2026-04-13(3).

  出版日期(版次) from the page header (晋中日报 2026年4月13日 星期一 第3版), else from the
  article's own line (《人民日报》（2025年10月20日 第 01 版） → `date`, `issue`);
- thesis (a document with a `degree` or `institution`, read from its cover), [D] with the
  university and the year (the place of the university is not printed on covers, so none is given)::

      杨宗稳. 一种基于近边界数据的模型所有权推断方法研究[D]. 南开大学, 2023.

- policy document (``policy``), 发文机关 (`issuer`) as the author and 发文字号 as 其他题名信息::

      江川省科学技术厅. 江川省科学技术厅关于印发…的通知: 江科发〔2025〕12号[Z]. 2025.

  a standard (a 标准 whose title or 文号 holds its code, GB/T 7714—2015) is [S] the same way;

  GB/T 7714-2015 has no type for official documents (公文): [A] is for archival holdings and
  [S] for standards, so a policy document in circulation is [Z] (其他), the form most
  Chinese policy-research journals use;
- an article reprinted in a compilation (``digest``, 专题摘编 / 决策参考, or any document whose
  source is another publication than the running header's — extraction reads a （来源：…） line
  into `source`, `issue` and `year`; catalogues extracted before that hold the line itself as
  `source`, read the same way): cited as the original journal article [J], newspaper item
  [N] or web page [EB/OL] (no address is known, so none is given), followed by
  ``转引自: 科技决策参考, 2025年第8期: 1-6.`` — where the quotation was actually taken from
  (left out when the compilation prints no name of its own); without a usable 来源 line it is a
  report [R] of the compilation;
- anything else: [R] when the title says 报告, else [Z] (slides, unknown documents).

More than three authors: the first three and ", 等" (", et al." for Latin names). The page of
each quotation is not part of the entry: it goes beside the citation mark in the text
(GB/T 7714-2015 10.1.3: the same source cited at several places, pages as [1]^{37}).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from userdata.digest.model import SourceSnapshot

_SOURCE_LINE = re.compile(r"^[（(]\s*来源\s*[:：]\s*(.+?)\s*[)）]?\s*$", re.DOTALL)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_VOLUME = re.compile(r"第\s*(\d+)\s*卷")
_ISSUE = re.compile(r"第\s*(\d+)\s*期")
_EDITION = re.compile(r"第\s*(\d+)\s*版|([\u4e00-\u9fa5]{1,6}版)")
_NEWSPAPER = re.compile(r"(?:日报|晚报|早报|时报|报)$")
_ONLINE = re.compile(r"(?:网|网站|客户端|公众号|APP|App)$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]*$")
#: A standard's code: GB/T 7714—2015, GB 50016-2014, JGJ 3—2010, DB34/T 1234-2020, T/CECS 10-2019.
_STANDARD = re.compile(r"\b(?:GB(?:/[TZ])?|JGJ|JTG|CJJ|HJ|DB\d{0,2}(?:/T)?|T/[A-Z]+)\s*\d+(?:\.\d+)?\s*[—\-－]\s*(?:19|20)\d{2}")


@dataclass(frozen=True)
class Imprint:
    """What a running header or a 来源 line says about where a text appeared."""

    name: str = ""       # 刊名 / 报纸名 / 汇编名
    year: int | None = None
    volume: str = ""
    issue: str = ""
    date: str = ""       # YYYY-MM-DD (newspapers)
    edition: str = ""    # 版次: "3" or "理论版"
    text: str = ""       # the line as printed, trimmed

    @property
    def dated(self) -> bool:
        """A day's issue (a newspaper) rather than a numbered one (a journal)."""
        return bool(self.date)


def reference(source: SourceSnapshot) -> str:
    """The GB/T 7714-2015 entry of a document (without the leading [n])."""
    kind = source.doc_type
    if kind == "policy":
        return _policy(source)
    if source.meta.degree or source.meta.institution:
        return _thesis(source)
    if kind == "digest" or _reprinted(source):
        return _reprint(source)  # a （来源：…） line: reprinted from somewhere else
    if kind == "paper":
        return _journal(source, _paper_imprint(source))
    if kind == "news":
        return _newspaper(source, _news_imprint(source))
    return _other(source)


def type_code(source: SourceSnapshot) -> str:
    """The 文献类型标识 `reference` gives this document: J, N, Z, R or EB/OL."""
    codes: list[str] = re.findall(r"\[([A-Z]+(?:/OL)?)\]", reference(source))
    return codes[0]


def authors_text(authors: tuple[str, ...] | list[str]) -> str:
    """主要责任者: up to three names, then ", 等" (", et al." for Latin names)."""
    names = [a.strip() for a in authors if a and a.strip()]
    if len(names) <= 3:
        return ", ".join(names)
    more = "et al." if all(_LATIN.match(n) for n in names[:3]) else "等"
    return ", ".join(names[:3]) + ", " + more


def parse_imprint(text: str) -> Imprint:
    """Name, year, volume, issue, date and 版次 from a header or 来源 line."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return Imprint()
    name = _name(text)
    date = _DATE.search(text)
    year = _YEAR.search(text)
    edition = _EDITION.search(text[date.end():] if date else "")
    return Imprint(
        name=name, year=int(year.group(1)) if year else None,
        volume=m.group(1) if (m := _VOLUME.search(text)) else "",
        issue=m.group(1) if (m := _ISSUE.search(text)) else "",
        date=f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else "",
        edition=(edition.group(1) or edition.group(2)) if edition else "", text=text)


def source_line(source: str) -> str:
    """The inside of a （来源：…） line up to its first ；(the part naming where it appeared), or ''."""
    m = _SOURCE_LINE.match((source or "").strip())
    return re.split(r"[；;]", m.group(1))[0].strip() if m else ""


# ---------------------------------------------------------------------------- forms


def _journal(s: SourceSnapshot, where: Imprint, pages: bool = True) -> str:
    host = where.name or "[刊名不详]"
    year = where.year or s.year
    detail = ", ".join(part for part in (host, str(year) if year else "") if part)
    if where.volume:
        detail += f", {where.volume}" + (f"({where.issue})" if where.issue else "")
    elif where.issue:
        detail += f"({where.issue})"
    span = (s.meta.pages or _pages(s)) if pages else ""
    return f"{_lead(s)}{_title(s)}[J]. {detail}{': ' + span if span else ''}."


def _newspaper(s: SourceSnapshot, where: Imprint) -> str:
    host = where.name or "[报纸名不详]"
    when = where.date or (str(where.year or s.year) if (where.year or s.year) else "")
    edition = f"({where.edition})" if where.edition else ""
    return f"{_lead(s)}{_title(s)}[N]. {host}{', ' + when if when else ''}{edition}."


def _policy(s: SourceSnapshot) -> str:
    number = f": {s.doc_number}" if s.doc_number else ""
    year = f" {s.year}." if s.year else ""
    code = "S" if _STANDARD.search(f"{s.title} {s.doc_number}") else "Z"
    return f"{_lead(s, issuer=True)}{_title(s)}{number}[{code}].{year}"


def _thesis(s: SourceSnapshot) -> str:
    """主要责任者. 题名[D]. 保存单位, 年份. — the university as the cover prints it."""
    tail = ", ".join(p for p in (_clean(s.meta.institution), str(s.year) if s.year else "") if p)
    return f"{_lead(s)}{_title(s)}[D].{' ' + tail + '.' if tail else ''}"


def _paper_imprint(s: SourceSnapshot) -> Imprint:
    """A journal article's 刊名, 年, 卷, 期: as extraction read them, else from the running header."""
    header = _header(s, s.meta.journal or s.source)
    if not s.meta.journal:
        return header
    return Imprint(_clean(s.meta.journal), s.year or header.year, s.meta.volume or header.volume,
                   _issue_number(s.issue) or header.issue, text=header.text)


def _news_imprint(s: SourceSnapshot) -> Imprint:
    """A newspaper's name, date and 版次: the page header, else the article's own dated line."""
    header = _header(s, s.source)
    if header.date or not s.meta.date or len(s.meta.date) != 10:
        return header
    edition = m.group(1) if (m := re.search(r"第\s*0*(\d+)\s*版", s.issue)) else ""
    return replace(header, name=header.name or _clean(s.source), date=s.meta.date, edition=edition)


def _issue_number(issue: str) -> str:
    """"1", "第1期", "2025年第1期" → "1" ('' for other forms)."""
    if m := re.fullmatch(r"\s*(\d{1,3})\s*", issue or "") or _ISSUE.search(issue or ""):
        return m.group(1)
    return ""


def _reprinted(s: SourceSnapshot) -> bool:
    """Did the document first appear elsewhere: an attribution line read, or (older catalogues) kept as source?"""
    if s.meta.journal:
        return False  # a paper read from its own journal's masthead
    if s.issue or source_line(s.source):
        return True
    host = parse_imprint(s.imprint).name
    return bool(s.source and host and _clean(s.source) != host and s.doc_type in ("news", "paper", "other"))


def _original(s: SourceSnapshot) -> Imprint:
    """Where a reprinted document first appeared: `source` and `issue`, or the 来源 line kept as `source`."""
    if line := source_line(s.source):
        return parse_imprint(line)
    name = _clean(s.source)
    return replace(parse_imprint(f"{name} {s.issue}"), name=name) if name else Imprint()


def _reprint(s: SourceSnapshot) -> str:
    """A compilation's article: the original (from its 来源 line), then where it was quoted from."""
    original = _original(s)
    host = parse_imprint(s.imprint)
    if not original.name:
        return _report(s, host)
    if _ONLINE.search(original.name):
        year = original.year or s.year
        entry = f"{_lead(s)}{_title(s)}[EB/OL]. {original.name}{', ' + str(year) if year else ''}."
    elif original.dated or _NEWSPAPER.search(original.name):
        entry = _newspaper(s, original)
    else:
        entry = _journal(s, original, pages=False)
    if not host.name and s.doc_type != "digest":
        return entry  # the compilation prints no name of its own: the original is all there is to cite
    return f"{entry} 转引自: {_compilation(host, s)}."


def _report(s: SourceSnapshot, host: Imprint) -> str:
    where = _compilation(host, s) if host.name else (str(s.year) if s.year else "")
    return f"{_lead(s)}{_title(s)}[R].{' ' + where + '.' if where else ''}"


def _other(s: SourceSnapshot) -> str:
    code = "R" if "报告" in s.title else "Z"
    tail = ", ".join(p for p in (_clean(s.source) if not _SOURCE_LINE.match(s.source or "") else "",
                                 str(s.year) if s.year else "") if p)
    return f"{_lead(s)}{_title(s)}[{code}].{' ' + tail + '.' if tail else ''}"


def _compilation(host: Imprint, s: SourceSnapshot) -> str:
    """``科技决策参考, 2025年第8期: 1-6`` — a compilation issue and the pages the text fills in it."""
    if host.dated:
        return f"{host.name}, {host.date}" + (f"({host.edition})" if host.edition else "")
    issue = ""
    if host.year and host.issue:
        issue = f"{host.year}年第{host.issue}期"
    elif host.year or s.year:
        issue = str(host.year or s.year)
    span = _pages(s)
    return f"{host.name or '[汇编名不详]'}{', ' + issue if issue else ''}{': ' + span if span else ''}"


# ---------------------------------------------------------------------------- parts


def _lead(s: SourceSnapshot, issuer: bool = False) -> str:
    """主要责任者 and its full stop: the authors, or (`issuer`) the issuing bodies when none are named."""
    names = authors_text(s.authors)
    if not names and issuer and s.issuer:
        names = ", ".join(b for b in re.split(r"[、,，]", s.issuer) if b.strip())
    return f"{names}. " if names else ""


def _title(s: SourceSnapshot) -> str:
    return _clean(s.title) or "[无题名]"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _pages(s: SourceSnapshot) -> str:
    """起止页码: as printed on the first and last pages when known, else the PDF pages."""
    first, last = s.page_label(s.first_page), s.page_label(s.last_page)
    return first if first == last else f"{first}-{last}"


def _header(s: SourceSnapshot, name: str) -> Imprint:
    """The running header parsed, named after the catalogue's source when it has one."""
    found = parse_imprint(s.imprint)
    clean = _clean(name)
    if clean and not _SOURCE_LINE.match(clean):
        return Imprint(clean, found.year, found.volume, found.issue, found.date, found.edition, found.text)
    return found


def _name(text: str) -> str:
    """《刊名》, else the words before the first comma, space or digit."""
    if m := re.search(r"《([^》]+)》", text):
        return m.group(1).strip()
    return re.split(r"[，,;；\s\d（(]", text, maxsplit=1)[0].strip()
