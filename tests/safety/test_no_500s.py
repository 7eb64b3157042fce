"""Requests that used to end in a server error now get a 4xx, and the API answers the same for an
unreadable report as for a missing one (no ids, no drafts revealed)."""
from __future__ import annotations

import pytest
from django.test import Client

from ils.api.models import ApiToken
from ils.domain.identifiers import indicator_code
from ils.persistence import models
from tests.web.people import SOCIAL, _report

pytestmark = pytest.mark.django_db


def test_history_of_an_imported_report_with_entries_by_ils_itself(clients):
    report = _report()
    models.Report.objects.filter(pk=report.pk).update(status="last")
    models.AuditEntry.objects.create(report=report, user=None, item_type="rapport", item_id=report.pk,
                                     field="status", before="Utkast", after="Låst", note="Inläst som beslutad rapport")
    response = clients["skribent-social"].get(f"/historik/rapport/{report.pk}/")
    assert response.status_code == 200 and "ILS (inläsning)" in response.text


@pytest.mark.parametrize("year", ["-1", "99999999999999999999", "1800", "٢٠٢٤", "²"])
def test_search_with_a_year_no_report_can_have_is_400(clients, year):
    assert clients["lasare"].get("/sok/", {"q": "mål", "ar": year}).status_code == 400
    assert clients["lasare"].get("/sok/", {"q": "mål", "ar": "2024"}).status_code == 200


def test_api_errors_for_unreadable_and_missing_reports_are_the_same(clients):
    from django.contrib.auth import get_user_model

    outsider = get_user_model().objects.get(username="skribent")  # Södermalm's writer
    _, token = ApiToken.issue(outsider)
    draft = _report(SOCIAL).indicators.first()  # Socialnämnden's draft: not readable for Södermalm
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def problem(item):
        response = api.post("/api/outcomes/", {"items": [item]}, content_type="application/json")
        problems = [e["problem"] for e in response.json()["errors"]]
        return response.status_code, [p.replace(str(item["id"]), "ID") if "id" in item else p for p in problems]

    assert problem({"id": draft.pk, "outcome": "1"}) == problem({"id": 2**40, "outcome": "1"})
    code = indicator_code(draft.definition.key)
    hidden = problem({"committee": "socialnamnden", "year": 2024, "period": "T1", "indicator": code, "outcome": "1"})
    missing = problem({"committee": "socialnamnden", "year": 2031, "period": "T1", "indicator": code, "outcome": "1"})
    assert hidden[0] == missing[0] == 404
    assert hidden[1] == [p.replace("2031", "2024") for p in missing[1]]
    assert str(draft.pk) not in str(hidden)
