"""Who is calling: an API token (`Authorization: Bearer ils_…`) or the browser's session (with
its CSRF token on writes). Either way the person's own permissions apply, through access.py."""
from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


class BrowserSession(SessionAuth):
    """Django's session, as the web pages use it; CSRF is checked on unsafe methods."""


AUTH = [TokenAuth(), BrowserSession()]
