"""Every shape of a real report (issue 11): damaged text exports and text out of PDFs.

Each variant is imported and scored against its seed (``shapes.score``): no value of a row
without an inference mark may differ from the seed's (always), at least 98 % of the goals,
indicator rows and activity rows must be found, and every missing or guessed row must be named
in a warning. Where a route does not reach that yet the test is a strict xfail that names it,
so that an improvement has to remove the mark.
"""
from __future__ import annotations

import re

import pytest

from ils.importers import parse_file, parse_text
from ils.importers.text.reading import read_text

from . import pdf_routes
from .damage import DAMAGES
from .seeds import SEED_FILES, seed
from .shapes import score

# (seed stem, variant) -> why it does not reach 98 % with every other row warned (none today).
KNOWN_SHORT: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def seeds():
    return {path.stem: parse_file(path) for path in SEED_FILES}


def _damage_cases():
    for path in SEED_FILES:
        for name in DAMAGES:
            reason = KNOWN_SHORT.get((path.stem, name))
            yield pytest.param(path, name, id=f"{path.stem}-{name}",
                               marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else [])


@pytest.fixture(scope="module")
def damaged(tmp_path_factory, seeds):
    cache = {}

    def get(path, name):
        if (path, name) not in cache:
            variant = tmp_path_factory.mktemp("damaged") / f"{path.stem}.txt"
            variant.write_bytes(DAMAGES[name](path.read_text(encoding="utf-8")))
            cache[path, name] = score(seeds[path.stem], parse_file(variant, require_committee=False))
        return cache[path, name]

    return get


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("name", list(DAMAGES))
def test_damaged_variant_places_no_value_silently_wrong(damaged, path, name):
    assert damaged(path, name).wrong == []


@pytest.mark.parametrize("path, name", list(_damage_cases()))
def test_damaged_variant_imports_whole(damaged, path, name):
    result = damaged(path, name)
    assert all(result.share(kind) >= 0.98 for kind in result.expected), str(result)
    assert result.unwarned == []


def test_front_pages_missing_infers_type_period_and_year(tmp_path):
    for path in SEED_FILES:
        original = parse_file(path)
        variant = tmp_path / path.name
        rest = DAMAGES["front_pages_missing"](path.read_text(encoding="utf-8"))
        variant.write_bytes(rest)
        doc = parse_file(variant, require_committee=False)
        assert (doc.type, doc.period, doc.year) == (original.type, original.period, original.year)
        titled = re.search(r"^[#*\s]*(?:Verksamhetsplan|Tertialrapport|Verksamhetsberättelse) .*\d{4}",
                           rest.decode("utf-8"), re.MULTILINE)
        assert any("första sidor saknas" in w.message for w in doc.warnings) == (not titled)
        # the committee only if the remaining text names it, else empty with a warning
        assert doc.committee in ("", original.committee)
        assert any("nämnden framgår inte" in w.message for w in doc.warnings) == (not doc.committee)
        assert parse_file(variant, committee="Nämnd X").committee == "Nämnd X"


def test_encodings_decode_to_the_same_text(tmp_path):
    text = read_text(seed("socialnamnden"))
    for name in ("utf16", "utf16_be_without_bom", "utf32", "mojibake", "soft_hyphens"):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(DAMAGES[name](text))
        decoded = read_text(path)
        if name in ("mojibake", "soft_hyphens"):
            from ils.importers.text.reading import normalise_text

            decoded = normalise_text(decoded)
        assert decoded == text, name


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    from pathlib import Path

    from ils.importers import ReportError

    path = seed("socialnamnden")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(ReportError, match="mer än gränsen 0.1 MB"):
        parse_file(path, max_bytes=100 * 1024)


# -- text out of PDFs --------------------------------------------------------------------------

# Every maker × extractor route on every seed.
ROUTES = [(path.stem, maker, extractor)
          for path in SEED_FILES
          for maker, extractor in (("typst", "pdftotext-raw"), ("typst", "pypdf"), ("typst", "pdfium"),
                                   ("lo-text", "pdftotext-raw"), ("lo-text", "pypdf"),
                                   ("lo-text", "pdftotext"), ("typst", "pdftotext-layout"),
                                   ("lo-text", "pdftotext-layout"), ("lo-docx", "pypdf"),
                                   ("lo-docx", "pdftotext-raw"), ("lo-html", "pypdf"), ("typst", "pdftotext"),
                                   ("typst", "pdfminer"), ("lo-text", "pdfminer"))]
