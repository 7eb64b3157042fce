"""The committee's internal control: risk analysis with its matrix, control plan, follow-up per period,
the VB's judgement, the bilagor and the import of an existing plan.

Reading follows the report the analysis belongs to (persistence.access: another committee's draft
answers 404); every write goes through persistence.internal_control, which checks permission
before it reads the input, the version and the lock, and audits each field.
"""
from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ils.domain.internal_control import FOLLOW_UP_PERIODS
from ils.domain.model import PERIOD_LABELS, Period
from ils.domain.workflow import Action
from ils.persistence import internal_control as service
from ils.persistence import internal_control_documents as documents
from ils.persistence import internal_control_import as importing
from ils.persistence import models
from ils.persistence.bulk_outcomes import FileError
from ils.persistence.editing import EditConflict
from ils.renderers import internal_control_export as export
from ils.renderers.internal_control_content import BILAGOR, matrix_view

from . import internal_control_forms as forms

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
           "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
IMPORT_SESSION_KEY = "internal_control_import"


def _analysis(request, slug: str, year: int):
    """(committee, analysis or None); 404 for a year out of range or an analysis the person may not read."""
    if not 2000 <= year <= 2100:
        raise Http404("Okänt år")
    committee = get_object_or_404(models.Committee, slug=slug)
    analysis = models.RiskAnalysis.objects.select_related("report", "committee").filter(
        committee=committee, year=year).first()
    if analysis is not None and not service.can_read(request.user, analysis):
        raise Http404("Okänd riskanalys")
    if analysis is None:
        report = service.year_report(committee, year)
        if report is None or not service.access.can_read(request.user, report):
            raise Http404("Nämnden har inget dokument för året")
    return committee, analysis


def _context(request, committee, analysis, year, tab, **extra) -> dict:
    part = "plan" if tab in ("analys", "kontrollplan") else tab
    return {"committee": committee, "analysis": analysis, "year": year, "tab": tab, "part": part,
            "periods": [(p, PERIOD_LABELS[Period(p)]) for p in FOLLOW_UP_PERIODS],
            "part_status": service.section_status(analysis, part) if analysis else None,
            "part_actions": service.allowed_section_actions(request.user, analysis, part) if analysis else [],
            "may_edit": bool(analysis and service.may_edit(request.user, analysis)),
            "may_attach": bool(analysis and documents.may_attach(request.user, analysis)), **extra}


@login_required
def section_status(request, slug: str, year: int, part: str):
    """Submit, approve or return a part of the internal control (POST only)."""
    committee, analysis = _analysis(request, slug, year)
    if request.method != "POST" or analysis is None or part not in service.PARTS:
        raise Http404("Okänd del")
    try:
        action = Action(request.POST.get("action", ""))
    except ValueError:
        raise Http404("Okänd åtgärd") from None
    try:
        after = service.change_section_status(request.user, analysis, part, action, request.POST.get("comment", ""))
        messages.success(request, f"Status: {after.label}.")
    except service.InputError as error:
        messages.error(request, str(error))
    back = _url("ic_analysis", committee, year) if part == "plan" else _url("ic_follow_up", committee, year, part)
    return redirect(back)


def _url(name: str, committee, year: int, *args) -> str:
    return reverse(name, args=[committee.slug, year, *args])


def _conflict(request, error: EditConflict) -> None:
    messages.error(request, "Någon annan har sparat ändringar sedan du öppnade sidan. Ingenting skrevs över: "
                            "läs den sparade versionen och gör din ändring igen.")


@login_required
def analysis_page(request, slug: str, year: int):
    committee, analysis = _analysis(request, slug, year)
    if request.method == "POST":
        return _analysis_post(request, committee, analysis, year)
    if analysis is None:
        report = service.year_report(committee, year)
        return render(request, "ils/internal_control/analysis.html", _context(
            request, committee, None, year, "analys", may_start=service.may_edit_report(request.user, report),
            report=report))
    return render(request, "ils/internal_control/analysis.html",
                  _analysis_context(request, committee, analysis, year, forms.RiskForm()))


