"""The generated city stored in bulk reads back as the generator made it."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from ils.city.data import city_documents
from ils.demo.city import generate_document
from ils.domain.consolidation import consolidate
from ils.domain.model import Period
from ils.persistence import models
from ils.persistence.store import load_document
from ils.search.models import Entry

pytestmark = pytest.mark.postgres


def test_generate_city_stores_what_the_generator_made():
    call_command("generate_city", committees=2, years=2, last_year=2031, periods="T1,VB", indicators=12)
    reports = models.Report.objects.filter(year__in=[2030, 2031])
    assert reports.count() == 8
    assert set(reports.filter(year=2030).values_list("status", flat=True)) == {"last"}
    assert set(reports.filter(year=2031).values_list("status", flat=True)) == {"utkast"}
    stored = reports.get(committee__name__startswith="Rinkeby", year=2031, period="T1")
    made = generate_document(stored.committee.name, 2031, Period.T1, 12)
    loaded = load_document(stored)
    assert [(g.number, g.assessment) for g in loaded.goals] == [(g.number, g.assessment) for g in made.goals]
    assert [(i.name, i.outcome, i.outcome_women, i.target.text) for i in loaded.indicators] == [
        (i.name, i.outcome, i.outcome_women, i.target.text) for i in made.indicators]
    # The consolidation from the database equals the one from the generated documents.
    docs, _, _ = city_documents(reports.filter(year=2031, period="T1"))
    ours, theirs = consolidate(docs), consolidate(
        generate_document(name, 2031, Period.T1, 12) for name in sorted({d.committee for d in docs}))
    assert [(g.number, dict(g.counts)) for g in ours.goals] == [(g.number, dict(g.counts)) for g in theirs.goals]
    assert [(a.area, a.budget, a.forecast, a.deviation) for a in ours.areas] == [
        (a.area, a.budget, a.forecast, a.deviation) for a in theirs.areas]
    assert Entry.objects.filter(report__in=reports).exists()


def test_bulk_store_writes_what_save_document_writes(tmp_path):
    """Both build each row with the store's builders: a report stored in bulk reads back with the
    same head, goals, indicator rows (guess marks included), activities and economy tables."""
    from pathlib import Path

    from ils.city.bulk import save_documents
    from ils.importers import parse_file
    from ils.persistence.store import save_document

    seed = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "hasselby-vallingby_VB_2022.txt"
    doc = parse_file(seed)
    doc.year, doc.indicators[0].inferred = 2041, ("outcome",)
    stored = save_document(doc)
    one = load_document(stored)
    stored.delete()
    [pk] = save_documents([doc])
    bulk = load_document(models.Report.objects.get(pk=pk))
    for part in ("title", "date", "author", "phone", "email", "recipient", "summary", "goals", "indicators",
                 "activities", "economy"):
        assert getattr(bulk, part) == getattr(one, part), part
    assert bulk.email and any(t.text for t in bulk.economy) and bulk.indicators[0].inferred == ("outcome",)
