"""Load the demo data: the seed reports (or any report files) and one demo user per role."""
from __future__ import annotations

import os
from pathlib import Path

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
        paths = [Path(f) for f in files] or self._seed_files()
        for path in paths:
            try:
                report = save_document(parse_file(path))
            except ReportError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"{path.name}: {report}")
        for line in create_demo_users():
            self.stdout.write(line)

    def _seed_files(self) -> list[Path]:
        folder = Path(os.environ.get("ILS_SEEDS", SEED_DIR))
        if not folder.is_dir():
            raise CommandError(f"{folder}: mappen med demorapporter finns inte (sätt ILS_SEEDS)")
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in REPORT_SUFFIXES)


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
