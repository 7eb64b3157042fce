"""Swedish number and date formatting for templates, shared with the report renderers."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import template

from ils.domain.values import format_number
from ils.renderers.formatting import swedish_date

register = template.Library()


@register.filter
def sv_number(value: Decimal | int | float | None, decimals: int | None = None) -> str:
    """3 331,1 — a space between thousands, a decimal comma."""
    return "" if value is None or value == "" else format_number(value, decimals)


@register.filter
def sv_date(value: date | None) -> str:
    """23 maj 2024."""
    return swedish_date(value) if value else ""
