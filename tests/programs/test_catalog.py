"""The public catalog: published programs that have not ended, filters, search, detail."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from programs.models import Program
from reference.models import Specialty
from tests.factories import (
    DepartmentFactory,
    HospitalFactory,
    OrganisationFactory,
    ProgramFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SpecialtyFactory,
)

LIST_URL = reverse("catalog:list")


def titles(response):
    return [card["title"] for card in response.context["cards"]]


@pytest.fixture
def offenbach_fellowship(other_organisation):
    """Published in Germany, in German, a fellowship starting in a known month."""
    today = timezone.localdate()
    start = today.replace(day=1) + timedelta(days=200)
    start = start.replace(day=1)
    program = PublishedProgramFactory(
        organisation=other_organisation,
        title="Spine fellowship",
        kind=Program.Kind.FELLOWSHIP,
        working_language="de",
        application_closes=start - timedelta(days=30),
        start_date=start,
        end_date=start + timedelta(days=700),
        specialties=[SpecialtyFactory(name="Orthopedics", slug="orthopedics")],
    )
    RotationSiteFactory(
        program=program,
        department=DepartmentFactory(
            hospital=HospitalFactory(
                organisation=other_organisation, name="Sana Klinikum", country="DE", name_native=""
            )
        ),
    )
    return program


def test_catalog_lists_published_programs_only(client, published_program, draft_program):
    response = client.get(LIST_URL)
    assert titles(response) == ["Gyeonggi cohort rotation"]


def test_catalog_hides_programs_that_have_ended(client, organisation):
    today = timezone.localdate()
    PublishedProgramFactory(
        organisation=organisation,
        title="Last year",
        application_opens=today - timedelta(days=400),
        application_closes=today - timedelta(days=380),
        start_date=today - timedelta(days=370),
        end_date=today - timedelta(days=1),
    )
    assert titles(client.get(LIST_URL)) == []


def test_catalog_is_ordered_by_start_date(client, published_program, offenbach_fellowship):
    later = PublishedProgramFactory(
        title="Later program",
        start_date=offenbach_fellowship.start_date + timedelta(days=1),
        end_date=offenbach_fellowship.end_date,
    )
    assert titles(client.get(LIST_URL)) == [
        published_program.title,
        offenbach_fellowship.title,
        later.title,
    ]


def test_card_shows_host_fee_and_application_window(client, published_program):
    content = client.get(LIST_URL).content.decode()
    assert "Gyeonggi Global Healthcare Academy (경기도)" in content
    assert "Free" in content
    assert "Applications open until" in content


def test_card_says_when_applications_will_open(client, organisation):
    today = timezone.localdate()
    PublishedProgramFactory(organisation=organisation, application_opens=today + timedelta(days=5))
    assert "Applications open on" in client.get(LIST_URL).content.decode()


def test_catalog_paginates_by_twelve_with_a_total(client, organisation):
    PublishedProgramFactory.create_batch(13, organisation=organisation)
    response = client.get(LIST_URL)
    assert len(response.context["cards"]) == 12
    assert "13 results" in response.content.decode()
    assert len(client.get(LIST_URL, {"page": 2}).context["cards"]) == 1


def test_filter_by_specialty(client, published_program, offenbach_fellowship):
    orthopedics = Specialty.objects.get(slug="orthopedics")
    assert titles(client.get(LIST_URL, {"specialty": orthopedics.pk})) == ["Spine fellowship"]


def test_filter_by_country_of_the_hospitals(client, published_program, offenbach_fellowship):
    assert titles(client.get(LIST_URL, {"country": "DE"})) == ["Spine fellowship"]
    assert titles(client.get(LIST_URL, {"country": "KR"})) == ["Gyeonggi cohort rotation"]


def test_filter_by_country_of_the_host_organisation(client, db):
    host = OrganisationFactory(country="CN")
    program = PublishedProgramFactory(organisation=host, title="Shanghai posting")
    RotationSiteFactory(program=program, department__hospital__country="KR")
    assert titles(client.get(LIST_URL, {"country": "CN"})) == ["Shanghai posting"]


def test_filter_by_kind(client, published_program, offenbach_fellowship):
    assert titles(client.get(LIST_URL, {"kind": "fellowship"})) == ["Spine fellowship"]


def test_filter_by_start_month(client, published_program, offenbach_fellowship):
    month = offenbach_fellowship.start_date.strftime("%Y-%m")
    assert titles(client.get(LIST_URL, {"month": month})) == ["Spine fellowship"]


def test_filter_by_working_language(client, published_program, offenbach_fellowship):
    assert titles(client.get(LIST_URL, {"language": "de"})) == ["Spine fellowship"]


def test_search_finds_a_native_script_hospital_name(
    client, published_program, offenbach_fellowship
):
    assert titles(client.get(LIST_URL, {"q": "명지병원"})) == ["Gyeonggi cohort rotation"]


def test_search_finds_a_latin_hospital_name(client, published_program, offenbach_fellowship):
    assert titles(client.get(LIST_URL, {"q": "sana klinikum"})) == ["Spine fellowship"]


def test_search_finds_the_organisation_native_name(client, published_program):
    assert titles(client.get(LIST_URL, {"q": "경기도"})) == ["Gyeonggi cohort rotation"]


def test_search_lists_a_program_once_even_with_several_matching_sites(
    client, published_program, myongji
):
    RotationSiteFactory(
        program=published_program, department=DepartmentFactory(hospital=myongji, name="Spine")
    )
    response = client.get(LIST_URL, {"q": "Myongji", "country": "KR"})
    assert titles(response) == ["Gyeonggi cohort rotation"]


def test_no_match_shows_an_empty_state(client, published_program):
    response = client.get(LIST_URL, {"q": "nothing like this"})
    assert "No programs match your search" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"month": "2025-13"},
        {"month": "banana"},
        {"specialty": "999999"},
        {"specialty": "abc"},
        {"country": "XX"},
        {"kind": "nonsense"},
        {"language": "tlh"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"q": "%' OR 1=1 --"},
    ],
    ids=lambda params: "-".join(f"{k}={v}" for k, v in params.items()),
)
def test_garbage_query_parameters_never_fail(client, published_program, params):
    assert client.get(LIST_URL, params).status_code == 200


def test_filters_sit_in_an_off_canvas_panel_with_a_button(client, db):
    content = client.get(LIST_URL).content.decode()
    assert 'class="offcanvas-lg offcanvas-start"' in content
    assert 'data-bs-target="#catalog-filters"' in content
    assert 'type="month"' in content


def test_detail_shows_hospitals_with_native_names_and_seats_left(client, published_program):
    response = client.get(reverse("catalog:detail", args=[published_program.pk]))
    content = response.content.decode()
    assert "Myongji Hospital (명지병원)" in content
    assert "Goyang" in content
    assert response.context["seats_left"] == published_program.seats
    assert "Passport" in content


def test_detail_invites_anonymous_visitors_to_sign_up_and_come_back(client, published_program):
    url = reverse("catalog:detail", args=[published_program.pk])
    content = client.get(url).content.decode()
    assert f'href="{reverse("account_signup")}?next={url}"' in content


def test_detail_lets_signed_in_trainees_apply_then_continue(client_for, trainee, published_program):
    url = reverse("catalog:detail", args=[published_program.pk])
    client = client_for(trainee)
    content = client.get(url).content.decode()
    start = reverse("applications:start", args=[published_program.pk])
    assert f'action="{start}"' in content
    client.post(start)
    assert "Continue your application" in client.get(url).content.decode()


def test_detail_of_a_draft_is_not_found(client, draft_program):
    assert client.get(reverse("catalog:detail", args=[draft_program.pk])).status_code == 404


def test_detail_of_a_program_that_ended_is_not_found(client, organisation):
    today = timezone.localdate()
    program = ProgramFactory(
        organisation=organisation,
        status=Program.Status.PUBLISHED,
        application_opens=today - timedelta(days=400),
        application_closes=today - timedelta(days=380),
        start_date=today - timedelta(days=370),
        end_date=today - timedelta(days=1),
    )
    assert client.get(reverse("catalog:detail", args=[program.pk])).status_code == 404


def test_card_links_to_the_catalog_detail_page(client, published_program):
    response = client.get(LIST_URL)
    url = reverse("catalog:detail", args=[published_program.pk])
    assert response.context["cards"][0]["url"] == url
    assert f'href="{url}"' in response.content.decode()


def test_card_shows_the_fee_when_not_free(client, organisation):
    PublishedProgramFactory(organisation=organisation, fee="1500.00", currency="EUR")
    assert "1500.00 EUR" in client.get(LIST_URL).content.decode()
