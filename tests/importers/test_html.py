"""An HTML export parses to the same document as the text export it mirrors."""
from __future__ import annotations

import html

from ils.importers import parse_file, parse_text
from ils.importers.html import html_lines

from .reports import tertial_report


def to_html(text: str) -> str:
    """Render a text export as simple HTML: paragraphs, and tables for TAB rows."""
    parts, table = ["<html><head><style>p{}</style></head><body>"], []
    for line in text.split("\n") + [""]:
        if "\t" in line:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t"))
            table.append(f"<tr>{cells}</tr>")
            continue
        if table:
            parts.append("<table>" + "".join(table) + "</table>")
            table = []
        if line.strip():
            parts.append(f"<p>{html.escape(line)}</p>")
    return "".join(parts + ["</body></html>"])


def test_html_lines():
    lines = html_lines("<h2>Rubrik</h2><p>Text <b>fet</b><br>rad</p><table><tr><th>A</th><td>1</td></tr></table>"
                       "<script>x=1</script><ul><li>punkt</li></ul>")
    assert lines == ["## Rubrik", "", "Text fet", "rad", "", "A\t1", "", "- punkt", ""]  # <br>: a new line


def test_html_export_parses_like_the_text(tmp_path):
    text = tertial_report()
    path = tmp_path / "rapport.html"
    path.write_text(to_html(text), encoding="utf-8")
    from_html, from_text = parse_file(path), parse_text(text)
    assert [(g.number, g.title, g.assessment, g.analysis) for g in from_html.goals] == [
        (g.number, g.title, g.assessment, g.analysis) for g in from_text.goals]
    assert [(i.name, i.outcome, i.target, i.analysis) for i in from_html.indicators] == [
        (i.name, i.outcome, i.target, i.analysis) for i in from_text.indicators]
    assert [(a.text, a.start, a.status) for a in from_html.activities] == [
        (a.text, a.start, a.status) for a in from_text.activities]
    assert [r.values for t in from_html.economy for r in t.rows] == [
        r.values for t in from_text.economy for r in t.rows]