def _analysis_context(request, committee, analysis, year, form) -> dict:
    domain = service.to_domain(analysis)
    levels = domain.matrix.levels
    rows = [(r, levels[r.level] if r.level is not None else None, service.score_text(r.probability),
             service.score_text(r.consequence), service.score_text(r.value)) for r in analysis.risks.all()]
    return _context(request, committee, analysis, year, "analys", rows=rows,
                    matrix=matrix_view(domain.matrix, domain.risks), form=form, findings=service.findings(analysis),
                    scales=domain.matrix)


def _analysis_post(request, committee, analysis, year):
    back = _url("ic_analysis", committee, year)
    try:
        if request.POST.get("what") == "starta":
            service.start_analysis(request.user, committee, year)
            messages.success(request, f"Riskanalysen för {year} är skapad.")
            return redirect(back)
        if analysis is None:
            raise Http404("Ingen riskanalys")
        if not service.may_edit(request.user, analysis):
            raise PermissionDenied(service.edit_message(analysis.report))
        form = forms.RiskForm(request.POST)
        if form.is_valid():
            try:
                service.add_risk(request.user, analysis, form.data_for_service())
                messages.success(request, "Risken är sparad.")
                return redirect(back)
            except service.InputError as error:
                form.show(error)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.error(request, "Risken sparades inte: rätta uppgifterna nedan.")
    return render(request, "ils/internal_control/analysis.html",
                  _analysis_context(request, committee, analysis, year, form), status=422)


@login_required
def risk_page(request, slug: str, year: int, pk: int):
    committee, analysis = _analysis(request, slug, year)
    risk = get_object_or_404(models.Risk, pk=pk, analysis=analysis) if analysis else None
    if risk is None:
        raise Http404("Okänd risk")
    if not service.may_edit(request.user, analysis):
        raise PermissionDenied(service.edit_message(analysis.report))
    back = _url("ic_analysis", committee, year)
    form = forms.RiskForm(initial=forms.RiskForm.initial_for(risk))
    if request.method == "POST":
        form = forms.RiskForm(request.POST)
        if form.is_valid():
            try:
                if request.POST.get("ta_bort"):
                    service.delete_item(request.user, risk, form.cleaned_data["version"])
                    messages.success(request, "Risken är borttagen.")
                else:
                    service.update_risk(request.user, risk, form.cleaned_data["version"], form.data_for_service())
                    messages.success(request, "Risken är sparad.")
                return redirect(back)
            except service.InputError as error:
                form.show(error)
            except EditConflict as error:
                _conflict(request, error)
                form = forms.RiskForm(initial=forms.RiskForm.initial_for(models.Risk.objects.get(pk=risk.pk)))
    return render(request, "ils/internal_control/edit.html", _context(
        request, committee, analysis, year, "analys", form=form, item=risk, heading="Ändra risk", back=back,
        deletable=not risk.city_designated), status=422 if form.errors else 200)


@login_required
def controls_page(request, slug: str, year: int):
    committee, analysis = _analysis(request, slug, year)
    if analysis is None:
        return redirect("ic_analysis", slug, year)
    risks = list(analysis.risks.all())
    form = forms.ControlForm(risks=risks)
    status = 200
    if request.method == "POST":
        if not service.may_edit(request.user, analysis):
            raise PermissionDenied(service.edit_message(analysis.report))
        form = forms.ControlForm(request.POST, risks=risks)
        if form.is_valid():
            try:
                service.add_control(request.user, analysis, form.data_for_service())
                messages.success(request, "Kontrollmomentet är sparat.")
                return redirect("ic_controls", slug, year)
            except service.InputError as error:
                form.show(error)
        status = 422
    numbers = {r.pk: i for i, r in enumerate(risks, 1)}
    controls = [(c, numbers.get(c.risk_id)) for c in analysis.controls.select_related("risk")]
    return render(request, "ils/internal_control/controls.html", _context(
        request, committee, analysis, year, "kontrollplan", controls=controls, form=form), status=status)


