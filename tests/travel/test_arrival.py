"""Arrival: the local time where the trainee lands (the airport's zone, by IATA code) is
stored as a UTC moment with the zone and shown in that zone to everybody, and in the viewer's
zone beside it; daylight-saving edges at Frankfurt; the late flag 14 days before the start."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.time_zones import SEOUL_DAY, SEOUL_NEXT_MORNING
from tests.travel.conftest import move_start
from travel.models import Arrival
from travel.selectors import all_lead_times, travel_state

pytestmark = pytest.mark.django_db


def _give(client, application, **data):
    payload = {"mode": "flight", "flight_number": "KE 982", "airport": "ICN", **data}
    return client.post(reverse("travel:arrival_edit", args=[application.pk]), payload)


def test_a_flight_landing_at_0630_in_incheon_is_0630_kst_for_a_viewer_in_berlin(
    client_for, application, trainee
):
    trainee.time_zone = "Europe/Berlin"
    trainee.save()
    client = client_for(trainee)
    response = _give(client, application, day="2030-01-15", clock="06:30", airport="icn")
    assert response.status_code == 302
    arrival = Arrival.objects.get()
    assert arrival.arrives_at == datetime(2030, 1, 14, 21, 30, tzinfo=UTC)
    assert (arrival.airport, arrival.time_zone, arrival.flight_number) == (
        "ICN",
        "Asia/Seoul",
        "KE982",
    )
    body = client.get(reverse("travel:detail", args=[application.pk])).content.decode()
    assert "15 Jan 2030, 06:30 KST" in body  # the airport's time, first
    assert "14 Jan 2030, 22:30 CET your time (Europe/Berlin)" in body
    # The form shows the airport's local time back, not the viewer's.
    form = client.get(reverse("travel:detail", args=[application.pk])).context["arrival_form"]
    assert (str(form.initial["day"]), str(form.initial["clock"])) == ("2030-01-15", "06:30:00")


@pytest.mark.parametrize(
    ("day", "clock", "utc"),
    [
        ("2030-03-30", "06:30", datetime(2030, 3, 30, 5, 30, tzinfo=UTC)),  # CET, UTC+1
        ("2030-03-31", "06:30", datetime(2030, 3, 31, 4, 30, tzinfo=UTC)),  # CEST from 02:00
        ("2030-10-27", "02:30", datetime(2030, 10, 27, 0, 30, tzinfo=UTC)),  # twice: the first
        ("2030-10-27", "03:30", datetime(2030, 10, 27, 2, 30, tzinfo=UTC)),  # CET again
    ],
)
def test_frankfurt_across_the_daylight_saving_changes(
    client_for, application, trainee, day, clock, utc
):
    response = _give(client_for(trainee), application, day=day, clock=clock, airport="FRA")
    assert response.status_code == 302
    assert Arrival.objects.get().arrives_at == utc


def test_a_time_the_clocks_skip_at_frankfurt_is_refused_and_nothing_is_saved(
    client_for, application, trainee
):
    response = _give(
        client_for(trainee), application, day="2030-03-31", clock="02:30", airport="FRA"
    )
    assert response.status_code == 400
    assert "does not exist" in str(response.context["arrival_form"].errors)
    assert not Arrival.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"airport": "XQZ"}, "airport"),
        ({"flight_number": ""}, "flight_number"),
        ({"airport": ""}, "airport"),
        ({"mode": "train", "place": " "}, "place"),
    ],
)
def test_bad_flight_details_are_field_errors(client_for, application, trainee, data, field):
    response = _give(client_for(trainee), application, day="2030-01-15", clock="06:30", **data)
    assert response.status_code == 400
    assert response.context["arrival_form"].errors[field]
    assert not Arrival.objects.exists()


def test_a_train_arrives_in_the_hosts_time_zone(client_for, application, trainee):
    response = _give(
        client_for(trainee),
        application,
        mode="train",
        flight_number="",
        airport="",
        place="Suwon station",
        day="2030-01-15",
        clock="10:00",
    )
    assert response.status_code == 302
    arrival = Arrival.objects.get()
    assert (arrival.time_zone, arrival.airport, arrival.place) == (
        "Asia/Seoul",
        "",
        "Suwon station",
    )
    assert arrival.arrives_at == datetime(2030, 1, 15, 1, 0, tzinfo=UTC)


def test_strangers_cannot_give_or_see_arrival_details(client_for, application, other_coordinator):
    client = client_for(other_coordinator)
    response = _give(client, application, day="2030-01-15", clock="06:30")
    assert response.status_code == 404
    assert not Arrival.objects.exists()


def test_no_arrival_details_are_late_14_days_before_the_start_where_the_host_is(
    client_for, application, coordinator
):
    move_start(application.program, SEOUL_DAY + timedelta(days=14))  # 15 days in UTC
    url = reverse("dashboards:readiness", args=[application.program_id])
    with time_machine.travel(SEOUL_NEXT_MORNING - timedelta(hours=9), tick=False):
        items = {i.key: i for i in client_for(coordinator).get(url).context["rows"][0].items}
        assert items["arrival"].done is False and not items["arrival"].late
    with time_machine.travel(SEOUL_NEXT_MORNING, tick=False):
        items = {i.key: i for i in client_for(coordinator).get(url).context["rows"][0].items}
        assert items["arrival"].late


def test_given_arrival_without_a_pickup_asked_makes_the_pickup_column_done(application):
    Arrival.objects.create(
        application=application,
        mode="car",
        arrives_at=datetime(2030, 1, 1, tzinfo=UTC),
        time_zone="Asia/Seoul",
    )
    application.refresh_from_db()
    state = travel_state(application, today=date(2029, 12, 31), leads=all_lead_times())
    assert state.arrival_done and state.pickup_done and not state.arrival_late
