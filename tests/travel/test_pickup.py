"""Pickup: the coordinator names a person without an account, who gets the flight, time,
meeting point, the trainee's photo (through the signed link) and phone by e-mail, in English
by default, and answers by the signed link, which shows that pickup and nothing else; a
change of flight asks them again; the trainee sees who meets them."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from tests.travel.conftest import accepted
from travel import services
from travel.models import Pickup

pytestmark = pytest.mark.django_db

PERSON = {"name": "Klaus Hartmann", "email": "Klaus@Example.org", "phone": "+49 69 5550 1201"}


def _arrive(client, application, **data):
    payload = {
        "mode": "flight",
        "flight_number": "LH723",
        "airport": "FRA",
        "day": "2030-02-02",
        "clock": "06:30",
        "pickup_requested": "on",
        "meeting_point": "Terminal 1, arrival hall B",
        **data,
    }
    response = client.post(reverse("travel:arrival_edit", args=[application.pk]), payload)
    assert response.status_code == 302
    return response


def _assign(client, application, **data):
    payload = {"language": "en", **PERSON, **data}
    return client.post(reverse("travel:pickup_edit", args=[application.pk]), payload)


@pytest.fixture
def asked(client_for, application, trainee, coordinator, django_capture_on_commit_callbacks):
    _arrive(client_for(trainee), application)
    with django_capture_on_commit_callbacks(execute=True):
        assert _assign(client_for(coordinator), application).status_code == 302
    return Pickup.objects.get(application=application)


def _link(pickup):
    return reverse("travel:pickup_link", args=[services.pickup_token(pickup)])


def test_the_pickup_person_gets_flight_time_meeting_point_phone_photo_and_link(client, asked):
    [message] = [m for m in mail.outbox if m.to == ["klaus@example.org"]]
    assert message.subject.endswith("Please meet Tatiana Ivanova (Татьяна Иванова) on arrival")
    body = message.body
    assert "LH723" in body and "FRA" in body
    assert "2 Feb 2030, 06:30 CET" in body  # the airport's time, whatever the server's
    assert "Terminal 1, arrival hall B" in body
    assert "+7 423 222 33 44" in body  # the trainee's phone
    # The links as mailed (a token signed later differs by its timestamp).
    photo, link = re.findall(r"https?://\S+/travel/pickup/\S+/", body)
    assert photo.endswith("/photo/") and link == photo.removesuffix("photo/")
    assert client.get(photo).status_code == 200
    assert "LH723" in client.get(link).content.decode()
    assert asked.status == "asked" and asked.notified_at is not None


def test_the_link_shows_that_pickup_only_and_the_photo_behind_it(client, asked, program):
    other = accepted(program, UserFactory(first_name="Wei", last_name="Li", native_name="李伟"))
    other_pickup = Pickup.objects.create(application=other, name="Someone", email="s@example.org")
    client.logout()  # the fixture signed the coordinator in: the pickup person has no account
    response = client.get(_link(asked))
    body = response.content.decode()
    assert "Tatiana Ivanova" in body and "LH723" in body and "+7 423 222 33 44" in body
    # Not "no-referrer": the browser would then post the answer with "Origin: null", which
    # the CSRF check refuses (tests/e2e/test_getting_there_journey.py answers in Chromium).
    assert response["Referrer-Policy"] == "same-origin"
    assert "李伟" not in body and "Someone" not in body
    assert "6:30 CET" in body and "your time" not in body  # no viewer's zone to show
    assert "Wei" in client.get(_link(other_pickup)).content.decode()
    photo = client.get(reverse("travel:pickup_photo", args=[services.pickup_token(asked)]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "private, no-store"
    tampered = services.pickup_token(asked)[:-3] + "xyz"
    assert client.get(reverse("travel:pickup_link", args=[tampered])).status_code == 404
    assert client.get(reverse("travel:pickup_photo", args=[tampered])).status_code == 404


def test_confirming_by_link_tells_the_trainee_and_coordinator_and_the_trainee_sees_who(
    client, client_for, asked, application, trainee, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_link(asked), {"answer": "confirm", "note": "Blue Passat"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == "confirmed" and asked.answered_at and asked.answer_note == "Blue Passat"
    assert {m.to[0] for m in mail.outbox} == {trainee.email, coordinator.email}
    page = client_for(trainee).get(reverse("travel:detail", args=[application.pk]))
    assert "Klaus Hartmann meets you." in page.content.decode()
    readiness = client_for(coordinator).get(
        reverse("dashboards:readiness", args=[application.program_id])
    )
    items = {i.key: i.done for i in readiness.context["rows"][0].items}
    assert items["arrival"] is True and items["pickup"] is True


def test_a_change_of_flight_asks_again_and_resets_the_answer(
    client, client_for, asked, application, trainee, django_capture_on_commit_callbacks
):
    services.pickup_answer(pickup=asked, confirm=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _arrive(client_for(trainee), application, flight_number="LH725", clock="09:10")
    [message] = mail.outbox
    assert message.to == ["klaus@example.org"]
    assert message.subject.endswith(
        "Changed arrival: please meet Tatiana Ivanova (Татьяна Иванова)"
    )
    assert "LH725" in message.body and "09:10" in message.body
    asked.refresh_from_db()
    assert asked.status == "asked" and asked.answered_at is None
    # Saving the same details again asks nobody.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _arrive(client_for(trainee), application, flight_number="LH725", clock="09:10")
    assert mail.outbox == []


def test_a_replaced_pickup_person_link_stops_working(
    client, client_for, asked, application, coordinator
):
    old = _link(asked)
    _assign(client_for(coordinator), application, name="Volunteer", email="driver@example.org")
    assert client.get(old).status_code == 404
    assert client.get(_link(Pickup.objects.get())).status_code == 200


def test_only_the_programs_coordinators_name_the_pickup(
    client_for, application, trainee, other_coordinator
):
    assert _assign(client_for(trainee), application).status_code == 403
    assert _assign(client_for(other_coordinator), application).status_code == 404
    assert not Pickup.objects.exists()


def test_a_pickup_person_with_an_account_sees_their_pickups_only(client_for, asked, program):
    other = accepted(program, UserFactory(first_name="Wei", last_name="Li", native_name="李伟"))
    Pickup.objects.create(application=other, name="Someone", email="s@example.org")
    driver = UserFactory(email="klaus@example.org")
    body = client_for(driver).get(reverse("travel:my_pickups")).content.decode()
    assert "Tatiana Ivanova" in body and "李伟" not in body
    assert _link(asked) in body


def test_assigned_before_the_arrival_is_known_the_person_is_asked_once_it_is(
    client_for, application, trainee, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _assign(client_for(coordinator), application).status_code == 302
    assert mail.outbox == []
    assert Pickup.objects.get().notified_at is None
    with django_capture_on_commit_callbacks(execute=True):
        _arrive(client_for(trainee), application)
    [message] = mail.outbox
    assert message.to == ["klaus@example.org"] and "LH723" in message.body
    assert Pickup.objects.get().notified_at is not None


def test_asking_for_a_pickup_tells_the_coordinators_until_someone_is_named(
    client_for, application, trainee, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _arrive(client_for(trainee), application)
        _arrive(client_for(trainee), application, clock="07:00")  # asked already: once
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert message.subject.endswith("asks to be picked up")


def test_a_bad_phone_is_a_field_error(client_for, application, coordinator):
    response = _assign(client_for(coordinator), application, phone="12")
    assert response.status_code == 400
    assert response.context["pickup_form"].errors["phone"]
    assert not Pickup.objects.exists()


def test_the_readiness_page_costs_the_same_queries_for_1_or_5_trainees(
    client_for, coordinator, program, application
):
    client = client_for(coordinator)
    url = reverse("dashboards:readiness", args=[program.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        extra = accepted(program)
        services.visa_save(
            application=extra,
            by=coordinator,
            data={
                "status": "appointment",
                "appointment_on": program.start_date - timedelta(days=n + 1),
            },
        )
        Pickup.objects.create(application=extra, name=f"Driver {n}", email=f"d{n}@example.org")
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(response.context["rows"]) == 5
    assert len(five) == len(one)
