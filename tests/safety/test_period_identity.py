"""A document is taken for the period its file states, never silently for another one."""
from __future__ import annotations

from dataclasses import replace

import pytest

from ils.domain.model import Period
from ils.importers import ReportError, parse_file
from ils.renderers.html_report import render_html


def test_our_own_t2_export_reads_back_as_t2(seed_documents, tmp_path):
    t2 = replace(seed_documents["sodermalm"], period=Period.T2, title="")
    path = tmp_path / "t2.html"
    path.write_text(render_html(t2), encoding="utf-8")
    assert parse_file(path).period is Period.T2


def test_a_tertial_report_that_does_not_say_which_is_read_from_its_tables_with_a_warning(seed_documents, tmp_path):
    text = (tmp_path / "t.txt")
    source = (seed_documents["sodermalm"].source)
    content = open(source, encoding="utf-8").read().replace("Tertialrapport Tertial 1 2024", "Tertialrapport 2024", 1)
    text.write_text(content, encoding="utf-8")
    doc = parse_file(text)
    assert doc.period is Period.T1
    assert any("anger inte vilken tertialrapport" in w.message and "Tertialrapport 1" in w.message
               for w in doc.warnings)


def test_a_tertial_report_whose_tables_do_not_say_which_is_refused(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Tertialrapport 2024 för Södermalms stadsdelsnämnd\n\nKF:s inriktningsmål: 1. Ett mål\n",
                    encoding="utf-8")
    with pytest.raises(ReportError, match="anger inte vilken tertialrapport"):
        parse_file(text)
