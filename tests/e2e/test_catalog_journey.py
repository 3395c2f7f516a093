"""Anonymous visitor: filters the public catalog by specialty and opens the Gyeonggi program."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)


def test_visitor_filters_by_specialty_and_opens_the_gyeonggi_program(page, demo):
    page.goto("/")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Programs"
    ).click()
    assert page.get_by_role("heading", name="Training programs").is_visible()
    assert page.get_by_role("link", name="Spine surgery fellowship (MD track)").is_visible()

    page.get_by_label("Specialty").select_option(label="Cardiovascular surgery")
    page.get_by_role("button", name="Apply filters").click()

    assert "specialty=" in page.url
    assert page.get_by_role("link", name="Spine surgery fellowship (MD track)").count() == 0
    gyeonggi = page.get_by_role("link", name="Global Healthcare Academy clinical training")
    assert gyeonggi.count() == 1
    gyeonggi.click()

    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Global Healthcare Academy clinical training")
    )
    body = page.locator("main").inner_text()
    assert "Myongji Hospital (명지병원)" in body
    assert "Seats" in body
    assert page.get_by_role("link", name="Apply").first.is_visible()


def test_catalog_and_program_page_fit_a_360_px_phone(phone_page, demo):
    phone_page.goto("/programs/")
    phone_page.get_by_role("button", name="Filters").click()
    phone_page.get_by_label("Kind").select_option(label="Cohort rotation")
    phone_page.get_by_role("button", name="Apply filters").click()
    phone_page.get_by_role("link", name="Global Healthcare Academy clinical training").click()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the program page is {width}px wide on a 360px screen"
    phone_page.goto("/programs/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
