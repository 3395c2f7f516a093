"""Loaded only by the fault tests' Celery worker, through its own `--include` option (see
tests.live_services.start_worker): every e-mail waits between being claimed (status
"sending") and going to the SMTP server — the window in which the tests kill the worker.
Production code has no such pause; this module patches the transport inside the worker
process, where the test's monkeypatch cannot reach."""

import os
import time

from notifications import channels

PAUSE_SECONDS = float(os.environ.get("TEST_PAUSE_BEFORE_SEND", "2"))

_send = channels.EmailTransport.send


def _send_after_a_pause(self: channels.EmailTransport, row) -> None:
    time.sleep(PAUSE_SECONDS)
    _send(self, row)


channels.EmailTransport.send = _send_after_a_pause
