"""The inbox, the bell, e-mail settings and the undelivered-mail page, through HTTP."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.models import Notification, Preference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _item(user, subject="Your application is shortlisted", link="/applications/", **extra):
    return Notification.objects.create(
        kind="applications.status_changed",
        channel="in_app",
        recipient=user,
        to_email=user.email,
        status="sent",
        subject=subject,
        link=link,
        **extra,
    )


def test_the_inbox_lists_only_ones_own_items_newest_first(client_for, trainee):
    _item(trainee, "First")
    _item(trainee, "Second")
    _item(UserFactory(), "Somebody else's")
    page = client_for(trainee).get(reverse("notifications:inbox")).content.decode()
    assert page.index("Second") < page.index("First")
    assert "Somebody else" not in page


def test_the_bell_shows_the_unread_count_for_one_query(client_for, trainee):
    client = client_for(trainee)
    client.get(reverse("notifications:preferences"))  # warm up session and caches
    for n in range(3):
        _item(trainee, f"Item {n}")
    _item(trainee, "Old", read_at="2026-01-01T00:00:00Z")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:profile")).content.decode()
    assert 'data-unread="3"' in page
    bell = [q for q in queries if "notifications_notification" in q["sql"]]
    assert len(bell) == 1


def test_the_inbox_page_costs_the_same_queries_with_5_or_50_items(client_for, trainee):
    client = client_for(trainee)
    for n in range(5):
        _item(trainee, f"Item {n}")
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("notifications:inbox"))
    for n in range(45):
        _item(trainee, f"More {n}")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("notifications:inbox"))
    assert len(small) == len(large)


def test_opening_an_item_marks_it_read_and_goes_to_the_object(client_for, trainee):
    item = _item(trainee, link="/applications/7/")
    response = client_for(trainee).post(reverse("notifications:open", args=[item.pk]))
    assert response["Location"] == "/applications/7/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_an_item_never_redirects_to_another_site(client_for, trainee):
    item = _item(trainee, link="https://evil.example/phish")
    response = client_for(trainee).post(reverse("notifications:open", args=[item.pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_mark_read_with_htmx_returns_the_item_and_mark_all_read(client_for, trainee):
    client = client_for(trainee)
    first, second = _item(trainee, "A"), _item(trainee, "B")
    response = client.post(
        reverse("notifications:mark_read", args=[first.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in response.content.decode()
    client.post(reverse("notifications:mark_all_read"))
    second.refresh_from_db()
    assert second.read_at is not None
    unread = client.get(reverse("notifications:inbox") + "?show=unread").content.decode()
    assert "Nothing unread" in unread


def test_a_trainee_chooses_a_digest_for_a_kind_they_may_switch(client_for, coordinator):
    client = client_for(coordinator)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "applications.received" in page  # coordinator kinds
    assert "applications.offer_made" not in page  # a trainee kind that cannot be switched off
    response = client.post(
        reverse("notifications:preferences"),
        {
            "applications.received": "digest",
            "applications.trainee_answered": "off",
            "programs.draft_window_opens": "immediate",
        },
    )
    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=coordinator).values_list("kind", "mode")) == {
        "applications.received": "digest",
        "applications.trainee_answered": "off",
        "programs.draft_window_opens": "immediate",
    }


def test_a_bad_preference_value_is_refused_with_a_message(client_for, coordinator):
    response = client_for(coordinator).post(
        reverse("notifications:preferences"), {"applications.received": "sometimes"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Preference.objects.exists()


def test_coordinators_see_their_organisations_failed_mail_and_send_it_again(
    client_for, coordinator, other_coordinator, trainee, django_capture_on_commit_callbacks
):
    from django.core import mail

    ours = Notification.objects.create(
        kind="applications.status_changed",
        channel="email",
        recipient=trainee,
        to_email="ours@example.org",
        subject="Shortlisted",
        body_text="Body",
        status="failed",
        attempts=5,
        last_error="SMTPConnectError: (421, 'down')",
        organisation=coordinator.coordinator_of,
    )
    Notification.objects.create(
        kind="applications.status_changed",
        channel="email",
        to_email="theirs@example.org",
        subject="Theirs",
        status="failed",
        organisation=other_coordinator.coordinator_of,
    )
    client = client_for(coordinator)
    page = client.get(reverse("notifications:failed")).content.decode()
    assert "ours@example.org" in page and "SMTPConnectError" in page
    assert "theirs@example.org" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:retry", args=[ours.pk]), follow=True)
    assert "queued again" in response.content.decode()
    ours.refresh_from_db()
    assert ours.status == "sent"
    assert [m.to for m in mail.outbox] == [["ours@example.org"]]
