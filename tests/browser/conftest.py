"""A live server with two seed reports, for the `browser` fixture (tests/conftest.py)."""
from __future__ import annotations

import pytest

@pytest.fixture
def site(live_server, transactional_db, seed_documents):
    """Södermalm's T1 and Socialnämnden's T1 as drafts, and the demo users, on a live server."""
    from ils.persistence.store import save_document
    from ils.web.management.commands.demo import create_demo_users

    for name in ("sodermalm", "socialnamnden"):
        save_document(seed_documents[name], replace=True)  # the session's drafts, or after a flush none
    create_demo_users()
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
