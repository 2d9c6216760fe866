"""Help > User guide: the shipped guide opens offline, with its pictures and linked pages."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from interventiondesk.gui.dialogs.user_guide import UserGuide
from interventiondesk.gui.shell.main_window import MainWindow


def test_the_guide_opens_with_its_pictures_and_follows_its_own_links(qtbot: QtBot) -> None:
    guide = UserGuide()
    qtbot.addWidget(guide)
    guide.show()
    text = guide.browser.toPlainText()
    assert "InterventionDesk user guide" in text and "Keyboard shortcuts" in text
    picture = guide.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("screenshots/main-window.png")
    )
    assert picture is not None and not picture.isNull()
    guide._follow(QUrl("letters.md"))
    assert guide.browser.source().fileName() == "letters.md"
    assert "Letters" in guide.browser.toPlainText()
    guide.browser.backward()
    assert guide.browser.source().fileName() == "user-guide.md"


def test_the_help_menu_opens_one_guide_window(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["user_guide"].trigger()
    window.actions_by_name["user_guide"].trigger()
    guides = window.findChildren(UserGuide)
    assert len(guides) == 1 and guides[0].isVisible()
    guides[0].close()
