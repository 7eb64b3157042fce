"""Seed reports parsed once per session, and checks shared by the renderer tests."""
from __future__ import annotations

import re
from functools import cache

import pytest

from ils.domain.model import Document, DocumentType, Period
from ils.importers import parse_file
from tests.importers.seeds import SEED_DIR, SEED_FILES

SEEDS = [p.stem for p in SEED_FILES]
T1 = "sodermalm_T1_2024"
VB = "hasselby-vallingby_VB_2022"
VP = "hagersten-alvsjo_VP_2025"
SOCIAL = "socialnamnden_T1_2024"


def seed_params(*names: str):
    """The named seeds (all by default); one skipped parameter saying where, when they are missing."""
    wanted = list(names or SEEDS)
    if not all(name in SEEDS for name in wanted):
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"seed reports missing in {SEED_DIR}"))]
    return wanted


@cache
def parsed(name: str) -> Document:
    return parse_file(SEED_DIR / f"{name}.txt")


def seed_path(name: str) -> str:
    return str(SEED_DIR / f"{name}.txt")


def squash(text: str) -> str:
    """Whitespace runs (and the no-break spaces of numbers) as one space."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def small_document(**fields) -> Document:
    """A tertial report of an imaginary committee, with what the test gives it."""
    return Document(**{"type": DocumentType.TERTIALRAPPORT, "period": Period.T2, "year": 2026,
                       "committee": "Kulturnämnden", **fields})
