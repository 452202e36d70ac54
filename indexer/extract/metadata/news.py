"""Newspaper articles: the paper's name, date and page, and the reporters credited.

A newspaper article reprinted in a compilation prints where it appeared as
《人民日报》（2025年10月20日 第 01 版） (or 人民日报 2025年10月20日 第1版) on a line of its own;
`paper_line` reads it. Reporters are credited in the lead (本报讯（记者 王某 通讯员 李某）),
in a byline (本报记者 程 龙 潘俊强) or, for agency copy, in the closing bracket
（新华社北京10月19日电 记者赵超、安蓓、谢希瑶）: `closing_reporters` reads the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.extract.metadata.dates import FoundDate, dates_in
from indexer.extract.metadata.names import is_name

_PAPER_LINE = re.compile(
    r"^\s*(?:《(?P<quoted>[^》]{2,20})》|(?P<bare>[\u4e00-\u9fff]{2,12}(?:日报|晚报|早报|时报|商报|青年报|法治报|报)))"
    r"\s*[（(]?\s*(?P<when>(?:19|20)\d{2}\s*[年\-./]\s*\d{1,2}\s*[月\-./]\s*\d{1,2}\s*日?)"
    r"\s*[,，]?\s*(?P<page>第\s*[0-9一二三四五六七八九十]+\s*版|[\u4e00-\u9fff]{1,6}版)?\s*[)）]?\s*$"
)
_CLOSING = re.compile(r"^[（(](?:[^）)]{0,30}?电\s*)?(?:本报)?记者\s*(?P<names>[^）)]{2,80})[)）]$")
_ROLE = re.compile(r"(?:通讯员|实习生|见习记者|记者)")


@dataclass(frozen=True)
class PaperLine:
    """《报名》（date 第N版）: the paper, the date and the page (版次) as printed."""

    paper: str
    date: FoundDate
    page: str = ""

    @property
    def issue(self) -> str:
        """The date and page as a reprint's issue: ``2025年10月20日 第01版``."""
        when = f"{self.date.year}年{self.date.month}月{self.date.day}日"
        return f"{when} {self.page}" if self.page else when


def paper_line(text: str) -> PaperLine | None:
    """The parts of a 《人民日报》（2025年10月20日 第 01 版） line; None when `text` is not one."""
    m = _PAPER_LINE.match(text or "")
    if not m:
        return None
    dates = dates_in(m.group("when"))
    if not dates or dates[0].day is None:
        return None
    page = re.sub(r"\s+", "", m.group("page") or "")
    return PaperLine((m.group("quoted") or m.group("bare")).strip(), dates[0], page)


def closing_reporters(text: str) -> list[str]:
    """The reporters of a closing credit: （新华社北京10月19日电 记者赵超、安蓓） → [赵超, 安蓓]."""
    m = _CLOSING.match((text or "").strip())
    if not m:
        return []
    names = []
    for part in re.split(r"[、，,\s]+", _ROLE.sub(" ", m.group("names"))):
        if is_name(part):
            names.append(part)
        elif part:
            return []
    return list(dict.fromkeys(names))
