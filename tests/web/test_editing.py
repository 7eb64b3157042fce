"""Editing, workflow, audit and concurrency, through the test client as each role."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ils.persistence import models
from tests.web.people import _report

pytestmark = pytest.mark.postgres


def _urls(report):
    goal = report.goals.filter(level="namndmal").first()
    indicator = report.indicators.first()
    activity = report.activities.first()
    return {
        "rapport": ("get", reverse("report", args=[report.pk])),
        "kontroll": ("get", reverse("report_checks", args=[report.pk])),
        "export": ("get", reverse("report_export", args=[report.pk, "json"])),
        "redigera mål": ("get", reverse("edit_item", args=["mal", goal.pk])),
        "redigera indikator": ("get", reverse("edit_item", args=["indikator", indicator.pk])),
        "redigera aktivitet": ("get", reverse("edit_item", args=["aktivitet", activity.pk])),
        "historik": ("get", reverse("history", args=["indikator", indicator.pk])),
        "skicka avsnitt": ("post", reverse("change_status", args=["mal", goal.pk])),
        "godkänn dokument": ("post", reverse("change_status", args=["rapport", report.pk])),
    }


# role -> view -> expected status, for Södermalm's draft T1 report. 302 on a post = done;
# 403 = may read but not do; 404 = may not even know the draft exists.
PERMISSIONS = {
    "anonym": dict.fromkeys(["rapport", "kontroll", "export", "redigera mål", "redigera indikator",
                             "redigera aktivitet", "historik", "skicka avsnitt", "godkänn dokument"], 302),
    "admin": {"rapport": 200, "kontroll": 200, "export": 200, "redigera mål": 200, "redigera indikator": 200,
              "redigera aktivitet": 200, "historik": 200, "skicka avsnitt": 302, "godkänn dokument": 403},
    "controller": {"rapport": 200, "kontroll": 200, "export": 200, "redigera mål": 200,
                   "redigera indikator": 200, "redigera aktivitet": 200, "historik": 200,
                   "skicka avsnitt": 302, "godkänn dokument": 403},
    "skribent": {"rapport": 200, "kontroll": 200, "export": 200, "redigera mål": 200, "redigera indikator": 200,
                 "redigera aktivitet": 200, "historik": 200, "skicka avsnitt": 302, "godkänn dokument": 403},
    "lasare": {"rapport": 200, "kontroll": 200, "export": 200, "redigera mål": 403, "redigera indikator": 403,
               "redigera aktivitet": 403, "historik": 200, "skicka avsnitt": 403, "godkänn dokument": 403},
    "skribent-social": dict.fromkeys(["rapport", "kontroll", "export", "redigera mål", "redigera indikator",
                                      "redigera aktivitet", "historik", "skicka avsnitt", "godkänn dokument"], 404),
}


@pytest.mark.parametrize("role", list(PERMISSIONS))
def test_permissions_per_role_and_view(clients, role):
    """'godkänn dokument' is 403 for everyone: the draft document is not under review yet."""
    report = _report()
    seen = {}
    for view, (method, url) in _urls(report).items():
        data = {"action": "skicka" if view == "skicka avsnitt" else "godkann"}
        response = clients[role].get(url) if method == "get" else clients[role].post(url, data)
        seen[view] = response.status_code
    assert seen == PERMISSIONS[role]


def test_a_writer_limited_to_some_goals_edits_only_those(clients):
    report = _report()
    user = get_user_model().objects.create_user("avgransad", password="x")
    models.Membership.objects.create(user=user, role="skribent", committee=report.committee, goals=["1.1"])
    client = Client()
    client.force_login(user)
    inside = report.goals.get(number="1.1.1")
    outside = report.goals.filter(level="namndmal").exclude(number__startswith="1.1.").first()
    assert client.get(reverse("edit_item", args=["mal", inside.pk])).status_code == 200
    assert client.get(reverse("edit_item", args=["mal", outside.pk])).status_code == 403


def _indicator_form(row, **values):
    data = {"version": row.version, "outcome": row.outcome_text, "outcome_women": row.outcome_women_text,
            "outcome_men": row.outcome_men_text, "forecast": row.forecast_text, "analysis": row.analysis}
    return data | values


def test_editing_an_indicator_is_audited_with_before_and_after(clients):
    row = models.IndicatorValue.objects.filter(report=_report(), target_kind="number").first()
    url = reverse("edit_item", args=["indikator", row.pk])
    before = row.forecast_text
    response = clients["skribent"].post(url, _indicator_form(row, forecast="12 345",
                                                             analysis="Målet nås enligt prognosen."))
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.forecast == 12345 and row.analysis == "Målet nås enligt prognosen."
    assert row.version == 2
    entries = models.AuditEntry.objects.filter(item_type="indikator", item_id=row.pk)
    # One entry per change: the forecast once, as the text the person typed.
    assert {e.field for e in entries} == {"forecast", "analysis"}
    assert (entries.get(field="forecast").before, entries.get(field="forecast").after) == (before, "12 345")
    assert all(e.user.username == "skribent" for e in entries)
    history = clients["lasare"].get(reverse("history", args=["indikator", row.pk])).text
    assert "Målet nås enligt prognosen." in history and "skribent" in history
    assert "<td>Prognos helår</td>" in history and "forecast" not in history


def test_swedish_numbers_are_parsed_and_bad_numbers_named(clients):
    row = models.IndicatorValue.objects.filter(report=_report(), target_kind="number").first()
    url = reverse("edit_item", args=["indikator", row.pk])
    bad = clients["skribent"].post(url, _indicator_form(row, outcome="tolv"))
    assert bad.status_code == 200 and "Skriv ett tal" in bad.text
    clients["skribent"].post(url, _indicator_form(row, outcome="1 234,5", analysis="Analys."))
    row.refresh_from_db()
    assert str(row.outcome.normalize()) == "1234.5" and row.outcome_text == "1 234,5"


def test_a_value_missing_its_target_needs_an_analysis(clients):
    row = models.IndicatorValue.objects.filter(report=_report(), target_kind="number",
                                               target_value__gt=10).first()
    url = reverse("edit_item", args=["indikator", row.pk])
    too_low = "0" if row.definition.direction != "lower" else str(row.target_value * 10)
    response = clients["skribent"].post(url, _indicator_form(row, forecast=too_low, analysis=""))
    assert response.status_code == 200 and "når inte årsmålet" in response.text
    row.refresh_from_db()
    assert row.version == 1


def test_the_proposed_assessment_is_shown_and_departing_from_it_needs_a_reason(clients):
    goal = next(g for g in _report().goals.filter(level="namndmal")
                if g.indicators.exclude(target_kind="empty").exists())
    url = reverse("edit_item", args=["mal", goal.pk])
    page = clients["skribent"].get(url).text
    assert "Systemets förslag till bedömning" in page
    from ils.persistence.editing import proposed_assessment

    proposal = proposed_assessment(goal)
    assert proposal is not None
    other = next(a for a in ("helt", "delvis", "inte") if a != proposal.value)
    form = {"version": goal.version, "description": goal.description, "analysis": goal.analysis,
            "expected_results": "\n".join(goal.expected_results), "assessment": other, "assessment_reason": ""}
    refused = clients["skribent"].post(url, form)
    assert refused.status_code == 200 and "motivera den" in refused.text
    accepted = clients["skribent"].post(url, form | {"assessment_reason": "Aktiviteterna väger tyngre."})
    assert accepted.status_code == 302
    goal.refresh_from_db()
    assert (goal.assessment, goal.assessment_reason) == (other, "Aktiviteterna väger tyngre.")


def test_concurrent_edits_never_overwrite_silently(clients):
    goal = _report().goals.filter(level="namndmal").first()
    url = reverse("edit_item", args=["mal", goal.pk])
    form = {"version": goal.version, "description": goal.description, "expected_results": "",
            "assessment": goal.assessment, "assessment_reason": "Skäl."}
    first = clients["skribent"].post(url, form | {"analysis": "Skribentens analys."})
    assert first.status_code == 302
    second = clients["controller"].post(url, form | {"analysis": "Controllerns analys."})
    assert second.status_code == 409
    assert "Skribentens analys." in second.text and "Controllerns analys." in second.text
    goal.refresh_from_db()
    assert goal.analysis == "Skribentens analys."
    # Having seen both, the controller saves again on the new version: a deliberate overwrite.
    third = clients["controller"].post(url, form | {"version": goal.version, "analysis": "Sammanslagen analys."})
    assert third.status_code == 302
    goal.refresh_from_db()
    assert goal.analysis == "Sammanslagen analys."
    assert models.AuditEntry.objects.filter(item_type="mal", item_id=goal.pk, field="analysis").count() == 2


def _act(client, kind, pk, action, comment=""):
    return client.post(reverse("change_status", args=[kind, pk]), {"action": action, "comment": comment})


def test_workflow_submit_return_approve_lock(clients):
    report = _report()
    goal = report.goals.filter(level="namndmal").first()
    edit = reverse("edit_item", args=["mal", goal.pk])
    _act(clients["skribent"], "mal", goal.pk, "skicka")
    goal.refresh_from_db()
    assert goal.status == "granskning"
    assert clients["skribent"].get(edit).status_code == 403, "a section under review is not edited"
    assert _act(clients["skribent"], "mal", goal.pk, "godkann").status_code == 403
    _act(clients["controller"], "mal", goal.pk, "returnera")  # no comment: refused
    goal.refresh_from_db()
    assert goal.status == "granskning"
    _act(clients["controller"], "mal", goal.pk, "returnera", "Komplettera analysen.")
    goal.refresh_from_db()
    assert goal.status == "utkast" and clients["skribent"].get(edit).status_code == 200
    returned = models.AuditEntry.objects.get(item_type="mal", item_id=goal.pk, note="Komplettera analysen.")
    assert (returned.before, returned.after) == ("Klar för granskning", "Utkast")
    # A writer submits their parts, not the whole document for everyone.
    assert _act(clients["skribent"], "rapport", report.pk, "skicka").status_code == 403
    _act(clients["controller"], "rapport", report.pk, "skicka")
    _act(clients["controller"], "rapport", report.pk, "godkann")
    lock = reverse("lock_report", args=[report.pk])
    clients["controller"].post(lock, {"decision_date": "2024-05-23", "decision_paragraph": "§ 12"})
    report.refresh_from_db()
    assert report.status == "godkand", "sections still drafts: the lock is refused"
    # The controller approved every section and text part (here directly), then locks with the decision.
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    clients["controller"].post(lock, {"decision_date": "", "decision_paragraph": "§ 12"})
    report.refresh_from_db()
    assert report.status == "godkand", "no decision date: the lock is refused"
    clients["controller"].post(lock, {"decision_date": "2024-05-23", "decision_paragraph": "§ 12"})
    report.refresh_from_db()
    assert report.status == "last"
    assert (report.decision_date.isoformat(), report.decision_paragraph) == ("2024-05-23", "§ 12")
    assert set(report.goals.values_list("status", flat=True)) == {"last"}
    assert set(report.text_parts.values_list("status", flat=True)) == {"last"}
    for user in ("skribent", "controller", "admin"):
        assert clients[user].get(edit).status_code == 403
    # Once locked, the report is published: readable by a writer of another committee.
    assert clients["skribent-social"].get(reverse("report", args=[report.pk])).status_code == 200
    assert _act(clients["controller"], "rapport", report.pk, "returnera", "Ångra").status_code == 403
