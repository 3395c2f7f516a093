"""A department's capacity is never exceeded when coordinators and the suggestion write at
the same moment (PostgreSQL, one connection per thread). The negative control replaces the
capacity locks, in the test, by nothing and widens the race window (a pause after the room
check): it must overbook, proving the test sees a race."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from placements import capacity, services
from placements.models import Placement
from tests.placements.conftest import pause_after, shortlisted

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def crowd(postgres, cohort, coordinator):
    """Twenty shortlisted trainees; one department with room for three at a time."""
    site = cohort["sites"][0]
    site.capacity = 50
    site.save()
    department = site.department
    department.capacity = 3
    department.save()
    department.supervisors.all().delete()
    applications = [shortlisted(cohort["program"], name=f"T{n}") for n in range(20)]
    return applications, site


def _race(applications, site, coordinator):
    program = site.program
    week = services.weeks(program)[0]
    barrier = threading.Barrier(len(applications))
    outcomes, lock = [], threading.Lock()

    def place(index, application):
        try:
            connection.ensure_connection()
            barrier.wait(timeout=60)
            if index % 2:  # the grid / suggestion path
                services.schedule_set_cell(
                    application=application, week=week, site=site, by=coordinator
                )
            else:  # a coordinator planning directly
                services.placement_create(
                    application=application,
                    department=site.department,
                    start=week.start,
                    end=week.end,
                    by=coordinator,
                    site=site,
                )
            outcome = "placed"
        except services.NoRoom:
            outcome = "no room"
        except Exception as error:
            outcome = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=place, args=(i, a)) for i, a in enumerate(applications)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(outcomes)


def test_twenty_placements_at_once_fill_exactly_the_three_places(crowd, coordinator):
    applications, site = crowd
    outcomes = _race(applications, site, coordinator)
    assert outcomes == Counter({"placed": 3, "no room": 17}), outcomes
    assert Placement.objects.filter(department=site.department).count() == 3


def _no_lock(*_rows, **_kwargs) -> None:
    return None


def test_negative_control_without_the_lock_overbooks(crowd, coordinator, monkeypatch):
    applications, site = crowd
    monkeypatch.setattr(capacity, "lock_capacity", _no_lock)
    monkeypatch.setattr(capacity, "lock_supervisor", _no_lock)
    monkeypatch.setattr(capacity, "room_problem", pause_after(capacity.room_problem))
    outcomes = _race(applications, site, coordinator)
    placed = Placement.objects.filter(department=site.department).count()
    assert placed > 3, f"without the lock the race should overbook, got {placed}: {outcomes}"
