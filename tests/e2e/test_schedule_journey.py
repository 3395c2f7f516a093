"""A coordinator opens the cohort schedule, uses suggest (reviews the plan, applies it),
adjusts one cell and sends the requests; two supervisors approve in their inboxes (one writes a training plan); after the
offers are accepted the readiness dashboard shows the supervisor column complete, and a
trainee sees the rotation and the training plan."""

import re

import pytest

from applications import services as applications
from placements.models import Placement
from tests.factories import DEFAULT_PASSWORD, CoordinatorFactory
from tests.placements.conftest import make_cohort, shortlisted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(transactional_db):
    coordinator = CoordinatorFactory(email="minji@example.org")
    data = make_cohort(coordinator)
    neuro, uro = data["sites"]
    trainees = [
        shortlisted(data["program"], name="Smirnov", preferences=[neuro, uro]),
        shortlisted(data["program"], name="Volkova", preferences=[uro, neuro]),
    ]
    for supervisor in data["supervisors"]:
        supervisor.user.set_password(DEFAULT_PASSWORD)
        supervisor.user.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=supervisor.user,
            email=supervisor.user.email,
            defaults={"verified": True, "primary": True},
        )
    return {**data, "coordinator": coordinator, "applications": trainees}


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_schedule_suggest_adjust_propose_approve_and_readiness(browser, live_server, world):
    program = world["program"]
    contexts = []

    def new_page():
        context = browser.new_context(base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    try:
        host = new_page()
        _sign_in(host, "minji@example.org")
        host.goto(f"/placements/program/{program.pk}/schedule/")
        host.get_by_role("button", name="Suggest for empty weeks").click()
        host.get_by_text("The suggestion is ready").wait_for()  # computed by a task
        host.get_by_role("link", name="Open the result").click()
        host.get_by_text("Smirnov").first.wait_for()  # the plan, per trainee, not saved yet
        host.get_by_role("button", name="Apply the suggestion").click()
        host.get_by_text("Suggestion applied").wait_for()
        # Adjust one cell in place: Smirnov's last week goes to urology instead.
        smirnov, uro = world["applications"][0], world["sites"][1]
        edit = f"/placements/program/{program.pk}/schedule/trainee/{smirnov.pk}/week/3/"
        host.locator(f'a[hx-get="{edit}"]').click()
        host.get_by_label(re.compile(r"Site for .*, week 4")).select_option(str(uro.pk))
        host.get_by_role("button", name="Save").click()
        changed = host.locator(f'a[hx-get="{edit}"]', has_text=uro.department.hospital.name)
        changed.wait_for()
        # htmx moves the focus to the saved cell (autofocus) once the swap has settled.
        host.wait_for_function(
            "edit => document.activeElement && document.activeElement.getAttribute('hx-get') === edit",
            arg=edit,
        )
        assert host.locator(f"#load-{uro.pk}-3").inner_text() == "2 / 2"  # the footer too
        host.get_by_role("button", name="Send").click()
        host.get_by_text("placement request(s) sent to supervisors").wait_for()

        for supervisor in world["supervisors"]:
            page = new_page()
            _sign_in(page, supervisor.user.email)
            page.get_by_role("link", name="Placement requests").first.click()
            for box in page.locator("input[name=selected]").all():
                box.check()
            page.get_by_role("button", name="Approve selected").click()
            page.get_by_text("placement(s) approved").wait_for()

        assert not Placement.objects.exclude(status="approved").exists()
        neuro_placement = Placement.objects.filter(
            application=smirnov, supervisor=world["supervisors"][0]
        ).first()
        supervisor_page = new_page()
        _sign_in(supervisor_page, world["supervisors"][0].user.email)
        supervisor_page.goto(f"/placements/{neuro_placement.pk}/plan/")
        supervisor_page.locator("#id_activities-0-week").fill("1")
        supervisor_page.locator("#id_activities-0-kind").select_option("ward_round")
        supervisor_page.locator("#id_activities-0-description").fill("Morning rounds at 7:30")
        supervisor_page.get_by_role("button", name="Save and share with the trainee").click()
        supervisor_page.get_by_text("The training plan is saved.").wait_for()

        for application in world["applications"]:
            applications.offer_make(application=application, by=world["coordinator"])
            applications.offer_accept(application=application, by=application.trainee)

        host.goto(f"/placements/program/{program.pk}/readiness/")
        header = host.locator("th", has_text="Supervisors assigned and approved")
        assert "2 of 2" in header.inner_text()

        trainee = new_page()
        _sign_in(trainee, smirnov.trainee.email)
        trainee.get_by_role("link", name="My rotation").click()
        trainee.get_by_text(world["sites"][0].department.hospital.name).first.wait_for()
        trainee.get_by_role("link", name="Training plan").first.click()
        trainee.get_by_text("Morning rounds at 7:30").wait_for()
    finally:
        for context in contexts:
            context.close()
