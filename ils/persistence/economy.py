"""Every change to a report's economy tables, and the requests that are both a row and a decision.

As `persistence.editing`: permission first (the committee's controllers and writers, on a draft),
then the table's version (optimistic locking, `EditConflict`), then the input, then one audit entry
per changed figure or text, all in one transaction. Only typed cells are written; deviations and
totals are computed by `ils.domain.economy_tables` on every write, so they are never typed.

A request (budgetjustering, omslutningsförändring, resultatöverföring) is a row of its table and a
numbered decision item with the same amount (`models.EconomyRequest` links them); they are made,
changed and removed together.
"""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max

from ils.domain import economy_tables as et
from ils.domain.economics import EconomyRow, EconomyTable, RowKind
from ils.domain.model import Period
from ils.domain.workflow import Role, Status

from . import access, docparts, models
from .editing import Change, EditConflict, audit_text

ITEM_TYPE = "ekonomi"
MAX_LABEL = 300
MAX_TEXT = 20_000
MAX_FIGURE = Decimal("1e12")
ROW_KINDS = {RowKind.DATA.value: "rad", RowKind.VARAV.value: "varav-rad", RowKind.TOTAL.value: "summa",
             RowKind.GROUP.value: "rubrik"}


PRINTED_REFUSAL = ("Tabellen är tryckt (som rapporten skriver den): ändra dess rader och celler, "
                   "inga tal räknas fram i den.")


class EconomyError(ValueError):
    """Input that cannot be saved; ``problems`` lists each with the row and column it concerns."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def may_edit(user, report: models.Report) -> bool:
    """The committee's controllers and administrators, and its writers not limited to some goals,
    change the economy of a draft."""
    if report.status != Status.DRAFT:
        return False
    roles = access.editing_roles(user, report)
    if roles & {Role.ADMIN, Role.CONTROLLER}:
        return True
    return Role.WRITER in roles and any(
        not m.goals for m in access.memberships(user)
        if m.role == Role.WRITER and m.committee_id in (None, report.committee_id))


def refuse_edit(user, report: models.Report) -> None:
    if not may_edit(user, report):
        if report.status == Status.LOCKED:
            raise PermissionDenied("Dokumentet är låst: ekonomin kan inte ändras.")
        raise PermissionDenied("Du får inte ändra ekonomin i det här dokumentet, eller så är det inte ett utkast.")


def _refuse_request(user, report: models.Report) -> None:
    """A request is also a decision item: the committee's controller (or an administrator) makes it."""
    refuse_edit(user, report)
    docparts.check_can_edit(user, report)


def spec_of(table: models.EconomyTable) -> et.TableSpec | None:
    return et.SPECS.get(et.TableKind(table.kind)) if table.kind in et.TableKind._value2member_map_ else None


def columns_of(table: models.EconomyTable) -> list[et.Column]:
    return spec_of(table).columns_for(Period(table.report.period))


def domain_row(row: models.EconomyRow) -> EconomyRow:
    return EconomyRow(row.label, [None if v is None else Decimal(v) for v in row.values], row.line,
                      RowKind(row.kind), raw=list(row.raw), text=row.text)


def domain_table(table: models.EconomyTable) -> EconomyTable:
    """A stored table as the domain sees it (as `store.load_document` gives it), for its checks."""
    return EconomyTable(title=table.title, columns=list(table.columns), rows=[domain_row(r) for r in table.rows.all()],
                        line=table.line, unit=table.unit, section=table.section, stub=table.stub, kind=table.kind,
                        text=table.text)


def stored_figure(value: Decimal | None) -> str | None:
    """As store.save_document keeps figures: the decimals as written ("14.0" prints "14,0")."""
    return None if value is None else str(value)


def locked_table(table: models.EconomyTable) -> models.EconomyTable:
    return models.EconomyTable.objects.select_for_update().select_related("report__committee").get(pk=table.pk)


