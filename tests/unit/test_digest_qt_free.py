"""The digest core (store, sources, citations, rendering, export orchestration, CLI) imports without Qt."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODULES = ["desktop.digest", "desktop.digest.model", "desktop.digest.schema", "desktop.digest.store",
           "desktop.digest.audit", "desktop.digest.sources", "desktop.digest.document", "desktop.digest.citation",
           "desktop.digest.render", "desktop.digest.exporting", "desktop.digest.cli_digest",
           "desktop.digest.cli_audit"]

PROBE = """
import importlib, sys
sys.modules["PySide6"] = None  # any Qt import now raises ImportError
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok")
"""


def test_digest_core_imports_without_qt():
    present = [m for m in MODULES if importlib.util.find_spec(m) is not None]
    assert "desktop.digest.store" in present
    run = subprocess.run([sys.executable, "-c", PROBE, *present], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr
