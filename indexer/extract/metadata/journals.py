"""Journal mastheads and running headers, printed page numbers, and a paper's publication dates.

A journal prints its name with the year, volume and issue above the first page's title or in
the running header: "·2025年10月·中国土地", "第9卷 第4期 航空动力学报", "情报工程 2026年 第12卷
第1期", "中文信息学报 Vol. 31, No. 2". `masthead` reads such a line into its parts; a name is
taken only from a line that also carries a year, volume or issue, or that repeats as the
running header of several pages, and never from a list (网络、群体与市场…), an author's running
title (殷昊等:…) or the article's own title. A book prints its title over the left-hand pages and
the chapter over the right-hand ones (第1章 人工智能概述): `book_title` finds it.

A paper's year is its journal's; without a masthead it is the latest of the dates printed
in its 收稿日期/修回日期/网络首发 lines (a paper appears after it is received), never a
number from the body text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from indexer.extract.metadata.dates import FoundDate, dates_in

# Templates print placeholders (第**卷 第*期): they still mark the line as a masthead.
_VOLUME = re.compile(r"第\s*([\d*]{1,4})\s*卷|Vol\.?\s*([\d*]{1,4})", re.IGNORECASE)
_ISSUE = re.compile(r"第\s*([\d*]{1,3})\s*期|No\.?\s*([\d*]{1,3})", re.IGNORECASE)
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,:;&'()\-]*")
_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{0,22}[\u4e00-\u9fff]")
_NOT_NAME = re.compile(r"[、，,：:]|等$|^(?:第|总第|星期|周[一二三四五六日])|版$|"
                       r"(?:学位论文|毕业论文|目录|摘要|参考文献|本版责编|责任编辑|责编)")
_PROCESS = re.compile(r"(?:收稿日期|收稿时间|修回日期|修回时间|录用日期|拟录用时间|网络首发时间|网络首发日期|出版日期|"
                      r"发表日期|接收日期|收到)")
_CHAPTER = re.compile(r"^第\s*[一二三四五六七八九十百\d]+\s*[章篇编]")
_PAGE_NUMBER = re.compile(r"^[\s\-—–·•|｜(（\[]*(\d{1,4})[\s\-—–·•|｜)）\]]*$")


@dataclass(frozen=True)
class Masthead:
    """A journal's name, year, month, volume and issue as its masthead or running header prints them."""

    journal: str = ""
    year: int | None = None
    month: int | None = None
    volume: str = ""
    issue: str = ""
    day: int | None = None

    def merged(self, other: Masthead) -> Masthead:
        """This masthead with the parts it lacks taken from `other`."""
        return replace(self, journal=self.journal or other.journal, year=self.year or other.year,
                       month=self.month or other.month, volume=self.volume or other.volume,
                       issue=self.issue or other.issue, day=self.day or other.day)

    @property
    def date(self) -> str:
        """``2026-04-13`` (a newspaper's), ``2025-10`` or ``2025`` ('' without a year)."""
        if not self.year:
            return ""
        return FoundDate(self.year, self.month, self.day).iso()


def masthead(line: str, title: str = "", repeated: bool = False) -> Masthead | None:
    """The parts of a masthead or running-header line; None when it names no journal and gives no date.

    `repeated`: the line recurs on several pages (a running header), which lets a bare name count.
    """
    text = re.sub(r"\s+", " ", line or "").strip()
    if not text or len(text) > 120 or re.search(r"等\s*[:：]", text):
        return None  # nothing, a paragraph, or the authors' running title (陈思远，等：…)
    dates = dates_in(text)
    volume = _first_group(_VOLUME.search(text))
    issue = _first_group(_ISSUE.search(text))
    rest = _ISSUE.sub(" ", _VOLUME.sub(" ", text))
    for d in dates:
        rest = rest.replace(text[d.start:d.end], " ")
    rest = _LATIN.sub(" ", rest)
    rest = re.sub(r"[\u4e00-\u9fff]+(?:[、，,][\u4e00-\u9fff]+)+", " ", rest)  # a list (网络、群体与市场…) names no journal
    title_key = re.sub(r"\W", "", title)
    names = [n for n in _NAME.findall(rest) if not _NOT_NAME.search(n) and not re.search(r"[年月日]$", n)
             and not (title_key and (n in title_key or title_key in n))]
    marked = bool(dates or volume or issue)
    starts = bool(names) and re.sub(r"^[\W\d]+", "", rest).startswith(names[0])
    journal = names[0] if (len(names) == 1 or starts) and (marked or repeated and len(names[0]) <= 16) else ""
    volume, issue = volume.strip("*"), issue.strip("*")
    if not journal and not (dates and (volume or issue or dates[0].month)):
        return None
    year = dates[0].year if dates else None
    month = dates[0].month if dates else None
    return Masthead(journal, year, month, volume, issue, dates[0].day if dates else None)


def read_mastheads(lines: Iterable[str], title: str, repeated: set[str]) -> Masthead:
    """Every masthead part found in `lines` (the first page's lines above the title, running headers)."""
    found = Masthead()
    for line in lines:
        key = re.sub(r"\s+", "", line)
        if part := masthead(line, title, key in repeated):
            found = found.merged(part)
    return found


def publication_date(texts: Sequence[str]) -> FoundDate | None:
    """The latest date printed in a paper's 收稿日期/修回日期/网络首发 lines (with the line after, where
    the dates of a two-row table are printed); None when there is none."""
    dates: list[FoundDate] = []
    for i, text in enumerate(texts):
        if _PROCESS.search(text or ""):
            window = text + " " + " ".join(texts[i + 1:i + 3])
            dates += dates_in(window)
    if not dates:
        return None
    return max(dates, key=lambda d: (d.year, d.month or 0, d.day or 0))


def repeated_lines(pages_lines: Mapping[int, Sequence[str]], least: int = 2) -> set[str]:
    """Lines (spaces removed, page numbers stripped) that recur on at least `least` pages."""
    counts: Counter[str] = Counter()
    for lines in pages_lines.values():
        counts.update({_strip_number(line) for line in lines})
    return {line for line, n in counts.items() if n >= least and line}


def book_title(tops: Mapping[int, str]) -> str:
    """A book's title from the pages' top lines: one text over some pages while others carry a chapter
    heading (第1章 …); '' when the pages show no such pattern."""
    chapters = sum(1 for text in tops.values() if _CHAPTER.match(text))
    others = Counter(_strip_number(text) for text in tops.values() if not _CHAPTER.match(text))
    if chapters < 2 or not others:
        return ""
    text, count = others.most_common(1)[0]
    if count < 2 or not _NAME.fullmatch(text) or _NOT_NAME.search(text):
        return ""
    return text


def printed_pages(furniture: Mapping[int, Sequence[str]], first: int, last: int) -> str:
    """起止页码 as printed on a document's first and last pages ("9-13"), '' when not printed on both."""
    def label(page: int) -> str:
        for line in furniture.get(page, []):
            if m := _PAGE_NUMBER.match(line):
                return m.group(1)
        return ""

    start, end = label(first), label(last)
    if not start:
        return ""
    if not end or first == last:
        return start
    if int(end) - int(start) != last - first:
        return ""  # numbers that do not run with the pages are not page numbers
    return f"{start}-{end}"


def _strip_number(line: str) -> str:
    return re.sub(r"^\d{1,4}\s*|\s*\d{1,4}$", "", re.sub(r"\s+", "", line or ""))


def _first_group(m: re.Match[str] | None) -> str:
    if not m:
        return ""
    return next(g for g in m.groups() if g)
