from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from ils.domain.workflow import Role
from ils.persistence import models

SODERMALM, SOCIAL = "Södermalms stadsdelsnämnd", "Socialnämnden"


def login(username, role=None, committee=None, superuser=False) -> Client:
    user = get_user_model().objects.create_user(username, password="x", is_superuser=superuser)
    if role:
        models.Membership.objects.create(user=user, role=role.value, committee=models.Committee.objects.get(
            name=committee) if committee else None)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin():
    return login("admin", superuser=True)


@pytest.fixture
def social_writer():
    return login("skribent-social", Role.WRITER, SOCIAL)


def lock(name: str) -> None:
    report = models.Report.objects.get(committee__name=name)
    report.status = "last"
    report.save()
    report.goals.update(status="last")