def check_version(table: models.EconomyTable, version: int | None) -> None:
    if version is None or table.version != version:
        raise EditConflict(table, {"version": str(table.version)}, {"version": str(version)})


def parse_figures(values: dict, columns: list[et.Column], where: str, problems: list[str]) -> dict[str, Decimal | None]:
    typed = {c.key: c for c in columns if c.typed}
    headers = {c.key: c.header for c in columns}
    parsed = {}
    for key, raw in values.items():
        if key not in typed:
            problems.append(f"{where}: kolumnen {key!r} " + (
                "räknas fram och skrivs inte" if key in headers else "finns inte i tabellen"))
            continue
        try:
            value = et.parse_figure(raw)
        except et.FigureError as error:
            problems.append(f"{where}, {key}: {error}")
            continue
        if value is not None and abs(value) >= MAX_FIGURE:
            problems.append(f"{where}, {key}: talet är för stort")
            continue
        parsed[key] = value
    return parsed


def preview(table: models.EconomyTable, values: dict[int, dict]) -> tuple[list[tuple[int, EconomyRow]], list[str]]:
    """The table's rows as they would be with ``values`` (row id -> column key -> text), computed by
    the domain; writes nothing (the form's live totals and deviations)."""
    columns = columns_of(table)
    rows = list(table.rows.all())
    problems: list[str] = []
    domain = []
    for row in rows:
        current = domain_row(row)
        if row.pk in values and row.kind in (RowKind.DATA, RowKind.VARAV):
            parsed = parse_figures(values[row.pk], columns, row.label or f"rad {row.pk}", problems)
            current.values = [parsed.get(c.key, current.values[i] if i < len(current.values) else None)
                              for i, c in enumerate(columns)]
        domain.append(current)
    computed = et.compute(spec_of(table), Period(table.report.period), domain)
    return list(zip([r.pk for r in rows], computed)), problems


def _save_rows(user, table: models.EconomyTable, rows: list[models.EconomyRow], computed: list[EconomyRow],
               note: str, skip_audit: set[int] = frozenset()) -> list[Change]:
    columns = columns_of(table)
    changes: list[Change] = []
    audit = []
    for row, new in zip(rows, computed):
        stored = [stored_figure(v) for v in new.values]
        if stored == list(row.values):
            continue
        if row.pk not in skip_audit and row.kind in (RowKind.DATA, RowKind.VARAV):
            for i, column in enumerate(columns):
                before = row.values[i] if i < len(row.values) else None
                if column.typed and before != stored[i]:
                    title = column.title(table.report.year, Period(table.report.period))
                    change = Change(title, audit_text(None if before is None else Decimal(before)), audit_text(new.values[i]))
                    changes.append(Change(f"{row.label}: {title}", change.before, change.after))
                    audit.append((row.label, change))
        models.EconomyRow.objects.filter(pk=row.pk).update(values=stored)
    audit_table(user, table, audit, note)
    return changes


def audit_table(user, table: models.EconomyTable, changes: list[tuple[str, Change]], note: str = "") -> None:
    """One entry per change; the row it concerns goes in the entry's comment ("Rad: Äldreomsorg")."""
    models.AuditEntry.objects.bulk_create(
        models.AuditEntry(report=table.report, user=user, item_type=ITEM_TYPE, item_id=table.pk,
                          field=c.field[:40], before=c.before, after=c.after,
                          note="; ".join(n for n in (f"Rad: {label}" if label else "", note) if n))
        for label, c in changes)


def _recompute(user, table: models.EconomyTable, note: str = "", skip_audit=frozenset()) -> list[Change]:
    if spec_of(table) is None:
        return []  # a printed table: its totals are as printed, never computed
    rows = list(table.rows.all())
    computed = et.compute(spec_of(table), Period(table.report.period), [domain_row(r) for r in rows])
    return _save_rows(user, table, rows, computed, note, skip_audit)


def bump_version(table: models.EconomyTable) -> None:
    models.EconomyTable.objects.filter(pk=table.pk).update(version=F("version") + 1)
    table.version += 1


