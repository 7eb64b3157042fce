from decimal import Decimal as D

from ils.domain.economics import EconomyRow, EconomyTable, RowKind, check_column_sums, classify_row, consumption, deviation


def _table(total):
    rows = [
        EconomyRow("Individ- och familjeomsorg", [D("274.7")], 1),
        EconomyRow("varav barn och ungdom", [D("142.1")], 2, RowKind.VARAV),
        EconomyRow("Äldreomsorg", [D("1332.7")], 3),
        EconomyRow("Totalt", [total], 4, RowKind.TOTAL),
    ]
    return EconomyTable("Driftbudget", ["Budget"], rows, 1)


def test_sums_ignore_varav_rows_and_allow_rounding():
    assert check_column_sums(_table(D("1607.4"))) == []
    assert check_column_sums(_table(D("1607.5"))) == []


def test_sum_mismatch_names_the_row():
    (mismatch,) = check_column_sums(_table(D("1610.0")))
    assert mismatch.line == 4 and mismatch.expected == D("1607.4") and "Totalt" in mismatch.message


def test_classify_rows():
    assert classify_row("varav handläggare", [D(1)]) is RowKind.VARAV
    assert classify_row("Summa resultatenheter", [D(1)]) is RowKind.TOTAL
    assert classify_row("Nämnden totalt", [D(1)]) is RowKind.TOTAL
    assert classify_row("Förskolor", [None, None]) is RowKind.GROUP
    assert classify_row("Kostnader", [D(1)]) is RowKind.DATA


def test_deviation_and_consumption():
    assert deviation(D("2916.3"), D("2901.8"), D("7.5")) == D("22.0")
    assert consumption(D("50"), D("200")) == D("25")
    assert consumption(D("1"), D("0")) is None
