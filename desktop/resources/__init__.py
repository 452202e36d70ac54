"""Where the app finds its bundled files and keeps its own data.

The desktop's files are package data of this package, beside this module: `demo/` (the demo
library's PDFs) and `translations/` (compiled `.qm` catalogues). They are found next to
`__file__` in a source checkout, an editable or a wheel install and the PyInstaller build alike
(`pyproject.toml` `[tool.setuptools.package-data]`, `packaging/hanlin.spec`). The core's word lists
live in `indexer/resources/dict/` (`indexer.search.analysis`); the app icon and the
desktop-integration files in the top-level `resources/`, the package `hanlin_resources`.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

RESOURCES_DIR = Path(__file__).resolve().parent
DEMO_DIR = RESOURCES_DIR / "demo"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
#: Set to keep the app's data (the demo library, notes) somewhere else (tests, screenshots).
DATA_DIR_ENV = "HANLIN_DATA_DIR"


def pdf_files(folder: Path) -> list[Path]:
    """Every PDF under `folder` (any depth, any case of `.pdf`), sorted by path."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def demo_files() -> list[Path]:
    """The PDFs of the built-in demo library."""
    return pdf_files(DEMO_DIR)


def user_data_dir() -> Path:
    """The user's data folder for Hanlin (platformdirs), or `$HANLIN_DATA_DIR`."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir("Hanlin", "Hanlin"))


def demo_library_dir() -> Path:
    """Where the demo library is built on first use."""
    return user_data_dir() / "demo-library"
