"""The rows of a goal's tables that ``scrambled`` could not rebuild: no value read as it stands is
trusted, no name is lost, and a row the readers ran together gives way to the names it holds.

The lines are those pdfminer.six gave for a goal of a LibreOffice PDF (issue 11), some left out:
the names of the indicator table before all its values, in an order that does not say whose each
is, then an activity table with its names before its header and its dates apart from them, one
date pair for two names.
"""
from __future__ import annotations

from ils.importers import parse_text
from ils.importers.text.goal_tables import FIELD_NAMES

_HEAD = ["Verksamhetsberättelse 2022 för Kulturnämnden", "",
         "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
         "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt",
         "Nämndmål: 1.1.1 Chefer har rätt förutsättningar", "Uppfylls helt"]
_HEADER = ["Indikator", "", "Periodens utfall Utfall män/ pojkar", "", "Utfall kvinnor/ flickor", "",
           "Periodens utfall VB 2021", "", "Årsmål", "", "KF:s årsmål Period", ""]
# AMI: 82 %, VB 2021 80 %, årsmål 81 %; the other: 100 %, 100 %, 95 %; both 2022
_ROWS = ["● AMI - ledarskap.", "● Andel chefer som bedömer att deras kompetens inom HR-området har ökat efter ",
         "genomförda utbildningar.", "", "100 % 95 %", "", "80 % 81 %", "", "100 %", "", "82 %", "", "2022", "",
         "2022", ""]
_ACTIVITIES = [" Genomföra utbildning inom arbetsmiljö och rehabilitering för chefer och ", "", "Avvikelse",
               " Erbjuder förvaltningens chefer ett flertal digitala träffar på aktuella teman ", "",
               "Startdatum Slutdatum", "",
               "2022-01-01 2022-12-31", "", "Aktivitet", "✓", "✓"]


def _parsed():
    lines = [*_HEAD, *_HEADER, *_ROWS, *_ACTIVITIES]
    return parse_text("\n".join(lines)), lines


def _warned(doc, line: int, *words: str) -> bool:
    return any(w.line == line and all(word in w.message for word in words) for w in doc.warnings)


def test_no_value_of_a_table_that_could_not_be_rebuilt_stands_unmarked():
    doc, _ = _parsed()
    chefs = next(i for i in doc.indicators if i.name.startswith("Andel chefer"))
    # the readers took the six values and a period after the name as its row: a guess, said so
    assert str(chefs.outcome) == "100 %" and set(chefs.inferred) == set(FIELD_NAMES)
    assert _warned(doc, chefs.line, "inte går att återbygga", "läst som raderna står", "gissade")
    assert all(set(item.inferred) for item in (*doc.indicators, *doc.activities))


def test_a_name_no_reader_took_is_imported_without_values_and_named():
    doc, lines = _parsed()
    ami = next(i for i in doc.indicators if i.name == "AMI - ledarskap.")
    assert (ami.goal, ami.line, ami.icons, ami.outcome, ami.target.value) == ("1.1.1", lines.index(_ROWS[0]) + 1,
                                                                             "●", None, None)
    assert set(ami.inferred) == set(FIELD_NAMES)
    assert _warned(doc, ami.line, "'AMI - ledarskap.'", "importerad med sitt namn men utan värden",
                   f"rader {len(_HEAD) + 1}–")


def test_a_row_the_readers_made_of_names_and_header_words_gives_way_to_the_names():
    doc, lines = _parsed()
    names = [item.text if hasattr(item, "text") else item.name for item in (*doc.indicators, *doc.activities)]
    # each name begins after the space of an empty icon cell: two, though the first line wrapped
    assert {"Genomföra utbildning inom arbetsmiljö och rehabilitering för chefer och",
            "Erbjuder förvaltningens chefer ett flertal digitala träffar på aktuella teman"} <= set(names)
    assert not any("Avvikelse" in name or "Startdatum" in name for name in names)
    run_together = next(w for w in doc.warnings if "ger plats åt" in w.message)
    assert "Startdatum Slutdatum" in run_together.message and "läst ur flera rader eller celler" in run_together.message


def _indicators(rows: list[str]):
    doc = parse_text("\n".join([*_HEAD, *_HEADER, *rows]))
    return doc, {i.name: i for i in doc.indicators}


