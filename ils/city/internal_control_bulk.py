"""Storing the generated city's internal control in bulk (ils.demo.internal_control), for benchmarks:
an analysis per committee and year on the year's VP, with its risks, controls and follow-ups."""
from __future__ import annotations

from django.db import transaction

from ils.demo.internal_control import generate_analysis
from ils.persistence import models
from ils.persistence.internal_control import city_matrix


@transaction.atomic
def save_internal_control(report_ids: list[int], risks: int, seed: int = 0) -> int:
    """One analysis per (committee, year) among the reports; returns the number of risks stored."""
    reports = list(models.Report.objects.filter(pk__in=report_ids).select_related("committee"))
    by_year = {(r.committee_id, r.year): r for r in sorted(reports, key=lambda r: "VP T1 T2 VB".index(r.period),
                                                           reverse=True)}
    models.RiskAnalysis.objects.filter(committee_id__in={c for c, _ in by_year},
                                       year__in={y for _, y in by_year}).delete()
    stored = 0
    for (_, year), report in by_year.items():
        matrix = city_matrix(year)
        risk_rows, control_rows, follow_up_rows, judgement = generate_analysis(report.committee.name, year, matrix,
                                                                               risks, seed)
        analysis = models.RiskAnalysis.objects.create(committee=report.committee, year=year, report=report,
                                                      matrix=matrix.to_json(), judgement=judgement.value)
        saved = models.Risk.objects.bulk_create(models.Risk(
            analysis=analysis, order=n, area=r.area, description=r.description, category=r.category,
            city_designated=r.city_designated, probability=r.probability, consequence=r.consequence, value=r.value,
            level=r.level, treatment=r.treatment.value) for n, r in enumerate(risk_rows))
        risk_ids = {r.key: row.pk for r, row in zip(risk_rows, saved)}
        controls = models.Control.objects.bulk_create(models.Control(
            analysis=analysis, risk_id=risk_ids[c.risk], order=n, what=c.what, method=c.method.value,
            frequency=c.frequency.value, responsible=c.responsible, when=c.when, reported_in=list(c.reported_in))
            for n, c in enumerate(control_rows))
        control_ids = {c.key: row.pk for c, row in zip(control_rows, controls)}
        periods = {r.period: r for r in models.Report.objects.filter(committee=report.committee, year=year)}
        models.ControlFollowUp.objects.bulk_create(models.ControlFollowUp(
            control_id=control_ids[f.control], report=periods[f.period], period=f.period, carried_out=f.carried_out,
            result=f.result, deviations=f.deviations, action=f.action, action_owner=f.action_owner)
            for f in follow_up_rows if f.period in periods)
        stored += len(saved)
    return stored
