"""Full-text search over every analysis and description, in Swedish, filtered by permissions.

Indexing: `index_reports(ids)` writes one Entry per searchable text; database triggers keep the
full-text index in step (SQLite: FTS5 over the PyStemmer-stemmed text; PostgreSQL: a tsvector
with the 'swedish' configuration). `refresh()` runs before every search: it indexes reports not
yet indexed (new imports; a re-import deletes the old report and its entries) and re-indexes
reports changed since the last search, which it learns from the audit trail (every edit through
persistence.editing leaves an AuditEntry). `ils reindex` rebuilds everything.

The two backends stem differently (PostgreSQL 15's Snowball leaves "målet", PyStemmer gives
"mål"), so a search may find a few more or fewer hits on one than the other.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from html import escape

import Stemmer
from django.db import connection, transaction

from ils.domain import markup
from ils.persistence import models
from ils.persistence.access import readable_reports

from .models import Cursor, Entry, IndexedReport

WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = Stemmer.Stemmer("swedish")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


def stemmed(text: str) -> str:
    return " ".join(stem(w) for w in WORD.findall(text))


def _join(*parts: str) -> str:
    return "\n\n".join(p.strip() for p in parts if p and p.strip())


def _entries(report_ids: list[int]):
    """The searchable texts of these reports (a report's texts are its text parts, once it has them)."""
    parts = defaultdict(list)
    for report_id, heading, body in models.TextPart.objects.filter(report_id__in=report_ids).exclude(
            text="").values_list("report_id", "heading", "text"):
        parts[report_id].append(f"{heading}\n{markup.plain_text(body)}")
    for pk, title, summary, sections in models.Report.objects.filter(pk__in=report_ids).values_list(
            "pk", "title", "summary", "sections"):
        text = _join(summary, *(parts[pk] or [f"{s.get('heading', '')}\n{s.get('text', '')}" for s in sections or []]))
        if text:
            yield Entry(report_id=pk, kind="rapport", item_id=pk, title=title or "Rapport", text=text)
    for (pk, report_id, number, title, description, expected, analysis, reason, sections) in (
            models.Goal.objects.filter(report_id__in=report_ids).values_list(
                "pk", "report_id", "number", "title", "description", "expected_results", "analysis",
                "assessment_reason", "sections")):
        text = _join(description, "\n".join(expected or []), analysis, reason,
                     *(f"{s.get('heading', '')}\n{s.get('text', '')}" for s in sections or []))
        yield Entry(report_id=report_id, kind="mal", item_id=pk, title=f"{number} {title}", text=text)
    for pk, report_id, name, analysis in (models.IndicatorValue.objects.filter(report_id__in=report_ids)
                                          .exclude(analysis="").values_list("pk", "report_id", "name", "analysis")):
        yield Entry(report_id=report_id, kind="indikator", item_id=pk, title=name, text=analysis)
    for pk, report_id, text, analysis, deviation in (
            models.Activity.objects.filter(report_id__in=report_ids).values_list(
                "pk", "report_id", "text", "analysis", "deviation")):
        if analysis or deviation:
            yield Entry(report_id=report_id, kind="aktivitet", item_id=pk, title=text, text=_join(analysis, deviation))


def index_reports(report_ids: list[int], batch: int = 2000) -> int:
    """(Re-)index these reports; returns the number of entries written."""
    written = 0
    with transaction.atomic():
        Entry.objects.filter(report_id__in=report_ids).delete()
        pending = []
        for entry in _entries(report_ids):
            entry.stemmed = stemmed(f"{entry.title}\n{entry.text}")
            pending.append(entry)
            if len(pending) >= batch:
                Entry.objects.bulk_create(pending)
                written += len(pending)
                pending = []
        Entry.objects.bulk_create(pending)
        written += len(pending)
        existing = set(IndexedReport.objects.filter(report_id__in=report_ids).values_list("report_id", flat=True))
        IndexedReport.objects.bulk_create(IndexedReport(report_id=pk) for pk in report_ids if pk not in existing)
    return written


def index_report(report: models.Report) -> int:
    return index_reports([report.pk])


def refresh() -> int:
    """Bring the index up to date with new reports and audited edits; returns reports indexed."""
    latest = models.AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    cursor = Cursor.objects.first()
    seen = cursor.audit_id if cursor else 0
    missing = list(models.Report.objects.exclude(pk__in=IndexedReport.objects.values("report_id"))
                   .values_list("pk", flat=True))
    if latest <= seen and not missing:
        return 0
    with transaction.atomic():
        cursor = Cursor.objects.select_for_update().first() or Cursor.objects.create(audit_id=0)
        changed = set(models.AuditEntry.objects.filter(pk__gt=cursor.audit_id, pk__lte=latest)
                      .values_list("report_id", flat=True))
        todo = sorted(changed | set(missing))
        for start in range(0, len(todo), 50):
            index_reports(todo[start:start + 50])
        cursor.audit_id = max(cursor.audit_id, latest)
        cursor.save(update_fields=["audit_id"])
    return len(todo)


def rebuild() -> int:
    with transaction.atomic():
        Entry.objects.all().delete()
        IndexedReport.objects.all().delete()
        Cursor.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as c:
                c.execute("INSERT INTO ils_search_fts(ils_search_fts) VALUES ('rebuild')")
    return refresh()


# --- querying ------------------------------------------------------------------------------------

KIND_LABELS = {"rapport": "Rapport", "mal": "Mål", "indikator": "Indikator", "aktivitet": "Aktivitet"}


@dataclass
class Hit:
    entry: Entry
    report: models.Report
    kind_label: str
    title_html: str
    snippet_html: str


def query_terms(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if len(w) > 1 or w.isdigit()][:12]


# Ranking needs a score for every match; for a phrase found in more texts than this the newest
# texts are shown first instead (a reader refines such a search), and the count stops there.
RANKED_AT_MOST = 5000


def _sqlite_ids(terms, readable_sql, readable_params, filters_sql, filters_params, limit):
    match = " AND ".join('"' + stem(t).replace('"', "") + '"*' for t in terms)
    base = (f"FROM ils_search_fts JOIN ils_search_entry e ON e.id = ils_search_fts.rowid "
            f"WHERE ils_search_fts MATCH %s AND e.report_id IN ({readable_sql}){filters_sql}")
    return _capped_ids(base, [match, *readable_params, *filters_params], "bm25(ils_search_fts)",
                       "ils_search_fts.rowid DESC", limit)


def _postgresql_ids(terms, readable_sql, readable_params, filters_sql, filters_params, limit):
    # to_tsquery stems each word with the 'swedish' configuration; ":*" matches compounds' beginnings.
    query = " & ".join(f"{t}:*" for t in terms)
    base = (f"FROM ils_search_entry e, to_tsquery('swedish', %s) q WHERE e.vector @@ q "
            f"AND e.report_id IN ({readable_sql}){filters_sql}")
    return _capped_ids(base, [query, *readable_params, *filters_params], "ts_rank(e.vector, q) DESC, e.id",
                       "e.id DESC", limit)


def _capped_ids(base: str, params: list, ranked: str, newest: str, limit: int) -> tuple[list[int], int]:
    """Count the matches up to RANKED_AT_MOST + 1, then fetch the first ``limit`` in ``ranked``
    order, or in ``newest`` order when there are more than that."""
    with connection.cursor() as c:
        c.execute(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT {RANKED_AT_MOST + 1}) AS capped", params)
        total = c.fetchone()[0]
        order = ranked if total <= RANKED_AT_MOST else newest
        c.execute(f"SELECT e.id {base} ORDER BY {order} LIMIT %s", [*params, limit])
        return [row[0] for row in c.fetchall()], total


def search(user, text: str, *, year: int | None = None, committee: str | None = None, kind: str | None = None,
           limit: int = 50) -> tuple[list[Hit], int]:
    """The best ``limit`` hits among texts this person may read, and how many there are in all
    (counted up to RANKED_AT_MOST + 1: "more than 5 000")."""
    terms = query_terms(text)
    if not terms:
        return [], 0
    refresh()
    readable = readable_reports(user)
    if year:
        readable = readable.filter(year=year)
    if committee:
        readable = readable.filter(committee__slug=committee)
    readable_sql, readable_params = readable.values("pk").query.sql_with_params()
    filters_sql, filters_params = "", []
    if kind in KIND_LABELS:
        filters_sql, filters_params = " AND e.kind = %s", [kind]
    finder = _postgresql_ids if connection.vendor == "postgresql" else _sqlite_ids
    ids, total = finder(terms, readable_sql, readable_params, filters_sql, filters_params, limit)
    entries = Entry.objects.in_bulk(ids)
    reports = models.Report.objects.select_related("committee").in_bulk({e.report_id for e in entries.values()})
    stems = {stem(t) for t in terms}
    hits = [Hit(entries[i], reports[entries[i].report_id], KIND_LABELS.get(entries[i].kind, ""),
                highlight(entries[i].title, stems), snippet(entries[i].text, stems)) for i in ids if i in entries]
    return hits, total


def _marks(text: str, stems: set[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text) if any(stem(m.group()).startswith(s) for s in stems)]


def highlight(text: str, stems: set[str]) -> str:
    out, last = [], 0
    for start, end in _marks(text, stems):
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


def snippet(text: str, stems: set[str], width: int = 240) -> str:
    """About ``width`` characters around the first matching word, with the matches marked."""
    marks = _marks(text, stems)
    start = max(0, (marks[0][0] if marks else 0) - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    piece = text[start:end]
    return ("…" if start else "") + highlight(piece, stems) + ("…" if end < len(text) else "")
