"""Tables whose cells an extractor gave one a line (pdftotext's default mode, pdfminer.six)."""
from __future__ import annotations

from ils.importers import parse_text
from ils.importers.text.cells import cells_only, read_cells
from ils.importers.text.placement import place

from .test_text_tables import FIELDS

_HEAD = ["Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
         "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
         "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt"]
_HEADER = ["Indikator", "Periodens utfall Utfall män/ pojkar", "Utfall kvinnor/ flickor", "Utfall VB 2023",
           "Prognos helår", "Årsmål", "KF:s årsmål Period"]
_ACTIVITIES = ["Aktivitet", "Startdatum Slutdatum", "Öppna ett bibliotek 2024-01-01 2024-12-31"]


def _parse(rows: list[str]):
    return parse_text("\n".join([*_HEAD, *rows, *_ACTIVITIES]))


def _warned(doc, line: int, words: str) -> bool:
    return any(w.line == line and words in w.message for w in doc.warnings)


def test_a_header_scattered_among_its_rows_is_gathered_and_its_rows_guessed():
    # "Periodicitet" after the first row, as pdftotext sets a header cell lower than the others: a
    # header word after a row, so the goal's tables are rebuilt (``text.scrambled``)
    rows = ["Indikator", "Årsmål", "KF:s årsmål år 2025", "Preventionsindex ANDTS 79", "År", "", "Periodicitet"]
    doc = _parse(rows)
    (row,) = doc.indicators
    assert (row.name, row.frequency, set(row.inferred) >= {"target", "kf_target", "frequency"}) == (
        "Preventionsindex ANDTS", "År", True)
    assert _warned(doc, row.line, "blandade med andra raders; raden 'Preventionsindex ANDTS' är återbyggd")
    assert not any("kunde inte placeras" in w.message for w in doc.warnings)


def test_a_header_cell_broken_over_lines_of_its_own_is_one_cell():
    """pypdf gives "KF:s årsmål år 2025" as three lines; the header has its column, so the row's
    two targets are not one too many (one read as part of the name)."""
    rows = ["Indikator Årsmål", "KF:s ", "årsmål år ", "2025", "Periodicitet",
            "Andel barn som åter blir föremål för ", "anmälan 24 % 24 % Tertial"]
    doc = _parse(rows)
    (row,) = doc.indicators
    assert (row.name, row.target.text, row.kf_target.text, row.frequency) == (
        "Andel barn som åter blir föremål för anmälan", "24 %", "24 %", "Tertial")
    assert not any("KF:s" in i.name for i in doc.indicators)


def test_a_header_out_of_the_column_order_is_read_in_the_formats_order():
    lines = ["Indikator", "Periodens utfall Utfall män/ pojkar", "Utfall VB 2023", "Prognos helår", "Årsmål", "",
             "Utfall kvinnor/ flickor", "KF:s årsmål Period", "", "Sjukfrånvaro 6 % 4,7 % 6,5 % Tertial 1 2024"]
    cells = read_cells(lines)
    assert cells.lines[0] == ("Indikator Periodens utfall Utfall män/ pojkar Utfall kvinnor/ flickor Utfall VB 2023 "
                              "Prognos helår Årsmål KF:s årsmål Period")
    assert cells.joined == {n: 1 for n in (2, 3, 4, 5, 7, 8)}
    assert cells.guessed == [(1, range(2, 11))]  # the lines after the header, up to the table's end


def test_values_after_a_rows_period_are_taken_out_and_the_page_break_still_joins_the_name():
    rows = [*_HEADER, "Andel legitimerade förskollärare av totalt antal", "38,2 %", "38,7 %", "39 % 39 % Ökning",
            "Tertial 1 2024", "", "2,6 % 35,6 %", "", *_HEADER, "anställda (årsarbetare)",
            "Analys Det är få män som jobbar i förskolan."]
    doc = _parse(rows)
    (row,) = doc.indicators
    assert row.name == "Andel legitimerade förskollärare av totalt antal anställda (årsarbetare)"
    assert row.analysis == "Det är få män som jobbar i förskolan."
    stray = len(_HEAD) + len(_HEADER) + 7
    assert _warned(doc, stray, "'2,6 % 35,6 %' står skilda från sin tabellrad")


def test_values_that_no_period_follows_before_the_table_ends_are_taken_out():
    rows = [*_HEADER, "Antal besök 12 st 2024", "Antal nöjda", "", "79", "", "73"]
    doc = _parse(rows)
    assert [r.name for r in doc.indicators] == ["Antal besök"]
    first = len(_HEAD) + len(_HEADER) + 2
    assert _warned(doc, first, "slutar ingen tabellrad")  # the name no values follow is read as text
    assert _warned(doc, first + 2, "'79'") and _warned(doc, first + 4, "'73'")


