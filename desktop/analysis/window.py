"""The 分析 window: the library's (or the current search's) documents as charts and tables.

Tabs: 概况 (documents by year, type, source, issuer), 作者与机构, 政策时间线, 关键词网络, 突现词.
Each tab has one figure (what 导出图片 and 插入摘编 take, with its title as caption) and its
tables (what 导出表格 writes). The numbers are computed off the GUI thread
(`controller.AnalysisController`); a click on a network term asks for a search
(`search_requested`), a click on a timeline mark or row for the document (`document_requested`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.bursts_view import BurstsView
from desktop.analysis.charts import BarChart
from desktop.analysis.controller import AnalysisController, AnalysisOutcome
from desktop.analysis.export import save_figure
from desktop.analysis.models import DOC_ID_ROLE, SORT_ROLE, AnalysisTableModel
from desktop.analysis.network_view import NetworkView
from desktop.analysis.timeline_view import TimelineView
from desktop.search.results_model import type_labels
from desktop.session import SearchRequest
from indexer.insight import Analysis
from indexer.insight.tables import write_csv, write_xlsx


@dataclass
class Tab:
    """One tab: its page, the widget drawn as its figure, and its tables by name."""

    page: QWidget
    figure: Callable[[], QWidget]
    caption: Callable[[], str]
    tables: list[str] = field(default_factory=list)


class AnalysisWindow(QWidget):
    """The analysis of the open library, in a window of its own."""

    search_requested = Signal(str)
    document_requested = Signal(str)
    figure_for_digest = Signal(bytes, str)  # PNG, caption

    def __init__(self, controller: AnalysisController, show_error: Callable[[BaseException | str], None],
                 current_request: Callable[[], SearchRequest | None], parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("analysisWindow")
        self.setWindowTitle(self.tr("分析 — 翰林"))
        self.controller = controller
        self.show_error = show_error
        self.current_request = current_request
        self.analysis: Analysis | None = None
        self.models: dict[str, AnalysisTableModel] = {}
        self.views: dict[str, QTableView] = {}
        self._build()
        controller.ready.connect(self.show_outcome)
        controller.failed.connect(self._failed)
        controller.started.connect(lambda _request: self._set_busy(True))
        self.resize(1280, 720)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.scope = QComboBox()
        self.scope.addItem(self.tr("整个文献库"), "library")
        self.scope.addItem(self.tr("当前检索结果"), "search")
        self.scope.activated.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton(self.tr("重新分析"))
        self.refresh_button.clicked.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setObjectName("analysisSummary")
        self.figure_button = QPushButton(self.tr("导出图表…"))
        self.figure_button.setToolTip(self.tr("把当前页的图表存为 PNG 或 SVG"))
        self.figure_button.clicked.connect(self.export_figure)
        self.table_button = QPushButton(self.tr("导出表格…"))
        self.table_button.setToolTip(self.tr("把当前页的表格存为 CSV，或把全部表格存为 XLSX"))
        self.table_button.clicked.connect(self.export_tables)
        self.digest_button = QPushButton(self.tr("插入摘编"))
        self.digest_button.setToolTip(self.tr("把当前页的图表作为带题注的插图加入当前摘编"))
        self.digest_button.clicked.connect(self.insert_into_digest)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("范围：")))
        bar.addWidget(self.scope)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.summary, 1)
        for button in (self.figure_button, self.table_button, self.digest_button):
            bar.addWidget(button)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("analysisTabs")
        self.pages: list[Tab] = [self._overview(), self._people(), self._timeline(), self._network(), self._bursts()]
        for tab, name in zip(self.pages, (self.tr("概况"), self.tr("作者与机构"), self.tr("政策时间线"),
                                          self.tr("关键词网络"), self.tr("突现词")), strict=True):
            self.tabs.addTab(tab.page, name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    def _table(self, name: str, headers: list[str]) -> QTableView:
        model = AnalysisTableModel(headers, self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view = QTableView()
        view.setObjectName(f"analysisTable_{name}")
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the core's order until clicked
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setResizeContentsPrecision(50)  # columns fitted to the first rows: fast on long tables
        self.models[name], self.views[name] = model, view
        return view

    def _overview(self) -> Tab:
        self.year_chart = BarChart(self.tr("各年份文献数"))
        self.type_chart = BarChart(self.tr("各类型文献数"), horizontal=True)
        self.source_chart = BarChart(self.tr("来源/期刊（前10）"), horizontal=True)
        self.issuer_chart = BarChart(self.tr("发文机关（前10）"), horizontal=True)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.year_chart, 0, 0)
        grid.addWidget(self.type_chart, 0, 1)
        grid.addWidget(self.source_chart, 1, 0)
        grid.addWidget(self.issuer_chart, 1, 1)
        names = ["counts_year", "counts_doc_type", "counts_source", "counts_issuer"]
        labels = [self.tr("年份"), self.tr("类型"), self.tr("来源/期刊"), self.tr("发文机关")]
        for name, label in zip(names, labels, strict=True):
            self._table(name, [label, self.tr("文献数")])
        return Tab(grid_widget, lambda: grid_widget, lambda: self.tr("文献的年份、类型、来源与发文机关分布"), names)

    def _people(self) -> Tab:
        self.author_chart = BarChart(self.tr("核心作者（前10）"), horizontal=True)
        self.institution_chart = BarChart(self.tr("研究机构（前10）"), horizontal=True)
        charts = QWidget()
        column = QVBoxLayout(charts)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.author_chart)
        column.addWidget(self.institution_chart)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self._table("authors", [self.tr("作者"), self.tr("文献数"), self.tr("机构")]))
        tables.addWidget(self._table("institutions", [self.tr("机构"), self.tr("文献数"), self.tr("作者")]))
        page = QSplitter(Qt.Orientation.Horizontal)
        page.addWidget(charts)
        page.addWidget(tables)
        page.setSizes([640, 600])
        return Tab(page, lambda: charts, lambda: self.tr("核心作者与研究机构"), ["authors", "institutions"])

    def _timeline(self) -> Tab:
        self.timeline = TimelineView()
        self.timeline.document_activated.connect(self.document_requested)
        scroll = QScrollArea()
        scroll.setWidget(self.timeline)
        scroll.setWidgetResizable(True)
        table = self._table("timeline", [self.tr("日期"), self.tr("发文机关"), self.tr("发文字号"), self.tr("标题")])
        table.doubleClicked.connect(self._open_row)
        table.setToolTip(self.tr("双击打开文件"))
        page = QSplitter(Qt.Orientation.Vertical)
        page.addWidget(scroll)
        page.addWidget(table)
        page.setSizes([420, 220])
        return Tab(page, lambda: self.timeline, lambda: self.timeline.title(), ["timeline"])

    def _network(self) -> Tab:
        self.network = NetworkView()
        self.network.setObjectName("keywordNetwork")
        self.network.term_activated.connect(self._node_clicked)
        self.network.setToolTip(self.tr("滚轮缩放，拖动平移，点击词语或作者检索"))
        zoom = QHBoxLayout()
        for text, slot in (("+", lambda: self.network.zoom(1.25)), ("−", lambda: self.network.zoom(0.8)),
                           (self.tr("适应窗口"), self.network.fit)):
            button = QToolButton()
            button.setText(text)
            button.clicked.connect(slot)
            zoom.addWidget(button)
        zoom.addStretch(1)
        self.network_kind = QComboBox()
        self.network_kind.setObjectName("networkKind")
        self.network_kind.addItem(self.tr("关键词共现"), "keywords")
        self.network_kind.addItem(self.tr("作者合作"), "authors")
        self.network_kind.activated.connect(lambda _i: self._draw_network())
        zoom.addWidget(self.network_kind)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(zoom)
        column.addWidget(self.network, 1)
        table = self._table("network", [self.tr("词"), self.tr("文献数"), self.tr("聚类"), self.tr("共现词（次数）")])
        table.doubleClicked.connect(self._search_row)
        table.setToolTip(self.tr("双击检索这个词"))
        page = QSplitter(Qt.Orientation.Horizontal)
        page.addWidget(left)
        page.addWidget(table)
        page.setSizes([860, 380])
        return Tab(page, lambda: self.network, lambda: self.network.title(), ["network"])

    def _bursts(self) -> Tab:
        self.bursts = BurstsView()
        scroll = QScrollArea()
        scroll.setWidget(self.bursts)
        scroll.setWidgetResizable(True)
        table = self._table("bursts", [self.tr("词"), self.tr("起始年"), self.tr("结束年"), self.tr("强度")])
        page = QSplitter(Qt.Orientation.Vertical)
        page.addWidget(scroll)
        page.addWidget(table)
        page.setSizes([460, 180])
        return Tab(page, lambda: self.bursts, lambda: self.bursts.title(), ["bursts"])

    # ------------------------------------------------------------------ running

    def analyse(self, request: SearchRequest | None) -> None:
        """Show the window and analyse the library (None) or `request`'s documents."""
        self.scope.setItemText(1, self._search_label(request))
        self.scope.setItemData(1, "search")
        self.scope.setCurrentIndex(1 if request is not None else 0)
        if not self.controller.analyse(request):
            self.summary.setText(self.tr("没有打开的文献库"))

    def refresh(self) -> None:
        """Analyse again what the scope box says (the current search as it is now)."""
        request = self.current_request() if self.scope.currentData() == "search" else None
        if self.scope.currentData() == "search" and request is None:
            self.scope.setCurrentIndex(0)
        self.analyse(request)

    def _search_label(self, request: SearchRequest | None) -> str:
        if request is None:
            return self.tr("当前检索结果")
        return self.tr("检索结果：%1").replace("%1", request.query.strip() or "*")

    def _set_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        if busy:
            self.summary.setText(self.tr("正在分析…"))

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.summary.setText(self.tr("分析未完成"))
        self.show_error(exc)

    def show_outcome(self, outcome: AnalysisOutcome) -> None:
        """Fill every chart and table from `outcome`."""
        self._set_busy(False)
        analysis = self.analysis = outcome.analysis
        scope = self.tr("整个文献库") if outcome.request is None else self._search_label(outcome.request)
        self.summary.setText(self.tr("%1：%2 篇文献（%3 毫秒）").replace("%1", scope).replace(
            "%2", str(analysis.documents)).replace("%3", f"{outcome.elapsed_ms:.0f}"))
        unknown = self.tr("未知")
        types = type_labels(self)
        self.year_chart.set_counts(analysis.counts["year"], unknown)
        self.type_chart.set_counts({types.get(k, k): v for k, v in analysis.counts["doc_type"].items()}, unknown)
        self.source_chart.set_counts({k: v for k, v in analysis.counts["source"].items() if k}, unknown)
        self.issuer_chart.set_counts({k: v for k, v in analysis.counts["issuer"].items() if k}, unknown)
        self.author_chart.set_counts({a.name: a.documents for a in analysis.authors}, unknown)
        self.institution_chart.set_counts({i.name: i.documents for i in analysis.institutions}, unknown)
        self.timeline.set_entries(analysis.timeline, self.tr("政策时间线（发文机关 × 日期）"))
        self._draw_network()
        years = [int(y) for y in analysis.counts["year"] if y]
        self.bursts.set_bursts(analysis.bursts, (min(years, default=0), max(years, default=0)),
                               self.tr("突现词（Kleinberg 突发检测）"))
        tables = analysis.tables()
        for name, model in self.models.items():
            rows = tables[name][1]
            if name == "counts_doc_type":
                rows = [[types.get(r[0], r[0]), r[1]] for r in rows]
            if name == "timeline":
                model.set_rows([r[:4] for r in rows], [r[4] for r in rows])
            else:
                model.set_rows(rows)
        for view in self.views.values():
            view.resizeColumnsToContents()

    def _node_clicked(self, name: str) -> None:
        """Search a clicked term, or a clicked author's documents (作者:name)."""
        self.search_requested.emit(f"作者:{name}" if self.network_kind.currentData() == "authors" else name)

    def _draw_network(self) -> None:
        """The keyword network, or the co-author network, as the box above it says."""
        if self.analysis is None:
            return
        if self.network_kind.currentData() == "authors":
            network = self.analysis.co_authors
            title = self.tr("作者合作网络（%1 位作者，%2 个聚类）")
        else:
            network = self.analysis.network
            title = self.tr("关键词共现网络（%1 个词，%2 个聚类）")
        self.network.set_network(network, title.replace("%1", str(len(network.nodes))).replace(
            "%2", str(len(network.clusters))))

    # ------------------------------------------------------------------ actions

    def _open_row(self, index: QModelIndex) -> None:
        doc_id = index.data(DOC_ID_ROLE)
        if doc_id:
            self.document_requested.emit(doc_id)

    def _search_row(self, index: QModelIndex) -> None:
        term = index.siblingAtColumn(0).data()
        if term:
            self.search_requested.emit(term)

    def current_tab(self) -> Tab:
        """The tab shown."""
        return self.pages[self.tabs.currentIndex()]

    def export_figure(self) -> None:
        """Save the current tab's figure as PNG or SVG."""
        tab = self.current_tab()
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("导出图表"), tab.caption() + ".png",
                                                   self.tr("PNG 图片 (*.png);;SVG 矢量图 (*.svg)"))
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if "svg" in chosen else ".png"
        try:
            save_figure(tab.figure(), path, tab.caption())
        except Exception as exc:  # noqa: BLE001 -- shown to the user
            self.show_error(exc)

    def export_tables(self) -> None:
        """Save the current tab's tables as CSV (one file each), or every table as one XLSX workbook."""
        if self.analysis is None:
            return
        tab = self.current_tab()
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("导出表格"), tab.tables[0] + ".xlsx",
                                                   self.tr("Excel 工作簿，全部表格 (*.xlsx);;CSV，当前页的表格 (*.csv)"))
        if not path:
            return
        try:
            self.write_tables(path if Path(path).suffix else path + (".csv" if "csv" in chosen else ".xlsx"))
        except Exception as exc:  # noqa: BLE001 -- shown to the user
            self.show_error(exc)

    def write_tables(self, path: str) -> list[Path]:
        """Write the tables to `path` (.xlsx: all of them; .csv: the current tab's, NAME_table.csv
        beside it when there are several); returns the files written."""
        assert self.analysis is not None
        tables = self.analysis.tables()
        target = Path(path)
        if target.suffix.lower() == ".xlsx":
            write_xlsx(target, tables)
            return [target]
        names = self.current_tab().tables
        written = []
        for name in names:
            out = target if len(names) == 1 else target.with_name(f"{target.stem}_{name}.csv")
            write_csv(out, tables[name])
            written.append(out)
        return written

    def insert_into_digest(self) -> None:
        """Offer the current tab's figure, as PNG with its caption, to the digest panel."""
        from desktop.analysis.export import png_bytes

        tab = self.current_tab()
        self.figure_for_digest.emit(png_bytes(tab.figure()), tab.caption())
