"""The main window: the case list beside either the dashboard or the open case.

It paints first as a shell (menus, an empty list, "Opening the workspace…"), importing nothing of
the data layer; ``attach()`` connects it to the open workspace after that first frame.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interventiondesk import APP_NAME
from interventiondesk.gui.shared.widgets import ProblemBanner, after_paint
from interventiondesk.gui.shell.case_list import CLIENT, HEADERS, CaseListModel, CaseSelection
from interventiondesk.gui.shell.case_list_columns import CaseListColumns
from interventiondesk.gui.shell.case_list_filter import CaseListFilter
from interventiondesk.gui.shell.empty_list import EmptyListNote
from interventiondesk.gui.shell.menus import (
    CASE_ACTIONS,
    SAFETY_ACTIONS,
    WORKSPACE_ACTIONS,
    build_menus,
    set_menu_icons,
)
from interventiondesk.gui.shell.stored_settings import app_settings

if TYPE_CHECKING:  # imported by attach(), after the first frame
    from PySide6.QtCore import QByteArray

    from interventiondesk.gui.dashboard.page import Dashboard
    from interventiondesk.gui.shell.case_view import CaseView
    from interventiondesk.gui.shell.change_watch import ChangeWatcher
    from interventiondesk.gui.shell.lock import WindowLock
    from interventiondesk.gui.shell.state import AppState
    from interventiondesk.services.cases import CaseRow
    from interventiondesk.storage.workspace import Workspace

CASE_PANE_WIDTH = 860
LIST_PANE_MIN_WIDTH = 260
"""The open case needs about this much room; the list gets the rest, up to its seven columns."""


class MainWindow(QMainWindow):
    """``MainWindow(state, workspace)`` is ready at once; ``MainWindow()`` is the shell that
    paints before the workspace is open, and ``attach(state, workspace)`` completes it."""

    state: AppState
    dashboard: Dashboard
    case_view: CaseView
    change_watcher: ChangeWatcher
    """These four exist once ``attached``."""

    def __init__(self, state: AppState | None = None, workspace: Workspace | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.attached = False
        self._decorated = False
        self.setObjectName("MainWindow")
        self._selecting = False
        self._case_refresh_owed = False
        self._waiting_shown = False
        self._asked_windows = False

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._case_list_panel())
        self.splitter.setCollapsible(0, True)  # a narrow screen may give the case all the room
        self.splitter.splitterMoved.connect(self._list_pane_moved)
        right = QWidget(self.splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.problem = ProblemBanner(right)
        right_layout.addWidget(self.problem)
        self.stack = QStackedWidget(right)
        self.opening = QLabel(self.tr("Opening the workspace…"), self.stack)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setAccessibleName(self.tr("Opening the workspace"))
        self.stack.addWidget(self.opening)
        right_layout.addWidget(self.stack, 1)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        # The cases, or the lock screen in their place (gui/shell/lock.py).
        self.screens = QStackedWidget(self)
        self.screens.addWidget(self.splitter)
        self.setCentralWidget(self.screens)
        self.locked = False
        self.lock: WindowLock | None = None
        """Exists once attached to a real workspace (the demo one has no passphrase)."""

        self.saved_label = QLabel(self.tr("Nothing changed yet"), self)
        self.saved_label.setAccessibleName(self.tr("Save state"))
        self.statusBar().addPermanentWidget(self.saved_label)

        self.actions_by_name: dict[str, QAction] = build_menus(self)
        self._restore_settings()
        self.update_title()
        self._update_actions()
        if state is not None:
            self.attach(state, workspace)
        else:
            after_paint(self, self.decorate)

    def decorate(self) -> None:
        """Draw the icons (once): a dozen SVG renderings each, left out of the first frame."""
        if self._decorated:
            return
        self._decorated = True
        from interventiondesk.gui.shared.icons import app_icon, icon

        self.setWindowIcon(app_icon())
        self.search_icon.setIcon(icon("search"))
        self.new_button.setIcon(icon("new-case"))
        set_menu_icons(self.actions_by_name)

    def attach(self, state: AppState, workspace: Workspace | None = None) -> None:
        """Connect the window to the open workspace: build the dashboard and the open-case
        view, whose modules import the data layer. The caller fills the list (reload_cases)."""
        from interventiondesk.gui.dashboard.page import Dashboard
        from interventiondesk.gui.shell.case_view import CaseView
        from interventiondesk.gui.shell.change_watch import ChangeWatcher

        self.decorate()
        self.state = state
        self.workspace = workspace
        self.dashboard = Dashboard(state, self.stack)
        self.dashboard.openCase.connect(self.open_case)
        self.dashboard.filterRequested.connect(self._search_all_cases)
        self.dashboard.casesRequested.connect(self.show_cases)
        self.dashboard.newCaseRequested.connect(self.new_case)
        self.case_view = CaseView(state, self.stack)
        self.case_view.restored.connect(self._restored)
        self.case_view.closed.connect(self._case_gone)
        self.stack.addWidget(self.dashboard)
        self.stack.addWidget(self.case_view)
        self.stack.setCurrentWidget(self.dashboard)
        self.stack.removeWidget(self.opening)
        self.opening.deleteLater()
        state.saved.connect(self._saved)
        state.failed.connect(self.show_problem)
        state.waiting.connect(self._waiting)
        state.casesChanged.connect(self.reload_cases)
        state.caseChanged.connect(self._case_changed)
        self.change_watcher = ChangeWatcher(state.db, self)
        self.change_watcher.changed.connect(self.show_outside_changes)
        state.saved.connect(self.change_watcher.own_commit)
        self.change_watcher.start()
        if workspace is not None and not state.is_demo:
            from interventiondesk.gui.shell.lock import WindowLock

            self.lock = WindowLock(self, workspace, self)
            if self.isVisible():
                self._listen_for_windows_lock()
        self.attached = True
        self.count_label.clear()
        self.update_title()
        self._update_actions()

    # Building ---------------------------------------------------------------------------

    def _case_list_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 8, 4, 8)
        self.search = QLineEdit(panel)
        self.search.setPlaceholderText(self.tr("Search cases: name, reference, counselor, status"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.search_icon = self.search.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._filter_changed)
        self.search.returnPressed.connect(self._open_first)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        self.list_filter = CaseListFilter(panel)
        self.list_filter.selectionChanged.connect(self._selection_chosen)
        search_row.addWidget(self.list_filter)
        layout.addLayout(search_row)

        self.case_model = CaseListModel(panel)
        self.table = QTableView(panel)
        self.table.setModel(self.case_model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CLIENT, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.activated.connect(lambda index: self._row_chosen(index, QModelIndex()))
        self.case_model.modelReset.connect(self._reselect)
        self.case_model.layoutChanged.connect(self._reselect)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.columns = CaseListColumns(self.table, self._save_columns)
        self.list_stack = QStackedWidget(panel)
        self.list_stack.addWidget(self.table)
        self.empty_note = EmptyListNote(self.list_stack)
        self.empty_note.newCaseRequested.connect(self.new_case)
        self.empty_note.clearSearchRequested.connect(self.search.clear)
        self.empty_note.allCasesRequested.connect(lambda: self.list_filter.setCurrentIndex(0))
        self.list_stack.addWidget(self.empty_note)
        layout.addWidget(self.list_stack, 1)

        row = QHBoxLayout()
        self.show_archived = QCheckBox(self.tr("Show &archived"), panel)
        self.show_archived.setAccessibleName(self.tr("Show archived cases"))
        self.show_archived.toggled.connect(self.reload_cases)
        row.addWidget(self.show_archived)
        self.count_label = QLabel(self.tr("Opening the workspace…"), panel)
        row.addWidget(self.count_label, 1)
        self.new_button = QPushButton(self.tr("&New case…"), panel)
        self.new_button.setAccessibleName(self.tr("Open a new case"))
        self.new_button.clicked.connect(self.new_case)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        return panel

    # Settings ---------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = app_settings()
        header = settings.value("case_list/header")
        # A layout saved with other columns (before Risk and Overdue came) would leave the new
        # ones at the far end: lay them out afresh instead.
        same_columns = settings.value("case_list/columns", 0, type=int) == len(HEADERS)
        if (
            header is None
            or not same_columns
            or not self.table.horizontalHeader().restoreState(header)
        ):
            self.columns.apply_defaults()
        self.columns.sync_actions()
        list_width = self.columns.needed_width()
        geometry = settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_size(list_width)
        self.keep_on_screen()
        window_state = settings.value("main_window/state")
        if window_state is not None:
            self.restoreState(window_state)
        splitter = settings.value("main_window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.fit_list_pane()
        with_archived = settings.value("case_list/show_archived", False, type=bool)
        self.show_archived.blockSignals(True)
        self.show_archived.setChecked(bool(with_archived))
        self.show_archived.blockSignals(False)

    def fit_list_pane(self) -> None:
        """Give the list room for every column it shows, unless the window is too narrow to
        leave the open case its room; then the list scrolls sideways."""
        total = self.splitter.width() if self.splitter.isVisible() else self.width()
        total -= self.splitter.handleWidth()
        wanted = self.columns.needed_width()
        width = max(LIST_PANE_MIN_WIDTH, min(wanted, total - CASE_PANE_WIDTH))
        self.splitter.setSizes([width, max(total - width, 1)])

    def _default_size(self, list_width: int) -> None:
        """Room for the whole list beside the open case, within the screen's free area."""
        wanted_width, wanted_height = list_width + CASE_PANE_WIDTH + 12, 860
        screen = self.screen()
        if screen is not None:
            free = screen.availableGeometry()
            wanted_width = min(wanted_width, int(free.width() * 0.95))
            wanted_height = min(wanted_height, int(free.height() * 0.95))
        self.resize(wanted_width, wanted_height)

    def keep_on_screen(self) -> None:
        """Never larger than the screen's free area, and on it: a size remembered on a bigger
        monitor must not push buttons off a laptop's screen."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), free.width() - extra_w)
        height = min(self.height(), free.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(frame.x(), free.x()), free.right() - width - extra_w + 1)
        y = min(max(frame.y(), free.y()), free.bottom() - height - extra_h + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def toggle_case_list(self, shown: bool) -> None:
        """Hide the case list to give the open case the whole width (View > Case list)."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if shown:
            width = max(LIST_PANE_MIN_WIDTH, min(self.columns.needed_width(), total // 3))
            self.splitter.setSizes([width, max(total - width, 1)])
        else:
            self.splitter.setSizes([0, total])

    def _list_pane_moved(self, _position: int, _index: int) -> None:
        shown = self.splitter.sizes()[0] > 0
        action = self.actions_by_name.get("case_list")
        if action is not None and action.isChecked() != shown:
            action.setChecked(shown)

    def _save_columns(self) -> None:
        settings = app_settings()
        settings.setValue("case_list/header", self.table.horizontalHeader().saveState())
        settings.setValue("case_list/columns", len(HEADERS))

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        settings.setValue("case_list/header", self.table.horizontalHeader().saveState())
        settings.setValue("case_list/columns", len(HEADERS))
        settings.setValue("case_list/show_archived", self.show_archived.isChecked())
        settings.sync()

    # The case list ----------------------------------------------------------------------

    def reload_cases(self) -> None:
        """Read the case list again from the database (keeps search, sort and the open case)."""
        if not self.attached:
            return  # the list is read once the workspace is open
        from interventiondesk.services.cases import list_cases

        include = self.show_archived.isChecked()
        rows = self.state.read(lambda s: list_cases(s, include_archived=include))
        self.case_model.set_rows(rows)
        self._update_count()
        self.dashboard.schedule_refresh()  # now if it is shown, else when it is shown next

    def _update_count(self) -> None:
        if not self.attached:
            return
        shown = self.case_model.rowCount()
        self.count_label.setText(self.tr("Cases shown: {count}").format(count=shown))
        if shown:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.empty_note.explain(
                total=self.case_model.total_count,
                search=self.search.text(),
                with_archived=self.show_archived.isChecked(),
                selection=self.list_filter.currentText() if self.list_filter.currentIndex() else "",
            )
            self.list_stack.setCurrentWidget(self.empty_note)

    def _selection_chosen(self) -> None:
        self.case_model.set_selection(self.list_filter.selection)
        self._update_count()

    def show_cases(self, title: str, case_ids: list[str]) -> None:
        """List only ``case_ids`` (the cases behind a number of the dashboard), under
        ``title`` in the list's filter, without typed words; one case opens too."""
        if not self.attached:
            return
        ids = frozenset(case_ids)
        if not ids <= self.case_model.listed_ids() and not self.show_archived.isChecked():
            self.show_archived.setChecked(True)  # some are archived: outcomes keep them
        selection = CaseSelection.of_cases(
            self.tr("{what} ({count})").format(what=title, count=len(ids)), ids
        )
        self.list_filter.show_selection(selection)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.case_model.set_filter("")
        self.case_model.set_selection(selection)
        self._update_count()
        if self.splitter.sizes()[0] == 0:
            self.toggle_case_list(True)
            self._list_pane_moved(0, 0)
        if len(ids) == 1:
            self.open_case(next(iter(ids)))

    def _search_all_cases(self, text: str) -> None:
        """Search every case for ``text`` (a status tile of the dashboard), whatever the list's
        filter was."""
        self.list_filter.setCurrentIndex(0)
        self.search.setText(text)

    def listed_case_ids(self) -> list[str]:
        """The cases the list shows, in order shown."""
        model = self.case_model
        return [model.case_row(row).id for row in range(model.rowCount())]

    def _filter_changed(self, text: str) -> None:
        self.case_model.set_filter(text)
        self._update_count()

    def _open_first(self) -> None:
        if self.case_model.rowCount():
            self.table.setCurrentIndex(self.case_model.index(0, 0))
            self.table.setFocus()

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting or not current.isValid():
            return
        self.open_case(self.case_model.case_row(current.row()).id)

    def _reselect(self) -> None:
        """Keep the open case selected after the list was filtered, sorted or reloaded."""
        case_id = self.open_case_id
        row = -1 if case_id is None else self.case_model.row_of(case_id)
        self._selecting = True
        try:
            if row < 0:
                self.table.clearSelection()
            else:
                self.table.setCurrentIndex(self.case_model.index(row, 0))
                self.table.scrollTo(self.case_model.index(row, 0))
        finally:
            self._selecting = False

    def _one_row(self, case_id: str) -> CaseRow | None:
        from interventiondesk.services.cases import list_cases

        rows = self.state.read(lambda s: list_cases(s, case_id=case_id))
        return rows[0] if rows else None

    def _case_changed(self, case_id: str) -> None:
        row = self._one_row(case_id)
        if row is not None:
            self.case_model.update_row(row)
        if case_id == self.case_view.case_id:
            self.update_title()
            self._update_actions()

    def show_outside_changes(self) -> None:
        """Another program (or window, or the command line) committed to the workspace: show
        the list as it is now, and let the open case re-read what it shows beside the fields.

        No field is filled again, so no typing is overwritten; while an edit is still waiting
        to be saved the open case is refreshed later, once it is saved.
        """
        if not self.attached:
            return
        self.reload_cases()
        self._case_refresh_owed = self.open_case_id is not None
        self._refresh_open_case()

    def _refresh_open_case(self) -> None:
        case_id = self.open_case_id
        if not self._case_refresh_owed or case_id is None:
            self._case_refresh_owed = False
            return
        if self.case_view.has_pending:
            return  # after the next save (see _saved)
        self._case_refresh_owed = False
        self.state.caseChanged.emit(case_id)

    # The open case ----------------------------------------------------------------------

    @property
    def open_case_id(self) -> str | None:
        """The case shown beside the list, if any."""
        return self.case_view.case_id if self.attached else None

    def _can_leave_case(self) -> bool:
        """Save the open case first; if that fails, stay so that no typed word is lost."""
        if self.case_view.flush():
            return True
        self._reselect()
        return False

    def open_case(self, case_id: str) -> None:
        if case_id == self.case_view.case_id:
            self.stack.setCurrentWidget(self.case_view)
            return
        if not self._can_leave_case():
            return
        self.case_view.load_case(case_id)
        self.stack.setCurrentWidget(self.case_view)
        self._reselect()
        self.update_title()
        self._update_actions()

    def show_page(self, index: int) -> None:
        """Show a page of the open case (Ctrl+1 to Ctrl+9)."""
        if self.open_case_id is not None:
            self.case_view.show_page(index)

    def step_page(self, step: int) -> None:
        """Show the next or previous page of the open case (Ctrl+PgDown, Ctrl+PgUp)."""
        if self.open_case_id is not None:
            self.case_view.step_page(step)

    def close_case(self) -> None:
        if not self._can_leave_case():
            return
        self.case_view.load_case(None)
        self._case_gone()

    def _case_gone(self) -> None:
        """No case open any more: the dashboard in its place."""
        self.stack.setCurrentWidget(self.dashboard)
        self.dashboard.refresh()
        self._reselect()
        self.update_title()
        self._update_actions()

    def update_title(self) -> None:
        """The reference, never the client's name: title bars show in screen shares. Locked,
        not even the reference."""
        parts = [APP_NAME]
        if self.locked:
            self.setWindowTitle(" — ".join([*parts, self.tr("Locked")]))
            return
        if self.attached and self.state.is_demo:
            parts.append(self.tr("DEMO"))
        case_id = self.open_case_id
        reference = self.case_reference(case_id) if case_id is not None else ""
        if reference:
            parts.append(reference)
        self.setWindowTitle(" — ".join(parts))

    def case_reference(self, case_id: str) -> str:
        """The case's reference (from the list when it is shown there)."""
        row = self.case_model.row_of(case_id)
        reference = self.case_model.case_row(row).reference if row >= 0 else ""
        if not reference:
            one = self._one_row(case_id)
            reference = one.reference if one is not None else ""
        return reference

    def _update_actions(self) -> None:
        if self.locked:
            return  # the lock keeps the menus disabled and puts them back as they were
        attached = self.attached
        has_case = self.open_case_id is not None
        archived = has_case and self.case_view.archived
        self.actions_by_name["archive"].setEnabled(has_case and not archived)
        self.actions_by_name["restore"].setEnabled(archived)
        self.actions_by_name["close_case"].setEnabled(has_case)
        for name in CASE_ACTIONS:
            self.actions_by_name[name].setEnabled(has_case)
        can_change = attached and self.workspace is not None and not self.state.is_demo
        self.actions_by_name["change_passphrase"].setEnabled(can_change)
        for name in WORKSPACE_ACTIONS:
            self.actions_by_name[name].setEnabled(attached)
        for name in SAFETY_ACTIONS:
            self.actions_by_name[name].setEnabled(self.lock is not None)
        self.new_button.setEnabled(attached)
        self.show_archived.setEnabled(attached)

    # Actions ----------------------------------------------------------------------------

    def new_case(self) -> None:
        from interventiondesk.gui.dialogs.new_case import NewCaseDialog  # not needed to start

        dialog = NewCaseDialog(self.state, self)
        if not (dialog.exec() and dialog.case_id):
            return
        case_id = dialog.case_id
        self.reload_cases()
        if self.case_model.row_of(case_id) < 0:
            self.search.clear()  # the search would hide the new case
        self.open_case(case_id)
        self.case_view.show_start()

    def archive_current(self) -> None:
        from interventiondesk.services.cases import archive_case

        case_id = self.case_view.case_id
        if case_id is None or not self.case_view.flush():
            return
        if self.state.write(lambda s: archive_case(s, case_id).id, case_id=case_id):
            self.reload_cases()
            self.statusBar().showMessage(
                self.tr("Case archived. Tick “Show archived” below the list to find it again."),
                8000,
            )

    def restore_current(self) -> None:
        self.case_view.restore()

    def _restored(self, _case_id: str) -> None:
        self.reload_cases()
        self._update_actions()
        self.statusBar().showMessage(self.tr("Case restored."), 5000)

    # Locking ------------------------------------------------------------------------------

    def lock_now(self) -> None:
        """Lock the window at once (Ctrl+L)."""
        if self.lock is not None:
            self.lock.lock()

    def preferences_changed(self) -> None:
        if self.lock is not None:
            self.lock.read_idle_time()

    def refresh_after_unlock(self) -> None:
        """Unlocked: the same case and page as before, brought up to date with what other
        programs wrote meanwhile."""
        self.update_title()
        self._update_actions()
        self.show_outside_changes()

    def after_restore(self) -> None:
        """The workspace's content was replaced by a backup: read everything again."""
        self.case_view.load_case(None)
        self.reload_cases()
        self._case_gone()
        self.preferences_changed()  # the idle time is the backup's

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._listen_for_windows_lock()

    def _listen_for_windows_lock(self) -> None:
        """On Windows the window asks for session changes once it has a native handle."""
        if sys.platform == "win32" and self.lock is not None and not self._asked_windows:
            self._asked_windows = True
            self.lock.system.ask_windows(int(self.winId()))

    if sys.platform == "win32":  # elsewhere every X event would pass through Python

        def nativeEvent(self, event_type: QByteArray | bytes, message: int) -> object:
            if self.lock is not None:
                self.lock.system.windows_message(bytes(event_type), message)
            return super().nativeEvent(event_type, message)

    # Saving -----------------------------------------------------------------------------

    def _saved(self) -> None:
        stamp = QTime.currentTime().toString("HH:mm")
        self.saved_label.setText(self.tr("All changes saved at {time}").format(time=stamp))
        self.problem.hide()
        if self._waiting_shown:
            self._waiting_shown = False
            self.statusBar().clearMessage()
        if self._case_refresh_owed:
            QTimer.singleShot(0, self._refresh_open_case)  # once this save's signals are done

    def _waiting(self) -> None:
        """A save met another program's write lock: the edit is kept and tried again."""
        text = self.tr("Waiting for another program to finish saving… Your typing is kept.")
        self.saved_label.setText(self.tr("Waiting to save"))
        self.statusBar().showMessage(text)
        self._waiting_shown = True

    def show_problem(self, message: str) -> None:
        self.saved_label.setText(self.tr("Not saved"))
        self.problem.show_message(message)

    def flush(self) -> bool:
        """Save the open case's pending edits; False if some could not be saved."""
        return not self.attached or self.case_view.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not self.flush():
            question = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Some changes could not be saved"),
                self.tr("Some changes could not be saved (see the message). Quit anyway?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self,
            )
            question.setProperty("interventiondesk_safe_while_locked", True)
            if question.exec() != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_settings()
        if self.attached:
            self.change_watcher.close()
        if self.lock is not None:
            self.lock.stop()
        event.accept()
