"""Fixtures for real services: PostgreSQL, Redis, a Celery worker process, an SMTP sink and
headless Chromium.

A test that needs a service it cannot find FAILS when CI=true; elsewhere it skips, and the
end of the run prints a loud banner listing what was skipped and why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_SERVICES: list[str] = []


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, what: str) -> None:
    """Fail in CI, skip loudly elsewhere, when a needed service is missing."""
    if available:
        return
    if in_ci():
        pytest.fail(f"CI needs {what}, and it is not available", pytrace=False)
    SKIPPED_SERVICES.append(what)
    pytest.skip(f"SERVICE MISSING (would fail in CI): {what}")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if SKIPPED_SERVICES:
        terminalreporter.write_sep("!", "SERVICE TESTS SKIPPED — these fail in CI", red=True)
        for what in sorted(set(SKIPPED_SERVICES)):
            terminalreporter.write_line(f"  missing: {what}", red=True)


@pytest.fixture
def postgres(db):
    from django.db import connection

    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    return connection


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "")
    ok = False
    if url:
        import redis

        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
            ok = True
        except redis.RedisError:
            ok = False
    require_service(ok, "Redis (set TEST_REDIS_URL)")
    return url


@dataclass
class SmtpSink:
    """A real SMTP server (aiosmtpd) on a local port that keeps every message it accepts; it
    can be stopped and started again on the same port."""

    host: str
    port: int
    messages: list[Message] = field(default_factory=list)
    controller: object | None = None

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append(
                    message_from_bytes(envelope.original_content or envelope.content)
                )
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname=self.host, port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return list(self.messages)

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server on a free local port."""
    sink = SmtpSink(host="127.0.0.1", port=_free_port())
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url_for_subprocess() -> str:
    """The URL of the database the tests use right now (the test database), for a worker."""
    from django.db import connection

    s = connection.settings_dict
    user = s.get("USER") or ""
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@pytest.fixture
def celery_broker(redis_url) -> Iterator[str]:
    """Point this process's Celery app at the real Redis (no eager execution) for one test."""
    import redis

    from exchange_portal.celery import app

    redis.Redis.from_url(redis_url).flushdb()
    saved = {
        key: app.conf.get(key)
        for key in ("broker_url", "result_backend", "task_always_eager", "broker_connection_retry")
    }
    app.conf.update(broker_url=redis_url, result_backend=redis_url, task_always_eager=False)
    _reset_broker_pools(app)
    try:
        yield redis_url
    finally:
        app.conf.update(saved)
        _reset_broker_pools(app)


def _reset_broker_pools(app) -> None:
    """Celery caches its connection and producer pools on first use; a pool made earlier in
    the session for another broker URL (e.g. memory://) would swallow control commands such
    as ping. Drop them so the next use connects to the broker now configured."""
    app._pool = None  # kombu's registry hands out the pool for the URL now configured
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@dataclass
class WorkerProcess:
    """A `celery worker` process (prefork, one child) in its own process group."""

    process: subprocess.Popen
    log_path: Path
    node: str

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def children(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout
        return [int(pid) for pid in out.split()]

    def kill_child(self) -> int:
        """SIGKILL the pool process executing tasks (the main process replaces it)."""
        (child,) = self.children()
        os.kill(child, signal.SIGKILL)
        return child

    def kill_all(self) -> None:
        """SIGKILL the whole worker: main process and children, no clean-up at all."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill_all()


def start_worker(
    *,
    broker_url: str,
    email_url: str,
    log_path: Path,
    extra_env: dict | None = None,
    include: tuple[str, ...] = (),
) -> WorkerProcess:
    """Start a real worker on the test database, the given broker and mail server, and wait
    until it answers a ping. `include`: test-only modules the worker imports at start (its
    `--include` option), e.g. one that patches something inside the worker process."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url_for_subprocess(),
        "REDIS_URL": broker_url,
        "EMAIL_URL": email_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "exchange_portal.settings",
        **(extra_env or {}),
    }
    node = f"test-{os.getpid()}-{time.monotonic_ns()}@%h"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "exchange_portal",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "-n",
                node,
                *(["--include", ",".join(include)] if include else []),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so kill_all() takes the children
        )
    worker = WorkerProcess(
        process=process, log_path=log_path, node=node.replace("%h", socket.gethostname())
    )
    try:
        _wait_until_worker_answers(worker, worker.node)
    except BaseException:
        worker.stop()
        raise
    return worker


@pytest.fixture
def celery_worker(postgres, celery_broker, smtp_sink, tmp_path) -> Iterator[WorkerProcess]:
    """A real `celery worker` process using the test database, Redis and the SMTP sink."""
    worker = start_worker(
        broker_url=celery_broker, email_url=smtp_sink.url, log_path=tmp_path / "worker.log"
    )
    try:
        yield worker
    finally:
        worker.stop()


@dataclass
class RedisServer:
    """A throwaway redis-server of this test's own, which the test may stop and restart."""

    port: int
    directory: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--maxmemory-policy",
                "noeviction",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        pytest.fail("the throwaway redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    require_service(
        bool(shutil.which("redis-server")), "redis-server (apt-get install redis-server)"
    )
    server = RedisServer(port=_free_port(), directory=tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def celery_pointed_at(url: str) -> Iterator[None]:
    """This process's Celery app publishes to `url` (not eagerly) inside the block."""
    from exchange_portal.celery import app

    saved = {
        key: app.conf.get(key) for key in ("broker_url", "result_backend", "task_always_eager")
    }
    app.conf.update(broker_url=url, result_backend=None, task_always_eager=False)
    _reset_broker_pools(app)
    try:
        yield
    finally:
        app.conf.update(saved)
        _reset_broker_pools(app)


def _wait_until_worker_answers(worker: WorkerProcess, node: str, timeout: float = 60) -> None:
    from exchange_portal.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            pytest.fail(f"celery worker exited early:\n{worker.log()}", pytrace=False)
        if app.control.ping(destination=[node], timeout=0.5):
            return
    pytest.fail(
        f"celery worker did not answer a ping in {timeout} s:\n{worker.log()}", pytrace=False
    )


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no downloaded browsers)."""
    path = chromium_path()
    require_service(bool(path), "Chromium (apt-get install -y chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def pytest_collection_modifyitems(config, items):
    """Browser tests run last. Playwright's sync API keeps an event loop in the main thread
    for the session, and Django's async-to-sync bridge (used by django-health-check) refuses
    to run in a thread with a running loop; ordering keeps the other tests independent of it."""
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
