"""PySide6 is the `gui` extra: the core installs without it, `dev` pulls it in, and `hanlin-desktop`
without it says so instead of printing a traceback."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def names(requirements: list[str]) -> set[str]:
    return {Requirement(r).name.lower() for r in requirements}


def test_the_core_does_not_depend_on_pyside6():
    assert not {n for n in names(PROJECT["dependencies"]) if n.startswith(("pyside6", "shiboken6"))}


def test_the_gui_extra_holds_pyside6_and_dev_installs_it():
    extras = PROJECT["optional-dependencies"]
    assert "pyside6" in names(extras["gui"])
    dev = [Requirement(r) for r in extras["dev"]]
    assert any(r.name == PROJECT["name"] and "gui" in r.extras for r in dev)


def test_the_gui_script_is_the_qt_free_launcher():
    assert PROJECT["gui-scripts"]["hanlin-desktop"] == "desktop.launch:main"


def test_hanlin_desktop_without_pyside6_explains_instead_of_a_traceback():
    code = ("import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
            "from desktop.launch import main; sys.exit(main(['hanlin-desktop']))")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         encoding="utf-8", timeout=60, check=False)
    assert run.returncode == 1
    assert 'hanlin[gui]' in run.stderr and "PySide6" in run.stderr
    assert "Traceback" not in run.stderr
