"""Planning through the API: goals, indicators with targets, activities – the forms' permissions,
version checks (409), input checks (422 naming the field) and audit; OpenAPI documents each."""
from __future__ import annotations

import json

import pytest

from ils.domain.model import Period
from ils.persistence import models, planning

from .conftest import report

pytestmark = pytest.mark.postgres


def _send(client, method, url, body=None):
    call = getattr(client, method)
    return call(url, json.dumps(body), content_type="application/json") if body is not None else call(url)


@pytest.fixture
def plan(api):
    admin = models.Membership.objects.get(user__username="controller").user
    return planning.create_document(admin, report(), 2025, Period.VP)


def _kf_goal(vp):
    return next(g for g in vp.goals.filter(level="kf_mal") if g.children.count() >= 2)


def test_the_controller_plans_a_goal_with_an_indicator_and_an_activity(api, plan):
    kf = _kf_goal(plan)
    count = kf.children.count()
    made = _send(api["controller"], "post", f"/api/planning/goals/{kf.pk}/goals",
                 {"title": "Fler unga har sommarjobb", "description": "Stadsdelen ordnar sommarjobb.",
                  "expected_results": ["Fler sökande"], "position": 1})
    assert made.status_code == 200, made.content
    goal = made.json()
    assert goal["number"] == f"{kf.number}.1" and goal["parent_number"] == kf.number
    assert kf.children.count() == count + 1
    indicator = _send(api["skribent"], "post", f"/api/planning/goals/{goal['id']}/indicators",
                      {"name": "Antal unga med sommarjobb", "unit": "st", "direction": "higher",
                       "frequency": "År", "target_kind": "min", "target_value": "300 st"})
    assert indicator.status_code == 200, indicator.content
    assert (indicator.json()["target_text"], indicator.json()["frequency"], indicator.json()["unit"]) == (
        "Minst 300 st", "År", "st")
    activity = _send(api["skribent"], "post", f"/api/planning/goals/{goal['id']}/activities",
                     {"text": "Samverkan med näringslivet", "start": "2025-02-01", "end": "2025-06-30"})
    assert activity.status_code == 200 and activity.json()["goal_number"] == goal["number"]
    moved = _send(api["controller"], "post", f"/api/planning/goals/{goal['id']}/move",
                  {"version": goal["version"], "position": 2})
    assert moved.status_code == 200
    assert [g["number"] for g in moved.json()][:2] == [f"{kf.number}.1", f"{kf.number}.2"]
    assert moved.json()[1]["id"] == goal["id"]
    audit = models.AuditEntry.objects.filter(report=plan, user__username="controller", field="number")
    assert audit.filter(item_id=goal["id"], note="Omnumrerat efter ändrad ordning").exists()


def test_writers_do_not_restructure_and_readers_do_not_write(api, plan):
    kf = _kf_goal(plan)
    goal = kf.children.first()
    count = models.Goal.objects.count()
    assert _send(api["skribent"], "post", f"/api/planning/goals/{kf.pk}/goals", {"title": "Mål"}).status_code == 403
    assert _send(api["lasare"], "post", f"/api/planning/goals/{goal.pk}/indicators", {"name": "X"}).status_code == 403
    assert _send(api["skribent-social"], "post", f"/api/planning/goals/{kf.pk}/goals", {"title": "Mål"}).status_code == 404
    assert _send(api["anonym"], "post", f"/api/planning/goals/{kf.pk}/goals", {"title": "Mål"}).status_code == 401
    assert models.Goal.objects.count() == count


