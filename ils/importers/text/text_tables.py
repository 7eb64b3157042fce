"""Indicator and activity tables in text that lost its TABs.

Text copied out of a PDF (pdftotext, pypdf, pdfminer) or an export whose TABs became spaces
still has every word of a table, but no cell boundaries: a header may stand over several
lines ("Indikator" / "Periodens utfall Utfall män/ pojkar" / …), a row's cells are joined
by single spaces with its empty cells vanished, and a long name wraps over lines. The table
is found by its header words and read as a stream of tokens:

- an indicator row ends where a line ends with its period ("Tertial 1 2024", "2024", "År"),
  the last column of every indicator table; before the period stand the values, recognised
  by their kind (a number with its unit, a word target), and before them the name;
- an activity row ends at its end date; its start date stands before it;
- "Analys" opens the analysis of the row before (indicator or activity), which runs until the
  next row's name; a name starts as names do, in upper case or with an icon, and lines that
  start no name (in lower case, with a digit) after a header the page repeated are the rest
  of what the page break cut; in PDFium's content order a line wrapped inside a cell keeps
  the space it was wrapped at, so a line after one ends no cell, and a name's line before
  its dates that ends with one was cut, whatever the case of its rest;
- a row a page break cut across its cells (each cell's first line before it, the rests after
  the repeated header) is read whole where each cut value completes into a period, a status
  or a word target, after an analysis too, and so is a row whose period is whole but whose
  word target the break cut ("Tas fram av nämnd/");
- lines of dates alone before a name are dates an extractor moved out of their rows: they
  are left out, and so warned of;
- a name and values with no period before the next row's name make a row that lost its
  period to an extractor that gives cells one a line (``cells.unclosed_row``), all guessed;
- what a narrow PDF column does to a cell is undone: words hyphenated at a line end, units
  broken anywhere ("G Wh"), values and dates glued to the name ("bistånd1,2 %").

Each row becomes a Block whose cells are the name and its values in order (``loose``): which
column each value belongs to is decided in ``goal_tables`` by ``placement``, which knows the
goal level and says on the row what it inferred. A run of lines that ends the table without
a terminator is left to the paragraph reader.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from . import vocabulary as v

# Header cells of indicator and activity tables, matched with every space removed (a narrow
# column breaks "Periodens" as "Perioden" / "s utfall"), longest first; (pattern, field, label).
_INDICATOR_LABELS = [
    (r"Periodensutfall(?:VB(?P<y0>\d{4}))", "previous", "Periodens utfall VB {}"),
    (r"UtfallVB(?P<y1>\d{4})", "previous", "Utfall VB {}"),
    (r"Periodensutfall", "outcome", "Periodens utfall"), (r"Utfallm[aä]n/pojkar", "outcome_men", "Utfall män/ pojkar"),
    (r"Utfallkvinnor/flickor", "outcome_women", "Utfall kvinnor/ flickor"),
    (r"Prognoshel[aå]r", "forecast", "Prognos helår"),
    (r"KF:s[aå]rsm[aå]l[aå]r(?P<y2>\d{4})", "kf_target", "KF:s årsmål år {}"),
    (r"KF:s[aå]rsm[aå]l", "kf_target", "KF:s årsmål"), (r"[AÅ]rsm[aå]l", "target", "Årsmål"),
    (r"Periodicitet", "frequency", "Periodicitet"), (r"Period", "period", "Period"),
    (r"Indikator", "name", "Indikator"), (r"Bed[oö]mning", "assessment", "Bedömning"),
]
_ACTIVITY_LABELS = [(r"Aktivitet", "text", "Aktivitet"), (r"Startdatum", "start", "Startdatum"),
                    (r"Slutdatum", "end", "Slutdatum"), (r"Avvikelse", "deviation", "Avvikelse"),
                    (r"Status", "status", "Status")]
# The status printed after an indicator's period or an activity's dates (our own PDF report).
_INDICATOR_STATUS = re.compile(r"(?:^|\s)(?:[^\w\s]{1,2}\s*)?(?:Kan\s+inte\s+be-?\s?d[oö]mas|"
                               r"Uppn[aå](?:s|ddes)\s+(?:helt|delvis|inte|ej))$", re.IGNORECASE)
# the icon before the word or after it ("Genomförd✓", as pypdf gives LibreOffice's cell)
_ACTIVITY_STATUS = re.compile(r"^(?:[^\w\s]{1,2}\s*)?(?:Genomf[oö]rd|P[aå]g[aå]r|Avvikelse)(?:\s*[^\w\s]{1,2})?$",
                              re.IGNORECASE)


def _label_pattern(labels):
    return re.compile("|".join(f"(?P<l{i}>{p})" for i, (p, _, _) in enumerate(labels)), re.IGNORECASE)


_INDICATOR_HEADER = _label_pattern(_INDICATOR_LABELS)
_ACTIVITY_HEADER = _label_pattern(_ACTIVITY_LABELS)
_BREAK_HYPHEN = re.compile(r"(?<=[a-zåäö])- (?=[a-zåäö])")
# A word the PDF hyphenated at a line end ("upp- handlade", "livsme- del"), not a shared
# ending ("miljö- och hälsoskydd").
_ROW_HYPHEN = re.compile(r"(?<=[a-zåäö]{2})- (?!(?:och|eller|samt|till|respektive|resp\.?)\b)(?=[a-zåäö])")

# The last cell of an indicator row: its period or its frequency.
PERIOD_WHOLE = r"(?:(?:Tertial|Halv[aå]r|Kvartal)\s+\d\s+|VB\s+)?(?:19|20)\d\d"
PERIOD_END = re.compile(rf"(?:^|\s)(?P<period>{PERIOD_WHOLE})$")
_FREQUENCY_END = re.compile(r"(?:^|\s)(?P<period>(?:19|20)\d\d|[AÅ]r|Tertial|Halv[aå]r|Kvartal|M[aå]nad)$")
# The last character of a text that ends such a row: a year's, a frequency's ("År", "Tertial",
# "Månad"), or that of the status after the period ("dömas", "helt", "delvis", "inte", "ej").
# The cleaning of a row's text keeps its last character, so it can be tested first.
_PERIOD_LAST = re.compile(r"[\dstej]", re.IGNORECASE)
_FREQUENCY_LAST = re.compile(r"[\dstejrld]", re.IGNORECASE)
# A value cell, read from the right end of a row.
# Units of letters, and those longer than two characters, may be broken anywhere by a narrow
# column ("G Wh", "livsm edel", "s t").
UNITS = ("kg CO2 per kg livsmedel", "kg CO2", "barn/ avd.", "GWh", "MWh", "kWh", "tkr", "mnkr", "dagar", "timmar",
          "personer", "kvm", "procent", "poäng", "%", "st", "kr", "m2", "år")
UNIT = "(?:" + "|".join(r"\s*".join(map(re.escape, unit.replace(" ", "")))
                         if len(unit) > 2 or unit.isalpha() else re.escape(unit) for unit in UNITS) + ")"
_UNIT_SPELLING = {unit.replace(" ", "").lower(): unit for unit in UNITS}
_NUMBER = r"[-+]?\d{1,3}(?:\s\d{3})*(?:,\d+)?|[-+]?\d+(?:,\d+)?"
_QUANTITY = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>{UNIT})", re.IGNORECASE)
_BOUND = r"(?:Max(?:imalt)?|Högst|Min(?:st)?|Lägst)\s+"
_BOUND_QUANTITY = re.compile(rf"{_BOUND}(?P<number>{_NUMBER})\s*(?P<unit>{UNIT})", re.IGNORECASE)
BOARD = r"n[aä]mnd(?:\s*/\s*s\s?t\s?y\s?r\s?e\s?l\s?s\s?e)?"  # "styrelse" broken anywhere too ("styrel se")
_SET_BY_COMMITTEE = rf"Tas\s+fram\s+av(?:\s+{BOARD})?(?:\s+(?:19|20)\d\d)?"
VALUE_END = re.compile(
    r"(?:^|\s)(?P<value>"
    rf"\+\s*/\s*-\s*(?:{_NUMBER})\s*%?"
    rf"|{_BOUND}(?:{_NUMBER})(?:\s*{UNIT}|\s+\w+)?"
    rf"|{_SET_BY_COMMITTEE}"
    r"|Fastst[aä]l\s?l[st]s?\s+(?:19|20)\d\d"
    r"|[ÖöOo]\s?k\s?n\s?i\s?n\s?g|[Mm]\s?i\s?n\s?s\s?k\s?n\s?i\s?n\s?g|[Öö]ka|[Mm]inska"  # broken anywhere too
    rf"|(?:{_NUMBER})(?:\s*{UNIT})?"
    r"|%"  # a unit without its number (a slip of the report, or its number elsewhere): placement marks it
    r")$", re.IGNORECASE)
_DATE = r"\d{4}-\d{2}-\d{2}"
_DATE_END = re.compile(rf"(?:^|\s)(?P<date>{_DATE})(?:\s+(?P<rest>\S.*))?$")
# A date broken by a line end: "2024-01-" + "01", or joined by the extractor as "2024-0101".
_BROKEN_DATE = re.compile(r"\b(\d{4}-(?:0[1-9]|1[0-2]))(?:-\s+|)(0[1-9]|[12]\d|3[01])\b(?!-)")  # not "2025-2028"
# A value glued to the name: "(Uppsökarteamet)58,82", "bistånd1,2 %", "ökar.50 %", "utbildning11 st".
GLUED_VALUE = re.compile(r"(?<=\))(?=[-+]?\d)|(?<=[a-zåäö.])(?=\d{1,3}(?:,\d+)?\s?(?:%|st)(?:\s|$))")
# A bare number glued to the name ("utbildning110 107", "regi-251 0", "T2-1 %"): split off, but
# it could as well end a name ("covid19"), so the row's placement is marked as a guess.
_GLUED_NUMBER = re.compile(r"(?<=[a-zåäö]{3})(?=-?\d+(?:,\d+)?\s+[-+]?\d)"
                           r"|(?<=[A-ZÅÄÖ]\d)(?=-\d+(?:,\d+)?\s?%)")
# a date glued to the name: "planering.2024-01-01", "till 20302024-01-01"
_GLUED_DATE = re.compile(r"(?:(?<=[^\s\d-])|(?<=\s[12]\d{3}))(?=(?:19|20)\d\d-\d\d-\d\d\b)")
_DATE_START = re.compile(r"\d{4}-\d\d")  # what every date has, broken or glued
_ENDS_WITH_DATE = re.compile(r"(?:^|\s)\d{4}-\d{2}-\d{2}$")
# A line that begins with a period: the row before it was not yet at its end; so is one that
# begins with a unit and a period ("1 945" / "GWh 2022": the "period" was a value's number).
PERIOD_LINE = re.compile(rf"^(?:{UNIT}\s+)?(?:(?:Tertial|Halv[aå]r|Kvartal)\s+\d(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d)"
                          r"(?:\s+\W{0,2}\s*(?:Kan\s+inte|Uppn[aå]))?"
                          r"|^(?:Tertial|Halv[aå]r|Kvartal|[AÅ]r|M[aå]nad)$")  # a frequency alone
# An activity row not yet at its end: a date cut at the line's end ("2025-06-"), or its end
# date on the next line.
_CUT_DATE = re.compile(r"(?:^|\s)\d{4}-\d{2}-?$")
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:\s|$)")
_DATES_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:\s+\d{4}-\d{2}-\d{2})*$")
# An activity row's dates, a line end may break them ("2022-12-" / "31"), and its status after them.
_DATE_PARTS = re.compile(r"\d[\d-]*(?:\s+\d[\d-]*)*")
_ACTIVITY_STATUS_END = re.compile(r"\s+(?:[^\w\s]{1,2}\s*)?(?:Genomf[oö]rd|P[aå]g[aå]r|Avvikelse)$", re.IGNORECASE)
_MAX_ROW_LINES = 40  # lines with text one row and the analysis before it may take
# The cells a page break may cut at the right end of an indicator row, right to left: each as
# (what stands at the row's end, whole or begun; what it is whole; whether every row has it).
_STATUS_WHOLE = r"(?:[^\w\s]{1,2}\s*)?(?:Kan\s+inte\s+be-?\s?d[oö]mas|Uppn[aå](?:s|ddes)\s+(?:helt|delvis|inte|ej))"
_TARGET_WHOLE = rf"{_SET_BY_COMMITTEE}|Fastst[aä]l\s?l[st]s?\s+(?:19|20)\d\d"
_TARGET_BEGUN = r"Tas(?:\s+fram(?:\s+av(?:\s+n[aä]mnd/?)?)?)?|Fastst[aä]l(?:l[st]?s?)?"
_CUT_CELLS = [(re.compile(rf"(?:^|\s)(?P<cell>{whole}|{begun})$", re.IGNORECASE), re.compile(whole, re.IGNORECASE),
               required) for begun, whole, required in [
    (r"(?:[^\w\s]{1,2}\s*)?(?:Uppn[aå](?:s|ddes)|Kan(?:\s+inte)?(?:\s+be-?)?)", _STATUS_WHOLE, False),
    (r"(?:Tertial|Halv[aå]r|Kvartal)(?:\s+\d)?|VB", PERIOD_WHOLE, True),
    (_TARGET_BEGUN, _TARGET_WHOLE, False), (_TARGET_BEGUN, _TARGET_WHOLE, False)]]  # KF:s årsmål, årsmål
_TARGET_BEGUN_AT = re.compile(rf"(?:^|\s)({_TARGET_BEGUN})(?=\s)", re.IGNORECASE)
_TARGET_WHOLE_AT = re.compile(rf"(?:{_TARGET_WHOLE})(?=\s|$)", re.IGNORECASE)
_CUT_REST_WORDS = 6  # words the rest of one cut cell may take on the next page
_SENTENCE_END = re.compile(r"[.!?:]['\"”’)]*$")
_FULL_STOP = re.compile(r"[.!?]['\"”’)]*$")  # a colon ends no name: what it introduces follows


@dataclass
class TextRow:
    """A table row read from text: its first line, how many lines it took, its cells."""

    line: int
    line_count: int
    cells: list[str]
    loose: bool  # cells[1:] are values in order, not in their columns
    glued: bool = False  # a number was split off the name: where the name ends is a guess
    note: str = ""  # with no cells: a warning about the lines that follow the table


def header_at(lines: list[str], index: int) -> tuple[str, list[str], int] | None:
    """(kind, column labels, index after the header) if a table header starts at ``index``."""
    first = v.split_glyphs(lines[index])[1]
    key = v.fold(first[:12])
    if key.startswith("indikator"):
        kind, final = "indicator", ("period", "frequency", "assessment")
    elif key.startswith("aktivitet"):
        kind, final = "activity", ("end", "deviation", "status")
    else:
        return None
    text, end, found = "", index, None
    while end < len(lines) and end - index < 30:
        line = lines[end].strip()
        if not line or line == "\f":  # a header cut by a page break: its furniture is blank
            end += 1
            continue
        if "\t" in line or len(line) > 250:
            break
        # header cells wrapped in narrow columns: "Perio-" / "dens ut-" / "fall"
        candidate = _BREAK_HYPHEN.sub("", f"{text} {line}".strip())
        labels = header_cells(candidate, kind)
        if labels is None and found is not None:
            break  # the header is complete; this line is the first row
        text, end = f"{text} {line}".strip(), end + 1
        if labels is None:
            if len(candidate) > 300:
                break
            continue
        if labels[-1][1] in final and len(labels) >= 2:
            found = (labels, end)
    if found is None:
        return None
    labels, end = found
    if kind == "activity" and end < len(lines) and v.fold(lines[end]) == "avvikelse":
        labels, end = [*labels, ("Avvikelse", "deviation")], end + 1
    if labels[0][1] not in ("name", "text"):
        return None
    return kind, [label for label, _ in labels], end


def header_cells(text: str, kind: str) -> list[tuple[str, str]] | None:
    """The cells of an indicator or activity table's header as (label, field), or None if the
    text is not only header words."""
    if kind == "indicator":
        return _labels(text, _INDICATOR_HEADER, _INDICATOR_LABELS)
    return _labels(text, _ACTIVITY_HEADER, _ACTIVITY_LABELS)


def _labels(text: str, pattern: re.Pattern, labels_of) -> list[tuple[str, str]] | None:
    squashed = re.sub(r"\s+", "", text)
    found = []
    position = 0
    while position < len(squashed):
        match = pattern.match(squashed, position)
        if match is None:
            return None
        _, field, label = labels_of[int(match.lastgroup[1:])]
        year = next((value for name, value in match.groupdict().items() if name.startswith("y") and value), "")
        found.append((label.format(year), field))
        position = match.end()
    return found


def rejoin_hyphenated(text: str) -> str:
    """Words a PDF hyphenated at a line end, joined again."""
    return _ROW_HYPHEN.sub("", text)


# Before a quantity counted in words ("48 timmar", "3 månader"), a preposition makes it the name's.
_PREPOSITIONS = {"inom", "per", "efter", "under", "om", "pa", "i", "for", "av", "till", "fran", "vid", "over",
                "mellan", "kring", "infor", "hos", "enligt"}


def counted_after_preposition(before: list[str], words: list[str]) -> bool:
    """Are ``words`` (a number first) a quantity counted in words right after a preposition, the
    last of the ``before`` ("inom" / "48 timmar"): the name's, no cell?"""
    return bool(before) and v.fold(before[-1]) in _PREPOSITIONS and words[-1].isalpha()


