"""Small synthetic reports for parser tests: a generic ILS-style export, not a seed."""
from __future__ import annotations

TAB = "\t"

INDICATOR_HEADER = TAB.join([
    "Indikator", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor",
    "Utfall VB 2025", "Prognos helår", "Årsmål", "KF:s årsmål", "Period",
])
ACTIVITY_HEADER = TAB.join(["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"])


def row(*cells: str) -> str:
    return TAB.join(cells)


def tertial_report(committee: str = "Kulturnämnden", year: int = 2026, extra_goal: str = "") -> str:
    """A minimal but complete T2 report of an imaginary committee."""
    lines = [
        "Handläggare", "Kim Berg", "Telefon: 08-508 00 000", "",
        "Till", committee, f"12 september {year}", "",
        f"Tertialrapport Tertial 2 {year} för {committee}", "",
        "Förslag till beslut", "",
        f"1. Nämnden godkänner tertialrapport 2 {year}.",
        "2. Nämnden begär budgetjustering om 1 250,5 mnkr för kulturhus.", "",
        "Bilagor", "", "Bilaga 1: Ekonomisk uppföljning", "",
        "Uppföljning av Kommunfullmäktiges inriktningsmål", "",
        "KF:s inriktningsmål: 4. En kulturstad för alla", "",
        "● Uppfylls delvis", "",
        "Analys", "", "Inriktningsmålet uppfylls delvis.", "",
        "KF:s mål för verksamhetsområdet: 4.2 Kulturen når fler", "",
        " Uppfylles delvis", "",
        "Analys", "", "Målet bedöms uppfyllas delvis under året.", "",
        INDICATOR_HEADER,
        row("  Antal besök på bibliotek", "1 204 st", "", "", "2 000 st", "2 100 st", "2 500 st",
            "Ökning", f"Tertial 2 {year}"),
        row("Analys Besöken ökar men", "", "", "", "", "", "", "", ""),
        "",
        INDICATOR_HEADER,
        row("målet nås inte.", "", "", "", "", "", "", "", ""),
        row("  Andel nöjda besökare", "81 %", "79 %", "84 %", "80 %", "", "85 %",
            "Tas fram av nämnd", str(year)),
        "",
        ACTIVITY_HEADER,
        row("✓ Kulturnämnden ska öppna ett nytt bibliotek", f"{year}-01-01", f"{year}-06-30", ""),
        row("! Kulturnämnden ska utreda", f"{year}-02-01", f"{year}-12-31", "Försenad"),
        "",
        "Nämndmål: 4.2.1. Biblioteken är öppna för alla", "",
        " Uppfylls helt", "",
        "Beskrivning", "", "Nämnden arbetar med öppettider.", "",
        "Förväntat resultat", "", "- Längre öppettider", "- Fler besökare", "",
        "Analys", "", "Målet uppfylls helt.", "",
        ACTIVITY_HEADER,
        row(" Utöka öppettiderna", f"{year}-01-01", f"{year}-12-31", ""),
        "",
        extra_goal,
        "Uppföljning av ekonomi", "",
        "Uppföljning av driftbudget", "",
        row("Mnkr", "Budget", "Prognos", "Avvikelse"),
        row("Kostnader", "3 331,1", "3 376,3", "-45,2"),
        row("Intäkter", "-414,8", "-474,5", "59,7"),
        row("Netto", "2 916,3", "2 901,8", "14,5"),
    ]
    return "\n".join(lines)
