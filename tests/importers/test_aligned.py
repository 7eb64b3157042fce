"""Column-aligned text read back into TAB-separated rows (issue 11)."""
from __future__ import annotations

from ils.importers.text.aligned import read_aligned

HEADER = "Indikator\tPeriodens utfall\tUtfall män/ pojkar\tUtfall kvinnor/ flickor\tUtfall VB 2023\tPrognos helår\t" \
         "Årsmål\tKF:s årsmål\tPeriod"


def _expanded(rows: list[str]) -> list[str]:
    return [row.expandtabs(8) for row in rows]


def test_expanded_tabs_come_back_with_their_empty_cells():
    rows = [HEADER,
            "  Andel barn som lever i familjer med bistånd\t0,2 %\t\t\t0,2 %\t0,3 %\t0,3 %\t2,7 %\tTertial 1 2024",
            "Analys Utfallet är stabilt.\t\t\t\t\t\t\t\t"]
    assert read_aligned(["Inledning", "", *_expanded(rows), ""])[0] == ["Inledning", "", *rows, ""]


def test_a_cell_one_short_of_a_stop_is_told_from_a_space_in_a_cell():
    # "Utfall kvinnor/ flickor" and "Sjukfrånvaro dag 1-14" end one before a tab stop: the TAB
    # after them left a single space, like the spaces inside "Tertial 1 2024" and "3 331,1 st"
    rows = [HEADER, "  Sjukfrånvaro dag 1-14\t3 %\t2,9 %\t3 %\t3,1 %\t3 %\t3 %\tTas fram av nämnd\tTertial 1 2024",
            "Antal besök\t3 331,1 st\t\t\t\t\t\t\t2024"]
    assert "flickor Utfall VB" in _expanded(rows)[0] and "1-14 3 %" in _expanded(rows)[1]
    assert read_aligned(_expanded(rows))[0] == rows


def test_a_header_cell_one_short_of_a_stop_ends_before_a_word_that_begins_other_cells():
    rows = [HEADER, "Antal besök\t1 204 st\t\t\t\t\t\t\t2024", "", "Mnkr\tBokslut 2023\tBudget 2024\tPrognos 2024\tAvvikelse\tPrognos Prestationsförändr.\t"
            "Prognos Budgetjustering\tPrognos Resultatöverföring\tJusterad avvikelse",
            "Individ- och familjeomsorg\t-1 204,5\t-1 250,0\t-1 248,3\t1,7\t0,0\t0,0\t0,0\t1,7"]
    assert "Budgetjustering Prognos Resultat" in _expanded(rows)[3]
    assert read_aligned(_expanded(rows))[0] == rows


def test_text_with_tabs_or_without_aligned_tables_passes_unchanged():
    with_tabs = [HEADER, "Antal\t1\t\t\t\t\t\t\t2024", "Prosa  med  dubbla mellanslag"]
    assert read_aligned(with_tabs)[0] is with_tabs
    prose = ["Indikator och aktivitet följs upp        varje tertial.", "Fler  besökare"]
    assert read_aligned(prose)[0] == prose


# -- tables set in columns (pdftotext -layout) ---------------------------------------------------

LAYOUT_HEADER = [
    "Indikator                  Perio-     Utfall       Utfall     Utfall   Prognos Årsmål KF:s      Period        Bedömning",
    "                           dens ut- män/           kvinnor/   VB       helår           årsmål",
    "                           fall       pojkar       flickor    2023",
]


