"""Column-aligned text read back into TAB-separated rows (issue 11)."""
from __future__ import annotations

from ils.importers.text.aligned import as_tab_separated

HEADER = "Indikator\tPeriodens utfall\tUtfall män/ pojkar\tUtfall kvinnor/ flickor\tUtfall VB 2023\tPrognos helår\t" \
         "Årsmål\tKF:s årsmål\tPeriod"


def _expanded(rows: list[str]) -> list[str]:
    return [row.expandtabs(8) for row in rows]


def test_expanded_tabs_come_back_with_their_empty_cells():
    rows = [HEADER,
            "  Andel barn som lever i familjer med bistånd\t0,2 %\t\t\t0,2 %\t0,3 %\t0,3 %\t2,7 %\tTertial 1 2024",
            "Analys Utfallet är stabilt.\t\t\t\t\t\t\t\t"]
    assert as_tab_separated(["Inledning", "", *_expanded(rows), ""]) == ["Inledning", "", *rows, ""]


def test_a_cell_one_short_of_a_stop_is_told_from_a_space_in_a_cell():
    # "Utfall kvinnor/ flickor" and "Sjukfrånvaro dag 1-14" end one before a tab stop: the TAB
    # after them left a single space, like the spaces inside "Tertial 1 2024" and "3 331,1 st"
    rows = [HEADER, "  Sjukfrånvaro dag 1-14\t3 %\t2,9 %\t3 %\t3,1 %\t3 %\t3 %\tTas fram av nämnd\tTertial 1 2024",
            "Antal besök\t3 331,1 st\t\t\t\t\t\t\t2024"]
    assert "flickor Utfall VB" in _expanded(rows)[0] and "1-14 3 %" in _expanded(rows)[1]
    assert as_tab_separated(_expanded(rows)) == rows


def test_text_with_tabs_or_without_aligned_tables_passes_unchanged():
    with_tabs = [HEADER, "Antal\t1\t\t\t\t\t\t\t2024", "Prosa  med  dubbla mellanslag"]
    assert as_tab_separated(with_tabs) is with_tabs
    prose = ["Indikator och aktivitet följs upp        varje tertial.", "Fler  besökare"]
    assert as_tab_separated(prose) == prose
