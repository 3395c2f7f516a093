"""The issue date of a visa invitation letter is the day where the host organisation is, and
the PDF and the public verification page show the same day, whoever looks."""

import pytest
import time_machine
from django.urls import reverse

from applications import services as applications
from letters.models import InvitationLetter
from tests.applications.conftest import ApplicationFactory, put_in_status
from tests.factories import TraineeProfileFactory, UserFactory
from tests.letters.test_letters import _text
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, set_time_zone

pytestmark = pytest.mark.django_db


def test_a_letter_issued_at_2330_utc_for_a_seoul_host_is_dated_the_next_day_everywhere(
    organisation, coordinator, program, client, django_capture_on_commit_callbacks
):
    set_time_zone(organisation, "Asia/Seoul")
    trainee = UserFactory(first_name="Alexei", last_name="Smirnov", time_zone="America/Sao_Paulo")
    TraineeProfileFactory(user=trainee, passport_number="75 4012345", nationality="RU")
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        application = put_in_status(
            ApplicationFactory(program=program, trainee=trainee), "offered", by=coordinator
        )
        with django_capture_on_commit_callbacks(execute=True):
            applications.offer_accept(application=application, by=trainee)

    letter = InvitationLetter.objects.get(application=application, is_current=True)
    assert letter.issued_on == SEOUL_DAY
    assert "15 March 2030" in " ".join(_text(letter).split())

    verify_url = reverse("letters:verify", args=[letter.code])
    anonymous = client.get(verify_url).content.decode()  # shown in UTC: the 14th there
    client.force_login(trainee)  # shown in São Paulo time: the 14th there too
    signed_in = client.get(verify_url).content.decode()
    for page in (anonymous, signed_in):
        assert "March 15, 2030" in page
        assert "March 14, 2030" not in page
