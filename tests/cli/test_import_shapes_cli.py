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
