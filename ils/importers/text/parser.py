"""The report parser: blocks -> domain Document.

A report is read in parts recognised by their headings (decisions, table of contents,
attachments, summary analysis, goals, economics). In the goal part, a heading with a fixed
prefix opens a goal; labels (Beskrivning, Förväntat resultat, Analys) switch which field the
following text fills; tables are read by goal_tables, economics by economy_tables. A goal's
paragraph that is table matter (a header's words, a line of dates or of values and a period)
that no table reader took means the goal's table could not be read: from there to the goal's
end (or its description or expected results) every paragraph is warned of, each line quoted, never
read as the goal's text. Nothing is special-cased per report: every rule is about the export format.
"""
from __future__ import annotations

import re
from itertools import groupby

from ils.domain.assessment import parse_assessment
from ils.domain.front_matter import attachment_label
from ils.domain.model import (
    Attestation, Document, DocumentType, Goal, GoalLevel, ImportWarning, IndicatorResult, Section, Signature,
)

from ..errors import ReportError
from . import vocabulary as v
from .accounting import Fate, LineAccount, ParseResult
from .blocks import Block, clean_inline, to_blocks
from .economy_tables import EconomyReader
from .front_matter import (
    looks_like_committee, parse_attachment, parse_contact, parse_date, parse_decision, parse_email, parse_title,
)
from .goal_tables import GoalTables, table_kind
from .identity import infer_identity
from .loose_economy import ends_in_figures, rebuild_economy_rows
from .reading import garbled_line, normalise_text
from .scrambled import table_matter

_LIST_MARK = re.compile(r"^(?:[-–•*]\s*)")
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "noll ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton sjutton "
    "arton nitton tjugo".split())} | {"en": 1}
_STATED_COUNT = re.compile(r"\bsamtliga\s+(?P<count>\d{1,3}|[a-zåäö]+)\s+nämndmål", re.I)
_TITLE_OF = {DocumentType.VERKSAMHETSPLAN: "Verksamhetsplan {year}",
             DocumentType.TERTIALRAPPORT: "Tertialrapport Tertial {period} {year}",
             DocumentType.VERKSAMHETSBERATTELSE: "Verksamhetsberättelse {year}"}
_NUMBERED_ITEM = re.compile(r"^\d{1,2}\.\s+\S")
_SENTENCE_END = re.compile(r"[.!?:;,]['\"”’)]*$")
_TRAILING_WORDS = {"och", "för", "att", "i", "på", "med", "av", "som", "de", "en", "ett", "till",
                   "om", "är", "den", "det", "eller", "samt", "från", "vid", "under", "inom"}
_TABLE_CAPTION = re.compile(r"^(?:Indikatorer|Aktiviteter) för (?:KF:s mål för verksamhetsområdet|"
                            r"KF:s inriktningsmål|nämndmål) [\d.]+$", re.I)
_PAGE_TAIL = re.compile(r"\s+(?:Sida|Sid\.?|s\.)\s*\d+(?:\s*(?:av|/|\()\s*\d+\)?)?\s*$", re.I)
_TOC_PAGE = re.compile(r"^\.*\s*\d{1,3}$")
_TOC_LEADER = re.compile(r"\s*\.{3,}\s*(?:\d{1,3}\s*)?$")
_TOC_TEXT = re.compile(r"^(?P<title>.*?)(?:\s*\.{2,})?\s+(?P<page>\d{1,3})$")
# A status line is short; anything longer is prose that happens to start the same way.
_MAX_ASSESSMENT_LENGTH = 40
_QUOTE_LENGTH = 60  # of each line a warning quotes
# What a handler returns for page furniture (a contents entry, a running title): no report text.
_CONTENTS = "innehållsförteckning"
_PAGE_HEADER = "sidhuvud eller sidfot"
_FURNITURE = {_CONTENTS, _PAGE_HEADER}


def parse_lines(lines: list[str], source: str = "<text>", committee: str | None = None,
                require_committee: bool = True) -> Document:
    """Parse a report given as lines of text; raise ReportError for what is not a whole report."""
    return parse_report(lines, source, committee, require_committee).document


def parse_report(lines: list[str], source: str = "<text>", committee: str | None = None,
                 require_committee: bool = True) -> ParseResult:
    """Parse a report, and account for every line: what used it, or the warning naming it."""
    lines = normalise_text("\n".join(lines)).split("\n")
    if (bad := garbled_line(lines)) is not None:
        raise ReportError(source, bad, "raden innehåller binära eller felavkodade tecken; "
                                       "filen är skadad eller inte en textexport")
    blocks, furniture = to_blocks(lines)
    blocks, rebuilt = rebuild_economy_rows(blocks)
    parser = _Parser(blocks, source, committee, len(lines), lines)
    parser.warnings.extend(rebuilt)
    parser.account.record(sorted(furniture), Fate.FURNITURE, _PAGE_HEADER)
    parser.require_committee = require_committee
    return ParseResult(parser.parse(), parser.account)