def checked_text(value, what: str, limit: int, problems: list[str]) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        problems.append(f"{what}: nolltecken (U+0000) är inte tillåtet")
    elif len(text) > limit:
        problems.append(f"{what}: högst {limit} tecken")
    return text


@transaction.atomic
def update_table(user, table: models.EconomyTable, version: int | None, values: dict[int, dict] | None = None,
                 texts: dict[int, str] | None = None, text: str | None = None, note: str = "") -> list[Change]:
    """Write typed figures (row id -> column key -> text, "" empties a cell), each row's text and the
    table's text; every computed cell follows. All or nothing: any bad figure, a row of another
    table or a request's amount (changed with `change_request`) refuses the whole change."""
    current = locked_table(table)
    refuse_edit(user, current.report)
    if spec_of(current) is None:
        raise PermissionDenied(PRINTED_REFUSAL)
    check_version(current, version)
    rows = {r.pk: r for r in current.rows.select_related("request")}
    problems: list[str] = []
    values, texts = values or {}, texts or {}
    for pk in [*values, *texts]:
        if pk not in rows:
            problems.append(f"rad {pk} hör inte till tabellen {current.title!r}")
    for pk, row_values in values.items():
        if pk in rows and row_values and hasattr(rows[pk], "request"):
            problems.append(f"{rows[pk].label}: beloppet är en begäran i besluten; ändra begäran")
        elif pk in rows and row_values and rows[pk].kind not in (RowKind.DATA, RowKind.VARAV):
            problems.append(f"{rows[pk].label}: en {ROW_KINDS[rows[pk].kind]} räknas fram och skrivs inte")
    checked_texts = {pk: checked_text(t, f"{rows[pk].label}, text", MAX_TEXT, problems)
                     for pk, t in texts.items() if pk in rows}
    table_text = None if text is None else checked_text(text, "Tabellens text", MAX_TEXT, problems)
    computed, parse_problems = preview(current, {pk: v for pk, v in values.items() if pk in rows})
    problems += parse_problems
    if problems:
        raise EconomyError(problems)
    changes = _save_rows(user, current, [rows[pk] for pk, _ in computed], [r for _, r in computed], note)
    text_changes = []
    for pk, new_text in checked_texts.items():
        if new_text != rows[pk].text:
            text_changes.append((rows[pk].label, Change("text", rows[pk].text, new_text)))
            models.EconomyRow.objects.filter(pk=pk).update(text=new_text)
    if table_text is not None and table_text != current.text:
        text_changes.append(("", Change("text", current.text, table_text)))
        models.EconomyTable.objects.filter(pk=current.pk).update(text=table_text)
    audit_table(user, current, text_changes, note)
    if changes or text_changes:
        bump_version(current)
    table.version = current.version
    return changes + [Change(f"{label}: {c.field}" if label else c.field, c.before, c.after)
                      for label, c in text_changes]


def _label(label, problems: list[str], what="Radens namn") -> str:
    text = " ".join(str(label or "").split())
    if not text:
        problems.append(f"{what}: skriv ett namn")
    elif len(text) > MAX_LABEL or "\x00" in text:
        problems.append(f"{what}: högst {MAX_LABEL} tecken, utan nolltecken")
    return text


