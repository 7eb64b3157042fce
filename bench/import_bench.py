"""Time to parse every seed report, against merely reading and splitting their lines; and
each seed as an untagged PDF (LibreOffice's, from the text, our DOCX and our HTML) imported
beside pdftotext on the same file.

Everything is measured side by side in one run (the machines are noisy), best of N repeats,
as wall time and as CPU time (the CPU figures move less on a shared machine). The PDFs come
from the tests' cache ($ILS_TEST_CACHE or var/test-cache, made there once with LibreOffice);
the PDF figures need LibreOffice and poppler's pdftotext (skipped without them).
Usage: python bench/import_bench.py [SEED_DIR] [--repeat N] [--no-pdf]
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ils.importers import parse_file  # noqa: E402
from ils.importers.text.reading import read_text  # noqa: E402


def best_of(repeat: int, work) -> tuple[float, float]:
    """The best wall time and the best CPU time (this process and its children) of the work."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        work()
        wall, cpu = min(wall, time.perf_counter() - start), min(cpu, _cpu() - start_cpu)
    return wall, cpu


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seeds", nargs="?", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    args = parser.parse_args()
    files = sorted(Path(args.seeds).glob("*.txt"))
    if not files:
        sys.exit(f"no seed reports in {args.seeds}")
    size = sum(f.stat().st_size for f in files)
    lines = sum(len(read_text(f).split("\n")) for f in files)
    parse_file(files[0])  # import modules and compile regexes outside the timing

    read, _ = best_of(args.repeat, lambda: [read_text(f).split("\n") for f in files])
    parse, _ = best_of(args.repeat, lambda: [parse_file(f) for f in files])
    print(f"seed corpus: {len(files)} reports, {lines} lines, {size / 1024:.0f} KiB")
    print(f"read + split lines : {read * 1000:8.1f} ms")
    print(f"parse all reports  : {parse * 1000:8.1f} ms   ({lines / parse:,.0f} lines/s)")
    print(f"ratio parse / read : {parse / read:8.1f} x")
    print(f"target < 1 s       : {'met' if parse < 1 else 'NOT met'}")
    if not args.no_pdf:
        pdf_figures(files, max(1, args.repeat // 2))


def pdf_figures(files: list[Path], repeat: int) -> None:
    """Each seed printed by LibreOffice (untagged PDFs): our import beside pdftotext, and the part
    of the import that reads the pages (``untagged_lines``, before any parsing) against it too."""
    from ils.importers.pdf import untagged_lines
    from tests.importers import pdf_routes

    if not pdf_routes.have_tools():
        print("PDF figures skipped: soffice and pdftotext are needed")
        return
    print("untagged PDF (LibreOffice)          pages   pdftotext      import   ratio    "
          "(CPU: pdftotext   import   ratio   of it reading)")
    met = {"wall": True, "CPU": True}
    for seed in files:
        for maker in ("lo-text", "lo-docx", "lo-html"):
            pdf = pdf_routes.make_pdf(seed, maker)
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
            # pdftotext is cheap and its one run swings most: its best of more runs
            poppler, poppler_cpu = best_of(max(5, 2 * repeat), lambda: subprocess.run(
                ["pdftotext", str(pdf), "-"], check=True, capture_output=True))
            ours, ours_cpu = best_of(repeat, lambda: parse_file(pdf, require_committee=False))
            _, reading_cpu = best_of(repeat, lambda: untagged_lines(pdf))
            print(f"{seed.stem:26s} {maker:8s} {pages:>5}  {poppler * 1000:7.0f} ms  {ours * 1000:7.0f} ms  "
                  f"{ours / poppler:5.1f} x        {poppler_cpu * 1000:7.0f} ms {ours_cpu * 1000:5.0f} ms  "
                  f"{ours_cpu / poppler_cpu:5.1f} x   {reading_cpu / poppler_cpu:5.1f} x")
            met["wall"] &= ours < 2 and ours <= 3 * poppler
            met["CPU"] &= ours_cpu < 2 and ours_cpu <= 3 * poppler_cpu
    print("target: each in < 2 s and within 3 x of pdftotext, a 60-page one included: "
          + ", ".join(f"{'met' if ok else 'NOT met'} by {kind} time" for kind, ok in met.items()))


if __name__ == "__main__":
    main()
