"""The digest as one self-contained HTML file: inline CSS, no external resource, everything escaped.

A Content-Security-Policy forbids loading anything, so even a mistake cannot reach the network.
Fonts are named, never downloaded: 仿宋/楷体/黑体 with the usual Linux faces as fallbacks. Print
CSS sets A4 with the GB/T 9704 margins, the mark at the top left and "— n —" at the bottom of
every printed page (in browsers that support page-margin boxes), and keeps headings with text.
"""

from __future__ import annotations

import base64
import html
import re
from itertools import groupby
from pathlib import Path

from userdata.digest.document import DigestDocument
from userdata.digest.export import blocks
from userdata.digest.export.atomic import replacing
from userdata.digest.export.richtext import Span

FANG = '"FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", serif'
KAI = '"KaiTi", "楷体", "STKaiti", "KaiTi_GB2312", "AR PL UKai CN", "Noto Serif CJK SC", serif'
HEI = '"SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif'
SONG = '"SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", serif'
TITLE = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", ' + HEI

CSS = """
html { background: #f3f3f3; }
body { margin: 0; color: #000; font-family: %(fang)s; font-size: 16pt; line-height: 29pt; }
.page { background: #fff; max-width: 156mm; margin: 12mm auto; padding: 20mm 26mm 24mm 28mm;
        box-shadow: 0 0 4px rgba(0,0,0,.25); }
p { margin: 0; text-align: justify; text-indent: 2em; }
.mark { font-family: %(hei)s; text-indent: 0; margin-bottom: 8mm; }
h1.title { font-family: %(title)s; font-weight: normal; font-size: 22pt; line-height: 36pt;
           text-align: center; margin: 6pt 0; }
.issue { font-family: %(kai)s; text-align: center; text-indent: 0; }
.meta { display: flex; justify-content: space-between; gap: 1em; font-size: 14pt; line-height: 24pt;
        text-indent: 0; margin-top: 8pt; }
hr.rule { border: 0; border-top: 1.2pt solid #c81010; margin: 6pt 0 12pt; }
h2, h3, h4, h5 { font-size: 16pt; line-height: 29pt; font-weight: normal; margin: 14pt 0 0;
                 text-indent: 2em; break-after: avoid; page-break-after: avoid; }
h2 { font-family: %(hei)s; }
h3 { font-family: %(kai)s; margin-top: 6pt; }
h4, h5 { font-family: %(fang)s; margin-top: 4pt; }
.commentary { margin-top: 8pt; }
blockquote.quotation { margin: 10pt 1em 0; padding: 0; }
.note { font-family: %(kai)s; margin-top: 4pt; }
.note ul, .note ol, .commentary ul, .commentary ol { margin: 0; padding-left: 4em; }
.label { font-family: %(hei)s; font-weight: normal; }
sup.cite { font-size: 60%%; line-height: 0; }
sup.cite a { color: inherit; text-decoration: none; }
.source { white-space: normal; }
p.figure { text-indent: 0; text-align: center; margin: 10pt 0 0; }
p.figure img { max-width: 100%%; height: auto; }
p.caption { text-indent: 0; text-align: center; font-family: %(kai)s; font-size: 14pt; }
h2.refs { text-indent: 0; margin-top: 20pt; }
.references p { font-size: 14pt; line-height: 24pt; text-indent: -2em; padding-left: 2em; text-align: left; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-right { content: "— " counter(page) " —"; font-family: %(song)s; font-size: 14pt; } }
@page :left { @bottom-right { content: none; }
              @bottom-left { content: "— " counter(page) " —"; font-family: %(song)s; font-size: 14pt; } }
%(page_mark)s
@media print {
  html { background: none; }
  .page { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .mark { margin-bottom: 4mm; }
  p { orphans: 2; widows: 2; }
  .note p, .references p { break-inside: avoid-page; }
}
"""

_PAGE_MARK = """@page { @top-left { content: %(mark)s; font-family: %(hei)s; font-size: 16pt; } }
@page :first { @top-left { content: none; } }"""

_WRAP = {blocks.QUOTE: ('<blockquote class="quotation">', "</blockquote>"),
         blocks.NOTE: ('<div class="note">', "</div>"),
         blocks.COMMENTARY: ('<div class="commentary">', "</div>"),
         blocks.REFERENCE: ('<section class="references">', "</section>")}