@transaction.atomic
def add_row(user, table: models.EconomyTable, version: int | None, label: str, kind: str = RowKind.DATA.value,
            values: dict | None = None, text: str = "", before_total: bool = True) -> models.EconomyRow:
    """A new row at the end of the table (above its last total row when it has one)."""
    current = locked_table(table)
    refuse_edit(user, current.report)
    if spec_of(current) is None:
        raise PermissionDenied(PRINTED_REFUSAL)
    check_version(current, version)
    problems: list[str] = []
    name = _label(label, problems)
    if kind not in ROW_KINDS:
        problems.append(f"Radtyp: {kind!r} finns inte (rad, varav, summa eller rubrik)")
    columns = columns_of(current)
    parsed = parse_figures(values or {}, columns, name or "ny rad", problems) if kind in ("data", "varav") else {}
    if values and kind not in ("data", "varav") and any(str(v).strip() for v in values.values()):
        problems.append(f"{name}: en {ROW_KINDS.get(kind, 'rad')} har inga egna tal")
    row_text = checked_text(text, f"{name}, text", MAX_TEXT, problems)
    if problems:
        raise EconomyError(problems)
    rows = list(current.rows.all())
    position = len(rows)
    if before_total and kind != RowKind.TOTAL and rows and rows[-1].kind == RowKind.TOTAL:
        position = len(rows) - 1
    models.EconomyRow.objects.filter(table=current, order__gte=position).update(order=F("order") + 1)
    row = models.EconomyRow.objects.create(
        table=current, label=name, kind=kind, values=[stored_figure(parsed.get(c.key)) for c in columns], raw=[],
        line=0, order=position, text=row_text)
    audit_table(user, current, [(name, Change("ny rad", "", name))])
    _recompute(user, current, skip_audit={row.pk})
    bump_version(current)
    table.version = current.version
    return row


@transaction.atomic
def remove_row(user, table: models.EconomyTable, version: int | None, row_id: int) -> None:
    current = locked_table(table)
    refuse_edit(user, current.report)
    check_version(current, version)
    row = current.rows.filter(pk=row_id).select_related("request").first()
    if row is None:
        raise EconomyError([f"rad {row_id} hör inte till tabellen {current.title!r}"])
    if hasattr(row, "request"):
        raise EconomyError([f"{row.label}: raden är en begäran i besluten; ta bort begäran"])
    adjusting = list(row.adjusting_requests.select_related("decision"))
    if adjusting:
        raise EconomyError([f"{row.label}: raden har budgetjusteringen i beslutspunkt {r.decision.number}; "
                            "ändra begäran så att den gäller en annan rad, eller ta bort den" for r in adjusting])
    audit_table(user, current, [(row.label, Change("borttagen rad", row.label, ""))])
    row.delete()
    _recompute(user, current)
    bump_version(current)
    table.version = current.version


@transaction.atomic
def add_table(user, report: models.Report, kind: str, title: str = "") -> models.EconomyTable:
    """An empty table of a kind this document has, after the document's other tables."""
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    refuse_edit(user, current)
    period = Period(current.period)
    if kind not in et.TableKind._value2member_map_ or period not in et.SPECS[et.TableKind(kind)].periods:
        raise EconomyError([f"Tabelltyp: {kind!r} hör inte till {period.label.lower()}"])
    problems: list[str] = []
    name = _label(title, problems, "Rubrik") if title else ""
    if problems:
        raise EconomyError(problems)
    domain = et.new_table(et.TableKind(kind), current.year, period, title=name)
    order = (current.economy_tables.aggregate(n=Max("order"))["n"] or 0) + 1
    table = models.EconomyTable.objects.create(
        report=current, title=domain.title, section=domain.section, unit=domain.unit, stub=domain.stub,
        columns=domain.columns, line=0, order=order, kind=kind)
    models.EconomyRow.objects.bulk_create(
        models.EconomyRow(table=table, label=r.label, kind=r.kind.value, values=[None] * len(r.values), raw=[],
                          line=0, order=n) for n, r in enumerate(domain.rows))
    audit_table(user, table, [("", Change("ny tabell", "", table.title))])
    return table


# --- requests ------------------------------------------------------------------------------------

def _request_table(report: models.Report, request: str, user) -> models.EconomyTable:
    kind = et.REQUEST_KINDS[request]
    table = report.economy_tables.filter(kind=kind.value).order_by("order").first()
    return table or add_table(user, report, kind.value)


