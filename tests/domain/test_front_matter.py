"""The head's rules: the city's title, strict Swedish amounts, bilaga references, clean texts."""
from __future__ import annotations

from decimal import Decimal

import pytest

from ils.domain.front_matter import (
    FieldError, amount_text, attachment_label, city_title, clean_text, decision_text, parse_amount,
)
from ils.domain.model import Decision, DocumentType, Period


@pytest.mark.parametrize("period, kind, expected", [
    (Period.T2, DocumentType.TERTIALRAPPORT, "Tertialrapport Tertial 2 2024 för Södermalms stadsdelsnämnd"),
    (Period.T1, DocumentType.TERTIALRAPPORT, "Tertialrapport Tertial 1 2024 för Södermalms stadsdelsnämnd"),
    (Period.VP, DocumentType.VERKSAMHETSPLAN, "Verksamhetsplan 2024 för Södermalms stadsdelsnämnd"),
    (Period.VB, DocumentType.VERKSAMHETSBERATTELSE, "Verksamhetsberättelse VB 2024 för Södermalms stadsdelsnämnd"),
])
def test_city_title(period, kind, expected):
    assert city_title(kind, period, 2024, "Södermalms stadsdelsnämnd") == expected


@pytest.mark.parametrize("text, value", [
    ("0,7", Decimal("0.7")), ("868 046", Decimal("868046")), ("3 331,1", Decimal("3331.1")),
    ("-1,5", Decimal("-1.5")), ("61", Decimal("61")), ("868\u00a0046", Decimal("868046")), ("", None),
])
def test_amounts_written_the_swedish_way(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["0.7", "sju", "1,2,3", "12 34", "1e5", "0,7 mnkr", "１２", "1,23456"])
def test_anything_else_is_refused_with_a_message_naming_the_field(text):
    with pytest.raises(FieldError) as error:
        parse_amount(text, "amount")
    assert error.value.field == "amount" and "Beloppet" in str(error.value)


def test_amount_text():
    assert amount_text(Decimal("0.7"), "mnkr") == "0,7 mnkr"
    assert amount_text(Decimal("61"), "mnkr") == "61,0 mnkr"
    assert amount_text(Decimal("868046"), "kronor") == "868 046 kronor"


def test_bilaga_references():
    assert attachment_label("Nämnden godkänner plan för upphandling, bilaga 3.") == "Bilaga 3"
    assert attachment_label("… enligt Bilaga 03b") == "Bilaga 3b"
    assert attachment_label("godkänner tertialrapport 1, inklusive bilagor, och") == ""


def test_printed_decision_says_what_the_fields_hold_once():
    written = Decision(1, "Nämnden begär budgetjustering för klimatinvesteringar.", 0,
                       amount=Decimal("0.7"), amount_unit="mnkr", attachment="Bilaga 2")
    assert decision_text(written) == ("Nämnden begär budgetjustering för klimatinvesteringar. "
                                      "Belopp: 0,7 mnkr. Se bilaga 2.")
    imported = Decision(2, "Nämnden begär budgetjustering om 4,9 mnkr, se bilaga 2.", 0,
                        amount=Decimal("4.9"), amount_unit="mnkr", attachment="Bilaga 2")
    assert decision_text(imported) == imported.text


@pytest.mark.parametrize("value, problem", [
    ("Josefin\x00", "styrtecken"), ("Rad ett\nrad två", "radbrytningar"), ("<b>Josefin</b>", "HTML"),
    ("<script>alert(1)</script>", "HTML"), ("x" * 201, "för lång"),
])
def test_bad_texts_are_refused(value, problem):
    with pytest.raises(FieldError) as error:
        clean_text("author", "Handläggare", value, 200)
    assert error.value.field == "author" and problem in str(error.value)


def test_clean_texts_keep_what_people_write():
    assert clean_text("summary", "Sammanfattning", "  Ett < två och 3 > 2.\r\nNy rad ", 100, multiline=True) \
        == "Ett < två och 3 > 2.\nNy rad"


def test_the_economy_row_a_decision_concerns_is_printed_once():
    decision = Decision(3, "Nämnden begär budgetjustering om 4,9 mnkr.", 0, amount=Decimal("4.9"), amount_unit="mnkr",
                        economy_row="Budgetjusteringar: Trygghetsinvesteringar")
    assert decision_text(decision) == ("Nämnden begär budgetjustering om 4,9 mnkr. "
                                       "Avser Budgetjusteringar: Trygghetsinvesteringar.")
