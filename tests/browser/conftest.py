"""Headless Debian Chromium driven by Playwright against a live server with two seed reports."""
from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("ILS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db, seed_documents):
    """Södermalm's T1 and Socialnämnden's T1 as drafts, and the demo users, on a live server."""
    from ils.persistence.store import save_document
    from ils.web.management.commands.demo import create_demo_users

    for name in ("sodermalm", "socialnamnden"):
        save_document(seed_documents[name])
    create_demo_users()
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
