"""Time to parse every seed report, against merely reading and splitting their lines; and
each seed as an untagged PDF (LibreOffice's, from the text) against pdftotext on the same file.

Everything is measured side by side in one run (the machines are noisy), best of N repeats.
The PDF figures need LibreOffice and poppler's pdftotext (skipped without them).
Usage: python bench/import_bench.py [SEED_DIR] [--repeat N] [--no-pdf]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
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
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
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
    if not args.no_pdf:
        pdf_figures(files, max(1, args.repeat // 2))


def pdf_figures(files: list[Path], repeat: int) -> None:
    """Each seed printed by LibreOffice (an untagged PDF): our import beside pdftotext."""
    from ils.importers.pdf import stream_lines
    from ils.importers.text.parser import parse_lines

    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        print("PDF figures skipped: soffice and pdftotext are needed")
        return
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to", "pdf", "--outdir", folder, *map(str, files)],
                       check=True, capture_output=True)
        print("untagged PDF (LibreOffice)     pages  pdftotext   content order   import   ratio")
        for seed in files:
            pdf = Path(folder) / f"{seed.stem}.pdf"
            pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
            poppler = best_of(repeat, lambda: subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                                             capture_output=True))
            stream = best_of(repeat, lambda: parse_lines(stream_lines(pdf), require_committee=False))
            whole = best_of(repeat, lambda: parse_file(pdf, require_committee=False))
            print(f"{seed.stem:30s} {pages:>5}  {poppler * 1000:7.0f} ms  {stream * 1000:8.0f} ms  "
                  f"{whole * 1000:7.0f} ms  {whole / poppler:5.1f} x")
        print("target: an untagged 60-page PDF in < 2 s and within 3 x of pdftotext ('content order' is "
              "PDFium's reading alone; 'import' adds the geometric reading it is compared with)")


if __name__ == "__main__":
    main()
