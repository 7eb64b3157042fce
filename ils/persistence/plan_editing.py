"""Planning writes: the committee's nämndmål, its own indicators and årsmål, and activities.

Each function is one transaction that checks permission first (PermissionDenied), then the
version (editing.EditConflict), then the input (PlanningInputError naming the field, nothing
written), and audits every change. Forms and the API call these; KF's goals, indicators and
assignments are never changed here (persistence.city does that, per year, for administrators).

- goals: `add_goal`, `update_goal`, `move_goal`, `remove_goal` (nämndmål only; numbers follow the
  order under their KF goal and are renumbered, audited as such). Structure is the controller's.
- indicators: `add_indicator`, `update_indicator` (outcomes, name, unit, direction, periodicity,
  årsmål; in a follow-up a changed årsmål also becomes a numbered decision item), `remove_indicator`.
- activities: `add_activity`, `update_activity`, `remove_activity` (running during the
  year; an Avvikelse may be saved undescribed, `remaining` holds the submission back).
- what a document carries from the one it follows (`CARRIED_GOAL_FIELDS`, `CARRIED_INDICATOR_FIELDS`)
  is writable in every document, so a draft begun empty (`planning.create_empty_document`) can hold it.
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max

from ils.domain import document_fields as rules
from ils.domain.city import goal_sort_key
from ils.domain.document_fields import PlanningInputError
from ils.domain.model import GoalLevel, Period, indicator_key
from ils.domain.targets import Direction, Target, TargetKind, parse_target
from ils.domain.workflow import Status

from . import docparts, editing, models
from .planning import may_plan

MAX_TITLE, MAX_TEXT, MAX_NAME, MAX_UNIT, MAX_FREQUENCY = 1000, 20_000, 400, 60, 60
REFUSED = "Du får inte ändra det här, eller så är dokumentet eller avsnittet inte längre ett utkast."


def _audit(report, user, item_type, pk, field, before="", after="", note="") -> models.AuditEntry:
    return models.AuditEntry(report=report, user=user, item_type=item_type, item_id=pk, field=field,
                             before=before, after=after, note=note)


def _text(value: str, field: str, limit: int, label: str, required: bool = False) -> str:
    text = (value or "").strip()
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise PlanningInputError(field, f"{label} innehåller otillåtna tecken.")
    if required and not text:
        raise PlanningInputError(field, f"Skriv {label.lower()}.")
    if len(text) > limit:
        raise PlanningInputError(field, f"{label} får vara högst {limit} tecken.")
    return text


def _lines(values, field: str) -> list[str]:
    lines = [_text(v, field, MAX_TITLE, "Förväntat resultat") for v in values]
    return [line for line in lines if line]


# --- goals --------------------------------------------------------------------------------------

def may_structure(user, goal: models.Goal) -> bool:
    """The goal tree under a KF goal changes in a draft, in a draft section, by a planner."""
    return (goal.report.status == Status.DRAFT and goal.status == Status.DRAFT
            and may_plan(user, goal.report.committee))


def _locked_goal(pk: int) -> models.Goal:
    return models.Goal.objects.select_for_update().select_related("report__committee").get(pk=pk)


def _renumber(user, parent: models.Goal, ordered: list[models.Goal], note: str) -> list[models.AuditEntry]:
    """Give the nämndmål under ``parent`` the numbers of their order, and the report its goal order."""
    audit = []
    for goal, number in zip(ordered, rules.goal_numbers(parent.number, len(ordered))):
        if goal.number != number:
            audit.append(_audit(parent.report, user, "mal", goal.pk, "number", goal.number, number, note))
            models.Goal.objects.filter(pk=goal.pk).update(number=number, version=F("version") + 1)
            goal.number = number
    report_goals = list(models.Goal.objects.filter(report=parent.report).only("pk", "number", "order"))
    for n, goal in enumerate(sorted(report_goals, key=lambda g: (goal_sort_key(g.number), g.order))):
        if goal.order != n:
            models.Goal.objects.filter(pk=goal.pk).update(order=n)
    return audit


def sibling_goals(parent: models.Goal) -> list[models.Goal]:
    return sorted(parent.children.filter(level=GoalLevel.NAMNDMAL.value),
                  key=lambda g: (goal_sort_key(g.number), g.order))


@transaction.atomic
def add_goal(user, parent: models.Goal, title: str, description: str = "", expected_results=(),
             number: str = "", position: int | None = None) -> models.Goal:
    """A nämndmål under a KF goal: last, at ``position`` (1 = first) or, for an ``number`` given
    (an import or the API rebuilding a report), in that number's place; then all renumbered."""
    parent = _locked_goal(parent.pk)
    if parent.level != GoalLevel.KF_MAL.value:
        raise PlanningInputError("parent", "Nämndmål läggs under ett av KF:s mål för verksamhetsområdet.")
    if not may_structure(user, parent):
        raise PermissionDenied(REFUSED)
    title = _text(title, "title", MAX_TITLE, "Målets rubrik", required=True)
    description = _text(description, "description", MAX_TEXT, "Beskrivningen")
    expected = _lines(expected_results, "expected_results")
    siblings = sibling_goals(parent)
    number = (number or "").strip().rstrip(".")
    if number:
        head, _, tail = number.rpartition(".")
        if head != parent.number or not tail.isdigit() or int(tail) < 1:
            raise PlanningInputError("number", f"Ett nämndmål under {parent.number} numreras {parent.number}.1, "
                                               f"{parent.number}.2 och så vidare.")
        if parent.report.goals.filter(number=number).exists():
            raise PlanningInputError("number", f"Nämndmål {number} finns redan.")
        position = sum(goal_sort_key(g.number) < goal_sort_key(number) for g in siblings) + 1
    if position is None:
        position = len(siblings) + 1
    if not 1 <= position <= len(siblings) + 1:
        raise PlanningInputError("position", f"Välj en plats mellan 1 och {len(siblings) + 1}.")
    goal = models.Goal.objects.create(
        report=parent.report, parent=parent, level=GoalLevel.NAMNDMAL.value, number=number or f"{parent.number}.new",
        title=title, description=description, expected_results=expected, line=0, order=parent.order + 1)
    siblings.insert(position - 1, goal)
    audit = [_audit(parent.report, user, "mal", goal.pk, "skapad", "", title)]
    audit += _renumber(user, parent, siblings, "Numrerat efter målens ordning")
    models.Goal.objects.filter(pk=goal.pk).update(version=1)
    goal.refresh_from_db()
    models.AuditEntry.objects.bulk_create(a for a in audit if not (a.item_id == goal.pk and a.field == "number"))
    return goal


