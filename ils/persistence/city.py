"""The city's (KF's) definitions per budget year, and merging them into committees' drafts.

- `add_city_goal`, `add_city_indicator`, `add_city_assignment`: KF defines them once (city
  administrators only; PermissionDenied otherwise, ValueError for bad input).
- `apply_city_definitions(report)`: adds the year's KF goals, KF indicators (with KF's target)
  and KF assignments missing from a draft report and updates changed KF targets and titles there;
  once KF has defined the year's assignments, a draft's KF assignments are exactly that list
  (others, carried over from an earlier year, are removed); all audited; `publish_city_definitions(user, year)` does so for every committee's draft of the year.
  Documents under review, approved or locked are never touched.
- `store_city_definitions(CityDefinitions)`: the demo takes KF's part of a seed report.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ils.domain import city as rules
from ils.domain.document_fields import period_column
from ils.domain.model import GoalLevel, IndicatorResult, Period
from ils.domain.targets import parse_target
from ils.domain.workflow import Role, Status

from . import access, models
from .store import definition_for


def may_define_city(user) -> bool:
    return user.is_authenticated and (user.is_superuser or any(
        m.committee_id is None and m.role == Role.ADMIN for m in access.memberships(user)))


def _require_admin(user) -> None:
    if not may_define_city(user):
        raise PermissionDenied("Bara stadens administratörer definierar KF:s mål, indikatorer och uppdrag.")


def city_years() -> list[int]:
    return sorted(set(models.CityGoal.objects.values_list("year", flat=True)) |
                  set(models.Report.objects.values_list("year", flat=True)))


def city_goals(year: int) -> list[models.CityGoal]:
    goals = list(models.CityGoal.objects.filter(year=year).prefetch_related("indicators", "assignments"))
    return sorted(goals, key=lambda g: rules.goal_sort_key(g.number))


@transaction.atomic
def add_city_goal(user, year: int, number: str, title: str) -> models.CityGoal:
    _require_admin(user)
    number, title = number.strip().rstrip("."), title.strip()
    if not title or not rules.valid_city_number(number):
        raise ValueError("Ange ett nummer (1 för ett inriktningsmål, 1.2 för ett KF-mål) och en rubrik.")
    parent = None
    if "." in number:
        head = number.split(".")[0]
        parent = models.CityGoal.objects.filter(year=year, number=head).first()
        if parent is None:
            raise ValueError(f"Inriktningsmål {head} finns inte för {year}.")
    level = GoalLevel.KF_MAL if parent else GoalLevel.INRIKTNINGSMAL
    goal, created = models.CityGoal.objects.get_or_create(
        year=year, number=number, defaults={"title": title, "level": level.value, "parent": parent})
    if not created and goal.title != title:
        goal.title = title
        goal.save(update_fields=["title"])
    return goal


@transaction.atomic
def add_city_indicator(user, goal: models.CityGoal, name: str, kf_target: str, period: str = "",
                       frequency: str = "") -> models.CityIndicator:
    """A KF indicator under a KF goal; defining it again changes KF's target."""
    _require_admin(user)
    if goal.level != GoalLevel.KF_MAL or not name.strip():
        raise ValueError("En KF-indikator har ett namn och hör till ett KF-mål.")
    target = parse_target(kf_target.strip())
    result = IndicatorResult(goal=goal.number, name=name.strip(), line=0, kf=True, kf_target=target)
    indicator, _ = models.CityIndicator.objects.update_or_create(
        goal=goal, definition=definition_for(result), defaults={
            "name": result.name, "kf_target_kind": target.kind.value, "kf_target_value": target.value,
            "kf_target_text": target.text, "period": period.strip(), "frequency": frequency.strip()})
    return indicator


@transaction.atomic
def add_city_assignment(user, goal: models.CityGoal, text: str, start=None, end=None) -> models.CityAssignment:
    _require_admin(user)
    if goal.level != GoalLevel.KF_MAL or not text.strip():
        raise ValueError("Ett KF-uppdrag har en text och hör till ett KF-mål.")
    assignment, _ = models.CityAssignment.objects.get_or_create(goal=goal, text=text.strip(),
                                                                defaults={"start": start, "end": end})
    return assignment


@transaction.atomic
def store_city_definitions(city: rules.CityDefinitions) -> None:
    """Store KF's part of a year; what is already defined stays as it is."""
    goals: dict[str, models.CityGoal] = {}
    for g in sorted(city.goals, key=lambda g: rules.goal_sort_key(g.number)):
        goals[g.number], _ = models.CityGoal.objects.get_or_create(
            year=city.year, number=g.number, defaults={
                "title": g.title, "level": g.level.value, "parent": goals.get(g.parent_number or "")})
    for i in city.indicators:
        models.CityIndicator.objects.get_or_create(goal=goals[i.goal], definition=definition_for(i), defaults={
            "name": i.name, "kf_target_kind": i.kf_target.kind.value, "kf_target_value": i.kf_target.value,
            "kf_target_text": i.kf_target.text, "period": i.period, "frequency": i.frequency})
    for a in city.assignments:
        models.CityAssignment.objects.get_or_create(goal=goals[a.goal], text=a.text,
                                                    defaults={"start": a.start, "end": a.end})


