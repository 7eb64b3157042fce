"""A document's texts by the city's template: the template per year and type, each document's
parts, and editing them (through ils.persistence.editing: permission, version check, audit).

- `template_for(year, period)`: the administrator's template, else the shipped default.
- `save_template(user, year, period, specs, version)`: administrators only; `TemplateError` lists
  every problem, `editing.EditConflict` when someone saved the template since ``version``.
- `store_parts(report, doc)`: called by store.save_document: the document's own parts, or its
  imported sections placed into the template's parts by heading.
- `apply_template(report)`: a new document's empty outline (planning.create_document).
- `update_text(user, part, version, text)`, `assign_writers(user, part, users)`.
- `add_part(user, report, heading, place)`: a part outside the template (controllers), as an
  imported heading that names no part becomes one.
"""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain import markup
from ils.domain import model as domain
from ils.domain import text_template as tt
from ils.domain.model import GoalLevel, Period
from ils.domain.workflow import Role, Status

from . import access, editing, models

MAX_WRITERS = 50


class TemplateError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("Mallen kan inte sparas: " + "; ".join(problems))


class TextError(ValueError):
    """Text that cannot be stored, with the field's Swedish name in the message."""


def template_for(year: int, period: Period) -> list[tt.PartSpec]:
    stored = models.ReportTemplate.objects.filter(year=year, period=period.value).first()
    return tt.from_data(stored.parts) if stored else tt.default_template(period)


def is_template_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or any(
        m.role == Role.ADMIN and m.committee_id is None for m in access.memberships(user)))


@transaction.atomic
def save_template(user, year: int, period: Period, specs: list[tt.PartSpec], version: int) -> models.ReportTemplate:
    """Store the outline for (year, period); ``version`` 0 means "there was none when I opened it"."""
    if not is_template_admin(user):
        raise PermissionDenied("Bara en administratör ändrar rapportmallen.")
    if not 2000 <= year <= 2100:
        raise TemplateError([f"året {year} ligger utanför 2000–2100"])
    problems = tt.template_problems(specs)
    if problems:
        raise TemplateError(problems)
    stored = models.ReportTemplate.objects.select_for_update().filter(year=year, period=period.value).first()
    current = stored.version if stored else 0
    if current != version:
        raise editing.EditConflict(stored, {"version": str(current)}, {"version": str(version)})
    data = tt.to_data(specs)
    if stored is None:
        return models.ReportTemplate.objects.create(year=year, period=period.value, parts=data, changed_by=user)
    stored.parts, stored.version, stored.changed_by = data, stored.version + 1, user
    stored.save()
    return stored


def _inriktningsmal(report: models.Report) -> list[tuple[str, str]]:
    return list(report.goals.filter(level=GoalLevel.INRIKTNINGSMAL.value).values_list("number", "title"))


def _outline(report: models.Report) -> list[tt.Part]:
    return tt.instantiate(template_for(report.year, Period(report.period)), _inriktningsmal(report))


def store_parts(report: models.Report, doc: domain.Document) -> None:
    template = None if doc.parts else template_for(report.year, Period(report.period))
    _create(report, tt.document_parts(doc, template))


@transaction.atomic
def apply_template(report: models.Report) -> None:
    """Replace the report's parts by the template's empty outline (a new document's texts)."""
    report.text_parts.all().delete()
    _create(report, _outline(report))


def _create(report: models.Report, parts: list[tt.Part]) -> None:
    models.TextPart.objects.bulk_create(models.TextPart(
        report=report, key=p.key, heading=p.heading[:300], level=p.level, parent=p.parent,
        instructions=p.instructions, required=p.required, always=p.always, place=p.place, goal=p.goal,
        text=p.text, extra=p.extra, line=p.line, order=n) for n, p in enumerate(parts))


def part_from_row(row: models.TextPart) -> tt.Part:
    return tt.Part(key=row.key, heading=row.heading, level=row.level, parent=row.parent,
                   instructions=row.instructions, required=row.required, always=row.always, place=row.place,
                   goal=row.goal, text=row.text, line=row.line, extra=row.extra)


def update_text(user, part: models.TextPart, version: int, text: str) -> list[editing.Change]:
    """Save a part's text (the Markdown subset); refused with a Swedish message naming the part."""
    if not isinstance(text, str):
        raise TextError(f"Texten i \"{part.heading}\": måste vara text.")
    problems = markup.problems(text)
    if problems:
        raise TextError(f"Texten i \"{part.heading}\": " + "; ".join(problems) + ".")
    return editing.update_item(user, part, version, {"text": markup.normalized(text)})


@transaction.atomic
def add_part(user, report: models.Report, heading: str, place: str = tt.BEFORE_GOALS) -> models.TextPart:
    """A part under the committee's own heading, last before (or after) the goals; controllers of a draft."""
    current = models.Report.objects.select_for_update().select_related("committee").get(pk=report.pk)
    _require_planner(user, current)
    heading = " ".join((heading or "").split())
    problems = markup.problems(heading)
    if not heading or len(heading) > tt.MAX_HEADING or problems or place not in (tt.BEFORE_GOALS, tt.AFTER_GOALS):
        raise TextError(f"Rubrik: skriv en rubrik på högst {tt.MAX_HEADING} tecken, före eller efter målen"
                        + (" (" + "; ".join(problems) + ")" if problems else "") + ".")
    rows = list(current.text_parts.all())
    parts = [part_from_row(r) for r in rows]
    added = tt.add_extra(parts, heading, place)
    order = {p.key: n for n, p in enumerate(parts)}
    for row in rows:
        if row.order != order[row.key]:
            models.TextPart.objects.filter(pk=row.pk).update(order=order[row.key])
    part = models.TextPart.objects.create(report=current, key=added.key, heading=heading, place=place, extra=True,
                                          order=order[added.key])
    models.AuditEntry.objects.create(report=current, user=user, item_type="textdel", item_id=part.pk,
                                     field="skapad", after=heading)
    return part


def _require_planner(user, report: models.Report) -> None:
    if report.status != Status.DRAFT.value or not access.roles_in(user, report.committee) & {Role.CONTROLLER, Role.ADMIN}:
        raise PermissionDenied("Bara nämndens controller ändrar textdelarna, och bara i ett utkast.")


def committee_writers(report: models.Report):
    return get_user_model().objects.filter(
        memberships__role=Role.WRITER.value, memberships__committee__in=[report.committee_id, None]).distinct()


@transaction.atomic
def assign_writers(user, part: models.TextPart, users) -> None:
    """The writers who write this part (none: every writer of the committee); controllers only."""
    current = models.TextPart.objects.select_for_update().select_related("report__committee").get(pk=part.pk)
    report = current.report
    if report.status == "last" or not access.roles_in(user, report.committee) & {Role.CONTROLLER, Role.ADMIN}:
        raise PermissionDenied("Bara nämndens controller fördelar texterna, och inte i ett låst dokument.")
    users = list(users)
    if len(users) > MAX_WRITERS:
        raise TextError(f"Skribenter: högst {MAX_WRITERS} per textdel.")
    allowed = set(committee_writers(report).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in users):
        raise TextError("Skribenter: bara nämndens skribenter kan få en textdel.")
    before = ", ".join(sorted(u.username for u in current.writers.all()))
    current.writers.set(users)
    after = ", ".join(sorted(u.username for u in users))
    if before != after:
        models.AuditEntry.objects.create(report=report, user=user, item_type="textdel", item_id=current.pk,
                                         field="skribenter", before=before, after=after)
