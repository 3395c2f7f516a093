"""A coordinator runs the housing matching for a program, watches it finish, confirms the
proposal; the trainee sees the address, the contact and the dates."""

from decimal import Decimal

import pytest

from accommodation.models import HousingRequest
from tests.accommodation.conftest import accepted_trainee, make_housing
from tests.factories import DEFAULT_PASSWORD, CoordinatorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    coordinator = CoordinatorFactory(email="minji@example.org")
    return coordinator


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_run_matching_confirm_and_the_trainee_sees_the_housing(browser, live_server, world):
    coordinator = world
    housing = make_housing(coordinator)
    program = housing["program"]
    application = accepted_trainee(program, name="Smirnov")
    HousingRequest.objects.create(
        application=application,
        start=program.start_date,
        end=program.end_date,
        budget_per_night=Decimal("40000"),
        max_km=5,
    )
    contexts = [browser.new_context(base_url=live_server.url) for _ in range(2)]
    host, trainee = (context.new_page() for context in contexts)
    try:
        _sign_in(host, "minji@example.org")
        host.goto(f"/housing/program/{program.pk}/")
        host.get_by_role("button", name="Run the matching").click()
        host.get_by_text("1 proposal is ready to review.").wait_for()
        host.get_by_role("link", name="Review the proposals").click()
        host.get_by_text("km from Ajou").first.wait_for()
        host.get_by_role("button", name="Confirm").click()
        host.get_by_text("The stay is confirmed").wait_for()

        _sign_in(trainee, application.trainee.email)
        trainee.goto(f"/housing/application/{application.pk}/")
        trainee.get_by_text("Your housing is confirmed").wait_for()
        assert "164 World cup-ro" in trainee.content()
        assert "dorm@example.kr" in trainee.content()
    finally:
        for context in contexts:
            context.close()
