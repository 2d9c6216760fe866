"""What the locked window shows instead of the cases: a lock, a sentence, and the unlock form
(the passphrase or the recovery key, with the wait after wrong tries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QLabel, QVBoxLayout, QWidget

from interventiondesk.errors import InterventionDeskError
from interventiondesk.gui.dialogs.unlock import UnlockForm, record_unlock
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.widgets import busy_cursor

if TYPE_CHECKING:
    from interventiondesk.storage.database import Database
    from interventiondesk.storage.workspace import Workspace

FORM_WIDTH = 480
QWIDGETSIZE_MAX = (1 << 24) - 1
UNLOCKED_HOW = "window, after the lock"


class LockScreen(QWidget):
    """Emits ``unlocked`` once the passphrase (or recovery key) typed is right and the unlock
    is in the audit trail; ``quitRequested`` for its Quit button."""

    unlocked = Signal()
    quitRequested = Signal()

    def __init__(self, workspace: Workspace, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.db = db
        self.setAccessibleName(self.tr("The window is locked"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.badge = QLabel(self)
        self.badge.setPixmap(icon("lock").pixmap(48, 48))
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.badge)
        self.heading = QLabel(self.tr("InterventionDesk is locked"), self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.heading)
        self.panel = QFrame(self)
        self.panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.panel.setFixedWidth(FORM_WIDTH)
        self.form = UnlockForm(self.panel, workspace, kdf=None)
        self.ui = self.form.ui
        self.ui.passphraseIntro.setText(
            self.tr(
                "Your cases are hidden while the window is locked; what you had typed was "
                "saved. Enter your passphrase to show them again."
            )
        )
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Quit"))
        self.ui.buttons.accepted.connect(self.unlock)
        self.ui.buttons.rejected.connect(self.quitRequested)
        self.ui.passphrase.returnPressed.connect(self.unlock)
        outer.addWidget(self.panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.ui.pages.currentChanged.connect(self._fit_page)
        for field in (self.ui.passphrase, self.ui.recoveryKey):
            field.textEdited.connect(self._fit_page)  # after the form has cleared a problem
        self._fit_page()

    def _fit_page(self, *_: object) -> None:
        """The passphrase page only as tall as it is: the room of the recovery page, which is
        taller, is not kept free below it."""
        pages = self.ui.pages
        page = pages.currentWidget()
        if page is None:
            return
        if page is not self.ui.passphrasePage:
            pages.setMaximumHeight(QWIDGETSIZE_MAX)  # the taller page: all it asks for
            pages.setMinimumHeight(page.sizeHint().height())
            return
        pages.setMinimumHeight(0)
        margins = self.ui.dialogLayout.contentsMargins()
        width = FORM_WIDTH - margins.left() - margins.right()
        height = page.heightForWidth(width) if page.hasHeightForWidth() else -1
        pages.setMaximumHeight(max(height, page.sizeHint().height()))

    def prepare(self) -> None:
        """Empty and ready for the passphrase (the wait after wrong tries, if any, shown)."""
        self.form.clear()
        self.form.show_wait()
        self._fit_page()

    def unlock(self) -> None:
        if not self.form.unlock_button.isEnabled():
            return  # still waiting after wrong tries (Enter in the field comes here too)
        if self._try():
            self.form.clear()
            self.unlocked.emit()
        self._fit_page()  # a problem said, or gone

    def _try(self) -> bool:
        proof = self.form.proof()
        if proof is None:
            return False
        if not self.db.holds_key(proof.data_key):
            self.form.say(
                self.tr(
                    "The key file in the workspace folder no longer belongs to the open "
                    "database. Quit, and start InterventionDesk again."
                )
            )
            return False
        try:
            with busy_cursor():
                record_unlock(self.workspace, self.db, proof, UNLOCKED_HOW)
        except InterventionDeskError as exc:
            self.form.say(str(exc))
            return False
        return True
