"""Domain Document -> a Word report that the committee's staff can edit further.

Same outline as the HTML report, in Word's own structures so that Word's navigation pane,
accessibility checker and screen readers work: the Title style, Heading 1-5 for the parts and
the goal tree, real lists and real tables. python-docx lacks two table properties that
accessibility checkers look for, the repeated header row (w:tblHeader) and the table's
alternative text (w:tblCaption, w:tblDescription); small oxml helpers add them.
"""
from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from ils.domain.economics import EconomyTable, RowKind
from ils.domain import markup
from ils.domain.model import Document, Goal, GoalLevel
from ils.domain.text_template import Part as TextPart

from .formatting import (
    decision_line,
    activity_header, activity_status, assessment_label, assessment_symbol, cell_text, document_title, economy_cell,
    economy_part_title, economy_texts, economy_stub, goal_heading, goal_reference, goals_part_title,
    indicator_header, indicator_values, is_number, is_plan, is_text_entry, status_label,
    status_symbol,
)
from .front_matter import attachment_items, decision_items, head_groups
from .outline import (
    INDICATOR_WIDTHS, activity_widths, economy_groups, economy_widths, goal_depths, part_blocks,
    text_blocks, text_parts,
)

TEXT_WIDTH_MM = 170  # A4 less 20 mm margins
NBSP = "\u00a0"


CELL_POINTS = 8
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell_xml(text: str, width: int, bold: bool = False, right: bool = False, span: int = 1) -> str:
    """A table cell as python-docx would write it: width, 8 pt run, bold and right alignment when
    asked; line breaks and tabs as Word's own elements."""
    properties = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
    paragraph = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    run = ("<w:b/>" if bold else "") + f'<w:sz w:val="{CELL_POINTS * 2}"/>'
    content = "<w:br/>".join("<w:tab/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in line.split("\t"))
                             for line in _NOT_XML.sub("", text).split("\n"))
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p>{paragraph}<w:r><w:rPr>{run}</w:rPr>{content}</w:r></w:p></w:tc>"


def _nobreak(text: str) -> str:
    """Thousands separators that Word never breaks a number at ("3 331,1")."""
    return text.replace(" ", NBSP)


def _set_table_caption(table, caption: str, description: str) -> None:
    tbl_pr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        tbl_pr.append(element)  # last in w:tblPr, where the schema puts them


