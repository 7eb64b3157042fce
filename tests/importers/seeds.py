"""Where the seed reports are: ../shared/seeds beside the repository, or $ILS_SEEDS."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = Path(os.environ.get("ILS_SEEDS", REPO.parent / "shared" / "seeds"))
SEED_FILES = sorted(SEED_DIR.glob("*.txt"))


def seed(name: str) -> Path:
    """The seed report whose file name starts with ``name``."""
    matches = [p for p in SEED_FILES if p.name.startswith(name)]
    if len(matches) != 1:
        raise LookupError(f"no single seed report named {name!r} in {SEED_DIR}")
    return matches[0]
