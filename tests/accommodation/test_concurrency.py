"""A bed is never confirmed for two overlapping stays, even when coordinators confirm at the
same moment (PostgreSQL, one connection per thread).

Two controls, both changing things in the test only: without the bed's lock (and with a pause
after the check) several confirmations pass the check, and the exclusion constraint
"stay_bed_one_guest_a_night" stops all but one with the same refusal; without the lock AND
without the constraint, the bed is double-booked — proof that the test sees the race."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections

from accommodation import services
from accommodation.models import HousingRequest, Stay
from tests.accommodation.conftest import accepted_trainee
from tests.db_constraints import without_constraint

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rivals(postgres, housing):
    bed = housing["beds"][0]
    program = housing["program"]
    stays = []
    for n in range(10):
        application = accepted_trainee(program, name=f"R{n}")
        request = HousingRequest.objects.create(
            application=application,
            start=program.start_date,
            end=program.end_date,
            budget_per_night=50000,
        )
        stays.append(
            Stay.objects.create(request=request, bed=bed, start=request.start, end=request.end)
        )
    return stays


def _race(stays, coordinator):
    barrier = threading.Barrier(len(stays))
    outcomes, lock = [], threading.Lock()

    def confirm(stay):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=60)
            services.stay_confirm(stay=stay, by=coordinator)
            outcome = "confirmed"
        except services.BedTaken:
            outcome = "taken"
        except Exception as error:
            outcome = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=confirm, args=(s,)) for s in stays]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(outcomes)


def test_ten_confirmations_of_one_bed_at_once_confirm_exactly_one(rivals, coordinator):
    outcomes = _race(rivals, coordinator)
    assert outcomes == Counter({"confirmed": 1, "taken": 9}), outcomes
    assert Stay.objects.filter(status="confirmed").count() == 1


@pytest.fixture
def unlocked(monkeypatch):
    """No lock on the bed, and a pause after the check: returns how often the check found
    the bed free."""
    free, check = [], services._bed_taken

    def bed_taken_then_pause(stay):
        taken = check(stay)
        free.append(not taken)
        time.sleep(0.5)
        return taken

    monkeypatch.setattr(services, "_lock_bed", lambda pk: None)
    monkeypatch.setattr(services, "_bed_taken", bed_taken_then_pause)
    return free


def test_without_the_lock_the_constraint_still_confirms_exactly_one(rivals, coordinator, unlocked):
    outcomes = _race(rivals, coordinator)
    assert sum(unlocked) > 1, "the race did not happen: only one confirmation passed the check"
    assert outcomes == Counter({"confirmed": 1, "taken": 9}), outcomes
    assert Stay.objects.filter(status="confirmed").count() == 1


def test_negative_control_without_lock_or_constraint_double_books(rivals, coordinator, unlocked):
    with without_constraint("accommodation_stay", services.BED_ONE_GUEST_A_NIGHT):
        _race(rivals, coordinator)
        confirmed = Stay.objects.filter(status="confirmed").count()
        Stay.objects.all().delete()  # before the constraint comes back
    assert confirmed > 1
