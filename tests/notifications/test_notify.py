"""notify(): the outbox is written in the caller's transaction and sent after commit."""

import pytest
from django.core import mail
from django.db import transaction

from notifications.models import Notification, Preference
from notifications.services import notify, preference_set, send_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = "applications.received"  # optional, in-app + e-mail


def test_it_writes_one_row_per_recipient_and_channel_and_mails_after_commit(
    django_capture_on_commit_callbacks,
):
    anna, boris = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rows = _notify_received([anna, boris])
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    assert sorted((r.recipient_id, r.channel) for r in rows) == sorted(
        [(anna.pk, "in_app"), (anna.pk, "email"), (boris.pk, "in_app"), (boris.pk, "email")]
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([anna.email, boris.email])
    assert set(Notification.objects.filter(channel="email").values_list("status", flat=True)) == {
        "sent"
    }
    message = mail.outbox[0]
    assert message.subject.startswith("[Exchange Portal] ")
    assert message.extra_headers["Message-ID"].startswith("<")
    assert "text/html" in [mimetype for _content, mimetype in message.alternatives]


def test_a_rolled_back_transaction_leaves_nothing_in_the_outbox_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    anna = UserFactory()

    class Boom(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        _notify_received([anna])
        raise Boom

    assert Notification.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []


def test_each_recipient_gets_their_own_language_and_time_zone(django_capture_on_commit_callbacks):
    korean = UserFactory(language="ko", time_zone="Asia/Seoul")
    german = UserFactory(language="de", time_zone="Europe/Berlin")
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(
            recipients=[korean, german],
            kind="notifications.digest",
            context={"items": [], "count": 2},
        )
    subjects = {row.recipient_id: row.subject for row in rows}
    assert subjects[korean.pk] != subjects[german.pk]
    assert {row.language for row in rows} == {"ko", "de"}


def test_the_same_dedupe_key_reaches_each_person_once_per_channel(
    django_capture_on_commit_callbacks,
):
    anna = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify_received([anna], dedupe_key="rule:program:1:7d")
        second = _notify_received([anna], dedupe_key="rule:program:1:7d")
        third = _notify_received([anna], dedupe_key="rule:program:1:3d")

    assert len(first) == 2 and second == [] and len(third) == 2
    assert len(mail.outbox) == 2


def test_a_person_who_switched_a_kind_off_gets_it_in_the_inbox_only(
    django_capture_on_commit_callbacks,
):
    anna = UserFactory()
    preference_set(user=anna, kind=KIND, mode=Preference.Mode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        rows = _notify_received([anna])
    assert [r.channel for r in rows] == ["in_app"]
    assert mail.outbox == []


def test_a_kind_that_cannot_be_switched_off_refuses_the_preference():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        preference_set(user=UserFactory(), kind="applications.status_changed", mode="off")


def test_three_digest_items_become_one_mail_listing_three(django_capture_on_commit_callbacks):
    anna = UserFactory()
    preference_set(user=anna, kind=KIND, mode=Preference.Mode.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        for title in ("Surgery 2027", "Urology 2027", "Neurosurgery 2027"):
            _notify_received([anna], title=title)
    assert mail.outbox == []
    assert Notification.objects.filter(status="digest").count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
        assert send_digests() == 0  # nothing left to group

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    for title in ("Surgery 2027", "Urology 2027", "Neurosurgery 2027"):
        assert title in body
    assert "3" in mail.outbox[0].subject
    assert Notification.objects.filter(status="digested").count() == 3


def test_bare_addresses_get_mail_but_no_inbox_item(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(
            recipients=["Someone@Example.org"],
            kind="accounts.account_email",
            context={"subject": "Hello <you>", "body": "Body & more", "html": ""},
            language="ru",
        )
    assert [(r.channel, r.to_email, r.language) for r in rows] == [
        ("email", "someone@example.org", "ru")
    ]
    assert mail.outbox[0].subject == "[Exchange Portal] Hello <you>"
    assert mail.outbox[0].body == "Body & more"


def test_an_unknown_kind_is_a_programming_error():
    from notifications.registry import UnknownKind

    with pytest.raises(UnknownKind):
        notify(recipients=[UserFactory()], kind="nope.nothing", context={})


def _notify_received(recipients, *, dedupe_key="", title="Gyeonggi 2027"):
    from tests.applications.conftest import ApplicationFactory

    application = ApplicationFactory(program__title=title)
    return notify(
        recipients=recipients,
        kind=KIND,
        context={"application": application, "program": application.program},
        dedupe_key=dedupe_key,
        link="/applications/review/1/",
    )
