"""Tables whose cells an extractor gave one a line, in an order of its own.

pdftotext's default mode and pdfminer.six read a table as blocks of text: a header cell or a
row's cell may stand on a line of its own, the cells of a header may come before and after
the first rows ("Indikator" / "Årsmål" / <a row> / "Periodicitet"), a cell may leave its row
("GWh" under the name its value lost, "fram av nämnd" without its "Tas"), and the values of a
row may come after the row's period or before the next row's name. The TAB-less reader
(``text_tables``) reads a row from its name to its period; before it reads, this module

- gathers a header scattered among its first rows into one header line, its cells in the
  column order of the report format (the order the lines give is the extractor's);
- takes out the lines that hold only cells no row can take: values after a row's period or
  right after a header (before any name), values that no period follows before the table
  ends, a unit or the rest of a word target cut off from the value it belongs to. Each is
  named in a warning: its cells are known, their row is not;
- and, as the reader meets them, ends a row whose values are followed by the next row's name
  without a period (``unclosed_row``): the period is lost, so where the values go is a guess.

The rows of a table whose header was gathered are marked as guessed, every value of them:
the extractor's order of their cells is no proof of their columns. A goal's tables whose rows
are not in their lines at all (names before their values, a header among the rows) are
rebuilt first, by ``scrambled``, and their rows marked and warned of the same way; where it
cannot rebuild them, the rows the other readers make of them are marked the same way, and each
name it read that they did not take is imported by its name alone, without values (a row they
made of such names and table matter gives way to them). A row
that is a guess (or whose name holds a header's words) and has a line set in like a name's
first inside its name or analysis may be several rows read as one: each such line is quoted in
a warning (``settle``), so no row it swallowed goes unnamed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ils.domain.model import Activity, GoalLevel, ImportWarning, IndicatorResult, indicator_key

from . import vocabulary as v
from .accounting import Fate, ParseResult
from .blocks import page_furniture
from .goal_tables import FIELD_NAMES
from .scrambled import GOES_ON, Rebuilt, Unplaced, header_words_only, rebuild, text_width, without_markup
from .text_tables import (BOARD, PERIOD_LINE, PERIOD_WHOLE, UNIT, VALUE_END, TextRow,
                          begins_name, is_stop, spelled, header_at, header_cells, rejoin_hyphenated)
from .text_tables import PERIOD_END as _YEARS_END  # what ends a row of a table with periods

_RANK = {name: rank for rank, name in enumerate((
    "name", "text", "outcome", "outcome_men", "outcome_women", "previous", "forecast", "target", "kf_target",
    "period", "frequency", "assessment", "start", "end", "deviation", "status"))}
_FINAL = {"indicator": ("period", "frequency"), "activity": ("end",)}
_BROKEN_CELL_LINES = 3  # the lines a header cell broken over lines of its own may take
_HEADER_WINDOW = 24  # lines a scattered header and the rows among its cells may take
_TABLE_START = re.compile(r"^\W{0,4}(?:Indikator|Aktivitet)\b", re.IGNORECASE)
_PERIOD = rf"{PERIOD_WHOLE}|[AÅ]r|Tertial|Halv[aå]r|Kvartal|M[aå]nad"  # a period, or a frequency
_PERIOD_END = re.compile(rf"(?:^|\s)(?:{_PERIOD})$")
_PERIOD_START = re.compile(rf"^(?:{_PERIOD}|VB)(?:\s|$)")
# "Tas fram av nämnd/styrelse" begun ("Tas", "Tas fram av") or its rest ("fram av nämnd", "nämnd/ styrelse")
_TARGET_HEAD = re.compile(r"(?:^|\s)Tas(?:\s+fram(?:\s+av)?)?$")
_TARGET_PART = rf"Tas(?:\s+fram(?:\s+av)?)?|(?:(?:fram\s+)?av\s+)?{BOARD}|(?:fram\s+)?av|fram"
# what ends a line of cells besides a value: a period (or its "VB" cut off), a word target's part
_CELL_END = re.compile(rf"(?:^|\s)(?:{_PERIOD}|VB|{_TARGET_PART})$", re.IGNORECASE)
_TARGET_REST = re.compile(rf"^(?P<rest>(?:(?:fram\s+)?av\s+)?{BOARD}|fram\s+av)"
                          rf"(?:\s+(?P<period>{_PERIOD}))?$", re.IGNORECASE)
_LONE_UNIT = re.compile(rf"^(?P<unit>{UNIT})(?:\s+(?P<period>{_PERIOD}))?$", re.IGNORECASE)
_NUMBER_END = re.compile(r"\d$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATES_REACH = 25  # lines from an activity row's first within which left-over dates may be its own
_DATES_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}(?:\s+\d{4}-\d{2}-\d{2})*")
_ROW_REACH = 60  # lines after a row's first that may hold the rest of its name or its analysis
_KEY_WORDS = 4  # the words of a line that find it in a row's name


@dataclass
class Cells:
    """The lines as the TAB-less reader should read them, and what was done to get them."""

    lines: list[str]
    joined: dict[int, int] = field(default_factory=dict)  # header line taken in -> the header's line (1-based)
    strays: dict[int, str] = field(default_factory=dict)  # line -> the cells taken out of it (1-based)
    guessed: list[tuple[int, range]] = field(default_factory=list)  # (header line, its rows' lines), 1-based
    rebuilt: list[tuple[int, range]] = field(default_factory=list)  # (first header line, the tables' lines)
    doubtful: dict[int, str] = field(default_factory=dict)  # line -> its text, read as an analysis's on a guess
    continued: dict[int, str] = field(default_factory=dict)  # line -> its text, joined or split off on a guess
    # tables ``scrambled`` could not rebuild: (first header line, the tables' lines, {line: a name read there})
    unplaced: list[tuple[int, range, dict[int, Unplaced]]] = field(default_factory=list)


def read_cells(lines: list[str]) -> Cells:
    """The lines with scattered headers gathered and stray cells taken out (see the module)."""
    cells = Cells(list(lines))
    furniture, width = None, 0
    index = 0
    while index < len(lines):
        text = without_markup(lines[index]).strip(" \f")
        if not _TABLE_START.match(text) or "\t" in text:
            index += 1
            continue
        if text != lines[index].strip(" \f"):  # a header in markup ("<b>Aktivitet</b> <b>Startdatum</b>")
            cells.lines[index] = "\f" * lines[index].startswith("\f") + text
        if furniture is None:
            furniture, width = page_furniture(lines), text_width(lines)
        headless = header_at(cells.lines, index) is None and _gather_header(cells.lines, index) is None
        if (rebuilt := rebuild(cells.lines, index, furniture, width, headless)) is not None and rebuilt.lines:
            _apply(cells, rebuilt)
            if rebuilt.unplaced:  # the indicator tables before the activity tables rebuilt alone
                _add_unplaced(cells, rebuilt, rebuilt.head, rebuilt.start)
            index = rebuilt.end
            continue
        if rebuilt is not None and rebuilt.unplaced:
            _add_unplaced(cells, rebuilt, rebuilt.start, rebuilt.end)
        gathered = _gather_header(cells.lines, index)
        if gathered is not None:
            labels, taken = gathered
            cells.lines[index] = "\f" * lines[index].startswith("\f") + " ".join(labels)
            for line in taken:
                cells.lines[line] = "\f" * ("\f" in lines[line])
                cells.joined[line + 1] = index + 1
        header = header_at(cells.lines, index)
        if header is None:
            index += 1
            continue
        end = _table_end(cells.lines, header[2])
        if gathered is not None:
            cells.guessed.append((index + 1, range(header[2] + 1, end + 1)))
        # a header a page break repeated: the lines up to the first row's end are the rest of
        # the row the break cut, which the reader completes (unless the header was scattered)
        resumed = gathered is None and any("\f" in line for line in lines[max(0, index - 3):index + 1])
        ends = _PERIOD_END if "Periodicitet" in header[1] else _YEARS_END
        _take_strays(cells, header[0], header[2], end, resumed, ends)
        index = max(end, index + 1)
    return cells


def _add_unplaced(cells: Cells, rebuilt: Rebuilt, start: int, end: int) -> None:
    """Note the names of the tables on lines ``start``–``end`` (0-based) ``rebuilt`` could not place."""
    cells.unplaced.append((start + 1, range(start + 1, end + 1),
                           {line + 1: named for line, named in rebuilt.unplaced.items()}))


def _apply(cells: Cells, rebuilt: Rebuilt) -> None:
    """Write the tables ``scrambled`` rebuilt into the lines, a page break kept where it was."""
    for index, text in rebuilt.lines.items():
        cells.lines[index] = "\f" * ("\f" in cells.lines[index]) + text
    cells.joined.update((index + 1, holder + 1) for index, holder in rebuilt.joined.items())
    cells.strays.update((index + 1, text) for index, text in rebuilt.strays.items())
    cells.doubtful.update((index + 1, text) for index, text in rebuilt.doubtful.items())
    cells.continued.update((index + 1, text) for index, text in rebuilt.continued.items())
    cells.rebuilt.append((rebuilt.start + 1, range(rebuilt.start + 1, rebuilt.end + 1)))


def _gather_header(lines: list[str], index: int) -> tuple[list[str], list[int]] | None:
    """(labels in column order, the other lines that held header cells) of a header whose
    cells stand over lines with rows among them or out of the format's column order; None if
    there is none, or the header is whole and in order already (``header_at`` reads it)."""
    first = v.split_glyphs(lines[index].strip(" \f"))[1]
    kind = "indicator" if v.fold(first[:12]).startswith("indikator") else "activity"
    found = header_cells(first, kind)
    if not found:
        return None
    taken: list[int] = []
    body = False  # a line that is no header cell stands among them
    position = index + 1
    while found[-1][1] not in _FINAL[kind]:
        if position >= min(len(lines), index + _HEADER_WINDOW):
            return None
        text = lines[position].strip(" \f")
        position += 1
        if not text:
            continue
        if "\t" in text or is_stop(text) or _TABLE_START.match(text):
            return None
        more = header_cells(text, kind)
        if more is None and (broken := _broken_header_cell(lines, position - 1, kind)) is not None:
            more, lines_taken = broken  # a cell over lines of its own ("KF:s" / "årsmål år" / "2025")
            taken += lines_taken[:-1]
            position = lines_taken[-1] + 1
        if more is None:
            body = True
            continue
        found += more
        taken.append(position - 1)
    names = [name for _, name in found]
    if len(set(names)) < len(names) or names[0] not in ("name", "text"):
        return None
    ordered = sorted(found, key=lambda cell: _RANK[cell[1]])
    if not body and ordered == found:
        return None
    return [label for label, _ in ordered], taken


def _broken_header_cell(lines: list[str], index: int, kind: str) -> tuple[list[tuple[str, str]], list[int]] | None:
    """The header cells that the line at ``index`` begins with the next lines (a cell broken
    over two or three lines of its own), and those lines; None if it begins none."""
    parts, taken = [], []
    for position in range(index, min(len(lines), index + _BROKEN_CELL_LINES)):
        text = lines[position].strip(" \f")
        if not text or "\t" in text:
            return None
        parts.append(text)
        taken.append(position)
        if len(parts) > 1 and (cells := header_cells(" ".join(parts), kind)) is not None:
            return cells, taken
    return None


def _table_end(lines: list[str], index: int) -> int:
    """The index of the line that ends the table's rows: a stop, another table's header."""
    while index < len(lines):
        text = lines[index].strip(" \f")
        if text and (is_stop(text) or _TABLE_START.match(text) and (
                header_at(lines, index) or _gather_header(lines, index))):
            return index
        index += 1
    return index


def _take_strays(cells: Cells, kind: str, start: int, end: int, resumed: bool, ends: re.Pattern) -> None:
    """Take out of the table's lines the cells no row can take (see the module); after a
    repeated header, from the first row's end on."""
    lines = cells.lines
    closed = not resumed  # after the header or a row's end: no row is open
    run: list[int] = []  # lines of values only since the open row's last other line
    previous = ""
    first = next((i for i in range(start, end) if lines[i].strip(" \f")), end)
    for index in range(start, end):
        text = lines[index].strip(" \f")
        if not text:
            continue
        if v.ANALYSIS_PREFIX.match(text):
            _take(cells, run)
            run, closed, previous = [], False, text
            continue
        only = cells_only(text)
        # after a row's period, a period begun on the next line was a word target's year
        # ("Fastställs 2025" / "Tertial"): the row goes on
        if only and closed and not _DATE.search(text) and (index == first or not PERIOD_LINE.match(text)):
            _take(cells, [index])
            continue
        if not closed and not resumed and kind == "indicator" and (part := _cut_part(text, previous)) is not None:
            kept, removed = part
            cells.strays[index + 1] = removed
            lines[index] = "\f" * ("\f" in lines[index]) + kept
            text = kept
            if not text:
                continue
            only = cells_only(text)
        if only and kind == "indicator" and not resumed and not _PERIOD_END.search(text):
            run.append(index)
        else:
            run = []
        # an activity's end date may wrap ("2022-06-" / "30"): after its header only is none open
        closed = kind == "indicator" and bool(ends.search(text))
        resumed = resumed and not closed
        previous = text
    _take(cells, run)


