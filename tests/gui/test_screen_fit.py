"""The window fits the screen it opens on: 1366×768, the most common size of the workstations,
checked on a real X server (Xvfb, with a window manager drawing a title bar) and off-screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from desktop.main_window import MainWindow

PROBE = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.main_window import MainWindow
from desktop.settings import Settings
from desktop.tasks import Pools

app = QApplication(sys.argv)
window = MainWindow(Settings(), Pools())
window.show()

def report():
    free = window.screen().availableGeometry()
    frame = window.frameGeometry()
    bar = window.statusBar()
    bottom = bar.mapToGlobal(bar.rect().bottomLeft()).y()
    print("FREE", free.x(), free.y(), free.width(), free.height())
    print("FRAME", frame.x(), frame.y(), frame.width(), frame.height())
    print("STATUS_BOTTOM", bottom, bar.isVisible())
    app.quit()

QTimer.singleShot(1500, report)  # after the window manager has framed and placed the window
app.exec()
"""


def start(argv: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_display(display: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    socket = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")
    while not socket.exists():
        assert time.monotonic() < deadline, f"Xvfb did not start on {display}"
        time.sleep(0.1)


def free_display() -> str:
    number = 90 + os.getpid() % 100
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    return f":{number}"


def test_the_window_fits_1366x768_on_a_real_x_server(tmp_path: Path):
    assert shutil.which("Xvfb") and shutil.which("openbox"), "install xvfb and openbox (.ci/system-packages)"
    display = free_display()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HANLIN_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    server = start(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"], env)
    manager = None
    try:
        wait_for_display(display)
        manager = start(["openbox"], env)
        time.sleep(0.5)
        run = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                             check=False)
    finally:
        for process in (manager, server):
            if process is not None:
                process.terminate()
                process.wait(10)
    assert run.returncode == 0, run.stderr
    values = {line.split()[0]: line.split()[1:] for line in run.stdout.splitlines() if line[:1].isupper()}
    fx, fy, fw, fh = map(int, values["FREE"])
    x, y, w, h = map(int, values["FRAME"])
    assert (fw, fh) == (1366, 768)
    assert fx <= x and fy <= y and x + w <= fx + fw and y + h <= fy + fh, (values["FREE"], values["FRAME"])
    assert h > 30 + 600  # fitted, not shrunk to nothing
    assert int(values["STATUS_BOTTOM"][0]) <= fy + fh and values["STATUS_BOTTOM"][1] == "True"


def test_the_window_fits_the_offscreen_screen(make_window):
    window: MainWindow = make_window()
    free = window.screen().availableGeometry()
    assert free.contains(window.frameGeometry()) or window.size() == MainWindow.PREFERRED_SIZE
    assert window.width() <= free.width() and window.height() <= free.height()


def test_the_preferred_size_is_kept_where_there_is_room():
    from PySide6.QtCore import QSize

    room = QSize(1920, 1080) - MainWindow.FRAME_ALLOWANCE
    assert MainWindow.PREFERRED_SIZE.boundedTo(room) == QSize(1280, 800)
