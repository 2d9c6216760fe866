"""The letter guidance panel's findings, drawn to be scanned: the kind in bold, the flagged words
quoted, the reason, and the suggestion below."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
"""The finding as escaped HTML (the item's text stays plain, for screen readers and copying)."""

PADDING = 4
ModelIndex = QModelIndex | QPersistentModelIndex


def finding_html(where: str, title: str, words: str, reason: str, suggestion: str) -> str:
    """One finding as HTML. Every part is escaped: ``words`` are the client's letter's own."""
    parts = [f"<b>{escape(title)}</b> <span>· {escape(where)}</span>"]
    if words:
        parts.append(f"“{escape(words)}”")
    parts.append(escape(reason))
    parts.append(f"→ {escape(suggestion)}")
    return "<br>".join(parts)


class GuidanceDelegate(QStyledItemDelegate):
    """Draws an item's ``HTML_ROLE`` wrapped to the list's width (plain text otherwise)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view

    def _document(
        self, option: QStyleOptionViewItem, index: ModelIndex, width: int
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        html = index.data(HTML_ROLE)
        if isinstance(html, str):
            document.setHtml(html)
        else:
            document.setPlainText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        document.setTextWidth(max(width, 40))
        return document

    def _width(self) -> int:
        return self.view.viewport().width() - 2 * self.view.spacing()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        document = self._document(option, index, self._width())
        return QSize(self._width(), int(document.size().height()))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        rect = options.rect
        document = self._document(options, index, rect.width())
        options.text = ""
        style = options.widget.style() if options.widget else None
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, options, painter, options.widget
            )
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(options.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, options.palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(rect.translated(-rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()


def guidance_list(parent: QWidget) -> QListWidget:
    """A list of findings that wraps each to the panel's width and re-wraps when resized."""
    view = QListWidget(parent)
    view.setWordWrap(True)
    view.setSpacing(3)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(False)
    view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setItemDelegate(GuidanceDelegate(view))
    return view
