"""Backups of the whole database and their restore, for both backends.

SQLite: the online backup API copies the live database page by page under a read transaction, so
the copy is consistent even while the app writes (copying the file under WAL is not). PostgreSQL:
pg_dump's custom format (a consistent snapshot) and pg_restore into the configured database, in
one transaction. The backup is a file of the backend's own format; restore refuses another one.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PG_BIN = os.environ.get("ILS_PG_BIN", "/usr/lib/postgresql/15/bin")


class BackupError(Exception):
    """A backup or restore that cannot be made (Swedish message)."""


def backup(path: str | Path, using: str = "default") -> Path:
    path = Path(path)
    connection = connections[using]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _run(connection, _pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={path}", *_pg_args(connection))
    else:
        raise BackupError(f"säkerhetskopiering stöds inte för {connection.vendor}")
    return path


def restore(path: str | Path, using: str = "default") -> None:
    """Replace the configured database's contents with the backup's. Stop the server first."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: filen finns inte")
    with path.open("rb") as source:
        head = source.read(16)
    connection = connections[using]
    if connection.vendor == "sqlite":
        if head != SQLITE_MAGIC:
            raise BackupError(f"{path}: ingen säkerhetskopia av en SQLite-databas")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in source.execute("select name from sqlite_master where type = 'table'")}
            if not {"django_migrations", "persistence_report"} <= tables:
                raise BackupError(f"{path}: ingen säkerhetskopia av ILS")
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    elif connection.vendor == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{path}: ingen säkerhetskopia från pg_dump (format custom)")
        connection.close()
        _run(connection, _pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", *_pg_args(connection, flag="--dbname"), str(path))
    else:
        raise BackupError(f"återläsning stöds inte för {connection.vendor}")


def _pg_tool(name: str) -> str:
    found = shutil.which(name, path=PG_BIN) or shutil.which(name)
    if found is None:
        raise BackupError(f"{name} saknas (installera PostgreSQL:s klientprogram eller sätt ILS_PG_BIN)")
    return found


def _pg_args(connection, flag: str = "--dbname") -> list[str]:
    s = connection.settings_dict
    args = [f"{flag}={s['NAME']}"]
    if s.get("HOST"):
        args.append(f"--host={s['HOST']}")
    if s.get("PORT"):
        args.append(f"--port={s['PORT']}")
    if s.get("USER"):
        args.append(f"--username={s['USER']}")
    return args


def _run(connection, *command: str) -> None:
    password = connection.settings_dict.get("PASSWORD")
    env = os.environ | ({"PGPASSWORD": password} if password else {})
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} misslyckades: {result.stderr.strip()[:2000]}")
