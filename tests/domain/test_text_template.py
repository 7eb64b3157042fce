"""The city's template for a report's texts: defaults per document type, the outline of one
document, and imported sections placed into it by heading."""
from __future__ import annotations

from ils.domain import text_template as tt
from ils.domain.model import Period, Section

IMS = [("1", "Ett Stockholm som håller samman"), ("2", "Ett grönt och fossilfritt Stockholm")]


def test_each_document_type_has_the_parts_of_the_real_reports():
    def headings(period):
        return [s.heading for s in tt.default_template(period)]

    assert headings(Period.VP)[:1] == ["Inledning"]
    assert {"Stadens direktiv till samtliga nämnder och bolagsstyrelser", "Systematiskt kvalitetsarbete"} \
        <= set(headings(Period.VP))
    for period in (Period.T1, Period.T2):
        assert headings(period)[:3] == ["Sammanfattande analys", "Nämndens prioriterade arbete",
                                        "Bedömning av måluppfyllelse"]
    vb = headings(Period.VB)
    assert {"Särskilda redovisningar", "Bedömning av nämndens interna kontroll", "Systematiskt kvalitetsarbete",
            "Övrigt"} <= set(vb)
    for period in Period:
        assert tt.template_problems(tt.default_template(period)) == []
    assert any(s.always for s in tt.default_template(Period.VB))


def test_a_per_goal_part_gets_a_block_per_inriktningsmal_under_it():
    parts = tt.instantiate(tt.default_template(Period.T1), IMS)
    blocks = [p for p in parts if p.parent == "bedomning"]
    assert [(b.key, b.heading, b.goal, b.level) for b in blocks] == [
        ("bedomning-1", IMS[0][1], "1", 3), ("bedomning-2", IMS[1][1], "2", 3)]
    assert all(b.required for b in blocks)


def test_sections_fill_parts_by_heading_and_unknown_headings_become_sub_headings():
    parts = tt.instantiate(tt.default_template(Period.T1), IMS)
    sections = [Section("Sammanfattande analys", "", 90), Section("Nämndens prioriterade arbete", "Inledning.", 93),
                Section("Stärka den lokala demokratin", "Medborgarförslag.\n- en punkt", 97),
                Section(IMS[1][1].upper(), "Uppfylls helt.", 137)]
    placed = {p.key: p for p in tt.place_sections(parts, sections, first_goal_line=196)}
    assert placed["prioriterat-arbete"].text == ("Inledning.\n\n## Stärka den lokala demokratin\n\n"
                                                 "Medborgarförslag.\n\n- en punkt")
    assert placed["bedomning-2"].text == "Uppfylls helt." and placed["bedomning-2"].line == 137
    assert placed["sammanfattande-analys"].line == 90 and not any(p.extra for p in placed.values())


def test_a_heading_with_a_year_or_a_subtitle_names_its_part():
    parts = tt.instantiate(tt.default_template(Period.VB), IMS)
    sections = [Section("Fokusområden 2026 – trygghet och klimat", "Fokus.", 120),
                Section("Fokusområdenas budget", "Inte samma del.", 130)]
    placed = {p.heading: p for p in tt.place_sections(parts, sections, first_goal_line=196)}
    assert placed["Fokusområden"].text.startswith("Fokus.") and placed["Fokusområden"].line == 120
    assert "Inte samma del." not in placed["Fokusområden"].text.split("##")[0]


def test_what_matches_no_part_is_kept_as_an_extra_part():
    parts = tt.instantiate(tt.default_template(Period.T1), IMS)
    sections = [Section("", "Text före alla rubriker.", 80), Section("Sammanfattande analys", "Analys.", 90),
                Section("Redovisning av uppdrag", "Efter målen.", 2400)]
    placed = tt.place_sections(parts, sections, first_goal_line=196)
    extras = [p for p in placed if p.extra]
    assert [(p.heading, p.text, p.place) for p in extras] == [
        ("Övrig text", "Text före alla rubriker.", tt.BEFORE_GOALS),
        ("Redovisning av uppdrag", "Efter målen.", tt.AFTER_GOALS)]
    assert placed.index(extras[1]) == len(placed) - 1


def test_a_repeated_heading_is_matched_once_and_then_stays_a_sub_heading():
    parts = tt.instantiate(tt.default_template(Period.VB), IMS)
    sections = [Section("Särskilda redovisningar", "", 2333), Section("Agenda 2030", "", 2335),
                Section("Agenda 2030", "", 2337), Section("Mål 1- Ingen fattigdom", "Text.", 2339)]
    placed = {p.key: p for p in tt.place_sections(parts, sections, first_goal_line=205)}
    assert placed["agenda-2030"].text == "## Agenda 2030\n\n## Mål 1- Ingen fattigdom\n\nText."


def test_template_problems_name_the_part():
    specs = [tt.PartSpec("inledning", "Inledning"), tt.PartSpec("inledning", ""),
             tt.PartSpec("Fel Nyckel", "X", parent="saknas"), tt.PartSpec("ok", "Y\x00", place="mitten")]
    problems = tt.template_problems(specs)
    assert "Del 2 (inledning): rubriken saknas" in problems
    assert any(p.startswith("Del 2") and "finns redan i del 1" in p for p in problems)
    assert any(p.startswith("Del 3") and "a–z" in p for p in problems)
    assert any(p.startswith("Del 3") and "'saknas' måste stå före" in p for p in problems)
    assert any(p.startswith("Del 4") and "styrtecken" in p for p in problems)
    assert any(p.startswith("Del 4") and "placeringen" in p for p in problems)


def test_a_template_round_trips_through_its_stored_data():
    template = tt.default_template(Period.VB)
    assert tt.from_data(tt.to_data(template)) == template


def test_printed_parts_are_those_with_text_and_the_parts_above_them():
    parts = tt.instantiate(tt.default_template(Period.T1), IMS)
    for p in parts:
        if p.key == "bedomning-1":
            p.text = "Bedömningen."
    assert [p.key for p in tt.with_content(parts)] == ["sammanfattande-analys", "bedomning", "bedomning-1"]
