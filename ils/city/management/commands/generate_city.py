"""`ils generate_city`: a synthetic city of realistic size (ils.demo.city), stored in bulk and
indexed for search, for benchmarks. Default: 30 committees x 10 years x 4 periods x 150 indicators.
Years before the last are locked (published); the last year's reports are drafts. Each committee's
year also gets a risk analysis with --risks risks (40), controls and follow-ups."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ils.city.bulk import _Definitions, save_documents
from ils.city.internal_control_bulk import save_internal_control
from ils.demo.city import committees, generate_document
from ils.domain.model import Period
from ils.search.index import index_reports


class Command(BaseCommand):
    help = "Generera en syntetisk stad för prestandamätningar."

    def add_arguments(self, parser):
        parser.add_argument("--committees", type=int, default=30)
        parser.add_argument("--years", type=int, default=10, help="antal år, till och med --last-year")
        parser.add_argument("--last-year", type=int, default=2025)
        parser.add_argument("--periods", default="VP,T1,T2,VB")
        parser.add_argument("--indicators", type=int, default=150)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--no-search", action="store_true", help="indexera inte för sökning")
        parser.add_argument("--risks", type=int, default=40, help="risker per nämnd och år i internkontrollen")

    def handle(self, committees: int, years: int, last_year: int, periods: str, indicators: int, seed: int,
               no_search: bool, risks: int = 40, **options):
        started = time.perf_counter()
        chosen = [Period(p.strip()) for p in periods.split(",") if p.strip()]
        year_range = range(last_year - years + 1, last_year + 1)
        definitions = _Definitions()
        total = 0
        for name in _names(committees):
            docs = [generate_document(name, year, period, indicators, seed) for year in year_range for period in chosen]
            ids = save_documents(docs, definitions, locked=lambda d: d.year < last_year)
            if not no_search:
                index_reports(ids)
            if risks:
                save_internal_control(ids, risks, seed)
            total += len(ids)
            self.stdout.write(f"{name}: {len(ids)} rapporter ({time.perf_counter() - started:.0f} s)")
        self.stdout.write(f"{total} rapporter på {time.perf_counter() - started:.1f} s")


def _names(count: int) -> list[str]:
    return committees(count)
