"""`ils import` of several files is one transaction: killed midway, it leaves nothing stored."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.importers.seeds import SEED_FILES

BIN = Path(sys.executable).parent


def _count(var: Path) -> int:
    with sqlite3.connect(var / "ils.sqlite3") as db:
        return db.execute("select count(*) from persistence_report").fetchone()[0]


def test_an_import_killed_after_its_first_file_stores_nothing(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "ILS_VAR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "ils.web.settings", "PYTHONUNBUFFERED": "1"}
    subprocess.run([BIN / "ils", "migrate", "--noinput", "-v", "0"], env=env, check=True)
    files = [str(p) for p in SEED_FILES]
    assert len(files) == 4
    process = subprocess.Popen([BIN / "ils", "import", *files], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    first = process.stdout.readline()  # printed once the first file is stored (inside the transaction)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    assert first.startswith(files[0]) and process.returncode == -signal.SIGKILL
    assert _count(tmp_path) == 0, "the killed import left reports behind"
    done = subprocess.run([BIN / "ils", "import", *files], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _count(tmp_path) == 4
