"""Notes and commentaries as styled spans: the limited HTML a note may carry, parsed safely.

A note's `body_html` is limited HTML (b, i, u, p, br, ul/ol/li) or Qt's rich-text HTML from the
note editor (bold and italics as ``<span style="font-weight:700">``). Every exporter renders
from the `Span`s parsed here, never from the HTML itself, so nothing in a note reaches an
export unescaped. Unknown tags are dropped and their text kept; scripts and styles are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser


@dataclass(frozen=True)
class Span:
    """A run of text with one style. ``\\n`` inside `text` is a line break within the paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    #: A superscript citation mark such as ``[3]``.
    sup: bool = False
    #: A label such as 【解读·支持】, set in the heading face (黑体).
    label: bool = False


@dataclass(frozen=True)
class RichPara:
    """One paragraph of a note: its spans and, for a list item, its marker (``•`` or ``2.``)."""

    spans: tuple[Span, ...]
    marker: str = ""


@dataclass
class _OpenList:
    """A <ul> or <ol> being read: its tag and the number of its next item."""

    tag: str
    number: int = 1


_SKIP = {"script", "style", "head", "title"}
_BLOCK = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr"}
_SPACE = re.compile(r"[ \t\r\n\f]+")


def parse(body_html: str, body_text: str = "") -> list[RichPara]:
    """Paragraphs of `body_html`, or of `body_text` (one per line) when there is no HTML."""
    if body_html.strip():
        paras = _Parser().run(body_html)
        if paras:
            return paras
    lines = (line.strip() for line in body_text.splitlines())
    return [RichPara((Span(line),)) for line in lines if line]


def plain(paras: list[RichPara]) -> str:
    """The text of `paras`, one line per paragraph (markers included)."""
    return "\n".join((p.marker + " " if p.marker else "") + "".join(s.text for s in p.spans) for p in paras)


class _Parser(HTMLParser):
    """Collects spans; a style stack follows b/i/u tags and Qt's inline font styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[RichPara] = []
        self.spans: list[Span] = []
        self.marker = ""
        self.stack: list[tuple[str, Span]] = []
        self.lists: list[_OpenList] = []
        self.skipping = 0

    def run(self, html: str) -> list[RichPara]:
        self.feed(html)
        self.close()
        self._flush()
        return self.paras

    def _style(self) -> Span:
        return self.stack[-1][1] if self.stack else Span("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
            return
        if tag == "br":
            self._text("\n", raw=True)
            return
        if tag in _BLOCK:
            self._flush()
        if tag in ("ul", "ol"):
            self.lists.append(_OpenList(tag))
        elif tag == "li" and self.lists:
            current = self.lists[-1]
            self.marker = "•" if current.tag == "ul" else f"{current.number}."
            current.number += 1
        if tag in _VOID:
            return
        self.stack.append((tag, _styled(self._style(), tag, dict(attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in _BLOCK:
            self._flush()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._text(data)

    def _text(self, data: str, raw: bool = False) -> None:
        text = data if raw else _SPACE.sub(" ", data)
        if not text:
            return
        style = self._style()
        if self.spans and _same(self.spans[-1], style):
            self.spans[-1] = replace(self.spans[-1], text=self.spans[-1].text + text)
        else:
            self.spans.append(replace(style, text=text))

    def _flush(self) -> None:
        spans = _trim(self.spans)
        if spans:
            self.paras.append(RichPara(tuple(spans), self.marker))
        self.spans = []
        self.marker = ""


_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"}


def _styled(base: Span, tag: str, attrs: dict[str, str | None]) -> Span:
    """`base` with what `tag` and its inline style add."""
    style = (attrs.get("style") or "").replace(" ", "").lower()
    bold = base.bold or tag in ("b", "strong") or _bold_style(style)
    italic = base.italic or tag in ("i", "em") or "font-style:italic" in style
    underline = base.underline or tag in ("u", "ins") or "text-decoration:underline" in style
    return Span("", bold=bold, italic=italic, underline=underline)


def _bold_style(style: str) -> bool:
    match = re.search(r"font-weight:(\w+)", style)
    if not match:
        return False
    weight = match.group(1)
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)


def _same(a: Span, b: Span) -> bool:
    return (a.bold, a.italic, a.underline) == (b.bold, b.italic, b.underline)


def _trim(spans: list[Span]) -> list[Span]:
    """Drop whitespace at the paragraph's ends and around line breaks; drop empty spans."""
    text = "".join(s.text for s in spans)
    if not text.strip():
        return []
    out: list[Span] = []
    for i, span in enumerate(spans):
        t = re.sub(r" ?\n ?", "\n", span.text)
        if i == 0:
            t = t.lstrip(" ")
        if i == len(spans) - 1:
            t = t.rstrip(" \n")
        if t:
            out.append(replace(span, text=t))
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip("\n"))
    return [s for s in out if s.text]
