"""Views of librarian work: the progress panel in the status bar, the failed files, library status,
the read-only badge of a library installed from a bundle, and the dialog setting a document's mark."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.librarian.controller import Progress
from desktop.librarian.failures_model import FailedFile, FailuresModel
from desktop.paths import display_path
from desktop.session import LibraryAccess
from desktop.timefmt import local_time


def clock(seconds: float | None) -> str:
    """Seconds as m:ss or h:mm:ss; --:-- when unknown."""
    if seconds is None:
        return "--:--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class ProgressPanel(QWidget):
    """A bar with files, rate and time left, and a cancel button; hidden when nothing runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("progressPanel")
        self.label = QLabel()
        self.label.setObjectName("progressLabel")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(180)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("cancelIndexing")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def start(self, what: str, cancellable: bool = True) -> None:
        """Show the panel for a new run."""
        self.label.setText(what)
        self.bar.setRange(0, 0)  # busy until the first progress arrives
        self.cancel_button.setEnabled(cancellable)
        self.cancel_button.setVisible(cancellable)
        self.show()

    def update_progress(self, p: Progress) -> None:
        """Show a snapshot of the run: the time left when it is known, 正在完成… once every page is read."""
        if p.finishing:
            self.bar.setRange(0, 0)  # busy: the last results and the index commit have no measure
            left = self.tr("正在完成（写入检索索引）…")
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(round(p.fraction * 1000))
            left = self.tr("剩余 {eta}").format(eta=clock(p.eta_seconds)) if p.eta_seconds is not None \
                else self.tr("正在估算剩余时间…")
        text = self.tr("文件 {done}/{total}　{pages} 页　{rate:.1f} 页/秒　{left}").format(
            done=p.files_done, total=p.files_total, pages=p.pages_done, rate=p.pages_per_second, left=left)
        if p.files_failed:
            text += self.tr("　失败 {count}").format(count=p.files_failed)
        if p.ocr_pages_done or p.ocr_doing:
            text += self.tr("　OCR 识别 {pages} 页").format(pages=p.ocr_pages_done)
            if p.ocr_doing:
                text += f"（{p.ocr_doing}）"
        self.label.setText(text)
        self.label.setToolTip(p.current)

    def stop(self) -> None:
        """Hide the panel."""
        self.hide()


