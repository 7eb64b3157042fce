"""The HTTP API at /api/: JSON, an OpenAPI schema at /api/openapi.json (docs at /api/docs).

Same permissions as the web pages, decided by persistence.access: a report the person may not
read answers 404 (its existence is not revealed), a change they may not make 403. Outcomes are
written through persistence.editing (version check, audit) via ils.persistence.bulk_outcomes.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, NinjaAPI, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.errors import AuthenticationError, ValidationError
from ninja.parser import Parser
from ninja.responses import Status

from ils.city.data import city_data
from ils.domain.identifiers import indicator_code, report_code
from ils.persistence import bulk_outcomes as outcomes
from ils.persistence import models
from ils.persistence.access import may_edit_somewhere, readable_reports

from . import city_definitions, docparts, internal_control, schemas
from .auth import AUTH
from .texts import router as texts_router

class _StrictParser(Parser):
    """A parameter that takes one value, sent several times, is an error (not silently its last value)."""

    def parse_querydict(self, data, list_fields, request):
        repeated = [key for key in data.keys() if key not in list_fields and len(data.getlist(key)) > 1]
        if repeated:
            raise ValidationError([{"loc": ("query", key), "msg": "får bara anges en gång"} for key in repeated])
        return super().parse_querydict(data, list_fields, request)


class _Api(NinjaAPI):
    """Every operation that takes a body also answers 413: the server refuses bodies past its limit
    (web.middleware.RefuseLargeBodies) before any view reads them, so the schema says so."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                if isinstance(operation, dict) and "requestBody" in operation:
                    operation.setdefault("responses", {}).setdefault(
                        "413", {"description": "Förfrågan är för stor."})
        return schema


api = _Api(title="ILS API", version="1", urls_namespace="api", auth=AUTH, parser=_StrictParser(),
               description="Integrerat ledningssystem: mål, indikatorer, utfall, aktiviteter, bedömningar "
                           "och ekonomi. Autentisera med `Authorization: Bearer <API-nyckel>` "
                           "(`ils api_token ANVÄNDARE`) eller med webbens inloggning.")


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    """Invalid parameters or JSON, in the same shape as every other error, in Swedish."""
    errors = [{"row": 0, "problem": f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}",
               "code": "invalid", "column": str(e.get("loc", ("",))[-1])} for e in exc.errors]
    return api.create_response(request, {"detail": "Ogiltiga uppgifter.", "errors": errors}, status=422)


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return api.create_response(request, {"detail": "Logga in eller ange en giltig API-nyckel.", "errors": []},
                               status=401)


def responses(ok, *more: int) -> dict:
    """Every operation may answer 400 (unreadable body), 401 (no valid token or session) and 422 (invalid input)."""
    return {200: ok, 400: schemas.ErrorOut, 401: schemas.ErrorOut, 422: schemas.ErrorOut, **{code: schemas.ErrorOut for code in more}}


Id = Annotated[int, Field(ge=1, le=2**62)]  # database keys: larger numbers cannot name anything
Year = Annotated[int, Field(ge=1900, le=2200)]


