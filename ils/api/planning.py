"""Planning through the API: an empty draft, the committee's nämndmål, its own indicators with
årsmål, activities, and the workflow of goals and the whole document.

The same services as the web forms (ils.persistence.plan_editing): the same permissions (403),
version checks (409 with the stored values), input checks (422 naming the field) and audit. A
report the person may not read answers 404, as everywhere in the API.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import model_validator

from ils.domain.document_fields import PlanningInputError
from ils.domain.model import Period
from ils.domain.planning import PlanningError
from ils.domain.workflow import Action
from ils.persistence import editing, models, plan_editing, planning
from ils.persistence.access import readable_reports
from ils.persistence.bulk_outcomes import parse_value

from . import schemas

router = Router(tags=["planering"])

Id = Annotated[int, Field(ge=1, le=2**62)]
Version = Annotated[int, Field(ge=1, le=2**62, description="versionen du utgick från (optimistisk låsning)")]
Text = Annotated[str, Field(max_length=20_000)]
Short = Annotated[str, Field(max_length=400)]
TargetKindCode = Literal["number", "increase", "decrease", "max", "min", "tolerance", "set_by_committee",
                         "to_be_set", "text", "empty"]
DirectionCode = Literal["higher", "lower", "range", "unknown"]
ActivityStatusCode = Literal["", "pagar", "genomford", "avvikelse"]


class GoalIn(Schema):
    title: Annotated[str, Field(max_length=1000)]
    description: Text = ""
    expected_results: Annotated[list[Annotated[str, Field(max_length=1000)]], Field(max_length=100)] = []
    number: Annotated[str, Field(max_length=16, description="t.ex. 1.2.3; utan nummer hamnar målet sist")] = ""
    position: Annotated[int, Field(ge=1, le=1000)] | None = None


class SectionIn(Schema):
    heading: Annotated[str, Field(max_length=plan_editing.MAX_HEADING)]
    text: Text = ""


class GoalPatch(Schema):
    version: Version
    sections: Annotated[list[SectionIn], Field(max_length=plan_editing.MAX_SECTIONS,
                                               description="målets egna avsnitt med rubrik och text")] | None = None
    title: Annotated[str, Field(max_length=1000)] | None = None
    description: Text | None = None
    expected_results: Annotated[list[Annotated[str, Field(max_length=1000)]], Field(max_length=100)] | None = None
    analysis: Text | None = None
    assessment: Literal["", "helt", "delvis", "inte"] | None = None
    assessment_reason: Text | None = None


class MoveIn(Schema):
    version: Version
    position: Annotated[int, Field(ge=1, le=1000, description="1 = först bland KF-målets nämndmål")]


class TargetIn(Schema):
    """An årsmål: a kind and a value, or the text; not both."""

    target_kind: TargetKindCode | None = Field(None, description="sorts årsmål")
    target_value: Annotated[str, Field(max_length=200, description="tal med enhet, text eller år")] = ""
    target_text: Annotated[str, Field(max_length=200, description=(
        "i stället för sort och värde: årsmålet som rapporterna skriver det, t.ex. ”Max 10 st”"))] | None = None

    @model_validator(mode="after")
    def _one_way(self):
        if self.target_text is not None and self.target_kind is not None:
            raise ValueError("ange årsmålet antingen som text eller som sort och värde, inte båda")
        return self


class IndicatorIn(TargetIn):
    name: Short
    unit: Annotated[str, Field(max_length=60)] = ""
    direction: DirectionCode = "unknown"
    frequency: Annotated[str, Field(max_length=60)] = ""


class IndicatorPatch(TargetIn):
    version: Version
    name: Short | None = None
    unit: Annotated[str, Field(max_length=60)] | None = None
    direction: DirectionCode | None = None
    frequency: Annotated[str, Field(max_length=60)] | None = None
    outcome: Annotated[str, Field(max_length=100)] | None = None
    outcome_men: Annotated[str, Field(max_length=100)] | None = None
    outcome_women: Annotated[str, Field(max_length=100)] | None = None
    forecast: Annotated[str, Field(max_length=100)] | None = None
    previous: Annotated[str, Field(max_length=100, description="utfall föregående år")] | None = None
    period: Annotated[str, Field(max_length=60, description="periodkolumnen, t.ex. ”Tertial 1 2024” eller ”2024”")] | None = None
    as_printed: bool = Field(False, description="värdena sparas som de skrivs: ett tal utan enhet får inte "
                                                "indikatorns enhet")
    analysis: Text | None = None


class ActivityIn(Schema):
    text: Text
    start: date | None = None
    end: date | None = None
    status: ActivityStatusCode = ""
    deviation: Text = ""


class ActivityPatch(Schema):
    version: Version
    text: Text | None = None
    start: date | None = None
    end: date | None = None
    goal_id: Id | None = None
    status: ActivityStatusCode | None = None
    deviation: Text | None = None
    analysis: Text | None = None


class ReportIn(Schema):
    committee: Annotated[str, Field(max_length=planning.MAX_COMMITTEE_NAME, description="nämndens namn")]
    year: Annotated[int, Field(ge=2000, le=2100)]
    period: schemas.PeriodCode


class StatusIn(Schema):
    action: Literal["skicka", "godkann", "returnera"]
    comment: Annotated[str, Field(max_length=2000, pattern=r"^[^\x00]*$")] = ""


class StatusOut(Schema):
    status: str


class RemovedOut(Schema):
    detail: str


def _responses(ok) -> dict:
    return {200: ok, **{code: schemas.ErrorOut for code in (400, 401, 403, 404, 409, 422)}}


def _item(request, model, pk: int):
    """A row of a report this person may read; 404 otherwise (not even its existence is told)."""
    item = get_object_or_404(model.objects.select_related("report__committee"), pk=pk)
    if not readable_reports(request.auth).filter(pk=item.report_id).exists():
        raise Http404("Finns inte")
    return item


def _call(write, out):
    """Run a service; its refusals become the API's answers."""
    try:
        result = write()
    except PermissionDenied as error:
        return Status(403, {"detail": str(error) or plan_editing.REFUSED})
    except editing.EditConflict as error:
        return Status(409, {"detail": str(error), "errors": [
            {"row": 0, "problem": f"sparad version {error.current.version}: {text}", "code": "conflict", "column": field}
            for field, text in error.theirs.items()]})
    except PlanningInputError as error:
        return Status(422, {"detail": error.message, "errors": [
            {"row": 0, "problem": error.message, "code": "invalid", "column": error.field}]})
    except PlanningError as error:
        return Status(409, {"detail": str(error), "errors": []})
    except editing.GapsRemain as error:
        return Status(422, {"detail": str(error), "errors": [
            {"row": 0, "problem": f"{g.where}: {g.message}", "code": "gap", "column": ""} for g in error.gaps]})
    except ValueError as error:  # the workflow's own refusals (a return without a comment)
        return Status(422, {"detail": str(error), "errors": []})
    return Status(200, out(result))


