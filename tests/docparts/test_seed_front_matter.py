"""Each seed's head, decisions, signatures, bilagor and attestation, as the catalogues in
../shared/research/seed_00N.md record them (§1 of each), read by the importer, kept by the
database and by a render -> re-import (text, and the tagged PDF)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ils.importers import parse_file, parse_text
from ils.renderers.text_export import render_text
from tests.importers.seeds import seed

# seed_000.md §1, §1.1, §1.2
SODERMALM = {
    "head": ("Tertialrapport Tertial 1 2024 för Södermalms stadsdelsnämnd", "Josefin Lokvist", "0850812197",
             "Södermalms stadsdelsnämnd", date(2024, 5, 23), ""),
    "decisions": [
        (1, "Nämnden godkänner förvaltningens förslag till tertialrapport 1, inklusive bilagor, och överlämnar den "
            "till kommunstyrelsen och stadens revisorer.", None, ""),
        (2, "Nämnden begär budgetjusteringar om 0,7 mnkr för kostnader avseende klimatinvesteringar.", "0.7", "mnkr"),
        (3, "Nämnden begär budgetjustering om 4,9 mnkr för kostnader avseende trygghetsskapande åtgärder.", "4.9", "mnkr"),
        (4, "Nämnden begär budgetjustering om 0,5 mnkr för kostnader avseende Stockholm vid vattnet.", "0.5", "mnkr"),
        (5, "Nämnden begär budgetjustering om 0,5 mnkr för kostnader avseende EU-projektet Scale Stockholm inom "
            "område Demokrati och MR.", "0.5", "mnkr"),
        (6, "Nämnden godkänner förvaltningens förslag till ansökan om 868 046 kronor från "
            "kompetensutvecklingsatsningen avseende \"Silviahemscertifiering av Katarinagårdens och Kulltorps vård- "
            "och omsorgsboenden\".", "868046", "kronor"),
        (7, "Nämnden anmäler omslutningsförändringar om 61,0 mnkr.", "61.0", "mnkr"),
        (8, "Nämnden godkänner förvaltningens förslag till ändrat årsmål på indikator under nämndmål 1.1.1", None, ""),
        (9, "Nämnden godkänner förvaltningens förslag till ändrat årsmål på indikator under kommunfullmäktiges mål "
            "för verksamhetsområdet 3.2", None, ""),
        (10, "Nämnden godkänner förvaltningens anmälan om deltagande i Kvalitetsutmärkelsen 2024.", None, ""),
    ],
    "references": [""] * 10,
    "signatures": [("Alexandra Wynn", "Stadsdelsdirektör")],
    "attestations": [("Alexandra Wynn, Stadsdelsdirektör", date(2024, 5, 14))],
    "attachments": [
        ("Bilaga 1", "Bilaga 01 SDN12"), ("Bilaga 2", "Bilaga 02 Ekonomisk uppföljning"),
        ("Bilaga 3", "Bilaga 03 Ansökan om budgetjusteringar för särskilda ändamål"),
        ("Bilaga 4", "Bilaga 04 Patientsäkerhetsberättelse 2023 Vård- och omsorgsboenden egen regi"),
        ("Bilaga 5", "Bilaga 05 Patientsäkerhetsberättelse 2023 Vård- och omsorgsboenden Entreprenader"),
        ("Bilaga 6", "Bilaga 06 Åtgärdsplan 2024"),
        ("Bilaga 7", "Bilaga 07 Anmälan om deltagande i Kvalitetsutmärkelsen 2024"),
        ("Bilaga 8", "Bilaga 08 Ansökan om pengar från kompetensutvecklingsatsningen"),
        ("Bilaga 9", "Bilaga 09 Uppföljning av medborgarförslag som skickats vidare till annan nämnd 2023"),
    ],
    "summary_starts": "Ärendet redovisas i förvaltningens tjänsteutlåtande.",
    "case": "",
}

# seed_001.md §1, §1.1 (amounts and "bilaga N" references), §1.2
_VP_AMOUNTS = [None, None, None, None, None, None, None, "1.8", "0.3", "0.1", "2.6", "6.5", "6.5", "0.2", "0.2",
               "11.5", "1.0", "1.5", "0.8", "7.4", "317.4"]
HAGERSTEN = {
    "head": ("Verksamhetsplan 2025", "Jens Westlund", "08-508 21 150", "Hägersten-Älvsjö stadsdelsnämnd",
             date(2024, 12, 19), ""),
    "decisions": [(n, None, amount, "mnkr" if amount else "") for n, amount in enumerate(_VP_AMOUNTS, start=1)],
    "references": ["", "Bilaga 1", "Bilaga 2", "Bilaga 3", "Bilaga 4", "Bilaga 5"] + [""] * 15,
    "signatures": [("Lee Orberon", "stadsdelsdirektör"), ("Alex Baena", "avdelningschef")],
    # The catalogue lists Lee Orberson's attestation; the file's last line (2200, no newline) adds
    # "Alex Baena, avdelningschef ⇥ 2024-12-19", which the catalogue leaves out.
    "attestations": [("Lee Orberson, stadsdelsdirektör", date(2024, 12, 19)),
                     ("Alex Baena, avdelningschef", date(2024, 12, 19))],
    "attachments": [
        ("Bilaga 1", "System för internkontroll 2025 Hägersten-Älvsjö"),
        ("Bilaga 2", "Väsentlighets- och riskanalys samt internkontrollplan Hägersten-Älvsjö VP 2025"),
        ("Bilaga 3", "Plan för upphandling-2025-2027"),
        ("Bilaga 4a", "Kompetensförsörjningsplan 2025 till nämnden"),
        ("Bilaga 4b", "Strategisk kompetensförsörjningsplan Hägersten-Älvsjö 2025-2027"),
        ("Bilaga 5", "Ersättningsnivåer för intäktsfinansierade verksamheter 2025"),
        ("Bilaga 6", "Lägesbild Hägersten-Älvsjö stadsdelsområde 2024"),
        ("Bilaga 7", "Ansökan om budgetjusteringar för särskilda ändamål- drift"),
        ("Bilaga 8", "Ansökan om budgetjusteringar för särskilda ändamål- investeringar"),
        ("Bilaga 9", "Utvecklingsplan för fritids- och ungdomsgårdar"),
    ],
    "summary_starts": "I kommunfullmäktiges budgetbeslut för 2025 med plan för 2026-2027",
    "case": "Varje nämnd ska upprätta en verksamhetsplan för det kommande året med utgångspunkt från den budget "
            "som kommunfullmäktige fastställt. Nämndens verksamhetsplan tillställs kommunstyrelsen för kännedom.",
}

# seed_002.md §1
SOCIAL = {
    "head": ("Tertialrapport Tertial 1 2024 för Socialnämnden", "Karin Karlung", "", "Socialnämnden",
             date(2024, 5, 21), ""),
    "decisions": [
        (1, "Socialnämnden godkänner tertialrapport 1, inklusive bilagor, per den 30 april 2024 med prognos för 2024.",
         None, ""),
        (2, "Socialnämnden fastställer nämndens reviderade handlingsplan för arbetet mot våldsbejakande extremism "
            "enligt bilaga 2.", None, ""),
        (3, "Socialnämnden ansöker hos kommunstyrelsen om medel med 3,0 mnkr till klimatinvesteringar för utbyte "
            "till LED-belysning i nämndens verksamheter.", "3.0", "mnkr"),
        (4, "Paragrafen justeras omedelbart.", None, ""),
    ],
    "references": ["", "Bilaga 2", "", ""],
    "signatures": [],
    "attestations": [],
    "attachments": [
        ("Bilaga 1", "Blankettset SoN T1 2024"),
        ("Bilaga 2", "Socialnämndens handlingsplan mot våldsbejakande extremism 2024"),
        ("Bilaga 3b", "Ansökan om budgetjusteringar för särskilda ändamål_investering T1 2024"),
        ("Bilaga 3c", "Klimatinvesteringsunderlag_investering T1 2024"),
    ],
    "summary_starts": None,
    "case": "",
}

# seed_003.md §1.1, §1.2, §1.4
HASSELBY = {
    "head": ("Verksamhetsberättelse VB 2022 för Hässelby-Vällingby stadsdelsnämnd", "Susanne Rydberg-Lif",
             "0850805097", "Hässelby-Vällingby stadsdelsnämnd", date(2023, 2, 1), ""),
    "decisions": [
        (1, "Stadsdelsnämnden godkänner bokslut och verksamhetsberättelse för år 2022.", None, ""),
        (2, "Stadsdelsnämnden begär att ackumulerat resultat om 42,5 mnkr avseende resultatenheterernas fonder "
            "överförs till 2023.", "42.5", "mnkr"),
        (3, "Stadsdelsnämnden överlämnar ärendet till kommunstyrelsen.", None, ""),
    ],
    "references": ["", "", ""],
    "signatures": [("Susanna Halldin Olsson", "stadsdelsdirektör")],
    "attestations": [],
    "attachments": [
        ("Bilaga 1", "Underlag till forskolerapport (Hasselby-Vällingby)"),
        ("Bilaga 2", "Uppföljning öppen fritidsverksamhet (Hasselby-"),
        ("Bilaga 3", "Uppföljning näringslivsarbete"),
        ("Bilaga 4", "GDPR Årsrapport_2022_Hasselby-Vällingby"),
        ("Bilaga 5", "Uppföljning av intern kontroll (Hasselby-Vällingby (1))"),
        ("Bilaga 6", "Slutrapport trygghetsinvestering hundrastgård Oxtungan"),
        ("Bilaga 7", "Slutrapport trygghetsinvestering ungdomshub Åkermyntan"),
        ("Bilaga 8", "Slutrapport trygghetsinvestering utegym Grimsta motionsspår"),
        ("Bilaga 9", "SDN04 VB"),
        ("Bilaga 10", "Nyckeltal 2022 Hasselby-Vällingby"),
    ],
    "summary_starts": None,
    "case": "",
}

CATALOGUES = {"sodermalm": SODERMALM, "hagersten": HAGERSTEN, "socialnamnden": SOCIAL, "hasselby": HASSELBY}


def _front(doc) -> dict:
    return {
        "head": (doc.title, doc.author, doc.phone, doc.recipient or doc.committee, doc.date, doc.reference),
        "decisions": [(d.number, " ".join(d.text.split()), d.amount, d.amount_unit)
                      for d in doc.decisions],
        "references": [d.attachment for d in doc.decisions],
        "signatures": [(s.name, s.title) for s in doc.signatures],
        "attestations": [(a.name, a.date) for a in doc.attestations],
        "attachments": [(a.label, a.title) for a in doc.attachments],
        "summary": " ".join(doc.summary.split()),
        "case": " ".join(doc.case.split()),
    }


def _compare(found: dict, expected: dict) -> None:
    for key in ("head", "references", "signatures", "attestations", "attachments", "case"):
        assert found[key] == expected[key], key
    assert len(found["decisions"]) == len(expected["decisions"])
    for got, wanted in zip(found["decisions"], expected["decisions"]):
        assert (got[0], got[2], got[3]) == (wanted[0], None if wanted[2] is None else Decimal(wanted[2]), wanted[3]), got
        if wanted[1] is not None:
            assert got[1] == wanted[1]
    if expected["summary_starts"]:
        assert found["summary"].startswith(expected["summary_starts"])


@pytest.fixture(scope="module")
def parsed():
    return {name: parse_file(seed(name)) for name in CATALOGUES}


@pytest.mark.parametrize("name", CATALOGUES)
def test_import_reads_the_front_matter_the_catalogue_records(parsed, name):
    _compare(_front(parsed[name]), CATALOGUES[name])


@pytest.mark.parametrize("name", CATALOGUES)
def test_a_text_render_and_re_import_keeps_it(parsed, name):
    again = parse_text(render_text(parsed[name]), source="render")
    _compare(_front(again), CATALOGUES[name])


@pytest.mark.postgres
@pytest.mark.parametrize("name", CATALOGUES)
def test_the_database_keeps_it(parsed, name):
    from ils.persistence.models import Report
    from ils.persistence.store import load_document

    if True:
        stored = Report.objects.get(committee__name=parsed[name].committee, year=parsed[name].year,
                                    period=parsed[name].period.value)
        _compare(_front(load_document(stored)), CATALOGUES[name])
        wanted = {a for a in CATALOGUES[name]["references"] if a}
        linked = {d.attachment.label for d in stored.decisions.select_related("attachment") if d.attachment}
        assert linked == {a for a in wanted if a in {label for label, _ in CATALOGUES[name]["attachments"]}}


def test_an_app_made_decision_survives_the_tagged_pdf(tmp_path):
    """Amount and bilaga given in fields only, not in the text: printed once, read back from the PDF."""
    from ils.domain.model import Attachment, Decision, Signature
    from ils.renderers.pdf_report import render_pdf

    doc = parse_file(seed("socialnamnden"))
    doc.phone, doc.reference, doc.case = "08-508 25 000", "SN 2024/0042", "Ärendet i korthet."
    doc.decisions.append(Decision(5, "Socialnämnden begär medel för trygghetsskapande åtgärder.", 0,
                                  amount=Decimal("1.5"), amount_unit="mnkr", attachment="Bilaga 4"))
    doc.attachments.append(Attachment("Bilaga 4", "Kalkyl", 0, file_name="kalkyl.xlsx", kind="xlsx"))
    doc.signatures = [Signature("Karin Karlung", "Socialdirektör", 0)]
    path = tmp_path / "son.pdf"
    path.write_bytes(render_pdf(doc))
    again = parse_file(path)
    assert (again.phone, again.reference, " ".join(again.case.split())) == (
        "08-508 25 000", "SN 2024/0042", "Ärendet i korthet.")
    last = again.decisions[-1]
    assert (last.number, last.amount, last.amount_unit, last.attachment) == (5, Decimal("1.5"), "mnkr", "Bilaga 4")
    assert [(s.name, s.title) for s in again.signatures] == [("Karin Karlung", "Socialdirektör")]
    assert (again.attachments[-1].label, again.attachments[-1].title) == ("Bilaga 4", "Kalkyl")
