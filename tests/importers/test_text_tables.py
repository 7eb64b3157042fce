"""Tables without TABs: header words over lines, rows as value streams, placement by kind."""
from __future__ import annotations

from ils.importers import parse_text
from ils.importers.text.placement import place
from ils.importers.text.text_tables import header_at, split_activity_row, split_indicator_row

FIELDS = ["outcome", "outcome_men", "outcome_women", "previous", "forecast", "target", "kf_target", "period"]


def test_a_header_broken_over_lines_and_mid_word():
    lines = ["Indikator Perio-", "dens ut-", "fall", "Utfall", "män/", "pojkar", "Utfall kvinnor/ flickor",
             "Utfall VB 2023 Prognos helår Årsmål KF:s", "årsmål", "Period Bedömning", "Andel nöjda 80 % 2024"]
    kind, labels, end = header_at(lines, 0)
    assert kind == "indicator" and end == 10
    assert labels == ["Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor",
                      "Utfall VB 2023", "Prognos helår", "Årsmål", "KF:s årsmål", "Period", "Bedömning"]
    assert header_at(["Indikatorerna visar att målet nås"], 0) is None


def test_rows_split_from_the_right_by_the_kind_of_each_value():
    assert split_indicator_row("Andel barn i förskola 0,3 % 0,6 % Ökning Tertial 1 2024", 9) == [
        "Andel barn i förskola", "0,3 %", "0,6 %", "Ökning", "Tertial 1 2024"]
    assert split_indicator_row("Antal besök 1 204 st Tas fram av nämnd 2024", 9) == [
        "Antal besök", "1 204 st", "Tas fram av nämnd", "2024"]
    # no more values than columns: the number further left stays in the name
    assert split_indicator_row("Elever i åk 9 80 % 2024", 3) == ["Elever i åk 9", "80 %", "2024"]
    assert split_indicator_row("Texten slutar utan period", 9) is None
    assert split_activity_row("Ta fram en plan 2024-01- 01 2024-12-31") == [
        "Ta fram en plan", "2024-01-01", "2024-12-31"]


def test_full_rows_are_read_not_guessed():
    values = ["63 %", "53 %", "73 %", "60 %", "60 %", "60 %", "2,7 %", "Tertial 1 2024"]
    placed = place(values, FIELDS, kf_level=True, tertial=True)
    assert placed.cells == values and placed.inferred == ()


def test_fewer_values_than_columns_are_placed_by_rules_and_marked():
    placed = place(["0,3 %", "0,3 %", "0,6 %", "0,6 %", "2,7 %", "Tertial 1 2024"], FIELDS, kf_level=True,
                   tertial=True)
    assert placed.cells == ["0,3 %", "", "", "0,3 %", "0,6 %", "0,6 %", "2,7 %", "Tertial 1 2024"]
    assert set(placed.inferred) == set(FIELDS) - {"period"}
    # a nämndmål's indicator has no KF target; a yearly indicator no outcome in a tertial report
    placed = place(["92 %", "92 %", "2024"], FIELDS, kf_level=False, tertial=True)
    assert placed.cells == ["", "", "", "92 %", "", "92 %", "", "2024"]
    # a word target is a target, at KF level KF's
    assert place(["Fastställs 2024", "2024"], FIELDS, kf_level=True, tertial=True).cells[6] == "Fastställs 2024"


def test_a_report_copied_out_of_a_pdf_warns_on_every_guessed_row():
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt",
        "Indikator Periodens utfall Utfall män/ pojkar Utfall kvinnor/ flickor",
        "Utfall VB 2023 Prognos helår Årsmål KF:s årsmål Period",
        "Andel nöjda besökare på stadens 81 % 79 % 84 % 80 % 82 % 85 % 90 % Tertial 1",
        "2024",
        "Analys Besöken ökar.",
        "Antal besök 1 204 st 2 000 st Ökning 2024",
        "Aktivitet Startdatum Slutdatum Avvikelse",
        "Öppna ett nytt bibliotek i",
        "Skärholmen 2024-01-01 2024-12-31",
    ])
    doc = parse_text(text)
    full, partial = doc.indicators
    assert (full.name, str(full.outcome.value), full.kf_target.text, full.period, full.inferred) == (
        "Andel nöjda besökare på stadens", "81", "90 %", "Tertial 1 2024", ())
    assert full.analysis == "Besöken ökar."
    assert partial.inferred and partial.kf_target.text == "Ökning"
    assert [w.line for w in doc.warnings if "gissade" in w.message] == [partial.line]
    assert [(a.text, str(a.start), str(a.end)) for a in doc.activities] == [
        ("Öppna ett nytt bibliotek i Skärholmen", "2024-01-01", "2024-12-31")]


