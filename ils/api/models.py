"""API tokens: a person's key for programs (feeds from source systems). Only a hash is stored;
the token itself is shown once, when it is created."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "ils_"


def digest(token: str) -> str:
    """Tokens are 256 random bits, so a plain SHA-256 is enough (no salt or stretching needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens",
                             verbose_name="användare")
    name = models.CharField("namn", max_length=100, blank=True)
    prefix = models.CharField("början", max_length=12)  # to tell tokens apart in lists
    hashed = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField("skapad", auto_now_add=True)
    last_used = models.DateTimeField("senast använd", null=True, blank=True)
    expires = models.DateTimeField("går ut", null=True, blank=True)
    read_only = models.BooleanField("bara läsa", default=False)

    class Meta:
        ordering = ["-created"]
        verbose_name, verbose_name_plural = "API-nyckel", "API-nycklar"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user}{', ' + self.name if self.name else ''})"

    @classmethod
    def issue(cls, user, name: str = "", expires=None, read_only: bool = False) -> tuple["ApiToken", str]:
        """A new token for ``user``: the stored row and the token text (shown once, never stored).
        Without ``expires`` it lasts settings.API_TOKEN_DAYS."""
        token = PREFIX + secrets.token_urlsafe(32)
        if expires is None:
            expires = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
        row = cls.objects.create(user=user, name=name[:100], prefix=token[:10], hashed=digest(token),
                                 expires=expires, read_only=read_only)
        return row, token

    @classmethod
    def active_for(cls, token: str) -> "ApiToken | None":
        """The unexpired token row of an active user, or None."""
        if not token or not token.startswith(PREFIX) or len(token) > 100:
            return None
        row = cls.objects.select_related("user").filter(hashed=digest(token)).first()
        now = timezone.now()
        if row is None or not row.user.is_active or (row.expires and row.expires <= now):
            return None
        if row.last_used is None or (now - row.last_used).total_seconds() > 60:
            cls.objects.filter(pk=row.pk).update(last_used=now)
        return row

    @classmethod
    def user_for(cls, token: str):
        """The active user a token belongs to, or None."""
        row = cls.active_for(token)
        return row.user if row else None
