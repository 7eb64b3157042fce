"""The internal control in the API, under /api/internal-control/: the same permissions, version checks
and audit as the pages, since both call persistence.internal_control.

Scores are exact: "2,5", "2.5" or the JSON number 2.5 are the same decimal.
Paths: committees/{slug}/{year} (the analysis; risks, controls, judgement, import, documents), risks/{id},
controls/{id} (with follow-ups/{T1|T2|VB}), city/{year} (the city's view, matrix and areas).

An analysis the person may not read answers 404, a change they may not make 403, a stale version 409
(with the stored version), bad input 422 with the field named.
"""
from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from ils.domain.internal_control import MatrixError, RiskMatrix
from ils.persistence import internal_control as service
from ils.persistence import internal_control_documents as documents
from ils.persistence import internal_control_import as importing
from ils.persistence import models
from ils.persistence.bulk_outcomes import FileError
from ils.persistence.editing import EditConflict
from ils.domain import internal_control_city as city
from ils.persistence.internal_control_city import fitting, placed_risks
from ils.renderers import internal_control_export as export
from ils.renderers.internal_control_content import BILAGOR

from .schemas import ErrorOut, Slug

router = Router(tags=["intern kontroll"])
Id = Annotated[int, Field(ge=1, le=2**62)]
Year = Annotated[int, Field(ge=1900, le=2200)]
# A JSON number is read back through its shortest repr ("3.2"), so the decimal as written is kept.
Score = Annotated[str, Field(max_length=20)] | int | float
Text = Annotated[str, Field(max_length=10000)]
FollowUpPeriod = Literal["T1", "T2", "VB"]


def responses(ok, *more: int) -> dict:
    return {200: ok, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut,
            **{code: ErrorOut for code in more}}


class RiskIn(Schema):
    version: int = 0
    area: Annotated[str, Field(max_length=200)] | None = None
    description: Annotated[str, Field(max_length=2000)] | None = None
    category: Annotated[str, Field(max_length=100)] | None = None
    probability: Score | None = None
    consequence: Score | None = None
    treatment: Literal["", "kontroll", "atgard", "acceptans"] | None = None
    motivation: Text | None = None
    action: Text | None = None
    action_owner: Annotated[str, Field(max_length=200)] | None = None


class ControlIn(Schema):
    version: int = 0
    risk: Id | None = None
    what: Annotated[str, Field(max_length=2000)] | None = None
    method: Annotated[str, Field(max_length=30)] | None = None
    frequency: Annotated[str, Field(max_length=30)] | None = None
    responsible: Annotated[str, Field(max_length=200)] | None = None
    when: Annotated[str, Field(max_length=200)] | None = None
    reported_in: list[FollowUpPeriod] | None = None


class FollowUpIn(Schema):
    version: int = 0
    carried_out: bool | None = None
    result: Text | None = None
    deviations: Text | None = None
    action: Text | None = None
    action_owner: Annotated[str, Field(max_length=200)] | None = None


class JudgementIn(Schema):
    version: int
    judgement: Literal["tillracklig", "delvis", "inte"]
    analysis: Text = ""


class MatrixIn(Schema):
    version: int = 0
    definition: dict


class AreaIn(Schema):
    area: Annotated[str, Field(max_length=200)]
    description: Annotated[str, Field(max_length=2000)]
    category: Annotated[str, Field(max_length=100)] = ""


def _errors(detail: str, errors: dict[str, str] | None = None, status: int = 422):
    return Status(status, {"detail": detail, "errors": [
        {"row": 0, "problem": message, "code": "invalid", "column": field} for field, message in (errors or {}).items()]})


def _deleted(request, item, version: int) -> Status:
    """Remove a risk or control (the service checks permission and version) and name what went."""
    item_id = item.pk
    service.delete_item(request.auth, item, version)
    return Status(200, {"deleted": item_id})


