"""Where the app finds its bundled files and keeps its own data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO_ROOT / "resources" / "demo"
TRANSLATIONS_DIR = REPO_ROOT / "resources" / "translations"
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
