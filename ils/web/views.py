"""Read-only pages: committees, their reports, a report's goal tree, and its consistency check."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from itertools import groupby

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from ils.domain.checks import check_document
from ils.domain.economy_tables import kinds_for
from ils.domain.model import Period
from ils.persistence import docparts, economy, editing, models, plan_editing, planning
from ils.persistence.access import readable_reports
from ils.persistence.attachments import pdf_with_attachments
from ils.persistence.store import load_document

from ils.renderers.formatting import ACTIVITY_STATUS_LABELS

from . import text_views
from .docparts_page import front_matter
from .report_page import economy_views, goal_tree, report_figures
from .templatetags.ils_format import source_name


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


def _with_rows(user, stored: models.Report, nodes, goal_ids=None, places=None):
    """Attach each goal's stored row, the ids of its indicators and activities, and the person's rights."""
    only = {"goal_id__in": goal_ids} if goal_ids is not None else {}
    places = places or {}
    rows = {g.number: g for g in stored.goals.filter(**({"pk__in": goal_ids} if goal_ids is not None else {}))}
    indicator_ids, activity_ids = defaultdict(list), defaultdict(list)
    for number, pk in stored.indicators.filter(**only).values_list("goal__number", "pk"):
        indicator_ids[number].append(pk)
    for number, pk in stored.activities.filter(**only).values_list("goal__number", "pk"):
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
        node.can_plan = plan_editing.may_structure(user, node.row)
        node.position, node.siblings = places.get(node.row.pk, (0, 0))
    return nodes


def _places(goals) -> dict[int, tuple[int, int]]:
    """Each nämndmål's place among its KF goal's nämndmål (1-based) and how many there are."""
    siblings = defaultdict(list)
    for goal in goals:
        if goal.level == "namndmal":
            siblings[goal.parent_id].append(goal.pk)
    return {pk: (n, len(pks)) for pks in siblings.values() for n, pk in enumerate(pks, 1)}


CSRF_PLACEHOLDER = "ils-csrf-placeholder"


def _body_urls() -> dict[str, str]:
    """URL prefixes for the goal tree's links: reversing thousands of links per page is slow."""
    return {"edit": reverse("edit_item", args=["x", 1]).removesuffix("x/1/"),
            "history": reverse("history", args=["x", 1]).removesuffix("x/1/"),
            "status": reverse("change_status", args=["x", 1]).removesuffix("x/1/"),
            "indicator": reverse("indicator", args=[1]).removesuffix("1/"),
            "plan": reverse("add_goal", args=[1]).removesuffix("1/nytt-namndmal/")}


def render_section(request, goal: models.Goal, **extra) -> str:
    """One goal's section as the report page shows it, fresh (for an in-place save), with ``extra``
    context: the goal's inline form or the confirmation of its save."""
    stored = goal.report
    goals = list(stored.goals.only("pk", "level", "parent_id"))
    doc = load_document(stored, goal_ids={goal.pk})
    nodes = _with_rows(request.user, stored, [n for n in goal_tree(doc) if n.goal.number == goal.number],
                       goal_ids={goal.pk}, places=_places(goals))
    columns = report_figures(load_document(stored, goals_only=True))
    figures = {"indicator_columns": columns["indicator_columns"], "activity_columns": columns["activity_columns"]}
    context = {"figures": figures, "urls": _body_urls(), "csrf_token": get_token(request), "node": nodes[0]}
    return render_to_string("ils/_report_goal.html", context | extra, request=request)


FILTERS = {"mina": "Mina delar", "ej-klara": "Inte klara"}


def _shown(request, goals, chosen: str):
    """The sections a filter keeps: the person's own (those they may edit), or those still drafts."""
    if chosen == "mina":
        return [g for g in goals if editing.can_edit(request.user, g)]
    if chosen == "ej-klara":
        return [g for g in goals if g.status == "utkast"]
    return goals