def _take(cells: Cells, indexes: list[int]) -> None:
    for index in indexes:
        cells.strays[index + 1] = cells.lines[index].strip(" \f")
        cells.lines[index] = "\f" * ("\f" in cells.lines[index])


def _cut_part(text: str, previous: str) -> tuple[str, str] | None:
    """(what stays, what is taken out) of a line that begins with a cell's part whose other
    part is not on the line before: a unit whose number is not there ("GWh"), the rest of a
    word target whose "Tas fram av" is not ("fram av nämnd"); a period after it stays."""
    for pattern, whole in ((_LONE_UNIT, _NUMBER_END), (_TARGET_REST, _TARGET_HEAD)):
        match = pattern.match(text)
        if match and match.group(1) != "%" and not _PERIOD_START.match(match.group(1)) \
                and not whole.search(previous):
            return match["period"] or "", match.group(1)
    return None


def cells_only(text: str) -> bool:
    """Does the line hold only cells: values, periods, parts of a word target?"""
    rest = text
    while rest:
        found = [m.start() for m in (VALUE_END.search(rest), _CELL_END.search(rest)) if m and m.end() > m.start()]
        if not found:
            return False
        rest = rest[: min(found)].rstrip()
    return True


def unclosed_row(lines: list[str], pending: list[int], following: str) -> TextRow | None:
    """The indicator row that the pending lines make, if they are a name and values only and
    ``following`` begins the next row's name: the extractor moved the row's period elsewhere.
    Its cells are the name and the values in order; placement marks every column a guess."""
    filled = [i for i in pending if lines[i].strip()]
    texts = [lines[i].strip() for i in filled]
    if not texts or not begins_name(following) or cells_only(following) or _PERIOD_START.match(following) \
            or v.ANALYSIS_PREFIX.match(following):
        return None
    named = next((n for n, text in enumerate(texts) if cells_only(text)), len(texts))
    if not named or named == len(texts) or not all(map(cells_only, texts[named:])) or not begins_name(texts[0]):
        return None
    if any(_PERIOD_END.search(text) for text in texts[named:]):
        return None
    values: list[str] = []
    for text in texts[named:]:
        found = []
        while text and (match := VALUE_END.search(text)):
            found.insert(0, spelled(" ".join(match["value"].split())))
            text = text[: match.start()].rstrip()
        if text:
            return None
        values += found
    name = rejoin_hyphenated(" ".join(texts[:named]))
    return TextRow(filled[0] + 1, filled[-1] - filled[0] + 1, [name, *values], loose=True)


