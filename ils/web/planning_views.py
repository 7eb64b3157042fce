"""Creating a committee's next document (T1, T2, VB, next year's VP) from one it has.

Checked on the server: the source must be readable (404 otherwise) and the person the committee's
controller or an administrator (403 otherwise)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from ils.domain.model import Period
from ils.domain.planning import PlanningError
from ils.persistence import planning
from ils.persistence.access import readable_reports


@login_required
@require_POST
def create_document(request, pk):
    source = get_object_or_404(readable_reports(request.user), pk=pk)
    if not planning.may_plan(request.user, source.committee):
        raise PermissionDenied("Bara nämndens controller eller en administratör skapar nya dokument.")
    year, _, period = request.POST.get("document", "").partition("-")
    if not year.isdigit() or period not in Period._value2member_map_:
        messages.error(request, "Välj vilket dokument som ska skapas.")
        return redirect("report", pk=source.pk)
    try:
        report = planning.create_document(request.user, source, int(year), Period(period))
    except PlanningError as error:
        messages.error(request, str(error))
        return redirect("report", pk=source.pk)
    messages.success(request, f"{report.get_period_display()} {report.year} är skapad som utkast.")
    return redirect("report", pk=report.pk)
