"""Planning rules: what carries over into next year's plan and into the year's follow-ups."""
from __future__ import annotations

from datetime import date

import pytest

from ils.domain.model import ActivityStatus, DocumentType, Period
from ils.domain.planning import PlanningError, create, follow_up, next_year_plan, possible_documents


def test_next_year_plan_carries_goals_indicators_and_unfinished_activities(seed_documents):
    t1 = seed_documents["sodermalm"]
    plan = next_year_plan(t1)
    assert (plan.year, plan.period, plan.type) == (2025, Period.VP, DocumentType.VERKSAMHETSPLAN)
    assert [(g.number, g.title, g.description) for g in plan.goals] == [
        (g.number, g.title, g.description) for g in t1.goals]
    assert all(g.assessment is None and not g.analysis for g in plan.goals)
    assert [g.expected_results for g in plan.goals] == [g.expected_results for g in t1.goals]
    assert [(i.name, i.target, i.kf_target) for i in plan.indicators] == [
        (i.name, i.target, i.kf_target) for i in t1.indicators]
    assert all(i.outcome is None and i.forecast is None and not i.analysis for i in plan.indicators)
    carried = next(i for i in t1.indicators if i.outcome is not None)
    assert next(i for i in plan.indicators if i.name == carried.name).previous == carried.outcome
    unfinished = [a for a in t1.activities if a.status is not ActivityStatus.GENOMFORD and not a.kf_assignment]
    assert [a.text for a in plan.activities] == [a.text for a in unfinished]
    # KF's assignments for the new year come from KF's definitions, never from last year's document.
    assert any(a.kf_assignment for a in t1.activities) and not any(a.kf_assignment for a in plan.activities)
    assert all(a.status is None for a in plan.activities)
    dated = next(a for a in unfinished if a.start)
    assert next(a for a in plan.activities if a.text == dated.text).start.year == dated.start.year + 1


def test_follow_up_keeps_targets_forecasts_and_activity_status(seed_documents):
    t1 = seed_documents["sodermalm"]
    t2 = follow_up(t1, Period.T2)
    assert (t2.year, t2.period, t2.type) == (2024, Period.T2, DocumentType.TERTIALRAPPORT)
    assert [(i.name, i.target, i.kf_target, i.forecast) for i in t2.indicators] == [
        (i.name, i.target, i.kf_target, i.forecast) for i in t1.indicators]
    assert all(i.outcome is None and i.outcome_women is None and not i.analysis for i in t2.indicators)
    assert [(a.text, a.status) for a in t2.activities] == [(a.text, a.status) for a in t1.activities]
    assert {i.period for i in t1.indicators} == {"Tertial 1 2024", "2024"}
    assert [i.period for i in t2.indicators] == [
        {"Tertial 1 2024": "Tertial 2 2024"}.get(i.period, i.period) for i in t1.indicators]
    assert follow_up(seed_documents["hagersten-alvsjo"], Period.VB).type is DocumentType.VERKSAMHETSBERATTELSE
    for period in (Period.T1, Period.VP):
        with pytest.raises(PlanningError):
            follow_up(t1, period)
    with pytest.raises(PlanningError):
        create(t1, 2026, Period.VP)


def test_possible_documents_are_later_periods_and_next_years_plan(seed_documents):
    t1, vp = seed_documents["sodermalm"], seed_documents["hagersten-alvsjo"]
    assert possible_documents(t1, set()) == [(2024, Period.T2), (2024, Period.VB), (2025, Period.VP)]
    assert possible_documents(t1, {(2024, Period.T2)}) == [(2024, Period.VB), (2025, Period.VP)]
    assert possible_documents(vp, set())[0] == (2025, Period.T1)


def test_leap_day_moves_to_the_28th():
    from ils.domain.planning import _shift

    assert _shift(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_a_new_document_carries_the_head_people_and_signatures_only(seed_documents):
    t1 = seed_documents["sodermalm"]
    assert t1.author and t1.phone and t1.signatures and t1.decisions and t1.attachments and t1.date
    for new in (follow_up(t1, Period.T2), next_year_plan(t1)):
        assert (new.author, new.phone, new.recipient) == (t1.author, t1.phone, t1.recipient)
        assert [(s.name, s.title, s.line) for s in new.signatures] == [(s.name, s.title, 0) for s in t1.signatures]
        assert new.signatures[0] is not t1.signatures[0]
        assert (new.decisions, new.attachments, new.attestations, new.date, new.reference, new.decision_date) == (
            [], [], [], None, "", None)