def _activities(rows: list[str]) -> list[tuple[str, str, str]]:
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt",
        "Aktivitet Startdatum Slutdatum Avvikelse Status", *rows])
    return [(a.text, str(a.start), str(a.end)) for a in parse_text(text).activities]


def test_an_activity_whose_name_ends_a_sentence_or_a_year_range_keeps_it():
    assert _activities([
        "Ta fram en plan för", "biblioteken 2025-2028", "2024-01-01 2024-12-31",
        "Analys: Arbetet pågår.",
        "Öppna ett bibliotek tillsammans med", "stadsdelsnämnderna.", "2024-02-01 2024-12-31",
        "Bjud in till: ", "\"Kultur för alla\"", "2024-03-01 2024-06-30",
    ]) == [("Ta fram en plan för biblioteken 2025-2028", "2024-01-01", "2024-12-31"),
           ("Öppna ett bibliotek tillsammans med stadsdelsnämnderna.", "2024-02-01", "2024-12-31"),
           ("Bjud in till: \"Kultur för alla\"", "2024-03-01", "2024-06-30")]


def test_a_cell_wrapped_or_glued_by_the_extractor_stays_in_its_row():
    assert _activities([
        "Ordna en mässa 2025-01-01", "2025-12-31",
        "Ordna en konsert 2025-01-01 2025-06-", "20",
        "Ordna en läsecirkel.2025-02-01 2025-03-31",
    ]) == [("Ordna en mässa", "2025-01-01", "2025-12-31"), ("Ordna en konsert", "2025-01-01", "2025-06-20"),
           ("Ordna en läsecirkel.", "2025-02-01", "2025-03-31")]
    assert split_indicator_row("Andel i familjer med bistånd1,2 % 2,7 % Tertial 1 2024", 9) == [
        "Andel i familjer med bistånd", "1,2 %", "2,7 %", "Tertial 1 2024"]
    text = "\n".join([
        "Verksamhetsplan 2025 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        "Indikator Årsmål KF:s årsmål år 2025 Periodicitet",
        "Andel nöjda besökare Fastställs 2025", "Tertial", "Antal besök 1 204 st År"])
    assert [(i.name, i.kf_target.text, i.frequency) for i in parse_text(text).indicators] == [
        ("Andel nöjda besökare", "Fastställs 2025", "Tertial"), ("Antal besök", "1 204 st", "År")]


def test_a_page_break_inside_a_name_or_after_an_analysis_loses_no_row():
    header = ["Indikator Periodens utfall Utfall män/ pojkar Utfall kvinnor/ flickor",
              "Utfall VB 2023 Prognos helår Årsmål KF:s årsmål Period"]
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        *header, "Andel nöjda besökare i för-", "81 % 80 % Tertial 1 2024", "\f", *header,
        "hållande till alla besökare", "Analys: Mätningen görs i maj",
        "Antal besök", "1 204 st 2 000 st Tertial 1 2024", "Beskrivning", "Besöken ökar."])
    doc = parse_text(text)
    assert [(i.name, i.analysis) for i in doc.indicators] == [
        ("Andel nöjda besökare i förhållande till alla besökare", "Mätningen görs i maj"), ("Antal besök", "")]
    assert any("hållande till alla besökare" in w.message and "föregående rads namn" in w.message
               for w in doc.warnings)


def test_a_bare_unit_cell_is_kept_but_its_row_marked():
    fields = ["outcome", "outcome_men", "outcome_women", "previous", "period"]
    placed = place(["94 %", "94 %", "%", "89 %", "Tertial 1 2024"], fields, kf_level=False, tertial=True)
    assert placed.cells == ["94 %", "94 %", "%", "89 %", "Tertial 1 2024"]
    assert set(placed.inferred) == set(fields) - {"period"}


