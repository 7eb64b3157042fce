"""The search page: Swedish full-text search over analyses and descriptions the person may read."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render

from ils.persistence.access import readable_reports

from .index import KIND_LABELS, RANKED_AT_MOST, search


def _year(text: str | None) -> int | None | bool:
    """The year filter: None when absent, False when it is no year the reports could have."""
    if not text:
        return None
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and 1900 <= int(text) <= 2200 else False


@login_required
def search_page(request):
    text = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("typ") or None
    committee = request.GET.get("namnd") or None
    year = _year(request.GET.get("ar"))
    if year is False:
        return HttpResponseBadRequest("Ogiltigt år: ange ett årtal mellan 1900 och 2200.",
                                      content_type="text/plain; charset=utf-8")
    hits, total = search(request.user, text, year=year, committee=committee, kind=kind) if text else ([], 0)
    readable = readable_reports(request.user)
    return render(request, "ils/search/search.html", {
        "q": text, "hits": hits, "total": total, "kind": kind, "kinds": KIND_LABELS.items(), "year": year,
        "committee": committee, "ranked_at_most": RANKED_AT_MOST,
        "years": sorted(set(readable.values_list("year", flat=True)), reverse=True),
        "committees": list(readable.values_list("committee__slug", "committee__name").distinct().order_by("committee__name")),
    })
