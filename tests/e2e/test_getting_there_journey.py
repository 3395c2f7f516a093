"""Seed 000 from acceptance to arrival (issue 14): a Guiyang spine surgeon accepts his
fellowship in Offenbach three months ahead, gives his visa and flight and asks for a pickup;
the coordinator finds no bed in reach, the supervisor offers his guest room and accepts the
guest by the e-mailed link, then confirms by his own link that he meets the fellow at
Frankfurt airport; readiness is all green and, on the first day, the fellowship is in
progress."""

import re
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from accommodation import services as housing
from accommodation.models import Stay
from applications.models import Application
from applications.services import offer_make
from placements import services as placements
from placements.models import Placement
from placements.plans import plan_save
from programs.models import Program
from tests.factories import (
    DEFAULT_PASSWORD,
    CoordinatorFactory,
    DepartmentFactory,
    DocumentFactory,
    DocumentReviewFactory,
    HospitalFactory,
    OrganisationFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SupervisorFactory,
    TraineeProfileFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BERLIN = ZoneInfo("Europe/Berlin")
SANA = (Decimal("50.094500"), Decimal("8.781000"))
KLAUS = "klaus.hartmann@example.org"


@pytest.fixture
def fellowship(transactional_db):
    """Three months before the start (the host's today): Li Wei holds an offer with his
    placement approved by Prof. Hartmann, the training plan shared and his passport
    verified; the only flat of the clinic's list is in Frankfurt, 7 km away."""
    offenbach = OrganisationFactory(
        name="Sana Klinikum Offenbach",
        name_native="",
        country="DE",
        city="Offenbach am Main",
        time_zone="Europe/Berlin",
    )
    coordinator = CoordinatorFactory(
        email="anna.becker@example.org",
        first_name="Anna",
        last_name="Becker",
        native_name="",
        coordinator_of=offenbach,
    )
    hospital = HospitalFactory(
        organisation=offenbach,
        name="Sana Klinikum Offenbach",
        name_native="",
        city="Offenbach am Main",
        country="DE",
        latitude=SANA[0],
        longitude=SANA[1],
    )
    spine = DepartmentFactory(hospital=hospital, name="Spinal Orthopaedics", capacity=2)
    klaus = SupervisorFactory(
        department=spine,
        user__email=KLAUS,
        user__first_name="Klaus",
        user__last_name="Hartmann",
        user__native_name="",
    ).user
    start = offenbach.today() + timedelta(days=91)
    program = PublishedProgramFactory(
        organisation=offenbach,
        kind=Program.Kind.FELLOWSHIP,
        title="Spine surgery fellowship (MD track)",
        start_date=start,
        end_date=start + timedelta(days=729),  # two years
        application_opens=offenbach.today() - timedelta(days=60),
        application_closes=offenbach.today() + timedelta(days=10),
        seats=1,
        required_documents=["passport"],
        covers_housing=True,
    )
    RotationSiteFactory(program=program, department=spine, capacity=1)
    wei = UserFactory(
        email="li.wei@example.org", first_name="Wei", last_name="Li", native_name="李伟"
    )
    TraineeProfileFactory(user=wei, nationality="CN", phone="+86 851 5555 0101")
    passport = DocumentFactory(owner=wei, type="passport")
    DocumentReviewFactory(document=passport, organisation=offenbach)
    application = Application.objects.create(
        program=program, trainee=wei, status=Application.Status.SHORTLISTED
    )
    supervisor_role = klaus.supervisor_roles.get()
    placements.fellowship_place(application=application, supervisor=supervisor_role, by=coordinator)
    placements.propose_planned(program=program, by=coordinator)
    placement = application.placements.get()
    placements.placement_decide(placement=placement, by=klaus, approve=True)
    plan_save(
        placement=placement,
        by=klaus,
        summary="Minimally invasive spine surgery, with German lessons.",
        activities=[{"week": 1, "kind": "outpatient", "description": "Spine clinic"}],
        publish=True,
    )
    offer_make(application=application, by=coordinator)
    frankfurt = housing.provider_save(
        by=coordinator,
        data={
            "name": "Frankfurt partner flat",
            "kind": "apartment",
            "address": "Zeil 1",
            "city": "Frankfurt am Main",
            "latitude": Decimal("50.110900"),
            "longitude": Decimal("8.682100"),
            "contact_name": "Housing desk",
            "contact_email": "flat@example.org",
        },
    )
    housing.bed_add(
        provider=frankfurt,
        by=coordinator,
        data={"label": "Studio", "price_per_night": Decimal("45"), "currency": "EUR"},
        windows=[(start - timedelta(days=30), program.end_date)],
    )
    return {"program": program, "application": application, "coordinator": coordinator}


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _link_in_mail(to: str, pattern: str) -> str:
    """The path of the link the portal e-mailed to `to` (the newest such mail)."""
    for message in reversed(mail.outbox):
        found = re.search(pattern, message.body)
        if to in message.to and found:
            return found.group(0)
    raise AssertionError(f"no mail to {to} with {pattern}: {[m.subject for m in mail.outbox]}")


def test_seed_000_from_acceptance_to_arrival(browser, live_server, fellowship):
    program, application = fellowship["program"], fellowship["application"]
    start = program.start_date
    arrival_day = start - timedelta(days=2)
    contexts = [browser.new_context(base_url=live_server.url) for _ in range(3)]
    for context in contexts:
        context.set_default_timeout(20_000)
    fellow, anna, klaus = (context.new_page() for context in contexts)
    try:
        # The fellow accepts the offer; his invitation letter is issued.
        _sign_in(fellow, "li.wei@example.org")
        fellow.goto(f"/applications/{application.pk}/")
        fellow.get_by_role("button", name="Accept the offer").click()
        fellow.get_by_role("link", name="Download the invitation letter (PDF)").wait_for()

        # Visa granted, then the flight into Frankfurt (local time there) and a pickup.
        fellow.get_by_role("link", name="Visa, flight and pickup").click()
        visa = fellow.locator("#visa")
        visa.get_by_label("Status").select_option(label="Granted")
        visa.get_by_label("Valid from").fill((start - timedelta(days=14)).isoformat())
        visa.get_by_label("Valid until").fill((start + timedelta(days=364)).isoformat())
        visa.get_by_role("button", name="Save the visa").click()
        fellow.get_by_text("The visa is saved.").wait_for()
        assert "valid from" in fellow.locator("#visa").inner_text()
        arrival = fellow.locator("#arrival")
        arrival.get_by_label("How do you travel?").select_option(label="Flight")
        arrival.get_by_label("Flight number").fill("CA439")
        arrival.get_by_label("Arrival airport (IATA code)").fill("fra")
        arrival.get_by_label("Arrival date").fill(arrival_day.isoformat())
        arrival.get_by_label("Arrival time").fill("06:30")
        arrival.get_by_label("I would like to be picked up").check()
        arrival.get_by_label("Meeting point").fill("Terminal 1, arrival hall B")
        arrival.get_by_role("button", name="Save the travel details").click()
        fellow.get_by_text("Your travel details are saved.").wait_for()
        local = fellow.locator("#arrival [data-local-arrival]").inner_text()
        assert "06:30" in local and "CA439" in fellow.locator("#arrival").inner_text()
        assert "A pickup is asked for" in fellow.locator("#pickup").inner_text()

        # The fellow asks for housing for his first three months (the program pays).
        application.refresh_from_db()
        housing.request_save(
            application=application,
            by=application.trainee,
            data={
                "start": start - timedelta(days=1),
                "end": start + timedelta(days=91),
                "max_km": 5,
                "notes": "",
            },
        )

        # T-3 months: the coordinator runs the matching; nothing is within 5 km.
        _sign_in(anna, "anna.becker@example.org")
        anna.goto(f"/housing/program/{program.pk}/")
        anna.get_by_role("button", name="Run the matching").click()
        anna.get_by_text("1 request could not be matched.").wait_for()
        anna.get_by_role("link", name="Review the proposals").click()
        assert "Sana Klinikum Offenbach" in anna.locator("main").inner_text()
        assert not Stay.objects.filter(request__application=application).exists()

        # Prof. Hartmann offers the guest room of his house; the coordinator lists it
        # (a host family, answering by link) and proposes it to the host.
        hartmann = housing.provider_save(
            by=fellowship["coordinator"],
            data={
                "name": "The Hartmann family",
                "kind": "host_family",
                "address": "Buchhügelallee 5",
                "city": "Offenbach am Main",
                "latitude": SANA[0] + Decimal("0.010"),
                "longitude": SANA[1] + Decimal("0.006"),
                "contact_name": "Klaus Hartmann",
                "contact_email": KLAUS,
            },
        )
        guest_room = housing.bed_add(
            provider=hartmann,
            by=fellowship["coordinator"],
            data={"label": "Guest room", "price_per_night": Decimal("0"), "currency": "EUR"},
            windows=[(start - timedelta(days=30), start + timedelta(days=365))],
        )
        anna.reload()
        beds = anna.get_by_label("Another bed")
        assert "The Hartmann family — Guest room" in beds.inner_text()
        beds.select_option(value=str(guest_room.pk))
        anna.get_by_role("button", name="Propose this bed instead").click()
        anna.get_by_text("The proposal is changed").wait_for()
        anna.get_by_role("button", name="Ask the host").click()
        anna.get_by_text("The host is asked by e-mail to accept or decline.").wait_for()

        # The professor opens the link from his e-mail (no sign-in) and accepts the guest.
        klaus.goto(_link_in_mail(KLAUS, r"/housing/host/[^/\s]+/"))
        klaus.get_by_role("heading", name="Can you host Wei?").wait_for()
        assert "Guest room" in klaus.locator("main").inner_text()
        assert "Wei Li" not in klaus.locator("main").inner_text()  # the first name only
        klaus.get_by_role("button", name="Accept the guest").click()
        klaus.get_by_text("The guest is confirmed").wait_for()

        # The coordinator names the professor as the pickup person.
        anna.goto(f"/travel/application/{application.pk}/")
        pickup = anna.locator("#pickup")
        pickup.get_by_label("Name").fill("Prof. Klaus Hartmann")
        pickup.get_by_label("E-mail address").fill(KLAUS)
        pickup.get_by_label("Phone").fill("+49 69 5550 1299")
        pickup.get_by_role("button", name="Ask this person").click()
        anna.get_by_text("The pickup person is asked by e-mail.").wait_for()

        # He confirms through his own link: the flight, the local time, the meeting point.
        klaus.goto(_link_in_mail(KLAUS, r"/travel/pickup/[^/\s]+/"))
        klaus.get_by_role("heading", name="Please meet Wei Li").wait_for()
        page_text = klaus.locator("main").inner_text()
        assert "CA439" in page_text and "06:30" in page_text and "arrival hall B" in page_text
        klaus.get_by_label("I will be there").check()
        klaus.get_by_role("button", name="Send my answer").click()
        klaus.get_by_text("Thank you, your answer is saved.").wait_for()
        assert "Confirmed" in klaus.locator("[data-pickup-status]").inner_text()

        # The fellow sees who meets him and where he lives.
        fellow.goto(f"/travel/application/{application.pk}/")
        assert (
            "Prof. Klaus Hartmann meets you." in fellow.locator("[data-pickup-person]").inner_text()
        )
        fellow.goto(f"/housing/application/{application.pk}/")
        assert "Buchhügelallee 5" in fellow.locator("main").inner_text()

        # Readiness: every column done, nothing late.
        anna.goto(f"/placements/program/{program.pk}/readiness/")
        row = anna.locator("tbody tr").filter(has_text="Li")
        cells = row.locator("td[data-item]")
        assert cells.count() == 9
        for index in range(cells.count()):
            cell = cells.nth(index)
            assert "done" in cell.inner_text(), cell.get_attribute("data-item")
        assert "table-warning" not in (row.get_attribute("class") or "")

        # The first day of the fellowship (morning in Offenbach): it is in progress.
        first_morning = datetime.combine(start, time(8), tzinfo=BERLIN)
        with time_machine.travel(first_morning, tick=False):
            assert placements.advance_by_date() == 1
        fellow.goto("/placements/mine/")
        assert "In progress" in fellow.locator("main").inner_text()
        assert application.placements.get().status == Placement.Status.IN_PROGRESS
    finally:
        for context in contexts:
            context.close()
