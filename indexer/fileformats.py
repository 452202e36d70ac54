"""The file formats Hanlin reads, by suffix: shared by extraction, the library's scan, the index's 格式 facet and the GUI.

How each format is read is `indexer.extract.formats`; this module only names them, so that search and the
GUI can tell a file's format without importing extraction.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Suffix (lower case) → format.
SUFFIXES = {".pdf": "pdf", ".ofd": "ofd", ".docx": "word", ".doc": "word", ".wps": "word", ".html": "web",
            ".htm": "web", ".txt": "text", ".md": "text"}
#: Format → its name as people say it (the 格式 facet's values, hit rows).
LABELS = {"pdf": "PDF", "ofd": "OFD", "word": "Word", "web": "网页", "text": "文本"}
#: Formats whose pages have a fixed layout (the reader shows the page itself, not only its text).
PAGED = ("pdf", "ofd")


def format_of(path: str | os.PathLike[str]) -> str:
    """The format of a file by its suffix (``pdf`` for an unknown one: it is read as a PDF)."""
    return SUFFIXES.get(Path(path).suffix.lower(), "pdf")


def is_supported(path: str | os.PathLike[str]) -> bool:
    """Whether a file's suffix is one Hanlin reads (what folders are scanned for)."""
    return Path(path).suffix.lower() in SUFFIXES