def goal_out(goal: models.Goal) -> dict:
    goal.refresh_from_db()
    return {"id": goal.pk, "report_id": goal.report_id, "number": goal.number,
            "parent_number": goal.number.rpartition(".")[0] or None, "level": goal.level, "title": goal.title,
            "assessment": goal.assessment or None, "description": goal.description, "analysis": goal.analysis,
            "status": goal.status, "version": goal.version}


def _indicator_out(row: models.IndicatorValue) -> dict:
    from .api import indicator_out

    return indicator_out(models.IndicatorValue.objects.select_related("goal", "definition").get(pk=row.pk))


def _activity_out(row: models.Activity) -> dict:
    a = models.Activity.objects.select_related("goal").get(pk=row.pk)
    return {"id": a.pk, "report_id": a.report_id, "goal_number": a.goal.number, "text": a.text, "start": a.start,
            "end": a.end, "kf_assignment": a.kf_assignment, "status": a.status, "deviation": a.deviation,
            "analysis": a.analysis, "version": a.version}


@router.post("/goals/{kf_goal_id}/goals", response=_responses(schemas.GoalOut),
             summary="Lägg till ett nämndmål under ett KF-mål (numreras efter ordningen)")
def add_goal(request, kf_goal_id: Id, payload: GoalIn):
    parent = _item(request, models.Goal, kf_goal_id)
    return _call(lambda: plan_editing.add_goal(request.auth, parent, payload.title, payload.description,
                                               payload.expected_results, payload.number, payload.position), goal_out)


