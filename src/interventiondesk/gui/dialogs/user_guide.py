"""Help > User guide: the guide shipped with the app, read offline in a window of its own."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from interventiondesk.gui.shared.widgets import mark_safe_while_locked
from interventiondesk.resources import guide_path

GUIDE = "user-guide.md"


class UserGuide(QDialog):
    """The user guide and the pages it links to (letters, scheduling, security), with their
    screenshots. Links to other places open in the system's browser, never inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        mark_safe_while_locked(self)  # the guide holds no client data
        self.setWindowTitle(self.tr("InterventionDesk user guide"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setOpenLinks(False)  # links are followed in _follow
        self.browser.anchorClicked.connect(self._follow)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_page(GUIDE)

    def open_page(self, name: str) -> None:
        page = guide_path(name)
        self.browser.setSearchPaths([str(page.parent)])
        self.browser.setSource(
            QUrl.fromLocalFile(str(page)), QTextDocument.ResourceType.MarkdownResource
        )

    def _follow(self, url: QUrl) -> None:
        """A page of the guide opens here; an anchor scrolls; anything else opens outside."""
        target = self.browser.source().resolved(url)
        if target.isLocalFile() and target.path().endswith(".md"):
            page = QUrl.fromLocalFile(target.toLocalFile())  # without the #anchor
            if page != self.browser.source():
                self.browser.setSource(page, QTextDocument.ResourceType.MarkdownResource)
            if target.fragment():
                self.browser.scrollToAnchor(target.fragment())
        elif target.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(target)
