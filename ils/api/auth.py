"""Who is calling: an API token (`Authorization: Bearer ils_…`) or the browser's session (with
its CSRF token on writes). Either way the person's own permissions apply, through access.py;
a read-only token may only read (403 on anything else)."""
from __future__ import annotations

from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        row = ApiToken.active_for(token)
        if row is None:
            return None
        if row.read_only and request.method not in SAFE_METHODS:
            raise HttpError(403, "API-nyckeln får bara läsa.")
        request.user = row.user
        return row.user


class BrowserSession(SessionAuth):
    """Django's session, as the web pages use it; CSRF is checked on unsafe methods.

    Only a request that carries the session cookie is checked for CSRF: without one it is simply
    not logged in (401), not a forged browser request (403)."""

    def _get_key(self, request):
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)


AUTH = [TokenAuth(), BrowserSession()]
