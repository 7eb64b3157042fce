import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    """CREATE VIRTUAL TABLE ils_search_fts USING fts5(stemmed, content='ils_search_entry', content_rowid='id',
       tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER ils_search_entry_ai AFTER INSERT ON ils_search_entry BEGIN
       INSERT INTO ils_search_fts(rowid, stemmed) VALUES (new.id, new.stemmed); END""",
    """CREATE TRIGGER ils_search_entry_ad AFTER DELETE ON ils_search_entry BEGIN
       INSERT INTO ils_search_fts(ils_search_fts, rowid, stemmed) VALUES ('delete', old.id, old.stemmed); END""",
    """CREATE TRIGGER ils_search_entry_au AFTER UPDATE ON ils_search_entry BEGIN
       INSERT INTO ils_search_fts(ils_search_fts, rowid, stemmed) VALUES ('delete', old.id, old.stemmed);
       INSERT INTO ils_search_fts(rowid, stemmed) VALUES (new.id, new.stemmed); END""",
]
SQLITE_REVERSE = ["DROP TRIGGER ils_search_entry_au", "DROP TRIGGER ils_search_entry_ad",
                  "DROP TRIGGER ils_search_entry_ai", "DROP TABLE ils_search_fts"]
POSTGRESQL = [
    "ALTER TABLE ils_search_entry ADD COLUMN vector tsvector",
    "CREATE INDEX ils_search_entry_vector ON ils_search_entry USING GIN (vector)",
    """CREATE TRIGGER ils_search_entry_tsv BEFORE INSERT OR UPDATE ON ils_search_entry FOR EACH ROW
       EXECUTE FUNCTION tsvector_update_trigger(vector, 'pg_catalog.swedish', title, text)""",
]
POSTGRESQL_REVERSE = ["DROP TRIGGER ils_search_entry_tsv ON ils_search_entry",
                      "DROP INDEX ils_search_entry_vector", "ALTER TABLE ils_search_entry DROP COLUMN vector"]


def _run(statements):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("persistence", "0002_audit_and_reasons"),
    ]

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=12)),
                ("item_id", models.PositiveBigIntegerField()),
                ("title", models.TextField()),
                ("text", models.TextField()),
                ("stemmed", models.TextField()),
                ("report", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                             to="persistence.report")),
            ],
            options={"db_table": "ils_search_entry",
                     "indexes": [models.Index(fields=["report"], name="ils_search_entry_report")]},
        ),
        migrations.CreateModel(
            name="IndexedReport",
            fields=[
                ("report", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                related_name="+", serialize=False, to="persistence.report")),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={"db_table": "ils_search_indexed_report"},
        ),
        migrations.CreateModel(
            name="Cursor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("audit_id", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "ils_search_cursor"},
        ),
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
                             _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})),
    ]
