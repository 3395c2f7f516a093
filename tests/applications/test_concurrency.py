"""Seats are never exceeded when many applicants accept at the same moment (PostgreSQL, one
connection per thread). The negative control replaces the seat lock, in the test, by a read
without a lock followed by a pause (the race window): it must overbook, which proves the
test can see a race."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections

from applications import services
from applications.models import Application
from programs.models import Program
from tests.applications.conftest import ApplicationFactory, put_in_status

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
S = Application.Status


def _race(applications, *, accept_as=None):
    barrier = threading.Barrier(len(applications))
    outcomes: list[str] = []
    lock = threading.Lock()

    def accept(application):
        try:
            # Connect first, so that the threads meet at the barrier ready to race rather
            # than queueing on connection set-up.
            connection.ensure_connection()
            barrier.wait(timeout=60)
            services.offer_accept(application=application, by=accept_as or application.trainee)
            outcome = "accepted"
        except services.NoSeatLeft:
            outcome = "no seat"
        except Exception as error:
            outcome = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=accept, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(outcomes)


@pytest.fixture
def fifty_offers(postgres, program, coordinator):
    program.seats = 3
    program.save()
    applications = ApplicationFactory.create_batch(50, program=program)
    for application in applications:
        put_in_status(application, S.OFFERED, by=coordinator)
    return applications


def test_fifty_applicants_accept_three_seats_at_once(fifty_offers, program):
    outcomes = _race(fifty_offers)
    assert outcomes == Counter({"accepted": 3, "no seat": 47}), outcomes
    assert Application.objects.filter(program=program, status=S.ACCEPTED).count() == 3
    assert services.seats_left(program) == 0


def _read_program_without_lock_then_pause(pk: int) -> Program:
    program = Program.objects.get(pk=pk)
    time.sleep(0.5)  # between reading the seats taken and writing the acceptance
    return program


def test_negative_control_without_the_lock_overbooks(fifty_offers, program, monkeypatch):
    monkeypatch.setattr(services, "_lock_program", _read_program_without_lock_then_pause)
    outcomes = _race(fifty_offers)
    accepted = Application.objects.filter(program=program, status=S.ACCEPTED).count()
    assert accepted > program.seats, (
        f"without the lock the race should overbook, got {accepted} accepted: {outcomes}"
    )


def test_the_same_applicant_accepting_ten_times_at_once_is_one_acceptance(
    postgres, program, coordinator
):
    application = ApplicationFactory(program=program)
    put_in_status(application, S.OFFERED, by=coordinator)
    outcomes = _race([application] * 10)
    assert outcomes == Counter({"accepted": 10}), outcomes
    assert application.status_changes.filter(to_status=S.ACCEPTED).count() == 1
    assert connection.vendor == "postgresql"
