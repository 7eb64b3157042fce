"""Swedish number and date formatting for templates, shared with the report renderers."""
from __future__ import annotations

from datetime import date
from pathlib import PurePath
from decimal import Decimal

from django import template

from ils.domain.values import format_number
from ils.renderers.formatting import field_label as _field_label
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


@register.filter
def field_label(field: str, item_type: str = "") -> str:
    """The Swedish name of an audited field."""
    return _field_label(field, item_type)


@register.filter
def source_name(source: str) -> str:
    """Where a report came from, without the server's folders: "sodermalm_T1_2024.txt"."""
    return PurePath(source.replace("\\", "/")).name if "/" in source or "\\" in source else source
