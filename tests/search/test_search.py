"""Swedish full-text search: stemming, permissions, and an index that follows edits and imports."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from ils.domain.workflow import Role
from ils.persistence import editing, models
from ils.search.index import search
from tests.city.conftest import SOCIAL, SODERMALM, lock, login

pytestmark = pytest.mark.postgres


def _user(name, role=None, committee=None, superuser=False):
    login(name, role, committee, superuser)
    return get_user_model().objects.get(username=name)


def test_an_inflected_word_finds_the_analysis(db):
    admin = _user("admin", superuser=True)
    # Södermalm L1430: "... speglar hur könsfördelningen sett ut historiskt inom stadsdelsområdet."
    hits, total = search(admin, "könsfördelning", year=2024)
    assert total >= 1 and {h.report.committee.name for h in hits} == {SODERMALM}
    assert search(admin, "könsfördelning")[1] > total  # Hässelby-Vällingby's VB 2022 too
    assert any("<mark>könsfördelningen</mark>" in h.snippet_html for h in hits)
    plural, _ = search(admin, "psykosociala problem", year=2024)  # "psykosocial problematik"
    assert plural and all(h.report.committee.name == SODERMALM for h in plural)


def test_hits_are_filtered_by_permission(db):
    social = _user("skribent-social", Role.WRITER, SOCIAL)
    assert search(social, "könsfördelning") == ([], 0)  # Södermalm's draft
    lock(SODERMALM)
    hits, total = search(social, "könsfördelning")
    assert total >= 1 and hits[0].report.committee.name == SODERMALM


def test_filters_by_kind_year_and_committee(db):
    admin = _user("admin", superuser=True)
    everything, total = search(admin, "ekonomiskt bistånd")
    indicators, indicator_total = search(admin, "ekonomiskt bistånd", kind="indikator")
    assert 0 < indicator_total < total and {h.entry.kind for h in indicators} == {"indikator"}
    assert search(admin, "ekonomiskt bistånd", year=2019) == ([], 0)
    social, _ = search(admin, "ekonomiskt bistånd", committee="socialnamnden")
    assert social and {h.report.committee.name for h in social} == {SOCIAL}


def test_the_index_follows_edits_and_reimports(db, seed_documents):
    writer = _user("skribent", Role.WRITER, SODERMALM)
    row = models.IndicatorValue.objects.filter(report__committee__name=SODERMALM).first()
    assert search(writer, "solrosfröna") == ([], 0)
    editing.update_item(writer, row, row.version, {"analysis": "Solrosfröna grodde tidigt i år."})
    hits, total = search(writer, "solrosfrön")
    assert total == 1 and hits[0].entry.item_id == row.pk
    from ils.persistence.store import save_document

    save_document(seed_documents["sodermalm"], replace=True)  # a new import replaces the edited draft
    assert search(writer, "solrosfrön") == ([], 0)
    assert search(writer, "könsfördelning")[1] >= 1


def test_the_search_page(db):
    client = login("admin", superuser=True)
    page = client.get("/sok/", {"q": "könsfördelningen"}).text
    assert "<mark>könsfördelningen</mark>" in page and "träff" in page
    assert "Inga träffar" in client.get("/sok/", {"q": "xyzzyq"}).text
    assert client.get("/sok/", {"q": '"*) OR ( ; --'}).status_code == 200


def test_an_edited_text_part_is_found(db):
    from ils.persistence import texts

    admin = _user("admin", superuser=True)
    search(admin, "något")  # index what is stored first
    report = models.Report.objects.get(committee__name=SODERMALM, year=2024)
    part = report.text_parts.get(key="prioriterat-arbete")
    texts.update_text(admin, part, part.version, "## Rubrik\n\nVi inför **cykelbibliotek** i stadsdelen.")
    hits, total = search(admin, "cykelbibliotek", year=2024)
    assert total == 1 and hits[0].report == report
