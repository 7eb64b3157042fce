"""The internal control through the API: permissions (404/403), versions (409), audit, all-or-nothing import."""
from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ils.api.models import ApiToken
from ils.domain.internal_control import default_matrix
from ils.persistence import models
from tests.internal_control.fixtures import committee_year, people

from .conftest import TokenClient

pytestmark = pytest.mark.postgres


@pytest.fixture
def callers():
    reports = committee_year()
    who = people(reports["VP"].committee)
    clients = {name: TokenClient(ApiToken.issue(user, name="test")[1]) for name, user in who.items()}
    return reports, clients, f"/api/internal-control/committees/{reports['VP'].committee.slug}/2030"


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def test_the_whole_cycle_through_the_api(callers):
    reports, api, base = callers
    assert api["controller"].get(base).status_code == 404
    assert _post(api["reader"], base, {}).status_code == 403
    assert _post(api["outsider"], base, {}).status_code == 404
    assert _post(api["controller"], base, {}).status_code == 200
    risk = _post(api["writer"], f"{base}/risks", {"area": "Ekonomi", "description": "Felaktiga utbetalningar",
                                                  "probability": 3.2, "consequence": "2,5", "treatment": "kontroll"})
    assert risk.status_code == 200, risk.content
    risk_id = risk.json()["id"]
    analysis = api["reader"].get(base).json()
    assert analysis["risks"][0]["probability"] == "3,2" and analysis["risks"][0]["value"] == "8"
    assert analysis["risks"][0]["level"] == "Mycket hög"  # cells 4 x 3 on the default matrix
    control = _post(api["writer"], f"{base}/controls", {"risk": risk_id, "what": "Attest", "method": "stickprov",
                                                         "frequency": "tertialvis", "reported_in": ["T1", "VB"]})
    control_id = control.json()["id"]
    follow = _post(api["writer"], f"/api/internal-control/controls/{control_id}/follow-ups/T1",
                   {"version": 0, "carried_out": True, "result": "Inga fel"})
    assert follow.status_code == 200
    judged = _post(api["controller"], f"{base}/judgement", {"version": 1, "judgement": "tillracklig"})
    assert judged.status_code == 200
    assert api["reader"].get(base).json()["controls"][0]["follow_ups"][0]["result"] == "Inga fel"
    city = api["admin"].get("/api/internal-control/city/2030").json()
    assert any(c["count"] == 1 and (c["probability"], c["consequence"]) == (4, 3) for c in city["cells"])


def test_stale_versions_answer_409_and_bad_input_422_naming_the_field(callers):
    reports, api, base = callers
    _post(api["controller"], base, {})
    risk_id = _post(api["writer"], f"{base}/risks", {"area": "A", "description": "B", "probability": "1",
                                                     "consequence": "1"}).json()["id"]
    assert _patch(api["writer"], f"/api/internal-control/risks/{risk_id}", {"version": 1, "area": "C"}).status_code == 200
    stale = _patch(api["controller"], f"/api/internal-control/risks/{risk_id}", {"version": 1, "area": "D"})
    assert stale.status_code == 409 and "lagrad version 2" in stale.json()["detail"]
    bad = _patch(api["writer"], f"/api/internal-control/risks/{risk_id}", {"version": 2, "probability": "9"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == "probability"
    risk = models.Risk.objects.get(pk=risk_id)
    assert (risk.area, risk.probability) == ("C", 1)
    assert models.AuditEntry.objects.filter(item_type="risk", item_id=risk_id, field="area", after="C").exists()
    assert api["outsider"].delete(f"/api/internal-control/risks/{risk_id}?version=2").status_code == 404
    assert api["reader"].delete(f"/api/internal-control/risks/{risk_id}?version=2").status_code == 403
    assert api["writer"].delete(f"/api/internal-control/risks/{risk_id}?version=2").status_code == 200


def test_import_is_all_or_nothing(callers):
    reports, api, base = callers
    _post(api["controller"], base, {})
    good = "område,risk,sannolikhet,konsekvens,kontrollmoment,metod,frekvens\nEkonomi,Fel,2,2,Attest,Stickprov,Årligen\n"
    bad = good + "IT,Driftstopp,5,1,,,\n"
    preview = api["writer"].post(f"{base}/import/preview", {"file": SimpleUploadedFile("p.csv", good.encode())})
    assert preview.status_code == 200 and preview.json()["risks"][0]["controls"] == ["Attest"]
    refused = api["writer"].post(f"{base}/import", {"file": SimpleUploadedFile("p.csv", bad.encode())})
    assert refused.status_code == 422 and refused.json()["errors"][0]["row"] == 3
    assert models.Risk.objects.count() == 0
    done = api["writer"].post(f"{base}/import", {"file": SimpleUploadedFile("p.csv", good.encode())})
    assert done.status_code == 200 and models.Control.objects.get().what == "Attest"


def test_only_administrators_set_the_city_matrix(callers):
    reports, api, base = callers
    body = {"version": 0, "definition": default_matrix().to_json()}
    assert _post(api["controller"], "/api/internal-control/city/2030/matrix", body).status_code == 403
    assert _post(api["admin"], "/api/internal-control/city/2030/matrix", body).json()["version"] == 1
    assert _post(api["admin"], "/api/internal-control/city/2030/matrix", body).status_code == 409
    assert _post(api["admin"], "/api/internal-control/city/2030/areas",
                 {"area": "Otillåten påverkan", "description": "Hot mot handläggare"}).status_code == 200


def test_the_bilagor_and_decisions_go_into_the_years_documents_through_the_api(callers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    reports, api, base = callers
    assert _post(api["controller"], base, {}).status_code == 200
    url = f"{base}/documents"
    assert api["outsider"].post(url).status_code == 404
    assert api["writer"].post(url).status_code == 403
    assert reports["VP"].attachments.count() == 0
    first = api["controller"].post(url)
    assert first.status_code == 200, first.content
    made = {d["period"]: d for d in first.json()["documents"]}
    assert set(made) == {"VP", "VB"}
    assert made["VP"]["added"] and [d["text"] for d in made["VP"]["decisions"]] == [
        "Nämnden godkänner system för internkontroll.",
        "Nämnden godkänner väsentlighets- och riskanalys samt internkontrollplan 2030."]
    assert made["VB"]["attachment"]["title"] == "Uppföljning av intern kontroll 2030" and not made["VB"]["decisions"]
    again = {d["period"]: d for d in api["controller"].post(url).json()["documents"]}
    assert not again["VP"]["added"] and again["VP"]["decisions"] == []
    assert again["VP"]["attachment"]["id"] == made["VP"]["attachment"]["id"]
    assert reports["VP"].attachments.count() == 1 and reports["VP"].decisions.count() == 2
