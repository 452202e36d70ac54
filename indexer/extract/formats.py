"""The file formats Hanlin reads, and one entry point that extracts any of them.

| suffix            | format  | read by                                                                   |
| ----------------- | ------- | ------------------------------------------------------------------------- |
| .pdf              | pdf     | `indexer.extract.pipeline.extract_pdf` (pdfium / pdfplumber glyphs)        |
| .ofd              | ofd     | `indexer.extract.ofd` glyphs, then the same layout and stages as a PDF     |
| .docx             | word    | `indexer.extract.textformats` (python-docx)                                |
| .doc, .wps        | word    | converted to .docx by a locally installed LibreOffice (`soffice`), then as .docx |
| .html, .htm       | web     | `indexer.extract.textformats` (lxml: main text without navigation)         |
| .txt, .md         | text    | `indexer.extract.textformats`                                              |

Glyph formats (PDF, OFD) are laid out from the positions of their characters; the others give
paragraphs with their heading level, turned into the same `PageLayout` lines, so furniture,
paragraphs, documents, metadata (发文字号, 发文机关, dates) and passages are the same stages for all.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.errors import ExtractionError
from indexer.extract.model import ExtractResult, PageWarning
from indexer.extract.ocr import OcrOptions, recognise_layouts
from indexer.extract.pdf import checked_sha256
from indexer.fileformats import LABELS, PAGED, SUFFIXES, format_of, is_supported
from indexer.meta import DocumentMeta

__all__ = ["LABELS", "PAGED", "SUFFIXES", "extract_file", "format_of", "is_supported"]

if TYPE_CHECKING:
    from indexer.extract.ocr import Gray
    from indexer.extract.ofd import OfdDocument
    from indexer.extract.pipeline import ProgressCallback

SOFFICE_TIMEOUT = 120.0  # seconds for LibreOffice to convert one .doc/.wps


def extract_file(path: str | os.PathLike[str], on_page: ProgressCallback | None = None,
                 ocr: OcrOptions | None = None, reader: str | None = None) -> ExtractResult:
    """Extract the documents of a file of any supported format; raises `ExtractionError` if it cannot be read."""
    kind = format_of(path)
    if kind == "ofd":
        return extract_ofd(path, on_page, ocr)
    if kind in ("word", "web", "text"):
        from indexer.extract.textformats import extract_text_file

        if Path(path).suffix.lower() in (".doc", ".wps"):
            return _converted(Path(path), on_page)
        return extract_text_file(path, on_page)
    from indexer.extract.pipeline import extract_pdf

    return extract_pdf(path, on_page, ocr, reader)


# ---------------------------------------------------------------- OFD


def extract_ofd(path: str | os.PathLike[str], on_page: ProgressCallback | None = None,
                ocr: OcrOptions | None = None) -> ExtractResult:
    """Extract an OFD file: its characters through the PDF stages, image-only pages to OCR."""
    from indexer.extract.ofd import OfdDocument
    from indexer.extract.pipeline import finish, read_layouts

    path = Path(path)
    digest = checked_sha256(path)
    with OfdDocument(path) as document:
        if document.pages == 0:
            raise ExtractionError(str(path), "empty", "OFD 文件没有任何页面，没有可检索的内容 (the OFD has no pages: nothing to index)")
        layouts, warnings = read_layouts(document, on_page)
        if all(w.code == "page_error" for w in warnings if w.code != "no_text") and \
                sum(1 for w in warnings if w.code == "page_error") == document.pages:
            raise ExtractionError(str(path), "corrupt", "OFD 的每一页都无法解析 (no page of the OFD could be parsed)")
        if document.signed:
            warnings.append(PageWarning(0, "signed", "OFD 文件带有电子签章，签章未验证 (the OFD carries a digital "
                                                     "signature, which is not verified)"))
        ocr_pages = recognise_layouts(path, layouts, warnings, ocr or OcrOptions(enabled=False), OfdImages(document))
        return finish(path, digest, layouts, warnings, ocr_pages, _ofd_meta(document), document.info.keywords)


def _ofd_meta(document: OfdDocument) -> DocumentMeta:
    """What ``DocInfo`` declares and the printed text may lack: the title, keywords, an author's name.

    ``Author`` is kept only when it reads as a person's name (2–4 Han characters): producers write
    their software's name there (``iOFD® 2.1.1``, ``WPS_1634086482``). ``CreationDate`` is when the
    file was made, not the document's date, and is not used.
    """
    info = document.info
    author = info.author.strip()
    authors = (author,) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", author) else ()
    return DocumentMeta(title=info.title, authors=authors)


class OfdImages:
    """An OFD's pages as grey images for OCR: the page's images painted on white (text and paths left out)."""

    RENDER_DPI = 200
    MAX_SIDE = 3000

    def __init__(self, document: OfdDocument) -> None:
        self.document = document

    def image_share(self, numbers: list[int]) -> dict[int, float]:
        """The share of each page's area covered by images (pages 1-based)."""
        shares = {}
        for number in numbers:
            try:
                shares[number] = self.document.has_images(number - 1)
            except ExtractionError:
                shares[number] = 0.0
        return shares

    def render_gray(self, number: int) -> tuple[Gray, float, float, float]:
        """Page `number` as a grey image, the pixels per point, and its size in points."""
        import io

        import numpy as np
        from PIL import Image

        from indexer.extract.ofd import ImageRun

        drawing = self.document.drawing(number - 1)
        scale = min(self.RENDER_DPI / 72, self.MAX_SIDE / max(drawing.width, drawing.height, 1.0))
        canvas = Image.new("L", (max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale))), 255)
        for item in drawing.items:
            if not isinstance(item, ImageRun):
                continue
            a, b, c, d, e, f = item.matrix
            xs = [e, a + e, c + e, a + c + e]
            ys = [f, b + f, d + f, b + d + f]
            box = (round(min(xs) * scale), round(min(ys) * scale), round(max(xs) * scale), round(max(ys) * scale))
            if box[2] - box[0] < 2 or box[3] - box[1] < 2:
                continue
            try:
                with Image.open(io.BytesIO(self.document.image(item.part))) as picture:
                    canvas.paste(picture.convert("L").resize((box[2] - box[0], box[3] - box[1])), box[:2])
            except (OSError, ValueError, Image.DecompressionBombError):
                continue  # an image PIL cannot read (JBIG2, damaged): the page is recognised without it
        return np.asarray(canvas, dtype=np.uint8).copy(), scale, drawing.width, drawing.height


