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
    "nytt nämndmål":         (302, 200, 200, 403, 403, 404),  # the goal tree is the controller's
    "flytta nämndmål":       (302, 302, 302, 403, 403, 404),
    "ta bort nämndmål":      (302, 200, 200, 403, 403, 404),
    "ny indikator":          (302, 200, 200, 200, 403, 404),  # a writer adds to the goals they write
    "ny aktivitet":          (302, 200, 200, 200, 403, 404),
    "ta bort aktivitet":     (302, 302, 302, 302, 403, 404),
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
    "importera fil":         (302, 302, 302, 302, 403, 422),  # committee may not see: nothing waits
    "texter":                (302, 200, 200, 200, 200, 404),
    "kvar att göra":         (302, 200, 200, 200, 200, 404),
    "skriv text":            (302, 200, 200, 200, 403, 404),
    "spara text":            (302, 302, 302, 302, 403, 404),
    "förhandsvisa text":     (302, 200, 200, 200, 403, 404),
    "skicka text":           (302, 302, 302, 302, 403, 404),
    "skribenter":            (302, 302, 302, 403, 403, 404),
    "lås dokument":          (302, 403, 403, 403, 403, 404),  # a draft is not locked
    "rapportmall":           (302, 200, 403, 403, 403, 403),
    "API-nycklar":           (302, 200, 200, 200, 200, 200),  # each person's own
    "ekonomitabell":         (302, 200, 200, 200, 200, 404),
    "spara ekonomitabell":   (302, 302, 302, 302, 403, 404),
    "beräkna ekonomi":       (302, 200, 200, 200, 403, 404),
    "ny ekonomirad":         (302, 302, 302, 302, 403, 404),
    "ny ekonomitabell":      (302, 302, 302, 302, 403, 404),
    "ny begäran":            (302, 302, 302, 403, 403, 404),  # a request is a decision: the controller's
    "ändra begäran":         (302, 302, 302, 403, 403, 404),
    "importera ekonomi":     (302, 200, 200, 200, 403, 404),
    "förhandsgranska ekonomi": (302, 200, 200, 200, 403, 404),
    "historik ekonomi":      (302, 200, 200, 200, 200, 404),
    "tryckt tabell":         (302, 302, 302, 302, 403, 404),  # a table as printed: its headings
    "ny tryckt rad":         (302, 302, 302, 302, 403, 404),
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
          "report_texts": ["texter"], "report_remaining": ["kvar att göra"], "edit_text": ["skriv text", "spara text"],
          "preview_text": ["förhandsvisa text"], "text_status": ["skicka text"], "text_writers": ["skribenter"],
          "lock_report": ["lås dokument"], "edit_template": ["rapportmall"],
          "add_goal": ["nytt nämndmål"], "move_goal": ["flytta nämndmål"], "remove_goal": ["ta bort nämndmål"],
          "add_indicator": ["ny indikator"], "add_activity": ["ny aktivitet"], "remove_item": ["ta bort aktivitet"],
          "api_tokens": ["API-nycklar"],
          "economy_table": ["ekonomitabell", "spara ekonomitabell"], "economy_compute": ["beräkna ekonomi"],
          "economy_rows": ["ny ekonomirad"], "economy_new_table": ["ny ekonomitabell"],
          "economy_new_request": ["ny begäran"], "economy_request": ["ändra begäran"],
          "economy_import": ["importera ekonomi", "förhandsgranska ekonomi"],
          "economy_printed_head": ["tryckt tabell"], "economy_printed_row": ["ny tryckt rad"],
          "report_parts": ["huvud och beslut", "spara huvudet"], "attachment_file": ["bilagefil utan fil"]}
ECONOMY_WRITES = ["spara ekonomitabell", "beräkna ekonomi", "ny ekonomirad", "ny ekonomitabell", "ny begäran",
                  "ändra begäran", "förhandsgranska ekonomi", "tryckt tabell", "ny tryckt rad"]


def _economy(report):
    """A table made in the app (investeringar) and a request (a row and a decision) in the report."""
    from ils.domain.economy_tables import TableKind, new_table
    from ils.domain.model import Period

    tables = {}
    for kind in (TableKind.INVESTMENTS, TableKind.BUDGET_ADJUSTMENTS):
        domain = new_table(kind, report.year, Period(report.period))
        table = models.EconomyTable.objects.create(report=report, title=domain.title, columns=domain.columns,
                                                   unit=domain.unit, kind=kind.value, line=0, order=100)
        tables[kind] = (table, models.EconomyRow.objects.create(table=table, label="Parker", kind="data",
                                                                values=["1.0"] + [None] * (len(domain.columns) - 1),
                                                                line=0, order=0))
    decision = models.Decision.objects.create(report=report, number=99, text="Nämnden begär budgetjustering",
                                              amount="1.0", amount_unit="mnkr", line=0)
    request = models.EconomyRequest.objects.create(row=tables[TableKind.BUDGET_ADJUSTMENTS][1], decision=decision,
                                                   kind="budgetjustering")
    return tables[TableKind.INVESTMENTS], request


