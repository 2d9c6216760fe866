"""The Consent page's list of the case's consents: each one's status (word and colour), kind,
first recipient and expiry, two lines per consent, in the order they were entered."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from interventiondesk.gui.pages.consent.statuses import status_mark, status_words
from interventiondesk.gui.shared.date_fields import format_date
from interventiondesk.gui.shared.labels import label
from interventiondesk.services.consents_view import ConsentRow

ID_ROLE = Qt.ItemDataRole.UserRole


class ConsentList(QListWidget):
    """One item per consent, its id on the item; nothing but plain values is kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(False)
        self.setSpacing(2)

    def fill(self, rows: Sequence[ConsentRow]) -> None:
        """Show ``rows`` (signals blocked: the caller chooses what to select)."""
        blocked = self.blockSignals(True)
        self.clear()
        for row in rows:
            item = QListWidgetItem(self)
            item.setData(ID_ROLE, row.id)
            self.show_row(item, row)
        self.blockSignals(blocked)

    def show_row(self, item: QListWidgetItem, row: ConsentRow) -> None:
        first = f"{status_words(row.status, row.revoked_on, row.expires_on)} · {label(row.kind)}"
        recipients = row.recipient_lines
        if not recipients:
            who = self.tr("No recipient named yet")
        elif len(recipients) == 1:
            who = recipients[0]
        else:
            who = self.tr("{first} and {count} more").format(
                first=recipients[0], count=len(recipients) - 1
            )
        if row.expires_on is not None:
            until = self.tr("until {date}").replace("{date}", format_date(row.expires_on))
        elif row.expiry_event.strip():
            until = self.tr("until an event or condition")
        else:
            until = self.tr("no expiry given")
        text = f"{first}\n{' '.join(who.split())} · {until}"
        item.setText(text)
        item.setIcon(status_mark(row.status))
        item.setToolTip(text)

    def refresh_rows(self, rows: Sequence[ConsentRow]) -> None:
        """Update the texts of the consents shown (after a save), keeping the selection."""
        by_id = {row.id: row for row in rows}
        for index in range(self.count()):
            item = self.item(index)
            row = by_id.get(str(item.data(ID_ROLE)))
            if row is not None:
                self.show_row(item, row)

    def ids(self) -> list[str]:
        return [str(self.item(index).data(ID_ROLE)) for index in range(self.count())]

    def current_id(self) -> str | None:
        item = self.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else None

    def select(self, consent_id: str | None) -> None:
        """Put the selection on ``consent_id`` without announcing it."""
        ids = self.ids()
        blocked = self.blockSignals(True)
        self.setCurrentRow(ids.index(consent_id) if consent_id in ids else -1)
        self.blockSignals(blocked)