def test_a_row_the_readers_cut_takes_the_whole_name_whose_rest_stands_apart():
    # pdfminer gave the rest of the last name ("en 14-dagarsperiod") before its first line, which
    # ends with the space of a wrap; the readers made a row of that line and the values after it
    doc, rows = _indicators(["● AMI - ledarskap.", "", "● Andel nöjda omsorgstagare i hemtjänst.", "", "82 % 81 %", "",
                             "2022", "", "Analys Bra.", "◆", "en 14-dagarsperiod", "",
                             "● Antal personal en hemtjänsttagare med minst två besök om dagen möter under ", "",
                             "11,56", "", "12,1 10", "", "Max 10 personer", "", "2022", ""])
    whole = "Antal personal en hemtjänsttagare med minst två besök om dagen möter under en 14-dagarsperiod"
    assert whole in rows and not any(name.endswith("möter under") for name in rows)
    assert str(rows[whole].outcome) == "11,56" and set(rows[whole].inferred) == set(FIELD_NAMES)
    assert _warned(doc, rows[whole].line, "får hela sitt namn", "resten står skild från raden")


def test_a_word_target_in_lower_case_ends_a_names_rest_as_a_cell():
    # pdfminer: a name's rest after a page break, the row's cells on its line, "öka" the last
    _, rows = _indicators(["● AMI - ledarskap.", "",
                           "● Andel brukare inom omsorgen för personer med funktionsnedsättning som inte ", "",
                           "82 % 81 %", "", "2022", "", "\fupplever diskriminering 85 % 84 % 88 % 88 % 90 % öka",
                           "<p>Analys</p> <p>Utfallet ligger över stadens.</p>", "", "2022", ""])
    assert "Andel brukare inom omsorgen för personer med funktionsnedsättning som inte upplever diskriminering" in rows


def test_a_number_alone_is_page_furniture_only_where_it_numbers_its_page():
    from ils.importers.text.blocks import page_furniture

    lines = []
    for number in (1, 2, 3):  # each page: a date wrapped after its month, a lone period, its number last
        lines += ["Rapport 2022", "", "Aktivitet", " Ordna en läsfestival 2022-01-", "01", "", "2022", "Text.",
                  f"{number}", "\f"]
    furniture = page_furniture(lines)
    assert {i for i in furniture if lines[i].isdigit()} == {8, 18, 28}  # the page numbers, not "01" or "2022"


def test_which_rows_give_way_to_the_names_they_hold():
    from ils.domain.model import indicator_key as key
    from ils.importers.text.cells import _held, _without_table_matter

    def held(row: str, names: list[str], set_in: tuple[str, ...] = ()) -> int:
        return _held(key(row), _without_table_matter(row), {key(n) for n in names}, {key(n) for n in set_in})

    two = ["Genomföra utbildningsblock inom HR-området", "Implementera chefsprofilen"]
    assert held("Startdatum Slutdatum Avvikelse Förstärka samverkan", ["Förstärka samverkan"]) == 1  # header words
    assert held("Nämndens budgetföljsamhet 99 2 %", ["Nämndens budgetföljsamhet"]) == 1  # cells glued on
    assert held("Andel nöjda i förskolan Antal besök", ["Andel nöjda", "Antal besök"]) == 2  # words of no name
    # names alone together may be one name the reader broke ("… som fått" / "Stockholmsjobb") ...
    assert held(" ".join(two), two) == 0
    assert held("Antal aspiranter som fått Stockholmsjobb", ["Antal aspiranter som fått", "Stockholmsjobb"]) == 0
    # ... unless each after the first began its line set in as a name's first line is
    assert held(" ".join(two), two, set_in=(two[1],)) == 2
    # a word target cut after its first word ("Tas" / "fram av nämnd"), a name with "av" in it
    assert held("81 % 76 % Tas 23,5 % Andelen timmar av timavlönad personal",
                ["Andelen timmar av timavlönad personal"]) == 1
    # a name a reader cut short of its last words stands as read
    assert held("Andel barn kallade till samtal inom 48 timmar", ["Andel barn kallade till samtal inom"]) == 0
