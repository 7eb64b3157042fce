"""Domain Document -> a complete, accessible HTML report; the PDF (``typst_report``) follows it.

The parts come in the order and wording of the city's reports: tjänsteutlåtande head, title,
Förslag till beslut, Sammanfattning, Innehållsförteckning, Bilagor, the introductory analysis,
the goal tree, the economics, the remaining accounts and the attestation. Accessibility is built
in rather than checked afterwards: lang="sv", one h1, headings that never skip a level, tables
with a caption and scoped header cells, and every assessment as words with a symbol, never by
colour alone. Plain string building keeps renderers free of Django settings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ils.domain import markup
from ils.domain.economics import EconomyTable, RowKind
from ils.domain.model import Document, Goal, GoalLevel
from ils.domain.text_template import Part as TextPart

from .formatting import (
    decision_line,
    activity_header, activity_status, assessment_label, assessment_symbol, cell_text, document_title, economy_cell,
    economy_part_title, economy_texts, economy_stub, goal_heading, goal_reference, goals_part_title,
    indicator_header, indicator_values, is_number, is_plan, is_text_entry, status_key,
    status_label, status_symbol, swedish_date,
)
from .outline import (
    INDICATOR_WIDTHS, activity_widths, economy_groups, economy_widths, goal_depths, part_blocks, part_groups,
    text_blocks, text_parts,
)
from .front_matter import attachment_items, decision_items, head_groups
from .report_css import REPORT_CSS


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass
class Part:
    """A top-level part (h2); ``toc`` holds its entries in the table of contents."""

    id: str
    title: str
    body: str
    new_page: bool = False
    toc: list[tuple[str, str]] = field(default_factory=list)

    def html(self) -> str:
        cls = ' class="ny-sida"' if self.new_page else ""
        return (f'<section aria-labelledby="{self.id}"{cls}>\n<h2 id="{self.id}">{_e(self.title)}</h2>\n'
                f"{self.body}</section>\n")


def _text(text: str) -> str:
    out = []
    for block in text_blocks(text):
        if isinstance(block, list):
            out.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block) + "</ul>")
        else:
            out.append(f"<p>{_e(block)}</p>")
    return "".join(f"{o}\n" for o in out)


def goal_id(goal: Goal) -> str:
    return "mal-" + goal.number.replace(".", "-")


def _symbol(symbol: str, label: str) -> str:
    """The words carry the meaning; the symbol repeats it for the eye, so screen readers skip it."""
    return f'<span class="symbol" aria-hidden="true">{symbol}</span> {_e(label)}'


def _table(caption: str, header: list[str], rows: list[str], cls: str, widths: list[float],
           corner: bool = True) -> str:
    """A table whose first column heads the rows; ``corner`` False leaves the top-left cell empty.

    Fixed column widths (percent) keep every table of a kind aligned with the others and spare
    the PDF engine from measuring each cell twice.
    """
    cols = "".join(f'<col style="width: {w:g}%">' for w in widths)
    cells = ["<td></td>" if i == 0 and not corner else f'<th scope="col">{_e(name)}</th>'
             for i, name in enumerate(header)]
    return (f'<table class="{cls}">\n<caption>{_e(caption)}</caption>\n<colgroup>{cols}</colgroup>\n'
            f'<thead><tr>{"".join(cells)}</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>\n")


def _analysis_row(text: str, width: int) -> str:
    return f'<tr class="analys"><td colspan="{width}">Analys: {_e(" ".join(text.split()))}</td></tr>'


def _value_class(value) -> str:
    """Numbers right-aligned and unbroken ("3 331,1", "0,3 %"), word targets right-aligned
    too, the period left-aligned like text."""
    if is_number(value):
        return ' class="num tal"'
    return "" if isinstance(value, str) else ' class="num"'


def _indicator_table(doc: Document, goal: Goal) -> str:
    indicators = doc.indicators_of(goal.number)
    if not indicators:
        return ""
    header = indicator_header(doc)
    rows = []
    for indicator in indicators:
        cells = [f'<th scope="row">{_e(indicator.name)}</th>']
        cells += [f"<td{_value_class(v)}>{_e(cell_text(v))}</td>" for v in indicator_values(doc, indicator)]
        if not is_plan(doc):
            status = indicator.status
            cells.append(f'<td class="status {status_key(status)}">'
                         f"{_symbol(status_symbol(status), status_label(status, doc))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
        if indicator.analysis:
            rows.append(_analysis_row(indicator.analysis, len(header)))
    return _table(f"Indikatorer för {goal_reference(goal)}", header, rows, "indikatorer",
                  INDICATOR_WIDTHS[len(header)])


def _activity_table(doc: Document, goal: Goal) -> str:
    activities = doc.activities_of(goal.number)
    if not activities:
        return ""
    header = activity_header(doc)
    rows = []
    for activity in activities:
        cells = [f'<th scope="row">{_e(activity.text)}</th>']
        cells += [f'<td class="tal">{day.isoformat() if day else ""}</td>' for day in (activity.start, activity.end)]
        if not is_plan(doc):
            word, symbol, key = activity_status(activity)
            cells.append(f"<td>{_e(activity.deviation)}</td>")
            cells.append(f'<td class="status {key}"><span aria-hidden="true">{symbol}</span> {word}</td>' if word
                         else "<td></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
        if activity.analysis:
            rows.append(_analysis_row(activity.analysis, len(header)))
    return _table(f"Aktiviteter för {goal_reference(goal)}", header, rows, "aktiviteter",
                  activity_widths(len(header)))


def _goal(doc: Document, goal: Goal, level: int, new_page: bool) -> str:
    sub = level + 1
    cls = f"mal {goal.level.value}" + (" ny-sida" if new_page else "")
    out = [f'<section class="{cls}" aria-labelledby="{goal_id(goal)}">',
           f'<h{level} id="{goal_id(goal)}">{_e(goal_heading(goal))}</h{level}>']
    if goal.assessment is not None:
        label = assessment_label(goal.assessment, doc)
        out.append(f'<p class="bedomning {goal.assessment.value}">'
                   f"{_symbol(assessment_symbol(goal.assessment), label)}</p>")
    if goal.description:
        if goal.level is GoalLevel.NAMNDMAL:
            out.append(f"<h{sub}>Beskrivning</h{sub}>")
        out.append(_text(goal.description))
    if goal.expected_results:
        out.append(f"<h{sub}>Förväntat resultat</h{sub}>")
        out.append("<ul>" + "".join(f"<li>{_e(item)}</li>" for item in goal.expected_results) + "</ul>")
    if goal.analysis:
        out.append(f"<h{sub}>Analys</h{sub}>")
        out.append(_text(goal.analysis))
    for section in goal.sections:
        if section.heading:
            out.append(f"<h{sub}>{_e(section.heading)}</h{sub}>")
        out.append(_text(section.text))
    out += [_indicator_table(doc, goal), _activity_table(doc, goal), "</section>"]
    return "\n".join(o for o in out if o) + "\n"


def _goals_part(doc: Document) -> Part | None:
    if not doc.goals:
        return None
    out, toc = [], []
    for goal, depth in goal_depths(doc):
        if goal.level is not GoalLevel.NAMNDMAL:
            toc.append((goal_id(goal), goal_heading(goal)))
        # Each inriktningsmål starts a page; the first one already does with its part.
        out.append(_goal(doc, goal, depth + 2, new_page=goal.level is GoalLevel.INRIKTNINGSMAL and bool(out)))
    return Part("mal", goals_part_title(doc), "".join(out), new_page=True, toc=toc)


def economy_table_html(table: EconomyTable) -> str:
    stub = economy_stub(table)
    rows = []
    for row in table.rows:
        cls = {RowKind.TOTAL: "total", RowKind.VARAV: "varav", RowKind.GROUP: "grupp"}.get(row.kind)
        # An unlabelled row (a percentage under the row above) gets no empty header cell.
        cells = [f'<th scope="row">{_e(row.label)}</th>' if row.label.strip() else "<td></td>"]
        cells += [f'<td class="num tal">{_e(economy_cell(table, row, i))}</td>' for i in range(len(table.columns))]
        rows.append((f'<tr class="{cls}">' if cls else "<tr>") + "".join(cells) + "</tr>")
    return _table(table.title or table.section or "Tabell", [stub] + table.columns, rows, "ekonomi",
                  economy_widths(len(table.columns)), corner=bool(stub))


def _economy_entry(table: EconomyTable, heading: str) -> str:
    """A table and its text; a text without a table under its own sub-heading (unless its group's)."""
    if not is_text_entry(table):
        return economy_table_html(table) + _text(economy_texts(table))
    title = f"<h4>{_e(table.title)}</h4>\n" if table.title and table.title != heading else ""
    return title + _text(table.text)


def _economy_part(doc: Document) -> Part | None:
    if not doc.economy:
        return None
    out, toc = [], []
    for index, (heading, tables) in enumerate(economy_groups(doc), start=1):
        anchor = f"ekonomi-{index}"
        toc.append((anchor, heading))
        out.append(f'<h3 id="{anchor}">{_e(heading)}</h3>\n')
        out.extend(_economy_entry(t, heading) for t in tables)
    return Part("ekonomi", economy_part_title(doc), "".join(out), new_page=True, toc=toc)


def _runs_html(runs) -> str:
    out = []
    for run in runs:
        text = _e(run.text)
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        out.append(text)
    return "".join(out)


def markup_html(blocks: list[markup.Block], anchor: str = "") -> tuple[str, list[tuple[str, str]]]:
    """Blocks as HTML (headings at their absolute level), and the headings' (anchor, text)."""
    out, toc = [], []
    for n, block in enumerate(blocks):
        if isinstance(block, markup.Heading):
            heading_id = f"{anchor}--{n}" if anchor else ""
            toc.append((heading_id, block.text))
            attribute = f' id="{heading_id}"' if heading_id else ""
            out.append(f"<h{block.depth}{attribute}>{_e(block.text)}</h{block.depth}>\n")
        elif isinstance(block, markup.Paragraph):
            out.append(f"<p>{_runs_html(block.runs)}</p>\n")
        else:
            tag = "ol" if block.ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_runs_html(item)}</li>" for item in block.items) + f"</{tag}>\n")
    return "".join(out), toc


