"""The keyword co-occurrence network, drawn from the positions the core computed: zoom with the
wheel (or +/−), drag to pan, hover a term to see it and its neighbours, click it to search it."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from indexer.insight.network import Network

#: One colour per cluster (the largest first); later clusters reuse them.
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f"]
SIZE = 900.0  # the scene's width and height for positions 0…1


def cluster_colour(cluster: int) -> QColor:
    """The colour of a cluster."""
    return QColor(PALETTE[cluster % len(PALETTE)])


class NodeItem(QGraphicsEllipseItem):
    """A term: a disc sized by its documents, coloured by its cluster, with its label."""

    def __init__(self, view: NetworkView, term: str, documents: int, cluster: int, radius: float, tip: str):
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.view, self.term = view, term
        colour = cluster_colour(cluster)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(colour.darker(130), 1))
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)
        self.setZValue(2)
        self.label = QGraphicsSimpleTextItem(term, self)
        font = QFont()
        font.setPointSizeF(8 + min(6.0, 2 * math.log1p(documents)))
        self.label.setFont(font)
        box = self.label.boundingRect()
        self.label.setPos(-box.width() / 2, radius + 1)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.view.highlight(self.term)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.view.highlight(None)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.view.term_activated.emit(self.term)
            event.accept()
            return
        super().mousePressEvent(event)


class NetworkView(QGraphicsView):
    """The network of `indexer.insight.network.Network`; `term_activated(term)` on a click."""

    term_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setMinimumSize(400, 300)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[tuple[QGraphicsLineItem, str, str]] = []
        self._title = ""

    def title(self) -> str:
        """The figure's caption."""
        return self._title

    def set_network(self, network: Network, title: str) -> None:
        """Draw `network` (replacing what was drawn)."""
        self._title = title
        scene = self.scene()
        scene.clear()
        self.nodes, self.edges = {}, []
        if not network.nodes:
            scene.addSimpleText(self.tr("没有可画出的词"))
            return
        pos = {n.term: QPointF(40 + n.x * SIZE, 40 + n.y * SIZE) for n in network.nodes}
        heaviest = max((e.weight for e in network.edges), default=1)
        for edge in network.edges:
            if edge.source not in pos or edge.target not in pos:
                continue
            line = QGraphicsLineItem(pos[edge.source].x(), pos[edge.source].y(), pos[edge.target].x(),
                                     pos[edge.target].y())
            line.setPen(QPen(QColor(120, 120, 120, 70 + int(120 * edge.weight / heaviest)),
                             0.8 + 3.2 * edge.weight / heaviest))
            line.setZValue(1)
            scene.addItem(line)
            self.edges.append((line, edge.source, edge.target))
        most = max(n.documents for n in network.nodes)
        for node in network.nodes:
            radius = 5 + 17 * math.sqrt(node.documents / most)
            tip = self.tr("%1：%2 篇文献，聚类 %3").replace("%1", node.term).replace(
                "%2", str(node.documents)).replace("%3", str(node.cluster + 1))
            item = NodeItem(self, node.term, node.documents, node.cluster, radius, tip)
            item.setPos(pos[node.term])
            scene.addItem(item)
            self.nodes[node.term] = item
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self.fit()

    def fit(self) -> None:
        """Show the whole network."""
        self.resetTransform()
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        """Zoom in (factor > 1) or out, within sensible bounds."""
        scale = self.transform().m11() * factor
        if 0.05 < scale < 20:
            self.scale(factor, factor)

    def highlight(self, term: str | None) -> None:
        """Fade everything but `term`, its neighbours and their edges (None: show all)."""
        near = {term} if term else set()
        for line, a, b in self.edges:
            if term in (a, b):
                near.update((a, b))
        for name, item in self.nodes.items():
            item.setOpacity(1.0 if term is None or name in near else 0.18)
        for line, a, b in self.edges:
            line.setOpacity(1.0 if term is None or term in (a, b) else 0.08)

    def wheelEvent(self, event) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.25)
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom(0.8)
        elif event.key() == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.transform().isIdentity() or self.transform().m11() <= 1.0:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
