"""The routes a document begun empty needs: the empty draft, KF's definitions of a year, goal and
document workflow, what a follow-up carries (goal sections, previous outcome, period), årsmål as
text, a bilaga's own label and a text part outside the template – each with its refusals."""
from __future__ import annotations

import io
import json

import pikepdf
import pytest

from ils.persistence import models

from .conftest import SODERMALM, report

pytestmark = pytest.mark.postgres


def _send(client, method, url, body=None):
    call = getattr(client, method)
    return call(url, json.dumps(body), content_type="application/json") if body is not None else call(url)


def _draft(api, year=2026, period="VP", committee=SODERMALM):
    answer = _send(api["admin"], "post", "/api/planning/reports", {"committee": committee, "year": year, "period": period})
    assert answer.status_code == 200, answer.content
    return models.Report.objects.get(pk=answer.json()["id"])


def test_an_empty_draft_has_kfs_definitions_and_the_templates_parts(api):
    admin = api["admin"]
    goal = _send(admin, "post", "/api/city-definitions/2026/goals", {"number": "1", "title": "En stad för alla"})
    kf = _send(admin, "post", "/api/city-definitions/2026/goals", {"number": "1.1", "title": "Trygga barn"})
    assert goal.status_code == kf.status_code == 200
    indicator = _send(admin, "post", f"/api/city-definitions/goals/{kf.json()['id']}/indicators",
                      {"name": "Andel barn i förskola", "kf_target": "Max 10 %", "frequency": "År"})
    assert indicator.status_code == 200 and indicator.json()["kf_target_text"] == "Max 10 %"
    assert _send(admin, "post", f"/api/city-definitions/goals/{kf.json()['id']}/assignments",
                 {"text": "Utred förskolornas lokaler", "start": "2026-01-01", "end": "2026-12-31"}).status_code == 200
    draft = _draft(api)
    assert (draft.committee.name, draft.year, draft.period, draft.status) == (SODERMALM, 2026, "VP", "utkast")
    assert list(draft.goals.values_list("number", "level")) == [("1", "inriktningsmal"), ("1.1", "kf_mal")]
    row = draft.indicators.get()
    assert (row.name, row.kf, row.kf_target_text, row.frequency) == ("Andel barn i förskola", True, "Max 10 %", "År")
    assert draft.activities.get().kf_assignment and draft.text_parts.exists()
    assert not draft.decisions.exists() and not draft.economy_tables.exists()
    listed = _send(api["lasare"], "get", "/api/city-definitions/2026").json()
    assert [g["number"] for g in listed] == ["1", "1.1"] and listed[1]["indicators"][0]["name"] == row.name
    assert models.AuditEntry.objects.filter(report=draft, field="skapad", note="Tomt utkast").exists()
    # defined again: KF's target changes, and publishing brings it into the draft
    _send(admin, "post", f"/api/city-definitions/goals/{kf.json()['id']}/indicators",
          {"name": "Andel barn i förskola", "kf_target": "Max 8 %"})
    published = _send(admin, "post", "/api/city-definitions/2026/publish")
    assert published.status_code == 200 and published.json()["changed"][SODERMALM] == 1
    row.refresh_from_db()
    assert row.kf_target_text == "Max 8 %"


def test_who_may_begin_an_empty_draft(api):
    body = {"committee": SODERMALM, "year": 2027, "period": "T1"}
    assert _send(api["skribent"], "post", "/api/planning/reports", body).status_code == 403
    new = body | {"committee": "Nya nämnden"}
    refused = _send(api["controller"], "post", "/api/planning/reports", new)
    assert refused.status_code == 403 and "administratörer" in refused.json()["detail"]
    assert not models.Committee.objects.filter(name="Nya nämnden").exists()
    assert _send(api["controller"], "post", "/api/planning/reports", body).status_code == 200
    again = _send(api["controller"], "post", "/api/planning/reports", body)
    assert again.status_code == 409 and "finns redan" in again.json()["detail"]
    assert _send(api["admin"], "post", "/api/planning/reports", new).status_code == 200
    for bad in ({"committee": "  "}, {"committee": "Nämnd\x01"}, {"committee": SODERMALM + "!"}):
        answer = _send(api["admin"], "post", "/api/planning/reports", body | bad)
        assert answer.status_code == 422 and answer.json()["errors"][0]["column"] == "committee"
    for bad in ({"year": 1999}, {"period": "T3"}, {"committee": "x" * 201}):
        assert _send(api["admin"], "post", "/api/planning/reports", body | bad).status_code == 422


def test_only_city_administrators_define_kfs_parts(api):
    goal = _send(api["admin"], "post", "/api/city-definitions/2026/goals", {"number": "1", "title": "Mål"}).json()
    refused = _send(api["controller"], "post", "/api/city-definitions/2026/goals", {"number": "2", "title": "Mål"})
    assert refused.status_code == 403
    assert _send(api["controller"], "post", f"/api/city-definitions/goals/{goal['id']}/indicators",
                 {"name": "X"}).status_code == 403
    assert _send(api["controller"], "post", "/api/city-definitions/2026/publish").status_code == 403
    assert _send(api["admin"], "post", "/api/city-definitions/goals/999999/assignments", {"text": "X"}).status_code == 404
    bad_number = _send(api["admin"], "post", "/api/city-definitions/2026/goals", {"number": "x.1", "title": "Mål"})
    assert bad_number.status_code == 422 and "nummer" in bad_number.json()["detail"]
    under_inriktningsmal = _send(api["admin"], "post", f"/api/city-definitions/goals/{goal['id']}/indicators",
                                 {"name": "Andel"})
    assert under_inriktningsmal.status_code == 422 and "KF-mål" in under_inriktningsmal.json()["detail"]
    assert not models.CityIndicator.objects.exists()