def split_indicator_row(text: str, columns: int, frequency: bool = False) -> list[str] | None:
    """"Andel … 0,3 % 0,6 % Tertial 1 2024" -> [name, value, …, period]; None without a period.

    At most ``columns - 2`` values are taken from the right (name and period aside): a number
    further left belongs to the name, and so does a quantity counted in words after a
    preposition ("inom 48 timmar 100 %").
    """
    if not (_FREQUENCY_LAST if frequency else _PERIOD_LAST).match(text.removesuffix("\n")[-1:]):
        return None  # the lines of a row not yet at its end, mostly: spare the patterns
    text = rejoin_hyphenated(_GLUED_NUMBER.sub(" ", GLUED_VALUE.sub(" ", text)))
    if status := _INDICATOR_STATUS.search(text):
        text = text[: status.start()].rstrip()
    match = (_FREQUENCY_END if frequency else PERIOD_END).search(text)
    if match is None:
        return None
    period, rest = match["period"], text[: match.start()].rstrip()
    values: list[str] = []
    while len(values) < columns - 2 and (value := VALUE_END.search(rest)):
        if counted_after_preposition(rest[: value.start()].split(), value["value"].split()):
            break  # "… inom 48 timmar 100 %": the name's
        values.insert(0, spelled(" ".join(value["value"].split())))
        rest = rest[: value.start()].rstrip()
    if not rest:
        return None  # no name: the "period" was a value or a stray number
    return [rest, *values, period]


