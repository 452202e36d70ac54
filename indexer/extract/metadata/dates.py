"""Dates as Chinese documents print them, converted to ISO 8601 (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

Forms read: 2025年10月20日 (spaces allowed), 2025-10-20 / 2025.10.20 / 2025/10/20, 2025年10月,
Chinese numerals written digit by digit for the year (二〇二三年六月十二日, 二○二五年), the 民國 calendar
of Taiwan documents (中華民國110年9月30日 = 2021-09-30, 民国109年) and a bare 2025年.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_NUMERALS = "〇○零Ｏ一二三四五六七八九十"
_CN_YEAR = r"[〇○零Ｏ一二三四五六七八九]{4}"
_CN_SMALL = r"[一二三四五六七八九十]{1,3}"
_ROC = r"(?:中華民國|中华民国|民國|民国)\s*"
_PATTERNS = [
    # 中華民國110年9月30日 (the year counted from 1912)
    ("roc", re.compile(rf"{_ROC}(\d{{2,3}}|{_CN_SMALL}(?:百{_CN_SMALL}?)?)\s*年"
                       rf"(?:\s*(\d{{1,2}}|{_CN_SMALL})\s*月(?:\s*(\d{{1,2}}|{_CN_SMALL})\s*日)?)?")),
    # 2025年10月20日, 2025年10月
    ("arabic", re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?")),
    # 二〇二三年六月十二日
    ("chinese", re.compile(rf"({_CN_YEAR})\s*年(?:\s*({_CN_SMALL})\s*月(?:\s*({_CN_SMALL})\s*日)?)?")),
    # 2025-10-20, 2025.10.20, 2025/10/20
    ("numeric", re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d])")),
]


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: its parts (month and day may be unknown) and where it was printed."""

    year: int
    month: int | None = None
    day: int | None = None
    start: int = 0
    end: int = 0

    def iso(self) -> str:
        """``2025-10-20``, ``2025-10`` or ``2025``, as far as the printed date goes."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def chinese_number(text: str) -> int | None:
    """十二 → 12, 二十三 → 23, 三十 → 30, 一百一十 → 110, 七 → 7; digits pass through; None if not a number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _NUMERALS + "百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[c]
    return total + current


def _year_digits(text: str) -> int:
    """二〇二三 → 2023 (a year written digit by digit)."""
    return int("".join(str(_DIGITS[c]) for c in text))


def dates_in(text: str) -> list[FoundDate]:
    """Every valid date printed in `text`, in order of position (overlapping matches dropped)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text or ""):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            date = _convert(kind, m)
            if date is not None:
                found.append(date)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def first_date(text: str) -> FoundDate | None:
    """The first date printed in `text`, if any."""
    found = dates_in(text)
    return found[0] if found else None


def full_date_line(text: str) -> FoundDate | None:
    """The date when `text` is nothing but a date (a cover's 二〇二三年六月, a signature's 2025年3月1日)."""
    text = re.sub(r"\s+", "", text or "")
    found = dates_in(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(text.rstrip("。.")):
        return found[0]
    return None


def _convert(kind: str, m: re.Match[str]) -> FoundDate | None:
    month: int | None
    day: int | None
    if kind == "numeric":
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif kind == "roc":
        roc = chinese_number(m.group(1))
        if roc is None or not 1 <= roc <= 200:
            return None
        year = roc + 1911
        month = chinese_number(m.group(2)) if m.group(2) else None
        day = chinese_number(m.group(3)) if m.group(3) else None
    else:
        year = int(m.group(1)) if kind == "arabic" else _year_digits(m.group(1))
        month = chinese_number(m.group(2)) if m.group(2) else None
        day = chinese_number(m.group(3)) if m.group(3) else None
    if not 1900 <= year <= 2100:
        return None
    if month is not None and not 1 <= month <= 12:
        month = None  # a misprint or a misread: the year stands
    if day is not None and not 1 <= day <= 31:
        day = None
    return FoundDate(year, month, day if month is not None else None, m.start(), m.end())
