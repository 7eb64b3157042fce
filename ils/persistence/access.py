"""Server-side permissions: which reports a person may read, and what they may do with them.

Every view and API call asks here. Published (locked) reports are readable by every signed-in
person; drafts only by people with a role in that committee, or in the whole city.
"""
from __future__ import annotations

from django.db.models import Q, QuerySet

from ils.domain.workflow import EDITING_ROLES, Role, Status

from . import models


def roles_in(user, committee: models.Committee) -> set[Role]:
    """The person's roles for this committee, city-wide roles included."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return {Role.ADMIN}
    return {Role(m.role) for m in memberships(user) if m.committee_id in (None, committee.pk)}


def memberships(user) -> list[models.Membership]:
    cached = getattr(user, "_ils_memberships", None)
    if cached is None:
        cached = list(models.Membership.objects.filter(user=user))
        user._ils_memberships = cached
    return cached


def is_city_wide(user) -> bool:
    """Superusers and people with a role for the whole city see every committee's drafts."""
    return user.is_authenticated and (user.is_superuser or any(m.committee_id is None for m in memberships(user)))


def readable_reports(user) -> QuerySet[models.Report]:
    reports = models.Report.objects.select_related("committee")
    if not user.is_authenticated:
        return reports.none()
    if is_city_wide(user):
        return reports
    own = [m.committee_id for m in memberships(user) if m.committee_id is not None]
    return reports.filter(Q(committee_id__in=own) | Q(status=Status.LOCKED.value))


def can_read(user, report: models.Report) -> bool:
    if not user.is_authenticated:
        return False
    return report.status == Status.LOCKED.value or is_city_wide(user) or any(
        m.committee_id == report.committee_id for m in memberships(user))


def may_edit_goal(user, goal: models.Goal) -> bool:
    """A writer limited to some goals edits those and everything under them."""
    roles = roles_in(user, goal.report.committee)
    if roles & {Role.ADMIN, Role.CONTROLLER}:
        return True
    if Role.WRITER not in roles:
        return False
    limits = [m.goals for m in memberships(user)
              if m.role == Role.WRITER and m.committee_id in (None, goal.report.committee_id)]
    return any(not goals or any(goal.number == n or goal.number.startswith(n + ".") for n in goals)
               for goals in limits)


def editing_roles(user, report: models.Report) -> set[Role]:
    return roles_in(user, report.committee) & EDITING_ROLES


def may_edit_part(user, part: models.TextPart) -> bool:
    """A text part assigned to writers is theirs; an unassigned one belongs to every writer of the
    committee who is not limited to some goals. Controllers and administrators write every part."""
    roles = roles_in(user, part.report.committee)
    if roles & {Role.ADMIN, Role.CONTROLLER}:
        return True
    if Role.WRITER not in roles:
        return False
    writers = [u.pk for u in part.writers.all()]
    if writers:
        return user.pk in writers
    return any(not m.goals for m in memberships(user)
               if m.role == Role.WRITER and m.committee_id in (None, part.report.committee_id))


def may_edit_somewhere(user) -> bool:
    """Whether the person has an editing role anywhere: asked before an upload is even read, so a
    reader's file (or a bomb) is never parsed."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(Role(m.role) in EDITING_ROLES for m in memberships(user))
