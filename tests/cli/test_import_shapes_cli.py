"""`ils import` on damaged reports: --strict, the size limit, a report without its front pages."""
from __future__ import annotations

import json

from ils.cli import main
from tests.importers.damage import front_pages_missing
from tests.importers.seeds import seed


def _without_tables(tmp_path):
    """A seed whose every table row vanished (as a bad copy out of a PDF leaves it)."""
    text = seed("socialnamnden").read_text(encoding="utf-8")
    path = tmp_path / "utan_tabeller.txt"
    path.write_text("\n".join(line for line in text.split("\n") if "\t" not in line), encoding="utf-8")
    return path


def test_vanished_tables_are_a_warning_and_under_strict_an_error(tmp_path, capsys):
    path = _without_tables(tmp_path)
    assert main(["import", "--dry-run", str(path)]) == 0
    assert "warning: " in capsys.readouterr().err
    assert main(["import", "--dry-run", "--strict", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"error: {path}:" in err and "inga indikator- eller aktivitetstabeller" in err


def _tables_emptied(tmp_path, row):
    """The seed with every indicator and activity table's rows replaced by ``row(line)`` (the
    headers kept), and the header lines."""
    lines = seed("socialnamnden").read_text(encoding="utf-8").split("\n")
    headers, in_table = [], False
    for number, line in enumerate(lines, start=1):
        first = line.split("\t", 1)[0].strip()
        if "\t" in line and first in ("Indikator", "Aktivitet"):
            headers.append(number)
            in_table = True
        elif in_table and "\t" in line:
            lines[number - 1] = row(line)
        else:
            in_table = False
    path = tmp_path / "tabellerna_tomma.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, headers


def test_tables_whose_rows_vanished_fail_under_strict_naming_each_header(tmp_path, capsys):
    path, headers = _tables_emptied(tmp_path, lambda line: "")
    assert main(["import", "--dry-run", "--strict", str(path)]) == 2
    err = capsys.readouterr().err
    for line in headers:
        assert f"error: {path}:{line}: tabellrubriken under mål" in err


def test_tables_whose_rows_are_garbled_fail_under_strict_naming_the_lines(tmp_path, capsys):
    # the cells of every row run together, as a bad copy out of a PDF leaves them
    path, headers = _tables_emptied(tmp_path, lambda line: " ".join(c.strip() for c in line.split("\t") if c.strip())
                                    .replace(" ", ""))
    assert main(["import", "--dry-run", "--strict", str(path)]) == 2
    err = capsys.readouterr().err
    assert all(f"error: {path}:{line}: tabellrubriken under mål" in err for line in headers)
    assert main(["import", "--dry-run", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: ") and "rader med text" in out


def test_dry_run_counts_every_line_of_the_file(tmp_path, capsys):
    path = seed("sodermalm")
    assert main(["import", "--dry-run", "--json", str(path)]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    filled = sum(1 for line in path.read_text(encoding="utf-8").split("\n") if line.strip())
    assert lines["lines"] == filled == lines["used"] + lines["furniture"] + lines["warned"]
    assert lines["used_by"]["indikatorrad"] == 69 and lines["used_by"]["aktivitetsrad"] == 94


def test_strict_passes_a_report_without_warnings(tmp_path, capsys):
    from tests.importers.reports import tertial_report

    path = tmp_path / "ren.txt"
    path.write_text(tertial_report(), encoding="utf-8")
    assert main(["import", "--dry-run", "--strict", str(path)]) == 0
    assert capsys.readouterr().err == ""


def test_a_file_over_the_limit_is_refused(capsys):
    assert main(["import", "--dry-run", "--max-mb", "0.1", str(seed("sodermalm"))]) == 2
    assert "mer än gränsen 0.1 MB" in capsys.readouterr().err


def test_dry_run_of_a_report_without_front_pages_leaves_the_committee_empty(tmp_path, capsys):
    path = tmp_path / "utan_framsida.txt"
    path.write_bytes(front_pages_missing(seed("sodermalm").read_text(encoding="utf-8")))
    assert main(["import", "--dry-run", "--json", str(path)]) == 0
    out = capsys.readouterr()
    document = json.loads(out.out)["document"]
    assert (document["type"], document["period"], document["year"], document["committee"]) == (
        "tertialrapport", "T1", 2024, "")
    assert "nämnden framgår inte" in out.err and "första sidor saknas" in out.err
