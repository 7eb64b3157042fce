"""The search index: one entry per searchable text (a report's summary and sections, a goal's
description and analysis, an indicator's analysis, an activity's analysis or deviation).

The full-text part lives beside these rows and is kept in step by database triggers (see the
migration): on SQLite an FTS5 table over `stemmed` (Swedish stems from PyStemmer, since FTS5
cannot stem Swedish), on PostgreSQL a `tsvector` column built with the 'swedish' configuration
and a GIN index. Permissions are applied at query time through the entry's report.
"""
from __future__ import annotations

from django.db import models

from ils.persistence.models import Report


class Entry(models.Model):
    report = models.ForeignKey(Report, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12)  # rapport, mal, indikator, aktivitet
    item_id = models.PositiveBigIntegerField()
    title = models.TextField()
    text = models.TextField()
    stemmed = models.TextField()

    class Meta:
        db_table = "ils_search_entry"
        indexes = [models.Index(fields=["report"], name="ils_search_entry_report")]


class IndexedReport(models.Model):
    """A report whose entries are in the index; reports without one are indexed before a search."""

    report = models.OneToOneField(Report, models.CASCADE, primary_key=True, related_name="+")
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "ils_search_indexed_report"


class Cursor(models.Model):
    """The last audit entry the index has followed: edits after it are re-indexed before a search."""

    audit_id = models.BigIntegerField(default=0)

    class Meta:
        db_table = "ils_search_cursor"
