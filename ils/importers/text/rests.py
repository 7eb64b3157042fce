"""The rests of wrapped names given apart from their first lines, assigned back to them.

pdfminer.six reads a table's row as boxes: where an icon cell stands before a name, the name's
first line is a box of its own and its wrapped rest another, and it may give the first lines of
several rows before or after their rests. What stays is enough to assign them back as a whole:
the rests come in the rows' order (the boxes of the left margin are read top down), and a rest
goes on a line only where its first word did not fit there: the line ran out of room (pdfminer
keeps the space where it wrapped; a word broken at a hyphen; a line as wide as the text's), or
the report's own page break cut the name there. The caller gives the names in an order (the
rows' as the city's system lists them, by name, or pdfminer's); of the assignments that keep it
and every fit, the one with the fewest doubts is taken (a wrapped line left without a rest, a
rest after a line only its width says was full, a name of its own kept one), and of those the
one that moves the fewest rests from where the reading put them; none if a rest fits nowhere.
"""
from __future__ import annotations

from dataclasses import dataclass

_BROKEN = ("-", "\xad", "–", ",")  # a line ending so goes on, whatever the room left on it
_ROOM = 2  # a line with less room than this left is full: even a short word did not fit on it


@dataclass(frozen=True)
class Tail:
    """A line that may go on: as extracted (spaces kept), the name's text on it (cells at its end
    split off), and whether a page's repeated header cut the row after it (then it may go on,
    with or without room left)."""

    text: str
    name: str
    cut: bool = False
    indent: int = 0  # where the line was printed, if not at the margin (a TAB's column)
    hanging: bool = False  # it ends with a word that cannot end a name ("och", "för")

    @property
    def valued(self) -> bool:
        return _valued(self.text, self.name)

    @property
    def printed(self) -> int:
        return printed(self.text) + self.indent


@dataclass(frozen=True)
class Rest:
    """A rest of a name, its lines in one run: its first word and its last line."""

    first_word: str
    last: Tail


def _valued(text: str, name: str) -> bool:
    """Do cells stand after the name on the line (its row's dates): then the name ends there."""
    return len(text.split()) > len(name.split())


def printed(text: str) -> int:
    """How wide the line was printed: an icon cell's space before it stands for two."""
    line = text.lstrip("\f").rstrip()
    return len(line) + line[:1].isspace()


def wraps(text: str, name: str) -> bool:
    """Does the line (``name``: the name's text on it, cells at its end split off) say the name
    goes on: a space kept at its end, or a broken word?"""
    return text.rstrip("\f").endswith(" ") and bool(text.strip()) or name.rstrip().endswith(_BROKEN)


def goes_on(text: str, name: str, width: int, indent: int = 0) -> bool:
    """May the name go on after the line (printed ``indent`` from the margin): it says so
    (``wraps``), or it is full, and no cells stand after the name on it."""
    return not _valued(text, name) and (wraps(text, name) or indent + printed(text) + _ROOM > width)


def _takes(tail: Tail, rest: Rest, width: int) -> bool:
    """Can the rest go on after the line?"""
    if tail.cut:  # (the report's page break cut the name; its dates may stand on its line before)
        return True
    if tail.valued:
        return False
    if tail.name.rstrip().endswith(_BROKEN):
        return True
    return goes_on(tail.text, tail.name, width, tail.indent) and tail.printed + 1 + len(rest.first_word) > width


def _left_open(tail: Tail) -> int:
    """1 if a name ending on the line would be left without the rest the line says it has."""
    return int(not tail.cut and not tail.valued and wraps(tail.text, tail.name))


def _doubt(tail: Tail, rest: Rest) -> int:
    """1 if the rest going on after the line is a doubt: only its width says the line ran out
    of room (a name's last line may be as wide), or a page's header cut the name and the rest
    begins with a capital (as a name or an analysis's sentence may) or the line may as well end
    the name."""
    if tail.cut:
        return int(rest.first_word[:1].isupper() or not tail.hanging)
    return int(not wraps(tail.text, tail.name))


def assign(tails: list[Tail], rests: list[Rest], owners: list[int], width: int) -> tuple[int, list[int]] | None:
    """The name (index into ``tails``, each name's last line, in order) each rest goes on, the
    rests in their order, and the doubts and open lines that leaves; ``owners``: where the
    reading put each (-1: a name of its own, which it may stay, at the cost of a doubt). None if
    no assignment keeps the orders and the fits."""
    # (the name the last rest placed went on, that rest) -> the cheapest (doubts and open lines,
    # moves, the names taken so far)
    best: dict[tuple[int, int], tuple[int, int, tuple[int, ...]]] = {(-1, -1): (0, 0, ())}
    for i, rest in enumerate(rests):
        grown: dict[tuple[int, int], tuple[int, int, tuple[int, ...]]] = {}

        def offer(key: tuple[int, int], cost: tuple[int, int, tuple[int, ...]]) -> None:
            if key not in grown or cost[:2] < grown[key][:2]:
                grown[key] = cost

        for (j, t), (doubts, moved, path) in best.items():
            last = rests[t].last if t >= 0 else None
            if owners[i] == -1:
                offer((j, t), (doubts + 1, moved, (*path, -1)))
            if last is not None and _takes(last, rest, width):
                offer((j, i), (doubts + _doubt(last, rest), moved + (owners[i] != j), (*path, j)))
            closing = _left_open(last) if last is not None else 0
            for k in range(j + 1, len(tails)):
                if _takes(tails[k], rest, width):
                    offer((k, i), (doubts + closing + _doubt(tails[k], rest), moved + (owners[i] != k), (*path, k)))
                closing += _left_open(tails[k])
        if not grown:
            return None
        best = grown
    ends = [(doubts + (_left_open(rests[t].last) if t >= 0 else 0) + sum(map(_left_open, tails[j + 1:])), moved, path)
            for (j, t), (doubts, moved, path) in best.items()]
    doubts, _, path = min(ends)
    return doubts, list(path)
