"""The application state machine: every allowed move works for the right person and writes
history; every other move is refused with a message."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from applications import services
from applications.models import Application, StatusChange
from tests.applications.conftest import ApplicationFactory, put_in_status

pytestmark = pytest.mark.django_db
S = Application.Status
ALL = [value for value, _label in S.choices]


def _actor(kind, application, coordinator):
    return {"trainee": application.trainee, "coordinator": coordinator, "system": None}[kind]


@pytest.mark.parametrize(("source", "target"), sorted(services.ALLOWED))
def test_every_allowed_move(source, target, program, trainee, coordinator, draft):
    put_in_status(draft, source, by=coordinator)
    actor = _actor(services.ALLOWED[(source, target)], draft, coordinator)
    services.application_transition(application=draft, to=target, by=actor, reason="Checked")
    draft.refresh_from_db()
    assert draft.status == target
    change = StatusChange.objects.get(application=draft, to_status=target)
    assert (change.from_status, change.by) == (source, actor)


FORBIDDEN = [
    (a, b) for a, b in itertools.product(ALL, ALL) if a != b and (a, b) not in services.ALLOWED
]


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_every_forbidden_move_is_refused(source, target, coordinator, draft):
    put_in_status(draft, source, by=coordinator)
    with pytest.raises(services.TransitionNotAllowed):
        services.application_transition(application=draft, to=target, by=draft.trainee, reason="x")
    with pytest.raises((services.TransitionNotAllowed, PermissionDenied)):
        services.application_transition(application=draft, to=target, by=coordinator, reason="x")
    draft.refresh_from_db()
    assert draft.status == source
    assert not StatusChange.objects.filter(application=draft, to_status=target).exists()


def test_a_trainee_cannot_make_coordinator_moves(draft, coordinator):
    put_in_status(draft, S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.application_transition(application=draft, to=S.SHORTLISTED, by=draft.trainee)


def test_another_organisations_coordinator_cannot_move_it(draft, other_coordinator):
    put_in_status(draft, S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.application_transition(application=draft, to=S.SHORTLISTED, by=other_coordinator)


def test_double_submit_moves_once(draft):
    services.application_transition(application=draft, to=S.SUBMITTED, by=draft.trainee)
    services.application_transition(application=draft, to=S.SUBMITTED, by=draft.trainee)
    assert StatusChange.objects.filter(application=draft, to_status=S.SUBMITTED).count() == 1


def test_submit_says_exactly_what_is_missing(program, trainee):
    application = ApplicationFactory(program=program, trainee=trainee, motivation="")
    with pytest.raises(services.TransitionNotAllowed) as refused:
        services.application_transition(application=application, to=S.SUBMITTED, by=trainee)
    assert "motivation statement" in str(refused.value)
    assert "ranked preference" in str(refused.value)


def test_rejecting_needs_a_reason(draft, coordinator):
    put_in_status(draft, S.SUBMITTED)
    with pytest.raises(services.TransitionNotAllowed):
        services.application_transition(application=draft, to=S.REJECTED, by=coordinator)


def test_accepting_through_the_transition_function_still_checks_seats(program, coordinator):
    program.seats = 1
    program.save()
    first, second = ApplicationFactory.create_batch(2, program=program)
    for application in (first, second):
        put_in_status(application, S.OFFERED, by=coordinator)
    services.application_transition(application=first, to=S.ACCEPTED, by=first.trainee)
    with pytest.raises(services.NoSeatLeft):
        services.application_transition(application=second, to=S.ACCEPTED, by=second.trainee)


def test_withdrawing_an_offer_closes_it(draft, coordinator):
    put_in_status(draft, S.OFFERED, by=coordinator)
    services.application_transition(application=draft, to=S.WITHDRAWN, by=draft.trainee)
    assert draft.offers.get().status == "withdrawn"
