"""What is left in a document: the gap rules, pure."""
from __future__ import annotations

from decimal import Decimal

from ils.domain import remaining as r
from ils.domain.model import Period
from ils.domain.workflow import Status


def _goal(**kwargs):
    return r.GoalState(**{"number": "1.1.1", "title": "Mål", "status": Status.DRAFT, "assessment": "helt"} | kwargs)


def test_required_and_always_present_parts_that_are_empty_block_a_submission():
    parts = [r.PartState("analys", "Sammanfattande analys", Status.DRAFT, required=True),
             r.PartState("ovrigt", "Övrigt", Status.DRAFT, always=True),
             r.PartState("fri", "Valfri", Status.DRAFT),
             r.PartState("klar", "Klar", Status.IN_REVIEW, required=True, empty=False)]
    gaps = r.remaining(Period.VB, parts, [], [])
    assert [(g.item, g.kind, g.blocking) for g in gaps] == [
        ("textdel:analys", "tom", True), ("textdel:analys", "ej-klar", False),
        ("textdel:ovrigt", "tom", True), ("textdel:ovrigt", "ej-klar", False)]
    assert "Inte aktuellt" in gaps[2].message  # an empty optional part is neither a gap nor printed


def test_goals_without_assessment_or_analysis_of_a_miss_block_and_missing_outcomes_are_listed():
    goal = _goal(assessment="", indicators=(
        r.IndicatorState("Andel nöjda", has_outcome=False, period="Tertial 1 2024"),
        r.IndicatorState("Årsvärde", has_outcome=False, period="2024"),
        r.IndicatorState("Väntetid", has_outcome=True, misses=True, has_analysis=False),
        r.IndicatorState("Besök", has_outcome=True, misses=True, has_analysis=True)))
    gaps = r.goal_gaps(Period.T1, goal)
    assert [(g.kind, g.blocking) for g in gaps] == [("ej-bedomd", True), ("utfall", False), ("analys", True)]
    assert "Andel nöjda" in gaps[1].message and "Väntetid" in gaps[2].message
    assert [g.kind for g in r.goal_gaps(Period.VB, goal)].count("utfall") == 2  # every outcome at year end
    assert r.goal_gaps(Period.VP, _goal(assessment="", indicators=goal.indicators[:2])) == []


def test_a_half_year_indicator_needs_its_outcome_at_t2_only():
    half = r.IndicatorState("Halvår", has_outcome=False, period="Halvår 1 2024")
    assert not r.outcome_needed(Period.T1, half) and r.outcome_needed(Period.T2, half)


def test_a_proposal_changed_after_the_assessment_asks_for_a_new_look():
    assert [g.kind for g in r.goal_gaps(Period.T2, _goal(proposal="delvis", assessed_proposal="helt"))] == ["forslag"]
    assert r.goal_gaps(Period.T2, _goal(proposal="helt", assessed_proposal="helt")) == []


def test_an_activity_with_an_undescribed_deviation_blocks_its_goal():
    goal = _goal(undescribed_deviations=("Trygghetsvandringar i Fruängen",))
    [gap] = r.goal_gaps(Period.T2, goal)
    assert (gap.kind, gap.item, gap.blocking) == ("avvikelse", "mal:1.1.1", True)
    assert gap.message.startswith("Aktiviteten har avvikelse men avvikelsen är inte beskriven")
    assert "Trygghetsvandringar i Fruängen" in gap.message
    assert r.goal_gaps(Period.T2, _goal()) == []


def test_decisions_whose_text_promises_an_amount_need_one():
    decisions = [r.DecisionState(1, "Nämnden godkänner tertialrapporten."),
                 r.DecisionState(2, "Nämnden begär budgetjustering om 0,7 mnkr för klimatinvesteringar."),
                 r.DecisionState(3, "Nämnden begär budgetjustering om 0,7 mnkr.", Decimal("0.7")),
                 r.DecisionState(4, "Ansökan om 868 046 kronor från kompetensutvecklingsatsningen.")]
    assert [g.item for g in r.remaining(Period.T1, [], [], decisions)] == ["beslut:2", "beslut:4"]


def test_the_lock_needs_every_part_and_goal_approved():
    parts = [r.PartState("a", "A", Status.APPROVED, empty=False), r.PartState("b", "B", Status.IN_REVIEW, empty=False),
             r.PartState("c", "C", Status.DRAFT)]
    goals = [_goal(status=Status.APPROVED), _goal(number="1.1.2", status=Status.DRAFT)]
    assert [g.item for g in r.unapproved(parts, goals)] == ["textdel:b", "mal:1.1.2"]
    assert "… och 1 till" in r.summary(r.unapproved(parts, goals), limit=1)
