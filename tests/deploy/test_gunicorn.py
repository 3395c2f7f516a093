"""deploy/gunicorn.conf.py: values from the environment, and a real gunicorn serving the
liveness endpoint with it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.live_services import _free_port

ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
SETTINGS_VARIABLES = ("DATABASE_URL", "REDIS_URL", "TEST_REDIS_URL", "DEBUG")


def _env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    return {**base, **extra}


def _config(**env: str) -> dict[str, str]:
    out = subprocess.run(
        [*GUNICORN, "--print-config", "exchange_portal.wsgi"],
        cwd=ROOT,
        env=_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in out.splitlines())
    }


def test_the_defaults_are_threaded_workers_with_timeouts_and_recycling():
    config = _config()
    assert config["worker_class"] == "gthread"
    assert int(config["workers"]) == os.cpu_count() * 2 + 1
    assert (config["threads"], config["timeout"], config["graceful_timeout"]) == ("4", "30", "30")
    assert (config["max_requests"], config["max_requests_jitter"]) == ("1000", "100")


def test_every_value_comes_from_the_environment():
    config = _config(
        GUNICORN_WORKER_CLASS="sync",
        GUNICORN_WORKERS="3",
        GUNICORN_TIMEOUT="20",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_BIND="0.0.0.0:9000",
    )
    assert (config["worker_class"], config["workers"], config["timeout"]) == ("sync", "3", "20")
    assert config["max_requests"] == "500"
    assert config["bind"] == "['0.0.0.0:9000']"


def test_gunicorn_serves_liveness_with_this_configuration(tmp_path):
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [*GUNICORN, "exchange_portal.wsgi"],
        cwd=ROOT,
        env=_env(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz/live/", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer in 60 s"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}
    finally:
        process.terminate()
        process.wait(timeout=40)
        log.close()
