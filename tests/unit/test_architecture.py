"""The layering contract: `indexer` is Qt-free and does not depend on `desktop`.

The contract lives in pyproject.toml (`[tool.importlinter]`) and is checked with
import-linter's `lint-imports`, the same way CI would run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTRACT = "indexer is Qt-free and does not depend on desktop"


def lint_imports(cwd: Path, extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the venv's `lint-imports` in `cwd` (which holds the config), without a cache."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "lint-imports is not installed next to this Python; install the project with .[dev]"
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), env.get("PYTHONPATH", "")])
    return subprocess.run([exe, "--no-cache", "--no-logo"], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)


def test_config_forbids_qt_and_desktop_in_indexer():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contracts = {c["name"]: c for c in config["contracts"]}
    assert CONTRACT in contracts
    contract = contracts[CONTRACT]
    assert contract["type"] == "forbidden"
    assert contract["source_modules"] == ["indexer"]
    assert {"PySide6", "desktop"} <= set(contract["forbidden_modules"])


def test_the_code_keeps_the_contract():
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{CONTRACT} KEPT" in run.stdout


@pytest.mark.parametrize("bad_import", ["from PySide6 import QtCore", "import desktop.app"])
def test_a_violation_breaks_the_contract(tmp_path: Path, bad_import: str):
    """The same config, on a copy of the packages where indexer imports what it must not."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    for package in ("indexer", "desktop"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text('"""Stand-in package."""\n', encoding="utf-8")
    (tmp_path / "desktop" / "app.py").write_text("import indexer\n", encoding="utf-8")
    (tmp_path / "indexer" / "extract.py").write_text(f"{bad_import}\n", encoding="utf-8")

    run = lint_imports(tmp_path, extra_path=tmp_path)

    assert run.returncode == 1, run.stdout + run.stderr
    assert f"{CONTRACT} BROKEN" in run.stdout
    assert "indexer.extract" in run.stdout
