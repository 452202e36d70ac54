"""GUI test set-up: settings in a temporary file, app data in a temporary folder, a seed library.

Fixtures:
    settings      a `Settings` over a temporary INI file (no test touches the user's settings), of a user
                  who was already asked for a display name (notes are signed with the login name);
                  `fresh_settings` is a first start's
    data_dir      `$HANLIN_DATA_DIR` pointed at a temporary folder (demo library, notes)
    seed_copy     the seed PDFs copied into a temporary folder
    seed_library  a library of the seed PDFs, indexed once per session through the core API
    make_window   builds a `MainWindow` on `settings`, registered with qtbot and shown
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.tasks import Pools
from indexer.library.library import Library

SEARCH_TIMEOUT_MS = 30_000
INDEX_TIMEOUT_MS = 240_000


@pytest.fixture
def fresh_settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def settings(fresh_settings: Settings) -> Settings:
    fresh_settings.author_asked = True  # else the first note waits for the 署名 dialog
    return fresh_settings


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("HANLIN_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def seed_copy(seeds_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for pdf in seeds_dir.glob("*.pdf"):
        shutil.copy2(pdf, folder / pdf.name)
    return folder


@pytest.fixture(scope="session")
def seed_library(seeds_dir: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed-library")
    pdfs = root / "pdfs"
    shutil.copytree(seeds_dir, pdfs, ignore=shutil.ignore_patterns("*.json"))
    with Library.open(root / "library", create=True) as library:
        library.add([pdfs], workers=2)
    return root / "library"


@pytest.fixture
def make_window(qtbot, settings: Settings):
    windows = []

    def make(settings_: Settings | None = None) -> MainWindow:
        window = MainWindow(settings_ or settings, Pools())
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
