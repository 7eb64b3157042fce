"""Fixtures shared by the database-backed tests: the seed reports parsed once, stored once."""
from __future__ import annotations

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
