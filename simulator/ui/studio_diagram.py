"""状态图: a persona's state machine drawn in layers (simulator/services/studio_layout.py), every
transition labelled with its event and condition, the playtest's current state lit."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QLabel, QVBoxLayout, QWidget

from simulator.services.studio import Edge, StateDiagram
from simulator.services.studio_layout import Layout, layered_layout

STATE_WIDTH, STATE_HEIGHT = 150.0, 44.0
DUMMY_WIDTH, GAP, LAYER_GAP = 24.0, 36.0, 120.0
LABEL_CHARACTERS = 30  # longer labels are cut; the whole text is the tooltip
LABEL_SCALE = 0.7

CURRENT_FILL, FINAL_FILL, STATE_FILL = "#fde68a", "#e5e7eb", "#ffffff"
EDGE_COLOUR, BACK_EDGE_COLOUR, LABEL_COLOUR = "#6b7280", "#2563eb", "#374151"
UNREACHABLE_COLOUR, DEAD_END_COLOUR = "#dc2626", "#ea580c"


class _FittedView(QGraphicsView):
    """Keeps the whole diagram in view when the tab is resized."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        scene = self.scene()
        if scene is not None and not scene.itemsBoundingRect().isEmpty():
            self.fitInView(
                scene.itemsBoundingRect().adjusted(-12, -12, 12, 12), Qt.AspectRatioMode.KeepAspectRatio
            )


