"""Notifications through a real Celery worker to a real SMTP server: throughput, loss,
duplicates; and whether a request that notifies waits for delivery.

Needs PostgreSQL and Redis (the local servers by default). It creates its own database
(`bench_notifications`, dropped and re-created), flushes its own Redis db (13), starts an
SMTP sink (aiosmtpd) in this process and one `celery worker` process, then:

1. writes N notifications (default 10,000: 100 transactions of 100 recipients) with
   `notify()`, and waits until the sink has received them all; prints notifications written
   per second, delivered per second (first write to last mail), lost and duplicated
   (counted by Message-ID). Target: >= 500/s delivered, 0 lost, 0 duplicated.
2. times 40 requests in which a coordinator shortlists an application (each writes an in-app
   item and an e-mail) with the worker stopped, then 40 with it running, interleaved in
   blocks, and prints the medians and their ratio (target: about 1, i.e. no waiting).

    .venv/bin/python bench/notifications.py [count] [--concurrency 2]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser()
parser.add_argument("count", nargs="?", type=int, default=10_000)
parser.add_argument("--concurrency", type=int, default=2)
parser.add_argument("--sink", choices=["minimal", "aiosmtpd"], default="minimal")
parser.add_argument(
    "--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
)
parser.add_argument(
    "--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
)
args = parser.parse_args()

import psycopg  # noqa: E402

admin = psycopg.connect(f"{args.pg}/postgres", autocommit=True)
with admin.cursor() as cursor:
    cursor.execute("DROP DATABASE IF EXISTS bench_notifications")
    cursor.execute("CREATE DATABASE bench_notifications")
admin.close()

DATABASE_URL = f"{args.pg}/bench_notifications"
os.environ.update(
    DATABASE_URL=DATABASE_URL,
    REDIS_URL=args.redis,
    CELERY_TASK_ALWAYS_EAGER="false",
    DJANGO_SETTINGS_MODULE="exchange_portal.settings",
)

import redis  # noqa: E402

redis.Redis.from_url(args.redis).flushdb()

# --- the SMTP sink --------------------------------------------------------------------
import asyncio  # noqa: E402
import logging  # noqa: E402
import socket  # noqa: E402

received: list[str] = []
MESSAGE_ID = re.compile(rb"^Message-ID: *(<[^>]+>)", re.IGNORECASE | re.MULTILINE)


def _keep(content: bytes) -> None:
    found = MESSAGE_ID.search(content)
    received.append(found.group(1).decode() if found else "")


class MinimalSink(asyncio.Protocol):
    """The least an SMTP server does: greet, accept every command and message, keep each
    message's Message-ID. Fast enough that the sink is not what is measured."""

    def connection_made(self, transport):
        self.transport, self.buffer, self.in_data = transport, b"", False
        transport.write(b"220 bench-sink ESMTP\r\n")

    def data_received(self, data):
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                _keep(self.buffer[:end])
                self.buffer, self.in_data = self.buffer[end + 5 :], False
                self.transport.write(b"250 OK\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                return
            verb, self.buffer = self.buffer[:4].upper(), self.buffer[end + 2 :]
            if verb == b"EHLO":
                self.transport.write(b"250-bench-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.in_data = True
                self.transport.write(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                self.transport.write(b"221 bye\r\n")
                self.transport.close()
                return
            else:
                self.transport.write(b"250 OK\r\n")


with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    SMTP_PORT = probe.getsockname()[1]

if args.sink == "aiosmtpd":
    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class AiosmtpdSink:
        async def handle_DATA(self, server, session, envelope):
            _keep(envelope.content)
            return "250 OK"

    controller = Controller(AiosmtpdSink(), hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    stop_sink = controller.stop
else:
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(MinimalSink, "127.0.0.1", SMTP_PORT))
    threading.Thread(target=loop.run_forever, daemon=True).start()

    def stop_sink():
        loop.call_soon_threadsafe(server.close)


os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{SMTP_PORT}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import Organisation, User  # noqa: E402
from applications.models import Application  # noqa: E402
from notifications.models import Notification  # noqa: E402
from notifications.services import notify  # noqa: E402

call_command("migrate", verbosity=0)


def start_worker() -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "exchange_portal",
            "worker",
            "--loglevel=WARNING",
            f"--concurrency={args.concurrency}",
            "--pool=prefork",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"bench-{os.getpid()}-{time.monotonic_ns()}@%h",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        start_new_session=True,
    )
    from exchange_portal.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=0.5):
            return process
    raise SystemExit("the worker did not answer")


def stop_worker(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- 1. throughput --------------------------------------------------------------------
users = User.objects.bulk_create(
    [
        User(email=f"doctor{n}@example.org", first_name="Ivan", last_name=f"Petrov{n}")
        for n in range(100)
    ]
)
kind = "notifications.digest"  # e-mail only, rendered per language
worker = start_worker()
per_transaction = len(users)
transactions = max(args.count // per_transaction, 1)
total = transactions * per_transaction
started = time.perf_counter()
for batch in range(transactions):
    with transaction.atomic():
        notify(
            recipients=users,
            kind=kind,
            context={"items": [], "count": batch},
            link="/notifications/",
        )
written = time.perf_counter() - started
deadline = time.monotonic() + max(120, total / 50)
while len(received) < total and time.monotonic() < deadline:
    time.sleep(0.05)
delivered = time.perf_counter() - started
time.sleep(3)  # late duplicates would show up here
expected = set(Notification.objects.filter(channel="email").values_list("uuid", flat=True))
expected_ids = {f"<{uuid}@exchange-portal>" for uuid in expected}
lost = len(expected_ids - set(received))
duplicated = len(received) - len(set(received))
print(
    f"notifications: {total} e-mails through 1 worker (prefork, {args.concurrency} processes)"
    f" to a local SMTP sink ({args.sink})"
)
print(f"  written   {total / written:8.0f} /s  ({written:.1f} s)")
print(
    f"  delivered {len(set(received)) / delivered:8.0f} /s  ({delivered:.1f} s, first write to last mail)"
)
print(
    f"  lost {lost}, duplicated {duplicated}, sent rows {Notification.objects.filter(status='sent').count()}"
)

# --- 2. a request does not wait for delivery -------------------------------------------
organisation = Organisation.objects.create(name="Bench Academy", country="KR")
coordinator = User.objects.create(email="coordinator@example.org", coordinator_of=organisation)
from tests.factories import PublishedProgramFactory, RotationSiteFactory  # noqa: E402

program = PublishedProgramFactory(organisation=organisation, seats=200)
RotationSiteFactory(program=program)
applications = [
    Application.objects.create(
        program=program, trainee=user, motivation="x", status=Application.Status.SUBMITTED
    )
    for user in User.objects.filter(email__startswith="doctor")[:80]
]
client = Client()
client.force_login(coordinator)


def shortlist(application) -> float:
    url = reverse("applications:review_act", args=[application.pk, "shortlist"])
    t = time.perf_counter()
    response = client.post(url)
    elapsed = time.perf_counter() - t
    assert response.status_code == 302, response.status_code
    return elapsed


running, stopped = [], []
queue = list(applications)
for _block in range(4):
    running += [shortlist(queue.pop()) for _ in range(10)]
    stop_worker(worker)
    stopped += [shortlist(queue.pop()) for _ in range(10)]
    worker = start_worker()
stop_worker(worker)
stop_sink()
m_run, m_stop = statistics.median(running) * 1000, statistics.median(stopped) * 1000
print("request that notifies (shortlist), median of 40:")
print(
    f"  worker running {m_run:6.1f} ms, worker stopped {m_stop:6.1f} ms, ratio {m_stop / m_run:.2f}"
)
ok = lost == 0 and duplicated == 0 and len(set(received)) / delivered >= 500
sys.exit(0 if ok else 1)
