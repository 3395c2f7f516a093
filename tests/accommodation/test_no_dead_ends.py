"""Housing without dead ends (issue 14, point 5): a bed assigned by hand (rules shown, an
exception needs a reason), housing arranged outside the portal, programs that pay the
housing, hosts answering by a signed link (the next option on a decline), and reminders
before a stay that covers only part of the placement ends."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accommodation import hand, hosts, services
from accommodation.models import Availability, Bed, HousingRequest, MatchingRun, Provider, Stay
from applications.models import Application
from dashboards.readiness import readiness
from notifications.models import Notification
from notifications.reminders import run_reminders
from placements.models import Placement
from tests.accommodation.conftest import AJOU, accepted_trainee
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _request(application, **extra) -> HousingRequest:
    start, end = services.default_dates(application)
    data = {
        "start": start,
        "end": end,
        "budget_per_night": Decimal("40000"),
        "with_family": False,
        "needs_accessible": False,
        "smoker": False,
        "max_km": 5,
        "notes": "",
        **extra,
    }
    return services.request_save(application=application, by=application.trainee, data=data)


def _host(housing, user=None, name="The Kim family", email="kim@example.kr") -> Bed:
    """A host family near the hospitals with a free guest room (cheaper than the dorm)."""
    program = housing["program"]
    provider = Provider.objects.create(
        organisation=program.organisation,
        name=name,
        kind="host_family",
        address="2 Quiet road",
        city="Suwon",
        latitude=AJOU[0] + Decimal("0.002"),
        longitude=AJOU[1],
        contact_name="Mrs Kim",
        contact_email=email,
        managed_by=user,
    )
    bed = Bed.objects.create(provider=provider, label="Guest room", price_per_night=0)
    Availability.objects.create(
        bed=bed,
        start=program.start_date - timedelta(days=30),
        end=program.end_date + timedelta(days=30),
    )
    return bed


def _asked(housing, coordinator, bed, name="Petrov") -> Stay:
    request = _request(accepted_trainee(housing["program"], name=name))
    stay = services.stay_propose(request=request, bed=bed, by=coordinator)
    return hosts.ask_host(stay=stay, by=coordinator)


def _link(stay: Stay) -> str:
    mail = Notification.objects.filter(
        kind="accommodation.host_asked", channel="email", to_email=stay.bed.provider.contact_email
    ).latest("pk")
    path = reverse("accommodation:host_answer", args=["x"]).removesuffix("x/")
    return path + mail.body_text.split(path, 1)[1].split()[0]


# --- Assigning a bed by hand ------------------------------------------------------------


def test_a_bed_that_breaks_a_rule_needs_a_reason_and_the_reason_is_kept(housing, coordinator):
    request = _request(accepted_trainee(housing["program"]))
    far = housing["beds"][2]  # the Seoul flat, 30 km away with a 5 km limit
    found = {c.key: c for c in hand.checks(request, far, request.start, request.end)}
    assert not found["distance"].ok and "km" in found["distance"].detail
    assert found["dates"].ok and found["taken"].ok
    with pytest.raises(ValidationError):
        hand.assign_by_hand(
            request=request, bed=far, by=coordinator, start=request.start, end=request.end
        )
    assert not Stay.objects.filter(request=request).exclude(status="cancelled").exists()
    stay = hand.assign_by_hand(
        request=request,
        bed=far,
        by=coordinator,
        start=request.start,
        end=request.end,
        reason="His wife works in Seoul; he commutes by KTX.",
    )
    assert stay.status == "confirmed" and stay.overridden == ["distance"]
    assert stay.override_reason.startswith("His wife")
    request.refresh_from_db()
    assert request.status == "confirmed"


def test_a_bed_within_every_rule_is_assigned_without_a_reason_for_part_of_the_stay(
    client_for, housing, coordinator
):
    request = _request(accepted_trainee(housing["program"]))
    end = request.start + timedelta(days=10)  # the first ten nights only
    stay = hand.assign_by_hand(
        request=request, bed=housing["beds"][0], by=coordinator, start=request.start, end=end
    )
    assert (stay.status, stay.overridden, stay.override_reason) == ("confirmed", [], "")
    assert stay.end == end
    page = client_for(request.application.trainee).get(
        reverse("accommodation:mine", args=[request.application_id])
    )
    assert "covers the first part of your stay" in page.content.decode()


def test_one_guest_a_night_holds_whatever_the_reason(housing, coordinator):
    program = housing["program"]
    first = _request(accepted_trainee(program, name="Ivanov"))
    second = _request(accepted_trainee(program, name="Sidorov"))
    bed = housing["beds"][0]
    hand.assign_by_hand(request=first, bed=bed, by=coordinator, start=first.start, end=first.end)
    with pytest.raises(services.BedTaken):
        hand.assign_by_hand(
            request=second,
            bed=bed,
            by=coordinator,
            start=second.start,
            end=second.end,
            reason="Please",
        )
    assert Stay.objects.filter(bed=bed, status="confirmed").count() == 1


def test_the_assign_page_shows_the_rules_of_the_chosen_bed_and_asks_for_a_reason(
    client_for, housing, coordinator
):
    request = _request(accepted_trainee(housing["program"]))
    client = client_for(coordinator)
    url = reverse("accommodation:assign", args=[request.pk])
    assert client.get(url).status_code == 200
    form = {
        "bed": housing["beds"][2].pk,
        "start": request.start.isoformat(),
        "end": request.end.isoformat(),
    }
    shown = client.post(url, {**form, "check": "1"}).content.decode()
    assert "Distance to the hospitals" in shown and "needs a reason" in shown
    refused = client.post(url, {**form, "assign": "1"})
    assert refused.status_code == 200 and "give the reason" in refused.content.decode()
    done = client.post(url, {**form, "assign": "1", "reason": "Family in Seoul."})
    assert done.status_code == 302
    assert Stay.objects.get(request=request, status="confirmed").override_reason == (
        "Family in Seoul."
    )


# --- Arranged outside the portal --------------------------------------------------------


def test_housing_arranged_outside_turns_readiness_green(client_for, housing, coordinator):
    program = housing["program"]
    application = accepted_trainee(program)
    request = _request(application)
    [row], _totals = readiness(program)
    assert not next(i for i in row.items if i.key == "accommodation").done
    response = client_for(coordinator).post(
        reverse("accommodation:outside", args=[application.pk]),
        {
            "name": "Hotel Ibis Suwon",
            "address": "132 Gwonseon-ro, Suwon",
            "start": request.start.isoformat(),
            "end": request.end.isoformat(),
            "cost": "70000",
            "currency": "KRW",
        },
    )
    assert response.status_code == 302
    [row], totals = readiness(program)
    assert next(i for i in row.items if i.key == "accommodation").done
    assert totals["accommodation"]["done"] == 1
    request.refresh_from_db()
    assert request.status == "confirmed"  # the matching stops proposing beds


def test_the_trainee_records_housing_found_alone_and_bad_dates_are_refused(client_for, housing):
    application = accepted_trainee(housing["program"])
    client = client_for(application.trainee)
    url = reverse("accommodation:outside", args=[application.pk])
    data = {"name": "Airbnb", "address": "Suwon", "start": "2030-05-10", "end": "2030-05-01"}
    bad = client.post(url, data)
    assert bad.status_code == 200 and "after" in bad.content.decode()
    good = client.post(url, {**data, "end": "2030-06-01"})
    assert good["Location"] == reverse("accommodation:mine", args=[application.pk])
    assert "Airbnb" in client.get(good["Location"]).content.decode()


# --- Programs that pay the housing ------------------------------------------------------


def test_a_program_that_covers_housing_asks_no_budget(client_for, housing, coordinator):
    program = housing["program"]
    program.covers_housing = True
    program.save()
    application = accepted_trainee(program)
    client = client_for(application.trainee)
    url = reverse("accommodation:mine", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'name="budget_per_night"' not in page and "covers housing" in page
    start, end = services.default_dates(application)
    response = client.post(
        url,
        {"start": start, "end": end, "max_km": 5, "budget_per_night": "1", "languages": ""},
    )
    assert response.status_code == 302
    request = HousingRequest.objects.get(application=application)
    assert request.budget_per_night is None  # ignored even when sent
    assert request.engine_budget() > 10**6
    other = accepted_trainee(program, name="Orlov")
    assert services.request_save(
        application=other,
        by=other.trainee,
        data={"start": start, "end": end, "max_km": 5},
    ).covered_by_program


def test_a_program_that_does_not_cover_housing_needs_a_budget(housing):
    application = accepted_trainee(housing["program"])
    start, end = services.default_dates(application)
    with pytest.raises(ValidationError):
        services.request_save(
            application=application,
            by=application.trainee,
            data={"start": start, "end": end, "max_km": 5},
        )


# --- Hosts answer by a signed link ------------------------------------------------------


def test_the_link_shows_only_that_proposal_and_accepting_confirms_it(client, housing, coordinator):
    stay = _asked(housing, coordinator, _host(housing))
    link = _link(stay)
    trainee = stay.request.application.trainee
    page = client.get(link).content.decode()
    assert trainee.first_name in page and "Ajou University Hospital" in page
    assert trainee.last_name not in page and trainee.email not in page
    response = client.post(link, {"decision": "accept"})
    assert response.status_code == 200
    stay.refresh_from_db()
    assert stay.status == "confirmed" and stay.host_answered_at is not None
    assert client.get(link).status_code == 410  # answered: the link is spent


def test_a_tampered_or_expired_link_is_refused(client, housing, coordinator):
    stay = _asked(housing, coordinator, _host(housing))
    link = _link(stay)
    assert client.get(link[:-4] + "abc/").status_code == 404
    with time_machine.travel(datetime.now(tz=UTC) + timedelta(days=15)):
        expired = client.post(link, {"decision": "accept"})
    assert expired.status_code == 410
    stay.refresh_from_db()
    assert stay.status == "proposed"


def test_a_decline_proposes_the_next_option_and_tells_the_coordinators(
    client, housing, coordinator
):
    host_bed = _host(housing)
    stay = _asked(housing, coordinator, host_bed)
    client.post(_link(stay), {"decision": "decline", "note": "We are away in May."})
    stay.refresh_from_db()
    assert (stay.status, stay.host_note) == ("declined", "We are away in May.")
    following = Stay.objects.get(request=stay.request, status="proposed")
    assert following.bed == housing["beds"][0]  # the dormitory's mixed room, the one left
    told = Notification.objects.get(
        kind="accommodation.host_declined", to_email=coordinator.email, channel="email"
    )
    assert "We are away in May." in told.body_text and "Room 1" in told.body_text
    # Declined beds are never proposed again for this request.
    assert hosts.propose_next(stay.request, start=stay.start, end=stay.end).bed != host_bed


def test_the_matching_leaves_a_proposal_waiting_for_its_host_alone(client, housing, coordinator):
    stay = _asked(housing, coordinator, _host(housing))
    run = MatchingRun.objects.create(
        organisation=coordinator.coordinator_of, requested_by=coordinator
    )
    services.run_execute(run.pk)
    stay.refresh_from_db()
    assert stay.status == "proposed"
    assert client.post(_link(stay), {"decision": "accept"}).status_code == 200


def test_a_decline_with_no_other_bed_leaves_the_request_open(client, housing, coordinator):
    for bed in housing["beds"]:
        bed.availability.all().delete()
    stay = _asked(housing, coordinator, _host(housing))
    client.post(_link(stay), {"decision": "decline"})
    stay.request.refresh_from_db()
    assert stay.request.status == "open"
    assert not Stay.objects.filter(request=stay.request, status="proposed").exists()


def test_a_host_sees_only_their_own_guests_and_proposals(client_for, housing, coordinator):
    kim, park = UserFactory(first_name="Mina"), UserFactory(first_name="Jiho")
    kim_stay = _asked(housing, coordinator, _host(housing, kim), name="Volkov")
    park_bed = _host(housing, park, name="The Park family", email="park@example.kr")
    park_request = _request(accepted_trainee(housing["program"], name="Zaitsev"))
    hand.assign_by_hand(
        request=park_request,
        bed=park_bed,
        by=coordinator,
        start=park_request.start,
        end=park_request.end,
    )
    kim_home = client_for(kim).get(reverse("home")).content.decode()
    assert kim_stay.request.application.trainee.first_name in kim_home
    assert "Accept or decline" in kim_home
    assert "Zaitsev" not in kim_home
    park_home = client_for(park).get(reverse("home")).content.decode()
    assert "Zaitsev" in park_home and "Volkov" not in park_home
    listings = client_for(park).get(reverse("accommodation:my_listings")).content.decode()
    assert "Zaitsev" in listings and "Volkov" not in listings


# --- A stay that covers part of the placement -------------------------------------------


def _placed(housing, application) -> Placement:
    program, site = housing["program"], housing["sites"][0]
    return Placement.objects.create(
        application=application,
        rotation_site=site,
        department=site.department,
        supervisor=housing["supervisors"][0],
        start_date=program.start_date,
        end_date=program.end_date,
        status=Placement.Status.CONFIRMED,
    )


def _at_noon(day) -> datetime:
    return datetime.combine(day, time(3), tzinfo=UTC)  # midday in Seoul


def test_reminders_30_and_7_days_before_a_partial_stay_ends(housing, coordinator):
    application = accepted_trainee(housing["program"])
    _placed(housing, application)
    request = _request(application)
    stay = hand.assign_by_hand(
        request=request,
        bed=housing["beds"][0],
        by=coordinator,
        start=request.start,
        end=request.start + timedelta(days=12),  # the placement goes on after
    )

    def sent() -> int:
        return Notification.objects.filter(
            kind="accommodation.stay_ending", channel="email", to_email=application.trainee.email
        ).count()

    for days_before, expected in ((31, 0), (30, 1), (20, 1), (7, 2), (3, 2)):
        with time_machine.travel(_at_noon(stay.end - timedelta(days=days_before)), tick=False):
            run_reminders(only=["accommodation.stay-ending"])
        assert sent() == expected, days_before
    assert (
        Notification.objects.filter(
            kind="accommodation.stay_ending", channel="email", to_email=coordinator.email
        ).count()
        == 2
    )


def test_no_reminder_when_the_next_housing_is_arranged_or_the_placement_ends(housing, coordinator):
    program = housing["program"]
    application = accepted_trainee(program)
    _placed(housing, application)
    request = _request(application)
    middle = request.start + timedelta(days=12)
    hand.assign_by_hand(
        request=request, bed=housing["beds"][0], by=coordinator, start=request.start, end=middle
    )
    hand.arrange_outside(
        application=application,
        by=coordinator,
        data={"name": "Hotel", "address": "Suwon", "start": middle, "end": request.end},
    )
    with time_machine.travel(_at_noon(middle - timedelta(days=7)), tick=False):
        run_reminders(only=["accommodation.stay-ending"])
    # The hotel covers the rest; the hotel itself ends after the placement.
    with time_machine.travel(_at_noon(request.end - timedelta(days=7)), tick=False):
        run_reminders(only=["accommodation.stay-ending"])
    assert not Notification.objects.filter(kind="accommodation.stay_ending").exists()
    assert Application.objects.get(pk=application.pk).status == "accepted"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_host_home_and_the_matching_page_cost_the_same_queries_for_more_guests(
    client_for, housing, coordinator
):
    host = UserFactory()
    bed = _host(housing, host)
    program = housing["program"]
    first = _request(accepted_trainee(program, name="Orlov"))
    hand.assign_by_hand(
        request=first, bed=bed, by=coordinator, start=first.start, end=first.start + timedelta(1)
    )
    host_client, coordinator_client = client_for(host), client_for(coordinator)
    matching = reverse("accommodation:matching", args=[program.pk])
    before = (_queries(host_client, reverse("home")), _queries(coordinator_client, matching))
    for days, name in ((1, "Popov"), (2, "Lebedev")):
        later = _request(accepted_trainee(program, name=name))
        start = later.start + timedelta(days=days)
        hand.assign_by_hand(
            request=later, bed=bed, by=coordinator, start=start, end=start + timedelta(1)
        )
        hand.arrange_outside(
            application=later.application,
            by=coordinator,
            data={"name": "Hotel", "address": "Suwon", "start": later.start, "end": start},
        )
    after = (_queries(host_client, reverse("home")), _queries(coordinator_client, matching))
    assert after == before  # confirmed or arranged requests need no alternatives