@router.patch("/goals/{goal_id}", response=_responses(schemas.GoalOut),
              summary="Ändra ett mål: rubrik (nämndmål), beskrivning, förväntat resultat, analys, bedömning")
def update_goal(request, goal_id: Id, payload: GoalPatch):
    goal = _item(request, models.Goal, goal_id)
    changes = payload.model_dump(exclude_none=True, exclude={"version"})
    if payload.sections is not None:
        changes["sections"] = [section.model_dump() for section in payload.sections]
    return _call(lambda: plan_editing.update_goal(request.auth, goal, payload.version, changes), lambda _: goal_out(goal))


@router.post("/goals/{goal_id}/move", response=_responses(list[schemas.GoalOut]),
             summary="Flytta ett nämndmål; KF-målets nämndmål numreras om")
def move_goal(request, goal_id: Id, payload: MoveIn):
    goal = _item(request, models.Goal, goal_id)
    return _call(lambda: plan_editing.move_goal(request.auth, goal, payload.version, payload.position),
                 lambda _: [goal_out(g) for g in plan_editing.sibling_goals(goal.parent)])


@router.delete("/goals/{goal_id}", response=_responses(RemovedOut),
               summary="Ta bort ett nämndmål; dess indikatorer och aktiviteter flyttas (move_to) eller tas bort")
def remove_goal(request, goal_id: Id, version: Version, move_to: Id | None = None, remove_contents: bool = False):
    goal = _item(request, models.Goal, goal_id)
    target = _item(request, models.Goal, move_to) if move_to else None
    number = goal.number
    return _call(lambda: plan_editing.remove_goal(request.auth, goal, version, target, remove_contents),
                 lambda _: {"detail": f"Nämndmål {number} är borttaget."})


def _target(goal_or_row, payload: TargetIn):
    if payload.target_text is not None:
        return plan_editing.target_from_text(payload.target_text)
    if payload.target_kind is None:
        return None
    return plan_editing.target_of(payload.target_kind, payload.target_value, goal_or_row.report.year)


@router.post("/goals/{goal_id}/indicators", response=_responses(schemas.IndicatorValueOut),
             summary="Lägg till nämndens egen indikator med enhet, riktning, periodicitet och årsmål")
def add_indicator(request, goal_id: Id, payload: IndicatorIn):
    goal = _item(request, models.Goal, goal_id)

    return _call(lambda: plan_editing.add_indicator(
        request.auth, goal, payload.name, payload.unit, payload.direction, payload.frequency,
        payload.target_kind or "empty", payload.target_value, payload.target_text), _indicator_out)


@router.patch("/indicators/{indicator_id}", response=_responses(schemas.IndicatorValueOut),
              summary="Ändra en indikatorrad: utfall, prognos, analys, årsmål (i en uppföljning ett förslag till "
                      "beslut), namn, enhet, riktning, periodicitet")
