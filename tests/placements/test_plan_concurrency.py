"""A plan applied while a coordinator plans in the same department at the same moment
(PostgreSQL, one connection per thread): the department's capacity holds, and whichever
comes second is refused with a message. The negative control switches row locks off, in the
test, and widens the window between the plan's read of the places held and its write: it must
overbook, proving the test sees the race."""

import threading
import time

import pytest
from django.db import connections, transaction
from django.db.models import QuerySet

from hospitals.models import Department
from placements import capacity, services, suggestions
from placements.models import Placement
from tests.placements.conftest import shortlisted

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tight(postgres, cohort, coordinator, monkeypatch):
    """One place at a time in neurosurgery; a plan puts "Plan" there for the whole program;
    "Other" (no wishes, no specialty) the plan leaves alone. The plan pauses after reading
    the places held."""
    neuro = cohort["sites"][0]
    neuro.department.capacity = 1
    neuro.department.save()
    program = cohort["program"]
    shortlisted(program, name="Plan", preferences=[neuro])
    other = shortlisted(program, name="Other")
    plan = suggestions.plan_compute(program=program, by=coordinator)
    assert len(plan.cells) == len(services.weeks(program))
    read = capacity.Ledger.read

    def slow_read(cls, **kwargs):
        ledger = read(**kwargs)
        time.sleep(1.0)  # the window between the check and the write, widened
        return ledger

    monkeypatch.setattr(capacity.Ledger, "read", classmethod(slow_read))
    return plan, other, neuro


def _race(plan, other, neuro, coordinator) -> dict[str, str]:
    week = services.weeks(plan.program)[0]
    outcomes: dict[str, str] = {}

    def apply() -> None:
        try:
            suggestions.plan_apply(plan=plan, by=coordinator)
            outcomes["plan"] = "applied"
        except suggestions.PlanRefused as refusal:
            outcomes["plan"] = f"refused: {refusal}"
        except Exception as error:
            outcomes["plan"] = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    def place() -> None:
        time.sleep(0.3)  # the plan has its locks and is reading
        try:
            services.placement_create(
                application=other,
                department=neuro.department,
                start=week.start,
                end=week.end,
                by=coordinator,
                site=neuro,
            )
            outcomes["cell"] = "placed"
        except services.NoRoom as refusal:
            outcomes["cell"] = f"refused: {refusal}"
        except Exception as error:
            outcomes["cell"] = f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=apply), threading.Thread(target=place)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _in_first_week(plan, neuro) -> int:
    week = services.weeks(plan.program)[0]
    return Placement.objects.filter(
        department=neuro.department, start_date__lte=week.end, end_date__gte=week.start
    ).count()


def test_a_plan_and_a_cell_at_once_never_overbook_and_the_second_is_told(tight, coordinator):
    plan, other, neuro = tight
    outcomes = _race(plan, other, neuro, coordinator)
    assert _in_first_week(plan, neuro) == 1, outcomes
    assert sorted(o.split(":")[0] for o in outcomes.values()) in (
        ["applied", "refused"],
        ["placed", "refused"],
    ), outcomes
    if outcomes["plan"] == "applied":  # the usual order: the cell waited for the plan's locks
        assert "has no free place" in outcomes["cell"]
    else:
        assert "nothing was applied" in outcomes["plan"]
        assert not Placement.objects.filter(application__trainee__last_name="Plan").exists()


def test_negative_control_without_row_locks_the_plan_overbooks(tight, coordinator, monkeypatch):
    plan, other, neuro = tight
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, *a, **k: self)
    outcomes = _race(plan, other, neuro, coordinator)
    assert outcomes == {"plan": "applied", "cell": "placed"}, outcomes
    assert _in_first_week(plan, neuro) == 2  # capacity 1: overbooked


def test_a_plan_that_waits_too_long_for_a_lock_says_busy_and_writes_nothing(
    tight, coordinator, monkeypatch
):
    """Another writer holds the department for longer than the plan's lock timeout: the plan
    gives up after it with "busy, try again", not a hanging request or a server error."""
    plan, _other, neuro = tight
    monkeypatch.setattr(suggestions, "LOCK_TIMEOUT", "300ms")
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                Department.objects.select_for_update().get(pk=neuro.department_id)
                holding.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(timeout=30)
        with pytest.raises(suggestions.PlanRefused, match="busy"):
            suggestions.plan_apply(plan=plan, by=coordinator)
    finally:
        release.set()
        holder.join(timeout=30)
    assert not Placement.objects.exists()
    plan.refresh_from_db()
    assert plan.status == "ready"
