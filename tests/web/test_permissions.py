"""Every view of the web app, for every role: the status the server answers (role x view x status).

Södermalm's T1 2024 is a draft. 200 = shown; 302 = done (or, for anonymous, sent to the login page);
403 = may read but not do this; 404 = may not even learn that the draft exists; 405 = wrong method.
Each role runs in its own transaction, so one role's writes do not change another's answers.
"""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from ils.persistence import models
from ils.web import urls
from tests.web.people import SODERMALM, _report

pytestmark = pytest.mark.postgres

ROLES = ["anonym", "admin", "controller", "skribent", "lasare", "skribent-social"]

# view -> expected status for each role in ROLES order
TABLE = {
    "start":                 (302, 200, 200, 200, 200, 200),
    "nämnd":                 (302, 200, 200, 200, 200, 200),
    "rapport":               (302, 200, 200, 200, 200, 404),
    "kontroll":              (302, 200, 200, 200, 200, 404),
    "export json":           (302, 200, 200, 200, 200, 404),
    "redigera mål":          (302, 200, 200, 200, 403, 404),
    "redigera indikator":    (302, 200, 200, 200, 403, 404),
    "redigera aktivitet":    (302, 200, 200, 200, 403, 404),
    "spara indikator":       (302, 302, 302, 302, 403, 404),
    "okänd sort":            (302, 404, 404, 404, 404, 404),
    "skicka avsnitt":        (302, 302, 302, 302, 403, 404),
    "godkänn avsnitt":       (302, 302, 302, 403, 403, 404),  # after the role's own "skicka avsnitt"
    "godkänn dokument":      (302, 403, 403, 403, 403, 404),
    "historik mål":          (302, 200, 200, 200, 200, 404),
    "historik indikator":    (302, 200, 200, 200, 200, 404),
    "historik aktivitet":    (302, 200, 200, 200, 200, 404),
    "historik rapport":      (302, 200, 200, 200, 200, 404),
    "indikatorsida":         (302, 200, 200, 200, 200, 404),
    "skapa dokument":        (302, 302, 302, 403, 403, 404),
    "KF:s mål senaste år":   (302, 302, 302, 302, 302, 302),
    "KF:s mål":              (302, 200, 200, 200, 200, 200),
    "definiera KF-mål":      (302, 302, 403, 403, 403, 403),
    "importera utfall":      (302, 200, 200, 200, 200, 200),
    "förhandsgranska fil":   (302, 200, 200, 200, 403, 404),  # the reader may not edit; the other
    "importera fil":         (302, 302, 302, 302, 422, 422),  # committee may not see: nothing waits
    "huvud och beslut":      (302, 200, 200, 200, 200, 404),
    "spara huvudet":         (302, 302, 302, 403, 403, 404),
    "bilagefil utan fil":    (302, 404, 404, 404, 404, 404),  # an imported bilaga has no file
}

# Named views the table must cover; login, logout and Django admin are Django's own.
NOT_IN_TABLE = {"login", "logout"}
COVERS = {"start": ["start"], "committee": ["nämnd"], "report": ["rapport"], "report_checks": ["kontroll"],
          "report_export": ["export json"], "edit_item": ["redigera mål", "spara indikator"],
          "change_status": ["skicka avsnitt", "godkänn dokument"], "history": ["historik mål"],
          "indicator": ["indikatorsida"], "create_document": ["skapa dokument"],
          "city_goals_latest": ["KF:s mål senaste år"], "city_goals": ["KF:s mål", "definiera KF-mål"],
          "outcome_import": ["importera utfall", "förhandsgranska fil", "importera fil"],
          "report_parts": ["huvud och beslut", "spara huvudet"], "attachment_file": ["bilagefil utan fil"]}