def spelled(value: str) -> str:
    """A quantity, or a bound's ("Max 10 pe rsoner"), with its unit as printed whole:
    "1 735 G Wh" -> "1 735 GWh"."""
    match = _QUANTITY.fullmatch(value) or _BOUND_QUANTITY.fullmatch(value)
    if match is None:
        return value
    unit = _UNIT_SPELLING.get(re.sub(r"\s+", "", match["unit"]).lower())
    return f"{value[:match.start('number')]}{match['number']} {unit}" if unit and unit != "%" else value


def completes_target(cell: str, text: str) -> bool:
    """Whether ``text`` is the rest of the word target ``cell`` a page break cut
    ("Tas fram av" / "nämnd/ styrelse")."""
    return re.fullmatch(_SET_BY_COMMITTEE, f"{cell} {text}", re.IGNORECASE) is not None


def split_activity_row(text: str) -> list[str] | None:
    """"Text 2024-01-01 2024-12-31 [avvikelse]" -> [text, start, end, (deviation)]."""
    if not _DATE_START.search(text):
        return None  # no date, not even a broken one: spare the patterns
    text = rejoin_hyphenated(_BROKEN_DATE.sub(r"\1-\2", _GLUED_DATE.sub(" ", text)))
    dates = list(re.finditer(rf"(?:^|\s)({_DATE})(?=\s|$)", text))
    if not dates:
        return None
    last = dates[-1]
    deviation = text[last.end():].strip()
    first = dates[-2] if len(dates) >= 2 and text[dates[-2].end():last.start()].strip() == "" else last
    name = text[: first.start()].strip()
    if not name:
        return None
    cells = [name, *(d.group(1) for d in dates if d.start() >= first.start())]
    return cells + [deviation] if deviation else cells