def _text_part(group: list[TextPart]) -> Part:
    top, out, toc = group[0], [], []
    for part in group:
        level = part.level + 1
        anchor = "text-" + part.key
        if part is not top:
            toc.append((anchor, part.heading))
            out.append(f'<h{level} id="{anchor}">{_e(part.heading)}</h{level}>\n')
        body, headings = markup_html(part_blocks(part, level), anchor)
        out.append(body)
        toc += headings
    return Part("text-" + top.key, top.heading, "".join(out), new_page=True, toc=toc)


def _head(doc: Document) -> str:
    groups = []
    for label, lines in head_groups(doc):
        values = "".join(
            f'<dd><time datetime="{doc.date.isoformat()}">{_e(line)}</time></dd>'
            if doc.date and label == "Till" and line == swedish_date(doc.date) else f"<dd>{_e(line)}</dd>"
            for line in lines)
        groups.append(f"<div><dt>{_e(label)}</dt>{values}</div>")
    return (f'<header class="tjansteutlatande">\n<p class="org">{_e(doc.committee)}</p>\n'
            f'<dl>{"".join(groups)}</dl>\n</header>\n')


def _decisions(doc: Document) -> Part | None:
    if not doc.decisions:
        return None
    items = "".join(f'<li value="{n}">{_e(text)}</li>' for n, text in decision_items(doc))
    signatures = "".join(f'<p class="underskrift">{_e(s.name)}<br>\n{_e(s.title)}</p>\n' for s in doc.signatures)
    return Part("forslag-till-beslut", "Förslag till beslut", f'<ol class="beslut">{items}</ol>\n' + signatures)


