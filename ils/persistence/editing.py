"""Every change to a report goes through here: permission, optimistic locking, audit, in one transaction.

Views and the API call `update_item` and `change_status`; neither writes models directly. A stale
version raises `EditConflict` carrying both the stored and the submitted values, so the person
sees the other text next to their own and nothing is silently overwritten.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from ils.domain import workflow
from ils.domain.workflow import Action, Status

from . import access, models

ITEM_TYPES = {models.Goal: "mal", models.IndicatorValue: "indikator", models.Activity: "aktivitet",
              models.Report: "rapport", models.TextPart: "textdel"}
SECTIONS = (models.Goal, models.TextPart)  # the parts of a document that move through the workflow


class EditConflict(Exception):
    """Someone saved this item after the person opened it."""

    def __init__(self, current, theirs: dict[str, str], yours: dict[str, str]):
        self.current, self.theirs, self.yours = current, theirs, yours
        super().__init__("Någon annan har sparat ändringar sedan du öppnade formuläret.")


class GapsRemain(ValueError):
    """A submission or lock refused: what is left, as ils.domain.remaining's gaps."""

    def __init__(self, intro: str, gaps):
        from ils.domain.remaining import summary

        self.gaps = list(gaps)
        super().__init__(f"{intro} {summary(self.gaps)}")


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def section_of(item) -> models.Goal | models.TextPart:
    return item if isinstance(item, SECTIONS) else item.goal


def with_section(item):
    """A row loaded with its report (and goal) shares that report with its goal: no query per check."""
    if isinstance(item, (models.IndicatorValue, models.Activity)):
        model = type(item)
        if model.report.is_cached(item) and model.goal.is_cached(item):
            item.goal.report = item.report
    return item


def can_edit(user, item) -> bool:
    if isinstance(item, models.TextPart):
        report = item.report
        return (report.status == Status.DRAFT and workflow.editable(Status(item.status), access.editing_roles(user, report))
                and access.may_edit_part(user, item))
    goal = section_of(item)
    report = goal.report
    return (report.status == Status.DRAFT and workflow.editable(Status(goal.status), access.editing_roles(user, report))
            and access.may_edit_goal(user, goal))


def audit_text(value) -> str:
    """A field as the audit trail shows it; 12.5000 from the database equals 12.5 from a form."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


# KF's own parts of a committee's document: KF defines them (persistence.city), committees never change them.
KF_FIELDS = {"title"}, {"name", "kf", "kf_target_kind", "kf_target_value", "kf_target_text", "definition"}, \
    {"text", "start", "end", "goal", "kf_assignment"}


def kf_fields(item) -> set[str]:
    """The fields of ``item`` that are KF's: a KF goal's title, a KF indicator's name and target, a KF assignment."""
    goal_fields, indicator_fields, activity_fields = KF_FIELDS
    if isinstance(item, models.Goal):
        return goal_fields if item.level != "namndmal" else set()
    if isinstance(item, models.IndicatorValue):
        return indicator_fields if item.kf else {"kf", "kf_target_kind", "kf_target_value", "kf_target_text"}
    if isinstance(item, models.Activity):
        return activity_fields if item.kf_assignment else {"kf_assignment"}
    return set()


def _audited(changes: dict, applied: list[Change]) -> list[Change]:
    """One entry per change: a quantity or target stored as number (and kind) and text is audited
    once, as its text, under its own name ("outcome_men", "target")."""
    texts = {c.field.removesuffix("_text") for c in applied if c.field.endswith("_text") and (
        c.field.removesuffix("_text") in changes or c.field.removesuffix("_text") + "_kind" in changes)}
    twins = {f"{base}{suffix}" for base in texts for suffix in ("", "_value", "_kind")}
    return [Change(c.field.removesuffix("_text"), c.before, c.after) if c.field.removesuffix("_text") in texts
            and c.field.endswith("_text") else c for c in applied if c.field not in twins]


def _confirmed(inferred: str, changes: dict) -> str:
    """The import's guesses less the fields a writer has now saved ("outcome_text" saves "outcome")."""
    saved = {re.sub(r"_(?:text|value|kind)$", "", field) for field in changes}
    return " ".join(field for field in inferred.split() if field not in saved)