def is_stop(line: str) -> bool:
    """A line that ends any table: a goal heading, a label, a part's heading, a real row."""
    text = v.split_glyphs(re.sub(r"^[#*\s]+|\*+$", "", line))[1]
    if "\t" in line or not text:
        return "\t" in line
    if v.INRIKTNINGSMAL.match(text) or v.KF_MAL.match(text) or v.NAMNDMAL.match(text):
        return True
    key = v.fold(text) if len(text) < 80 else ""
    return key in v.LABEL_DESCRIPTION or key in v.LABEL_EXPECTED or any(
        key in keys for keys in (v.SECTION_GOALS, v.SECTION_ECONOMY, v.SECTION_ATTACHMENTS,
                                 v.SECTION_TRAILING, v.SECTION_NARRATIVE, v.SECTION_ATTESTATION)) \
        or key.startswith(("kfsinriktningsmal", "kfsmalforverksamhetsomradet", "namndmal"))


def read_table(lines: list[str], index: int) -> tuple[list[TextRow], int] | None:
    """The header and rows of a TAB-less table starting at ``index`` (0-based), and the index
    after the last line the table took; None if no table header starts there."""
    from .cells import unclosed_row  # cells reads with this module's patterns

    header = header_at(lines, index)
    if header is None:
        return None
    kind, labels, position = header
    rows = [TextRow(index + 1, position - index, labels, loose=False)]
    name_cut = _name_cut_before(lines, index)  # the page break before this header cut a name
    pending: list[int] = []  # line indexes read since the last row ended
    analysis_open = False
    end = position
    while position < len(lines):
        line = lines[position].strip()
        if line and (is_stop(line) or header_at(lines, position) is not None):
            if is_stop(line) or not (
                    cut := _row_after_analysis(lines, kind, labels, pending, position, analysis_open)):
                break
            analysed, (taken, position) = cut
            if analysed:
                _flush_continuation(lines, pending[:analysed], rows, True)
            rows.extend(taken)
            analysis_open = False
            pending, end = [], position
            continue
        if line == "\f":
            position += 1
            continue
        if kind == "indicator" and line and not analysis_open and (row := unclosed_row(lines, pending, line)):
            rows.append(row)  # values, then the next row's name: the extractor moved the period
            pending, end = [], position
        pending.append(position)
        position += 1
        if not line:
            continue
        if sum(1 for i in pending if lines[i].strip()) > _MAX_ROW_LINES:
            break  # no row ends here: the table has ended in prose
        fold = v.fold(line[:8])
        if fold.startswith("analys") and v.ANALYSIS_PREFIX.match(line):
            _flush_continuation(lines, pending[:-1], rows, analysis_open)
            pending = [pending[-1]]
            analysis_open = True
            end = position
            continue
        joined = " ".join(lines[i].strip() for i in pending if lines[i].strip())
        cells = _split_row(kind, joined, labels)
        if cells is None:
            continue
        # the latest start that leaves the row a name starting in upper case, as names do: a
        # name may itself end a sentence ("… med primärvården som nav." above its dates)
        for start in _name_starts(lines, pending, analysis_open, resumed=len(rows) == 1, cut=name_cut):
            texts = [lines[i].strip() for i in pending[start:] if lines[i].strip()]
            cells = _split_row(kind, " ".join(texts), labels) if texts else None
            if cells is not None and not (analysis_open and texts[0][:1].islower()):
                break
        else:
            continue  # no name yet: the analysis goes on
        following = lines[position].strip() if position < len(lines) else ""
        if kind == "indicator" and PERIOD_LINE.match(following):
            continue  # the "period" was a word target's year ("Fastställs 2024"): the row goes on
        if kind == "activity" and (_CUT_DATE.search(joined) or (len(cells) == 2 and _DATE_LINE.match(following))):
            continue
        if start:
            _flush_continuation(lines, pending[:start], rows, analysis_open)
            # the flushed lines are read: a row that goes on past them must not take them again
            end, pending, start, analysis_open = pending[start - 1] + 1, pending[start:], 0, False
            joined = " ".join(texts)
        first = next(i for i in pending[start:] if lines[i].strip())
        status = _ACTIVITY_STATUS if kind == "activity" else _INDICATOR_STATUS
        # the status on a line of its own, or two ("○ Kan inte be-" / "dömas")
        for taken in (1, 2):
            said = " ".join(lines[i].strip() for i in range(position, min(position + taken, len(lines))))
            if status.match(said):
                if kind == "activity":
                    cells.append(said)
                position += taken
                break
        if kind == "activity" and position < len(lines) and lines[position].strip(" \f") \
                and v.glyphs_only(lines[position].strip(" \f")):
            cells[0] = f"{lines[position].strip(' \f')} {cells[0]}"  # its icon, given after its cells
            position += 1
        if kind == "indicator" and _target_begun(joined) and (
                cut := _row_over_break(lines, kind, labels, pending, position)):
            taken, position = cut  # its period whole, but a word target cut ("Tas fram av nämnd/")
            rows.extend(taken)
            pending, analysis_open, end = [], False, position
            continue
        glued = kind == "indicator" and not _ENDS_WITH_DATE.search(joined) and bool(_GLUED_NUMBER.search(joined))
        rows.append(TextRow(first + 1, position - first, cells, loose=True, glued=glued))
        pending, analysis_open, end = [], False, position
    text_lines = [i for i in pending if lines[i].strip() and lines[i].strip() != "\f"]
    if analysis_open and text_lines:
        _flush_continuation(lines, pending, rows, True)
        end = pending[-1] + 1
    elif text_lines and len(rows) == 1 and _continues_name(lines[text_lines[0]].strip(), name_cut):
        # after a repeated header, the rest of the last row's name the page break cut
        taken = text_lines[: _rest_length(lines, text_lines)]
        _flush_continuation(lines, taken, rows, False)
        end = taken[-1] + 1
    elif text_lines and len(rows) > 1:
        # lines after the last row that end no row: prose after the table, or rows the text
        # lost their shape; they are read as text, and said so
        first = text_lines[0]
        rows.append(TextRow(first + 1, 0, [], loose=True,
                            note=f"rad {first + 1}–{text_lines[-1] + 1} efter tabellen slutar ingen tabellrad "
                                 f"(period eller datum saknas) och läses som text: {lines[first].strip()[:60]!r}"))
    return rows, end


