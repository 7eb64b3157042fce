import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded bilagor go to a fresh folder per test, through Django's default storage."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clients():
    """A signed-in client per role (tests/web/people.py)."""
    from tests.web.people import every_role

    return every_role()
