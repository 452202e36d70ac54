"""Which wheel of each dependency pip would install on each target platform (for docs/install.md).

    python3.11 packaging/wheel_matrix.py > /tmp/matrix.md

For every target (Windows x64/arm64, Linux x86_64/aarch64 at the glibc of Debian, Ubuntu, Kylin and
UOS), resolves Hanlin's dependencies from `pyproject.toml` with
`pip install --dry-run --report --only-binary=:all: --platform … --python-version 3.11`
(PyPI's metadata only: nothing is downloaded but the resolver's metadata, nothing installed) and
prints a Markdown table: version and wheel tag per package and target, "—" where no wheel exists.
When the whole set cannot be resolved for a target, it is resolved again without PySide6 and
the table says so. Packages PyPI has only as sources (jieba) are left out of the resolution
and listed as such: `build.sh` builds their pure-Python wheel. Needs network access to PyPI; the
machine's pip.conf is ignored.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON_VERSION = "3.11"
#: Published as sdists only, pure Python (packaging/build.sh: SDIST_ONLY).
SDIST_ONLY = ("jieba",)

#: (column title, platform tag or (arch, glibc minor) for manylinux)
TARGETS = (
    ("Windows x64", "win_amd64"),
    ("Windows arm64", "win_arm64"),
    ("x86_64 glibc 2.28", ("x86_64", 28)),
    ("x86_64 2.31", ("x86_64", 31)),
    ("x86_64 2.35", ("x86_64", 35)),
    ("arm64 glibc 2.28", ("aarch64", 28)),
    ("arm64 2.31", ("aarch64", 31)),
    ("arm64 2.35", ("aarch64", 35)),
    ("arm64 2.39", ("aarch64", 39)),
)


def platform_tags(target: str | tuple[str, int]) -> list[str]:
    """pip --platform values: a manylinux glibc level means that level and every older one."""
    if isinstance(target, str):
        return [target]
    arch, minor = target
    tags = [f"manylinux_2_{m}_{arch}" for m in range(minor, 16, -1)] + [f"manylinux2014_{arch}"]
    if arch == "x86_64":
        tags += ["manylinux2010_x86_64", "manylinux1_x86_64"]
    return tags


def requirements() -> list[str]:
    """Hanlin's run-time dependencies with the GUI's (the `gui` extra), as pyproject.toml lists them."""
    with open(REPO / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["gui"]]


def resolve(target, reqs: list[str], deps: bool = True) -> dict[str, tuple[str, str]] | None:
    """{package: (version, wheel file name)} pip would install for `target`; None if it cannot."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
                   "--report", str(report), "--only-binary=:all:", "--python-version", PYTHON_VERSION,
                   "--implementation", "cp", "--target", str(Path(tmp) / "t")] + ([] if deps else ["--no-deps"])
        for tag in platform_tags(target):
            command += ["--platform", tag]
        env = dict(os.environ, PIP_CONFIG_FILE=os.devnull)
        run = subprocess.run(command + reqs, env=env, capture_output=True, text=True, check=False)
        if run.returncode:
            if deps:
                print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "pip failed", file=sys.stderr)
            return None
        data = json.loads(report.read_text(encoding="utf-8"))
    found = {}
    for item in data["install"]:
        name = item["metadata"]["name"]
        found[name] = (item["metadata"]["version"], item["download_info"]["url"].rsplit("/", 1)[-1])
    return found


def short_tag(wheel: str) -> str:
    """The platform part of a wheel name, shortened: pure, abi3 + glibc level, win_amd64 …"""
    _python, abi, plat = wheel[:-4].split("-")[-3:]
    if plat == "any":
        return "pure"
    levels = [t for t in plat.split(".") if t.startswith(("manylinux_", "manylinux20", "manylinux1"))]
    if levels:
        legacy = {"manylinux1": "2_5", "manylinux2010": "2_12", "manylinux2014": "2_17"}
        low = min((legacy.get(t.split("_")[0]) or "_".join(t.split("_")[1:3]) for t in levels),
                  key=lambda v: tuple(int(x) for x in v.split("_")))
        plat = "glibc " + low.replace("_", ".")
    return f"{plat}{' abi3' if abi == 'abi3' else ''}"


def main() -> int:
    sdists = [r for r in requirements() if r.split("=")[0].split(">")[0].strip().lower() in SDIST_ONLY]
    reqs = [r for r in requirements() if r not in sdists]
    columns, notes, unresolved = [], [], []
    for title, target in TARGETS:
        found = resolve(target, reqs)
        if found is None:
            without = [r for r in reqs if not r.lower().startswith("pyside6")]
            found = resolve(target, without)
            if found is not None:
                notes.append(f"{title}: no PySide6 wheel; the rest resolves without it.")
            else:
                unresolved.append(len(columns))
        columns.append((title, target, found or {}))
        print(f"resolved {title}", file=sys.stderr)
    names = sorted({n for _, _, found in columns for n in found}, key=str.lower)
    for i in unresolved:  # look the packages up one by one: which of them has no wheel
        title, target, found = columns[i]
        for name in names:
            found.update(resolve(target, [name], deps=False) or {})
        missing = [n for n in names if n not in found]
        notes.append(f"{title}: the set does not resolve; no wheel for {', '.join(missing)} "
                     "(each package looked up on its own).")
    columns = [(title, found) for title, _, found in columns]
    print("| package | " + " | ".join(title for title, _ in columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for name in names:
        cells = []
        for _, found in columns:
            if name in found:
                version, wheel = found[name]
                cells.append(f"{version} {short_tag(wheel)}")
            else:
                cells.append("—")
        print(f"| {name} | " + " | ".join(cells) + " |")
    for req in sdists:
        print(f"| {req.split('>')[0].split('=')[0]} | " + " | ".join(["sdist¹"] * len(columns)) + " |")
    if sdists:
        print("\n¹ no wheel on PyPI, source only; pure Python: packaging/build.sh builds a py3-none-any wheel.")
    for note in notes:
        print(f"\n{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