def _dates_after_activities(document, strays: dict[int, str]) -> None:
    """Dates left over after an activity row (a line of dates only that a warning names: not
    placed, or read as text) were moved there by the extractor: the row's own dates may be
    those, so its dates are a guess, said in a warning naming the row."""
    activities = sorted(document.activities, key=lambda activity: activity.line)
    for line, text in strays.items():
        if not _DATES_ONLY.fullmatch(text.strip()):
            continue
        before = [a for a in activities if 0 < line - a.line <= _DATES_REACH]
        if not before or before[-1].inferred:
            continue
        activity = before[-1]
        activity.inferred = ("start", "end")
        document.warnings.append(ImportWarning(activity.line, f"datumen {text[:40]!r} på rad {line} efter "
                                                              f"aktivitetsraden {activity.text[:60]!r} kan vara dess; "
                                                              "start- och slutdatum är gissade"))


def _run_together(document, lines: list[str]) -> None:
    """Warn of each row that may be several rows read as one: a later line of its name, or of
    its analysis, is set in as a name's first line is where pdfminer keeps the space of an empty
    icon cell, and begins a name ("  Antal aspiranter …" after "… samtliga vuxna invånare", not
    after a function word, a hyphen or a comma); only where the row is a guess already or its
    name holds a table header's words ("Startdatum Slutdatum"), which make it one. Every such
    line is quoted, so each row swallowed is named."""
    items = sorted((*document.indicators, *document.activities), key=lambda item: item.line)
    for item, following in zip(items, [*items[1:], None]):
        name = _row_name(item)
        headed = any(header_words_only(word) for word in name.split()[1:])
        if not (item.inferred or headed):
            continue
        end = min(following.line if following else len(lines) + 1, item.line + _ROW_REACH, len(lines) + 1)
        begun = [(line, text) for line in range(item.line + 1, end)
                 if (text := _other_name(lines[line - 1], name, item.analysis))]
        if not begun:
            continue
        if headed and not item.inferred:
            item.inferred = ("start", "end") if hasattr(item, "text") else tuple(FIELD_NAMES)
        quotes = ", ".join(f"rad {line} {text[:60]!r}" for line, text in begun)
        document.warnings.append(ImportWarning(item.line, f"raden {name[:60]!r} kan vara flera rader lästa som "
                                                          f"en: {quotes} börjar som ett eget namn; radens "
                                                          "värden är gissade"))


