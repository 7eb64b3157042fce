"""A document's texts: the parts by the template, their editor, writers and workflow; what is left;
the lock with the committee's decision; the template per year and document type (administrators).

Permission is checked before any input is read; every write goes through ils.persistence
(texts, editing), which checks it again with the version and writes the audit trail.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from ils.domain.model import Period
from ils.domain.remaining import KINDS
from ils.domain.text_template import INTERNAL_CONTROL_PART, with_judgement
from ils.domain.workflow import Action, Role
from ils.persistence import editing, models, remaining, texts
from ils.persistence.internal_control import vb_judgement_markup
from ils.persistence.access import can_read, readable_reports, roles_in
from ils.renderers.html_report import markup_html
from ils.renderers.outline import part_blocks

from .text_forms import LockForm, TemplateFormSet, TemplatePartForm, TextForm, WritersForm


def _part(request, pk) -> models.TextPart:
    part = get_object_or_404(models.TextPart.objects.select_related("report__committee"), pk=pk)
    if not can_read(request.user, part.report):
        raise Http404("Finns inte")
    return part


def rendered(part: models.TextPart, opening: str = "") -> str:
    """The part as HTML; ``opening`` (markup) comes first: the VB's internal-control judgement."""
    shown = texts.part_from_row(part)
    if opening:
        [shown] = with_judgement([shown], opening)
    body, _ = markup_html(part_blocks(shown, part.level + 2), "text-" + part.key)
    return mark_safe(body)


def _rows(user, report: models.Report, assign: bool = False) -> list[dict]:
    parts = list(report.text_parts.prefetch_related("writers"))
    states = {s.key: s for s in remaining.part_states(report, parts)}
    assign = assign and report.status != "last" and bool(roles_in(user, report.committee) & {Role.CONTROLLER, Role.ADMIN})
    writers = texts.committee_writers(report) if assign else None
    for p in parts:
        p.report = report
    judgement = vb_judgement_markup(report)
    return [{"part": p, "html": rendered(p, judgement if p.key == INTERNAL_CONTROL_PART else ""),
             "empty": states[p.key].empty, "can_edit": editing.can_edit(user, p),
             "actions": editing.allowed_actions(user, p),
             "writers": ", ".join(w.get_full_name() or w.username for w in p.writers.all()),
             "writers_form": WritersForm(queryset=writers, initial={"writers": list(p.writers.all())},
                                         prefix=f"del-{p.pk}") if assign else None}
            for p in parts]


def report_panel(request, report: models.Report) -> dict:
    """What the report page shows of the texts: the parts, and the lock form for the controller."""
    actions = editing.allowed_actions(request.user, report)
    return {"text_rows": _rows(request.user, report), "lock_form": LockForm() if Action.LOCK in actions else None}


@login_required
def report_texts(request, pk):
    report = get_object_or_404(readable_reports(request.user), pk=pk)
    return render(request, "ils/texts.html", {"report": report, "rows": _rows(request.user, report, assign=True),
                                              "template_admin": texts.is_template_admin(request.user)})


def _back(part: models.TextPart) -> str:
    return reverse("report_texts", args=[part.report_id]) + "#" + part.anchor


@login_required
def edit_text(request, pk):
    part = _part(request, pk)
    if not editing.can_edit(request.user, part):
        raise PermissionDenied("Du får inte ändra den här texten, eller så är den inte längre ett utkast.")
    conflict = None
    if request.method == "POST":
        form = TextForm(request.POST)
        if form.is_valid():
            try:
                changed = texts.update_text(request.user, part, form.cleaned_data["version"], form.cleaned_data["text"])
            except editing.EditConflict as error:
                conflict = error
                form.data = form.data.copy()
                form.data["version"] = error.current.version
            except texts.TextError as error:
                form.add_error("text", str(error))
            else:
                messages.success(request, "Sparat." if changed else "Inga ändringar att spara.")
                return redirect(_back(part))
    else:
        form = TextForm(initial={"text": part.text, "version": part.version})
    return render(request, "ils/text_edit.html", {
        "part": part, "report": part.report, "form": form, "conflict": conflict, "back": _back(part),
        "preview": rendered(part)}, status=409 if conflict else 200)


@login_required
@require_POST
def preview_text(request, pk):
    """The text as the report will show it (htmx, while the person writes); nothing is stored."""
    part = _part(request, pk)
    if not editing.can_edit(request.user, part):
        raise PermissionDenied("Du får inte ändra den här texten.")
    form = TextForm({"text": request.POST.get("text", ""), "version": 0})
    if not form.is_valid():
        return HttpResponse(format_html_join("", "<p class=\"error\">{}</p>", ((e,) for e in form.errors["text"])))
    preview = models.TextPart(key=part.key, level=part.level, text=form.cleaned_data["text"])
    return HttpResponse(rendered(preview) or "<p class=\"meta\">Ingen text ännu.</p>")


