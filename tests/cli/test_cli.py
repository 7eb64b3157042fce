"""`ils import` and `ils review` as a user runs them: exit status, stdout, stderr, database."""
from __future__ import annotations

import json

import pytest

from ils.cli import main
from ils.persistence import models
from tests.importers.seeds import seed

pytestmark = pytest.mark.postgres


def _counts():
    return models.Report.objects.count(), models.Goal.objects.count(), models.IndicatorValue.objects.count()


def test_dry_run_json_prints_the_document_and_writes_nothing(capsys):
    before = _counts()
    assert main(["import", "--dry-run", "--json", str(seed("sodermalm"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert _counts() == before
    assert data["document"] == data["document"] | {"type": "tertialrapport", "period": "T1", "year": 2024,
                                                  "committee": "Södermalms stadsdelsnämnd"}
    levels = [g["level"] for g in data["goals"]]
    assert (levels.count("inriktningsmal"), levels.count("kf_mal"), levels.count("namndmal")) == (3, 16, 21)
    assert len(data["indicators"]) == 69 and len(data["activities"]) == 94
    assert {"goal", "name", "kf", "outcome", "outcome_women", "outcome_men", "previous", "forecast",
            "target", "kf_target", "period", "analysis", "line"} <= set(data["indicators"][0])
    assert all(isinstance(i["line"], int) and i["line"] > 0 for i in data["indicators"])


def test_import_stores_the_report_under_the_given_committee(tmp_path, capsys):
    source = tmp_path / "rapport.txt"
    source.write_text(seed("socialnamnden").read_text(encoding="utf-8").replace("2024", "2019"), encoding="utf-8")
    assert main(["import", "--committee", "Testnämnden", str(source)]) == 0
    report = models.Report.objects.get(committee__name="Testnämnden", year=2019, period="T1")
    assert report.goals.filter(level="namndmal").count() == 23
    assert "41 mål, 37 indikatorer" in capsys.readouterr().out
    assert report.indicators.count() == 37


def test_a_file_that_is_not_a_report_exits_2_naming_file_and_line(tmp_path, capsys):
    good, bad = seed("socialnamnden"), tmp_path / "inte-en-rapport.txt"
    bad.write_text("Inköpslista\nmjölk\nbröd\n", encoding="utf-8")
    before = _counts()
    assert main(["import", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}:1: ")
    assert _counts() == before, "a bad file among several stores none of them"


def test_a_truncated_report_is_refused(tmp_path, capsys):
    lines = seed("sodermalm").read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "avbruten.txt"
    cut.write_text("\n".join(lines[:120]), encoding="utf-8")
    before = _counts()
    assert main(["import", str(cut)]) == 2
    assert f"{cut}:" in capsys.readouterr().err
    assert _counts() == before


def test_a_missing_file_is_an_error(capsys):
    assert main(["import", "/nonexistent/rapport.pdf"]) == 2
    assert "filen finns inte" in capsys.readouterr().err


def test_review_lists_findings_with_their_line(capsys):
    assert main(["review", str(seed("hasselby-vallingby"))]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith(f"{seed('hasselby-vallingby')}:") for line in out)
    assert any("Ekonomi" in line or "Bedömning" in line for line in out)


def test_dry_run_json_has_the_text_parts_with_their_headings(capsys):
    assert main(["import", "--dry-run", "--json", str(seed("sodermalm"))]) == 0
    parts = {p["key"]: p for p in json.loads(capsys.readouterr().out)["parts"]}
    analysis = [p for p in parts.values() if p["parent"] == "bedomning"]
    assert [p["goal"] for p in analysis] == ["1", "2", "3"]
    assert all(p["text"].startswith("Förvaltningen bedömer att inriktningsmålet") for p in analysis)
    assert parts["sammanfattande-analys"]["level"] == 1 and parts["bedomning"]["parent"] == "sammanfattande-analys"
    assert "Arbetet beskrivs under mål" in parts["direktiv-ekonomi"]["text"]


def test_json_export_of_a_stored_report_has_its_edited_text_parts():
    from ils.persistence.store import load_document, save_document
    from ils.renderers.json_document import document_to_dict
    from ils.importers import parse_file

    report = save_document(parse_file(seed("sodermalm")), replace=True)
    part = report.text_parts.get(key="direktiv-ekonomi")
    models.TextPart.objects.filter(pk=part.pk).update(text="## Rubrik\n\nNy text.")
    data = document_to_dict(load_document(report))
    assert {"key": part.key, "heading": part.heading, "text": "## Rubrik\n\nNy text."}.items() <= \
        next(p for p in data["parts"] if p["key"] == part.key).items()
    assert len(data["parts"]) == report.text_parts.count()
