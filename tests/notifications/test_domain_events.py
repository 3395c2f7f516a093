"""The capabilities tell people what happened through the outbox."""

from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from applications import services as applications
from notifications.models import Notification
from tests.applications.conftest import ApplicationFactory, put_in_status

pytestmark = pytest.mark.django_db


def test_a_submitted_application_tells_the_coordinators_and_confirms_to_the_trainee(
    coordinator, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        applications.application_transition(application=draft, to="submitted", by=draft.trainee)

    kinds = set(Notification.objects.values_list("kind", "recipient_id", "channel"))
    assert ("applications.received", coordinator.pk, "email") in kinds
    assert ("applications.received", coordinator.pk, "in_app") in kinds
    assert ("applications.status_changed", draft.trainee_id, "email") in kinds
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, draft.trainee.email])


def test_a_rejection_tells_the_trainee_with_the_reason(
    coordinator, program, django_capture_on_commit_callbacks
):
    application = put_in_status(ApplicationFactory(program=program), "submitted")
    with django_capture_on_commit_callbacks(execute=True):
        applications.application_transition(
            application=application, to="rejected", by=coordinator, reason="Seats are full."
        )
    (message,) = mail.outbox
    assert message.to == [application.trainee.email]
    assert "Seats are full." in message.body
    item = Notification.objects.get(channel="in_app")
    assert item.link == reverse("applications:detail", args=[application.pk])


def test_an_offer_tells_the_trainee_the_deadline_in_their_time_zone(
    coordinator, program, django_capture_on_commit_callbacks
):
    application = put_in_status(ApplicationFactory(program=program), "shortlisted")
    application.trainee.time_zone = "Asia/Seoul"
    application.trainee.save()
    deadline = datetime(2030, 1, 10, 5, 30, tzinfo=UTC)  # 14:30 in Seoul
    with django_capture_on_commit_callbacks(execute=True):
        applications.offer_make(application=application, by=coordinator, deadline=deadline)
    (message,) = mail.outbox
    assert "Jan. 10, 2030, 2:30 p.m. (Asia/Seoul)" in message.body


def test_an_acceptance_tells_the_coordinators(
    coordinator, program, django_capture_on_commit_callbacks
):
    application = put_in_status(ApplicationFactory(program=program), "offered", by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        applications.offer_accept(application=application, by=application.trainee)
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert Notification.objects.filter(kind="applications.trainee_answered").count() == 2


def test_a_refused_transition_sends_nothing(coordinator, program):
    application = put_in_status(ApplicationFactory(program=program), "submitted")
    with pytest.raises(applications.TransitionNotAllowed):
        applications.application_transition(application=application, to="rejected", by=coordinator)
    assert Notification.objects.count() == 0


def test_a_double_submit_notifies_once(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        applications.application_transition(application=draft, to="submitted", by=draft.trainee)
        applications.application_transition(application=draft, to="submitted", by=draft.trainee)
    assert Notification.objects.filter(kind="applications.status_changed").count() == 2


def test_sign_up_verification_mail_goes_through_the_outbox(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "wang.fang@example.cn",
                "first_name": "Fang",
                "last_name": "Wang",
                "native_name": "王芳",
                "password1": "a-long-enough-passphrase",
                "password2": "a-long-enough-passphrase",
                "accept_privacy": "on",
            },
        )
    assert response.status_code == 302
    row = Notification.objects.get(kind="accounts.account_email")
    assert (row.to_email, row.status) == ("wang.fang@example.cn", "sent")
    assert [m.to for m in mail.outbox] == [["wang.fang@example.cn"]]
    assert mail.outbox[0].extra_headers["Message-ID"] == row.message_id


def test_an_invitation_goes_through_the_outbox(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("hospitals:team"),
            {"email": "new.colleague@example.org", "role": "coordinator", "max_trainees": 2},
        )
    row = Notification.objects.get(kind="accounts.invitation")
    assert row.organisation_id == coordinator.coordinator_of_id
    assert [m.to for m in mail.outbox] == [["new.colleague@example.org"]]
    assert "/me/invitations/" in mail.outbox[0].body
