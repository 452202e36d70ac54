"""The notes core (store, anchor, search) imports without Qt, as `indexer` does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.modules["PySide6"] = None  # any Qt import now raises ImportError
import userdata.notes.store, userdata.notes.anchor, userdata.notes.search
from desktop.notes import NoteStore, Anchor
print("ok")
"""


def test_store_anchor_and_search_import_without_qt():
    run = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr
