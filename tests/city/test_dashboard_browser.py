"""The dashboard in headless Chromium: four charts drawn by vega-embed from the vendored files,
each an SVG with a text alternative, and the server's SVG in place without JavaScript."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def city_site(live_server, transactional_db, seed_documents):
    from django.contrib.auth import get_user_model

    from ils.persistence.store import save_document

    for name in ("sodermalm", "socialnamnden"):
        save_document(seed_documents[name], replace=True)  # the session's drafts, or after a flush none
    get_user_model().objects.create_user("stad", password="stad-123", is_superuser=True)
    return live_server.url


def _login(page, url):
    page.goto(f"{url}/logga-in/")
    page.fill("input[name=username]", "stad")
    page.fill("input[name=password]", "stad-123")
    page.click("button[type=submit], input[type=submit]")


def test_the_dashboard_draws_its_charts(browser, city_site):
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _login(page, city_site)
    page.goto(f"{city_site}/stad/diagram/?ar=2024&period=T1")
    page.wait_for_function("document.querySelectorAll('.diagram[data-interactive=true]').length === 4")
    for diagram in page.locator(".diagram").all():
        svg = diagram.locator("svg").first
        assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
        assert svg.locator("path, rect, circle, line").count() > 3  # marks were drawn
    # Swedish numbers on the axes: a decimal comma, never a decimal point.
    ticks = [t for t in page.locator(".diagram svg text").all_text_contents() if t]
    assert any("," in t for t in ticks) and not any(t.replace("\u2212", "-").lstrip("-").replace(".", "", 1).isdigit()
                                                    and "." in t for t in ticks)
    assert errors == []
    # Without JavaScript the server's SVG is there, with its <title>.
    plain = browser.new_context(java_script_enabled=False, storage_state=context.storage_state())
    static = plain.new_page()
    static.goto(f"{city_site}/stad/diagram/?ar=2024&period=T1")
    assert static.locator(".diagram svg title").count() == 4
    plain.close()
    context.close()