def _requests(report):
    goal = report.goals.filter(level="namndmal").first()
    indicator = report.indicators.first()
    activity = report.activities.first()
    own_activity = report.activities.filter(kf_assignment=False).first()
    indicator_form = {"version": indicator.version, "outcome": "12", "outcome_women": "", "outcome_men": "",
                      "forecast": "", "analysis": "Analys av utfallet."}
    part = report.text_parts.get(key="sammanfattande-analys")
    (table, row), request = _economy(report)
    printed = report.economy_tables.filter(kind="").first()  # an imported table, as printed
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
        "nytt nämndmål": ("get", reverse("add_goal", args=[goal.parent_id]), None),
        "flytta nämndmål": ("post", reverse("move_goal", args=[goal.pk]), {"version": goal.version, "position": 1}),
        "ta bort nämndmål": ("get", reverse("remove_goal", args=[goal.pk]), None),
        "ny indikator": ("get", reverse("add_indicator", args=[goal.pk]), None),
        "ny aktivitet": ("get", reverse("add_activity", args=[goal.pk]), None),
        "ta bort aktivitet": ("post", reverse("remove_item", args=["aktivitet", own_activity.pk]),
                              {"version": own_activity.version}),
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
        "texter": ("get", reverse("report_texts", args=[report.pk]), None),
        "kvar att göra": ("get", reverse("report_remaining", args=[report.pk]), None),
        "skriv text": ("get", reverse("edit_text", args=[part.pk]), None),
        "spara text": ("post", reverse("edit_text", args=[part.pk]), {"version": part.version, "text": "Ny text."}),
        "förhandsvisa text": ("post", reverse("preview_text", args=[part.pk]), {"text": "## Rubrik"}),
        "skicka text": ("post", reverse("text_status", args=[part.pk]), {"action": "skicka"}),
        "skribenter": ("post", reverse("text_writers", args=[part.pk]), {}),
        "lås dokument": ("post", reverse("lock_report", args=[report.pk]), {"decision_date": "2024-05-23"}),
        "rapportmall": ("get", reverse("edit_template", args=[2024, "T2"]), None),
        "API-nycklar": ("get", reverse("api_tokens"), None),
        # before the economy's requests, which add decisions and so change the head's version
        "huvud och beslut": ("get", reverse("report_parts", args=[report.pk]), None),
        "spara huvudet": ("post", reverse("report_parts", args=[report.pk]), {
            "action": "head", "huvud-version": report.front_version, "huvud-phone": "08-508 12 197"}),
        "bilagefil utan fil": ("get", reverse("attachment_file", args=[report.attachments.first().pk]), None),
        "ekonomitabell": ("get", reverse("economy_table", args=[table.pk]), None),
        "spara ekonomitabell": ("post", reverse("economy_table", args=[table.pk]),
                                {"version": 1, f"r{row.pk}-prognos": "1,5"}),
        "beräkna ekonomi": ("post", reverse("economy_compute", args=[table.pk]), {f"r{row.pk}-prognos": "2"}),
        "ny ekonomirad": ("post", reverse("economy_rows", args=[table.pk]), {"version": 2, "label": "Lek"}),
        "ny ekonomitabell": ("post", reverse("economy_new_table", args=[report.pk]), {"kind": "lokalandamal"}),
        "ny begäran": ("post", reverse("economy_new_request", args=[report.pk]),
                       {"request": "budgetjustering", "label": "Klimat", "amount": "0,7"}),
        "ändra begäran": ("post", reverse("economy_request", args=[request.pk]), {"version": 1, "amount": "0,9"}),
        "importera ekonomi": ("get", reverse("economy_import", args=[report.pk]), None),
        "förhandsgranska ekonomi": ("post", reverse("economy_import", args=[report.pk]), {"fil": SimpleUploadedFile(
            "ekonomi.csv", "tabell;rad;prognos\nInvesteringar;Parker;3\n".encode())}),
        "historik ekonomi": ("get", reverse("history", args=["ekonomi", table.pk]), None),
        "tryckt tabell": ("post", reverse("economy_printed_head", args=[printed.pk]), {
            "version": printed.version, "title": printed.title, "columns": "\n".join(printed.columns)}),
        "ny tryckt rad": ("post", reverse("economy_printed_row", args=[printed.pk]),
                          {"version": printed.version, "label": "Lek", "c0": "1"}),
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
        for view in ("spara indikator", "skicka avsnitt", "spara huvudet", *ECONOMY_WRITES):
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
