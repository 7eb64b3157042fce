"""The tables under a goal whose header, names and values an extractor gave in a scramble.

pdftotext's default mode and pdfminer.six read a narrow table as blocks of text, and may give
the blocks in any order: a header cell broken over lines ("Perio-" / "dens ut-" / "fall") among
the rows, a row's name interleaved with its values ("Andel barn som lever i fa-" / "0,2 %" /
"miljer som har ekono-"), the values of several rows after all the names, a cell broken over
lines beside another ("Tas fram Tertial 1" / "av 2024" / "nämnd/"), the dates of a goal's
activity table before its header. Where the rows are not in their lines (a header word after
a row's text or a value, a value before the first name, a name right after a name, a name going
on after cells, in text that marks its wrapped lines an indicator's name before the last one's
period) or no other reader can read the header, the tables of the goal (up to the next heading
or label, header words right before them included) are rebuilt together:

- each line is read word by word as cells (dates, periods, values with their units, word
  targets, statuses, header words; a cell broken over lines is completed by the words that
  go on it, wherever they stand; a rest that stands before its beginning is a cell of its
  own), as an analysis (which cells may cut), or else as a fragment of a row's name (a value
  or a date at its end split off);
- the fragments make the names: a fragment goes on the name before it when it begins in
  lower case or is a lone token with a digit ("T2"), or the line before broke a word or ended
  with a comma, a function word (not alone on its line) or the space pdfminer keeps where it
  wrapped a cell; else it begins a name. A line far wider than the names' column is an
  analysis's;
- an indicator row ends with one period (in a plan, with "Periodicitet" in its header, a
  frequency: "År", "Tertial"), an activity row has two dates: the rows are only rebuilt where
  the names are as many (where a sentence ends an analysis's line, that count decides whether
  the next line goes on with it; where the names stand in a column of their own, it decides
  whether a capital after a full line goes on, or one after a function word begins a name,
  each such guess warned of). The k-th run of values up to a period goes
  to the k-th indicator, the dates two by two (the earlier the start) to the activities in
  order; that is the extractor's order, no proof of a row, a column or whose an analysis is,
  so ``cells.settle`` marks every value of a rebuilt row as guessed and names the row in a
  warning. A value no row can take is named in a warning as a stray cell. Where the rows
  cannot be counted, or a line cannot be read after the rows were seen out of their lines,
  nothing is rebuilt: the other readers read the lines, every value they place is marked as
  guessed, and each name read that they do not import is imported by its name alone, without
  values, and warned of (``cells.settle``).

Each rebuilt row is written on the line of its name's first fragment, as a row the TAB-less
reader (``text_tables``) reads, and the lines it took are made to follow that line's fate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from . import rests, vocabulary as v
from .blocks import clean_inline
from .placement import place
from .text_tables import (GLUED_VALUE, UNITS, begins_name, counted_after_preposition, header_cells, is_stop,
                          split_activity_row, split_indicator_row)

_TABLE_START = re.compile(r"^\W{0,4}(Indikator|Aktivitet)\b", re.IGNORECASE)
_CAPTION = re.compile(r"^(?:Indikatorer|Aktiviteter) för (?:KF:s mål för verksamhetsområdet|"
                      r"KF:s inriktningsmål|nämndmål) [\d.]+$", re.IGNORECASE)
# The words of a header broken over lines, each made of a label's first word (capitalised) or
# the rest of a label ("PerioUtfall", "ut-", "kvinnor/"); a name's "period" is none.
_HEADER_WORD = re.compile(r"(?:Indikator|Perio-?|Periodens|Utfall|Prognos|[AÅ]rsm[aå]l|KF:s|Period|Periodicitet|"
                          r"Bed[oö]mning|Aktivitet|Startdatum|Slutdatum|Avvikelse|Status|"
                          r"dens|ut-?|fall|utfall|m[aä]n/?|pojkar|kvinnor/?|flickor|VB|hel[aå]r|[aå]rsm[aå]l|"
                          r"[aå]rs-?|m[aå]l)+")
# The header's columns, in the report format's order, each known by a word only it has.
_COLUMNS = {"indicator": [("perio", "Periodens utfall"), ("pojkar", "Utfall män/ pojkar"),
                          ("flickor", "Utfall kvinnor/ flickor"), ("vb", "Utfall VB {}"),
                          ("helar", "Prognos helår"), ("arsmal", "Årsmål"), ("kfs", "KF:s årsmål"),
                          ("periodicitet", "Periodicitet"), ("period", "Period"), ("bedomning", "Bedömning")],
            "activity": [("startdatum", "Startdatum"), ("slutdatum", "Slutdatum"), ("avvikelse", "Avvikelse"),
                         ("status", "Status")]}
_TABLE_WORDS = {"indikator", "aktivitet", "startdatum", "slutdatum", "periodicitet"}  # alone, still a header
_ACTIVITY_WORDS = {"aktivitet", "startdatum", "slutdatum", "avvikelse", "status"}
_INDICATOR_WORDS = {"indikator", "periodens", "utfall", "pojkar", "flickor", "prognos", "helar", "arsmal", "kfs",
                    "period", "periodicitet", "bedomning"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_BEGUN = re.compile(r"\d{4}-(?:\d{2}-?)?")  # a date a line end broke: "2024-12-" / "31"
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER = re.compile(r"[-+]?\d+(?:,\d+)?%?|\+/-\d*(?:,\d+)?%?")
_GROUP = re.compile(r"\d{3}")  # the next digits of "1 735"
# Cells of several words, folded, "#" a year and "9" a digit: what a begun cell may grow into.
_FORMS = {"status": ("kanintebedomas", "uppnashelt", "uppnasdelvis", "uppnasinte", "uppnasej",
                     "uppnaddeshelt", "uppnaddesdelvis", "uppnaddesinte", "genomford", "pagar", "avvikelse"),
          "target": ("tasframavnamndstyrelse", "tasframavnamnd", "faststalls#", "faststallt#", "okning",
                     "minskning", "oka", "minska"),
          "period": ("tertial9#", "halvar9#", "kvartal9#")}
_UNIT_FORMS = tuple(sorted({v.fold(unit) or unit for unit in UNITS}, key=len, reverse=True))  # "%" as it is
# a negative number glued to the end of a name's line ("i SHIS regi-251"), as pdfminer gives it
_GLUED_END = re.compile(r"(?<=[a-zåäö]{3})(?=-\d+(?:,\d+)?$)")
_GLUED_DATE = re.compile(r"(?<=[a-zåäö])(?=\d{4}-\d{2}-(?:\d{2})?(?:\s|$))")  # "… förpackningar2025-01-01"
_REST_FORMS = (*_FORMS["target"], *_FORMS["status"], *_UNIT_FORMS)
# units that may well end a name ("… i procent", "… personer"): alone on a line only after a number
_WORD_UNITS = {"st", "kr", "ar", "dagar", "timmar", "personer", "procent", "poang", "barn"}  # "barn" of "barn/ avd."
GOES_ON = {"och", "for", "att", "i", "pa", "med", "av", "som", "de", "en", "ett", "till", "om", "ar", "den",
           "det", "eller", "samt", "fran", "vid", "under", "inom", "per", "enligt", "mellan", "genom", "mot",
           "utan", "efter", "over", "hos", "kring", "infor", "an"}
_ACRONYM_COMPOUND = re.compile(r"[A-ZÅÄÖ]{2,}-[a-zåäö]")  # "ANDT-förebyggande", "HR-området"
_SOFT_HYPHEN = "\xad"  # where a line ends, a word broken; elsewhere invisible
_WORD_TARGETS = {"oka", "minska", "okning", "minskning"}
_WIDER = 1.5  # a line this many times as wide as the names' column is none of theirs
_FULL = 0.85  # a line of a name as long as this share of the longest ran out of room
_BOUNDS = {"max", "maximalt", "hogst", "min", "minst", "lagst"}  # "Max 10 personer": a bound's first word
# a plan's frequencies, which stand where a report's periods do (header "Periodicitet")
_FREQUENCIES = {"ar", "tertial", "halvar", "kvartal", "manad"}
_TOKEN = re.compile(r"\w*\d\w*")
_SHARED_ENDING = {"och", "eller", "samt", "till", "respektive"}  # "barn- och ungdom" keeps its hyphen


@dataclass
class _Cell:
    kind: str  # "date", "period", "value", "target", "status", "unit" (a unit without its number), "bound"
    words: list[str]
    lines: list[int]  # the lines its words stand on, the first where it begins
    rest: tuple[str, ...] = ()  # what the cell may still grow by, folded
    whole: bool = True  # it is a cell as it stands ("Tas fram av nämnd", growing on to "… styrelse")

    @property
    def text(self) -> str:
        return "".join(self.words) if self.kind == "date" else _joined(self.words)


@dataclass
class _Name:
    lines: list[int]
    parts: list[str]
    goes_on: bool  # the last fragment's line says the name goes on
    resumed: bool = False  # it began right after a header a page break repeated: it may be the last name's rest
    # where ``assign_rests`` gave it a rest read apart from its own lines (its first and those right
    # under it, the last of which wrapped; other lines, not just blank ones, between or the rest
    # before them): how many are its own (else 0)
    own: int = 0

    @property
    def text(self) -> str:
        return _joined(self.parts)


@dataclass
class Rebuilt:
    """What rebuilding a goal's tables made of its lines (0-based indexes)."""

    start: int  # the index of the tables' first line
    end: int  # the index after the goal's tables
    lines: dict[int, str] = field(default_factory=dict)  # index -> its new text
    joined: dict[int, int] = field(default_factory=dict)  # index taken in -> the index that holds it
    strays: dict[int, str] = field(default_factory=dict)  # index -> the cells no row could take
    # index -> the text of a line read as an analysis's though a sentence ended the line before: it may
    # as well begin a row's name
    doubtful: dict[int, str] = field(default_factory=dict)
    continued: dict[int, str] = field(default_factory=dict)  # index -> the text of a name's line whose row is guessed
    # where the rows could not be rebuilt (``lines`` empty), or the indicators' before the activity
    # tables rebuilt alone (from ``head``): the index of each name's first line -> the name read
    unplaced: dict[int, Unplaced] = field(default_factory=dict)
    head: int = -1  # the index of the first line of indicator tables not rebuilt (-1: none)


