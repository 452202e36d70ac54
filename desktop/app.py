"""Entry point of the `hanlin-desktop` GUI script.

    hanlin-desktop           start on the welcome page
    hanlin-desktop --demo    open the built-in demo library (resources/demo)
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow


def build_parser() -> argparse.ArgumentParser:
    """The command-line options of the desktop app (Qt's own options pass through)."""
    parser = argparse.ArgumentParser(prog="hanlin-desktop", description="翰林 Hanlin desktop app")
    parser.add_argument("--demo", action="store_true", help="open the built-in demo library")
    return parser


def create_window(args: argparse.Namespace) -> MainWindow:
    """The main window, set up as `args` ask; needs a running QApplication."""
    window = MainWindow()
    if args.demo:
        window.open_demo()
    return window


def main(argv: list[str] | None = None) -> int:
    """Start the app and run its event loop until the last window closes."""
    argv = sys.argv if argv is None else argv
    args, qt_args = build_parser().parse_known_args(argv[1:])
    app = QApplication([argv[0], *qt_args])
    app.setOrganizationName("Hanlin")
    app.setApplicationName("Hanlin")
    window = create_window(args)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
