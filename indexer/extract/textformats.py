"""Word (.docx), web pages (.html/.htm) and text (.txt/.md): blocks of text into the PDF stages.

These formats have no fixed pages or character positions. Each is read into `Block`s — a
paragraph, a heading (with its level and, for Word, its font size and boldness), a table row, a
footnote — and each block becomes one `Line` of a `PageLayout`: set in its size, at the left
margin (centred when the file centres it), a clear gap below it, so that the flow stage keeps
every block a paragraph of its own and reads headings as headings. From there on the stages are
the PDF's (`indexer.extract.pipeline.finish`): documents and their titles, 发文字号, 发文机关,
dates, passages. Pages are made up: a new one at a Word page break or every `PAGE_CHARS`
characters, so the reader's text view and page spans stay a readable size.

- Word: python-docx — paragraphs with their style (Title, Heading N) or direct formatting (size,
  bold), tables row by row (cells joined by " | "), footnotes at the end, core properties (title,
  author, keywords) as the file's declared metadata;
- web pages: lxml — script, style, navigation, headers, footers, forms and asides dropped, the main
  content block chosen by its text (an element whose id or class names the article, else the one
  holding the most paragraph text), headings h1–h6, tables, the page's title (``<meta
  name="ArticleTitle">``, else ``<title>`` without the site's name) when no heading gives one;
- text: UTF-8 (with or without BOM) or GB18030; paragraphs at blank lines (or one per line when
  a file has no blank lines); Markdown's ``#`` headings, emphasis and links read as text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.errors import ExtractionError
from indexer.extract.layout import Line, PageLayout
from indexer.extract.model import ExtractResult
from indexer.extract.normalize import is_cjk, join_separator, normalize_glyph
from indexer.extract.pdf import checked_sha256
from indexer.meta import DocumentMeta

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 595.0, 842.0, 72.0
PAGE_CHARS = 2500
BODY_SIZE = 12.0
#: Heading level → size when the file gives none: 0 the document's title, 1–6 h1–h6.
HEADING_SIZES = {0: 22.0, 1: 18.0, 2: 16.0, 3: 14.5, 4: 13.5, 5: 13.5, 6: 13.5}
MAX_TEXT_BYTES = 64 * 1024 * 1024

ProgressCallback = Callable[[int, int], None]


@dataclass
class Block:
    """A paragraph, heading, table row or footnote of a file without fixed layout."""

    text: str
    size: float = BODY_SIZE
    bold: bool = False
    centred: bool = False
    page_break: bool = False  # starts a new page


def extract_text_file(path: str | os.PathLike[str], on_page: ProgressCallback | None = None) -> ExtractResult:
    """Extract a .docx, .html/.htm, .txt or .md file; raises `ExtractionError` if it cannot be read."""
    from indexer.extract.pipeline import finish

    path = Path(path)
    digest = checked_sha256(path)
    suffix = path.suffix.lower()
    keywords: tuple[str, ...] = ()
    if suffix == ".docx":
        blocks, info, keywords = read_docx(path)
    elif suffix in (".html", ".htm"):
        blocks, info = read_html(path)
    else:
        blocks, info = read_text(path, markdown=suffix == ".md")
    layouts = paginate(blocks)
    if on_page:
        for layout in layouts:
            on_page(layout.number, len(layouts))
    return finish(path, digest, layouts, [], {}, info, keywords, paged=False)


def paginate(blocks: Iterable[Block]) -> list[PageLayout]:
    """Blocks as the lines of made-up pages (one at least)."""
    pages: list[PageLayout] = []
    lines: list[Line] = []
    chars = 0
    top = MARGIN

    def close() -> None:
        pages.append(PageLayout(len(pages) + 1, PAGE_WIDTH, PAGE_HEIGHT, list(lines), chars, 0))

    for block in blocks:
        text = clean(block.text)
        if not text:
            continue
        if lines and (block.page_break or chars + len(text) > PAGE_CHARS and chars > PAGE_CHARS // 4):
            close()
            lines, chars, top = [], 0, MARGIN
        size = block.size
        width = min(len(text), 40) * size * 0.9
        x0 = (PAGE_WIDTH - width) / 2 if block.centred else MARGIN
        line = Line(text, x0, x0 + width, top, top + size, size, block.bold, len(pages) + 1,
                    col_x0=MARGIN, col_x1=PAGE_WIDTH - MARGIN)
        lines.append(line)
        chars += len(text)
        top += 3 * size  # a gap wider than a line: every block is a paragraph of its own
    if lines or not pages:
        close()
    return pages


def clean(text: str) -> str:
    """A block's text normalised as the PDF glyphs are (`normalize_glyph`), runs of spaces made one."""
    text = "".join(normalize_glyph(c) if not c.isspace() else " " for c in text)
    return re.sub(r"\s+", " ", text).strip()  # spaces the file has are kept, as a PDF's drawn spaces are


