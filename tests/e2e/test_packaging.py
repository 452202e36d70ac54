"""Packaging checks cheap enough for CI (the full offline smoke test is `packaging/build.sh`).

- what a wheel installs (setuptools' build_py with pyproject.toml's package data, outside the
  source tree) finds its dictionary, demo library, translations and app icon (the top-level
  `resources/`, installed as the package `hanlin_resources`), and indexes and searches the demo
  with the user dictionary; every data file is package data and no build-only source is;
- the PyInstaller spec takes the same package data, the distribution metadata and the
  `hanlin.commands` entry points;
- the frozen entry points call what `pyproject.toml` names as the scripts;
- `install.sh` refuses, before installing anything, a wheelhouse for another architecture,
  glibc or Python, and a damaged wheel.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DATA = PYPROJECT["tool"]["setuptools"]["package-data"]
PACKAGE_DIR = PYPROJECT["tool"]["setuptools"]["package-dir"]
# The data folders, and the files in them that only build others: the demo PDFs' texts and
# generator, translation sources and their compiler, the icon renderer.
DATA_FOLDERS = (REPO / "indexer" / "resources", REPO / "desktop" / "resources", REPO / "resources")
BUILD_ONLY = ("*.json", "*.py", "*.ts")
# What the installed copy is built from: every top-level package's folder.
SOURCE_FOLDERS = ("indexer", "userdata", "desktop", "resources")


def source_folder(package: str) -> str:
    """The folder of `package` in the source tree (pyproject.toml package-dir maps some)."""
    top, _, rest = package.partition(".")
    return "/".join(filter(None, [PACKAGE_DIR.get(top, top), rest.replace(".", "/")]))


def source_path(installed: str) -> str:
    """The source-tree path of a file installed at `installed` (relative to site-packages)."""
    top, _, rest = installed.partition("/")
    return f"{PACKAGE_DIR.get(top, top)}/{rest}"


def data_files() -> list[str]:
    """Files of the data folders the app reads at run time, relative to the repository."""
    files = [p.relative_to(REPO).as_posix() for folder in DATA_FOLDERS for p in folder.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    return sorted(f for f in files if not any(fnmatch.fnmatch(Path(f).name, b) for b in BUILD_ONLY))


def package_data_patterns() -> list[str]:
    """pyproject.toml's package-data patterns as paths from the repository root."""
    return [f"{source_folder(package)}/{pattern}" for package, patterns in PACKAGE_DATA.items()
            for pattern in patterns]


def test_every_data_file_is_package_data():
    patterns = package_data_patterns()
    files = data_files()
    missed = [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)]
    assert not missed, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missed}"
    assert "indexer/resources/dict/user_dict.txt" in files
    assert sum(f.startswith("desktop/resources/demo/") for f in files) >= 3
    assert "resources/icons/hanlin.ico" in files and "resources/hanlin.desktop" in files


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """What the hanlin wheel installs, in a folder outside the source tree.

    setuptools' build_py is the step of `pip wheel .` that gathers the packages and their package
    data; the wheel's purelib is exactly its output (building the wheel itself needs the `wheel`
    package and build isolation, i.e. a package index; `packaging/build.sh` does that and checks
    the wheel's file list).
    """
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    for folder in SOURCE_FOLDERS:
        shutil.copytree(REPO / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    lib = work / "site-packages"
    subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "--quiet", "build_py",
                    "--build-lib", str(lib)], cwd=src, check=True, capture_output=True, text=True, timeout=120)
    shutil.rmtree(src)  # nothing of the source tree is left to fall back on
    return lib


def test_the_installed_packages_hold_the_data_and_no_build_sources(installed: Path):
    files = sorted(p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file())
    resources = [f for f in files if ("/resources/" in f or f.startswith("hanlin_resources/")) and not f.endswith(".py")]
    assert sorted(map(source_path, resources)) == data_files()
    assert "hanlin_resources/__init__.py" in files
    assert not [f for f in files if f.endswith((".ts", ".json", "/build.py", "/build_demo.py", "/build_icons.py"))]


# Run by an interpreter that sees only `installed` and the dependencies (-S: no site, so the
# editable install's import hook in this venv is not loaded).
INSTALLED_CHECK = r"""
import json, sys
from pathlib import Path

lib = Path(sys.argv[1]).resolve()
import desktop.resources, indexer, hanlin_resources
from PySide6.QtWidgets import QApplication
from desktop.app import app_icon
from indexer.search import analysis
from indexer.library.library import Library

assert Path(indexer.__file__).resolve().is_relative_to(lib), indexer.__file__
assert analysis.USER_DICT.is_relative_to(lib) and analysis.STOP_WORDS_FILE.is_relative_to(lib)
icon_files = [*hanlin_resources.icon_pngs(), hanlin_resources.ICON_ICO, hanlin_resources.DESKTOP_FILE]
assert all(p.is_file() and p.is_relative_to(lib) for p in icon_files), icon_files
app = QApplication(["hanlin-desktop", "-platform", "offscreen"])
icon_sizes = sorted(s.width() for s in app_icon().availableSizes())
demo = desktop.resources.demo_files()
assert demo and all(p.is_relative_to(lib) for p in demo), demo
with Library.open(Path(sys.argv[2]), create=True) as library:
    summary = library.add(demo, workers=1)
    results = library.search_index().search("科技成果转化", limit=5)
print(json.dumps({
    "words": analysis.query_words("科技成果转化"),  # one word only with the user dictionary
    "stop": analysis.is_stop_word("的"),
    "icon_sizes": icon_sizes,
    "qm": sorted(p.name for p in desktop.resources.TRANSLATIONS_DIR.glob("*.qm")),
    "indexed": len(summary.indexed), "demo": len(demo),
    "hits": [Path(h.file).name for h in results.hits],
}, ensure_ascii=False))
"""


def test_an_installed_copy_finds_its_dictionary_demo_library_and_icon(installed: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join([str(installed), sysconfig.get_paths()["purelib"]])
    env["HANLIN_CACHE_DIR"] = str(tmp_path / "cache")
    run = subprocess.run([sys.executable, "-S", "-c", INSTALLED_CHECK, str(installed), str(tmp_path / "library")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.splitlines()[-1])
    assert found["words"] == ["科技成果转化"]
    assert found["stop"] is True
    assert {"hanlin_en.qm", "hanlin_zh_CN.qm"} <= set(found["qm"])
    assert found["icon_sizes"] == [16, 24, 32, 48, 64, 128, 256]
    assert found["indexed"] == found["demo"] == 3
    assert found["hits"], "the demo library, indexed by the installed copy, has no hit for 科技成果转化"


def test_the_spec_freezes_the_package_data_and_the_entry_points():
    """hanlin.spec cannot run without PyInstaller; check that it takes its lists from the package."""
    spec = (PACKAGING / "hanlin.spec").read_text(encoding="utf-8")
    assert 'PYPROJECT["tool"]["setuptools"]["package-data"]' in spec
    assert "collect_data_files(package, includes=patterns)" in spec
    assert 'copy_metadata("hanlin")' in spec
    assert 'collect_entry_point("hanlin.commands")' in spec


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