def _amount(value, problems: list[str]) -> Decimal | None:
    try:
        amount = et.parse_figure(value)
    except et.FigureError as error:
        problems.append(f"Belopp (mnkr): {error}")
        return None
    if amount is None:
        problems.append("Belopp (mnkr): skriv beloppet")
    elif amount == 0 or abs(amount) >= MAX_FIGURE:
        problems.append("Belopp (mnkr): beloppet ska vara skilt från noll och rimligt stort")
    elif -amount.as_tuple().exponent > 3:
        problems.append("Belopp (mnkr): högst tre decimaler (beslutet och tabellen ska ha samma belopp)")
    return amount


def request_targets(report: models.Report) -> list[tuple[str, list[tuple[int, str]]]]:
    """The rows a budgetjustering may adjust, per table (the forms' choices): each data row of the
    driftbudget, verksamhetsområden, investeringar and lokaländamål."""
    tables = report.economy_tables.filter(kind__in=[k.value for k in et.ADJUSTED]).prefetch_related("rows")
    return [(t.title, [(r.pk, r.label) for r in t.rows.all() if r.kind == RowKind.DATA.value]) for t in tables]


def _targets(report: models.Report, request: str, row_ids, problems: list[str]) -> list[models.EconomyRow]:
    """The rows a budgetjustering adjusts: data rows of the document's driftbudget, verksamhetsområden,
    investeringar or lokaländamål, at most one per table. Without any the request stays a row of
    budgetjusteringar and a decision only: which verksamhetsområde it concerns is the committee's to say."""
    ids = list(dict.fromkeys(row_ids or []))
    if not ids:
        return []
    if request != "budgetjustering":
        problems.append(f"Rader: bara en budgetjustering förs in i en tabells kolumn för budgetjusteringar, "
                        f"inte en {request}")
        return []
    found = {r.pk: r for r in models.EconomyRow.objects.filter(pk__in=ids, table__report=report)
             .select_related("table").prefetch_related("request")}
    tables = set()
    for pk in ids:
        row = found.get(pk)
        if row is None:
            problems.append(f"Rader: rad {pk} hör inte till dokumentets ekonomi")
        elif not row.table.kind:
            problems.append(f"Rader: {row.table.title} står som rapporten skriver den (inläst eller tryckt); "
                            "där skrivs justeringen i tabellens egen cell")
        elif row.table.kind not in {k.value for k in et.ADJUSTED}:
            problems.append(f"Rader: {row.label} i {row.table.title} har ingen kolumn för budgetjusteringar "
                            "(välj en rad i driftbudgeten, ett verksamhetsområde eller investeringarna)")
        elif row.kind != RowKind.DATA.value or hasattr(row, "request"):
            problems.append(f"Rader: {row.label} i {row.table.title} är ingen verksamhets- eller projektrad")
        elif row.table_id in tables:
            problems.append(f"Rader: högst en rad per tabell ({row.table.title})")
        else:
            tables.add(row.table_id)
    return [found[pk] for pk in ids if pk in found]


def _adjust(user, rows: list[models.EconomyRow], change: Decimal, note: str) -> None:
    """Add ``change`` to each row's adjustment column, through `update_table` (its totals and
    deviation follow, one audit entry each)."""
    for row in rows:
        table = locked_table(row.table)
        index = [c.key for c in columns_of(table)].index(et.ADJUSTMENT_KEY)
        stored = models.EconomyRow.objects.get(pk=row.pk).values
        current = stored[index] if index < len(stored) else None
        value = et.adjusted(None if current is None else Decimal(current), change)
        update_table(user, table, table.version, {row.pk: {et.ADJUSTMENT_KEY: "" if value is None else str(value)}},
                     note=note)


def _decision_fields(request: str, label: str, amount: Decimal, year: int) -> dict:
    return {"text": et.request_text(request, label, amount, year), "amount": amount, "amount_unit": "mnkr"}