# Routes that do not find 98 % of the rows yet, and why (figures as of the last change).
ROUTES_SHORT: dict[tuple[str, str, str], str] = {}
# Routes where a row missed, or a guess, is not yet named in any warning.
ROUTES_UNWARNED: dict[tuple[str, str, str], str] = {}
# Routes that find at least half of the rows: a floor against regressions.
ROUTES_HALF = {route for route in ROUTES if route[2] in ("pypdf", "pdfium", "pdftotext-raw", "pdftotext-layout")
               and route[1] != "lo-html"}


def _scored(seeds, read):
    """A getter of each route's score, imported once: ``read(pdf, *route)`` gives its Document."""
    if not pdf_routes.have_tools():
        pytest.skip("LibreOffice (soffice) and poppler's pdftotext are needed: scripts/ensure-pdf-tools.sh")
    cache = {}

    def get(stem, maker, *rest):
        if (stem, maker, *rest) not in cache:
            pdf = pdf_routes.make_pdf(seed(stem), maker)
            cache[stem, maker, *rest] = score(seeds[stem], read(pdf, stem, maker, *rest))
        return cache[stem, maker, *rest]

    return get


def _extracted(pdf, stem, maker, extractor):
    text = pdf_routes.extract(pdf, extractor).read_text(encoding="utf-8")
    return parse_text(text, source=f"{stem}.{maker}.{extractor}", require_committee=False)


@pytest.fixture(scope="module")
def routed(seeds):
    return _scored(seeds, _extracted)


def _ids(route):
    return "-".join(route)


@pytest.mark.parametrize("route", ROUTES, ids=_ids)
def test_pdf_text_places_no_value_silently_wrong(routed, route):
    assert routed(*route).wrong == []


@pytest.mark.parametrize("route", sorted(ROUTES_HALF), ids=_ids)
def test_pdf_text_finds_most_rows(routed, route):
    result = routed(*route)
    assert result.share("goals") >= 0.8, str(result)
    assert result.found["indicators"] + result.found["activities"] >= \
        0.5 * (result.expected["indicators"] + result.expected["activities"]), str(result)


def _marked(routes, short):
    """The routes, those still short as strict xfails that give their figures."""
    return [pytest.param(r, id=_ids(r), marks=[pytest.mark.xfail(strict=True, reason=short[r])]
                         if r in short else []) for r in routes]


@pytest.mark.parametrize("route", _marked(ROUTES, ROUTES_SHORT))
def test_pdf_text_finds_98_percent_of_every_kind(routed, route):
    result = routed(*route)
    assert all(result.share(kind) >= 0.98 for kind in result.expected), str(result)


@pytest.mark.parametrize("route", _marked(ROUTES, ROUTES_UNWARNED))
def test_pdf_text_names_every_row_it_missed_or_guessed_in_a_warning(routed, route):
    assert routed(*route).unwarned == []


# Untagged PDFs imported as they are (importers.parse_file reads PDFium's geometry and content
# order and keeps the better reading); the routes still short, with their figures.
DIRECT = [(path.stem, maker) for path in SEED_FILES for maker in ("lo-text", "lo-docx", "lo-html")]
DIRECT_SHORT: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def direct(seeds):
    return _scored(seeds, lambda pdf, *route: parse_file(pdf, require_committee=False))


@pytest.mark.parametrize("route", DIRECT, ids=_ids)
def test_untagged_pdf_places_no_value_silently_wrong(direct, route):
    assert direct(*route).wrong == []


@pytest.mark.parametrize("route", _marked(DIRECT, DIRECT_SHORT))
def test_untagged_pdf_imports_whole(direct, route):
    result = direct(*route)
    assert all(result.share(kind) >= 0.98 for kind in result.expected), str(result)
    assert result.unwarned == []


def _economy(doc):
    return [(t.title, r.label, r.values) for t in doc.economy for r in t.rows]


