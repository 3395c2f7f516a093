"""Erasure on request: the person asks, a coordinator of an organisation they applied to (an
administrator when there is none) confirms no legal hold, then names in every script,
contacts, passport data and files go, in one transaction; anonymous statistics stay."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accommodation.models import HousingRequest
from accounts.models import User
from applications.models import Application, Comment, RefereeRequest, StatusChange
from letters.models import InvitationLetter
from notifications.models import Notification
from placements.models import TrainingPlan
from privacy import erasure, services
from privacy.models import ErasureRequest, PrivacyEvent
from tests.factories import OrganisationFactory, UserFactory
from tests.privacy.world import IVAN, PASSPORT, PHONE, coordinator_of, make_person, stored_files
from trainees.models import Document, LanguageSkill, TraineeProfile

pytestmark = pytest.mark.django_db


def _confirm(client, coordinator, erasure_request, callbacks, reason="No legal hold found."):
    client.force_login(coordinator)
    url = reverse("privacy:erasure_decide", args=[erasure_request.pk])
    with callbacks(execute=True):
        return client.post(url, {"decision": "confirm", "reason": reason})


def test_asked_confirmed_and_erased_through_the_pages(client, django_capture_on_commit_callbacks):
    world = make_person()
    person, coordinator = world["person"], world["coordinator"]
    files = stored_files(world)
    assert len(files) == 5 and all(storage.exists(name) for storage, name in files)

    client.force_login(person)
    response = client.post(reverse("privacy:erasure_create"), follow=True)
    assert "Your request is with the coordinators" in response.content.decode()
    request = ErasureRequest.objects.get(subject=person, status="requested")

    (told,) = Notification.objects.filter(kind="privacy.erasure_requested", channel="email")
    assert told.recipient == coordinator
    assert "Ivan" not in told.subject + told.body_text and "Иван" not in told.body_html
    client.force_login(coordinator)
    waiting = client.get(reverse("privacy:erasure_list")).content.decode()
    assert "Ivan Petrov (Иван Петров)" in waiting
    response = _confirm(client, coordinator, request, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    request.refresh_from_db()
    assert (request.status, request.decided_by, request.reason) == (
        "done",
        coordinator,
        "No legal hold found.",
    )
    person = User.objects.get(pk=person.pk)
    assert (person.first_name, person.last_name, person.native_name) == ("", "", "")
    assert person.email == f"erased-{person.pk}@invalid"
    assert not person.is_active and not person.has_usable_password()
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not EmailAddress.objects.filter(email=IVAN["email"]).exists()
    profile = TraineeProfile.objects.get(user=person)
    assert (profile.passport_number, profile.phone, profile.emergency_contact_name) == ("",) * 3
    assert (profile.emergency_contact_phone, profile.date_of_birth, profile.photo.name) == (
        "",
        None,
        "",
    )
    assert not LanguageSkill.objects.filter(profile=profile).exists()
    assert not Document.objects.filter(owner=person).exists()
    assert not InvitationLetter.objects.filter(application__trainee=person).exists()
    assert not RefereeRequest.objects.filter(application__trainee=person).exists()
    assert not any(storage.exists(name) for storage, name in files)
    # The anonymous facts stay: nationality, sex, specialty, program, year, status.
    assert (str(profile.nationality), profile.sex, profile.specialty) == (
        "RU",
        "M",
        world["specialty"],
    )
    application = Application.objects.get(pk=world["application"].pk)
    assert (application.program, application.status) == (world["program"], "under_review")
    assert application.created_at == world["application"].created_at
    assert application.motivation == ""
    assert HousingRequest.objects.get(pk=world["housing"].pk).notes == ""
    kinds = set(PrivacyEvent.objects.filter(subject=person).values_list("kind", flat=True))
    assert {"erasure_requested", "erasure_confirmed", "erased"} <= kinds


def test_notifications_and_notes_about_the_person_lose_their_names(
    django_capture_on_commit_callbacks,
):
    world = make_person()
    person, coordinator = world["person"], world["coordinator"]
    about_ivan = Notification.objects.exclude(recipient=person).filter(
        body_text__contains="Ivan Petrov"
    )
    assert about_ivan.exists()  # the coordinators were told, by name
    mine = Notification.objects.filter(recipient=person)
    assert mine.exists()
    someone_else = UserFactory(first_name="Ivan", last_name="Smirnov", native_name="")
    other = Notification.objects.create(
        channel="in_app", recipient=someone_else, kind="x", subject="Ivan Smirnov applied"
    )
    request = services.erasure_request(user=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.erasure_confirm(request=request, by=coordinator, reason="Petrov owes nothing")

    request.refresh_from_db()
    assert request.reason == "[erased] owes nothing"
    for row in Notification.objects.filter(pk__in=about_ivan.values("pk")):
        text = row.subject + row.body_text + row.body_html
        assert "Ivan Petrov" not in text and "Иван Петров" not in text
        assert "[erased]" in text
    assert set(mine.values_list("subject", "body_text", "body_html", "to_email").distinct()) == {
        ("", "", "", "")
    }
    other.refresh_from_db()
    assert other.subject == "Ivan Smirnov applied"  # a namesake's rows are untouched
    assert Comment.objects.get(application=world["application"]).text == "Call [erased]"
    plan = TrainingPlan.objects.get(placement=world["placement"])
    assert plan.summary == "[erased] assists in surgery."
    reasons = StatusChange.objects.filter(application=world["application"])
    assert "Petrov" not in "".join(reasons.values_list("reason", flat=True))


def test_a_coordinator_of_another_organisation_cannot_see_or_decide_the_request(
    client, django_capture_on_commit_callbacks
):
    world = make_person()
    request = services.erasure_request(user=world["person"])
    stranger = coordinator_of(OrganisationFactory(name="Elsewhere"))
    client.force_login(stranger)
    assert "Ivan" not in client.get(reverse("privacy:erasure_list")).content.decode()
    response = _confirm(client, stranger, request, django_capture_on_commit_callbacks)
    assert response.status_code == 404
    with pytest.raises(services.PrivacyRefused):
        services.erasure_confirm(request=request, by=stranger, reason="checked")
    request.refresh_from_db()
    assert request.status == "requested"
    assert User.objects.get(pk=world["person"].pk).first_name == "Ivan"


def test_an_administrator_decides_for_a_person_who_applied_nowhere(
    client, django_capture_on_commit_callbacks
):
    person = UserFactory(first_name="Olga", last_name="Sokolova")
    admin = UserFactory(is_superuser=True, is_staff=True)
    request = services.erasure_request(user=person)
    told = Notification.objects.filter(kind="privacy.erasure_requested", channel="in_app")
    assert [n.recipient for n in told] == [admin]
    response = _confirm(client, admin, request, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).first_name == ""


def test_a_legal_hold_keeps_the_data_and_the_person_reads_why(client):
    world = make_person()
    person, coordinator = world["person"], world["coordinator"]
    request = services.erasure_request(user=person)
    client.force_login(coordinator)
    url = reverse("privacy:erasure_decide", args=[request.pk])
    assert "is-invalid" in client.post(url, {"decision": "refuse", "reason": ""}).content.decode()
    client.post(url, {"decision": "refuse", "reason": "Unpaid housing invoice under dispute."})
    request.refresh_from_db()
    assert request.status == "refused"
    assert User.objects.get(pk=person.pk).native_name == "Иван Петров"
    client.force_login(person)
    page = client.get(reverse("privacy:mine")).content.decode()
    assert "Unpaid housing invoice under dispute." in page
    told = Notification.objects.get(kind="privacy.erasure_refused", channel="email")
    assert told.recipient == person
    assert "Unpaid housing invoice under dispute." in told.body_text


def test_asking_twice_is_refused_with_a_message_and_the_person_can_cancel(client):
    person = UserFactory()
    client.force_login(person)
    client.post(reverse("privacy:erasure_create"))
    page = client.post(reverse("privacy:erasure_create"), follow=True).content.decode()
    assert "You have already asked for your data to be erased." in page
    assert ErasureRequest.objects.filter(subject=person).count() == 1
    client.post(reverse("privacy:erasure_cancel"))
    assert ErasureRequest.objects.get(subject=person).status == "cancelled"


def test_the_erasure_is_all_or_nothing(monkeypatch, django_capture_on_commit_callbacks):
    world = make_person()
    person, coordinator = world["person"], world["coordinator"]
    files = stored_files(world)
    request = services.erasure_request(user=person)

    def broken(user):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure, "_erase_account", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        services.erasure_confirm(request=request, by=coordinator, reason="checked")

    profile = TraineeProfile.objects.get(user=person)
    assert profile.passport_number == PASSPORT and profile.phone == PHONE
    assert Document.objects.filter(owner=person).count() == 2
    assert InvitationLetter.objects.filter(application__trainee=person).exists()
    assert all(storage.exists(name) for storage, name in files)
    request.refresh_from_db()
    assert request.status == "confirmed"  # the task is retried; nothing half-done