class FailuresDialog(QDialog):
    """The files that could not be indexed, with the library's reasons.

    Its context menu (and 重试 under the table) retries the chosen files through `retry(paths)`;
    `documents` (a `desktop.document_actions.DocumentActions`) adds copy path and show in folder.
    """

    def __init__(self, model: FailuresModel, parent: QWidget | None = None,
                 retry: Callable[[list[str]], object] | None = None, documents=None):
        super().__init__(parent)
        self.setObjectName("failuresDialog")
        self.model = model
        self.retry = retry
        self.documents = documents
        self.setWindowTitle(self.tr("无法索引的文件"))
        self.resize(760, 360)
        self.table = QTableView()
        self.table.setObjectName("failuresTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # rows as tall as their wrapped message: a long reason is read in full, not cut off with …
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FailuresModel.FILE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FailuresModel.REASON, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FailuresModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(FailuresModel.FILE, 260)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long name keeps its end (.pdf) in view
        empty = QLabel(self.tr("没有失败的文件。"))
        empty.setVisible(model.rowCount() == 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if retry is not None and model.rowCount():
            self.retry_button = buttons.addButton(self.tr("全部重试"), QDialogButtonBox.ButtonRole.ActionRole)
            self.retry_button.setObjectName("retryAll")
            self.retry_button.clicked.connect(lambda: self._retry([f.path for f in model.failures()]))
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[FailedFile]:
        """The failed files whose rows are selected."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})
        failures = self.model.failures()
        return [failures[row] for row in rows if row < len(failures)]

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())
        chosen = self.chosen()
        menu = QMenu(self.table)
        menu.setObjectName("failuresMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.retry is not None:
            action = menu.addAction(self.tr("重试此文件") if len(chosen) == 1 else self.tr("重试这些文件"))
            action.setObjectName("retryFile")
            action.triggered.connect(lambda checked=False: self._retry([f.path for f in chosen]))
        if self.documents is not None and len(chosen) == 1:
            self.documents.fill_menu(menu, None, chosen[0].path)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _retry(self, paths: list[str]) -> None:
        if self.retry is not None and paths:
            self.retry(paths)
            self.accept()


class StatusDialog(QDialog):
    """Counts and state of the open library (`Library.status`)."""

    def __init__(self, status: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("文献库状态"))
        self.setMinimumWidth(480)  # the library's path on one or two lines, not a column of fragments
        form = QFormLayout()
        last = status.get("last_indexed_at")
        when = datetime.datetime.fromtimestamp(last).strftime("%Y-%m-%d %H:%M") if last else self.tr("从未")
        rows = [
            (self.tr("位置"), display_path(str(status.get("library", "")))),
            (self.tr("访问"), self.tr("只读（由文献包安装）") if status.get("read_only") else self.tr("可读写")),
            *self._bundle_rows(status.get("installed_bundle")),
            (self.tr("已索引文件"), str(status.get("files_ok", 0))),
            (self.tr("失败文件"), str(status.get("files_failed", 0))),
            (self.tr("无可检索文字的文件"), str(status.get("files_no_text", 0))),
            (self.tr("扫描件 OCR 识别"), self.tr("开") if status.get("ocr", True) else self.tr("关")),
            (self.tr("文档"), str(status.get("documents", 0))),
            (self.tr("段落"), str(status.get("passages", 0))),
            (self.tr("页数"), str(status.get("pages", 0))),
            (self.tr("待写入索引"), str(status.get("pending_index", 0))),
            (self.tr("索引大小"), f"{status.get('index_size_bytes', 0) / 1e6:.1f} MB"),
            (self.tr("索引版本"), f"{status.get('index_schema_version')} / {status.get('schema_version')}"),
            (self.tr("最近索引"), when),
        ]
        self.values: dict[str, str] = {}
        for name, value in rows:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            form.addRow(name, label)
            self.values[name] = value
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.no_text = self._no_text_table(status.get("no_text_files") or [])
        if self.no_text is not None:
            title = QLabel(self.tr("无可检索文字的文件（只能按文件名查找）："))
            layout.addWidget(title)
            layout.addWidget(self.no_text, 1)
            self.resize(720, 520)
        layout.addWidget(buttons)

    def _no_text_table(self, files: list[dict]) -> QTableWidget | None:
        """The files that hold no searchable text, each with the reason (scan with OCR off, …)."""
        if not files:
            return None
        table = QTableWidget(len(files), 2)
        table.setObjectName("noTextTable")
        table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("原因")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        for row, item in enumerate(files):
            name = QTableWidgetItem(Path(item["path"]).name)
            name.setToolTip(item["path"])
            table.setItem(row, 0, name)
            table.setItem(row, 1, QTableWidgetItem(item.get("message", "")))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _bundle_rows(self, bundle: dict | None) -> list[tuple[str, str]]:
        if not bundle:
            return []
        return [
            (self.tr("文献包"), bundle.get("bundle_file", "")),
            (self.tr("签发者"), signer_text(bundle)),
            (self.tr("文献包日期"), local_time(bundle.get("created_at", ""))),
            (self.tr("安装时间"), local_time(bundle.get("installed_at", ""))),
        ]


def signer_text(bundle: dict) -> str:
    """The signing key's name with its fingerprint, as people compare it."""
    name, fingerprint = bundle.get("key_name", ""), bundle.get("fingerprint", "")
    return f"{name}（{fingerprint}）" if fingerprint else name


class AccessLabel(QLabel):
    """A badge in the status bar while a read-only library is open: 只读 · 由 <signer> 签发 · <date>."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("libraryAccess")
        self.setStyleSheet("QLabel#libraryAccess { color: #7a4b00; background: #fff3d1; "
                           "border: 1px solid #e3c26f; border-radius: 3px; padding: 0 6px; }")
        self.hide()

    def show_access(self, access: LibraryAccess | None) -> None:
        """Show the badge for a read-only library; hide it otherwise (None: not known yet)."""
        if access is None or not access.read_only:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        bundle = access.bundle or {}
        if bundle.get("key_name"):
            self.setText(self.tr("只读 · 由 {signer} 签发 · {date}").format(
                signer=bundle["key_name"], date=local_time(bundle.get("created_at", ""), "%Y-%m-%d")))
        else:
            self.setText(self.tr("只读"))
        self.setToolTip(self._details(bundle))
        self.show()

    def _details(self, bundle: dict) -> str:
        lines = [self.tr("此文献库由文献包安装，是只读的：可以检索、阅读和记笔记（笔记保存在您自己的用户数据中），"
                         "不能添加文件或重新索引。请安装新的文献包来更新它。")]
        if bundle:
            lines += [
                self.tr("文献包：{file}").format(file=bundle.get("bundle_file", "")),
                self.tr("签发者：{signer}").format(signer=signer_text(bundle)),
                self.tr("文献包日期：{date}").format(date=local_time(bundle.get("created_at", ""))),
                self.tr("安装时间：{date}").format(date=local_time(bundle.get("installed_at", ""))),
                self.tr("{documents} 篇文档 · {passages} 段").format(
                    documents=bundle.get("documents", "?"), passages=bundle.get("passages", "?")),
            ]
        return "\n".join(lines)


class MarkDialog(QDialog):
    """设置密级: choose a document's classification mark from the library's order, or none."""

    def __init__(self, doc_id: str, title: str, mark: str, levels: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("markDialog")
        self.setWindowTitle(self.tr("设置密级"))
        self.doc_id = doc_id
        self.combo = QComboBox()
        self.combo.setObjectName("markChoice")
        self.combo.addItem(self.tr("（无密级）"), "")
        for level in levels:
            self.combo.addItem(level, level)
        if mark and self.combo.findData(mark) < 0:
            self.combo.addItem(mark, mark)
        self.combo.setCurrentIndex(max(0, self.combo.findData(mark)))
        name = QLabel(title or doc_id)
        name.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("文档"), name)
        form.addRow(self.tr("密级"), self.combo)
        note = QLabel(self.tr("密级记在文献库中，重新索引后保留；引用此文档的摘编须标有同等或更高的密级才能导出。"))
        note.setWordWrap(True)
        note.setStyleSheet("color:#555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(420, 0)

    def mark(self) -> str:
        """The mark chosen ('' = clear the mark)."""
        return self.combo.currentData() or ""


def summary_text(summary) -> str:
    """One line for the status bar about a finished run (`IndexSummary`; None after a rebuild)."""
    translate = QCoreApplication.translate
    if summary is None:
        return translate("IndexSummary", "索引已重建")
    text = translate("IndexSummary", "索引完成：新增 {added} 个文件（{passages} 段），跳过 {skipped} 个未变的文件，"
                                     "用时 {seconds:.0f} 秒").format(
        added=len(summary.indexed), passages=summary.passages, skipped=summary.skipped, seconds=summary.seconds)
    if summary.no_text:
        text += translate("IndexSummary", "；其中 {count} 个文件无可检索文字（见文献库状态）").format(
            count=len(summary.no_text))
    if summary.failed:
        text += translate("IndexSummary", "；{count} 个文件失败").format(count=len(summary.failed))
    if summary.cancelled:
        text += translate("IndexSummary", "（已取消）")
    if summary.missing:
        text += translate("IndexSummary", "；找不到：{paths}").format(
            paths="、".join(display_path(Path(p).name) for p in summary.missing))
    return text
