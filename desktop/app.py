"""The desktop app, which `hanlin-desktop` starts (through `desktop.launch`, which checks for Qt).

    hanlin-desktop                  reopen the last library, or start on the welcome page
    hanlin-desktop --demo           open the built-in demo library (built on first use)
    hanlin-desktop --library DIR    open a library folder made by `hanlin index --library DIR`
    hanlin-desktop --lang en        English interface (the choice is remembered)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import hanlin_resources
from desktop.i18n import LANGUAGES, install_translators
from desktop.main_window import MainWindow
from desktop.settings import Settings
from indexer.library.catalog import CATALOG_NAME


def build_parser() -> argparse.ArgumentParser:
    """The command-line options of the desktop app (Qt's own options pass through)."""
    parser = argparse.ArgumentParser(prog="hanlin-desktop", description="翰林 Hanlin desktop app")
    parser.add_argument("--demo", action="store_true", help="open the built-in demo library")
    parser.add_argument("--library", metavar="DIR", help="open this library folder")
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language (remembered)")
    return parser


def app_icon() -> QIcon:
    """The app icon, at every size it is rendered at (resources/icons, package hanlin_resources)."""
    icon = QIcon()
    for path in hanlin_resources.icon_pngs():
        icon.addFile(str(path))
    return icon


def create_window(args: argparse.Namespace, settings: Settings | None = None) -> MainWindow:
    """The main window, set up as `args` ask; needs a running QApplication."""
    settings = settings or Settings()
    window = MainWindow(settings)
    window.setWindowIcon(app_icon())
    if args.demo:
        window.open_demo()
    elif args.library:
        window.open_library(args.library)
    elif settings.last_library and (Path(settings.last_library) / CATALOG_NAME).is_file():
        window.open_library(settings.last_library)
    return window


def main(argv: list[str] | None = None) -> int:
    """Start the app and run its event loop until the last window closes."""
    argv = sys.argv if argv is None else argv
    args, qt_args = build_parser().parse_known_args(argv[1:])
    app = QApplication([argv[0], *qt_args])
    app.setOrganizationName("Hanlin")
    app.setApplicationName("Hanlin")
    app.setDesktopFileName("hanlin")  # Wayland and taskbars match the window to hanlin.desktop
    app.setWindowIcon(app_icon())
    settings = Settings()
    if args.lang:
        settings.language = args.lang
    translators = install_translators(app, settings.language)  # kept alive while the app runs
    window = create_window(args, settings)
    window.show()
    code = app.exec()
    del translators
    return code


if __name__ == "__main__":
    sys.exit(main())