def update_indicator(request, indicator_id: Id, payload: IndicatorPatch):
    row = _item(request, models.IndicatorValue, indicator_id)

    def write():
        unit = "" if payload.as_printed else row.definition.unit
        values = {}
        for name in ("outcome", "outcome_men", "outcome_women", "forecast", "previous"):
            raw = getattr(payload, name)
            if raw is not None:
                try:
                    values[name], values[f"{name}_text"] = parse_value(raw, unit)
                except ValueError as error:
                    raise PlanningInputError(name, str(error)) from None
        if payload.analysis is not None:
            values["analysis"] = payload.analysis.strip()
        if payload.period is not None:
            values["period"] = payload.period
        return plan_editing.update_indicator(
            request.auth, row, payload.version, values, name=payload.name, unit=payload.unit,
            direction=payload.direction, frequency=payload.frequency, target=_target(row, payload))

    return _call(write, lambda _: _indicator_out(row))


@router.delete("/indicators/{indicator_id}", response=_responses(RemovedOut), summary="Ta bort nämndens egen indikator")
def remove_indicator(request, indicator_id: Id, version: Version):
    row = _item(request, models.IndicatorValue, indicator_id)
    return _call(lambda: plan_editing.remove_indicator(request.auth, row, version),
                 lambda _: {"detail": "Indikatorn är borttagen."})


@router.post("/goals/{goal_id}/activities", response=_responses(schemas.ActivityOut),
             summary="Lägg till en aktivitet (som pågår under året)")
def add_activity(request, goal_id: Id, payload: ActivityIn):
    goal = _item(request, models.Goal, goal_id)
    return _call(lambda: plan_editing.add_activity(request.auth, goal, payload.text, payload.start, payload.end,
                                                   payload.status, payload.deviation), _activity_out)


@router.patch("/activities/{activity_id}", response=_responses(schemas.ActivityOut),
              summary="Ändra en aktivitet: text, datum, mål, status, avvikelse, analys")
def update_activity(request, activity_id: Id, payload: ActivityPatch):
    activity = _item(request, models.Activity, activity_id)
    changes = {name: value for name, value in payload.model_dump(exclude_unset=True, exclude={"version", "goal_id"}).items()
               if value is not None or name in ("start", "end")}  # a date may be cleared, a text not
    if payload.goal_id is not None:
        changes["goal"] = _item(request, models.Goal, payload.goal_id)
    return _call(lambda: plan_editing.update_activity(request.auth, activity, payload.version, changes),
                 lambda _: _activity_out(activity))


@router.delete("/activities/{activity_id}", response=_responses(RemovedOut), summary="Ta bort en aktivitet")
def remove_activity(request, activity_id: Id, version: Version):
    activity = _item(request, models.Activity, activity_id)
    return _call(lambda: plan_editing.remove_activity(request.auth, activity, version),
                 lambda _: {"detail": "Aktiviteten är borttagen."})


def _report_out(report: models.Report) -> dict:
    from .api import report_out

    return report_out(models.Report.objects.select_related("committee").get(pk=report.pk))


@router.post("/reports", response=_responses(schemas.ReportOut),
             summary="Skapa ett tomt utkast för en nämnd, ett år och en period (KF:s definitioner och mallens "
                     "textdelar ingår; en ny nämnd läggs till av stadens administratörer)")
def create_report(request, payload: ReportIn):
    return _call(lambda: planning.create_empty_document(request.auth, payload.committee, payload.year,
                                                        Period(payload.period)), _report_out)


def _status(request, item, payload: StatusIn):
    return _call(lambda: editing.change_status(request.auth, item, Action(payload.action), payload.comment),
                 lambda after: {"status": after.value})


@router.post("/goals/{goal_id}/status", response=_responses(StatusOut),
             summary="Skicka, godkänn eller returnera ett mål (avsnitt)")
def goal_status(request, goal_id: Id, payload: StatusIn):
    return _status(request, _item(request, models.Goal, goal_id), payload)


@router.post("/reports/{report_id}/status", response=_responses(StatusOut),
             summary="Skicka, godkänn eller returnera hela dokumentet (godkännandet blir dess attestering)")
def report_status(request, report_id: Id, payload: StatusIn):
    return _status(request, get_object_or_404(readable_reports(request.auth), pk=report_id), payload)