@transaction.atomic
def make_request(user, report: models.Report, request: str, label: str, amount,
                 rows: list[int] = ()) -> models.EconomyRequest:
    """A new request: a row of its table (made if the document has none yet) and the next free
    decision number, with the same amount; a budgetjustering's amount also goes into the
    adjustment column of the ``rows`` (ids) it concerns (`_targets`)."""
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    _refuse_request(user, current)
    problems: list[str] = []
    if request not in et.REQUEST_KINDS:
        raise EconomyError([f"Begäran: {request!r} finns inte (budgetjustering, omslutningsförändring "
                            "eller resultatöverföring)"])
    if Period(current.period) not in et.SPECS[et.REQUEST_KINDS[request]].periods:
        raise EconomyError([f"Begäran: en {request} hör inte till {current.get_period_display().lower()}"])
    name = _label(label, problems, "Avser")
    value = _amount(amount, problems)
    targets = _targets(current, request, rows, problems)
    if problems:
        raise EconomyError(problems)
    table = _request_table(current, request, user)
    row = add_row(user, table, table.version, name, values={"belopp": value})
    fields = _decision_fields(request, name, value, current.year)
    decision = docparts.add_decision(user, current, None, fields["text"], value, "mnkr",
                                     note=f"Begäran i {table.title}")
    made = models.EconomyRequest.objects.create(row=row, decision=decision, kind=request)
    made.targets.set(targets)
    _adjust(user, targets, value, f"Begäran {decision.number}: {name}")
    return made


def _locked_request(request: models.EconomyRequest) -> models.EconomyRequest:
    return models.EconomyRequest.objects.select_for_update().select_related(
        "row__table__report__committee", "decision").get(pk=request.pk)


@transaction.atomic
def change_request(user, request: models.EconomyRequest, version: int | None, label=None, amount=None,
                   rows: list[int] | None = None) -> None:
    """Change what a request is for, its amount or the rows it adjusts (None keeps each): its row,
    its decision and those rows' adjustment column change together."""
    current = _locked_request(request)
    table = locked_table(current.row.table)
    _refuse_request(user, table.report)
    check_version(table, version)
    problems: list[str] = []
    row = current.row
    name = row.label if label is None else _label(label, problems, "Avser")
    value = Decimal(row.values[0]) if amount is None else _amount(amount, problems)
    before = list(current.targets.select_related("table"))
    targets = before if rows is None else _targets(table.report, current.kind, rows, problems)
    if problems:
        raise EconomyError(problems)
    if value != Decimal(row.values[0]) or {t.pk for t in targets} != {t.pk for t in before}:
        note = f"Begäran {current.decision.number}: {name}"
        _adjust(user, before, -Decimal(row.values[0]), note)
        _adjust(user, targets, value, note)
        current.targets.set(targets)
    fields = _decision_fields(current.kind, name, value, table.report.year)
    docparts.update_decision(user, current.decision, None, fields["text"], value, "mnkr",
                             current.decision.attachment, note=f"Begäran i {table.title}", request=current)
    if name != row.label:
        audit_table(user, table, [(row.label, Change("namn", row.label, name))])
        models.EconomyRow.objects.filter(pk=row.pk).update(label=name)
    row.refresh_from_db()
    row.values = [stored_figure(value)] + list(row.values[1:])
    computed = et.compute(spec_of(table), Period(table.report.period),
                          [domain_row(r) if r.pk != row.pk else domain_row(row) for r in table.rows.all()])
    _save_rows(user, table, list(table.rows.all()), computed, "")
    bump_version(table)


@transaction.atomic
def remove_request(user, request: models.EconomyRequest, version: int | None) -> None:
    """Remove a request's row and its decision; later decisions move up one number."""
    current = _locked_request(request)
    table = locked_table(current.row.table)
    _refuse_request(user, table.report)
    check_version(table, version)
    audit_table(user, table, [(current.row.label, Change("borttagen begäran", current.row.label, ""))])
    _adjust(user, list(current.targets.select_related("table")), -Decimal(current.row.values[0]),
            f"Borttagen begäran {current.decision.number}: {current.row.label}")
    docparts.remove_decision(user, current.decision, None, note=f"Begäran i {table.title}", request=current)
    current.row.delete()  # the request goes with its decision (cascade); later decisions move up one
    _recompute(user, table)
    bump_version(table)
