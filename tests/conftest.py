"""Fixtures shared by the database-backed tests: the seed reports parsed once, stored once."""
from __future__ import annotations

import os
import shutil

import pytest

from ils.importers import parse_file
from tests.importers.seeds import SEED_FILES


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run on every backend; they need the database marker too.

    Browser tests run last: their live server needs a transactional database, which is emptied
    after each of them, and the other tests rely on the seed reports stored once per session.
    """
    for item in items:
        if item.get_closest_marker("postgres") and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 takes a second per login on CI; its strength is not what these tests are about."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def seed_documents():
    return {path.name.split("_")[0]: parse_file(path) for path in SEED_FILES}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, seed_documents):
    """The four seed reports, stored in the test database before any test runs."""
    from ils.persistence.store import save_document

    with django_db_blocker.unblock():
        for doc in seed_documents.values():
            save_document(doc)


CHROMIUM = os.environ.get("ILS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run scripts/ensure-chromium.sh")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls stay synchronous.
    # Browser tests run last (see pytest_collection_modifyitems), so no other test loses the check.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()
