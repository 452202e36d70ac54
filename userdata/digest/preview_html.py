"""A digest as simple HTML for the live preview (Qt's rich-text subset), no Qt here.

The paragraphs are the exporters' own (`userdata.digest.export.blocks.paragraphs`), so the
preview shows the words every export prints, in the same order: the cover, numbered headings,
【编者按】, quotations with their citation and page, notes as 【解读·立场】, the references.
Every piece of text is escaped; notes reach here as parsed spans, never as their HTML.

Why not the HTML export itself (`userdata.digest.export.to_html.render`)? It is written for
browsers and print (flex layout, page-margin boxes, 16 pt 仿宋 on an A4-wide page); Qt's
rich-text engine, which a `QTextBrowser` uses, ignores most of that, so in a narrow pane
the date runs into the compiler's name and subheadings shrink. This page uses only what Qt
renders (paragraph classes, a table for the cover line) at the pane's own font size.
"""

from __future__ import annotations

import base64
import html

from userdata.digest.document import DigestDocument
from userdata.digest.export import blocks
from userdata.digest.export.richtext import Span

STYLE = """<style>
body { font-size: 10.5pt; }
p { margin-top: 0px; margin-bottom: 6px; }
.mark { color: #b91c1c; font-weight: bold; }
.title { color: #b91c1c; font-size: 17pt; font-weight: bold; }
.issue { color: #444; }
.heading1 { font-size: 12pt; font-weight: bold; margin-top: 10px; }
.heading2 { font-weight: bold; margin-top: 6px; }
.quote { margin-left: 8px; }
.note { margin-left: 24px; color: #1e3a8a; }
.commentary { margin-left: 8px; color: #374151; }
.refs { font-weight: bold; margin-top: 12px; }
.reference { font-size: 9pt; color: #444; }
.label { font-weight: bold; }
</style>"""


def preview_html(document: DigestDocument) -> str:
    """The whole digest as one HTML page for a `QTextBrowser`."""
    out = [f"<html><head>{STYLE}</head><body>"]
    if document.cover.mark.strip():
        out.append(f'<p class="mark">{html.escape(document.cover.mark.strip())}</p>')
    for para in blocks.paragraphs(document):
        out.append(paragraph_html(para))
    out.append("</body></html>")
    return "\n".join(out)


def paragraph_html(para: blocks.Para) -> str:
    """One printed paragraph: its class from its kind (and heading level), its spans styled."""
    text = spans_html(para.spans)
    if para.marker:
        text = f"{html.escape(para.marker)} {text}"
    if para.kind == blocks.TITLE:
        return f'<p align="center" class="title">{text}</p>'
    if para.kind == blocks.ISSUE:
        return f'<p align="center" class="issue">{text}</p>'
    if para.kind == blocks.META:
        tail = html.escape(para.tail)
        return ('<table width="100%" cellspacing="0" cellpadding="0" style="border-bottom: 2px solid #b91c1c;">'
                f'<tr><td>{text}</td><td align="right">{tail}</td></tr></table><p></p>')
    if para.kind == blocks.HEADING:
        return f'<p class="heading{1 if para.level <= 1 else 2}">{text}</p>'
    if para.kind == blocks.REFS_HEADING:
        return f'<p class="refs">{text}</p>'
    if para.kind == blocks.FIGURE:
        width, _ = blocks.png_size(para.image)
        data = base64.b64encode(para.image).decode("ascii")
        return f'<p align="center"><img src="data:image/png;base64,{data}" width="{min(width // 2, 480)}"/></p>'
    if para.kind == blocks.CAPTION:
        return f'<p align="center" class="note">{text}</p>'
    css = {blocks.QUOTE: "quote", blocks.NOTE: "note", blocks.COMMENTARY: "commentary",
           blocks.REFERENCE: "reference"}.get(para.kind, "")
    return f'<p class="{css}">{text}</p>'


def spans_html(spans: tuple[Span, ...]) -> str:
    """Styled runs as escaped HTML (line breaks inside a paragraph kept)."""
    out = []
    for span in spans:
        text = html.escape(span.text).replace("\n", "<br/>")
        if span.sup:
            text = f"<sup>{text}</sup>"
        if span.bold or span.label:
            text = f"<b>{text}</b>"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.underline:
            text = f"<u>{text}</u>"
        out.append(text)
    return "".join(out)
