"""The Excel export of each seed: numbers as numbers with their decimals, dates as dates,
Swedish headers, frozen and filterable header rows."""
from __future__ import annotations

import io
from datetime import datetime
from functools import cache

import openpyxl
import pytest

from ils.renderers.xlsx_export import ACTIVITY_HEADER, INDICATOR_HEADER, render_xlsx

from .helpers import T1, VB, VP, parsed, seed_params


@cache
def workbook(name: str):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(parsed(name))))


@pytest.mark.parametrize("seed", seed_params())
def test_sheets_and_row_counts(seed):
    doc = parsed(seed)
    book = workbook(seed)
    assert book.sheetnames == ["Mål", "Indikatorer", "Aktiviteter", "Ekonomi"]
    for name, header, items in (("Indikatorer", INDICATOR_HEADER, doc.indicators),
                                ("Aktiviteter", ACTIVITY_HEADER, doc.activities)):
        sheet = book[name]
        assert [c.value for c in sheet[1]] == header
        assert sheet.max_row == len(items) + 1
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert book["Mål"].max_row == len(doc.goals) + 1
    assert book.properties.title == doc.title


def indicator_row(book, name: str) -> dict:
    sheet = book["Indikatorer"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == name)
    return {header: cell for header, cell in zip(INDICATOR_HEADER, row)}


@pytest.mark.parametrize("seed", seed_params(T1))
def test_tertial_report_numbers(seed):
    book = workbook(seed)
    row = indicator_row(book, "Andel barn som lever i familjer som har ekonomiskt bistånd")
    values = {k: c.value for k, c in row.items()}
    assert values == {
        "Målnummer": "1.1", "Målnivå": "KF:s mål för verksamhetsområdet",
        "Indikator": "Andel barn som lever i familjer som har ekonomiskt bistånd", "KF-indikator": "Ja",
        "Enhet": "%", "Periodens utfall": 0.3, "Utfall män/pojkar": None, "Utfall kvinnor/flickor": None,
        "Utfall föregående år": 0.3, "Prognos helår": 0.6, "Årsmål": 0.6, "Årsmålets typ": "Tal",
        "KF:s årsmål": 2.7, "Period": "Tertial 1 2024", "Bedömning": "Uppnås helt"}
    assert row["Periodens utfall"].number_format == "#,##0.0"
    word_target = indicator_row(book, "Andel barn och ungdomar som är nöjda med tillgången till fritidsaktiviteter")
    assert word_target["KF:s årsmål"].value == "Faststäl ls 2024" and word_target["Bedömning"].value == "Kan inte bedömas"
    activity = next(book["Aktiviteter"].iter_rows(min_row=2, values_only=True))
    assert activity[4:6] == (datetime(2024, 1, 1), datetime(2024, 8, 31))
    economy = {}
    for row in book["Ekonomi"].iter_rows():
        economy.setdefault(row[0].value, row)  # the first table with the label
    assert economy["Uppföljning av driftbudget (mnkr)"][0].font.b
    assert [c.value for c in economy["Kostnader"][:6]] == ["Kostnader", 3331.1, 0.5, 66.7, 3376.3, 22]
    assert economy["Kostnader"][1].number_format == "#,##0.0"
    assert economy["Område 1"][1].value == 86916 and economy["Område 1"][1].number_format == "#,##0"


@pytest.mark.parametrize("seed", seed_params(VB))
def test_annual_report_statuses_and_assessments(seed):
    book = workbook(seed)
    statuses = {row[14] for row in book["Indikatorer"].iter_rows(min_row=2, values_only=True)}
    assert statuses <= {"Uppnåddes helt", "Uppnåddes delvis", "Uppnåddes inte", "Kan inte bedömas"}
    assessments = [row[3] for row in book["Mål"].iter_rows(min_row=2, values_only=True)]
    assert assessments.count("Uppfylldes delvis") == 4


@pytest.mark.parametrize("seed", seed_params(VP))
def test_plan_has_targets_and_frequency_but_no_status(seed):
    rows = list(workbook(seed)["Indikatorer"].iter_rows(min_row=2, values_only=True))
    assert {row[13] for row in rows} <= {"År", "Tertial", None}
    assert {row[14] for row in rows} == {None}
    assert any(isinstance(row[10], float | int) for row in rows)
