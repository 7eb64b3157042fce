"""The economy in the API: table kinds, a report's tables and rows, typed figures, rows, tables and
requests (a row and a decision item together), with the permissions, version checks and audit of
the web forms (ils.persistence.economy). Unreadable reports answer 404, changes the person may not
make 403, a stale version 409, bad input 422 with one error per problem.

A table of kind "tryckt" (`ils.domain.economy_printed`) is a table as the report prints it: free
columns, each cell the printed text, totals stored as printed (checked, never computed). Imported
tables are of this kind; one is made with `POST /reports/{id}/tables` and its columns, its rows
with `cells`."""
from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import StrictFloat, StrictInt, StrictStr
from ninja.responses import Status

from ils.domain import economy_printed as ep
from ils.domain import economy_tables as et
from ils.domain.model import Period
from ils.persistence import economy, economy_printed, models
from ils.persistence.access import readable_reports
from ils.persistence.editing import EditConflict

from .schemas import ErrorOut

router = Router(tags=["ekonomi"])
Id = Annotated[int, Field(ge=1, le=2**62)]
Figure = Annotated[Annotated[StrictStr, Field(max_length=40)] | StrictInt | StrictFloat | None,
                   Field(description='ett tal: "1 332,7", "-61,0", 1332.7; "" eller null tömmer')]
Figures = Annotated[dict[Annotated[str, Field(max_length=40)], Figure],
                    Field(default_factory=dict, max_length=20, description="kolumnens nyckel -> talet")]
Text = Annotated[str, Field(max_length=20_000)]
Label = Annotated[str, Field(min_length=1, max_length=300)]
RowKindCode = Literal["data", "varav", "total", "group"]
Cell = Annotated[StrictStr, Field(max_length=200, description='cellen som rapporten skriver den: "-61,0", '
                                                              '"29,9 %", "" för en tom cell')]
Cells = Annotated[list[Cell], Field(max_length=50, description="en cell per kolumn (tabeller av typen tryckt)")]
Header = Annotated[str, Field(max_length=300)]
Headers = Annotated[list[Header], Field(max_length=50, description="kolumnrubrikerna som rapporten skriver dem "
                                                                   "(tabeller av typen tryckt)")]
RequestCode = Literal["budgetjustering", "omslutningsförändring", "resultatöverföring"]


class ColumnOut(Schema):
    key: str
    typed: bool = Field(description="skrivs av nämnden (annars räknas den fram)")
    periods: list[str]
    header: str = Field(description="rubriken, med {year}, {previous}, {next} och {months} för dokumentets "
                                    "år och period")


class KindOut(Schema):
    kind: str
    title: str
    unit: str
    periods: list[str] = Field(description="dokumenten (VP, T1, T2, VB) som har tabellen")
    deviation: str = Field(description="hur den framräknade kolumnen räknas")
    total_label: str
    request: str = Field(description="en rad i tabellen är en begäran som blir en beslutspunkt")
    columns: list[ColumnOut]


class RowOut(Schema):
    id: int
    label: str
    kind: str
    values: dict[str, float | None] = Field(description="kolumnens nyckel -> talet (i en tryckt tabell "
                                                         'kolumnens plats: "0", "1", …)')
    cells: list[str] = Field(description="talen som rapporten skriver dem (i en tryckt tabell cellerna som "
                                         "de sparades)")
    text: str
    decision_number: int | None = None


class TableOut(Schema):
    id: int
    report_id: int
    kind: str = Field(description='tabelltypen; "tryckt" för en tabell som rapporten skriver den (inläst '
                                  "eller gjord så): fria kolumner, summor som tryckta")
    title: str
    section: str
    unit: str
    stub: str
    columns: list[str]
    keys: list[str]
    text: str
    version: int
    rows: list[RowOut]


class RowChange(Schema):
    id: Id
    values: Figures
    text: Text | None = None


