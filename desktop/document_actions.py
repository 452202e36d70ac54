"""What can be done with a document wherever it shows: open it in the system's PDF viewer, show it
in its folder, copy its path or its GB/T 7714 citation.

`DocumentActions.fill_menu(menu, doc_id, path)` adds these actions to a context menu (a hit in
the results, the reader's page, a failed file has only a path). The citation is built off the
GUI thread from the catalogue (`userdata.digest.sources.citation`). Opening goes through
`QDesktopServices` (the desktop's own viewer and file manager); on Linux "show in folder"
asks the file manager to select the file (`org.freedesktop.FileManager1` over D-Bus) and
opens the folder where no file manager answers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QProcess, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from desktop.paths import display_path, file_url
from desktop.session import LibrarySession
from desktop.tasks import Pools, run_in_pool


class DocumentActions(QObject):
    """Opening, showing and citing documents for one window."""

    def __init__(self, parent: QWidget, pools: Pools, status: Callable[[str], None],
                 show_error: Callable[[BaseException | str], None]):
        super().__init__(parent)
        self.pools = pools
        self.status = status
        self.show_error = show_error
        self.session: LibrarySession | None = None

    def fill_menu(self, menu: QMenu, doc_id: str | None, path: str) -> None:
        """Add 用系统阅读器打开, 在文件夹中显示, 复制文件路径 and (with a document) 复制引文 to `menu`."""
        self._add(menu, "openExternal", self.tr("用系统阅读器打开"), lambda: self.open_file(path))
        self._add(menu, "showInFolder", self.tr("在文件夹中显示"), lambda: self.show_in_folder(path))
        self._add(menu, "copyPath", self.tr("复制文件路径"), lambda: self.copy_path(path))
        if doc_id:
            self._add(menu, "copyCitation", self.tr("复制引文（GB/T 7714）"), lambda: self.copy_citation(doc_id))

    @staticmethod
    def _add(menu: QMenu, name: str, text: str, slot: Callable[[], object]) -> None:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda checked=False: slot())

    # ------------------------------------------------------------------ the actions

    def open_file(self, path: str) -> bool:
        """Open the file in the program the desktop uses for PDFs."""
        if not self._exists(path):
            return False
        if not QDesktopServices.openUrl(_url(file_url(path))):
            self.show_error(self.tr("系统中没有可以打开此文件的程序：{path}").format(path=display_path(path)))
            return False
        return True

    def show_in_folder(self, path: str) -> bool:
        """Show the file in the system's file manager (selected where the file manager can)."""
        if not self._exists(path):
            return False
        if sys.platform == "win32":
            return QProcess.startDetached("explorer.exe", ["/select,", os.path.normpath(path)])[0]
        if sys.platform == "darwin":
            return QProcess.startDetached("open", ["-R", path])[0]
        if _file_manager_shows(path):
            return True
        if not QDesktopServices.openUrl(_url(file_url(str(Path(path).parent)))):
            self.show_error(self.tr("无法打开文件夹：{path}").format(path=display_path(str(Path(path).parent))))
            return False
        return True

    def copy_path(self, path: str) -> None:
        """Put the file's path on the clipboard."""
        QGuiApplication.clipboard().setText(display_path(path))
        self.status(self.tr("已复制文件路径：{path}").format(path=display_path(path)))

    def copy_citation(self, doc_id: str) -> None:
        """Put the document's GB/T 7714 entry on the clipboard (built in a worker)."""
        session = self.session
        if session is None:
            return

        def build(job) -> str:
            from userdata.digest.sources import citation

            return citation(session.reader(), doc_id)

        run_in_pool(build, pool=self.pools.read, on_success=self._citation_ready, on_error=self.show_error)

    def _citation_ready(self, entry: str) -> None:
        QGuiApplication.clipboard().setText(entry)
        self.status(self.tr("已复制引文：{entry}").format(entry=entry))

    def _exists(self, path: str) -> bool:
        if os.path.exists(path):
            return True
        self.show_error(self.tr("文件不在原处（已移动或删除）：{path}").format(path=display_path(path)))
        return False


def _url(encoded: bytes) -> QUrl:
    return QUrl.fromEncoded(QByteArray(encoded))


def _file_manager_shows(path: str) -> bool:
    """Ask the desktop's file manager to show `path` selected (freedesktop FileManager1); False if none answers."""
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected() or not bus.interface().isServiceRegistered("org.freedesktop.FileManager1").value():
        return False
    manager = QDBusInterface("org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                             "org.freedesktop.FileManager1", bus)
    reply = manager.call("ShowItems", [file_url(path).decode("ascii")], "")
    return not reply.errorName()
