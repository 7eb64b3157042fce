"""A goal's table matter that no table reader could take is warned of, never read as prose or rows.

pdfminer.six may give an activity table's header words before its first names, its names
between them, and its dates on lines of their own; what the readers cannot read must be named,
row by row, in the warnings.
"""
from __future__ import annotations

from ils.importers import parse_text
from ils.importers.text.scrambled import table_matter

_HEAD = ["Verksamhetsberättelse 2022 för Kulturnämnden", "",
         "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
         "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt"]
_HEADER = ["Indikator", "Periodens utfall Utfall män/ pojkar", "Utfall kvinnor/ flickor",
           "Periodens utfall VB 2021", "Årsmål", "KF:s årsmål Period"]
_ACTIVITIES = ["Aktivitet\tStartdatum\tSlutdatum", "Öppna ett bibliotek\t2022-01-01\t2022-12-31"]


def _warned(doc, line: int, *words: str) -> bool:
    return any(w.line == line and all(word in w.message for word in words) for w in doc.warnings)


def test_lines_of_a_tables_header_words_or_cells_are_table_matter_and_prose_is_not():
    assert all(map(table_matter, ["Aktivitet", "Startdatum Slutdatum", "Periodens utfall VB 2021",
                                  "2022-01-01 2022-12-31", "2022-01-01", "2,7 % VB 2022", "Tertial 1 2024"]))
    # a heading that is one header word of many tables' prose, a year or a sentence's end wrapped
    assert not any(map(table_matter, ["Avvikelse", "Status", "2022", "90 personer 2021.", "2025.", "✓",
                                      "Upprustning av lekparken Grötfatet.", "Analys"]))


def test_table_matter_in_a_goals_text_is_warned_line_by_line_to_the_goals_end():
    # a name before the header without the space of an icon cell is no row's: the table is unreadable
    rows = ["Nämndmål: 1.1.1 Biblioteken är öppna", "Uppfylls helt", "Beskrivning", "Biblioteken ska vara öppna.",
            "", "Startdatum Slutdatum", "", "Trygga torg", "", "Aktivitet", "✓", "2022-01-01 2022-12-31",
            " Upprustning av lekparken Grötfatet.", "Analys", "Lekparken är klar.", "2022-01-01 2022-10-31",
            "Nämndmål: 1.1.2 Scenerna är öppna", "Uppfylls helt", "Beskrivning", "Scenerna ska vara öppna."]
    doc = parse_text("\n".join([*_HEAD, *rows]))
    first = len(_HEAD) + 6
    library, stage = doc.goal("1.1.1"), doc.goal("1.1.2")
    assert (library.description, library.analysis, library.sections) == ("Biblioteken ska vara öppna.", "", [])
    assert stage.description == "Scenerna ska vara öppna."  # the next goal ends the table's matter
    assert _warned(doc, first, "'Startdatum Slutdatum'", f"från rad {first}")
    for line, quote in ((first + 2, "'Trygga torg'"), (first + 7, "'Upprustning av lekparken Grötfatet.'"),
                        (first + 9, "'Lekparken är klar.'")):  # a row's analysis label does not end it
        assert _warned(doc, line, quote, "en tabellrad kan ha gått förlorad")


def test_a_row_under_a_goal_heading_without_a_header_of_its_own_is_that_goals_and_a_guess():
    rows = [*_ACTIVITIES, "Nämndmål: 1.1.1 Biblioteken är öppna", "Uppfylls helt",
            "Bygga en scen\t2022-01-01\t2022-12-31"]
    doc = parse_text("\n".join([*_HEAD, *rows]))
    library, stage = doc.activities
    assert (library.goal, library.inferred) == ("1.1", ())
    assert (stage.goal, stage.text, set(stage.inferred)) == ("1.1.1", "Bygga en scen", {"start", "end"})
    assert _warned(doc, stage.line, "'Bygga en scen'", "ingen egen tabellrubrik", f"rad {len(_HEAD) + 1}")


def test_a_row_named_by_header_words_only_is_no_row():
    rows = [*_ACTIVITIES, "Aktivitet\t2022-01-01\t2022-12-31", "Bygga en scen\t2022-01-01\t2022-12-31"]
    doc = parse_text("\n".join([*_HEAD, *rows]))
    assert [a.text for a in doc.activities] == ["Öppna ett bibliotek", "Bygga en scen"]
    assert _warned(doc, len(_HEAD) + 3, "'Aktivitet 2022-01-01 2022-12-31'", "ingen tabellrad")


def test_a_guessed_rows_name_holding_a_line_set_in_like_a_names_first_is_warned_of_by_that_line():
    rows = [*_HEADER, "  Andel vuxna med långvarigt bistånd", "invånare", "  Antal aspiranter som fått jobb",
            "2,7 % VB 2022", *_ACTIVITIES]
    doc = parse_text("\n".join([*_HEAD, *rows]))
    (row,) = doc.indicators
    assert row.name == "Andel vuxna med långvarigt bistånd invånare Antal aspiranter som fått jobb"
    assert row.inferred
    line = len(_HEAD) + len(_HEADER) + 3
    assert _warned(doc, row.line, f"rad {line} 'Antal aspiranter som fått jobb' börjar som ett eget namn")


def test_a_wrapped_name_going_on_after_a_function_word_or_not_set_in_is_no_sign_of_two_rows():
    for wrapped in (["  Andel vuxna med bistånd i", "  Stockholms stad"], ["  Andel vuxna med bistånd", "Stockholms stad"]):
        doc = parse_text("\n".join([*_HEAD, *_HEADER, *wrapped, "2,7 % VB 2022", *_ACTIVITIES]))
        (row,) = doc.indicators
        assert row.inferred and not any("eget namn" in w.message for w in doc.warnings)
