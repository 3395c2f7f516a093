"""A program's window is judged on today's date where its host organisation is, never on the
server's UTC date; the catalog judges every program in its own organisation's zone."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from applications.services import application_start
from programs import views_catalog
from programs.selectors import catalog_programs
from tests.factories import OrganisationFactory, PublishedProgramFactory
from tests.programs.test_query_counts import add_programs, count_queries
from tests.time_zones import (
    SAO_PAULO_DAY,
    SAO_PAULO_LATE_EVENING,
    SEOUL_DAY,
    SEOUL_NEXT_MORNING,
    UTC_DAY,
    set_time_zone,
)

pytestmark = pytest.mark.django_db


def _window(organisation, *, opens, closes, **extra):
    return PublishedProgramFactory(
        organisation=organisation,
        application_opens=opens,
        application_closes=closes,
        start_date=closes + timedelta(days=60),
        end_date=closes + timedelta(days=90),
        **extra,
    )


def test_a_window_opening_tomorrow_utc_is_open_at_2330_utc_for_a_seoul_host(organisation, trainee):
    seoul = set_time_zone(organisation, "Asia/Seoul")
    in_utc = OrganisationFactory(time_zone="UTC")
    opens = SEOUL_DAY  # "tomorrow" by the server's clock
    program = _window(seoul, opens=opens, closes=opens + timedelta(days=30))
    same_dates_in_utc = _window(in_utc, opens=opens, closes=opens + timedelta(days=30))

    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        assert program.application_window_open()
        assert not same_dates_in_utc.application_window_open()
        assert application_start(program=program, trainee=trainee).pk


def test_a_window_that_closed_today_utc_is_still_open_in_the_evening_in_sao_paulo(
    organisation,
):
    sao_paulo = set_time_zone(organisation, "America/Sao_Paulo")
    in_utc = OrganisationFactory(time_zone="UTC")
    closes = SAO_PAULO_DAY  # yesterday by the server's clock
    program = _window(sao_paulo, opens=closes - timedelta(days=30), closes=closes)
    same_dates_in_utc = _window(in_utc, opens=closes - timedelta(days=30), closes=closes)

    with time_machine.travel(SAO_PAULO_LATE_EVENING, tick=False):
        assert program.application_window_open()
        assert not same_dates_in_utc.application_window_open()


def test_the_catalog_judges_each_program_in_its_own_hosts_zone(organisation):
    seoul = set_time_zone(organisation, "Asia/Seoul")
    in_utc = OrganisationFactory(time_zone="UTC")
    opens_in_seoul = _window(seoul, opens=SEOUL_DAY, closes=SEOUL_DAY + timedelta(days=30))
    opens_in_utc = _window(in_utc, opens=SEOUL_DAY, closes=SEOUL_DAY + timedelta(days=30))
    closed_in_seoul = _window(seoul, opens=UTC_DAY - timedelta(days=30), closes=UTC_DAY)
    still_open_in_utc = _window(in_utc, opens=UTC_DAY - timedelta(days=30), closes=UTC_DAY)
    ended_in_seoul = PublishedProgramFactory(
        organisation=seoul,
        application_opens=UTC_DAY - timedelta(days=90),
        application_closes=UTC_DAY - timedelta(days=60),
        start_date=UTC_DAY - timedelta(days=30),
        end_date=UTC_DAY,
    )

    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        states = dict(catalog_programs(with_sites=False).values_list("pk", "application_state"))

    assert states[opens_in_seoul.pk] == "open"
    assert states[opens_in_utc.pk] == "upcoming"
    assert states[closed_in_seoul.pk] == "closed"
    assert states[still_open_in_utc.pk] == "open"
    assert ended_in_seoul.pk not in states  # its last day is over in Seoul


def test_the_catalog_page_says_open_now_by_the_hosts_date(client, organisation):
    seoul = set_time_zone(organisation, "Asia/Seoul")
    _window(seoul, opens=SEOUL_DAY, closes=SEOUL_DAY + timedelta(days=30), title="Seoul spring")

    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        page = client.get(reverse("catalog:list")).content.decode()

    assert "Applications open until" in page
    assert "Applications open on" not in page


def test_the_catalog_query_count_does_not_grow_with_time_zones(client, organisation, monkeypatch):
    monkeypatch.setattr(views_catalog, "CATALOG_PAGE_SIZE", 500)
    url = reverse("catalog:list")
    add_programs(organisation, 3)
    one_zone, _ = count_queries(client, url)
    for name in ("Asia/Seoul", "Europe/Berlin", "America/Sao_Paulo", "Asia/Vladivostok"):
        add_programs(OrganisationFactory(time_zone=name), 3)
    five_zones, response = count_queries(client, url)
    assert len(response.context["cards"]) == 15
    assert one_zone == five_zones
