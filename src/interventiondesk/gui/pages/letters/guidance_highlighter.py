"""Wavy underlines for writing guidance in a letter section, with the reason as a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QHelpEvent, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from interventiondesk.services.guidance import Finding, GuidanceEngine

# Both colours read on light and dark backgrounds.
SPELLING_COLOUR = QColor("#d64541")
ADVICE_COLOUR = QColor("#e08a00")


def underline(severity: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(SPELLING_COLOUR if severity == "spelling" else ADVICE_COLOUR)
    return fmt


class GuidanceHighlighter(QSyntaxHighlighter):
    """Underlines what the guidance engine finds in each paragraph of one section.

    Qt re-highlights only the paragraphs that change, and the engine caches paragraphs, so
    typing stays quick in a long letter.
    """

    def __init__(self, editor: QPlainTextEdit, engine: GuidanceEngine, section: str) -> None:
        super().__init__(editor.document())
        self.editor = editor
        self.engine = engine
        self.section = section
        self.enabled = True
        editor.viewport().installEventFilter(self)

    def highlightBlock(self, text: str) -> None:
        if not self.enabled:
            return
        for finding in self.engine.check_paragraph(self.section, text):
            if finding.end > finding.start:
                self.setFormat(
                    finding.start, finding.end - finding.start, underline(finding.severity)
                )

    def findings_at(self, position: int) -> list[Finding]:
        """Findings under a character position of the section's text."""
        block = self.editor.document().findBlock(position)
        offset = position - block.position()
        return [
            f
            for f in self.engine.check_paragraph(self.section, block.text())
            if f.start <= offset < f.end
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only tooltips are looked at: other events also arrive while the editor is being torn
        # down, when it must not be touched.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.editor.cursorForPosition(event.pos())
            found = self.findings_at(cursor.position())
            if found:
                QToolTip.showText(event.globalPos(), tooltip_text(found), self.editor)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)


def tr_guidance(text: str) -> str:
    """A guidance text in the user's language (the rules file's texts, "guidance" context)."""
    return QCoreApplication.translate("guidance", text)


def tooltip_text(findings: list[Finding]) -> str:
    # The finding texts come from the rules file and hold no client text.
    return "\n\n".join(
        f"{tr_guidance(f.title)}: {tr_guidance(f.reason)}\n→ {tr_guidance(f.suggestion)}"
        for f in findings
    )
