"""A stay split into segments (one proposal per block of hospitals) is confirmed segment by
segment: confirming one keeps the others, and the request is confirmed with the last."""

from datetime import timedelta

import pytest

from accommodation import hosts, services
from accommodation.models import HousingRequest, Stay
from tests.accommodation.conftest import accepted_trainee
from tests.accommodation.test_no_dead_ends import _host, _request

pytestmark = pytest.mark.django_db


def _segments(housing, request, beds):
    middle = request.start + (request.end - request.start) // 2
    HousingRequest.objects.filter(pk=request.pk).update(status=HousingRequest.Status.PROPOSED)
    return [
        Stay.objects.create(request=request, bed=beds[0], start=request.start, end=middle),
        Stay.objects.create(request=request, bed=beds[1], start=middle, end=request.end),
    ]


def test_confirming_one_segment_keeps_the_next_and_the_last_confirms_the_request(
    housing, coordinator
):
    request = _request(accepted_trainee(housing["program"]))
    first, second = _segments(housing, request, [housing["beds"][0], housing["beds"][2]])

    services.stay_confirm(stay=first, by=coordinator)

    second.refresh_from_db()
    request.refresh_from_db()
    assert second.status == Stay.Status.PROPOSED
    assert request.status == HousingRequest.Status.PROPOSED
    services.stay_confirm(stay=second, by=coordinator)
    request.refresh_from_db()
    assert request.status == HousingRequest.Status.CONFIRMED
    assert first.end == second.start


def test_a_host_accepting_one_segment_leaves_the_other_waiting(housing, coordinator):
    request = _request(accepted_trainee(housing["program"]))
    first, second = _segments(housing, request, [_host(housing), housing["beds"][0]])
    overlapping = Stay.objects.create(
        request=request, bed=housing["beds"][2], start=first.start, end=first.start + timedelta(1)
    )

    hosts.accept(hosts.ask_host(stay=first, by=coordinator))

    statuses = dict(Stay.objects.filter(request=request).values_list("pk", "status"))
    assert statuses == {first.pk: "confirmed", second.pk: "proposed", overlapping.pk: "cancelled"}
    request.refresh_from_db()
    assert request.status == HousingRequest.Status.PROPOSED