@login_required
def control_page(request, slug: str, year: int, pk: int):
    committee, analysis = _analysis(request, slug, year)
    control = get_object_or_404(models.Control, pk=pk, analysis=analysis) if analysis else None
    if control is None:
        raise Http404("Okänt kontrollmoment")
    risks = list(analysis.risks.all())
    if not service.may_edit(request.user, analysis):
        raise PermissionDenied(service.edit_message(analysis.report))
    back = _url("ic_controls", committee, year)
    form = forms.ControlForm(initial=forms.ControlForm.initial_for(control), risks=risks)
    if request.method == "POST":
        form = forms.ControlForm(request.POST, risks=risks)
        if form.is_valid():
            try:
                if request.POST.get("ta_bort"):
                    service.delete_item(request.user, control, form.cleaned_data["version"])
                    messages.success(request, "Kontrollmomentet är borttaget.")
                else:
                    service.update_control(request.user, control, form.cleaned_data["version"],
                                           form.data_for_service())
                    messages.success(request, "Kontrollmomentet är sparat.")
                return redirect(back)
            except service.InputError as error:
                form.show(error)
            except EditConflict as error:
                _conflict(request, error)
                form = forms.ControlForm(initial=forms.ControlForm.initial_for(
                    models.Control.objects.get(pk=control.pk)), risks=risks)
    return render(request, "ils/internal_control/edit.html", _context(
        request, committee, analysis, year, "kontrollplan", form=form, item=control, heading="Ändra kontrollmoment",
        back=back, deletable=True), status=422 if form.errors else 200)


@login_required
def follow_up_page(request, slug: str, year: int, period: str):
    if period not in FOLLOW_UP_PERIODS:
        raise Http404("Okänd period")
    committee, analysis = _analysis(request, slug, year)
    if analysis is None:
        return redirect("ic_analysis", slug, year)
    report = service.follow_up_report(analysis, period)
    if report is not None and not service.access.can_read(request.user, report):
        report = None
    may_edit = report is not None and service.may_follow_up(request.user, analysis, report)
    controls = list(analysis.controls.select_related("risk"))
    existing = {f.control_id: f for f in models.ControlFollowUp.objects.filter(control__analysis=analysis,
                                                                                period=period)}
    shown = [c for c in controls if period in c.reported_in or c.pk in existing]
    posted, status = None, 200
    judgement_form = forms.JudgementForm(initial={"version": analysis.version, "judgement": analysis.judgement,
                                                  "judgement_analysis": analysis.judgement_analysis})
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Uppföljningen görs i ett utkast av periodens dokument, av nämndens "
                                   "skribenter och controller.")
        if request.POST.get("what") == "bedomning":
            judgement_form = forms.JudgementForm(request.POST)
            if judgement_form.is_valid():
                try:
                    d = judgement_form.cleaned_data
                    service.save_judgement(request.user, analysis, d["version"], d["judgement"], d["judgement_analysis"])
                    messages.success(request, "Bedömningen är sparad.")
                    return redirect("ic_follow_up", slug, year, period)
                except service.InputError as error:
                    judgement_form.show(error)
                except EditConflict as error:
                    _conflict(request, error)
                    return redirect("ic_follow_up", slug, year, period)
            status = 422
        else:
            control = next((c for c in shown if str(c.pk) == request.POST.get("control")), None)
            if control is None:
                raise Http404("Okänt kontrollmoment")
            form = forms.FollowUpForm(request.POST, prefix=f"k{control.pk}")
            if form.is_valid():
                try:
                    service.save_follow_up(request.user, control, period, form.cleaned_data["version"],
                                           form.data_for_service())
                    messages.success(request, f"Uppföljningen av '{control}' är sparad.")
                    return redirect(reverse("ic_follow_up", args=[slug, year, period]) + f"#kontroll-{control.pk}")
                except service.InputError as error:
                    form.show(error)
                except EditConflict as error:
                    _conflict(request, error)
                    return redirect("ic_follow_up", slug, year, period)
            posted, status = (control.pk, form), 422
    items = []
    for control in shown:
        form = posted[1] if posted and posted[0] == control.pk else forms.FollowUpForm(
            initial=forms.FollowUpForm.initial_for(existing.get(control.pk)), prefix=f"k{control.pk}")
        items.append((control, existing.get(control.pk), form))
    return render(request, "ils/internal_control/follow_up.html", _context(
        request, committee, analysis, year, period, period=period, period_label=PERIOD_LABELS[Period(period)],
        report=report, may_follow_up=may_edit, items=items, judgement_form=judgement_form), status=status)