def _other_name(line: str, name: str, analysis: str) -> str:
    """The line's text if it is set in and begins a name of its own inside ``name`` or the
    analysis; else ""."""
    text = v.split_glyphs(line.strip(" \f"))[1]
    words = text.split()
    if not line.lstrip("\f")[:1].isspace() or len(words) < 2 or not words[0][:1].isupper() or cells_only(text):
        return ""
    key = " ".join(words[:_KEY_WORDS])
    if analysis.find(key) > 0:
        return text
    at = name.find(key)
    before = name[:at].rstrip()
    last = before.split()[-1] if before else ""
    return text if at > 0 and not before.endswith(("-", "–", ",")) and v.fold(last) not in GOES_ON else ""


def _guess_rows(document, rows: range, why) -> None:
    """Mark every value of the rows standing on ``rows`` guessed, each named in a warning."""
    for item in (*document.indicators, *document.activities):
        if item.line not in rows:
            continue
        activity = hasattr(item, "text")
        item.inferred = ("start", "end") if activity else tuple(FIELD_NAMES)
        document.warnings.append(ImportWarning(item.line, why(item.text if activity else item.name)))


def settle(result: ParseResult, cells: Cells) -> None:
    """After parsing: warn of each line whose cells were taken out, and mark every value of
    the rows under a gathered header, rebuilt, or read from tables that could not be rebuilt
    as guessed, with a warning naming the row."""
    document, account = result.document, result.account
    for line, text in cells.strays.items():
        document.warnings.append(ImportWarning(line, f"rad {line}: cellerna {text[:60]!r} står skilda från sin "
                                                     "tabellrad (texten har tabellens celler en per rad) och "
                                                     "kunde inte placeras"))
        if not cells.lines[line - 1].strip(" \f"):
            account.fates[line] = Fate.WARNED
            account.warned_by[line] = line
    warned = {w.line: cells.lines[w.line - 1] for w in document.warnings if 0 < w.line <= len(cells.lines)}
    _dates_after_activities(document, {**warned, **cells.strays})
    for header, rows in cells.guessed:
        _guess_rows(document, rows, lambda name: f"tabellrubriken på rad {header} står utspridd bland raderna "
                                                 f"(cellerna en per rad); raden {name[:60]!r} är återbyggd och "
                                                 "värdenas kolumner är gissade")
    for header, rows in cells.rebuilt:
        _guess_rows(document, rows, lambda name: f"tabellerna från rad {header} har sina celler en per rad, "
                                                 f"blandade med andra raders; raden {name[:60]!r} är återbyggd "
                                                 "ur dem: dess värden, deras kolumner och dess analys är gissade")
    for header, rows, _ in cells.unplaced:
        _guess_rows(document, rows, lambda name: f"tabellerna från rad {header} har sina celler en per rad, i en "
                                                 "ordning som inte går att återbygga; raden "
                                                 f"{name[:60]!r} är läst som raderna står, men dess värden och "
                                                 "deras kolumner är gissade")
    for line, text in cells.doubtful.items():
        document.warnings.append(ImportWarning(line, f"rad {line}: {text[:60]!r} är läst som en fortsättning på "
                                                     "analysen ovanför, fast meningen slutade; det kan vara "
                                                     "början på en tabellrad"))
    for line, text in cells.continued.items():
        document.warnings.append(ImportWarning(line, f"rad {line}: om {text[:60]!r} går vidare på namnet ovanför "
                                                     "eller börjar en egen tabellrad är gissat (namnen och "
                                                     "värdena är annars olika många)"))
    _run_together(document, cells.lines)
    _import_unplaced(result, cells)
    document.warnings.sort(key=lambda warning: warning.line)