def test_bad_input_names_the_field_and_stores_nothing(api, plan):
    kf = _kf_goal(plan)
    goal = kf.children.first()
    before = (models.IndicatorValue.objects.count(), models.Activity.objects.count(), models.AuditEntry.objects.count())
    bad_target = _send(api["controller"], "post", f"/api/planning/goals/{goal.pk}/indicators",
                       {"name": "Ny indikator", "target_kind": "number", "target_value": "många"})
    assert bad_target.status_code == 422
    assert bad_target.json()["errors"][0]["column"] == "target_value" and "tal" in bad_target.json()["detail"]
    bad_date = _send(api["controller"], "post", f"/api/planning/goals/{goal.pk}/activities",
                     {"text": "Aktivitet", "start": "2026-01-15"})
    assert bad_date.status_code == 422 and bad_date.json()["errors"][0]["column"] == "start"
    assert "senast 31 december 2025" in bad_date.json()["detail"]
    taken = _send(api["controller"], "post", f"/api/planning/goals/{kf.pk}/goals", {"title": "Mål", "number": goal.number})
    assert taken.status_code == 422 and f"Nämndmål {goal.number} finns redan" in taken.json()["detail"]
    full = next(g for g in kf.children.all() if g.indicators.exists())
    refused = api["controller"].delete(f"/api/planning/goals/{full.pk}?version={full.version}")
    assert refused.status_code == 422 and "flytta dem till ett annat mål" in refused.json()["detail"]
    assert (models.IndicatorValue.objects.count(), models.Activity.objects.count(),
            models.AuditEntry.objects.count()) == before
    removed = api["controller"].delete(f"/api/planning/goals/{full.pk}?version={full.version}&remove_contents=true")
    assert removed.status_code == 200 and not models.Goal.objects.filter(pk=full.pk).exists()


def test_a_stale_version_is_409_and_kf_parts_are_403(api, plan):
    row = plan.indicators.filter(kf=True).first()
    stale = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                  {"version": row.version + 1, "frequency": "År"})
    assert stale.status_code == 409
    assert _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                 {"version": row.version, "name": "Nytt namn"}).status_code == 403
    assert api["controller"].delete(f"/api/planning/indicators/{row.pk}?version={row.version}").status_code == 403
    target = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                   {"version": row.version, "target_kind": "number", "target_value": "12,5 %"})
    assert target.status_code == 200 and target.json()["target_text"] == "12,5 %"
    assert target.json()["kf_target_text"] == row.kf_target_text and target.json()["version"] == row.version + 1
    outcome = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                    {"version": row.version + 1, "outcome": "5"})
    assert outcome.status_code == 422 and outcome.json()["errors"][0]["column"] == "outcome"  # a plan has none


def test_a_follow_up_outcome_and_target_change_through_the_api(api):
    t1 = report()
    row = t1.indicators.filter(kf=False, target_kind="number").select_related("definition").first()
    decisions = t1.decisions.count()
    answer = _send(api["skribent"], "patch", f"/api/planning/indicators/{row.pk}",
                   {"version": row.version, "outcome": "41.5", "outcome_men": "40", "outcome_women": "43",
                    "target_kind": "number", "target_value": "99"})
    assert answer.status_code == 200, answer.content
    assert answer.json()["outcome_men"] == 40 and answer.json()["target_text"] == "99"
    assert t1.decisions.count() == decisions + 1
    fields = set(models.AuditEntry.objects.filter(item_id=row.pk, item_type="indikator").values_list("field", flat=True))
    assert fields == {"outcome", "outcome_men", "outcome_women", "target"}


def test_openapi_documents_every_planning_operation(api):
    paths = api["controller"].get("/api/openapi.json").json()["paths"]
    operations = {(method, path) for path, item in paths.items() if path.startswith("/api/planning/")
                  for method in item}
    assert operations == {
        ("post", "/api/planning/goals/{kf_goal_id}/goals"), ("patch", "/api/planning/goals/{goal_id}"),
        ("post", "/api/planning/goals/{goal_id}/move"), ("delete", "/api/planning/goals/{goal_id}"),
        ("post", "/api/planning/goals/{goal_id}/indicators"), ("patch", "/api/planning/indicators/{indicator_id}"),
        ("delete", "/api/planning/indicators/{indicator_id}"), ("post", "/api/planning/goals/{goal_id}/activities"),
        ("patch", "/api/planning/activities/{activity_id}"), ("delete", "/api/planning/activities/{activity_id}"),
        ("post", "/api/planning/reports"), ("post", "/api/planning/goals/{goal_id}/status"),
        ("post", "/api/planning/reports/{report_id}/status")}
    for path, item in paths.items():
        if path.startswith("/api/planning/"):
            for operation in item.values():
                assert operation["summary"] and {"200", "403", "404", "409", "422"} <= set(operation["responses"])
