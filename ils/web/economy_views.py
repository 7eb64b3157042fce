"""The economy of a document in the app: a page per table where figures are typed, the requests that
are both a row and a decision, new tables, and the CSV/XLSX import of figures.

Checked on the server before any input is read: a report the person may not read answers 404, one
they may not change 403. Writes go through ils.persistence.economy. While someone types, htmx posts
the form to `economy_compute`, which answers the deviations and totals the domain computes as
out-of-band swaps; without JavaScript the same figures appear after saving.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ils.domain import economy_printed as ep
from ils.domain import economy_tables as et
from ils.domain.checks.economy import check_totals
from ils.domain.economics import RowKind
from ils.domain.model import Period
from ils.persistence import docparts, economy, economy_import, economy_printed, models
from ils.persistence.access import readable_reports
from ils.persistence.editing import EditConflict

MAX_BYTES = 5 * 1024 * 1024
SESSION_KEY = "economy_import"
REQUEST_LABELS = {"budgetjustering": "Budgetjustering", "omslutningsförändring": "Omslutningsförändring",
                  "resultatöverföring": "Resultatöverföring"}


@dataclass
class Cell:
    name: str  # the input's name (typed) or the output's id (computed)
    header: str
    typed: bool
    value: str = ""  # what the input holds
    text: str = ""  # the figure as printed
    error: str = ""


@dataclass
class RowView:
    pk: int
    label: str
    kind: str
    cells: list[Cell] = field(default_factory=list)
    text: str = ""
    request: object = None
    targets: frozenset[int] = frozenset()  # a budgetjustering's rows in the driftbudget, investeringar, …


def _table(request, pk) -> models.EconomyTable:
    table = get_object_or_404(models.EconomyTable.objects.select_related("report__committee"), pk=pk)
    if not readable_reports(request.user).filter(pk=table.report_id).exists():
        raise Http404("Finns inte")  # a draft of another committee does not show that it exists
    return table


def _editable(request, table: models.EconomyTable, printed: bool = False) -> None:
    """The person may change the table, and it is of the kind the view writes (typed or printed)."""
    if not economy.may_edit(request.user, table.report) or economy_printed.is_printed(table) != printed:
        raise PermissionDenied("Du får inte ändra den här tabellen.")


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _input_name(row_pk: int, key: str) -> str:
    return f"r{row_pk}-{key}"


def _rows(table: models.EconomyTable, computed=None, typed: dict | None = None, errors: dict | None = None):
    columns = economy.columns_of(table)
    period = Period(table.report.period)
    stored = list(table.rows.select_related("request__decision"))
    computed = computed or [(r.pk, economy.domain_row(r)) for r in stored]
    views = []
    for row, (_, domain) in zip(stored, computed):
        view = RowView(row.pk, row.label, row.kind, text=row.text, request=getattr(row, "request", None))
        if view.request is not None:
            view.targets = frozenset(view.request.targets.values_list("pk", flat=True))
        for i, column in enumerate(columns):
            value = domain.values[i] if i < len(domain.values) else None
            text = "" if value is None else et.format_figure(value, table.unit)
            header = column.title(table.report.year, period)
            if column.typed and row.kind in (RowKind.DATA, RowKind.VARAV) and view.request is None:
                name = _input_name(row.pk, column.key)
                shown = (typed or {}).get(name, text)
                view.cells.append(Cell(name, header, True, value=shown, text=text,
                                       error=(errors or {}).get(name, "")))
            else:
                view.cells.append(Cell(f"c{row.pk}-{i}", header, False, text=text))
        views.append(view)
    return views


def _posted_targets(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("rad") if v.isdigit()]


def _posted_values(request, table: models.EconomyTable) -> tuple[dict[int, dict[str, str]], dict[str, str]]:
    """row id -> column key -> text for every typed input the form sent, and the same by input name."""
    columns = [c for c in economy.columns_of(table) if c.typed]
    values, by_name = {}, {}
    for row in table.rows.filter(kind__in=(RowKind.DATA, RowKind.VARAV), request__isnull=True):
        for column in columns:
            name = _input_name(row.pk, column.key)
            if name in request.POST:
                values.setdefault(row.pk, {})[column.key] = request.POST[name][:100]
                by_name[name] = request.POST[name][:100]
    return values, by_name


def _field_errors(problems: list[str], table: models.EconomyTable) -> dict[str, str]:
    """Each problem at its input: economy's messages start with the row's name and the column key."""
    errors = {}
    for row in table.rows.all():
        for column in economy.columns_of(table):
            prefix = f"{row.label}, {column.key}:"
            for problem in problems:
                if problem.startswith(prefix):
                    errors[_input_name(row.pk, column.key)] = problem.removeprefix(prefix).strip()
    return errors


@dataclass
class PrintedRow:
    pk: int
    label: str
    kind: str
    cells: list[tuple[str, str]]  # (column header, the cell as printed)


def _printed_rows(table: models.EconomyTable) -> list[PrintedRow]:
    columns = list(table.columns)
    return [PrintedRow(row.pk, row.label, row.kind, list(zip(columns, list(row.raw) + [""] * len(columns))))
            for row in table.rows.all()]


def _page(request, table, status=200, typed=None, errors=None, problems=(), computed=None):
    spec = economy.spec_of(table)
    printed = economy_printed.is_printed(table)
    editable = economy.may_edit(request.user, table.report) and (spec is not None or printed)
    return render(request, "ils/economy_table.html", {
        "table": table, "report": table.report, "spec": spec, "editable": editable, "printed": printed,
        "printed_rows": _printed_rows(table) if printed else [],
        "notices": [f.message for f in check_totals(economy.domain_table(table))] if printed else [],
        "new_cells": [(h, "") for h in table.columns], "columns_text": "\n".join(table.columns),
        "requests_editable": editable and docparts.can_edit_parts(request.user, table.report),
        "targets": economy.request_targets(table.report) if spec and spec.request == "budgetjustering" else [],
        "rows": _rows(table, computed, typed, errors) if spec else [],
        "headers": spec.headers(table.report.year, Period(table.report.period)) if spec else table.columns,
        "problems": problems, "row_kinds": economy.ROW_KINDS.items(),
        "history": reverse("history", args=["ekonomi", table.pk]),
    }, status=status)


@login_required
def economy_table(request, pk):
    table = _table(request, pk)
    if request.method != "POST":
        return _page(request, table)
    _editable(request, table)
    values, typed = _posted_values(request, table)
    texts = {row.pk: request.POST[f"t{row.pk}"] for row in table.rows.all() if f"t{row.pk}" in request.POST}
    version = _version(request)
    try:
        economy.update_table(request.user, table, version, values, texts, request.POST.get("text"))
    except economy.EconomyError as error:
        return _page(request, table, 422, typed, _field_errors(error.problems, table), error.problems)
    except EditConflict:
        messages.error(request, "Någon annan har sparat tabellen sedan du öppnade den. Här är tabellen som den är "
                                "nu; skriv in dina ändringar igen.")
        return _page(request, table, 409)
    messages.success(request, "Tabellen är sparad.")
    return redirect("economy_table", pk=table.pk)


def _changed(request, table: models.EconomyTable, change) -> HttpResponseRedirect:
    """Run a change of the table's form (it answers the success message, or "" for none) and go back
    to the table's page, with every problem or a conflict as the message instead."""
    try:
        done = change()
        if done:
            messages.success(request, done)
    except economy.EconomyError as error:
        messages.error(request, "Inget ändrades: " + "; ".join(error.problems))
    except EditConflict:
        messages.error(request, "Någon annan har ändrat tabellen under tiden; försök igen.")
    return redirect("economy_table", pk=table.pk)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


