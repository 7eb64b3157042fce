"""The city's template for a report's texts: ordered parts with headings, per year and document type.

A template is a list of `PartSpec`: a heading, the instructions writers see (anvisningar), whether
the part is required, whether it must be present even when it only says "Inte aktuellt", and
whether it holds a block per inriktningsmål. `instantiate` turns it into a document's parts;
`place_sections` puts imported text sections into those parts by their headings – a heading that
names no part becomes a sub-heading of the part it follows, or an extra part, never lost.

The defaults follow the real reports' outlines (research/internal_control_and_more.md §2).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from . import markup
from .model import GoalLevel, Period, Section

BEFORE_GOALS, AFTER_GOALS = "fore", "efter"
NOT_APPLICABLE = "Inte aktuellt"
MAX_PARTS = 200
MAX_HEADING = 300
MAX_INSTRUCTIONS = 5_000
# The VB part whose status and analysis are the internal control's judgement (domain.internal_control).
INTERNAL_CONTROL_PART = "intern-kontroll"
INTERNAL_CONTROL_HEADING = "Bedömning av nämndens interna kontroll"


@dataclass(frozen=True)
class PartSpec:
    key: str
    heading: str
    parent: str = ""  # key of the enclosing part
    instructions: str = ""
    required: bool = False
    always: bool = False  # must be present; "Inte aktuellt" is an answer
    per_goal: bool = False  # one block per KF inriktningsmål
    place: str = BEFORE_GOALS
    aliases: tuple[str, ...] = ()


@dataclass
class Part:
    """One text part of one document."""

    key: str
    heading: str
    level: int = 1  # 1 = a part of the report, 2 = inside one, ...
    parent: str = ""
    instructions: str = ""
    required: bool = False
    always: bool = False
    place: str = BEFORE_GOALS
    goal: str = ""  # the inriktningsmål's number, for a per-goal block
    text: str = ""  # markup
    line: int = 0
    extra: bool = False  # imported under a heading the template does not have
    aliases: tuple[str, ...] = field(default=())


def fold(text: str) -> str:
    return re.sub(r"[^0-9a-zåäöéü]+", "", text.lower())


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^0-9a-z]+", "-", text.lower().translate(
        str.maketrans("åäöéü", "aaoeu")))).strip("-")[:60] or "del"


# -- the template as stored data -------------------------------------------------------------------

def to_data(template: list[PartSpec]) -> list[dict]:
    return [{k: list(v) if isinstance(v, tuple) else v for k, v in asdict(spec).items()} for spec in template]


def from_data(data: list[dict]) -> list[PartSpec]:
    return [PartSpec(**{**item, "aliases": tuple(item.get("aliases", ()))}) for item in data]


def template_problems(template: list[PartSpec]) -> list[str]:
    """Why a template cannot be used, in Swedish, each naming the part; empty when it is fine."""
    found, seen = [], {}
    if len(template) > MAX_PARTS:
        found.append(f"mallen har {len(template)} delar; högst {MAX_PARTS}")
    for number, spec in enumerate(template, 1):
        name = f"Del {number} ({spec.heading or spec.key or 'utan rubrik'})"
        if not spec.heading.strip():
            found.append(f"{name}: rubriken saknas")
        if len(spec.heading) > MAX_HEADING:
            found.append(f"{name}: rubriken är längre än {MAX_HEADING} tecken")
        if len(spec.instructions) > MAX_INSTRUCTIONS:
            found.append(f"{name}: anvisningen är längre än {MAX_INSTRUCTIONS} tecken")
        for text in (spec.heading, spec.instructions):
            found += [f"{name}: {p}" for p in markup.problems(text)]
        if not re.fullmatch(r"[a-z0-9-]{1,60}", spec.key):
            found.append(f"{name}: nyckeln '{spec.key}' får bara innehålla a–z, 0–9 och bindestreck")
        elif spec.key in seen:
            found.append(f"{name}: nyckeln '{spec.key}' finns redan i del {seen[spec.key]}")
        if spec.parent and spec.parent not in seen:
            found.append(f"{name}: överordnad del '{spec.parent}' måste stå före den")
        if spec.place not in (BEFORE_GOALS, AFTER_GOALS):
            found.append(f"{name}: placeringen måste vara 'fore' eller 'efter'")
        seen.setdefault(spec.key, number)
    return found


# -- a document's parts ----------------------------------------------------------------------------

def instantiate(template: list[PartSpec], inriktningsmal: list[tuple[str, str]]) -> list[Part]:
    """The document's parts in order; a per-goal part gets a child block per (number, title)."""
    levels: dict[str, int] = {}
    parts: list[Part] = []
    for spec in template:
        level = levels.get(spec.parent, 0) + 1
        levels[spec.key] = level
        parts.append(Part(key=spec.key, heading=spec.heading, level=level, parent=spec.parent,
                          instructions=spec.instructions, required=spec.required, always=spec.always,
                          place=_place_of(spec, template), aliases=spec.aliases))
        if spec.per_goal:
            parts += [Part(key=f"{spec.key}-{number.replace('.', '-')}", heading=title, level=level + 1,
                           parent=spec.key, instructions=spec.instructions, required=spec.required,
                           always=spec.always, place=parts[-1].place, goal=number)
                      for number, title in inriktningsmal]
    return parts


