"""The read-only pages, through Django's test client: login, committee, report, checks, exports."""
from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ils.persistence import models



@pytest.fixture
def reader(client):
    """A reader for the whole city: sees every committee's drafts."""
    user = get_user_model().objects.create_user("lasare", password="hemligt-123")
    models.Membership.objects.create(user=user, committee=None, role="lasare")
    client.force_login(user)
    return client


@pytest.fixture
def sodermalm_writer(client):
    user = get_user_model().objects.create_user("skribent", password="hemligt-123")
    committee = models.Committee.objects.get(name__startswith="Söder")
    models.Membership.objects.create(user=user, committee=committee, role="skribent")
    client.force_login(user)
    return client


def _report(name_start, period):
    return models.Report.objects.get(committee__name__startswith=name_start, period=period)


@pytest.mark.postgres
def test_pages_require_login(client):
    report = _report("Söder", "T1")
    for url in (reverse("start"), reverse("report", args=[report.pk]), reverse("report_checks", args=[report.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.postgres
def test_login_form_logs_in(client):
    get_user_model().objects.create_user("kalle", password="hemligt-123")
    response = client.post(reverse("login"), {"username": "kalle", "password": "hemligt-123"}, follow=True)
    assert response.status_code == 200 and "Inloggad som" in response.text
    bad = client.post(reverse("login"), {"username": "kalle", "password": "fel"})
    assert "Fel användarnamn eller lösenord" in bad.text


@pytest.mark.postgres
def test_start_lists_every_committee(reader):
    text = reader.get(reverse("start")).text
    for name in ("Södermalms stadsdelsnämnd", "Socialnämnden", "Hässelby-Vällingby stadsdelsnämnd"):
        assert name in text


@pytest.mark.postgres
def test_report_page_shows_the_goal_tree_with_swedish_numbers(reader):
    report = _report("Söder", "T1")
    response = reader.get(reverse("report", args=[report.pk]))
    text = response.text
    assert response.status_code == 200
    assert text.count('class="goal depth-3"') == 21
    assert "Nämndmål: 1.1.1" in text and "Uppfylls helt" in text
    assert "Periodens utfall" in text and "Prognos helår" in text
    assert "3 331,1" in text or "-" in text  # economy cells are formatted the Swedish way
    assert "23 maj 2024" in text
    assert "Tertialrapport 1 2024" in text, "a year is not a number with a thousands separator"


@pytest.mark.postgres
def test_report_page_marks_the_cells_the_import_guessed(reader):
    report = _report("Söder", "T1")
    guessed = report.indicators.exclude(inferred="")
    assert guessed.exists(), "the seed has rows whose export dropped empty cells"
    text = reader.get(reverse("report", args=[report.pk])).text
    row = text[text.index(f'id="indikator-{guessed[0].pk}"'):]
    row = row[:row.index("</tbody>")]
    assert row.count('class="num guessed"') == len(guessed[0].inferred.split())
    assert "(gissad)" in row and "(gissad)" not in text[:text.index('id="indikator-')]


@pytest.mark.postgres
def test_plan_page_has_plan_columns(reader):
    text = reader.get(reverse("report", args=[_report("Hägersten", "VP").pk])).text
    assert "Periodicitet" in text and "Prognos helår" not in text


@pytest.mark.postgres
def test_an_economy_text_without_a_table_is_a_heading_and_its_text(reader):
    """Socialnämnden's "Försäljningar av anläggningstillgångar" has a sentence and no table."""
    text = reader.get(reverse("report", args=[_report("Social", "T1").pk])).text
    economy = text[text.index('<h2 id="ekonomi">'):]
    assert re.search(r"<h3>Försäljningar av anläggningstillgångar</h3>\s*<p>Nämnden avser inte att sälja", economy)
    assert "<caption>Försäljningar av anläggningstillgångar</caption>" not in economy
    head = reader.get(reverse("report", args=[_report("Hässelby", "VB").pk])).text
    assert "telefon 0850805097, e-post susanne.rydberg-lif@stockholm.se" in head


@pytest.mark.postgres
def test_check_page_lists_findings(reader):
    response = reader.get(reverse("report_checks", args=[_report("Hässelby", "VB").pk]))
    assert response.status_code == 200
    assert "<td>Ekonomi</td>" in response.text or "<td>Bedömning</td>" in response.text


@pytest.mark.django_db  # no backend-specific code: SQLite only
@pytest.mark.parametrize("fmt,magic", [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK"), ("json", b"{"),
                                       ("html", b"<!DOCTYPE")])
def test_exports(reader, fmt, magic):
    response = reader.get(reverse("report_export", args=[_report("Social", "T1").pk, fmt]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.lstrip()[:len(magic)].upper() == magic.upper()


@pytest.mark.postgres
def test_unknown_export_format_is_404(reader):
    assert reader.get(reverse("report_export", args=[_report("Social", "T1").pk, "exe"])).status_code == 404


@pytest.mark.postgres
def test_drafts_of_another_committee_are_not_reachable(sodermalm_writer):
    own, other = _report("Söder", "T1"), _report("Social", "T1")
    assert sodermalm_writer.get(reverse("report", args=[own.pk])).status_code == 200
    for url in (reverse("report", args=[other.pk]), reverse("report_checks", args=[other.pk]),
                reverse("report_export", args=[other.pk, "json"])):
        assert sodermalm_writer.get(url).status_code == 404
    start = sodermalm_writer.get(reverse("start")).text
    assert "Södermalms stadsdelsnämnd" in start and "Socialnämnden" not in start


@pytest.mark.postgres
def test_locked_reports_are_readable_by_everyone_signed_in(sodermalm_writer):
    other = _report("Social", "T1")
    other.status = "last"
    other.save()
    assert sodermalm_writer.get(reverse("report", args=[other.pk])).status_code == 200


@pytest.mark.postgres
@pytest.mark.parametrize("url", ["/sok/?q=barn%00", "/stad/?namnd=a%00b", "/sok/?q%00=x"])
def test_a_nul_character_in_the_query_is_a_clear_400(reader, url):
    """PostgreSQL cannot compare text holding U+0000: refused up front instead of a server error."""
    response = reader.get(url)
    assert response.status_code == 400
    assert "nolltecken" in response.content.decode()
