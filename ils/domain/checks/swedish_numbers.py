"""Numbers written as Swedish words in report prose ("fem av sex", "samtliga sexton")."""
from __future__ import annotations

WORDS = {
    "en": 1, "ett": 1, "ena": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
    "tjugoen": 21, "tjugoett": 21, "tjugotvå": 22, "tjugotre": 23, "tjugofyra": 24,
    "tjugofem": 25, "tjugosex": 26, "tjugosju": 27, "tjugoåtta": 28, "tjugonio": 29, "trettio": 30,
}
PATTERN = r"\d{1,3}|" + "|".join(sorted(WORDS, key=len, reverse=True))


def to_int(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return WORDS.get(word)
