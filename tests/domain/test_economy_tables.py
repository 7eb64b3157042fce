"""The economy table kinds: which columns are typed and which computed, the sign conventions, totals
that skip varav rows, strict figures, and what a new document carries over."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from ils.domain import economy_tables as et
from ils.domain.checks import check_document
from ils.domain.economics import EconomyRow, RowKind
from ils.domain.model import Period
from tests.importers.seeds import SEED_FILES


def _row(label, *values, kind=RowKind.DATA):
    return EconomyRow(label, [None if v is None else D(v) for v in values], 0, kind)


def test_money_deviation_is_budget_plus_adjustments_minus_forecast_and_totals_skip_varav():
    spec = et.SPECS[et.TableKind.DRIFT]
    assert [c.key for c in spec.columns_for(Period.T2)] == ["budget", "justering", "utfall", "prognos", "avvikelse"]
    assert spec.typed_keys(Period.T2) == ["budget", "justering", "utfall", "prognos"]
    rows = et.compute(spec, Period.T2, [
        _row("Individ- och familjeomsorg", "274.7", None, "180.0", "280.0", "999"),
        _row("varav barn", "142.1", None, None, "150.0", None, kind=RowKind.VARAV),
        _row("Äldreomsorg", "1332.7", "0.5", None, "1318.7", None),
        _row("Totalt", "1", "1", "1", "1", "1", kind=RowKind.TOTAL)])
    assert rows[0].values[4] == D("-5.3")  # the typed deviation is replaced by the computed one
    assert rows[1].values[4] == D("-7.9")
    assert rows[2].values[4] == D("14.5")
    assert rows[3].values == [D("1607.4"), D("0.5"), D("180.0"), D("1598.7"), D("9.2")]


def test_the_vb_compares_with_the_bokslut_and_has_no_forecast():
    spec = et.SPECS[et.TableKind.INVESTMENTS]
    assert spec.headers(2022, Period.VB) == ["Budget 2022", "Budgetjusteringar", "Bokslut 2022", "Avvikelse"]
    assert spec.headers(2025, Period.VP) == ["Budget 2025", "Budgetjusteringar och prestationsförändringar"]
    [row] = et.compute(spec, Period.VB, [_row("Parker", "8.0", "1.0", "7.5")])
    assert row.values[3] == D("1.5")
    [empty] = et.compute(spec, Period.VB, [_row("Parker", "8.0", None, None)])
    assert empty.values[3] is None  # no deviation before there is a bokslut


def test_volumes_resultatenheter_turnover_sales_and_balance_sign_conventions():
    [volume] = et.compute(et.SPECS[et.TableKind.VOLUMES], Period.T1, [_row("1-3 år", "1138", "1152", "1260")])
    assert volume.values[3] == D("122")  # more children than budgeted is positive
    units = et.compute(et.SPECS[et.TableKind.RESULT_UNITS], Period.T1, [
        _row("Förskolor", kind=RowKind.GROUP), _row("Område 1", "86916", "-5503", "0"),
        _row("Område 2", "86935", "-7822", "1000"), _row("Summa", kind=RowKind.TOTAL)])
    assert units[1].values[3] == D("5503") and units[2].values[3] == D("6822")
    assert units[3].values == [D("173851"), D("-13325"), D("1000"), D("12325")]
    [turnover] = et.compute(et.SPECS[et.TableKind.TURNOVER], Period.T1, [_row("Äldreomsorg", "61.0")])
    assert turnover.values == [D("61.0"), D("-61.0")]
    [sale] = et.compute(et.SPECS[et.TableKind.SALES], Period.VB, [_row("Fastighet", "12.0", "10.5")])
    assert sale.values[2] == D("1.5")
    [balance] = et.compute(et.SPECS[et.TableKind.BALANCE], Period.VB, [_row("Kassa", "10.0", "12.5")])
    assert balance.values[2] == D("2.5")
    assert et.SPECS[et.TableKind.BALANCE].headers(2022, Period.VB)[:2] == ["2021-12-31", "2022-12-31"]


def test_documents_have_their_kinds():
    assert et.TableKind.BALANCE not in {s.kind for s in et.kinds_for(Period.T2)}
    assert et.TableKind.BUDGET_ADJUSTMENTS not in {s.kind for s in et.kinds_for(Period.VB)}
    assert et.TableKind.RESULT_TRANSFERS in {s.kind for s in et.kinds_for(Period.VB)}
    with pytest.raises(ValueError, match="hör inte till"):
        et.new_table(et.TableKind.BALANCE, 2024, Period.T1)
    table = et.new_table(et.TableKind.BUDGET_ADJUSTMENTS, 2024, Period.T1)
    assert (table.columns, [r.label for r in table.rows], table.kind) == (["Mnkr"], ["Summa"], "budgetjusteringar")


@pytest.mark.parametrize("text", ["12,5x", "12 mnkr", "1,2,3", "1 2345", "--1", "ett"])
def test_figures_are_strict(text):
    with pytest.raises(et.FigureError, match="är inte ett tal"):
        et.parse_figure(text)


@pytest.mark.parametrize("text, value", [("1 332,7", "1332.7"), ("-61,0", "-61.0"), ("+122", "122"),
                                         ("12.5", "12.5"), ("\u22125\u00a0503", "-5503"), (3.1, "3.1")])
def test_figures_swedish_and_from_programs(text, value):
    assert et.parse_figure(text) == D(value)
    assert et.parse_figure("  ") is None


def test_request_wording_follows_the_city_reports():
    assert et.request_text("budgetjustering", "klimatinvesteringar", D("0.7"), 2024) == (
        "Nämnden begär budgetjustering om 0,7 mnkr för kostnader avseende klimatinvesteringar.")
    assert et.request_text("resultatöverföring", "resultatenheternas fonder", D("42.5"), 2022) == (
        "Nämnden begär att resultat om 42,5 mnkr avseende resultatenheternas fonder överförs till 2023.")


@pytest.fixture(scope="module")
def seeds():
    from ils.importers import parse_file

    return {path.name.split("_")[0]: parse_file(path) for path in SEED_FILES}


def test_t2_from_the_seed_t1_keeps_plan_and_forecast_and_passes_the_checks(seeds):
    t1 = seeds["sodermalm"]
    tables = et.carry_over(t1.economy, 2024, 2024, Period.T2)
    assert {t.kind for t in tables} == {"verksamhetsomrade", "driftbudget", "volymer", "resultatenheter",
                                        "investeringar"}
    drift = next(t for t in tables if t.kind == "driftbudget")
    total = drift.rows[-1]
    assert total.label == "Totalt" and total.values == [D("2916.3"), D("7.5"), None, D("2901.8"), D("22.0")]
    from dataclasses import replace

    doc = replace(t1, period=Period.T2, economy=tables, decisions=[])
    assert not [f for f in check_document(doc) if f.kind.value == "ekonomi"]


def test_next_years_plan_takes_the_labels_and_the_funds_carried_forward(seeds):
    vb = seeds["hasselby-vallingby"]
    tables = et.carry_over(vb.economy, 2022, 2023, Period.VP)
    units = next(t for t in tables if t.kind == "resultatenheter")
    source = next(t for t in vb.economy if t.title == "Resultatenheter")
    first = next(r for r in source.rows if r.kind is RowKind.DATA)
    carried = next(r for r in units.rows if r.label == first.label)
    assert carried.values[1] == -first.values[3] and carried.values[0] is None
    assert not any(t.kind == "balansrakning" for t in tables)


def test_the_checker_finds_a_request_whose_decision_and_row_disagree(seeds):
    from dataclasses import replace

    from ils.domain.model import Decision

    table = et.new_table(et.TableKind.BUDGET_ADJUSTMENTS, 2024, Period.T2)
    table.rows.insert(0, _row("Klimat", "0.7"))
    table.rows = et.compute(et.SPECS[et.TableKind.BUDGET_ADJUSTMENTS], Period.T2, table.rows)
    agreeing = Decision(1, et.request_text("budgetjustering", "Klimat", D("0.7"), 2024), 3, D("0.7"), "mnkr")
    doc = replace(seeds["sodermalm"], period=Period.T2, economy=[table], decisions=[agreeing])
    assert not [f for f in check_document(doc) if f.kind.value == "ekonomi"]
    other = replace(agreeing, amount=D("0.5"), text=agreeing.text.replace("0,7", "0,5"))
    messages = [f.message for f in check_document(replace(doc, decisions=[other])) if f.kind.value == "ekonomi"]
    assert messages == ["Budgetjusteringar: raden 'Klimat' (0,7 mnkr) är ingen beslutspunkt",
                        "beslutspunkt 1 begär 0,5 mnkr men tabellen Budgetjusteringar har ingen rad med det beloppet"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), True])
def test_figures_that_are_not_finite_numbers_are_refused(value):
    with pytest.raises(et.FigureError):
        et.parse_figure(value)


def test_a_text_without_a_table_is_no_kind_and_carries_over_as_nothing():
    from ils.domain.economics import EconomyTable

    text = EconomyTable("Resultatenheter", [], [], 1, unit="", section="Resultatenheter", text="Inte aktuellt.")
    assert et.classify(text) is None
    assert et.carry_over([text], 2024, 2024, Period.T2) == []
