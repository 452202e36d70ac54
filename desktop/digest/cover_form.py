"""The cover of the current digest: 标题, 期号, 编者, 单位, 日期 and its own classification mark.

Each field is saved when it loses focus or on Enter, as one undoable step. The mark is chosen
from the library's mark order; when the digest quotes documents marked higher than its own
mark, a warning says which mark exporting needs and a button sets it.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.digest.controller import DigestController
from indexer.library.marks import MarkLevels
from userdata.digest.model import Digest

TEXT_FIELDS = ("title", "issue", "compiler", "organisation", "date")


class CoverForm(QWidget):
    """Edits the cover of the controller's current digest."""

    def __init__(self, controller: DigestController, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("digestCover")
        self.controller = controller
        self.digest: Digest | None = None
        self.levels = MarkLevels()
        self.required = ""
        self.edits: dict[str, QLineEdit] = {}
        self._build()
        controller.current_changed.connect(self.refresh)
        controller.digest_changed.connect(self._digest_changed)
        self.refresh()

    def _build(self) -> None:
        hints = {"title": self.tr("摘编标题"), "issue": self.tr("如 2025年第8期"), "compiler": self.tr("编者姓名"),
                 "organisation": self.tr("编印单位"), "date": self.tr("YYYY-MM-DD")}
        for name in TEXT_FIELDS:
            edit = QLineEdit(placeholderText=hints[name])
            edit.setObjectName(f"cover_{name}")
            edit.editingFinished.connect(self._commit)
            self.edits[name] = edit
        self.edits["date"].setValidator(QRegularExpressionValidator(QRegularExpression(r"(\d{4}-\d{2}-\d{2})?")))
        self.mark = QComboBox()
        self.mark.setObjectName("cover_mark")
        self.mark.activated.connect(self._mark_chosen)
        self.warning = QLabel(wordWrap=True)
        self.warning.setObjectName("coverMarkWarning")
        self.warning.setStyleSheet("color: #b91c1c;")
        self.fix = QPushButton()
        self.fix.setObjectName("coverMarkFix")
        self.fix.clicked.connect(self.set_required_mark)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(QLabel(self.tr("标题")), 0, 0)
        grid.addWidget(self.edits["title"], 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("期号")), 1, 0)
        grid.addWidget(self.edits["issue"], 1, 1)
        grid.addWidget(QLabel(self.tr("日期")), 1, 2)
        grid.addWidget(self.edits["date"], 1, 3)
        grid.addWidget(QLabel(self.tr("编者")), 2, 0)
        grid.addWidget(self.edits["compiler"], 2, 1)
        grid.addWidget(QLabel(self.tr("单位")), 2, 2)
        grid.addWidget(self.edits["organisation"], 2, 3)
        grid.addWidget(QLabel(self.tr("密级")), 3, 0)
        row = QHBoxLayout()
        row.addWidget(self.mark)
        row.addWidget(self.warning, 1)
        row.addWidget(self.fix)
        grid.addLayout(row, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    # ------------------------------------------------------------------ showing

    def refresh(self, *_args) -> None:
        """Show the current digest's cover (fields being typed in are left alone)."""
        self.digest = self.controller.current()
        for name, edit in self.edits.items():
            edit.setEnabled(self.digest is not None)
            value = getattr(self.digest, name) if self.digest is not None else ""
            if not edit.hasFocus() and edit.text() != value:
                edit.setText(value)
        self.mark.setEnabled(self.digest is not None)
        self._fill_marks()
        self._update_warning()

    def _digest_changed(self, digest_id: str) -> None:
        if digest_id == self.controller.current_id:
            self.refresh()

    def set_marks(self, levels: MarkLevels, required: str) -> None:
        """The library's mark order and the least mark the digest's quotations need ('' = none)."""
        self.levels, self.required = levels, required
        self._fill_marks()
        self._update_warning()

    def _fill_marks(self) -> None:
        current = self.digest.mark if self.digest is not None else ""
        self.mark.blockSignals(True)
        self.mark.clear()
        self.mark.addItem(self.tr("（无密级）"), "")
        for level in self.levels.levels:
            self.mark.addItem(level, level)
        if current and self.mark.findData(current) < 0:
            self.mark.addItem(current, current)  # a mark no longer in the library's list stays visible
        self.mark.setCurrentIndex(max(0, self.mark.findData(current)))
        self.mark.blockSignals(False)

    def needs_mark(self) -> bool:
        """Whether the digest's own mark is too low (or missing) for what it quotes."""
        return self.digest is not None and not self.levels.covers(self.digest.mark, self.required)

    def _update_warning(self) -> None:
        short = self.needs_mark()
        self.warning.setVisible(short)
        self.fix.setVisible(short)
        if short:
            self.warning.setText(self.tr("引用了“{mark}”文献：导出前须标为“{mark}”或更高").format(mark=self.required))
            self.fix.setText(self.tr("标为“{mark}”").format(mark=self.required))

    # ------------------------------------------------------------------ saving

    def _commit(self) -> None:
        if self.digest is None:
            return
        fields = {name: edit.text().strip() for name, edit in self.edits.items()}
        if not fields["title"]:
            fields["title"] = self.digest.title  # a digest always has a title
            self.edits["title"].setText(self.digest.title)
        self.controller.update_cover(self.digest.id, **fields)

    def _mark_chosen(self, _index: int) -> None:
        if self.digest is not None:
            self.controller.update_cover(self.digest.id, mark=self.mark.currentData() or "")

    def set_required_mark(self) -> None:
        """Give the digest the mark its quotations need (undoable)."""
        if self.digest is not None and self.required:
            self.controller.update_cover(self.digest.id, mark=self.required)