def _report_body(request, stored: models.Report, chosen: str = "") -> str:
    """Figures, goal tree and economy of a report page. Each goal's section is rendered once per
    revision of that goal and per set of rights, then served from the cache; an edit re-renders
    only its own section, from just that section's rows.

    Every edit bumps the version of the goal, indicator or activity it changes (optimistic locking,
    ils.persistence.editing) and every workflow step changes a status, so the key below names the
    section's content. The CSRF token is put in per request."""
    goals = list(stored.goals.only("pk", "number", "status", "version", "assessment", "report_id", "level",
                                   "parent_id", "title"))
    for goal in goals:
        goal.report = stored
    places = _places(goals)
    all_goals, goals = goals, _shown(request, goals, chosen)
    children = defaultdict(list)
    for model in (models.IndicatorValue, models.Activity):
        for goal_id, pk, version in model.objects.filter(report=stored).values_list("goal_id", "pk", "version"):
            children[goal_id].append((model.__name__, pk, version))
    shape = (stored.pk, stored.imported_at, stored.status, stored.period, stored.type, stored.year)
    keys = {g.pk: "report-goal:" + hashlib.sha256(repr((
        shape, g.pk, g.version, g.status, children[g.pk], editing.can_edit(request.user, g),
        editing.allowed_actions(request.user, g), plan_editing.may_structure(request.user, g),
        places.get(g.pk))).encode()).hexdigest() for g in goals}
    cached = cache.get_many(list(keys.values()))
    missing = [g for g in goals if keys[g.pk] not in cached]
    header = load_document(stored, goals_only=True)
    columns = report_figures(header)  # the columns only: this document holds no indicators or activities
    figures = {"goals": len(all_goals), "indicators": sum(k[0] == "IndicatorValue" for c in children.values() for k in c),
               "activities": sum(k[0] == "Activity" for c in children.values() for k in c),
               **{a: sum(g.assessment == a for g in all_goals) for a in ("helt", "delvis", "inte")},
               "indicator_columns": columns["indicator_columns"], "activity_columns": columns["activity_columns"]}
    if missing:
        doc = load_document(stored, goal_ids={g.pk for g in missing})
        wanted = {g.number for g in missing}
        nodes = [n for n in goal_tree(doc) if n.goal.number in wanted]
        context = {"figures": figures, "urls": _body_urls(), "csrf_token": CSRF_PLACEHOLDER}
        fresh = {keys[node.row.pk]: render_to_string("ils/_report_goal.html", context | {"node": node})
                 for node in _with_rows(request.user, stored, nodes, goal_ids={g.pk for g in missing}, places=places)}
        cache.set_many(fresh, timeout=3600)
        cached |= fresh
    economy = _economy_part(request, stored)
    head = render_to_string("ils/_report_head.html", {"figures": figures, "warnings": header.warnings,
                                                      **front_matter(request.user, stored)})
    contents = render_to_string("ils/_report_contents.html", {
        "goals": [(g, "mal-" + g.number.replace(".", "-")) for g in goals], "filters": FILTERS.items(),
        "chosen": chosen, "hidden": len(all_goals) - len(goals)})
    body = head + contents + "".join(cached[keys[g.pk]] for g in goals) + economy
    return mark_safe(body.replace(CSRF_PLACEHOLDER, get_token(request)))


def _economy_part(request, stored: models.Report) -> str:
    """The economy tables, cached per revision of the tables (every write bumps a table's version)
    and per right to change them; the CSRF token is put in per request like the goals'."""
    tables = list(stored.economy_tables.values_list("pk", "version"))
    editable = economy.may_edit(request.user, stored)
    requests = editable and docparts.can_edit_parts(request.user, stored)  # a request is a decision item
    key = "report-economy:" + hashlib.sha256(repr((
        stored.pk, stored.imported_at, stored.period, tables, editable, requests)).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        views = economy_views(load_document(stored))
        for view, (pk, _) in zip(views, tables):
            view.pk = pk
        period = Period(stored.period)
        edit = {"requests": [(s.request, s.request.capitalize()) for s in kinds_for(period) if s.request and requests],
                "kinds": [(s.kind.value, s.title) for s in kinds_for(period) if not s.request],
                "targets": economy.request_targets(stored) if requests else []} if editable else None
        html = render_to_string("ils/_report_economy.html", {
            "economy": views, "economy_edit": edit, "report_pk": stored.pk, "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, html, timeout=3600)
    return html


@login_required
def report(request, pk):
    stored = get_object_or_404(readable_reports(request.user), pk=pk)
    chosen = request.GET.get("visa", "")
    return render(request, "ils/report.html", {
        "report": stored, "body": _report_body(request, stored, chosen if chosen in FILTERS else ""),
        **text_views.report_panel(request, stored),
        "report_actions": editing.allowed_actions(request.user, stored),
        "new_documents": [(f"{y}-{p.value}", f"{p.label} {y}") for y, p in planning.possible_documents(stored)]
        if planning.may_plan(request.user, stored.committee) else [],
    })


@login_required
def report_checks(request, pk):
    stored, doc = _report(request, pk)
    findings = check_document(doc)
    from ils.persistence import internal_control

    analysis = models.RiskAnalysis.objects.filter(committee=stored.committee, year=stored.year).first()
    control_findings = (internal_control.findings(analysis)
                        if analysis and internal_control.can_read(request.user, analysis) else [])
    return render(request, "ils/report_checks.html", {"report": stored, "findings": findings,
                                                      "analysis": analysis, "control_findings": control_findings})


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
    doc.source = source_name(doc.source)  # never the server's folders
    from importlib import import_module

    body = getattr(import_module(module_name), function)(doc)
    if fmt == "pdf":
        body = pdf_with_attachments(body, stored.attachments.all())
    response = HttpResponse(body, content_type=content_type)
    name = f"{stored.committee.slug}-{stored.year}-{stored.period}.{fmt}"
    disposition = "inline" if fmt in ("html", "pdf", "txt", "json") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    if fmt == "html":
        response._csp_config = settings.STANDALONE_DOCUMENT_CSP
    return response
