"""`ils api_token USER [--name NAME] [--days N]`: issue an API token; it is printed once."""
from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ils.api.models import ApiToken


class Command(BaseCommand):
    help = "Skapa en API-nyckel för en användare (visas bara en gång)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="")
        parser.add_argument("--days", type=int, default=0, help="giltig i så många dagar (0: tills vidare)")

    def handle(self, username, name, days, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Användaren {username} finns inte.") from None
        expires = timezone.now() + timedelta(days=days) if days else None
        _, token = ApiToken.issue(user, name=name, expires=expires)
        self.stdout.write(token)
