"""Domain Document -> an Excel workbook of the report's figures, for controllers to work on.

Numbers are stored as numbers (with the decimals they were reported with as the cell format,
so Excel shows "3 331,1" in a Swedish locale) and dates as dates; the unit sits in its own
column, so the figures can be summed, filtered and charted without cleaning them first.
"""
from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter

from ils.domain.economics import EconomyTable, RowKind
from ils.domain.model import Document
from ils.domain.targets import Target
from ils.domain.values import Quantity

from .formatting import (
    ACTIVITY_STATUS_LABELS, TARGET_KIND_LABELS, assessment_label, document_title, economy_decimals,
    economy_stub, is_percent, is_plan, is_text_entry, number_format_decimals, status_label,
)
from .spreadsheet_cells import WORKBOOK_OPTIONS

INDICATOR_HEADER = [
    "Målnummer", "Målnivå", "Indikator", "KF-indikator", "Enhet", "Periodens utfall",
    "Utfall män/pojkar", "Utfall kvinnor/flickor", "Utfall föregående år", "Prognos helår",
    "Årsmål", "Årsmålets typ", "KF:s årsmål", "Period", "Bedömning",
]
ACTIVITY_HEADER = ["Målnummer", "Målnivå", "Aktivitet", "KF-uppdrag", "Startdatum", "Slutdatum",
                   "Status", "Avvikelse", "Analys"]
GOAL_HEADER = ["Målnummer", "Målnivå", "Mål", "Bedömning"]


class _Writer:
    def __init__(self, doc: Document, buffer: io.BytesIO):
        self.doc = doc
        self.book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
        self.bold = self.book.add_format({"bold": True})
        self.header = self.book.add_format({"bold": True, "bg_color": "#E6EBF0", "text_wrap": True,
                                            "valign": "top", "border": 1})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self._numbers: dict[tuple[int, bool, bool], xlsxwriter.format.Format] = {}

    def number_format(self, decimals: int, percent: bool = False, bold: bool = False):
        """One cached format per decimals, percent and weight (Excel caps the number of formats)."""
        key = (decimals, percent, bold)
        if key not in self._numbers:
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + (' "%"' if percent else "")
            self._numbers[key] = self.book.add_format({"num_format": pattern, "bold": bold})
        return self._numbers[key]

    def write_value(self, sheet, row: int, col: int, value: Quantity | Target | Decimal | str | None) -> None:
        """A number as a number in its reported precision, a word as text, nothing as a blank."""
        if isinstance(value, Target):
            value = value.value if value.is_numeric else value.text
        elif isinstance(value, Quantity):
            value = value.value
        if isinstance(value, Decimal):
            sheet.write_number(row, col, float(value), self.number_format(number_format_decimals(value)))
        elif value:
            sheet.write_string(row, col, value)

    def table_sheet(self, name: str, header: list[str], widths: list[int]):
        """A sheet with a frozen, filterable header row."""
        sheet = self.book.add_worksheet(name)
        sheet.write_row(0, 0, header, self.header)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width, self.wrap if width >= 30 else None)
        sheet.freeze_panes(1, 0)
        return sheet

    def finish(self, sheet, rows: int, columns: int) -> None:
        sheet.autofilter(0, 0, max(rows, 1), columns - 1)

    def render(self) -> None:
        doc = self.doc
        self.book.set_properties({
            "title": document_title(doc), "subject": f"{doc.period.label} {doc.year}",
            "author": doc.author, "company": doc.committee, "keywords": f"{doc.period.value} {doc.year}",
        })
        self.goals()
        self.indicators()
        self.activities()
        self.economy()
        self.book.close()

    def _level(self, number: str) -> str:
        goal = self.doc.goal(number)
        return goal.level.label if goal else ""

    def goals(self) -> None:
        doc = self.doc
        sheet = self.table_sheet("Mål", GOAL_HEADER, [11, 30, 80, 18])
        for row, goal in enumerate(doc.goals, start=1):
            assessment = assessment_label(goal.assessment, doc) if goal.assessment else ""
            sheet.write_row(row, 0, [goal.number, goal.level.label, goal.title, assessment])
        self.finish(sheet, len(doc.goals), len(GOAL_HEADER))

    def indicators(self) -> None:
        doc = self.doc
        sheet = self.table_sheet("Indikatorer", INDICATOR_HEADER,
                                 [11, 30, 60, 12, 10, 12, 12, 12, 12, 12, 12, 18, 14, 16, 18])
        for row, i in enumerate(doc.indicators, start=1):
            sheet.write_row(row, 0, [i.goal, self._level(i.goal), i.name, "Ja" if i.kf else "Nej", i.unit])
            for col, value in enumerate([i.outcome, i.outcome_men, i.outcome_women, i.previous, i.forecast,
                                         i.target], start=5):
                self.write_value(sheet, row, col, value)
            self.write_value(sheet, row, 11, TARGET_KIND_LABELS[i.target.kind])
            self.write_value(sheet, row, 12, i.kf_target)
            self.write_value(sheet, row, 13, i.period or i.frequency)
            if not is_plan(doc):
                sheet.write_string(row, 14, status_label(i.status, doc))
        self.finish(sheet, len(doc.indicators), len(INDICATOR_HEADER))

    def activities(self) -> None:
        doc = self.doc
        sheet = self.table_sheet("Aktiviteter", ACTIVITY_HEADER, [11, 30, 70, 11, 12, 12, 12, 30, 60])
        for row, a in enumerate(doc.activities, start=1):
            sheet.write_row(row, 0, [a.goal, self._level(a.goal), a.text, "Ja" if a.kf_assignment else "Nej"])
            for col, day in ((4, a.start), (5, a.end)):
                if day:
                    sheet.write_datetime(row, col, day, self.date)
            sheet.write_row(row, 6, [ACTIVITY_STATUS_LABELS.get(a.status, ""), a.deviation, a.analysis])
        self.finish(sheet, len(doc.activities), len(ACTIVITY_HEADER))

    def economy(self) -> None:
        """One sheet, one block per table: title, header row, rows, then a blank row."""
        if not self.doc.economy:
            return
        sheet = self.book.add_worksheet("Ekonomi")
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, max(len(t.columns) for t in self.doc.economy), 16)
        row = 0
        for table in self.doc.economy:
            row = self.economy_table(sheet, table, row) + 1

    def economy_table(self, sheet, table: EconomyTable, row: int) -> int:
        title = table.title or table.section or "Tabell"
        if is_text_entry(table):  # a text without a table: its heading and its text, no header row
            sheet.write_string(row, 0, title, self.bold)
            sheet.write_string(row + 1, 0, table.text)
            return row + 2
        sheet.write_string(row, 0, f"{title} ({table.unit})" if table.unit else title, self.bold)
        sheet.write_row(row + 1, 0, [economy_stub(table)] + table.columns, self.header)
        decimals = economy_decimals(table)
        row += 2
        for data in table.rows:
            total = data.kind is RowKind.TOTAL
            sheet.write_string(row, 0, data.label, self.bold if total else None)
            for col, value in enumerate(data.values):
                if value is None:
                    continue
                places = decimals if decimals is not None else number_format_decimals(value)
                sheet.write_number(row, col + 1, float(value), self.number_format(places, is_percent(data, col), total))
            row += 1
        return row


def render_xlsx(doc: Document) -> bytes:
    buffer = io.BytesIO()
    _Writer(doc, buffer).render()
    return buffer.getvalue()
