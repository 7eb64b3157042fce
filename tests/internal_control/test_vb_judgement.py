"""The VB part "Bedömning av nämndens interna kontroll": its status and analysis come from the
internal control's judgement in every export of the VB, and a missing judgement is a gap in
"kvar att göra" (the domain rule and the stored report)."""
from __future__ import annotations

import io
import subprocess

import docx
import pytest

from ils.domain import remaining as rules
from ils.domain.model import Period
from ils.domain.workflow import Status
from ils.persistence import internal_control as ic
from ils.persistence import remaining, store, texts
from ils.renderers.docx_report import render_docx
from ils.renderers.html_report import render_html
from ils.renderers.pdf_report import render_pdf
from ils.renderers.text_export import render_text

from .fixtures import committee_year, people

pytestmark = pytest.mark.postgres

ANALYSIS = "Två kontrollmoment genomfördes inte som planerat och förs över till 2031."


@pytest.fixture
def vb():
    reports = committee_year()
    who = people(reports["VP"].committee)
    texts.apply_template(reports["VB"])
    analysis = ic.start_analysis(who["controller"], reports["VP"].committee, 2030)
    return reports["VB"], who, analysis


def _gap_kinds(report):
    return [(g.kind, g.item) for g in remaining.gaps(report)]


def test_a_missing_judgement_is_a_blocking_gap_in_place_of_the_empty_part(vb):
    report, who, analysis = vb
    found = [g for g in remaining.gaps(report) if g.item == "textdel:intern-kontroll"]
    assert [(g.kind, g.blocking) for g in found] == [("intern-kontroll", True), ("ej-klar", False)]
    assert "bedömning av den interna kontrollen saknas" in found[0].message

    ic.save_judgement(who["controller"], analysis, analysis.version, "delvis", ANALYSIS)
    kinds = _gap_kinds(report)
    assert ("intern-kontroll", "textdel:intern-kontroll") not in kinds
    assert ("tom", "textdel:intern-kontroll") not in kinds
    assert ("ej-klar", "textdel:intern-kontroll") in kinds  # the part still goes through the workflow


def test_without_an_analysis_the_part_is_an_ordinary_required_text(vb):
    report, who, analysis = vb
    analysis.delete()
    assert ("tom", "textdel:intern-kontroll") in _gap_kinds(report)
    assert not any(kind == "intern-kontroll" for kind, _ in _gap_kinds(report))


def test_the_domain_rule_reports_the_gap_even_when_the_template_lacks_the_part():
    state = rules.JudgementState("", "intern-kontroll", "Bedömning av nämndens interna kontroll")
    parts = [rules.PartState("ovrigt", "Övrigt", Status.APPROVED, always=True, empty=False)]
    gaps = rules.remaining(Period.VB, parts, [], [], state)
    assert [g.kind for g in gaps] == ["intern-kontroll"]
    assert rules.remaining(Period.VB, parts, [], [], rules.JudgementState("delvis", "intern-kontroll", "B")) == []


def test_every_export_of_the_vb_shows_the_status_and_the_analysis(vb):
    report, who, analysis = vb
    part = report.text_parts.get(key="intern-kontroll")
    texts.update_text(who["controller"], part, part.version, "Förvaltningen har förstärkt uppföljningen.")
    ic.save_judgement(who["controller"], analysis, analysis.version, "delvis", ANALYSIS)
    doc = store.load_document(report)

    text = render_text(doc)
    heading = text.index("Bedömning av nämndens interna kontroll")
    assert text.index("Bedömning: Delvis tillräcklig.") > heading
    assert text.index(ANALYSIS) < text.index("Förvaltningen har förstärkt uppföljningen.")

    html = render_html(doc)
    assert "<strong>Bedömning:</strong> Delvis tillräcklig." in html and ANALYSIS in html

    word = docx.Document(io.BytesIO(render_docx(doc)))
    paragraphs = [p.text for p in word.paragraphs]
    at = paragraphs.index("Bedömning av nämndens interna kontroll")
    assert paragraphs[at + 1] == "Bedömning: Delvis tillräcklig." and paragraphs[at + 2] == ANALYSIS

    pdf = subprocess.run(["pdftotext", "-layout", "-", "-"], input=render_pdf(doc), capture_output=True,
                         check=True).stdout.decode()
    flat = " ".join(pdf.split())
    assert "Bedömning av nämndens interna kontroll Bedömning: Delvis tillräcklig." in flat
    assert ANALYSIS in flat


def test_a_vb_without_its_judgement_prints_the_part_as_written(vb):
    report, who, analysis = vb
    part = report.text_parts.get(key="intern-kontroll")
    texts.update_text(who["controller"], part, part.version, "Egen text.")
    text = render_text(store.load_document(report))
    assert "Egen text." in text and "Bedömning: " not in text


def test_the_texts_page_and_kvar_att_gora_show_the_judgement(vb, client):
    report, who, analysis = vb
    client.force_login(who["controller"])
    left = client.get(f"/rapport/{report.pk}/kvar/").content.decode()
    assert "bedömning av den interna kontrollen saknas" in left
    ic.save_judgement(who["controller"], analysis, analysis.version, "inte", ANALYSIS)
    page = client.get(f"/rapport/{report.pk}/texter/").content.decode()
    assert "<strong>Bedömning:</strong> Inte tillräcklig." in page and ANALYSIS in page
    assert "bedömning av den interna kontrollen saknas" not in client.get(f"/rapport/{report.pk}/kvar/").content.decode()
