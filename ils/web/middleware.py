"""Requests refused before any view runs: U+0000, bodies over the limits, and, in debug mode,
any address but this machine's. Signed-in sessions are renewed so they end when idle.


PostgreSQL cannot store or compare the NUL character in text, so a query string or form value
holding one would end as a server error there (SQLite accepts it). Django's form fields already
reject it; this covers the views and API operations that read parameters directly. JSON bodies are
checked where they are parsed (``ils.persistence.bulk_outcomes``). Multipart bodies are not
parsed here: an upload is read only by a view that has checked the person's permission.
"""
from __future__ import annotations

import ipaddress
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden, JsonResponse

NUL = "\x00"


def _carries_nul(request) -> bool:
    if NUL in request.path:
        return True
    forms = [request.POST] if request.content_type == "application/x-www-form-urlencoded" else []
    for data in (request.GET, *forms):
        for key, values in data.lists():
            if NUL in key or any(NUL in value for value in values):
                return True
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


def _answer(request, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "errors": []}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RefuseLargeBodies:
    """413 for a body larger than the limits, judged by its declared length before it is read:
    uploads (multipart) up to MAX_UPLOAD_BYTES, anything else (JSON, forms) up to
    DATA_UPLOAD_MAX_MEMORY_SIZE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _answer(request, 400, "Ogiltig Content-Length.")
        multipart = request.content_type == "multipart/form-data"
        limit = settings.MAX_UPLOAD_BYTES + 64 * 1024 if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if length > limit:
            return _answer(request, 413, f"Förfrågan är för stor (högst {limit // 1_000_000} MB).")
        return self.get_response(request)


class LoopbackOnlyInDebug:
    """Debug pages show settings and code: with DEBUG on, only this machine is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                loopback = ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
            except ValueError:
                loopback = False
            if not loopback:
                return HttpResponseForbidden("Utvecklingsläget (ILS_DEBUG=1) svarar bara på den egna datorn.")
        return self.get_response(request)


class IdleSessionTimeout:
    """A signed-in session lives SESSION_COOKIE_AGE after its last request: renewed at most once
    a minute, so an active person is not written to the database on every request."""

    RENEW_AFTER = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get("_ils_seen", 0) >= self.RENEW_AFTER:
                request.session["_ils_seen"] = now
        return self.get_response(request)
