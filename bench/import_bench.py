"""Time to parse every seed report, against merely reading and splitting their lines.

Both are measured side by side in one run (the machines are noisy), best of N repeats.
Usage: python bench/import_bench.py [SEED_DIR] [--repeat N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ils.importers import parse_file  # noqa: E402
from ils.importers.text.reading import read_text  # noqa: E402


def best_of(repeat: int, work) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seeds", nargs="?", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    files = sorted(Path(args.seeds).glob("*.txt"))
    if not files:
        sys.exit(f"no seed reports in {args.seeds}")
    size = sum(f.stat().st_size for f in files)
    lines = sum(len(read_text(f).split("\n")) for f in files)
    parse_file(files[0])  # import modules and compile regexes outside the timing

    read = best_of(args.repeat, lambda: [read_text(f).split("\n") for f in files])
    parse = best_of(args.repeat, lambda: [parse_file(f) for f in files])
    print(f"seed corpus: {len(files)} reports, {lines} lines, {size / 1024:.0f} KiB")
    print(f"read + split lines : {read * 1000:8.1f} ms")
    print(f"parse all reports  : {parse * 1000:8.1f} ms   ({lines / parse:,.0f} lines/s)")
    print(f"ratio parse / read : {parse / read:8.1f} x")
    print(f"target < 1 s       : {'met' if parse < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
