"""An economy text without a table and the head's e-mail, in every renderer: the text under its own
sub-heading (never an empty table), the e-mail beside the telephone."""
from __future__ import annotations

import io
from decimal import Decimal

import docx
import lxml.html
import openpyxl

from ils.domain.economics import EconomyRow, EconomyTable
from ils.importers import parse_text
from ils.renderers.docx_report import render_docx
from ils.renderers.html_report import render_html
from ils.renderers.typst_report import report_data
from ils.renderers.xlsx_export import render_xlsx

from .helpers import small_document, squash

TABLE = EconomyTable("Investeringar", ["Budget"], [EconomyRow("Inventarier", [Decimal("2.0")], 1)], 1,
                     section="Investeringar", text="Medlen förbrukas.")
NO_TABLE = EconomyTable("Parkinvesteringar", [], [], 2, unit="", section="Investeringar",
                        text="Parkerna rustas 2027.\nArbetet börjar i vår.")
ALONE = EconomyTable("Försäljningar av anläggningstillgångar", [], [], 3, unit="",
                     section="Försäljningar av anläggningstillgångar", text="Inte aktuellt för nämnden.")


def _doc():
    return small_document(author="Kim Berg", phone="08-508 00 000", email="kim.berg@stockholm.se",
                          economy=[TABLE, NO_TABLE, ALONE])


def test_html_prints_the_text_under_a_sub_heading_and_the_e_mail_beside_the_phone():
    root = lxml.html.fromstring(render_html(_doc()))
    assert [squash(c.text_content()) for c in root.iter("caption") if "Investeringar" in c.text_content()] \
        == ["Investeringar"]  # one table: the texts without one get none
    headings = [squash(h.text_content()) for h in root.iter("h3", "h4")]
    assert "Parkinvesteringar" in headings and "Försäljningar av anläggningstillgångar" in headings
    assert headings.count("Försäljningar av anläggningstillgångar") == 1  # its group's heading only
    body = squash(root.text_content())
    assert "Parkinvesteringar Parkerna rustas 2027. Arbetet börjar i vår." in body
    head = [squash(d.text_content()) for d in root.iter("dd")]
    assert head[:3] == ["Kim Berg", "Telefon: 08-508 00 000", "E-post: kim.berg@stockholm.se"]


def test_typst_gets_a_heading_and_paragraphs_not_a_table():
    blocks = report_data(_doc())
    flat = str(blocks)
    assert "kim.berg@stockholm.se" in flat
    economy = [b for b in _walk(blocks) if b.get("t") in ("Parkinvesteringar", "Parkerna rustas 2027.")]
    assert [(b["k"], b.get("level")) for b in economy] == [("h", 4), ("p", None)]
    captions = [b.get("caption") for b in _walk(blocks) if b.get("k") == "table"]
    assert "Parkinvesteringar" not in captions and "Försäljningar av anläggningstillgångar" not in captions


def _walk(value):
    if isinstance(value, dict):
        yield value
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)


def test_docx_has_two_tables_fewer_than_entries_and_the_texts_as_paragraphs():
    document = docx.Document(io.BytesIO(render_docx(_doc())))
    economy_tables = [t for t in document.tables if "Inventarier" in " ".join(c.text for r in t.rows for c in r.cells)]
    assert len(economy_tables) == 1
    paragraphs = [(p.style.name, squash(p.text)) for p in document.paragraphs]
    at = paragraphs.index(("Heading 3", "Parkinvesteringar"))
    assert paragraphs[at + 1][1] == "Parkerna rustas 2027."
    assert any("kim.berg@stockholm.se" in text for _, text in paragraphs)


def test_xlsx_writes_the_heading_and_the_text_without_a_header_row():
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(_doc())))["Ekonomi"]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    at = rows.index(["Parkinvesteringar"])
    assert rows[at + 1] == ["Parkerna rustas 2027.\nArbetet börjar i vår."]


def test_the_html_export_reads_back_with_the_texts_and_the_e_mail(tmp_path):
    from ils.importers import parse_file
    from tests.importers.reports import tertial_report

    doc = parse_text(tertial_report() + "\n\nInvesteringar\n\nParkinvesteringar\n\nParkerna rustas 2027.\n",
                     source="kultur.txt")
    doc.email = "kim.berg@stockholm.se"
    path = tmp_path / "rapport.html"
    path.write_text(render_html(doc), encoding="utf-8")
    again = parse_file(path)
    assert again.email == doc.email
    assert [(t.title, t.section, t.text) for t in again.economy if not t.columns] == [
        ("Parkinvesteringar", "Investeringar", "Parkerna rustas 2027.")]


def test_the_text_export_prints_each_rows_comment_after_the_table():
    """A comment the committee wrote on a row in the app is printed as the other renderers print
    it ("Inventarier: ..."), and an import of the export keeps it with the table."""
    from dataclasses import replace

    from ils.renderers.text_export import render_text
    from tests.importers.reports import tertial_report

    doc = parse_text(tertial_report(), source="kultur.txt")
    doc.economy = [replace(TABLE, rows=[replace(TABLE.rows[0], text="Nya möbler till fritidsgården.")])]
    text = render_text(doc)
    assert "Medlen förbrukas.\n\nInventarier: Nya möbler till fritidsgården." in text
    [table] = parse_text(text, source="export.txt", require_committee=False).economy
    assert "Inventarier: Nya möbler till fritidsgården." in table.text
