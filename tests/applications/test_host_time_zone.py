"""Offer deadlines and the start of a program are days where the host organisation is: an
offer "answered by 14 March" in Seoul ends at midnight in Seoul, not at midnight UTC."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications import services
from applications.models import Application
from programs.models import Program
from tests.applications.conftest import put_in_status
from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING, UTC_DAY, set_time_zone

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture
def seoul(organisation):
    return set_time_zone(organisation, "Asia/Seoul")


def test_an_offer_whose_last_day_passed_in_seoul_expires_at_2330_utc(seoul, draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    with time_machine.travel(datetime(2030, 3, 1, 12, tzinfo=UTC), tick=False):
        offer = services.offer_make(application=draft, by=coordinator, answer_by=UTC_DAY)
    assert offer.deadline == datetime(2030, 3, 14, 15, tzinfo=UTC)  # midnight in Seoul

    with time_machine.travel(datetime(2030, 3, 14, 14, 59, tzinfo=UTC), tick=False):
        assert services.expire_overdue_offers() == 0  # 23:59 on the last day in Seoul
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        assert services.expire_overdue_offers() == 1
        with pytest.raises(services.TransitionNotAllowed):
            services.offer_accept(application=draft, by=draft.trainee)
    draft.refresh_from_db()
    assert draft.status == S.EXPIRED


def test_an_offer_cannot_end_on_a_day_already_over_in_seoul(seoul, draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        with pytest.raises(ValidationError) as refused:
            services.offer_make(application=draft, by=coordinator, answer_by=UTC_DAY)
        assert "today or later" in str(refused.value)
        offer = services.offer_make(application=draft, by=coordinator, answer_by=SEOUL_DAY)
    assert offer.deadline == datetime(2030, 3, 15, 15, tzinfo=UTC)


def test_the_default_offer_runs_two_weeks_from_today_in_seoul(seoul, draft, coordinator):
    put_in_status(draft, S.SHORTLISTED)
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        offer = services.offer_make(application=draft, by=coordinator)
    last_day = SEOUL_DAY + timedelta(days=services.OFFER_DEFAULT_DAYS)
    assert offer.deadline == seoul.day_start(last_day + timedelta(days=1))
    assert seoul.local_date(offer.deadline - timedelta(microseconds=1)) == last_day


def test_the_offer_form_proposes_a_last_day_counted_from_seoul_and_says_the_zone(
    seoul, draft, coordinator, client
):
    put_in_status(draft, S.SHORTLISTED)
    offer_url = reverse("applications:review_act", args=[draft.pk, "offer"])
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        client.force_login(coordinator)
        response = client.get(reverse("applications:review_detail", args=[draft.pk]))
        refused = client.post(offer_url, {"answer_by": UTC_DAY.isoformat()}, follow=True)
    field = response.context["offer_form"]["answer_by"]
    assert field.initial == SEOUL_DAY + timedelta(days=services.OFFER_DEFAULT_DAYS)
    assert 'min="2030-03-15"' in str(field)
    assert "Asia/Seoul" in response.content.decode()
    assert "The last day to answer must be today or later." in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == S.SHORTLISTED


def test_withdrawing_is_refused_once_the_program_started_in_seoul(seoul, draft, coordinator):
    Program.objects.filter(pk=draft.program_id).update(
        application_opens=UTC_DAY - timedelta(days=60),
        application_closes=UTC_DAY - timedelta(days=30),
        start_date=SEOUL_DAY,
        end_date=SEOUL_DAY + timedelta(days=27),
    )
    put_in_status(draft, S.SHORTLISTED)
    with time_machine.travel(datetime(2030, 3, 1, 12, tzinfo=UTC), tick=False):
        services.offer_make(application=draft, by=coordinator)
        services.offer_accept(application=draft, by=draft.trainee)

    with (
        time_machine.travel(SEOUL_NEXT_MORNING, tick=False),
        pytest.raises(services.TransitionNotAllowed, match="has started"),
    ):
        services.application_transition(application=draft, to=S.WITHDRAWN, by=draft.trainee)