class TableChange(Schema):
    version: int = Field(description="tabellens version när du läste den")
    rows: list[RowChange] = Field(default_factory=list, max_length=2000,
                                  description="typade tal (inte för tabeller av typen tryckt)")
    text: Text | None = None
    note: Annotated[str, Field(max_length=500)] = ""
    title: Header | None = Field(None, description="bara tabeller av typen tryckt; null behåller")
    section: Header | None = None
    unit: Annotated[str, Field(max_length=10)] | None = None
    stub: Header | None = None
    columns: Headers | None = Field(None, description="bara tryckt: fler kolumner ger tomma celler, en "
                                                      "borttagen kolumn ska vara tom")


class TableIn(Schema):
    kind: str = Field(description='en typ från /kinds, eller "tryckt" med columns')
    title: Header = ""
    columns: Headers = Field(default_factory=list)
    section: Header = ""
    unit: Annotated[str, Field(max_length=10)] = ""
    stub: Header = ""
    text: Text = ""


class RowIn(Schema):
    version: int
    label: Annotated[str, Field(max_length=300)] = Field(description="radens namn (tomt bara i en tryckt tabell)")
    kind: RowKindCode | None = Field(None, description="utelämnad: data, eller i en tryckt tabell läst ur namnet "
                                                       "som vid import")
    values: Figures
    cells: Cells | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] | None = Field(
        None, description="bara tryckt: radens plats (0 först); utelämnad sist")
    text: Text = ""


class RowPatch(Schema):
    version: int
    label: Annotated[str, Field(max_length=300)] | None = None
    kind: RowKindCode | None = None
    cells: Cells | None = None
    text: Text | None = None
    position: Annotated[int, Field(ge=0, le=10_000)] | None = Field(None, description="flytta raden hit (0 först)")


Targets = Annotated[list[Id], Field(max_length=4, description=(
    "en budgetjustering: raderna (id) i driftbudgeten, ett verksamhetsområde, investeringarna eller "
    "lokaländamålen – högst en per tabell – vars kolumn för budgetjusteringar får beloppet"))]


class RequestIn(Schema):
    request: RequestCode
    label: Label
    amount: Figure = Field(description="belopp i mnkr")
    rows: Targets = Field(default_factory=list)


class RequestChange(Schema):
    version: int
    label: Label | None = None
    amount: Figure = None
    rows: Targets | None = Field(None, description="null behåller raderna, [] tar bort beloppet ur dem")


class RequestOut(Schema):
    id: int
    request: str
    row_id: int
    table_id: int
    decision_id: int
    decision_number: int
    decision_text: str
    amount: float
    rows: list[int] = Field(description="raderna vars kolumn för budgetjusteringar har beloppet")


def _errors(problems: list[str], code="invalid") -> dict:
    return {"detail": "Inget sparades.", "errors": [{"row": 0, "problem": p, "code": code, "column": ""}
                                                     for p in problems]}


def _fail(error: Exception):
    if isinstance(error, PermissionDenied):
        return Status(403, {"detail": str(error) or "Du får inte ändra det här.", "errors": []})
    if isinstance(error, EditConflict):
        return Status(409, {"detail": "Tabellen har ändrats sedan du läste den (version "
                                      f"{error.current.version}); läs den igen.", "errors": []})
    return Status(422, _errors(error.problems))


FAILURES = (PermissionDenied, EditConflict, economy.EconomyError)
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422)}


def _table_out(table: models.EconomyTable) -> dict:
    spec = economy.spec_of(table)
    keys = [c.key for c in economy.columns_of(table)] if spec else []
    rows = []
    for row in table.rows.select_related("request__decision"):
        values = [None if v is None else float(v) for v in row.values]
        request = getattr(row, "request", None)
        cells = list(row.raw) if spec is None else [
            "" if v is None else et.format_figure(v, table.unit) for v in row.values]
        rows.append({"id": row.pk, "label": row.label, "kind": row.kind, "text": row.text,
                     "values": dict(zip(keys or [str(i) for i in range(len(values))], values)), "cells": cells,
                     "decision_number": request.decision.number if request else None})
    return {"id": table.pk, "report_id": table.report_id, "kind": table.kind or ep.PRINTED, "title": table.title,
            "section": table.section, "unit": table.unit, "stub": table.stub, "columns": list(table.columns),
            "keys": keys, "text": table.text, "version": table.version, "rows": rows}


