"""Save docs/screenshots/first-window.png: the main window on the demo library.

Run under a virtual 1366×768 screen with a CJK font installed (fonts-noto-cjk):

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_screenshot.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import build_parser, create_window

OUT = Path(__file__).resolve().parent / "first-window.png"


def main() -> int:
    """Open the demo library full-screen, wait until it is open, grab the window."""
    app = QApplication(sys.argv[:1])
    window = create_window(build_parser().parse_args(["--demo"]))
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()

    def grab() -> None:
        window.grab().save(str(OUT))
        print(f"saved {OUT} ({window.width()}×{window.height()})")
        app.quit()

    # The demo library may open before this line runs: grab once the window has settled.
    QTimer.singleShot(3000, grab)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