class Unplaced(NamedTuple):
    """A name read in a table whose rows could not be rebuilt. ``head``: where its rest was read
    apart from its own lines (after other lines than its own, or before them: pdfminer gives the
    cells box by box) and assigned back to it, the name as its own lines give it, which is all a
    reader that reads rows from their lines can have read of it; else ""."""

    kind: str  # "indicator" or "activity"
    name: str
    head: str


def _unplaced_names(names: list[_Name], kind: str) -> dict[int, Unplaced]:
    """The names read, by the index of each one's first line, to be imported by name alone."""
    return {name.lines[0]: Unplaced(kind, name.text, _joined(name.parts[:name.own])) for name in names}


def _joined(parts: list[str]) -> str:
    """Parts of a text broken over lines, joined: a word broken at a line end whole again."""
    text = ""
    for part in (p.strip() for p in parts):
        if not text or not part:
            text = text or part
        elif text.endswith(_SOFT_HYPHEN):
            text = text[:-1] + part
        elif text.endswith("-") and part[:1].islower() and text[-2:-1].isalpha() \
                and part.split()[0] not in _SHARED_ENDING:
            text = text[:-1] + part if text[-2:-1].islower() else text + part  # "ANDTS-förebyggande"
        else:
            text = f"{text} {part}"
    return text


def _key(word: str) -> str:
    """A word folded, a year as "#" and a lone digit as "9", as ``_FORMS`` spell them."""
    folded = v.fold(word) or word.strip()  # "%" as it is
    return "#" if _YEAR.fullmatch(folded) else "9" if re.fullmatch(r"\d", folded) else folded


class _Reader:
    """Reads a goal's table lines into header words, cells and names, in the text's order."""

    def __init__(self):
        self.frequency = False  # the header has "Periodicitet", wherever it stands: a plan's frequencies
        self.cells: list[_Cell] = []
        self.names: dict[str, list[_Name]] = {"indicator": [], "activity": []}
        self.header_words: dict[str, list[str]] = {"indicator": [], "activity": []}
        self.header_lines: list[int] = []
        self.open: list[_Cell] = []  # begun cells, latest last
        self.year_pending = False  # the header's "VB" or "KF:s årsmål år" stands without its year

    def read(self, words: list[str], line: int, kind: str) -> list[_Cell] | None:
        """Take the words as cells, begun cells of earlier lines completed; None (and nothing
        taken) if a word is no cell's. Returns the cells begun on the line."""
        grown: dict[int, tuple[list[str], tuple[str, ...], bool]] = {}
        made: list[_Cell] = []
        header: list[str] = []
        year_pending = self.year_pending
        frequency = self.frequency or "periodicitet" in map(v.fold, self.header_words["indicator"])
        for number, word in enumerate(words):
            # a period's "VB" has a year after it or a cell before it ("2,7 % VB 2022", "Tas fram av
            # nämnd VB" / "2022"); the header's follows its label ("fall VB" / "2021")
            if word == "VB" and not header and (made or grown or _YEAR.fullmatch((words[number + 1:] or [""])[0])):
                made.append(_Cell("period", [word], [line], ("#",), whole=False))
                continue
            # a target in lower case before its period ("öka 2022") or ending a line after a value ("90 % öka")
            if v.fold(word) in _WORD_TARGETS and (_YEAR.fullmatch((words[number + 1:] or [""])[0])
                                                   or made and made[-1].kind == "value" and number == len(words) - 1):
                made.append(_Cell("target", [word], [line]))
                continue
            if frequency and word[:1].isupper() and v.fold(word) in _FREQUENCIES:
                made.append(_Cell("period", [word], [line]))  # a plan's "År" ends its row as a period does
                continue
            opened = [c for c in [*self.open, *made] if grown.get(id(c), (c.words, c.rest, c.whole))[1]]
            if self._grow(opened, grown, word, line):
                continue
            # "KF:s årsmål år" waits for its year as "Utfall VB" does
            labelled_year = v.fold(word) == "ar" and header and v.fold(header[-1]).endswith("arsmal")
            if _header_word(word) or labelled_year or year_pending and _key(word) == "#":
                year_pending = (year_pending or labelled_year or v.fold(word).endswith("vb")) and _key(word) != "#"
                frequency = frequency or v.fold(word) == "periodicitet"
                header.append(word)
                continue
            cell = _begin(word, line, made, (words[number + 1:] or [""])[0])
            if cell is None:
                return None
            made.append(cell)
        for cell in [*self.open, *made]:
            if id(cell) in grown:
                cell.words, cell.rest, cell.whole = grown[id(cell)]
                cell.lines += [line] if line not in cell.lines else []
        self.open = [c for c in [*self.open, *made] if c.rest]
        self.year_pending = year_pending
        self.cells += made
        for word in header:
            self.header_words[_header_kind(word, kind)].append(word)
        if header and not made and not grown:
            self.header_lines.append(line)
        return made

    def rest(self, words: list[str], line: int, kind: str) -> list[_Cell] | None:
        """Take words that only end a cell begun further on ("nämnd/styrelse" before its "Tas
        fram av", "dömas"), or a unit whose number stands further on ("st"), a cell no row can
        be sure of, and the cells after them ("av nämnd/styrelse 2024"): the cells begun after
        the rest, or None (nothing taken) if the words are no such."""
        if not words[0][:1].islower():
            return None
        for cut in range(len(words), 0, -1):
            key = "".join(map(_key, words[:cut]))
            if not any(form.endswith(key) and (form != key or form in _UNIT_FORMS) for form in _REST_FORMS):
                continue
            rest = _Cell("rest", words[:cut], [line], whole=False)
            if cut == len(words):
                self.cells.append(rest)
                return []
            if (made := self.read(words[cut:], line, kind)) is not None:
                self.cells.insert(len(self.cells) - len(made), rest)
                return made
        return None

    def header(self, text: str, line: int, kind: str) -> list[_Cell]:
        """Take a line of whole header labels ("KF:s årsmål år 2025")."""
        for word in text.split():
            self.header_words[_header_kind(word, kind)].append(word)
        self.header_lines.append(line)
        return []

    @staticmethod
    def _grow(opened: list[_Cell], grown: dict, word: str, line: int) -> bool:
        """Grow the latest begun cell the word goes on ("av" after "Tas fram", "GWh" after
        "1,8"); True if one did. A unit that may end a name ("personer") only grows the last
        number, on its line or the line before."""
        key = _key(word) if not _GROUP.fullmatch(word) else word
        for cell in reversed(opened):
            words, rests, whole = grown.get(id(cell), (cell.words, cell.rest, cell.whole))
            if cell.kind == "date" and _DATE.fullmatch("".join([*words, word])):
                grown[id(cell)] = ([*words, word], (), True)  # "2024-12-" / "31"
                return True
            if cell.kind == "bound" and len(words) == 1 and _NUMBER.fullmatch(word):
                grown[id(cell)] = ([*words, word], _UNIT_FORMS, True)  # "Max" / "10" (/ "personer")
                return True
            if cell.kind == "value" and _GROUP.fullmatch(word) and len(words) == 1 \
                    and re.fullmatch(r"\d{1,3}", words[0]) and cell.lines[-1] == line:
                grown[id(cell)] = ([*words, word], rests, whole)  # "1 735"
                return True
            if cell.kind == "value" and key in _WORD_UNITS and (cell.lines[-1] < line - 1
                                                                 or cell is not opened[-1]):
                continue  # "personer" ends a name, unless the number it follows ends the line before
            taken = tuple(rest[len(key):] for rest in rests if key and rest.startswith(key))
            if taken:
                grown[id(cell)] = ([*words, word], tuple(r for r in taken if r), whole or "" in taken)
                return True
        return False