def _readable_table(request, table_id: int) -> models.EconomyTable:
    return get_object_or_404(models.EconomyTable.objects.select_related("report__committee").filter(
        report__in=readable_reports(request.auth).values("pk")), pk=table_id)


def _readable_report(request, report_id: int) -> models.Report:
    return get_object_or_404(readable_reports(request.auth), pk=report_id)


@router.get("/kinds", response={200: list[KindOut], **ERRORS},
            summary="Tabelltyperna: kolumner, vad som skrivs och räknas fram, vilka dokument")
def kinds(request):
    return [{"kind": s.kind.value, "title": s.title, "unit": s.unit,
             "periods": [p.value for p in Period if p in s.periods],
             "deviation": s.deviation.value, "total_label": s.total_label, "request": s.request,
             "columns": [{"key": c.key, "typed": c.typed, "header": c.header,
                          "periods": [p.value for p in Period if p in c.periods]} for c in s.columns]}
            for s in et.SPECS.values()]


@router.get("/reports/{report_id}/tables", response={200: list[TableOut], **ERRORS},
            summary="En rapports ekonomitabeller med rader")
def report_tables(request, report_id: Id):
    report = _readable_report(request, report_id)
    return [_table_out(t) for t in report.economy_tables.select_related("report")]


@router.post("/reports/{report_id}/tables", response={201: TableOut, **ERRORS},
             summary="Ny tabell av en typ dokumentet har, eller en tryckt tabell med egna kolumner")
def create_table(request, report_id: Id, payload: TableIn):
    report = _readable_report(request, report_id)
    try:
        if payload.kind == ep.PRINTED:
            table = economy_printed.add_table(request.auth, report, payload.title, payload.columns, payload.section,
                                              payload.unit, payload.stub, payload.text)
        elif payload.columns or payload.section or payload.unit or payload.stub or payload.text:
            raise economy.EconomyError([f"Tabelltyp {payload.kind!r}: kolumner, avsnitt, enhet, förspalt och "
                                        "text ges bara för en tryckt tabell; typens kolumner är fasta"])
        else:
            table = economy.add_table(request.auth, report, payload.kind, payload.title)
    except FAILURES as error:
        return _fail(error)
    return Status(201, _table_out(table))


@router.get("/tables/{table_id}", response={200: TableOut, **ERRORS}, summary="En ekonomitabell")
def get_table(request, table_id: Id):
    return _table_out(_readable_table(request, table_id))


@router.patch("/tables/{table_id}", response={200: TableOut, **ERRORS},
              summary="Skriv tal och texter (allt eller inget); avvikelser och summor räknas fram. En tryckt "
                      "tabell: rubrik, avsnitt, enhet, förspalt, kolumner och text")
def change_table(request, table_id: Id, payload: TableChange):
    table = _readable_table(request, table_id)
    head = {name: getattr(payload, name) for name in ("title", "section", "unit", "stub", "columns")}
    try:
        if economy_printed.is_printed(table):
            if payload.rows:
                raise economy.EconomyError(["En tryckt tabells rader ändras en i taget: "
                                            "PATCH /api/economy/tables/{id}/rows/{rad}"])
            economy_printed.change_table(request.auth, table, payload.version, text=payload.text, **head)
        elif any(v is not None for v in head.values()):
            raise economy.EconomyError(["Rubrik, avsnitt, enhet, förspalt och kolumner ändras bara i en tryckt "
                                        "tabell; den här tabellens typ bestämmer dem"])
        else:
            values = {r.id: {k: ("" if v is None else v) for k, v in r.values.items()}
                      for r in payload.rows if r.values}
            texts = {r.id: r.text for r in payload.rows if r.text is not None}
            economy.update_table(request.auth, table, payload.version, values, texts, payload.text,
                                 note=payload.note or "API")
    except FAILURES as error:
        return _fail(error)
    return _table_out(_readable_table(request, table_id))