def _place_of(spec: PartSpec, template: list[PartSpec]) -> str:
    by_key = {s.key: s for s in template}
    while spec.parent in by_key:
        spec = by_key[spec.parent]
    return spec.place


def place_sections(parts: list[Part], sections: list[Section], first_goal_line: int = 0) -> list[Part]:
    """Imported sections placed into the parts by heading, in document order.

    A section under a part's heading (or one of its aliases) fills that part. A heading that names
    no part becomes a sub-heading in the part it follows; before any part it opens an extra part.
    A heading with no text under it before the next part (or the end) heads nothing: it is a short
    paragraph of the part ("Arbetet beskrivs under mål 3.1"). Each part is matched once, so a heading repeated later ("Positivt arbete under året" under
    every inriktningsmål) stays a sub-heading where it is."""
    parts = [replace(p) for p in parts]
    current: Part | None = None
    used: set[str] = set()

    def place_of(section: Section) -> str:
        return AFTER_GOALS if first_goal_line and section.line > first_goal_line else BEFORE_GOALS

    for n, section in enumerate(sections):
        place = place_of(section)
        match = _matching(parts, section.heading, used, current, place) if section.heading.strip() else None
        if match is not None:
            used.add(match.key)
            match.line = match.line or section.line
            current = match
            _append(current, markup.from_plain(section.text))
        elif current is not None and current.place == place:
            following = sections[n + 1] if n + 1 < len(sections) else None
            if section.heading.strip() and not section.text.strip() and (following is None or _matching(
                    parts, following.heading, used, current, place_of(following)) is not None):
                _append(current, markup.from_plain(section.heading))  # heads nothing: a short paragraph
            elif section.heading.strip():
                _append(current, markup.subheading(section.heading))
            _append(current, markup.from_plain(section.text))
        else:
            current = add_extra(parts, section.heading.strip() or "Övrig text", place, section.line)
            _append(current, markup.from_plain(section.text))
    return parts


def _matching(parts: list[Part], heading: str, used: set[str], current: Part | None, place: str) -> Part | None:
    """The unused part this heading names; among equal headings the one inside the current part."""
    keys = _names(heading)
    candidates = [p for p in parts if p.key not in used and p.place == place
                  and keys & {_yearless(p.heading), *(_yearless(a) for a in p.aliases)}]
    if not candidates:
        return None
    if current is not None:
        family = _ancestors(parts, current) | {current.key}
        inside = [p for p in candidates if p.parent in family]
        if inside:
            return inside[0]
    return candidates[0]


def _names(heading: str) -> set[str]:
    """What a heading may name: itself, and its main heading before a dash or colon ("Fokusområden
    2022 - innovation och trygghet" names the part "Fokusområden"), all without years."""
    main = re.split(r"\s*[-–:]\s+", re.sub(r"\b(19|20)\d\d\b", " ", heading).strip(), maxsplit=1)[0]
    return {_yearless(heading), _yearless(main)}


def _yearless(heading: str) -> str:
    """A heading folded without its years: "Fokusområden 2023" names the part "Fokusområden 2022",
    "Agenda 2031" in a shifted copy the part "Agenda 2030"."""
    return fold(re.sub(r"\b(19|20)\d\d\b", " ", heading))


def _ancestors(parts: list[Part], part: Part) -> set[str]:
    by_key, out = {p.key: p for p in parts}, set()
    while part.parent in by_key and part.parent not in out:
        out.add(part.parent)
        part = by_key[part.parent]
    return out


def _append(part: Part, text: str) -> None:
    if text.strip():
        part.text = f"{part.text}\n\n{text}".strip("\n") if part.text else text


def add_extra(parts: list[Part], heading: str, place: str, line: int = 0) -> Part:
    """A part outside the template (a heading the committee adds), last among the parts of its place."""
    part = Part(key=_free_key(parts, "extra-" + slug(heading)), heading=heading, place=place, line=line, extra=True)
    parts.insert(_insert_at(parts, place), part)
    return part


def _free_key(parts: list[Part], key: str) -> str:
    keys, candidate, n = {p.key for p in parts}, key, 1
    while candidate in keys:
        n += 1
        candidate = f"{key}-{n}"
    return candidate