def _f(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _user(request: HttpRequest):
    return request.auth


def report_out(r: models.Report) -> dict:
    return {"id": r.pk, "code": report_code(r.committee.slug, r.year, r.period), "committee": r.committee.name,
            "committee_slug": r.committee.slug, "year": r.year, "period": r.period, "type": r.type,
            "title": r.title, "status": r.status, "date": r.date}


class ReportFilter(Schema):
    year: Year | None = None
    period: schemas.PeriodCode | None = None
    committee: schemas.Slug | None = None
    status: schemas.StatusCode | None = None


reports = Router(tags=["rapporter"])


@reports.get("/", response=responses(list[schemas.ReportOut]), summary="Rapporter du får läsa")
def list_reports(request, filters: Query[ReportFilter]):
    qs = readable_reports(_user(request)).order_by("committee__name", "year", "period")
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.period:
        qs = qs.filter(period=filters.period)
    if filters.committee:
        qs = qs.filter(committee__slug=filters.committee)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return [report_out(r) for r in qs]


def _readable(request, pk: int) -> models.Report:
    return get_object_or_404(readable_reports(_user(request)), pk=pk)


@reports.get("/{report_id}", response=responses(schemas.ReportOut, 404))
def get_report(request, report_id: Id):
    return report_out(_readable(request, report_id))


@reports.get("/{report_id}/goals", response=responses(list[schemas.GoalOut], 404),
             summary="Målen med bedömningar")
def report_goals(request, report_id: Id):
    report = _readable(request, report_id)
    return [{"id": g.pk, "report_id": report.pk, "number": g.number,
             "parent_number": g.number.rpartition(".")[0] or None, "level": g.level, "title": g.title,
             "assessment": g.assessment or None, "description": g.description, "analysis": g.analysis,
             "status": g.status, "version": g.version} for g in report.goals.all()]


def indicator_out(v: models.IndicatorValue) -> dict:
    return {"id": v.pk, "report_id": v.report_id, "goal_number": v.goal.number,
            "indicator_code": indicator_code(v.definition.key), "definition_id": v.definition_id, "name": v.name,
            "kf": v.kf, "unit": v.definition.unit,
            **{name: _f(getattr(v, name)) for name in ("outcome", "outcome_women", "outcome_men", "previous", "forecast")},
            **{f"{name}_text": getattr(v, f"{name}_text")
               for name in ("outcome", "outcome_women", "outcome_men", "previous", "forecast")},
            "target": _f(v.target_value), "target_text": v.target_text, "kf_target": _f(v.kf_target_value),
            "kf_target_text": v.kf_target_text, "period": v.period, "frequency": v.frequency,
            "analysis": v.analysis, "version": v.version}


@reports.get("/{report_id}/indicators", response=responses(list[schemas.IndicatorValueOut], 404),
             summary="Indikatorer med utfall, kvinnor/män, prognos och mål")
def report_indicators(request, report_id: Id):
    report = _readable(request, report_id)
    return [indicator_out(v) for v in report.indicators.select_related("goal", "definition")]


@reports.get("/{report_id}/activities", response=responses(list[schemas.ActivityOut], 404))
def report_activities(request, report_id: Id):
    report = _readable(request, report_id)
    return [{"id": a.pk, "report_id": report.pk, "goal_number": a.goal.number, "text": a.text, "start": a.start,
             "end": a.end, "kf_assignment": a.kf_assignment, "status": a.status, "deviation": a.deviation,
             "analysis": a.analysis, "version": a.version} for a in report.activities.select_related("goal")]


@reports.get("/{report_id}/economy", response=responses(list[schemas.EconomyTableOut], 404))
def report_economy(request, report_id: Id):
    report = _readable(request, report_id)
    return [{"title": t.title, "section": t.section, "unit": t.unit, "columns": list(t.columns),
             "rows": [{"label": r.label, "kind": r.kind, "values": [None if x is None else float(x) for x in r.values]}
                      for r in t.rows.all()]}
            for t in report.economy_tables.prefetch_related("rows")]


indicators = Router(tags=["indikatorer"])


@indicators.get("/", response=responses(list[schemas.IndicatorDefinitionOut]), summary="Indikatorer (identitet över åren)")
def list_indicators(request, kf: bool | None = None):
    readable = readable_reports(_user(request)).values("pk")
    qs = models.IndicatorDefinition.objects.filter(values__report__in=readable).distinct().order_by("name")
    if kf is not None:
        qs = qs.filter(kf=kf)
    return [{"id": d.pk, "code": indicator_code(d.key), "name": d.name, "unit": d.unit, "direction": d.direction,
             "kf": d.kf} for d in qs]


@indicators.get("/{definition_id}/outcomes",
                response=responses(list[schemas.OutcomeHistoryOut], 404),
                summary="En indikators utfall i alla rapporter du får läsa, över åren")
def indicator_outcomes(request, definition_id: Id, committee: schemas.Slug | None = None):
    definition = get_object_or_404(models.IndicatorDefinition, pk=definition_id)
    qs = (models.IndicatorValue.objects.filter(definition=definition,
                                               report__in=readable_reports(_user(request)).values("pk"))
          .select_related("report__committee", "goal").order_by("report__year", "report__period",
                                                                 "report__committee__name"))
    if committee:
        qs = qs.filter(report__committee__slug=committee)
    rows = [{"report_id": v.report_id, "report_code": report_code(v.report.committee.slug, v.report.year, v.report.period),
             "committee": v.report.committee.name, "year": v.report.year, "period": v.report.period,
             "goal_number": v.goal.number, "outcome": _f(v.outcome), "outcome_text": v.outcome_text,
             "outcome_women": _f(v.outcome_women), "outcome_men": _f(v.outcome_men), "forecast": _f(v.forecast),
             "target_text": v.target_text, "kf_target_text": v.kf_target_text} for v in qs]
    if not rows:
        # An indicator only in reports this person may not read: as if it did not exist.
        return Status(404, {"detail": "Indikatorn finns inte."})
    return rows


city = Router(tags=["staden"])


@city.get("/{year}/{period}", response=responses(schemas.ConsolidationOut, 404),
          summary="Sammanställning: KF-mål, KF-indikatorer och ekonomi för alla nämnder du får läsa")
def consolidation(request, year: Year, period: schemas.PeriodCode, committee: list[schemas.Slug] = Query(None)):
    data = city_data(_user(request), year, period, committee or None)
    c = data.consolidation
    if c is None:
        return Status(404, {"detail": f"Inga rapporter för {period} {year}."})

    def area(a):
        return {"area": a.area, "budget": float(a.budget), "forecast": float(a.forecast),
                "deviation": float(a.deviation), "committees": sorted(a.committees)}

    return {
        "year": c.year, "period": c.period, "committees": c.committees,
        "goals": [{"number": g.number, "title": g.title,
                   "counts": {"helt": g.counts["helt"], "delvis": g.counts["delvis"], "inte": g.counts["inte"],
                              "ej_bedomd": g.counts["ej bedömd"]},
                   "assessments": {k: (v.value if v else None) for k, v in g.assessments.items()}} for g in c.goals],
        "indicators": [{"code": indicator_code(i.key), "name": i.name, "unit": i.unit, "results": [
            {"committee": name, "outcome": _f(r.outcome.value if r.outcome else None),
             "outcome_text": r.outcome.text if r.outcome else "",
             "outcome_women": _f(r.outcome_women.value if r.outcome_women else None),
             "outcome_men": _f(r.outcome_men.value if r.outcome_men else None),
             "target_text": r.target.text, "kf_target_text": r.kf_target.text}
            for name, r in i.results.items()]} for i in c.indicators],
        "areas": [area(a) for a in c.areas], "total": area(c.totals),
    }


writes = Router(tags=["utfall"])
WRITE_RESPONSES = responses(schemas.OutcomesResult, 403, 404, 409)


def _plan_out(plan: outcomes.Plan, written: int = 0) -> dict:
    return {"written": written,
            "rows": [{"row": r.row, "id": r.item.pk, "committee": r.item.report.committee.name,
                      "year": r.item.report.year, "period": r.item.report.period, "goal_number": r.item.goal.number,
                      "name": r.item.name, "before": r.before, "after": r.after} for r in plan.rows],
            "errors": [_error_out(e) for e in plan.errors]}


def _error_out(e: outcomes.RowError) -> dict:
    return {"row": e.row, "problem": e.problem, "code": e.code, "column": e.column}


def _rejected(plan: outcomes.Plan):
    return Status(plan.status, {"detail": "Inget sparades: " + str(len(plan.errors)) + " rader har fel.",
                         "errors": [_error_out(e) for e in plan.errors]})


def _write(request, plan: outcomes.Plan, note: str):
    if plan.errors:
        return _rejected(plan)
    try:
        written = outcomes.apply(_user(request), plan, note=note)
    except outcomes.PlanRejected as rejected:
        return _rejected(rejected.plan)
    return Status(200, _plan_out(plan, written))


@writes.post("/", response=WRITE_RESPONSES, summary="Skriv utfall i bulk (allt eller inget)")
def write_outcomes(request, payload: schemas.OutcomesIn):
    rows = [item.model_dump(exclude_none=True) for item in payload.items]
    plan = outcomes.plan(_user(request), rows)
    return _write(request, plan, payload.note or "API")


def _file_plan(request, file: UploadedFile):
    content = file.read(outcomes.MAX_FILE_BYTES + 1)
    return outcomes.plan_file(_user(request), file.name or "", content)


def _may_import(request, file: UploadedFile):
    """Asked before the file is read: only people who may change outcomes somewhere import them."""
    if not may_edit_somewhere(_user(request)):
        return Status(403, {"detail": "Du har ingen roll som får ändra utfall.", "errors": []})
    if "\x00" in (file.name or "") or len(file.name or "") > 255:
        return Status(400, {"detail": "Filnamnet är ogiltigt (nolltecken eller för långt).", "errors": []})
    return None


@writes.post("/import/preview", response=responses(schemas.OutcomesResult, 403),
             summary="Förhandsgranska en CSV- eller XLSX-fil med utfall (sparar inget)")
def import_preview(request, file: File[UploadedFile]):
    if refused := _may_import(request, file):
        return refused
    try:
        plan = _file_plan(request, file)
    except outcomes.FileError as error:
        return Status(422, {"detail": str(error), "errors": []})
    return Status(200, _plan_out(plan))


@writes.post("/import", response=WRITE_RESPONSES, summary="Importera en CSV- eller XLSX-fil med utfall (allt eller inget)")
def import_outcomes(request, file: File[UploadedFile]):
    if refused := _may_import(request, file):
        return refused
    try:
        plan = _file_plan(request, file)
    except outcomes.FileError as error:
        return Status(422, {"detail": str(error), "errors": []})
    return _write(request, plan, f"Import från {file.name}")


api.add_router("/reports", reports)
api.add_router("/indicators", indicators)
api.add_router("/city", city)
api.add_router("/outcomes", writes)
api.add_router("/texts", texts_router)

from .planning import router as planning  # noqa: E402  (it uses indicator_out above)

api.add_router("/planning", planning)

from .economy import router as economy_router  # noqa: E402  (the economy's own module)

api.add_router("/economy", economy_router)
api.add_router("/reports", docparts.router)
api.add_router("/internal-control", internal_control.router)
api.add_router("/city-definitions", city_definitions.router)
