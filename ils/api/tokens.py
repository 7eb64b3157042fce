"""Issuing, listing and revoking API tokens: the one write path for them (web page and command).

A person manages their own tokens; an administrator anyone's; the command line every token. Tokens always expire (at most
MAX_DAYS), and may be limited to reading."""
from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import ApiToken

MAX_DAYS = 365


def issue(user, name: str = "", days: int | None = None, read_only: bool = False) -> tuple[ApiToken, str]:
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"giltighetstiden ska vara 1–{MAX_DAYS} dagar")
    if len(name) > 100:
        raise ValueError("namnet får ha högst 100 tecken")
    return ApiToken.issue(user, name=name.strip(), expires=timezone.now() + timedelta(days=days), read_only=read_only)


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created")


def revoke(by, token: ApiToken) -> None:
    """``by`` None: the machine's operator, through `ils api_token --revoke`."""
    if by is not None and token.user_id != by.pk and not by.is_superuser:
        raise PermissionDenied("Du kan bara återkalla dina egna API-nycklar.")
    token.delete()
