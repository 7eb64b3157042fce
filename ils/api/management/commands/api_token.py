"""`ils api_token USER [--name NAME] [--days N] [--read-only]`: issue an API token (printed once);
`ils api_token --list [USER]` lists tokens, `ils api_token --revoke PREFIX` revokes one."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ils.api import tokens
from ils.api.models import ApiToken


class Command(BaseCommand):
    help = "Skapa, lista eller återkalla API-nycklar (en ny nyckel visas bara en gång)."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?")
        parser.add_argument("--name", default="")
        parser.add_argument("--days", type=int, default=settings.API_TOKEN_DAYS,
                            help=f"giltig i så många dagar (1–{tokens.MAX_DAYS}, standard {settings.API_TOKEN_DAYS})")
        parser.add_argument("--read-only", action="store_true", help="nyckeln får bara läsa")
        parser.add_argument("--list", action="store_true", help="lista nycklar (för USER, eller alla)")
        parser.add_argument("--revoke", metavar="PREFIX", help="återkalla nyckeln som börjar så")

    def handle(self, username, name, days, read_only, list, revoke, **options):
        if list:
            rows = ApiToken.objects.select_related("user").order_by("user__username", "-created")
            for row in rows.filter(user__username=username) if username else rows:
                expiry = f"går ut {row.expires:%Y-%m-%d}" if row.expires else "går aldrig ut"
                scope = "läsa" if row.read_only else "läsa och skriva"
                self.stdout.write(f"{row.prefix}…  {row.user.username}  {row.name or '-'}  {scope}  "
                                  f"skapad {row.created:%Y-%m-%d}  {expiry}")
            return
        if revoke:
            matches = ApiToken.objects.filter(prefix__startswith=revoke) if len(revoke) >= 6 else ApiToken.objects.none()
            if matches.count() != 1:
                raise CommandError(f"Ingen entydig nyckel börjar med {revoke!r} (ange minst 6 tecken från --list).")
            row = matches.get()
            tokens.revoke(None, row)
            self.stdout.write(f"återkallad: {row.prefix}… ({row.user.username})")
            return
        if not username:
            raise CommandError("Ange användaren, eller --list eller --revoke.")
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Användaren {username} finns inte.") from None
        try:
            _, token = tokens.issue(user, name=name, days=days, read_only=read_only)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(token)
