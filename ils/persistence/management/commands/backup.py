"""`ils backup FILE`: a consistent copy of the whole database (see ils.persistence.backup)."""
from django.core.management.base import BaseCommand, CommandError

from ils.persistence.backup import BackupError, backup


class Command(BaseCommand):
    help = "Säkerhetskopiera hela databasen till FILE (SQLite: online backup, PostgreSQL: pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        try:
            path = backup(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"säkerhetskopia: {path}")
