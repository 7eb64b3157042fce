"""Schemathesis: generated requests against the OpenAPI schema, in process (WSGI), with a token.

Every operation must answer as its schema says (status codes, JSON shapes) and never with a
server error, whatever the input; writes reject what is invalid and store nothing then."""
from __future__ import annotations

import pytest
from django.conf import settings as django_settings
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from ils.api.models import ApiToken
from schemathesis.specs.openapi.checks import positive_data_acceptance

from .conftest import make_user

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
TOKENS: list[str] = []  # the current test's token, issued in its database transaction


@schema.auth(refresh_interval=None)
class BearerToken:
    """Schemathesis sets the header itself, so it knows which requests carry valid credentials."""

    def get(self, case, context):
        return TOKENS[-1] if TOKENS else ""  # also asked once while collecting, before any test

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def token(db):
    # The WSGI handler closes old connections around each request, which would close the test's
    # transaction on PostgreSQL; Django's own test client disconnects the same handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    TOKENS.append(ApiToken.issue(make_user("schemathesis", superuser=True))[1])
    yield
    TOKENS.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.postgres
@pytest.mark.django_db
@schema.parametrize()
# derandomize: every run (and CI) tries the same cases, so a failure reproduces; raise max_examples to explore.
@settings(max_examples=40, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, token):
    # A schema-valid write may still name no indicator or carry a word for a number (or a text
    # with control characters, an unknown writer, a template part under a missing parent): it is
    # then rejected with row-level errors (422/404), which the schema cannot express; a planning change
    # may ask a document for a field it does not have, or carry a stale version (409).
    excluded = [positive_data_acceptance] if case.method in ("POST", "PUT", "PATCH", "DELETE") else []
    response = case.call()
    if response.status_code == 413:
        # Bodies past the server's limit are refused before any view (RefuseLargeBodies), whatever
        # they hold; the schema documents the 413 and the refusal must be for size only.
        assert len(response.request.body or b"") > django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return
    case.validate_response(response, excluded_checks=excluded)