def _import_unplaced(result: ParseResult, cells: Cells) -> None:
    """Import by its name alone each row of a table ``scrambled`` could not rebuild: its values
    stand apart from it, in an order that does not say whose they are, so the row keeps none
    and a warning names it and where its values are (rather than the row being lost). A row
    the other readers made of such a table that holds its names and words no name has (header
    words, cells glued on) gives way to them, warned of with all it held; any other stands, its
    values guessed, and a name it holds or that holds it is not taken again (the readers split
    or joined lines otherwise), but a row that is just the part of a name on its own lines, its
    rest read apart from them, takes the whole name. A name a later table of the same goal read again is taken once;
    a name under no goal is only warned of."""
    unplaced = _Unplaced(result, cells.lines)
    for header, rows, names in cells.unplaced:
        unplaced.table(header, rows, names)


class _Unplaced:
    """The names of the tables that could not be rebuilt, imported table by table (see above)."""

    def __init__(self, result: ParseResult, lines: list[str]):
        self.result, self.lines = result, lines
        self.taken: set[int] = set()  # the lines of names imported or warned of as lost
        self.told: set[int] = set()  # the lines of names warned of as read within another row

    def table(self, header: int, rows: range, names: dict[int, Unplaced]) -> None:
        keys = {line: indicator_key(v.split_glyphs(named.name)[1]) for line, named in names.items()
                if line not in self.taken}
        standing = self._standing(rows, keys)
        document = self.result.document
        goal = max((g for g in document.goals if g.line < header), key=lambda g: g.line, default=None)
        why = (f"tabellerna från rad {header} har sina celler en per rad, i en ordning som inte går att "
               "återbygga; raden ")
        for line, (kind, name, head) in names.items():
            icons, text = v.split_glyphs(name)
            key = keys.get(line)
            if line in self.taken or not key:
                continue
            # a name a standing row holds, or one holding it, is that row (split or run on otherwise)
            if found := next((row for row in standing if row[0] and (key in row[0] or row[0] in key)), None):
                other, host, item = found
                if item is not None and head and other == indicator_key(v.split_glyphs(head)[1]) != key:
                    self._complete(item, text)
                    standing[standing.index(found)] = (key, text, item)
                elif key != other and line not in self.told:
                    self.told.add(line)
                    document.warnings.append(ImportWarning(line, f"rad {line}: {why}{text!r} är läst som en del "
                                                                 f"av raden {host!r} eller den som en del av den"))
                continue
            if not _free(self.result, line):
                continue  # the line is another's: an analysis, a goal's text (not a name after all)
            self.taken.add(line)
            standing.append((key, text, None))
            if goal is None:
                document.warnings.append(ImportWarning(line, f"rad {line}: {why}{name!r} kunde inte läsas"))
                continue
            self._import(goal, kind, line, icons, text)
            document.warnings.append(ImportWarning(line, f"rad {line}: {why}{text!r} är importerad med sitt namn "
                                                         "men utan värden: de står bland tabellens rader "
                                                         f"{rows.start}–{rows.stop - 1} och kunde inte placeras"))

    def _standing(self, rows: range, keys: dict[int, str]) -> list[tuple[str, str, IndicatorResult | Activity | None]]:
        """(key, name, row) of each row the other readers made of the table that stands; the
        others give way to the names they hold."""
        # the names whose first line is set in as pdfminer sets a name's first (an icon cell's space)
        set_in = {key for line, key in keys.items() if key and self.lines[line - 1].lstrip("\f")[:1].isspace()}
        wanted = {key for key in keys.values() if key}
        document, standing = self.result.document, []
        for item in [item for item in (*document.indicators, *document.activities) if item.line in rows]:
            name = _row_name(item)
            key, clean = indicator_key(name), _without_table_matter(name)
            if key not in wanted and (held := _held(key, clean, wanted, set_in)):
                _give_way(document, self.result.account, item, held)
            else:
                standing.append((key, name, item))
        return standing

    def _complete(self, row: IndicatorResult | Activity, name: str) -> None:
        """Give a standing row that is just the part of a name on its own lines the whole name
        (its rest read apart from them): the other readers read rows from their lines, so they cut it."""
        cut = _row_name(row)
        if isinstance(row, Activity):
            row.text = name
        else:
            row.name = name
        self.result.document.warnings.append(ImportWarning(
            row.line, f"rad {row.line}: raden {cut!r} får hela sitt namn, {name!r}: resten står skild från "
                      "raden i texten (tabellens celler en per rad) och är hämtad därifrån"))

    def _import(self, goal, kind: str, line: int, icons: str, text: str) -> None:
        document, account = self.result.document, self.result.account
        account.fates[line] = Fate.USED
        account.uses[line] = _ROW_USE[kind]
        account.warned_by.pop(line, None)
        if kind == "indicator":
            _insert(document.indicators, IndicatorResult(
                goal=goal.number, name=text, line=line, kf=goal.level is not GoalLevel.NAMNDMAL, icons=icons,
                inferred=tuple(FIELD_NAMES)))
        else:
            _insert(document.activities, Activity(goal=goal.number, text=text, line=line, icons=icons,
                                                  inferred=("start", "end")))


