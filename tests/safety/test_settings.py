"""Safe settings by default: Django's deploy check passes with the documented production
environment, the public key is refused, debug answers loopback only, pages carry a strict CSP
and need no inline script or style."""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.web.people import _report, signed_in

BIN = Path(sys.executable).parent
PRODUCTION = {"ILS_SECRET_KEY": secrets.token_urlsafe(50), "ILS_ALLOWED_HOSTS": "ils.stockholm.example"}


def _run(command, env_extra, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILS_") and k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "ils.web.settings", "ILS_VAR": str(tmp_path)} | env_extra
    return subprocess.run(command, env=env, capture_output=True, text=True)


@pytest.mark.parametrize("command", [[sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
                                     [BIN / "ils", "check", "--deploy", "--fail-level", "WARNING"]],
                         ids=["python-m-django", "ils"])
def test_the_deploy_check_passes_with_the_documented_environment(command, tmp_path):
    result = _run(command, PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_on_a_development_setup(tmp_path):
    result = _run([BIN / "ils", "check", "--deploy", "--fail-level", "WARNING"], {"ILS_DEBUG": "1"}, tmp_path)
    assert result.returncode != 0 and "DEBUG" in result.stdout + result.stderr


@pytest.mark.parametrize("key", ["dev-only-not-secret", "kort"])
def test_a_public_or_short_secret_key_is_refused(key, tmp_path):
    result = _run([BIN / "ils", "check"], PRODUCTION | {"ILS_SECRET_KEY": key}, tmp_path)
    assert result.returncode != 0 and "ILS_SECRET_KEY är publik eller för kort" in result.stderr


def test_without_environment_debug_is_off_and_a_local_key_is_made(tmp_path):
    code = "from django.conf import settings as s; print(s.DEBUG, len(s.SECRET_KEY), s.HTTPS)"
    first = _run([BIN / "ils", "shell", "--no-imports", "-c", code], {}, tmp_path)
    assert first.stdout.split() == ["False", str(len((tmp_path / "secret_key").read_text())), "False"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    again = _run([BIN / "ils", "shell", "--no-imports", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
                 {}, tmp_path)
    assert again.stdout.strip() == (tmp_path / "secret_key").read_text().strip(), "every process uses the same key"


@pytest.mark.django_db
def test_debug_mode_answers_this_machine_only(settings):
    settings.DEBUG = True
    assert Client(REMOTE_ADDR="10.0.0.7").get("/logga-in/").status_code == 403
    assert Client(REMOTE_ADDR="127.0.0.1").get("/logga-in/").status_code == 200


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_and_no_inline_script_or_style():
    client = signed_in("csp", superuser=True)
    report = _report()
    indicator = report.indicators.exclude(outcome_text="").first()
    pages = ["/", f"/rapport/{report.pk}/", f"/indikator/{indicator.pk}/", "/stad/diagram/?ar=2024&period=T1",
             "/kf/2024/", "/sok/?q=barn", "/importera/utfall/", "/konto/nycklar/", "/logga-in/", "/finns-inte/"]
    for url in pages:
        response = client.get(url, follow=True)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy and "unsafe" not in policy, url
        html = response.content.decode()
        scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
        assert not scripts, (url, scripts)
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html), url


@pytest.mark.django_db
def test_html_exports_are_self_contained_documents_without_scripts():
    client = signed_in("csp-export", superuser=True)
    response = client.get(f"/rapport/{_report().pk}/export.html")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "script-src" not in response["Content-Security-Policy"]