def _header_kind(word: str, kind: str) -> str:
    """The table whose header has the word, wherever it stands (pdfminer may put an activity
    table's "Startdatum" among the indicators)."""
    key = v.fold(word)
    return "activity" if key in _ACTIVITY_WORDS else "indicator" if key in _INDICATOR_WORDS else kind


def _begin(word: str, line: int, made: list[_Cell], following: str = "") -> _Cell | None:
    """The cell the word begins (``following``: the next word on its line), or None if it begins none."""
    key = _key(word)
    icons, rest = v.split_glyphs(word)
    if icons and not rest:
        return _Cell("status", [word], [line], _FORMS["status"], whole=False)
    if _DATE.fullmatch(word):
        return _Cell("date", [word], [line])
    if _DATE_BEGUN.fullmatch(word):
        return _Cell("date", [word], [line], ("",), whole=False)
    if key == "#" and not (following and v.fold(following) in _UNIT_FORMS and following[:1].isalpha()):
        return _Cell("period", [word], [line])  # a year; "1945 GWh" is a value with its unit
    for kind, forms in _FORMS.items():
        begun = tuple(form[len(key):] for form in forms if key and form.startswith(key))
        if begun and word[:1].isupper():
            return _Cell(kind, [word], [line], tuple(r for r in begun if r), whole="" in begun)
    if key in _BOUNDS and word[:1].isupper():
        return _Cell("bound", [word], [line], ("",), whole=False)
    if _NUMBER.fullmatch(word):
        return _Cell("value", [word], [line], () if word.endswith("%") else _UNIT_FORMS)
    units = tuple(form[len(key):] for form in _UNIT_FORMS if key and form.startswith(key))
    if units and (key not in _WORD_UNITS or made and made[-1].kind == "value"):
        return _Cell("unit", [word], [line], tuple(u for u in units if u), whole="" in units)
    return None


def _kind_of(text: str) -> str | None:
    """"indicator" or "activity" if the line begins a table's header (a capital: "aktivitet per
    termin." goes on with a name)."""
    match = _TABLE_START.match(v.split_glyphs(text)[1])
    if match is None or not match.group(1)[:1].isupper():
        return None
    return "indicator" if v.fold(match.group(1)) == "indikator" else "activity"