# What of a row's key (``indicator_key``) no name has: header words, word targets (also cut over
# lines: "Tas" / "fram av nämnd"), statuses and values with their units ("startdatumslutdatumavvikelse",
# "992%", "1150st").
_TABLE_MATTER = re.compile(r"(?:indikator|aktivitet|startdatum|slutdatum|avvikelse|status|periodens|utfall|män|"
                           r"pojkar|kvinnor|flickor|vb|prognos|helår|kfs|årsmål|periodicitet|period|bedömning|"
                           r"genomförd|pågår|tas(?:fram(?:av)?)?|nämnd|styrelse|ökning|minskning|tertial|"
                           r"[\d%]+(?:[a-zåäö]{1,4}\b)?)+")


def _held(key: str, clean: str, names: set[str], set_in: set[str]) -> int:
    """How many of the names a row's key holds if it holds them with more (several names and
    words of no name, or several set in as names begin; table matter between or beside them),
    else 0. Other names alone together may be one name the reader broke. ``clean`` is the key
    without table matter."""
    longest_first = sorted(names, key=len, reverse=True)
    held = [name for name in longest_first if name in key]
    residue = _residue(key, held)
    if len(held) > 1 and (residue or all(key.startswith(name) for name in set(held) - set_in)) \
            or held and residue and _TABLE_MATTER.fullmatch(residue):
        return len(held)
    held = [name for name in longest_first if name in clean]
    return len(held) if held and clean != key and not _residue(clean, held) else 0


