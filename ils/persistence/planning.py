"""Creating a committee's next document from a stored one: permission, rows, KF merge and audit in
one transaction (rules in ils.domain.planning).

- `possible_documents(report)`: (year, period) that may be created from it and do not exist yet.
- `create_document(user, source, year, period)`: stores the new draft; the committee's controller or
  an administrator only (PermissionDenied), PlanningError if it exists or cannot be made from source.
- `create_empty_document(user, committee, year, period)`: an empty draft (KF's definitions and the
  template's outline only), for a committee's first document or one written from scratch; a new
  committee is the city administrators' to add.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain import planning
from ils.domain.document_fields import PlanningInputError
from ils.domain.economy_tables import carry_over
from ils.domain.model import Document, Period
from ils.domain.workflow import Role

from . import access, models, texts
from .city import apply_city_definitions, may_define_city
from .internal_control import carry_into_new_plan
from .store import ascii_slug, committee_named, load_document, save_document

PLANNERS = frozenset({Role.CONTROLLER, Role.ADMIN})


def may_plan(user, committee: models.Committee) -> bool:
    return bool(access.roles_in(user, committee) & PLANNERS)


def possible_documents(report: models.Report) -> list[tuple[int, Period]]:
    existing = {(year, Period(period)) for year, period in models.Report.objects.filter(
        committee_id=report.committee_id, year__in=(report.year, report.year + 1)).values_list("year", "period")}
    from ils.domain.model import DocumentType

    header = Document(type=DocumentType(report.type), period=Period(report.period), year=report.year,
                      committee=report.committee.name)
    return planning.possible_documents(header, existing)


@transaction.atomic
def create_document(user, source: models.Report, year: int, period: Period) -> models.Report:
    if not may_plan(user, source.committee):
        raise PermissionDenied("Bara nämndens controller eller en administratör skapar nya dokument.")
    if (year, period) not in possible_documents(source):
        raise planning.PlanningError(f"{period.label} {year} finns redan eller kan inte skapas från det här dokumentet.")
    earlier = load_document(source)
    doc = planning.create(earlier, year, period)
    doc.economy = carry_over(earlier.economy, earlier.year, year, period)
    report = save_document(doc, committee=source.committee.name)
    apply_city_definitions(report, user)
    texts.apply_template(report)  # the year's outline, with a block per inriktningsmål after KF's merge
    carry_into_new_plan(user, report)  # last year's open internal-control items
    models.AuditEntry.objects.create(report=report, user=user, item_type="rapport", item_id=report.pk,
                                     field="skapad", after=str(report),
                                     note=f"Skapad från {source.get_period_display().lower()} {source.year}")
    return report


MAX_COMMITTEE_NAME = 200


@transaction.atomic
def create_empty_document(user, committee: str, year: int, period: Period) -> models.Report:
    """An empty draft of ``committee``'s document for ``year`` and ``period``, with KF's definitions
    of the year merged in and the template's outline: the controller's or an administrator's; a
    committee not yet known only a city administrator's (it is created with the document)."""
    name = " ".join((committee or "").split())
    if not name or len(name) > MAX_COMMITTEE_NAME or any(ord(c) < 32 for c in name):
        raise PlanningInputError("committee", f"Ange nämndens namn (högst {MAX_COMMITTEE_NAME} tecken).")
    if not 2000 <= year <= 2100:
        raise PlanningInputError("year", "Ange ett budgetår mellan 2000 och 2100.")
    known = models.Committee.objects.filter(name=name).first()
    if known is None and not may_define_city(user):
        raise PermissionDenied("Bara stadens administratörer lägger till en nämnd.")
    if known is not None and not may_plan(user, known):
        raise PermissionDenied("Bara nämndens controller eller en administratör skapar nya dokument.")
    if known is None and models.Committee.objects.filter(slug=ascii_slug(name)).exists():
        raise PlanningInputError("committee", f"En nämnd med nästan samma namn finns redan ({ascii_slug(name)}).")
    owner = known or committee_named(name)
    if models.Report.objects.filter(committee=owner, year=year, period=period.value).exists():
        raise planning.PlanningError(f"{period.label} {year} för {owner.name} finns redan.")
    doc = Document(type=planning.DOCUMENT_TYPES[period], period=period, year=year, committee=owner.name)
    report = save_document(doc, committee=owner.name)
    apply_city_definitions(report, user)
    texts.apply_template(report)
    models.AuditEntry.objects.create(report=report, user=user, item_type="rapport", item_id=report.pk,
                                     field="skapad", after=str(report), note="Tomt utkast")
    return report