@login_required
@require_POST
def economy_printed_head(request, pk):
    """A printed table's headings, column headers (one a line) and text."""
    table = _table(request, pk)
    _editable(request, table, printed=True)
    post = request.POST

    def change():
        economy_printed.change_table(request.user, table, _version(request), title=post.get("title", "")[:400],
                                     section=post.get("section", "")[:400], unit=post.get("unit", "")[:20],
                                     stub=post.get("stub", "")[:400], columns=_lines(post.get("columns", "")[:20_000]),
                                     text=post.get("text", "")[:30_000])
        return "Tabellen är sparad."
    return _changed(request, table, change)


@login_required
@require_POST
def economy_printed_row(request, pk):
    """Add a row to a printed table, or save, move up or down, or remove one (the button's "steg")."""
    table = _table(request, pk)
    _editable(request, table, printed=True)
    post, version = request.POST, _version(request)
    cells = [post.get(f"c{i}", "")[:100] for i in range(len(table.columns))]
    rows = list(table.rows.values_list("pk", flat=True))
    row_id = int(post["rad"]) if post.get("rad", "").isdigit() else None
    step = post.get("steg", "spara")

    def change():
        if row_id is None:
            economy_printed.add_row(request.user, table, version, post.get("label", "")[:400], cells,
                                    post.get("kind") or None)
            return "Raden är tillagd."
        if step == "ta_bort":
            economy.remove_row(request.user, table, version, row_id)
            return "Raden är borttagen."
        if step in ("upp", "ner") and row_id in rows:
            position = rows.index(row_id) + (-1 if step == "upp" else 1)
            economy_printed.change_row(request.user, table, version, row_id, position=max(0, position))
            return ""
        economy_printed.change_row(request.user, table, version, row_id, label=post.get("label", "")[:400],
                                   cells=cells, kind=post.get("kind") or None)
        return "Raden är sparad."
    return _changed(request, table, change)