def test_a_word_target_cut_by_a_page_break_is_completed_not_named():
    header = ["Indikator Periodens utfall Årsmål KF:s årsmål Period"]
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        *header, "Antal besök 1 204 st 2 000 st Tertial 1 2024", "Sjukfrånvaro 1,9 % 2 % Tas fram av Tertial 1 2024",
        "\f", *header, "nämnd/ styrelse", "Beskrivning", "Besöken ökar.", "Sjukfrånvaron minskar."])
    doc = parse_text(text)
    indicator = doc.indicators[-1]
    assert (indicator.name, indicator.kf_target.text) == ("Sjukfrånvaro", "Tas fram av nämnd/ styrelse")
    assert any("nämnd/ styrelse" in w.message and "KF:s årsmål" in w.message for w in doc.warnings)


def test_a_number_at_a_page_edge_is_a_page_number_only_if_it_runs_with_the_pages():
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "1", "\f",
        "Aktivitet Startdatum Slutdatum Avvikelse Status", "Ordna en mässa 2024-01-01 2024-11-", "30", "2", "\f",
        "Beskrivning", "Mässan ordnas.", "3"])
    doc = parse_text(text)
    assert [(a.text, str(a.end)) for a in doc.activities] == [("Ordna en mässa", "2024-11-30")]
    assert not any(line.strip() in ("1", "2", "3") for line in (w.message for w in doc.warnings))


def test_a_unit_broken_by_a_narrow_column_is_read_whole():
    assert split_indicator_row("Köpt energi 0,4 GWh 2 GWh 1,8 GW h 1 735 G Wh 2024", 9) == [
        "Köpt energi", "0,4 GWh", "2 GWh", "1,8 GWh", "1 735 GWh", "2024"]
    assert split_indicator_row("Klimatpåverkan 2 kg CO2 per kg livs medel 1,6 kg C O2 per k g livsme del 2024", 9) == [
        "Klimatpåverkan", "2 kg CO2 per kg livsmedel", "1,6 kg CO2 per kg livsmedel", "2024"]


def test_word_targets_and_short_units_broken_by_a_narrow_column_are_read_whole():
    assert split_indicator_row("Barn per lärare 15,4 st 15 st Minsknin g Tertial 1 2024", 9) == [
        "Barn per lärare", "15,4 st", "15 st", "Minsknin g", "Tertial 1 2024"]
    assert split_indicator_row("Sjukfrånvaro 8,5 % Tas fram av nämnd/styrel se Tertial", 4, frequency=True) == [
        "Sjukfrånvaro", "8,5 %", "Tas fram av nämnd/styrel se", "Tertial"]
    assert split_indicator_row("Antal feriejobb 1 159 st 11 000 s t Tertial 1 2024", 9) == [
        "Antal feriejobb", "1 159 st", "11 000 st", "Tertial 1 2024"]
    assert split_indicator_row("Antal personal 11,56 12,1 10 Max 10 pe rsoner 2022", 9) == [
        "Antal personal", "11,56", "12,1", "10", "Max 10 personer", "2022"]


def test_after_an_analysis_without_a_full_stop_a_name_starts_at_an_icon_or_a_capital():
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        "Indikator Periodens utfall Årsmål KF:s årsmål Period",
        "Andel nöjda 81 % 80 % Tertial 1 2024", "Analys Besöken har ökat från 70 % i",
        "fjol till 81 % i år, mer än för", "2024", "♀ Antal besök på stadens bibliotek under",
        "en vecka 1 204 st 2 000 st Tertial 1 2024"])
    doc = parse_text(text)
    assert [(i.name, i.analysis) for i in doc.indicators] == [
        ("Andel nöjda", "Besöken har ökat från 70 % i fjol till 81 % i år, mer än för 2024"),
        ("Antal besök på stadens bibliotek under en vecka", "")]


def test_a_number_glued_to_the_name_is_split_off_and_the_row_marked():
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        "Indikator Periodens utfall Årsmål KF:s årsmål Period",
        "Antal nya platser i stadens regi-251 0 Tas fram av nämnd Tertial 1 2024"])
    doc = parse_text(text)
    [indicator] = doc.indicators
    assert (indicator.name, str(indicator.outcome.value)) == ("Antal nya platser i stadens regi", "-251")
    assert indicator.inferred
    assert any("ihop med namnet" in w.message and w.line == indicator.line for w in doc.warnings)