def _row_after_analysis(lines: list[str], kind: str, labels: list[str], pending: list[int], position: int,
                        analysis_open: bool) -> tuple[int, tuple[list[TextRow], int]] | None:
    """A row a page break cut across its cells (``_row_across_page``), after an open analysis:
    (how many of the pending lines are the analysis, the row's reading), or None. The row's
    name begins where a name after an analysis may (``_name_starts``)."""
    if not analysis_open:
        return (0, cut) if (cut := _row_across_page(lines, kind, labels, pending, position)) else None
    for start in _name_starts(lines, pending, True, resumed=False):
        if start and (cut := _row_across_page(lines, kind, labels, pending[start:], position)):
            return start, cut
    return None


def _target_begun(text: str) -> bool:
    """Does a word target in the row stop short of being whole ("Tas fram av nämnd/ 2024")?"""
    return any(len(begun[1]) > len(whole[0]) if (whole := _TARGET_WHOLE_AT.match(text, begun.start(1))) else True
               for begun in _TARGET_BEGUN_AT.finditer(text))


def _row_over_break(lines: list[str], kind: str, labels: list[str], pending: list[int],
                    position: int) -> tuple[list[TextRow], int] | None:
    """``_row_across_page`` for a row whose lines end at ``position`` right before a page break
    and the repeated header."""
    following = position
    while following < len(lines) and lines[following].strip() in ("", "\f"):
        following += 1
    if "\f" not in lines[position:following] or following == len(lines):
        return None
    return _row_across_page(lines, kind, labels, pending, following)


