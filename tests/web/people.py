"""The people of the web tests: one signed-in client per role, and the reports they work on."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from ils.domain.workflow import Role
from ils.persistence import models

SODERMALM, SOCIAL = "Södermalms stadsdelsnämnd", "Socialnämnden"


def signed_in(username, role=None, committee=None, superuser=False) -> Client:
    user = get_user_model().objects.create_user(username, password="x", is_superuser=superuser)
    if role:
        models.Membership.objects.create(
            user=user, role=role.value,
            committee=models.Committee.objects.get(name=committee) if committee else None)
    client = Client()
    client.force_login(user)
    return client


def every_role() -> dict[str, Client]:
    return {
        "anonym": Client(),
        "admin": signed_in("admin", superuser=True),
        "controller": signed_in("controller", Role.CONTROLLER, SODERMALM),
        "skribent": signed_in("skribent", Role.WRITER, SODERMALM),
        "skribent-social": signed_in("skribent-social", Role.WRITER, SOCIAL),
        "lasare": signed_in("lasare", Role.READER, SODERMALM),
    }


def _report(name=SODERMALM):
    return models.Report.objects.get(committee__name=name)