@pytest.mark.parametrize("stem", [path.stem for path in SEED_FILES])
def test_ruled_tables_bring_every_economy_row(seeds, stem):
    """Our DOCX draws its tables with borders: LibreOffice's PDF of it, imported directly, gives
    every economy table's rows with their labels and values (``pdf_grid`` reads the cells from
    the rules; neither the words' gaps nor the content order can in 8 pt tables)."""
    if not pdf_routes.have_tools():
        pytest.skip("LibreOffice (soffice) is needed: scripts/ensure-pdf-tools.sh")
    doc = parse_file(pdf_routes.make_pdf(seed(stem), "lo-docx"), require_committee=False)
    assert _economy(doc) == _economy(seeds[stem])


def test_a_sound_geometric_reading_is_kept_without_parsing_the_content_order(seeds, monkeypatch):
    """Hässelby's ruled tables read whole from the geometry, with two warnings on rows a page
    cut (placed): the content order, parsed, could not do better, so it is not parsed."""
    import ils.importers as importers

    if not pdf_routes.have_tools():
        pytest.skip("LibreOffice (soffice) is needed: scripts/ensure-pdf-tools.sh")
    pdf = pdf_routes.make_pdf(seed("hasselby-vallingby_VB_2022"), "lo-docx")
    parsed = []
    parse = importers._parse_lines
    monkeypatch.setattr(importers, "_parse_lines", lambda lines, **options: parsed.append(1) or parse(lines, **options))
    doc = parse_file(pdf, require_committee=False)
    assert len(parsed) == 1 and doc.warnings
    assert _economy(doc) == _economy(seeds["hasselby-vallingby_VB_2022"])


@pytest.mark.parametrize("stem", [path.stem for path in SEED_FILES])
def test_an_untagged_pdf_keeps_the_decisions_and_the_signatures(seeds, stem):
    """LibreOffice sets the numbered decisions with a hanging indent: each number apart from its
    text is a list mark, not a table's cell, so every decision and the signatures after them read."""
    if not pdf_routes.have_tools():
        pytest.skip("LibreOffice (soffice) is needed: scripts/ensure-pdf-tools.sh")
    doc = parse_file(pdf_routes.make_pdf(seed(stem), "lo-docx"), require_committee=False)
    assert [(d.number, d.text, d.amount) for d in doc.decisions] == [
        (d.number, d.text, d.amount) for d in seeds[stem].decisions]
    assert [(s.name, s.title) for s in doc.signatures] == [(s.name, s.title) for s in seeds[stem].signatures]


@pytest.mark.parametrize("stem", [path.stem for path in SEED_FILES])
def test_economy_rows_come_back_from_text_without_tabs(seeds, stem):
    """pdftotext -raw gives an economy row as its label and figures joined by spaces: the rows
    come back (``loose_economy``), those that lost no empty cell with every value exact, and
    every table rebuilt so is named in a warning. A floor against regressions: the rows whose
    empty cells vanished cannot be placed from the text alone."""
    if not pdf_routes.have_tools():
        pytest.skip("poppler's pdftotext is needed: scripts/ensure-pdf-tools.sh")
    text = pdf_routes.extract(pdf_routes.make_pdf(seed(stem), "typst"), "pdftotext-raw").read_text(encoding="utf-8")
    doc = parse_text(text, source=f"{stem}.txt", require_committee=False)
    expected = {(r.label, tuple(r.values)) for t in seeds[stem].economy for r in t.rows}
    exact = [r for t in doc.economy for r in t.rows if (r.label, tuple(r.values)) in expected]
    assert len(exact) >= 0.4 * len(expected)
    rebuilt = [t for t in doc.economy if t.columns[:1] == ["Kolumn 1"]]
    assert rebuilt and {t.line for t in rebuilt} <= {w.line for w in doc.warnings if "saknar tabbar" in w.message}


def test_a_file_with_two_reports_is_refused(tmp_path):
    from ils.importers import ReportError

    path = tmp_path / "två.txt"
    first, second = seed("sodermalm").read_text(encoding="utf-8"), seed("socialnamnden").read_text(encoding="utf-8")
    path.write_text(first + "\n\n" + second, encoding="utf-8")
    with pytest.raises(ReportError, match=r"två.txt:\d+: filen innehåller en andra rapport \('Tertialrapport "
                                          r"Tertial 1 2024 för Socialnämnden'\) efter den på rad 11"):
        parse_file(path)