def write(document: DigestDocument, path: Path) -> None:
    """Write `document` as one HTML file to `path`."""
    text = render(document)
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def render(document: DigestDocument) -> str:
    """The whole HTML document as a string."""
    cover, esc = document.cover, html.escape
    mark = cover.mark.strip()
    fonts = {"fang": FANG, "kai": KAI, "hei": HEI, "song": SONG, "title": TITLE}
    page_mark = _PAGE_MARK % {"mark": css_string(mark), **fonts} if mark else ""
    paras = blocks.paragraphs(document)
    # nothing outside the file; figures are inside it, as data: URIs
    policy = "default-src 'none'; style-src 'unsafe-inline'" + (
        "; img-src data:" if any(p.kind == blocks.FIGURE for p in paras) else "")
    head = [
        "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{esc(document.generator)}">',
        f'<meta name="author" content="{esc(cover.compiler or cover.organisation)}">',
        f"<title>{esc(cover.title)}</title>",
        "<style>" + CSS % {**fonts, "page_mark": page_mark} + "</style>", "</head>",
        '<body><div class="page">',
    ]
    body = [f'<p class="mark">{esc(mark)}</p>'] if mark else []
    body += _body(paras)
    return "\n".join(head + body + ["</div></body>", "</html>", ""])


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string or the <style> element."""
    out = []
    for char in text:
        if char.isalnum() and (char.isascii() or ord(char) > 0x2E7F) or char in " ·-_":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


def _body(paras: list[blocks.Para]) -> list[str]:
    out: list[str] = []
    cover_done = False
    for (kind, group), grouped in groupby(paras, key=lambda p: (p.kind, p.group)):
        members = list(grouped)
        if not cover_done and kind not in (blocks.TITLE, blocks.ISSUE, blocks.META):
            out.append('<hr class="rule">')
            cover_done = True
        opening, closing = _WRAP.get(kind, ("", ""))
        if kind == blocks.REFERENCE and out and out[-1] == "</section>":
            out.pop()  # one section holds every reference
            opening = ""
        out += [opening] if opening else []
        out += _members(members)
        out += [closing] if closing else []
    if not cover_done:
        out.append('<hr class="rule">')
    return out


def _members(members: list[blocks.Para]) -> list[str]:
    """The paragraphs of one block; list items grouped into <ul>/<ol>."""
    out: list[str] = []
    for is_item, grouped in groupby(members, key=lambda p: bool(p.marker)):
        run = list(grouped)
        if not is_item:
            out += [_para(p) for p in run]
            continue
        tag = "ol" if run[0].marker[:1].isdigit() else "ul"
        out.append(f"<{tag}>" + "".join(f"<li>{_spans(p.spans)}</li>" for p in run) + f"</{tag}>")
    return out


def _para(para: blocks.Para) -> str:
    inner = _spans(para.spans)
    if para.kind == blocks.TITLE:
        return f'<h1 class="title">{inner}</h1>'
    if para.kind == blocks.ISSUE:
        return f'<p class="issue">{inner}</p>'
    if para.kind == blocks.META:
        return f'<p class="meta"><span>{inner}</span><span class="date">{html.escape(para.tail)}</span></p>'
    if para.kind == blocks.HEADING:
        level = min(para.level, 4) + 1
        return f"<h{level}>{inner}</h{level}>"
    if para.kind == blocks.REFS_HEADING:
        return f'<h2 class="refs">{inner}</h2>'
    if para.kind == blocks.FIGURE:
        width, _ = blocks.png_size(para.image)
        size = f' style="width: min(100%, {width // 2}px)"' if width else ""
        data = base64.b64encode(para.image).decode("ascii")
        return f'<p class="figure"><img src="data:image/png;base64,{data}" alt=""{size}></p>'
    if para.kind == blocks.CAPTION:
        return f'<p class="caption">{inner}</p>'
    if para.kind == blocks.REFERENCE:
        number = re.sub(r"\D", "", para.spans[0].text)
        return f'<p id="ref-{number}">{inner}</p>'
    return f"<p>{inner}</p>"


def _spans(spans: tuple[Span, ...]) -> str:
    return "".join(_span(s) for s in spans)


def _span(span: Span) -> str:
    text = "<br>".join(html.escape(part) for part in span.text.split("\n"))
    if span.sup:
        number = re.sub(r"\D", "", span.text)
        return f'<sup class="cite"><a href="#ref-{number}">{text}</a></sup>'
    if span.label:
        text = f'<b class="label">{text}</b>'
    if span.underline:
        text = f"<u>{text}</u>"
    if span.italic:
        text = f"<i>{text}</i>"
    if span.bold:
        text = f"<b>{text}</b>"
    return text
