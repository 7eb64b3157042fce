"""The variant makers themselves: rewrap changes only the layout, other_year only the years."""
from __future__ import annotations

import re

import pytest

from ils.importers import parse_text
from ils.importers.text.reading import read_text
from ils.renderers.json_document import document_to_dict
from tests.variants import TAB, other_year, report_identity, rewrap, wrap

from .reports import ACTIVITY_HEADER, row, tertial_report
from .seeds import SEED_FILES

# A hyphen rewrap inserted, or one the source has before a space ("hälso- och"): both vanish
# when the lines are joined with spaces, so the joined texts can be compared word for word.
_LINE_END_HYPHEN = re.compile(r"(?<=[a-zåäöéü])- (?=[a-zåäöéü])")


def _pages(text: str) -> list[list[str]]:
    return [page.strip("\n").split("\n") for page in text.split("\f")]


def _prose_words(lines: list[str]) -> str:
    return _LINE_END_HYPHEN.sub("", " ".join(" ".join(l for l in lines if TAB not in l).split()))


@pytest.fixture(scope="module", params=SEED_FILES, ids=lambda p: p.stem)
def seed(request):
    text = read_text(request.param)
    return text, rewrap(text)


def test_pages_have_header_and_footer(seed):
    text, wrapped = seed
    committee, title = report_identity(text)
    pages = _pages(wrapped)
    assert len(pages) > 10
    for number, page in enumerate(pages, start=1):
        assert page[0] == f"{committee} · {title}"
        assert page[-1] == f"Sida {number} av {len(pages)}"
        assert len(page) <= 55 + 4


def test_prose_is_wrapped_at_the_width_and_keeps_its_words(seed):
    text, wrapped = seed
    bodies = [line for page in _pages(wrapped) for line in page[2:-2]]
    assert max(len(line) for line in bodies if TAB not in line) <= 80
    assert _prose_words(bodies) == _prose_words(text.split("\n"))


def test_table_rows_are_unchanged_and_headers_repeated_after_a_page_break(seed):
    text, wrapped = seed
    source_rows, headers = [], []
    for previous, line in zip(["", *text.split("\n")], text.split("\n")):
        if TAB in line:
            headers.append(line if TAB not in previous else headers[-1])
            source_rows.append(line)
    index = repeated = 0
    for page in _pages(wrapped):
        for position, line in enumerate(page[2:-2]):
            if TAB not in line:
                continue
            if index < len(source_rows) and line == source_rows[index]:
                index += 1
                continue
            assert (position, line) == (0, headers[index - 1])  # the header of the table in progress
            repeated += 1
    assert index == len(source_rows)
    assert repeated


def test_wrap_hyphenates_only_long_lowercase_words():
    assert wrap("Det systematiska informationssäkerhetsarbetet", 30) == [
        "Det systematiska informations-", "säkerhetsarbetet"]
    assert wrap("Det systematiska IT-säkerhetsarbetet pågår", 30) == [
        "Det systematiska", "IT-säkerhetsarbetet pågår"]
    assert wrap("Kostnaden blev 1234567890123 kronor", 20) == ["Kostnaden blev", "1234567890123 kronor"]
    assert wrap("  Kort rad  ", 20) == ["  Kort rad  "]


def test_page_break_inside_a_table_repeats_its_header():
    rows = [row(f"Aktivitet nummer {n}", "2026-01-01", "2026-12-31", "") for n in range(8)]
    text = "\n".join(["Tertialrapport Tertial 2 2026 för Kulturnämnden", "", ACTIVITY_HEADER, *rows])
    bodies = [page[2:-2] for page in _pages(rewrap(text, page_lines=6))]
    assert bodies == [
        ["Tertialrapport Tertial 2 2026 för Kulturnämnden", "", ACTIVITY_HEADER, *rows[:3]],
        [ACTIVITY_HEADER, *rows[3:8]],
    ]


def test_short_paragraphs_move_to_the_next_page_and_long_ones_keep_two_lines_each_side():
    short = " ".join(["Ett kort stycke"] * 12)  # three lines
    long = " ".join(["ord"] * 200)  # ten lines
    text = "\n".join(["a", "b", "c", "", short, "", long])
    bodies = [page[2:-2] for page in _pages(rewrap(text, page_lines=6))]
    assert [len(body) for body in bodies] == [4, 6, 6, 2]
    assert bodies[0] == ["a", "b", "c", ""]
    assert bodies[1][:4] == [*wrap(short, 80), ""]
    assert bodies[3] == wrap(long, 80)[-2:]


def test_other_year_shifts_years_and_dates_only():
    text = ("Tertialrapport Tertial 1 2024\tUtfall VB 2023\t2024-02-29\t29 februari 2024\t2 024,5 mnkr"
            "\tTelefon 0850812197\t12,2024 %\t2019-2023\t1945 GWh\t2094\t1970,2")
    assert other_year(text, 2024, 2025) == (
        "Tertialrapport Tertial 1 2025\tUtfall VB 2024\t2025-02-28\t28 februari 2025\t2 024,5 mnkr"
        "\tTelefon 0850812197\t12,2024 %\t2020-2024\t1945 GWh\t2094\t1970,2")


def _later(value, year: int):
    """A document_to_dict with every year in its texts a year later."""
    if isinstance(value, dict):
        return {key: _later(item, year) for key, item in value.items()}
    if isinstance(value, list):
        return [_later(item, year) for item in value]
    return other_year(value, year, year + 1) if isinstance(value, str) else value


def test_a_seed_of_another_year_parses_to_the_same_report_a_year_later(seed):
    text, _ = seed
    before = parse_text(text)
    after = parse_text(other_year(text, before.year, before.year + 1))
    expected = _later(document_to_dict(before), before.year)
    expected["document"]["year"] += 1
    for part, original in zip(expected["parts"], document_to_dict(before)["parts"]):
        if not original["extra"]:  # the template's headings and keys ("Agenda 2030") name no year
            part["key"], part["heading"] = original["key"], original["heading"]
    assert document_to_dict(after) == expected


def test_a_report_of_another_year_parses_to_the_same_report_a_year_later():
    text = tertial_report(year=2026)
    before, after = parse_text(text), parse_text(other_year(text, 2026, 2027))
    assert (after.year, after.date.year) == (2027, 2027)
    assert [a.start.year for a in after.activities] == [a.start.year + 1 for a in before.activities]
    assert [i.period for i in after.indicators] == [i.period.replace("2026", "2027") for i in before.indicators]
    assert [(g.number, g.title, g.assessment) for g in after.goals] == [
        (g.number, g.title, g.assessment) for g in before.goals]
    assert [r.values for t in after.economy for r in t.rows] == [r.values for t in before.economy for r in t.rows]