def _person(name: str) -> tuple[str, ...]:
    """A declared author kept only when it reads as a person's name (not "Administrator", "User", a program)."""
    name = name.strip()
    return (name,) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) else ()


# ---------------------------------------------------------------- Word


def read_docx(path: Path) -> tuple[list[Block], DocumentMeta, tuple[str, ...]]:
    """A .docx file's blocks in document order, its core properties, and its keywords."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(str(path), "corrupt", f"Word 文件已损坏或不是 .docx 文件（{type(exc).__name__}）；请用 Word "
                              f"或 WPS 打开后另存一份 (damaged or not a .docx file: open it in Word or WPS and save a "
                              f"new copy)") from None
    blocks = list(_docx_body(document))
    blocks.extend(_docx_footnotes(document))
    core = document.core_properties
    keywords = tuple(k for k in re.split(r"[;；,，、\s]+", core.keywords or "") if k)
    # core.created is when the file was made, not the document's date: not used.
    return blocks, DocumentMeta(title=(core.title or "").strip(), authors=_person(core.author or "")), keywords


def _docx_body(document: Any) -> Iterator[Block]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            block = _docx_paragraph(Paragraph(child, document))
            if block is not None:
                yield block
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(p.text for p in cell.paragraphs).strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                        cells.append(text)
                if cells:
                    yield Block(" | ".join(cells))


def _docx_paragraph(paragraph: Any) -> Block | None:
    text = paragraph.text
    xml = paragraph._p.xml
    page_break = 'w:type="page"' in xml or "<w:pageBreakBefore" in xml
    if not text.strip():
        return Block("", page_break=page_break) if page_break else None
    style = paragraph.style.name if paragraph.style is not None else ""
    level = 0 if style == "Title" else int(style.split()[-1]) if re.fullmatch(r"Heading [1-6]", style) else None
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None and run.text.strip()]
    style_size = _style_size(paragraph.style)
    size = max(sizes) if sizes else style_size or (HEADING_SIZES[level] if level is not None else BODY_SIZE)
    if level is not None and not sizes and not style_size:
        size = HEADING_SIZES[level]
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold or (run.bold is None and _style_bold(paragraph.style)) for run in runs)
    centred = paragraph.alignment is not None and int(paragraph.alignment) == 1
    return Block(text, size, bold or level is not None, centred, page_break)


def _style_size(style: Any) -> float:
    while style is not None:
        if style.font is not None and style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    return 0.0


def _style_bold(style: Any) -> bool:
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _docx_footnotes(document: Any) -> Iterator[Block]:
    """The footnotes (python-docx has no API for them: the part's XML is read), as "[n] text" blocks."""
    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/footnotes") or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(f"{ns}footnote"):
            if note.get(f"{ns}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = "".join(t.text or "" for t in note.iter(f"{ns}t")).strip()
            if text:
                yield Block(f"[{note.get(f'{ns}id')}] {text}", BODY_SIZE * 0.8)


# ---------------------------------------------------------------- web pages

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select",
         "svg", "template", "object")
_NAVIGATION = re.compile(r"nav|menu|breadcrumb|crumb|footer|header|sidebar|side-bar|share|copyright|toolbar|"
                         r"banner|related|comment|topbar|search|login|skip", re.IGNORECASE)
_ARTICLE = re.compile(r"article|content|main|zoom|trs_editor|pages_content|text|detail|body", re.IGNORECASE)
_BLOCKS = {"p", "div", "li", "dd", "dt", "blockquote", "pre", "section", "article", "main", "td", "th", "tr",
           "h1", "h2", "h3", "h4", "h5", "h6", "br", "table", "ul", "ol", "dl", "center", "figcaption", "caption"}
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜\-—–]\s*[^_|｜\-—–]{1,30}){1,3}$")


