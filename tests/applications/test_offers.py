from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from applications import services
from applications.models import Application
from tests.applications.conftest import ApplicationFactory, put_in_status

pytestmark = pytest.mark.django_db
S = Application.Status


def test_offer_then_accept(draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    offer = services.offer_make(application=draft, by=coordinator)
    assert offer.deadline > timezone.now() + timedelta(days=13)
    services.offer_accept(application=draft, by=draft.trainee)
    draft.refresh_from_db()
    offer.refresh_from_db()
    assert (draft.status, offer.status) == (S.ACCEPTED, "accepted")
    assert services.seats_left(draft.program) == draft.program.seats - 1


def test_accepting_twice_is_one_acceptance(draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    services.offer_accept(application=draft, by=draft.trainee)
    services.offer_accept(application=draft, by=draft.trainee)
    assert draft.status_changes.filter(to_status=S.ACCEPTED).count() == 1


def test_no_offer_when_every_seat_is_taken(program, coordinator):
    program.seats = 1
    program.save()
    taken, waiting = ApplicationFactory.create_batch(2, program=program)
    put_in_status(taken, S.SHORTLISTED)
    services.offer_make(application=taken, by=coordinator)
    services.offer_accept(application=taken, by=taken.trainee)
    put_in_status(waiting, S.SHORTLISTED)
    with pytest.raises(services.NoSeatLeft):
        services.offer_make(application=waiting, by=coordinator)


def test_only_the_applicant_accepts(draft, coordinator, other_coordinator):
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.offer_accept(application=draft, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.offer_make(application=draft, by=other_coordinator)


def test_offers_expire_after_the_deadline_and_free_the_seat_for_the_waiting_list(
    program, coordinator
):
    first, second, third = ApplicationFactory.create_batch(3, program=program)
    for application in (first, second, third):
        put_in_status(application, S.SHORTLISTED)
    services.offer_make(application=first, by=coordinator)
    assert [a.pk for a in services.waiting_list(program)] == [second.pk, third.pk]
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert services.expire_overdue_offers() == 1
        with pytest.raises(services.TransitionNotAllowed):
            services.offer_accept(application=first, by=first.trainee)
    first.refresh_from_db()
    assert first.status == S.EXPIRED
    assert first.offers.get().status == "expired"


def test_an_expired_offer_cannot_be_accepted_even_before_the_sweep(draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    with (
        time_machine.travel(timezone.now() + timedelta(days=15)),
        pytest.raises(services.TransitionNotAllowed),
    ):
        services.offer_accept(application=draft, by=draft.trainee)


def test_decline(draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    services.offer_decline(application=draft, by=draft.trainee, reason="Family reasons")
    draft.refresh_from_db()
    assert draft.status == S.DECLINED
    assert draft.offers.get().status == "declined"


def test_withdraw_after_the_program_started_is_refused(draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    services.offer_accept(application=draft, by=draft.trainee)
    with (
        time_machine.travel(draft.program.start_date + timedelta(days=1)),
        pytest.raises(services.TransitionNotAllowed),
    ):
        services.application_transition(application=draft, to=S.WITHDRAWN, by=draft.trainee)


def test_the_beat_task_expires_overdue_offers(draft, coordinator, settings):
    from applications.tasks import expire_overdue_offers

    assert "applications.tasks.expire_overdue_offers" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert expire_overdue_offers.delay().get() == 1
