"""API callers per role, each with a token: the same people as the web tests use."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ils.api.models import ApiToken
from ils.domain.workflow import Role
from ils.persistence import models

SODERMALM, SOCIAL = "Södermalms stadsdelsnämnd", "Socialnämnden"
ROLES = {
    "admin": (None, None, True),
    "controller": (Role.CONTROLLER, SODERMALM, False),
    "skribent": (Role.WRITER, SODERMALM, False),
    "skribent-social": (Role.WRITER, SOCIAL, False),
    "lasare": (Role.READER, SODERMALM, False),
    "lasare-stad": (Role.READER, None, False),
}


class TokenClient(Client):
    """A test client that sends an API token with every request."""

    def __init__(self, token: str | None):
        super().__init__()
        self.token = token

    def request(self, **request):
        if self.token:
            request.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return super().request(**request)


def make_user(username, role=None, committee=None, superuser=False):
    user = get_user_model().objects.create_user(username, password="x", is_superuser=superuser)
    if role:
        models.Membership.objects.create(user=user, role=role.value, committee=models.Committee.objects.get(
            name=committee) if committee else None)
    return user


@pytest.fixture
def api():
    """role -> a client with that person's token; 'anonym' has none."""
    clients = {"anonym": TokenClient(None)}
    for name, (role, committee, superuser) in ROLES.items():
        _, token = ApiToken.issue(make_user(name, role, committee, superuser), name="test")
        clients[name] = TokenClient(token)
    return clients


def report(name=SODERMALM) -> models.Report:
    return models.Report.objects.get(committee__name=name)