@login_required
@require_POST
def economy_compute(request, pk):
    """The deviations and totals for the figures in the form, computed by the domain; saves nothing."""
    table = _table(request, pk)
    _editable(request, table)
    values, typed = _posted_values(request, table)
    computed, problems = economy.preview(table, values)
    errors = _field_errors(problems, table)
    rows = _rows(table, computed, typed, errors)
    return render(request, "ils/_economy_cells.html", {"rows": rows})


@login_required
@require_POST
def economy_rows(request, pk):
    """Add a row or remove one."""
    table = _table(request, pk)
    _editable(request, table)
    version = _version(request)

    def change():
        if request.POST.get("ta_bort"):
            row_id = request.POST["ta_bort"]
            economy.remove_row(request.user, table, version, int(row_id) if row_id.isdigit() else 0)
            return "Raden är borttagen."
        economy.add_row(request.user, table, version, request.POST.get("label", "")[:400],
                        request.POST.get("kind", "data"))
        return "Raden är tillagd."
    return _changed(request, table, change)


def _report(request, pk) -> models.Report:
    report = get_object_or_404(readable_reports(request.user), pk=pk)
    if not economy.may_edit(request.user, report):
        raise PermissionDenied("Du får inte ändra ekonomin i det här dokumentet.")
    return report


@login_required
@require_POST
def economy_new_table(request, pk):
    report = _report(request, pk)
    kind, title = request.POST.get("kind", ""), request.POST.get("title", "")[:400]
    try:
        if kind == ep.PRINTED:
            table = economy_printed.add_table(request.user, report, title,
                                              _lines(request.POST.get("columns", "")[:20_000]))
        else:
            table = economy.add_table(request.user, report, kind, title)
    except economy.EconomyError as error:
        messages.error(request, "; ".join(error.problems))
        return redirect(reverse("report", args=[report.pk]) + "#ekonomi")
    messages.success(request, f"Tabellen {table.title} är skapad.")
    return redirect("economy_table", pk=table.pk)