# ---------------------------------------------------------------- .doc / .wps through LibreOffice


def soffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _converted(path: Path, on_page: ProgressCallback | None) -> ExtractResult:
    """A .doc/.wps file converted to .docx by a local LibreOffice, then read as a .docx (same hash and name)."""
    from indexer.extract.textformats import extract_text_file

    digest = checked_sha256(path)
    program = soffice()
    if program is None:
        raise ExtractionError(str(path), "unsupported", f"{path.suffix} 文件需要本机安装 LibreOffice 才能读取；"
                              f"请安装 LibreOffice，或另存为 .docx 或 PDF (reading {path.suffix} files needs LibreOffice "
                              f"installed on this computer; install it, or save the file as .docx or PDF)")
    with tempfile.TemporaryDirectory(prefix="hanlin-soffice-") as folder:
        profile = Path(folder, "profile").as_uri()  # its own profile: no clash with a LibreOffice the user runs
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                   "--outdir", folder, str(path)]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ExtractionError(str(path), "timeout", f"LibreOffice 转换超时（{SOFFICE_TIMEOUT:.0f} 秒）"
                                  f"(LibreOffice did not convert the file in {SOFFICE_TIMEOUT:.0f} s)") from None
        except OSError as exc:
            raise ExtractionError(str(path), "unsupported", f"无法启动 LibreOffice (cannot start LibreOffice: "
                                  f"{exc.strerror})") from None
        out = Path(folder, path.stem + ".docx")
        if not out.is_file():
            raise ExtractionError(str(path), "corrupt", "LibreOffice 无法转换此文件，文件可能已损坏 "
                                  "(LibreOffice could not convert the file: it may be damaged)")
        result = extract_text_file(out, on_page)
    result.file, result.sha256 = str(path), digest
    for doc in result.documents:
        if doc.title == out.stem:
            doc.meta = DocumentMeta(**{**doc.meta.__dict__, "title": path.stem})
    return result
