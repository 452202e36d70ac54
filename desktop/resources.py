"""Where the app finds its bundled files, and which files in a folder it reads."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO_ROOT / "resources" / "demo"


def pdf_files(folder: Path) -> list[Path]:
    """Every PDF under `folder` (any depth, any case of `.pdf`), sorted by path."""
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())


def demo_files() -> list[Path]:
    """The PDFs of the built-in demo library."""
    return pdf_files(DEMO_DIR)