def test_goal_and_document_workflow_through_the_api(api):
    t1 = report()
    goal = t1.goals.filter(level="namndmal").first()
    assert _send(api["lasare"], "post", f"/api/planning/goals/{goal.pk}/status", {"action": "skicka"}).status_code == 403
    submitted = _send(api["controller"], "post", f"/api/planning/goals/{goal.pk}/status", {"action": "skicka"})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json() == {"status": "granskning"}
    assert _send(api["skribent"], "post", f"/api/planning/goals/{goal.pk}/status", {"action": "godkann"}).status_code == 403
    no_comment = _send(api["controller"], "post", f"/api/planning/goals/{goal.pk}/status", {"action": "returnera"})
    assert no_comment.status_code == 422 and "kommentar" in no_comment.json()["detail"]
    returned = _send(api["controller"], "post", f"/api/planning/goals/{goal.pk}/status",
                     {"action": "returnera", "comment": "Komplettera analysen."})
    assert returned.json() == {"status": "utkast"}
    assert _send(api["controller"], "post", f"/api/planning/reports/{t1.pk}/status",
                 {"action": "las"}).status_code == 422  # locking has its own route, with the decision
    other = report("Socialnämnden")
    assert _send(api["controller"], "post", f"/api/planning/reports/{other.pk}/status",
                 {"action": "skicka"}).status_code == 404


def test_what_a_follow_up_carries_is_writable_and_checked(api):
    t1 = report()
    goal = t1.goals.filter(level="kf_mal").first()
    sections = [{"heading": "Nämndens arbete", "text": "Vi arbetar."}]
    answer = _send(api["controller"], "patch", f"/api/planning/goals/{goal.pk}",
                   {"version": goal.version, "sections": sections, "description": "Beskrivning."})
    assert answer.status_code == 200, answer.content
    goal.refresh_from_db()
    assert goal.sections == [{"heading": "Nämndens arbete", "text": "Vi arbetar.", "line": 0}]
    empty = _send(api["controller"], "patch", f"/api/planning/goals/{goal.pk}",
                  {"version": goal.version, "sections": [{"heading": " ", "text": "x"}]})
    assert empty.status_code == 422 and empty.json()["errors"][0]["column"] == "sections"
    row = t1.indicators.filter(kf=True).first()
    done = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                 {"version": row.version, "previous": "12,5 %", "period": "Halvår 1 2024"})
    assert done.status_code == 200, done.content
    assert (done.json()["previous_text"], done.json()["period"]) == ("12,5 %", "Halvår 1 2024")
    row.definition.unit = "st"
    row.definition.save()
    bare = {"version": done.json()["version"], "outcome": "110"}
    with_unit = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}", bare)
    assert with_unit.json()["outcome_text"] == "110 st"
    printed = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                    {"version": with_unit.json()["version"], "outcome": "111", "as_printed": True})
    assert printed.json()["outcome_text"] == "111"
    done = printed
    bad = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                {"version": done.json()["version"], "previous": "tolv"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == "previous"
    both = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                 {"version": done.json()["version"], "target_text": "Max 3", "target_kind": "number"})
    assert both.status_code == 422 and "inte båda" in both.json()["errors"][0]["problem"]


def test_an_arsmal_given_to_a_row_without_one_is_no_proposal(api):
    t1 = report()
    row = t1.indicators.filter(target_text="").first()
    decisions = t1.decisions.count()
    answer = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                   {"version": row.version, "target_text": "Minst 40 %"})
    assert answer.status_code == 200 and answer.json()["target_text"] == "Minst 40 %"
    assert t1.decisions.count() == decisions
    changed = _send(api["controller"], "patch", f"/api/planning/indicators/{row.pk}",
                    {"version": answer.json()["version"], "target_text": "Minst 45 %"})
    assert changed.status_code == 200 and t1.decisions.count() == decisions + 1


def _pdf(name="bilaga.pdf"):
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(out)
    content = io.BytesIO(out.getvalue())
    content.name = name
    return content


def test_a_bilaga_keeps_the_label_the_committee_gives_it(api):
    draft = _draft(api)
    version = draft.front_version

    def upload(label):
        return api["controller"].post(f"/api/reports/{draft.pk}/attachments",
                                      {"file": _pdf(), "title": "Underlag", "version": version, "label": label})

    answer = upload("Bilaga 3b")
    assert answer.status_code == 200 and answer.json()["attachments"][0]["label"] == "Bilaga 3b"
    version = answer.json()["version"]
    for bad, message in (("Bilaga 3b", "finns redan"), ("Bilaga x", "Numrera")):
        refused = upload(bad)
        assert refused.status_code == 422 and message in refused.json()["errors"][0]["problem"]
        assert refused.json()["errors"][0]["column"] == "label"
    assert upload("").json()["attachments"][-1]["label"] == "Bilaga 4"


def test_a_text_part_outside_the_template(api):
    draft = _draft(api)
    url = f"/api/texts/report/{draft.pk}/parts"
    assert _send(api["skribent"], "post", url, {"heading": "Ärendets beredning"}).status_code == 403
    made = _send(api["controller"], "post", url, {"heading": "Ärendets beredning"})
    assert made.status_code == 200 and made.json()["extra"] and made.json()["key"] == "extra-arendets-beredning"
    parts = list(draft.text_parts.values_list("key", "place"))
    fore = [key for key, place in parts if place == "fore"]
    assert fore[-1] == "extra-arendets-beredning" and len(parts) == len(set(parts))
    assert _send(api["controller"], "post", url, {"heading": " "}).status_code == 422
    assert _send(api["controller"], "post", url, {"heading": "x", "place": "mitten"}).status_code == 422