@router.post("/tables/{table_id}/rows", response={201: TableOut, **ERRORS},
             summary="Ny rad (ovanför tabellens summa); i en tryckt tabell med sina celler, där position säger")
def create_row(request, table_id: Id, payload: RowIn):
    table = _readable_table(request, table_id)
    try:
        if economy_printed.is_printed(table):
            if payload.values:
                raise economy.EconomyError(["En tryckt tabells rad har cells (en per kolumn), inte values"])
            economy_printed.add_row(request.auth, table, payload.version, payload.label, payload.cells or [],
                                    payload.kind, payload.position, payload.text)
        elif payload.cells is not None or payload.position is not None:
            raise economy.EconomyError(["cells och position gäller bara en tryckt tabell; skriv values"])
        else:
            economy.add_row(request.auth, table, payload.version, payload.label, payload.kind or "data",
                            {k: ("" if v is None else v) for k, v in payload.values.items()}, payload.text)
    except FAILURES as error:
        return _fail(error)
    return Status(201, _table_out(_readable_table(request, table_id)))


@router.patch("/tables/{table_id}/rows/{row_id}", response={200: TableOut, **ERRORS},
              summary="Ändra en rad i en tryckt tabell: namn, radtyp, celler, text, eller flytta den")
def change_row(request, table_id: Id, row_id: Id, payload: RowPatch):
    table = _readable_table(request, table_id)
    try:
        economy_printed.change_row(request.auth, table, payload.version, row_id, label=payload.label,
                                   cells=payload.cells, kind=payload.kind, text=payload.text,
                                   position=payload.position)
    except FAILURES as error:
        return _fail(error)
    return _table_out(_readable_table(request, table_id))


@router.delete("/tables/{table_id}/rows/{row_id}", response={200: TableOut, **ERRORS}, summary="Ta bort en rad")
def delete_row(request, table_id: Id, row_id: Id, version: int):
    table = _readable_table(request, table_id)
    try:
        economy.remove_row(request.auth, table, version, row_id)
    except FAILURES as error:
        return _fail(error)
    return _table_out(_readable_table(request, table_id))


def _request_out(made: models.EconomyRequest) -> dict:
    made = models.EconomyRequest.objects.select_related("row", "decision").get(pk=made.pk)
    return {"id": made.pk, "request": made.kind, "row_id": made.row_id, "table_id": made.row.table_id,
            "decision_id": made.decision_id, "decision_number": made.decision.number,
            "decision_text": made.decision.text, "amount": float(made.decision.amount),
            "rows": sorted(made.targets.values_list("pk", flat=True))}


@router.post("/reports/{report_id}/requests", response={201: RequestOut, **ERRORS},
             summary="Ny begäran: en rad i sin tabell och en beslutspunkt med samma belopp")
def create_request(request, report_id: Id, payload: RequestIn):
    report = _readable_report(request, report_id)
    try:
        made = economy.make_request(request.auth, report, payload.request, payload.label, payload.amount,
                                    payload.rows)
    except FAILURES as error:
        return _fail(error)
    return Status(201, _request_out(made))


def _readable_request(request, request_id: int) -> models.EconomyRequest:
    return get_object_or_404(models.EconomyRequest.objects.filter(
        row__table__report__in=readable_reports(request.auth).values("pk")), pk=request_id)


@router.patch("/requests/{request_id}", response={200: RequestOut, **ERRORS},
              summary="Ändra en begäran: raden och beslutspunkten ändras tillsammans")
def change_request(request, request_id: Id, payload: RequestChange):
    made = _readable_request(request, request_id)
    try:
        economy.change_request(request.auth, made, payload.version, payload.label, payload.amount, payload.rows)
    except FAILURES as error:
        return _fail(error)
    return _request_out(made)


@router.delete("/requests/{request_id}", response={204: None, **ERRORS},
               summary="Ta bort en begäran med dess beslutspunkt (senare punkter flyttas upp)")
def delete_request(request, request_id: Id, version: int):
    made = _readable_request(request, request_id)
    try:
        economy.remove_request(request.auth, made, version)
    except FAILURES as error:
        return _fail(error)
    return Status(204, None)
