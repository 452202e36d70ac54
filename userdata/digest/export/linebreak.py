"""Chinese line breaking for the PDF writer: break between characters, keep Latin words whole.

Follows the usual 避头尾 rules of Chinese typesetting (GB/T 15834 practice): closing
punctuation (，。、；：？！）》” …) never starts a line and opening punctuation (（《“ …) never
ends one; a character that would break them moves to the next line with its neighbour. ``……``
and ``——`` stay in one piece. Full lines are justified by spreading the spare width evenly
between their characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

#: Characters that may not start a line.
NO_START = set("，。、；：？！）》」』】〕〉］｝”’…—·%％‰,.;:?!)]}>~～・︰︶︸︺︼︾﹀﹂")
#: Characters that may not end a line.
NO_END = set("（《「『【〔〈［｛“‘([{<")
#: Stretch at most this share of the font size between two characters when justifying.
MAX_STRETCH = 0.12

#: The writer's own key for an atom's font (`Atom.style`).
S = TypeVar("S")


@dataclass(frozen=True)
class Atom(Generic[S]):
    """An unbreakable piece of text: one Chinese character, a Latin word or a space.

    `glue` forbids a break before the atom; `style` is the writer's own key for its font.
    """

    text: str
    width: float
    style: S
    glue: bool = False
    space: bool = False
    newline: bool = False


@dataclass(frozen=True)
class Line:
    """Atoms ``start:end`` of a paragraph; `last` for a paragraph's last line or a forced break."""

    start: int
    end: int
    width: float
    last: bool


def atoms(pieces: Sequence[tuple[str, float, S, bool]], max_word: float = float("inf")) -> list[Atom[S]]:
    """Atoms from ``(char, width, style, glue)`` pieces, one per character.

    Latin letters, digits and the like run together into words up to `max_word` wide (a longer
    one, such as a URL, may break anywhere); a piece's own `glue` (a superscript citation after
    its sentence) and the punctuation rules add glue between atoms.
    """
    out: list[Atom[S]] = []
    prev_char = ""
    for char, width, style, glue in pieces:
        if char == "\n":
            out.append(Atom("\n", 0.0, style, newline=True))
            prev_char = ""
            continue
        space = char in " \t\u00a0"
        joins = (_word(char) and _word(prev_char) and out and out[-1].style == style and not out[-1].space
                 and out[-1].width + width <= max_word)
        pair = char in "…—" and prev_char == char
        if (joins or pair) and out:
            last = out[-1]
            out[-1] = Atom(last.text + char, last.width + width, style, last.glue)
        else:
            glued = glue or char in NO_START or prev_char in NO_END
            out.append(Atom(" " if space else char, width, style, glue=glued and not space, space=space))
        prev_char = char
    return out


def lines(items: list[Atom[S]], first_width: float, width: float) -> list[Line]:
    """Greedy line breaks for `items`: the first line is `first_width` wide, the others `width`."""
    out: list[Line] = []
    start, n = 0, len(items)
    while start < n:
        while start < n and items[start].space:
            start += 1
        if start >= n:
            break
        avail = first_width if not out else width
        end, used, brk = start, 0.0, -1
        while end < n and not items[end].newline:
            atom = items[end]
            if end > start and not atom.glue:
                brk = end
            if used + atom.width > avail + 0.01 and end > start and not atom.space:
                end = brk if brk > start else end
                break
            used += atom.width
            end += 1
        else:
            out.append(Line(start, end, _width(items, start, end), True))
            start = end + 1
            continue
        out.append(Line(start, end, _width(items, start, end), False))
        start = end
    return out


def stretch(items: list[Atom[S]], line: Line, avail: float, size: float) -> float:
    """Extra space after each atom but the last to justify `line` to `avail` (0 for a last line).

    The space goes between atoms, so Latin words keep their letter spacing.
    """
    if line.last:
        return 0.0
    gaps = len(_trimmed(items, line)) - 1
    spare = avail - line.width
    if gaps < 1 or spare <= 0:
        return 0.0
    gap = spare / gaps
    return gap if gap <= size * MAX_STRETCH else 0.0


def visible(items: list[Atom[S]], line: Line) -> list[Atom[S]]:
    """The atoms of `line` without trailing spaces and line breaks."""
    return _trimmed(items, line)


def _trimmed(items: list[Atom[S]], line: Line) -> list[Atom[S]]:
    part = [a for a in items[line.start:line.end] if not a.newline]
    while part and part[-1].space:
        part.pop()
    return part


def _width(items: list[Atom[S]], start: int, end: int) -> float:
    return sum(a.width for a in _trimmed(items, Line(start, end, 0.0, False)))


def _word(char: str) -> bool:
    """Part of a Latin word or number (kept whole across a line end)."""
    return bool(char) and char.isascii() and (char.isalnum() or char in "-_'./:@#&%+")