def test_an_indented_header_starts_a_table():
    # LibreOffice sets a text export's table with tab stops: under pdftotext -layout the header
    # and each row's first line stand indented, the rest of the row flows over the columns
    assert _activities_under("      Aktivitet   Startdatum Slutdatum   Avvikelse", [
        "      Ordna en mässa för alla",
        "stadens invånare.     2024-01-01 2024-12-31",
        "      Ordna en konsert 2024-02-01 2024-06-30",
    ]) == [("Ordna en mässa för alla stadens invånare.", "2024-01-01", "2024-12-31"),
           ("Ordna en konsert", "2024-02-01", "2024-06-30")]


def test_after_a_repeated_header_a_status_icon_starts_the_next_row():
    header = "Aktivitet Startdatum Slutdatum Avvikelse"
    assert _activities_under(header, [
        "Utreda en akademisk socialtjänst där socialsekreterare och 2024-01-01 2024-12-31", "", header,
        "forskare samlokaliseras i syfte att undersöka", "och utvärdera socialtjänstens insatser",
        "✓ Utreda en samordnad handläggning 2024-01-01 2024-12-", "31",
    ]) == [("Utreda en akademisk socialtjänst där socialsekreterare och forskare samlokaliseras i syfte att "
            "undersöka och utvärdera socialtjänstens insatser", "2024-01-01", "2024-12-31"),
           ("Utreda en samordnad handläggning", "2024-01-01", "2024-12-31")]


def test_after_a_repeated_header_a_full_stop_before_blank_lines_ends_the_analysis():
    header = ["Indikator Periodens utfall Årsmål KF:s årsmål Period"]
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        *header, "Andel nöjda 81 % 80 % Tertial 1 2024", "Analys Besöken har ökat från 70 % i fjol",
        "\f", *header, "till 81 % i år. Fler besöker biblioteken.", "Mätningen görs i maj.", "", "",
        "Antal besök 1 204 st 2 000 st Tertial 1 2024"])
    doc = parse_text(text)
    assert [(i.name, i.analysis) for i in doc.indicators] == [
        ("Andel nöjda", "Besöken har ökat från 70 % i fjol till 81 % i år. Fler besöker biblioteken. "
                        "Mätningen görs i maj."), ("Antal besök", "")]


def test_a_row_a_page_break_cut_across_its_cells_is_read_whole():
    # each cell's first line stands before the break, the rest of each after the repeated header
    # in column order (pypdf on LibreOffice's PDF of the HTML report); rests side by side share a line
    header = ["Indikator Periodens utfall Årsmål KF:s årsmål Period Bedömning"]
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        *header, "Antal besök 1 204 st 2 000 st 2 100 st Tertial 1 2024 ● Uppnås helt",
        "Antal 2 st 10 st Tas Tertial ● Uppnås", "\f", *header,
        "tillhandahållna", "platser för", "Stockholmsjobb", "fram av", "nämnd/", "styrelse", "1 2024 helt",
        "Antal lån 3 st 5 st 5 st Tertial 1 2024 ● Uppnås helt"])
    doc = parse_text(text)
    assert [(i.name, str(i.outcome.value), i.kf_target.text, i.period) for i in doc.indicators] == [
        ("Antal besök", "1204", "2 100 st", "Tertial 1 2024"),
        ("Antal tillhandahållna platser för Stockholmsjobb", "2", "Tas fram av nämnd/ styrelse", "Tertial 1 2024"),
        ("Antal lån", "3", "5 st", "Tertial 1 2024")]
    assert any("tillhandahållna platser för Stockholmsjobb" in w.message and "föregående rads namn" in w.message
               for w in doc.warnings)


def test_lines_of_dates_alone_before_a_name_are_left_out_and_warned():
    # pdftotext's default mode reads a table column by column: dates leave their rows
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur",
        "Aktivitet Startdatum Slutdatum Avvikelse", "Ordna en mässa", "2024-01-01", "",
        "2024-12-31", "", "Ordna en läsecirkel för", "alla. 2024-02-01 2024-03-31"])
    doc = parse_text(text)
    assert [(a.text, str(a.start), str(a.end)) for a in doc.activities] == [
        ("Ordna en mässa", "2024-01-01", "None"), ("Ordna en läsecirkel för alla.", "2024-02-01", "2024-03-31")]
    assert [w.line for w in doc.warnings if "kunde inte placeras: '2024-12-31'" in w.message] == [9]


def _indicators(header: str, rows: list[str]):
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", header, *rows])
    return parse_text(text)


def test_after_an_analysis_a_name_starts_with_a_digit_only_as_a_last_resort():
    doc = _indicators("Indikator Periodens utfall Årsmål KF:s årsmål Period", [
        "Andel nöjda 81 % 80 % 80 % Tertial 1 2024", "Analys: Besöken minskade under", "våren",
        "Antal personal en", "hemtjänsttagare möter under en", "14-dagarsperiod", "11 st 12 st 10 st Tertial 1 2024"])
    assert [(i.name, i.analysis) for i in doc.indicators] == [
        ("Andel nöjda", "Besöken minskade under våren"),
        ("Antal personal en hemtjänsttagare möter under en 14-dagarsperiod", "")]


def test_after_a_repeated_header_the_rest_of_a_name_may_begin_with_a_digit():
    header = "Indikator Periodens utfall Årsmål KF:s årsmål Period"
    doc = _indicators(header, [
        "Antal besök 1 204 st 2 000 st 2 000 st Tertial 1 2024",
        "Andel unga vuxna med bistånd i förhållande till samtliga unga vuxna 1,1 % 1,4 % 1,6 % Tertial 1 2024",
        "\f", header, "18-24 år i befolkningen", "Beskrivning", "Biståndet minskar."])
    assert [i.name for i in doc.indicators] == [
        "Antal besök",
        "Andel unga vuxna med bistånd i förhållande till samtliga unga vuxna 18-24 år i befolkningen"]
    assert any("18-24 år i befolkningen" in w.message and "föregående rads namn" in w.message for w in doc.warnings)


def test_a_year_before_a_line_that_begins_with_a_unit_is_a_value_not_the_period():
    doc = _indicators("Indikator Periodens utfall Utfall VB 2023 Årsmål KF:s årsmål Period", [
        "Köpt energi 1,2 GWh 1,23 GWh 1,5", "GWh", "1945", "GWh Tertial 1 2024"])
    assert [(i.name, i.kf_target.text, i.period) for i in doc.indicators] == [
        ("Köpt energi", "1945 GWh", "Tertial 1 2024")]


def test_a_cut_row_whose_name_and_status_go_on_on_one_line_is_read_whole():
    header = "Indikator Periodens utfall Årsmål KF:s årsmål Period Bedömning"
    doc = _indicators(header, [
        "Antal besök 1 204 st 2 000 st 2 100 st Tertial 1 2024 ● Uppnås helt",
        "Nämndens budgetföljsamhet 99,1 % 100 % 100 % Tertial 1 2024 ○ Kan inte", "\f", header,
        "före resultatöverföringar bedömas", "Antal lån 3 st 5 st 5 st Tertial 1 2024 ● Uppnås helt"])
    assert [(i.name, str(i.outcome.value)) for i in doc.indicators] == [
        ("Antal besök", "1204"), ("Nämndens budgetföljsamhet före resultatöverföringar", "99.1"), ("Antal lån", "3")]


def _activities_under(header: str, rows: list[str]) -> list[tuple[str, str, str]]:
    text = "\n".join([
        "Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
        "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
        "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt", header, *rows])
    return [(a.text, str(a.start), str(a.end)) for a in parse_text(text).activities]


def test_a_line_that_keeps_its_wrapping_space_goes_on_in_the_cut_name():
    # PDFium's content order: a line wrapped inside a cell ends with the space it was wrapped at,
    # a cell's last line without one (LibreOffice's PDF of the HTML report)
    header = "Aktivitet Startdatum Slutdatum"
    first = ["Ordna ett möte 2025-01-01 2025-03-31", "Ordna en kurs 2025-01-01 2025-03-31"]
    assert _activities_under(header, [
        *first, "Förskolenämnden ska revidera 2025-01-01 2025-12-31", "\f", header,
        "riktlinjer för mat i förskolor i ", "Stockholms stad, i linje med stadens ", "strategi för mat",
        "Miljönämnden ska utreda ett stärkt ", "klimatarbete", "2025-01-01 2025-06-30",
    ])[2:] == [("Förskolenämnden ska revidera riktlinjer för mat i förskolor i Stockholms stad, i linje med "
                "stadens strategi för mat", "2025-01-01", "2025-12-31"),
               ("Miljönämnden ska utreda ett stärkt klimatarbete", "2025-01-01", "2025-06-30")]
    # a rest whose every line begins no name, before a name on one line with its dates
    assert _activities_under(header, [
        *first, "Ordna en mässa för 2025-01-01 2025-12-31", "\f", header, "alla i ", "stadsdelen",
        "Ordna en läsecirkel 2025-02-01 2025-03-31"])[2:] == [
        ("Ordna en mässa för alla i stadsdelen", "2025-01-01", "2025-12-31"),
        ("Ordna en läsecirkel", "2025-02-01", "2025-03-31")]


