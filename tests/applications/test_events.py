"""Applications announce their changes through signals that higher apps listen to; a
listener runs inside the change's transaction, so its failure rolls the whole change back.
Seats are counted on the program row by the state machine."""

import pytest
from django.urls import reverse

from applications import services
from applications.models import Application, StatusChange
from applications.signals import application_status_changed
from programs.selectors import seats_left
from tests.applications.conftest import put_in_status

pytestmark = pytest.mark.django_db
S = Application.Status


class ListenerFailed(Exception):
    pass


def test_a_failing_listener_rolls_the_whole_transition_back(draft, coordinator):
    put_in_status(draft, S.SUBMITTED)

    def broken_listener(**_kwargs):
        raise ListenerFailed

    application_status_changed.connect(broken_listener, sender=Application)
    try:
        with pytest.raises(ListenerFailed):
            services.application_transition(application=draft, to=S.SHORTLISTED, by=coordinator)
    finally:
        application_status_changed.disconnect(broken_listener, sender=Application)
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    assert not StatusChange.objects.filter(application=draft, to_status=S.SHORTLISTED).exists()


def test_listeners_hear_every_move_with_source_and_target(draft, coordinator):
    heard = []

    def listener(*, application, source, to, by, **_kwargs):
        heard.append((application.pk, source, to, by))

    application_status_changed.connect(listener, sender=Application)
    try:
        put_in_status(draft, S.SUBMITTED)
        services.application_transition(application=draft, to=S.SHORTLISTED, by=coordinator)
    finally:
        application_status_changed.disconnect(listener, sender=Application)
    assert heard == [(draft.pk, S.SUBMITTED, S.SHORTLISTED, coordinator)]


def test_acceptance_and_withdrawal_keep_the_seat_count_on_the_program(draft, coordinator):
    program = draft.program
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    services.offer_accept(application=draft, by=draft.trainee)
    program.refresh_from_db()
    assert (program.seats_taken, seats_left(program)) == (1, program.seats - 1)
    services.application_transition(application=draft, to=S.WITHDRAWN, by=draft.trainee)
    program.refresh_from_db()
    assert (program.seats_taken, seats_left(program)) == (0, program.seats)


def test_the_catalog_shows_the_seats_left(client, draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    services.offer_make(application=draft, by=coordinator)
    services.offer_accept(application=draft, by=draft.trainee)
    page = client.get(reverse("catalog:detail", args=[draft.program_id]))
    assert page.context["seats_left"] == draft.program.seats - 1


def test_an_offer_waits_for_the_placements_listener(draft, coordinator):
    """Placements refuse the offer (through `offer_requested`) while a placement waits."""
    put_in_status(draft, S.SHORTLISTED)
    draft.placements.update(status="proposed")
    with pytest.raises(services.TransitionNotAllowed):
        services.offer_make(application=draft, by=coordinator)
    draft.refresh_from_db()
    assert draft.status == S.SHORTLISTED