class _Reading:
    """A goal's table lines read (see the module): the cells and names, the tables' headers, the
    analyses, and whether the rows are not in their lines (``scrambled``). An analysis whose first
    line is in ``stretched`` goes on once past a sentence's end to the line right after it."""

    def __init__(self, lines: list[str], end: int, furniture: set[int], stretched: frozenset[int]):
        self.lines, self.end, self.furniture, self.stretched = lines, end, furniture, stretched
        self.reader = _Reader()
        self.headers: list[tuple[int, str]] = []  # (index, kind) of each table header
        self.analyses: list[list[int]] = []  # the indexes of each analysis's lines
        self.stretchable: list[int] = []  # the analyses a sentence ends a line of, by first line
        self.stretched_to: list[int] = []  # the lines such an analysis went on to
        self.scrambled = False
        self.kind = ""
        # since the last header: a row's text or a value; a name; a name without cells after it;
        # cells after the last name's last fragment; the header a page break repeated
        self.body_seen = self.named = self.bare = self.parted = self.resumed = False
        self.unended: list[int] | None = None  # the last analysis, if its last line ends no sentence
        self.unfinished: list[int] | None = None  # in marked text, the last analysis, no name after it, if so
        self.carried: list[int] | None = None  # such an analysis a page break cut off before a repeated header
        self.marked = False  # the text ends a wrapped line with a space (pdfminer)
        self.broken = False  # a line could not be read after the rows were seen out of their lines
        self.ends_before = -1  # the periods and dates read before the last indicator's name began (-1: none)
        self.first = 0  # where the names of the current table begin in its kind's names
        # (name, index, text, wraps) of each rest read onto a name whose line did not wrap: it may be
        # the rest of a name pdfminer gives later
        self.strayed: list[tuple[_Name, int, str, bool]] = []

    def read(self, start: int, kind: str) -> _Reading | None:
        """Read the lines from ``start``; None if a name's rest stands first (a page break cut it
        off a row before these tables: the TAB-less reader joins it) or a header is no header,
        unless the rows were already seen out of their lines: then the reading stops there,
        ``broken``, for its names to be warned of and its rows doubted."""
        lines, self.kind = self.lines, kind
        self.marked = any(lines[i].rstrip("\f").endswith(" ") for i in range(start, self.end))
        # "Tertial" is a plan's frequency, though the header's "Periodicitet" comes after it
        self.reader.frequency = any("Periodicitet" in lines[i] and header_words_only(_text(lines[i]))
                                    for i in range(start, self.end))
        index = start
        while index < self.end:
            text = _text(lines[index])
            if not text or index in self.furniture or _CAPTION.match(text):
                index += 1
                continue
            if started := _kind_of(text):
                read = self._header(index, text, started)
            elif v.ANALYSIS_PREFIX.match(text) or self.unended and text[:1].islower() or self._resume_analysis(index, text) \
                    or lines.paragraph(index) and text[:1].isupper():
                index = self._analysis(index)
                continue
            else:
                read = self._cells(index, text) or self._fragment(index, text)
            if not read:
                self.broken = True
                return self if self.scrambled else None
            index += 1
        self._return_strayed()
        self.assign_rests("activity")
        _complete_dates(self.reader.cells)
        return self

    def _header(self, index: int, text: str, kind: str) -> bool:
        """Begin a table; False if the header line holds words that are no header's."""
        # after a header the page repeated, what stands before a name is the last row's
        self.named = any(k == kind for _, k in self.headers) and kind == self.kind
        self.resumed = self.named or any("\f" in line for line in self.lines[max(0, index - 4):index])
        self.carried = (self.unended or self.unfinished) if self.resumed else None
        if kind != self.kind:  # the rows a header of the same kind repeated may go on
            self.first = len(self.reader.names[kind]) - (self._take_over(index) if kind == "activity" else 0)
        self.kind, self.body_seen, self.bare, self.parted, self.unended = kind, False, False, False, None
        self.ends_before = -1
        self.headers.append((index, kind))
        return self.reader.read(v.split_glyphs(text)[1].split()[1:], index, kind) is not None

    def _take_over(self, header: int) -> int:
        """Make the names read after every indicator row's period, among the other header words
        of the activity table whose "Aktivitet" stands at ``header`` (pdfminer may give them
        before it), that table's first names; how many they are."""
        indicators = self.reader.names["indicator"]
        periods = [c for c in self.reader.cells if c.kind == "period" and c.whole]
        extra = len(indicators) - len(periods)
        if extra <= 0 or not periods:
            return 0
        last = max(periods[-1].lines)
        worded = any(header_words_only(text := _text(self.lines[i])) and _header_kind(text.split()[0], "") == "activity"
                     for i in range(last + 1, header))
        # (a name right after the indicator header a page break repeated may be the last one's rest)
        if not worded or any(name.lines[0] < last or name.resumed for name in indicators[-extra:]):
            return 0
        self.reader.names["activity"] += indicators[-extra:]
        del indicators[-extra:]
        return extra

    def _line_before(self, index: int) -> int:
        """The index of the last line with text before ``index`` (-1: none)."""
        return next((i for i in range(index - 1, -1, -1) if _text(self.lines[i])), -1)

    def _resume_analysis(self, index: int, text: str) -> bool:
        """If the line goes on with the analysis a page break cut off (after the header the page
        repeated and its cells: an HTML paragraph, or in lower case and far wider than the names'
        column, or in lower case where the text marks wrapped lines and no name followed the
        analysis), make that analysis the open one again; True if so."""
        if not self.carried:
            return False
        if self.lines.paragraph(index):
            self.unended, self.carried = self.carried, None
            return True
        if not text[:1].islower():
            return False
        if not self.marked:
            column = self._column()  # sorts the names' lines: only where the cheap tests let it matter
            if not column or len(text) <= _WIDER * column:
                return False
        self.unended, self.carried = self.carried, None
        return True

    def _analysis(self, index: int) -> int:
        """An analysis, or the rest of one that cells cut off ("… att de " / dates / "har behov …");
        the index after its lines."""
        if self.unended is None:
            self.analyses.append([])
        analysis = self.unended or self.analyses[-1]
        analysis.append(index)
        index, stretchable, stretched = _read_analysis(self.lines, analysis, index + 1, self.end, self.furniture,
                                                       self.marked, analysis[0] in self.stretched, self._column())
        self.stretchable += [analysis[0]] if stretchable else []
        self.stretched_to += [stretched] if stretched is not None else []
        last = self.lines[analysis[-1]].rstrip("\f")
        self.unended = analysis if (last.endswith(" ") if self.marked else not _ends_sentence(last)) else None
        # (where the text marks wrapped lines, one whose sentence a page's end cut has no such mark)
        self.unfinished = analysis if self.marked and not _ends_sentence(last) else None
        return index

    def _column(self) -> int:
        """The width of the name column, as the names wrapped so far show it (0: none wrapped): the
        median of their wrapped lines, which a misread name's long line does not move."""
        wrapped = sorted(len(part) for name in self.reader.names[self.kind] for part in name.parts[:-1])
        return wrapped[len(wrapped) // 2] if wrapped else 0

    def _cells(self, index: int, text: str) -> bool:
        """Read the line as cells or header words, if it is."""
        reader, kind = self.reader, self.kind
        names = reader.names[kind]
        if kind == "activity" and _YEAR.fullmatch(text) and names and names[-1].goes_on:
            return False  # an activity has no period: "… i egen regi från" / "2025" is its name's end
        if not self.marked and names and text[:1].islower() and v.fold(text) in _WORD_UNITS \
                and names[-1].lines[-1] == self._line_before(index):
            # a unit alone right after a name's line ends it ("… samtliga arbetade" / "timmar"), where
            # the text does not mark its wrapped lines (pdfminer's: the name went on already)
            return False
        headed = sum(map(len, reader.header_words.values()))
        if text[:1].isupper() and header_cells(text, kind) is not None:  # "KF:s årsmål år 2025"
            made = reader.header(text, index, kind)
        else:
            made = reader.read(_words(text), index, kind)
        if made is None and not (names and names[-1].goes_on):
            made = reader.rest(_words(text), index, kind)  # a cell's rest ("nämnd/styrelse" / … "Tas fram av")
        if made is None:
            return False
        valued = any(cell.kind != "status" for cell in made)  # an icon stands beside a name
        # a header word after a row's text or a value, or a value before the first name
        self.scrambled = self.scrambled or self.body_seen and headed < sum(map(len, reader.header_words.values())) \
            or not self.named and valued
        self.body_seen = self.body_seen or bool(made)
        self.bare = self.bare and not made
        self.parted = self.parted or valued
        return True

    def _fragment(self, index: int, text: str) -> bool:
        """Read the line as a fragment of a name (cells at its end split off); False if it is a
        name's rest before any name."""
        self.unended = self.unfinished = None
        names = self.reader.names[self.kind]
        # the periods and dates read so far, before this line's own (the rule below is for marked text)
        ends = sum(c.kind == "date" or c.kind == "period" and c.whole for c in self.reader.cells) if self.marked else 0
        fragment, cut = _split_cells(self.reader, _words(text), index, self.kind)
        if not names and not begins_name(fragment):
            return False
        wraps = not cut and self.lines[index].rstrip("\f").endswith(" ")
        # where the text marks its wrapped lines, a short line without the mark ends its name
        # ("… begreppet pedagogiska" / "relationer utgår från" / "Stadsdelsnämndens …")
        ended = self.marked and not wraps and not cut and len(fragment) < _FULL * self._column()
        if self.marked and names and self.lines[index].lstrip("\f")[:1].isspace() and begins_name(fragment):
            _begin_name(names, fragment, index, wraps, ended)  # after the space of an empty icon cell
            began = True
        elif self.marked and (holder := self._holder(names, fragment)) is not None:
            _go_on(holder, fragment, index, wraps, ended)
            began = False
        else:
            if self.marked and names and not cut and not names[-1].goes_on and not begins_name(fragment):
                self.strayed.append((names[-1], index, fragment, wraps))
            began = _add_fragment(names, fragment, index, wraps, ended)
        # a name going on after cells, a name right after a name where the text marks a wrapped
        # line (else the capital may as well go on with the name: "… ett enhetligt" / "Bryt
        # upp-program …"), or there a new indicator's name before the last one's period: the
        # cells are not in their rows
        self.scrambled = self.scrambled or not began and self.parted or began and self.bare and self.marked \
            or began and self.marked and ends == self.ends_before
        if began:
            self.ends_before = ends if self.kind == "indicator" else -1
        self.parted = cut
        # after a header the page repeated, a capital may go on with the name the break cut
        self.bare = (self.bare or began and not self.resumed) and not cut
        names[-1].resumed = began and self.resumed
        self.resumed = False
        self.body_seen = self.named = True
        return True

    def _holder(self, names: list[_Name], fragment: str) -> _Name | None:
        """The name of the current table the rest of a name goes on, where the text marks
        wrapped lines and pdfminer may give the first lines of several names before their rests:
        of those whose last line wrapped, the first that the rest's first word would not have
        fitted on; None if it would have fitted on each."""
        word = len(fragment.split()[0])
        return next((n for n in names[self.first:]
                     if n.goes_on and rests.printed(self.lines[n.lines[-1]]) + 1 + word > self.lines.width), None)

    def _return_strayed(self) -> None:
        """Move each rest read onto a name whose line did not wrap to the first name of its
        kind begun after it whose line wrapped and never went on: pdfminer gave the rest before
        the name's first line ("önskemål" / … / " Referensgrupp skapar … behov och ")."""
        for host, index, text, wraps in self.strayed:
            names = next(names for names in self.reader.names.values() if any(n is host for n in names))
            owner = next((n for n in names if n.lines[0] > index and n.goes_on and len(n.lines) == 1), None)
            if owner is None or index not in host.lines:
                continue
            at = host.lines.index(index)
            del host.lines[at], host.parts[at]
            _go_on(owner, text, index, wraps, False)

    def assign_rests(self, kind: str) -> None:
        """Where the text marks its wrapped lines (pdfminer) and the first lines of the kind's
        names can be told (each after an icon or an icon cell's space; where none is, after a
        TAB: each with a capital), assign the rests read apart from them back as a whole
        (``rests``): a name keeps the lines right under its first that go on from it; every
        other line read as a name's is a rest. (The activities' always; the indicators' only
        where they are imported by name alone: their rows may not be rebuilt from so little.)"""
        if not self.marked:
            return
        names, lines = self.reader.names[kind], self.lines
        text = {i: p for n in names for i, p in zip(n.lines, n.parts)}
        # each page's table (from the first line of a header the page repeated) apart
        pages = [_page_start(lines, i) for i, k in self.headers if k == kind][1:]
        firsts, indents = _first_lines(lines, text, pages)
        if len(firsts) < 2 or names[0].lines[0] not in firsts:
            return
        kept = []
        for first in firsts:
            chain = [first]
            while chain[-1] + 1 in text and chain[-1] + 1 not in firsts and rests.goes_on(
                    lines[chain[-1]], text[chain[-1]], lines.width, indents.get(chain[-1], 0)):
                chain.append(chain[-1] + 1)
            kept.append(chain)
        held = {i for chain in kept for i in chain}
        runs: list[list[int]] = []
        for i in sorted(i for i in text if i not in held):
            if runs and i == runs[-1][-1] + 1 and rests.goes_on(lines[runs[-1][-1]], text[runs[-1][-1]], lines.width):
                runs[-1].append(i)
            else:
                runs.append([i])
        cut = {max((k[-1] for k in kept if k[-1] < page), default=-1) for page in pages}  # the name a page cut
        tails = [rests.Tail(lines[k[-1]], text[k[-1]], k[-1] in cut, indents.get(k[-1], 0),
                            v.fold(text[k[-1]].split()[-1]) in GOES_ON) for k in kept]
        pieces = [rests.Rest(text[run[0]].split()[0], rests.Tail(lines[run[-1]], text[run[-1]])) for run in runs]
        held_by = {i: n.lines[0] for n in names for i in n.lines}  # line -> the first line of its name as read
        # the rows in the order the city's system lists them (by name), else as pdfminer gave them
        listed = sorted(range(len(firsts)), key=lambda n: _collation(text[firsts[n]]))
        tried = []
        for preference, order in enumerate((listed, list(range(len(firsts))))):
            place = {firsts[n]: at for at, n in enumerate(order)}
            owners = [place.get(held_by[run[0]], -1) for run in runs]
            if (found := rests.assign([tails[n] for n in order], pieces, owners, lines.width)) is not None:
                tried.append((found[0], preference, [order[to] if to >= 0 else -1 for to in found[1]]))
        if not tried:
            return
        assigned = min(tried)[2]
        # (with how many of its lines are its own where its last own line said it wraps: its rest is
        # sure to be apart from them)
        made = [([*chain, *(i for run, to in zip(runs, assigned) if to == number for i in run)],
                 len(chain) if number in assigned and rests.wraps(lines[chain[-1]], text[chain[-1]]) else 0)
                for number, chain in enumerate(kept)]
        made += [(run, 0) for run, to in zip(runs, assigned) if to == -1]  # names of their own
        read = {n.lines[0]: n for n in names}  # (a name keeps what else it knew: ``resumed``)
        names[:] = []
        for taken, own in sorted(made):
            name = read.get(taken[0]) or _Name([], [], True)
            apart = any(b < a or any(_text(lines[i]) for i in range(a + 1, b)) for a, b in zip(taken, taken[1:]))
            name.lines, name.parts, name.own = [], [], own if apart else 0
            for i in taken:
                _go_on(name, text[i], i, lines[i].rstrip("\f").endswith(" "), False)
            names.append(name)


def _collation(name: str) -> list[int]:
    """A name's key in Swedish alphabetical order: å, ä and ö after z."""
    return [ord("z") + 1 + "åäö".index(c) if c in "åäö" else ord(c) for c in name.strip().lower()]


def _words(text: str) -> list[str]:
    """The line's words, values glued to a name split off ("bistånd1,2 %", "i SHIS regi-251",
    "förpackningar2025-01-01")."""
    return _GLUED_DATE.sub(" ", _GLUED_END.sub(" ", GLUED_VALUE.sub(" ", text))).split()


class _Unmarked:
    """The lines as the parser reads a table's: inline markup out ("<b>Aktivitet</b>", "<p>Analys</p>"),
    the spaces and page breaks around the words kept (they mark where a line wrapped or a row begins)."""

    def __init__(self, lines: list[str], width: int):
        self._lines, self.width = lines, width
        self._cleaned: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def paragraph(self, index: int) -> bool:
        """Does the line begin an HTML paragraph ("<p>Då fyra …"): the export's analyses are HTML,
        a name never is (in lower case, it may go on with an analysis a page break cut)."""
        return self._lines[index].lstrip(" \f").startswith("<p>")

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._lines)))]
        if index not in self._cleaned:
            self._cleaned[index] = without_markup(self._lines[index])
        return self._cleaned[index]


