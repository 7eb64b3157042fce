"""The texts in the web app, through the test client: editor, preview, workflow refusals with the
list, what is left, the lock with the decision, the template editor."""
from __future__ import annotations

import pytest
from django.urls import reverse

from ils.persistence import models
from tests.web.people import _report

pytestmark = pytest.mark.postgres


def _part(report, key="bedomning-1"):
    return report.text_parts.get(key=key)


def test_the_editor_saves_markup_and_the_report_and_texts_pages_show_it_as_html(clients):
    report = _report()
    part = _part(report)
    url = reverse("edit_text", args=[part.pk])
    page = clients["skribent"].get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="texteditor"' in html and "text_editor.js" in html and "<script>" not in html
    assert f'hx-post="{reverse("preview_text", args=[part.pk])}"' in html
    answer = clients["skribent"].post(url, {"version": part.version,
                                            "text": "## Trygghet\n\nEn **viktig** del.\n\n- punkt <b>ett</b>"})
    assert answer.status_code == 302
    texts_page = clients["lasare"].get(reverse("report_texts", args=[report.pk])).content.decode()
    assert '<h6 id="text-bedomning-1--0">Trygghet</h6>' in texts_page
    assert "<strong>viktig</strong>" in texts_page and "punkt &lt;b&gt;ett&lt;/b&gt;" in texts_page
    report_page = clients["controller"].get(reverse("report", args=[report.pk])).content.decode()
    assert "<strong>viktig</strong>" in report_page and reverse("report_remaining", args=[report.pk]) in report_page


def test_bad_text_is_refused_at_the_field_and_a_stale_version_shows_both(clients):
    report = _report()
    part = _part(report)
    url = reverse("edit_text", args=[part.pk])
    bad = clients["skribent"].post(url, {"version": part.version, "text": "Text\x07med klocka"})
    assert bad.status_code == 200 and "styrtecken" in bad.content.decode()
    part.refresh_from_db()
    assert part.version == 1
    clients["controller"].post(url, {"version": 1, "text": "Controllerns text."})
    conflict = clients["skribent"].post(url, {"version": 1, "text": "Skribentens text."})
    assert conflict.status_code == 409
    assert "Controllerns text." in conflict.content.decode() and "Skribentens text." in conflict.content.decode()


def test_the_preview_renders_without_storing_and_refuses_control_characters(clients):
    part = _part(_report())
    url = reverse("preview_text", args=[part.pk])
    answer = clients["skribent"].post(url, {"text": "## Rubrik\n\n*kursiv*"})
    assert answer.status_code == 200 and "<em>kursiv</em>" in answer.content.decode()
    assert "styrtecken" in clients["skribent"].post(url, {"text": "\x01"}).content.decode()
    part.refresh_from_db()
    assert part.version == 1


def test_submitting_a_required_empty_part_is_refused_with_the_list(clients):
    report = _report()
    part = _part(report)
    models.TextPart.objects.filter(pk=part.pk).update(text="")
    answer = clients["skribent"].post(reverse("text_status", args=[part.pk]), {"action": "skicka"}, follow=True)
    html = answer.content.decode()
    assert "Det går inte att skicka för granskning" in html and "Obligatorisk text saknas." in html
    part.refresh_from_db()
    assert part.status == "utkast"


def test_what_is_left_lists_the_gaps_and_filters_to_my_parts(clients):
    report = _report()
    models.TextPart.objects.filter(report=report, key="bedomning-2").update(text="")
    page = clients["controller"].get(reverse("report_remaining", args=[report.pk])).content.decode()
    assert "Obligatorisk text saknas." in page and "Inte klar för granskning" in page
    assert f'href="{reverse("report_texts", args=[report.pk])}#text-bedomning-2"' in page
    mine = clients["lasare"].get(reverse("report_remaining", args=[report.pk]) + "?mina=1").content.decode()
    assert "Inget kvar att göra." in mine  # a reader writes nothing


def test_the_lock_form_records_the_decision_date_or_lists_what_is_unapproved(clients):
    report = _report()
    models.Report.objects.filter(pk=report.pk).update(status="godkand")
    page = clients["controller"].get(reverse("report", args=[report.pk])).content.decode()
    assert 'name="decision_date"' in page and 'value="las"' not in page
    lock = reverse("lock_report", args=[report.pk])
    refused = clients["controller"].post(lock, {"decision_date": "2024-05-23"}, follow=True).content.decode()
    assert "kan inte låsas förrän alla delar är godkända" in refused and "Mål 1.1.1" in refused
    report.goals.update(status="godkand")
    report.text_parts.update(status="godkand")
    bad = clients["controller"].post(lock, {"decision_date": "23/5"}, follow=True).content.decode()
    assert "ÅÅÅÅ-MM-DD" in bad
    clients["controller"].post(lock, {"decision_date": "2024-05-23", "decision_paragraph": "§ 12"})
    report.refresh_from_db()
    assert report.status == "last"
    page = clients["lasare"].get(reverse("report", args=[report.pk])).content.decode()
    assert "Nämndens beslut: 23 maj 2024, § 12" in page


def test_the_controller_assigns_writers(clients):
    report = _report()
    part = _part(report)
    writer = models.Membership.objects.get(role="skribent", committee__name=report.committee.name).user
    url = reverse("text_writers", args=[part.pk])
    clients["controller"].post(url, {f"del-{part.pk}-writers": [writer.pk]})
    assert list(part.writers.all()) == [writer]
    assert clients["skribent"].post(url, {f"del-{part.pk}-writers": []}).status_code == 403


def test_the_administrator_edits_the_template(clients):
    report = _report()
    texts_page = clients["admin"].get(reverse("report_texts", args=[report.pk])).content.decode()
    assert reverse("edit_template", args=[report.year, report.period]) in texts_page
    assert "Rapportmallen" not in clients["controller"].get(reverse("report_texts", args=[report.pk])).content.decode()
    url = reverse("edit_template", args=[2025, "T1"])
    page = clients["admin"].get(url).content.decode()
    assert "Sammanfattande analys" in page and "standardmall" in page
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "200", "mallversion": "0",
            "form-0-heading": "Sammanfattande analys", "form-0-place": "fore", "form-0-required": "on",
            "form-0-ORDER": "1", "form-1-heading": "Bedömning", "form-1-parent": "sammanfattande-analys",
            "form-1-per_goal": "on", "form-1-place": "fore", "form-1-ORDER": "2"}
    assert clients["admin"].post(url, data).status_code == 302
    stored = models.ReportTemplate.objects.get(year=2025, period="T1")
    assert [(p["key"], p["parent"], p["per_goal"]) for p in stored.parts] == [
        ("sammanfattande-analys", "", False), ("bedomning", "sammanfattande-analys", True)]
    wrong = dict(data, **{"form-1-parent": "saknas", "mallversion": "1"})
    answer = clients["admin"].post(url, wrong)
    assert answer.status_code == 422 and "Del 2 (Bedömning): överordnad del" in answer.content.decode()
    stale = clients["admin"].post(url, dict(data, mallversion="0"))
    assert stale.status_code == 422 and "någon annan har sparat mallen" in stale.content.decode()
    assert clients["controller"].get(url).status_code == 403