def _insert_at(parts: list[Part], place: str) -> int:
    """Extra parts go last among the parts of their place."""
    indexes = [i for i, p in enumerate(parts) if p.place == place]
    if indexes:
        return indexes[-1] + 1
    return 0 if place == BEFORE_GOALS else len(parts)


def document_parts(doc, template: list[PartSpec] | None = None) -> list[Part]:
    """A document's text parts: its own, or (an imported document not stored yet) its sections
    placed into ``template`` (the shipped default for its period unless given)."""
    if doc.parts:
        return doc.parts
    inriktningsmal = [(g.number, g.title) for g in doc.goals if g.level is GoalLevel.INRIKTNINGSMAL]
    first_goal = min((g.line for g in doc.goals if g.line), default=0)
    outline = instantiate(template if template is not None else default_template(doc.period), inriktningsmal)
    return place_sections(outline, doc.sections, first_goal)


def with_content(parts: list[Part]) -> list[Part]:
    """The parts a printed report shows: those with text, and the parts above them."""
    keep = {p.key for p in parts if not markup.is_empty(p.text)}
    by_key = {p.key: p for p in parts}
    for key in list(keep):
        part = by_key[key]
        while part.parent in by_key:
            keep.add(part.parent)
            part = by_key[part.parent]
    return [p for p in parts if p.key in keep]


def with_judgement(parts: list[Part], judgement_text: str) -> list[Part]:
    """The parts with the internal control's judgement (markup) first in its part, before what the
    writers added; a template without the part gets it after the goals."""
    if not judgement_text:
        return parts
    out = [replace(p) for p in parts]
    part = next((p for p in out if p.key == INTERNAL_CONTROL_PART), None)
    if part is None:
        part = Part(key=INTERNAL_CONTROL_PART, heading=INTERNAL_CONTROL_HEADING, place=AFTER_GOALS, required=True)
        out.insert(_insert_at(out, AFTER_GOALS), part)
    part.text = judgement_text + (f"\n\n{part.text}" if not markup.is_empty(part.text) else "")
    return out


# -- the shipped defaults --------------------------------------------------------------------------

_IM = ("Skriv per inriktningsmål nämndens samlade bedömning av måluppfyllelsen och vad den bygger på.")
_NA = f"Delen ska finnas med; skriv \"{NOT_APPLICABLE}\" om inget finns att redovisa."


def _spec(heading: str, parent: str = "", key: str = "", **kwargs) -> PartSpec:
    return PartSpec(key=key or slug(heading), heading=heading, parent=parent, **kwargs)


_DIRECTIVES = [
    _spec("Långsiktigt hållbar ekonomi och goda förutsättningar för välfärd", "direktiv", key="direktiv-ekonomi",
          aliases=("Långsiktig hållbar ekonomi och goda förutsättningar för välfärd",)),
    _spec("En levande och hållbar stad", "direktiv", key="direktiv-levande-stad"),
    _spec("En trygg och säker stad som håller samman", "direktiv", key="direktiv-trygg-stad"),
]


def _directives(heading: str, instructions: str, place_parent: str = "") -> list[PartSpec]:
    return [_spec(heading, place_parent, key="direktiv", required=True, instructions=instructions,
                  aliases=("Stadens direktiv till samtliga nämnder och bolagsstyrelser",
                           "Arbete utifrån direktiven för samtliga nämnder"))] + _DIRECTIVES


def _plan() -> list[PartSpec]:
    return [
        _spec("Inledning", required=True, instructions="Beskriv nämndens uppdrag, förutsättningar och "
              "prioriteringar för året."),
        _spec("Befolkningsprognos", "inledning"),
        _spec("Stadsdelsnämnden och råden", "inledning", key="namnden-och-raden",
              aliases=("Nämnden och råden",)),
        _spec("Stadsdelsförvaltningens organisation", "inledning", key="organisation",
              aliases=("Förvaltningens organisation", "Nämndens organisation")),
        _spec("Nämndens ekonomiska förutsättningar", "inledning", key="ekonomiska-forutsattningar"),
        _spec("Nämndens prioriterade arbete för året", "inledning", key="prioriterat-arbete",
              aliases=("Nämndens prioriterade arbete",)),
        *_directives("Stadens direktiv till samtliga nämnder och bolagsstyrelser",
                     "Beskriv hur nämnden arbetar utifrån vart och ett av direktiven."),
        _spec("Systematiskt kvalitetsarbete", required=True, place=AFTER_GOALS,
              instructions="Beskriv nämndens kvalitetsarbete under rubrikerna nedan."),
        _spec("Stadens kvalitetsprogram", "systematiskt-kvalitetsarbete", key="kvalitetsprogram"),
        _spec("Ständiga förbättringar, innovation och digitalisering", "systematiskt-kvalitetsarbete",
              key="standiga-forbattringar"),
        _spec("Hantering av synpunkter, klagomål och avvikelser", "systematiskt-kvalitetsarbete",
              key="synpunkter-och-klagomal"),
        _spec("Avvikelsehantering inklusive rapportering enligt lex Sarah och lex Maria",
              "systematiskt-kvalitetsarbete", key="lex-sarah-och-lex-maria", always=True, instructions=_NA),
    ]


