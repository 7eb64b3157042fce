"""The city's view on a generated city of realistic size, on SQLite and PostgreSQL side by side.

Generates the city (`ils generate_city`: by default 30 committees x 10 years x 4 periods x 150
indicators, years before the last published) into a throw-away database, then times, as a
city-wide administrator through Django's test client (the whole request: permissions, queries,
consolidation, template): the consolidation page, the city report (HTML and XLSX; PDF with --pdf),
the dashboard, the internal control's heat map (40 risks per committee and year), and Swedish
full-text searches. Each figure is the median of --repeat runs after
one warm-up run. Targets: consolidation page under 500 ms, search under 200 ms, internal control under 300 ms.

Usage:
  python bench/city_bench.py                         # SQLite, then PostgreSQL (scripts/with-postgres.sh)
  python bench/city_bench.py --db sqlite --committees 10 --years 3
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS_MS = {"konsolidering": 500, "sök": 200, "intern kontroll": 300}
SEARCHES = ["trygga", "följer planen", "målet uppfylls delvis", "genomförd enligt plan", "brukare inflytande"]


def measure(args) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ils.web.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ils.search.index import search

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("generate_city", committees=args.committees, years=args.years, last_year=args.last_year,
                 indicators=args.indicators, stdout=open(os.devnull, "w"))
    generate_s = time.perf_counter() - started
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    year = args.last_year - 1  # a published year

    def timed(label, func):
        func()  # warm-up: caches of parsed targets, vl-convert's engine, the database's pages
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            func()
            runs.append((time.perf_counter() - t) * 1000)
        return label, statistics.median(runs)

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response
        return run

    figures = dict([
        timed("konsolidering", get(f"/stad/{year}/T2/")),
        timed("konsolidering, ett KF-mål", get(f"/stad/{year}/T2/?mal=1")),
        timed("stadens rapport T2, HTML", get(f"/stad/{year}/T2/rapport.html")),
        timed("stadens rapport VB, HTML", get(f"/stad/{year}/VB/rapport.html")),
        timed("stadens rapport VB, XLSX", get(f"/stad/{year}/VB/rapport.xlsx")),
        timed("diagram", get(f"/stad/diagram/?ar={year}&period=T2")),
        timed("intern kontroll, värmekarta", get(f"/stad/internkontroll/{year}/")),
    ])
    if args.pdf:
        figures.update([timed("stadens rapport VB, PDF", get(f"/stad/{year}/VB/rapport.pdf"))])
    search_runs = {q: timed(q, lambda q=q: search(user, q))[1] for q in SEARCHES}
    figures["sök (median av frågorna)"] = statistics.median(search_runs.values())
    figures["sök (långsammaste frågan)"] = max(search_runs.values())
    figures["sök, sidan"] = timed("sök, sidan", get("/sok/?q=trygga"))[1]
    from ils.persistence import models
    from ils.search.models import Entry

    return {"backend": connection.vendor, "generate_s": generate_s, "figures_ms": figures,
            "rows": {"rapporter": models.Report.objects.count(), "indikatorvärden": models.IndicatorValue.objects.count(),
                     "sökposter": Entry.objects.count(), "risker": models.Risk.objects.count()}}


def run_child(db: str, args) -> dict:
    command = [sys.executable, __file__, "--child", *sys.argv[1:]]
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as var:
        if db == "sqlite":
            env.pop("DATABASE_URL", None)
            env["ILS_VAR"] = var
        else:
            env["ILS_PG_PORT"] = env.get("ILS_PG_PORT", "54331")
            command = [str(ROOT / "scripts" / "with-postgres.sh"), *command]
        out = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise SystemExit(f"{db}: failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--committees", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--last-year", type=int, default=2025)
    parser.add_argument("--indicators", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also the city report as PDF (Typst)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args)))
        return
    backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = {db: run_child(db, args) for db in backends}
    first = next(iter(results.values()))
    print(f"Genererad stad: {args.committees} nämnder x {args.years} år x 4 perioder x {args.indicators} indikatorer "
          f"({', '.join(f'{v} {k}' for k, v in first['rows'].items())})")
    print(f"{'':34}" + "".join(f"{db:>14}" for db in backends))
    print(f"{'generering (s)':34}" + "".join(f"{results[db]['generate_s']:14.1f}" for db in backends))
    for label in first["figures_ms"]:
        target = next((t for k, t in TARGETS_MS.items() if label.startswith(k)), None)
        cells = "".join(f"{results[db]['figures_ms'][label]:11.0f} ms" for db in backends)
        print(f"{label:34}{cells}" + (f"   (mål < {target} ms)" if target else ""))


if __name__ == "__main__":
    main()
