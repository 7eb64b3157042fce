"""The fixed words of an ILS report, matched tolerantly.

Labels are compared after folding case, diacritics that exports lose ("Arsmål") and spaces
that PDF extraction inserts ("Faststäl ls"), so one spelling list covers every variant.
"""
from __future__ import annotations

import functools
import re
import unicodedata

GLYPHS = "●◆■□▲▼✓✔✗✘!▶►♀♂★☆○◇◼◻"
_GLYPH_PREFIX = re.compile(rf"^[\s{re.escape(GLYPHS)}\uf000-\uf8ff\u2190-\u2bff\U0001f300-\U0001faff]+")


_FOLDED = list(zip("åäöàáâãèéêëìíîïòóôõùúûüýÿçñ", "aaoaaaaeeeeiiiioooouuuuyycn"))
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)  # the parser folds the same block texts several times
def fold(text: str) -> str:
    """Lower case, without diacritics, spaces or punctuation: "Årsmål" and "Arsmål" fold alike."""
    if text.isascii():
        return _NOT_ALNUM.sub("", text.lower())
    text = unicodedata.normalize("NFKC", text).lower()
    for accented, plain in _FOLDED:  # a few str.replace are much faster than str.translate
        if accented in text:
            text = text.replace(accented, plain)
    return _NOT_ALNUM.sub("", text)


def split_glyphs(cell: str) -> tuple[str, str]:
    """("● ♀ Andel …") -> ("● ♀", "Andel …"): icons whose colour the export lost, and the text."""
    match = _GLYPH_PREFIX.match(cell)
    if not match:
        return "", cell.strip()
    return match.group(0).strip(), cell[match.end():].strip()


def glyphs_only(cell: str) -> bool:
    return not split_glyphs(cell)[1]


# Goal headings. The number may carry a trailing period ("1.", "1.2.", "1.1.1."), and the
# VP names nämndmål without numbers.
INRIKTNINGSMAL = re.compile(r"^KF:s\s+inriktningsm[aå]l\s*:\s*(?P<number>\d+)\.?\s+(?P<title>.+)$", re.I)
KF_MAL = re.compile(
    r"^KF:s\s+m[aå]l\s+f[oö]r\s+verksamhetsomr[aå]det\s*:\s*(?P<number>\d+\.\d+)\.?\s+(?P<title>.+)$", re.I)
NAMNDMAL = re.compile(r"^N[aä]mndm[aå]l\s*:\s*(?:(?P<number>\d+\.\d+\.\d+)\.?\s+)?(?P<title>.+)$", re.I)

TITLE = re.compile(
    r"^(?P<kind>Verksamhetsplan|Tertialrapport|Verksamhetsber[aä]ttelse)\b(?P<rest>.*)$", re.I)
TERTIAL_NUMBER = re.compile(r"\b(?:Tertial|T)\s*(?P<n>[123])\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
FOR_COMMITTEE = re.compile(r"\bf[oö]r\s+(?P<committee>.+?)\s*$", re.I)

ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")
SWEDISH_DATE = re.compile(r"^(?P<d>\d{1,2})\s+(?P<month>[a-zåäö]+)\s+(?P<y>\d{4})$", re.I)
MONTHS = {name: number for number, name in enumerate(
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
     "oktober", "november", "december"], start=1)}

DECISION_ITEM = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<text>.+)$")
AMOUNT = re.compile(r"(?P<value>[-+]?\d{1,3}(?:[ ]\d{3})+(?:,\d+)?|[-+]?\d+(?:,\d+)?)\s*"
                    r"(?P<unit>mnkr|miljoner kronor|tkr|kronor|kr)\b", re.I)
PHONE = re.compile(r"^Telefon\s*:?\s*(?P<phone>[-+0-9 ()]*)$", re.I)
REFERENCE = re.compile(r"^(?:Dnr|Diarienummer)\s*[:.]?\s*(?P<reference>\S.{0,60})$", re.I)
# A signature: a person's name (two to four capitalised words) over a title of a few words.
PERSON_NAME = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéü]+(?:[- ][A-ZÅÄÖÉ][a-zåäöéü]+){1,3}$")
PERSON_TITLE = re.compile(r"^[A-Za-zÅÄÖåäöé][A-Za-zÅÄÖåäöéü ,/-]{2,60}$")
ATTACHMENT = re.compile(r"^(?:[-–•]\s*)?(?P<label>Bilaga\s+[0-9]+[a-z]?)\s*[:.\-–]?\s*(?P<title>.*)$", re.I)

