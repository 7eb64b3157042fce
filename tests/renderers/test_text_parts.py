"""The texts by the template in every renderer: sub-headings as headings (in the contents and the
PDF bookmarks), emphasis and lists; and a render -> re-import keeps the texts and sub-headings."""
from __future__ import annotations

import io
from dataclasses import replace

import pikepdf
import pytest
from docx import Document as Word

from ils.domain.model import Goal, GoalLevel
from ils.domain.text_template import Part
from ils.importers import parse_file, parse_text
from ils.renderers.docx_report import render_docx
from ils.renderers.html_report import render_html
from ils.renderers.outline import text_parts
from ils.renderers.pdf_report import render_pdf
from ils.renderers.text_export import render_text

from .helpers import T1, parsed, small_document

ANALYSIS = ("Nämnden har under perioden arbetat **målmedvetet** med *trygghet*.\n\n## Trygghet i stadsdelen\n\n"
            "- fler trygghetsvandringar\n- belysning i parker\n\n## Ekonomi i balans\n\nPrognosen visar ett överskott.")


def _document():
    goals = [Goal(GoalLevel.INRIKTNINGSMAL, "1", "Ett tryggt Stockholm", line=10)]
    parts = [Part("sammanfattande-analys", "Sammanfattande analys", text=ANALYSIS, required=True),
             Part("bedomning", "Bedömning av måluppfyllelse", level=2, parent="sammanfattande-analys"),
             Part("bedomning-1", "Ett tryggt Stockholm", level=3, parent="bedomning", goal="1",
                  text="Målet uppfylls helt."),
             Part("inledning", "Tom del", text=""),
             Part("ovrigt", "Övrigt", place="efter", text="Inte aktuellt")]
    return small_document(goals=goals, parts=parts, title="Tertialrapport Tertial 2 2026 för Kulturnämnden")


def test_html_prints_parts_sub_headings_emphasis_and_lists_and_leaves_out_empty_parts():
    html = render_html(_document())
    assert '<h2 id="text-sammanfattande-analys">Sammanfattande analys</h2>' in html
    assert '<h3 id="text-sammanfattande-analys--1">Trygghet i stadsdelen</h3>' in html
    assert '<h4 id="text-bedomning-1">Ett tryggt Stockholm</h4>' in html
    assert "<strong>målmedvetet</strong>" in html and "<em>trygghet</em>" in html
    assert "<ul><li>fler trygghetsvandringar</li><li>belysning i parker</li></ul>" in html
    assert "Tom del" not in html
    assert html.index("Övrigt") > html.index("Uppföljning av Kommunfullmäktiges inriktningsmål")
    assert '<a href="#text-sammanfattande-analys--1">Trygghet i stadsdelen</a>' in html  # in the contents


def test_the_pdf_has_the_sub_headings_in_its_bookmarks():
    pdf = pikepdf.open(io.BytesIO(render_pdf(_document())))
    titles = []
    with pdf.open_outline() as outline:
        def walk(items, depth):
            for item in items:
                titles.append((depth, item.title))
                walk(item.children, depth + 1)
        walk(outline.root, 0)
    # depth 0 is the title (h1), 1 the report's parts
    assert (1, "Sammanfattande analys") in titles
    assert (2, "Trygghet i stadsdelen") in titles and (2, "Ekonomi i balans") in titles
    assert (3, "Ett tryggt Stockholm") in titles and (1, "Övrigt") in titles


def test_docx_uses_heading_styles_for_sub_headings_and_runs_for_emphasis():
    word = Word(io.BytesIO(render_docx(_document())))
    styles = {(p.style.name, p.text) for p in word.paragraphs}
    assert {("Heading 1", "Sammanfattande analys"), ("Heading 2", "Trygghet i stadsdelen"),
            ("Heading 3", "Ett tryggt Stockholm"), ("List Bullet", "belysning i parker")} <= styles
    paragraph = next(p for p in word.paragraphs if p.text.startswith("Nämnden har under perioden"))
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs] == [
        ("Nämnden har under perioden arbetat ", False, False), ("målmedvetet", True, False),
        (" med ", False, False), ("trygghet", False, True), (".", False, False)]


def _texts(doc):
    before, after = text_parts(doc)
    return [(p.key, p.heading, p.text.replace("**", "").replace("*", "")) for p in before + after]


def test_text_export_and_reimport_keeps_the_texts_and_sub_headings():
    seed = parsed(T1)
    doc = replace(seed, parts=[replace(p, text=ANALYSIS) if p.key == "prioriterat-arbete" else p
                               for p in sum(text_parts(seed), [])])
    again = parse_text(render_text(doc), source="omläst")
    assert _texts(again) == _texts(doc)


@pytest.mark.parametrize("render, suffix", [(render_docx, "docx"), (render_pdf, "pdf"), (render_html, "html")])
def test_docx_pdf_and_html_reimport_keeps_the_texts_and_sub_headings(tmp_path, render, suffix):
    seed = parsed(T1)
    doc = replace(seed, parts=[replace(p, text=ANALYSIS) if p.key == "prioriterat-arbete" else p
                               for p in sum(text_parts(seed), [])])
    path = tmp_path / f"rapport.{suffix}"
    rendered = render(doc)
    path.write_bytes(rendered if isinstance(rendered, bytes) else rendered.encode())
    again = {key: text for key, _, text in _texts(parse_file(path))}
    if suffix == "html":  # the HTML keeps every word, so every part reads back exactly
        assert again == {k: t for k, _, t in _texts(doc)}
    assert "## Trygghet i stadsdelen" in again["prioriterat-arbete"]
    assert "## Ekonomi i balans" in again["prioriterat-arbete"]
    assert "- belysning i parker" in again["prioriterat-arbete"]
    for key in ("bedomning-1", "bedomning-2", "bedomning-3", "direktiv-ekonomi"):
        assert again[key] == {k: t for k, _, t in _texts(doc)}[key]


def test_the_decision_recorded_at_lock_is_printed_in_html_pdf_and_docx():
    import datetime

    doc = replace(_document(), decision_date=datetime.date(2026, 9, 24), decision_paragraph="§ 12")
    line = "Nämndens beslut: 24 september 2026, § 12"
    assert f'<p class="beslut-datum">{line}</p>' in render_html(doc)
    assert line in [p.text for p in Word(io.BytesIO(render_docx(doc))).paragraphs]
    from ils.renderers.typst_report import report_data

    assert {"k": "p", "t": line} in report_data(doc)["blocks"]
    assert "beslut-datum" not in render_html(_document())