def _guarded(write):
    """Run a write; map the service's exceptions to the API's answers."""
    try:
        return write()
    except PermissionDenied as error:
        return _errors(str(error) or "Åtgärden är inte tillåten.", status=403)
    except EditConflict as error:
        current = getattr(error.current, "version", None)
        return _errors(f"Någon annan har sparat ändringar (lagrad version {current}). Hämta och försök igen.",
                       status=409)
    except service.InputError as error:
        return _errors("Ogiltiga uppgifter.", error.errors)
    except (MatrixError, ValueError) as error:
        return _errors(str(error))


def _analysis(request, committee: str, year: int) -> models.RiskAnalysis:
    analysis = get_object_or_404(models.RiskAnalysis.objects.select_related("report", "committee"),
                                 committee__slug=committee, year=year)
    if not service.can_read(request.auth, analysis):
        raise Http404
    return analysis


def _readable_item(request, model, pk: int):
    item = get_object_or_404(model.objects.select_related("analysis__report", "analysis__committee"), pk=pk)
    if not service.can_read(request.auth, item.analysis):
        raise Http404
    return item


def _score(value) -> str | None:
    return None if value is None else service.score_text(value).replace("\u00a0", "").replace(" ", "")


def analysis_out(user, analysis: models.RiskAnalysis) -> dict:
    matrix = service.matrix_of(analysis)
    readable = set(service.access.readable_reports(user).filter(
        committee_id=analysis.committee_id, year=analysis.year).values_list("pk", flat=True))
    return {
        "id": analysis.pk, "committee": analysis.committee.name, "committee_slug": analysis.committee.slug,
        "year": analysis.year, "report_id": analysis.report_id, "report_status": analysis.report.status,
        "matrix": analysis.matrix, "judgement": analysis.judgement or None,
        "judgement_analysis": analysis.judgement_analysis, "version": analysis.version,
        "risks": [{"id": r.pk, "area": r.area, "description": r.description, "category": r.category,
                   "city_designated": r.city_designated, "probability": _score(r.probability),
                   "consequence": _score(r.consequence), "value": _score(r.value),
                   "level": matrix.levels[r.level].name if r.level is not None else None,
                   "treatment": r.treatment, "motivation": r.motivation, "action": r.action,
                   "action_owner": r.action_owner, "previous_level": r.previous_level, "version": r.version}
                  for r in analysis.risks.all()],
        "controls": [{"id": c.pk, "risk": c.risk_id, "what": c.what, "method": c.method, "frequency": c.frequency,
                      "responsible": c.responsible, "when": c.when, "reported_in": c.reported_in,
                      "version": c.version,
                      "follow_ups": [{"period": f.period, "carried_out": f.carried_out, "result": f.result,
                                      "deviations": f.deviations, "action": f.action,
                                      "action_owner": f.action_owner, "version": f.version}
                                     for f in c.follow_ups.all() if f.report_id in readable]}
                     for c in analysis.controls.prefetch_related("follow_ups")],
        "findings": [{"row": f.line, "problem": f.message} for f in service.findings(analysis)],
    }


def _fields(payload: Schema) -> dict:
    return {k: (repr(v) if isinstance(v, float) else v)
            for k, v in payload.model_dump(exclude_unset=True).items() if k != "version"}


@router.get("/committees/{committee}/{year}", response=responses(dict), summary="Årets riskanalys, kontrollplan och uppföljning")
def get_analysis(request, committee: Slug, year: Year):
    return analysis_out(request.auth, _analysis(request, committee, year))


@router.post("/committees/{committee}/{year}", response=responses(dict), summary="Skapa årets riskanalys (med överföring)")
def start_analysis(request, committee: Slug, year: Year):
    owner = get_object_or_404(models.Committee, slug=committee)
    report = service.year_report(owner, year)
    if report is None or not service.access.can_read(request.auth, report):
        raise Http404
    return _guarded(lambda: Status(200, analysis_out(request.auth, service.start_analysis(request.auth, owner, year))))


@router.post("/committees/{committee}/{year}/risks", response=responses(dict), summary="Lägg till en risk")
def add_risk(request, committee: Slug, year: Year, payload: RiskIn):
    analysis = _analysis(request, committee, year)
    return _guarded(lambda: Status(200, {"id": service.add_risk(request.auth, analysis, _fields(payload)).pk}))


