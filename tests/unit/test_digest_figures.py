"""Figures in digests (a chart of the 分析 window with its caption): stored, rendered, and placed by
every exporter — the picture itself in DOCX, PDF, HTML and Markdown, captioned 图N."""

from __future__ import annotations

import base64
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pdfplumber
import pytest

from userdata.digest.document import Figure
from userdata.digest.export import write
from userdata.digest.export.blocks import png_size
from userdata.digest.render import render
from userdata.digest.store import DigestStore
from userdata.errors import DigestError


def png(width: int, height: int) -> bytes:
    """A real PNG: grey bars on white, `width` × `height` pixels."""
    rows = b"".join(b"\x00" + b"".join(b"\x40\x60\x90" if (x // 20) % 2 and y > height // 3 else b"\xff\xff\xff"
                                       for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def digest(tmp_path: Path):
    store = DigestStore(tmp_path / "user")
    d = store.create_digest("科技安全专题摘编", issue="2026年第1期")
    section = store.add_section(d.id, "文献计量")
    store.add_commentary(section.id, body_text="下图为文献库中科技安全文献的年份分布。")
    image = png(400, 200)
    store.add_figure(section.id, image=image, caption="各年份文献数")
    store.add_figure(section.id, image=png(300, 300), caption="关键词共现网络")
    yield store, d.id, image
    store.close()


def test_a_figure_is_stored_and_rendered_with_its_number(digest):
    store, digest_id, image = digest
    items = store.outline(digest_id).items()
    assert [i.kind for i in items] == ["commentary", "figure", "figure"]
    assert items[1].image == image and items[1].body_text == "各年份文献数"
    document = render(store, digest_id)
    figures = [b for s in document.sections for b in s.blocks if isinstance(b, Figure)]
    assert [(f.number, f.caption) for f in figures] == [(1, "各年份文献数"), (2, "关键词共现网络")]
    assert figures[0].image == image and png_size(image) == (400, 200)
    assert document.references == ()  # a figure cites nothing
    with pytest.raises(DigestError, match="PNG"):
        store.add_figure(items[0].section_id, image=b"GIF89a", caption="x")


def test_every_exporter_places_the_picture_and_its_caption(digest, tmp_path: Path):
    store, digest_id, image = digest
    document = render(store, digest_id)
    out = {fmt: tmp_path / f"d.{fmt}" for fmt in ("docx", "pdf", "html", "md")}
    for fmt, path in out.items():
        write(document, fmt, path)

    with zipfile.ZipFile(out["docx"]) as z:
        media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        assert [z.read(n) for n in media][:1] == [image] and len(media) == 2
        body = z.read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", body)
    assert "图1　各年份文献数" in text and "图2　关键词共现网络" in text
    assert text.index("下图为") < text.index("图1") < text.index("图2")

    with pdfplumber.open(out["pdf"]) as pdf:
        images = [im for page in pdf.pages for im in page.images]
        words = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert len(images) == 2
    first = images[0]
    assert first["width"] == pytest.approx(200, abs=1) and first["height"] == pytest.approx(100, abs=1)  # 2 px/pt
    assert "图1各年份文献数" in words and "图2关键词共现网络" in words

    page = out["html"].read_text(encoding="utf-8")
    assert f'src="data:image/png;base64,{base64.b64encode(image).decode()}"' in page
    assert "img-src data:" in page and "图1　各年份文献数" in page

    markdown = out["md"].read_text(encoding="utf-8")
    assert "![](data:image/png;base64," in markdown and "图2　关键词共现网络" in markdown