def read_html(path: Path) -> tuple[list[Block], DocumentMeta]:
    """A saved web page's main text as blocks, and its title."""
    import lxml.html

    root = lxml.html.document_fromstring(_decode(path)) if path.stat().st_size else None
    if root is None:
        raise ExtractionError(str(path), "empty", "网页文件为空 (empty web page)")
    title = _page_title(root)
    for element in list(root.iter(*_DROP)):
        _remove(element)
    whole = len(_text_of(root))
    for element in list(root.iter()):
        marks = f"{element.get('id', '')} {element.get('class', '')} {element.get('role', '')}"
        navigation = _NAVIGATION.search(marks) and not _ARTICLE.search(element.get("id", ""))
        if navigation and element.tag not in ("html", "body") and len(_text_of(element)) < 0.5 * whole:
            _remove(element)  # never the whole page
    main = _main(root)
    blocks = list(_html_blocks(main))
    heading = any(b.size > BODY_SIZE for b in blocks[:8])
    if title and not heading:
        blocks.insert(0, Block(title, HEADING_SIZES[0], True, True))
    return blocks, DocumentMeta(title=title if not heading else "")


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise ExtractionError(str(path), "corrupt", f"文件超过 {MAX_TEXT_BYTES >> 20} MB，不像网页或文本 "
                              f"(the file is over {MAX_TEXT_BYTES >> 20} MB: too large for a web page or text)")
    data = path.read_bytes()
    declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096])
    encodings = ["utf-8-sig"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        encodings.insert(0, "gb18030" if name in ("gb2312", "gbk", "gb18030") else name)
    for encoding in [*encodings, "gb18030"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def _remove(element: Any) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # lxml.html: the text after the element stays with its parent


def _text_of(element: Any) -> str:
    return re.sub(r"\s+", "", element.text_content() or "")


def _page_title(root: Any) -> str:
    for name in ("ArticleTitle", "title", "og:title"):
        found = root.xpath(f"//meta[@name='{name}' or @property='{name}']/@content")
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    title = root.findtext(".//title") or ""
    title = " ".join(title.split())
    stripped = _SITE_SUFFIX.sub("", title)
    return stripped if len(stripped) >= 4 else title


def _main(root: Any) -> Any:
    """The element holding the article: named so by its id or class, else the one with the most paragraph text."""
    body = root.find("body")
    body = root if body is None else body
    total = len(_text_of(body)) or 1
    named = [e for e in body.iter("div", "article", "main", "section", "td")
             if _ARTICLE.search(f"{e.get('id', '')} {e.get('class', '')}") and len(_text_of(e)) >= 0.3 * total]
    if named:
        return min(named, key=lambda e: len(_text_of(e)))
    for tag in ("article", "main"):
        found = body.find(f".//{tag}")
        if found is not None and len(_text_of(found)) >= 0.3 * total:
            return found
    return body


def _html_blocks(element: Any) -> Iterator[Block]:
    buffer: list[str] = []

    def flush() -> Iterator[Block]:
        text = "".join(buffer)
        buffer.clear()
        if text.strip():
            yield Block(text)

    def walk(node: Any) -> Iterator[Block]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            yield from flush()
            text = node.text_content()
            if text.strip():
                level = int(tag[1])
                yield Block(text, HEADING_SIZES[level], True, _centred(node))
        elif tag == "tr":
            yield from flush()
            cells = [c.text_content().strip() for c in node if isinstance(c.tag, str) and c.tag in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                yield Block(" | ".join(cells))
        elif tag == "br":
            yield from flush()
        else:
            block = tag in _BLOCKS
            if block:
                yield from flush()
            if node.text and tag:
                buffer.append(node.text)
            for child in node:
                yield from walk(child)
                if child.tail:
                    buffer.append(child.tail)
            if block:
                centred = _centred(node) and tag == "p"
                for out in flush():
                    out.centred = centred
                    yield out

    yield from walk(element)
    yield from flush()


def _centred(node: Any) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    return (node.get("align") or "").lower() == "center" or "text-align:center" in style


# ---------------------------------------------------------------- text and Markdown

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_INLINE = ((re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
              (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"))


def read_text(path: Path, markdown: bool = False) -> tuple[list[Block], DocumentMeta]:
    """A text or Markdown file's paragraphs as blocks; its first short line is its title when it looks like one."""
    text = _decode(path).replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        raise ExtractionError(str(path), "not_pdf", "这不是文本文件（含有二进制内容）(not a text file: binary content)")
    lines = text.split("\n")
    blank_lines = sum(1 for line in lines if not line.strip())
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            joined = ""
            for piece in paragraph:
                joined += join_separator(joined, piece) + piece
            blocks.append(Block(joined))
            paragraph.clear()

    in_code = False
    for raw in lines:
        line = raw.strip()
        if markdown and line.startswith("```"):
            in_code = not in_code
            flush()
            continue
        heading = _MD_HEADING.match(line) if markdown and not in_code else None
        if heading:
            flush()
            level = len(heading.group(1))
            blocks.append(Block(_md_inline(heading.group(2)), HEADING_SIZES[level], True))
        elif not line:
            flush()
        else:
            paragraph.append(_md_inline(line) if markdown and not in_code else line)
            if blank_lines < 0.1 * len(lines) or in_code:  # one paragraph a line
                flush()
    flush()
    _mark_title(blocks)
    return blocks, DocumentMeta()


def _md_inline(text: str) -> str:
    for pattern, repl in _MD_INLINE:
        text = pattern.sub(repl, text)
    return text


def _mark_title(blocks: list[Block]) -> None:
    """In a file without headings, the first short line that is no letterhead or 发文字号 is the title."""
    from indexer.extract.metadata.official import DOC_NUMBER

    if any(b.size > BODY_SIZE for b in blocks):
        return
    for block in blocks[:6]:
        text = block.text.strip()
        if len(text) > 60 or (text[-1:] in "。；！？!?;") or is_cjk(text[-1:] or "a") and text.endswith("："):
            return
        if DOC_NUMBER.fullmatch(text) or text.endswith("文件") or re.fullmatch(r"[\d\s年月日\-./]+", text):
            continue
        block.size, block.bold, block.centred = HEADING_SIZES[0], True, True
        return
