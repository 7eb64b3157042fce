"""A committee with its year's documents and people in each role, for the internal-control tests."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from ils.domain.workflow import Role
from ils.persistence import models

COMMITTEE = "Testnämnden för intern kontroll"


def person(username: str, role: Role | None = None, committee: models.Committee | None = None, superuser=False):
    user = get_user_model().objects.create_user(username, password="x", is_superuser=superuser)
    if role:
        models.Membership.objects.create(user=user, role=role.value, committee=committee)
    return user


def committee_year(year=2030, periods=("VP", "T1", "T2", "VB"), name=COMMITTEE) -> dict[str, models.Report]:
    committee, _ = models.Committee.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    types = {"VP": "verksamhetsplan", "T1": "tertialrapport", "T2": "tertialrapport", "VB": "verksamhetsberattelse"}
    return {p: models.Report.objects.create(committee=committee, year=year, period=p, type=types[p]) for p in periods}


def people(committee: models.Committee) -> dict:
    other, _ = models.Committee.objects.get_or_create(name="Annan nämnd", defaults={"slug": "annan-namnd"})
    return {"admin": person("ic-admin", superuser=True),
            "controller": person("ic-controller", Role.CONTROLLER, committee),
            "writer": person("ic-writer", Role.WRITER, committee),
            "reader": person("ic-reader", Role.READER, committee),
            "outsider": person("ic-outsider", Role.CONTROLLER, other)}