def without_markup(line: str) -> str:
    """The line's words without inline markup, as the parser reads a table's (a row of TABs as it
    is), the spaces and page breaks around them kept."""
    if "<" not in line and "*" not in line or "\t" in line or not (words := line.strip(" \f")):
        return line
    return line[:line.index(words)] + clean_inline(words) + line[len(line.rstrip(" \f")):]


def text_width(lines: list[str]) -> int:
    """The widest line of a text as extracted (not a row of TABs another reader made): where its
    lines wrap."""
    return max((len(line.strip("\f").rstrip()) for line in lines if "\t" not in line), default=0)


def rebuild(lines: list[str], start: int, furniture: set[int], width: int, headless: bool = False) -> Rebuilt | None:
    """The goal's tables from the table header at ``start`` rebuilt, or None if their rows are
    in their lines (the other readers read them, unless ``headless``: they cannot read the
    header) or cannot be read. Header words right before the header are its own (pdfminer
    may give "Startdatum Slutdatum" before "Aktivitet"). Where a sentence ends a line of an
    analysis, the next line may go on with it or begin a name: the fewest analyses going on
    that make the names as many as the rows are taken, if only one choice does. Where the rows
    cannot be counted, nothing is rebuilt but the names read are given (``unplaced``): the
    other readers may miss or misread their rows, which must be warned of by name. ``width``: the
    text's, as extracted (``text_width``)."""
    lines = _Unmarked(lines, width)
    end = start + 1
    while end < len(lines) and not is_stop(lines[end].strip(" \f")):
        end += 1
    kind = _kind_of(_text(lines[start]))
    if kind is None:
        return None
    start = _first_header_line(lines, start)
    plain = _Reading(lines, end, furniture, frozenset()).read(start, kind)
    if plain is None or not (plain.scrambled or headless):
        return None
    if plain.broken:
        return _unplaced(plain, start, end)
    if (rebuilt := _Rebuilder(lines, plain, start, end).rebuild()) is not None:
        return rebuilt
    for size in (1, 2):  # the fewest analyses that go on past a full stop, if only one choice fits
        fitting = [(rebuilt, reading) for chosen in combinations(plain.stretchable, size)
                   if (reading := _Reading(lines, end, furniture, frozenset(chosen)).read(start, kind))
                   and not reading.broken and (rebuilt := _Rebuilder(lines, reading, start, end).rebuild()) is not None]
        if len(fitting) == 1:
            rebuilt, reading = fitting[0]
            rebuilt.doubtful = {i: _text(lines[i]) for i in reading.stretched_to}
            return rebuilt
        if fitting:
            break
    reading = _Reading(lines, end, furniture, frozenset()).read(start, kind)
    if (joined := _rejoin(reading)) and (rebuilt := _Rebuilder(lines, reading, start, end).rebuild()) is not None:
        rebuilt.continued = joined
        return rebuilt
    return _activities_alone(lines, plain, start, end, furniture) or _unplaced(plain, start, end)