# Top-level parts of a report, by folded heading text.
SECTION_DECISIONS = {fold("Förslag till beslut"), fold("Förvaltningens förslag till beslut")}
SECTION_SUMMARY = {fold("Sammanfattning")}
SECTION_CASE = {fold("Ärendet")}
SECTION_TOC = {fold("Innehållsförteckning"), fold("Innehåll")}
SECTION_ATTACHMENTS = {fold("Bilagor"), fold("Bilaga")}
SECTION_NARRATIVE = {fold("Sammanfattande analys"), fold("Inledning"), fold("Sammanfattning och analys")}
SECTION_GOALS = {fold("Uppföljning av Kommunfullmäktiges inriktningsmål"),
                 fold("Kommunfullmäktiges inriktningsmål"), fold("Verksamhetens mål")}
SECTION_ECONOMY = {fold("Uppföljning av ekonomi"), fold("Redovisning av ekonomi"), fold("Ekonomi"),
                   fold("Ekonomisk uppföljning"), fold("Ekonomiska förutsättningar och budget")}
SECTION_ATTESTATION = {fold("Attesterat av")}
# The sections of the economy part, each under its heading (one of these, or a heading with a word of them)
_ECONOMY_SECTIONS = {fold(s) for s in (
    "Uppföljning av driftbudget", "Driftbudget", "Resultatenheter", "Investeringar",
    "Omslutningsförändringar", "Budgetjusteringar", "Försäljningar av anläggningstillgångar",
    "Verksamhetsprojekt (driftprojekt)", "Medel för lokaländamål", "Ombudgeteringar",
    "Analys av balansräkning", "Övrigt", "Övriga ekonomiska redovisningar")}
_ECONOMY_SECTION_WORDS = ("driftbudget", "resultatrakning", "balansrakning")


def is_economy_section(key: str) -> bool:
    """Is the folded heading one of the economy part's sections?"""
    return key in _ECONOMY_SECTIONS or any(word in key for word in _ECONOMY_SECTION_WORDS)
SECTION_TRAILING = {fold("Särskilda redovisningar"), fold("Systematiskt kvalitetsarbete"),
                    fold("Bedömning av nämndens interna kontroll")}

LABEL_DESCRIPTION = {fold("Beskrivning")}
LABEL_EXPECTED = {fold("Förväntat resultat"), fold("Förväntade resultat")}
LABEL_ANALYSIS = {fold("Analys")}

# Table headers: the first cell names the table kind.
INDICATOR_HEADER = fold("Indikator")
ACTIVITY_HEADER = fold("Aktivitet")
ANALYSIS_PREFIX = re.compile(r"^analys\b[\s:.-]*", re.I)


def indicator_column(header: str) -> str | None:
    """Map an indicator table header cell to a field name, whatever the year or spelling."""
    key = fold(header)
    if not key:
        return None
    if key.startswith("indikator"):
        return "name"
    if "man" in key and ("pojk" in key or key.startswith("utfallman")):
        return "outcome_men"
    if "kvinn" in key or "flick" in key:
        return "outcome_women"
    if "vb" in key or "foregaende" in key or "fgar" in key:
        return "previous"
    if key.startswith("prognos"):
        return "forecast"
    if key.startswith("kfs") or key.startswith("kf"):
        return "kf_target"
    if "arsmal" in key or "malvarde" in key:
        return "target"
    if "utfall" in key:
        return "outcome"
    if key.startswith("periodicitet") or key.startswith("frekvens"):
        return "frequency"
    if key.startswith("period"):
        return "period"
    return None


# Words that begin a column heading of an indicator or activity table; "KF:s årsmål" and
# "Periodens utfall" hold one each, so a header cell with two holds the headings of merged columns.
_COLUMN_WORDS = {
    "indicator": {"indikator", "indikatorer", "utfall", "prognos", "arsmal", "malvarde", "period",
                  "periodicitet", "frekvens", "bedomning"},
    "activity": {"aktivitet", "aktiviteter", "startdatum", "slutdatum", "avvikelse", "status"},
}


def merged_columns(header: str, kind: str) -> bool:
    """Does one header cell name several columns (a reading that lost the gaps between them)?"""
    words = _COLUMN_WORDS[kind]
    return sum(fold(word) in words for word in re.split(r"[\s/]+", header)) > 1


def activity_column(header: str) -> str | None:
    key = fold(header)
    if key.startswith("aktivitet") or key.startswith("uppdrag"):
        return "text"
    if key.startswith("start"):
        return "start"
    if key.startswith("slut"):
        return "end"
    if key.startswith("avvikelse") or key.startswith("status"):
        return "deviation"
    return None


_PERIOD = r"(?:(?:VB|Tertial\s+\d|Halv[aå]r\s+\d|T\d)\s+)?(?:19|20)\d\d"
PERIOD_ONLY = re.compile(rf"^{_PERIOD}$", re.I)
PERIOD_TAIL = re.compile(rf"^(?P<head>.*\S)\s+(?P<period>{_PERIOD})$", re.I)
