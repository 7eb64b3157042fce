"""The PDF report of each seed: tagged PDF/UA structure, scoped header cells, page numbers that
the table of contents gets right, readable text, and a look at the pages."""
from __future__ import annotations

import io
import os
import re
import signal
import warnings
from datetime import date
import shutil
import subprocess

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from ils.domain.assessment import Assessment
from ils.domain.model import Activity, Attachment, Attestation, Decision, Goal, GoalLevel, IndicatorResult, Section
from ils.renderers.formatting import document_title, goal_heading
from ils.renderers.pdf_report import render_pdf

from .helpers import SOCIAL, T1, VB, VP, parsed, seed_params, small_document, squash


def structure(pdf: pikepdf.Pdf):
    """(type, parent types) of every structure element."""
    stack = [(pdf.Root.StructTreeRoot, ())]
    while stack:
        element, parents = stack.pop()
        kind = str(element.get("/S", "/StructTreeRoot"))
        yield element, kind, parents
        kids = element.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        stack.extend((k, parents + (kind,)) for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k)


def scope(element) -> str:
    """The /Scope of a header cell, from its Table attribute object (/A is one or an array)."""
    attributes = element.get("/A")
    for attribute in list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(attribute, pikepdf.Dictionary) and attribute.get("/O") == "/Table":
            return str(attribute.get("/Scope"))
    return "None"


def row_headers(doc) -> int:
    """Body rows that head their row in the HTML report (th scope="row")."""
    return (sum(bool(i.name.strip()) for i in doc.indicators) + sum(bool(a.text.strip()) for a in doc.activities)
            + sum(bool(r.label.strip()) for t in doc.economy for r in t.rows) + len(doc.attestations))


@pytest.mark.parametrize("seed", seed_params())
def test_tagged_pdf_ua(seed, rendered_pdf):
    doc = parsed(seed)
    with pikepdf.open(io.BytesIO(rendered_pdf.pdf)) as pdf:
        assert str(pdf.Root.Lang) == "sv"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == document_title(doc)
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == document_title(doc)
            assert meta["pdfuaid:part"] == "1"
        kinds, rows = {}, 0
        for element, kind, parents in structure(pdf):
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "/TH":
                assert scope(element) == ("/Column" if parents[-2] == "/THead" else "/Row")
                rows += parents[-2] == "/TBody"
        assert rows == row_headers(doc)
        assert kinds["/H1"] == 1
        assert kinds["/Table"] >= len(doc.economy) and kinds["/TH"] > kinds["/Table"]
        assert kinds["/Caption"] >= len(doc.economy)


@pytest.mark.parametrize("seed", seed_params())
def test_pages_bookmarks_and_contents(seed, rendered_pdf):
    doc = parsed(seed)
    assert rendered_pdf.pages > 30  # the seeds are 40-100 page reports
    for goal in doc.goals:
        assert goal_heading(goal) in rendered_pdf.bookmarks
    contents = squash(rendered_pdf.texts[rendered_pdf.bookmarks["Innehållsförteckning"]])
    assert contents.startswith("Innehållsförteckning")
    # The contents' page numbers (Typst's outline) are the pages the parts start on.
    for title, page in rendered_pdf.bookmarks.items():
        if title in ("Uppföljning av ekonomi", "Redovisning av ekonomi", "Sammanfattande analys", "Inledning"):
            assert re.search(re.escape(title) + r"\.*\s*" + str(page + 1) + r"\b", contents), title
    footer = squash(rendered_pdf.texts[0])
    assert f"Sida 1 av {rendered_pdf.pages}" in footer


@pytest.mark.parametrize("seed", seed_params(T1))
def test_text_of_the_tertial_report(seed, rendered_pdf):
    first = squash(rendered_pdf.texts[0])
    assert "Tertialrapport Tertial 1 2024 för Södermalms stadsdelsnämnd" in first
    assert "23 maj 2024" in first and "Förslag till beslut" in first
    goals = squash(rendered_pdf.texts[rendered_pdf.bookmarks["Uppföljning av Kommunfullmäktiges inriktningsmål"]])
    assert "KF:s inriktningsmål: 1. Ett Stockholm som håller samman" in goals
    assert "Uppfylls helt" in goals
    economy = squash(rendered_pdf.texts[rendered_pdf.bookmarks["Uppföljning av ekonomi"]])
    assert "Kostnader 3 331,1 0,5 66,7 3 376,3 22,0" in economy
    assert "Intäkter -414,8" in economy


@pytest.mark.parametrize("seed", seed_params(VB))
def test_text_of_the_annual_report(seed, rendered_pdf):
    goals = squash(rendered_pdf.texts[rendered_pdf.bookmarks["Uppföljning av Kommunfullmäktiges inriktningsmål"]])
    assert "KF:s inriktningsmål: 1. En modern storstad med möjligheter och valfrihet för alla" in goals
    economy = squash(rendered_pdf.texts[rendered_pdf.bookmarks["Uppföljning av ekonomi"]])
    assert "Budget 2022" in economy and "Bokslut 2022" in economy


