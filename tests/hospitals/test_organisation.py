"""A coordinator edits their own organisation, its time zone among them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Organisation
from hospitals import services

pytestmark = pytest.mark.django_db
URL = reverse("hospitals:organisation_update")


def _data(organisation, **changes):
    return {
        "name": organisation.name,
        "name_native": organisation.name_native,
        "country": organisation.country.code,
        "city": organisation.city,
        "website": organisation.website,
        "time_zone": organisation.time_zone,
        **changes,
    }


def test_a_coordinator_sets_the_organisations_time_zone(client_for, coordinator, organisation):
    client = client_for(coordinator)
    form_page = client.get(URL).content.decode()
    assert 'value="Asia/Seoul"' in form_page

    response = client.post(URL, _data(organisation, time_zone="Asia/Seoul"), follow=True)

    organisation.refresh_from_db()
    assert organisation.time_zone == "Asia/Seoul"
    page = response.content.decode()
    assert "The organisation&#x27;s details are saved." in page
    assert "time zone Asia/Seoul" in page


def test_an_unknown_time_zone_is_refused_and_nothing_changes(client_for, coordinator, organisation):
    response = client_for(coordinator).post(
        URL, _data(organisation, time_zone="Mars/Olympus_Mons", city="Seoul")
    )

    assert "time_zone" in response.context["form"].errors
    organisation.refresh_from_db()
    assert (organisation.time_zone, organisation.city) == ("UTC", "Suwon")


def test_the_service_refuses_a_coordinator_of_another_organisation(other_coordinator, organisation):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            organisation=organisation, data={"time_zone": "Asia/Seoul"}, by=other_coordinator
        )
    assert Organisation.objects.get(pk=organisation.pk).time_zone == "UTC"


def test_the_service_refuses_an_unknown_time_zone(coordinator, organisation):
    with pytest.raises(ValidationError, match="not a known time zone"):
        services.organisation_update(
            organisation=organisation, data={"time_zone": "Asia/Atlantis"}, by=coordinator
        )