def _tertial() -> list[PartSpec]:
    return [
        _spec("Sammanfattande analys", required=True, instructions="En sammanfattning av nämndens "
              "arbete och bedömning under perioden, med helårsprognos."),
        _spec("Nämndens prioriterade arbete", "sammanfattande-analys", key="prioriterat-arbete"),
        _spec("Bedömning av måluppfyllelse", "sammanfattande-analys", key="bedomning", required=True,
              per_goal=True, instructions=_IM),
        *_directives("Arbete utifrån direktiven för samtliga nämnder",
                     "Hänvisa till de mål där arbetet utifrån varje direktiv beskrivs.", "sammanfattande-analys"),
    ]


def _annual() -> list[PartSpec]:
    per_goal = ("Skriv per inriktningsmål under rubrikerna \"Positivt arbete under året\" och "
                "\"Utmaningar under året\".")
    return [
        _spec("Sammanfattande analys", required=True, instructions="En sammanfattning av årets arbete "
              "och resultat."),
        _spec("Bedömning av måluppfyllelse", "sammanfattande-analys", key="bedomning", required=True,
              per_goal=True, instructions=per_goal),
        _spec("Fokusområden", "sammanfattande-analys"),
        *[_spec(heading, "sammanfattande-analys") for heading in (
            "Styrning och uppföljning", "Samverkan för effektiv verksamhet", "Samverkan för ett bättre företagsklimat",
            "Ständiga förbättringar, innovation och digitalisering", "Samverkan för ökad självförsörjning",
            "Samverkan för en trygg och säker stad", "Samverkan för hållbar stadsutveckling",
            "Samverkan för att nå de globala målen i Agenda 2030", "Klimat och miljöarbete",
            "Staden som arbetsgivare", "Lokalförsörjning", "Inköp")],
        _spec("Internationalisering och internationella relationer", "sammanfattande-analys",
              key="internationalisering"),
        _spec("Särskilda redovisningar", place=AFTER_GOALS, required=True),
        _spec("Agenda 2030", "sarskilda-redovisningar", instructions="En text per globalt mål som nämnden "
              "bidrar till."),
        _spec("Jämställdhet", "sarskilda-redovisningar", required=True),
        _spec("Barns rättigheter", "sarskilda-redovisningar", required=True),
        _spec("Nationella minoriteters rättigheter", "sarskilda-redovisningar", key="nationella-minoriteter",
              required=True),
        _spec(INTERNAL_CONTROL_HEADING, place=AFTER_GOALS, key=INTERNAL_CONTROL_PART, required=True,
              instructions="Ange om den interna kontrollen är tillräcklig, delvis tillräcklig eller inte "
              "tillräcklig, och analysera varför."),
        _spec("Systematiskt kvalitetsarbete", place=AFTER_GOALS, required=True),
        _spec("Utveckling av det systematiska kvalitetsarbetet och resultat av det", "systematiskt-kvalitetsarbete",
              key="kvalitet-utveckling"),
        _spec("Utveckling av kultur och ledarskap för att främja kvalitetsutveckling, innovation och "
              "digitalisering", "systematiskt-kvalitetsarbete", key="kvalitet-kultur"),
        _spec("Kunskap om invånarnas/brukarnas behov och deras delaktighet i utveckling",
              "systematiskt-kvalitetsarbete", key="kvalitet-delaktighet"),
        _spec("Hantering av inkomna synpunkter och klagomål, slutsatser och vidtagna åtgärder",
              "systematiskt-kvalitetsarbete", key="kvalitet-synpunkter"),
        _spec("Lex Sarah och lex Maria, vidtagna och planerade åtgärder på systemnivå",
              "systematiskt-kvalitetsarbete", key="kvalitet-lex-sarah", always=True, instructions=_NA),
        _spec("Verksamhetsuppföljning - kommunal och privat regi", "systematiskt-kvalitetsarbete",
              key="kvalitet-verksamhetsuppfoljning"),
        _spec("Övrigt", place=AFTER_GOALS, always=True, instructions=_NA),
    ]


def default_template(period: Period) -> list[PartSpec]:
    if period is Period.VP:
        return _plan()
    if period is Period.VB:
        return _annual()
    return _tertial()