def _requests(report):
    goal = report.goals.filter(level="namndmal").first()
    indicator = report.indicators.first()
    activity = report.activities.first()
    indicator_form = {"version": indicator.version, "outcome": "12", "outcome_women": "", "outcome_men": "",
                      "forecast": "", "analysis": "Analys av utfallet."}
    return {
        "start": ("get", reverse("start"), None),
        "nämnd": ("get", reverse("committee", args=[report.committee.slug]), None),
        "rapport": ("get", reverse("report", args=[report.pk]), None),
        "kontroll": ("get", reverse("report_checks", args=[report.pk]), None),
        "export json": ("get", reverse("report_export", args=[report.pk, "json"]), None),
        "redigera mål": ("get", reverse("edit_item", args=["mal", goal.pk]), None),
        "redigera indikator": ("get", reverse("edit_item", args=["indikator", indicator.pk]), None),
        "redigera aktivitet": ("get", reverse("edit_item", args=["aktivitet", activity.pk]), None),
        "spara indikator": ("post", reverse("edit_item", args=["indikator", indicator.pk]), indicator_form),
        "okänd sort": ("get", reverse("edit_item", args=["rapport", report.pk]), None),
        "skicka avsnitt": ("post", reverse("change_status", args=["mal", goal.pk]), {"action": "skicka"}),
        "godkänn avsnitt": ("post", reverse("change_status", args=["mal", goal.pk]), {"action": "godkann"}),
        "godkänn dokument": ("post", reverse("change_status", args=["rapport", report.pk]), {"action": "godkann"}),
        "historik mål": ("get", reverse("history", args=["mal", goal.pk]), None),
        "historik indikator": ("get", reverse("history", args=["indikator", indicator.pk]), None),
        "historik aktivitet": ("get", reverse("history", args=["aktivitet", activity.pk]), None),
        "historik rapport": ("get", reverse("history", args=["rapport", report.pk]), None),
        "indikatorsida": ("get", reverse("indicator", args=[indicator.pk]), None),
        "skapa dokument": ("post", reverse("create_document", args=[report.pk]), {"document": "2024-T2"}),
        "KF:s mål senaste år": ("get", reverse("city_goals_latest"), None),
        "KF:s mål": ("get", reverse("city_goals", args=[2024]), None),
        "definiera KF-mål": ("post", reverse("city_goals", args=[2024]),
                             {"what": "mal", "number": "9", "title": "Ett tryggt Stockholm"}),
        "importera utfall": ("get", reverse("outcome_import"), None),
        "förhandsgranska fil": ("post", reverse("outcome_import"), {"steg": "forhandsgranska", "fil": SimpleUploadedFile(
            "utfall.csv", f"id;utfall\n{indicator.pk};55\n".encode())}),
        "importera fil": ("post", reverse("outcome_import"), {"steg": "importera"}),
        "huvud och beslut": ("get", reverse("report_parts", args=[report.pk]), None),
        "spara huvudet": ("post", reverse("report_parts", args=[report.pk]), {
            "action": "head", "huvud-version": report.front_version, "huvud-phone": "08-508 12 197"}),
        "bilagefil utan fil": ("get", reverse("attachment_file", args=[report.attachments.first().pk]), None),
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_view_answers_each_role_as_the_table_says(clients, role):
    report = _report(SODERMALM)
    client = clients[role]
    seen = {}
    for view, (method, url, data) in _requests(report).items():
        response = client.get(url) if method == "get" else client.post(url, data)
        seen[view] = response.status_code
        if role == "anonym":
            assert response["Location"].startswith(reverse("login")), view
    assert seen == {view: statuses[ROLES.index(role)] for view, statuses in TABLE.items()}


def test_the_table_covers_every_view_of_the_web_app():
    named = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern) and p.name
             and p.callback.__module__.startswith("ils.web")}
    assert named - NOT_IN_TABLE == set(COVERS)
    assert all(view in TABLE for views in COVERS.values() for view in views)


def test_a_locked_report_is_read_by_everyone_and_changed_by_no_one(clients):
    report = _report(SODERMALM)
    models.Report.objects.filter(pk=report.pk).update(status="last")
    report.goals.update(status="last")
    requests = _requests(report)
    for role in ROLES[1:]:
        for view in ("rapport", "indikatorsida", "historik rapport"):
            assert clients[role].get(requests[view][1]).status_code == 200, (role, view)
        for view in ("redigera mål", "redigera indikator", "redigera aktivitet"):
            assert clients[role].get(requests[view][1]).status_code == 403, (role, view)
        for view in ("spara indikator", "skicka avsnitt", "spara huvudet"):
            method, url, data = requests[view]
            assert clients[role].post(url, data).status_code == 403, (role, view)
    assert not models.AuditEntry.objects.filter(report=report).exists()


def test_the_cached_report_page_follows_every_change_and_each_persons_rights(clients):
    report = _report(SODERMALM)
    url = reverse("report", args=[report.pk])
    goal = report.goals.get(number="1.1.1")
    assert "Redigera målet" in clients["skribent"].get(url).text
    assert "Redigera målet" not in clients["lasare"].get(url).text
    row = report.indicators.filter(goal=goal).first()
    form = {"version": row.version, "outcome": "4 321,5", "outcome_women": "", "outcome_men": "", "forecast": "",
            "analysis": "Ny analys."}
    clients["skribent"].post(reverse("edit_item", args=["indikator", row.pk]), form)
    for role in ("skribent", "lasare", "controller"):
        assert "4 321,5" in clients[role].get(url).text, role
    clients["skribent"].post(reverse("change_status", args=["mal", goal.pk]), {"action": "skicka"})
    page = clients["skribent"].get(url).text
    assert f'{reverse("edit_item", args=["mal", goal.pk])}"' not in page
    token = clients["controller"].get(url).text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token != "ils-csrf-placeholder" and len(token) == 64
