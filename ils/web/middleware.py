"""Requests carrying U+0000 are refused before any view runs.

PostgreSQL cannot store or compare the NUL character in text, so a query string or form value
holding one would end as a server error there (SQLite accepts it). Django's form fields already
reject it; this covers the views and API operations that read parameters directly. JSON bodies are
checked where they are parsed (``ils.persistence.bulk_outcomes``).
"""
from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse

NUL = "\x00"


def _carries_nul(request) -> bool:
    if NUL in request.path:
        return True
    forms = [request.POST] if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data") else []
    for data in (request.GET, *forms):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
    if request.content_type == "multipart/form-data":
        return any(NUL in (upload.name or "") for upload in request.FILES.values())
    return False


class RejectNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _carries_nul(request):
            message = "Förfrågan innehåller ett nolltecken (U+0000), som inte kan sparas eller sökas."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": []}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
