"""The texts' one stored format: the Markdown subset, read into blocks renderers can print."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ils.domain import markup
from ils.domain.markup import Heading, ListBlock, Paragraph, Run


def test_subheadings_paragraphs_lists_and_emphasis_become_blocks():
    blocks = markup.parse("Inledande stycke med **fetstil** och *kursiv*.\n\n## Underrubrik\n\n- en punkt\n- två "
                          "**fet**\n\n1. först\n2. sedan\n\n### Djupare\n\nSista\nraden.")
    assert blocks == [
        Paragraph((Run("Inledande stycke med "), Run("fetstil", bold=True), Run(" och "), Run("kursiv", italic=True),
                   Run("."))),
        Heading(1, "Underrubrik"),
        ListBlock(((Run("en punkt"),), (Run("två "), Run("fet", bold=True)))),
        ListBlock(((Run("först"),), (Run("sedan"),)), ordered=True),
        Heading(2, "Djupare"),
        Paragraph((Run("Sista raden."),)),
    ]


def test_raw_html_links_images_and_code_stay_literal_text():
    text = '<script>alert(1)</script> [länk](javascript:alert(1)) ![bild](x.png) `kod` <b>fet</b>'
    [paragraph] = markup.parse(text)
    assert paragraph == Paragraph((Run(text),))
    assert markup.parse("    indraget\n\n> citat\n\n| a | b |") == [
        Paragraph((Run("indraget"),)), Paragraph((Run("> citat"),)), Paragraph((Run("| a | b |"),))]


def test_control_characters_and_overlong_texts_are_refused_with_a_swedish_reason():
    assert markup.problems("Vanlig text\nmed radbrytning\toch tabb.") == []
    [problem] = markup.problems("a\x00b\x1bc")
    assert "styrtecken" in problem and "U+0000" in problem and "U+001B" in problem
    assert "högst" in markup.problems("x" * (markup.MAX_LENGTH + 1))[0]
    assert markup.problems("\ud800") != []  # a lone surrogate cannot be stored either


def test_imported_plain_text_reads_back_as_the_same_text():
    plain = ("*Bilaga 5: Bilaga 05 Patientsäkerhetsberättelse*\n1. inte en lista\n# inte en rubrik\n"
             "- en punkt\n- en till\nsnake_case och 2 * 3 \\ slut")
    as_markup = markup.from_plain(plain)
    assert markup.plain_text(as_markup) == plain
    assert isinstance(markup.parse(as_markup)[3], ListBlock)


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1),
                max_size=6))
def test_any_line_of_plain_text_survives_the_escape(lines):
    lines = [line.strip() for line in lines if line.strip() and not line.strip().startswith(("-", "–", "•", "*"))]
    text = "\n".join(" ".join(line.split()) for line in lines)
    assert markup.plain_text(markup.from_plain(text)) == text


def test_empty_means_no_paragraph_or_list():
    assert markup.is_empty("") and markup.is_empty("## Bara en rubrik") and not markup.is_empty("Inte aktuellt")
