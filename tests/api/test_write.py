"""Writing outcomes through the API: in bulk (JSON) and by CSV/XLSX import with a preview.
All or nothing: one bad row, one denied row or one stale version and nothing is stored."""
from __future__ import annotations

import io

import pytest
from django.test import Client

from ils.api.models import ApiToken
from ils.domain.identifiers import indicator_code
from ils.persistence import models

from .conftest import SOCIAL, SODERMALM, make_user, report

pytestmark = pytest.mark.postgres


def _percent_indicators(name=SODERMALM, count=3):
    """Indicator values of a report whose unit is %, each alone under its name in the report."""
    rows = list(report(name).indicators.select_related("definition", "goal").order_by("order"))
    names = [r.definition_id for r in rows]
    return [r for r in rows if r.definition.unit == "%" and names.count(r.definition_id) == 1][:count]


def _snapshot(name=SODERMALM):
    return list(report(name).indicators.order_by("pk").values_list(
        "pk", "version", "outcome_text", "outcome_women_text", "outcome_men_text", "forecast_text", "analysis"))


def test_a_writer_writes_outcomes_in_bulk(api):
    first, second = _percent_indicators(count=2)
    response = api["skribent"].post("/api/outcomes/", {"items": [
        {"id": first.pk, "version": first.version, "outcome": "41,5 %", "outcome_women": 43.25, "outcome_men": "39.9"},
        {"committee": "sodermalms-stadsdelsnamnd", "year": 2024, "period": "T1",
         "indicator": indicator_code(second.definition.key), "forecast": "55"},
    ], "note": "Källsystem X"}, content_type="application/json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["written"] == 2 and body["errors"] == []
    first.refresh_from_db()
    second.refresh_from_db()
    # A bare number takes the indicator's unit, as the report prints it.
    assert (first.outcome_text, first.outcome_women_text, first.outcome_men_text) == ("41,5 %", "43,25 %", "39,9 %")
    assert float(first.outcome) == 41.5 and float(first.outcome_women) == 43.25
    assert second.forecast_text == "55 %" and second.version == 2 and first.version == 2
    audit = models.AuditEntry.objects.filter(item_type="indikator", item_id=first.pk)
    assert {a.field for a in audit} >= {"outcome", "outcome_women"} and "outcome_text" not in {a.field for a in audit}
    assert {a.note for a in audit} == {"Källsystem X"}


def test_one_bad_row_stores_nothing_and_names_the_row(api):
    first, second, third = _percent_indicators()
    before = _snapshot()
    response = api["skribent"].post("/api/outcomes/", {"items": [
        {"id": first.pk, "outcome": "12"},
        {"id": second.pk, "outcome": "tolv"},
        {"id": third.pk, "forecast": "1.2.3"},
        {"id": 99999999, "outcome": "1"},
        {"committee": "sodermalms-stadsdelsnamnd", "year": 2024, "period": "T3", "indicator": "x", "outcome": "1"},
    ]}, content_type="application/json")
    assert response.status_code == 404  # an unknown id outranks the invalid values
    errors = [(e["row"], e["code"]) for e in response.json()["errors"]]
    assert errors == [(2, "invalid"), (3, "invalid"), (4, "not_found"), (5, "invalid")]
    assert "tolv" in response.json()["errors"][0]["problem"]
    assert _snapshot() == before


def test_permissions_are_those_of_the_web_pages(api):
    row = _percent_indicators(count=1)[0]
    payload = {"items": [{"id": row.pk, "outcome": "12"}]}

    def status(role):
        return api[role].post("/api/outcomes/", payload, content_type="application/json").status_code

    before = _snapshot()
    assert status("anonym") == 401
    assert status("skribent-social") == 404  # another committee's draft: not even its existence
    assert status("lasare") == 403  # reads the draft, may not change it
    assert status("lasare-stad") == 403
    assert _snapshot() == before
    assert status("controller") == 200
    report_row = report()
    report_row.status = "last"
    report_row.save()
    models.Goal.objects.filter(report=report_row).update(status="last")
    assert status("admin") == 403  # published data never changes


def test_a_writer_limited_to_some_goals_may_not_write_elsewhere(api):
    row, other = _percent_indicators(count=2)
    limited = make_user("begransad")
    models.Membership.objects.create(user=limited, committee=report().committee, role="skribent",
                                     goals=[row.goal.number])
    _, token = ApiToken.issue(limited)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.post("/api/outcomes/", {"items": [{"id": row.pk, "outcome": "1"}]},
                       content_type="application/json").status_code == 200
    if other.goal.number != row.goal.number and not other.goal.number.startswith(row.goal.number + "."):
        response = client.post("/api/outcomes/", {"items": [{"id": other.pk, "outcome": "1"}]},
                               content_type="application/json")
        assert response.status_code == 403 and response.json()["errors"][0]["code"] == "forbidden"


def test_a_stale_version_is_a_conflict(api):
    row = _percent_indicators(count=1)[0]
    ok = api["skribent"].post("/api/outcomes/", {"items": [{"id": row.pk, "version": row.version, "outcome": "1"}]},
                              content_type="application/json")
    assert ok.status_code == 200
    stale = api["controller"].post("/api/outcomes/", {"items": [{"id": row.pk, "version": row.version, "outcome": "2"}]},
                                   content_type="application/json")
    assert stale.status_code == 409 and stale.json()["errors"][0]["column"] == "version"
    row.refresh_from_db()
    assert row.outcome_text == "1 %"


def test_the_session_needs_the_csrf_token_to_write(client):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user("webb", superuser=True))
    row = _percent_indicators(count=1)[0]
    response = browser.post("/api/outcomes/", {"items": [{"id": row.pk, "outcome": "1"}]},
                            content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert browser.get("/api/reports/").status_code == 200
    stranger = Client(enforce_csrf_checks=True)  # no session, no token: not logged in, not a forgery
    response = stranger.post("/api/outcomes/", {"items": [{"id": row.pk, "outcome": "1"}]},
                             content_type="application/json")
    assert response.status_code == 401


def _csv(rows: list[list[str]], sep=";") -> bytes:
    return "\n".join(sep.join(r) for r in rows).encode("utf-8")


def _upload(client, path, name, content):
    return client.post(path, {"file": _file(name, content)})


def _file(name, content):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_csv_import_preview_shows_before_and_after_and_stores_nothing(api):
    first, second = _percent_indicators(count=2)
    content = _csv([["nämnd", "år", "period", "indikator", "mål", "utfall", "kvinnor", "män"],
                    ["Södermalms stadsdelsnämnd", "2024", "T1", first.name, first.goal.number, "12,5", "13", "12"],
                    ["sodermalms-stadsdelsnamnd", "2024", "T1", indicator_code(second.definition.key), "", "7", "", ""]])
    before = _snapshot()
    response = _upload(api["skribent"], "/api/outcomes/import/preview", "utfall.csv", content)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["errors"] == [] and [r["row"] for r in body["rows"]] == [2, 3]
    assert body["rows"][0]["after"] == {"outcome": "12,5 %", "outcome_women": "13 %", "outcome_men": "12 %"}
    assert body["rows"][0]["before"]["outcome"] == first.outcome_text
    assert _snapshot() == before
    committed = _upload(api["skribent"], "/api/outcomes/import", "utfall.csv", content)
    assert committed.status_code == 200 and committed.json()["written"] == 2
    first.refresh_from_db()
    assert first.outcome_text == "12,5 %" and first.version == 2


def test_csv_import_with_bad_rows_gives_row_level_errors_and_changes_nothing(api):
    first, second, third = _percent_indicators()
    content = _csv([["namnd", "ar", "period", "indikator", "utfall", "prognos"],
                    ["sodermalms-stadsdelsnamnd", "2024", "T1", indicator_code(first.definition.key), "12", ""],
                    ["sodermalms-stadsdelsnamnd", "2024", "T1", indicator_code(second.definition.key), "mycket", ""],
                    [";;;;;"[:0], "", "", "", "", ""],
                    ["okänd nämnd", "2024", "T1", "x", "1", ""],
                    ["sodermalms-stadsdelsnamnd", "2023", "T1", indicator_code(third.definition.key), "1", ""],
                    ["sodermalms-stadsdelsnamnd", "2024", "T1", "ingen sådan indikator", "1", ""],
                    ["sodermalms-stadsdelsnamnd", "2024", "T1", indicator_code(first.definition.key), "13", "2,2,2"]],
                   sep=",")
    before = _snapshot()
    for path in ("/api/outcomes/import/preview", "/api/outcomes/import"):
        response = _upload(api["skribent"], path, "utfall.csv", content)
        errors = {e["row"]: e["problem"] for e in response.json()["errors"]}
        assert sorted(errors) == [3, 5, 6, 7, 8], errors
        assert "'mycket' är inte ett tal" in errors[3]
        assert "nämnden 'okänd nämnd' finns inte" in errors[5]
        assert "har ingen rapport för T1 2023" in errors[6]
        assert "finns inte i rapporten" in errors[7]
        assert "2 värden står i kolumner utan rubrik" in errors[8]  # "2,2,2" unquoted: never half read
    assert response.status_code == 404
    assert _snapshot() == before
    assert not models.AuditEntry.objects.exists()


def test_xlsx_import_and_a_file_that_is_neither(api):
    import openpyxl

    first = _percent_indicators(count=1)[0]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "utfall", "analys"])
    sheet.append([first.pk, 66.6, "Utfallet steg efter satsningen."])
    out = io.BytesIO()
    book.save(out)
    response = _upload(api["skribent"], "/api/outcomes/import", "utfall.xlsx", out.getvalue())
    assert response.status_code == 200 and response.json()["written"] == 1, response.json()
    first.refresh_from_db()
    assert (first.outcome_text, first.analysis) == ("66,6 %", "Utfallet steg efter satsningen.")
    bad = _upload(api["skribent"], "/api/outcomes/import", "utfall.pdf", b"%PDF-1.4")
    assert bad.status_code == 422 and "CSV eller XLSX" in bad.json()["detail"]
    unknown = _upload(api["skribent"], "/api/outcomes/import", "u.csv", _csv([["vem", "vad"], ["a", "b"]]))
    assert unknown.status_code == 422 and "Okända kolumner: vem, vad" in unknown.json()["detail"]


def test_import_cannot_reach_another_committees_draft(api):
    row = _percent_indicators(SOCIAL, count=1)[0]
    content = _csv([["id", "utfall"], [str(row.pk), "5"]])
    response = _upload(api["skribent"], "/api/outcomes/import", "u.csv", content)
    assert response.status_code == 404 and response.json()["errors"][0]["row"] == 2


def test_a_nul_character_is_refused_in_parameters_and_rows(api):
    response = api["lasare-stad"].get("/api/city/2024/T1", {"committee": "sodermalms-stadsdelsnamnd\x00"})
    assert response.status_code == 400 and "nolltecken" in response.json()["detail"]
    first, second = _percent_indicators(count=2)
    before = _snapshot()
    response = api["skribent"].post("/api/outcomes/", {"items": [
        {"id": first.pk, "outcome": "12"}, {"id": second.pk, "analysis": "Bra\x00"}]}, content_type="application/json")
    assert response.status_code == 422
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(2, "analys")]
    assert _snapshot() == before
    response = api["skribent"].post("/api/outcomes/", {"items": [{"id": first.pk, "outcome": "12"}], "note": "a\x00"},
                                    content_type="application/json")
    assert response.status_code == 422 and _snapshot() == before
