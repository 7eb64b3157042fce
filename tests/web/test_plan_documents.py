"""Creating T1/T2/VB and next year's VP from a committee's document, with KF's definitions merged in."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ils.domain.city import city_definitions_from
from ils.persistence import city, models
from tests.web.people import _report

pytestmark = pytest.mark.postgres


def test_controller_creates_t2_from_t1_with_kf_definitions_merged(clients, seed_documents):
    t1 = _report()
    city.store_city_definitions(city_definitions_from(seed_documents["sodermalm"]))
    models.CityAssignment.objects.create(goal=models.CityGoal.objects.get(year=2024, number="1.1"),
                                         text="Nytt KF-uppdrag för alla nämnder")
    url = reverse("create_document", args=[t1.pk])
    assert clients["skribent"].post(url, {"document": "2024-T2"}).status_code == 403
    assert clients["skribent-social"].post(url, {"document": "2024-T2"}).status_code == 404
    assert "Skapa nytt dokument" not in clients["skribent"].get(reverse("report", args=[t1.pk])).text
    response = clients["controller"].post(url, {"document": "2024-T2"})
    t2 = models.Report.objects.get(committee=t1.committee, year=2024, period="T2")
    assert response.status_code == 302 and response["Location"] == reverse("report", args=[t2.pk])
    assert (t2.status, t2.type, t2.title) == ("utkast", "tertialrapport", "")
    assert t2.goals.count() == t1.goals.count()
    assert t2.indicators.count() == t1.indicators.count()
    assert not t2.indicators.exclude(outcome_text="").exists() and not t2.goals.exclude(assessment="").exists()
    assert t2.activities.filter(text="Nytt KF-uppdrag för alla nämnder", kf_assignment=True).count() == 1
    assert t2.activities.count() == t1.activities.count() + 1
    created = models.AuditEntry.objects.get(item_type="rapport", item_id=t2.pk, field="skapad")
    assert created.user.username == "controller" and created.note == "Skapad från tertialrapport 1 2024"
    # Once only: the page stops offering it and a second request is refused with a message.
    assert 'value="2024-T2"' not in clients["controller"].get(reverse("report", args=[t1.pk])).text
    again = clients["controller"].post(url, {"document": "2024-T2"}, follow=True)
    assert "finns redan" in again.text
    assert models.Report.objects.filter(committee=t1.committee, period="T2").count() == 1
    page = clients["skribent"].get(reverse("report", args=[t2.pk])).text
    assert "Tertialrapport 2 2024" in page and "Redigera målet" in page


def test_next_years_plan_from_this_years_report(clients):
    t1 = _report()
    response = clients["admin"].post(reverse("create_document", args=[t1.pk]), {"document": "2025-VP"})
    assert response.status_code == 302
    vp = models.Report.objects.get(committee=t1.committee, year=2025, period="VP")
    assert vp.type == "verksamhetsplan" and vp.goals.count() == t1.goals.count()
    assert not vp.goals.exclude(assessment="").exists()
    assert vp.activities.count() == t1.activities.exclude(status="genomford").count()


def test_nonsense_requests_are_refused(clients):
    t1 = _report()
    url = reverse("create_document", args=[t1.pk])
    for value in ("", "2024-XX", "2023-VB", "2024-T1", "2030-VP"):
        response = clients["controller"].post(url, {"document": value}, follow=True)
        assert response.status_code == 200 and '<li class="error">' in response.text, value
    assert models.Report.objects.filter(committee=t1.committee).count() == 1
    assert clients["controller"].get(url).status_code == 405