class StateDiagramView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = _FittedView(self.scene)
        self.view.setObjectName("studioDiagram")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend = QLabel(
            self.tr(
                "粗框:初始状态 · 灰底:结束状态 · 黄底:试玩中的当前状态 · 红框:到不了的状态 · "
                "橙色虚框:走不出去的状态 · 蓝线:回到前面的转换 · 箭头旁:事件 [条件]"
            )
        )
        self.legend.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        self.diagram: StateDiagram | None = None
        self.layout_: Layout | None = None
        self._taken: list[QRectF] = []  # the boxes and labels drawn so far

    def draw(self, diagram: StateDiagram, current: str | None = None) -> None:
        self.diagram = diagram
        self.scene.clear()
        drawn = [edge for edge in diagram.edges if not edge.from_any]
        layout = layered_layout(diagram.states, diagram.initial, [(e.source, e.dest) for e in drawn])
        self.layout_ = layout
        centres = {
            name: QPointF(x, y)
            for name, (x, y) in layout.coordinates(STATE_WIDTH, DUMMY_WIDTH, GAP, LAYER_GAP).items()
        }
        # Labels go in the free bands between layers, clear of every box and of each other.
        self._taken = [
            QRectF(
                centres[name].x() - STATE_WIDTH / 2,
                centres[name].y() - STATE_HEIGHT / 2,
                STATE_WIDTH,
                STATE_HEIGHT,
            )
            for name in diagram.states
        ]
        by_pair: dict[tuple[str, str], list[Edge]] = {}
        for edge in drawn:
            by_pair.setdefault((edge.source, edge.dest), []).append(edge)
        for (source, dest), edges in by_pair.items():
            if source == dest:
                self._self_loop(centres[source], edges)
            else:
                route = [centres[name] for name in layout.routes[(source, dest)]]
                self._edge(route, edges, back=(source, dest) in layout.back_edges)
        from_any: dict[str, list[Edge]] = {}
        for edge in diagram.edges:
            if edge.from_any:
                from_any.setdefault(edge.dest, []).append(edge)
        for name in diagram.states:
            self._state(diagram, name, centres[name], current)
        for dest, edges in from_any.items():
            self._from_any_note(centres[dest], edges)
        self.view.fit()

    # -- pieces -------------------------------------------------------------------------------------

    def _state(self, diagram: StateDiagram, name: str, centre: QPointF, current: str | None) -> None:
        pen = QPen(QColor("#374151"), 3 if name == diagram.initial else 1)
        if name in diagram.unreachable:
            pen = QPen(QColor(UNREACHABLE_COLOUR), 2.5)
        elif name in diagram.dead_ends:
            pen = QPen(QColor(DEAD_END_COLOUR), 2.5, Qt.PenStyle.DashLine)
        fill = CURRENT_FILL if name == current else FINAL_FILL if name in diagram.finals else STATE_FILL
        rect = QRectF(centre.x() - STATE_WIDTH / 2, centre.y() - STATE_HEIGHT / 2, STATE_WIDTH, STATE_HEIGHT)
        box = self.scene.addRect(rect, pen, QBrush(QColor(fill)))
        box.setData(0, name)
        box.setZValue(2)
        marks = []
        if name in diagram.unreachable:
            marks.append(self.tr("到不了"))
        if name in diagram.dead_ends:
            marks.append(self.tr("走不出去"))
        box.setToolTip(" · ".join([name, *marks]))
        label = diagram.labels.get(name, name)
        text = self.scene.addText(f"{label}\n{name}" if label != name else name)
        font = QFont(text.font())
        font.setBold(name == diagram.initial)
        text.setFont(font)
        text.setDefaultTextColor(QColor("#111827"))
        bounds = text.boundingRect()
        scale = min(
            1.0, (STATE_WIDTH - 6) / max(1.0, bounds.width()), (STATE_HEIGHT - 2) / max(1.0, bounds.height())
        )
        text.setScale(scale)
        text.setPos(centre.x() - bounds.width() * scale / 2, centre.y() - bounds.height() * scale / 2)
        text.setZValue(3)

    def _edge(self, route: list[QPointF], edges: list[Edge], back: bool) -> None:
        colour = QColor(BACK_EDGE_COLOUR if back else EDGE_COLOUR)
        downward = route[-1].y() > route[0].y()
        half = STATE_HEIGHT / 2 if downward else -STATE_HEIGHT / 2
        start = QPointF(self._anchor_x(route[0], route[1]), route[0].y() + half)
        end = QPointF(self._anchor_x(route[-1], route[-2]), route[-1].y() - half)
        points = [start, *route[1:-1], end]
        path = QPainterPath(points[0])
        for here, there in pairwise(points):
            bend = (there.y() - here.y()) / 2
            path.cubicTo(QPointF(here.x(), here.y() + bend), QPointF(there.x(), there.y() - bend), there)
        item = self.scene.addPath(
            path, QPen(colour, 1.4, Qt.PenStyle.DashLine if back else Qt.PenStyle.SolidLine)
        )
        item.setZValue(1)
        tip = 7.0 if downward else -7.0
        head = QPolygonF([end, QPointF(end.x() - 5, end.y() - tip), QPointF(end.x() + 5, end.y() - tip)])
        arrow = self.scene.addPolygon(head, QPen(colour), QBrush(colour))
        arrow.setZValue(1)
        self._label([(here + there) / 2 for here, there in pairwise(points)], edges)

    @staticmethod
    def _anchor_x(centre: QPointF, towards: QPointF) -> float:
        """Where an edge leaves a box: spread over its width towards the next point, so the edges of
        one state do not all meet in one spot."""
        limit = STATE_WIDTH / 2 - 12
        return centre.x() + max(-limit, min(limit, (towards.x() - centre.x()) * 0.4))

    def _label(self, candidates: list[QPointF], edges: list[Edge]) -> None:
        """The edge's events and conditions at the first candidate point (the middle of one of its
        segments) where the label covers no box and no other label."""
        rows = [_edge_text(edge) for edge in edges]
        shown = [row if len(row) <= LABEL_CHARACTERS else row[: LABEL_CHARACTERS - 1] + "…" for row in rows]
        text = self.scene.addText("\n".join(dict.fromkeys(shown)))
        text.setDefaultTextColor(QColor(LABEL_COLOUR))
        text.setScale(LABEL_SCALE)
        text.setToolTip("\n".join(rows))
        bounds = text.boundingRect()
        width, height = bounds.width() * LABEL_SCALE, bounds.height() * LABEL_SCALE

        def placed(at: QPointF, across: float, down: float) -> QRectF:
            return QRectF(at.x() - width / 2 + across, at.y() - height / 2 + down, width, height)

        options = [
            placed(at, across, down)
            for down in (0.0, -height / 2 - 2, height / 2 + 2)
            for across in (0.0, width / 2 + 4, -width / 2 - 4)
            for at in candidates
        ]
        rect = next(
            (option for option in options if not any(option.intersects(taken) for taken in self._taken)),
            options[0],
        )
        self._taken.append(rect)
        backing = self.scene.addRect(rect, QPen(Qt.PenStyle.NoPen), QBrush(QColor(255, 255, 255, 215)))
        layer = 4 + 2 * len(self._taken)  # a later label covers an earlier one it could not avoid
        backing.setZValue(layer)
        text.setPos(rect.topLeft())
        text.setZValue(layer + 1)

    def _self_loop(self, centre: QPointF, edges: list[Edge]) -> None:
        right = centre.x() + STATE_WIDTH / 2
        path = QPainterPath(QPointF(right, centre.y() - 8))
        path.cubicTo(
            QPointF(right + 34, centre.y() - 26),
            QPointF(right + 34, centre.y() + 26),
            QPointF(right, centre.y() + 8),
        )
        item = self.scene.addPath(path, QPen(QColor(EDGE_COLOUR), 1.2))
        item.setZValue(1)
        self._label([QPointF(right + 40 + 60, centre.y())], edges)

    def _from_any_note(self, centre: QPointF, edges: list[Edge]) -> None:
        """Transitions written `from: "*"` reach their state from every state still open: one note at
        the destination instead of an arrow from each."""
        events = dict.fromkeys(_edge_text(edge) for edge in edges)
        note = self.tr("任何状态 →") + " " + "; ".join(events)
        text = self.scene.addText(note if len(note) <= 60 else note[:59] + "…")
        text.setToolTip(note)
        text.setDefaultTextColor(QColor(EDGE_COLOUR))
        text.setScale(0.72)
        font = QFont(text.font())
        font.setItalic(True)
        text.setFont(font)
        bounds = text.boundingRect()
        text.setPos(centre.x() - bounds.width() * 0.36, centre.y() + STATE_HEIGHT / 2 + 2)
        text.setZValue(5)


def _edge_text(edge: Edge) -> str:
    return f"{edge.event} [{edge.condition}]" if edge.condition else edge.event


__all__ = ["StateDiagramView"]
