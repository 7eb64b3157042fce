"""Everyday use of the report page: in-place saves (htmx) with small answers, forms that fit the
document, contents and filters, the history in Swedish, no server paths."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ils.domain.model import Period
from ils.persistence import models, planning
from tests.web.people import _report

pytestmark = pytest.mark.postgres
HX = {"HTTP_HX_REQUEST": "true"}


def _row():
    return models.IndicatorValue.objects.filter(report=_report(), target_kind="number", kf=False).first()


def _form(row, **values):
    return {"version": row.version, "outcome": row.outcome_text, "outcome_men": row.outcome_men_text,
            "outcome_women": row.outcome_women_text, "forecast": row.forecast_text, "analysis": "Analys."} | values


def test_an_indicator_row_saves_in_place_with_a_small_answer(clients):
    row = _row()
    url = reverse("edit_item", args=["indikator", row.pk])
    opened = clients["skribent"].get(url, **HX)
    assert opened.status_code == 200 and len(opened.content) < 10_000 and b"<html" not in opened.content
    assert f'<tbody id="indikator-{row.pk}">' in opened.text and f'id="indikator{row.pk}_outcome"' in opened.text
    saved = clients["skribent"].post(url, _form(row, outcome=row.target_text, forecast=row.target_text), **HX)
    assert saved.status_code == 200 and len(saved.content) < 10_000 and b"<html" not in saved.content
    assert 'role="status"' in saved.text and "Sparat." in saved.text and "<form" not in saved.text
    assert f"<td class=\"num\">{row.target_text}</td>" in saved.text
    row.refresh_from_db()
    assert row.outcome_text == row.target_text and row.version == 2


def test_in_place_errors_and_conflicts_answer_with_the_form(clients):
    row = _row()
    url = reverse("edit_item", args=["indikator", row.pk])
    bad = clients["skribent"].post(url, _form(row, outcome="tolv"), **HX)
    assert bad.status_code == 422 and "Skriv ett tal" in bad.text and "<form" in bad.text
    stale = clients["skribent"].post(url, _form(row, version=row.version + 3, outcome="5"), **HX)
    assert stale.status_code == 409 and "Någon annan har sparat" in stale.text
    row.refresh_from_db()
    assert row.version == 1


def test_a_goals_texts_save_in_place_inside_its_section(clients):
    goal = _report().goals.get(number="1.1.1")
    url = reverse("edit_item", args=["mal", goal.pk])
    opened = clients["skribent"].get(url, **HX)
    assert opened.status_code == 200 and 'id="mal-1-1-1"' in opened.text and "Prognos: uppfylls målet" in opened.text
    assert "Beskrivning" not in opened.text.split("<form", 1)[1].split("</form>", 1)[0]  # a T1 asks for no plan
    form = {"version": goal.version, "analysis": "Ny analys av målet.", "assessment": "", "assessment_reason": ""}
    saved = clients["skribent"].post(url, form, **HX)
    assert saved.status_code == 200 and "Sparat." in saved.text and "Ny analys av målet." in saved.text
    assert "<html" not in saved.text


def test_each_document_asks_for_its_own_fields(clients):
    t1 = _report()
    controller = models.Membership.objects.get(user__username="controller").user
    vp = planning.create_document(controller, t1, 2025, Period.VP)
    vb = planning.create_document(controller, t1, 2024, Period.VB)

    def labels(report, kind, model):
        item = model.objects.filter(report=report, **({"kf": False} if model is models.IndicatorValue else
                                                      {"level": "namndmal"} if model is models.Goal else
                                                      {"kf_assignment": False})).first()
        page = clients["controller"].get(reverse("edit_item", args=[kind, item.pk])).text
        return page.split('class="editform"', 1)[1].split("</form>", 1)[0]

    plan = labels(vp, "indikator", models.IndicatorValue)
    assert "Sorts årsmål" in plan and "Periodicitet" in plan and "Enhet" in plan
    assert "utfall" not in plan.lower() and "Prognos" not in plan and "Analys" not in plan
    goal_plan = labels(vp, "mal", models.Goal)
    assert "Beskrivning" in goal_plan and "Förväntat resultat" in goal_plan and "Bedömning" not in goal_plan
    tertial = labels(t1, "indikator", models.IndicatorValue)
    assert tertial.index("Utfall män/pojkar") < tertial.index("Utfall kvinnor/flickor") < tertial.index("Prognos helår")
    assert "förslag till beslut" in tertial
    annual = labels(vb, "indikator", models.IndicatorValue)
    assert "Årets utfall" in annual and "Prognos" not in annual
    goal_annual = labels(vb, "mal", models.Goal)
    assert "Uppfylldes helt" in goal_annual and "Uppfylls helt" not in goal_annual
    activity_plan = labels(vp, "aktivitet", models.Activity)
    assert "Startdatum" in activity_plan and "Status" not in activity_plan
    assert "Status" in labels(t1, "aktivitet", models.Activity)


def test_contents_filters_and_no_server_paths(clients):
    report = _report()
    assert "/" in report.source  # the importer keeps where the file was read from
    user = get_user_model().objects.create_user("avgransad2")
    models.Membership.objects.create(user=user, role="skribent", committee=report.committee, goals=["1.1"])
    client = Client()
    client.force_login(user)
    page = client.get(reverse("report", args=[report.pk])).text
    assert f"Källa: {report.source.rsplit('/', 1)[1]}" in page and report.source not in page
    exported = client.get(reverse("report_export", args=[report.pk, "json"])).text
    assert report.source.rsplit("/", 1)[1] in exported and report.source not in exported
    assert 'aria-label="Innehåll"' in page and 'href="#mal-1-3-1"' in page
    mine = client.get(reverse("report", args=[report.pk]), {"visa": "mina"}).text
    assert 'id="mal-1-1-1"' in mine and 'id="mal-1-3-1"' not in mine and "mål dolda" in mine
    goal = report.goals.get(number="1.3.1")
    clients["controller"].post(reverse("change_status", args=["mal", goal.pk]), {"action": "skicka"})
    open_parts = clients["controller"].get(reverse("report", args=[report.pk]), {"visa": "ej-klara"}).text
    assert 'id="mal-1-3-1"' not in open_parts and 'id="mal-1-1-1"' in open_parts


def test_the_history_shows_swedish_field_names_once_per_change(clients):
    row = _row()
    clients["skribent"].post(reverse("edit_item", args=["indikator", row.pk]), _form(row, outcome_men="12,5"))
    history = clients["skribent"].get(reverse("history", args=["indikator", row.pk])).text
    assert history.count("<td>Utfall män/pojkar</td>") == 1 and "outcome_men" not in history
    assert "<td>Analys</td>" in history


def test_the_plan_form_sets_an_own_indicators_target_and_a_follow_up_proposes_one(clients):
    t1 = _report()
    controller = models.Membership.objects.get(user__username="controller").user
    vp = planning.create_document(controller, t1, 2025, Period.VP)
    row = vp.indicators.filter(kf=False).select_related("definition").first()
    url = reverse("edit_item", args=["indikator", row.pk])
    form = {"version": row.version, "name": row.name, "unit": "st", "direction": "lower", "frequency": "År",
            "target_kind": "max", "target_value": "tolv"}
    refused = clients["controller"].post(url, form)
    assert refused.status_code == 200 and "Årsmålet ska vara ett tal" in refused.text
    assert clients["controller"].post(url, form | {"target_value": "12 st"}).status_code == 302
    row.refresh_from_db()
    row.definition.refresh_from_db()
    assert (row.target_text, row.frequency, row.definition.unit, row.definition.direction) == (
        "Max 12 st", "År", "st", "lower")
    assert not vp.decisions.exists()

    follow = t1.indicators.filter(kf=False, target_kind="number").first()
    decisions = t1.decisions.count()
    unchanged = {"version": follow.version, "outcome": "", "outcome_men": "", "outcome_women": "", "forecast": "",
                 "analysis": "", "target_kind": "number", "target_value": follow.target_text}
    assert clients["skribent"].post(reverse("edit_item", args=["indikator", follow.pk]), unchanged).status_code == 302
    assert t1.decisions.count() == decisions  # the same årsmål sent back is no proposal
    follow.refresh_from_db()
    changed = unchanged | {"version": follow.version, "target_value": "77"}
    assert clients["skribent"].post(reverse("edit_item", args=["indikator", follow.pk]), changed).status_code == 302
    assert t1.decisions.count() == decisions + 1
    assert "ändrat årsmål på indikator under nämndmål" in t1.decisions.order_by("-number").first().text