# What a document carries from its plan or the earlier follow-up: the forms of a follow-up do not ask
# for it again, but it stays writable in every document, so a document begun empty (the API rebuilding
# a report) can be given everything the one it follows would have brought.
CARRIED_GOAL_FIELDS = ("description", "expected_results", "sections")
CARRIED_INDICATOR_FIELDS = ("previous", "period")
MAX_SECTIONS, MAX_HEADING = 40, 300


def _sections(values) -> list[dict]:
    """A goal's own sub-headed texts ("Nämndens arbete", …): heading and text each, in order."""
    if not isinstance(values, (list, tuple)) or len(values) > MAX_SECTIONS:
        raise PlanningInputError("sections", f"Ange högst {MAX_SECTIONS} avsnitt, vart och ett med rubrik och text.")
    out = []
    for n, section in enumerate(values, start=1):
        heading = _text(section.get("heading", ""), "sections", MAX_HEADING, f"Rubriken i avsnitt {n}", required=True)
        out.append({"heading": heading, "text": _text(section.get("text", ""), "sections", MAX_TEXT,
                                                      f"Texten i avsnitt {n}"), "line": 0})
    return out


def update_goal(user, goal: models.Goal, version: int, changes: dict, note: str = "") -> list[editing.Change]:
    """Title (nämndmål only), description, expected results, analysis, assessment – what the document
    asks for – and what it carries (`CARRIED_GOAL_FIELDS`)."""
    allowed = set(rules.GOAL_FIELDS[Period(goal.report.period)]) | set(CARRIED_GOAL_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise PlanningInputError(sorted(unknown)[0], "Det här dokumentet frågar inte efter det fältet.")
    clean = dict(changes)
    if "title" in clean:
        clean["title"] = _text(clean["title"], "title", MAX_TITLE, "Målets rubrik", required=True)
    for name, label in (("description", "Beskrivningen"), ("analysis", "Analysen")):
        if name in clean:
            clean[name] = _text(clean[name], name, MAX_TEXT, label)
    if "expected_results" in clean:
        clean["expected_results"] = _lines(clean["expected_results"], "expected_results")
    if "sections" in clean:
        clean["sections"] = _sections(clean["sections"])
    return editing.update_item(user, goal, version, clean, note=note)


@transaction.atomic
def move_goal(user, goal: models.Goal, version: int, position: int) -> list[models.AuditEntry]:
    """Put a nämndmål at ``position`` (1 = first) among its KF goal's nämndmål; all are renumbered."""
    goal = _locked_goal(goal.pk)
    if goal.level != GoalLevel.NAMNDMAL.value or not may_structure(user, goal.parent) or not may_structure(user, goal):
        raise PermissionDenied(REFUSED)
    if goal.version != version:
        raise editing.EditConflict(goal, {"number": goal.number}, {"number": str(position)})
    siblings = [g for g in sibling_goals(goal.parent) if g.pk != goal.pk]
    if not 1 <= position <= len(siblings) + 1:
        raise PlanningInputError("position", f"Välj en plats mellan 1 och {len(siblings) + 1}.")
    siblings.insert(position - 1, goal)
    audit = _renumber(user, goal.parent, siblings, "Omnumrerat efter ändrad ordning")
    models.AuditEntry.objects.bulk_create(audit)
    return audit


@transaction.atomic
def remove_goal(user, goal: models.Goal, version: int, move_to: models.Goal | None = None,
                remove_contents: bool = False) -> None:
    """Remove a nämndmål. Its indicators and activities move to ``move_to`` or, with
    ``remove_contents``, go with it; a goal that has some and neither is chosen is refused."""
    goal = _locked_goal(goal.pk)
    if goal.level != GoalLevel.NAMNDMAL.value:
        raise PermissionDenied("KF:s mål ändras bara av stadens administratörer.")
    if not may_structure(user, goal):
        raise PermissionDenied(REFUSED)
    if goal.version != version:
        raise editing.EditConflict(goal, {"title": goal.title}, {"title": ""})
    indicators, activities = list(goal.indicators.all()), list(goal.activities.all())
    audit = []
    if indicators or activities:
        if move_to is not None:
            move_to = _locked_goal(move_to.pk)
            if move_to.report_id != goal.report_id or move_to.pk == goal.pk:
                raise PlanningInputError("move_to", "Välj ett annat mål i samma dokument.")
            if not (editing.can_edit(user, move_to) and move_to.status == Status.DRAFT):
                raise PermissionDenied(REFUSED)
            taken = set(move_to.indicators.values_list("definition_id", flat=True))
            clash = [i.name for i in indicators if i.definition_id in taken]
            if clash:
                raise PlanningInputError("move_to", f"Mål {move_to.number} har redan indikatorn {clash[0]}.")
            for kind, rows in (("indikator", indicators), ("aktivitet", activities)):
                for row in rows:
                    audit.append(_audit(goal.report, user, kind, row.pk, "goal", goal.number, move_to.number,
                                        f"Mål {goal.number} togs bort"))
            goal.indicators.update(goal=move_to, version=F("version") + 1)
            goal.activities.update(goal=move_to, version=F("version") + 1)
        elif remove_contents:
            if any(i.kf for i in indicators) or any(a.kf_assignment for a in activities):
                raise PlanningInputError("remove_contents", "KF:s indikatorer och uppdrag kan inte tas bort; "
                                                            "flytta dem till ett annat mål.")
            for kind, rows in (("indikator", indicators), ("aktivitet", activities)):
                for row in rows:
                    audit.append(_audit(goal.report, user, kind, row.pk, "borttagen", str(row), "",
                                        f"Med mål {goal.number}"))
        else:
            raise PlanningInputError("contents", (
                f"Mål {goal.number} har {len(indicators)} indikatorer och {len(activities)} aktiviteter: "
                "flytta dem till ett annat mål eller ta bort dem också."))
    parent = goal.parent
    audit.append(_audit(goal.report, user, "mal", goal.pk, "borttagen", f"{goal.number} {goal.title}", ""))
    goal.delete()
    audit += _renumber(user, parent, sibling_goals(parent), "Omnumrerat när ett mål togs bort")
    models.AuditEntry.objects.bulk_create(audit)


# --- indicators ---------------------------------------------------------------------------------

def _may_edit_under(user, goal: models.Goal) -> None:
    if not editing.can_edit(user, goal):
        raise PermissionDenied(REFUSED)


def _direction(value: str) -> Direction:
    try:
        return Direction(value or Direction.UNKNOWN.value)
    except ValueError:
        raise PlanningInputError("direction", "Välj riktning: högre är bättre, lägre är bättre eller inom ett intervall.") from None


def _frequency(value: str) -> str:
    return _text(value, "frequency", MAX_FREQUENCY, "Periodiciteten")


def target_of(kind: str, value: str, year: int) -> Target:
    try:
        target_kind = TargetKind(kind or TargetKind.EMPTY.value)
    except ValueError:
        raise PlanningInputError("target_kind", "Välj en sorts årsmål i listan.") from None
    return rules.build_target(target_kind, value, year, field="target_value")


def target_from_text(text: str) -> Target:
    """An årsmål as the city's reports write it ("Max 10 st", "Tas fram av nämnd"), read as an import reads it."""
    return parse_target(_text(text, "target_text", rules.MAX_TEXT, "Årsmålet"))


def _target_fields(target: Target) -> dict:
    return {"target_kind": target.kind.value, "target_value": target.value, "target_text": target.text}


def _kfs_row(definition: models.IndicatorDefinition, goal: models.Goal) -> bool:
    """Whether the row would be KF's own: once KF has defined the year, an indicator of KF's list
    under a KF goal (under a nämndmål the committee may follow it as its own, as plans do); before
    that, any indicator KF has had."""
    year = goal.report.year
    if models.CityGoal.objects.filter(year=year).exists():
        return goal.level != GoalLevel.NAMNDMAL.value and models.CityIndicator.objects.filter(
            goal__year=year, definition=definition).exists()
    return definition.kf


@transaction.atomic
def add_indicator(user, goal: models.Goal, name: str, unit: str = "", direction: str = "",
                  frequency: str = "", target_kind: str = "", target_value: str = "",
                  target_text: str | None = None) -> models.IndicatorValue:
    """The committee's own indicator under one of its goals; its identity (IndicatorDefinition) is
    found by name across years, so last year's indicator keeps its history. The årsmål is a kind
    and a value, or ``target_text`` as the reports write it."""
    goal = _locked_goal(goal.pk)
    _may_edit_under(user, goal)
    name = _text(name, "name", MAX_NAME, "Indikatorns namn", required=True)
    unit = _text(unit, "unit", MAX_UNIT, "Enheten")
    chosen = _direction(direction)
    frequency = _frequency(frequency)
    target = (target_of(target_kind, target_value, goal.report.year) if target_text is None
              else target_from_text(target_text))
    definition = models.IndicatorDefinition.objects.filter(key=indicator_key(name)).first()
    if definition is not None and _kfs_row(definition, goal):
        raise PlanningInputError("name", "Det är en KF-indikator: den läggs till av KF, inte av nämnden.")
    if definition is not None and goal.indicators.filter(definition=definition).exists():
        raise PlanningInputError("name", f"Mål {goal.number} har redan indikatorn {definition.name}.")
    if definition is None:
        definition = models.IndicatorDefinition.objects.create(
            key=indicator_key(name), name=name, unit=unit, direction=chosen.value)
    elif (unit, chosen.value) != (definition.unit, definition.direction):
        models.IndicatorDefinition.objects.filter(pk=definition.pk).update(unit=unit, direction=chosen.value)
    order = (goal.report.indicators.aggregate(m=Max("order"))["m"] or 0) + 1
    row = models.IndicatorValue.objects.create(
        report=goal.report, goal=goal, definition=definition, name=name, kf=False, frequency=frequency,
        period=rules.period_column(Period(goal.report.period), goal.report.year), line=0, order=order,
        **_target_fields(target))
    models.AuditEntry.objects.create(report=goal.report, user=user, item_type="indikator", item_id=row.pk,
                                     field="skapad", after=f"{name} (mål {goal.number})")
    return row


@transaction.atomic
def update_indicator(user, row: models.IndicatorValue, version: int, values: dict | None = None, *,
                     name: str | None = None, unit: str | None = None, direction: str | None = None,
                     frequency: str | None = None, target: Target | None = None) -> list[editing.Change]:
    """An indicator row: ``values`` (outcomes, forecast, analysis, as editing.update_item takes them)
    and what a plan says of it. KF's indicators keep KF's name, unit and target; their årsmål (the
    committee's, beside KF's) is the committee's to set. In a follow-up a changed årsmål is a
    proposal to the committee: a numbered decision item, in the same transaction."""
    current = editing.with_section(models.IndicatorValue.objects.select_for_update().select_related(
        "report__committee", "goal", "definition").get(pk=row.pk))
    _may_edit_under(user, current.goal)
    changes: dict = dict(values or {})
    asked = set(rules.INDICATOR_FIELDS[Period(current.report.period)]) | set(CARRIED_INDICATOR_FIELDS)
    unasked = {f.removesuffix("_text") for f in changes} - asked
    if unasked:
        raise PlanningInputError(sorted(unasked)[0], "Det här dokumentet frågar inte efter det fältet.")
    if name is not None:
        name = _text(name, "name", MAX_NAME, "Indikatorns namn", required=True)
        if current.kf and name != current.name:
            raise PermissionDenied("KF:s indikatorer byter inte namn i nämndens dokument.")
        changes["name"] = name
    if frequency is not None:
        changes["frequency"] = _frequency(frequency)
    if "period" in changes:
        changes["period"] = _text(changes["period"], "period", MAX_FREQUENCY, "Perioden")
    if target is not None:
        changes |= _target_fields(target)
    definition_changes = {}
    if unit is not None:
        definition_changes["unit"] = _text(unit, "unit", MAX_UNIT, "Enheten")
    if direction is not None:
        definition_changes["direction"] = _direction(direction).value
    if current.kf and definition_changes:
        raise PermissionDenied("KF:s indikatorer har KF:s enhet och riktning.")
    before_target = current.target_text
    applied = editing.update_item(user, current, version, changes)
    audit = []
    for field, value in definition_changes.items():
        if getattr(current.definition, field) != value:
            audit.append(_audit(current.report, user, "indikator", current.pk, field,
                                getattr(current.definition, field), value))
            applied.append(editing.Change(field, getattr(current.definition, field), value))
    if definition_changes:
        models.IndicatorDefinition.objects.filter(pk=current.definition_id).update(**definition_changes)
    # Changing the årsmål the document came with is a proposal; giving one to a row without is not.
    if target is not None and before_target and target.text != before_target and not rules.is_plan(Period(current.report.period)):
        text = rules.target_change_decision(current.name, current.goal.number, before_target, target.text)
        try:
            decision = docparts.add_proposed_decision(user, current.report, text, note="Förslag: ändrat årsmål")
        except docparts.InvalidInput as error:  # the decision's own rules (length, markup, how many)
            raise PlanningInputError("target_value", "Förslaget till beslut: " + " ".join(error.errors.values())) from None
        audit.append(_audit(current.report, user, "rapport", current.report_id, "beslut",
                            "", f"{decision.number}. {text}", "Förslag: ändrat årsmål"))
    models.AuditEntry.objects.bulk_create(audit)
    return applied


@transaction.atomic
def remove_indicator(user, row: models.IndicatorValue, version: int) -> None:
    current = models.IndicatorValue.objects.select_for_update().select_related("report__committee", "goal").get(pk=row.pk)
    _may_edit_under(user, current.goal)
    if current.kf:
        raise PermissionDenied("KF:s indikatorer tas bara bort av KF.")
    if current.version != version:
        raise editing.EditConflict(current, {"name": current.name}, {"name": ""})
    models.AuditEntry.objects.create(report=current.report, user=user, item_type="indikator", item_id=current.pk,
                                     field="borttagen", before=f"{current.name} (mål {current.goal.number})")
    current.delete()


# --- activities ---------------------------------------------------------------------------------

def _activity_fields(report: models.Report, text: str | None, start: date | None, end: date | None) -> dict:
    fields = {}
    if text is not None:
        fields["text"] = _text(text, "text", MAX_TEXT, "Aktiviteten", required=True)
    rules.check_dates(start, end, report.year)
    return fields


@transaction.atomic
def add_activity(user, goal: models.Goal, text: str, start: date | None = None, end: date | None = None,
                 status: str = "", deviation: str = "") -> models.Activity:
    goal = _locked_goal(goal.pk)
    _may_edit_under(user, goal)
    fields = _activity_fields(goal.report, text, start, end)
    status, deviation = _status(goal.report, status, deviation)
    order = (goal.report.activities.aggregate(m=Max("order"))["m"] or 0) + 1
    row = models.Activity.objects.create(report=goal.report, goal=goal, start=start, end=end, status=status,
                                         deviation=deviation, line=0, order=order, **fields)
    models.AuditEntry.objects.create(report=goal.report, user=user, item_type="aktivitet", item_id=row.pk,
                                     field="skapad", after=f"{row.text} (mål {goal.number})")
    return row


def _status(report: models.Report, status: str, deviation: str) -> tuple[str, str]:
    deviation = _text(deviation, "deviation", MAX_TEXT, "Avvikelsen")
    if status and status not in ("pagar", "genomford", "avvikelse"):
        raise PlanningInputError("status", "Välj status: pågår, genomförd eller avvikelse.")
    if status and rules.is_plan(Period(report.period)):
        raise PlanningInputError("status", "En verksamhetsplan anger ingen status; den följs upp i tertialrapporterna.")
    return status, deviation  # an Avvikelse not yet described is saved: a gap that blocks submission


@transaction.atomic
def update_activity(user, activity: models.Activity, version: int, changes: dict, note: str = "") -> list[editing.Change]:
    """Text, dates and goal (not of KF's assignments), status, deviation and analysis."""
    current = models.Activity.objects.select_for_update().select_related("report__committee", "goal").get(pk=activity.pk)
    _may_edit_under(user, current.goal)
    clean = dict(changes)
    if current.kf_assignment and set(clean) & {"text", "start", "end", "goal"}:
        raise PermissionDenied("KF:s uppdrag har KF:s text, datum och mål.")
    clean |= _activity_fields(current.report, clean.get("text"), clean.get("start", current.start),
                              clean.get("end", current.end))
    if "status" in clean or "deviation" in clean:
        clean["status"], clean["deviation"] = _status(
            current.report, clean.get("status", current.status), clean.get("deviation", current.deviation))
    if "analysis" in clean:
        clean["analysis"] = _text(clean["analysis"], "analysis", MAX_TEXT, "Analysen")
    if "goal" in clean:
        target = _locked_goal(clean["goal"].pk)
        if target.report_id != current.report_id:
            raise PlanningInputError("goal", "Välj ett mål i samma dokument.")
        _may_edit_under(user, target)
        clean["goal"] = target
    return editing.update_item(user, current, version, clean, note=note)


@transaction.atomic
def remove_activity(user, activity: models.Activity, version: int) -> None:
    current = models.Activity.objects.select_for_update().select_related("report__committee", "goal").get(pk=activity.pk)
    _may_edit_under(user, current.goal)
    if current.kf_assignment:
        raise PermissionDenied("KF:s uppdrag tas bara bort av KF.")
    if current.version != version:
        raise editing.EditConflict(current, {"text": current.text}, {"text": ""})
    models.AuditEntry.objects.create(report=current.report, user=user, item_type="aktivitet", item_id=current.pk,
                                     field="borttagen", before=f"{current.text} (mål {current.goal.number})")
    current.delete()