@login_required
@require_POST
def economy_new_request(request, pk):
    report = _report(request, pk)
    if not docparts.can_edit_parts(request.user, report):
        raise PermissionDenied("En begäran blir en beslutspunkt: bara nämndens controller lägger till den.")
    try:
        made = economy.make_request(request.user, report, request.POST.get("request", ""),
                                    request.POST.get("label", "")[:400], request.POST.get("amount", "")[:100],
                                    _posted_targets(request))
    except economy.EconomyError as error:
        messages.error(request, "Begäran sparades inte: " + "; ".join(error.problems))
        return redirect(reverse("report", args=[report.pk]) + "#ekonomi")
    messages.success(request, f"Begäran är beslutspunkt {made.decision.number}: {made.decision.text}")
    return redirect("economy_table", pk=made.row.table_id)


@login_required
@require_POST
def economy_request(request, pk):
    """Change a request's row and decision together, or remove both."""
    made = get_object_or_404(models.EconomyRequest.objects.select_related("row__table__report"), pk=pk)
    table = _table(request, made.row.table_id)
    _editable(request, table)
    if not docparts.can_edit_parts(request.user, table.report):
        raise PermissionDenied("En begäran är en beslutspunkt: bara nämndens controller ändrar den.")
    version = _version(request)

    def change():
        if request.POST.get("steg") == "ta_bort":
            economy.remove_request(request.user, made, version)
            return "Begäran och dess beslutspunkt är borttagna."
        economy.change_request(request.user, made, version, request.POST.get("label", "")[:400],
                               request.POST.get("amount", "")[:100],
                               _posted_targets(request) if made.kind == "budgetjustering" else None)
        return "Begäran och beslutspunkten är ändrade."
    return _changed(request, table, change)


@login_required
def economy_import_view(request, pk):
    report = _report(request, pk)
    if request.method == "POST" and request.POST.get("steg") == "importera":
        return _import(request, report)
    if request.method == "POST":
        return _preview(request, report)
    request.session.pop(SESSION_KEY, None)
    return _import_page(request, report)


def _import_page(request, report, plan=None, name="", problem="", failed=False, status=200):
    return render(request, "ils/economy_import.html", {
        "report": report, "plan": plan, "name": name, "problem": problem, "failed": failed,
        "ready": bool(plan and not plan.errors and plan.changed and not failed)},
        status=422 if problem else status)


def _preview(request, report):
    upload = request.FILES.get("fil")
    if upload is None:
        return _import_page(request, report, problem="Välj en CSV- eller XLSX-fil.")
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return _import_page(request, report, problem=f"{upload.name}: filen är större än 5 MB.")
    try:
        plan = economy_import.plan(request.user, report, upload.name, content)
    except economy_import.FileError as error:
        return _import_page(request, report, problem=f"{upload.name}: {error}")
    if not plan.errors and plan.changed:
        request.session[SESSION_KEY] = {"report": report.pk, "name": upload.name,
                                        "content": base64.b64encode(content).decode(),
                                        "versions": {str(k): v for k, v in plan.versions.items()}}
    return _import_page(request, report, plan, upload.name, status=422 if plan.errors else 200)


def _import(request, report):
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or pending.get("report") != report.pk:
        return _import_page(request, report, problem="Ingen förhandsgranskad fil väntar: välj filen igen.")
    name, content = pending["name"], base64.b64decode(pending["content"])
    try:
        plan = economy_import.plan(request.user, report, name, content)
        written = economy_import.apply(request.user, report, plan,
                                       {int(k): v for k, v in pending["versions"].items()}, f"Import från {name}")
    except economy_import.ImportRejected as rejected:
        plan = economy_import.ImportPlan(errors=rejected.errors)
        return _import_page(request, report, plan, name, failed=True, status=409)
    except economy_import.FileError as error:
        return _import_page(request, report, problem=f"{name}: {error}")
    messages.success(request, f"{name}: {written} värde{'n' if written != 1 else ''} sparades.")
    return redirect(reverse("report", args=[report.pk]) + "#ekonomi")
