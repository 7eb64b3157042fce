"""Time to render the largest seed report to PDF and DOCX, against LibreOffice converting the
same HTML to PDF headless. All three are measured side by side in one run, best of N repeats.

The PDF is the report path of the web export: Typst's layout and the pikepdf pass (``render_pdf``);
the first compile in a process, which loads the fonts, is shown apart. Target: faster than
LibreOffice, under 3 s for ~100 pages.

Usage: python bench/render_bench.py [SEED_DIR] [--repeat N]
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

import pikepdf  # noqa: E402
import typst  # noqa: E402

from ils.importers import parse_file  # noqa: E402
from ils.renderers.docx_report import render_docx  # noqa: E402
from ils.renderers.html_report import render_html  # noqa: E402
from ils.renderers.pdf_report import post_process, render_pdf  # noqa: E402
from ils.renderers.typst_report import render_typst_pdf  # noqa: E402


def best_of(repeat: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def pages(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        with pikepdf.open(f.name) as document:
            return len(document.pages)


def libreoffice(html: str, workdir: Path) -> bytes:
    source = workdir / "rapport.html"
    source.write_text(html, encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{workdir}/profile", "--headless",
                    "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(workdir), str(source)],
                   check=True, capture_output=True, timeout=600)
    return (workdir / "rapport.pdf").read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seeds", nargs="?", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    documents = [parse_file(p) for p in sorted(Path(args.seeds).glob("*.txt"))]
    start = time.perf_counter()
    first = render_pdf(documents[0])  # the first in the process: fonts load here
    first_time = time.perf_counter() - start
    by_pages = [(pages(render_pdf(d)), d) for d in documents]
    page_count, doc = max(by_pages, key=lambda pair: pair[0])
    print(f"largest seed report: {Path(doc.source).name}, {page_count} pages as PDF (typst {typst.__version__})")

    pdf_time, pdf = best_of(args.repeat, lambda: render_pdf(doc))
    typst_time, typst_pdf = best_of(args.repeat, lambda: render_typst_pdf(doc))
    pass_time, _ = best_of(args.repeat, lambda: post_process(typst_pdf))
    docx_time, docx = best_of(args.repeat, lambda: render_docx(doc))
    html = render_html(doc)
    print(f"ils PDF  (Typst, PDF/UA-1):    {pdf_time:7.2f} s  ({pdf_time / page_count * 1000:.0f} ms/page, "
          f"{len(pdf) // 1024} KiB)")
    print(f"  of which Typst compile:      {typst_time:7.2f} s")
    print(f"  of which pikepdf pass:       {pass_time:7.2f} s")
    print(f"  first PDF in a process:      {first_time:7.2f} s  ({Path(documents[0].source).name}, "
          f"{pages(first)} pages, fonts loaded)")
    print(f"ils DOCX (python-docx):        {docx_time:7.2f} s  ({len(docx) // 1024} KiB)")
    if shutil.which("soffice") is None:
        print("LibreOffice: not installed (apt-get install libreoffice-writer-nogui), no ratio")
        return
    with tempfile.TemporaryDirectory() as tmp:
        libreoffice(html, Path(tmp))  # first start creates the profile; not counted
        lo_time, lo_pdf = best_of(args.repeat, lambda: libreoffice(html, Path(tmp)))
    print(f"LibreOffice HTML -> PDF:       {lo_time:7.2f} s  ({pages(lo_pdf)} pages)")
    print(f"ratio ils PDF / LibreOffice:   {pdf_time / lo_time:7.2f}")
    print(f"ratio ils DOCX / LibreOffice:  {docx_time / lo_time:7.2f}")
    per_100 = pdf_time / page_count * 100
    met = pdf_time < lo_time and per_100 < 3
    print(f"target PDF faster than LibreOffice and < 3 s per ~100 pages ({per_100:.2f} s): "
          f"{'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