@login_required
def bilaga(request, slug: str, year: int, kind: str, fmt: str):
    committee, analysis = _analysis(request, slug, year)
    if analysis is None or kind not in BILAGOR or fmt not in FORMATS:
        raise Http404("Okänd bilaga")
    content = BILAGOR[kind](service.to_domain(analysis))
    body = {"html": lambda b: export.render_html(b).encode(), "pdf": export.render_pdf,
            "docx": export.render_docx, "xlsx": export.render_xlsx}[fmt](content)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{kind}-{committee.slug}-{year}.{fmt}"'
    return response


@login_required
def attach(request, slug: str, year: int):
    """"Lägg till som bilaga och beslutspunkt": the generated bilagor into the year's VP / VB drafts
    (POST only); permission is checked before anything is drawn."""
    committee, analysis = _analysis(request, slug, year)
    if request.method != "POST" or analysis is None:
        raise Http404("Ingen riskanalys")
    if not documents.may_attach(request.user, analysis):
        raise PermissionDenied("Bara nämndens controller eller en administratör lägger till bilagor, och bara i "
                               "en verksamhetsplan eller verksamhetsberättelse som är ett utkast.")
    content = service.to_domain(analysis)
    outcomes = documents.attach_to_documents(request.user, analysis,
                                             lambda kind: export.render_pdf(BILAGOR[kind](content)))
    for outcome in outcomes:
        label = f"{outcome.attachment.label}: {outcome.attachment.title}"
        done = "lades till" if outcome.added else ("fick en ny fil" if outcome.replaced else "var redan aktuell")
        added = "".join(f" Beslutspunkt {d.number} lades till." for d in outcome.decisions)
        messages.success(request, f"{outcome.report.get_period_display()} {year}: {label} {done}.{added}")
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/internkontroll/")
                    else _url("ic_analysis", committee, year))


@login_required
def import_page(request, slug: str, year: int):
    committee, analysis = _analysis(request, slug, year)
    if analysis is None:
        return redirect("ic_analysis", slug, year)
    if not service.may_edit(request.user, analysis):
        raise PermissionDenied(service.edit_message(analysis.report))
    context = _context(request, committee, analysis, year, "analys", columns=list(importing.COLUMNS))
    if request.method != "POST":
        request.session.pop(IMPORT_SESSION_KEY, None)
        return render(request, "ils/internal_control/import.html", context)
    if request.POST.get("steg") == "importera":
        pending = request.session.pop(IMPORT_SESSION_KEY, None)
        if not pending or pending["analysis"] != analysis.pk:
            context["problem"] = "Ingen förhandsgranskad fil väntar: välj filen igen."
            return render(request, "ils/internal_control/import.html", context, status=422)
        name, content = pending["name"], base64.b64decode(pending["content"])
        try:
            plan = importing.apply_import(request.user, analysis, name, content)
        except importing.ImportRejected as rejected:
            context.update(plan=rejected.plan, name=name, failed=True)
            return render(request, "ils/internal_control/import.html", context, status=422)
        messages.success(request, f"{name}: {len(plan.risks)} risker och {plan.control_count} kontrollmoment "
                                  "sparades.")
        return redirect("ic_analysis", slug, year)
    upload = request.FILES.get("fil")
    if upload is None:
        context["problem"] = "Välj en CSV- eller XLSX-fil."
        return render(request, "ils/internal_control/import.html", context, status=422)
    content = upload.read(importing.MAX_BYTES + 1)
    try:
        plan = importing.plan_import(request.user, analysis, upload.name, content)
    except FileError as error:
        context["problem"] = f"{upload.name}: {error}"
        return render(request, "ils/internal_control/import.html", context, status=422)
    if not plan.errors and plan.risks:
        request.session[IMPORT_SESSION_KEY] = {"analysis": analysis.pk, "name": upload.name,
                                               "content": base64.b64encode(content).decode()}
    context.update(plan=plan, name=upload.name, ready=not plan.errors and bool(plan.risks))
    return render(request, "ils/internal_control/import.html", context, status=422 if plan.errors else 200)
