"""The city's KF definitions reach every committee's drafts; an indicator's history page."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ils.domain.city import city_definitions_from
from ils.persistence import city, models
from tests.web.people import SODERMALM, _report

pytestmark = pytest.mark.postgres


def _admin():
    return get_user_model().objects.get(username="admin")


def test_admin_defines_kf_goals_and_they_reach_every_committees_draft(clients):
    url = reverse("city_goals", args=[2024])
    assert clients["controller"].post(url, {"what": "mal", "number": "9", "title": "Nytt"}).status_code == 403
    admin = clients["admin"]
    admin.post(url, {"what": "mal", "number": "9", "title": "Ett tryggt Stockholm"})
    admin.post(url, {"what": "mal", "number": "9.1", "title": "Tryggheten ska öka i hela staden"})
    goal = models.CityGoal.objects.get(year=2024, number="9.1")
    assert goal.parent.number == "9" and goal.level == "kf_mal"
    admin.post(url, {"what": "indikator", "goal": goal.pk, "name": "Andel trygga invånare", "kf_target": "80 %",
                     "period": "2024"})
    admin.post(url, {"what": "uppdrag", "goal": goal.pk, "text": "Inför trygghetsvandringar"})
    page = clients["lasare"].get(url).text
    assert "Tryggheten ska öka i hela staden" in page and "Andel trygga invånare" in page and "80 %" in page
    assert "Uppdatera nämndernas utkast" not in page
    response = admin.post(url, {"what": "publicera"}, follow=True)
    assert "2 utkast för 2024" in response.text
    for name in (SODERMALM, "Socialnämnden"):
        report = _report(name)
        nine_one = report.goals.get(number="9.1")
        assert nine_one.parent.number == "9"
        indicator = report.indicators.get(name="Andel trygga invånare")
        assert (indicator.kf, indicator.kf_target_text, indicator.goal_id) == (True, "80 %", nine_one.pk)
        assert report.activities.filter(text="Inför trygghetsvandringar", kf_assignment=True).exists()
        assert list(report.goals.values_list("number", flat=True))[-2:] == ["9", "9.1"]
        assert models.AuditEntry.objects.filter(report=report, note="KF:s definitioner").count() == 4
    page = clients["skribent"].get(reverse("report", args=[_report().pk])).text
    assert "Tryggheten ska öka i hela staden" in page and "Andel trygga invånare" in page
    # Changing KF's target updates the drafts; doing it again changes nothing more.
    admin.post(url, {"what": "indikator", "goal": goal.pk, "name": "Andel trygga invånare", "kf_target": "85 %"})
    admin.post(url, {"what": "publicera"})
    assert _report().indicators.get(name="Andel trygga invånare").kf_target_text == "85 %"
    assert city.publish_city_definitions(_admin(), 2024) == {SODERMALM: 0, "Socialnämnden": 0}


def test_bad_kf_input_is_refused_with_a_message(clients):
    url = reverse("city_goals", args=[2024])
    response = clients["admin"].post(url, {"what": "mal", "number": "9.1", "title": "Utan inriktningsmål"},
                                     follow=True)
    assert "Inriktningsmål 9 finns inte för 2024" in response.text
    assert not models.CityGoal.objects.filter(year=2024).exists()


def test_kf_definitions_from_a_seed_fill_a_draft_without_duplicates(clients, seed_documents):
    report = _report()
    before = (report.goals.count(), report.indicators.count(), report.activities.count())
    city.store_city_definitions(city_definitions_from(seed_documents["sodermalm"]))
    assert city.apply_city_definitions(report) == 0, "the draft already has everything KF defined"
    assert (report.goals.count(), report.indicators.count(), report.activities.count()) == before


def test_locked_reports_do_not_get_kf_changes(clients):
    report = _report()
    models.Report.objects.filter(pk=report.pk).update(status="last")
    city.add_city_goal(_admin(), 2024, "9", "Ett tryggt Stockholm")
    assert SODERMALM not in city.publish_city_definitions(_admin(), 2024)
    assert not report.goals.filter(number="9").exists()


def test_indicator_page_shows_history_table_and_chart(clients):
    t1 = _report()
    row = t1.indicators.exclude(outcome_text="").filter(target_kind="number").first()
    # A second period of the same indicator: the history spans it.
    later = models.Report.objects.create(committee=t1.committee, year=2024, period="T2", type="tertialrapport")
    goal = models.Goal.objects.create(report=later, level=row.goal.level, number=row.goal.number,
                                      title=row.goal.title, line=0, order=0)
    models.IndicatorValue.objects.create(report=later, goal=goal, definition=row.definition, name=row.name,
                                         outcome=12, outcome_text="12", target_value=row.target_value,
                                         target_text=row.target_text, line=0, order=0)
    response = clients["lasare"].get(reverse("indicator", args=[row.pk]))
    assert response.status_code == 200
    text = response.text
    assert row.name in text and "T1 2024" in text and "T2 2024" in text and row.outcome_text in text
    assert "<svg" in text and 'id="diagram-spec"' in text and "vega-embed" in text
    assert clients["skribent-social"].get(reverse("indicator", args=[row.pk])).status_code == 404
    # The report page links each indicator to its page.
    assert reverse("indicator", args=[row.pk]) in clients["lasare"].get(reverse("report", args=[t1.pk])).text
