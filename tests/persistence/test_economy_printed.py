"""Writes to economy tables as printed: permission, version, locked documents, audit, limits and bad
cells (a Swedish error naming the row and the column, nothing half-saved); totals checked, not computed."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from ils.domain import economy_printed as ep
from ils.domain.checks import check_document
from ils.domain.model import Document
from ils.domain.workflow import Role
from ils.persistence import economy, economy_printed, models, store
from ils.persistence.editing import EditConflict

pytestmark = pytest.mark.postgres
SODERMALM = "Södermalms stadsdelsnämnd"


def _person(name, role, committee=SODERMALM):
    user = get_user_model().objects.create_user(name)
    models.Membership.objects.create(user=user, role=role.value,
                                     committee=models.Committee.objects.get(name=committee) if committee else None)
    return user


@pytest.fixture
def draft(seed_documents):
    seed = seed_documents["sodermalm"]
    report = store.save_document(Document(type=seed.type, period=seed.period, year=seed.year,
                                          committee=seed.committee), replace=True)
    return report, _person("controller", Role.CONTROLLER)


@pytest.fixture
def table(draft):
    report, controller = draft
    return economy_printed.add_table(controller, report, "Arbetsmarknadsåtgärder", ["Budget 2024", "Prognos 2024"],
                                     section="Ekonomi", unit="mnkr", stub="Mnkr")


def _audit(table, field):
    return models.AuditEntry.objects.filter(item_type="ekonomi", item_id=table.pk, field=field)


def test_a_total_is_stored_as_printed_and_the_checker_reports_it(draft, table):
    report, controller = draft
    economy_printed.add_row(controller, table, 1, "Kostnader", ["90,0", "89,0"])
    economy_printed.add_row(controller, table, 2, "Intäkter", ["-61,0", "-60,0"])
    netto = economy_printed.add_row(controller, table, 3, "Netto", ["29,0", "29,9"])
    netto.refresh_from_db()
    assert (netto.kind, netto.values, netto.raw) == ("total", ["29.0", "29.9"], ["29,0", "29,9"])
    findings = [f.message for f in check_document(store.load_document(report)) if f.kind.value == "ekonomi"]
    assert findings == ["Arbetsmarknadsåtgärder: raden 'Netto' i kolumnen 'Prognos 2024' är 29,9 men raderna "
                        "ovan summerar till 29,0"]


def test_rows_are_added_changed_moved_and_removed_with_audit_and_versions(draft, table):
    report, controller = draft
    first = economy_printed.add_row(controller, table, 1, "Intäkter", ["-61,0", ""])
    top = economy_printed.add_row(controller, table, 2, "Kostnader", ["90,0", "89,0"], position=0)
    assert list(table.rows.values_list("label", flat=True)) == ["Kostnader", "Intäkter"]
    assert table.version == 3 and _audit(table, "ny rad").count() == 2
    changes = economy_printed.change_row(controller, table, 3, first.pk, cells=["-61,5", "-60,0"], position=0)
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("Budget 2024", "-61,0", "-61,5"), ("Prognos 2024", "", "-60,0"), ("plats", "2", "1")]
    assert list(table.rows.values_list("label", flat=True)) == ["Intäkter", "Kostnader"]
    assert _audit(table, "Budget 2024").get().note == "Rad: Intäkter"
    with pytest.raises(EditConflict):
        economy_printed.change_row(controller, table, 3, first.pk, label="X")
    economy.remove_row(controller, table, 4, top.pk)
    assert list(table.rows.values_list("label", flat=True)) == ["Intäkter"] and table.version == 5
    economy_printed.change_table(controller, table, 5, columns=["Budget 2024", "Prognos 2024", "Avvikelse"])
    first.refresh_from_db()
    assert first.raw == ["-61,5", "-60,0", ""] and first.values == ["-61.5", "-60.0", None]
    with pytest.raises(economy.EconomyError, match="rad 1 \\(Intäkter\\), kolumnen 'Prognos 2024': cellen är inte tom"):
        economy_printed.change_table(controller, table, 6, columns=["Budget 2024"])


def test_a_bad_cell_names_its_row_and_column_and_nothing_is_saved(draft, table):
    report, controller = draft
    economy_printed.add_row(controller, table, 1, "Intäkter", ["-61,0", "-60,0"])
    with pytest.raises(economy.EconomyError) as refused:
        economy_printed.add_row(controller, table, 2, "Netto", ["29,9x", "1" * 41])
    assert refused.value.problems == [
        "rad 2 (Netto), kolumnen 'Budget 2024': '29,9x' är inte ett tal (skriv till exempel -61,0 eller 29,9 %, "
        "eller lämna cellen tom)", "rad 2 (Netto), kolumnen 'Prognos 2024': högst 40 tecken"]
    row = table.rows.get()
    with pytest.raises(economy.EconomyError, match="rad 1 \\(Intäkter totalt\\), kolumnen 'Prognos 2024': '=1\\+1'"):
        economy_printed.change_row(controller, table, 2, row.pk, label="Intäkter totalt", cells=["-62,0", "=1+1"])
    row.refresh_from_db()
    table.refresh_from_db()
    assert (row.label, row.raw, table.version) == ("Intäkter", ["-61,0", "-60,0"], 2)
    with pytest.raises(economy.EconomyError, match="en rubrikrad har inga tal"):
        economy_printed.add_row(controller, table, 2, "Rubrik", ["1", ""], kind="group")
    with pytest.raises(economy.EconomyError, match="1 celler men tabellen har 2 kolumner"):
        economy_printed.add_row(controller, table, 2, "Kort", ["1"])


def test_limits_on_columns_rows_and_texts(draft, table, monkeypatch):
    report, controller = draft
    with pytest.raises(economy.EconomyError, match="högst 20 kolumner"):
        economy_printed.add_table(controller, report, "Bred", ["k"] * 21)
    with pytest.raises(economy.EconomyError, match="Kolumn 2: högst 300 tecken"):
        economy_printed.add_table(controller, report, "Lång", ["a", "b" * 301])
    with pytest.raises(economy.EconomyError, match="Tabellens text: högst 20000 tecken"):
        economy_printed.add_table(controller, report, "Text", ["a"], text="x" * 20_001)
    monkeypatch.setattr(ep, "MAX_ROWS", 1)
    economy_printed.add_row(controller, table, 1, "En", ["1", "2"])
    with pytest.raises(economy.EconomyError, match="redan 1 rader"):
        economy_printed.add_row(controller, table, 2, "Två", ["1", "2"])
    assert report.economy_tables.count() == 1


def test_permission_computed_tables_and_locked_documents(draft, table):
    report, controller = draft
    reader = _person("lasare", Role.READER)
    with pytest.raises(PermissionDenied):
        economy_printed.add_row(reader, table, 1, "A", ["1", "2"])
    with pytest.raises(PermissionDenied):
        economy_printed.add_table(_person("annan", Role.CONTROLLER, "Socialnämnden"), report, "X", ["A"])
    computed = economy.add_table(controller, report, "driftbudget")
    with pytest.raises(PermissionDenied, match="räknas fram"):
        economy_printed.add_row(controller, computed, computed.version, "A", ["1"])
    with pytest.raises(PermissionDenied, match="tryckt"):
        economy.add_row(controller, table, 1, "A", values={})
    models.Report.objects.filter(pk=report.pk).update(status="last")
    table.report.refresh_from_db()
    with pytest.raises(PermissionDenied, match="låst"):
        economy_printed.change_table(controller, table, 1, title="Nytt")
    with pytest.raises(PermissionDenied, match="låst"):
        economy.remove_row(controller, table, 1, 1)
    table.refresh_from_db()
    assert table.title == "Arbetsmarknadsåtgärder" and not table.rows.exists()


@pytest.mark.parametrize("seed_name", ["hagersten-alvsjo", "hasselby-vallingby", "socialnamnden", "sodermalm"])
def test_an_imported_table_is_a_printed_table_and_loads_back_the_same(seed_documents, seed_name):
    seed = seed_documents[seed_name]
    report = models.Report.objects.get(committee__name=seed.committee, year=seed.year, period=seed.period.value)
    assert all(economy_printed.is_printed(t) for t in report.economy_tables.all())
    loaded = store.load_document(report).economy
    shape = [(t.title, t.section, t.unit, t.stub, t.columns, [(r.label, r.kind, r.values, r.raw) for r in t.rows])
             for t in loaded]
    assert shape == [(t.title, t.section, t.unit, t.stub, t.columns, [(r.label, r.kind, r.values, r.raw)
                                                                      for r in t.rows]) for t in seed.economy]
