"""The page shown when no library is open: what Hanlin is and how to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Offers the built-in demo library, a folder of the user's own PDFs, or an existing library."""

    demo_requested = Signal()
    folder_requested = Signal()
    library_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(self.tr("翰林 Hanlin"))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        title.setFont(font)
        blurb = QLabel(self.tr("离线检索中文政策文件与科技文献。\n"
                               "先打开内置示例库看看，或添加一个存放 PDF 的文件夹建立自己的文献库。"))
        blurb.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.demo_button = QPushButton(self.tr("使用内置示例库"))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.demo_requested)
        self.folder_button = QPushButton(self.tr("添加文件夹…"))
        self.folder_button.setObjectName("folderButton")
        self.folder_button.clicked.connect(self.folder_requested)
        self.library_button = QPushButton(self.tr("打开已有文献库…"))
        self.library_button.setObjectName("libraryButton")
        self.library_button.clicked.connect(self.library_requested)

        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.demo_button, self.folder_button, self.library_button):
            button.setMinimumWidth(150)
            buttons.addWidget(button)
        buttons.addStretch()

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(blurb)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(3)
