"""Planning services: the committee's goal tree, own indicators with årsmål, activities – permission,
version, input checks and audit, nothing half-saved."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from ils.domain.document_fields import PlanningInputError
from ils.domain.model import Period
from ils.domain.targets import TargetKind
from ils.domain.workflow import Action, Role
from ils.persistence import editing, models, plan_editing, planning, remaining
from tests.web.people import SODERMALM, _report

pytestmark = pytest.mark.postgres


def _person(name, role):
    user = get_user_model().objects.create_user(name)
    models.Membership.objects.create(user=user, role=role.value, committee=models.Committee.objects.get(name=SODERMALM))
    return user


@pytest.fixture
def people():
    return {"controller": _person("c", Role.CONTROLLER), "skribent": _person("s", Role.WRITER),
            "lasare": _person("l", Role.READER)}


@pytest.fixture
def plan(people):
    return planning.create_document(people["controller"], _report(), 2025, Period.VP)


def _kf_goal(report, with_children=2):
    return next(g for g in report.goals.filter(level="kf_mal") if g.children.count() >= with_children)


def _numbers(parent):
    return [(g.number, g.title) for g in plan_editing.sibling_goals(parent)]


def test_nammdmal_are_added_moved_and_removed_with_numbers_following_the_order(plan, people):
    user, kf = people["controller"], _kf_goal(plan)
    before = _numbers(kf)
    goal = plan_editing.add_goal(user, kf, "Fler unga har sommarjobb", "Beskrivning.", ["Fler sommarjobb", ""],
                                 position=1)
    assert goal.number == f"{kf.number}.1" and goal.expected_results == ["Fler sommarjobb"]
    assert _numbers(kf) == [(goal.number, goal.title)] + [
        (f"{kf.number}.{n}", title) for n, (_, title) in enumerate(before, 2)]
    renumbered = models.AuditEntry.objects.filter(report=plan, field="number", note="Numrerat efter målens ordning")
    assert renumbered.count() == len(before) and renumbered.first().user == user
    assert models.AuditEntry.objects.get(item_type="mal", item_id=goal.pk, field="skapad").after == goal.title
    # The goal order of the whole report follows the numbers: the new goal comes right after its KF goal.
    ordered = list(plan.goals.order_by("order").values_list("number", flat=True))
    assert ordered.index(goal.number) == ordered.index(kf.number) + 1

    goal.refresh_from_db()
    plan_editing.move_goal(user, goal, goal.version, 2)
    assert _numbers(kf)[:2] == [(f"{kf.number}.1", before[0][1]), (f"{kf.number}.2", goal.title)]
    entry = models.AuditEntry.objects.filter(item_id=goal.pk, field="number").first()
    assert (entry.before, entry.after, entry.note) == (f"{kf.number}.1", f"{kf.number}.2", "Omnumrerat efter ändrad ordning")

    goal.refresh_from_db()
    plan_editing.remove_goal(user, goal, goal.version)
    assert _numbers(kf) == before
    assert models.AuditEntry.objects.filter(item_id=goal.pk, field="borttagen").exists()


def test_removing_a_goal_with_indicators_asks_to_move_or_remove_them(plan, people):
    user, kf = people["controller"], _kf_goal(plan)
    first, second = plan_editing.sibling_goals(kf)[:2]
    indicators, activities = first.indicators.count(), first.activities.filter(kf_assignment=False).count()
    assert indicators + activities
    with pytest.raises(PlanningInputError) as refused:
        plan_editing.remove_goal(user, first, first.version)
    assert refused.value.field == "contents" and "flytta dem till ett annat mål eller ta bort dem också" in refused.value.message
    assert models.Goal.objects.filter(pk=first.pk).exists()
    moved = set(first.indicators.values_list("pk", flat=True))
    second_before = second.indicators.count()
    plan_editing.remove_goal(user, first, first.version, move_to=second)
    assert not models.Goal.objects.filter(pk=first.pk).exists()
    assert set(models.IndicatorValue.objects.filter(pk__in=moved).values_list("goal_id", flat=True)) <= {second.pk}
    second.refresh_from_db()
    assert second.indicators.count() == second_before + len(moved) and second.number == f"{kf.number}.1"
    assert models.AuditEntry.objects.filter(item_type="indikator", field="goal", note__startswith="Mål").count() == len(moved)


def test_removing_contents_too_and_nothing_half_saved_on_a_clash(plan, people):
    user, kf = people["controller"], _kf_goal(plan)
    first, second = plan_editing.sibling_goals(kf)[:2]
    own = plan_editing.add_indicator(user, second, "Antal besökare i parkleken", "st", "higher", "År", "number", "120 st")
    plan_editing.add_indicator(user, first, "Antal besökare i parkleken", "st", "higher", "År", "number", "100 st")
    before = (models.Goal.objects.count(), models.IndicatorValue.objects.count(), models.AuditEntry.objects.count())
    with pytest.raises(PlanningInputError) as clash:
        plan_editing.remove_goal(user, first, models.Goal.objects.get(pk=first.pk).version, move_to=second)
    assert clash.value.field == "move_to" and "har redan indikatorn" in clash.value.message
    assert (models.Goal.objects.count(), models.IndicatorValue.objects.count(), models.AuditEntry.objects.count()) == before
    rows = first.indicators.count()
    plan_editing.remove_goal(user, first, models.Goal.objects.get(pk=first.pk).version, remove_contents=True)
    assert models.IndicatorValue.objects.count() == before[1] - rows
    assert models.IndicatorValue.objects.filter(pk=own.pk).exists()


def test_a_duplicate_or_misplaced_goal_number_is_refused(plan, people):
    user, kf = people["controller"], _kf_goal(plan)
    taken = plan_editing.sibling_goals(kf)[0].number
    count = models.Goal.objects.count()
    for number, word in ((taken, "finns redan"), ("9.9.9", "numreras"), (f"{kf.number}.x", "numreras")):
        with pytest.raises(PlanningInputError) as refused:
            plan_editing.add_goal(user, kf, "Ett mål", number=number)
        assert refused.value.field == "number" and word in refused.value.message
    with pytest.raises(PlanningInputError) as empty:
        plan_editing.add_goal(user, kf, "  ")
    assert empty.value.field == "title"
    assert models.Goal.objects.count() == count
    # An explicit free number takes its place among the numbers, then all are renumbered.
    goal = plan_editing.add_goal(user, kf, "Sist", number=f"{kf.number}.99")
    assert goal.number == f"{kf.number}.{len(plan_editing.sibling_goals(kf))}"


def test_the_goal_tree_is_the_controllers_and_kf_goals_are_kfs(plan, people):
    kf = _kf_goal(plan)
    nammdmal = plan_editing.sibling_goals(kf)[0]
    for who in ("skribent", "lasare"):
        with pytest.raises(PermissionDenied):
            plan_editing.add_goal(people[who], kf, "Ett mål")
        with pytest.raises(PermissionDenied):
            plan_editing.move_goal(people[who], nammdmal, nammdmal.version, 2)
    with pytest.raises(PermissionDenied):
        plan_editing.remove_goal(people["controller"], kf, kf.version)
    with pytest.raises(PermissionDenied):
        plan_editing.update_goal(people["controller"], kf, kf.version, {"title": "Ny rubrik på KF:s mål"})
    changed = plan_editing.update_goal(people["controller"], nammdmal, nammdmal.version, {"title": "Ny rubrik"})
    assert [c.field for c in changed] == ["title"]
    with pytest.raises(PlanningInputError):  # a plan does not ask for an assessment
        plan_editing.update_goal(people["controller"], nammdmal, nammdmal.version + 1, {"assessment": "helt"})


def test_own_indicators_take_every_target_kind_and_refuse_a_non_number(plan, people):
    user = people["skribent"]
    goal = plan_editing.sibling_goals(_kf_goal(plan))[0]
    cases = [("number", "85 %", TargetKind.NUMBER, "85 %"), ("increase", "", TargetKind.INCREASE, "Ökning"),
             ("decrease", "", TargetKind.DECREASE, "Minskning"), ("max", "10 st", TargetKind.MAX, "Max 10 st"),
             ("tolerance", "1 %", TargetKind.TOLERANCE, "+/- 1 %"),
             ("set_by_committee", "", TargetKind.SET_BY_COMMITTEE, "Tas fram av nämnd"),
             ("to_be_set", "2026", TargetKind.TO_BE_SET, "Fastställs 2026"),
             ("text", "Alla skolor deltar", TargetKind.TEXT, "Alla skolor deltar")]
    for n, (kind, value, expected, text) in enumerate(cases):
        row = plan_editing.add_indicator(user, goal, f"Egen indikator {n}", "%", "lower", "Tertial", kind, value)
        assert (row.target_kind, row.target_text, row.frequency) == (expected.value, text, "Tertial")
        assert row.definition.direction == "lower" and row.definition.unit == "%" and not row.kf
    assert models.IndicatorValue.objects.get(name="Egen indikator 3").target_value == Decimal(10)
    count = models.IndicatorValue.objects.count()
    for kind, value, field in (("number", "många", "target_value"), ("max", "", "target_value"),
                               ("to_be_set", "snart", "target_value"), ("increase", "5", "target_value"),
                               ("nonsense", "", "target_kind")):
        with pytest.raises(PlanningInputError) as refused:
            plan_editing.add_indicator(user, goal, "Egen indikator X", "", "", "", kind, value)
        assert refused.value.field == field, kind
    with pytest.raises(PlanningInputError) as twice:
        plan_editing.add_indicator(user, goal, "Egen indikator 0")
    assert "har redan" in twice.value.message
    kf_name = plan.indicators.filter(kf=True).first().name
    with pytest.raises(PlanningInputError) as kf:
        plan_editing.add_indicator(user, goal, kf_name)
    assert "KF-indikator" in kf.value.message
    assert models.IndicatorValue.objects.count() == count


def test_the_committee_sets_its_target_for_a_kf_indicator_but_never_kfs_own(plan, people):
    user = people["controller"]
    row = plan.indicators.filter(kf=True, kf_target_kind="set_by_committee").first()
    assert row is not None
    plan_editing.update_indicator(user, row, row.version, target=plan_editing.target_of("number", "95 %", 2025))
    row.refresh_from_db()
    assert row.target_text == "95 %" and row.kf_target_text == "Tas fram av nämnd"
    assert models.AuditEntry.objects.get(item_id=row.pk, field="target").after == "95 %"
    assert not plan.decisions.exists()  # in a plan the target is simply the plan's
    for kwargs in ({"name": "Annat namn"}, {"unit": "st"}):
        with pytest.raises(PermissionDenied):
            plan_editing.update_indicator(user, row, row.version, **kwargs)
    with pytest.raises(PermissionDenied):
        editing.update_item(user, row, row.version, {"kf_target_text": "50 %"})
    with pytest.raises(PermissionDenied):
        plan_editing.remove_indicator(user, row, row.version)
    with pytest.raises(PlanningInputError):  # a plan asks for no outcome
        plan_editing.update_indicator(user, row, row.version, {"outcome": Decimal(5), "outcome_text": "5"})


def test_in_a_follow_up_a_changed_target_becomes_a_decision_item(people):
    user, t1 = people["controller"], _report()
    row = t1.indicators.filter(kf=False, target_kind="number").select_related("goal").first()
    decisions = t1.decisions.count()
    last = t1.decisions.order_by("-number").values_list("number", flat=True).first() or 0
    plan_editing.update_indicator(user, row, row.version, {"outcome": Decimal(3), "outcome_text": "3"},
                                  target=plan_editing.target_of("number", "42 %", 2024))
    decision = t1.decisions.order_by("-number").first()
    assert t1.decisions.count() == decisions + 1 and decision.number == last + 1
    assert f"ändrat årsmål på indikator under nämndmål {row.goal.number}" in decision.text
    assert row.name in decision.text and "42 %" in decision.text
    assert models.AuditEntry.objects.filter(report=t1, field="beslut", after__contains="42 %").exists()
    # made by the decisions' own service: the head's version moves, so an open decisions form sees it
    t1_before = t1.front_version
    t1.refresh_from_db()
    assert t1.front_version == t1_before + 1
    assert models.AuditEntry.objects.filter(item_type="beslut", item_id=decision.pk, field="skapad").exists()


def test_activities_run_during_the_year_and_kf_assignments_stay_kfs(plan, people):
    user = people["skribent"]
    goal = plan_editing.sibling_goals(_kf_goal(plan))[0]
    count = models.Activity.objects.count()
    for start, end, field, words in ((date(2026, 1, 1), None, "start", "senast 31 december 2025"),
                                     (None, date(2024, 12, 31), "end", "tidigast 1 januari 2025"),
                                     (date(2023, 3, 1), date(2024, 6, 30), "end", "tidigast 1 januari 2025"),
                                     (date(2025, 5, 1), date(2025, 4, 1), "end", "samma dag som startdatum")):
        with pytest.raises(PlanningInputError) as refused:
            plan_editing.add_activity(user, goal, "Trygghetsvandringar", start, end)
        assert refused.value.field == field and words in refused.value.message
    # begun before the year or continuing after it, as the city's plans have them: kept as given
    for start, end in ((date(2023, 9, 1), date(2025, 6, 30)), (date(2025, 8, 1), date(2026, 12, 31)),
                       (date(2024, 1, 1), date(2027, 12, 31)), (date(2025, 12, 31), None), (None, date(2025, 1, 1))):
        kept = plan_editing.add_activity(user, goal, "Pågående satsning", start, end)
        kept.refresh_from_db()
        assert (kept.start, kept.end) == (start, end)
        plan_editing.remove_activity(user, kept, kept.version)
    with pytest.raises(PlanningInputError):
        plan_editing.add_activity(user, goal, "Trygghetsvandringar", status="pagar")  # no status in a plan
    assert models.Activity.objects.count() == count
    activity = plan_editing.add_activity(user, goal, "Trygghetsvandringar", date(2025, 2, 1), date(2025, 11, 30))
    other = plan_editing.sibling_goals(_kf_goal(plan))[1]
    plan_editing.update_activity(user, activity, activity.version, {"goal": other, "end": date(2025, 12, 31)})
    activity.refresh_from_db()
    assert (activity.goal_id, activity.end) == (other.pk, date(2025, 12, 31))
    fields = set(models.AuditEntry.objects.filter(item_type="aktivitet", item_id=activity.pk).values_list("field", flat=True))
    assert fields == {"skapad", "goal", "end"}
    plan_editing.remove_activity(user, activity, activity.version)
    assert not models.Activity.objects.filter(pk=activity.pk).exists()
    kf = models.Activity.objects.filter(report=plan, kf_assignment=True).first()
    if kf is not None:
        with pytest.raises(PermissionDenied):
            plan_editing.update_activity(user, kf, kf.version, {"text": "Annan text"})
        with pytest.raises(PermissionDenied):
            plan_editing.remove_activity(user, kf, kf.version)


def test_an_undescribed_deviation_is_saved_and_holds_the_goal_back_from_review(people, client):
    user, t1 = people["controller"], _report()
    activity = t1.activities.filter(status="pagar").select_related("goal").first()
    plan_editing.update_activity(user, activity, activity.version, {"status": "avvikelse", "deviation": ""})
    activity.refresh_from_db()
    assert (activity.status, activity.deviation) == ("avvikelse", "")

    def undescribed():
        return [g for g in remaining.submit_blockers(activity.goal) if g.kind == "avvikelse"]

    [gap] = undescribed()
    assert gap.item == f"mal:{activity.goal.number}" and activity.text[:40] in gap.message
    with pytest.raises(editing.GapsRemain):
        editing.change_status(user, activity.goal, Action.SUBMIT)
    client.force_login(user)
    page = client.get(f"/rapport/{t1.pk}/kvar/").content.decode()
    assert "Aktiviteten har avvikelse men avvikelsen är inte beskriven" in page
    plan_editing.update_activity(user, activity, activity.version, {"deviation": "Försenad till hösten."})
    assert undescribed() == []


def test_a_locked_document_refuses_every_planning_change(plan, people):
    user = people["controller"]
    models.Report.objects.filter(pk=plan.pk).update(status="last")
    plan.goals.update(status="last")
    kf = _kf_goal(plan)
    goal = plan_editing.sibling_goals(kf)[0]
    row = goal.indicators.first() or plan.indicators.first()
    calls = [lambda: plan_editing.add_goal(user, kf, "Mål"), lambda: plan_editing.move_goal(user, goal, goal.version, 2),
             lambda: plan_editing.remove_goal(user, goal, goal.version, remove_contents=True),
             lambda: plan_editing.add_indicator(user, goal, "Ny"), lambda: plan_editing.add_activity(user, goal, "Ny"),
             lambda: plan_editing.update_indicator(user, row, row.version, frequency="År")]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()


def test_a_stale_version_is_a_conflict(plan, people):
    user = people["controller"]
    goal = plan_editing.sibling_goals(_kf_goal(plan))[0]
    with pytest.raises(editing.EditConflict):
        plan_editing.move_goal(user, goal, goal.version + 5, 2)
    with pytest.raises(editing.EditConflict):
        plan_editing.remove_goal(user, goal, goal.version + 5, remove_contents=True)


def test_a_created_document_has_the_earlier_ones_head_people_and_signatures_only(people):
    t1 = _report()
    models.Attestation.objects.create(report=t1, name="Alexandra Wynn", date=date(2024, 5, 20), line=0)
    t1.reference = "SDN 2024/123"
    t1.save(update_fields=["reference"])
    assert t1.decisions.exists() and t1.attachments.exists() and t1.signatures.exists() and t1.date
    t2 = planning.create_document(people["controller"], t1, 2024, Period.T2)
    assert (t2.author, t2.phone, t2.recipient) == (t1.author, t1.phone, t1.recipient)
    assert t2.author == "Josefin Lokvist" and t2.phone == "0850812197"
    assert list(t2.signatures.values_list("name", "title")) == list(t1.signatures.values_list("name", "title"))
    assert (t2.decisions.count(), t2.attachments.count(), t2.attestations.count()) == (0, 0, 0)
    assert (t2.date, t2.reference, t2.decision_date) == (None, "", None)
