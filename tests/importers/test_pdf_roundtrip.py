"""Import a seed, render it as the tagged PDF report, import the PDF again: the same data.

The rendered PDF is read from its structure tree (``ils.importers.tagged_pdf``), not from the
geometry of its words. Each aspect is its own test, as in test_roundtrip, so a known failure
names what breaks; a known failure is a strict xfail, so a fix must remove it.
"""
from __future__ import annotations

import pytest

from ils.importers import parse_file
from ils.renderers.json_document import document_to_dict
from ils.renderers.pdf_report import render_pdf

from .seeds import SEED_FILES
from .test_roundtrip import ASPECTS

# Known differences, each with its cause; none is inherent to PDF.
PDF_FAILURES: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="session")
def pdf_roundtrip(tmp_path_factory):
    """seed -> (document_to_dict of the seed, of its rendered PDF read back, the warnings)."""
    cache: dict[str, tuple[dict, dict, list]] = {}

    def get(seed):
        if seed.name not in cache:
            original = parse_file(seed)
            path = tmp_path_factory.mktemp("pdf") / f"{seed.stem}.pdf"
            path.write_bytes(render_pdf(original))
            again = parse_file(path)
            cache[seed.name] = (document_to_dict(original), document_to_dict(again), again.warnings)
        return cache[seed.name]

    return get


def _cases():
    return [
        pytest.param(seed, aspect, id=f"{seed.stem}-{aspect}", marks=[
            pytest.mark.xfail(strict=True, reason=PDF_FAILURES[seed.stem, aspect])
        ] if (seed.stem, aspect) in PDF_FAILURES else [])
        for seed in SEED_FILES for aspect in ASPECTS
    ]


@pytest.mark.parametrize("seed, aspect", _cases())
def test_rendered_pdf_parses_the_same(pdf_roundtrip, seed, aspect):
    original, again, _ = pdf_roundtrip(seed)
    assert ASPECTS[aspect](again) == ASPECTS[aspect](original)


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_rendered_pdf_imports_without_warnings(pdf_roundtrip, seed):
    _, _, warnings = pdf_roundtrip(seed)
    assert [str(w) for w in warnings] == []


def test_small_report_with_broken_words_negative_numbers_and_dates(tmp_path):
    """Narrow cells break long words (break hyphens to remove) next to real hyphens that must stay:
    negative numbers, ISO dates, hyphenated names, a suspended compound and a dash."""
    from datetime import date
    from decimal import Decimal

    from ils.domain.assessment import Assessment
    from ils.domain.economics import EconomyRow, EconomyTable, RowKind
    from ils.domain.model import Activity, Goal, GoalLevel, IndicatorResult
    from ils.domain.targets import parse_target
    from ils.domain.values import parse_quantity
    from ils.importers import parse_text
    from ils.renderers.text_export import render_text
    from tests.renderers.helpers import small_document

    long = ("Andel föreningsbidragsmottagare i Hägersten-Älvsjö med jämställdhetsintegrerade "
            "verksamhetsplaner för barn- och ungdomsverksamheten")
    doc = small_document(
        goals=[Goal(GoalLevel.INRIKTNINGSMAL, "1", "Ett Stockholm som håller samman - för alla", line=1,
                    assessment=Assessment.DELVIS)],
        indicators=[IndicatorResult("1", long, 2, kf=True, outcome=parse_quantity("-414,8 %"),
                                    previous=parse_quantity("12,5 %"), forecast=parse_quantity("-3 %"),
                                    target=parse_target("15 %"), kf_target=parse_target("Ökning"),
                                    period="Tertial 2 2026",
                                    analysis="Utfallet för januari-augusti 2026 (2024-01-01 - 2026-08-31) "
                                             "är lägre; idrotts- och fritidsförvaltningen medverkar.")],
        activities=[Activity("1", "Kulturförvaltningen ska tillsammans med stadsdelsnämnderna utveckla "
                                  "mötesplatsverksamhetens lokalförsörjningsplanering i Skärholmen-Vårberg",
                             3, start=date(2026, 1, 1), end=date(2026, 12, 31), deviation="Ingen avvikelse")],
        economy=[EconomyTable("Driftbudget", ["Budget", "Prognostiserat utfall", "Avvikelse"], [
            EconomyRow("Kostnader för verksamhetsanpassningar", [Decimal("3331.1"), Decimal("3745.9"),
                                                                Decimal("-414.8")], line=5),
            EconomyRow("Summa", [Decimal("3331.1"), Decimal("3745.9"), Decimal("-414.8")], line=6,
                       kind=RowKind.TOTAL)], line=5, unit="mnkr")])
    expected = parse_text(render_text(doc))
    path = tmp_path / "small.pdf"
    path.write_bytes(render_pdf(doc))
    again = parse_file(path)
    first, second = document_to_dict(expected), document_to_dict(again)
    for aspect in ("goals", "indicators", "activities", "economy"):
        assert ASPECTS[aspect](second) == ASPECTS[aspect](first), aspect
    assert again.indicators[0].name == long
    assert again.economy[0].rows[0].values[2] == Decimal("-414.8")
    assert again.activities[0].start == date(2026, 1, 1)
