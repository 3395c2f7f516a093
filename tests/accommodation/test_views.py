"""Housing pages: providers and beds, the trainee's request, matching with progress,
confirmation, and what the trainee sees."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accommodation.models import Bed, HousingRequest, MatchingRun, Provider, Stay
from tests.accommodation.conftest import accepted_trainee

pytestmark = pytest.mark.django_db


def test_a_coordinator_adds_a_host_family_and_a_bed_with_its_availability(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(
        reverse("accommodation:provider_create"),
        {
            "name": "The Hartmann family",
            "kind": "host_family",
            "address": "Starkenburgring 66",
            "city": "Offenbach",
            "latitude": "50.100000",
            "longitude": "8.770000",
            "contact_name": "Klaus Hartmann",
            "contact_email": "hartmann@example.de",
            "languages": "German, English",
        },
    )
    provider = Provider.objects.get()
    assert response["Location"] == reverse("accommodation:provider_detail", args=[provider.pk])
    bad = client.post(
        reverse("accommodation:provider_detail", args=[provider.pk]),
        {
            "label": "Guest room",
            "price_per_night": "0",
            "currency": "EUR",
            "gender_policy": "any",
            "available_from": "2027-05-01",
            "available_until": "2027-04-01",
        },
    )
    assert "cannot end before it starts" in bad.content.decode()
    client.post(
        reverse("accommodation:provider_detail", args=[provider.pk]),
        {
            "label": "Guest room",
            "price_per_night": "0",
            "currency": "EUR",
            "gender_policy": "any",
            "available_from": "2027-04-01",
            "available_until": "2027-09-30",
        },
    )
    bed = Bed.objects.get()
    assert bed.availability.get().end.isoformat() == "2027-09-30"
    assert "1 bed" in client.get(reverse("accommodation:provider_list")).content.decode()


def test_the_trainee_asks_for_housing_with_dates_prefilled(client_for, housing):
    program = housing["program"]
    application = accepted_trainee(program)
    client = client_for(application.trainee)
    url = reverse("accommodation:mine", args=[application.pk])
    page = client.get(url).content.decode()
    assert (program.start_date - timedelta(days=1)).isoformat() in page
    response = client.post(
        url,
        {
            "start": (program.start_date - timedelta(days=1)).isoformat(),
            "end": (program.end_date + timedelta(days=1)).isoformat(),
            "budget_per_night": "40000",
            "max_km": "5",
        },
    )
    assert response.status_code == 302
    assert HousingRequest.objects.get(application=application).status == "open"


def test_run_progress_proposals_confirm_and_the_trainee_sees_the_address(
    client_for, coordinator, housing, django_capture_on_commit_callbacks
):
    program = housing["program"]
    application = accepted_trainee(program)
    HousingRequest.objects.create(
        application=application,
        start=program.start_date,
        end=program.end_date,
        budget_per_night=40000,
        max_km=5,
    )
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accommodation:matching", args=[program.pk]))
    progress = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "1 proposal is ready to review." in progress and "hx-trigger" not in progress
    assert "These proposals are optimal" in progress
    page = client.get(reverse("accommodation:matching", args=[program.pk])).content.decode()
    assert "Ajou dormitory" in page and "km from Ajou" in page
    stay = Stay.objects.get(status="proposed")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accommodation:stay_confirm", args=[stay.pk]))
    trainee_page = (
        client_for(application.trainee)
        .get(reverse("accommodation:mine", args=[application.pk]))
        .content.decode()
    )
    assert "164 World cup-ro" in trainee_page and "dorm@example.kr" in trainee_page
    readiness = client_for(coordinator).get(reverse("dashboards:readiness", args=[program.pk]))
    (row,) = readiness.context["rows"]
    assert {item.key: item.done for item in row.items}["accommodation"] is True


def test_a_run_the_solver_could_not_prove_says_how_far_from_the_best_it_may_be(
    client_for, coordinator, housing
):
    run = MatchingRun.objects.create(
        organisation=coordinator.coordinator_of,
        program=housing["program"],
        status=MatchingRun.Status.DONE,
        housed=40,
        optimal=False,
        housed_gap=2,
        cost_gap=3.46,
    )
    page = client_for(coordinator).get(reverse("accommodation:run", args=[run.pk]))
    assert "within 2 housed and 3.5 % of cost of the best possible" in page.content.decode()


def test_the_coordinator_proposes_another_bed_but_not_one_that_breaks_a_rule(
    client_for, coordinator, housing
):
    program = housing["program"]
    application = accepted_trainee(program, sex="M")
    request = HousingRequest.objects.create(
        application=application,
        start=program.start_date,
        end=program.end_date,
        budget_per_night=40000,
        max_km=5,
    )
    client = client_for(coordinator)
    page = client.get(reverse("accommodation:matching", args=[program.pk])).content.decode()
    assert "Propose this bed instead" in page and "Room 1" in page
    women_only, far = housing["beds"][1], housing["beds"][2]
    url = reverse("accommodation:stay_propose", args=[request.pk])
    refused = client.post(url, {"bed": women_only.pk}, follow=True).content.decode()
    assert "does not suit the trainee" in refused
    refused = client.post(url, {"bed": far.pk}, follow=True).content.decode()
    assert "farther than 5 km" in refused
    client.post(url, {"bed": housing["beds"][0].pk})
    stay = Stay.objects.get(request=request, status="proposed")
    assert stay.bed == housing["beds"][0] and "Chosen by" in stay.explanation


def test_a_host_family_manages_its_own_listing_and_sees_its_guests(client_for, housing):
    from tests.factories import UserFactory

    host = UserFactory(first_name="Klaus", last_name="Hartmann")
    provider = housing["far"]
    provider.managed_by = host
    provider.save()
    client = client_for(host)
    assert provider.name in client.get(reverse("accommodation:my_listings")).content.decode()
    client.post(
        reverse("accommodation:provider_detail", args=[provider.pk]),
        {
            "label": "Guest room",
            "price_per_night": "0",
            "currency": "EUR",
            "gender_policy": "any",
            "available_from": "2027-04-01",
            "available_until": "2027-09-30",
        },
    )
    assert provider.beds.filter(label="Guest room").exists()
    stranger = client_for(UserFactory())
    assert (
        stranger.get(reverse("accommodation:provider_detail", args=[provider.pk])).status_code
        == 404
    )


def test_the_coordinator_names_the_listings_manager_and_prices_by_the_month(
    client_for, coordinator, housing
):
    from tests.factories import UserFactory

    host = UserFactory(email="hartmann@example.de")
    provider = housing["far"]
    client = client_for(coordinator)
    data = {
        "name": provider.name,
        "kind": provider.kind,
        "address": provider.address,
        "city": provider.city,
        "latitude": provider.latitude,
        "longitude": provider.longitude,
        "contact_name": provider.contact_name,
        "contact_email": provider.contact_email,
    }
    unknown = client.post(
        reverse("accommodation:provider_update", args=[provider.pk]),
        {**data, "manager_email": "nobody@example.org"},
    )
    assert "Nobody with this e-mail address" in unknown.content.decode()
    client.post(
        reverse("accommodation:provider_update", args=[provider.pk]),
        {**data, "manager_email": "HARTMANN@example.de"},
    )
    provider.refresh_from_db()
    assert provider.managed_by == host
    bed_url = reverse("accommodation:provider_detail", args=[provider.pk])
    window = {
        "currency": "KRW",
        "gender_policy": "any",
        "available_from": "2027-04-01",
        "available_until": "2027-09-30",
    }
    missing = client.post(bed_url, {**window, "label": "Room"})
    assert "Give a price per night or per month." in missing.content.decode()
    client.post(bed_url, {**window, "label": "Monthly room", "price_per_month": "900000"})
    assert str(Bed.objects.get(label="Monthly room").price_per_night) == "30000.00"
