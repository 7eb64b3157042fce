"""The economy in the app: tables carried over into T2, typed figures with computed totals and
deviations, requests that are a row and a decision, permissions, versions, audit, bad input."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from ils.domain.checks import check_document
from ils.domain.model import Period
from ils.domain.workflow import Role
from ils.persistence import docparts, economy, economy_printed, models, planning
from ils.persistence.editing import EditConflict
from ils.persistence.store import load_document

pytestmark = pytest.mark.postgres
SODERMALM = "Södermalms stadsdelsnämnd"


def _person(name, role, committee=SODERMALM, goals=()):
    user = get_user_model().objects.create_user(name)
    models.Membership.objects.create(user=user, role=role.value, goals=list(goals),
                                     committee=models.Committee.objects.get(name=committee) if committee else None)
    return user


@pytest.fixture
def t2():
    controller = _person("controller", Role.CONTROLLER)
    t1 = models.Report.objects.get(committee__name=SODERMALM, period="T1")
    return planning.create_document(controller, t1, 2024, Period.T2), controller


def _table(report, title):
    return report.economy_tables.get(title=title)


def _row(table, label):
    return table.rows.get(label=label)


def test_t2_carries_the_t1_tables_with_the_plan_and_forecast_but_not_the_requests(t2):
    report, _ = t2
    titles = list(report.economy_tables.values_list("title", flat=True))
    assert "Investeringar" in titles and "Resultatenheter" in titles and "Äldreomsorg" in titles
    assert "Budgetjusteringar" not in titles and "Omslutningsförändringar" not in titles  # T1's own requests
    drift = report.economy_tables.get(kind="driftbudget")
    assert drift.columns == ["Budget 2024", "Budgetjusteringar och prestationsförändringar", "Utfall jan–aug 2024",
                             "Prognos helår 2024", "Avvikelse"]
    assert _row(drift, "Äldreomsorg").values == ["1332.7", "0.0", None, "1318.7", "14.0"]
    assert _row(drift, "Totalt").values == ["2916.3", "7.5", None, "2901.8", "22.0"]
    assert not [f for f in check_document(load_document(report)) if f.kind.value == "ekonomi"]


def test_typing_outcome_and_forecast_recomputes_deviation_and_total_with_audit(t2):
    report, controller = t2
    drift = report.economy_tables.get(kind="driftbudget")
    row = _row(drift, "Äldreomsorg")
    changes = economy.update_table(controller, drift, drift.version,
                                   {row.pk: {"utfall": "880,2", "prognos": "1 330,7"}}, note="Test")
    assert [c.field for c in changes] == ["Äldreomsorg: Utfall jan–aug 2024", "Äldreomsorg: Prognos helår 2024"]
    assert _row(drift, "Äldreomsorg").values == ["1332.7", "0.0", "880.2", "1330.7", "2.0"]
    total = _row(drift, "Totalt").values
    assert total[2] == "880.2" and total[3] == "2913.8" and total[4] == "10.0"
    entries = models.AuditEntry.objects.filter(item_type="ekonomi", item_id=drift.pk)
    assert {(e.field, e.before, e.after, e.note) for e in entries} == {
        ("Utfall jan–aug 2024", "", "880.2", "Rad: Äldreomsorg; Test"),
        ("Prognos helår 2024", "1318.7", "1330.7", "Rad: Äldreomsorg; Test")}
    drift.refresh_from_db()
    assert drift.version == 2


def test_stale_version_bad_figures_and_other_tables_rows_are_refused_whole(t2):
    report, controller = t2
    drift = report.economy_tables.get(kind="driftbudget")
    other = _row(_table(report, "Investeringar"), "Klimatinvesteringar")
    row = _row(drift, "Äldreomsorg")
    before = list(drift.rows.values_list("values", flat=True))
    with pytest.raises(economy.EconomyError) as error:
        economy.update_table(controller, drift, 1, {row.pk: {"prognos": "12,5x", "utfall": "3"}})
    assert "Äldreomsorg, prognos: '12,5x' är inte ett tal" in str(error.value)
    with pytest.raises(economy.EconomyError, match="hör inte till tabellen"):
        economy.update_table(controller, drift, 1, {other.pk: {"prognos": "1"}})
    with pytest.raises(economy.EconomyError, match="räknas fram"):
        economy.update_table(controller, drift, 1, {row.pk: {"avvikelse": "1"}})
    with pytest.raises(economy.EconomyError, match="summa räknas fram"):
        economy.update_table(controller, drift, 1, {_row(drift, "Totalt").pk: {"budget": "1"}})
    assert list(drift.rows.values_list("values", flat=True)) == before
    economy.update_table(controller, drift, 1, {row.pk: {"utfall": "1"}})
    with pytest.raises(EditConflict):
        economy.update_table(controller, drift, 1, {row.pk: {"utfall": "2"}})
    assert _row(drift, "Äldreomsorg").values[2] == "1"


def test_permissions_readers_other_committees_limited_writers_and_locked_documents(t2):
    report, controller = t2
    drift = report.economy_tables.get(kind="driftbudget")
    row = _row(drift, "Äldreomsorg")
    for user in (_person("lasare", Role.READER), _person("social", Role.WRITER, "Socialnämnden"),
                 _person("begransad", Role.WRITER, goals=["1.1"])):
        with pytest.raises(PermissionDenied):
            economy.update_table(user, drift, 1, {row.pk: {"utfall": "1"}})
    writer = _person("skribent", Role.WRITER)
    economy.update_table(writer, drift, 1, {row.pk: {"utfall": "1"}})
    models.Report.objects.filter(pk=report.pk).update(status="last")
    with pytest.raises(PermissionDenied, match="låst"):
        economy.update_table(controller, drift, 2, {row.pk: {"utfall": "2"}})
    with pytest.raises(PermissionDenied):
        economy.make_request(controller, report, "budgetjustering", "Klimat", "1,0")
    assert _row(drift, "Äldreomsorg").values[2] == "1"


def test_a_budgetjustering_is_a_row_and_a_numbered_decision_with_the_same_amount(t2):
    report, controller = t2
    first = economy.make_request(controller, report, "budgetjustering", "klimatinvesteringar", "0,7")
    second = economy.make_request(controller, report, "budgetjustering", "Stockholm vid vattnet", "0,5")
    table = report.economy_tables.get(kind="budgetjusteringar")
    assert [(r.label, r.kind, r.values) for r in table.rows.all()] == [
        ("klimatinvesteringar", "data", ["0.7"]), ("Stockholm vid vattnet", "data", ["0.5"]),
        ("Summa", "total", ["1.2"])]
    assert (first.decision.number, second.decision.number) == (1, 2)
    assert first.decision.text == "Nämnden begär budgetjustering om 0,7 mnkr för kostnader avseende klimatinvesteringar."
    assert first.decision.amount == Decimal("0.7") and first.decision.amount_unit == "mnkr"
    table.refresh_from_db()
    economy.change_request(controller, first, table.version, amount="1,2")
    first.decision.refresh_from_db()
    assert first.decision.amount == Decimal("1.2") and "om 1,2 mnkr" in first.decision.text
    assert _row(table, "Summa").values == ["1.7"]
    with pytest.raises(economy.EconomyError, match="Belopp \\(mnkr\\): '1,2 kr' är inte ett tal"):
        economy.change_request(controller, first, table.version + 1, amount="1,2 kr")
    with pytest.raises(economy.EconomyError, match="högst tre decimaler"):
        economy.make_request(controller, report, "budgetjustering", "Klimat", "0,12345")
    with pytest.raises(economy.EconomyError, match="ändra begäran"):
        economy.update_table(controller, table, table.version + 1, {first.row_id: {"belopp": "9"}})
    doc = load_document(report)
    assert [d.amount for d in doc.decisions] == [Decimal("1.2"), Decimal("0.5")]
    assert not [f for f in check_document(doc) if f.kind.value == "ekonomi"]
    table.refresh_from_db()
    economy.remove_request(controller, first, table.version)
    assert list(report.decisions.values_list("number", "amount")) == [(1, Decimal("0.5"))]
    assert _row(table, "Summa").values == ["0.5"]


def test_a_requests_decision_goes_through_the_decision_service_and_changes_only_with_its_row(t2):
    report, controller = t2
    own = docparts.add_decision(controller, report, None, "Nämnden godkänner tertialrapporten.")
    request = economy.make_request(controller, report, "budgetjustering", "Klimat", "0,7")
    assert request.decision.number == 2
    assert models.AuditEntry.objects.filter(item_type="beslut", item_id=request.decision.pk, field="skapad").exists()
    assert [d.economy_row for d in load_document(report).decisions] == ["", "Budgetjusteringar: Klimat"]
    for change in (lambda: docparts.update_decision(controller, request.decision, None, "Annat.", "9"),
                   lambda: docparts.remove_decision(controller, request.decision, None)):
        with pytest.raises(docparts.InvalidInput, match="ändra eller ta bort den i ekonomitabellen"):
            change()
    writer = _person("skribent", Role.WRITER)
    with pytest.raises(PermissionDenied):
        economy.make_request(writer, report, "budgetjustering", "Parker", "0,2")
    docparts.remove_decision(controller, own, None)
    request.decision.refresh_from_db()
    assert request.decision.number == 1 and report.decisions.count() == 1


def test_rows_and_tables_are_added_and_removed_with_their_sums(t2):
    report, controller = t2
    investments = _table(report, "Investeringar")
    row = economy.add_row(controller, investments, investments.version, "Lekplatser", values={"budget": "2,0",
                                                                                               "prognos": "1,5"})
    labels = list(investments.rows.values_list("label", flat=True))
    assert labels[-2:] == ["Lekplatser", "Totalt investeringar"]
    row.refresh_from_db()
    assert row.values == ["2.0", None, None, "1.5", "0.5"]
    assert _row(investments, "Totalt investeringar").values[0] == "41.1"
    with pytest.raises(economy.EconomyError, match="Radens namn: skriv ett namn"):
        economy.add_row(controller, investments, investments.version, "  ")
    economy.remove_row(controller, investments, investments.version, row.pk)
    assert _row(investments, "Totalt investeringar").values[0] == "39.1"
    with pytest.raises(economy.EconomyError, match="hör inte till"):
        economy.add_table(controller, report, "balansrakning")
    table = economy.add_table(controller, report, "lokalandamal")
    assert table.columns[-1] == "Avvikelse" and list(table.rows.values_list("label", flat=True)) == ["Totalt"]


def test_a_budgetjustering_goes_into_the_adjustment_column_of_the_rows_it_concerns(t2):
    report, controller = t2
    drift = report.economy_tables.get(kind="driftbudget")
    investments = report.economy_tables.get(kind="investeringar")
    row, project = _row(drift, "Äldreomsorg"), investments.rows.filter(kind="data").first()
    project_before = list(project.values)
    made = economy.make_request(controller, report, "budgetjustering", "Äldreomsorg", "0,7", rows=[row.pk, project.pk])
    row.refresh_from_db()
    assert row.values == ["1332.7", "0.7", None, "1318.7", "14.7"]  # the deviation counts the adjustment
    assert _row(drift, "Totalt").values[1] == "8.2"
    assert set(made.targets.values_list("pk", flat=True)) == {row.pk, project.pk}
    assert models.AuditEntry.objects.filter(item_type="ekonomi", item_id=drift.pk, note__contains="Begäran 1").exists()
    drift.refresh_from_db()
    with pytest.raises(economy.EconomyError, match="har budgetjusteringen i beslutspunkt 1"):
        economy.remove_row(controller, drift, drift.version, row.pk)
    table = made.row.table
    economy.change_request(controller, made, table.version, amount="1,0", rows=[row.pk])
    row.refresh_from_db()
    project.refresh_from_db()
    assert row.values[1] == "1.0" and project.values == project_before
    table.refresh_from_db()
    economy.remove_request(controller, made, table.version)
    row.refresh_from_db()
    assert row.values == ["1332.7", "0.0", None, "1318.7", "14.0"] and not report.decisions.exists()
    assert not [f for f in check_document(load_document(report)) if f.kind.value == "ekonomi"]


def test_a_budgetjustering_refuses_rows_it_cannot_adjust_and_saves_nothing(t2):
    report, controller = t2
    drift = report.economy_tables.get(kind="driftbudget")
    total, row = _row(drift, "Totalt"), _row(drift, "Äldreomsorg")
    other = models.Report.objects.get(committee__name="Socialnämnden").economy_tables.first().rows.first()
    volumes = report.economy_tables.filter(kind="volymer").first().rows.filter(kind="data").first()
    printed = economy_printed.add_table(controller, report, "Driftbudget som tryckt", ["Budget 2024"])
    printed_row = economy_printed.add_row(controller, printed, 1, "Äldreomsorg", ["1 332,7"])
    for rows, message in (([total.pk], "ingen verksamhets- eller projektrad"),
                          ([printed_row.pk], "står som rapporten skriver den"),
                          ([other.pk], "hör inte till dokumentets ekonomi"),
                          ([volumes.pk], "har ingen kolumn för budgetjusteringar"),
                          ([row.pk, _row(drift, "Individ- och familjeomsorg").pk], "högst en rad per tabell")):
        with pytest.raises(economy.EconomyError, match=message):
            economy.make_request(controller, report, "budgetjustering", "Klimat", "0,7", rows=rows)
    with pytest.raises(economy.EconomyError, match="bara en budgetjustering"):
        economy.make_request(controller, report, "omslutningsförändring", "Klimat", "0,7", rows=[row.pk])
    row.refresh_from_db()
    assert row.values[1] == "0.0" and not report.decisions.exists()
    assert not report.economy_tables.filter(kind="budgetjusteringar").exists()
