"""Importing outcomes from a CSV or XLSX file in two steps: a preview, then the import.

The preview changes nothing: it shows each row's before and after, and every row's problem with its
row number in the file. The import then writes all rows or none (``persistence.bulk_outcomes``,
the same code as the API's import). Between the two steps the file waits in the person's session,
with the version of every indicator the preview showed: an indicator someone changed in between
becomes a conflict on its row, never a silent overwrite.
"""
from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ils.persistence import bulk_outcomes
from ils.persistence.access import may_edit_somewhere

MAX_BYTES = 5 * 1024 * 1024
SESSION_KEY = "outcome_import"
# The value columns a file may have, after those naming the indicator (bulk_outcomes.COLUMNS).
VALUE_COLUMNS = ("utfall", "kvinnor", "män", "prognos", "analys", "version")
FIELD_LABELS = {**bulk_outcomes.LABELS, "outcome": "Periodens utfall", "outcome_women": "Kvinnor",
                "outcome_men": "Män", "forecast": "Prognos helår", "analysis": "Analys"}


@login_required
def outcome_import(request):
    if request.method == "POST" and not may_edit_somewhere(request.user):
        # Before the body is read: a reader's upload is never parsed.
        return _page(request, problem="Du har ingen roll som får ändra utfall, så du kan inte importera.",
                     status=403)
    if request.method == "POST" and request.POST.get("steg") == "importera":
        return _import(request)
    if request.method == "POST":
        return _preview(request)
    request.session.pop(SESSION_KEY, None)
    return render(request, "ils/outcome_import.html", {"value_columns": VALUE_COLUMNS})


def _preview(request):
    upload = request.FILES.get("fil")
    if upload is None:
        return _page(request, problem="Välj en CSV- eller XLSX-fil.")
    if "\x00" in (upload.name or "") or len(upload.name or "") > 255:
        return _page(request, problem="Filnamnet är ogiltigt (nolltecken eller för långt).", status=400)
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        return _page(request, problem=f"{upload.name}: filen är större än 5 MB.")
    try:
        plan = bulk_outcomes.plan_file(request.user, upload.name, content)
    except bulk_outcomes.FileError as error:
        return _page(request, problem=f"{upload.name}: {error}")
    changed = [row for row in plan.rows if row.changes]
    if not plan.errors and changed:
        request.session[SESSION_KEY] = {"name": upload.name, "content": base64.b64encode(content).decode(),
                                        "versions": {str(r.row): r.version for r in plan.rows}}
    return _page(request, plan=plan, name=upload.name, changed=changed)


def _import(request):
    pending = request.session.pop(SESSION_KEY, None)
    if not pending:
        return _page(request, problem="Ingen förhandsgranskad fil väntar: välj filen igen.")
    name, content = pending["name"], base64.b64decode(pending["content"])
    versions = {int(row): version for row, version in pending["versions"].items()}
    try:
        plan = bulk_outcomes.plan_file(request.user, name, content, versions)
        written = bulk_outcomes.apply(request.user, plan, note=f"Import från {name}")
    except bulk_outcomes.PlanRejected as rejected:
        return _page(request, plan=rejected.plan, name=name, changed=[], failed=True)
    except bulk_outcomes.FileError as error:
        return _page(request, problem=f"{name}: {error}")
    messages.success(request, f"{name}: {written} indikator{'er' if written != 1 else ''} sparades.")
    return redirect("outcome_import")


def _page(request, problem="", plan=None, name="", changed=(), failed=False, status=None):
    rows = [(row, FIELD_LABELS.get(field, field), before, row.after[field])
            for row in changed for field, before in row.before.items()]
    return render(request, "ils/outcome_import.html", {
        "value_columns": VALUE_COLUMNS, "problem": problem, "plan": plan, "name": name, "rows": rows,
        "unchanged": len(plan.rows) - len(changed) if plan and not failed else 0, "failed": failed,
        "ready": bool(plan and not plan.errors and changed and not failed)},
        status=status or (422 if problem else plan.status if plan else 200))