def _narrow_margins(table) -> None:
    """1 mm cell margins instead of 1.9 mm: ten columns on A4 need the room."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "57")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # the schema puts w:tblCellMar before w:tblLook
    else:
        tbl_pr.append(margins)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word computes when it lays out the document."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class _Writer:
    def __init__(self, doc: Document):
        self.doc = doc
        self.word = docx.Document()
        self._style_ids: dict[str, str] = {}
        self._setup()

    def _setup(self) -> None:
        word = self.word
        section = word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        normal = word.styles["Normal"]
        normal.font.name = "Arial"
        normal.font.size = Pt(10)
        # Swedish for spelling and hyphenation in every run that does not say otherwise.
        r_pr = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), "sv-SE")
        properties = word.core_properties
        properties.title = document_title(self.doc)
        properties.subject = f"{self.doc.period.label} {self.doc.year}, {self.doc.committee}"
        properties.author = self.doc.author
        properties.language = "sv-SE"
        properties.keywords = f"{self.doc.period.value} {self.doc.year}"
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Sida ")
        _field(footer, " PAGE ", "1")
        footer.add_run(" av ")
        _field(footer, " NUMPAGES ", "1")
        # Word fills in the table of contents and page count when it opens the file.
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        word.settings.element.append(update)

    # Text

    def styled(self, style: str, text: str = ""):
        """A paragraph in a named style; the style id is looked up once (python-docx's lookup
        scans all styles on every call)."""
        if style not in self._style_ids:
            self._style_ids[style] = self.word.styles[style].style_id
        paragraph = self.word.add_paragraph(text)
        paragraph._p.style = self._style_ids[style]
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.styled(f"Heading {level}", text)

    def paragraph(self, text: str, bold: bool = False, style: str = "Normal"):
        paragraph = self.styled(style)
        paragraph.add_run(text).bold = bold
        return paragraph

    def text(self, text: str) -> None:
        for block in text_blocks(text):
            if isinstance(block, list):
                self.bullets(block)
            else:
                self.paragraph(block)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.styled("List Bullet", item)

    # Tables

    def table(self, caption: str, header: list[str], rows: list[tuple[str, list[tuple[str, bool]], str]],
              widths: list[float]) -> None:
        """rows: (kind, [(text, is_number)], analysis); kind "total" is bold, "analys" spans the row."""
        self.paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
        table = self.word.add_table(rows=0, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _narrow_margins(table)
        _set_table_caption(table, caption, f"{caption}: {', '.join(h for h in header if h)}")
        sizes = [Mm(TEXT_WIDTH_MM * w / 100) for w in widths]
        for column, size in zip(table.columns, sizes):
            column.width = size  # the grid, which LibreOffice reads; Word reads the cells
        twips = [int(size.twips) for size in sizes]
        # The header row repeats on every page (tblHeader); the rows are written as one piece of
        # WordprocessingML: python-docx's cell-by-cell API costs ~1 ms a cell.
        xml = ['<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>'
               + "".join(_cell_xml(name, width, bold=True) for name, width in zip(header, twips)) + "</w:tr>"]
        for kind, cells, analysis in rows:
            xml.append("<w:tr>" + "".join(
                _cell_xml(_nobreak(text) if number else text, width, bold=kind == "total", right=number)
                for (text, number), width in zip([*cells, *[("", False)] * (len(twips) - len(cells))], twips))
                + "</w:tr>")
            if analysis:
                xml.append("<w:tr>" + _cell_xml(f"Analys: {' '.join(analysis.split())}", sum(twips),
                                                span=len(twips)) + "</w:tr>")
        table._tbl.extend(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(xml)}</w:tbl>"))

    # Parts

    def render(self) -> bytes:
        doc = self.doc
        self._head()
        self.styled("Title", document_title(doc))
        if decision := decision_line(doc):
            self.paragraph(decision)
        if doc.decisions:
            self.heading("Förslag till beslut", 1)
            for _, text in decision_items(doc):
                self.styled("List Number", text)
            for signature in doc.signatures:
                self.paragraph(f"{signature.name}\n{signature.title}")
        if doc.summary:
            self.heading("Sammanfattning", 1)
            self.text(doc.summary)
        if doc.case:
            self.heading("Ärendet", 1)
            self.text(doc.case)
        self.heading("Innehållsförteckning", 1)
        _field(self.word.add_paragraph(), ' TOC \\o "1-3" \\h \\z \\u ',
               "Innehållsförteckningen visas när fälten uppdateras (F9).")
        if doc.attachments:
            self.heading("Bilagor", 1)
            self.bullets(attachment_items(doc))
        before, after = text_parts(doc)
        self._texts(before)
        self._goals()
        self._economy()
        self._texts(after)
        self._attestation()
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _head(self) -> None:
        doc = self.doc
        for label, lines in head_groups(doc):
            self.paragraph(label, bold=True).paragraph_format.space_after = Pt(0)
            self.paragraph("\n".join(lines))

    def _texts(self, parts: list[TextPart]) -> None:
        """Each part under its heading style; sub-headings as Word headings, emphasis as runs."""
        for part in parts:
            self.heading(part.heading, part.level)
            for block in part_blocks(part, part.level):
                if isinstance(block, markup.Heading):
                    self.heading(block.text, block.depth)
                elif isinstance(block, markup.Paragraph):
                    self._runs(self.styled("Normal"), block.runs)
                else:
                    for item in block.items:
                        self._runs(self.styled("List Number" if block.ordered else "List Bullet"), item)

    @staticmethod
    def _runs(paragraph, runs) -> None:
        for run in runs:
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None

    def _goals(self) -> None:
        doc = self.doc
        if not doc.goals:
            return
        self.heading(goals_part_title(doc), 1)
        for goal, depth in goal_depths(doc):
            self._goal(goal, depth + 1)

    def _goal(self, goal: Goal, level: int) -> None:
        doc = self.doc
        self.heading(goal_heading(goal), level)
        if goal.assessment is not None:
            symbol = assessment_symbol(goal.assessment)
            self.paragraph(f"{symbol} {assessment_label(goal.assessment, doc)}", bold=True)
        if goal.description:
            if goal.level is GoalLevel.NAMNDMAL:
                self.heading("Beskrivning", level + 1)
            self.text(goal.description)
        if goal.expected_results:
            self.heading("Förväntat resultat", level + 1)
            self.bullets(goal.expected_results)
        if goal.analysis:
            self.heading("Analys", level + 1)
            self.text(goal.analysis)
        for section in goal.sections:
            if section.heading:
                self.heading(section.heading, level + 1)
            self.text(section.text)
        self._indicators(goal)
        self._activities(goal)

    def _indicators(self, goal: Goal) -> None:
        doc = self.doc
        indicators = doc.indicators_of(goal.number)
        if not indicators:
            return
        header = indicator_header(doc)
        rows = []
        for indicator in indicators:
            cells = [(indicator.name, False)]
            cells += [(cell_text(v), is_number(v)) for v in indicator_values(doc, indicator)]
            if not is_plan(doc):
                status = indicator.status
                cells.append((f"{status_symbol(status)} {status_label(status, doc)}", False))
            rows.append(("", cells, indicator.analysis))
        self.table(f"Indikatorer för {goal_reference(goal)}", header, rows, INDICATOR_WIDTHS[len(header)])

    def _activities(self, goal: Goal) -> None:
        doc = self.doc
        activities = doc.activities_of(goal.number)
        if not activities:
            return
        header = activity_header(doc)
        rows = []
        for activity in activities:
            cells = [(activity.text, False)]
            cells += [(day.isoformat() if day else "", False) for day in (activity.start, activity.end)]
            if not is_plan(doc):
                word, symbol, _ = activity_status(activity)
                cells += [(activity.deviation, False), (f"{symbol} {word}".strip(), False)]
            rows.append(("", cells, activity.analysis))
        self.table(f"Aktiviteter för {goal_reference(goal)}", header, rows, activity_widths(len(header)))

    def _economy(self) -> None:
        doc = self.doc
        if not doc.economy:
            return
        self.heading(economy_part_title(doc), 1)
        for heading, tables in economy_groups(doc):
            self.heading(heading, 2)
            for table in tables:
                if not is_text_entry(table):
                    self._economy_table(table)
                elif table.title and table.title != heading:  # a text without a table, under its own sub-heading
                    self.heading(table.title, 3)
                self.text(economy_texts(table))

    def _economy_table(self, table: EconomyTable) -> None:
        rows = []
        for row in table.rows:
            kind = "total" if row.kind is RowKind.TOTAL else ""
            label = f"   {row.label}" if row.kind is RowKind.VARAV else row.label
            cells = [(label, False)] + [(economy_cell(table, row, i), True) for i in range(len(table.columns))]
            rows.append((kind, cells, ""))
        self.table(table.title or table.section or "Tabell", [economy_stub(table)] + table.columns, rows,
                   economy_widths(len(table.columns)))

    def _attestation(self) -> None:
        if not self.doc.attestations:
            return
        self.heading("Attesterat av", 1)
        self.paragraph("Detta dokument har godkänts digitalt av följande personer:")
        rows = [("", [(a.name, False), (a.date.isoformat() if a.date else "", False)], "")
                for a in self.doc.attestations]
        self.table("Attestering", ["Namn", "Datum"], rows, [70, 30])


def render_docx(doc: Document) -> bytes:
    return _Writer(doc).render()
