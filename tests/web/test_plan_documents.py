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
    # The committee's unfinished activities carry over; KF's assignments are KF's list for 2025 (none defined here).
    own = t1.activities.exclude(status="genomford").filter(kf_assignment=False)
    assert own.count() < t1.activities.exclude(status="genomford").count()
    assert sorted(vp.activities.values_list("text", flat=True)) == sorted(own.values_list("text", flat=True))
    assert not vp.activities.filter(kf_assignment=True).exists()


def test_a_years_documents_have_exactly_kfs_assignments_for_that_year(clients, seed_documents):
    """45 of a VP's 59 KF assignments were last year's, carried over although KF did not renew them."""
    t1 = _report()
    city.store_city_definitions(city_definitions_from(seed_documents["hagersten-alvsjo"]))  # KF's 2025
    kf_2025 = set(models.CityAssignment.objects.filter(goal__year=2025).values_list("text", flat=True))
    assert clients["controller"].post(reverse("create_document", args=[t1.pk]), {"document": "2025-VP"}).status_code == 302
    vp = models.Report.objects.get(committee=t1.committee, year=2025, period="VP")
    assert set(vp.activities.filter(kf_assignment=True).values_list("text", flat=True)) == kf_2025
    assert vp.activities.filter(kf_assignment=True).count() == len(kf_2025)
    # A KF assignment that KF drops from the year's list leaves the year's drafts.
    dropped = models.CityAssignment.objects.filter(goal__year=2025).first()
    dropped.delete()
    city.apply_city_definitions(vp)
    assert set(vp.activities.filter(kf_assignment=True).values_list("text", flat=True)) == kf_2025 - {dropped.text}
    entry = models.AuditEntry.objects.get(report=vp, field="borttagen", before=dropped.text)
    assert entry.note == "Inte i KF:s uppdrag för året"


def test_a_follow_ups_period_column_names_its_own_period(clients):
    t1 = _report()
    # Tertial indicators name the tertial; those measured once a year say the year.
    assert set(t1.indicators.exclude(period="").values_list("period", flat=True)) == {"Tertial 1 2024", "2024"}
    clients["controller"].post(reverse("create_document", args=[t1.pk]), {"document": "2024-T2"})
    t2 = models.Report.objects.get(committee=t1.committee, year=2024, period="T2")
    assert set(t2.indicators.values_list("period", flat=True)) == {"Tertial 2 2024", "2024"}
    yearly = set(t1.indicators.filter(period="2024").values_list("definition_id", flat=True))
    assert set(t2.indicators.filter(period="2024").values_list("definition_id", flat=True)) == yearly
    clients["controller"].post(reverse("create_document", args=[t2.pk]), {"document": "2024-VB"})
    vb = models.Report.objects.get(committee=t1.committee, year=2024, period="VB")
    assert set(vb.indicators.values_list("period", flat=True)) == {"VB 2024", "2024"}


def test_nonsense_requests_are_refused(clients):
    t1 = _report()
    url = reverse("create_document", args=[t1.pk])
    for value in ("", "2024-XX", "2023-VB", "2024-T1", "2030-VP"):
        response = clients["controller"].post(url, {"document": value}, follow=True)
        assert response.status_code == 200 and '<li class="error">' in response.text, value
    assert models.Report.objects.filter(committee=t1.committee).count() == 1
    assert clients["controller"].get(url).status_code == 405