def _activities_alone(lines: _Unmarked, reading: _Reading, start: int, end: int, furniture: set[int]) -> Rebuilt | None:
    """Where the indicators' rows cannot be counted but the activities' can, and the activity
    tables stand after every name and period of the indicators', those tables rebuilt on their
    own; the indicators' names are given as ``unplaced`` (from ``head``), to be imported by
    name alone."""
    reader = reading.reader
    activities = [i for i, kind in reading.headers if kind == "activity"]
    if not activities or not reader.names["indicator"]:
        return None
    begin = _page_start(lines, activities[0])
    theirs = [i for n in reader.names["indicator"] for i in n.lines] + \
        [i for c in reader.cells if c.kind == "period" for i in c.lines]
    ours = [i for n in reader.names["activity"] for i in n.lines] + [i for c in reader.cells if c.kind == "date"
                                                                      for i in c.lines]
    if max(theirs) >= begin or min(ours, default=begin) < begin:
        return None
    part = _Reading(lines, end, furniture, frozenset()).read(begin, "activity")
    if part is None or part.broken or (rebuilt := _Rebuilder(lines, part, begin, end).rebuild()) is None:
        return None
    rebuilt.head = start
    reading.assign_rests("indicator")
    rebuilt.unplaced = _unplaced_names(reader.names["indicator"], "indicator")
    return rebuilt


def _first_header_line(lines: _Unmarked, start: int) -> int:
    """The first line of the header at ``start``: header words right before it are its own
    ("Startdatum Slutdatum" / "Aktivitet"), and so are the rows' first lines between them and it
    ("Avvikelse" / "Startdatum Slutdatum" / " Asfaltering …" / "Aktivitet"), each after the space
    of an empty icon cell that marks a row's beginning, and their cells ("Årsmål" / "81 % År" /
    "Indikator")."""
    first = index = start
    while index:
        text = _text(lines[index - 1])
        if header_words_only(text) or text[:1].isupper() and header_cells(text, "indicator"):  # "KF:s årsmål år 2025"
            first = index - 1
        elif text and not (lines[index - 1].lstrip("\f")[:1].isspace() and begins_name(text) or _cells_line(text)) \
                or is_stop(text):
            break
        index -= 1
    return first


def _first_lines(lines: _Unmarked, text: dict[int, str], pages: list[int]) -> tuple[list[int], dict[int, int]]:
    """The first lines of the names (``text``: each line's name text) page by page, and how far
    a TAB set in those it did: after an icon or an icon cell's space; on a page where none is,
    in a column of their own (a TAB after the icon) as wide as the widest, each with a capital
    and not right under a line of its box that goes on."""
    firsts: list[int] = []
    indents: dict[int, int] = {}
    for begin, end in zip([-1, *pages], [*pages, len(lines)]):
        on_page = sorted(i for i in text if begin <= i < end)
        if spaced := [i for i in on_page if lines[i].lstrip("\f")[:1].isspace() or v.split_glyphs(text[i])[0]]:
            firsts += spaced
            continue
        columned = [i for i in on_page if begins_name(text[i]) and not (
            i - 1 in text and rests.goes_on(lines[i - 1], text[i - 1], lines.width))]
        indent = max(0, lines.width - max((rests.printed(lines[i]) for i in columned), default=0))
        firsts += columned
        indents.update(dict.fromkeys(columned, indent))
    return firsts, indents


def _page_start(lines: _Unmarked, header: int) -> int:
    """Where the page of a header it repeated begins: at its header words or the rows' first
    lines (after an icon cell's space) pdfminer gave right before it."""
    first = index = header
    while index:
        index -= 1
        text = _text(lines[index])
        if header_words_only(text) or lines[index].lstrip("\f")[:1].isspace() and begins_name(text):
            first = index
        elif text:
            break
    return first


def _unplaced(reading: _Reading, start: int, end: int) -> Rebuilt:
    reading.assign_rests("indicator")
    return Rebuilt(start, end, unplaced={line: named for kind, names in reading.reader.names.items()
                                         for line, named in _unplaced_names(names, kind).items()})


def _rejoin(reading: _Reading) -> dict[int, str]:
    """Make each kind's names as many as its rows where only the line ends say where a name ends:
    where they are more, join a name to the one before it whose last line ends no sentence and is
    about as long as the longest (it ran out of room before a capital: "… med Nobel Week" /
    "Lights upp …"); where fewer, begin a name at a capital after a function word ("… tillgång
    till det" / "Socialnämnden …"); if exactly so many places are such. The index of each line so
    guessed -> its text; else none. Only where the names stand in a column of their own (most
    follow a name) and the rows were seen scrambled, and not where a name holds a date: a row in its
    line, the count proves nothing."""
    reader = reading.reader
    if not reading.scrambled or any(_DATE.search(n.text) for names in reader.names.values() for n in names):
        return {}
    rows = {"indicator": sum(c.kind == "period" and c.whole for c in reader.cells),
            "activity": sum(c.kind == "date" for c in reader.cells) / 2}
    guessed: dict[int, str] = {}
    for kind, names in reader.names.items():
        excess = len(names) - rows[kind]
        if excess > 0 and _join_resumed(names, excess, guessed):
            continue
        if excess and not _in_a_column(reading.lines, names):
            return {}
        if excess > 0 and not _join_wrapped(names, excess, guessed) \
                or excess < 0 and not _split_after_function_words(names, -excess, guessed):
            return {}
    return guessed


def _in_a_column(lines: list[str], names: list[_Name]) -> bool:
    """Do most names follow a name (over blank lines), as where the extractor gave the names
    column by column, not each row's cells after its name?"""
    following = sum(not any(_text(lines[i]) for i in range(before.lines[-1] + 1, name.lines[0]))
                    for before, name in zip(names, names[1:]))
    return 2 * following >= len(names) - 1


def _join_resumed(names: list[_Name], excess: int, guessed: dict[int, str]) -> bool:
    """(See ``_rejoin``.) Each name begun right after a header a page break repeated, after a name
    whose last line ends no sentence, is that name's rest ("… indexvärde för nämndens" / header /
    "ANDTS-förebyggande arbete"), where those are as many."""
    resumed = [n for n in range(1, len(names)) if names[n].resumed and not _ends_sentence(names[n - 1].parts[-1])]
    if len(resumed) != excess:
        return False
    _join(names, resumed, guessed)
    return True


def _join(names: list[_Name], rests: list[int], guessed: dict[int, str]) -> None:
    """Join each name in ``rests`` (indexes) to the name before it, its first line guessed."""
    for n in reversed(rests):
        guessed[names[n].lines[0]] = names[n].text
        names[n - 1].lines += names[n].lines
        names[n - 1].parts += names[n].parts
        del names[n]