@router.patch("/risks/{risk_id}", response=responses(dict), summary="Ändra en risk (version krävs)")
def update_risk(request, risk_id: Id, payload: RiskIn):
    risk = _readable_item(request, models.Risk, risk_id)
    return _guarded(lambda: Status(200, {"changed": service.update_risk(request.auth, risk, payload.version,
                                                                        _fields(payload), note="API")}))


@router.delete("/risks/{risk_id}", response=responses(dict), summary="Ta bort en risk och dess kontrollmoment")
def delete_risk(request, risk_id: Id, version: int):
    risk = _readable_item(request, models.Risk, risk_id)
    return _guarded(lambda: _deleted(request, risk, version))


@router.post("/committees/{committee}/{year}/controls", response=responses(dict), summary="Lägg till ett kontrollmoment")
def add_control(request, committee: Slug, year: Year, payload: ControlIn):
    analysis = _analysis(request, committee, year)
    return _guarded(lambda: Status(200, {"id": service.add_control(request.auth, analysis, _fields(payload)).pk}))


@router.patch("/controls/{control_id}", response=responses(dict), summary="Ändra ett kontrollmoment")
def update_control(request, control_id: Id, payload: ControlIn):
    control = _readable_item(request, models.Control, control_id)
    return _guarded(lambda: Status(200, {"changed": service.update_control(request.auth, control, payload.version,
                                                                           _fields(payload), note="API")}))


@router.delete("/controls/{control_id}", response=responses(dict), summary="Ta bort ett kontrollmoment")
def delete_control(request, control_id: Id, version: int):
    control = _readable_item(request, models.Control, control_id)
    return _guarded(lambda: _deleted(request, control, version))


@router.post("/controls/{control_id}/follow-ups/{period}", response=responses(dict),
            summary="Följ upp ett kontrollmoment i T1, T2 eller VB (version 0 för en ny)")
def save_follow_up(request, control_id: Id, period: FollowUpPeriod, payload: FollowUpIn):
    control = _readable_item(request, models.Control, control_id)

    def write():
        saved = service.save_follow_up(request.auth, control, period, payload.version, _fields(payload), note="API")
        return Status(200, {"id": saved.pk, "version": saved.version})
    return _guarded(write)


@router.post("/committees/{committee}/{year}/judgement", response=responses(dict),
            summary="Verksamhetsberättelsens bedömning av den interna kontrollen")
def save_judgement(request, committee: Slug, year: Year, payload: JudgementIn):
    analysis = _analysis(request, committee, year)
    return _guarded(lambda: Status(200, {"changed": service.save_judgement(
        request.auth, analysis, payload.version, payload.judgement, payload.analysis)}))


def _import(request, committee, year, file, write: bool):
    analysis = _analysis(request, committee, year)
    if not service.may_edit(request.auth, analysis):  # before the file is read
        return _errors(service.edit_message(analysis.report), status=403)
    content = file.read(importing.MAX_BYTES + 1)

    def run():
        try:
            plan = (importing.apply_import if write else importing.plan_import)(request.auth, analysis,
                                                                              file.name or "", content)
        except importing.ImportRejected as rejected:
            plan = rejected.plan
        except FileError as error:
            return _errors(f"{file.name}: {error}")
        body = {"written": write and not plan.errors,
                "risks": [{"row": r.row, "area": r.fields.get("area"), "description": r.fields.get("description"),
                           "controls": [c["what"] for _, c in r.controls]} for r in plan.risks],
                "errors": [{"row": row, "column": column, "problem": problem, "code": "invalid"}
                           for row, column, problem in plan.errors]}
        if plan.errors:
            return Status(422, {"detail": f"Inget sparades: {len(plan.errors)} fel.", "errors": body["errors"]})
        if write and not plan.risks:
            return _errors("Filen har inga rader.")
        return Status(200, body)
    return _guarded(run)


@router.post("/committees/{committee}/{year}/documents", response=responses(dict),
             summary="Lägg riskanalysens bilagor och beslutspunkter i årets verksamhetsplan och verksamhetsberättelse")