def open_section(goal: models.Goal) -> bool:
    """KF's definitions change only sections still drafts: one under review, approved or locked
    stays exactly as it was reviewed (it gets them after a return, at the next publishing)."""
    return goal.status == Status.DRAFT.value


@transaction.atomic
def apply_city_definitions(report: models.Report, user=None) -> int:
    """Merge the year's KF definitions into a draft report's draft sections; returns how many rows
    were added or changed."""
    report = models.Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Status.DRAFT:
        return 0
    defined = list(models.CityGoal.objects.filter(year=report.year))
    if not defined:
        return 0
    audit: list[models.AuditEntry] = []

    def note(item_type, pk, field, before, after):
        audit.append(models.AuditEntry(report=report, user=user, item_type=item_type, item_id=pk, field=field,
                                       before=before, after=after,
                                       note="Inte i KF:s uppdrag för året" if field == "borttagen" else "KF:s definitioner"))

    goals = {g.number: g for g in report.goals.all()}
    for cg in sorted(defined, key=lambda g: rules.goal_sort_key(g.number)):
        row = goals.get(cg.number)
        if row is None:
            parent = goals.get(cg.number.rpartition(".")[0]) if "." in cg.number else None
            row = goals[cg.number] = models.Goal.objects.create(
                report=report, parent=parent, level=cg.level, number=cg.number, title=cg.title, line=0, order=0)
            note("mal", row.pk, "skapad", "", cg.title)
        elif row.title != cg.title and open_section(row):
            note("mal", row.pk, "title", row.title, cg.title)
            models.Goal.objects.filter(pk=row.pk).update(title=cg.title, version=row.version + 1)
    # The goal tree is shown in number order: new KF goals take their place in it.
    for n, row in enumerate(sorted(goals.values(), key=lambda g: rules.goal_sort_key(g.number))):
        if row.order != n:
            models.Goal.objects.filter(pk=row.pk).update(order=n)

    existing = {(v.goal_id, v.definition_id): v for v in report.indicators.all()}
    order = max((v.order for v in existing.values()), default=0) + 1
    for ci in models.CityIndicator.objects.filter(goal__in=defined).select_related("goal").order_by("pk"):
        goal = goals[ci.goal.number]
        if not open_section(goal):
            continue
        row = existing.get((goal.pk, ci.definition_id))
        if row is None:
            row = models.IndicatorValue.objects.create(
                report=report, goal=goal, definition_id=ci.definition_id, name=ci.name, kf=True,
                kf_target_kind=ci.kf_target_kind, kf_target_value=ci.kf_target_value,
                kf_target_text=ci.kf_target_text, period=period_column(Period(report.period), report.year) or ci.period,
                frequency=ci.frequency, line=0, order=order)
            order += 1
            note("indikator", row.pk, "skapad", "", ci.name)
        elif row.kf_target_text != ci.kf_target_text:
            note("indikator", row.pk, "kf_target_text", row.kf_target_text, ci.kf_target_text)
            models.IndicatorValue.objects.filter(pk=row.pk).update(
                kf_target_kind=ci.kf_target_kind, kf_target_value=ci.kf_target_value,
                kf_target_text=ci.kf_target_text, version=row.version + 1)

    assignments = list(models.CityAssignment.objects.filter(goal__in=defined).select_related("goal").order_by("pk"))
    listed = {(goals[ca.goal.number].pk, ca.text) for ca in assignments}
    for row in report.activities.filter(kf_assignment=True).select_related("goal"):
        if assignments and (row.goal_id, row.text) not in listed and open_section(row.goal):
            note("aktivitet", row.pk, "borttagen", row.text, "")
            row.delete()
    present = set(report.activities.filter(kf_assignment=True).values_list("goal_id", "text"))
    order = (report.activities.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    for ca in assignments:
        goal = goals[ca.goal.number]
        if open_section(goal) and (goal.pk, ca.text) not in present:
            row = models.Activity.objects.create(report=report, goal=goal, text=ca.text, start=ca.start,
                                                 end=ca.end, kf_assignment=True, line=0, order=order)
            order += 1
            note("aktivitet", row.pk, "skapad", "", ca.text)
    models.AuditEntry.objects.bulk_create(audit)
    return len(audit)


def publish_city_definitions(user, year: int) -> dict[str, int]:
    """Every committee's draft for the year gets the city's definitions: committee name -> rows changed."""
    _require_admin(user)
    return {r.committee.name: apply_city_definitions(r, user)
            for r in models.Report.objects.filter(year=year, status=Status.DRAFT).select_related("committee")}