def _without_table_matter(name: str) -> str:
    """The key of a row's name without its words that are header words or cells."""
    return indicator_key(" ".join(word for word in name.split()
                                  if not (header_words_only(word) or _DATE.fullmatch(word) or cells_only(word))))


def _residue(key: str, held: list[str]) -> str:
    """What of a row's key is left when the names it holds are taken out: header words, cells."""
    for name in held:
        key = key.replace(name, "", 1)
    return key


_ROW_USE = {"indicator": "indikatorrad", "activity": "aktivitetsrad"}


def _free(result: ParseResult, line: int) -> bool:
    """May a name's line be a row of its own: is it warned of, or a row's name or its going on
    (of a row that gave way or that ran into another) with no row standing on it?"""
    account, document = result.account, result.document
    if account.fates.get(line) is Fate.WARNED:
        return True
    return (account.uses.get(line) or "").startswith(tuple(_ROW_USE.values())) and not any(
        item.line == line for item in (*document.indicators, *document.activities))


def _row_name(item) -> str:
    return item.text if isinstance(item, Activity) else item.name


def _give_way(document, account, item, names: int) -> None:
    """Take out a row that holds other rows' names, quoting all it held."""
    rows = document.activities if isinstance(item, Activity) else document.indicators
    rows.remove(item)
    account.fates[item.line] = Fate.WARNED
    account.warned_by[item.line] = item.line
    account.uses.pop(item.line, None)
    analysis = f"; dess analys: {item.analysis!r}" if item.analysis else ""
    document.warnings.append(ImportWarning(item.line, f"rad {item.line}: raden {_row_name(item)!r} är läst ur "
                                                      f"flera rader eller celler; den ger plats åt de {names} "
                                                      "rader den håller, importerade med sina namn"
                                                      f"{analysis}"))


def _insert(items: list, item) -> None:
    """Put the row among the others in the order of the lines."""
    at = next((i for i, other in enumerate(items) if other.line > item.line), len(items))
    items.insert(at, item)
