"""The main window's menus (File, Edit, View, Case, Help) with the shortcuts people expect, and
the menu-only actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from interventiondesk import __version__
from interventiondesk.gui.pages import PAGES
from interventiondesk.gui.shell import backup_actions, case_files

if TYPE_CHECKING:
    from interventiondesk.gui.shell.window_protocol import CaseWindow


MENU_ICONS = {
    "new_case": "new-case",
    "change_passphrase": "key",
    "lock": "lock",
    "find": "search",
    "archive": "archive",
    "restore": "restore",
    "about": "help",
}
"""Set by ``set_menu_icons`` once the window has painted: rendering icons costs start-up time."""
WORKSPACE_ACTIONS = ("new_case", "import_case", "send_cases", "receive_cases", "reload", "find")
"""Actions that need an open workspace (the case actions follow the open case)."""
PAGE_ACTIONS = ("next_page", "previous_page", *(f"page_{n}" for n in range(1, len(PAGES) + 1)))
CASE_ACTIONS = ("export_case", "handoff", "disclosures", *PAGE_ACTIONS)
"""Actions that need an open case."""
SAFETY_ACTIONS = ("lock", "preferences", "back_up_now", "backups", "backup_folder")
"""Actions for a real workspace only (the demo one has no passphrase and takes no backups)."""


def focused_text_action(name: str) -> None:
    """Run undo, redo, cut, copy, paste or selectAll on the focused text field, if any."""
    method = getattr(QApplication.focusWidget(), name, None)
    if callable(method):
        method()


def build_menus(window: CaseWindow) -> dict[str, QAction]:
    """Create the menus; returns the actions by name so the window can enable or disable them."""
    actions: dict[str, QAction] = {}
    tr = window.tr

    def add(
        menu_name: str,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence.StandardKey | None = None,
    ) -> None:
        action = QAction(text, window.window())
        if shortcut is not None:
            action.setShortcuts(shortcut)  # every key the platform binds (Ctrl+W and Ctrl+F4)
        action.triggered.connect(slot)
        menus[menu_name].addAction(action)
        actions[name] = action

    bar = window.menuBar()
    menus = {
        "file": bar.addMenu(tr("&File")),
        "edit": bar.addMenu(tr("&Edit")),
        "view": bar.addMenu(tr("&View")),
        "case": bar.addMenu(tr("&Case")),
        "help": bar.addMenu(tr("&Help")),
    }
    keys = QKeySequence.StandardKey

    add("file", "new_case", tr("&New case…"), window.new_case, keys.New)
    menus["file"].addSeparator()
    add("file", "import_case", tr("&Import case…"), partial(case_files.ask_and_import, window))
    add("file", "export_case", tr("&Export case…"), partial(case_files.ask_and_export, window))
    add_transfer_items(window, menus["file"], actions)
    menus["file"].addSeparator()
    add("file", "change_passphrase", tr("Change &passphrase…"), partial(change_passphrase, window))
    add("file", "lock", tr("&Lock"), window.lock_now)
    actions["lock"].setShortcut(QKeySequence("Ctrl+L"))
    menus["file"].addSeparator()
    add("file", "back_up_now", tr("Back &up now…"), partial(backup_actions.back_up_now, window))
    add("file", "backups", tr("&Backups…"), partial(backup_actions.show_backups, window))
    add(
        "file",
        "backup_folder",
        tr("Choose backup f&older…"),
        partial(backup_actions.choose_folder, window),
    )
    menus["file"].addSeparator()
    add("file", "quit", tr("&Quit"), window.close, keys.Quit)
    if actions["quit"].shortcut().isEmpty():  # Windows has no standard Quit key
        actions["quit"].setShortcut(QKeySequence("Ctrl+Q"))

    for name, text, key in (
        ("undo", tr("&Undo"), keys.Undo),
        ("redo", tr("&Redo"), keys.Redo),
    ):
        add("edit", name, text, partial(focused_text_action, name), key)
    menus["edit"].addSeparator()
    for name, text, key in (
        ("cut", tr("Cu&t"), keys.Cut),
        ("copy", tr("&Copy"), keys.Copy),
        ("paste", tr("&Paste"), keys.Paste),
        ("selectAll", tr("Select &all"), keys.SelectAll),
    ):
        add("edit", name, text, partial(focused_text_action, name), key)
    menus["edit"].addSeparator()
    add("edit", "find", tr("&Find case…"), partial(focus_search, window), keys.Find)
    menus["edit"].addSeparator()
    add("edit", "preferences", tr("Pr&eferences…"), partial(show_preferences, window))
    actions["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)

    case_list = QAction(tr("Case &list"), window.window())
    case_list.setCheckable(True)
    case_list.setChecked(True)
    case_list.setShortcut(QKeySequence("F9"))
    case_list.toggled.connect(window.toggle_case_list)
    menus["view"].addAction(case_list)
    actions["case_list"] = case_list
    columns = menus["view"].addMenu(tr("Case list &columns"))
    for action in window.columns.actions.values():
        columns.addAction(action)
    columns.addSeparator()
    reset = QAction(tr("Show all columns with their usual widths"), window.window())
    reset.triggered.connect(window.columns.reset)
    columns.addAction(reset)
    actions["reset_columns"] = reset

    pages = menus["view"].addMenu(tr("Go to &page"))
    for number, entry in enumerate(PAGES, start=1):
        title = QCoreApplication.translate("CasePage", entry.title)
        action = QAction(f"&{number} {title}", window.window())
        action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(partial(window.show_page, number - 1))
        pages.addAction(action)
        actions[f"page_{number}"] = action
    pages.addSeparator()
    for name, text, sequence, step in (
        ("next_page", tr("&Next page"), "Ctrl+PgDown", 1),
        ("previous_page", tr("P&revious page"), "Ctrl+PgUp", -1),
    ):
        action = QAction(text, window.window())
        action.setShortcut(QKeySequence(sequence))
        action.triggered.connect(partial(window.step_page, step))
        pages.addAction(action)
        actions[name] = action

    add("case", "handoff", tr("&Handoff to therapist…"), partial(open_handoff, window))
    add("case", "disclosures", tr("Accounting of &disclosures…"), partial(open_disclosures, window))
    menus["case"].addSeparator()
    add("case", "archive", tr("&Archive case"), window.archive_current)
    add("case", "restore", tr("&Restore case"), window.restore_current)
    menus["case"].addSeparator()
    add("case", "close_case", tr("&Close case"), window.close_case, keys.Close)
    add("case", "reload", tr("Re&load the case list"), window.reload_cases, keys.Refresh)

    add(
        "help", "user_guide", tr("&User guide"), partial(show_user_guide, window), keys.HelpContents
    )
    add("help", "shortcuts", tr("&Keyboard shortcuts"), partial(show_shortcuts, window))
    menus["help"].addSeparator()
    add("help", "about", tr("&About InterventionDesk"), partial(show_about, window))
    return actions


def open_handoff(window: CaseWindow) -> None:
    from interventiondesk.gui.dialogs.handoff import open_handoff as handoff_dialog

    handoff_dialog(window)


def open_disclosures(window: CaseWindow) -> None:
    from interventiondesk.gui.dialogs.disclosures import open_disclosures as disclosures_dialog

    disclosures_dialog(window)


def add_transfer_items(window: CaseWindow, menu: QMenu, actions: dict[str, QAction]) -> None:
    """File › Take to another computer… and Receive cases… (docs/transfers.md)."""
    for name, text, slot in (
        ("send_cases", window.tr("Take to another &computer…"), send_cases),
        ("receive_cases", window.tr("Recei&ve cases…"), receive_cases),
    ):
        action = QAction(text, window.window())
        action.triggered.connect(partial(slot, window))
        menu.addAction(action)
        actions[name] = action


def send_cases(window: CaseWindow) -> None:
    from interventiondesk.gui.dialogs.transfer_out import ask_and_send

    ask_and_send(window)


def receive_cases(window: CaseWindow) -> None:
    from interventiondesk.gui.dialogs.transfer_in import ask_and_receive

    ask_and_receive(window)


def set_menu_icons(actions: dict[str, QAction]) -> None:
    from interventiondesk.gui.shared.icons import icon

    for name, icon_name in MENU_ICONS.items():
        actions[name].setIcon(icon(icon_name))


def focus_search(window: CaseWindow) -> None:
    window.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.search.selectAll()


def change_passphrase(window: CaseWindow) -> None:
    """Change the workspace passphrase, and record that it was changed (and how it was proved)."""
    if window.workspace is None or not window.attached:
        return
    from interventiondesk.gui.dialogs.change_passphrase import ChangePassphraseDialog
    from interventiondesk.services import audit

    if ChangePassphraseDialog(window.workspace, window.window()).exec():
        window.state.write(
            lambda s: audit.record(
                s, "workspace.passphrase_changed", detail="window, proved with the passphrase"
            )
        )
        window.statusBar().showMessage(window.tr("Passphrase changed."), 5000)


def show_preferences(window: CaseWindow) -> None:
    """The counselor's preferences for this workspace (how long before the window locks)."""
    if window.lock is None:
        return
    from interventiondesk.gui.dialogs.preferences import PreferencesDialog

    if PreferencesDialog(window.state, window.window()).exec():
        window.preferences_changed()


def show_user_guide(window: CaseWindow) -> None:
    """The guide in a window of its own, beside the app (one at a time)."""
    from interventiondesk.gui.dialogs.user_guide import UserGuide

    guide = window.window().findChild(UserGuide)
    if guide is None:
        guide = UserGuide(window.window())
    guide.show()
    guide.raise_()
    guide.activateWindow()


def show_shortcuts(window: CaseWindow) -> None:
    from interventiondesk.gui.dialogs.shortcuts import KeyboardShortcuts

    KeyboardShortcuts(window.menuBar(), window.window()).exec()


def show_about(window: CaseWindow) -> None:
    from PySide6.QtWidgets import QMessageBox

    from interventiondesk.gui.shared.widgets import mark_safe_while_locked

    about = QMessageBox(
        QMessageBox.Icon.Information,
        window.tr("About InterventionDesk"),
        window.tr(
            "InterventionDesk {version}\n\nPlans, runs and hands off family interventions. "
            "Everything you record stays encrypted on this computer."
        ).format(version=__version__),
        QMessageBox.StandardButton.Ok,
        window.window(),
    )
    mark_safe_while_locked(about)
    about.exec()
