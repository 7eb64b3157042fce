"""Storing a parsed report and reading it back gives the same document, on SQLite and PostgreSQL."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import connection

from ils.persistence import models
from ils.domain.values import Quantity
from ils.persistence.store import StoreRefused, load_document, save_document
from ils.renderers.json_document import document_to_dict

pytestmark = pytest.mark.postgres


def _stored(doc):
    return models.Report.objects.get(committee__name=doc.committee, year=doc.year, period=doc.period.value)


@pytest.mark.parametrize("name", ["sodermalm", "hagersten-alvsjo", "socialnamnden", "hasselby-vallingby"])
def test_a_stored_seed_reads_back_as_the_parsed_document(seed_documents, name):
    doc = seed_documents[name]
    assert document_to_dict(load_document(_stored(doc))) == document_to_dict(doc)


def test_the_e_mail_and_text_only_economy_entries_survive_storage(seed_documents):
    """The front page's e-mail, and an economy text without a table (title, section, text, no columns)."""
    doc = seed_documents["hasselby-vallingby"]
    assert load_document(_stored(doc)).email == doc.email == "susanne.rydberg-lif@stockholm.se"
    doc = seed_documents["hagersten-alvsjo"]
    loaded = load_document(_stored(doc))
    entries = [t for t in doc.economy if not t.columns and not t.rows]
    assert entries and entries[0].text
    assert [t for t in loaded.economy if not t.columns and not t.rows] == entries


def test_counts_are_stored_per_report(seed_documents):
    report = _stored(seed_documents["sodermalm"])
    assert (report.goals.count(), report.indicators.count(), report.activities.count()) == (40, 69, 94)
    assert report.decisions.count() == 10 and report.economy_tables.count() == 19
    assert report.goals.filter(level="namndmal").count() == 21


def test_units_decimals_and_word_targets_survive_storage(seed_documents):
    doc = seed_documents["sodermalm"]
    loaded = load_document(_stored(doc))
    pairs = list(zip(doc.indicators, loaded.indicators, strict=True))
    assert all(a.outcome == b.outcome and a.target == b.target for a, b in pairs)
    word_targets = [b.target.text for a, b in pairs if a.target.kind.value not in ("number", "empty")]
    assert word_targets, "the seed has word targets such as 'Ökning'"


def test_indicator_identity_is_shared_across_reports(seed_documents):
    """Södermalm and Hässelby-Vällingby report some of the same KF indicators."""
    shared = models.IndicatorDefinition.objects.filter(values__report__committee__name__startswith="Söd") \
        .filter(values__report__committee__name__startswith="Häss").distinct()
    assert shared.count() > 5
    assert all(d.values.values("report").distinct().count() >= 2 for d in shared)


def test_reimporting_the_same_period_replaces_the_report(seed_documents):
    doc = seed_documents["socialnamnden"]
    before = models.Report.objects.count()
    save_document(replace(doc, goals=doc.goals, summary="ny version"), replace=True)
    assert models.Report.objects.count() == before
    assert _stored(doc).summary == "ny version"


def test_a_failing_save_leaves_the_database_unchanged(seed_documents):
    doc = seed_documents["sodermalm"]
    counts = (models.Report.objects.count(), models.Goal.objects.count(), models.IndicatorValue.objects.count())
    broken = replace(doc, year=2031, indicators=[*doc.indicators, replace(doc.indicators[0], goal="9.9.9")])
    with pytest.raises(KeyError):
        save_document(broken)
    assert (models.Report.objects.count(), models.Goal.objects.count(),
            models.IndicatorValue.objects.count()) == counts
    assert not models.Report.objects.filter(year=2031).exists()


@pytest.mark.parametrize("part", ["economy title", "indicator outcome", "activity icons", "indicator key"])
def test_a_text_longer_than_its_column_refuses_the_import_naming_its_line(seed_documents, part):
    doc = replace(seed_documents["sodermalm"], year=2032)
    table, indicator, activity = doc.economy[0], doc.indicators[3], doc.activities[2]
    long = "x" * 1000
    broken = {
        "economy title": lambda: replace(doc, economy=[replace(table, title=long), *doc.economy[1:]]),
        "indicator outcome": lambda: replace(doc, indicators=[replace(indicator, outcome=Quantity(Decimal(1), text=long))]),
        "activity icons": lambda: replace(doc, activities=[replace(activity, icons=long)]),
        "indicator key": lambda: replace(doc, indicators=[replace(indicator, name=long)]),
    }[part]()
    line = {"economy title": table.line, "activity icons": activity.line}.get(part, indicator.line)
    counts = (models.Report.objects.count(), models.IndicatorDefinition.objects.count())
    with pytest.raises(StoreRefused, match=rf"^rad {line}: .* är 1000 tecken, men högst \d+ får plats: 'xxx"):
        save_document(broken)
    assert (models.Report.objects.count(), models.IndicatorDefinition.objects.count()) == counts


def test_runs_on_the_configured_backend():
    """Documents which backend this run used; the postgres run must really be on PostgreSQL."""
    import os

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_an_imports_guesses_are_stored_and_a_writers_save_confirms_them(seed_documents):
    from django.contrib.auth import get_user_model

    from ils.domain.workflow import Role
    from ils.persistence import editing

    doc = seed_documents["sodermalm"]
    guessed = [i for i in doc.indicators if i.inferred]
    assert guessed, "the seed has rows whose export dropped empty cells"
    report = _stored(doc)
    row = report.indicators.get(order=doc.indicators.index(guessed[0]))
    assert tuple(row.inferred.split()) == guessed[0].inferred
    writer = get_user_model().objects.create_user("skribent")
    models.Membership.objects.create(user=writer, role=Role.WRITER.value, committee=report.committee)
    field = next(f for f in guessed[0].inferred if f in ("outcome", "previous", "forecast"))
    editing.update_item(writer, row, row.version, {f"{field}_text": "7 %", field: 7})
    row.refresh_from_db()
    assert set(row.inferred.split()) == set(guessed[0].inferred) - {field}
