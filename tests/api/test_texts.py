"""The texts through the API: read, write with version check (409), permissions, audit, the
workflow, what is left, the lock with the decision and the template (administrators)."""
from __future__ import annotations

import pytest

from ils.persistence import models

from .conftest import report

pytestmark = pytest.mark.postgres


def _part(key="bedomning-1"):
    return report().text_parts.get(key=key)


def test_parts_are_read_by_readers_and_hidden_from_other_committees(api):
    r = report()
    listed = api["lasare"].get(f"/api/texts/report/{r.pk}")
    assert listed.status_code == 200
    keys = [p["key"] for p in listed.json()]
    assert keys[:3] == ["sammanfattande-analys", "prioriterat-arbete", "bedomning"]
    part = _part()
    one = api["lasare"].get(f"/api/texts/{part.pk}").json()
    assert one["text"].startswith("Förvaltningen bedömer") and one["required"] and one["goal"] == "1"
    assert api["skribent-social"].get(f"/api/texts/report/{r.pk}").status_code == 404
    assert api["skribent-social"].get(f"/api/texts/{part.pk}").status_code == 404
    assert api["anonym"].get(f"/api/texts/{part.pk}").status_code == 401


def test_writing_checks_version_permission_and_text_and_is_audited(api):
    part = _part()
    url = f"/api/texts/{part.pk}"
    ok = api["skribent"].put(url, {"text": "## Rubrik\n\nNy **text**.", "version": part.version},
                             content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == part.version + 1
    assert models.AuditEntry.objects.filter(item_type="textdel", item_id=part.pk, field="text").count() == 1
    stale = api["controller"].put(url, {"text": "Annan text", "version": part.version}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["problem"] == "## Rubrik\n\nNy **text**."
    assert api["lasare"].put(url, {"text": "x", "version": part.version + 1},
                             content_type="application/json").status_code == 403
    bad = api["skribent"].put(url, {"text": "a\u0000b", "version": part.version + 1}, content_type="application/json")
    assert bad.status_code == 422 and "styrtecken" in bad.json()["detail"]
    assert _part().text == "## Rubrik\n\nNy **text**."


def test_the_workflow_refuses_a_required_empty_part_with_the_list(api):
    part = _part()
    models.TextPart.objects.filter(pk=part.pk).update(text="")
    url = f"/api/texts/{part.pk}/status"
    refused = api["skribent"].post(url, {"action": "skicka"}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["problem"].endswith("Obligatorisk text saknas.")
    models.TextPart.objects.filter(pk=part.pk).update(text="Bedömning.")
    assert api["skribent"].post(url, {"action": "skicka"}, content_type="application/json").json() == {
        "status": "granskning"}
    assert api["skribent"].post(url, {"action": "godkann"}, content_type="application/json").status_code == 403
    assert api["controller"].post(url, {"action": "returnera"}, content_type="application/json").status_code == 422
    assert api["controller"].post(url, {"action": "godkann"}, content_type="application/json").json() == {
        "status": "godkand"}


def test_what_is_left_and_the_lock(api):
    r = report()
    gaps = api["controller"].get(f"/api/texts/report/{r.pk}/remaining").json()
    assert any(g["item"] == "mal:1.1.1" and g["kind"] == "ej-klar" for g in gaps)
    assert api["lasare"].get(f"/api/texts/report/{r.pk}/remaining?mine=true").json() == []
    lock = f"/api/texts/report/{r.pk}/lock"
    body = {"decision_date": "2024-05-23", "decision_paragraph": "§ 12"}
    assert api["controller"].post(lock, body, content_type="application/json").status_code == 403  # a draft
    models.Report.objects.filter(pk=r.pk).update(status="godkand")
    refused = api["controller"].post(lock, body, content_type="application/json")
    assert refused.status_code == 422 and any("Mål 1.1.1" in e["problem"] for e in refused.json()["errors"])
    r.goals.update(status="godkand")
    r.text_parts.update(status="godkand")
    assert api["skribent"].post(lock, body, content_type="application/json").status_code == 403
    assert api["controller"].post(lock, body, content_type="application/json").json() == {"status": "last"}
    r.refresh_from_db()
    assert (r.decision_date.isoformat(), r.decision_paragraph) == ("2024-05-23", "§ 12")


def test_writers_are_assigned_by_the_controller(api):
    part = _part()
    url = f"/api/texts/{part.pk}/writers"
    assert api["controller"].put(url, {"writers": ["skribent"]}, content_type="application/json").json()[
        "writers"] == ["skribent"]
    assert api["controller"].put(url, {"writers": ["ingen-sadan"]}, content_type="application/json").status_code == 422
    assert api["controller"].put(url, {"writers": ["skribent-social"]},
                                 content_type="application/json").status_code == 422
    assert api["skribent"].put(url, {"writers": []}, content_type="application/json").status_code == 403


def test_the_template_is_read_by_all_and_written_by_administrators(api):
    url = "/api/texts/templates/2025/VB"
    template = api["lasare"].get(url).json()
    assert template["version"] == 0 and template["parts"][0]["heading"] == "Sammanfattande analys"
    body = {"version": 0, "parts": template["parts"][:3]}
    assert api["controller"].put(url, body, content_type="application/json").status_code == 403
    saved = api["admin"].put(url, body, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["version"] == 1 and len(saved.json()["parts"]) == 3
    assert api["admin"].put(url, body, content_type="application/json").status_code == 409
    broken = {"version": 1, "parts": [{"key": "a", "heading": "A", "parent": "saknas"}]}
    answer = api["admin"].put(url, broken, content_type="application/json")
    assert answer.status_code == 422 and "överordnad del" in answer.json()["errors"][0]["problem"]
