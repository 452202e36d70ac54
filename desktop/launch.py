"""The `hanlin-desktop` script: start the GUI, or say plainly why it cannot start.

PySide6 is the `gui` extra (``pip install "hanlin[gui]"``); a CLI-only install (``pip install
hanlin``, ``install.sh --cli-only``) has this script but no Qt. This module imports no Qt, so
that case ends with a message and exit status 1, not a traceback. `desktop.app` is the GUI itself.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

#: What `hanlin-desktop` says where PySide6 (the `gui` extra) is missing.
NO_QT = ("翰林桌面版需要 PySide6 (Qt)，本机未安装：请安装 \"hanlin[gui]\"；命令行工具 hanlin 不需要它\n"
         "hanlin-desktop needs PySide6 (Qt), which is not installed: install \"hanlin[gui]\" "
         "(the hanlin command works without it)")


def qt_problem() -> str | None:
    """Why Qt cannot be loaded (not installed, or its libraries missing), or None when it can."""
    try:
        if importlib.util.find_spec("PySide6") is None:
            return NO_QT
        importlib.import_module("PySide6.QtWidgets")
    except ImportError as exc:
        return f"{NO_QT}\n{exc}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the desktop app (`desktop.app.main`); exit status 1 with a message when Qt is missing."""
    problem = qt_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    from desktop.app import main as run_app

    return run_app(argv)
