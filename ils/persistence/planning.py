"""Creating a committee's next document from a stored one: permission, rows, KF merge and audit in
one transaction (rules in ils.domain.planning).

- `possible_documents(report)`: (year, period) that may be created from it and do not exist yet.
- `create_document(user, source, year, period)`: stores the new draft; the committee's controller or
  an administrator only (PermissionDenied), PlanningError if it exists or cannot be made from source.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain import planning
from ils.domain.economy_tables import carry_over
from ils.domain.model import Period
from ils.domain.workflow import Role

from . import access, models, texts
from .city import apply_city_definitions
from .internal_control import carry_into_new_plan
from .store import load_document, save_document

PLANNERS = frozenset({Role.CONTROLLER, Role.ADMIN})


def may_plan(user, committee: models.Committee) -> bool:
    return bool(access.roles_in(user, committee) & PLANNERS)


def possible_documents(report: models.Report) -> list[tuple[int, Period]]:
    existing = {(year, Period(period)) for year, period in models.Report.objects.filter(
        committee_id=report.committee_id, year__in=(report.year, report.year + 1)).values_list("year", "period")}
    from ils.domain.model import Document, DocumentType

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
