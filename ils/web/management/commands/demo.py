"""Load the demo data: the seed reports (or any report files) and one demo user per role.

The demo users' passwords are public (README), so the command runs only in demo mode
(ILS_DEMO=1, as `make run` sets it). Run again, it leaves reports already stored as they are.
"""
from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ils.importers import ReportError, parse_file
from ils.domain.workflow import Role
from ils.persistence import models
from ils.persistence.store import committee_named, save_document

SEED_DIR = Path(__file__).resolve().parents[4].parent / "shared" / "seeds"
REPORT_SUFFIXES = (".txt", ".md", ".html", ".pdf", ".docx")

# username, full name, password, role, committee (None: the whole city); README lists the same.
DEMO_USERS = [
    ("admin", "Ada Administratör", "admin", Role.ADMIN, None),
    ("controller", "Carl Controller", "controller", Role.CONTROLLER, "Södermalms stadsdelsnämnd"),
    ("skribent", "Sara Skribent", "skribent", Role.WRITER, "Södermalms stadsdelsnämnd"),
    ("skribent-social", "Sam Skribent", "skribent", Role.WRITER, "Socialnämnden"),
    ("lasare", "Lena Läsare", "lasare", Role.READER, "Södermalms stadsdelsnämnd"),
]


class Command(BaseCommand):
    help = "Läs in demodata: seed-rapporterna och demoanvändare."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="rapportfiler (standard: $ILS_SEEDS eller ../shared/seeds)")

    def handle(self, *args, files, **options):
        if not settings.DEMO:
            raise CommandError("ils demo skapar användare med kända lösenord och körs bara i demoläge "
                               "(ILS_DEMO=1, som make run sätter).")
        paths = [Path(f) for f in files] or self._seed_files()
        imported = []
        for path in paths:
            try:
                doc = parse_file(path)
            except ReportError as error:
                raise CommandError(str(error)) from error
            if models.Report.objects.filter(committee__name=doc.committee, year=doc.year,
                                            period=doc.period.value).exists():
                self.stdout.write(f"{path.name}: finns redan")
                continue
            imported.append((doc, save_document(doc)))
            self.stdout.write(f"{path.name}: {imported[-1][1]}")
        for line in create_demo_users():
            self.stdout.write(line)
        for line in open_next_documents(imported):
            self.stdout.write(line)

    def _seed_files(self) -> list[Path]:
        folder = Path(os.environ.get("ILS_SEEDS", SEED_DIR))
        if not folder.is_dir():
            raise CommandError(f"{folder}: mappen med demorapporter finns inte (sätt ILS_SEEDS)")
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in REPORT_SUFFIXES)


def open_next_documents(imported) -> list[str]:
    """Imported reports are decided documents: they are locked (readable by everyone signed in).
    KF's part of each becomes the city's definitions for its year, and each imported VP, T1 or T2
    gets the year's next document as an open draft to work in (Södermalm's and Socialnämnden's
    T2 2024, Hägersten-Älvsjö's T1 2025 from the seeds)."""
    from ils.domain.city import city_definitions_from
    from ils.domain.planning import PERIOD_ORDER
    from ils.domain.workflow import Status
    from ils.persistence.city import store_city_definitions
    from ils.persistence.planning import create_document

    admin, lines = get_user_model().objects.get(username="admin"), []
    for doc, report in imported:
        store_city_definitions(city_definitions_from(doc))
    for doc, report in imported:
        if report.status != Status.LOCKED:
            models.Report.objects.filter(pk=report.pk).update(status=Status.LOCKED.value)
            report.goals.update(status=Status.LOCKED.value)
            report.text_parts.update(status=Status.LOCKED.value)
            models.AuditEntry.objects.create(report=report, user=None, item_type="rapport", item_id=report.pk,
                                             field="status", before=Status.DRAFT.label, after=Status.LOCKED.label,
                                             note="Inläst som beslutad rapport")
        if doc.period.value == "VB":
            continue
        following = PERIOD_ORDER[PERIOD_ORDER.index(doc.period) + 1]
        if not models.Report.objects.filter(committee=report.committee, year=report.year,
                                            period=following.value).exists():
            created = create_document(admin, report, report.year, following)
            lines.append(f"utkast att arbeta i: {created.get_period_display()} {created.year}, {report.committee}")
    return lines


def create_demo_users() -> list[str]:
    """One user per role (README lists them); returns a line per user for the command's output."""
    users, lines = get_user_model(), []
    for username, full_name, password, role, committee in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = users.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.is_staff = user.is_superuser = role is Role.ADMIN
        user.set_password(password)
        user.save()
        models.Membership.objects.get_or_create(
            user=user, role=role.value, committee=committee_named(committee) if committee else None)
        lines.append(f"användare {username} / {password}: {role.label}, {committee or 'hela staden'}")
    return lines
