"""Economy tables as printed ("tryckt") through the API: every seed's economy rebuilt in an empty draft
equals its import; rows added, changed, moved and removed; bad cells refused by row and column."""
from __future__ import annotations

import json

import pytest

from ils.domain.model import Document
from ils.persistence import models, store

from .conftest import SODERMALM

pytestmark = pytest.mark.postgres


def _json(client, method, url, body=None):
    return getattr(client, method)(url, data=json.dumps(body) if body is not None else None,
                                   content_type="application/json")


def _empty_draft(seed: Document) -> models.Report:
    """The seed's committee, year and period with nothing in it (replacing the stored import)."""
    empty = Document(type=seed.type, period=seed.period, year=seed.year, committee=seed.committee)
    return store.save_document(empty, replace=True)


def _shape(tables):
    return [(t.title, t.section, t.unit, t.stub, list(t.columns), t.text,
             [(r.label, r.kind, list(r.values), list(r.raw)) for r in t.rows]) for t in tables]


@pytest.mark.parametrize("seed_name", ["hagersten-alvsjo", "hasselby-vallingby", "socialnamnden", "sodermalm"])
def test_every_seed_economy_rebuilt_through_the_api_equals_its_import(api, seed_documents, seed_name):
    seed = seed_documents[seed_name]
    report = _empty_draft(seed)
    assert not report.economy_tables.exists()
    client = api["admin"]
    for table in seed.economy:
        made = _json(client, "post", f"/api/economy/reports/{report.pk}/tables", {
            "kind": "tryckt", "title": table.title, "section": table.section, "unit": table.unit,
            "stub": table.stub, "columns": table.columns, "text": table.text})  # a text alone has no columns
        assert made.status_code == 201, made.content
        body = made.json()
        for row in table.rows:
            added = _json(client, "post", f"/api/economy/tables/{body['id']}/rows", {
                "version": body["version"], "label": row.label, "kind": row.kind.value, "cells": row.raw})
            assert added.status_code == 201, (row.label, added.content)
            body = added.json()
    rebuilt = store.load_document(models.Report.objects.get(pk=report.pk)).economy
    assert _shape(rebuilt) == _shape(seed.economy)


def test_the_imported_tables_are_printed_tables_with_their_printed_cells(api, seed_documents):
    seed = seed_documents["sodermalm"]
    report = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    tables = api["lasare"].get(f"/api/economy/reports/{report.pk}/tables").json()
    assert {t["kind"] for t in tables} == {"tryckt"}
    assert [(t["title"], t["section"], t["columns"], [r["cells"] for r in t["rows"]]) for t in tables] == [
        (t.title, t.section, t.columns, [r.raw for r in t.rows]) for t in seed.economy]


@pytest.fixture
def printed(api, seed_documents):
    report = _empty_draft(seed_documents["sodermalm"])
    made = _json(api["controller"], "post", f"/api/economy/reports/{report.pk}/tables", {
        "kind": "tryckt", "title": "Arbetsmarknad", "unit": "mnkr", "stub": "Mnkr",
        "columns": ["Budget 2024", "Prognos 2024"], "text": "Som rapporten skriver den."})
    assert made.status_code == 201, made.content
    return report, made.json()


def test_rows_are_added_changed_moved_and_removed_with_versions(api, printed):
    report, table = printed
    url = f"/api/economy/tables/{table['id']}"
    client = api["controller"]
    first = _json(client, "post", f"{url}/rows", {"version": 1, "label": "Intäkter", "cells": ["-61,0", "-60,0"]})
    second = _json(client, "post", f"{url}/rows", {"version": 2, "label": "Netto", "cells": ["29,9", ""]})
    top = _json(client, "post", f"{url}/rows", {"version": 3, "label": "Kostnader", "cells": ["90,0", "89,0"],
                                                "position": 0})
    assert top.status_code == 201, top.content
    rows = top.json()["rows"]
    assert [(r["label"], r["kind"], r["cells"]) for r in rows] == [
        ("Kostnader", "data", ["90,0", "89,0"]), ("Intäkter", "data", ["-61,0", "-60,0"]),
        ("Netto", "total", ["29,9", ""])]
    assert first.json()["version"] == 2 and second.json()["version"] == 3 and top.json()["version"] == 4
    moved = _json(client, "patch", f"{url}/rows/{rows[1]['id']}", {"version": 4, "position": 0, "cells": ["-61,5", "-60,0"]})
    assert moved.status_code == 200, moved.content
    assert [(r["label"], r["cells"][0]) for r in moved.json()["rows"]] == [
        ("Intäkter", "-61,5"), ("Kostnader", "90,0"), ("Netto", "29,9")]
    stale = _json(client, "patch", f"{url}/rows/{rows[1]['id']}", {"version": 4, "label": "X"})
    assert stale.status_code == 409
    head = _json(client, "patch", url, {"version": 5, "columns": ["Budget 2024", "Prognos 2024", "Avvikelse"],
                                        "title": "Arbetsmarknad (netto)"})
    assert head.status_code == 200, head.content
    assert head.json()["rows"][0]["cells"] == ["-61,5", "-60,0", ""] and head.json()["title"] == "Arbetsmarknad (netto)"
    gone = client.delete(f"{url}/rows/{rows[2]['id']}?version=6")
    assert gone.status_code == 200 and [r["label"] for r in gone.json()["rows"]] == ["Intäkter", "Kostnader"]
    assert models.AuditEntry.objects.filter(item_type="ekonomi", item_id=table["id"], field="plats").count() == 1


def test_bad_cells_permissions_and_locked_documents(api, printed):
    report, table = printed
    url = f"/api/economy/tables/{table['id']}"
    bad = _json(api["controller"], "post", f"{url}/rows", {"version": 1, "label": "Netto", "cells": ["29,9x", "1"]})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["problem"].startswith("rad 1 (Netto), kolumnen 'Budget 2024': '29,9x' är inte ett tal")
    short = _json(api["controller"], "post", f"{url}/rows", {"version": 1, "label": "Netto", "cells": ["1"]})
    assert short.status_code == 422 and "1 celler men tabellen har 2 kolumner" in short.json()["errors"][0]["problem"]
    figures = _json(api["controller"], "post", f"{url}/rows", {"version": 1, "label": "Netto", "values": {"budget": "1"}})
    assert figures.status_code == 422
    assert not models.EconomyRow.objects.filter(table_id=table["id"]).exists()
    assert _json(api["lasare"], "post", f"{url}/rows", {"version": 1, "label": "A", "cells": ["1", "2"]}).status_code == 403
    fixed = _json(api["controller"], "patch", url, {"version": 1, "rows": [{"id": 1, "values": {"budget": "1"}}]})
    assert fixed.status_code == 422
    models.Report.objects.filter(pk=report.pk).update(status="last")
    locked = _json(api["controller"], "post", f"{url}/rows", {"version": 1, "label": "A", "cells": ["1", "2"]})
    assert locked.status_code == 403 and "låst" in locked.json()["detail"]
    assert _json(api["admin"], "post", f"/api/economy/reports/{report.pk}/tables",
                 {"kind": "tryckt", "title": "X", "columns": ["A"]}).status_code == 403


def test_a_computed_kind_takes_no_columns_and_a_printed_table_needs_them(api, printed):
    report, _ = printed
    url = f"/api/economy/reports/{report.pk}/tables"
    fixed = _json(api["controller"], "post", url, {"kind": "driftbudget", "columns": ["A"]})
    assert fixed.status_code == 422 and "bara för en tryckt tabell" in fixed.json()["errors"][0]["problem"]
    none = _json(api["controller"], "post", url, {"kind": "tryckt", "title": "X"})
    assert none.status_code == 422 and "minst en kolumn" in none.json()["errors"][0]["problem"]
    text = _json(api["controller"], "post", url, {"kind": "tryckt", "title": "X", "text": "Inte aktuellt."})
    assert text.status_code == 201 and text.json()["columns"] == []  # a text without a table
    row = _json(api["controller"], "post", f"/api/economy/tables/{text.json()['id']}/rows",
                {"version": text.json()["version"], "label": "Rad", "cells": []})
    assert row.status_code == 422 and "ingen tabell" in row.json()["errors"][0]["problem"]
    many = _json(api["controller"], "post", url, {"kind": "tryckt", "title": "X", "columns": ["A"] * 21})
    assert many.status_code == 422 and "högst 20 kolumner" in many.json()["errors"][0]["problem"]
