"""The economy through the API: read, write figures (computed deviations and totals), rows, tables and
requests, with the web's permissions, version checks (409), audit and Swedish errors (422)."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from ils.domain.model import Period
from ils.persistence import models, planning

from .conftest import SODERMALM

pytestmark = pytest.mark.postgres


@pytest.fixture
def t2(api):
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    return planning.create_document(get_user_model().objects.get(username="controller"), t1, 2024, Period.T2)


def _json(client, method, url, body=None):
    return getattr(client, method)(url, data=json.dumps(body) if body is not None else None,
                                   content_type="application/json")


def test_read_tables_kinds_and_permissions(api, t2):
    kinds = api["lasare"].get("/api/economy/kinds").json()
    drift = next(k for k in kinds if k["kind"] == "driftbudget")
    assert [(c["key"], c["typed"]) for c in drift["columns"] if "T2" in c["periods"]] == [
        ("budget", True), ("justering", True), ("utfall", True), ("prognos", True), ("avvikelse", False)]
    tables = api["lasare"].get(f"/api/economy/reports/{t2.pk}/tables").json()
    table = next(t for t in tables if t["kind"] == "driftbudget")
    row = next(r for r in table["rows"] if r["label"] == "Äldreomsorg")
    assert row["values"]["avvikelse"] == 14.0 and row["cells"][3] == "1 318,7"
    assert api["skribent-social"].get(f"/api/economy/reports/{t2.pk}/tables").status_code == 404
    assert api["skribent-social"].get(f"/api/economy/tables/{table['id']}").status_code == 404
    denied = _json(api["lasare"], "patch", f"/api/economy/tables/{table['id']}",
                   {"version": 1, "rows": [{"id": row["id"], "values": {"utfall": "1"}}]})
    assert denied.status_code == 403


def test_write_figures_conflict_and_bad_input(api, t2):
    table = t2.economy_tables.get(kind="driftbudget")
    row = table.rows.get(label="Äldreomsorg")
    url = f"/api/economy/tables/{table.pk}"
    ok = _json(api["skribent"], "patch", url, {"version": 1, "rows": [
        {"id": row.pk, "values": {"utfall": "880,2", "prognos": 1330.7}, "text": "Fler insatser."}]})
    assert ok.status_code == 200, ok.content
    body = ok.json()
    assert body["version"] == 2
    written = next(r for r in body["rows"] if r["id"] == row.pk)
    assert written["values"]["avvikelse"] == 2.0 and written["text"] == "Fler insatser."
    assert next(r for r in body["rows"] if r["label"] == "Totalt")["values"]["prognos"] == 2913.8
    assert models.AuditEntry.objects.filter(item_type="ekonomi", item_id=table.pk, note="Rad: Äldreomsorg; API").count() == 3
    stale = _json(api["skribent"], "patch", url, {"version": 1, "rows": [{"id": row.pk, "values": {"utfall": "1"}}]})
    assert stale.status_code == 409
    other = t2.economy_tables.get(title="Investeringar").rows.first()
    bad = _json(api["skribent"], "patch", url, {"version": 2, "rows": [
        {"id": row.pk, "values": {"utfall": "12,5x"}}, {"id": other.pk, "values": {"budget": "1"}}]})
    assert bad.status_code == 422
    problems = [e["problem"] for e in bad.json()["errors"]]
    assert any("'12,5x' är inte ett tal" in p for p in problems) and any("hör inte till tabellen" in p for p in problems)
    row.refresh_from_db()
    assert row.values[2] == "880.2"
    models.Report.objects.filter(pk=t2.pk).update(status="last")
    locked = _json(api["controller"], "patch", url, {"version": 2, "rows": [{"id": row.pk, "values": {"utfall": "1"}}]})
    assert locked.status_code == 403 and "låst" in locked.json()["detail"]


def test_rows_tables_and_requests(api, t2):
    created = _json(api["controller"], "post", f"/api/economy/reports/{t2.pk}/tables", {"kind": "lokalandamal"})
    assert created.status_code == 201
    table = created.json()
    row = _json(api["controller"], "post", f"/api/economy/tables/{table['id']}/rows",
                {"version": table["version"], "label": "Hyra Katarina", "values": {"budget": "4,0", "prognos": "4,5"}})
    assert row.status_code == 201
    rows = row.json()["rows"]
    assert [(r["label"], r["values"]["avvikelse"]) for r in rows] == [("Hyra Katarina", -0.5), ("Totalt", -0.5)]
    request = _json(api["controller"], "post", f"/api/economy/reports/{t2.pk}/requests",
                    {"request": "budgetjustering", "label": "Klimatinvesteringar", "amount": "0,7"})
    assert request.status_code == 201
    made = request.json()
    assert made["decision_number"] == 1 and made["amount"] == 0.7
    assert "0,7 mnkr" in made["decision_text"]
    version = models.EconomyTable.objects.get(pk=made["table_id"]).version
    changed = _json(api["controller"], "patch", f"/api/economy/requests/{made['id']}", {"version": version, "amount": "1,1"})
    assert changed.status_code == 200 and changed.json()["amount"] == 1.1
    assert models.Decision.objects.get(pk=made["decision_id"]).amount == Decimal("1.1")
    assert models.EconomyRow.objects.get(pk=made["row_id"]).values == ["1.1"]
    bad = _json(api["controller"], "post", f"/api/economy/reports/{t2.pk}/requests",
                {"request": "resultatöverföring", "label": "X", "amount": "1"})
    assert bad.status_code == 422 and "hör inte till" in bad.json()["errors"][0]["problem"]
    gone = api["controller"].delete(f"/api/economy/requests/{made['id']}?version={version + 1}")
    assert gone.status_code == 204 and not t2.decisions.exists()


def test_openapi_documents_every_economy_operation(api):
    schema = api["lasare"].get("/api/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if p.startswith("/api/economy")}
    assert set(paths) == {"/api/economy/kinds", "/api/economy/reports/{report_id}/tables",
                          "/api/economy/tables/{table_id}", "/api/economy/tables/{table_id}/rows",
                          "/api/economy/tables/{table_id}/rows/{row_id}", "/api/economy/reports/{report_id}/requests",
                          "/api/economy/requests/{request_id}"}
    for ops in paths.values():
        for op in ops.values():
            assert op["summary"] and {"403", "404", "409", "422"} <= set(op["responses"])


def test_oversized_and_non_numeric_input_is_refused_with_422(api, t2):
    table = t2.economy_tables.get(kind="driftbudget")
    row = table.rows.get(label="Äldreomsorg")
    url = f"/api/economy/tables/{table.pk}"
    for values in ({"utfall": "1" * 41}, {f"k{i}": "1" for i in range(21)}, {"utfall": True}, {"utfall": [1]}):
        response = _json(api["controller"], "patch", url, {"version": 1, "rows": [{"id": row.pk, "values": values}]})
        assert response.status_code == 422, values
    row.refresh_from_db()
    assert row.values[2] is None


def test_a_budgetjustering_with_its_rows_enters_the_adjustment_column(api, t2):
    drift = t2.economy_tables.get(kind="driftbudget")
    row = drift.rows.get(label="Äldreomsorg")
    made = _json(api["controller"], "post", f"/api/economy/reports/{t2.pk}/requests",
                 {"request": "budgetjustering", "label": "Äldreomsorg", "amount": "0,7", "rows": [row.pk]})
    assert made.status_code == 201, made.content
    assert made.json()["rows"] == [row.pk]
    table = _json(api["lasare"], "get", f"/api/economy/tables/{drift.pk}").json()
    written = next(r for r in table["rows"] if r["id"] == row.pk)
    assert written["values"]["justering"] == 0.7 and written["values"]["avvikelse"] == 14.7
    version = models.EconomyTable.objects.get(pk=made.json()["table_id"]).version
    moved = _json(api["controller"], "patch", f"/api/economy/requests/{made.json()['id']}", {"version": version, "rows": []})
    assert moved.status_code == 200 and moved.json()["rows"] == []
    row.refresh_from_db()
    assert row.values[1] == "0.0"
    bad = _json(api["controller"], "post", f"/api/economy/reports/{t2.pk}/requests",
                {"request": "budgetjustering", "label": "X", "amount": "1", "rows": [drift.rows.get(label="Totalt").pk]})
    assert bad.status_code == 422 and "ingen verksamhets- eller projektrad" in bad.json()["errors"][0]["problem"]