@login_required
@require_POST
def text_status(request, pk):
    part = _part(request, pk)
    if not editing.allowed_actions(request.user, part):
        raise PermissionDenied("Du får inte ändra textdelens status.")
    action = request.POST.get("action", "")
    if action not in Action._value2member_map_:
        raise PermissionDenied("Okänd åtgärd")
    try:
        after = editing.change_status(request.user, part, Action(action), request.POST.get("comment", "")[:2000])
    except editing.GapsRemain as error:
        messages.error(request, "Det går inte att skicka för granskning, detta saknas:")
        for gap in error.gaps:
            messages.error(request, f"{gap.where}: {gap.message}")
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{part.heading}: {after.label}.")
    return redirect(_back(part))


@login_required
@require_POST
def text_writers(request, pk):
    part = _part(request, pk)
    if not roles_in(request.user, part.report.committee) & {Role.CONTROLLER, Role.ADMIN}:
        raise PermissionDenied("Bara nämndens controller fördelar texterna.")
    form = WritersForm(request.POST, queryset=texts.committee_writers(part.report), prefix=f"del-{part.pk}")
    if not form.is_valid():
        messages.error(request, "Skribenter: välj bland nämndens skribenter.")
    else:
        try:
            texts.assign_writers(request.user, part, form.cleaned_data["writers"])
        except texts.TextError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{part.heading}: skribenterna sparade.")
    return redirect(_back(part))


@login_required
def report_remaining(request, pk):
    report = get_object_or_404(readable_reports(request.user), pk=pk)
    mine = request.GET.get("mina") == "1"
    gaps = remaining.gaps(report, request.user if mine else None)
    anchors = {f"textdel:{p.key}": reverse("report_texts", args=[report.pk]) + "#" + p.anchor
               for p in report.text_parts.all()}
    anchors |= {f"mal:{g.number}": reverse("report", args=[report.pk]) + "#mal-" + g.number.replace(".", "-")
                for g in report.goals.all()}
    rows = [{"gap": g, "kind": KINDS[g.kind], "href": anchors.get(g.item, "")} for g in gaps]
    return render(request, "ils/remaining.html", {"report": report, "rows": rows, "mine": mine,
                                                   "blocking": sum(g.blocking for g in gaps)})


@login_required
@require_POST
def lock_report(request, pk):
    report = get_object_or_404(readable_reports(request.user), pk=pk)
    if Action.LOCK not in editing.allowed_actions(request.user, report):
        raise PermissionDenied("Du får inte låsa dokumentet nu.")
    form = LockForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("report", args=[pk]))
    try:
        editing.change_status(request.user, report, Action.LOCK, "", form.cleaned_data["decision_date"],
                              form.cleaned_data["decision_paragraph"])
    except editing.GapsRemain as error:
        messages.error(request, "Dokumentet kan inte låsas förrän alla delar är godkända:")
        for gap in error.gaps[:30]:
            messages.error(request, f"{gap.where}: {gap.message}")
        if len(error.gaps) > 30:
            messages.error(request, f"… och {len(error.gaps) - 30} till (se Kvar att göra).")
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Status: Låst.")
    return redirect(reverse("report", args=[pk]))


@login_required
def edit_template(request, year, period):
    if period not in Period._value2member_map_ or not 2000 <= year <= 2100:
        raise Http404("Finns inte")
    if not texts.is_template_admin(request.user):
        raise PermissionDenied("Bara en administratör ändrar rapportmallen.")
    period = Period(period)
    stored = models.ReportTemplate.objects.filter(year=year, period=period.value).first()
    version = stored.version if stored else 0
    problems: list[str] = []
    if request.method == "POST":
        formset = TemplateFormSet(request.POST)
        if formset.is_valid():
            specs = [form.spec() for form in formset.ordered_forms if form.cleaned_data.get("heading")]
            try:
                texts.save_template(request.user, year, period, specs, int(request.POST.get("mallversion", -1)))
            except texts.TemplateError as error:
                problems = error.problems
            except editing.EditConflict:
                problems = ["någon annan har sparat mallen sedan du öppnade den; ladda om sidan och gör om ändringen"]
            else:
                messages.success(request, f"Mallen för {period.label.lower()} {year} är sparad. Den gäller dokument "
                                          "som skapas eller läses in från och med nu.")
                return redirect(reverse("edit_template", args=[year, period.value]))
    else:
        specs = texts.template_for(year, period)
        formset = TemplateFormSet(initial=[TemplatePartForm.initial_for(s) | {"ORDER": n + 1}
                                           for n, s in enumerate(specs)])
    return render(request, "ils/text_template.html", {
        "formset": formset, "year": year, "period": period, "version": version, "problems": problems,
        "stored": stored, "periods": list(Period)}, status=422 if problems else 200)
