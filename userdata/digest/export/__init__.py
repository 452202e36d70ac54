"""Export a digest (专题摘编 / 决策参考) as DOCX, PDF, HTML or Markdown.

One entry point, `write(document, fmt, path)`; one module per format (`to_docx`, `to_pdf`,
`to_html`, `to_markdown`), all printing the paragraphs of `blocks.paragraphs` in the same order.
No Qt anywhere: the PDF is laid out here and written with fpdf2 in embedded Chinese fonts
(`fonts` finds them). Every writer goes through a temporary file in the target folder, so a
failure never leaves a partial file. Errors are `ExportError` (a `DigestError`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from userdata.digest.document import DigestDocument
from userdata.digest.export.errors import ExportError

#: Format name → module that writes it.
MODULES = {"docx": "to_docx", "pdf": "to_pdf", "html": "to_html", "md": "to_markdown"}
FORMATS = tuple(MODULES)
_ALIASES = {"markdown": "md", "htm": "html", "word": "docx"}

__all__ = ["FORMATS", "ExportError", "write"]


def write(document: DigestDocument, fmt: str, path: Path) -> None:
    """Write `document` to `path` as `fmt` (docx, pdf, html or md; a leading dot is allowed).

    Raises `ExportError`: reason ``format`` for an unknown format, ``font`` when the PDF finds
    no Chinese font to embed, ``write`` when the file cannot be written.
    """
    name = fmt.strip().lower().lstrip(".")
    name = _ALIASES.get(name, name)
    if name not in MODULES:
        raise ExportError(
            "format",
            f"不支持的导出格式：{fmt}（仅支持 docx、pdf、html、md）"
            f"(unsupported export format {fmt!r}: use docx, pdf, html or md)",
        )
    module = importlib.import_module(f"userdata.digest.export.{MODULES[name]}")
    module.write(document, Path(path))
