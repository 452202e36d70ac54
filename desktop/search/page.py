"""The search pane: the box and sort order above, facets on the left, results on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.search.box import SearchBox
from desktop.search.controller import SearchController
from desktop.search.facets_model import FacetModel, FacetValue
from desktop.search.results_view import ResultsView
from desktop.session import SearchOutcome, SearchRequest


class SearchPage(QWidget):
    """Thin view over a `SearchController`.

    "正在检索…" shows only when a search takes longer than `BUSY_DELAY_MS`: a quick one
    changes nothing on screen before its results are painted.
    """

    passage_activated = Signal(object, object)  # Hit, PassageRef

    BUSY_DELAY_MS = 300

    def __init__(self, controller: SearchController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.box = SearchBox()
        self.sort = QComboBox()
        self.sort.setObjectName("sortCombo")
        self.sort.addItem(self.tr("按相关度"), "relevance")
        self.sort.addItem(self.tr("按日期"), "date")
        self.summary = QLabel()
        self.summary.setObjectName("resultSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setText("正在检索“科技”… 50 篇文档相符（用时 95 毫秒）")  # CJK, digits, punctuation
        self.summary.setMinimumHeight(self.summary.sizeHint().height())  # a new text does not resize the results
        self.summary.setText("")
        self.filters = QLabel()
        self.filters.setObjectName("activeFilters")
        self.clear_filters = QPushButton(self.tr("清除筛选"))
        self.clear_filters.setFlat(True)
        self.expansion = QLabel()
        self.expansion.setObjectName("expansionLabel")
        self.expansion.setTextFormat(Qt.TextFormat.PlainText)
        self.expansion.setWordWrap(True)
        self.expansion.setStyleSheet("color:#555;")
        self.expand_toggle = QPushButton()
        self.expand_toggle.setObjectName("expandToggle")
        self.expand_toggle.setFlat(True)
        self.expand_toggle.clicked.connect(self._toggle_expand)
        self._show_expansion(None)
        self.facet_view = self._make_facet_view(controller.facets)
        self.results_view = ResultsView(controller.results)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("searchSplitter")
        self.splitter.addWidget(self.facet_view)
        self.splitter.addWidget(self.results_view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 430])
        self.splitter.setChildrenCollapsible(False)
        self._busy = QTimer(self)
        self._busy.setSingleShot(True)
        self._busy.setInterval(self.BUSY_DELAY_MS)
        self._busy.timeout.connect(self._show_busy)
        #: Set while the library is being built or added to: an empty answer may only mean "not yet".
        self.building = False
        self._lay_out()
        self._update_filters()

        self.box.submitted.connect(controller.search)
        self.sort.currentIndexChanged.connect(lambda _: controller.set_sort(self.sort.currentData()))
        self.clear_filters.clicked.connect(self._clear_filters)
        self.results_view.passage_activated.connect(self.passage_activated)
        self.results_view.first_rows_painted.connect(controller.results_painted)
        controller.started.connect(self._started)
        controller.answered.connect(self._busy.stop)
        controller.finished.connect(self._finished)
        controller.failed.connect(self._failed)
        controller.cleared.connect(self._cleared)
        self.box.textEdited.connect(self._query_edited)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.sort)
        status = QHBoxLayout()
        status.addWidget(self.summary, 1)
        status.addWidget(self.filters)
        status.addWidget(self.clear_filters)
        expansion = QHBoxLayout()
        expansion.addWidget(self.expansion, 1)
        expansion.addWidget(self.expand_toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(top)
        layout.addLayout(status)
        layout.addLayout(expansion)
        layout.addWidget(self.splitter, 1)

    def _make_facet_view(self, model: FacetModel) -> QTreeView:
        view = QTreeView()
        view.setObjectName("facetView")
        view.setModel(model)
        view.setHeaderHidden(True)
        view.setUniformRowHeights(True)  # one size hint, not one per value at every search
        view.setIndentation(10)
        view.setMinimumWidth(130)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long source keeps its count in sight
        view.setExpandsOnDoubleClick(False)
        model.modelReset.connect(lambda: self._show_groups(view, model))
        view.clicked.connect(self._facet_clicked)
        return view

    @staticmethod
    def _show_groups(view: QTreeView, model: FacetModel) -> None:
        """Show only the groups the results have values in (no empty 发文机关 heading), expanded."""
        for row in range(model.rowCount()):
            view.setRowHidden(row, QModelIndex(), model.rowCount(model.index(row, 0)) == 0)
        view.expandAll()

    def _facet_clicked(self, index: QModelIndex) -> None:
        if self.controller.facets.toggle(index):
            self._update_filters()
            self.controller.refine()

    def _clear_filters(self) -> None:
        self.controller.facets.clear_selection()
        self._update_filters()
        self.controller.refine()

    def _update_filters(self) -> None:
        facets = self.controller.facets
        parts = []
        for group, value in facets.selected.items():
            label = facets.label(FacetValue(group, value, 0))
            parts.append(f"{facets.group_title(group)}：{label}")
        self.filters.setText(self.tr("筛选：") + "；".join(parts) if parts else "")
        self.clear_filters.setVisible(bool(parts))

    def _started(self, request: SearchRequest) -> None:
        if self.box.text().strip() != request.query:
            self.box.setText(request.query)
        self._busy.start()

    def _show_busy(self) -> None:
        request = self.controller.request
        if self.controller.is_running() and request is not None:
            self.summary.setText(self.tr("正在检索“{query}”…").format(query=request.query))

    def _show_expansion(self, outcome: SearchOutcome | None) -> None:
        """也检索了：… with a button to search without them; or, when turned off, a button to turn them on."""
        if outcome is None:
            self.expansion.setText("")
            self.expansion.setVisible(False)
            self.expand_toggle.setVisible(False)
            return
        also = outcome.results.also_searched()
        if outcome.request.expand and also:
            self.expansion.setText(self.tr("也检索了：{forms}").format(forms="、".join(also)))
            self.expand_toggle.setText(self.tr("不扩展同义词"))
        elif not outcome.request.expand:
            self.expansion.setText(self.tr("未扩展同义词和缩略语"))
            self.expand_toggle.setText(self.tr("扩展同义词"))
        else:
            self._show_expansion(None)
            return
        self.expansion.setVisible(True)
        self.expand_toggle.setVisible(True)

    def _toggle_expand(self) -> None:
        request = self.controller.request
        if request is not None:
            self.controller.set_expand(not request.expand)

    def _finished(self, outcome: SearchOutcome) -> None:
        results = outcome.results
        self._update_filters()
        self._show_expansion(outcome)
        if not results.hits:
            text = self.tr("没有找到“{query}”").format(query=results.query)
            if not outcome.built and not self.building:
                text = self.tr("文献库里还没有文献：请先用“文件 → 添加文件夹…”加入 PDF")
            elif self.building:
                text = self.tr("文献库正在建立，已完成的部分中没有找到“{query}”；建立完成后将自动重新检索").format(
                    query=results.query)
            elif results.suggestions:
                text += self.tr("。您是不是要找：{words}").format(words="　".join(results.suggestions))
            self.summary.setText(text)
            return
        text = self.tr("{total} 篇文档相符（用时 {ms:.0f} 毫秒）").format(total=results.total, ms=results.elapsed_ms)
        if results.any_total:
            text += self.tr("；另有 {count} 篇部分相符").format(count=results.any_total)
        if results.total + results.any_total > len(results.hits):
            text += self.tr("；显示前 {shown} 篇").format(shown=len(results.hits))
        self.summary.setText(text)

    def _cleared(self) -> None:
        self._busy.stop()
        self.summary.setText("")
        self._show_expansion(None)
        self._update_filters()

    def _query_edited(self, text: str) -> None:
        """A new query is being typed: "没有找到…" (and its suggestions) about the last one no longer applies."""
        outcome = self.controller.outcome
        if not self.controller.is_running() and (outcome is None or not outcome.results.hits) \
                and text.strip() != (outcome.request.query if outcome is not None else ""):
            self.summary.setText("")

    def _failed(self, exc: BaseException) -> None:
        self._busy.stop()
        self._show_expansion(None)
        self.summary.setText(self.tr("检索出错：{message}").format(message=str(exc)))

    def set_building(self, building: bool) -> None:
        """Whether the library is being indexed (the window re-runs the search when it is done)."""
        self.building = building

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