def _row_across_page(lines: list[str], kind: str, labels: list[str], pending: list[int],
                     position: int) -> tuple[list[TextRow], int] | None:
    """An indicator row a page break cut across its cells, read whole: (its rows, the index
    after them), or None.

    Before the break stands the first line of each cell ("Antal 2 st 5 st Tas Tertial ●
    Uppnås"), after the repeated header at ``position`` the rest of each cell, in column order:
    the name's ("platser för" / "Stockholmsjobb"), then the rest of each value the break cut
    ("fram av" / "nämnd/ styrelse", "1 2024 helt"); the rests of cells side by side share a
    line ("resultatöverföringar bedömas"). A value is only ever completed into a
    whole period, status or word target. The row takes its values; the name's rest follows
    the repeated header as the text the parser joins to the row's name, and warns of.
    """
    filled = [i for i in pending if lines[i].strip()]
    header = header_at(lines, position)
    if kind != "indicator" or not filled or header is None or header[0] != kind or "Period" not in labels:
        return None
    head, cut = " ".join(lines[i].strip() for i in filled), []  # cut: (first words, whole), right to left
    for at_end, whole, required in _CUT_CELLS:
        if match := at_end.search(head):
            cut.append((match["cell"], whole))
            head = head[: match.start()].rstrip()
        elif required:
            return None
    after = []  # the lines with text after the header, up to the next page break or what ends a table
    for i in range(header[2], min(header[2] + _MAX_ROW_LINES, len(lines))):
        if "\f" in lines[i] or is_stop(lines[i]):
            break
        after += [i] if lines[i].strip() else []
    rest = [lines[i].strip() for i in after]
    words = " ".join(rest).split()
    ends = list(itertools.accumulate(len(text.split()) for text in rest))  # the words up to each line's end
    for named in range(len(words)):  # the words of the name's rest: the fewest that let the values complete
        completed = _complete_cells(cut[::-1], words, named)
        if completed is None or completed[0] == named or completed[0] not in ends:
            continue  # no value goes on, or the rest of one ends inside a line
        used = ends.index(completed[0]) + 1
        if used < len(rest) and not begins_name(rest[used]) and not v.ANALYSIS_PREFIX.match(rest[used]):
            continue  # the line after ends no row
        row = _split_row(kind, " ".join([head, *completed[1]]), labels) if head else None
        if row is None:
            continue
        last = after[used - 1]
        if not named:
            return [TextRow(filled[0] + 1, last - filled[0] + 1, row, loose=True)], last + 1
        return [TextRow(filled[0] + 1, filled[-1] - filled[0] + 1, row, loose=True),
                TextRow(position + 1, header[2] - position, header[1], loose=False),
                TextRow(after[0] + 1, last - after[0] + 1, [_BREAK_HYPHEN.sub("", " ".join(words[:named]))],
                        loose=True)], last + 1
    return None


