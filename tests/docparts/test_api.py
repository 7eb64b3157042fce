"""The API of the head, decisions and bilagor: same permissions, versions (409), audit and messages."""
from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ils.persistence import models
from tests.api.conftest import api, report  # noqa: F401  (the API's fixture and helper)

from .files import pdf_file

pytestmark = pytest.mark.postgres


def _json(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_read_the_parts_of_an_imported_report(api):  # noqa: F811
    r = report()
    parts = api["lasare"].get(f"/api/reports/{r.pk}/parts").json()
    assert parts["head"]["author"] == "Josefin Lokvist" and parts["head"]["phone"] == "0850812197"
    assert parts["head"]["title"] == "Tertialrapport Tertial 1 2024 för Södermalms stadsdelsnämnd"
    assert [d["amount"] for d in parts["decisions"]][:7] == [None, "0,7 mnkr", "4,9 mnkr", "0,5 mnkr", "0,5 mnkr",
                                                              "868 046 kronor", "61,0 mnkr"]
    assert parts["signatures"] == [{"name": "Alexandra Wynn", "title": "Stadsdelsdirektör"}]
    assert parts["attestations"] == [{"name": "Alexandra Wynn, Stadsdelsdirektör", "date": "2024-05-14"}]
    assert len(parts["attachments"]) == 9 and parts["attachments"][0]["url"] is None
    assert parts["editable"] is False
    assert api["skribent-social"].get(f"/api/reports/{r.pk}/parts").status_code == 404


def test_write_head_decisions_and_bilagor(api):  # noqa: F811
    r = report()
    version = api["controller"].get(f"/api/reports/{r.pk}/parts").json()["version"]
    done = _json(api["controller"], "put", f"/api/reports/{r.pk}/head",
                 {"version": version, "reference": "SDN 2024/77", "date": "2024-09-19", "email": "a.b@stockholm.se"})
    assert done.status_code == 200 and done.json()["head"]["reference"] == "SDN 2024/77"
    assert done.json()["head"]["email"] == "a.b@stockholm.se"
    version = done.json()["version"]
    stale = _json(api["controller"], "put", f"/api/reports/{r.pk}/head", {"version": version - 1, "phone": "08"})
    assert stale.status_code == 409
    bad = _json(api["controller"], "post", f"/api/reports/{r.pk}/decisions",
                {"version": version, "text": "Nämnden begär medel.", "amount": "1.5"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == "amount"
    assert "Beloppet" in bad.json()["errors"][0]["problem"]
    upload = api["controller"].post(f"/api/reports/{r.pk}/attachments", {
        "version": version, "title": "Ekonomisk uppföljning",
        "file": SimpleUploadedFile("x.dat", pdf_file(), content_type="application/octet-stream")})
    assert upload.status_code == 200, upload.content
    attachment = upload.json()["attachments"][-1]
    assert (attachment["label"], attachment["kind"]) == ("Bilaga 10", "pdf") and attachment["url"]
    version = upload.json()["version"]
    added = _json(api["controller"], "post", f"/api/reports/{r.pk}/decisions",
                  {"version": version, "text": "Nämnden begär medel för trygghet.", "amount": "1,5",
                   "attachment_id": attachment["id"], "position": 2})
    assert added.status_code == 200
    second = added.json()["decisions"][1]
    assert (second["number"], second["amount"], second["attachment"]) == (2, "1,5 mnkr", "Bilaga 10")
    assert added.json()["decisions"][2]["amount"] == "0,7 mnkr"  # the old second is now third
    version = added.json()["version"]
    removed = api["controller"].delete(f"/api/reports/{r.pk}/decisions/{second['id']}?version={version}")
    assert removed.status_code == 200 and len(removed.json()["decisions"]) == 10
    fields = set(models.AuditEntry.objects.filter(report=r).values_list("item_type", "field"))
    assert {("rapport", "reference"), ("bilaga", "skapad"), ("beslut", "skapad"), ("beslut", "borttagen")} <= fields


def test_permissions_and_wrong_files(api):  # noqa: F811
    r = report()
    version = r.front_version
    for role, status in (("skribent", 403), ("lasare", 403), ("skribent-social", 404), ("anonym", 401)):
        answer = _json(api[role], "put", f"/api/reports/{r.pk}/head", {"version": version, "phone": "08"})
        assert answer.status_code == status, role
    wrong = api["controller"].post(f"/api/reports/{r.pk}/attachments", {
        "version": version, "title": "Fel", "file": SimpleUploadedFile("bilaga.pdf", b"MZ\x90 not a pdf")})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["column"] == "file"
    assert r.attachments.count() == 9
    r.status = "last"
    r.save(update_fields=["status"])
    locked = _json(api["admin"], "put", f"/api/reports/{r.pk}/head", {"version": version, "phone": "08"})
    assert locked.status_code == 403 and "låst" in locked.json()["detail"]
    upload = api["admin"].post(f"/api/reports/{r.pk}/attachments", {
        "version": version, "title": "Ny", "file": SimpleUploadedFile("a.pdf", pdf_file())})
    assert upload.status_code == 403


def test_attest_the_approved_document(api):  # noqa: F811
    r = report()
    r.attestations.all().delete()
    url = f"/api/reports/{r.pk}/attestations"
    refused = _json(api["controller"], "post", url, {})
    assert refused.status_code == 403 and "godkänt" in refused.json()["detail"]
    r.goals.update(status="godkand")
    r.text_parts.update(status="godkand")
    for action in ("skicka", "godkann"):
        assert _json(api["controller"], "post", f"/api/planning/reports/{r.pk}/status",
                     {"action": action}).status_code == 200
    assert _json(api["skribent"], "post", url, {}).status_code == 403
    done = api["admin"].post(url)
    assert done.status_code == 200
    [attestation] = done.json()["attestations"]
    assert attestation["name"] == "admin, Administratör" and attestation["date"]
    assert _json(api["admin"], "post", url, {}).status_code == 403  # once per approval
    assert models.AuditEntry.objects.filter(report=r, field="attestering", note="API").exists()


def test_an_administrator_sets_the_befattning_an_attester_attests_with(api):  # noqa: F811
    r = report()
    url = f"/api/reports/{r.pk}/attester-title"
    assert _json(api["controller"], "put", url, {"username": "controller", "title": "chef"}).status_code == 403
    done = _json(api["admin"], "put", url, {"username": "controller", "title": "avdelningschef"})
    assert done.status_code == 200 and done.json() == {"username": "controller", "committee": r.committee.name,
                                                       "title": "avdelningschef"}
    assert models.Membership.objects.get(user__username="controller").title == "avdelningschef"
    for body in ({"username": "skribent", "title": "chef"}, {"username": "controller", "title": "<i>chef</i>"}):
        refused = _json(api["admin"], "put", url, body)
        assert refused.status_code == 422, body
    assert "varken controller" in _json(api["admin"], "put", url, {"username": "skribent", "title": "x"}).text
    assert models.Membership.objects.get(user__username="controller").title == "avdelningschef"
