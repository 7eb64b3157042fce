"""Open data: only locked reports, stable identifiers, gender as T/K/M like Kolada."""
from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from ils.domain.identifiers import indicator_code
from ils.domain.model import indicator_key

from .conftest import SOCIAL, lock

pytestmark = pytest.mark.postgres

AID = "Andel personer som har ekonomiskt bistånd i förhållande till befolkningen"


def _csv(client, query=""):
    response = client.get("/oppna-data/utfall.csv" + query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_drafts_are_never_published():
    assert _csv(Client()) == []


def test_published_outcomes_with_gender_split_and_stable_ids():
    lock(SOCIAL)
    anyone = Client()  # open data needs no login
    rows = _csv(anyone)
    assert {r["namnd"] for r in rows} == {SOCIAL}
    aid = {r["kon"]: r for r in rows if r["indikator"] == AID}
    # Socialnämnden L860: total 0,07 %, men 0,11 %, women 0,02 %.
    assert {k: (r["varde"], r["varde_text"]) for k, r in aid.items()} == {
        "T": ("0.07", "0,07 %"), "K": ("0.02", "0,02 %"), "M": ("0.11", "0,11 %")}
    t = aid["T"]
    assert t["indikator_id"] == indicator_code(indicator_key(AID)) and t["namnd_id"] == "socialnamnden"
    assert t["rapport_id"] == "socialnamnden-2024-T1" and t["kf_malvarde"] == "1,5 %" and t["kf_indikator"] == "1"
    data = json.loads(b"".join(anyone.get("/oppna-data/utfall.json?ar=2024").streaming_content))
    assert len(data["varden"]) == len(rows) and data["varden"][0].keys() == set(data["falt"])
    assert _csv(anyone, "?ar=2023") == [] and _csv(anyone, "?namnd=sodermalms-stadsdelsnamnd") == []
    assert "Öppna data" in anyone.get("/oppna-data/").text
    assert anyone.get("/oppna-data/utfall.xml").status_code == 404
