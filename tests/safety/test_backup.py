"""`ils backup` then `ils restore` into a fresh database gives back every report, its audit trail
and its users, on SQLite (online backup API) and on PostgreSQL (pg_dump/pg_restore)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.importers.seeds import SEED_FILES

BIN = Path(sys.executable).parent
DUMP = """
import json
from ils.persistence import models
from ils.persistence.store import load_document
from ils.renderers.json_document import document_to_dict
from django.contrib.auth import get_user_model
print(json.dumps({
    "reports": {r.pk: [r.status, document_to_dict(load_document(r))] for r in models.Report.objects.all()},
    "audit": list(models.AuditEntry.objects.order_by("pk").values_list("pk", "item_type", "field", "before", "after")),
    "users": list(get_user_model().objects.order_by("pk").values_list("username", "password")),
}, default=str, ensure_ascii=False))
"""
SOURCE = """
import sys
from django.core.management import call_command
from ils.cli import main
call_command("migrate", interactive=False, verbosity=0)
assert main(["import", *FILES]) == 0
from django.contrib.auth import get_user_model
from ils.persistence import editing, models
admin = get_user_model().objects.create_superuser("admin-backup", password="Ett-långt-lösenord-1")
row = models.IndicatorValue.objects.filter(report__committee__name="Socialnämnden").first()
editing.update_item(admin, row, row.version, {"analysis": "Ändrad före säkerhetskopian"})
call_command("backup", BACKUP)
"""


def _ils(env, *args) -> str:
    result = subprocess.run([BIN / "ils", *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else None


def _databases(kind, tmp_path):
    """Environments for a source and a fresh target database of the given kind."""
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DJANGO_SETTINGS_MODULE": "ils.web.settings"}
    if kind == "sqlite":
        return [base | {"ILS_VAR": str(tmp_path / name)} for name in ("a", "b")], lambda: None
    import psycopg

    url = _postgres_url()
    names = [f"ils_backup_{uuid.uuid4().hex[:8]}_{n}" for n in ("a", "b")]
    with psycopg.connect(url, autocommit=True) as admin:
        for name in names:
            admin.execute(f'create database "{name}"')

    def drop():
        with psycopg.connect(url, autocommit=True) as admin:
            for name in names:
                admin.execute(f'drop database if exists "{name}" with (force)')

    root = url.rsplit("/", 1)[0]
    return [base | {"DATABASE_URL": f"{root}/{name}", "ILS_VAR": str(tmp_path / name)} for name in names], drop


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=[pytest.mark.postgres, pytest.mark.skipif(
    not _postgres_url(), reason="needs DATABASE_URL of a PostgreSQL server (scripts/with-postgres.sh)")])])
def test_backup_then_restore_into_a_fresh_database_gives_back_everything(kind, tmp_path):
    (source, target), drop = _databases(kind, tmp_path)
    try:
        backup = tmp_path / "kopia"
        # One process per database (each start costs seconds): build, edit, `backup`, then dump.
        script = SOURCE.replace("FILES", repr([str(p) for p in SEED_FILES])).replace("BACKUP", repr(str(backup)))
        before = json.loads(_ils(source, "shell", "--no-imports", "-c", script + DUMP).splitlines()[-1])
        _ils(target, "restore", str(backup))
        after = json.loads(_ils(target, "shell", "--no-imports", "-c", DUMP))
        assert len(before["reports"]) == 4 and before["audit"] and before["users"]
        assert after == before
    finally:
        drop()


def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "ils.web.settings", "ILS_VAR": str(tmp_path)}
    (tmp_path / "inte.db").write_text("hej")
    result = subprocess.run([BIN / "ils", "restore", str(tmp_path / "inte.db")], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "ingen säkerhetskopia" in result.stderr
