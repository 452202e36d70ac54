"""The digest core (store, sources, citations, rendering, export orchestration, CLI) imports without Qt."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODULES = ["desktop.digest", "userdata.digest.model", "userdata.digest.schema", "userdata.digest.store",
           "userdata.digest.audit", "userdata.digest.sources", "userdata.digest.document", "userdata.digest.citation",
           "userdata.digest.render", "userdata.digest.exporting", "userdata.digest.cli_digest",
           "userdata.digest.cli_audit"]

PROBE = """
import importlib, sys
sys.modules["PySide6"] = None  # any Qt import now raises ImportError
for name in sys.argv[1:]:
    importlib.import_module(name)
print("ok")
"""


def test_digest_core_imports_without_qt():
    present = [m for m in MODULES if importlib.util.find_spec(m) is not None]
    assert "userdata.digest.store" in present
    run = subprocess.run([sys.executable, "-c", PROBE, *present], cwd=REPO, capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr
