"""The text parser on synthetic reports: every rule stated once, independent of the seeds."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ils.domain.assessment import Assessment
from ils.domain.model import ActivityStatus, DocumentType, GoalLevel, Period
from ils.domain.targets import TargetKind
from ils.importers import ReportError, parse_file, parse_text

from .reports import ACTIVITY_HEADER, INDICATOR_HEADER, row, tertial_report


@pytest.fixture(scope="module")
def doc():
    return parse_text(tertial_report(), source="kultur.txt")


def test_identity(doc):
    assert (doc.type, doc.period, doc.year) == (DocumentType.TERTIALRAPPORT, Period.T2, 2026)
    assert doc.committee == "Kulturnämnden"
    assert doc.date == date(2026, 9, 12)
    assert doc.author == "Kim Berg"
    assert doc.title == "Tertialrapport Tertial 2 2026 för Kulturnämnden"


def test_decisions_and_attachments(doc):
    assert [d.number for d in doc.decisions] == [1, 2]
    assert doc.decisions[1].amount == Decimal("1250.5")
    assert doc.decisions[1].amount_unit == "mnkr"
    assert doc.decisions[0].amount is None
    assert [(a.label, a.title) for a in doc.attachments] == [("Bilaga 1", "Ekonomisk uppföljning")]


def _with_front(lines: list[str]) -> str:
    """The report with ``lines`` after the decisions, where the city's template prints its contact block."""
    return tertial_report().replace("\nBilagor\n", "\n" + "\n".join(lines) + "\n\nBilagor\n", 1)


def test_the_front_pages_contact_block_gives_the_e_mail(tmp_path):
    doc = parse_text(_with_front(["Kulturnämnden", "", "08-508 00 000", "", "kim.berg@stockholm.se",
                                  "start.stockholm"]), source="kultur.txt")
    assert (doc.phone, doc.email) == ("08-508 00 000", "kim.berg@stockholm.se")
    assert not [w for w in doc.warnings if "placeras" in w.message]
    # our own exports print it as a label under Handläggare; a block without them is the committee's
    labelled = parse_text(_with_front(["E-post: kim.berg@stockholm.se"]), source="kultur.txt")
    assert labelled.email == "kim.berg@stockholm.se"
    bare = parse_text(_with_front(["Kulturnämnden start.stockholm"]), source="kultur.txt")
    assert (bare.phone, bare.email, bare.warnings) == ("08-508 00 000", "", [])


def test_a_contact_block_contradicting_the_head_is_warned():
    doc = parse_text(_with_front(["08-508 99 999 kim.berg@stockholm.se start.stockholm"]), source="kultur.txt")
    assert doc.phone == "08-508 00 000"
    assert [w.message for w in doc.warnings] == [
        "telefonnumret '08-508 99 999' skiljer sig från '08-508 00 000' ovan; det första gäller"]


def test_goal_tree(doc):
    assert [(g.level, g.number) for g in doc.goals] == [
        (GoalLevel.INRIKTNINGSMAL, "4"), (GoalLevel.KF_MAL, "4.2"), (GoalLevel.NAMNDMAL, "4.2.1")]
    im, kf, nm = doc.goals
    assert im.assessment is Assessment.DELVIS and im.icon == "●"
    assert kf.assessment is Assessment.DELVIS  # "Uppfylles" is a known misspelling
    assert nm.assessment is Assessment.HELT
    assert nm.title == "Biblioteken är öppna för alla"
    assert nm.parent_number == "4.2"
    assert nm.description == "Nämnden arbetar med öppettider."
    assert nm.expected_results == ["Längre öppettider", "Fler besökare"]
    assert nm.analysis == "Målet uppfylls helt."
    assert kf.analysis == "Målet bedöms uppfyllas delvis under året."
    assert nm.line == tertial_report().split("\n").index("Nämndmål: 4.2.1. Biblioteken är öppna för alla") + 1


def test_indicators(doc):
    visits, satisfied = doc.indicators
    assert visits.goal == "4.2" and visits.kf
    assert visits.name == "Antal besök på bibliotek"
    assert visits.outcome.value == Decimal("1204") and visits.unit == "st"
    assert (visits.previous.value, visits.forecast.value) == (Decimal(2000), Decimal(2100))
    assert visits.target.value == Decimal(2500)
    assert visits.kf_target.kind is TargetKind.INCREASE
    # The analysis was split by a page break and the table header repeated in between.
    assert visits.analysis == "Besöken ökar men målet nås inte."
    assert visits.period == "Tertial 2 2026"
    assert (satisfied.outcome_men.value, satisfied.outcome_women.value) == (Decimal(79), Decimal(84))
    assert satisfied.kf_target.kind is TargetKind.SET_BY_COMMITTEE
    assert satisfied.forecast is None


def test_activities(doc):
    opened, study, hours = doc.activities
    assert opened.status is ActivityStatus.GENOMFORD and opened.kf_assignment
    assert opened.text == "Kulturnämnden ska öppna ett nytt bibliotek"
    assert (opened.start, opened.end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert study.status is ActivityStatus.AVVIKELSE and study.deviation == "Försenad"
    assert hours.goal == "4.2.1" and not hours.kf_assignment and hours.status is None


def test_economy(doc):
    (table,) = doc.economy
    assert table.unit == "mnkr" and table.columns == ["Budget", "Prognos", "Avvikelse"]
    assert table.title == "Uppföljning av driftbudget"
    assert [r.label for r in table.rows] == ["Kostnader", "Intäkter", "Netto"]
    assert table.rows[1].values == [Decimal("-414.8"), Decimal("-474.5"), Decimal("59.7")]


def test_no_warnings_for_a_clean_report(doc):
    assert doc.warnings == []


def test_attestation():
    text = tertial_report() + "\n\nAttesterat av\n\nDetta dokument har godkänts digitalt.\n\n" + "\n".join(
        [row("Namn", "Datum"), row("Kim Berg, förvaltningschef", "2026-09-10")])
    (attestation,) = parse_text(text).attestations
    assert (attestation.name, attestation.date) == ("Kim Berg, förvaltningschef", date(2026, 9, 10))


def test_committee_override():
    assert parse_text(tertial_report(), committee="Annan nämnd").committee == "Annan nämnd"


def _wrap(text: str, width: int) -> list[str]:
    """Hard-wrap prose the way a PDF text extraction does, leaving table rows whole."""
    out = []
    for line in text.split("\n"):
        if "\t" in line or len(line) <= width:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if current and len(current) + 1 + len(word) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        out.append(current)
    return out


def test_hard_wrapped_prose_with_page_furniture_parses_the_same():
    long_analysis = ("Analysen är lång och beskriver hur nämnden arbetat med biblioteken under "
                     "perioden och varför målet bedöms uppfyllas helt trots att besöken minskat. ") * 3
    text = tertial_report().replace("Målet uppfylls helt.", long_analysis.strip())
    lines = _wrap(text, 60)
    paged = []
    for number, start in enumerate(range(0, len(lines), 25), start=1):
        paged += ["Kulturnämnden · Tertialrapport 2", ""] + lines[start:start + 25] + [
            "", f"Sida {number} av 9", "\f"]
    wrapped = parse_text("\n".join(paged))
    plain = parse_text(text)
    assert [(g.number, g.title, g.assessment) for g in wrapped.goals] == [
        (g.number, g.title, g.assessment) for g in plain.goals]
    assert wrapped.goal("4.2.1").analysis == long_analysis.strip()
    assert [(i.name, i.outcome, i.analysis) for i in wrapped.indicators] == [
        (i.name, i.outcome, i.analysis) for i in plain.indicators]
    assert not any("Sida" in s.text or "Kulturnämnden ·" in s.text for s in wrapped.sections)


def test_a_running_title_inside_a_page_is_page_furniture_not_a_second_report():
    """pdftotext's default mode may put a page's running title among the cells of its table:
    the title the report's own pages repeat is furniture wherever it stands after the first page,
    though it reads otherwise than the report's title on the front page."""
    title = "Tertialrapport Tertial 2 2026 för Kulturnämnden i Stockholms stad"
    lines = tertial_report().split("\n")
    paged = lines[:20] + ["\f" + title] + lines[20:40] + ["\f" + title] + lines[40:60] + [
        "\f" + title] + lines[60:]
    goal_text = next(i for i, line in enumerate(paged) if line == "Nämnden arbetar med öppettider.")
    paged[goal_text + 1:goal_text + 1] = ["", title, ""]
    doc = parse_text("\n".join(paged), source="kultur.txt")
    plain = parse_text(tertial_report(), source="kultur.txt")
    assert [(g.number, g.description) for g in doc.goals] == [(g.number, g.description) for g in plain.goals]
    assert doc.title == plain.title


def test_hyphenated_line_ends_are_rejoined():
    text = tertial_report().replace(
        "Nämnden arbetar med öppettider.", "Nämnden arbetar med öppet-\ntider och med hälso-\noch sjukvård.")
    assert parse_text(text).goal("4.2.1").description == (
        "Nämnden arbetar med öppettider och med hälso- och sjukvård.")


def test_markdown_export_with_unnumbered_nämndmål():
    text = "\n".join([
        "**Till**  ", "Kulturnämnden  ", "2025-12-19", "",
        "## Verksamhetsplan 2026", "", "### Kulturnämnden", "",
        "## **KF:s inriktningsmål: 4. En kulturstad för alla**", "",
        "### KF:s mål för verksamhetsområdet: 4.2 Kulturen når fler", "",
        "**Nämndmål:** Biblioteken är öppna för alla", "",
        "### **Förväntat resultat**", "", "- Fler besökare", "",
        row("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"),
        row("Antal besök", "2 500 st", "", "År"),
        "", "Nämndmål: Läsningen ökar", "",
        row("<b>Aktivitet</b>", "<b>Startdatum</b>", "<b>Slutdatum</b>"),
        row("Läsfrämjande insatser", "2026-01-01", "2026-12-31"),
    ])
    doc = parse_text(text)
    assert (doc.type, doc.period, doc.year, doc.committee) == (
        DocumentType.VERKSAMHETSPLAN, Period.VP, 2026, "Kulturnämnden")
    assert doc.date == date(2025, 12, 19)
    assert [g.number for g in doc.goals] == ["4", "4.2", "4.2.1", "4.2.2"]
    assert doc.goal("4.2.1").expected_results == ["Fler besökare"]
    (indicator,) = doc.indicators
    assert (indicator.goal, indicator.frequency, indicator.target.value) == ("4.2.1", "År", Decimal(2500))
    assert doc.activities[0].goal == "4.2.2"


def test_nämndmål_printed_twice_opens_the_goal_once():
    narrative = "\n".join(["Nämndmål: 4.2.1 Biblioteken är öppna för alla", "",
                           "Under perioden har biblioteken haft öppet.", ""])
    text = tertial_report().replace("Analys\n\nMålet bedöms uppfyllas delvis under året.\n",
                                    "Analys\n\nMålet bedöms uppfyllas delvis under året.\n\n" + narrative)
    doc = parse_text(text)
    assert [g.number for g in doc.goals] == ["4", "4.2", "4.2.1"]
    kf = doc.goal("4.2")
    assert kf.sections[0].heading.startswith("Nämndmål: 4.2.1")
    # The KF goal's tables after the narrative heading still belong to the KF goal.
    assert {i.goal for i in doc.indicators} == {"4.2"}


def test_activity_rows_under_an_indicator_header_are_read_as_activities():
    text = tertial_report().replace(
        row(" Utöka öppettiderna", "2026-01-01", "2026-12-31", ""),
        row(" Utöka öppettiderna", "2026-01-01", "2026-12-31", "") + "\n\n" + INDICATOR_HEADER + "\n"
        + row("Ny aktivitet efter sidbrytning", "", "2026-01-01", "2026-03-31"))
    doc = parse_text(text)
    assert doc.activities[-1].text == "Ny aktivitet efter sidbrytning"
    assert doc.activities[-1].end == date(2026, 3, 31)
    assert any("aktivitetsrad" in w.message for w in doc.warnings)


def test_row_that_cannot_be_placed_is_a_warning_not_silence():
    lines = tertial_report().split("\n")
    at = lines.index(ACTIVITY_HEADER)
    lines[at:at] = [row("Lös rad", "1", "2"), ""]
    doc = parse_text("\n".join(lines))
    assert {w.line for w in doc.warnings} == {at + 1}


def _line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if line.startswith(start))


def test_a_row_with_cells_missing_marks_the_columns_after_the_gap_as_guessed():
    full = row("  Antal besök på bibliotek", "1 204 st", "", "", "2 000 st", "2 100 st", "2 500 st",
               "Ökning", "Tertial 2 2026")
    text = tertial_report().replace(full, row("  Antal besök på bibliotek", "1 204 st", "", "2 000 st",
                                              "2 100 st", "2 500 st", "Ökning", "Tertial 2 2026"))
    indicator = parse_text(text).indicators[0]
    assert indicator.outcome.value == Decimal("1204") and "outcome" not in indicator.inferred
    assert {"previous", "forecast", "target", "kf_target", "period"} <= set(indicator.inferred)
    warned = [w for w in parse_text(text).warnings if w.line == _line_of(text, "  Antal besök")]
    assert any("kolumnerna därefter är gissade" in w.message for w in warned)


def test_a_header_whose_columns_ran_together_marks_every_row_under_it_as_guessed():
    # a reading of a PDF that lost the gap between two heading cells, and between their values
    merged = INDICATOR_HEADER.replace("Periodens utfall\tUtfall män/ pojkar", "Periodens utfall Utfall män/ pojkar")
    text = tertial_report().replace(INDICATOR_HEADER, merged, 1)
    doc = parse_text(text)
    first = doc.indicators[0]
    assert set(first.inferred) >= {"outcome", "outcome_men", "outcome_women", "previous", "period"}
    header_line = _line_of(text, "Indikator\tPeriodens utfall Utfall")
    assert any(w.line == header_line and "flera kolumnrubriker" in w.message for w in doc.warnings)
    assert any(w.line == first.line and "ihopflutna" in w.message for w in doc.warnings)
    assert not doc.indicators[1].inferred  # the next table has a clean header of its own


def test_activity_dates_run_together_are_read_as_guesses_with_a_warning():
    text = tertial_report().replace(
        row(" Utöka öppettiderna", "2026-01-01", "2026-12-31", ""),
        row(" Utöka öppettiderna", "2026-01-01 2026-12-", "31", ""))
    doc = parse_text(text)
    activity = doc.activities[-1]
    assert (activity.start, activity.inferred) == (date(2026, 1, 1), ("start", "end"))
    assert activity.deviation == ""
    assert any(w.line == activity.line and "datumen i aktivitetsraden" in w.message for w in doc.warnings)


def test_a_period_placed_by_its_kind_that_is_not_the_reports_year_is_a_guess():
    # "1945" is what is left of "1945 GWh" when the reader cut the row before its unit
    text = tertial_report().replace(INDICATOR_HEADER, INDICATOR_HEADER.replace("\t", " "), 1).replace(
        row("  Antal besök på bibliotek", "1 204 st", "", "", "2 000 st", "2 100 st", "2 500 st",
            "Ökning", "Tertial 2 2026"),
        "Antal besök på bibliotek 1 204 st 2 000 st 1945")
    doc = parse_text(text)
    indicator = next(i for i in doc.indicators if i.name.startswith("Antal besök"))
    assert indicator.period == "1945" and "period" in indicator.inferred
    assert any("inte rapportens år 2026" in w.message for w in doc.warnings if w.line == indicator.line)


def test_a_row_with_nothing_but_its_period_has_its_cells_guessed():
    """Text without TABs: "Antal besök på bibliotek 2026" holds a name and a period, its values
    elsewhere (pdfminer gives them lines further on), so the period is no more certain than they."""
    text = tertial_report().replace(INDICATOR_HEADER, INDICATOR_HEADER.replace("\t", " "), 1).replace(
        row("  Antal besök på bibliotek", "1 204 st", "", "", "2 000 st", "2 100 st", "2 500 st",
            "Ökning", "Tertial 2 2026"), "Antal besök på bibliotek Tertial 2 2026")
    doc = parse_text(text)
    indicator = next(i for i in doc.indicators if i.name == "Antal besök på bibliotek")
    assert indicator.period == "Tertial 2 2026" and "period" in indicator.inferred
    assert any("bara perioden" in w.message for w in doc.warnings if w.line == indicator.line)


_TABLESS_ACTIVITY_HEADER = ACTIVITY_HEADER.replace("\t", " ")


def _tabless_activity(lines: str):
    """The report with its activity tables without TABs, the row "Utöka öppettiderna" given as
    ``lines``; the document and that activity."""
    text = tertial_report().replace(ACTIVITY_HEADER, _TABLESS_ACTIVITY_HEADER).replace(
        row(" Utöka öppettiderna", "2026-01-01", "2026-12-31", ""), lines)
    doc = parse_text(text)
    return doc, next(a for a in doc.activities if a.text.startswith("Utöka"))


def test_an_activity_rows_icon_after_its_dates_stays_with_it_over_a_page_break():
    """pdftotext -raw gives an activity's icon on a line of its own after its dates: it is the
    row's, and the table goes on after the page break, where the rest of the row's name stands."""
    _, activity = _tabless_activity(f"Utöka öppettiderna för 2026-01-01 2026-12-31\n✓\nSida 3 av 9\n"
                                    f"\f{_TABLESS_ACTIVITY_HEADER}\nlånen och läsesalen")
    assert (activity.text, activity.icons, activity.end) == ("Utöka öppettiderna för lånen och läsesalen", "✓",
                                                             date(2026, 12, 31))


def test_an_activity_status_with_its_icon_after_the_word_is_the_rows():
    """pypdf gives LibreOffice's status cell as "Genomförd✓" on a line after the dates: the row's
    status, and the table goes on over the page break with the rest of the row's name."""
    _, activity = _tabless_activity(f"Utöka öppettiderna för\n2026-01-01 2026-12-31\n Genomförd✓\n\f\n"
                                    f"{_TABLESS_ACTIVITY_HEADER}\nlånen och läsesalen")
    assert (activity.text, activity.status, activity.deviation) == (
        "Utöka öppettiderna för lånen och läsesalen", ActivityStatus.GENOMFORD, "")


def test_dates_left_over_after_an_activity_row_make_its_dates_a_guess():
    doc, activity = _tabless_activity("Utöka öppettiderna\n\n2026-01-01 2026-12-31\n\n2026-02-01 2026-06-30")
    assert activity.text == "Utöka öppettiderna" and activity.inferred == ("start", "end")
    assert any("2026-02-01 2026-06-30" in w.message and "start- och slutdatum är gissade" in w.message
               for w in doc.warnings if w.line == activity.line)


# -- bad input -------------------------------------------------------------------------------

def test_not_a_report(tmp_path):
    path = tmp_path / "inköpslista.txt"
    path.write_text("Mjölk\nBröd\nOst\n", encoding="utf-8")
    with pytest.raises(ReportError) as error:
        parse_file(path)
    assert error.value.source == str(path) and error.value.line == 1
    assert "inköpslista.txt:1:" in str(error.value)


def test_binary_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"Tertialrapport\n\x00\x01\x02binary")
    with pytest.raises(ReportError, match="binär"):
        parse_file(path)


def test_garbled_line_is_named(tmp_path):
    lines = tertial_report().split("\n")
    lines[30] = "\x01\x02\x03\x04 garbage"
    path = tmp_path / "garbled.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ReportError) as error:
        parse_file(path)
    assert error.value.line == 31


def test_report_cut_before_its_goals(tmp_path):
    lines = tertial_report().split("\n")
    cut = lines.index("Uppföljning av Kommunfullmäktiges inriktningsmål")
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:cut]), encoding="utf-8")
    with pytest.raises(ReportError, match="avkortad") as error:
        parse_file(path)
    assert error.value.line == cut


def test_report_cut_before_the_last_part_its_contents_list(tmp_path):
    toc = "\n".join(["Innehållsförteckning", ""] + [
        row(title, str(page)) for page, title in enumerate(
            ["Sammanfattande analys", "Uppföljning av Kommunfullmäktiges inriktningsmål",
             "KF:s inriktningsmål: 4. En kulturstad för alla", "Uppföljning av ekonomi",
             "Uppföljning av driftbudget"], start=3)] + [""])
    text = tertial_report().replace("Bilagor\n", toc + "\nBilagor\n")
    assert parse_text(text).economy  # whole: parses
    cut = text[: text.index("Uppföljning av ekonomi\n\nUppföljning av driftbudget")]
    with pytest.raises(ReportError, match="innehållsförteckningen"):
        parse_text(cut, source="cut.txt")


def test_missing_committee_asks_for_one():
    text = tertial_report().replace(" för Kulturnämnden", "").replace("Till\nKulturnämnden\n", "")
    with pytest.raises(ReportError, match="--committee"):
        parse_text(text, source="x.txt")
    assert parse_text(text, committee="Kulturnämnden").committee == "Kulturnämnden"


def test_a_section_heading_may_end_in_a_little_word_when_a_sentence_follows():
    # "… som behöver det" is a heading when a sentence of its own follows; a paragraph cut off in
    # mid-sentence ("… arbetar vi med") goes on in lower case and is read as one.
    sections = "\n".join(["Stöd", "", "Första stycket.", "",
                          "En förskola som ger stöd till de barn som behöver det", "",
                          "Barn som behöver stöd ska få det.", "", "Under året arbetar vi med", "",
                          "språket i förskolan.", ""])
    text = tertial_report().replace("Analys\n\nMålet bedöms uppfyllas delvis under året.\n",
                                    "Analys\n\nMålet bedöms uppfyllas delvis under året.\n\n" + sections)
    kf = parse_text(text).goal("4.2")
    assert [(s.heading, s.text) for s in kf.sections] == [
        ("Stöd", "Första stycket."),
        ("En förskola som ger stöd till de barn som behöver det",
         "Barn som behöver stöd ska få det.\nUnder året arbetar vi med språket i förskolan.")]


def test_a_row_cut_by_a_page_break_continues_after_the_repeated_header():
    """A ruled table cut across a row: its name's rest and a cut value stand under the repeated
    header, on a row without a period; they go on the row before, and a warning says so."""
    text = tertial_report().replace(
        row("  Andel nöjda besökare", "81 %", "79 %", "84 %", "80 %", "", "85 %", "Tas fram av nämnd", "2026"),
        "\n".join([row("  Andel nöjda", "81 %", "79 %", "84 %", "80 %", "", "85 %", "Tas fram av", "2026"),
                   "\f", INDICATOR_HEADER, row("besökare", "", "", "", "", "", "", "nämnd", "")]))
    result = parse_text(text, source="kultur.txt")
    [cut] = [i for i in result.indicators if i.name.startswith("Andel nöjda")]
    assert (cut.name, cut.kf_target.kind, cut.period) == ("Andel nöjda besökare", TargetKind.SET_BY_COMMITTEE, "2026")
    assert any("'besökare'" in w.message and "resten av raden" in w.message for w in result.warnings)


def test_a_row_with_a_period_under_a_repeated_header_is_a_row_of_its_own():
    text = tertial_report().replace(
        row("  Andel nöjda besökare", "81 %", "79 %", "84 %", "80 %", "", "85 %", "Tas fram av nämnd", "2026"),
        "\n".join([row("  Andel nöjda", "81 %", "79 %", "84 %", "80 %", "", "85 %", "Tas fram av nämnd", "2026"),
                   "\f", INDICATOR_HEADER, row("Antal lån", "5 st", "", "", "", "", "", "", "2026")]))
    names = [i.name for i in parse_text(text, source="kultur.txt").indicators]
    assert "Andel nöjda" in names and "Antal lån" in names


def test_an_economy_label_cut_from_its_row_goes_back_to_it():
    text = tertial_report().replace(row("Intäkter", "-414,8", "-474,5", "59,7"),
                                    "\n".join([row("Intäkter från", "-414,8", "-474,5", "59,7"),
                                               row("försäljning", "", "", "")]))
    result = parse_text(text, source="kultur.txt")
    [table] = result.economy
    assert [r.label for r in table.rows] == ["Kostnader", "Intäkter från försäljning", "Netto"]
    assert any("'försäljning'" in w.message for w in result.warnings)


def test_an_economy_row_with_fewer_cells_than_columns_says_its_columns_are_a_guess():
    """A table rebuilt from a PDF may lose a row's empty cells: its values are kept in order,
    and a warning names the row, since which columns they belong to is not known."""
    text = tertial_report().replace(row("Intäkter", "-414,8", "-474,5", "59,7"), "Intäkter\t-474,5\t59,7")
    result = parse_text(text, source="kultur.txt")
    [table] = result.economy
    [intakter] = [r for r in table.rows if r.label == "Intäkter"]
    [warning] = [w for w in result.warnings if "'Intäkter'" in w.message]
    assert warning.line == intakter.line and "2 celler" in warning.message and "3 kolumner" in warning.message
    assert not [w for w in parse_text(tertial_report(), source="kultur.txt").warnings if "ekonomiraden" in w.message]


def test_symbol_font_bullets_are_list_marks():
    """Word's and LibreOffice's bullets in the Symbol font come out of a PDF as U+F0B7."""
    text = tertial_report().replace("- Längre öppettider\n- Fler besökare", "\uf0b7 Längre öppettider\n\uf0b7 Fler besökare")
    [goal] = [g for g in parse_text(text, source="kultur.txt").goals if g.number == "4.2.1"]
    assert goal.expected_results == ["Längre öppettider", "Fler besökare"]


# -- tables an extractor scrambled (text.scrambled) -------------------------------------------

_GOAL = ["Tertialrapport Tertial 1 2024 för Kulturnämnden", "",
         "KF:s inriktningsmål: 1. Ett Stockholm som håller samman", "Uppfylls helt",
         "KF:s mål för verksamhetsområdet: 1.1 Alla ska ha tillgång till kultur", "Uppfylls helt"]
_REBUILT = "är återbyggd ur dem"


def _scrambled(lines: list[str]):
    return parse_text("\n".join([*_GOAL, *lines]))


def _rebuilt_and_warned(doc, item) -> bool:
    return any(w.line == item.line and _REBUILT in w.message for w in doc.warnings)


def test_a_name_interleaved_with_its_values_and_the_header_is_rebuilt_and_guessed():
    # pdftotext's default mode: header cells broken over lines among the row's text and values
    doc = _scrambled(["Indikator", "Perio-", "dens ut-", "fall", "Andel barn som lever i fa-", "0,2 %",
                      "miljer med bistånd", "Utfall", "VB", "2023", "Prognos", "helår", "Årsmål", "KF:s",
                      "årsmål", "Period", "0,3 %", "2,7 % Tertial 1", "2024"])
    (indicator,) = doc.indicators
    assert (indicator.name, indicator.period) == ("Andel barn som lever i familjer med bistånd", "Tertial 1 2024")
    assert set(indicator.inferred) >= {"outcome", "previous", "target", "kf_target", "period"}
    assert _rebuilt_and_warned(doc, indicator)
    assert not any("kunde inte placeras" in w.message for w in doc.warnings)


def test_names_before_their_values_are_rebuilt_in_order_counted_by_their_periods():
    # pdfminer: the names of a table one after another (a wrapped line ends with a space), then the
    # values of each row up to its period
    header = ["Indikator", "Periodens utfall Utfall män/ pojkar", "Årsmål", "Period"]
    names = ["Andel nöjda besö-", "kare", "Antal lån per ", "invånare", "Antal utställningar"]
    values = ["81 %", "80 %", "Tertial 1", "2024", "○ Kan inte be-", "dömas", "3 st", "5 st", "2024", "12", "2024"]
    doc = _scrambled([*header, *names, *values])
    assert [(i.name, i.period) for i in doc.indicators] == [
        ("Andel nöjda besökare", "Tertial 1 2024"), ("Antal lån per invånare", "2024"),
        ("Antal utställningar", "2024")]
    assert all(i.inferred and _rebuilt_and_warned(doc, i) for i in doc.indicators)
    # one period fewer than names: the rows cannot be counted, so none is rebuilt
    doc = _scrambled([*header, *names, *values[:-1]])
    assert not any(_REBUILT in w.message for w in doc.warnings)


def test_a_cell_broken_over_lines_beside_another_is_completed_and_stays_out_of_the_name():
    doc = _scrambled(["Indikator", "Andel avtal som", "följs upp", "Årsmål", "KF:s årsmål", "Period",
                      "Tas fram Tertial 1", "av 2024", "nämnd/", "styrelse"])
    (indicator,) = doc.indicators
    assert (indicator.name, indicator.period) == ("Andel avtal som följs upp", "Tertial 1 2024")
    assert indicator.target.kind is TargetKind.SET_BY_COMMITTEE or indicator.kf_target.kind is \
        TargetKind.SET_BY_COMMITTEE
    assert "target" in indicator.inferred and _rebuilt_and_warned(doc, indicator)


def test_activity_dates_before_the_names_go_to_the_rows_in_order_the_earlier_as_start():
    # pdfminer: the header's dates before "Aktivitet", each row's end before its start
    doc = _scrambled(["Startdatum Slutdatum Avvikelse", "", "Aktivitet", "Öppna ett bibliotek i",
                      "varje stadsdel", "Ordna en läsfestival", "", "2024-12-31", "2024-01-01",
                      "2024-06-30", "2024-02-01"])
    assert [(a.text, a.start, a.end) for a in doc.activities] == [
        ("Öppna ett bibliotek i varje stadsdel", date(2024, 1, 1), date(2024, 12, 31)),
        ("Ordna en läsfestival", date(2024, 2, 1), date(2024, 6, 30))]
    assert all(a.inferred == ("start", "end") and _rebuilt_and_warned(doc, a) for a in doc.activities)


def test_a_value_no_rebuilt_row_can_take_is_warned_as_a_stray_cell():
    doc = _scrambled(["Indikator", "Andel nöjda", "Årsmål", "Period", "80 %", "2024", "75 %"])
    (indicator,) = doc.indicators
    assert indicator.name == "Andel nöjda" and _rebuilt_and_warned(doc, indicator)
    assert any("'75 %'" in w.message and "kunde inte placeras" in w.message for w in doc.warnings)


def test_an_analysis_cut_by_cells_goes_on_after_them_and_a_sentence_may_end_its_line():
    doc = _scrambled(["Aktivitet", "Öppna ett bibliotek", "Startdatum", "Slutdatum",
                      "Analys: Arbetet har börjat och beräknas vara klart", "2024-01-01", "2024-12-31",
                      "under hösten.", "Ordna en läsfestival", "Analys: Festivalen hålls i maj.",
                      "Den blir större i år.", "2024-03-01", "2024-05-31"])
    assert [(a.text, a.analysis) for a in doc.activities] == [
        ("Öppna ett bibliotek", "Arbetet har börjat och beräknas vara klart under hösten."),
        ("Ordna en läsfestival", "Festivalen hålls i maj. Den blir större i år.")]
    # the line the analysis went on to past its sentence might as well have begun a row: it is named
    assert any("'Den blir större i år.'" in w.message and "analysen" in w.message for w in doc.warnings)


def _unread(doc) -> list[str]:
    return [w.message for w in doc.warnings if "kunde inte läsas" in w.message or "läst som en del av" in w.message]


def test_each_name_of_tables_that_cannot_be_rebuilt_is_warned_once():
    # one period fewer than names: no row is rebuilt, and no reader reads them whole
    header = ["Indikator", "Periodens utfall Utfall män/ pojkar", "Årsmål", "Period"]
    names = ["Andel nöjda besö-", "kare", "Antal lån per ", "invånare", "Antal utställningar"]
    values = ["81 %", "80 %", "Tertial 1", "2024", "3 st", "5 st", "2024", "12"]
    doc = _scrambled([*header, *names, *values, "Aktivitet", "Startdatum", "Ordna en läsfestival", "2024-01-01",
                      "2024-12-31"])
    imported = {i.name for i in doc.indicators}
    for name in ("Andel nöjda besökare", "Antal lån per invånare", "Antal utställningar"):
        assert name in imported or sum(f"'{name}'" in message for message in _unread(doc)) == 1, name


def test_a_lower_case_table_word_goes_on_with_the_name_before_it():
    doc = _scrambled(["Aktivitet", "Barnen erbjuds en kultur-", "aktivitet per termin.", "Ordna en läsfestival",
                      "Startdatum", "2024-01-01", "Slutdatum", "2024-12-31", "2024-02-01", "2024-06-30"])
    assert [(a.text, a.start) for a in doc.activities] == [
        ("Barnen erbjuds en kulturaktivitet per termin.", date(2024, 1, 1)),
        ("Ordna en läsfestival", date(2024, 2, 1))]


def test_a_lone_token_with_a_digit_goes_on_with_the_name_before_it():
    doc = _scrambled(["Indikator", "Nämndens prognossäkerhet", "T2", "Andel nöjda", "Årsmål", "Period",
                      "1 %", "2024", "80 %", "2024"])
    assert [i.name for i in doc.indicators] == ["Nämndens prognossäkerhet T2", "Andel nöjda"]


def test_a_header_label_broken_after_a_soft_hyphen_is_no_name():
    doc = _scrambled(["Indikator", "Andel nöjda", "Årsmål", "KF:s års\xad Period", "mål", "80 %", "75 %", "2024"])
    assert [i.name for i in doc.indicators] == ["Andel nöjda"]


def test_a_plans_frequencies_end_its_rows_and_the_header_year_is_no_period():
    # a verksamhetsplan: "Periodicitet" instead of a period, the year of "KF:s årsmål år" on a line of its own
    doc = _scrambled(["Indikator", "Andel nöjda besökare", "Andel barn med bistånd", "Årsmål", "KF:s årsmål år",
                      "Periodicitet", "2025", "69 %", "69 % År", "1,2 %", "2,7 % Tertial"])
    assert [(i.name, i.frequency) for i in doc.indicators] == [
        ("Andel nöjda besökare", "År"), ("Andel barn med bistånd", "Tertial")]
    assert all("frequency" in i.inferred and _rebuilt_and_warned(doc, i) for i in doc.indicators)


def test_a_bound_broken_from_its_number_is_a_value_and_no_name():
    doc = _scrambled(["Indikator", "Antal personal", "Årsmål", "KF:s årsmål år", "Periodicitet", "2025", "10",
                      "Max", "10 personer År"])
    (indicator,) = doc.indicators
    assert (indicator.name, indicator.frequency) == ("Antal personal", "År") and _rebuilt_and_warned(doc, indicator)
    # the bound takes one number: the year after it is the row's period
    doc = _scrambled(["Indikator", "Antal personal", "Antal besök", "Årsmål", "Period", "10", "Max 10 2024",
                      "personer", "5", "2024"])
    assert [(i.name, i.period) for i in doc.indicators] == [("Antal personal", "2024"), ("Antal besök", "2024")]


def test_a_function_word_alone_on_a_line_ends_the_name():
    # the line had room for more: the name ends there, though "från" would go on
    doc = _scrambled(["Aktivitet", "Öppna ett bibliotek som utgår", "från", "Ordna en läsfestival", "Startdatum",
                      "2024-01-01", "Slutdatum", "2024-12-31", "2024-02-01", "2024-06-30"])
    assert [a.text for a in doc.activities] == ["Öppna ett bibliotek som utgår från", "Ordna en läsfestival"]


def test_a_periods_vb_after_a_cell_is_the_period_and_the_headers_is_a_label():
    # a verksamhetsberättelse: "fall VB" / "2021" is the header's, "2,7 % VB 2022" the row's period
    doc = _scrambled(["Indikator", "Andel nöjda", "Antal besök", "Perio-", "dens ut-", "fall", "Utfall", "fall VB",
                      "2021", "Period", "2,6 %", "2,7 % VB 2022", "12", "14 VB 2022"])
    assert [(i.name, i.period) for i in doc.indicators] == [("Andel nöjda", "VB 2022"), ("Antal besök", "VB 2022")]
    assert all(_rebuilt_and_warned(doc, i) for i in doc.indicators)


def test_a_header_word_broken_at_a_soft_hyphen_is_the_headers():
    doc = _scrambled(["Indikator", "Andel nöjda", "Perio\xad", "dens ut\xad", "fall", "Årsmål", "Period",
                      "80 %", "75 %", "2024"])
    assert [i.name for i in doc.indicators] == ["Andel nöjda"]


def test_a_periods_vb_at_a_line_end_after_a_cell_waits_for_its_year():
    doc = _scrambled(["Indikator", "Andel nöjda", "Antal besök", "Utfall", "fall VB", "2021", "Årsmål", "Period",
                      "2,7 % VB 2022", "Tas fram av nämnd VB", "2022"])
    assert [(i.name, i.period) for i in doc.indicators] == [("Andel nöjda", "VB 2022"), ("Antal besök", "VB 2022")]


def test_a_capital_after_a_full_line_goes_on_where_the_names_are_more_than_the_rows():
    lines = ["Aktivitet", "Parklekarna och förskolorna sätter i samband med Nobel Week", "Lights upp belysning.",
             "Ordna en läsfestival för alla barn i stadsdelsområdet.", "Startdatum", "2024-01-01", "Slutdatum",
             "2024-12-31", "2024-02-01", "2024-06-30"]
    doc = _scrambled(lines)
    assert [a.text for a in doc.activities] == [
        "Parklekarna och förskolorna sätter i samband med Nobel Week Lights upp belysning.",
        "Ordna en läsfestival för alla barn i stadsdelsområdet."]
    assert any("'Lights upp belysning.'" in w.message and "är gissat" in w.message
               for w in doc.warnings)
    # a short line ended its name: no join is guessed, and each name is warned of
    doc = _scrambled([lines[0], "Sätta upp belysning", *lines[2:]])
    assert not any("är gissat (namnen" in w.message for w in doc.warnings)
    imported = {a.text for a in doc.activities}
    for name in ("Sätta upp belysning", "Lights upp belysning.", "Ordna en läsfestival för alla barn i stadsdelsområdet."):
        assert name in imported or any(f"'{name}'" in w.message for w in doc.warnings), name


def test_a_lone_capitalised_word_after_a_full_line_goes_on_before_any_other_capital():
    # pdftotext's default mode: the names one column, their lines as the column wrapped them; two
    # capitals after full lines, one name too many: the lone word is the wrapped one
    doc = _scrambled(["Indikator", "Andel vuxna med långvarigt", "ekonomiskt bistånd jämfört", "med samtliga vuxna invånare",
                      "Antal aspiranter som fått", "Stockholmsjobb", "Årsmål", "Period", "1,4 %", "2022", "32 st",
                      "2022"])
    assert [i.name for i in doc.indicators] == [
        "Andel vuxna med långvarigt ekonomiskt bistånd jämfört med samtliga vuxna invånare",
        "Antal aspiranter som fått Stockholmsjobb"]
    assert any("'Stockholmsjobb'" in w.message and "är gissat" in w.message for w in doc.warnings)


def test_a_name_beginning_with_an_acronyms_compound_after_a_line_is_the_wrapped_rest():
    doc = _scrambled(["Indikator", "Indexvärde för det lokala", "ANDT-förebyggande arbetet", "Andel nöjda besökare",
                      "Årsmål", "Period", "93", "2022", "80 %", "2022"])
    assert [i.name for i in doc.indicators] == ["Indexvärde för det lokala ANDT-förebyggande arbetet",
                                                "Andel nöjda besökare"]


def test_a_unit_alone_right_after_a_names_line_ends_the_name():
    # pdftotext's default mode: "timmar" is a unit, but here the name's last word
    doc = _scrambled(["Indikator", "Andelen arbetade timmar av", "timavlönad personal i förhål-",
                      "lande till samtliga arbetade", "timmar", "Andel nöjda", "Årsmål", "Period", "20 %", "2022",
                      "80 %", "2022"])
    assert [i.name for i in doc.indicators] == [
        "Andelen arbetade timmar av timavlönad personal i förhållande till samtliga arbetade timmar", "Andel nöjda"]


def test_a_quantity_counted_in_words_after_a_preposition_is_the_names():
    doc = _scrambled(["Indikator", "Andel kallade till samtal in-", "om 48 timmar", "Andel nöjda", "Årsmål",
                      "Period", "100 %", "VB 2022", "80 %", "VB 2022"])
    called, content = doc.indicators
    assert (called.name, str(called.target.text)) == ("Andel kallade till samtal inom 48 timmar", "100 %")
    assert content.name == "Andel nöjda"


def test_a_year_like_number_with_a_unit_is_a_value_not_a_period():
    doc = _scrambled(["Indikator", "Totalt köpt energi", "Andel nöjda", "Årsmål", "KF:s årsmål", "Period",
                      "1,5 GWh 1945 GWh 2022", "80 % 2022"])
    energy, content = doc.indicators
    assert (energy.name, str(energy.kf_target.text), energy.period) == ("Totalt köpt energi", "1945 GWh", "2022")
    assert (content.name, content.period) == ("Andel nöjda", "2022")


def test_an_analysis_a_page_break_cut_goes_on_after_the_repeated_header_and_its_cells():
    # pdfminer: the analysis's rest, set over the page's width, after the next page's header and cells
    wide = "förvaltningen att ge stöd för att avhysning förhindras, t.ex. dödsbon och lägenheter som varit övergivna"
    doc = _scrambled(["Indikator", "Årsmål", "Period", "50 %", "Andel avhysningar som kun-", "nat avvärjas i tid",
                      "Analys: Målet höjdes för 2022 till 50% från tidigare 40% och arbetet sker i huvudsak innan ",
                      "2022", "\fIndikator", "Årsmål", "Period", "80 %", "2022", wide, "Andel nöjda"])
    evictions = doc.indicators[0]
    assert evictions.name == "Andel avhysningar som kunnat avvärjas i tid"
    assert f"innan {wide}" in evictions.analysis


def test_a_name_ending_in_the_word_for_year_ends_there():
    # "år" (year) folds as "är" (is) does; only "är" makes the next capital go on with the name
    doc = _scrambled(["Indikator", "Andel mätningar två gånger per år", "Andel nöjda", "Årsmål", "Period",
                      "80 %", "2024", "75 %", "2024"])
    assert [i.name for i in doc.indicators] == ["Andel mätningar två gånger per år", "Andel nöjda"]


def test_a_year_after_an_activity_name_that_goes_on_ends_the_name():
    doc = _scrambled(["Aktivitet", "Övergå till parkskötsel i egen regi från", "2025", "Ordna en läsfestival",
                      "Startdatum", "2025-01-01", "Slutdatum", "2025-12-31", "2025-02-01", "2025-06-30"])
    assert [a.text for a in doc.activities] == ["Övergå till parkskötsel i egen regi från 2025", "Ordna en läsfestival"]


def test_a_word_target_in_lower_case_before_its_period_is_a_cell():
    doc = _scrambled(["Indikator", "Andel nöjda", "Antal besök", "Årsmål", "Period", "80 %", "öka 2022", "12",
                      "2022"])
    assert [(i.name, i.period) for i in doc.indicators] == [("Andel nöjda", "2022"), ("Antal besök", "2022")]


def test_a_line_far_wider_than_the_names_column_goes_on_with_the_analysis():
    # pdftotext sets an analysis over the page's width, the names in a narrow column; a sentence
    # ends each analysis's first line (more than the two the count may let go on)
    names = ["Andel brukare som inte", "upplever diskriminering", "Antal besök per", "invånare", "Andel nöjda med",
             "insatsen"]
    analysis = ["Analys: Utfallet understiger målvärdet men ligger över stadens genomsnitt sedan 2016.",
                "Boendestödet och sysselsättningen har goda utfall medan gruppboendena har lägre resultat."]
    doc = _scrambled(["Indikator", *names, "Årsmål", "Period", "80 %", "2022", *analysis, "12", "2022", *analysis,
                      "90 %", "2022", *analysis])
    assert [i.name for i in doc.indicators] == ["Andel brukare som inte upplever diskriminering",
                                                "Antal besök per invånare", "Andel nöjda med insatsen"]


def test_a_capital_after_a_function_word_begins_a_name_where_the_names_are_fewer_than_the_rows():
    doc = _scrambled(["Aktivitet", "Följa upp att de som har rätt till förtur får tillgång till det",
                      "Socialnämnden ska ta fram ett processtöd", "Startdatum", "2022-01-01", "Slutdatum",
                      "2022-12-31", "2022-02-01", "2022-06-30"])
    assert [a.text for a in doc.activities] == ["Följa upp att de som har rätt till förtur får tillgång till det",
                                                "Socialnämnden ska ta fram ett processtöd"]
    assert any("'Socialnämnden ska ta fram ett processtöd'" in w.message and "är gissat" in w.message
               for w in doc.warnings)



def test_barn_alone_on_a_line_ends_a_name_and_begins_no_unit():
    # "barn" begins the unit "barn/ avd." but, like "personer", may well end a name
    doc = _scrambled(["Indikator", "Antal vräkningar som berör", "barn", "Andel nöjda", "Årsmål", "Period",
                      "4", "2022", "80 %", "2022"])
    assert [i.name for i in doc.indicators] == ["Antal vräkningar som berör barn", "Andel nöjda"]


def test_a_new_indicators_name_before_the_last_ones_period_rebuilds_the_table():
    # pdfminer (a wrapped line ends with a space): the first row's period after the second row's name
    doc = _scrambled(["Indikator", "Utfall VB 2023", "Årsmål", "Prognos helår", "KF:s årsmål Period",
                      "  Klimatpåverkan från upphandlade livsmedel", "1,56 kg", "1,6 kg ",
                      "  Köpt energi i stadens organisation", "2024", "3,42 GWh", "2024"])
    assert [i.name for i in doc.indicators] == ["Klimatpåverkan från upphandlade livsmedel",
                                                "Köpt energi i stadens organisation"]
    assert all(_rebuilt_and_warned(doc, i) and "period" in i.inferred for i in doc.indicators)


def test_the_rest_of_a_cell_begun_further_on_may_have_cells_after_it():
    # pdfminer: "Tas fram " of a target stands after the next row's name and a header word, its rest
    # "av nämnd/styrelse" before the period on the line right after the name
    doc = _scrambled(["Indikator", "Utfall VB 2023", "Årsmål", "  Andel elektroniska inköp", "av nämnd/styrelse 2024",
                      "  Andel upphandlade avtal där uppföljning genomförts", "72,84 %", "KF:s årsmål Period",
                      "70 % Tas fram ", "2024"])
    assert [i.name for i in doc.indicators] == ["Andel elektroniska inköp",
                                                "Andel upphandlade avtal där uppföljning genomförts"]


def test_a_name_begun_after_the_header_repeated_is_the_last_names_rest_where_the_names_are_one_too_many():
    # pdfminer: the export broke the last name at a page, repeating the header; its rest follows
    # the repeated header and an analysis whose last line ("56.") is a sentence's rest
    doc = _scrambled(["Indikator", "Årsmål", "  Andel nöjda vårdnadshavare", "KF:s årsmål Period", "92 % ", "2024",
                      " Preventionsindex mini - indexvärde för nämndens", "56", "2024", "Indikator", "Årsmål",
                      "KF:s årsmål Period", "ANDTS-förebyggande arbete", "Analys",
                      "Förvaltningen föreslår att årsmålet ändras från nuvarande 74 till", "56."])
    assert [i.name for i in doc.indicators] == [
        "Andel nöjda vårdnadshavare", "Preventionsindex mini - indexvärde för nämndens ANDTS-förebyggande arbete"]
    assert doc.indicators[1].analysis.endswith("74 till 56.")


def test_a_plans_frequency_before_the_periodicitet_of_the_header_ends_its_row():
    # pdfminer: "Tertial" before the header's "Periodicitet", a target ("3") of the next row after it
    doc = _scrambled(["Indikator", "  Andel avhysningar som kunnat avvärjas", "85 % Tas fram av nämnd Tertial",
                      "KF:s årsmål år 2025", "Periodicitet", "Årsmål", "Indikator", "  Antal barnfamiljer på hotell",
                      "3", "Tas fram av nämnd År"])
    assert [(i.name, i.frequency) for i in doc.indicators] == [("Andel avhysningar som kunnat avvärjas", "Tertial"),
                                                               ("Antal barnfamiljer på hotell", "År")]


def test_a_short_line_without_the_wrap_mark_ends_its_name_after_a_function_word():
    # pdfminer keeps a space where it wrapped a cell: "… från" without one, far shorter than the
    # names' lines, ends the name, and the capital after it begins the next
    doc = _scrambled(["Aktivitet", "Startdatum Slutdatum",
                      "Stadsdelsnämndens förskoleenheter ska genomföra insatser som syftar till att ",
                      "öka kunskaperna om det förhållningssätt som begreppet pedagogiska relationer ",
                      "utgår från", "Stadsdelsnämndens förskoleenheter ska genomföra insatser om våld mot barn i ",
                      "Stockholms förskolor", "2025-01-01 2025-06-20", "Avvikelse", "2025-01-01 2025-06-20"])
    assert [a.text.split()[-3:] for a in doc.activities] == [["relationer", "utgår", "från"],
                                                             ["i", "Stockholms", "förskolor"]]


def test_a_header_in_inline_markup_heads_a_table_rebuilt():
    # the export bolds a header with HTML; pdfminer gives the names before their dates
    doc = _scrambled(["<b>Aktivitet</b> <b>Startdatum</b> <b>Slutdatum</b>",
                      "Stadsdelsnämnden ska genomföra medborgardialoger i syfte att stärka tilliten och",
                      "den lokala demokratin",
                      "Stadsdelsnämnden ska genomföra upprustning av lekplatsen Lugnet utifrån metoden ",
                      "medborgarbudget", "", "2025-01-01 2025-12-31", "", "2025-02-01 2025-06-30"])
    assert [a.text for a in doc.activities] == [
        "Stadsdelsnämnden ska genomföra medborgardialoger i syfte att stärka tilliten och den lokala demokratin",
        "Stadsdelsnämnden ska genomföra upprustning av lekplatsen Lugnet utifrån metoden medborgarbudget"]
    assert all(_rebuilt_and_warned(doc, a) for a in doc.activities)


def test_a_rows_name_after_the_space_of_an_empty_icon_cell_begins_a_row_though_the_last_wrapped():
    # pdfminer: "Sjukfrånvaro " ends with the space it keeps where a cell wraps, yet the next line
    # begins with the space of an empty icon cell before a row's name
    doc = _scrambled(["Indikator", " Sjukfrånvaro ", " Sjukfrånvaro dag 1-14  2,8 %", "", "8,5 % ", "Årsmål",
                      "Period", "Tertial 1 2024", "Tertial 1 2024"])
    assert [i.name for i in doc.indicators] == ["Sjukfrånvaro", "Sjukfrånvaro dag 1-14"]


def test_an_analysis_in_html_markup_among_scrambled_rows_is_read_as_one():
    # the export's HTML paragraphs ("<p>Analys</p> <p>…</p>") as pypdf gives them, rows out of their lines
    doc = _scrambled(["Indikator", "Årsmål", "  Andel brukare som inte upplever diskriminering 92 % ",
                      "Period", "öka 2022", "<p>Analys</p> <p>Utfallet understiger målvärdet men ligger över ",
                      "stadens genomsnitt.</p>", "  Antal vräkningar som berör barn 4", "0 2022"])
    assert [i.name for i in doc.indicators] == ["Andel brukare som inte upplever diskriminering",
                                                "Antal vräkningar som berör barn"]
    assert doc.indicators[0].analysis == "Utfallet understiger målvärdet men ligger över stadens genomsnitt."


def test_the_first_rows_lines_between_header_words_and_the_header_are_the_tables():
    # pdfminer: "Avvikelse" and "Startdatum Slutdatum", then the first lines of the rows (after the
    # space of an empty icon cell), then "Aktivitet" and the rest of the last name with its dates
    doc = _scrambled(["Avvikelse", "", "Startdatum Slutdatum", "", " Trygga torg", "",
                      " Asfaltering av cykelstråk inom parkområden fortsätter ", "", "Aktivitet", "✓",
                      "enligt tidigare inventerade behov. 2022-01-01 2022-12-31", "✓", "2022-01-01 2022-10-31"])
    assert [a.text for a in doc.activities] == [
        "Trygga torg", "Asfaltering av cykelstråk inom parkområden fortsätter enligt tidigare inventerade behov."]
    assert all(_rebuilt_and_warned(doc, a) for a in doc.activities)


def test_the_rest_of_a_name_goes_on_the_first_wrapped_name_it_did_not_fit_on():
    # pdfminer: the first lines of two names, then their rests; "inom" would have fitted on the
    # first name's line, so it goes on the second, whose line is full
    doc = _scrambled(["Aktivitet Startdatum Slutdatum",
                      " Genomföra utbildning inom arbetsmiljö för chefer, medarbetare och ",
                      " Erbjuder förvaltningens chefer ett flertal digitala träffar på aktuella teman ",
                      "✓", "inom HR-området", "✓", "skyddsombud 2022-01-01 2022-12-31", "", "2022-01-01 2022-06-30"])
    assert [a.text for a in doc.activities] == [
        "Genomföra utbildning inom arbetsmiljö för chefer, medarbetare och skyddsombud",
        "Erbjuder förvaltningens chefer ett flertal digitala träffar på aktuella teman inom HR-området"]


def test_names_after_the_indicators_periods_among_activity_header_words_are_the_activity_tables():
    # pdfminer: the activity table's first names before its "Aktivitet", among "Avvikelse" and
    # "Startdatum Slutdatum", after the indicator table's rows
    doc = _scrambled(["Indikator", "Årsmål", "KF:s årsmål Period", "● AMI - ledarskap.", "", "80 % 81 %", "", "2022",
                      "", " Genomföra utbildning inom arbetsmiljö för chefer, medarbetare samt ", "",
                      "Avvikelse", " Implementera chefsprofilen",
                      "", "Startdatum Slutdatum", "", "2022-01-01 2022-12-31", "", "Aktivitet", "✓",
                      "deras skyddsombud", "✓", "2022-01-01 2022-06-30"])
    assert [i.name for i in doc.indicators] == ["AMI - ledarskap."]
    assert [a.text for a in doc.activities] == [
        "Genomföra utbildning inom arbetsmiljö för chefer, medarbetare samt deras skyddsombud",
        "Implementera chefsprofilen"]


def test_a_rest_before_the_first_line_of_its_name_goes_on_that_name():
    # pdfminer: the rest of the second name ("verksamheter …") before its first line, after the
    # first name had ended (its last line without the space of a wrap)
    doc = _scrambled(["Aktivitet", " Förstärka samverkan med enheterna för barn och ungdom för att ", "▶",
                      "öka antal barnuppdrag på RVCi.", "▶",
                      "verksamheter inom stöd och service till personer med funktionsnedsättning.", "",
                      " Implementera utbildningsprogrammet VIP i alla ", "", "2024-01-01 2024-12-31", "",
                      "2024-01-01 2024-12-31", "Startdatum Slutdatum"])
    assert [a.text for a in doc.activities] == [
        "Förstärka samverkan med enheterna för barn och ungdom för att öka antal barnuppdrag på RVCi.",
        "Implementera utbildningsprogrammet VIP i alla verksamheter inom stöd och service till personer med "
        "funktionsnedsättning."]


def test_a_names_rest_after_the_repeated_header_stays_an_indicators_before_activity_header_words():
    # as above, then the activity table's header words and "Aktivitet": the rest is no activity's
    doc = _scrambled(["Indikator", "Årsmål", "  Andel nöjda vårdnadshavare", "KF:s årsmål Period", "92 % ", "2024",
                      " Preventionsindex mini - indexvärde för nämndens", "56", "2024", "Indikator", "Årsmål",
                      "KF:s årsmål Period", "ANDTS-förebyggande arbete", "", "Avvikelse", "", "Startdatum Slutdatum",
                      "", "2024-01-01 2024-12-31", "", "Aktivitet", " Ett årshjul för parklekarna ska tas fram."])
    assert [i.name for i in doc.indicators][1] == \
        "Preventionsindex mini - indexvärde för nämndens ANDTS-förebyggande arbete"
    assert [a.text for a in doc.activities] == ["Ett årshjul för parklekarna ska tas fram."]


def test_header_labels_and_a_rows_cells_before_the_first_header_word_are_the_tables():
    # pdfminer: "Årsmål", "Periodicitet", "KF:s årsmål år 2025" and the first row's cells before "Indikator"
    doc = _scrambled(["Årsmål", "", "Periodicitet", "", "KF:s årsmål år 2025", "81 % 81 % År", "", "Indikator",
                      " Andel nöjda omsorgstagare", " Andel nöjda omsorgstagare i dagverksamhet", "",
                      "93 % 93 % År"])
    assert [(i.name, i.frequency) for i in doc.indicators] == [("Andel nöjda omsorgstagare", "År"),
                                                               ("Andel nöjda omsorgstagare i dagverksamhet", "År")]


def test_a_date_glued_to_the_end_of_a_name_is_split_off():
    from ils.importers.text.scrambled import _words

    assert _words("för förpackningar2025-01-01 2025-12-") == ["för", "förpackningar", "2025-01-01", "2025-12-"]
    assert _words("Hållbarhetsrapport 2021-2022") == ["Hållbarhetsrapport", "2021-2022"]


def test_the_width_a_rest_did_not_fit_in_is_the_texts_not_that_of_rows_rebuilt_before():
    # a goal's scrambled table before, rebuilt into a row longer than any line of the text
    before = ["Indikator", "Årsmål", "  Andel barn och ungdomar som kallats till samtal med socialtjänsten ",
              "inom två dygn efter anmälan", "KF:s årsmål Period", "100 % 100 % 100 % 100 % 100 % ", "Tertial 1 2024",
              "Nämndmål: 1.1.1 Chefer har rätt förutsättningar", "Uppfylls helt"]
    doc = _scrambled([*before, "Aktivitet Startdatum Slutdatum",
                      " Genomföra utbildning inom arbetsmiljö för chefer, medarbetare och ",
                      " Erbjuder förvaltningens chefer ett flertal digitala träffar på aktuella teman ",
                      "✓", "inom HR-området", "✓", "skyddsombud 2022-01-01 2022-12-31", "", "2022-01-01 2022-06-30"])
    assert _rebuilt_and_warned(doc, doc.indicators[0])  # its row written as one line, longer than the text's
    assert [a.text for a in doc.activities] == [
        "Genomföra utbildning inom arbetsmiljö för chefer, medarbetare och skyddsombud",
        "Erbjuder förvaltningens chefer ett flertal digitala träffar på aktuella teman inom HR-området"]


def test_rests_given_in_the_rows_order_go_back_to_the_names_listed_by_name():
    # pdfminer, a monospaced text 80 wide: the first lines after the space of an icon cell, two
    # of them in another order than the rows', the rests in the rows' order; "för" would have
    # fitted after "… att starta", so only the rows' order (by name) places every rest
    doc = _scrambled(["Avvikelse", "", "Startdatum Slutdatum", "",
                      "  Idrottsnämnden ska i samråd med stadsdelsnämnderna genomföra en riktad ", "",
                      "Aktivitet", "✓", "informationskampanj till prioriterade målgrupper om vikten av simkunnighet samt ",
                      "visa på det breda utbudet som finns att tillgå 2022-01-01 2022-12-31", "✓",
                      "fritidsbibliotek i minst två stadsdelar", "✓",
                      "för att införa ett gemensamt digitalt ansökningssystem för föreningsbidrag", "",
                      "  Kommunstyrelsen ska i samarbete med stadsdelsnämnderna utreda förutsättningar", "",
                      "  Idrottsnämnden ska vid behov bistå stadsdelsnämnderna med att starta ", "",
                      "2022-01-01 2022-12-31", "", "2022-01-01 2022-12-31"])
    assert sorted(a.text for a in doc.activities) == [
        "Idrottsnämnden ska i samråd med stadsdelsnämnderna genomföra en riktad informationskampanj till "
        "prioriterade målgrupper om vikten av simkunnighet samt visa på det breda utbudet som finns att tillgå",
        "Idrottsnämnden ska vid behov bistå stadsdelsnämnderna med att starta fritidsbibliotek i minst två stadsdelar",
        "Kommunstyrelsen ska i samarbete med stadsdelsnämnderna utreda förutsättningar för att införa ett "
        "gemensamt digitalt ansökningssystem för föreningsbidrag"]
    assert all(_rebuilt_and_warned(doc, a) for a in doc.activities)


def test_a_rest_after_a_repeated_header_goes_on_the_name_the_page_cut_whatever_room_it_left():
    # the report's own page break cut a name after "… och"; pdfminer gives the next page's first
    # row's first line before the repeated header's "Aktivitet" and the cut name's rest after it
    doc = _scrambled(["Aktivitet Startdatum Slutdatum Avvikelse",
                      "  Socialnämnden ska i samarbete med stadsdelsnämnderna utreda införandet av en ",
                      "akademisk socialtjänst där socialsekreterare och", "", "2022-01-01 2022-12-31", "",
                      "Avvikelse", "", "Startdatum Slutdatum", "",
                      "  Socialnämnden ska i samarbete med stadsdelsnämnderna utreda möjligheten till ", "",
                      "Aktivitet", "forskare samlokaliseras i syfte att undersöka och utvärdera socialtjänstens ",
                      "insatser. En pilotverksamhet ska genomföras", "✓",
                      "ökad samordning av handläggning av personlig assistans", "", "2022-01-01 2022-12-31"])
    assert [a.text for a in doc.activities] == [
        "Socialnämnden ska i samarbete med stadsdelsnämnderna utreda införandet av en akademisk socialtjänst "
        "där socialsekreterare och forskare samlokaliseras i syfte att undersöka och utvärdera socialtjänstens "
        "insatser. En pilotverksamhet ska genomföras",
        "Socialnämnden ska i samarbete med stadsdelsnämnderna utreda möjligheten till ökad samordning av "
        "handläggning av personlig assistans"]


def test_an_html_paragraph_among_scrambled_rows_is_an_analysis_not_a_name():
    # pdfminer: an analysis's paragraph ("<p>Då fyra …") without its label among the rows' lines
    doc = _scrambled(["Indikator", "Årsmål", "  Antal vräkningar som berör barn", "", "KF:s årsmål Period", "",
                      "<p>Då fyra vräkningar berört barn har årets mål inte uppnåtts. Årets resultat är",
                      "en försämring från 2021.</p>", "", "4 0 Tas fram av nämnd 2022", "",
                      "  Brukarens upplevelse av trygghet - LSS-boende", "", "75 % 80 % Tas fram av nämnd 2022"])
    assert [i.name for i in doc.indicators] == ["Antal vräkningar som berör barn",
                                                "Brukarens upplevelse av trygghet - LSS-boende"]


def test_a_full_line_keeps_the_lines_right_under_it_though_the_reading_gave_them_to_another_name():
    # pdfminer: a name's first line as wide as the text (no room for the space of a wrap), its
    # rest right under it; a later name's first line wraps and waits for a rest given elsewhere
    doc = _scrambled(["Avvikelse", "", "Startdatum Slutdatum", "", "Aktivitet",
                      "  Äldregruppen ska i samarbete med socialnämnden och stadsdelsnämnderna se till ", "", "✓",
                      "att behovet av personliga ombud inventeras", "",
                      "  Äldregruppen ska i samråd med stadsdelsnämnderna ta fram uppdragsbeskrivningar",
                      "för specifika funktioner utifrån utredningsuppdraget om regionalisering av ",
                      "funktioner", "",
                      "  Äldregruppen ska i samråd med kommunstyrelsen och stadsdelsnämnderna kartlägga ", "", "✓",
                      "och ge förslag på nivå för grundbemanning", "", "2022-01-01 2022-12-31", "",
                      "2022-01-01 2022-12-31", "", "2022-01-01 2022-12-31"])
    assert [a.text for a in doc.activities][1:] == [
        "Äldregruppen ska i samråd med stadsdelsnämnderna ta fram uppdragsbeskrivningar för specifika funktioner "
        "utifrån utredningsuppdraget om regionalisering av funktioner",
        "Äldregruppen ska i samråd med kommunstyrelsen och stadsdelsnämnderna kartlägga och ge förslag på nivå för "
        "grundbemanning"]


def test_rests_go_back_to_first_lines_a_tab_set_in_a_column_of_their_own():
    # pdfminer, rows "✓<TAB>name": no space before a name's first line, so each that begins with a
    # capital and stands in a box of its own is one; the rests come in the rows' order
    doc = _scrambled([
        "Aktivitet", "Dialog med stockholmarna har utförts i avdelningarnas utvalda ", "", "Startdatum Slutdatum", "",
        "Avvikelse", "", "2022-06-01 2022-12-31", "", "Etablera ett innovation- och digitaliseringsforum", "", "✓",
        "innovationsprojekt", "✓", "30", "✓", "thinking.", "✓", "informationssäkerhet och dataskydd. 2022-01-01 2022-08-31",
        "Översyn av nämndens informationsklassningar.", "✓", "", "2022-01-01 2022-06-01", "",
        "Uppföljning av andel medarbetare som genomgått stadens utbildning i ", "",
        "Respektive avdelning identifierar en utmaning med stöd av metoden Design ", "", "2022-01-01 2022-12-31", "",
        "2022-01-01 2022-04-", "", "\f✓", "dataskyddsförordningen. 2022-01-01 2022-12-31", "",
        "Översyn av nämndens registerförteckningar enligt krav i "])
    assert sorted(a.text for a in doc.activities) == [
        "Dialog med stockholmarna har utförts i avdelningarnas utvalda innovationsprojekt",
        "Etablera ett innovation- och digitaliseringsforum",
        "Respektive avdelning identifierar en utmaning med stöd av metoden Design thinking.",
        "Uppföljning av andel medarbetare som genomgått stadens utbildning i informationssäkerhet och dataskydd.",
        "Översyn av nämndens informationsklassningar.",
        "Översyn av nämndens registerförteckningar enligt krav i dataskyddsförordningen."]


def test_a_rest_after_a_repeated_header_goes_on_the_cut_name_though_its_dates_stand_before_it():
    # the report's page break cut a name after "… ska", its dates printed on that line
    doc = _scrambled(["Aktivitet Startdatum Slutdatum Avvikelse",
                      "  Kommunstyrelsen ska tillsammans med trafiknämnden och stadsdelsnämnderna ",
                      "utreda hur en indikator som mäter hur stor del av stadens växter som är ",
                      "pollinatörsvänliga ska utformas",
                      "  Kommunstyrelsen, exploateringsnämnden, fastighetsnämnden, idrottsnämnden, ",
                      "Stockholm AB, SISAB samt Stockholm Vatten och Avfall AB ska2022-01-01 2022-12-", "31", "",
                      "2022-01-01 2022-12-31", "", "Aktivitet",
                      "fortsätta att arbeta med handlingsplanen för klimatanpassning vid skyfall och ", "",
                      "Startdatum Slutdatum", "", "Avvikelse", "", "  Stockholm Vatten och Avfall AB ska i samarbete med ", "",
                      "värmeböljor", "✓", "kyrkogårdsnämnden utreda förutsättningar att spara vatten", "",
                      "2022-01-01 2022-12-31"])
    assert [a.text for a in doc.activities][1:] == [
        "Kommunstyrelsen, exploateringsnämnden, fastighetsnämnden, idrottsnämnden, Stockholm AB, SISAB samt "
        "Stockholm Vatten och Avfall AB ska fortsätta att arbeta med handlingsplanen för klimatanpassning vid "
        "skyfall och värmeböljor",
        "Stockholm Vatten och Avfall AB ska i samarbete med kyrkogårdsnämnden utreda förutsättningar att spara vatten"]


def test_each_pages_table_tells_its_first_lines_its_own_way():
    # pdfminer: on the first page no row's first line has an icon cell's space (a TAB after the
    # icon), on the next page every one has; each page's rests go back to its own first lines
    doc = _scrambled([
        "Aktivitet", "", "Startdatum Slutdatum", "", "Avvikelse", "",
        "Fastighetsnämnden ska i samarbete med kommunstyrelsen, kulturnämnden och ", "",
        "stadsdelsnämnderna kartlägga och prioritera det långsiktiga investeringsbehovet ", "i stadens parklekar", "",
        "2022-01-01 2022-06-30", "", "Avvikelse", "", "Startdatum Slutdatum", "",
        "  Miljö- och hälsoskyddsnämnden ska i samarbete med trafiknämnden, ", "",
        "  Nämnder och bolagsstyrelser ska omsätta lärdomar från krishantering av ", "", "Aktivitet", "✓",
        "stadsdelsnämnderna och stadens näringsliv ta fram och implementera spetsprojekt ",
        "i tio utpekade platser i staden 2022-01-01 2022-12-31", "✓",
        "pandemin i uppdaterad beredskapsplanering, såsom krisledningsplanering, ",
        "kontinuitetsplanering och krisledningsövningar 2022-01-01 2022-12-31"])
    assert [a.text for a in doc.activities] == [
        "Fastighetsnämnden ska i samarbete med kommunstyrelsen, kulturnämnden och stadsdelsnämnderna kartlägga och "
        "prioritera det långsiktiga investeringsbehovet i stadens parklekar",
        "Miljö- och hälsoskyddsnämnden ska i samarbete med trafiknämnden, stadsdelsnämnderna och stadens näringsliv "
        "ta fram och implementera spetsprojekt i tio utpekade platser i staden",
        "Nämnder och bolagsstyrelser ska omsätta lärdomar från krishantering av pandemin i uppdaterad "
        "beredskapsplanering, såsom krisledningsplanering, kontinuitetsplanering och krisledningsövningar"]


def test_activity_tables_are_rebuilt_alone_where_only_the_indicators_rows_cannot_be_counted():
    # pdfminer: two indicator names, one period; then an activity table whose names and dates
    # are as many (a date's day given before it: "01" … "2022-01-")
    doc = _scrambled(["Indikator", "Årsmål", "  Andel smarta lås i hemtjänsten", "", "KF:s årsmål Period", "",
                      "  Andel trygga omsorgstagare i hemtjänsten", "", "81 % 84 %", "", "2022", "",
                      "Avvikelse", "", "Startdatum Slutdatum", "", "Aktivitet",
                      "  Äldrenämnden ska stötta lämplig stadsdelsnämnd i uppstarten av en ", "✓",
                      "kommunövergripande verksamhet för äldre personer med psykisk ohälsa", "01", "",
                      "  Äldrenämnden ska upphandla sociala besök vid vård- och omsorgsboenden", "",
                      "2022-01-01 2022-12-31", "", "2022-01-", "", "2022-12-31"])
    assert [a.text for a in doc.activities] == [
        "Äldrenämnden ska stötta lämplig stadsdelsnämnd i uppstarten av en kommunövergripande verksamhet för äldre "
        "personer med psykisk ohälsa", "Äldrenämnden ska upphandla sociala besök vid vård- och omsorgsboenden"]
    assert all(_rebuilt_and_warned(doc, a) for a in doc.activities)
    assert [(i.name, i.outcome) for i in doc.indicators] == [("Andel smarta lås i hemtjänsten", None),
                                                             ("Andel trygga omsorgstagare i hemtjänsten", None)]
