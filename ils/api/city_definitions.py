"""KF's definitions of a budget year through the API (/api/city-definitions/): inriktningsmål and KF
goals, KF indicators with KF's årsmål, KF assignments, and publishing them into the committees' drafts.

City administrators only (403 otherwise), through ils.persistence.city like the administrator's
pages: committees never change KF's parts. Defining the same goal, indicator or assignment again
changes it (a goal's title, an indicator's target) instead of adding a second one.
"""
from __future__ import annotations

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from ils.persistence import city, models

from . import schemas

router = Router(tags=["KF:s definitioner"])

Id = Annotated[int, Field(ge=1, le=2**62)]
Year = Annotated[int, Field(ge=2000, le=2100)]
NoNul = r"^[^\x00]*$"


class CityGoalIn(Schema):
    number: Annotated[str, Field(max_length=16, pattern=NoNul, description="1 för ett inriktningsmål, 1.2 för ett KF-mål")]
    title: Annotated[str, Field(max_length=1000, pattern=NoNul)]


class CityIndicatorIn(Schema):
    name: Annotated[str, Field(max_length=400, pattern=NoNul)]
    kf_target: Annotated[str, Field(max_length=200, pattern=NoNul, description="KF:s årsmål som det skrivs, t.ex. ”Max 10 st”")] = ""
    period: Annotated[str, Field(max_length=60, pattern=NoNul)] = ""
    frequency: Annotated[str, Field(max_length=60, pattern=NoNul)] = ""


class CityAssignmentIn(Schema):
    text: Annotated[str, Field(max_length=20_000, pattern=NoNul)]
    start: date | None = None
    end: date | None = None


class CityIndicatorOut(Schema):
    id: int
    name: str
    kf_target_text: str
    period: str
    frequency: str


class CityAssignmentOut(Schema):
    id: int
    text: str
    start: date | None
    end: date | None


class CityGoalOut(Schema):
    id: int
    year: int
    number: str
    level: str
    title: str
    indicators: list[CityIndicatorOut]
    assignments: list[CityAssignmentOut]


class PublishedOut(Schema):
    changed: dict[str, int] = Field(description="nämnd -> antal tillagda eller ändrade rader i dess utkast")


def _responses(ok) -> dict:
    return {200: ok, **{code: schemas.ErrorOut for code in (400, 401, 403, 404, 422)}}


def _goal_out(goal: models.CityGoal) -> dict:
    return {"id": goal.pk, "year": goal.year, "number": goal.number, "level": goal.level, "title": goal.title,
            "indicators": [{"id": i.pk, "name": i.name, "kf_target_text": i.kf_target_text, "period": i.period,
                            "frequency": i.frequency} for i in goal.indicators.all()],
            "assignments": [{"id": a.pk, "text": a.text, "start": a.start, "end": a.end}
                            for a in goal.assignments.all()]}


def _call(write, out):
    try:
        result = write()
    except PermissionDenied as error:
        return Status(403, {"detail": str(error), "errors": []})
    except ValueError as error:
        return Status(422, {"detail": str(error), "errors": [
            {"row": 0, "problem": str(error), "code": "invalid", "column": ""}]})
    return Status(200, out(result))


def _admin_goal(request, goal_id: int) -> models.CityGoal:
    """KF's goals are public knowledge, but only administrators work with them here."""
    if not city.may_define_city(request.auth):
        raise PermissionDenied("Bara stadens administratörer definierar KF:s mål, indikatorer och uppdrag.")
    return get_object_or_404(models.CityGoal, pk=goal_id)


@router.get("/{year}", response=_responses(list[CityGoalOut]), summary="KF:s mål, indikatorer och uppdrag för ett år")
def list_definitions(request, year: Year):
    return [_goal_out(g) for g in city.city_goals(year)]


@router.post("/{year}/goals", response=_responses(CityGoalOut),
             summary="Definiera ett inriktningsmål eller KF-mål för året (administratörer)")
def add_goal(request, year: Year, payload: CityGoalIn):
    return _call(lambda: city.add_city_goal(request.auth, year, payload.number, payload.title), _goal_out)


@router.post("/goals/{goal_id}/indicators", response=_responses(CityIndicatorOut),
             summary="Definiera en KF-indikator med KF:s årsmål under ett KF-mål (administratörer)")
def add_indicator(request, goal_id: Id, payload: CityIndicatorIn):
    def write():
        return city.add_city_indicator(request.auth, _admin_goal(request, goal_id), payload.name, payload.kf_target,
                                       payload.period, payload.frequency)

    return _call(write, lambda i: {"id": i.pk, "name": i.name, "kf_target_text": i.kf_target_text,
                                   "period": i.period, "frequency": i.frequency})


@router.post("/goals/{goal_id}/assignments", response=_responses(CityAssignmentOut),
             summary="Definiera ett KF-uppdrag under ett KF-mål (administratörer)")
def add_assignment(request, goal_id: Id, payload: CityAssignmentIn):
    def write():
        return city.add_city_assignment(request.auth, _admin_goal(request, goal_id), payload.text, payload.start,
                                        payload.end)

    return _call(write, lambda a: {"id": a.pk, "text": a.text, "start": a.start, "end": a.end})


@router.post("/{year}/publish", response=_responses(PublishedOut),
             summary="För in årets definitioner i alla nämnders utkast (granskade, godkända och låsta ändras inte)")
def publish(request, year: Year):
    return _call(lambda: city.publish_city_definitions(request.auth, year), lambda changed: {"changed": changed})
