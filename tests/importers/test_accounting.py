"""Every line an import reads is accounted for (issue 11): used, page furniture, blank, or
named by a warning, for every seed, every damaged variant and every PDF-text route; and the
account is true: what it calls an indicator row is an indicator's line, what it calls page
furniture is a page's header or footer, what it calls economy text is in an economy table."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from ils.importers import ReportError, read_report
from ils.importers.text.accounting import Fate
from ils.importers.text.blocks import to_blocks
from ils.importers.text.reading import normalise_text, read_text
from tests.variants import report_identity

from . import pdf_routes
from .damage import DAMAGES
from .seeds import SEED_FILES
from .test_import_shapes import ROUTES

_FOOTER = re.compile(r"^(?:Sid \d+ \(\d+\)|Sida \d+ av \d+)$")
_PAGE_NUMBER = re.compile(r"^(?:.* )?(?:Sida|Sid|s\.)? ?\(?#(?: ?(?:av|\(|/) ?#\)?)?\)?$")


def _lines(path) -> list[str]:
    return normalise_text(read_text(path)).split("\n")


def _check_accounted(path, result) -> None:
    """No non-empty line outside used, furniture and warned; blank ones blank; each warned
    line named by a warning on it or on the first line of its block."""
    lines = _lines(path)
    account, doc = result.account, result.document
    assert set(account.fates) == set(range(1, len(lines) + 1))
    filled = {n for n, text in enumerate(lines, start=1) if text.strip()}
    assert {n for n, fate in account.fates.items() if fate is not Fate.BLANK} == filled
    counts = account.counts()
    assert counts[Fate.USED] + counts[Fate.FURNITURE] + counts[Fate.WARNED] == len(filled)
    assert account.summary()["lines"] == len(filled)
    named = {w.line for w in doc.warnings}
    blocks, _ = to_blocks(lines)
    taken = [n for block in blocks for n in block.lines]
    assert len(taken) == len(set(taken)), "a line read into two blocks"
    for line, fate in account.fates.items():
        if fate is Fate.WARNED:
            assert account.warned_by[line] in named, (line, lines[line - 1])
        else:
            assert line not in account.warned_by


def _check_true(path, result) -> None:
    """What the account says used a line is where that line went."""
    account, doc = result.account, result.document
    lines = _lines(path)
    used = {n: account.uses.get(n) for n, fate in account.fates.items() if fate is Fate.USED}
    for item, what in [*((i, "indikatorrad") for i in doc.indicators), *((a, "aktivitetsrad") for a in doc.activities)]:
        assert used.get(item.line) == what, (item.line, lines[item.line - 1])
    for goal in doc.goals:
        assert used.get(goal.line) == "målrubrik", (goal.line, lines[goal.line - 1])
    goal_texts = " ".join(" ".join([g.description, g.analysis, *g.expected_results, *(x.text for x in g.sections)])
                          for g in doc.goals)
    for what, text in (("ekonomitext", " ".join(t.text for t in doc.economy)), ("måltext", goal_texts)):
        found = _words(text)
        for line in (n for n, use in used.items() if use == what):
            words = _words(" ".join(lines[line - 1].split()[1:-1]))  # the ends may be halves of a broken word
            assert len(words & found) >= 0.8 * len(words), (line, what, lines[line - 1])
    # a header or footer recurs, its page number aside, or is the page number alone
    shapes = Counter(_shape(text) for text in lines)
    for line, fate in account.fates.items():
        if fate is Fate.FURNITURE and account.uses[line] == "sidhuvud eller sidfot":
            text = lines[line - 1]
            assert shapes[_shape(text)] >= 2 or _PAGE_NUMBER.match(_shape(text)), (line, text)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().strip("\f").strip())


def _words(text: str) -> set[str]:
    # without markdown's emphasis, and without dashes and other marks a heading's text leaves out
    return {word for word in re.sub(r"[*_]", "", text).lower().split() if any(c.isalnum() for c in word)}


def _headers(path) -> set[str]:
    committee, title = report_identity(read_text(path))
    return {title, f"{committee} · {title}"}


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variants")

    def make(path, name):
        target = folder / f"{path.stem}-{name}.txt"
        if not target.exists():
            target.write_bytes(DAMAGES[name](path.read_text(encoding="utf-8")))
        return target

    return make


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_every_line_of_a_seed_is_accounted_for_and_truly(path):
    result = read_report(path)
    _check_accounted(path, result)
    _check_true(path, result)
    # one TAB row is one line: the indicator and activity rows are exactly the items' lines
    rows = {n for n, what in result.account.uses.items() if what in ("indikatorrad", "aktivitetsrad")}
    assert rows == {i.line for i in result.document.indicators} | {a.line for a in result.document.activities}


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", list(DAMAGES))
def test_every_line_of_a_damaged_variant_is_accounted_for(variant, path, name):
    file = variant(path, name)
    result = read_report(file, require_committee=False)
    _check_accounted(file, result)
    _check_true(file, result)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", ["page_furniture", "wrapped_at_90"])
def test_page_furniture_is_the_pages_headers_and_footers(variant, path, name):
    file = variant(path, name)
    result = read_report(file, require_committee=False)
    lines = _lines(file)
    footers = [n for n, text in enumerate(lines, start=1) if _FOOTER.match(text.strip("\f").strip())]
    assert footers and all(result.account.fates[n] is Fate.FURNITURE for n in footers)
    headers = _headers(file)
    for line, fate in result.account.fates.items():
        if fate is Fate.FURNITURE and result.account.uses[line] == "sidhuvud eller sidfot":
            text = lines[line - 1].strip("\f").strip()
            assert _FOOTER.match(text) or text in headers, (line, text)


def _extract(stem: str, maker: str, extractor: str):
    """The route's text, made (once, into the test cache) as test_import_shapes makes it."""
    if not pdf_routes.have_tools():
        pytest.skip("LibreOffice (soffice) and poppler's pdftotext are needed: scripts/ensure-pdf-tools.sh")
    seed = next(p for p in SEED_FILES if p.stem == stem)
    return pdf_routes.extract(pdf_routes.make_pdf(seed, maker), extractor)


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: "-".join(r))
def test_every_line_of_a_pdf_text_route_is_accounted_for(route):
    file = _extract(*route)
    try:
        result = read_report(file, require_committee=False)
    except ReportError:
        return  # refused, with a message naming the line: nothing is imported, so nothing lost
    _check_accounted(file, result)
    _check_true(file, result)


