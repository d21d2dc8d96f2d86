"""The day's entries as a table: one row per entry, the food's name given the room.

``What`` takes whatever width the other columns leave and is cut in the middle
only when even that is too little (the full name is its tooltip); ``Kind`` is a
small lettered box; time and nutrient columns are as wide as their texts. The
table never needs a horizontal scroll bar: its minimum width keeps every column
whole and leaves ``What`` at least as wide as ``Amount``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from tracker.domain.entries import Entry
from tracker.ui.day.day_model import (
    AMOUNT_COLUMN,
    COLUMN_COUNT,
    KIND_COLUMN,
    NUMBER_COLUMNS,
    TIME_COLUMN,
    WHAT_COLUMN,
    DayModel,
)

# Narrowest texts a column is sized for, so a quiet day does not shrink them to nothing.
_TIME_SAMPLE = "00:00"
_NUMBER_SAMPLE = "888"
_GRAMS_SAMPLE = "888 g · 1 cup"
# When What and Amount cannot both be whole, Amount gets this share of their room
# unless What needs less.
_AMOUNT_SHARE = 0.4


def _delegate_width(view: QTableView, text: str) -> int:
    """The width the view's item delegate gives a cell holding ``text``: the text and the
    style's margins around it. Measured on a one-cell model instead of asking QStyle for
    its focus-frame margin: PySide builds QStyle's Python type, with its thousands of enum
    values, on first use, which cost the first paint about 10 ms."""
    sample = QStandardItemModel(1, 1)
    sample.setItem(0, 0, QStandardItem(text))
    option = QStyleOptionViewItem()
    option.font = view.font()
    return view.itemDelegate().sizeHint(option, sample.index(0, 0)).width()


class _CutAtTheEnd(QStyledItemDelegate):
    """Cuts an amount at its end, so the grams at its start always show."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class DayTable(QTableView):
    """Read-only rows, selected whole; editing goes through the window's commands."""

    def __init__(self, model: DayModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.day_model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows may be chosen (Shift/Ctrl) to save them as a meal or a recipe.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # Only What (and a long household measure in Amount) is ever cut; keeping both
        # ends of a name ("DIGIORNO Pizza, … frozen, baked") tells similar foods apart.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Only while Amount is too narrow for its texts: the delegate costs a Python
        # call per cell painted.
        self._amount_delegate = _CutAtTheEnd(self)
        self.setAccessibleName("Entries of the day")
        self._widths: dict[int, int] = {}
        self._amount_ideal = 0
        self._what_ideal = 0
        # Widest text seen per measured column; an added row is measured on its own,
        # so showing a new entry stays within its frame.
        self._measured: dict[int, int] = {}
        self._set_up_header()
        model.modelReset.connect(self.fit_columns)
        model.rowsRemoved.connect(self.fit_columns)
        model.rowsInserted.connect(lambda _parent, first, last: self._fit_rows(first, last))
        self.fit_columns()

    def _set_up_header(self) -> None:
        header = self.horizontalHeader()
        for column in range(COLUMN_COUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(WHAT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        icon = metrics.height()
        self.setIconSize(QSize(icon, icon))
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + metrics.height() // 2)
        # What the item delegate puts around a cell's text, and a little air.
        self._padding = _delegate_width(self, "0")
        # The header's own measure of its text (both lines), margins included.
        self._headers = [int(header.sectionSizeFromContents(column).width())
                         for column in range(COLUMN_COUNT)]

    def _widest(self, texts: list[str], by_length: bool = False) -> int:
        if not texts:
            return 0
        metrics = self.fontMetrics()
        if by_length:  # figures: digits are all as wide as each other
            return metrics.horizontalAdvance(max(texts, key=len))
        return max(map(metrics.horizontalAdvance, texts))

    def _measure(self, first: int, last: int) -> dict[int, int]:
        model = self.day_model
        return {column: self._widest(model.texts(column, first, last),
                                     by_length=column in NUMBER_COLUMNS)
                for column in (WHAT_COLUMN, AMOUNT_COLUMN, *NUMBER_COLUMNS)}

    def fit_columns(self) -> None:
        """Size every column but What to its contents, then share the rest with What."""
        self._measured = self._measure(0, self.day_model.rowCount() - 1)
        self._apply()

    def _fit_rows(self, first: int, last: int) -> None:
        added = self._measure(first, last)
        self._measured = {column: max(width, self._measured.get(column, 0))
                          for column, width in added.items()}
        self._apply()

    def _sample(self, text: str) -> int:
        return self.fontMetrics().horizontalAdvance(text) + self._padding

    def _apply(self) -> None:
        measured, pad, headers = self._measured, self._padding, self._headers
        widths = {TIME_COLUMN: max(headers[TIME_COLUMN], self._sample(_TIME_SAMPLE)),
                  KIND_COLUMN: max(headers[KIND_COLUMN], self.iconSize().width() + pad)}
        for column in NUMBER_COLUMNS:
            widths[column] = max(headers[column], self._sample(_NUMBER_SAMPLE),
                                 measured[column] + pad)
        amount = max(headers[AMOUNT_COLUMN], self._sample(_GRAMS_SAMPLE),
                     measured[AMOUNT_COLUMN] + pad)
        self._what_ideal = measured[WHAT_COLUMN] + pad
        if widths != self._widths or amount != self._amount_ideal:
            self._widths = widths
            self._amount_ideal = amount
            header = self.horizontalHeader()
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
            self.updateGeometry()
        self._share_room()

    def _scroll_bar_width(self) -> int:
        # The style's scroll bar extent, as the bar's own size hint gives it.
        return self.verticalScrollBar().sizeHint().width()

    def _fixed_width(self) -> int:
        return sum(self._widths.values())

    def _amount_minimum(self) -> int:
        return min(self._amount_ideal, self._sample(_GRAMS_SAMPLE))

    def _room(self) -> int:
        """Width for the columns, with room kept for a vertical scroll bar."""
        return self.width() - 2 * self.frameWidth() - self._scroll_bar_width()

    def _share_room(self) -> None:
        shared = self._room() - self._fixed_width()
        # What stays the widest text column: it is what a person reads first.
        amount = min(self._amount_ideal, shared // 2,
                     max(self._amount_minimum(), int(shared * _AMOUNT_SHARE),
                         shared - self._what_ideal))
        header = self.horizontalHeader()
        header.setMinimumSectionSize(min(self._amount_minimum(), *self._widths.values()))
        if header.sectionSize(AMOUNT_COLUMN) != amount:
            header.resizeSection(AMOUNT_COLUMN, amount)
        cut = self._amount_delegate if amount < self._amount_ideal else None
        if self.itemDelegateForColumn(AMOUNT_COLUMN) is not cut:
            # None gives the column back to the view's own delegate (PySide's stub
            # does not say it may be None; Qt takes a null pointer).
            self.setItemDelegateForColumn(AMOUNT_COLUMN, cut)  # type: ignore[arg-type]

    def minimumSizeHint(self) -> QSize:
        # Narrower than this, a column would be cut or What would lose to Amount.
        width = (self._fixed_width() + 2 * self._amount_minimum() + 2 * self.frameWidth()
                 + self._scroll_bar_width())
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_room()

    def selected_entry(self) -> Entry | None:
        """The entry under the cursor if it is selected, else the first selected one."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        current = self.currentIndex().row()
        row = current if current in rows else (rows[0] if rows else -1)
        return self.day_model.entry_at(row) if row >= 0 else None

    def selectRow(self, row: int) -> None:
        """Select ``row`` alone and make it current.

        QTableView's own picks the row's cell under the header's left edge,
        which is no cell before the table is first laid out.
        """
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.selectionModel().setCurrentIndex(self.day_model.index(row, 0), flags)

    def selected_entries(self) -> list[Entry]:
        """Every selected entry, in the day's order."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [e for e in (self.day_model.entry_at(r) for r in rows) if e is not None]

    def add_menu_actions(self, actions: Sequence[QAction]) -> None:
        """Offer ``actions`` (with the edit ones) in the table's right-click menu."""
        separator = QAction(self)
        separator.setSeparator(True)
        self.addActions([separator, *actions])
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def select_entry(self, entry_id: str) -> None:
        row = self.day_model.row_of(entry_id)
        if row >= 0:
            self.selectRow(row)
