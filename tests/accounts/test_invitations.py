"""Coordinators invite colleagues; the signed link works once, expires, and grants the role."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation
from hospitals.models import Supervisor
from tests.factories import DepartmentFactory, HospitalFactory, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite_supervisor(coordinator, department, django_capture_on_commit_callbacks):
    def make(email="newdoc@example.org", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return services.invitation_create(
                invited_by=coordinator,
                email=email,
                role=Invitation.Role.SUPERVISOR,
                departments=[department],
                max_trainees=3,
                **extra,
            )

    return make


def _accept_url(invitation):
    return reverse("accounts:invitation_accept", args=[services.invitation_token(invitation)])


def test_invitation_mail_carries_a_signed_link_that_grants_supervision(
    invite_supervisor, client, department
):
    invitation = invite_supervisor()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newdoc@example.org"]
    assert "supervise" in message.subject
    # The link as mailed (a token signed again a second later would differ in its timestamp).
    found = re.search(r"/me/invitations/[^/\s]+/", message.body)
    assert found, message.body
    link = found.group(0)
    assert services.invitation_from_token(link.split("/")[-2]) == invitation
    assert message.alternatives and link in message.alternatives[0][0]

    newcomer = UserFactory(email="NewDoc@example.org")
    client.force_login(newcomer)
    page = client.get(link)
    assert page.status_code == 200
    assert department.name in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    role = Supervisor.objects.get(user=newcomer)
    assert role.department == department
    assert role.max_trainees == 3
    invitation.refresh_from_db()
    assert invitation.accepted_by == newcomer


def test_coordinator_invitation_makes_the_user_a_coordinator(coordinator, client):
    with_invite = services.invitation_create(
        invited_by=coordinator, email="colleague@example.org", role="coordinator"
    )
    colleague = UserFactory(email="colleague@example.org")
    client.force_login(colleague)
    client.post(_accept_url(with_invite))
    colleague.refresh_from_db()
    assert colleague.coordinator_of == coordinator.coordinator_of


def test_link_works_once(invite_supervisor, client):
    invitation = invite_supervisor()
    newcomer = UserFactory(email="newdoc@example.org")
    client.force_login(newcomer)
    link = _accept_url(invitation)
    client.post(link)
    again = client.post(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert Supervisor.objects.filter(user=newcomer).count() == 1


def test_link_expires_after_fourteen_days(invite_supervisor, client):
    invitation = invite_supervisor()
    newcomer = UserFactory(email="newdoc@example.org")
    client.force_login(newcomer)
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        response = client.post(_accept_url(invitation))
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Supervisor.objects.filter(user=newcomer).exists()


def test_link_still_works_on_day_thirteen(invite_supervisor, client):
    invitation = invite_supervisor()
    newcomer = UserFactory(email="newdoc@example.org")
    with time_machine.travel(timezone.now() + timedelta(days=13)):
        client.force_login(newcomer)
        assert client.post(_accept_url(invitation)).status_code == 302
    assert Supervisor.objects.filter(user=newcomer).exists()


def test_tampered_token_is_not_found(invite_supervisor, client):
    invitation = invite_supervisor()
    token = services.invitation_token(invitation)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    url = reverse("accounts:invitation_accept", args=[tampered])
    assert client.get(url).status_code == 404
    forged = reverse("accounts:invitation_accept", args=[f"{invitation.pk}:abc"])
    assert client.get(forged).status_code == 404


def test_someone_else_signed_in_cannot_use_the_link(invite_supervisor, client, trainee):
    invitation = invite_supervisor()
    client.force_login(trainee)
    response = client.post(_accept_url(invitation))
    assert response.status_code == 403
    assert "newdoc@example.org" in response.content.decode()
    assert not Supervisor.objects.filter(user=trainee).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_anonymous_visitor_is_asked_to_sign_in(invite_supervisor, client):
    link = _accept_url(invite_supervisor())
    page = client.get(link)
    assert page.status_code == 200
    assert reverse("account_login") in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_departments_of_another_organisation_are_refused(coordinator, other_organisation):
    foreign = DepartmentFactory(hospital=HospitalFactory(organisation=other_organisation))
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            invited_by=coordinator, email="x@example.org", role="supervisor", departments=[foreign]
        )
    assert "departments" in error.value.message_dict
    assert not Invitation.objects.exists()


def test_team_page_rejects_foreign_department_ids(client_for, coordinator, other_organisation):
    foreign = DepartmentFactory(hospital=HospitalFactory(organisation=other_organisation))
    response = client_for(coordinator).post(
        reverse("hospitals:team"),
        {
            "email": "x@example.org",
            "role": "supervisor",
            "departments": [foreign.pk],
            "max_trainees": 2,
        },
    )
    assert response.status_code == 200
    assert "departments" in response.context["form"].errors
    assert "x@example.org" in response.content.decode()  # what was typed is kept
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_supervisor_invitation_needs_a_department(coordinator):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(invited_by=coordinator, email="x@example.org", role="supervisor")
    assert "departments" in error.value.message_dict


def test_only_coordinators_invite(trainee, department):
    with pytest.raises(PermissionDenied):
        services.invitation_create(invited_by=trainee, email="x@example.org", role="coordinator")


def test_a_second_open_invitation_to_the_same_address_is_refused(invite_supervisor):
    invite_supervisor()
    with pytest.raises(ValidationError) as error:
        invite_supervisor()
    assert "email" in error.value.message_dict
    assert Invitation.objects.count() == 1


def test_team_page_invites_and_lists(
    client_for, coordinator, department, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hospitals:team"),
            {
                "email": "doc@example.org",
                "role": "supervisor",
                "departments": [department.pk],
                "max_trainees": 2,
            },
            follow=True,
        )
    assert response.status_code == 200
    assert "Invitation sent to doc@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    page = client.get(reverse("hospitals:team")).content.decode()
    assert "doc@example.org" in page
    assert department.name in page


def test_resend_renews_the_expiry_and_mails_again(
    client_for, coordinator, invite_supervisor, django_capture_on_commit_callbacks
):
    invitation = invite_supervisor()
    mail.outbox.clear()
    with (
        time_machine.travel(timezone.now() + timedelta(days=20)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client_for(coordinator).post(
            reverse("hospitals:invitation_resend", args=[invitation.pk])
        )
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.is_open
    assert len(mail.outbox) == 1


def test_revoked_invitation_link_stops_working(client_for, coordinator, invite_supervisor, client):
    invitation = invite_supervisor()
    link = _accept_url(invitation)
    client_for(coordinator).post(reverse("hospitals:invitation_revoke", args=[invitation.pk]))
    assert not Invitation.objects.exists()
    client.logout()
    assert client.get(link).status_code == 404


def test_other_organisation_cannot_resend_or_revoke(
    client_for, other_coordinator, invite_supervisor
):
    invitation = invite_supervisor()
    client = client_for(other_coordinator)
    assert (
        client.post(reverse("hospitals:invitation_revoke", args=[invitation.pk])).status_code == 404
    )
    assert (
        client.post(reverse("hospitals:invitation_resend", args=[invitation.pk])).status_code == 404
    )
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_team_page_shows_only_own_invitations(client_for, coordinator, other_coordinator):
    InvitationFactory(
        organisation=other_coordinator.coordinator_of,
        email="theirs@example.org",
        invited_by=other_coordinator,
    )
    InvitationFactory(
        organisation=coordinator.coordinator_of, email="ours@example.org", invited_by=coordinator
    )
    page = client_for(coordinator).get(reverse("hospitals:team")).content.decode()
    assert "ours@example.org" in page
    assert "theirs@example.org" not in page


def test_team_page_query_count_does_not_grow(
    client_for, coordinator, department, django_assert_max_num_queries
):
    client = client_for(coordinator)
    for n in range(3):
        InvitationFactory(
            organisation=coordinator.coordinator_of, invited_by=coordinator, email=f"a{n}@x.org"
        )
    client.get(reverse("hospitals:team"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("hospitals:team"))
    for n in range(30):
        InvitationFactory(
            organisation=coordinator.coordinator_of, invited_by=coordinator, email=f"b{n}@x.org"
        )
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("hospitals:team"))


def test_invitation_mail_is_in_the_invitees_language(
    coordinator, department, django_capture_on_commit_callbacks
):
    UserFactory(email="ru@example.org", language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            invited_by=coordinator,
            email="ru@example.org",
            role="supervisor",
            departments=[department],
        )
    from django.utils import translation

    with translation.override("ru"):
        expected = translation.gettext("Accept the invitation")
    assert expected in mail.outbox[0].alternatives[0][0]
