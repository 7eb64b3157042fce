import pytest

from tests.web.people import every_role


@pytest.fixture
def clients():
    """A client per role, as in the web tests."""
    return every_role()
