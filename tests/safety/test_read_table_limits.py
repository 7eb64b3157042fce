"""read_table (outcome import, and the economy import that reuses it) reads every row of a file
or refuses it with a message naming the limit; hostile XLSX files stay small in memory and time."""
from __future__ import annotations

import resource
import time

import pytest

from ils.persistence.bulk_outcomes import MAX_COLUMNS, MAX_ROWS, FileError, read_table

from .bombs import dimension_bomb, far_cell_bomb, whitespace_bomb, workbook


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_rows_past_the_declared_range_are_read():
    rows = [["id", "utfall"]] + [[n, f"{n},5"] for n in range(1, 6)]
    table = read_table("utfall.xlsx", workbook(rows, dimension="A1:B2"))
    assert [r["id"] for r in table] == [1, 2, 3, 4, 5]
    assert table[-1]["outcome"] == "5,5"


def test_a_declared_range_of_the_whole_sheet_is_not_trusted():
    content = dimension_bomb()
    assert len(content) < 10_000
    before, start = _peak_rss_mb(), time.monotonic()
    assert read_table("bomb.xlsx", content) == [{"id": 1, "outcome": "12"}]
    assert time.monotonic() - start < 2 and _peak_rss_mb() - before < 100


def test_a_cell_at_the_far_corner_is_refused_quickly():
    start = time.monotonic()
    with pytest.raises(FileError, match=f"fler än {MAX_ROWS} rader"):
        read_table("bomb.xlsx", far_cell_bomb())
    assert time.monotonic() - start < 5


def test_a_file_that_unpacks_to_too_much_is_refused_without_unpacking():
    content = whitespace_bomb(100)
    assert len(content) < 1_000_000
    before, start = _peak_rss_mb(), time.monotonic()
    with pytest.raises(FileError, match="packas upp till 100 MB"):
        read_table("bomb.xlsx", content)
    assert time.monotonic() - start < 1 and _peak_rss_mb() - before < 50


def test_too_many_rows_and_columns_are_refused_with_the_limit():
    with pytest.raises(FileError, match=f"fler än {MAX_ROWS} rader"):
        read_table("lång.csv", ("id;utfall\n" + "1;2\n" * (MAX_ROWS + 1)).encode())
    assert len(read_table("lagom.csv", ("id;utfall\n" + "1;2\n" * MAX_ROWS).encode())) == MAX_ROWS
    wide = [["id", "utfall"], [1, 2] + ["x"] * MAX_COLUMNS]
    with pytest.raises(FileError, match=f"Rad 2 har fler än {MAX_COLUMNS} kolumner"):
        read_table("bred.xlsx", workbook(wide))


def test_a_huge_cell_is_refused():
    with pytest.raises(FileError, match="Rad 2, kolumn 2: cellen har fler än"):
        read_table("cell.csv", ("id;analys\n1;" + "a" * 30_000 + "\n").encode())


def test_not_a_workbook_and_too_large_files_are_refused():
    with pytest.raises(FileError, match="inget läsbart Office-dokument"):
        read_table("trasig.xlsx", b"PK\x03\x04 not really a zip")
    with pytest.raises(FileError, match="större än 10 MB"):
        read_table("stor.csv", b"id;utfall\n" + b"1;2\n" * 3_000_000)


def test_a_docx_that_unpacks_to_too_much_is_refused(tmp_path):
    import io
    import zipfile

    from ils.importers import ReportError, parse_file

    path = tmp_path / "bomb.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (40 * 1024 * 1024))
    path.write_bytes(out.getvalue())
    with pytest.raises(ReportError, match="packas upp till 40 MB"):
        parse_file(path)
