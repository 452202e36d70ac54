"""Update the translation sources from the code and compile them.

    .venv/bin/python desktop/resources/translations/build.py            # lupdate + lrelease
    .venv/bin/python desktop/resources/translations/build.py --release  # lrelease only (.ts -> .qm)

Hanlin's source strings are Chinese, so `hanlin_zh_CN.ts` needs no translation (its .qm is
empty of messages and the source text shows); `hanlin_en.ts` holds the English, edited with
Qt Linguist (`pyside6-linguist`). Run this after changing any `tr()` string, translate what
lupdate marks unfinished, run it again, and commit the .ts and .qm files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
LANGUAGES = ("zh_CN", "en")


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv's bin), or on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[str]:
    """Every Python file of the desktop package, relative to the repository (not the data folders' scripts)."""
    files = (p for p in (REPO / "desktop").rglob("*.py") if (p.parent / "__init__.py").is_file())
    return sorted(str(p.relative_to(REPO)) for p in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile .ts into .qm")
    args = parser.parse_args()
    for lang in LANGUAGES:
        ts = HERE / f"hanlin_{lang}.ts"
        if not args.release:
            subprocess.run([tool("pyside6-lupdate"), *sources(), "-source-language", "zh_CN",
                            "-target-language", lang, "-no-obsolete", "-ts", str(ts)], cwd=REPO, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=REPO, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
