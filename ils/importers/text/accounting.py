"""What became of every line of an imported file: used, page furniture, blank, or warned.

The parser records each line's fate as it reads; whatever no rule took is turned into a warning
naming the line by ``close``, so an import can never lose a line without a word. The account is
a result beside the Document (the domain model does not know about the file's lines).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from ils.domain.model import Document, ImportWarning
from ils.domain.values import format_number


class Fate(StrEnum):
    USED = "used"  # its text is in the Document (or shaped it: a label, a table header)
    FURNITURE = "furniture"  # a page header, footer, page number or contents entry
    BLANK = "blank"  # no text (white space, a page break, markup only)
    WARNED = "warned"  # not placed, and a warning names it


_QUOTE_LENGTH = 60


@dataclass
class LineAccount:
    """Each line's fate (1-based line -> fate); for used and furniture lines, by what; for
    warned lines, the line the warning names (the first of its block)."""

    fates: dict[int, Fate] = field(default_factory=dict)
    uses: dict[int, str] = field(default_factory=dict)
    warned_by: dict[int, int] = field(default_factory=dict)

    def record(self, lines, fate: Fate, what: str = "") -> None:
        """Record ``lines``' fate; the first record of a line stands (a line is used once)."""
        for line in lines:
            if line not in self.fates:
                self.fates[line] = fate
                if what:
                    self.uses[line] = what

    def close(self, lines: list[str], groups, warnings: list[ImportWarning]) -> None:
        """Account for what no rule took: lines with no text are blank; a group of lines (a
        block) a warning already names is warned; any other is warned here, by a new warning."""
        for number, text in enumerate(lines, start=1):
            if number not in self.fates and not text.strip():
                self.fates[number] = Fate.BLANK
        named = {w.line for w in warnings}
        for group in [*groups, *([n] for n in range(1, len(lines) + 1))]:
            left = [n for n in group if n not in self.fates]
            if not left:
                continue
            naming = min(named.intersection(group), default=None)
            if naming is None:
                quote = " ".join(" ".join(lines[n - 1].split()) for n in left)
                if len(quote) > _QUOTE_LENGTH:
                    quote = quote[:_QUOTE_LENGTH - 1] + "…"
                span = f"rad {left[0]}" if len(left) == 1 else f"raderna {left[0]}–{left[-1]}"
                warnings.append(ImportWarning(left[0], f"{span} lästes men kunde inte placeras: '{quote}'"))
                naming = left[0]
            self.record(left, Fate.WARNED)
            self.warned_by.update((n, naming) for n in left)

    def follow(self, joined: dict[int, int]) -> None:
        """Lines merged into another line before parsing (the cells of a row laid out over
        several lines) share the fate of the line that holds them."""
        for line, holder in joined.items():
            self.fates[line] = self.fates[holder]
            for what in (self.uses, self.warned_by):
                what.pop(line, None)
                if holder in what:
                    what[line] = what[holder]

    def counts(self) -> Counter:
        return Counter(self.fates.values())

    def summary(self) -> dict:
        """The counts per fate (blank lines aside) and of the used lines by what used them."""
        counts = self.counts()
        return {"lines": sum(n for fate, n in counts.items() if fate is not Fate.BLANK),
                **{fate.value: counts[fate] for fate in (Fate.USED, Fate.FURNITURE, Fate.WARNED)},
                "used_by": dict(Counter(self.uses[n] for n, f in self.fates.items() if f is Fate.USED).most_common())}

    def describe(self) -> str:
        """The counts in Swedish, for the import's output."""
        summary = self.summary()
        return (f"{format_number(summary['lines'])} rader med text: {format_number(summary['used'])} "
                f"inlästa, {format_number(summary['furniture'])} sidhuvuden, sidfötter och "
                f"innehållsförteckning, {format_number(summary['warned'])} med varning")


@dataclass
class ParseResult:
    """A parsed report and the account of its file's lines."""

    document: Document
    account: LineAccount
