"""Packaging checks cheap enough for CI (the full offline smoke test is `packaging/build.sh`).

- every file the app reads from `resources/` is listed by the PyInstaller spec and added to the
  wheel by build.sh, with the same patterns in both;
- the frozen entry points call what `pyproject.toml` names as the scripts;
- `install.sh` refuses, before installing anything, a wheelhouse for another architecture,
  glibc or Python, and a damaged wheel.
"""

from __future__ import annotations

import fnmatch
import hashlib
import platform
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
RESOURCES = REPO / "resources"
# Files under resources/ that only build other files: the demo PDFs' texts and generator,
# translation sources and their compiler.
BUILD_ONLY = ("*.json", "*.py", "*.ts")


def spec_patterns() -> set[str]:
    """`resources/<folder>/<glob>` for each `files(folder, glob, dest)` of hanlin.spec."""
    text = (PACKAGING / "hanlin.spec").read_text(encoding="utf-8")
    return {f"resources/{folder}/{glob}" for folder, glob in re.findall(r'files\("([^"]+)", "([^"]+)"', text)}


def wheel_patterns() -> set[str]:
    """The `-path 'resources/…'` patterns of build.sh's inject_resources."""
    text = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    return set(re.findall(r"-path '(resources/[^']+)'", text))


def runtime_resources() -> list[str]:
    files = [p.relative_to(REPO).as_posix() for p in RESOURCES.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    return sorted(f for f in files if not any(fnmatch.fnmatch(Path(f).name, b) for b in BUILD_ONLY))


def test_spec_and_wheel_list_the_same_resources():
    assert spec_patterns() == wheel_patterns()


def test_every_resource_file_is_packaged():
    patterns = spec_patterns()
    missed = [f for f in runtime_resources() if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert not missed, f"add these to packaging/hanlin.spec and build.sh (inject_resources): {missed}"
    assert any(f.startswith("resources/dict/") for f in runtime_resources())


def test_frozen_entry_points_run_the_declared_scripts():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {**project["scripts"], **project["gui-scripts"]}
    for script, entry in (("hanlin", "entry_cli.py"), ("hanlin-desktop", "entry_gui.py")):
        module, func = declared[script].split(":")
        source = (PACKAGING / entry).read_text(encoding="utf-8")
        assert f"from {module} import {func}" in source
        assert "multiprocessing.freeze_support()" in source


# ---------------------------------------------------------------- install.sh refusals

needs_bash = pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="needs bash")


def fake_wheelhouse(folder: Path, **info: str) -> Path:
    """A wheelhouse with install.sh, one tiny 'wheel', SHA256SUMS and BUILDINFO (overridable)."""
    folder.mkdir()
    shutil.copy(PACKAGING / "install.sh", folder)
    wheel = folder / "hanlin-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"not really a wheel")
    (folder / "SHA256SUMS").write_text(f"{hashlib.sha256(wheel.read_bytes()).hexdigest()}  {wheel.name}\n")
    fields = {"version": "0.1.0", "python": "{}.{}".format(*sys.version_info[:2]), "arch": platform.machine(),
              "glibc_min": "", "cli_only": "0", **info}
    (folder / "BUILDINFO").write_text("".join(f"{k}={v}\n" for k, v in fields.items()))
    return folder


def install(wheelhouse: Path, prefix: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(wheelhouse / "install.sh"), "--prefix", str(prefix), "--python",
                           sys.executable, "--no-launchers"], check=False, capture_output=True, text=True,
                          timeout=60)


@needs_bash
@pytest.mark.parametrize(("info", "message"), [
    ({"arch": "sparc64"}, "this wheelhouse is for sparc64"),
    ({"glibc_min": "9.99"}, "needs glibc >= 9.99"),
    ({"python": "3.99"}, "these wheels are for Python 3.99"),
])
def test_install_sh_refuses_another_platform(tmp_path, info, message):
    if "glibc_min" in info and platform.libc_ver()[0] != "glibc":
        pytest.skip("not a glibc system")
    result = install(fake_wheelhouse(tmp_path / "wh", **info), tmp_path / "prefix")
    assert result.returncode != 0
    assert message in result.stderr
    assert not (tmp_path / "prefix" / "venv").exists()


@needs_bash
def test_install_sh_refuses_a_damaged_wheel(tmp_path):
    if shutil.which("sha256sum") is None:
        pytest.skip("no sha256sum")
    wheelhouse = fake_wheelhouse(tmp_path / "wh")
    (wheelhouse / "hanlin-0.1.0-py3-none-any.whl").write_bytes(b"not really a wheel, changed")
    result = install(wheelhouse, tmp_path / "prefix")
    assert result.returncode != 0
    assert "damaged" in result.stderr
    assert not (tmp_path / "prefix" / "venv").exists()