def attach_to_documents(request, committee: Slug, year: Year):
    """As the page's "Lägg till som bilaga och beslutspunkt": run again, a bilaga gets its new file
    and keeps its number and decision. Only drafts the caller may edit get them."""
    analysis = _analysis(request, committee, year)

    def attach():
        content = service.to_domain(analysis)
        outcomes = documents.attach_to_documents(request.auth, analysis,
                                                 lambda kind: export.render_pdf(BILAGOR[kind](content)))
        return Status(200, {"documents": [{
            "report_id": o.report.pk, "period": o.report.period,
            "attachment": {"id": o.attachment.pk, "label": o.attachment.label, "title": o.attachment.title},
            "added": o.added, "replaced": o.replaced,
            "decisions": [{"id": d.pk, "number": d.number, "text": d.text} for d in o.decisions]}
            for o in outcomes]})

    return _guarded(attach)


@router.post("/committees/{committee}/{year}/import/preview", response=responses(dict),
             summary="Förhandsgranska en CSV- eller XLSX-fil med risker och kontrollmoment (sparar inget)")
def import_preview(request, committee: Slug, year: Year, file: File[UploadedFile]):
    return _import(request, committee, year, file, write=False)


@router.post("/committees/{committee}/{year}/import", response=responses(dict),
             summary="Importera risker och kontrollmoment (allt eller inget)")
def import_plan(request, committee: Slug, year: Year, file: File[UploadedFile]):
    return _import(request, committee, year, file, write=True)


@router.get("/city/{year}", response=responses(dict), summary="Stadens bild: risker per cell och område, "
                                                                "avvikelser, bedömningar")
def city_view(request, year: Year):
    analyses = list(service.readable_analyses(request.auth, year).order_by("committee__name"))
    placed = placed_risks(analyses)
    matrix = service.city_matrix(year)
    counts = city.cell_counts(fitting(matrix, placed))
    levels = [lv.name for lv in matrix.levels]
    deviations = models.ControlFollowUp.objects.filter(
        control__analysis__in=analyses, report__in=service.access.readable_reports(request.auth)).exclude(
        deviations="").select_related("control__analysis__committee")
    return {"year": year, "committees": len(analyses), "risks": len(placed),
            "cells": [{"probability": p, "consequence": c, "level": matrix.levels[matrix.grid[p - 1][c - 1]].name,
                       "count": counts.get((p, c), 0)}
                      for p in range(1, len(matrix.probability) + 1) for c in range(1, len(matrix.consequence) + 1)],
            "areas": [{"area": r.label, "total": r.total,
                       "levels": {name or "inte bedömd": n for name, (n, _) in zip([*levels, None], r.cells)}}
                      for r in city.by_area(placed, levels)],
            "deviations": [{"committee": d.control.analysis.committee.name, "period": d.period,
                            "control": d.control.what, "deviations": d.deviations, "action": d.action,
                            "action_owner": d.action_owner} for d in deviations],
            "judgements": [{"committee": a.committee.name, "judgement": a.judgement or None} for a in analyses]}


@router.post("/city/{year}/matrix", response=responses(dict), summary="Stadens riskmatris för ett år (administratör)")
def set_matrix(request, year: Year, payload: MatrixIn):
    def write():
        row = service.set_city_matrix(request.auth, year, RiskMatrix.from_json(payload.definition), payload.version)
        return Status(200, {"year": year, "version": row.version})
    return _guarded(write)


@router.post("/city/{year}/areas", response=responses(dict), summary="Ett stadsgemensamt riskområde (administratör)")
def add_area(request, year: Year, payload: AreaIn):
    return _guarded(lambda: Status(200, {"id": service.add_city_area(
        request.auth, year, payload.area, payload.description, payload.category).pk}))


@router.post("/city/{year}/areas/publish", response=responses(dict),
             summary="Lägg till stadens områden i nämndernas riskanalyser som är utkast (administratör)")
def publish_areas(request, year: Year):
    return _guarded(lambda: Status(200, {"added": service.publish_city_areas(request.auth, year)}))