def test_a_header_in_columns_and_its_wrapped_rows_become_one_line_each():
    lines = ["Indikatorer för målet", *LAYOUT_HEADER,
             "Andel barn som lever i fa\u00ad      0,2 %                            0,2 %     0,3 % 0,3 %    2,7 % Tertial 1     ● Uppnås helt",
             "miljer som har ekono\u00ad                                                                           2024",
             "miskt bistånd",
             "Antal besök                                                            1 204 st  Tas fram 2024",
             "                                                                                  av nämnd",
             "", "Nästa stycke."]
    assert read_aligned(lines)[0] == [
        "Indikatorer för målet",
        "Indikator Periodens utfall Utfall män/ pojkar Utfall kvinnor/ flickor Utfall VB 2023 Prognos helår Årsmål "
        "KF:s årsmål Period Bedömning", "", "",
        "Andel barn som lever i familjer som har ekonomiskt bistånd 0,2 % 0,2 % 0,3 % 0,3 % 2,7 % Tertial 1 2024 "
        "● Uppnås helt", "", "",
        "Antal besök 1 204 st Tas fram av nämnd 2024", "", "", "Nästa stycke."]
    # the lines a header or row took in share its fate in the line accounting
    assert read_aligned(lines)[1] == {3: 2, 4: 2, 6: 5, 7: 5, 9: 8}


def test_rows_in_columns_are_read_as_rows_whose_values_the_parser_places_by_kind():
    from ils.importers import parse_text

    text = "\n".join(["Tertialrapport Tertial 1 2024 för Nämnden", "",
                      "KF:s inriktningsmål: 1 En stad", "", *LAYOUT_HEADER,
                      "Andel nöjda                                                     80 %     81 %   80 %    Tertial 1     ● Uppnås helt",
                      "brukare                                                                                2024",
                      ""])
    doc = parse_text(text, require_committee=False)
    [row] = doc.indicators
    assert (row.name, row.period) == ("Andel nöjda brukare", "Tertial 1 2024")
    # three values under six columns: where they go is the parser's inference, marked and warned
    assert row.inferred and any(w.line == row.line for w in doc.warnings)


def test_an_analysis_runs_over_the_columns_and_a_page_break_continues_the_row():
    lines = [*LAYOUT_HEADER,
             "Andel nöjda                  80 %                                                         Tertial 1     ● Uppnås helt",
             "Analys: Utfallet är i nivå med föregående år och prognosen för helåret är att målet nås.",
             "Andel trygga                 70 %                                                         Tertial 1     ● Uppnås helt",
             "brukare i hem\u00ad                                                                           2024",
             "", "Sida 4 av 9", "\f" + LAYOUT_HEADER[0], *LAYOUT_HEADER[1:],
             "tjänsten", ""]
    result = read_aligned(lines)[0]
    assert result[3:7] == ["Andel nöjda 80 % Tertial 1 ● Uppnås helt",
                           "Analys: Utfallet är i nivå med föregående år och prognosen för helåret är att målet nås.",
                           "",  # the row after a one-line analysis moves a line down: a blank line ends the analysis
                           "Andel trygga brukare i hemtjänsten 70 % Tertial 1 2024 ● Uppnås helt"]
    assert result[9].startswith("\fIndikator Periodens utfall") and result[12] == ""


def test_rows_that_flow_over_the_columns_are_left_to_the_text_reader():
    # LibreOffice's PDF of a TAB export: the header's cells on one line, the rows running on
    lines = ["Aktivitet   Startdatum Slutdatum   Avvikelse",
             "  Kommunstyrelsen ska i samarbete med idrottsnämnden, kulturnämnden,",
             "socialnämnden och stadsdelsnämnderna utreda långsiktiga behov och finansiering",
             "funktionsnedsättning    2024-01-01 2024-12-31", ""]
    assert read_aligned(lines)[0] == lines


def test_text_side_by_side_outside_the_tables_keeps_one_gap():
    lines = ["Rapport för Nämnden                          Sida 3 av 9", *LAYOUT_HEADER,
             "Andel nöjda                  80 %                                                         Tertial 1     ● Uppnås helt",
             "", "Rapport för Nämnden                  Sida 4 av 9"]
    result = read_aligned(lines)[0]
    assert result[0] == "Rapport för Nämnden   Sida 3 av 9" and result[-1] == "Rapport för Nämnden   Sida 4 av 9"
