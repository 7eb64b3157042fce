"""API tokens expire by default, can be limited to reading, and are listed and revoked."""
from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ils.api.models import ApiToken
from ils.domain.workflow import Role
from tests.web.people import SODERMALM, _report, signed_in

pytestmark = pytest.mark.django_db


def _bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _user(name="nyckelägare"):
    client = signed_in(name, Role.WRITER, SODERMALM)
    return client, get_user_model().objects.get(username=name)


def test_a_token_expires_after_the_default_days(settings):
    _, user = _user()
    row, token = ApiToken.issue(user)
    assert abs((row.expires - timezone.now()).days - settings.API_TOKEN_DAYS) <= 1
    assert Client().get("/api/reports/", **_bearer(token)).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires=timezone.now())
    assert Client().get("/api/reports/", **_bearer(token)).status_code == 401


def test_a_read_only_token_reads_but_never_writes():
    _, user = _user()
    _, token = ApiToken.issue(user, read_only=True)
    row = _report().indicators.first()
    assert Client().get("/api/reports/", **_bearer(token)).status_code == 200
    response = Client().post("/api/outcomes/", {"items": [{"id": row.pk, "outcome": "1"}]},
                             content_type="application/json", **_bearer(token))
    assert response.status_code == 403 and "bara läsa" in response.json()["detail"]
    row.refresh_from_db()
    assert row.version == 1


def test_the_command_issues_lists_and_revokes():
    _, user = _user()
    out = io.StringIO()
    call_command("api_token", user.username, "--name", "källsystem", "--days", "7", "--read-only", stdout=out)
    token = out.getvalue().strip()
    assert token.startswith("ils_") and Client().get("/api/reports/", **_bearer(token)).status_code == 200
    listing = io.StringIO()
    call_command("api_token", "--list", stdout=listing)
    assert re.search(rf"{token[:10]}…\s+{user.username}\s+källsystem\s+läsa\s", listing.getvalue())
    call_command("api_token", "--revoke", token[:10], stdout=io.StringIO())
    assert Client().get("/api/reports/", **_bearer(token)).status_code == 401


def test_the_page_creates_shows_once_and_revokes():
    client, user = _user()
    page = client.post("/konto/nycklar/", {"name": "Excel", "days": "30", "read_only": "on"})
    token = re.search(r'<code id="ny-nyckel">(ils_[^<]+)</code>', page.text).group(1)
    assert Client().get("/api/reports/", **_bearer(token)).status_code == 200
    listed = client.get("/konto/nycklar/").text
    assert token[:10] in listed and token not in listed, "shown once, never again"
    assert client.post("/konto/nycklar/", {"name": "x", "days": "9999"}).status_code == 422
    other_client, _ = _user("annan-person")
    row = ApiToken.objects.get(user=user)
    assert other_client.post("/konto/nycklar/", {"steg": "aterkalla", "nyckel": row.pk}).status_code == 404
    client.post("/konto/nycklar/", {"steg": "aterkalla", "nyckel": row.pk})
    assert not ApiToken.objects.filter(pk=row.pk).exists()
    assert Client().get("/api/reports/", **_bearer(token)).status_code == 401
