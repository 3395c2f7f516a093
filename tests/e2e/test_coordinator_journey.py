"""Coordinator: signs in, creates a program with two rotation sites, publishes it and finds
it in the public catalog."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    DEFAULT_PASSWORD,
    CoordinatorFactory,
    DepartmentFactory,
    HospitalFactory,
    OrganisationFactory,
    SpecialtyFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def host(transactional_db):
    organisation = OrganisationFactory(
        name="Gyeonggi Global Healthcare Academy", name_native="경기도 글로벌 헬스케어 아카데미"
    )
    surgery = SpecialtyFactory(name="Surgery", slug="surgery")
    myongji = HospitalFactory(
        organisation=organisation, name="Myongji Hospital", name_native="명지병원"
    )
    sejong = HospitalFactory(
        organisation=organisation, name="Sejong General Hospital", name_native="세종병원"
    )
    DepartmentFactory(hospital=myongji, specialty=surgery, name="General Surgery")
    DepartmentFactory(hospital=sejong, specialty=surgery, name="Cardiac Surgery")
    coordinator = CoordinatorFactory(email="minji@example.org", coordinator_of=organisation)
    return coordinator


def _iso(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_coordinator_creates_publishes_and_finds_a_program_in_the_catalog(page, host):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("minji@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("link", name="Manage programs").click()
    page.get_by_role("link", name="New program").first.click()

    page.get_by_label("Kind").select_option(label="Cohort rotation")
    page.get_by_label("Title").fill("Minimally invasive surgery 2027")
    page.get_by_label("Summary").fill("Three weeks in two Gyeonggi hospitals.")
    page.get_by_label("Start date").fill(_iso(120))
    page.get_by_label("End date").fill(_iso(140))
    page.get_by_label("Applications open").fill(_iso(0))
    page.get_by_label("Applications close").fill(_iso(60))
    page.get_by_label("Seats").fill("6")
    page.get_by_label("Surgery").check()
    page.locator("input[name=required_documents][value=passport]").check()
    page.get_by_role("button", name="Save").click()

    assert page.get_by_role("heading", name="Minimally invasive surgery 2027").is_visible()
    for department, start, end in (("General Surgery", 120, 130), ("Cardiac Surgery", 131, 140)):
        page.get_by_role("link", name="Add a rotation site").click()
        page.get_by_label("Department").select_option(label=_option(page, department))
        page.get_by_label("From").fill(_iso(start))
        page.get_by_label("Until").fill(_iso(end))
        page.get_by_label("Capacity").fill("3")
        page.get_by_role("button", name="Save").click()
    sites = page.locator("table").first.inner_text()
    assert "Myongji Hospital" in sites and "Sejong General Hospital" in sites

    page.get_by_role("button", name="Publish").click()
    assert page.locator(".badge", has_text="Published").first.is_visible()

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Programs", exact=True
    ).click()
    page.get_by_role("searchbox").fill("명지병원")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Minimally invasive surgery 2027").click()
    assert "Sejong General Hospital (세종병원)" in page.locator("main").inner_text()


def _option(page, department: str) -> str:
    """The full label of the department's option (it also names the hospital)."""
    options = page.get_by_label("Department").locator("option").all_inner_texts()
    return next(text for text in options if department in text)
