"""A bed is never confirmed for two overlapping stays, even when coordinators confirm at the
same moment (PostgreSQL, one connection per thread); the negative control without the lock
double-books, proving the test sees the race."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections

from accommodation import services
from accommodation.models import HousingRequest, Stay
from tests.accommodation.conftest import accepted_trainee

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


def test_negative_control_without_the_lock_double_books(rivals, coordinator, monkeypatch):
    monkeypatch.setattr(services, "LOCK_BEDS", False)
    monkeypatch.setattr(services, "_between_check_and_write", lambda: time.sleep(0.5))
    _race(rivals, coordinator)
    assert Stay.objects.filter(status="confirmed").count() > 1