def _digits_or_text(value: str) -> str:
    """A phone number by its digits ("08-508 05 097" is "0850805097"), an e-mail address folded."""
    digits = re.sub(r"\D", "", value)
    return digits if digits and "@" not in value else value.casefold()


def is_heading(block: Block, open_ended: bool = False) -> bool:
    """A heading has markup, or the shape of one: short, one or two lines, no final punctuation, and
    (unless ``open_ended``) not ending in a word a line cut off in mid-sentence ends in ("och", "det")."""
    if block.is_row:
        return False
    if block.heading:
        return True
    text = block.text
    if block.line_count > 2 or len(text) > 160 or _SENTENCE_END.search(text):
        return False
    if _LIST_MARK.match(text) or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"”'"):
        return False
    return open_ended or text.split()[-1].lower() not in _TRAILING_WORDS


class _Parser:
    def __init__(self, blocks: list[Block], source: str, committee: str | None, line_count: int,
                 lines: list[str] | None = None):
        self.blocks = blocks
        self.lines = lines or []
        self.source = source
        self.committee_override = committee
        self.require_committee = True
        self.line_count = line_count
        self.phase = "front"
        self.warnings: list[ImportWarning] = []
        self.account = LineAccount()
        self.identity = None
        self.identity_line = None
        self.committee = ""
        self.date = None
        self.author = ""
        self.doc = Document(type=None, period=None, year=0, committee="", source=source)  # type: ignore[arg-type]
        self.tables = GoalTables(self.doc, self.warn)
        self.economy = EconomyReader(self.doc, self.warn)
        self.economy_mark = 0  # economy tables read before the current economy section
        # prose in that section before its first table, with the heading it stands under
        self.economy_pending: list[tuple[Block, str]] = []
        self.economy_heading = ""  # the last heading in the economy part
        self.economy_open: Block | None = None  # a sub-heading nothing has stood under yet
        self.goal: Goal | None = None
        self.kf_goal: Goal | None = None
        self.im_goal: Goal | None = None
        self.field = "description"
        self.remains_from = 0  # the line where a goal's table matter began that no table took
        self.unnumbered: dict[str, int] = {}
        self.toc: list[tuple[str, int]] = []
        self.previous_label = ""
        self.previous_row_line = -1
        self.index = 0
        self.attachment_end = 0
        self.narrative = self._narrative_nämndmål_headings()
        self.signed = self._signature_blocks()
        self.phone = ""
        self.email = ""
        self.recipient = ""
        self.reference = ""

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ImportWarning(line, message))

    # -- the walk ---------------------------------------------------------------------------

    def parse(self) -> Document:
        for index, block in enumerate(self.blocks):
            what = self._row(index, block) if block.is_row else self._text(index, block)
            if what:
                self.account.record(block.lines, Fate.FURNITURE if what in _FURNITURE else Fate.USED, what)
        self._economy_end()
        self.tables.check_rows()
        return self._finish()

    def _narrative_nämndmål_headings(self) -> set[int]:
        """Indexes of "Nämndmål: n.n.n" headings that only introduce text inside a KF goal.

        Some committees print each nämndmål twice: once as a heading in the KF goal's account
        of its work, once as the goal itself with its assessment. Only the second opens a goal.
        """
        seen: dict[str, list[int]] = {}
        for index, block in enumerate(self.blocks):
            if not block.is_row and (match := v.NAMNDMAL.match(block.text)) and match["number"]:
                seen.setdefault(match["number"], []).append(index)
        narrative = set()
        for indexes in seen.values():
            if len(indexes) < 2:
                continue
            for index in indexes:
                following = next((b for b in self.blocks[index + 1:index + 3] if not b.is_row), None)
                if following is None or not self._is_assessment(following.text):
                    narrative.add(index)
        return narrative

    def _raw_lines(self, block: Block) -> list[str]:
        """The block's own lines, as the file breaks them (a signature's name and title)."""
        if not self.lines:
            return [block.text]
        raw = [clean_inline(line) for line in self.lines[block.line - 1:block.line - 1 + block.line_count]]
        return [line for line in raw if line]

    def _signature_at(self, index: int) -> tuple[Signature, int] | None:
        """A signature starting at block ``index``: a name over a title, in one block or two."""
        block = self.blocks[index]
        if block.is_row or block.heading:
            return None
        lines = self._raw_lines(block)
        if not lines or not v.PERSON_NAME.match(lines[0]):
            return None
        if len(lines) >= 2:
            title, used = lines[1], 1
        elif index + 1 < len(self.blocks) and not self.blocks[index + 1].is_row \
                and self.blocks[index + 1].line_count == 1:
            title, used = self.blocks[index + 1].text, 2
        else:
            return None
        if not v.PERSON_TITLE.match(title) or looks_like_committee(title) or "forvaltning" in v.fold(title):
            return None
        return Signature(lines[0], title, block.line), used

    def _signature_blocks(self) -> dict[int, Signature | None]:
        """Blocks that are signatures (index -> Signature; None for a block it also uses): those
        right after the decisions and those (with the administration's name) right before
        "Attesterat av". Found before the walk, so their lines never become report text."""
        signed: dict[int, Signature | None] = {}
        texts = [(i, b) for i, b in enumerate(self.blocks) if not b.is_row]
        for position, (index, block) in enumerate(texts):
            if not v.DECISION_ITEM.match(block.text) or position + 1 >= len(texts):
                continue
            following = texts[position + 1][0]
            if v.DECISION_ITEM.match(self.blocks[following].text):
                continue
            while following < len(self.blocks) and (found := self._signature_at(following)) is not None:
                signed[following] = found[0]
                if found[1] == 2:
                    signed[following + 1] = None
                following += found[1]
            break
        for index, block in enumerate(self.blocks):
            if block.is_row or len(block.text) >= 80 or v.fold(block.text) not in v.SECTION_ATTESTATION:
                continue
            start = index
            while start > 0 and self._signature_or_organisation(start - 1):
                start -= 1
            cursor = start
            while cursor < index:
                found = self._signature_at(cursor)
                if found is not None:
                    signed[cursor] = found[0]
                    if found[1] == 2:
                        signed[cursor + 1] = None
                    cursor += found[1]
                else:
                    signed[cursor] = None  # the administration's name under a signature
                    cursor += 1
            signed = {k: signed[k] for k in sorted(signed)}
        return signed

    def _signature_or_organisation(self, index: int) -> bool:
        block = self.blocks[index]
        if block.is_row or block.heading or block.line_count > 4:
            return False
        if self._signature_at(index) is not None:
            return True
        folded = v.fold(block.text)
        return len(block.text) < 80 and ("forvaltning" in folded or looks_like_committee(block.text)) \
            and index > 0 and (self._signature_at(index - 1) is not None or self._signature_or_organisation(index - 1))

    @staticmethod
    def _is_assessment(text: str) -> bool:
        return len(text) <= _MAX_ASSESSMENT_LENGTH and parse_assessment(text) is not None

    def _switch_phase(self, key: str) -> bool:
        for phase, keys in (
            ("decisions", v.SECTION_DECISIONS), ("summary", v.SECTION_SUMMARY), ("case", v.SECTION_CASE),
            ("toc", v.SECTION_TOC),
            ("attachments", v.SECTION_ATTACHMENTS), ("narrative", v.SECTION_NARRATIVE),
            ("goals", v.SECTION_GOALS),
            ("economy", v.SECTION_ECONOMY), ("attestation", v.SECTION_ATTESTATION),
            ("trailing", v.SECTION_TRAILING),
        ):
            if key in keys:
                if phase == "economy":
                    self._economy_heading("", is_section=True)
                elif self.phase == "economy":
                    self._economy_end()
                self.phase = phase
                return True
        return False

    def _text(self, index: int, block: Block) -> str | None:
        """Read a paragraph; return what used it (None: nothing, so it must be warned)."""
        self.index = index
        text = block.text
        if block.note:
            self.warn(block.line, block.note)
        if index in self.signed:
            if (signature := self.signed[index]) is not None:
                self.doc.signatures.append(signature)
            return "underskrift"
        self.tables.paragraph_seen()
        if self.phase == "toc" and not (len(text) < 60 and v.fold(text) in v.SECTION_ATTACHMENTS
                                        | v.SECTION_SUMMARY | v.SECTION_DECISIONS
                                        | v.SECTION_NARRATIVE):
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if _TOC_PAGE.match(text):
                pass  # the page number of the entry before, on a line of its own
            elif match := _TOC_TEXT.match(text):
                self.toc.append((match["title"], block.line))
            elif _TOC_LEADER.search(text) or (following is not None and not following.is_row
                                              and _TOC_PAGE.match(following.text)):
                self.toc.append((_TOC_LEADER.sub("", text), block.line))
            else:
                self.phase = "narrative"
                return self._narrative_text(block)
            return _CONTENTS
        if len(text) < 80 and self._switch_phase(v.fold(text)):  # headings are short
            if self.phase in ("narrative", "trailing"):
                # The part's own heading, so its texts can be placed under the template's parts.
                self.doc.sections.append(Section(heading=text, text="", line=block.line))
            return "delrubrik"
        if self.identity is not None and self.doc.goals and len(text) < 150 \
                and (second := parse_title(_PAGE_TAIL.sub("", text))) is not None and second[3]:
            if second == self.identity:  # the same title again is a running page header
                return _PAGE_HEADER
            raise ReportError(self.source, block.line, f"filen innehåller en andra rapport ('{text}') efter "
                              f"den på rad {self.identity_line}; dela upp filen och importera dem var för sig")
        if self.identity is None and self.phase in ("front", "decisions", "narrative"):
            if (identity := parse_title(text)) is not None:
                self.identity, self.identity_line = identity, block.line
                self.tables.report_year = identity[2]
                self.phase = "front"
                return "rapportens rubrik"
        if self.phase not in ("toc",) and (heading := self._goal_heading(index, block)) is not None:
            return heading or None
        handler = {
            "front": self._front_text, "decisions": self._decision_text,
            "summary": self._summary_text, "case": self._case_text, "attachments": self._attachment_text,
            "narrative": self._narrative_text, "goals": self._goal_text,
            "economy": self._economy_text, "trailing": self._narrative_text,
            "attestation": self._attestation_text,
        }[self.phase]
        return handler(block)

    def _row(self, index: int, block: Block) -> str | None:
        """Read a table row; return what used it (None: nothing, so it must be warned)."""
        gap = block.line != self.previous_row_line + 1 and not block.loose
        self.previous_row_line = block.line + block.line_count - 1
        if self.phase == "toc":
            cells = [c for c in block.cells if c.strip()]
            if cells:
                self.toc.append((cells[0], block.line))
            return _CONTENTS
        if self.phase == "economy":
            self._economy_heading_used()
            if gap:
                self.economy.gap()
            self.economy.row(block)
            return "ekonomitabell"
        if self.phase == "attestation":
            return self._attestation(block)
        if self.phase != "goals":
            return None
        kind = table_kind(block)
        if kind is not None:
            if self.goal is None:
                self.warn(block.line, "tabell före första målrubriken kan inte placeras under något mål")
                return None
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            self.tables.header_repeats = False
            self.tables.header(block, kind, self.goal)
            # a header directly followed by the same header: a table whose first page had no room
            self.tables.header_repeats = following is not None and following.is_row and \
                following.cells == block.cells
            return "tabellhuvud"
        if self.tables.table is None:
            self.warn(block.line, f"tabellrad utan tabellrubrik ignoreras: {block.cells[0][:60]!r}")
            return None
        if self.goal is not None and self.tables.table.goal is not self.goal:
            self.tables.rehome(self.goal)
        elif gap:
            self.warn(block.line, "tabellrad efter tomrad utan upprepad tabellrubrik; "
                                  "läses som fortsättning av tabellen ovan")
        return self._table_row(block)

    def _table_row(self, block: Block) -> str | None:
        """A row under a table header: a new indicator or activity, or more of the last one (its
        name, its analysis, its cells after a page break); None if no item could take it."""
        items = len(self.doc.indicators), len(self.doc.activities)
        self.tables.row(block)
        if len(self.doc.indicators) > items[0]:
            return "indikatorrad"
        if len(self.doc.activities) > items[1]:
            return "aktivitetsrad"
        if self.tables.item is None:
            return None
        return "indikatorrad, forts." if isinstance(self.tables.item, IndicatorResult) else "aktivitetsrad, forts."

    # -- front matter -----------------------------------------------------------------------

    def _front_text(self, block: Block) -> str | None:
        text = block.text
        key = v.fold(text) if len(text) < 40 else ""
        if key == "handlaggare":
            self.previous_label = "author"
            return "etikett"
        if key == "till":
            self.previous_label = "to"
            return "etikett"
        if (phone := v.PHONE.match(text)) is not None and not self.phone:
            self.phone = phone["phone"].strip()
            self.previous_label = ""
            return "telefon"
        if (email := parse_email(text)) is not None and not self.email:
            self.email = email
            self.previous_label = ""
            return "e-post"
        if (contact := parse_contact(text)) is not None:
            self._contact(block, *contact)
            self.previous_label = ""
            return "kontaktuppgifter"
        if (reference := v.REFERENCE.match(text)) is not None and not self.reference:
            self.reference = reference["reference"].strip()
            self.previous_label = ""
            return "diarienummer"
        used = None
        if self.previous_label == "to" and not self.recipient and looks_like_committee(text):
            self.recipient, used = text, "mottagare"
        if self.previous_label == "author" and not self.author:
            self.author, used = text, "handläggare"
        elif self.date is None and (found := parse_date(text)) is not None:
            self.date, used = found, "datum"
        elif not self.committee and looks_like_committee(text) and (
            self.previous_label == "to" or self.identity is not None
        ):
            self.committee, used = text, "nämnd"
        self.previous_label = ""
        return used

    def _contact(self, block: Block, name: str, phone: str, email: str) -> None:
        """The front page's contact block: the phone and e-mail unless the head gave them; one
        that contradicts the head is warned, never silently kept or dropped."""
        if name and not self.committee and self.identity is not None:
            self.committee = name
        for field, value, label in (("phone", phone, "telefonnumret"), ("email", email, "e-postadressen")):
            known = getattr(self, field)
            if value and not known:
                setattr(self, field, value)
            elif value and _digits_or_text(value) != _digits_or_text(known):
                self.warn(block.line, f"{label} {value!r} skiljer sig från {known!r} ovan; det första gäller")

    def _decision_text(self, block: Block) -> str | None:
        decision = parse_decision(block.text, block.line)
        if decision is not None:
            expected = len(self.doc.decisions) + 1
            if decision.number != expected:
                self.warn(block.line, f"beslutspunkt {decision.number} följer på {expected - 1}")
            decision.attachment = attachment_label(decision.text)
            self.doc.decisions.append(decision)
            return "beslutspunkt"
        self.phase = "front"
        return self._front_text(block)

    def _attestation(self, block: Block) -> str:
        """"Alexandra Wynn, Stadsdelsdirektör ⇥ 2024-05-14" under "Attesterat av"."""
        cells = [c.strip() for c in block.cells if c.strip()]
        if len(cells) < 2 or v.fold(cells[0]) == "namn":
            return "tabellhuvud"
        self.doc.attestations.append(Attestation(cells[0], parse_date(cells[-1]), block.line))
        return "attestering"

    def _attestation_text(self, block: Block) -> str | None:
        """The sentence that introduces the attestations ("… av följande personer:") or the
        caption over their table."""
        following = self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None
        introduces = block.text.endswith(":") or (following is not None and following.is_row)
        return "attestering" if block.line_count == 1 and introduces else None

    def _summary_text(self, block: Block) -> str:
        self.doc.summary = f"{self.doc.summary}\n{block.text}".strip()
        return "sammanfattning"

    def _case_text(self, block: Block) -> str:
        """"Ärendet": its paragraphs, up to the next heading ("Ärendets beredning", "Inledning")."""
        if is_heading(block) and self.doc.case:
            self.phase = "narrative"
            return self._narrative_text(block)
        self.doc.case = f"{self.doc.case}\n{block.text}".strip()
        return "ärendet"

    def _attachment_text(self, block: Block) -> str:
        attachment = parse_attachment(block.text, block.line)
        last = self.doc.attachments[-1] if self.doc.attachments else None
        if attachment is not None:
            self.doc.attachments.append(attachment)
            self.attachment_end = block.line + block.line_count - 1
        elif last is not None and block.line == self.attachment_end + 1:
            last.title = f"{last.title} {block.text}".strip()  # a title wrapped onto the next line
            self.attachment_end = block.line + block.line_count - 1
        else:
            self.phase = "narrative"
            return self._narrative_text(block)
        return "bilaga"

    def _narrative_text(self, block: Block) -> str:
        sections = self.doc.sections
        if is_heading(block) or not sections:
            sections.append(Section(heading=block.text if is_heading(block) else "", text="",
                                    line=block.line))
            if is_heading(block):
                return "rubrik"
        sections[-1].text = f"{sections[-1].text}\n{block.text}".strip()
        return "text"

    # -- goals ------------------------------------------------------------------------------

    def _goal_heading(self, index: int, block: Block) -> str | None:
        """Open the goal whose heading ``block`` is; return what used it ("" for a heading that
        could not be used), None if it is no goal heading."""
        text = v.split_glyphs(block.text)[1]
        following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
        if _TOC_LEADER.search(text) or (following is not None and not following.is_row
                                        and _TOC_PAGE.match(following.text) and self.phase != "goals"):
            if (v.INRIKTNINGSMAL.match(text) or v.KF_MAL.match(text) or v.NAMNDMAL.match(text)):
                self.toc.append((_TOC_LEADER.sub("", text), block.line))
                return _CONTENTS  # an entry of a table of contents the text did not mark as one
        if match := v.INRIKTNINGSMAL.match(text):
            self._open_goal(GoalLevel.INRIKTNINGSMAL, match["number"], match["title"], block)
            return "målrubrik"
        if match := v.KF_MAL.match(text):
            number = match["number"]
            if self.im_goal is not None and not number.startswith(self.im_goal.number + "."):
                self.warn(block.line, f"KF-målet {number} står under inriktningsmål {self.im_goal.number}")
            self._open_goal(GoalLevel.KF_MAL, number, match["title"], block)
            return "målrubrik"
        if match := v.NAMNDMAL.match(text):
            if self.phase != "goals" and self.kf_goal is None:
                return None
            if index in self.narrative:
                if self.goal is None:
                    return ""
                self.goal.sections.append(Section(heading=text, text="", line=block.line))
                self.field = "sections"
                return "rubrik"
            number = match["number"]
            if number is None:
                if self.kf_goal is None:
                    self.warn(block.line, "nämndmål utan nummer före första KF-målet kan inte numreras")
                    return None
                count = self.unnumbered.get(self.kf_goal.number, 0) + 1
                self.unnumbered[self.kf_goal.number] = count
                number = f"{self.kf_goal.number}.{count}"
            elif self.kf_goal is not None and not number.startswith(self.kf_goal.number + "."):
                self.warn(block.line, f"nämndmålet {number} står under KF-mål {self.kf_goal.number}")
            self._open_goal(GoalLevel.NAMNDMAL, number, match["title"], block)
            return "målrubrik"
        return None

    def _open_goal(self, level: GoalLevel, number: str, title: str, block: Block) -> None:
        if self.economy.rows or self.phase == "economy":
            self.economy.flush()
        self.phase = "goals"
        earlier = self.doc.goal(number)
        if earlier is not None and self._empty(earlier):
            self.doc.goals.remove(earlier)  # an entry of a table of contents the text did not mark
        elif earlier is not None:
            self.warn(block.line, f"målnumret {number} förekommer redan; målet läses in en gång till")
        goal = Goal(level=level, number=number, title=title.strip(), line=block.line)
        self.doc.goals.append(goal)
        self.goal = goal
        if level is GoalLevel.INRIKTNINGSMAL:
            self.im_goal, self.kf_goal = goal, None
        elif level is GoalLevel.KF_MAL:
            self.kf_goal = goal
        self.field = "description"
        self.remains_from = 0

    def _empty(self, goal: Goal) -> bool:
        return not (goal.assessment or goal.description or goal.analysis or goal.sections
                    or goal.expected_results
                    or any(i.goal == goal.number for i in self.doc.indicators)
                    or any(a.goal == goal.number for a in self.doc.activities))

    def _goal_text(self, block: Block) -> str | None:
        goal = self.goal
        if goal is None:
            self.doc.sections.append(Section(heading="", text=block.text, line=block.line))
            return "text"
        text = block.text
        key = v.fold(text) if len(text) < 40 else ""
        if goal.assessment is None and self._is_assessment(text) and self.field == "description" \
                and not goal.description:
            goal.assessment = parse_assessment(text)
            icon, _ = v.split_glyphs(text)
            goal.icon = icon
            return "bedömning"
        if _TABLE_CAPTION.match(text):  # a printed report's caption over a goal's table
            return "tabellrubrik"
        for field, labels in (("description", v.LABEL_DESCRIPTION), ("expected", v.LABEL_EXPECTED),
                              ("analysis", v.LABEL_ANALYSIS)):
            if key in labels and not (self.remains_from and field == "analysis"):
                self.field = field
                self.remains_from = 0
                return "etikett"
        if self.remains_from or table_matter(text):
            return self._table_remains(block)
        if self.field == "expected":
            item = _LIST_MARK.sub("", text).strip()
            if not item:
                return None
            goal.expected_results.append(item)
            return "förväntat resultat"
        if self._heading_here(block) and (self.field in ("analysis", "sections")
                                  or goal.level is not GoalLevel.NAMNDMAL):
            goal.sections.append(Section(heading=text, text="", line=block.line))
            self.field = "sections"
            return "rubrik"
        if self.field == "sections":
            section = goal.sections[-1]
            section.text = f"{section.text}\n{text}".strip()
        elif self.field == "analysis":
            goal.analysis_line = goal.analysis_line or block.line
            goal.analysis = f"{goal.analysis}\n{text}".strip()
        else:
            goal.description = f"{goal.description}\n{text}".strip()
        return "måltext"

    def _table_remains(self, block: Block) -> None:
        """Warn of a paragraph among a goal's table matter (a header's words, a line of dates or
        values) that no table reader took: from there to the goal's end or its next label other
        than an analysis's (a row has one), the text is a table's that could not be read, its
        rows' names among it. Each line is quoted, so each row lost is named."""
        self.remains_from = self.remains_from or block.line
        lines = [n for n in block.lines if self.lines[n - 1].strip()] or [block.line]
        quotes = " / ".join(repr(" ".join(self.lines[n - 1].split())[:_QUOTE_LENGTH]) for n in lines)
        span = f"rad {lines[0]}" if len(lines) == 1 else f"raderna {lines[0]}–{lines[-1]}"
        self.warn(block.line, f"{span}: {quotes} står bland cellerna av en tabell (från rad {self.remains_from}) "
                              "som inte gick att läsa som rader; texten är inte inläst och en tabellrad kan "
                              "ha gått förlorad")

    def _heading_here(self, block: Block) -> bool:
        """A heading by shape, unless it is a long line directly followed by another heading:
        then it is a paragraph that merely lacks its final full stop. A short line ending in "det"
        or "och" is a heading too when a sentence of its own follows ("… som behöver det" over
        "Barn som …"): a line cut off in mid-sentence goes on in lower case."""
        following = self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None
        if not is_heading(block):
            return (len(block.text) <= 100 and is_heading(block, open_ended=True) and following is not None
                    and not following.is_row and not is_heading(following) and following.text[:1].isupper())
        if block.heading or len(block.text) <= 100:
            return True
        return following is None or not is_heading(following)

    # -- economics --------------------------------------------------------------------------

    def _economy_text(self, block: Block) -> str | None:
        text = block.text
        if ends_in_figures(text):  # a table row that lost its cells: neither a heading nor text
            return None
        if is_heading(block) and not _NUMBERED_ITEM.match(text):  # "1. Aspuddens förskolor": a list
            key = v.fold(text)
            is_section = v.is_economy_section(key)
            self._economy_heading_superseded()
            self._economy_heading(text, is_section=is_section)
            if is_section:
                return "ekonomirubrik"
            self.economy_open = block
            return None  # recorded once a table or text stands under it, else read as text
        self._economy_heading_used()
        self.economy.prose()
        return self._economy_prose(block, self.economy_heading)

    def _economy_heading_used(self) -> None:
        if self.economy_open is not None:
            self.account.record(self.economy_open.lines, Fate.USED, "ekonomirubrik")
            self.economy_open = None

    def _economy_heading_superseded(self) -> None:
        """A sub-heading followed by another heading, or by the part's end, titles nothing: it is
        a short line of text ("Inte aktuellt", a list of units), kept as the section's text."""
        block, self.economy_open = self.economy_open, None
        if block is None:
            return
        self.economy.prose()
        self.economy_heading = self.economy.section
        if (fate := self._economy_prose(block, self.economy_heading)) is not None:
            self.account.record(block.lines, Fate.USED, fate)

    def _economy_heading(self, text: str, is_section: bool) -> None:
        self.economy.flush()
        self._economy_prose(None)
        if is_section:
            self._economy_close()
        self.economy.heading(text, is_section=is_section)
        self.economy_heading = text

    def _economy_end(self) -> None:
        """The end of the economy part: its last rows are a table, its last prose placed."""
        self._economy_heading_superseded()
        self.economy.flush()
        self._economy_prose(None)
        self._economy_close()

    def _economy_close(self) -> None:
        """The end of an economy section: prose still pending had no table in it, so it is the
        section's text without a table, one entry per heading it stood under."""
        for title, blocks in groupby(self.economy_pending, key=lambda pending: pending[1]):
            blocks = [b for b, _ in blocks]
            self.economy.text_entry(title, "\n".join(b.text for b in blocks), blocks[0].line)
            for block in blocks:
                self.account.record(block.lines, Fate.USED, "ekonomitext")
        self.economy_mark, self.economy_pending = len(self.doc.economy), []

    def _economy_prose(self, block: Block | None, title: str = "") -> str | None:
        """Prose in the economy part is the committee's text about a table (as the renderers print
        it, after the table): the table above it in the same section, else the section's next one,
        else (``_economy_close``) a text of its own."""
        tables = self.doc.economy
        if self.economy_pending and len(tables) > self.economy_mark:
            first = tables[self.economy_mark]
            for pending, _ in self.economy_pending:
                first.text = f"{first.text}\n{pending.text}".strip()
                self.account.record(pending.lines, Fate.USED, "ekonomitext")
            self.economy_pending = []
        if block is None:
            return None
        if len(tables) > self.economy_mark:
            tables[-1].text = f"{tables[-1].text}\n{block.text}".strip()
            return "ekonomitext"
        self.economy_pending.append((block, title))
        return None  # recorded once a table or the section's end takes it

    # -- the whole --------------------------------------------------------------------------

    def _finish(self) -> Document:
        doc = self.doc
        inferred_title = ""
        if self.identity is None and doc.goals:
            found = infer_identity(doc, self.tables.columns_seen, self.tables.headers,
                                   [b.text for b in self.blocks if not b.is_row])
            if found is not None:
                doc_type, period, year, reason = found
                self.identity, self.identity_line = (doc_type, period, year, ""), doc.goals[0].line
                inferred_title = _TITLE_OF[doc_type].format(period=period.value[-1], year=year)
                self.warn(doc.goals[0].line, f"rapportens första sidor saknas; den läses som "
                                             f"{inferred_title} ({reason})")
        if self.identity is None:
            if not doc.goals:
                raise ReportError(self.source, 1, "hittar ingen rapport: varken en rubrik som "
                                  "'Verksamhetsplan/Tertialrapport/Verksamhetsberättelse ÅÅÅÅ' eller "
                                  "målrubriker ('KF:s inriktningsmål: …')")
            raise ReportError(self.source, 1, "rapportens rubrik saknas (t.ex. 'Tertialrapport "
                              "Tertial 1 2024 för …'); typ och år kan inte avgöras")
        doc.type, doc.period, doc.year, titled_committee = self.identity
        if doc.period is None:  # "Tertialrapport 2024": which tertial, the tables and text may tell
            found = infer_identity(doc, self.tables.columns_seen, self.tables.headers,
                                   [b.text for b in self.blocks if not b.is_row])
            if found is None or found[0] is not doc.type or found[2] != doc.year:
                raise ReportError(self.source, self.identity_line, "rubriken anger inte vilken tertialrapport "
                                  "det är (t.ex. 'Tertialrapport Tertial 2 2024 för …')")
            doc.period = found[1]
            self.warn(self.identity_line, f"rubriken anger inte vilken tertialrapport det är; den läses som "
                                          f"{doc.period.label} ({found[3]})")
        doc.title = inferred_title or self.blocks_title()
        doc.committee = self.committee_override or titled_committee or self.committee
        if not doc.committee:
            if self.require_committee:
                raise ReportError(self.source, self.identity_line, "nämnden framgår inte av rapporten; "
                                  "ange den med --committee")
            self.warn(self.identity_line, "nämnden framgår inte av rapporten; ange den med --committee")
        doc.date, doc.author = self.date, self.author
        doc.phone, doc.email, doc.reference = self.phone, self.email, self.reference
        doc.recipient = self.recipient if self.recipient and self.recipient != doc.committee else ""
        if not doc.goals:
            raise ReportError(self.source, self.line_count, "inga mål hittades efter rubriken på rad "
                              f"{self.identity_line}; filen är avkortad eller inte en ILS-rapport")
        self._check_complete()
        self._check_counts()
        self._committee_lines()
        self.account.close(self.lines, [b.lines for b in self.blocks], self.warnings)
        doc.warnings = sorted(self.warnings, key=lambda w: w.line)
        return doc

    def _committee_lines(self) -> None:
        """The committee's name on a line of its own (over the title, under a signature) is
        the committee the report is read as, though no rule took it where it stood."""
        names = {v.fold(self.doc.committee), v.fold(self.doc.recipient)} - {""}
        for block in self.blocks:
            if not block.is_row and block.line not in self.account.fates and v.fold(block.text) in names:
                self.account.record(block.lines, Fate.USED, "nämnd")

    def _check_counts(self) -> None:
        """What the report says of itself against what was read: tables at all, the number of
        nämndmål its summary states, goal numbers without gaps."""
        doc = self.doc
        if doc.goals and not doc.indicators and not doc.activities:
            self.warn(doc.goals[0].line, f"rapporten har {len(doc.goals)} mål men inga indikator- eller "
                                         "aktivitetstabeller; tabellerna har gått förlorade eller kunde inte läsas")
        stated = _STATED_COUNT.search(doc.summary or "")
        if stated:
            word = stated["count"].lower()
            count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
            found = sum(g.level is GoalLevel.NAMNDMAL for g in doc.goals)
            if count is not None and count != found:
                self.warn(1, f"sammanfattningen nämner {count} nämndmål men {found} lästes in")
        siblings: dict[str, list[Goal]] = {}
        for goal in doc.goals:
            parent, _, last = goal.number.rpartition(".")
            if last.isdigit():
                siblings.setdefault(parent, []).append(goal)
        for goals in siblings.values():
            for previous, goal in zip(goals, goals[1:]):
                before, after = int(previous.number.rpartition(".")[2]), int(goal.number.rpartition(".")[2])
                if after > before + 1:
                    self.warn(goal.line, f"målnumret hoppar från {previous.number} till {goal.number}; "
                                         "mål däremellan saknas (avkortad eller skadad fil?)")

    def blocks_title(self) -> str:
        return next(b.text for b in self.blocks if b.line == self.identity_line)

    def _check_complete(self) -> None:
        """A report whose text ends before the last part its table of contents lists is cut off."""
        if len(self.toc) < 5:
            return
        title, toc_line = self.toc[-1]
        wanted = v.fold(re.sub(r"\.{2,}.*$", "", title))[:16]
        if not wanted:
            return
        for block in self.blocks:
            if block.line > toc_line and not block.is_row and v.fold(block.text[:60]).startswith(wanted):
                return
        raise ReportError(
            self.source, self.line_count,
            f"texten tar slut på rad {self.line_count} men innehållsförteckningen (rad {toc_line}) "
            f"listar '{title.strip()}' som inte finns i texten; filen verkar avkortad")