def test_a_name_cut_before_its_dates_goes_on_after_the_header_whatever_its_case():
    header = "Aktivitet Startdatum Slutdatum Avvikelse Status"
    rows = ["Ordna ett möte 2022-01-01 2022-03-31", "Ordna en kurs 2022-01-01 2022-03-31",
            "Bostadsbolagen AB Familjebostäder, AB ", "2022-01-01 2022-12-31", "\f", header,
            "Stockholmshem och Micasa ska arbeta ", "med klimatanpassning",
            "Stockholm Vatten ska spara vatten", "2022-01-01 2022-12-", "31 ✓ Genomförd"]
    assert _activities_under(header, rows)[2:] == [
        ("Bostadsbolagen AB Familjebostäder, AB Stockholmshem och Micasa ska arbeta med klimatanpassning",
         "2022-01-01", "2022-12-31"), ("Stockholm Vatten ska spara vatten", "2022-01-01", "2022-12-31")]
    # without the space the name ended before its dates: the capital begins the next row
    rows[2] = rows[2].rstrip()
    assert _activities_under(header, rows)[2] == ("Bostadsbolagen AB Familjebostäder, AB", "2022-01-01", "2022-12-31")


def test_a_row_a_page_break_cut_across_its_cells_after_an_analysis_is_read_whole():
    header = "Indikator Periodens utfall Årsmål KF:s årsmål Period Bedömning"
    doc = _indicators(header, [
        "Andel nöjda 81 % 80 % 80 % Tertial 1 2024 ● Uppnås helt", "Analys: Mätningen görs i maj.",
        "Andel barn som ", "lever i familjer ", "0,3 % 0,6 % 2,7 % Tertial ● Uppnås ", "\f", header,
        "som har ", "bistånd", "1 2024 helt", "Antal lån 3 st 5 st 5 st Tertial 1 2024 ● Uppnås helt"])
    assert [(i.name, i.analysis, str(i.outcome.value), i.period) for i in doc.indicators] == [
        ("Andel nöjda", "Mätningen görs i maj.", "81", "Tertial 1 2024"),
        ("Andel barn som lever i familjer som har bistånd", "", "0.3", "Tertial 1 2024"),
        ("Antal lån", "", "3", "Tertial 1 2024")]
    assert any("som har bistånd" in w.message and "föregående rads namn" in w.message for w in doc.warnings)


def test_a_row_whose_period_is_whole_but_a_word_target_cut_by_the_page_is_read_whole():
    header = "Indikator Periodens utfall Årsmål KF:s årsmål Period Bedömning"
    doc = _indicators(header, [
        "Antal besök 1 204 st 2 000 st 2 100 st Tertial 1 2024 ● Uppnås helt",
        "Andel avslutade bygg- och", "entreprenader som loggats i ", "50 % Tas", "fram av", "nämnd/",
        "2024 ○ Kan inte ", "bedömas", "\f", header, "Byggvarubedömningen styrelse",
        "Antal lån 3 st 5 st 5 st Tertial 1 2024 ● Uppnås helt"])
    assert [(i.name, i.target.text, i.kf_target.text, i.period) for i in doc.indicators] == [
        ("Antal besök", "2 000 st", "2 100 st", "Tertial 1 2024"),
        ("Andel avslutade bygg- och entreprenader som loggats i Byggvarubedömningen", "50 %",
         "Tas fram av nämnd/ styrelse", "2024"),
        ("Antal lån", "5 st", "5 st", "Tertial 1 2024")]
    assert any("'Byggvarubedömningen'" in w.message and "föregående rads namn" in w.message for w in doc.warnings)