@pytest.mark.parametrize("seed", seed_params(VP, SOCIAL))
def test_text_of_the_plan_and_the_committee_report(seed, rendered_pdf):
    first = squash(rendered_pdf.texts[0])
    assert document_title(parsed(seed)) in first


def test_header_cells_of_a_small_report_get_their_scope():
    """Without the seeds: the attestation table's column and row headers."""
    doc = small_document(attestations=[Attestation("Kim Berg", date(2026, 9, 12), 1)])
    with pikepdf.open(io.BytesIO(render_pdf(doc))) as pdf:
        scopes = [(parents[-2], scope(e)) for e, kind, parents in structure(pdf) if kind == "/TH"]
        assert str(pdf.Root.Lang) == "sv" and str(pdf.docinfo.Title) == "Tertialrapport Tertial 2 2026 för Kulturnämnden"
    assert sorted(scopes) == [("/TBody", "/Row"), ("/THead", "/Column"), ("/THead", "/Column")]


# Typst markup and code, and what would end a Typst string: report text must print as written.
NASTY = (r'#set text(red) $x^2$ *fet* _kursiv_ [länk] // kommentar /* block */ <x> @ref \ \# ` ~ = '
         r'"); #panic("x") {y} ~~')
# Short enough for one line of a narrow table cell, where long words may be hyphenated.
NASTY_CELL = r'#set $x$ *y* [z] // <x> @ref \ "'


def test_report_text_is_printed_as_written_never_as_typst_markup():
    goal = Goal(GoalLevel.INRIKTNINGSMAL, "1", f"Mål {NASTY}", line=10, assessment=Assessment.DELVIS,
                description=f"{NASTY}\n- {NASTY}", analysis=NASTY, expected_results=[NASTY],
                sections=[Section(f"= Rubrik {NASTY_CELL}", NASTY, 11)])
    doc = small_document(
        title=f"Rapport {NASTY}", author=NASTY_CELL, summary=NASTY, goals=[goal],
        decisions=[Decision(1, NASTY, 1)], attachments=[Attachment("Bilaga 1", NASTY, 2)],
        sections=[Section(NASTY_CELL, NASTY, 3)],
        indicators=[IndicatorResult("1", NASTY_CELL, 12, period=NASTY_CELL, analysis=NASTY)],
        activities=[Activity("1", NASTY_CELL, 13, deviation=NASTY_CELL)],
        attestations=[Attestation(NASTY_CELL, date(2026, 9, 12), 14)])
    pdf = render_pdf(doc)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert str(document.docinfo.Title) == document_title(doc)
        with document.open_metadata() as meta:
            assert meta["dc:title"] == document_title(doc)
        with document.open_outline() as outline:
            titles = [item.title for item in outline.root]
            titles += [c.title for item in outline.root for c in item.children]
            titles += [g.title for item in outline.root for c in item.children for g in c.children]
        assert f"Rapport {NASTY}" in titles and goal_heading(goal) in titles
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = squash(" ".join(page.extract_text() or "" for page in document.pages))
    # Title (and footer), summary, decision, attachment, intro, goal heading, description, its list,
    # expected result, analysis, goal section text, the indicator's analysis row.
    assert text.count(NASTY) >= 13, text
    # Handläggare, intro and goal section headings, activity and its deviation, the attested name
    # (the indicator's name and period wrap in the narrow columns of a tertial report).
    assert text.count(NASTY_CELL) >= 6, text
    assert "▲ Uppfylls delvis" in text
    # The table headers are hyphenated ("Perio-dens utfall"); real hyphens still read as hyphens.
    assert "2026-09-12" in text


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_process_forked_after_a_compile_refuses_instead_of_hanging():
    render_pdf(small_document())  # this process has compiled
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # "multi-threaded, fork() may deadlock"
        pid = os.fork()
    if pid == 0:
        signal.alarm(20)  # a hanging compile ends the child instead of the test run
        try:
            render_pdf(small_document())
            os.write(write, b"compiled")
        except RuntimeError:
            os.write(write, b"refused")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 20) == b"refused"


PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (Debian poppler-utils) is not installed")
@pytest.mark.parametrize("seed", seed_params(T1))
def test_pages_look_like_a4_pages_with_content(seed, rendered_pdf, tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(rendered_pdf.pdf)
    goal_page = rendered_pdf.bookmarks[goal_heading(parsed(seed).goals[1])]
    for page in (1, goal_page + 1):
        subprocess.run([PDFTOPPM, "-r", "40", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(source), str(tmp_path / f"page{page}")], check=True)
        image = Image.open(tmp_path / f"page{page}.png").convert("L")
        width, height = image.size
        assert abs(height / width - 297 / 210) < 0.02
        dark = sum(count for value, count in enumerate(image.histogram()) if value < 128)
        assert 0.01 < dark / (width * height) < 0.5, f"page {page} is blank or black"
