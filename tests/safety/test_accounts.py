"""Accounts: login throttling per account and per address, password validators, idle sessions,
demo passwords only in demo mode."""
from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "Korrekt-häst-batteri-häftklammer"


def _login(username, password, address="10.1.1.1"):
    return Client(REMOTE_ADDR=address).post("/logga-in/", {"username": username, "password": password})


def test_an_account_is_locked_after_repeated_failures_even_for_the_right_password(settings):
    get_user_model().objects.create_user("offer", password=PASSWORD)
    assert _login("offer", PASSWORD).status_code == 302, "the right password works at first"
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login("offer", f"fel-{n}", address=f"10.2.0.{n}").status_code == 200  # the form again
    assert _login("offer", "fel", address="10.2.1.1").status_code == 429  # the last allowed failure locks
    refused = _login("offer", PASSWORD, address="10.3.3.3")
    assert refused.status_code == 429 and "För många inloggningsförsök" in refused.text
    assert _login("offer", PASSWORD, address="10.3.3.3").status_code == 429


def test_an_address_is_locked_after_failures_across_accounts(settings):
    get_user_model().objects.create_user("annan", password=PASSWORD)
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(f"gissning-{n}", "fel", address="10.9.9.9")
    assert _login("annan", PASSWORD, address="10.9.9.9").status_code == 429
    assert _login("annan", PASSWORD, address="10.8.8.8").status_code == 302, "other addresses still sign in"


def test_passwords_are_validated():
    user = get_user_model()(username="lena.lasare", first_name="Lena")
    for weak in ("lasare", "admin", "12345678901234", "lena.lasare2024", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password(PASSWORD, user)


def test_a_session_ends_when_idle_and_is_renewed_while_used(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    get_user_model().objects.create_user("aktiv", password=PASSWORD)
    client = Client()
    assert client.post("/logga-in/", {"username": "aktiv", "password": PASSWORD}).status_code == 302
    assert client.get("/").status_code == 200
    key = client.session.session_key
    # Used again after more than a minute: the idle deadline moves to 30 minutes from now.
    session = client.session
    session["_ils_seen"] = int(time.time()) - 120
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timezone.timedelta(minutes=1))
    assert client.get("/").status_code == 200
    renewed = Session.objects.get(pk=key).expire_date - timezone.now()
    assert renewed > timezone.timedelta(minutes=29)
    # Idle past the deadline: signed out.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")


def test_demo_users_with_known_passwords_only_in_demo_mode(settings, tmp_path):
    settings.DEMO = False
    with pytest.raises(CommandError, match="bara i demoläge"):
        call_command("demo", str(tmp_path / "ingen.txt"))
    assert not get_user_model().objects.filter(username="lasare").exists()