def test_a_line_no_rule_takes_becomes_a_warning_naming_it(tmp_path):
    from tests.importers.reports import tertial_report

    text = tertial_report()
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("Kulturnämnden") or "nämnden" in line.lower())
    lines.insert(at + 1, "Okänd\tcell")  # a table row in the front matter: no part reads it
    path = tmp_path / "rapport.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_report(path)
    assert result.account.fates[at + 2] is Fate.WARNED
    assert [w.message for w in result.document.warnings if w.line == at + 2] == [
        f"rad {at + 2} lästes men kunde inte placeras: 'Okänd cell'"]
    _check_accounted(path, result)



def test_economy_prose_is_the_text_of_its_table_or_a_text_entry_of_its_own(tmp_path):
    from tests.importers.reports import row, tertial_report

    text = tertial_report().replace("Uppföljning av driftbudget\n", "Uppföljning av driftbudget\n\n"
                                    "Prognosen visar ett överskott.\n")
    text += "\n\nUtfallet ligger i linje med budget.\n\nInvesteringar\n\nInga investeringar görs i år.\n\n" \
            "Parkinvesteringar\n\nParkerna rustas 2027.\n\n1. Vitabergsparken\n2. Tantolunden\n\n" \
            "Budgetjusteringar\n\n" + "\n".join([row("Mnkr", "Belopp"), row("Projekt A", "1,0")]) + \
            "\n\nResultatenheter\n\nNämnden har inga resultatenheter.\n\nEnhet A 1,0 2,0\n"
    path = tmp_path / "rapport.txt"
    path.write_text(text, encoding="utf-8")
    result = read_report(path)
    operating, investments, parks, adjustments, units = result.document.economy
    # before and after its table, in its section
    assert operating.text == "Prognosen visar ett överskott.\nUtfallet ligger i linje med budget."
    assert adjustments.text == "" and adjustments.columns == ["Belopp"]
    # prose in a section without a table: an entry of its own per heading, no columns, no rows;
    # a numbered list is its text, not a run of headings
    assert [(t.title, t.section, t.columns, t.rows, t.text) for t in (investments, parks)] == [
        ("Investeringar", "Investeringar", [], [], "Inga investeringar görs i år."),
        ("Parkinvesteringar", "Investeringar", [], [], "Parkerna rustas 2027.\n1. Vitabergsparken\n2. Tantolunden"),
    ]
    lines = text.split("\n")
    for line in ("Inga investeringar görs i år.", "2. Tantolunden", "Nämnden har inga resultatenheter."):
        assert result.account.uses[lines.index(line) + 1] == "ekonomitext"
    # a line ending in figures is a table row that lost its TABs: a row of a table whose columns
    # are not known, said in a warning on the row's line
    rebuilt = lines.index("Enhet A 1,0 2,0") + 1
    assert (units.title, units.columns, [(r.label, r.raw) for r in units.rows], units.text) == (
        "Resultatenheter", ["Kolumn 1", "Kolumn 2"], [("Enhet A", ["1,0", "2,0"])], "Nämnden har inga resultatenheter.")
    assert [w.line for w in result.document.warnings if "saknar tabbar" in w.message] == [rebuilt]
    assert result.account.uses[rebuilt] == "ekonomitabell"
    _check_accounted(path, result)
    _check_true(path, result)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_no_line_of_a_seed_is_left_unplaced(path):
    """Economy prose without a table and the front page's contact block are read like the rest."""
    assert [w.message for w in read_report(path).document.warnings if "kunde inte placeras" in w.message] == []
