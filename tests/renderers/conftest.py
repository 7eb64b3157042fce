"""Seed PDFs rendered once a session, two at a time, from the first test that wants one."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from .helpers import SEEDS, seed_path
from .pdf_cache import RenderedPdf, render_and_read


@pytest.fixture(scope="session")
def rendered_pdfs():
    """name -> future RenderedPdf. Reading the text with pdfplumber takes seconds a seed; two processes halve the wait."""
    # Not forked from this process: after a Typst compile here (the web export test), a forked
    # child's Typst would wait forever for the thread pool it inherited without its threads.
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        # The largest first, so the two processes finish together.
        names = sorted(SEEDS, key=lambda name: -os.path.getsize(seed_path(name)))
        yield {name: pool.submit(render_and_read, seed_path(name)) for name in names}


@pytest.fixture
def rendered_pdf(rendered_pdfs, seed) -> RenderedPdf:
    return rendered_pdfs[seed].result()
