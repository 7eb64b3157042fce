"""A locked report never changes, by any path: `ils import` (which also never replaces a draft
unasked, nor drops its audit trail), the edit form, the API, KF publishing; and KF publishing
leaves sections under review or approved as they were reviewed."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ils.cli import main
from ils.persistence import city, models
from tests.importers.seeds import seed
from tests.web.people import SODERMALM, _report

pytestmark = pytest.mark.postgres


def _state(report):
    report.refresh_from_db()
    return (report.status, report.source, report.summary, sorted(report.goals.values_list("pk", "version", "title")),
            sorted(report.indicators.values_list("pk", "version", "outcome_text")),
            sorted(report.audit.values_list("pk", flat=True)))


def _lock(report):
    models.Report.objects.filter(pk=report.pk).update(status="last")
    report.goals.update(status="last")
    models.AuditEntry.objects.create(report=report, item_type="rapport", item_id=report.pk, field="status",
                                     before="Utkast", after="Låst")


def test_ils_import_refuses_to_replace_a_locked_report(capsys):
    report = _report()
    _lock(report)
    before = _state(report)
    for flags in ([], ["--replace"]):
        assert main(["import", *flags, str(seed("sodermalm"))]) == 2
        assert "är låst och kan inte ersättas" in capsys.readouterr().err
        assert _state(report) == before


def test_ils_import_replaces_a_draft_only_when_asked_and_keeps_its_audit_trail(capsys):
    report = _report()
    row = report.indicators.first()
    models.AuditEntry.objects.create(report=report, item_type="indikator", item_id=row.pk, field="outcome",
                                     before="1", after="2")
    before = _state(report)
    assert main(["import", str(seed("sodermalm"))]) == 2
    assert "finns redan (ange --replace" in capsys.readouterr().err
    assert _state(report) == before
    assert main(["import", "--replace", str(seed("sodermalm"))]) == 0
    after = _state(report)
    assert set(before[-1]) < set(after[-1]), "the old audit entries stay, one more records the replacement"
    assert report.audit.filter(field="ersatt").exists()
    assert models.Report.objects.filter(committee__name=SODERMALM).count() == 1


def test_a_draft_with_a_section_under_review_is_not_replaced(capsys):
    report = _report()
    report.goals.filter(level="namndmal").filter(pk=report.goals.filter(level="namndmal").first().pk) \
        .update(status="granskning")
    before = _state(report)
    assert main(["import", "--replace", str(seed("sodermalm"))]) == 2
    assert "inte längre ett utkast" in capsys.readouterr().err
    assert _state(report) == before


def test_the_edit_form_and_the_api_refuse_a_locked_report(clients):
    report = _report()
    _lock(report)
    before = _state(report)
    row = report.indicators.first()
    response = clients["skribent"].post(reverse("edit_item", args=["indikator", row.pk]),
                                        {"version": row.version, "outcome": "1", "analysis": "x"})
    assert response.status_code == 403
    response = clients["skribent"].post("/api/outcomes/", {"items": [{"id": row.pk, "outcome": "1"}]},
                                        content_type="application/json")
    assert response.status_code == 403
    assert _state(report) == before


def test_kf_publishing_changes_neither_locked_reports_nor_reviewed_sections():
    admin = get_user_model().objects.create_user("kf-admin", is_superuser=True)
    locked, draft = _report(), _report("Socialnämnden")
    _lock(locked)
    reviewed = draft.goals.filter(level="kf_mal").order_by("order")[0]
    open_goal = draft.goals.filter(level="kf_mal").order_by("order")[1]
    models.Goal.objects.filter(pk=reviewed.pk).update(status="godkand")
    for goal in (reviewed, open_goal):
        city.add_city_goal(admin, 2024, goal.parent.number, goal.parent.title)
        kf_goal = city.add_city_goal(admin, 2024, goal.number, goal.title + " (ny lydelse)")
        city.add_city_indicator(admin, kf_goal, "Andel nöjda invånare", "90 %")
        city.add_city_assignment(admin, kf_goal, "Ett nytt uppdrag från KF")
    before_locked = _state(locked)
    reviewed_before = (reviewed.title, reviewed.version, reviewed.indicators.count(), reviewed.activities.count())
    city.publish_city_definitions(admin, 2024)
    assert _state(locked) == before_locked
    reviewed = models.Goal.objects.get(pk=reviewed.pk)
    assert (reviewed.title, reviewed.version, reviewed.indicators.count(), reviewed.activities.count()) == reviewed_before
    open_goal = models.Goal.objects.get(pk=open_goal.pk)
    assert open_goal.title.endswith("(ny lydelse)")
    assert open_goal.indicators.filter(name="Andel nöjda invånare").exists()
    assert open_goal.activities.filter(text="Ett nytt uppdrag från KF").exists()
