"""Read-only pages: committees, their reports, a report's goal tree, and its consistency check."""
from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from ils.domain.checks import check_document
from ils.persistence import editing, models
from ils.persistence.access import readable_reports
from ils.persistence.store import load_document

from ils.renderers.formatting import ACTIVITY_STATUS_LABELS

from .report_page import economy_views, goal_tree, report_figures


@login_required
def start(request):
    reports = readable_reports(request.user).order_by("committee__name", "-year", "period")
    committees = [(c, list(rs)) for c, rs in groupby(reports, key=lambda r: r.committee)]
    return render(request, "ils/start.html", {"committees": committees})


@login_required
def committee(request, slug):
    owner = get_object_or_404(models.Committee, slug=slug)
    reports = readable_reports(request.user).filter(committee=owner).order_by("-year", "period")
    years = [(year, list(rs)) for year, rs in groupby(reports, key=lambda r: r.year)]
    return render(request, "ils/committee.html", {"committee": owner, "years": years})


def _report(request, pk) -> tuple[models.Report, object]:
    """The report if this person may read it; 404 otherwise, so drafts do not even show they exist."""
    report = get_object_or_404(readable_reports(request.user), pk=pk)
    return report, load_document(report)


def _with_rows(user, stored: models.Report, nodes):
    """Attach each goal's stored row, the ids of its indicators and activities, and the person's rights."""
    rows = {g.number: g for g in stored.goals.all()}
    indicator_ids, activity_ids = defaultdict(list), defaultdict(list)
    for number, pk in stored.indicators.values_list("goal__number", "pk"):
        indicator_ids[number].append(pk)
    for number, pk in stored.activities.values_list("goal__number", "pk"):
        activity_ids[number].append(pk)
    for node in nodes:
        node.row = rows[node.goal.number]
        node.row.report = stored
        for indicator, indicator_pk in zip(node.indicators, indicator_ids[node.goal.number]):
            indicator.pk = indicator_pk
        node.activity_rows = [(a, a_pk, ACTIVITY_STATUS_LABELS.get(a.status, "")) for a, a_pk
                              in zip(node.activities, activity_ids[node.goal.number])]
        node.can_edit = editing.can_edit(user, node.row)
        node.actions = editing.allowed_actions(user, node.row)
    return nodes


@login_required
def report(request, pk):
    stored, doc = _report(request, pk)
    return render(request, "ils/report.html", {
        "report": stored, "doc": doc, "goals": _with_rows(request.user, stored, goal_tree(doc)),
        "report_actions": editing.allowed_actions(request.user, stored), "figures": report_figures(doc),
        "economy": economy_views(doc),
        "warnings": doc.warnings,
    })


@login_required
def report_checks(request, pk):
    stored, doc = _report(request, pk)
    findings = check_document(doc)
    return render(request, "ils/report_checks.html", {"report": stored, "findings": findings})


EXPORTS = {
    "html": ("text/html; charset=utf-8", "ils.renderers.html_report", "render_html"),
    "pdf": ("application/pdf", "ils.renderers.pdf_report", "render_pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "ils.renderers.docx_report", "render_docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "ils.renderers.xlsx_export", "render_xlsx"),
    "json": ("application/json", "ils.renderers.json_document", "document_to_json"),
    "txt": ("text/plain; charset=utf-8", "ils.renderers.text_export", "render_text"),
}


@login_required
def report_export(request, pk, fmt):
    if fmt not in EXPORTS:
        raise Http404("Okänt format")
    content_type, module_name, function = EXPORTS[fmt]
    stored, doc = _report(request, pk)
    from importlib import import_module

    body = getattr(import_module(module_name), function)(doc)
    response = HttpResponse(body, content_type=content_type)
    name = f"{stored.committee.slug}-{stored.year}-{stored.period}.{fmt}"
    disposition = "inline" if fmt in ("html", "pdf", "txt", "json") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
