"""What is left in a stored document, for the "kvar att göra" view, the API and the workflow's
refusals: the stored rows described as ils.domain.remaining's records, the rules applied there."""
from __future__ import annotations

from collections import defaultdict

from ils.domain import markup
from ils.domain import remaining as rules
from ils.domain.model import Period
from ils.domain.reasons import indicator_needs_analysis
from ils.domain.workflow import Status

from . import access, models


def _judgement(report: models.Report) -> rules.JudgementState | None:
    from ils.domain.text_template import INTERNAL_CONTROL_HEADING, INTERNAL_CONTROL_PART

    from .internal_control import vb_judgement

    found = vb_judgement(report)
    if found is None:
        return None
    heading = next((p.heading for p in report.text_parts.all() if p.key == INTERNAL_CONTROL_PART),
                   INTERNAL_CONTROL_HEADING)
    return rules.JudgementState(found[0].value if found[0] else "", INTERNAL_CONTROL_PART, heading)


def part_states(report: models.Report, parts=None) -> list[rules.PartState]:
    """The parts' states; the internal control's part is filled by a given judgement."""
    rows = list(parts if parts is not None else report.text_parts.all())
    filled = {p.key for p in rows if not markup.is_empty(p.text)}
    by_key = {p.key: p for p in rows}
    judgement = _judgement(report)
    if judgement is not None and judgement.judgement and judgement.part_key in by_key:
        filled.add(judgement.part_key)
    for key in list(filled):  # a part with text fills every part above it
        part = by_key[key]
        while part.parent in by_key and part.parent not in filled:
            filled.add(part.parent)
            part = by_key[part.parent]
    return [rules.PartState(key=p.key, heading=p.heading, status=Status(p.status), required=p.required,
                            always=p.always, empty=p.key not in filled, level=p.level) for p in rows]


def goal_states(report: models.Report, goals=None) -> list[rules.GoalState]:
    from .editing import proposed_assessment
    from .store import indicator_from_row

    goals = list(goals if goals is not None else report.goals.all())
    indicators = defaultdict(list)
    for row in report.indicators.filter(goal__in=goals).select_related("goal"):
        status = indicator_from_row(row).status
        indicators[row.goal_id].append(rules.IndicatorState(
            name=row.name, has_outcome=bool(row.outcome_text or row.outcome is not None), period=row.period,
            frequency=row.frequency, misses=indicator_needs_analysis(status), has_analysis=bool(row.analysis.strip())))
    undescribed = defaultdict(list)
    for activity in report.activities.filter(goal__in=goals, status="avvikelse"):
        if not activity.deviation.strip():
            undescribed[activity.goal_id].append(activity.text)
    states = []
    for goal in goals:
        proposal = proposed_assessment(goal) if goal.assessment and goal.assessed_proposal else None
        states.append(rules.GoalState(
            number=goal.number, title=goal.title, status=Status(goal.status), assessment=goal.assessment,
            proposal=proposal.value if proposal else "", assessed_proposal=goal.assessed_proposal,
            indicators=tuple(indicators[goal.pk]), undescribed_deviations=tuple(undescribed[goal.pk])))
    return states


def gaps(report: models.Report, user=None) -> list[rules.Gap]:
    """Every gap of the document; with ``user``, only those in parts this person writes."""
    found = rules.remaining(Period(report.period), part_states(report), goal_states(report),
                            [rules.DecisionState(d.number, d.text, d.amount) for d in report.decisions.all()],
                            _judgement(report))
    if user is None:
        return found
    mine = {f"mal:{g.number}" for g in report.goals.all() if access.may_edit_goal(user, g)}
    mine |= {f"textdel:{p.key}" for p in report.text_parts.prefetch_related("writers")
             if access.may_edit_part(user, p)}
    return [g for g in found if g.item in mine]


def submit_blockers(item) -> list[rules.Gap]:
    """Blocking gaps of what is being submitted: a text part, a goal, or the whole document."""
    if isinstance(item, models.TextPart):
        parts = part_states(item.report)
        return [g for p in parts if p.key == item.key for g in rules.part_gaps(p) if g.blocking]
    if isinstance(item, models.Goal):
        [state] = goal_states(item.report, [item])
        return [g for g in rules.goal_gaps(Period(item.report.period), state) if g.blocking]
    return [g for g in gaps(item) if g.blocking]


def lock_blockers(report: models.Report) -> list[rules.Gap]:
    return rules.unapproved(part_states(report), goal_states(report), _internal_control(report))


def _internal_control(report: models.Report) -> tuple[str, Status] | None:
    """The internal control's part this document decides, named, with its status; None where the
    committee keeps no internal control for the year in the app."""
    from .internal_control import section_status

    analysis = models.RiskAnalysis.objects.filter(committee_id=report.committee_id, year=report.year).first()
    if analysis is None:
        return None
    if report.period == Period.VP.value:
        return "Riskanalys och internkontrollplan", section_status(analysis, "plan")
    return "Uppföljning av intern kontroll", section_status(analysis, report.period)