def _summary(doc: Document) -> Part | None:
    return Part("sammanfattning", "Sammanfattning", _text(doc.summary)) if doc.summary else None


def _case(doc: Document) -> Part | None:
    return Part("arendet", "Ärendet", _text(doc.case)) if doc.case else None


def _attachments(doc: Document) -> Part | None:
    if not doc.attachments:
        return None
    items = "".join(f"<li>{_e(item)}</li>" for item in attachment_items(doc))
    return Part("bilagor", "Bilagor", f"<ul>{items}</ul>\n")


def _attestation(doc: Document) -> Part | None:
    if not doc.attestations:
        return None
    rows = [f'<tr><th scope="row">{_e(a.name)}</th><td class="tal">{a.date.isoformat() if a.date else ""}</td></tr>'
            for a in doc.attestations]
    body = ("<p>Detta dokument har godkänts digitalt av följande personer:</p>\n"
            + _table("Attestering", ["Namn", "Datum"], rows, "attest", [70, 30]))
    return Part("attesterat-av", "Attesterat av", body)


def _contents(parts: list[Part]) -> Part:
    """Links to the parts and their goal and economy headings; print adds page numbers."""
    items = []
    for part in parts:
        children = "".join(f'<li><a href="#{anchor}">{_e(title)}</a></li>' for anchor, title in part.toc)
        items.append(f'<li><a href="#{part.id}">{_e(part.title)}</a>'
                     + (f"<ol>{children}</ol>" if children else "") + "</li>")
    body = f'<nav class="innehall" aria-labelledby="innehall"><ol>{"".join(items)}</ol></nav>\n'
    return Part("innehall", "Innehållsförteckning", body, new_page=True)


def render_html(doc: Document) -> str:
    title = document_title(doc)
    before, after = text_parts(doc)
    body = [_text_part(g) for g in part_groups(before)] + [p for p in (
        _goals_part(doc),
        _economy_part(doc),
    ) if p] + [_text_part(g) for g in part_groups(after)] + [p for p in (_attestation(doc),) if p]
    front = [p for p in (_decisions(doc), _summary(doc), _case(doc)) if p] + [_contents(body)]
    front += [p for p in (_attachments(doc),) if p]
    description = f"{doc.period.label} {doc.year}, {doc.committee}"
    author = f'<meta name="author" content="{_e(doc.author)}">\n' if doc.author else ""
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n{author}"
        f'<meta name="description" content="{_e(description)}">\n'
        f"<style>{REPORT_CSS}</style>\n</head>\n<body>\n<main>\n"
        + _head(doc)
        + f'<h1 id="titel">{_e(title)}</h1>\n'
        + (f'<p class="beslut-datum">{_e(decision_line(doc))}</p>\n' if doc.decision_date else "")
        + "".join(p.html() for p in front + body)
        + "</main>\n</body>\n</html>\n"
    )
