"""The production server (gunicorn, as `make run` starts it) against hostile uploads: each is
answered 4xx within seconds and the worker's peak memory stays far below 500 MB.

Runs the real server in a subprocess on its own SQLite database and measures the worker's peak
resident memory (VmHWM) from /proc."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from .bombs import dimension_bomb, far_cell_bomb, whitespace_bomb

PORT = int(os.environ.get("ILS_TEST_SERVER_PORT", 8101))
BIN = Path(sys.executable).parent
LIMIT_MB = 500

SETUP = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from ils.api.models import ApiToken
from ils.persistence import models
committee = models.Committee.objects.create(name="Testnämnden", slug="testnamnden")
for name, role in (("skribent", "skribent"), ("lasare", "lasare")):
    user = get_user_model().objects.create_user(name, password="x")
    models.Membership.objects.create(user=user, role=role, committee=committee)
    print(name, ApiToken.issue(user, name="test")[1])
"""


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("server")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ILS_DEBUG")}
    env |= {"ILS_VAR": str(var), "DJANGO_SETTINGS_MODULE": "ils.web.settings", "ILS_WORKERS": "1",
            "ILS_THREADS": "2"}
    tokens = dict(line.split() for line in subprocess.run(  # migrated, with a writer and a reader
        [BIN / "ils", "shell", "--no-imports", "-c", SETUP], env=env, check=True, capture_output=True,
        text=True).stdout.splitlines())
    process = subprocess.Popen([BIN / "gunicorn", "--config", "python:ils.web.gunicorn_conf", "--bind",
                                f"127.0.0.1:{PORT}", "ils.web.wsgi"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("gunicorn did not start")
    requests.get(f"http://127.0.0.1:{PORT}/logga-in/", timeout=10)  # the worker has loaded the app
    yield process, tokens
    process.terminate()
    process.wait(10)


def _upload(token: str, name: str, content: bytes):
    start = time.monotonic()
    response = requests.post(f"http://127.0.0.1:{PORT}/api/outcomes/import",
                             headers={"Authorization": f"Bearer {token}"}, files={"file": (name, content)}, timeout=30)
    return response, time.monotonic() - start


@pytest.mark.parametrize("bomb", [dimension_bomb, far_cell_bomb, lambda: whitespace_bomb(1500)],
                         ids=["declared-range", "far-cell", "whitespace"])
def test_bombs_are_refused_fast_and_small(server, bomb):
    process, tokens = server
    content = bomb()
    response, seconds = _upload(tokens["skribent"], "utfall.xlsx", content)
    assert 400 <= response.status_code < 500, response.text
    assert seconds < 5
    peaks = [_peak_mb(pid) for pid in _workers(process.pid)]
    assert peaks and max(peaks) < LIMIT_MB, peaks


def test_a_reader_is_refused_before_the_file_is_read(server):
    process, tokens = server
    response, seconds = _upload(tokens["lasare"], "utfall.xlsx", whitespace_bomb(1500))
    assert response.status_code == 403 and "roll" in response.json()["detail"]


def test_a_json_body_over_the_limit_is_413(server):
    process, tokens = server
    body = b'{"items": [' + b'{"id": 1, "outcome": "1"},' * 120_000 + b'{"id": 1}]}'
    response = requests.post(f"http://127.0.0.1:{PORT}/api/outcomes/", data=body, timeout=30,
                             headers={"Authorization": f"Bearer {tokens['skribent']}",
                                      "Content-Type": "application/json"})
    assert response.status_code == 413 and "för stor" in response.json()["detail"]


def test_debug_is_off_and_errors_reveal_nothing(server):
    response = requests.get(f"http://127.0.0.1:{PORT}/finns-inte/", timeout=10)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.text and "urlpatterns" not in response.text and "URLconf" not in response.text
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    static = requests.get(f"http://127.0.0.1:{PORT}/static/ils/ils.css", timeout=10)
    assert static.status_code == 200 and "text/css" in static.headers["Content-Type"]  # WhiteNoise