def _join_wrapped(names: list[_Name], excess: int, guessed: dict[int, str]) -> bool:
    """(See ``_rejoin``.) A name of one word on one line, or one that begins with a compound of
    an acronym ("ANDT-förebyggande …"), after a line that ends no sentence is such a rest before
    any other ("… som fått" / "Stockholmsjobb", "… det lokala" / "ANDT-förebyggande arbetet"),
    where those are as many."""
    width = max(len(part) for name in names for part in name.parts)
    going_on = [n for n in range(1, len(names)) if names[n].lines[0] == names[n - 1].lines[-1] + 1
                and not _ends_sentence(names[n - 1].parts[-1])]
    lone = [n for n in going_on if len(names[n].parts) == 1 and len(names[n].text.split()) == 1
            or _ACRONYM_COMPOUND.match(names[n].text)]
    wrapped = lone if len(lone) == excess else [n for n in going_on if len(names[n - 1].parts[-1]) >= _FULL * width]
    if len(wrapped) != excess:
        return False
    _join(names, wrapped, guessed)
    return True


def _split_after_function_words(names: list[_Name], deficit: int, guessed: dict[int, str]) -> bool:
    places = [(n, k) for n, name in enumerate(names) for k in range(1, len(name.parts))
              if begins_name(name.parts[k]) and name.parts[k - 1].split()[-1].isalpha()
              and v.fold(name.parts[k - 1].split()[-1]) in GOES_ON]
    if len(places) != deficit:
        return False
    for n, k in reversed(places):
        name = names[n]
        guessed[name.lines[k]] = _joined(name.parts[k:])
        names.insert(n + 1, _Name(name.lines[k:], name.parts[k:], name.goes_on))
        name.lines, name.parts = name.lines[:k], name.parts[:k]
    return True


def table_matter(text: str) -> bool:
    """Is the line a table's and no prose's: header words only, one of them a word only a
    table's header has or more than one ("Startdatum Slutdatum", "Aktivitet", "Utfall VB 2021"),
    or cells only, a date or a period among them ("2022-01-01 2022-12-31", "2,7 % VB 2022")?"""
    reader = _Reader()
    cells = reader.read(_words(_text(text)), -1, "indicator")
    if cells is None or _ends_sentence(text) or ", " in text:  # prose, not cells
        return False
    header = [v.fold(word) for words in reader.header_words.values() for word in words]
    if not cells:
        return len(header) > 1 or bool(header) and header[0] in _TABLE_WORDS
    return not header and (any(c.kind == "date" or c.kind == "period" and not _YEAR.fullmatch(c.text)
                               for c in cells) or {"value", "period"} <= {c.kind for c in cells})


def header_words_only(text: str) -> bool:
    """A line of header words only ("Startdatum Slutdatum")."""
    return all(map(_header_word, text.split())) and text[:1].isupper()


def _header_word(word: str) -> bool:
    """A word of a header broken over lines, a soft hyphen where it broke ("ut\xad") as a hyphen."""
    return bool(_HEADER_WORD.fullmatch(word.replace(_SOFT_HYPHEN, "-")))


def _text(line: str) -> str:
    """The line's text, a soft hyphen only where it breaks a word at the end."""
    text = line.strip(" \f")
    return text[:-1].replace(_SOFT_HYPHEN, "") + text[-1:] if text else text


def _read_analysis(lines: list[str], analysis: list[int], index: int, end: int, furniture: set[int],
                   marked: bool, stretch: bool, column: int) -> tuple[int, bool, int | None]:
    """Take the analysis's lines from ``index`` on: (the index after them, whether it ended
    where a sentence ended a line, and could go on; the line it went on to past a sentence's
    end). ``stretch``: it goes on there, once. ``column``: the width of the names' column."""
    stretched = None
    while index < end:
        if not _analysis_goes_on(lines, analysis, index, furniture, marked, column, stretch=False):
            if not _analysis_goes_on(lines, analysis, index, furniture, marked, column, stretch=True):
                return index, False, stretched
            if not stretch:
                return index, True, stretched
            stretch, stretched = False, index
        analysis += [index] if lines[index].strip(" \f") else []
        index += 1
    return index, False, stretched


def _analysis_goes_on(lines: list[str], analysis: list[int], index: int, furniture: set[int],
                      marked: bool, column: int, stretch: bool) -> bool:
    """Does the analysis go on at ``index``: a line in lower case, or, where the text marks a
    wrapped line with a space at its end (pdfminer), after such a line (one that begins with a
    space begins a row); else after a line that ends no sentence; or (``stretch``) any line
    right after its lines. Over blank lines only to a line in lower case."""
    text, last = lines[index].strip(" \f"), analysis[-1]
    if index in furniture or text and (is_stop(text) or _kind_of(text) or v.ANALYSIS_PREFIX.match(text)
                                       or _CAPTION.match(text) or _cells_line(text)):
        return False  # a line of cells ends it too (they may cut it: ``unended``)
    if len(analysis) == 1 and not v.ANALYSIS_PREFIX.sub("", _text(lines[last])):
        return bool(text)  # the label alone: its text follows
    if not text:
        following = next((lines[i].strip(" \f") for i in range(index + 1, min(index + 4, len(lines)))
                          if lines[i].strip(" \f")), "")
        return following[:1].islower() and not _ends_sentence(lines[last])
    if text[:1].islower() or text[:1].isdigit() and _ends_sentence(text):
        return True  # a sentence's rest: "… i fa-" / "miljer", "… från 74 till" / "56."
    if marked and lines[index].lstrip("\f")[:1].isspace():
        return False  # pdfminer keeps the space of an empty icon cell before a row's name
    if column and len(text) > _WIDER * column:
        return True  # far wider than a name's line: the analysis's own, past its sentence's end
    return stretch and index == last + 1 or (
        lines[last].rstrip("\f").endswith(" ") if marked else not _ends_sentence(lines[last]))