@transaction.atomic
def update_item(user, item, version: int, changes: dict, note: str = "") -> list[Change]:
    """Apply ``changes`` (field -> value) if ``version`` is still the stored one; audit each change."""
    model = type(item)
    related = ("report__committee",) if model in SECTIONS else ("report__committee", "goal")
    current = with_section(model.objects.select_for_update().select_related(*related).get(pk=item.pk))
    if not can_edit(user, current):
        raise PermissionDenied("Du får inte ändra det här, eller så är avsnittet inte längre ett utkast.")
    if set(changes) & kf_fields(current):
        raise PermissionDenied("KF:s mål, indikatorer och uppdrag ändras bara av KF.")
    applied = [Change(f, audit_text(getattr(current, f)), audit_text(v)) for f, v in changes.items()
               if audit_text(getattr(current, f)) != audit_text(v)]
    if current.version != version:
        raise EditConflict(current, {f: audit_text(getattr(current, f)) for f in changes},
                           {f: audit_text(v) for f, v in changes.items()})
    if not applied:
        return []
    applied = _audited(changes, applied)
    derived = {}
    if model is models.Goal and changes.get("assessment"):
        # The proposal the writer saw: a later change of the evidence asks for a new look.
        proposal = proposed_assessment(current)
        derived["assessed_proposal"] = proposal.value if proposal else ""
    if getattr(current, "inferred", ""):
        derived["inferred"] = _confirmed(current.inferred, changes)
    updated = model.objects.filter(pk=item.pk, version=version).update(version=F("version") + 1, **changes,
                                                                         **derived)
    if updated != 1:  # pragma: no cover - the row lock above makes this unreachable
        raise EditConflict(current, {}, {})
    models.AuditEntry.objects.bulk_create(
        models.AuditEntry(report=current.report, user=user, item_type=ITEM_TYPES[model], item_id=item.pk,
                          field=c.field, before=c.before, after=c.after, note=note) for c in applied)
    return applied


def allowed_actions(user, item) -> list[Action]:
    """Workflow actions this person may take on a section (goal) or the whole document."""
    report = item if isinstance(item, models.Report) else item.report
    if report.status == Status.LOCKED:
        return []
    roles = access.roles_in(user, report.committee)
    actions = workflow.allowed_actions(Status(item.status), roles)
    if isinstance(item, SECTIONS):
        # Sections are submitted, approved and returned; only the whole document is locked.
        actions = [a for a in actions if a is not Action.LOCK]
        may_edit = access.may_edit_goal if isinstance(item, models.Goal) else access.may_edit_part
        if Action.SUBMIT in actions and not may_edit(user, item):
            actions.remove(Action.SUBMIT)
    elif Action.SUBMIT in actions and not roles & {workflow.Role.CONTROLLER, workflow.Role.ADMIN}:
        actions.remove(Action.SUBMIT)  # a writer submits their parts, not the document for everyone
    return actions


@transaction.atomic
def change_status(user, item, action: Action, comment: str = "", decision_date=None,
                  decision_paragraph: str = "") -> Status:
    """Move a section or the document through the workflow; locking the document locks every section.

    A submission with blocking gaps, and a lock while any part is unapproved, raise `GapsRemain`;
    the lock records the committee's decision date (required) and paragraph."""
    from . import remaining

    model = type(item)
    current = model.objects.select_for_update().get(pk=item.pk)
    report = current if isinstance(current, models.Report) else current.report
    if action not in allowed_actions(user, current):
        raise PermissionDenied(f"Åtgärden '{action.label}' är inte tillåten här.")
    if action is Action.RETURN and not comment.strip():
        raise ValueError("Skriv en kommentar om vad som behöver kompletteras.")
    if action is Action.SUBMIT and (gaps := remaining.submit_blockers(current)):
        raise GapsRemain("Det går inte att skicka för granskning, detta saknas:", gaps)
    paragraph = (decision_paragraph or "").strip()
    if action is Action.LOCK:
        if decision_date is None:
            raise ValueError("Beslutsdatum: ange datumet då nämnden beslutade om dokumentet.")
        if len(paragraph) > 40:
            raise ValueError("Paragraf: högst 40 tecken (t.ex. \"§ 12\").")
        if gaps := remaining.lock_blockers(report):
            raise GapsRemain("Dokumentet kan inte låsas förrän alla delar är godkända:", gaps)
    before = Status(current.status)
    after = workflow.apply(action, before, access.roles_in(user, report.committee))
    model.objects.filter(pk=current.pk).update(status=after.value)
    models.AuditEntry.objects.create(report=report, user=user, item_type=ITEM_TYPES[model], item_id=current.pk,
                                     field="status", before=before.label, after=after.label, note=comment)
    if isinstance(current, models.Report) and after is Status.LOCKED:
        report.goals.update(status=Status.LOCKED.value)
        report.text_parts.update(status=Status.LOCKED.value)
        models.Report.objects.filter(pk=report.pk).update(decision_date=decision_date, decision_paragraph=paragraph)
        models.AuditEntry.objects.bulk_create(
            models.AuditEntry(report=report, user=user, item_type="rapport", item_id=report.pk, field=name,
                              before="", after=value)
            for name, value in (("decision_date", decision_date.isoformat()), ("decision_paragraph", paragraph))
            if value)
    return after


def proposed_assessment(goal: models.Goal):
    """What the evidence under a goal suggests: its indicators, deviating activities, child goals."""
    from ils.domain.assessment import Assessment, propose_assessment

    from .store import indicator_from_row

    statuses = [indicator_from_row(i).status for i in goal.indicators.select_related("goal")]
    deviations = goal.activities.filter(status="avvikelse").count()
    children = [Assessment(c.assessment) if c.assessment else None for c in goal.children.all()]
    return propose_assessment(statuses, deviations, children)
