"""`ils reindex`: rebuild the search index from every stored report."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ils.search.index import rebuild


class Command(BaseCommand):
    help = "Bygg om sökindexet för alla rapporter."

    def handle(self, **options):
        started = time.perf_counter()
        count = rebuild()
        self.stdout.write(f"{count} rapporter indexerade på {time.perf_counter() - started:.1f} s")