def _complete_cells(cut: list[tuple[str, re.Pattern]], words: list[str],
                    start: int = 0) -> tuple[int, list[str]] | None:
    """The cut cells, in column order, each completed whole by the next of ``words`` from
    ``start`` (none if whole already): (the index after the words taken, the cells). The rests
    of cells side by side may share a line ("1 2024 helt")."""
    if not cut:
        return start, []
    (begun, whole), later = cut[0], cut[1:]
    for taken in range(min(_CUT_REST_WORDS, len(words) - start) + 1):
        cell = " ".join([begun, *words[start:start + taken]])
        if whole.fullmatch(cell) and (completed := _complete_cells(later, words, start + taken)):
            return completed[0], [cell, *completed[1]]
    return None


def _split_row(kind: str, text: str, labels: list[str]) -> list[str] | None:
    """A row's cells if ``text`` ends one. An indicator table may hold a dated activity row
    (the export's own mistake); goal_tables reads it as an activity and says so."""
    if kind == "activity":
        return split_activity_row(text)
    if _ENDS_WITH_DATE.search(text):
        return split_activity_row(text)
    columns = [label for label in labels if label != "Bedömning"]
    return split_indicator_row(text, len(columns), frequency=columns[-1] == "Periodicitet")


def _name_starts(lines: list[str], pending: list[int], analysis_open: bool, resumed: bool,
                 cut: bool = False) -> list[int]:
    """Where, among the pending lines, the row's name may begin, likeliest first.

    After an analysis: after a blank line or a line ending a sentence, else at a line that
    starts with an icon or in upper case, as names do (with a digit only as a last resort).
    Right after a header, lines before the name are the rest of what the page break cut: up
    to a full stop (an analysis), or the lines that begin no name (a name's rest; ``cut``: the
    first line is one whatever its case, see ``_name_cut_before``). Else the
    name begins at the first pending line, or after lines that hold only dates.
    """
    texts = [lines[i].strip() for i in pending]
    if resumed and not analysis_open:
        stops = _full_stops(texts)
        rest = _rest_length(lines, pending[:-1]) if _continues_name(texts[0], cut) and len(texts) > 1 else 0
        return [*stops[::-1], rest or _past_stray_dates(texts)]
    if not analysis_open:
        return [_past_stray_dates(texts)]
    stops = [offset + 1 for offset, text in enumerate(texts[:-1])
             if not text or _SENTENCE_END.search(text) or v.fold(text) == "analys"]
    capitals = [offset for offset, text in enumerate(texts) if offset and text[:1] and not text[:1].islower()
                and not v.glyphs_only(text)]
    icons = [offset for offset in capitals if v.split_glyphs(texts[offset])[0]]
    # a line that starts with a digit is likelier a value's or the analysis's than a name's
    digits = [offset for offset in capitals if texts[offset][0].isdigit()]
    letters = [offset for offset in capitals if offset not in digits]
    return [*stops[::-1], *icons[::-1], *letters[::-1], *digits[::-1]]


