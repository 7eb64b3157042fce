import pytest

from tests.web.people import every_role


@pytest.fixture
def clients():
    """A client per role: anonymous, administrator, and Södermalm's and Socialnämnden's people."""
    return every_role()
