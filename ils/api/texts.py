"""The API of a report's texts: the parts by the template (read, write with version check, workflow,
writers), what is left, the lock with the committee's decision, and the template (administrators).

Everything goes through ils.persistence (texts, editing, remaining) like the web pages: a report
the caller may not read answers 404, a change they may not make 403, a stale version 409 with the
stored text, bad input 422 with a Swedish message naming the field.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from ils.domain import markup
from ils.domain import text_template as tt
from ils.domain.model import Period
from ils.domain.workflow import Action
from ils.persistence import editing, models, remaining, texts
from ils.persistence.access import can_read, readable_reports

from . import schemas

router = Router(tags=["texter"])

Id = Annotated[int, Field(ge=1, le=2**62)]
Year = Annotated[int, Field(ge=2000, le=2100)]
NoNul = r"^[^\x00]*$"


def responses(ok, *more: int) -> dict:
    return {200: ok, 400: schemas.ErrorOut, 401: schemas.ErrorOut, 422: schemas.ErrorOut,
            **{code: schemas.ErrorOut for code in more}}


class TextPartOut(Schema):
    id: int
    report_id: int
    key: str
    heading: str
    level: int
    parent: str
    instructions: str
    required: bool
    always: bool
    place: str
    goal: str
    extra: bool
    text: str
    status: str
    version: int
    writers: list[str]


class TextIn(Schema):
    text: str = Field(..., max_length=markup.MAX_LENGTH)
    version: int = Field(..., ge=0, le=2**31)


class PartIn(Schema):
    heading: str = Field(..., max_length=tt.MAX_HEADING, pattern=NoNul)
    place: Literal["fore", "efter"] = Field("fore", description="före eller efter målen")


class StatusIn(Schema):
    action: Literal["skicka", "godkann", "returnera"]
    comment: str = Field("", max_length=2000, pattern=NoNul)


class StatusOut(Schema):
    status: str


class WritersIn(Schema):
    writers: list[Annotated[str, Field(max_length=150, pattern=NoNul)]] = Field(..., max_length=texts.MAX_WRITERS)


class GapOut(Schema):
    kind: str
    item: str
    where: str
    message: str
    blocking: bool


class LockIn(Schema):
    decision_date: date
    decision_paragraph: str = Field("", max_length=40, pattern=NoNul)


class PartSpecIO(Schema):
    key: str = Field(..., max_length=60)
    heading: str = Field(..., max_length=tt.MAX_HEADING)
    parent: str = Field("", max_length=60)
    instructions: str = Field("", max_length=tt.MAX_INSTRUCTIONS)
    required: bool = False
    always: bool = False
    per_goal: bool = False
    place: Literal["fore", "efter"] = "fore"
    aliases: list[Annotated[str, Field(max_length=tt.MAX_HEADING)]] = Field([], max_length=20)


class TemplateOut(Schema):
    year: int
    period: str
    version: int
    parts: list[PartSpecIO]


class TemplateIn(Schema):
    version: int = Field(..., ge=0, le=2**31)
    parts: list[PartSpecIO] = Field(..., max_length=tt.MAX_PARTS)


def _error(status: int, detail: str, problems: list[str] = (), column: str = ""):
    return Status(status, {"detail": detail, "errors": [
        {"row": 0, "problem": p, "code": "invalid", "column": column} for p in problems]})


def _part_out(part: models.TextPart) -> dict:
    return {"id": part.pk, "report_id": part.report_id, "key": part.key, "heading": part.heading,
            "level": part.level, "parent": part.parent, "instructions": part.instructions,
            "required": part.required, "always": part.always, "place": part.place, "goal": part.goal,
            "extra": part.extra, "text": part.text, "status": part.status, "version": part.version,
            "writers": sorted(u.username for u in part.writers.all())}


def _report(request, pk: int) -> models.Report:
    return get_object_or_404(readable_reports(request.auth), pk=pk)


@router.get("/report/{report_id}", response=responses(list[TextPartOut], 404),
            summary="Rapportens textdelar enligt mallen")
def list_parts(request, report_id: Id):
    return [_part_out(p) for p in _report(request, report_id).text_parts.prefetch_related("writers")]


@router.get("/report/{report_id}/remaining", response=responses(list[GapOut], 404),
            summary="Kvar att göra i dokumentet (mine=true: bara i delar du skriver)")
def remaining_list(request, report_id: Id, mine: bool = False):
    report = _report(request, report_id)
    return [g.__dict__ for g in remaining.gaps(report, request.auth if mine else None)]


@router.post("/report/{report_id}/parts", response=responses(TextPartOut, 403, 404),
             summary="Lägg till en textdel under nämndens egen rubrik, utanför mallen (controller)")
def add_part(request, report_id: Id, payload: PartIn):
    report = _report(request, report_id)
    try:
        part = texts.add_part(request.auth, report, payload.heading, payload.place)
    except PermissionDenied as error:
        return _error(403, str(error))
    except texts.TextError as error:
        return _error(422, str(error), column="heading")
    return _part_out(part)


@router.post("/report/{report_id}/lock", response=responses(StatusOut, 403, 404),
             summary="Lås dokumentet efter nämndens beslut (beslutsdatum och paragraf)")
def lock(request, report_id: Id, payload: LockIn):
    report = _report(request, report_id)
    if Action.LOCK not in editing.allowed_actions(request.auth, report):
        return _error(403, "Du får inte låsa dokumentet nu (det måste vara godkänt).")
    try:
        after = editing.change_status(request.auth, report, Action.LOCK, "", payload.decision_date,
                                      payload.decision_paragraph)
    except editing.GapsRemain as error:
        return _error(422, "Dokumentet kan inte låsas förrän alla delar är godkända.",
                      [f"{g.where}: {g.message}" for g in error.gaps])
    except ValueError as error:
        return _error(422, str(error))
    return {"status": after.value}


@router.get("/{part_id}", response=responses(TextPartOut, 404), summary="En textdel")
def get_part(request, part_id: Id):
    return _part_out(_get(request, part_id))


def _get(request, part_id: int) -> models.TextPart:
    part = get_object_or_404(models.TextPart.objects.select_related("report__committee"), pk=part_id)
    if not can_read(request.auth, part.report):
        raise Http404("Finns inte")
    return part


@router.put("/{part_id}", response=responses(TextPartOut, 403, 404, 409),
            summary="Skriv en textdels text (Markdown-delmängd: ## rubrik, **fetstil**, *kursiv*, - punkt)")
def write_part(request, part_id: Id, payload: TextIn):
    part = _get(request, part_id)
    if not editing.can_edit(request.auth, part):
        return _error(403, "Du får inte ändra den här texten, eller så är den inte längre ett utkast.")
    try:
        texts.update_text(request.auth, part, payload.version, payload.text)
    except editing.EditConflict as conflict:
        return _error(409, f"Texten har ändrats sedan version {payload.version}; den sparade versionen är "
                           f"{conflict.current.version}.", [conflict.theirs.get("text", "")], "text")
    except texts.TextError as error:
        return _error(422, str(error), column="text")
    except PermissionDenied as error:
        return _error(403, str(error))
    part.refresh_from_db()
    return _part_out(part)


@router.post("/{part_id}/status", response=responses(StatusOut, 403, 404),
             summary="Skicka, godkänn eller returnera en textdel")
def part_status(request, part_id: Id, payload: StatusIn):
    part = _get(request, part_id)
    action = Action(payload.action)
    if action not in editing.allowed_actions(request.auth, part):
        return _error(403, f"Åtgärden '{action.label}' är inte tillåten här.")
    try:
        after = editing.change_status(request.auth, part, action, payload.comment)
    except editing.GapsRemain as error:
        return _error(422, "Det går inte att skicka för granskning.", [f"{g.where}: {g.message}" for g in error.gaps])
    except ValueError as error:
        return _error(422, str(error), column="comment")
    return {"status": after.value}


@router.put("/{part_id}/writers", response=responses(TextPartOut, 403, 404),
            summary="Fördela textdelen till skribenter (tom lista: alla nämndens skribenter)")
def part_writers(request, part_id: Id, payload: WritersIn):
    part = _get(request, part_id)
    users = list(get_user_model().objects.filter(username__in=payload.writers))
    missing = sorted(set(payload.writers) - {u.username for u in users})
    try:
        if missing:
            raise texts.TextError("Skribenter: okända användare: " + ", ".join(missing[:10]))
        texts.assign_writers(request.auth, part, users)
    except PermissionDenied as error:
        return _error(403, str(error))
    except texts.TextError as error:
        return _error(422, str(error), column="writers")
    part.refresh_from_db()
    return _part_out(part)


def _template_out(year: int, period: Period) -> dict:
    stored = models.ReportTemplate.objects.filter(year=year, period=period.value).first()
    specs = texts.template_for(year, period)
    return {"year": year, "period": period.value, "version": stored.version if stored else 0,
            "parts": [s.__dict__ | {"aliases": list(s.aliases)} for s in specs]}


@router.get("/templates/{year}/{period}", response=responses(TemplateOut),
            summary="Rapportmallen för ett år och en dokumenttyp (standardmallen om ingen är sparad)")
def get_template(request, year: Year, period: schemas.PeriodCode):
    return _template_out(year, Period(period))


@router.put("/templates/{year}/{period}", response=responses(TemplateOut, 403, 409),
            summary="Spara rapportmallen (administratörer)")
def put_template(request, year: Year, period: schemas.PeriodCode, payload: TemplateIn):
    if not texts.is_template_admin(request.auth):
        return _error(403, "Bara en administratör ändrar rapportmallen.")
    specs = [tt.PartSpec(**p.model_dump() | {"aliases": tuple(p.aliases)}) for p in payload.parts]
    try:
        texts.save_template(request.auth, year, Period(period), specs, payload.version)
    except texts.TemplateError as error:
        return _error(422, "Mallen kan inte sparas.", error.problems, "parts")
    except editing.EditConflict:
        return _error(409, "Någon annan har sparat mallen sedan du hämtade den; hämta den igen.")
    return _template_out(year, Period(period))
