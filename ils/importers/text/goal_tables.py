"""Indicator and activity tables under a goal, rebuilt across page breaks.

A printed table that runs over a page repeats its header row on the next page; a long first
cell may continue there as a row with only that cell filled, and an indicator's "Analys" may
be a label row with its text on the next row, or sit on the far side of the break. Rows are
therefore read with a little state: the last item, whether its analysis is open, and whether
the table just resumed after a repeated header. A row under a goal heading with no header of
its own (the text lost it) is that goal's, read with the columns of the table above and marked
a guess; a "row" named by a header's words only is none, and warned of.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ils.domain.model import Activity, ActivityStatus, Goal, GoalLevel, IndicatorResult
from ils.domain.targets import parse_target
from ils.domain.values import parse_quantity

from .blocks import Block
from .placement import place
from .scrambled import header_words_only
from .text_tables import completes_target, rejoin_hyphenated
from .vocabulary import (
    ACTIVITY_HEADER, ANALYSIS_PREFIX, INDICATOR_HEADER, ISO_DATE, PERIOD_ONLY, PERIOD_TAIL, activity_column, fold,
    glyphs_only, indicator_column, merged_columns, split_glyphs, YEAR,
)

_STATUS_BY_GLYPH = {"✓": ActivityStatus.GENOMFORD, "✔": ActivityStatus.GENOMFORD,
                    "!": ActivityStatus.AVVIKELSE, "▶": ActivityStatus.PAGAR, "►": ActivityStatus.PAGAR}
# A status column in words ("Pågår", "✓ Genomförd"), as the reports ils renders print it.
_STATUS_BY_WORD = {status.value: status for status in ActivityStatus}
FIELD_NAMES = {"outcome": "utfall", "outcome_men": "utfall män", "outcome_women": "utfall kvinnor",
                "previous": "föregående utfall", "forecast": "prognos", "target": "årsmål",
                "kf_target": "KF:s årsmål", "period": "period", "frequency": "periodicitet"}
# Part of an ISO date inside a cell that is not one date; a whole ISO date inside text.
_DATE_PART = re.compile(r"\b(?:19|20)\d\d-\d\d(?:-|\b)")
_DAY = re.compile(r"^\d{1,2}(?:\s+|$)")
_DATE_IN_TEXT = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")
_QUANTITY_FIELDS = ("outcome", "outcome_men", "outcome_women", "previous", "forecast")


@dataclass
class _Table:
    kind: str  # "indicator" or "activity"
    columns: list[str | None]
    header_key: tuple[str, ...]
    goal: Goal
    width: int  # cells in the header row, leading glyph column included
    merged: bool = False  # a header cell names several columns: no row's columns are known
    borrowed: int = 0  # the line of the header of a goal above whose columns the rows are read with


def table_kind(block: Block) -> str | None:
    """"indicator" or "activity" if the row is the header of such a table."""
    cells = [c for c in block.cells if c.strip()]
    if len(cells) < 2:
        return None
    first = fold(cells[0])
    if first == INDICATOR_HEADER:
        return "indicator"
    if first == ACTIVITY_HEADER and any(fold(c).startswith("start") for c in cells[1:]):
        return "activity"
    return None


def _parse_date(cell: str) -> date | None:
    match = ISO_DATE.match(cell.strip())
    if not match:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _join_text(existing: str, fragment: str) -> str:
    """Join page-break fragments: mid-sentence with a space, after a full stop as a new paragraph."""
    if not existing:
        return fragment
    if existing.rstrip().endswith((".", "!", "?", ":")):
        return f"{existing}\n{fragment}"
    return f"{existing} {fragment}"


class GoalTables:
    """Reads the rows of indicator and activity tables into the document."""

    def __init__(self, document, warn):
        self.document = document
        self.warn = warn
        self.table: _Table | None = None
        self.item: IndicatorResult | Activity | None = None
        self.part = "name"  # what a text-only row continues: "name" or "analysis"
        self.analysis_label_open = False
        self.resumed = False  # the table just resumed after a repeated header
        self.filled: set[int] = set()
        self.rows_since_text = False  # only rows (and blank lines) since the last paragraph
        self.cells: dict[str, str] = {}  # the last indicator's cells, for continuations
        self.header_line, self.rows_read, self.header_repeats = 0, 0, False
        self.columns_seen: set[str] = set()  # every indicator column met, for identity inference
        self.headers: list[str] = []  # each indicator header row as text
        self.report_year: int | None = None  # the title's year, once the parser has read it

    def paragraph_seen(self) -> None:
        self.rows_since_text = False

    def header(self, block: Block, kind: str, goal: Goal) -> None:
        self.check_rows()
        self.header_line, self.rows_read = block.line, 0
        cells = list(block.cells)
        while cells and not cells[0].strip():
            cells.pop(0)  # a leading empty header cell is the column of status glyphs
        while cells and not cells[-1].strip():
            cells.pop()
        mapper = indicator_column if kind == "indicator" else activity_column
        width = len(block.cells)
        while width and not block.cells[width - 1].strip():
            width -= 1
        columns = [mapper(c) for c in cells]
        if kind == "indicator":
            columns[0] = "name"
            self.columns_seen.update(c for c in columns if c)
            self.headers.append(" ".join(cells))
        key = tuple(fold(c) for c in cells)
        previous = self.table
        self.resumed = (
            previous is not None and self.rows_since_text and previous.goal is goal
            and previous.kind == kind and self.item is not None
        )
        if not self.resumed:
            self.item = None
            self.part = "name"
            self.analysis_label_open = False
        merged = [c for c in cells if merged_columns(c, kind)]
        if merged:
            self.warn(block.line, f"tabellrubrikens cell {merged[0]!r} rymmer flera kolumnrubriker "
                                  "(kolumnerna har flutit ihop); radernas värden placeras på gissning")
        self.table = _Table(kind, columns, key, goal, width, bool(merged))
        self.rows_since_text = True

    def rehome(self, goal: Goal) -> None:
        """Rows under a goal heading with no table header of their own (the text lost it) are
        the goal's, read with the columns of the table above: every value of them is a guess."""
        self.table = replace(self.table, goal=goal, borrowed=self.header_line)
        self.item = None

    def check_rows(self) -> None:
        """A header with no row under it (and no repeat of it after a page break) lost its rows."""
        if self.table is not None and not self.rows_read and not self.header_repeats:
            self.warn(self.header_line, f"tabellrubriken under mål {self.table.goal.number} har inga rader; "
                                        "tabellens rader saknas eller kunde inte läsas")

    def row(self, block: Block) -> None:
        table = self.table
        self.rows_read += 1
        self.rows_since_text = True
        cells = list(block.cells)
        if not block.loose and self.resumed and self._continues_cells(cells, block.line):
            self.resumed = False
            return
        icons = ""
        if len(cells) >= 2 and glyphs_only(block.raw_first_cell) and any(c.strip() for c in cells[1:]):
            icons = block.raw_first_cell.strip()
            cells = cells[1:]
        glyphs, first = split_glyphs(cells[0])
        icons = " ".join(x for x in (icons, glyphs) if x)
        rest = [c.strip() for c in cells[1:]]
        resumed, self.resumed = self.resumed, False
        analysis = ANALYSIS_PREFIX.match(first)
        if analysis:
            text = " ".join(x for x in [first[analysis.end():].strip(), *rest] if x)
            self._analysis(block, text)
            return
        if header_words_only(first):
            self.warn(block.line, f"rad {block.line}: {' '.join([first, *rest])[:60]!r} är ord ur en tabellrubrik "
                                  "och ingen tabellrad; raden läses inte")
            return
        if not any(rest):
            self._text_only(block, first, resumed or block.loose, after_break=resumed and block.loose)
            return
        dates = [d for d in (_parse_date(c) for c in rest) if d is not None]
        if table.kind == "activity" or (dates and not any(parse_quantity(c) for c in rest
                                                           if not _parse_date(c))):
            if table.kind != "activity":
                self.warn(block.line, "aktivitetsrad (med datum) under en indikatorrubrik; "
                                      "läses som aktivitet")
            self._activity(block, first, rest, icons)
        else:
            self._indicator(block, first, rest, icons)

    def _continues_cells(self, cells: list[str], line: int) -> bool:
        """After a page break, a row without a period continues the last row's cells: one with an
        empty name cell, or one whose every value goes on a cell the last row has ("före
        resultatöverföringar" … "bedömas" under "Nämndens budgetföljsamhet" … "○ Kan inte")."""
        table = self.table
        if not isinstance(self.item, IndicatorResult) or len(cells) < table.width:
            return False
        offset = table.width - len(table.columns)
        values = dict(zip(table.columns, cells[offset:]))
        if values.get("period") or values.get("frequency") or not any(values.values()):
            return False
        name = " ".join(c.strip() for c in cells[:offset + 1] if c.strip())
        going_on = {i for i, cell in enumerate(cells[offset + 1:]) if cell.strip()}
        if name and not (going_on and going_on <= self.filled):
            return False
        for field, cell in values.items():
            if field and field != "name" and cell.strip():
                self.cells[field] = f"{self.cells.get(field, '')} {cell.strip()}".strip()
        self._fill(self.item, self.item.line)
        if name:
            self.item.name = f"{self.item.name} {name}"
            self.warn(line, f"raden {name[:40]!r} efter tabellrubriken på den nya sidan läses som resten av "
                            f"raden {self.item.name[:60]!r}")
        return True

    def _analysis(self, block: Block, text: str) -> None:
        if self.item is None:
            self.warn(block.line, "analysrad utan föregående indikator eller aktivitet; ignoreras: "
                                  f"{text[:60]!r}")
            return
        if not text:
            self.analysis_label_open = True
        else:
            self.item.analysis = _join_text(self.item.analysis, text)
            self.analysis_label_open = False
        self.part = "analysis"

    def _text_only(self, block: Block, text: str, resumed: bool, after_break: bool = False) -> None:
        if self.item is None:
            self.warn(block.line, f"tabellrad utan värden kan inte placeras: {text[:60]!r}")
            return
        if self.analysis_label_open or self.part == "analysis":
            self.item.analysis = _join_text(self.item.analysis, text)
            self.analysis_label_open = False
            return
        if not resumed:
            self.warn(block.line, "rad utan värden mitt i tabellen läses som fortsättning på "
                                  "föregående rad")
        if after_break and isinstance(self.item, IndicatorResult) and (field := next(
                (f for f in ("kf_target", "target") if completes_target(self.cells.get(f, ""), text)), None)):
            self.cells[field] = f"{self.cells[field]} {text}"
            self._fill(self.item, self.item.line)
            self.warn(block.line, f"texten {text[:40]!r} efter tabellrubriken på den nya sidan läses som slutet på "
                                  f"{FIELD_NAMES[field]} {self.cells[field]!r} i raden {self.item.name[:60]!r}")
            return
        join = rejoin_hyphenated if block.loose else str
        if isinstance(self.item, Activity):
            self.item.text = join(f"{self.item.text} {text}")
        else:
            self.item.name = join(f"{self.item.name} {text}")
        if after_break:  # text without TABs: the words could as well end a value cell
            name = self.item.text if isinstance(self.item, Activity) else self.item.name
            self.warn(block.line, f"texten {text[:40]!r} efter tabellrubriken på den nya sidan läses som "
                                  f"slutet på föregående rads namn: {name[:60]!r}")

    def _start_item(self, item) -> None:
        self.item = item
        self.part = "name"
        self.analysis_label_open = False

    def _activity(self, block: Block, text: str, rest: list[str], icons: str) -> None:
        goal = self.table.goal
        dates = [_parse_date(c) for c in rest]
        # a cell with dates run together, or with text, or a date wrapped mid-way
        broken = [c for c, d in zip(rest, dates) if d is None and _DATE_PART.search(c)]
        found = [d for c, d in zip(rest, dates) for d in (
            [d] if d is not None else [_parse_date(m.group()) for m in _DATE_IN_TEXT.finditer(c)])]
        others = [c for c, d in zip(rest, dates) if d is None and c and c not in broken]
        if broken:  # the day of a date wrapped mid-way heads the next cell
            others = [cell for cell in (_DAY.sub("", c, count=1) for c in others) if cell]
        worded = [_STATUS_BY_WORD.get(fold(c)) for c in others]
        deviation = " ".join(c for c, word in zip(others, worded) if word is None)
        worded = [word for word in worded if word is not None]
        status = next((_STATUS_BY_GLYPH[g] for g in icons if g in _STATUS_BY_GLYPH), worded[0] if worded else None)
        if deviation and status is None:
            status = ActivityStatus.AVVIKELSE
        inferred: tuple[str, ...] = ()
        if broken:
            inferred = ("start", "end")
            self.warn(block.line, f"datumen i aktivitetsraden {text[:60]!r} står ihop med annan text "
                                  f"eller är avbrutna ({broken[0][:40]!r}); start- och slutdatum är gissade")
        elif self.table.merged:
            inferred = ("start", "end")
            self.warn(block.line, f"aktivitetsraden {text[:60]!r} står under en tabellrubrik med "
                                  "ihopflutna kolumner; start- och slutdatum är gissade")
        elif block.loose and len(found) == 1:
            inferred = ("start", "end")
            self.warn(block.line, f"aktivitetsraden {text[:60]!r} har bara ett datum; det läses som startdatum")
        elif self.table.borrowed:
            inferred = ("start", "end")
            self._warn_borrowed(block, text)
        if len(found) > 2:
            self.warn(block.line, "aktivitetsraden har fler än två datum; de två första används")
        activity = Activity(
            goal=goal.number, text=text, line=block.line,
            start=found[0] if found else None, end=found[1] if len(found) > 1 else None,
            kf_assignment=goal.level is not GoalLevel.NAMNDMAL, status=status,
            deviation=deviation, icons=icons, inferred=inferred,
        )
        self.document.activities.append(activity)
        self._start_item(activity)

    def _indicator(self, block: Block, name: str, rest: list[str], icons: str) -> None:
        fields = self.table.columns[1:]
        inferred: tuple[str, ...] = ()
        if block.loose:
            fields = list(fields)
            while fields and fields[-1] is None:
                fields.pop()  # a column the row never fills in text (our PDF's "Bedömning")
            placed = place(rest, fields, self.table.goal.level is not GoalLevel.NAMNDMAL,
                           tertial="forecast" in fields)
            rest, inferred = placed.cells, placed.inferred
            inferred += self._foreign_period(block, name, dict(zip(fields, rest)), inferred)
            if block.glued:
                inferred = tuple(f for f in fields if f)  # where the name ends is a guess too
            elif _period_only(fields, rest):  # its period may be a cell of another row's as much
                inferred = tuple(f for f in fields if f)
                self.warn(block.line, f"raden {name[:60]!r} har inga värden, bara perioden; i text utan tabbar kan "
                                      "dess värden stå på andra rader, så dess celler är gissade")
            if placed.extra:
                name = f"{name} {' '.join(placed.extra)}"
                self.warn(block.line, f"raden {name[:60]!r} har fler värden än tabellens kolumner; "
                                      f"{' '.join(placed.extra)!r} läses som del av namnet")
            if inferred:
                where = ", ".join(f"{FIELD_NAMES.get(f, f)} {c!r}" for f, c in zip(fields, rest)
                                  if f in inferred)
                why = "ett tal satt ihop med namnet" if block.glued else "tomma celler saknas"
                self.warn(block.line, f"{why} i raden {name[:60]!r}; värdenas kolumner "
                                      f"är gissade: {where}")
        else:
            rest, inferred = self._align(block, rest, fields)
        if self.table.merged:
            inferred = tuple(FIELD_NAMES)  # a column the header lost is a guess as much
            self.warn(block.line, f"raden {name[:60]!r} står under en tabellrubrik med ihopflutna "
                                  "kolumner; värdenas kolumner är gissade")
        elif self.table.borrowed:
            inferred = tuple(FIELD_NAMES)
            self._warn_borrowed(block, name)
        self.cells = {field: cell for field, cell in zip(fields, rest) if field}
        self.filled = {i for i, cell in enumerate(rest) if cell.strip()}  # the value cells the row has
        goal = self.table.goal
        indicator = IndicatorResult(goal=goal.number, name=name, line=block.line,
                                    kf=goal.level is not GoalLevel.NAMNDMAL, icons=icons,
                                    inferred=inferred)
        self._fill(indicator, block.line)
        self.document.indicators.append(indicator)
        self._start_item(indicator)

    def _warn_borrowed(self, block: Block, name: str) -> None:
        self.warn(block.line, f"raden {name[:60]!r} under mål {self.table.goal.number} har ingen egen tabellrubrik "
                              f"och läses med kolumnerna i tabellen på rad {self.table.borrowed}; dess värden är "
                              "gissade")

    def _foreign_period(self, block: Block, name: str, cells: dict, inferred: tuple[str, ...]) -> tuple[str, ...]:
        """A period placed by its kind must name the report's year: "1945" is a value cut off
        from its unit, not the period of a report of 2022."""
        period, year = cells.get("period", ""), self.report_year
        years = YEAR.findall(period)
        if "period" in inferred or not year or not years or str(year) in years:
            return ()
        self.warn(block.line, f"perioden {period!r} i raden {name[:60]!r} är inte rapportens år "
                              f"{year}; värdet är gissat")
        return ("period",)

    def _fill(self, indicator: IndicatorResult, line: int) -> None:
        values = self.cells
        indicator.target = parse_target(values.get("target", ""))
        indicator.kf_target = parse_target(values.get("kf_target", ""))
        indicator.period = values.get("period", "")
        indicator.frequency = values.get("frequency", "")
        for field in _QUANTITY_FIELDS:
            cell = values.get(field, "")
            quantity = parse_quantity(cell)
            if cell and quantity is None:
                self.warn(line, f"cellen {cell!r} ({field}) är inget tal och lämnas tom")
            setattr(indicator, field, quantity)

    def _align(self, block: Block, cells: list[str],
               fields: list[str | None]) -> tuple[list[str], tuple[str, ...]]:
        """Fit a row's value cells to the header when the export merged or split cells, and
        name the fields whose cell that fitting moved: a guess, however likely, is marked."""
        size = len(fields)
        trimmed = list(cells)
        while trimmed and not trimmed[-1]:
            trimmed.pop()
        if trimmed and fields and fields[-1] in ("period", "frequency") and (
            PERIOD_ONLY.match(trimmed[-1]) or fold(trimmed[-1]) in ("ar", "tertial", "halvar")
        ):
            cells = trimmed  # the last filled cell is the period: trailing empties are stray
        while len(cells) > size and not cells[-1]:
            cells = cells[:-1]
        if len(cells) > size:
            self.warn(block.line, f"raden har {len(cells) + 1} celler men tabellen {size + 1} "
                                  "kolumner; överskjutande celler ignoreras och värdenas kolumner "
                                  "är gissade")
            return cells[:size], tuple(f for f in fields if f)
        if len(cells) == size - 1 and fields and fields[-1] in ("period", "frequency"):
            tail = PERIOD_TAIL.match(cells[-1])
            if tail and not PERIOD_ONLY.match(cells[-1]) and not PERIOD_ONLY.match(tail["head"]):
                cells = cells[:-1] + [tail["head"], tail["period"]]  # "Tas fram av nämnd 2022"
        if len(cells) < size:
            missing = size - len(cells)
            at = self._merge_point(cells, fields)
            self.warn(block.line, f"raden har {len(cells) + 1} celler men tabellen {size + 1} "
                                  f"kolumner; {missing} tom(ma) cell(er) har lagts in efter kolumn "
                                  f"{at + 1} och kolumnerna därefter är gissade")
            return cells[:at] + [""] * missing + cells[at:], tuple(f for f in fields[at:] if f)
        return cells, ()

    @staticmethod
    def _merge_point(cells: list[str], fields: list[str | None]) -> int:
        """Where cells went missing: at an empty cell among the gender columns (the export merges
        the two when both are empty), else right after them; without gender columns, after the
        first value."""
        gender = [i for i, f in enumerate(fields) if f in ("outcome_men", "outcome_women")]
        if not gender:
            return 1
        for index in range(gender[0], min(gender[-1] + 1, len(cells))):
            if not cells[index]:
                return index
        return gender[-1] + 1


def _period_only(fields: list[str | None], cells: list[str]) -> bool:
    """Does a row of a table with value columns hold nothing but its period or frequency?"""
    filled = {field for field, cell in zip(fields, cells) if field and cell.strip()}
    return bool(filled) and filled <= {"period", "frequency"} and any(
        field not in (None, "period", "frequency") for field in fields)