def test_a_unit_and_a_word_targets_rest_cut_off_from_their_values_are_taken_out():
    rows = [*_HEADER, "Köpt energi i stadens organisation", "GWh", "1 735 GWh", "2024",
            "Andel utredningar där barnet fått", "återkoppling", "64,29 %", "65,52 %", "70 % 70 %", "fram av nämnd",
            "Tertial 1 2024"]
    doc = _parse(rows)
    energy, inquiries = doc.indicators
    assert (energy.name, energy.kf_target.text, energy.period) == ("Köpt energi i stadens organisation",
                                                                  "1 735 GWh", "2024")
    assert inquiries.name == "Andel utredningar där barnet fått återkoppling"
    assert str(inquiries.outcome.value) == "64.29" and inquiries.inferred
    start = len(_HEAD) + len(_HEADER) + 1
    assert _warned(doc, start + 1, "'GWh'") and _warned(doc, start + 9, "'fram av nämnd'")


def test_a_row_whose_period_the_extractor_moved_ends_at_the_next_name():
    rows = [*_HEADER, "Aktivt Medskapandeindex", "83", "81", "83", "82", "Sjukfrånvaro", "6 %", "4,7 % 6,5 % 5,9 %",
            "Tertial 1 2024"]
    doc = _parse(rows)
    index, absence = doc.indicators
    assert index.name == "Aktivt Medskapandeindex" and absence.name == "Sjukfrånvaro"
    assert index.period == "" and "period" in index.inferred and "outcome" in index.inferred
    assert _warned(doc, index.line, "gissade")
    assert absence.period == "Tertial 1 2024"


def test_a_word_targets_year_with_the_period_on_the_next_line_is_no_rows_end():
    rows = ["Indikator", "Årsmål", "KF:s årsmål år 2025", "Periodicitet",
            "Andel placerade barn som når målen", "Fastställs 2025", "Tertial",
            "Antal besök 12 st År"]
    doc = _parse(rows)
    placed, visits = doc.indicators
    assert (placed.kf_target.text, placed.frequency) == ("Fastställs 2025", "Tertial")
    assert visits.name == "Antal besök"
    assert not any("står skilda" in w.message for w in doc.warnings)


def test_a_period_right_after_an_activity_header_is_taken_out():
    rows = [*_HEADER, "Antal besök 12 st 2024", "Aktivitet", "", "Startdatum", "", "Slutdatum", "", "År", "",
            "Bygga en scen 2024-01-01", "2024-12-01"]
    doc = parse_text("\n".join([*_HEAD, *rows]))
    assert [a.text for a in doc.activities] == ["Bygga en scen"]
    assert _warned(doc, len(_HEAD) + len(_HEADER) + 8, "'År'")


def test_lines_of_cells_only():
    assert all(map(cells_only, ["83", "4,7 % 6,5 %", "Tas fram av", "nämnd/styrelse", "2 % Tertial 1 2024"]))
    assert not any(map(cells_only, ["Sjukfrånvaro", "Andel nöjda 80 %", "staden som myndighet"]))


def test_a_row_without_its_period_is_a_guess_in_every_column():
    fields = ["target", "kf_target", "frequency"]
    placed = place(["40", "40"], fields, kf_level=True, tertial=False)
    assert placed.cells == ["40", "40", ""] and set(placed.inferred) == set(fields)
    placed = place(["0,3 %", "2,7 %"], FIELDS, kf_level=True, tertial=True)
    assert "period" in placed.inferred


def test_an_activitys_end_date_wrapped_over_lines_is_no_stray():
    rows = ["Aktivitet Startdatum Slutdatum", "Sprida goda exempel och lärdomar 2022-01-01 2022-06-", "30",
            "Bygga en scen 2022-01-01 2022-12-31"]
    doc = parse_text("\n".join([*_HEAD, *rows]))
    assert [(a.text, str(a.end)) for a in doc.activities] == [
        ("Sprida goda exempel och lärdomar", "2022-06-30"), ("Bygga en scen", "2022-12-31")]


def test_a_period_on_the_line_after_the_values_ends_the_row_there():
    rows = [*_HEADER, "Antal tillhandahållna platser för feriejobb 1 106", "979", "850 st", "VB 2022",
            "Antal besök 12 st VB 2022"]
    doc = parse_text("\n".join([*_HEAD, *rows, *_ACTIVITIES]).replace("2024", "2022"))
    jobs, visits = doc.indicators
    assert (jobs.period, visits.name) == ("VB 2022", "Antal besök")
    assert "period" not in jobs.inferred


def test_a_frequency_word_ends_no_row_of_a_table_with_periods():
    rows = [*_HEADER, "Andel ungdomar som", "inte använder", "94 % 94 % 89 % Tertial", "1 2024",
            "Antal besök 12 st 2024"]
    doc = _parse(rows)
    youth, visits = doc.indicators
    assert (youth.name, youth.period, visits.name) == ("Andel ungdomar som inte använder", "Tertial 1 2024",
                                                       "Antal besök")
    assert not any("står skilda" in w.message for w in doc.warnings)
