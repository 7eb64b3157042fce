"""`ils restore FILE`: the database becomes the backup's (stop the server first)."""
from django.core.management.base import BaseCommand, CommandError

from ils.persistence.backup import BackupError, restore


class Command(BaseCommand):
    help = "Läs tillbaka en säkerhetskopia från `ils backup`; databasens innehåll ersätts (stoppa servern först)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        try:
            restore(file)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"återläst: {file}")