def _cells_line(text: str) -> bool:
    """Does the line hold cells only ("2024-01-01", "80 % 2024")?"""
    return bool(_Reader().read(text.split(), -1, "indicator"))


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?:]['\"”’)]*$", line.strip()))


def _split_cells(reader: _Reader, words: list[str], index: int, kind: str) -> tuple[str, bool]:
    """The fragment of a name in ``words`` and whether cells stood at its end ("…
    idrottsnämnden, 2024-01-01"): the longest run of words at the end that are cells, the
    first a value, is read as cells; in an activity table only dates (a name may end with a
    year: "Hållbarhetsrapport 2021")."""
    for cut in range(1, len(words)):
        tail = words[cut:]
        if kind == "activity" and not all(_DATE.fullmatch(w) or _DATE_BEGUN.fullmatch(w) for w in tail):
            continue
        if _NUMBER.fullmatch(tail[0]) and counted_after_preposition(words[:cut], tail):
            continue  # "… inom 48 timmar"
        if (_DATE_BEGUN.match(tail[0]) or _NUMBER.fullmatch(tail[0])) and reader.read(tail, index, kind):
            return " ".join(words[:cut]), True
    return " ".join(words), False


def _add_fragment(names: list[_Name], text: str, index: int, wraps: bool, ended: bool) -> bool:
    """The fragment goes on the last name or begins one (see the module); True if it began one.
    ``ended``: the line says the name ends there, even after a function word."""
    # a lone token with a digit ("T2") is no name's beginning: the line before ran out of room
    if names and (names[-1].goes_on or not begins_name(text) or _TOKEN.fullmatch(text)):
        _go_on(names[-1], text, index, wraps, ended)
        return False
    _begin_name(names, text, index, wraps, ended)
    return True


def _begin_name(names: list[_Name], text: str, index: int, wraps: bool, ended: bool) -> None:
    names.append(_Name([], [], True))
    _go_on(names[-1], text, index, wraps, ended)


def _go_on(name: _Name, text: str, index: int, wraps: bool, ended: bool) -> None:
    """The fragment goes on the name, whose last line then says whether the name goes on after it."""
    name.lines.append(index)
    name.parts.append(text)
    words = text.split()
    while len(words) > 1 and v.glyphs_only(words[-1]):
        words.pop()  # a status icon printed beside the name's line
    last = words[-1]
    text = " ".join(words)
    # a function word goes on, unless it stands alone on a line that had room for more ("från")
    name.goes_on = wraps or text.endswith(("-", "–", ",", _SOFT_HYPHEN)) or last.isalpha() and not ended \
        and v.fold(last) in GOES_ON and last.lower() != "år" and len(words) > 1  # "är" goes on, "år" ends


class _Rebuilder:
    """Writes the rows a reading gave back into the goal's lines."""

    def __init__(self, lines: list[str], reading: _Reading, start: int, end: int):
        self.lines, self.reading, self.reader = lines, reading, reading.reader
        self.result = Rebuilt(start, end)

    def rebuild(self) -> Rebuilt | None:
        """The rebuilt lines, or None if the names are not as many as the rows or a row does not
        read back as written."""
        reader, headers, analyses = self.reader, self.reading.headers, self.reading.analyses
        whole = [c for c in reader.cells if c.whole]
        indicators, activities = reader.names["indicator"], reader.names["activity"]
        dates = [c for c in reader.cells if c.kind == "date"]  # a date begun is one too
        periods = [c for c in whole if c.kind == "period"]
        if len(periods) != len(indicators) or len(dates) != 2 * len(activities) or not (indicators or activities):
            return None
        labels = {kind: _labels(kind, reader.header_words[kind]) for kind in ("indicator", "activity")}
        taken: dict[int, int] = {}  # id of a cell -> the index of the row line that takes it
        for name, run in zip(indicators, _runs(reader.cells)):
            if not self._indicator(name, run, labels["indicator"], taken):
                return None
        for number, name in enumerate(activities):
            if not self._activity(name, dates[2 * number:2 * number + 2], taken):
                return None
        written = self._headers(headers, labels)
        for analysis in analyses:
            self._take(analysis, "Analys " + v.ANALYSIS_PREFIX.sub(
                "", _joined([_text(self.lines[i]) for i in analysis]), count=1))
        claimed = set(self.result.lines)  # the lines of names, analyses and headers: their fate stands
        for cell in reader.cells:
            holder = taken.get(id(cell))
            for line in cell.lines:
                if holder is None:
                    self.result.strays[line] = " ".join(filter(None, [self.result.strays.get(line), cell.text]))
                if line not in claimed:
                    self._follow(line, holder)
        for line in (i for i in reader.header_lines if i not in claimed):
            self._follow(line, max((i for i in written if i <= line), default=written[0] if written else None))
        return self.result

    def _follow(self, line: int, holder: int | None) -> None:
        """Blank the line; its fate is the holder's (none: its cells are warned of)."""
        self.result.lines[line] = ""
        if holder is not None and holder != line:
            self.result.joined.setdefault(line, holder)

    def _take(self, indexes: list[int], text: str) -> None:
        """Write ``text`` on the first of the lines, and make the others follow it."""
        self.result.lines[indexes[0]] = text
        for index in indexes[1:]:
            self.result.lines[index] = ""
            self.result.joined[index] = indexes[0]

    def _indicator(self, name: _Name, run: list[_Cell], labels: list[str], taken: dict) -> bool:
        """Write the indicator's row; its values only if they fit the columns (at any goal
        level) and read back as they are."""
        columns = [label for label in labels if label != "Bedömning"]
        fields = [v.indicator_column(label) for label in columns[1:]]
        period = next(c for c in run if c.kind == "period" and c.whole)
        values = [c for c in run if c.kind in ("value", "target", "bound") and c.whole and c is not period]
        for kept in (values, []):
            texts = [*(c.text for c in kept), period.text]
            line = " ".join([name.text, *texts])
            cells = split_indicator_row(line, len(columns), frequency=columns[-1] == "Periodicitet")
            fits = all(not place(texts, fields, kf, tertial="forecast" in fields).extra for kf in (True, False))
            if fits and cells and v.fold(cells[0]) == v.fold(name.text) and cells[1:] == texts:
                self._take(name.lines, line)
                for cell in [*kept, period, *(c for c in run if c.kind == "status")]:
                    taken[id(cell)] = name.lines[0]
                return True
        return False

    def _activity(self, name: _Name, dates: list[_Cell], taken: dict) -> bool:
        """Write the activity's row with its whole dates, if it reads back as written."""
        texts = sorted(c.text for c in dates if c.whole)  # the earlier is the start
        line = " ".join([name.text, *texts])
        cells = split_activity_row(line)
        if not cells or cells[1:] != texts or v.fold(cells[0]) != v.fold(name.text):
            return False
        self._take(name.lines, line)
        for cell in dates:
            taken[id(cell)] = name.lines[0]
        return True

    def _headers(self, headers: list[tuple[int, str]], labels: dict[str, list[str]]) -> list[int]:
        """Each table's header whole on its first line, the first table's on the tables' first
        line (header words and rows may stand before its first word); a header the page
        repeated under one of the same kind follows the first. The lines written, in order."""
        written: list[int] = []
        previous = None
        for number, (index, kind) in enumerate(headers):
            if previous is not None and previous[1] == kind:
                at = previous[0]  # a header the page repeated
            else:
                at = index if number else self.result.start
                self.result.lines[at] = " ".join(labels[kind])
                previous = (at, kind)
                written.append(at)
            if at != index:
                self.result.lines[index] = ""
                self.result.joined[index] = at
        return written


def _complete_dates(cells: list[_Cell]) -> None:
    """Complete each date a line end broke ("2022-01-") whose day pdfminer gave before it, read
    as a lone number ("01"), where they are as many: the k-th such day the k-th such date's (a
    guess, as every value of a rebuilt row is)."""
    begun = [c for c in cells if c.kind == "date" and not c.whole]
    days = [c for c in cells if c.kind == "value" and re.fullmatch(r"\d\d", c.text)]
    if not begun or len(begun) != len(days) or not all(_DATE.fullmatch(d.text + n.text) for d, n in zip(begun, days)):
        return
    for date, day in zip(begun, days):
        date.words, date.lines, date.rest, date.whole = [*date.words, day.text], [*date.lines, *day.lines], (), True
        cells.remove(day)


def _runs(cells: list[_Cell]) -> list[list[_Cell]]:
    """The indicator cells as runs, each up to a period and the status after it."""
    runs: list[list[_Cell]] = [[]]
    for cell in cells:
        if cell.kind == "date":
            continue
        if cell.kind == "status" and runs[-1] == [] and len(runs) > 1:
            runs[-2].append(cell)
            continue
        runs[-1].append(cell)
        if cell.kind == "period" and cell.whole:
            runs.append([])
    return runs[:-1]


def _labels(kind: str, words: list[str]) -> list[str]:
    """The header's labels in the report format's order, from its words in any order."""
    folded = [v.fold(word) for word in words]
    year = next((word for word in words if _YEAR.fullmatch(word)), "")
    if kind == "activity":  # a rebuilt row has both dates, whatever header words stood elsewhere
        return ["Aktivitet", *(label for key, label in _COLUMNS[kind] if key in folded or key.endswith("datum"))]
    present = {
        "perio": any(w.startswith("perio") and w not in ("period", "periodicitet") for w in folded),
        "arsmal": sum("arsmal" in w for w in folded) > sum("kfs" in w for w in folded),
        "period": "period" in folded, "periodicitet": "periodicitet" in folded,
    }
    return ["Indikator", *(label.format(year).strip() for key, label in _COLUMNS[kind]
                           if present.get(key, any(key in w for w in folded)))]
