"""Stable identifiers for open data and the API: derived from names, never from database keys,
so they are the same in every installation and survive re-imports.

- committee: its slug ("sodermalms-stadsdelsnamnd")
- report: committee slug, year and period ("sodermalms-stadsdelsnamnd-2024-T1")
- indicator: "I" and 12 hex digits of the SHA-1 of the indicator's identity key
  (domain.model.indicator_key), so one indicator keeps its id across years and goal structures
"""
from __future__ import annotations

import hashlib
from functools import lru_cache


@lru_cache(maxsize=65536)
def indicator_code(key: str) -> str:
    return "I" + hashlib.sha1(key.encode()).hexdigest()[:12].upper()


def report_code(committee_slug: str, year: int, period: str) -> str:
    return f"{committee_slug}-{year}-{period}"