def _past_stray_dates(texts: list[str]) -> int:
    """The offset after the lines (and blank lines) that hold only dates before a name: dates
    an extractor that reads a table column by column moved out of the rows before. No name
    starts with them, and no row can be sure to be theirs: left out, they are warned of."""
    offset = next((n for n, text in enumerate(texts) if text and not _DATES_ONLY.match(text)), 0)
    return offset if any(texts[:offset]) else 0


def _full_stops(texts: list[str]) -> list[int]:
    """The offsets after a line that ends with a full stop where a name may begin: the next
    line with text (blank lines between end the cell the more), unless it starts with a digit
    (the dates of an activity whose name ends a sentence)."""
    stops, following = [], None  # the offset of the next line with text
    for offset in range(len(texts) - 1, -1, -1):
        if following is not None and _FULL_STOP.search(texts[offset]) and not texts[following][0].isdigit():
            stops.append(following)
        if texts[offset]:
            following = offset
    return stops[::-1]


def _rest_length(lines: list[str], indexes: list[int]) -> int:
    """How many of the lines, the first of them the rest of a name the page break cut, continue
    that name: those before the next that begins one, in upper case or with an icon (a status
    icon stands before a row's name, never inside it). A line after one that ends with a space
    begins none: in PDFium's content order a line wrapped inside a cell keeps the space it was
    wrapped at, a cell's last line has none (a line that fills its cell may lose it too: the
    case decides there)."""
    return next((n for n, (previous, i) in enumerate(zip(indexes, indexes[1:]), 1)
                 if begins_name(lines[i].strip()) and not lines[previous].endswith(" ")), len(indexes))


def _continues_name(text: str, cut: bool = False) -> bool:
    """Can a line after a repeated header be the rest of a name the page break cut: it begins
    no name (in lower case, or with a digit: "18-24 år i befolkningen"), or the name was cut
    (``cut``), and it is no stray date?"""
    return bool(text) and (cut or not begins_name(text)) and not _DATES_ONLY.match(text)


def _name_cut_before(lines: list[str], index: int) -> bool:
    """Did the page break before the header at ``index`` cut the last row's name? So it did if
    that row's dates stand on lines of their own and the name's line before them ends with a
    space: PDFium keeps the space a line inside a cell was wrapped at (``_rest_length``). Only
    PDFium's content order gives such lines; other text gives no sign and the case decides."""
    position = index - 1
    while position >= 0 and lines[position].strip() in ("", "\f"):
        position -= 1
    dated = False
    while position >= 0 and _DATE_PARTS.fullmatch(_ACTIVITY_STATUS_END.sub("", lines[position].strip())):
        dated, position = dated or bool(_DATE_START.search(lines[position])), position - 1
    return dated and position >= 0 and lines[position].endswith(" ") and lines[position].strip() != "" \
        and not _DATE_START.search(lines[position])


def begins_name(text: str) -> bool:
    icons, rest = v.split_glyphs(text)
    return text[:1].isupper() or bool(icons and rest)


def _flush_continuation(lines: list[str], indexes: list[int], rows: list[TextRow], analysis: bool) -> None:
    """Lines between rows: an analysis (as a row "Analys …") or the wrapped rest of a name;
    lines of dates alone before or after a name's rest are no part of it (``_past_stray_dates``)."""
    if not analysis:
        dated = [bool(_DATES_ONLY.match(lines[i].strip())) or not lines[i].strip() for i in indexes]
        kept = [n for n, stray in enumerate(dated) if not stray]
        indexes = indexes[kept[0]:kept[-1] + 1] if kept else []
    texts = [lines[i].strip() for i in indexes if lines[i].strip()]
    if not texts:
        return
    first = next(i for i in indexes if lines[i].strip())
    text = _BREAK_HYPHEN.sub("", " ".join(texts)) if not analysis else " ".join(texts)
    if analysis and not v.ANALYSIS_PREFIX.match(text):
        text = f"Analys {text}"
    rows.append(TextRow(first + 1, indexes[-1] - first + 1, [text], loose=True))
