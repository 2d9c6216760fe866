"""The Logistics page: the placement, the checklist and a clear ready / not-ready banner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from interventiondesk.errors import InterventionDeskError, InvalidInput
from interventiondesk.gui.pages.base import CasePage
from interventiondesk.gui.pages.logistics.checklist import COLUMNS, ChecklistModel, ChoiceDelegate
from interventiondesk.gui.shared.icons import icon
from interventiondesk.gui.shared.time_fields import (
    local_zone_name,
    select_zone,
    set_wall_clock,
    timezone_combo,
    wall_clock,
    wall_clock_edit,
)
from interventiondesk.gui.shell.state import AppState
from interventiondesk.model import Case
from interventiondesk.services import logistics
from interventiondesk.services.logistics import LogisticsView, logistics_view
from interventiondesk.services.records import get_record

EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)
FITTED_TO_CONTENT = ("status", "required", "due_on")
SIDE_COLUMNS = {"responsible": 110, "notes": 200, "category": 170}
"""The checklist's secondary columns and their widths when there is room."""
READY_EDGE = "#43a047"
NOT_READY_EDGE = "#e53935"


class LogisticsPage(CasePage):
    title = str(QT_TRANSLATE_NOOP("CasePage", "Logistics"))

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._fitting = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(self._readiness_bar())
        layout.addWidget(self._facility_box())
        layout.addWidget(self._checklist_box(), 1)
        self.load_case(None)

    def _readiness_bar(self) -> QFrame:
        """A framed bar with a coloured edge, a sign and the words: colour is never alone."""
        self.banner_box = QFrame(self)
        self.banner_box.setObjectName("readiness")
        row = QHBoxLayout(self.banner_box)
        row.setContentsMargins(12, 8, 8, 8)
        self.banner_icon = QLabel(self.banner_box)
        self.banner_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.banner_icon)
        self.banner = QLabel(self.banner_box)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setAccessibleName(self.tr("Readiness"))
        row.addWidget(self.banner, 1)
        return self.banner_box

    def _facility_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Treatment facility"), self)
        form = QFormLayout(box)
        self.facility: dict[str, QLineEdit] = {}
        # Alt+letters: none repeats on this page or takes the menu bar's F, E, V, C or H.
        for field, text, name, length in (
            ("facility_name", self.tr("Na&me:"), self.tr("Facility name"), 200),
            ("facility_contact", self.tr("C&ontact:"), self.tr("Contact at the facility"), 200),
            ("facility_phone", self.tr("&Phone:"), self.tr("Facility phone"), 60),
        ):
            edit = QLineEdit(box)
            edit.setMaxLength(length)
            edit.setAccessibleName(name)
            form.addRow(text, edit)
            self.facility[field] = edit
            self.saver.watch(edit, self._facility_saver(field))
        intake_row = QHBoxLayout()
        self.intake_set = QCheckBox(self.tr("&Intake time agreed:"), box)
        self.intake = wall_clock_edit(box, self.tr("Intake"))
        self.intake_zone = timezone_combo(box, self.tr("Intake time zone"))
        self.intake.setReadOnly(True)  # until an intake time is agreed
        intake_row.addWidget(self.intake, 1)
        intake_row.addWidget(self.intake_zone, 1, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.intake_set, intake_row)
        for widget in (
            self.intake_set,
            self.intake.date_field,
            self.intake.time_field,
            self.intake_zone,
        ):
            self.saver.watch(widget, lambda s, _v: self._save_intake(s))
        self.intake_set.toggled.connect(self._intake_toggled)
        self.detox = QCheckBox(self.tr("Withdrawal needs medical &detox"), box)
        self.saver.watch(
            self.detox,
            lambda s, v: logistics.update_facility(s, self._current(), {"detox_needed": v}),
        )
        form.addRow("", self.detox)
        return box

    def _checklist_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Checklist"), self)
        layout = QVBoxLayout(box)
        self.model = ChecklistModel(self.state, self)
        self.table = QTableView(box)
        self.table.setModel(self.model)
        self.delegate = ChoiceDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setAccessibleName(self.tr("Logistics checklist"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(EDIT_TRIGGERS)
        self.table.setWordWrap(False)
        # The item's title takes the room and wraps; the other columns take what they need.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # About four rows at least, and no more asked for: on a laptop the page fits its tab
        # (the rows scroll inside the table); on a large screen the table takes what is left.
        self.table.setMinimumHeight(120)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        fields = [c[0] for c in COLUMNS]
        for field in ("status", "required", "due_on"):
            header.setSectionResizeMode(
                fields.index(field), QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.verticalHeader().hide()  # row numbers say nothing here
        self.table.viewport().installEventFilter(self)
        header.sectionResized.connect(self._section_resized)
        self.model.dataChanged.connect(lambda *_: self.table.resizeRowsToContents())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add i&tem"), box)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton(self.tr("&Remove item"), box)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button = QPushButton(self.tr("Move &up"), box)
        self.up_button.setToolTip(self.tr("Move the chosen item up (Alt+Up)"))
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"), box)
        self.down_button.setToolTip(self.tr("Move the chosen item down (Alt+Down)"))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        # As on the Participants page and in the objections: Alt+Up / Alt+Down, in the table.
        for keys, step in ((self.tr("Alt+Up"), -1), (self.tr("Alt+Down"), 1)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.move_item(step))
        self.defaults_button = QPushButton(self.tr("Add the &standard checklist"), box)
        self.defaults_button.clicked.connect(self.add_defaults)
        for button in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.defaults_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if self._fitting:
            return
        if COLUMNS[section][0] in FITTED_TO_CONTENT:
            self._fit_columns()
        else:
            self.table.resizeRowsToContents()

    def _fit_columns(self) -> None:
        """Give the item's title the room: the state, "for readiness" and due date take what
        they need; Who, Notes and Kind share at most two fifths of what is left (their text wraps),
        the title takes the rest."""
        fields = [c[0] for c in COLUMNS]
        width = self.table.viewport().width()
        fixed = sum(self.table.columnWidth(fields.index(f)) for f in FITTED_TO_CONTENT)
        free = max(0, width - fixed)
        shared = min(sum(SIDE_COLUMNS.values()), free * 2 // 5)
        total = sum(SIDE_COLUMNS.values())
        if self._fitting:
            return
        self._fitting = True  # the widths set here are not answered by fitting again
        try:
            used = 0
            for field, ideal in SIDE_COLUMNS.items():
                # Never narrower than the column's longest word: wrapped, never cut.
                size = max(self._longest_word(field), shared * ideal // total)
                self.table.setColumnWidth(fields.index(field), size)
                used += size
            self.table.setColumnWidth(fields.index("title"), max(80, free - used))
        finally:
            self._fitting = False
        self.table.resizeRowsToContents()

    def _longest_word(self, field: str) -> int:
        column = [c[0] for c in COLUMNS].index(field)
        metrics = self.table.fontMetrics()
        texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")]
        for row in range(self.model.rowCount()):
            texts.append(str(self.model.index(row, column).data() or ""))
        words = [w for text in texts for w in text.split()] or [""]
        return min(160, max(metrics.horizontalAdvance(w) for w in words) + 16)

    def _facility_saver(self, field: str) -> Callable[[Session, Any], object]:
        return lambda s, v: logistics.update_facility(s, self._current(), {field: v})

    def _current(self) -> str:
        if self.case_id is None:
            raise InterventionDeskError(self.tr("No case is open."))
        return self.case_id

    def _save_intake(self, session: Session) -> None:
        """Save the intake time only when its date and time are both whole and valid."""
        if self.intake_set.isChecked():
            zone = str(self.intake_zone.currentData())
            local = wall_clock(self.intake)
            if local is None:
                raise InvalidInput(
                    self.intake.problem()
                    or self.tr("Enter the day and the time of the intake, then save again.")
                )
            logistics.set_intake(session, self._current(), local, zone)
        else:
            logistics.set_intake(session, self._current(), None)

    def _intake_toggled(self, on: bool) -> None:
        if on and wall_clock(self.intake) is None and not self.intake.problem():
            # Ticked: a starting point to type over, tomorrow morning.
            tomorrow = date.today() + timedelta(days=1)
            set_wall_clock(self.intake, datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9))
        self.intake.setEnabled(on)
        # Not agreed: the fields are not read (nor refused) when the page saves.
        self.intake.setReadOnly(not on or self.read_only)
        self.intake_zone.setEnabled(on and not self.read_only)

    # Loading ------------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save the open checklist cell, then the fields; False if something was refused."""
        cell_saved = self.delegate.save_open_editor()
        return super().flush() and cell_saved

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self._intake_toggled(self.intake_set.isChecked())
        self.model.set_read_only(read_only)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else EDIT_TRIGGERS
        )

    def _read_view(self) -> LogisticsView | None:
        case_id = self.case_id
        if case_id is None:
            return None
        return self.state.read(lambda s: logistics_view(s, case_id))

    def _reload_checklist(self) -> None:
        """Re-read the checklist and the readiness (one read); callers have saved the open
        cell first."""
        view = self._read_view()
        self.model.show(self.case_id, view.checklist if view else ())
        self._fit_columns()
        self._show_readiness(view)

    def load_case(self, case_id: str | None) -> bool:
        """Show the case with one read (``logistics_view``)."""
        if not super().load_case(case_id):
            return False
        view = self._read_view()
        with self.saver.loading():
            for field, edit in self.facility.items():
                edit.setText(getattr(view, field) if view else "")
            self.detox.setChecked(bool(view and view.detox_needed))
            intake_at = view.intake_at if view else None
            self.intake_set.setChecked(intake_at is not None)
            zone = (view.intake_timezone if view else "") or local_zone_name()
            self.intake_zone.prefer(view.zones if view else ())
            select_zone(self.intake_zone, zone)
            # No intake agreed: the fields stay empty (no made-up date on screen).
            local = logistics_local(intake_at, zone) if intake_at is not None else None
            set_wall_clock(self.intake, local)
        self._intake_toggled(self.intake_set.isChecked())
        self.model.show(case_id, view.checklist if view else ())
        self._fit_columns()
        self.setEnabled(case_id is not None)
        self._show_readiness(view)
        return True

    def refresh(self) -> None:
        """After a save in this case: the readiness bar (the fields and the table are left as
        they are on screen)."""
        self._show_readiness(self._read_view())

    def _show_readiness(self, view: LogisticsView | None) -> None:
        if view is None:
            self.banner.setText("")
            self.banner.hide()
            return
        self.banner.show()
        if view.ready:
            text = self.tr("Ready: treatment can start the moment the client says yes.")
        else:
            lines = "\n".join("• " + line for line in view.missing)
            text = self.tr("Not ready yet. Still missing:") + "\n" + lines
        self.banner.setText(text)
        self.banner.setAccessibleDescription(text)
        self.banner.setProperty("ready", view.ready)
        size = self.banner.fontMetrics().height() + 4
        sign = icon("saved" if view.ready else "warning")
        self.banner_icon.setPixmap(sign.pixmap(QSize(size, size)))
        # A thin frame in the palette's own line colour; the thick edge is a mid-tone green or
        # red that stands out on light and dark backgrounds alike (the text keeps its colour).
        edge = READY_EDGE if view.ready else NOT_READY_EDGE
        self.banner_box.setStyleSheet(
            "QFrame#readiness { border: 1px solid palette(mid); border-left: 6px solid "
            + edge
            + "; }"
        )
        self.defaults_button.setVisible(not self.model.items)

    # Actions ------------------------------------------------------------------------------

    def _selected_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def add_item(self) -> None:
        case_id = self._current()
        if self.read_only or not self.delegate.save_open_editor():
            return
        added = self.state.write(
            lambda s: logistics.add_item(s, case_id, self.tr("New item")).id, case_id=case_id
        )
        if added:
            self._reload_checklist()
            index = self.model.index(len(self.model.items) - 1, 0)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def remove_item(self) -> None:
        item_id = self.model.item_id(self._selected_row())
        if item_id is None or self.read_only or not self.delegate.save_open_editor():
            return

        def remove(session: Session) -> bool:
            logistics.remove_item(session, item_id)
            return True

        if self.state.write(remove, case_id=self.case_id):
            self._reload_checklist()

    def move_item(self, step: int) -> None:
        row = self._selected_row()
        column = max(0, self.table.currentIndex().column())
        item_id = self.model.item_id(row)
        target = row + step
        if item_id is None or not 0 <= target < len(self.model.items) or self.read_only:
            return
        if not self.delegate.save_open_editor():
            return
        if self.state.write(
            lambda s: len(logistics.move_item(s, item_id, target)), case_id=self.case_id
        ):
            self._reload_checklist()
            self.table.setCurrentIndex(self.model.index(target, column))

    def add_defaults(self) -> None:
        case_id = self._current()
        if self.read_only or not self.delegate.save_open_editor():
            return
        self.state.write(
            lambda s: len(logistics.add_default_checklist(s, get_record(s, Case, case_id, "case"))),
            case_id=case_id,
        )
        self._reload_checklist()


def logistics_local(moment: datetime, zone: str) -> datetime:
    from interventiondesk.times import zone as find_zone

    return moment.astimezone(find_zone(zone)).replace(tzinfo=None)
